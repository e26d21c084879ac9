"""HIPS autograd compatibility: the ``autograd.core`` import path.

Re-exports the extension API and the VJP/JVP makers under the names that
downstream packages import from ``autograd.core``.  ``primitive_vjps`` and
``primitive_jvps`` are read-only views of the active rule registry keyed by
raw callable.
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


def make_vjp(fun, x):
    """``(vjp, fun(x))`` for a one-argument ``fun`` (HIPS ``autograd.core.make_vjp``)."""
    return _make_vjp_nary(fun)(x)


def make_jvp(fun, x):
    """``jvp`` with ``jvp(t) == (fun(x), J t)`` for a one-argument ``fun``."""
    return _make_jvp_nary(fun)(x)


def primitive_vjps():
    return _Proxy(_rules.active().vjps)


def primitive_jvps():
    return _Proxy(_rules.active().jvps)


primitive_with_deprecation_warnings = primitive
