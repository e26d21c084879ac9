"""HIPS autograd compatibility: the ``autograd.core`` import path.

Re-exports the extension API and the VJP/JVP makers under the names that
downstream packages import from ``autograd.core``.  ``primitive_vjps`` and
``primitive_jvps`` are mappings over the *active* rule registry (see
:class:`RuleTableView`), so HIPS-style code that looks rules up, or pops and
restores one, keeps working without a global dict.
"""

from types import MappingProxyType as _Proxy

from . import rules as _rules
from .differential_operators import make_jvp as _make_jvp_nary
from .differential_operators import make_vjp as _make_vjp_nary
from .extend import (  # noqa: F401
    Box, JVPNode, SparseObject, VJPNode, VSpace, def_linear, defjvp, defjvp_argnum,
    defjvp_argnums, defvjp, defvjp_argnum, defvjp_argnums, getval, isbox, notrace_primitive,
    primitive, register_notrace, vspace,
)
from .tracer import Node, toposort, trace  # noqa: F401
from .vspace import accumulate as _accumulate
from .vspace import densify as _densify


def make_vjp(fun, x):
    """``(vjp, fun(x))`` for a one-argument ``fun`` (HIPS ``autograd.core.make_vjp``)."""
    return _make_vjp_nary(fun)(x)


def make_jvp(fun, x):
    """``jvp`` with ``jvp(t) == (fun(x), J t)`` for a one-argument ``fun``."""
    return _make_jvp_nary(fun)(x)


def backward_pass(g, end_node):
    """Cotangent of the input of a reverse trace, given ``g`` for its output.

    HIPS's signature, for code that traces by hand::

        start_node = VJPNode.new_root()
        end_value, end_node = trace(start_node, fun, x)
        backward_pass(g, end_node)

    Nodes are visited in topological order through their ``parents`` (such
    traces keep no tape), and the graph stays intact, so it may be walked
    again.  ``differential_operators`` use the engine's tape-based pass.
    """
    cts = {end_node: (g, False)}
    ct = g
    for node in toposort(end_node):
        ct, _ = cts.pop(node, (None, False))
        if ct is None or node.rule is None:
            continue
        ct = _densify(ct)
        parent_cts = node.rule(ct, node.ans, node.args, node.kwargs, node.argnums)
        for parent, parent_ct in zip(node.parents, parent_cts):
            if parent_ct is not None:
                prev, owned = cts.get(parent, (None, False))
                cts[parent] = _accumulate(prev, parent_ct, owned)
    if ct is None:
        ans = getattr(node, "ans", None)
        return None if ans is None else vspace(ans).zeros()
    return _densify(ct)


class RuleTableView:
    """The VJP (or JVP) rules of the registry that is active *at each access*.

    HIPS autograd keeps its rules in module-level dicts, and code does
    ``primitive_vjps[f]``, ``f in primitive_vjps`` or ``primitive_vjps.pop(f)``
    and later ``primitive_vjps[f] = rule``.  Here the rules live in a registry
    object (``autograd.rules.active()``; ``autograd.rules.isolated()`` swaps in
    a private one), and this view forwards every operation to whichever
    registry is active then, so changes made inside ``isolated()`` stay there.

    Keys may be primitives (``autograd.numpy.sin``) or the raw callables rules
    are keyed by (``numpy.sin``).  Values are this library's rule objects, not
    HIPS's ``{argnum: maker}`` dicts, but a value read here can be stored back,
    and a ``{argnum: maker}`` dict (HIPS-style makers) is accepted on store.
    Lookups load pending plugin rule sets as the engine would.  Calling the
    view, ``primitive_vjps()``, returns a read-only snapshot proxy (the older
    API of this module).
    """

    __slots__ = ("_kind",)

    def __init__(self, kind):
        self._kind = kind

    def _table(self, registry):
        return registry.vjps if self._kind == "vjp" else registry.jvps

    def _lookup(self, fun):
        registry = _rules.active()
        raw = _rules.raw_of(fun)
        raw = registry.via.get(raw, raw)
        lookup = registry.vjp_rule if self._kind == "vjp" else registry.jvp_rule
        return registry, raw, lookup(raw)

    def __call__(self):
        return _Proxy(self._table(_rules.active()))

    def __getitem__(self, fun):
        _, _, rule = self._lookup(fun)
        if rule is None:
            raise KeyError(fun)
        return rule

    def get(self, fun, default=None):
        rule = self._lookup(fun)[2]
        return default if rule is None else rule

    def __contains__(self, fun):
        return self._lookup(fun)[2] is not None

    def __iter__(self):
        return iter(list(self._table(_rules.active())))

    def __len__(self):
        return len(self._table(_rules.active()))

    def keys(self):
        return list(self)

    def values(self):
        return list(self._table(_rules.active()).values())

    def items(self):
        return list(self._table(_rules.active()).items())

    def __setitem__(self, fun, rule):
        if isinstance(rule, dict):   # HIPS form: {argnum: maker}
            argnums = sorted(rule)
            define = _rules.defvjp if self._kind == "vjp" else _rules.defjvp
            define(fun, *[rule[i] for i in argnums], argnums=argnums)
            return
        registry, raw, _ = self._lookup(fun)
        registry.set_rule(self._kind, raw, rule)

    def pop(self, fun, *default):
        registry, raw, rule = self._lookup(fun)
        if rule is None:
            if default:
                return default[0]
            raise KeyError(fun)
        registry.remove_rule(self._kind, raw)
        return rule

    def __delitem__(self, fun):
        self.pop(fun)

    def __repr__(self):
        return f"<active {self._kind.upper()} rules: {len(self)} entries>"


primitive_vjps = RuleTableView("vjp")
primitive_jvps = RuleTableView("jvp")


# As in HIPS autograd, autograd.core.primitive gives primitives the deprecated
# defgrad / defvjp / defvjp_is_zero methods (autograd.extend.primitive does not).
from ._deprecated import primitive_with_deprecation_warnings  # noqa: E402

primitive = primitive_with_deprecation_warnings  # noqa: F811
