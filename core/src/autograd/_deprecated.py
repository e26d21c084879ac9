"""HIPS autograd 1.1's rule methods on primitives, kept for old code.

``autograd.core.primitive`` (as in HIPS autograd, and unlike
``autograd.extend.primitive``) gives its primitive three deprecated methods:

* ``f.defgrad(maker, argnum=0)``: ``maker(ans, *args, **kwargs) -> (g -> cotangent)``,
  the form :func:`autograd.extend.defvjp` takes today;
* ``f.defvjp(rule, argnum=0)``: ``rule(g, ans, vs, gvs, *args, **kwargs)`` with
  ``vs``/``gvs`` the vector spaces of the argument and of ``g``;
* ``f.defvjp_is_zero(argnums=(0,))``: a zero gradient for those arguments.

Each warns ``DeprecationWarning`` and registers through ``autograd.extend.defvjp``;
rules for other arguments are kept.  Nothing here is on the tracing path: the
methods are attached once, when the primitive is made.
"""

import functools
import warnings

from .rules import defvjp
from .tracing import primitive
from .vspace import vspace

__all__ = ["primitive_with_deprecation_warnings"]


def _warn(method):
    warnings.warn(f"{method} on a primitive is deprecated (HIPS autograd 1.2 removed it); "
                  "use autograd.extend.defvjp(fun, maker, argnums=...) instead.",
                  DeprecationWarning, stacklevel=3)


def _defgrad(fun, maker, argnum=0):
    _warn("defgrad")
    defvjp(fun, maker, argnums=[argnum])


def _defvjp(fun, rule, argnum=0):
    _warn("defvjp")

    def maker(ans, *args, **kwargs):
        def vjp(g):
            return rule(g, ans, vspace(args[argnum]), vspace(g), *args, **kwargs)
        return vjp

    defvjp(fun, maker, argnums=[argnum])


def _defvjp_is_zero(fun, argnums=(0,)):
    _warn("defvjp_is_zero")
    argnums = sorted(set(argnums))
    defvjp(fun, *[None] * len(argnums), argnums=argnums)


def primitive_with_deprecation_warnings(fun):
    """:func:`autograd.extend.primitive` plus the deprecated ``defgrad``,
    ``defvjp`` and ``defvjp_is_zero`` methods (see the module docstring)."""
    f = primitive(fun)
    f.defgrad = functools.partial(_defgrad, f)
    f.defvjp = functools.partial(_defvjp, f)
    f.defvjp_is_zero = functools.partial(_defvjp_is_zero, f)
    return f
