"""Differentiating through a fixed-point iteration by the implicit function theorem.

``fixed_point(f, a, x0, distance, tol)`` iterates ``x <- f(a)(x)`` from ``x0``
until ``distance(x, x_prev) <= tol``.  Its derivative with respect to ``a``
does not unroll the loop: at the fixed point ``x* = f(a)(x*)``, so

* reverse mode solves ``w = g + (d f/d x)^T w`` (itself a fixed point), then
  returns ``(d f/d a)^T w``;
* forward mode solves ``v = (d f/d x) v + (d f/d a) t``.
"""

from ..differential_operators import make_jvp, make_vjp
from ..rules import defjvp, defvjp
from ..tracing import primitive
from ..vspace import add_values, vspace

__all__ = ["fixed_point"]


@primitive
def fixed_point(f, a, x0, distance, tol):
    step = f(a)
    x, x_prev = step(x0), x0
    while distance(x, x_prev) > tol:
        x, x_prev = step(x), x
    return x


def _fixed_point_vjp(ans, f, a, x0, distance, tol):
    def adjoint_step(params):
        a, x_star, x_star_bar = params
        vjp_x, _ = make_vjp(f(a))(x_star)
        return lambda w: add_values(vjp_x(w), x_star_bar)

    vjp_a, _ = make_vjp(lambda a, x: f(a)(x))(a, ans)

    def vjp(g):
        w = fixed_point(adjoint_step, (a, ans, g), vspace(x0).zeros(), distance, tol)
        return vjp_a(w)

    return vjp


def _fixed_point_jvp(t, ans, f, a, x0, distance, tol):
    _, da = make_jvp(lambda a: f(a)(ans))(a)(t)

    def tangent_step(params):
        a, x_star, da = params
        return lambda v: add_values(make_jvp(f(a))(x_star)(v)[1], da)

    return fixed_point(tangent_step, (a, ans, da), vspace(ans).zeros(), distance, tol)


defvjp(fixed_point, None, _fixed_point_vjp, None, None, None)
defjvp(fixed_point, None, _fixed_point_jvp, None, None, None)
