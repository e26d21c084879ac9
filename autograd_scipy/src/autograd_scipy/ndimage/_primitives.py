"""The primitives of ``autograd.scipy.ndimage``, whose rules are in :mod:`._rules`.

Every differentiable function of the package is a composition of these and of
traced NumPy operations:

* ``correlate_nd(x, w, mode, cval, origin)``: SciPy's N-d correlation without the
  conjugation of complex weights (``w`` has
  ``x``'s number of dimensions), bilinear in ``x`` and ``w`` (affine in ``x``
  for ``mode='constant'`` with a nonzero ``cval``);
* ``weight_corr(xp, g, kshape)``: ``out[j] = sum_i g[i] * xp[i + j]`` for ``j`` in
  ``kshape``, the derivative of a correlation in its weights (``xp`` the input
  padded as the boundary mode pads it);
* ``take_axis(x, idx, axis)`` / ``scatter_axis(g, idx, axis, n)``: a gather along
  one axis (index ``-1`` reads zero) and its adjoint, a scatter-add: the
  boundary extension of every mode is such a gather, so its transpose folds the
  padded contributions back onto the input;
* ``spline_filter_nd(x, order, mode)`` / ``spline_filter_nd_t(g, order, mode)``:
  SciPy's B-spline prefilter (float64 result) and its transpose, applied along
  each axis through the filter's matrix.
"""

import functools

import numpy as onp
import scipy.ndimage as _ndi

from autograd.extend import primitive

__all__ = ["correlate_nd", "weight_corr", "take_axis", "scatter_axis",
           "spline_filter_nd", "spline_filter_nd_t"]


def _correlate_nd_raw(x, w, mode, cval, origin):
    # SciPy's correlate conjugates complex weights; this primitive does not (so that
    # it is bilinear): the public ``correlate`` passes it ``conj(w)``
    if onp.iscomplexobj(w):
        w = w.conj()
    return _ndi.correlate(x, w, mode=mode, cval=cval, origin=list(origin))


correlate_nd = primitive(_correlate_nd_raw)


def _weight_corr_raw(xp, g, kshape):
    dtype = onp.result_type(xp, g)
    out = onp.zeros(kshape, dtype)
    n = g.shape
    for j in onp.ndindex(*kshape):
        window = xp[tuple(slice(a, a + m) for a, m in zip(j, n))]
        out[j] = onp.sum(g * window)
    return out


weight_corr = primitive(_weight_corr_raw)


def _take_axis_raw(x, idx, axis):
    idx = onp.asarray(idx)
    out = onp.take(x, onp.maximum(idx, 0), axis=axis)
    if (idx < 0).any():
        sel = [slice(None)] * out.ndim
        sel[axis] = idx < 0
        out[tuple(sel)] = 0
    return out


take_axis = primitive(_take_axis_raw)


def _scatter_axis_raw(g, idx, axis, n):
    idx = onp.asarray(idx)
    shape = list(g.shape)
    shape[axis] = n
    out = onp.zeros(shape, g.dtype)
    keep = idx >= 0
    gm = onp.moveaxis(g, axis, 0)[keep]
    onp.add.at(onp.moveaxis(out, axis, 0), idx[keep], gm)
    return out


scatter_axis = primitive(_scatter_axis_raw)


# ----------------------------------------------------------------- B-spline prefilter

MATRIX_LIMIT = 4096   # the longest axis whose prefilter transpose is built as a matrix


@functools.lru_cache(maxsize=64)
def prefilter_matrix(n, order, mode):
    """The ``n x n`` matrix of SciPy's 1-D spline prefilter (column ``j`` filters ``e_j``)."""
    if n > MATRIX_LIMIT:
        raise NotImplementedError(
            f"The derivative of the order-{order} spline prefilter along an axis of length {n} "
            f"would build its {n} x {n} matrix (limit {MATRIX_LIMIT}); pass prefilter=False "
            "with coefficients from spline_filter, or use order <= 1.")
    m = _ndi.spline_filter1d(onp.eye(n), order, axis=0, output=onp.float64, mode=mode)
    m.setflags(write=False)
    return m


def _spline_filter_nd_raw(x, order, mode):
    return _ndi.spline_filter(x, order, output=onp.float64, mode=mode)


def _spline_filter_nd_t_raw(g, order, mode):
    for axis in range(g.ndim):
        m = prefilter_matrix(g.shape[axis], order, mode)
        g = onp.moveaxis(onp.moveaxis(g, axis, -1) @ m, -1, axis)
    return g


spline_filter_nd = primitive(_spline_filter_nd_raw)
spline_filter_nd_t = primitive(_spline_filter_nd_t_raw)
