"""The extension API: define new primitives, their rules and new value types.

>>> from autograd.extend import primitive, defvjp, defjvp
>>> @primitive
... def logsumexp2(a, b): ...
>>> defvjp(logsumexp2, lambda ans, a, b: lambda g: g * exp(a - ans),
...                    lambda ans, a, b: lambda g: g * exp(b - ans))
"""

from .rules import (
    MissingRuleError, def_linear, defjvp, defjvp_argnum, defjvp_argnums, defnondiff,
    defvia, defvjp, defvjp_argnum, defvjp_argnums, defvjp_fast, isolated,
)
from .scalars import register_array_protocol, register_operand_type
from .tracer import new_box  # accepts HIPS's integer traces too
from .tracing import (
    Box, JVPNode, VJPNode, getval, isbox, notrace_primitive, primitive, register_notrace,
)
from .vspace import SparseObject, VSpace, add_values, densify, register_vspace, vspace

__all__ = [
    "primitive", "notrace_primitive", "register_notrace", "defvjp", "defvjp_fast",
    "defvjp_argnum", "defvjp_argnums", "defjvp", "defjvp_argnum", "defjvp_argnums",
    "def_linear", "defnondiff", "defvia", "Box", "VSpace", "vspace", "SparseObject", "VJPNode",
    "JVPNode", "getval", "isbox", "new_box", "register_vspace", "add_values", "densify",
    "MissingRuleError", "isolated", "register_operand_type", "register_array_protocol",
]
