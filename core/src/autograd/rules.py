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
* batching rule (``vmap``, :mod:`autograd.batching`): ``rule(batched, *args,
  **kwargs) -> output`` with the batch axis first; ``batched[i]`` says whether
  argument ``i`` carries it.

The public registration helpers (``defvjp``, ``defjvp``, ``def_linear`` ...)
build these objects from the shapes users know from HIPS autograd.

Conflicts
---------
Every rule records its :class:`RuleOrigin` (distribution, version, priority).
When a *different* distribution registers a rule of the same kind for the same
raw callable, the winner is decided by, in order: the user's preference
(``Registry.preferred`` or ``$AUTOGRAD_PLUGINS_PREFER``, distributions most
preferred first), then the higher ``priority``.  Never by load order: plugins
load lazily, so load order is an accident.  A tie keeps the core's rule, or
else the rule of the distribution whose name sorts first, and warns once per
pair of distributions; in strict mode (``Registry.strict`` or
``$AUTOGRAD_PLUGINS_STRICT=1``) a tie raises :class:`RuleConflictError`.  The
same distribution registering again simply replaces its own rule, and so does
a rule registered by user code (called from a module outside this library,
with no rule set loading): the last ``defvjp`` for a function wins, as in HIPS
autograd, also over a rule set that loads later (recorded as a conflict
decided by ``"user"``, without a warning).
"""

import _thread

from ._hooks import call_hook
from ._settings import env_flag, env_names, norm as _norm
from .vspace import add_values as _add_tangent

__all__ = [
    "Registry", "active", "isolated", "provenance", "MissingRuleError", "subval",
    "once_per_registry",
    "RuleConflictError", "RuleConflictWarning", "RuleOrigin", "Conflict",
    "defvjp", "defvjp_fast", "defvjp_argnum", "defvjp_argnums",
    "defjvp", "defjvp_argnum", "defjvp_argnums", "def_linear", "defnondiff", "defvia",
    "defbatch", "CORE_PROVENANCE",
]

CORE_PROVENANCE = ("autograd-core", None)


class MissingRuleError(NotImplementedError):
    """No gradient rule is registered for a primitive (or one of its arguments)."""


class RuleConflictError(RuntimeError):
    """Strict mode: two distributions gave a rule for one function with equal standing."""

    stops_run = True   # not caught by the hook runner (autograd._hooks)


class RuleConflictWarning(UserWarning):
    """Two distributions gave a rule for one function with equal standing."""


class RuleOrigin:
    """Who registered a rule: ``distribution``, ``version``, ``priority`` and the
    rule set (``source``) it came from."""

    __slots__ = ("distribution", "version", "priority", "source")

    def __init__(self, distribution, version=None, priority=0, source=None):
        self.distribution = distribution
        self.version = version
        self.priority = priority
        self.source = source

    def __repr__(self):
        return (f"RuleOrigin({self.distribution!r}, {self.version!r}, "
                f"priority={self.priority}, source={self.source!r})")


class Conflict:
    """A rule that lost to another distribution's rule for the same function."""

    __slots__ = ("kind", "raw", "winner", "loser", "decided_by", "loser_rule")

    def __init__(self, kind, raw, winner, loser, decided_by, loser_rule):
        self.kind = kind              # "vjp" or "jvp"
        self.raw = raw
        self.winner = winner          # RuleOrigin
        self.loser = loser            # RuleOrigin
        self.decided_by = decided_by  # "preference", "priority", "tie" or "user"
        self.loser_rule = loser_rule  # kept so it can take over if the winner is removed

    def __repr__(self):
        return (f"<Conflict {self.kind} of {fun_name(self.raw)}: {self.winner.distribution} "
                f"over {self.loser.distribution} by {self.decided_by}>")


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


# ----------------------------------------------------------------- rule objects

# The argument positions of most calls (the engine's one- and two-argument paths).
_COMMON_ARGNUMS = ((0,), (1,), (0, 1))
# the subset of _COMMON_ARGNUMS a per-argument table covers, by (0 in it, 1 in it)
_COVERED = {(has0, has1): frozenset(a for a, ok in (((0,), has0), ((1,), has1), ((0, 1), has0 and has1))
                                    if ok)
            for has0 in (False, True) for has1 in (False, True)}


