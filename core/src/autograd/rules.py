"""The rule registry: which VJP / JVP rule belongs to which raw function.

Rules are keyed by the identity of the *raw* (undecorated) callable, never by
its name or ``__module__``: ``numpy.sin`` and ``autograd.numpy.sin`` share one
entry, and SciPy ufuncs (whose ``__module__`` is ``None``) work like anything
else.

A :class:`Registry` is an ordinary object.  The engine reads the *active*
registry through :func:`active`; :func:`isolated` swaps in a fresh one for the
duration of a ``with`` block, so tests never patch global dictionaries.

Each rule is stored as a small callable object with one calling convention the
engine relies on:

* VJP rule: ``rule(g, ans, args, kwargs, argnums) -> list of cotangents``
  (one per entry of ``argnums``; ``None`` means "zero").
* JVP rule: ``rule(tangents, ans, args, kwargs, argnums) -> tangent or None``.

The public registration helpers (``defvjp``, ``defjvp``, ``def_linear`` ...)
build these objects from the shapes users know from HIPS autograd.
"""

import threading
from contextlib import contextmanager

__all__ = [
    "Registry", "active", "isolated", "MissingRuleError", "subval",
    "defvjp", "defvjp_fast", "defvjp_argnum", "defvjp_argnums",
    "defjvp", "defjvp_argnum", "defjvp_argnums", "def_linear", "defnondiff",
    "CORE_PROVENANCE",
]

CORE_PROVENANCE = ("autograd-core", None)


class MissingRuleError(NotImplementedError):
    """No gradient rule is registered for a primitive (or one of its arguments)."""


def subval(seq, i, v):
    """``seq`` as a tuple with item ``i`` replaced by ``v``."""
    out = list(seq)
    out[i] = v
    return tuple(out)


def raw_of(fun):
    """The raw callable a rule is keyed by (``fun`` itself if not a primitive)."""
    return getattr(fun, "fun", fun) if getattr(fun, "_is_autograd_primitive", False) else fun


def fun_name(fun):
    name = getattr(fun, "__qualname__", None) or getattr(fun, "__name__", None) or repr(fun)
    mod = getattr(fun, "__module__", None)
    return f"{mod}.{name}" if mod and mod != "builtins" else name


# ----------------------------------------------------------------- VJP rules

class _PerArgVJP:
    """One rule per argument position, in the fast form ``rule(g, ans, *args, **kw)``."""

    __slots__ = ("rules", "name", "staged")

    def __init__(self, rules, name, staged):
        self.rules = rules          # dict argnum -> callable or None
        self.name = name
        self.staged = staged        # HIPS form: maker(ans, *args, **kw) -> (g -> ct)

    def covers(self, argnums):
        rules = self.rules
        for i in argnums:
            if i not in rules:
                return i
        return None

    def __call__(self, g, ans, args, kwargs, argnums):
        rules = self.rules
        out = []
        if self.staged:
            for i in argnums:
                r = rules[i]
                out.append(None if r is None else r(ans, *args, **kwargs)(g))
        else:
            for i in argnums:
                r = rules[i]
                out.append(None if r is None else r(g, ans, *args, **kwargs))
        return out

    def merged(self, other):
        if type(other) is _PerArgVJP and other.staged == self.staged:
            rules = dict(other.rules)
            rules.update(self.rules)
            return _PerArgVJP(rules, self.name, self.staged)
        return self


class _ArgnumVJP:
    """``maker(argnum, ans, args, kwargs) -> (g -> ct)`` for any argument."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def covers(self, argnums):
        return None

    def __call__(self, g, ans, args, kwargs, argnums):
        maker = self.maker
        return [maker(i, ans, args, kwargs)(g) for i in argnums]

    def merged(self, other):
        return self


class _ArgnumsVJP:
    """``maker(argnums, ans, args, kwargs) -> (g -> tuple of cts)``: one joint rule."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def covers(self, argnums):
        return None

    def __call__(self, g, ans, args, kwargs, argnums):
        argnums = tuple(argnums)
        cts = self.maker(argnums, ans, args, kwargs)(g)
        if len(argnums) == 1 and not isinstance(cts, (tuple, list)):
            return [cts]
        return list(cts)

    def merged(self, other):
        return self


# ----------------------------------------------------------------- JVP rules

