"""The tracing engine: boxes, traces, primitives and the reverse pass.

How a gradient is computed
--------------------------
``grad(f)(x)`` opens a :class:`Trace`, wraps ``x`` in a :class:`Box` that
belongs to it, and calls ``f``.  Every *primitive* called on that box unboxes
its arguments, runs the raw function, appends one :class:`VJPNode` to the
trace's tape and boxes the result.  The tape is therefore already in execution
order, and the reverse pass is one backwards loop over a list: no recursion,
no topological sort.  A node whose output received no cotangent is skipped;
each cotangent is dropped as soon as its rule has consumed it.

Forward mode is the same tracer with another node type: a :class:`JVPNode`
carries a tangent, computed by the JVP rule at the moment the primitive runs.
A trace may also be started from a user's :class:`Node` subclass (HIPS's
custom tracers, see :mod:`autograd.tracer`): each call then constructs one
such node and no rule is looked up.

``vmap`` (:mod:`autograd.batching`) is a third kind of trace: its node type
is :class:`SelfRecording`, so ``_record`` hands it each call before running
anything, and it applies the primitive's batching rule to the stacked values.

Why traces have levels
----------------------
Take ``grad(lambda x: x * grad(lambda y: x * y)(2.0))(3.0)``.  The outer call
opens trace T1 and boxes ``x``; the inner call opens T2 (created later, so
with a higher level) and boxes ``y``.  Inside, ``x * y`` sees a T1-box and a
T2-box.  The primitive works on the innermost trace first: it unboxes only
``y`` (T2) and calls itself again with ``x`` still boxed; that inner call
unboxes ``x`` for T1.  So the product is recorded on both tapes, and the
inner gradient (which is ``x``, a T1-box) stays differentiable for the outer
``grad``.  Levels come from one global counter, so a nested trace always has
a higher level than the traces that enclose it, in any thread.

Constant boxes
--------------
The one per-thread state is the list of traces whose functions are running
(:func:`constant_box` asks it): an array made inside a differentiated
function (``autograd.numpy.zeros``) is a *constant box*, on a trace of level
0 below every other, so that it can later take traced values (``out[i] = v``)
while keeping its identity.  Operations on constants alone give plain values
(the constant trace records nothing); a constant box meeting a traced value
is passed on by value, so a later write into it cannot alter what a rule kept.
"""

import itertools
import sys
import weakref
from _thread import _local as _thread_local  # threading.local, without importing threading
from _thread import allocate_lock as _allocate_lock

from . import rules as _rules
from .rules import MissingRuleError, fun_name
from .vspace import (
    _SPARSE, _fast_adders, _vspace_makers, accumulate, box_types, densify, family_of, type_miss,
    vspace,
)

__all__ = [
    "Box", "Trace", "Node", "VJPNode", "JVPNode", "primitive", "notrace_primitive", "mark_primitive",
    "is_primitive",
    "register_notrace", "isbox", "getval", "new_box", "box_types",
    "trace_reverse", "backward_pass", "trace_forward", "constant_box", "is_constant",
]

_levels = itertools.count(1)
_passthrough = {int, bool, str, type(None), bytes}


class Trace:
    """One differentiation pass: a level, a mode and (in reverse mode) a tape.

    A ``graph_only`` reverse trace records the primitive calls without needing
    their VJP rules (``autograd.misc.const_graph`` replays the tape, it never
    differentiates it).

    ``node_type`` is set only on traces started from a user-defined node class
    (HIPS-style custom tracers, see :mod:`autograd.tracer`): each primitive call
    then builds one such node instead of applying a rule.  Those traces are
    marked ``forward`` so that the check costs nothing on the reverse path.
    """

    __slots__ = ("level", "tape", "forward", "graph_only", "node_type")

    def __init__(self, forward=False, graph_only=False):
        self.level = next(_levels)
        self.forward = forward
        self.graph_only = graph_only
        self.node_type = None
        self.tape = None if forward else []

    def __repr__(self):
        return f"<Trace level={self.level} {'fwd' if self.forward else 'rev'}>"