class _Rule:
    """Base of the rule objects: accepts any argument; a newer rule replaces it.

    ``ok`` holds argument-position tuples known to be covered, so that the
    engine's recording asks :meth:`covers` only about the others.
    """

    __slots__ = ()
    ok = frozenset(_COMMON_ARGNUMS)
    joint = keep = None     # see _PerArgVJP

    def covers(self, argnums):
        """The first argument position in ``argnums`` with no rule, or None."""
        return None

    def merged(self, older):
        return self


class _PerArg(_Rule):
    """One rule per argument position; registering more positions adds to them."""

    __slots__ = ("rules", "name", "ok")

    def _set_rules(self, rules):
        self.rules = rules
        self.ok = _COVERED[0 in rules, 1 in rules]    # (a rule is made per registration)

    def covers(self, argnums):
        rules = self.rules
        for i in argnums:
            if i not in rules:
                return i
        return None

    def merged(self, older):
        if type(older) is type(self) and self._compatible(older):
            return self._with({**older.rules, **self.rules})
        return self


class _PerArgVJP(_PerArg):
    """VJP per argument: ``rule(g, ans, *args, **kw)`` or, ``staged`` (the HIPS
    form), ``maker(ans, *args, **kw) -> (g -> cotangent)``.

    ``joint``, when given, computes the same cotangents for all of ``argnums``
    in one call, with the engine's signature (the faster internal form of the
    library's own hottest rules: one Python call per tape entry instead of
    several).  The per-argument rules stay the reference (HIPS-style code reads
    them through ``autograd.core.primitive_vjps``); a registration that changes
    one of them drops ``joint``.  ``keep`` (only with ``joint``) is called when
    a call is recorded, ``keep(args, ans) -> (args, ans)``: what ``joint`` will
    be handed of them, so that values it does not read need not stay alive
    until the backward pass.
    """

    __slots__ = ("staged", "joint", "keep")

    def __init__(self, rules, name, staged, joint=None, keep=None):
        self._set_rules(rules)      # argnum -> callable, or None for "no gradient"
        self.name = name
        self.staged = staged
        self.joint = joint
        self.keep = keep if joint is not None else None

    def _compatible(self, older):
        return older.staged == self.staged

    def merged(self, older):
        if self.joint is not None and type(older) is type(self) and older.rules.keys() <= \
                self.rules.keys():
            return self     # the same rule set again (a fresh registry): nothing to keep
        return _PerArg.merged(self, older)

    def _with(self, rules):
        return _PerArgVJP(rules, self.name, self.staged)

    def __call__(self, g, ans, args, kwargs, argnums):
        joint = self.joint
        if joint is not None:
            return joint(g, ans, args, kwargs, argnums)
        rules = self.rules
        if len(argnums) == 1 and not self.staged:     # one traced argument: most calls
            r = rules[argnums[0]]
            return [None if r is None else r(g, ans, *args, **kwargs)]
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


class _ArgnumVJP(_Rule):
    """``maker(argnum, ans, args, kwargs) -> (g -> ct)`` for any argument."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def __call__(self, g, ans, args, kwargs, argnums):
        maker = self.maker
        return [maker(i, ans, args, kwargs)(g) for i in argnums]


class _ArgnumsVJP(_Rule):
    """``maker(argnums, ans, args, kwargs) -> (g -> tuple of cts)``: one joint rule."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def __call__(self, g, ans, args, kwargs, argnums):
        argnums = tuple(argnums)
        cts = self.maker(argnums, ans, args, kwargs)(g)
        if len(argnums) == 1 and not isinstance(cts, (tuple, list)):
            return [cts]
        return list(cts)


class _PerArgJVP(_PerArg):
    """JVP per argument: ``rule(t, ans, *args, **kw)``; the tangents are summed."""

    __slots__ = ()

    def __init__(self, rules, name):
        self._set_rules(rules)
        self.name = name

    def _compatible(self, older):
        return True

    def _with(self, rules):
        return _PerArgJVP(rules, self.name)

    def __call__(self, tangents, ans, args, kwargs, argnums):
        rules = self.rules
        total = None
        for i, t in zip(argnums, tangents):
            r = rules[i]
            if r is None or t is None:
                continue
            out = r(t, ans, *args, **kwargs)
            if out is not None:
                total = out if total is None else _add_tangent(total, out)
        return total