class _PerArgJVP:
    """One rule per argument: ``rule(t, ans, *args, **kw)``; tangents are summed."""

    __slots__ = ("rules", "name")

    def __init__(self, rules, name):
        self.rules = rules
        self.name = name

    def covers(self, argnums):
        rules = self.rules
        for i in argnums:
            if i not in rules:
                return i
        return None

    def __call__(self, tangents, ans, args, kwargs, argnums):
        rules = self.rules
        total = None
        for i, t in zip(argnums, tangents):
            r = rules[i]
            if r is None or t is None:
                continue
            out = r(t, ans, *args, **kwargs)
            if out is None:
                continue
            total = out if total is None else _add_tangent(total, out)
        return total

    def merged(self, other):
        if type(other) is _PerArgJVP:
            rules = dict(other.rules)
            rules.update(self.rules)
            return _PerArgJVP(rules, self.name)
        return self


class _ArgnumJVP:
    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def covers(self, argnums):
        return None

    def __call__(self, tangents, ans, args, kwargs, argnums):
        total = None
        for i, t in zip(argnums, tangents):
            if t is None:
                continue
            out = self.maker(i, t, ans, args, kwargs)
            if out is not None:
                total = out if total is None else _add_tangent(total, out)
        return total

    def merged(self, other):
        return self


class _ArgnumsJVP:
    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def covers(self, argnums):
        return None

    def __call__(self, tangents, ans, args, kwargs, argnums):
        return self.maker(tuple(argnums), tuple(tangents), ans, args, kwargs)

    def merged(self, other):
        return self


def _add_tangent(a, b):
    from .vspace import add_values
    return add_values(a, b)


# ----------------------------------------------------------------- registry

class Registry:
    """Maps raw callables to their VJP / JVP rules and records provenance.

    ``miss_hooks`` are called with the raw callable when a lookup misses; a
    hook returns True when it registered something (the plugin manager loads
    pending rule sets this way), and the lookup is then retried.
    """

    def __init__(self):
        self.vjps = {}
        self.jvps = {}
        self.nondiff = set()
        self.provenance = {}     # raw -> (distribution, version)
        self.miss_hooks = []
        self._lock = threading.RLock()

    # -- lookups used by the engine (hot path: plain dict get first)
    def vjp_rule(self, raw):
        rule = self.vjps.get(raw)
        if rule is None and self._on_miss(raw):
            rule = self.vjps.get(raw)
        return rule

    def jvp_rule(self, raw):
        rule = self.jvps.get(raw)
        if rule is None and self._on_miss(raw):
            rule = self.jvps.get(raw)
        return rule

    def _on_miss(self, raw):
        loaded = False
        for hook in list(self.miss_hooks):
            try:
                loaded = bool(hook(raw)) or loaded
            except Exception:  # a hook must never break differentiation
                pass
        return loaded

    # -- registration
    def add_vjp(self, raw, rule, provenance=None):
        with self._lock:
            old = self.vjps.get(raw)
            self.vjps[raw] = rule if old is None else rule.merged(old)
            self.provenance.setdefault(raw, provenance or _current_provenance())

    def add_jvp(self, raw, rule, provenance=None):
        with self._lock:
            old = self.jvps.get(raw)
            self.jvps[raw] = rule if old is None else rule.merged(old)
            self.provenance.setdefault(raw, provenance or _current_provenance())

    def add_nondiff(self, raw, provenance=None):
        with self._lock:
            self.nondiff.add(raw)
            self.provenance.setdefault(raw, provenance or _current_provenance())

    def copy(self):
        new = Registry()
        new.vjps = dict(self.vjps)
        new.jvps = dict(self.jvps)
        new.nondiff = set(self.nondiff)
        new.provenance = dict(self.provenance)
        return new

    def status(self, fun):
        """``(has_vjp, has_jvp, nondiff)`` for a raw callable or primitive."""
        raw = raw_of(fun)
        return (self.vjp_rule(raw) is not None, self.jvp_rule(raw) is not None,
                raw in self.nondiff)


class _State:
    __slots__ = ("registry", "provenance", "builtin")


_state = _State()
_state.registry = Registry()
_state.builtin = _state.registry
_state.provenance = threading.local()


def active():
    """The registry the engine uses now."""
    return _state.registry


def _current_provenance():
    return getattr(_state.provenance, "value", None) or CORE_PROVENANCE