class Box:
    """A value being traced.  Subclasses add the operators of their value type."""

    __slots__ = ("_value", "_trace", "_node")
    _is_autograd_box = True
    # HIPS names: ``type_mappings[value_type]`` is a box class or any callable
    # ``(value, trace, node) -> box``; ``types`` holds the registered classes.
    type_mappings = box_types
    types = set()

    def __init__(self, value, trace, node):
        self._value = value
        self._trace = trace
        self._node = node

    def __bool__(self):
        return bool(self._value)

    # ``.real`` and ``.imag`` are defined once, here, for every box type; a
    # subclass names the primitive that computes them (``_real``/``_imag``).
    # HIPS's Box has neither, so code written for it adds them at run time
    # (``Box.real = property(...)``); a subclass property would hide that.
    _real = _imag = None

    @property
    def real(self):
        fun = type(self)._real
        if fun is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute 'real'")
        return fun(self)

    @property
    def imag(self):
        fun = type(self)._imag
        if fun is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute 'imag'")
        return fun(self)

    def __repr__(self):
        return f"Autograd {type(self).__name__} with value {self._value!r}"

    __str__ = __repr__
    __hash__ = object.__hash__

    @classmethod
    def register(cls, value_type):
        """Use this box class for values of ``value_type`` (exact type)."""
        box_types[value_type] = cls
        box_types[cls] = cls
        Box.types.add(cls)


def isbox(x):
    """Is ``x`` a box (a value being traced)?"""
    return isinstance(x, Box)


def getval(x):
    """The raw value under any number of boxes.

    Inside ``vmap`` the raw value of a batched box is the whole stack of
    examples; it comes marked (``stacked_marks``, filled by the value type's
    batch hooks) so that a rule mixing it with batched values is refused
    instead of treating the stack as one example.
    """
    while isinstance(x, Box):
        if x._trace.node_type is SelfRecording:
            while isinstance(x, Box):
                x = x._value
            mark = stacked_marks.get(type(x))
            return x if mark is None else mark(x)
        x = x._value
    return x


# raw type -> function giving a stacked value the marked type (autograd.batching)
stacked_marks = {}


def new_box(value, trace, node):
    cls = box_types.get(type(value))
    if cls is not None:
        return cls(value, trace, node)
    if type_miss(type(value)):
        cls = box_types.get(type(value))
        if cls is not None:
            return cls(value, trace, node)
    try:
        vspace(value)
    except TypeError:
        raise TypeError(
            f"Can't differentiate w.r.t. type {type(value).__name__!r}: no box is "
            "registered for it. Differentiable values are floats, complex numbers, "
            "arrays (with autograd-numpy) and containers of those; for a number, "
            "pass a float (e.g. 1.0 instead of 1)."
        ) from None
    family = family_of(getval(value))   # containers (autograd.builtins)
    if family is None:
        raise TypeError(f"Can't box a value of type {type(value).__name__!r}")
    return family[1](value, trace, node)