class _ArgnumJVP(_Rule):
    """``maker(argnum, t, ans, args, kwargs) -> tangent`` for any argument; summed."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def __call__(self, tangents, ans, args, kwargs, argnums):
        total = None
        for i, t in zip(argnums, tangents):
            if t is None:
                continue
            out = self.maker(i, t, ans, args, kwargs)
            if out is not None:
                total = out if total is None else _add_tangent(total, out)
        return total


class _BatchRule(_Rule):
    """A batching rule: ``fn(batched, *args, **kwargs)`` (see :func:`defbatch`)."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, batched, args, kwargs):
        return self.fn(batched, *args, **kwargs)


class _ArgnumsJVP(_Rule):
    """``maker(argnums, tangents, ans, args, kwargs) -> tangent``: one joint rule."""

    __slots__ = ("maker",)

    def __init__(self, maker):
        self.maker = maker

    def __call__(self, tangents, ans, args, kwargs, argnums):
        return self.maker(tuple(argnums), tuple(tangents), ans, args, kwargs)


# ----------------------------------------------------------------- registry

class Registry:
    """Maps raw callables to their VJP / JVP rules and records provenance.

    ``miss_hooks`` are called with the raw callable when a lookup misses; a
    hook returns True when it registered something (the plugin manager loads
    pending rule sets this way), and the lookup is then retried.
    ``hint_hooks`` are called as ``hook(fun, kind, registry, argnum)`` when a
    rule is missing and return sentences for the error (the plugin manager
    says which distribution would provide it).  Both are filled by
    :mod:`autograd._lazy`, so the engine never imports the plugin manager.
    """

    def __init__(self):
        self.vjps = {}
        self.jvps = {}
        self.batches = {}        # raw -> batching rule (vmap)
        self.nondiff = set()
        self.provenance = {}     # raw -> (distribution, version) of the rule in force
        self.origins = {}        # ("vjp" | "jvp" | "nondiff", raw) -> RuleOrigin
        self.conflicts = []      # Conflict records, oldest first
        self.preferred = None    # distribution names, most preferred first (None: env)
        self.strict = None       # raise on a tie (None: $AUTOGRAD_PLUGINS_STRICT)
        self.miss_hooks = []
        self.hint_hooks = []
        self.via = {}            # public raw -> the raw primitive a wrapper routes it to
        self.user_rules = set()  # (kind, raw) registered by user code: rule sets don't replace them
        self._warned = set()
        self._lock = _thread.RLock()

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

    def batch_rule(self, raw):
        rule = self.batches.get(raw)
        if rule is None and self._on_miss(raw):
            rule = self.batches.get(raw)
        return rule

    def _on_miss(self, raw):
        loaded = False
        for hook in list(self.miss_hooks):
            loaded = bool(call_hook(hook, "rule miss", raw)) or loaded
        return loaded

    def missing_rule_hint(self, fun, kind, argnum=None):
        """Sentences for the error about ``fun``'s missing ``kind`` rule ("VJP"/"JVP")."""
        hints = [call_hook(hook, "missing-rule hint", fun, kind, self, argnum)
                 for hook in list(self.hint_hooks)]
        hints = [h for h in hints if h]
        if not hints:
            return (f"Register one with autograd.extend.def{kind.lower()}, or install the "
                    "add-on that provides it.")
        return " ".join(hints)

    # -- registration
    def add_vjp(self, raw, rule, provenance=None, priority=None, user=False):
        self._add(self.vjps, "vjp", raw, rule, provenance, priority, user)

    def add_jvp(self, raw, rule, provenance=None, priority=None, user=False):
        self._add(self.jvps, "jvp", raw, rule, provenance, priority, user)

    def add_batch(self, raw, rule, provenance=None, priority=None, user=False):
        self._add(self.batches, "batch", raw, rule, provenance, priority, user)

    def add_nondiff(self, raw, provenance=None):
        origin = _origin(provenance, None)
        with self._lock:
            self.nondiff.add(raw)
            self.origins.setdefault(("nondiff", raw), origin)
            self.provenance.setdefault(raw, (origin.distribution, origin.version))

    def _add(self, table, kind, raw, rule, provenance, priority, user=False):
        new = _origin(provenance, priority)
        # Registered by user code (``user``: see _from_user_code): as in HIPS
        # autograd, the last defvjp for a function wins, with no conflict warning.
        explicit = user and provenance is None
        with self._lock:
            old = table.get(raw)
            if old is not None:
                held = self.origins.get((kind, raw))
                if held is not None and _norm(held.distribution) != _norm(new.distribution):
                    if explicit:
                        self.conflicts.append(Conflict(kind, raw, new, held, "user", old))
                    elif (kind, raw) in self.user_rules:   # a rule set loaded later
                        self.conflicts.append(Conflict(kind, raw, held, new, "user", rule))
                        return
                    elif not self._newcomer_wins(kind, raw, held, new, old, rule):
                        return
                    old = None   # another distribution's rule is replaced whole, not merged
            table[raw] = rule if old is None else rule.merged(old)
            self.origins[(kind, raw)] = new
            self.provenance[raw] = (new.distribution, new.version)
            if explicit:
                self.user_rules.add((kind, raw))
            else:
                self.user_rules.discard((kind, raw))

    def set_rule(self, kind, raw, rule):
        """Store ``rule`` for ``raw`` directly (no merge, no conflict policy):
        ``autograd.core.primitive_vjps[f] = rule`` restoring a popped rule."""
        with self._lock:
            (self.vjps if kind == "vjp" else self.jvps)[raw] = rule
            origin = _current_origin()
            self.origins[(kind, raw)] = origin
            self.provenance[raw] = (origin.distribution, origin.version)

    def remove_rule(self, kind, raw):
        """Remove ``raw``'s rule of ``kind`` ("vjp" or "jvp"); return it (or None)."""
        with self._lock:
            self.origins.pop((kind, raw), None)
            self.user_rules.discard((kind, raw))
            return (self.vjps if kind == "vjp" else self.jvps).pop(raw, None)

    def forget(self, match):
        """Remove every rule whose :class:`RuleOrigin` satisfies ``match``.

        Where a removed rule had won a conflict, the best of the rules it beat
        takes its place again (decided by the usual policy).  The plugin
        manager rolls back a failing rule set this way.
        """
        with self._lock:
            removed = []
            for (kind, raw), origin in list(self.origins.items()):
                if not match(origin):
                    continue
                del self.origins[(kind, raw)]
                if kind == "vjp":
                    self.vjps.pop(raw, None)
                elif kind == "jvp":
                    self.jvps.pop(raw, None)
                elif kind == "batch":
                    self.batches.pop(raw, None)
                else:
                    self.nondiff.discard(raw)
                removed.append((kind, raw))
            kept = [c for c in self.conflicts if not match(c.winner) and not match(c.loser)]
            revived = [c for c in self.conflicts
                       if match(c.winner) and not match(c.loser) and (c.kind, c.raw) in removed]
            self.conflicts = kept
            for c in revived:
                table = {"vjp": self.vjps, "jvp": self.jvps, "batch": self.batches}[c.kind]
                self._add(table, c.kind, c.raw, c.loser_rule, c.loser, None)
            for _, raw in removed:
                if not any((k, raw) in self.origins for k in ("vjp", "jvp", "batch", "nondiff")):
                    self.provenance.pop(raw, None)

    def rule_counts(self, sources=None):
        """``{rule set: (n_vjp, n_jvp)}`` over the rules in force (optionally only ``sources``)."""
        counts = {}
        for (kind, _), origin in list(self.origins.items()):
            src = origin.source
            if sources is not None and src not in sources:
                continue
            v, j = counts.get(src, (0, 0))
            if kind == "vjp":
                v += 1
            elif kind == "jvp":
                j += 1
            counts[src] = (v, j)
        return counts

    def has_rule(self, fun, kind=None):
        """Does ``fun`` (raw callable or primitive) have a rule of ``kind`` ("vjp",
        "jvp", "batch"; None: a VJP or a JVP) registered now?  Runs no miss hooks
        (loads nothing)."""
        raw = raw_of(fun)
        if kind is None:
            return raw in self.vjps or raw in self.jvps
        return raw in {"vjp": self.vjps, "jvp": self.jvps, "batch": self.batches}[kind]

    # -- conflict policy (see the module docstring)
    def _rank(self, distribution):
        preferred = self.preferred
        if preferred is None:
            preferred = env_names("PREFER")
        names = [_norm(p) for p in preferred if p and p.strip()]
        d = _norm(distribution)
        return names.index(d) if d in names else len(names)

    def _newcomer_wins(self, kind, raw, held, new, held_rule, new_rule):
        r_held, r_new = self._rank(held.distribution), self._rank(new.distribution)
        p_held, p_new = held.priority or 0, new.priority or 0
        if r_held != r_new:
            winner, decided_by = (new if r_new < r_held else held), "preference"
        elif p_held != p_new:
            winner, decided_by = (new if p_new > p_held else held), "priority"
        else:
            winner, decided_by = _tie_winner(held, new), "tie"
        loser, loser_rule = (held, held_rule) if winner is new else (new, new_rule)
        self.conflicts.append(Conflict(kind, raw, winner, loser, decided_by, loser_rule))
        if decided_by == "tie":
            self._report_tie(kind, raw, winner, loser)
        return winner is new

    def _report_tie(self, kind, raw, winner, loser):
        a, b = sorted([winner.distribution, loser.distribution], key=_norm)
        msg = (f"{a} and {b} both register a {kind.upper()} rule for {fun_name(raw)} "
               "with the same priority")
        how = ("Choose with AUTOGRAD_PLUGINS_PREFER=<distribution> (or "
               "autograd.plugins.prefer(...)), or give one rule set a higher priority.")
        strict = self.strict if self.strict is not None else env_flag("STRICT")
        if strict:
            raise RuleConflictError(f"{msg}, and AUTOGRAD_PLUGINS_STRICT is set. {how}")
        key = (_norm(a), _norm(b))
        if key not in self._warned:
            self._warned.add(key)
            import warnings
            warnings.warn(f"{msg}; using the one from {winner.distribution}. {how} Further "
                          "ties between these two are not reported.",
                          RuleConflictWarning, stacklevel=6)

    def copy(self):
        new = Registry()
        new.vjps = dict(self.vjps)
        new.jvps = dict(self.jvps)
        new.batches = dict(self.batches)
        new.nondiff = set(self.nondiff)
        new.provenance = dict(self.provenance)
        new.origins = dict(self.origins)
        new.conflicts = list(self.conflicts)
        new.preferred = self.preferred
        new.strict = self.strict
        new.miss_hooks = list(self.miss_hooks)
        new.hint_hooks = list(self.hint_hooks)
        new.via = dict(self.via)
        new.user_rules = set(self.user_rules)
        return new

    def status(self, fun):
        """``(has_vjp, has_jvp, nondiff)`` for a raw callable or primitive."""
        raw = raw_of(fun)
        raw = self.via.get(raw, raw)
        return (self.vjp_rule(raw) is not None, self.jvp_rule(raw) is not None,
                raw in self.nondiff)


