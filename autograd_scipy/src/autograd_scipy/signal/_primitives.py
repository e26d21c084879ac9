"""The primitives of ``autograd.scipy.signal``, whose rules are in :mod:`._rules`.

* ``windows``/``fold``: sliding windows of an array and their adjoint (HIPS
  autograd's N-d convolution, :mod:`._convolution`);
* ``fir``, ``allpole``, ``lagcorr``: the three linear filters every filter of
  :mod:`._filtering` is composed of (each one's derivatives are again these);
* ``linear_map``: a linear function given by a callable, differentiated through
  its matrix (the fallback for the few options with no structured form).
"""


import numpy as onp
import scipy.signal as _sps

from autograd.extend import primitive

__all__ = ["windows", "fold", "fir", "allpole", "lagcorr", "linear_map"]


# ----------------------------------------------------------------- windows of an array

def _windows_raw(x, axes, sizes, starts, counts):
    """Sliding windows of ``x``: ``w[..., o, ..., p] = x[..., start + p + o, ...]``.

    Along each axis in ``axes`` the window offset ``o < size`` takes the place
    of the axis, and the position ``p < count`` is appended at the end.
    """
    view = onp.lib.stride_tricks.sliding_window_view(x, sizes, axis=axes)
    nd = x.ndim
    index = [slice(None)] * view.ndim
    for ax, start, count in zip(axes, starts, counts):
        index[ax] = slice(start, start + count)
    view = view[tuple(index)]
    # view's axes: x's axes (positions at ``axes``), then the window offsets
    offsets = list(range(nd, nd + len(axes)))
    order = list(range(nd))
    for ax, off in zip(axes, offsets):
        order[ax] = off
    return onp.ascontiguousarray(view.transpose(order + list(axes)))


windows = primitive(_windows_raw)


def _fold_raw(w, axes, sizes, starts, counts, shape):
    """The adjoint of :func:`windows`: add every window back where it came from."""
    out = onp.zeros(shape, dtype=w.dtype)
    nd = len(shape)
    for offset in onp.ndindex(*sizes):
        take = [slice(None)] * w.ndim
        put = [slice(None)] * nd
        for ax, o, start, count in zip(axes, offset, starts, counts):
            take[ax] = o
            put[ax] = slice(start + o, start + o + count)
        piece = w[tuple(take)]              # x's other axes in place, positions last
        piece = onp.moveaxis(piece, list(range(piece.ndim - len(axes), piece.ndim)), list(axes))
        out[tuple(put)] += piece
    return out


fold = primitive(_fold_raw)


# ----------------------------------------------------------------- linear filtering primitives
#
# Every filter below is composed from three primitives acting along the last
# axis (leading axes are a batch), each of whose derivatives is again one of
# the three, so derivatives of any order are exact:
#
#   fir(b, x)[n]        = sum_k b[k] x[n - k]             (causal FIR, n < N)
#   allpole(a, v)       = y with  sum_k a[k] y[n - k] = v[n]   (causal all-pole)
#   lagcorr(g, x, L)[k] = sum_{batch, n} g[n] x[n - k]     (k < L)

def _fir_raw(b, x):
    return _sps.lfilter(b, [1.0], x, axis=-1)


def _allpole_raw(a, v):
    return _sps.lfilter([1.0], a, v, axis=-1)


def _lagcorr_raw(g, x, L):
    g = onp.reshape(g, (-1, onp.shape(g)[-1]))
    x = onp.reshape(x, (-1, onp.shape(x)[-1]))
    n = g.shape[-1]
    out = onp.zeros(L, onp.result_type(g, x))
    for k in range(min(L, n)):
        out[k] = onp.sum(g[:, k:] * x[:, :n - k])
    return out


fir = primitive(_fir_raw)
allpole = primitive(_allpole_raw)
lagcorr = primitive(_lagcorr_raw)


def _linear_map_raw(x, fun, core=1):
    return fun(x)


# ``linear_map(x, fun, core)``: ``fun`` is (real-)linear in ``x``'s last ``core``
# axes, leading axes being a batch, and puts the batch first in its output; its VJP
# comes from the matrix of ``fun`` (``fun`` applied to a basis), so it costs
# memory proportional to (input length) x (output length) per batch row.  Only
# the options with no structured form use it, and its VJP refuses large maps.
linear_map = primitive(_linear_map_raw)