class Node:
    """Base of node types (HIPS's ``autograd.tracer.Node`` protocol).

    A user-defined subclass implements ``__init__(self, value, fun, args,
    kwargs, parent_argnums, parents)``, called once per primitive call on a
    trace started from one of its roots, and ``initialize_root(...)``, called
    by :meth:`new_root`.  See :func:`autograd.tracer.trace`.
    """

    __slots__ = ()

    def __init__(self, value, fun, args, kwargs, parent_argnums, parents):
        raise NotImplementedError(f"{type(self).__name__} must define __init__")

    def initialize_root(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must define initialize_root")

    @classmethod
    def new_root(cls, *args, **kwargs):
        root = cls.__new__(cls)
        root.initialize_root(*args, **kwargs)
        return root


class VJPNode(Node):
    """A tape entry: enough to apply the VJP rule of one primitive call."""

    __slots__ = ("g", "owned", "rule", "fun", "argnums", "parents", "args", "kwargs", "ans")

    def __init__(self, rule, fun, argnums, parents, args, kwargs, ans):
        self.g = None
        self.owned = False
        self.rule = rule
        self.fun = fun
        self.argnums = argnums
        self.parents = parents
        self.args = args
        self.kwargs = kwargs
        self.ans = ans

    @classmethod
    def new_root(cls, *args):
        return cls(None, None, (), (), (), None, None)

    @property
    def vjp(self):
        """HIPS's ``node.vjp(g)``: the cotangents for ``parents`` (``None`` = zero)."""
        if self.rule is None:
            return lambda g: ()
        return lambda g: self.rule(g, self.ans, self.args, self.kwargs, self.argnums)


class JVPNode(Node):
    """Forward-mode node: just the tangent of the boxed value (``None`` = zero)."""

    __slots__ = ("g",)

    def __init__(self, g):
        self.g = g

    @classmethod
    def new_root(cls, g):
        return cls(g)


# ----------------------------------------------------------------- primitives

_EMPTY = {}
_ARG0, _ARG1, _ARG01 = (0,), (1,), (0, 1)
_rule_state = _rules._state     # .registry: the active registry (rules.isolated swaps it)
_new_object = object.__new__


def _record(trace, fun, callee, argvals, kwargs, argnums, parents):
    """Run ``fun`` one trace level down (through ``callee``: the raw function, or
    its wrapper while enclosing traces' boxes remain) and record it on ``trace``."""
    if trace.forward:
        if trace.node_type is not None:
            return _record_custom(trace, fun, callee, argvals, kwargs, argnums, parents)
        ans = callee(*argvals, **kwargs)
        if type(ans) in _passthrough:
            return ans
        registry = _rule_state.registry
        rule = registry.jvps.get(fun) or registry.jvp_rule(fun)
        if rule is None:
            raise _missing(fun, "JVP", registry)
        if argnums not in rule.ok:
            bad = rule.covers(argnums)
            if bad is not None:
                raise _missing(fun, "JVP", registry, bad)
        t = rule([p.g for p in parents], ans, argvals, kwargs, argnums)
        return new_box(ans, trace, JVPNode(t))
    ans = callee(*argvals, **kwargs) if kwargs else callee(*argvals)
    if type(ans) in _passthrough:
        return ans
    registry = _rule_state.registry
    rule = registry.vjps.get(fun) or registry.vjp_rule(fun)
    kept = ans
    if rule is None:
        if not trace.graph_only:
            raise _missing(fun, "VJP", registry)
    else:
        if argnums not in rule.ok:
            bad = rule.covers(argnums)
            if bad is not None and not trace.graph_only:
                raise _missing(fun, "VJP", registry, bad)
        if rule.keep is not None and not trace.graph_only:
            # what the rule will read of this call (not the values it does not
            # need, which can then be freed as the forward pass goes on)
            argvals, kept = rule.keep(argvals, ans)
    # VJPNode(rule, fun, argnums, parents, argvals, kwargs, kept), without the
    # __init__ call (a quarter of the node's cost; one node per primitive call)
    node = _new_object(VJPNode)
    node.g = None
    node.owned = False
    node.rule = rule
    node.fun = fun
    node.argnums = argnums
    node.parents = parents
    node.args = argvals
    node.kwargs = kwargs
    node.ans = kept
    trace.tape.append(node)
    cls = box_types.get(type(ans))      # new_box's first step, inlined
    if cls is not None:
        return cls(ans, trace, node)
    return new_box(ans, trace, node)


def _record_custom(trace, fun, callee, argvals, kwargs, argnums, parents):
    """Record one call on a trace started from a user node class (HIPS's
    ``Node`` protocol): ``node_type(ans, primitive, args, kwargs, argnums, parents)``.
    A trace whose node type is :class:`SelfRecording` (``vmap``'s batching
    trace) is handed the call before anything runs."""
    node_type = trace.node_type
    if node_type is SelfRecording:
        return trace.record(fun, callee, argvals, kwargs, argnums)
    ans = callee(*argvals, **kwargs)
    if type(ans) in _passthrough or node_type is _Constant:
        return ans
    wrapped = callee if callee is not fun else _wrapper_of(fun)
    if wrapped in _notrace.get(node_type, ()):
        return ans
    node = node_type(ans, wrapped, tuple(argvals), dict(kwargs), tuple(argnums), tuple(parents))
    return new_box(ans, trace, node)


def _wrapper_of(fun):
    """The primitive wrapper of raw ``fun`` (``fun`` itself if it has none alive).

    Only custom tracers need it: HIPS passes the wrapper (e.g. ``np.sin``) as a
    node's ``fun``, while the engine records the raw callable.  Wrappers are
    filed in the table here, on the first lookup after they were made (see
    :func:`_file_wrappers`), never on the fast path.
    """
    if _unfiled:
        _file_wrappers()
    try:
        ref = _static_wrappers.get(fun) or _wrappers.get(fun)
    except TypeError:           # unhashable, or not weakly referenceable
        return fun
    wrapper = None if ref is None else ref()
    return fun if wrapper is None else wrapper


# raw callable -> weak reference to its first live wrapper.  Weak both ways, so
# a primitive made of a throwaway function does not outlive it; raw callables
# that cannot be weakly referenced (NumPy's ufuncs) live as long as their
# module, and are held in a plain dict.
_wrappers = weakref.WeakKeyDictionary()
_static_wrappers = {}
# Wrappers made since the table was last brought up to date, in the order they
# were made (weak references).  Making a wrapper appends one (``import
# autograd.numpy`` makes ~500, and only custom tracers ever look them up); the
# list is filed on the next lookup, or when it grows past the limit (so that
# throwaway primitives made in a loop do not accumulate dead references).
_unfiled = []
_UNFILED_LIMIT = 4096
_weakref = weakref.ref
_filing = _allocate_lock()


def _file_wrappers():
    # (appends may go on in other threads meanwhile: only the first n are taken)
    with _filing:
        n = len(_unfiled)
        refs = _unfiled[:n]
        del _unfiled[:n]
    for ref in refs:
        wrapper = ref()
        if wrapper is not None:
            _file(ref, getattr(wrapper, "fun", None))


def _file(ref, raw):
    if raw is None:
        return
    table = _wrappers if type(raw).__weakrefoffset__ else _static_wrappers
    try:
        old = table.get(raw)
    except TypeError:           # unhashable raw callable
        return
    if old is None or old() is None:
        try:
            table[raw] = ref
        except TypeError:
            pass


# register_notrace(node_type, primitive) for custom node types (the engine's
# own VJP/JVP traces use the rule registry's non-differentiable set instead).
_notrace = {}


def _missing(fun, kind, registry, argnum=None):
    """The error for a missing rule: the function, and what the registry's hint
    hooks add (the plugin manager: rule sets installed, who would provide it)."""
    name = fun_name(fun)
    where = "" if argnum is None else f" with respect to argument {argnum}"
    msg = f"{kind} of {name}{where} is not defined."
    hint = registry.missing_rule_hint(fun, kind, argnum)   # plugins add theirs by a hook
    return MissingRuleError(f"{msg} {hint}" if hint else msg)


def primitive(fun):
    """Wrap ``fun`` so that calls on boxes are recorded for differentiation.

    >>> from autograd.extend import primitive, defvjp
    >>> @primitive
    ... def cube(x): return x ** 3
    >>> defvjp(cube, lambda ans, x: lambda g: 3 * g * x ** 2)
    """

    def f_wrapped(*args, **kwargs):
        # Fast paths for one and two positional arguments (most calls).
        # The raw function is called directly unless an unboxed value is itself
        # a box of an enclosing trace (nested derivatives).
        n = len(args)
        if n == 1:
            a = args[0]
            if isinstance(a, Box):
                v = a._value
                return _record(a._trace, fun, f_wrapped if isinstance(v, Box) else fun, [v],
                               kwargs or _EMPTY, _ARG0, [a._node])
            return fun(*args, **kwargs)
        if n == 2:
            a, b = args
            if isinstance(a, Box):
                if isinstance(b, Box):
                    ta, tb = a._trace, b._trace
                    if ta is tb:
                        av, bv = a._value, b._value
                        callee = f_wrapped if isinstance(av, Box) or isinstance(bv, Box) else fun
                        return _record(ta, fun, callee, [av, bv], kwargs or _EMPTY, _ARG01,
                                       [a._node, b._node])
                    # different traces: nested derivatives, or a constant box.  The
                    # lower box is kept as it is now (the box object itself may be
                    # written later: autograd.numpy arrays take writes)
                    if tb.level > ta.level:
                        return _record(tb, fun, f_wrapped, [_lower(a), b._value],
                                       kwargs or _EMPTY, _ARG1, [b._node])
                    return _record(ta, fun, f_wrapped, [a._value, _lower(b)],
                                   kwargs or _EMPTY, _ARG0, [a._node])
                av = a._value
                return _record(a._trace, fun, f_wrapped if isinstance(av, Box) else fun,
                               [av, b], kwargs or _EMPTY, _ARG0, [a._node])
            if isinstance(b, Box):
                bv = b._value
                return _record(b._trace, fun, f_wrapped if isinstance(bv, Box) else fun,
                               [a, bv], kwargs or _EMPTY, _ARG1, [b._node])
            return fun(*args, **kwargs)
        trace = None
        for a in args:
            if isinstance(a, Box):
                t = a._trace
                if trace is None or t.level > trace.level:
                    trace = t
        if trace is None:
            return fun(*args, **kwargs)
        argvals = list(args)
        argnums = []
        parents = []
        for i, a in enumerate(args):
            if isinstance(a, Box):
                if a._trace is trace:
                    argvals[i] = a._value
                    argnums.append(i)
                    parents.append(a._node)
                else:
                    argvals[i] = _lower(a)
        return _record(trace, fun, f_wrapped, argvals, kwargs or _EMPTY, tuple(argnums), parents)

    _decorate(f_wrapped, fun)
    return f_wrapped


def _lower(box):
    """A box of a lower trace, as an argument recorded on a higher one: its value
    for a constant box, else a new box holding what ``box`` holds now."""
    value = box._value      # first: a box with pending writes records them here
    if box._trace is CONSTANT_TRACE:
        return value
    return type(box)(value, box._trace, box._node)


def _decorate(f_wrapped, fun):
    try:    # (the usual case in one go: ``import autograd.numpy`` makes ~500 wrappers)
        f_wrapped.__name__ = fun.__name__
        f_wrapped.__qualname__ = fun.__qualname__
        f_wrapped.__module__ = fun.__module__
        f_wrapped.__doc__ = fun.__doc__
    except (AttributeError, TypeError):
        for attr in ("__name__", "__qualname__", "__module__", "__doc__"):
            try:
                setattr(f_wrapped, attr, getattr(fun, attr))
            except (AttributeError, TypeError):
                pass
    # mark_primitive's attributes and ``__wrapped__`` in one dict, and the wrapper
    # filed for _wrapper_of later (f_wrapped is a new function: no checks needed)
    f_wrapped.__dict__ = {"__wrapped__": fun, "fun": fun, "_is_autograd_primitive": True}
    _unfiled.append(_weakref(f_wrapped))
    if len(_unfiled) > _UNFILED_LIMIT:
        _file_wrappers()


def mark_primitive(wrapper, raw):
    """Declare ``wrapper`` (a callable you built yourself) the primitive of ``raw``.

    Rules registered through ``wrapper`` (``defvjp(wrapper, ...)``) are keyed
    by ``raw``, and ``primitive(wrapper)`` is not wrapped again.  For an add-on
    with its own calling machinery (the NumPy add-on's ufunc wrappers) or a
    wrapper that prepares arguments before calling ``primitive(raw)``.  Returns
    ``wrapper``.
    """
    wrapper.fun = raw
    wrapper._is_autograd_primitive = True
    try:
        _unfiled.append(_weakref(wrapper))
    except TypeError:       # a callable that cannot be weakly referenced: not filed
        return wrapper
    if len(_unfiled) > _UNFILED_LIMIT:
        _file_wrappers()
    return wrapper


def is_primitive(f):
    """Whether ``f`` is a primitive (made by ``primitive``, ``notrace_primitive``
    or ``mark_primitive``): its calls on boxes are recorded, and rules given to
    it are keyed by the raw callable ``f.fun``."""
    return getattr(f, "_is_autograd_primitive", False) is True


def _plain_nondiff_call(fun, args, kwargs):
    return fun(*[getval(a) for a in args], **{k: getval(v) for k, v in kwargs.items()})


# How a function with constant results runs on traced values: on the raw values,
# unless ``vmap`` is loaded (:func:`autograd.batching.nondiff_call` keeps batches).
nondiff_call = [_plain_nondiff_call]


def notrace_primitive(fun):
    """Wrap ``fun`` so it always runs on raw values (its result is a constant)."""

    def f_wrapped(*args, **kwargs):
        return nondiff_call[0](fun, args, kwargs)

    _decorate(f_wrapped, fun)
    _rules.active().add_nondiff(fun)
    return f_wrapped


def register_notrace(trace_type, fun):
    """HIPS compatibility: calls of primitive ``fun`` are not recorded by traces
    of node type ``trace_type``.  For the engine's ``VJPNode``/``JVPNode`` that
    means ``fun`` is non-differentiable; a custom node type keeps its own set."""
    if trace_type is VJPNode or trace_type is JVPNode:
        _rules.defnondiff(fun)
    else:
        _notrace.setdefault(trace_type, set()).add(fun)


# ----------------------------------------------------------------- running traces

def trace_reverse(fun, x, graph_only=False):
    """Call ``fun(x)`` with ``x`` boxed on a fresh reverse trace.

    Returns ``(trace, root_node, output)``; ``output`` may contain boxes.
    ``graph_only`` records primitives that have no VJP rule too (the tape can
    then be replayed but not differentiated).
    """
    trace = Trace(forward=False, graph_only=graph_only)
    root = VJPNode(None, None, (), (), (), _EMPTY, x)
    out = _run(trace, fun, new_box(x, trace, root))
    return trace, root, out


class _ReleasedTape:
    """The tape of a trace whose backward pass has begun.

    A VJP rule may still compute with boxes of its own trace (PennyLane's
    parameter-shift VJP shifts the traced parameters of its circuits): such
    calls give boxes recorded nowhere, as in HIPS autograd, where their nodes
    hang outside the graph being walked.
    """

    __slots__ = ()

    def append(self, node):
        pass

    def __iter__(self):
        return iter(())


_RELEASED = _ReleasedTape()


def backward_pass(trace, out_node, g, root, release=True):
    """Propagate cotangent ``g`` from ``out_node`` back to ``root``; return root's.

    With ``release`` (the default) the tape is dropped and each node forgets its
    inputs once used, so memory is returned as the pass goes; without it the
    tape can be walked again (``make_vjp``'s ``vjp`` may be called many times).
    """
    tape = trace.tape
    if release:
        trace.tape = _RELEASED
    out_node.g = g
    out_node.owned = False
    root.owned = False
    if out_node is root:
        g, root.g = root.g, None
        return densify(g)
    fast_adders, makers = _fast_adders, _vspace_makers
    try:
        for node in reversed(tape):
            g = node.g
            if g is None:
                continue
            node.g = None
            if type(g) not in fast_adders and isinstance(g, _SPARSE):
                g = densify(g)
            rule = node.rule
            # a rule's joint form (one call for all arguments) directly, else the rule
            cts = (rule.joint or rule)(g, node.ans, node.args, node.kwargs, node.argnums)
            for p, ct in zip(node.parents, cts):
                if ct is None:
                    continue
                prev = p.g
                if prev is None:
                    # A rule's output may be shared (add's VJP returns g itself), so
                    # it is never ours to update in place; a stale flag from an
                    # earlier pass over a kept tape must not say otherwise.
                    p.g = ct
                    p.owned = False
                    continue
                # Two arrays (the common case, accumulate's inlined): added in
                # place into a buffer of ours, else into a new one that becomes ours.
                t = type(prev)
                entry = fast_adders.get(t) if type(ct) is t else None
                if entry is not None and entry[0] is makers.get(t):
                    if p.owned:
                        p.g = entry[1](prev, ct)
                    else:
                        p.g = prev + ct
                        p.owned = True
                else:
                    p.g, p.owned = accumulate(prev, ct, p.owned)
            if release:  # free what the rule held on to as early as possible
                node.args = node.kwargs = node.ans = node.parents = None
    except BaseException:
        # a pass that stops half-way (a rule raised; vmap refused a batch) must not
        # leave cotangents in the nodes of a tape that may be walked again
        for node in tape:
            node.g = None
        root.g = None
        raise
    g = root.g
    root.g = None
    return None if g is None else densify(g)


def trace_forward(fun, x, t):
    """Call ``fun(x)`` with ``x`` boxed on a fresh forward trace with tangent ``t``."""
    trace = Trace(forward=True)
    out = _run(trace, fun, new_box(x, trace, JVPNode(t)))
    return trace, out


# The traces whose functions are running, innermost last (per thread): what
# ``constant_box`` boxes for.  Only the entry and exit of a trace touch it.
_running = _thread_local()


def _run(trace, fun, box):
    stack = getattr(_running, "traces", None)
    if stack is None:
        stack = _running.traces = []
    stack.append(trace)
    try:
        return fun(box)
    finally:
        stack.pop()


_RUN_CODE = _run.__code__
_BELOW_TRACE = {_record.__code__, _record_custom.__code__}


def _runs_below_trace(code):
    """Declare that the function of ``code`` runs primitives one trace level
    down, as ``_record`` does (a batching trace's ``record``): ``constant_box``
    called under it returns plain values."""
    _BELOW_TRACE.add(code)


def constant_box(value):
    """``value`` boxed as a constant while a traced function runs, else ``value`` itself.

    A constant box has no derivative and belongs to no trace: every operation
    on constants alone returns a plain value, and ``is_constant`` tells it
    apart (so that conversions to plain values may be allowed).  It exists so
    that an object made inside a differentiated function can later *hold*
    traced values while keeping its identity: ``autograd.numpy.zeros(n)`` is
    one, so that ``out[i] = x[i] ** 2`` can be differentiated.  Outside every
    trace, and in code running one level below a trace (a primitive's raw
    function, a rule), ``value`` is returned unchanged.

    >>> from autograd.extend import constant_box
    >>> constant_box(2.0)            # no trace is running
    2.0
    """
    stack = getattr(_running, "traces", None)
    if not stack:
        return value
    # Is the caller the traced function's own code, or code a primitive runs
    # one level down (its raw function, a JVP rule)?  The nearer of the two
    # frames says; nothing on the primitives' path pays for the question.
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code is _RUN_CODE:
            break
        if code in _BELOW_TRACE:
            return value
        frame = frame.f_back
    else:
        return value
    if stack[-1].node_type is not None:     # user node classes (autograd.tracer)
        return value
    return new_box(value, CONSTANT_TRACE, None)


def is_constant(x):
    """Is ``x`` a constant box (see :func:`constant_box`)?"""
    return isinstance(x, Box) and x._trace is CONSTANT_TRACE


class _Constant:
    """The node type of the constant trace: recording returns the plain result."""


class SelfRecording:
    """The node type of a trace that records calls itself, by its method
    ``record(fun, callee, argvals, kwargs, argnums)`` (:mod:`autograd.batching`):
    nothing is run for it before that method is called."""


# The trace of constant boxes: below every other (level 0), and "forward" with
# a node type, so that ``_record`` hands its calls to ``_record_custom``,
# which returns the plain result: operations on constants are not traced.
CONSTANT_TRACE = Trace(forward=True)
CONSTANT_TRACE.level = 0
CONSTANT_TRACE.node_type = _Constant