def _tie_winner(a, b):
    """Equal standing: the core's rule stays; between plugins, the first name wins."""
    core = _norm(CORE_PROVENANCE[0])
    if _norm(a.distribution) == core:
        return a
    if _norm(b.distribution) == core:
        return b
    return a if _norm(a.distribution) <= _norm(b.distribution) else b


class _State:
    __slots__ = ("registry", "provenance")


_state = _State()
_state.registry = Registry()
_state.provenance = _thread._local()
_CORE_ORIGIN = RuleOrigin(*CORE_PROVENANCE)


def active():
    """The registry the engine uses now."""
    return _state.registry


def once_per_registry(register):
    """Decorator for a rule-set loader: run it once per registry.

    The plugin manager may call a loader again when :func:`isolated` swaps in
    a registry that has not seen its rules; a decorated loader registers into
    each registry once and returns at once afterwards.

    >>> @once_per_registry
    ... def register():
    ...     defvjp(mylib.f, lambda ans, x: lambda g: g * mylib.df(x))
    """
    import weakref
    done = weakref.WeakSet()

    def loader():
        registry = _state.registry
        if registry in done:
            return
        register()
        done.add(registry)

    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(loader, attr, getattr(register, attr, None))
    loader.__wrapped__ = register
    return loader


def _current_origin():
    return getattr(_state.provenance, "value", None) or _CORE_ORIGIN


