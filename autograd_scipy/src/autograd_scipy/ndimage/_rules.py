"""The ``scipy.ndimage`` rule set (loader declared by the plugin).

``correlate_nd(x, w)`` computes ``y[i] = sum_j w[j] * xp[i + j]`` with ``xp``
the input extended by the boundary mode (``c = k // 2 + origin`` elements
before each axis, ``k - 1 - c`` after).  So

* ``x_bar = fold(full_conv(g, w))``: the full convolution of the cotangent with
  the weights is the cotangent of ``xp``, and ``fold``, the transpose of the
  extension (a scatter-add of every padded position onto the input element it
  copies; nothing for the constant), brings it back onto ``x``;
* ``w_bar = weight_corr(xp, g)``;
* the JVPs are the function itself with the tangent in one slot (``cval = 0``
  for the input's tangent: the constant does not move).

``full_conv(g, w)`` is again a ``correlate_nd``: of ``g`` zero-extended by
``k - 1`` at the end, with the flipped weights, ``mode='constant'`` and origin
``(k - 1) // 2``; so every derivative is made of the same primitives, to any order.
"""

from autograd.extend import defjvp, defvjp_fast, once_per_registry
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.util import shape_of

from .. import ndimage as andi
from .._composites import register_names
from ._common import pad, pad_index
from ._primitives import (correlate_nd, scatter_axis, spline_filter_nd, spline_filter_nd_t,
                          take_axis, weight_corr)

__all__ = ["register"]


def _widths(k, origin):
    return [(m // 2 + o, m - 1 - (m // 2 + o)) for m, o in zip(k, origin)]


def _full_conv(g, w, k):
    """``out[m] = sum_j w[j] g[m - j]``: length ``n + k - 1`` along every axis."""
    for axis, m in enumerate(k):
        if m > 1:
            n = shape_of(g)[axis]
            idx = list(range(n)) + [-1] * (m - 1)
            g = take_axis(g, idx, axis)
    wf = anp.flip(w, tuple(range(len(k))))
    return correlate_nd(g, wf, "constant", 0.0, tuple((m - 1) // 2 for m in k))


def _fold(xp_bar, shape, k, origin, mode):
    for axis, ((before, after), n) in enumerate(zip(_widths(k, origin), shape)):
        if before or after:
            xp_bar = scatter_axis(xp_bar, pad_index(n, before, after, mode), axis, n)
    return xp_bar


def _corr_vjp_x(g, ans, x, w, mode, cval, origin):
    k = shape_of(w)
    return fit_cotangent(_fold(_full_conv(g, w, k), shape_of(x), k, origin, mode), x)


def _corr_vjp_w(g, ans, x, w, mode, cval, origin):
    k = shape_of(w)
    xp = pad(x, _widths(k, origin), [mode] * len(k), cval)
    return fit_cotangent(weight_corr(xp, g, k), w)


def _corr_jvp_x(t, ans, x, w, mode, cval, origin):
    return fit_tangent(correlate_nd(t, w, mode, 0.0, origin), ans)


def _corr_jvp_w(t, ans, x, w, mode, cval, origin):
    return fit_tangent(correlate_nd(x, t, mode, cval, origin), ans)


def _wcorr_vjp_xp(c, ans, xp, g, kshape):
    return fit_cotangent(_full_conv(g, c, kshape), xp)


def _wcorr_vjp_g(c, ans, xp, g, kshape):
    out = correlate_nd(xp, c, "constant", 0.0, tuple(-(m // 2) for m in kshape))
    return fit_cotangent(out[tuple(slice(0, n) for n in shape_of(g))], g)


def _wcorr_jvp_xp(t, ans, xp, g, kshape):
    return fit_tangent(weight_corr(t, g, kshape), ans)


def _wcorr_jvp_g(t, ans, xp, g, kshape):
    return fit_tangent(weight_corr(xp, t, kshape), ans)


def _take_vjp(g, ans, x, idx, axis):
    return scatter_axis(g, idx, axis, shape_of(x)[axis])


def _scatter_vjp(g, ans, y, idx, axis, n):
    return take_axis(g, idx, axis)


def _prefilter_vjp(g, ans, x, order, mode):
    return fit_cotangent(spline_filter_nd_t(g, order, mode), x)


def _prefilter_t_vjp(g, ans, x, order, mode):
    return fit_cotangent(spline_filter_nd(g, order, mode), x)


@once_per_registry
def register():
    """Register the scipy.ndimage rules into the active registry (idempotent)."""
    defvjp_fast(correlate_nd, _corr_vjp_x, _corr_vjp_w)
    defjvp(correlate_nd, _corr_jvp_x, _corr_jvp_w)
    defvjp_fast(weight_corr, _wcorr_vjp_xp, _wcorr_vjp_g)
    defjvp(weight_corr, _wcorr_jvp_xp, _wcorr_jvp_g)
    defvjp_fast(take_axis, _take_vjp)
    defjvp(take_axis, "same")
    defvjp_fast(scatter_axis, _scatter_vjp)
    defjvp(scatter_axis, "same")
    defvjp_fast(spline_filter_nd, _prefilter_vjp)
    defjvp(spline_filter_nd, "same")
    defvjp_fast(spline_filter_nd_t, _prefilter_t_vjp)
    defjvp(spline_filter_nd_t, "same")

    register_names(andi, andi._ndi)
