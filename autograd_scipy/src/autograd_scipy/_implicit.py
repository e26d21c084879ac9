"""Rules for inverse functions by the implicit function theorem (shared by
``scipy.special``'s inverse distribution functions and ``scipy.stats``' ``ppf``/``isf``).

An inverse ``X = inv(*args)`` solves ``forward(..., X, ...) = p`` for one argument of
a traced elementwise ``forward``, the others taken from ``args``.  Differentiating
the identity: ``dX/dp = 1 / F_X`` and ``dX/dtheta = -F_theta / F_X``, where ``F_X``
and ``F_theta`` are autograd's own derivatives of ``forward`` at the answer.  The
rules are written with traced functions, so derivatives of any order follow.
"""

from autograd import make_jvp, make_vjp
from autograd.extend import defjvp_argnum, defvjp_argnum
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

__all__ = ["def_implicit_inverse"]

LEVEL = "p"


def def_implicit_inverse(prim, forward, solved, roles):
    """Give the primitive ``prim`` rules as the inverse of ``forward`` in its argument
    number ``solved``.  ``roles[k]`` says what argument ``k`` of ``prim`` is: ``"p"`` for
    the level ``forward`` takes, or the position it fills in ``forward``'s arguments."""
    n_forward = len(roles)       # the level is replaced by the solved argument

    def forward_args(ans, args):
        fargs = [None] * n_forward
        fargs[solved] = ans
        for k, role in enumerate(roles):
            if role != LEVEL:
                fargs[role] = args[k]
        return fargs

    def in_position(j, ans, args):
        fargs = forward_args(ans, args)

        def fun(value):
            full = list(fargs)
            full[j] = value
            return forward(*full)
        return fun

    def slope(ans, args):
        """``dF/dX`` at the answer (``forward`` is elementwise: a JVP with ones)."""
        return make_jvp(in_position(solved, ans, args))(ans)(anp.ones_like(ans))[1]

    def vjp_maker(argnum, ans, args, kwargs):
        s = slope(ans, args)
        role = roles[argnum]
        if role == LEVEL:
            return lambda g: fit_cotangent(g / s, args[argnum])
        vjp, _ = make_vjp(in_position(role, ans, args))(args[argnum])
        return lambda g: vjp(-g / s)

    def jvp_maker(argnum, t, ans, args, kwargs):
        s = slope(ans, args)
        role = roles[argnum]
        if role == LEVEL:
            return fit_tangent(t / s, ans)
        _, dF = make_jvp(in_position(role, ans, args))(args[argnum])(t)
        return fit_tangent(-dF / s, ans)

    defvjp_argnum(prim, vjp_maker)
    defjvp_argnum(prim, jvp_maker)
