"""The extension API: everything an add-on or a third-party plugin builds on.

Define primitives and their rules, new value types (boxes and vector
spaces), and helpers rule authors need.  autograd-numpy, autograd-scipy and
the plugins under ``plugins/`` use this module (plus :mod:`autograd.plugins`
to declare themselves) and nothing else of the core; docs/extending.md lists
every name with an example.

>>> from autograd.extend import primitive, defvjp, defjvp
>>> @primitive
... def logsumexp2(a, b): ...
>>> defvjp(logsumexp2, lambda ans, a, b: lambda g: g * exp(a - ans),
...                    lambda ans, a, b: lambda g: g * exp(b - ans))
"""

import functools

from ._gc import few_collections
from .batching import (
    BatchHooks, BatchingError, batch_only, batch_size_of, is_batched, nondiff_call,
    register_batch_box, register_batch_type, stacked_value,
)
from .builtins import SequenceBox, make_sequence, pack
from .rules import (
    MissingRuleError, _ArgnumJVP, _ArgnumVJP, _from_user_code, _target, def_linear, defjvp,
    defbatch, defjvp_argnum, defjvp_argnums, defnondiff, defvia, defvjp, defvjp_argnum,
    defvjp_argnums,
    defvjp_fast, isolated, once_per_registry, raw_of, subval,
)
from .rules import active as active_registry
from .scalars import register_array_protocol, register_operand_type
from .tracing import (
    Box, JVPNode, VJPNode, _missing, constant_box, getval, is_constant, is_primitive, isbox, mark_primitive,
    notrace_primitive, primitive, register_notrace,
)
from .vspace import (
    SparseObject, VSpace, add_values, densify, register_fast_add, register_value_family,
    register_value_type, register_vspace, vspace,
)

__all__ = [
    # primitives
    "primitive", "notrace_primitive", "register_notrace", "mark_primitive", "is_primitive",
    # rules
    "defvjp", "defvjp_fast", "defvjp_argnum", "defvjp_argnums", "defjvp", "defjvp_argnum",
    "defjvp_argnums", "def_linear", "defnondiff", "defvia", "def_composite", "overridable",
    "share_rules", "apply_vjp", "apply_jvp",
    "once_per_registry", "active_registry", "isolated", "MissingRuleError",
    # batching (vmap)
    "defbatch", "BatchHooks", "register_batch_type", "register_batch_box", "BatchingError",
    "is_batched", "batch_size_of", "nondiff_call", "batch_only", "stacked_value",
    # value types
    "Box", "VSpace", "vspace", "SparseObject", "VJPNode", "JVPNode",
    "new_box",  # noqa: F822  (see __getattr__)
    "register_value_type", "register_vspace", "register_value_family", "register_operand_type",
    "register_array_protocol", "register_fast_add", "constant_box", "is_constant",
    # helpers for rule authors
    "getval", "isbox", "add_values", "densify", "subval", "pack", "make_sequence",
    "SequenceBox", "make_vjp", "make_jvp",  # noqa: F822  (see __getattr__)
    # loading
    "few_collections",
]


def __getattr__(name):
    # Bound on first use, from modules that ``import autograd.numpy`` (which imports
    # this one) does not need: make_vjp/make_jvp live with the differential
    # operators, new_box (which accepts HIPS's integer traces too) in autograd.tracer.
    if name in ("make_vjp", "make_jvp"):
        from . import differential_operators as module
    elif name == "new_box":
        from . import tracer as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


def def_composite(fun, impl, fit=None):
    """Give ``fun`` the rules of ``impl``, an equivalent built from differentiable operations.

    The VJP and JVP differentiate ``impl`` at the call's arguments, so they are
    exact to any order; the cost is one extra evaluation of ``impl`` per rule
    call.  ``fit(tangent, ans)``, if given, adapts a JVP's result to the
    primitive's output (dtype, shape) when that is not a tuple or list.

    >>> f = primitive(library_f)                 # fast, but no rule
    >>> def_composite(f, lambda x: x * x + 1)    # the same function, traceable
    """
    from .differential_operators import make_jvp, make_vjp

    def vjp(argnum, ans, args, kwargs):
        return make_vjp(impl, argnum)(*args, **kwargs)[0]

    def jvp(argnum, t, ans, args, kwargs):
        out = make_jvp(impl, argnum)(*args, **kwargs)(t)[1]
        if fit is None or type(getval(ans)) in (tuple, list):
            return out
        return fit(out, ans)

    registry, raw, user = active_registry(), _target(fun), _from_user_code()
    registry.add_vjp(raw, _ArgnumVJP(vjp), user=user)
    registry.add_jvp(raw, _ArgnumJVP(jvp), user=user)


