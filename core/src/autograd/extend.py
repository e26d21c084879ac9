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

from .builtins import SequenceBox, make_sequence, pack
from .differential_operators import make_jvp, make_vjp
from .rules import (
    MissingRuleError, _ArgnumJVP, _ArgnumVJP, _from_user_code, _target, def_linear, defjvp,
    defjvp_argnum, defjvp_argnums, defnondiff, defvia, defvjp, defvjp_argnum, defvjp_argnums,
    defvjp_fast, isolated, once_per_registry, subval,
)
from .rules import active as active_registry
from .scalars import register_array_protocol, register_operand_type
from .tracer import new_box  # accepts HIPS's integer traces too
from .tracing import (
    Box, JVPNode, VJPNode, getval, is_primitive, isbox, mark_primitive, notrace_primitive,
    primitive,
    register_notrace,
)
from .vspace import (
    SparseObject, VSpace, add_values, densify, register_value_family, register_value_type,
    register_vspace, vspace,
)

__all__ = [
    # primitives
    "primitive", "notrace_primitive", "register_notrace", "mark_primitive", "is_primitive",
    # rules
    "defvjp", "defvjp_fast", "defvjp_argnum", "defvjp_argnums", "defjvp", "defjvp_argnum",
    "defjvp_argnums", "def_linear", "defnondiff", "defvia", "def_composite", "overridable",
    "once_per_registry", "active_registry", "isolated", "MissingRuleError",
    # value types
    "Box", "VSpace", "vspace", "SparseObject", "VJPNode", "JVPNode", "new_box",
    "register_value_type", "register_vspace", "register_value_family", "register_operand_type",
    "register_array_protocol",
    # helpers for rule authors
    "getval", "isbox", "add_values", "densify", "subval", "pack", "make_sequence",
    "SequenceBox", "make_vjp", "make_jvp",
]


def def_composite(fun, impl, fit=None):
    """Give ``fun`` the rules of ``impl``, an equivalent built from differentiable operations.

    The VJP and JVP differentiate ``impl`` at the call's arguments, so they are
    exact to any order; the cost is one extra evaluation of ``impl`` per rule
    call.  ``fit(tangent, ans)``, if given, adapts a JVP's result to the
    primitive's output (dtype, shape) when that is not a tuple or list.

    >>> f = primitive(library_f)                 # fast, but no rule
    >>> def_composite(f, lambda x: x * x + 1)    # the same function, traceable
    """
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