@contextmanager
def provenance(distribution, version=None):
    """Rules registered inside the block are attributed to ``distribution``."""
    local = _state.provenance
    old = getattr(local, "value", None)
    local.value = (distribution, version)
    try:
        yield
    finally:
        local.value = old


@contextmanager
def isolated(registry=None):
    """Use ``registry`` (default: a copy of the current rules) inside the block.

    >>> with isolated() as reg:
    ...     defvjp(f, lambda ans, x: lambda g: 2 * g)   # invisible outside
    """
    old = _state.registry
    _state.registry = old.copy() if registry is None else registry
    try:
        yield _state.registry
    finally:
        _state.registry = old


# ----------------------------------------------------------------- public helpers

def _argnum_table(fun, rules, argnums, same):
    if argnums is None:
        argnums = range(len(rules))
    table = {}
    for i, r in zip(argnums, rules):
        if r == "same":
            r = same(fun, i)
        table[i] = r
    return table


def defvjp(fun, *vjpmakers, argnums=None):
    """Register VJP makers for ``fun``, one per argument (HIPS signature).

    Each maker is ``maker(ans, *args, **kwargs) -> (g -> cotangent)``; ``None``
    declares a zero gradient for that argument.

    >>> defvjp(sin, lambda ans, x: lambda g: g * cos(x))
    """
    raw = raw_of(fun)
    table = _argnum_table(fun, vjpmakers, argnums, None)
    active().add_vjp(raw, _PerArgVJP(table, fun_name(raw), True))


def defvjp_fast(fun, *vjps, argnums=None):
    """Like :func:`defvjp` but each rule is ``rule(g, ans, *args, **kwargs)``.

    No closure is built per call, so this is the form the library's own rule
    tables use.

    >>> defvjp_fast(sin, lambda g, ans, x: g * cos(x))
    """
    raw = raw_of(fun)
    table = _argnum_table(fun, vjps, argnums, None)
    active().add_vjp(raw, _PerArgVJP(table, fun_name(raw), False))


def defvjp_argnum(fun, vjpmaker):
    """``vjpmaker(argnum, ans, args, kwargs) -> (g -> cotangent)`` for every argument."""
    active().add_vjp(raw_of(fun), _ArgnumVJP(vjpmaker))


def defvjp_argnums(fun, vjpmaker):
    """``vjpmaker(argnums, ans, args, kwargs) -> (g -> tuple of cotangents)``."""
    active().add_vjp(raw_of(fun), _ArgnumsVJP(vjpmaker))


def _same_jvp(fun, argnum):
    # The function is linear in this argument: its JVP is the function itself
    # applied with the tangent in that slot.
    def jvp(g, ans, *args, **kwargs):
        return fun(*subval(args, argnum, g), **kwargs)
    return jvp


def defjvp(fun, *jvpfuns, argnums=None):
    """Register JVP rules ``jvp(t, ans, *args, **kwargs)`` per argument.

    ``"same"`` marks an argument in which ``fun`` is linear; ``None`` a zero
    tangent.

    >>> defjvp(sin, lambda t, ans, x: t * cos(x))
    """
    raw = raw_of(fun)
    table = _argnum_table(fun, jvpfuns, argnums, _same_jvp)
    active().add_jvp(raw, _PerArgJVP(table, fun_name(raw)))


def defjvp_argnum(fun, jvpmaker):
    """``jvpmaker(argnum, t, ans, args, kwargs) -> tangent`` for every argument."""
    active().add_jvp(raw_of(fun), _ArgnumJVP(jvpmaker))


def defjvp_argnums(fun, jvpmaker):
    """``jvpmaker(argnums, tangents, ans, args, kwargs) -> tangent``."""
    active().add_jvp(raw_of(fun), _ArgnumsJVP(jvpmaker))


def def_linear(fun):
    """Declare ``fun`` linear in each argument: its JVP is ``fun`` itself with the
    tangent in that argument's slot (as in HIPS autograd, this defines the JVP
    only; the VJP of a linear map is its transpose and needs its own rule).
    """
    def jvp(argnum, t, ans, args, kwargs):
        return fun(*subval(args, argnum, t), **kwargs)

    defjvp_argnum(fun, jvp)


def defnondiff(fun):
    """Mark ``fun`` as not differentiable (for coverage reports)."""
    active().add_nondiff(raw_of(fun))