def overridable(fn):
    """Let users give ``fn``, a function written with primitives, a rule of its own.

    ``fn`` is differentiated through the operations it is made of.  In HIPS
    autograd many library functions were primitives, and code gives them rules
    (``defvjp(logsumexp, ...)``); the returned wrapper accepts such a rule
    (keyed by ``fn``) and, once one is registered, sends its calls through a
    primitive of ``fn`` so that the rule is the one used.  Until then it calls
    ``fn`` directly (one dict lookup per call).

    >>> def softplus(x): return log1p(exp(x))       # differentiated as composed
    >>> softplus = overridable(softplus)
    >>> defvjp(softplus, lambda ans, x: lambda g: g / (1 + exp(-x)))   # now used
    """
    as_primitive = []

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        registry = active_registry()
        if fn not in registry.vjps and fn not in registry.jvps:
            return fn(*args, **kwargs)
        if any(isbox(v) for v in kwargs.values()):
            raise TypeError(
                f"{getattr(fn, '__qualname__', fn)} has a rule of your own (a primitive, as "
                "in HIPS autograd): pass the traced arguments positionally, not by keyword.")
        if not as_primitive:
            as_primitive.append(primitive(fn))
        return as_primitive[0](*args, **kwargs)

    wrapper.__autograd_rule_key__ = fn
    return wrapper


# ----------------------------------------------------------------- one derivation, several primitives

def apply_vjp(source, argnum, g, ans, args, kwargs=None):
    """The cotangent of argument ``argnum`` given by the VJP rule of the primitive ``source``.

    ``ans`` is the value ``source(*args, **kwargs)`` returned (or would return),
    ``g`` the cotangent of that output.  The rule is the one in force in the
    active registry (rule sets are loaded as for any lookup), so a primitive
    whose mathematics is ``source``'s, up to a change of arguments, can write
    its own rule around ``source``'s instead of deriving it again; see
    :func:`share_rules` for the common case.  Raises :class:`MissingRuleError`
    when ``source`` has no VJP for that argument.

    >>> ct = apply_vjp(autograd.numpy.linalg.inv, 0, g, ans, (a,))
    """
    registry, raw = active_registry(), raw_of(source)
    rule = registry.vjp_rule(raw)
    if rule is None or rule.covers((argnum,)) is not None:
        raise _missing(raw, "VJP", registry, None if rule is None else argnum)
    return rule(g, ans, args, kwargs or {}, (argnum,))[0]


def apply_jvp(source, argnum, t, ans, args, kwargs=None):
    """The output tangent given by the JVP rule of the primitive ``source`` for a
    tangent ``t`` of argument ``argnum`` (``None`` for a zero tangent); the
    forward-mode counterpart of :func:`apply_vjp`.

    >>> dans = apply_jvp(autograd.numpy.linalg.inv, 0, t, ans, (a,))
    """
    registry, raw = active_registry(), raw_of(source)
    rule = registry.jvp_rule(raw)
    if rule is None or rule.covers((argnum,)) is not None:
        raise _missing(raw, "JVP", registry, None if rule is None else argnum)
    return rule((t,), ans, args, kwargs or {}, (argnum,))


def share_rules(fun, source, adapt=None):
    """Give the primitive ``fun`` the VJP and JVP rules of the primitive ``source``.

    For two primitives that compute the same mathematical function with
    different calling conventions (``scipy.linalg.cholesky(a, lower=False)``
    and ``numpy.linalg.cholesky(a, upper=True)``): one derivation serves both.
    The primal value stays ``fun``'s own; it is handed to ``source``'s rules as
    their ``ans``, so both must return the same values in the same layout (a
    plain tuple where ``source`` returns a named tuple is fine).

    ``adapt(*args, **kwargs)``, called with a recorded call's arguments when
    its rule runs, returns the equivalent call of ``source`` as ``(args,
    kwargs)``, or as ``(other, args, kwargs)`` to use another primitive's rules
    for this call (``eigh(a, eigvals_only=True)`` is ``eigvalsh(a)``).  Argument
    ``i`` of ``fun`` must be argument ``i`` of ``source`` with the same value;
    ``adapt`` renames and drops the options, and raises (for example
    ``NotImplementedError``) for calls ``source``'s rules do not cover.  Without
    ``adapt`` the arguments are passed unchanged.  Where an argument or the
    output must be transformed, write the rule with :func:`apply_vjp` and
    :func:`apply_jvp` instead.  The rules are looked up at each call, so the
    ones in force for ``source`` (a user's, a preferred plugin's) are used.

    >>> chol = primitive(scipy.linalg.cholesky)
    >>> share_rules(chol, autograd.numpy.linalg.cholesky,
    ...             lambda a, lower=False, **opts: ((a,), {"upper": not lower}))
    """
    if adapt is None:
        def call(args, kwargs):
            return source, args, kwargs
    else:
        def call(args, kwargs):
            out = adapt(*args, **kwargs)
            return out if len(out) == 3 else (source, *out)

    def vjp(argnum, ans, args, kwargs):
        other, a, kw = call(args, kwargs)
        return lambda g: apply_vjp(other, argnum, g, ans, a, kw)

    def jvp(argnum, t, ans, args, kwargs):
        other, a, kw = call(args, kwargs)
        return apply_jvp(other, argnum, t, ans, a, kw)

    registry, raw, user = active_registry(), _target(fun), _from_user_code()
    registry.add_vjp(raw, _ArgnumVJP(vjp), user=user)
    registry.add_jvp(raw, _ArgnumJVP(jvp), user=user)