def _origin(provenance, priority):
    if provenance is None:
        origin = _current_origin()
        if priority is None or priority == origin.priority:
            return origin
        return RuleOrigin(origin.distribution, origin.version, priority, origin.source)
    if isinstance(provenance, RuleOrigin):
        return provenance
    return RuleOrigin(provenance[0], provenance[1] if len(provenance) > 1 else None,
                      priority or 0)


class _Swap:
    """A context manager that sets an attribute for the duration of a block.

    (Written out rather than with ``contextlib``: ``import autograd`` stays
    light, and this module is imported by it.)
    """

    __slots__ = ("obj", "attr", "value", "old")

    def __init__(self, obj, attr, value):
        self.obj, self.attr, self.value = obj, attr, value

    def __enter__(self):
        self.old = getattr(self.obj, self.attr, None)
        setattr(self.obj, self.attr, self.value)
        return self.value

    def __exit__(self, *exc):
        setattr(self.obj, self.attr, self.old)
        return False


def provenance(distribution, version=None, priority=0, source=None):
    """Rules registered inside the ``with`` block are attributed to ``distribution``.

    ``priority`` settles conflicts with other distributions (higher wins);
    ``source`` names the rule set, for reports.
    """
    return _Swap(_state.provenance, "value", RuleOrigin(distribution, version, priority, source))


