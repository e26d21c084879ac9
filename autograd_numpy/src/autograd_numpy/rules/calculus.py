"""Rules of calculus on sampled data: ``gradient`` (finite differences),
``trapezoid`` (integration) and ``interp`` (piecewise-linear interpolation).

Each rule comes from :func:`~autograd_numpy.rules.def_composite`: a short
equivalent of the function written with primitives that have rules, which the
VJP and JVP differentiate (exact to any order); values always come from NumPy.

Conventions: ``interp`` is differentiable in ``x``, ``xp`` and ``fp``
(piecewise linear: at a knot the derivative is the one of the interval to its
right); ``gradient`` takes scalar spacings only.
"""

import numpy as onp

from autograd.extend import batch_only, getval

from .. import numpy_wrapper as anp
from ..util import ndim_of, shape_of
from . import along, def_composite, raw

__all__ = ["register"]


# ----------------------------------------------------------------- trapezoid, interp, gradient

def _trapezoid_impl(y, x=None, dx=1.0, axis=-1):
    nd = ndim_of(y)
    ax = axis % nd
    hi, lo = along(ax, nd, slice(1, None)), along(ax, nd, slice(None, -1))
    if x is None:
        d = dx
    elif ndim_of(x) == 1:
        d = x[1:] - x[:-1]
        d = anp.reshape(d, tuple(-1 if i == ax else 1 for i in range(nd)))
    else:
        xnd = ndim_of(x)
        xa = axis % xnd
        d = x[along(xa, xnd, slice(1, None))] - x[along(xa, xnd, slice(None, -1))]
    return anp.sum(d * (y[hi] + y[lo]) / 2.0, axis=ax)


def _interp_impl(x, xp, fp, left=None, right=None, period=None):
    # sample points given as lists are indexed below with indices computed from
    # x: make them arrays of x's own type (NEP 35 ``like=``: CuPy, Dask, ...)
    xv = getval(x)
    like = {"like": xv} if hasattr(type(xv), "__array_function__") else {}
    if type(xp) in (list, tuple):
        xp = anp.array(xp, **like)
    if type(fp) in (list, tuple):
        fp = anp.array(fp, **like)
    if period is not None:
        period = abs(period)
        x = x % period
        xp = xp % period
        order = anp.argsort(batch_only(xp), kind="stable")
        xp, fp = anp.take(xp, order), anp.take(fp, order)
        xp = anp.concatenate([xp[-1:] - period, xp, xp[:1] + period])
        fp = anp.concatenate([fp[-1:], fp, fp[:1]])
        left = right = None
    # the interval of each x, computed from values that keep a vmap batch (and
    # nothing else): inside vmap each example finds its own intervals
    xb, xpb = batch_only(x), batch_only(xp)
    n = shape_of(xp)[0]
    if n == 1:
        out = fp[0] + 0.0 * x
    else:
        j = anp.clip(anp.searchsorted(xpb, xb, side="right") - 1, 0, n - 2)
        x0, x1 = anp.take(xp, j), anp.take(xp, j + 1)
        f0, f1 = anp.take(fp, j), anp.take(fp, j + 1)
        out = f0 + (x - x0) / (x1 - x0) * (f1 - f0)
    lo = fp[0] if left is None else left
    hi = fp[-1] if right is None else right
    return anp.where(xb < xpb[0], lo, anp.where(xb > xpb[-1], hi, out))


def _gradient_impl(f, *varargs, axis=None, edge_order=1):
    nd = ndim_of(f)
    axes = tuple(range(nd)) if axis is None else \
        tuple(a % nd for a in (axis if isinstance(axis, (tuple, list)) else (axis,)))
    if len(varargs) == 0:
        spacing = [1.0] * len(axes)
    elif len(varargs) == 1:
        spacing = list(varargs) * len(axes)
    else:
        spacing = list(varargs)
    outs = []
    for ax, h in zip(axes, spacing):
        if ndim_of(h) != 0:
            raise NotImplementedError(
                "The gradient of numpy.gradient with coordinate arrays is not implemented; "
                "pass scalar spacings.")
        def s(i, ax=ax):
            return f[along(ax, nd, i)]
        inner = (s(slice(2, None)) - s(slice(None, -2))) / (2.0 * h)
        if edge_order == 1:
            first = (s(slice(1, 2)) - s(slice(0, 1))) / h
            last = (s(slice(-1, None)) - s(slice(-2, -1))) / h
        else:
            first = (-1.5 * s(slice(0, 1)) + 2.0 * s(slice(1, 2)) - 0.5 * s(slice(2, 3))) / h
            last = (0.5 * s(slice(-3, -2)) - 2.0 * s(slice(-2, -1)) + 1.5 * s(slice(-1, None))) / h
        outs.append(anp.concatenate([first, inner, last], axis=ax))
    if len(outs) == 1:
        return outs[0]
    return type(onp.gradient(onp.zeros((3, 3))))(outs)


def register():
    for name, impl in (("trapezoid", _trapezoid_impl), ("interp", _interp_impl),
                       ("gradient", _gradient_impl)):
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