class isolated:
    """Use ``registry`` (default: a copy of the current rules) inside the block.

    >>> with isolated() as reg:
    ...     defvjp(f, lambda ans, x: lambda g: 2 * g)   # invisible outside
    """

    def __init__(self, registry=None):
        self.registry = registry

    def __enter__(self):
        self.old = _state.registry
        _state.registry = self.old.copy() if self.registry is None else self.registry
        return _state.registry

    def __exit__(self, *exc):
        _state.registry = self.old
        return False


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


_OUR_PACKAGES = ("autograd", "autograd_numpy", "autograd_scipy")
# modules of ours that register rules on behalf of the code calling them
_ON_BEHALF = ("autograd._deprecated",)


def _from_user_code(depth=2):
    """Whether the ``defvjp``-style call ``depth`` frames up comes from user code:
    not from a rule set being loaded, nor from this library's own modules."""
    if getattr(_state.provenance, "value", None) is not None:
        return False
    import sys
    module = sys._getframe(depth).f_globals.get("__name__", "")
    return module in _ON_BEHALF or module.split(".")[0] not in _OUR_PACKAGES


def _target(fun):
    """The raw callable to key ``fun``'s rule by.

    A composite that can take a rule of its own names the callable to key it
    by (``__autograd_rule_key__``; it routes its calls through a primitive
    when it has one).  User code giving a rule to another of this library's
    functions that is not a primitive (``autograd.numpy.concatenate`` is made
    of primitives, and differentiated through them) is warned: the rule would
    never be used.
    """
    key = getattr(fun, "__autograd_rule_key__", None)
    if key is not None:
        return key
    if (not getattr(fun, "_is_autograd_primitive", False)
            and getattr(_state.provenance, "value", None) is None
            and (getattr(fun, "__module__", None) or "").split(".")[0] in _OUR_PACKAGES):
        import warnings
        warnings.warn(
            f"{fun_name(fun)} is not a primitive here: it is differentiated through the "
            "operations it is made of, so a rule given to it is never used. To use your "
            "own rule, wrap it: f = autograd.extend.primitive(<the function>), then give "
            "f the rule and call f.", UserWarning, stacklevel=3)
    return raw_of(fun)


def defvjp(fun, *vjpmakers, argnums=None):
    """Register VJP makers for ``fun``, one per argument (HIPS signature).

    Each maker is ``maker(ans, *args, **kwargs) -> (g -> cotangent)``; ``None``
    declares a zero gradient for that argument.

    >>> defvjp(sin, lambda ans, x: lambda g: g * cos(x))
    """
    raw = _target(fun)
    table = _argnum_table(fun, vjpmakers, argnums, None)
    active().add_vjp(raw, _PerArgVJP(table, fun_name(raw), True), user=_from_user_code())


def defvjp_fast(fun, *vjps, argnums=None, joint=None, keep=None):
    """Like :func:`defvjp` but each rule is ``rule(g, ans, *args, **kwargs)``.

    No closure is built per call, so this is the form the library's own rule
    tables use.  ``joint``, optional, is the same rules as one function
    ``joint(g, ans, args, kwargs, argnums) -> sequence of cotangents`` (one per
    entry of ``argnums``, ``None`` for no gradient; ``args`` is a list, do not
    modify it): the backward pass then makes one call per use of ``fun``.  It
    must give exactly what the per-argument rules give (they stay in force
    where ``joint`` is dropped: a later registration changing one of them).
    ``keep``, optional with ``joint``, is called as each use of ``fun`` is
    recorded, ``keep(args, ans) -> (args, ans)`` (``args`` a fresh list it may
    change), and returns what ``joint`` will be given instead: a stand-in for a
    value it does not read (``None`` for ``ans``; an argument's shape and
    dtype) lets that value be freed before the backward pass.

    >>> defvjp_fast(sin, lambda g, ans, x: g * cos(x))
    """
    raw = raw_of(fun)
    table = _argnum_table(fun, vjps, argnums, None)
    active().add_vjp(raw, _PerArgVJP(table, fun_name(raw), False, joint, keep))


def defvjp_argnum(fun, vjpmaker):
    """``vjpmaker(argnum, ans, args, kwargs) -> (g -> cotangent)`` for every argument."""
    active().add_vjp(_target(fun), _ArgnumVJP(vjpmaker), user=_from_user_code())


def defvjp_argnums(fun, vjpmaker):
    """``vjpmaker(argnums, ans, args, kwargs) -> (g -> tuple of cotangents)``."""
    active().add_vjp(_target(fun), _ArgnumsVJP(vjpmaker), user=_from_user_code())


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
    raw = _target(fun)
    table = _argnum_table(fun, jvpfuns, argnums, _same_jvp)
    active().add_jvp(raw, _PerArgJVP(table, fun_name(raw)), user=_from_user_code())


def defjvp_argnum(fun, jvpmaker):
    """``jvpmaker(argnum, t, ans, args, kwargs) -> tangent`` for every argument."""
    active().add_jvp(_target(fun), _ArgnumJVP(jvpmaker), user=_from_user_code())


def defjvp_argnums(fun, jvpmaker):
    """``jvpmaker(argnums, tangents, ans, args, kwargs) -> tangent``."""
    active().add_jvp(_target(fun), _ArgnumsJVP(jvpmaker), user=_from_user_code())


def def_linear(fun):
    """Declare ``fun`` linear in each argument: its JVP is ``fun`` itself with the
    tangent in that argument's slot (as in HIPS autograd, this defines the JVP
    only; the VJP of a linear map is its transpose and needs its own rule).
    """
    def jvp(argnum, t, ans, args, kwargs):
        return fun(*subval(args, argnum, t), **kwargs)

    defjvp_argnum(fun, jvp)


def defvia(public, implementation):
    """Say that calls of the raw callable ``public`` made through a namespace
    wrapper are differentiated by the rules of the primitive ``implementation``.

    Wrappers exist where a library function takes its differentiable inputs in
    a form a primitive cannot see (``numpy.concatenate`` takes a *list* of
    arrays, ``scipy.integrate.odeint`` a function and a tuple of arguments);
    this records the link for coverage reports and error messages.

    ``implementation`` may also be the wrapper itself when it is written with
    traced operations only (``numpy.apply_along_axis`` calls the user's
    function on slices and stacks the results): give it the attribute
    ``__autograd_composite__ = True`` and coverage reports count it as
    differentiable in both modes, by composition.
    """
    active().via[raw_of(public)] = raw_of(implementation)


def defbatch(fun, rule):
    """Give the primitive ``fun`` a batching rule, used by :func:`autograd.vmap`.

    ``rule(batched, *args, **kwargs)`` is called with the arguments of one
    call of ``fun`` as they are inside ``vmap``: an argument that carries the
    batch has it as its *first* axis (``batched[i]`` is True), the others are
    as the function was given them (per example).  It returns the output for
    the whole batch, batch axis first (a tuple or list output: each item so).
    Write it with differentiable (``autograd.numpy``) functions: under
    ``grad(vmap(f))`` the arguments are themselves traced.  A primitive
    without a rule is batched by calling it once per example and stacking;
    a rule returns ``NotImplemented`` to have a call it does not cover
    batched that way.

    >>> defbatch(mylib.scale, lambda batched, x, s: mylib.scale(x, s))  # elementwise in x
    """
    active().add_batch(_target(fun), _BatchRule(rule), user=_from_user_code())


def defnondiff(fun):
    """Mark ``fun`` as not differentiable (for coverage reports)."""
    active().add_nondiff(raw_of(fun))
