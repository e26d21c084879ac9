"""``autograd.scipy.signal``: every public callable of ``scipy.signal``, wrapped for tracing.

The convolutions (``convolve``, ``correlate``, ``fftconvolve``, ``oaconvolve``,
``convolve2d``, ``correlate2d``) are differentiable in both inputs, in every
mode; their rules live in :mod:`autograd_scipy.signal_rules`.

``convolve`` takes two call styles:

* SciPy's, ``convolve(in1, in2, mode='full', method='auto')``;
* HIPS autograd's N-d tensor convolution,
  ``convolve(A, B, axes=None, dot_axes=((), ()), mode='full')``, chosen when
  ``axes`` or ``dot_axes`` is given (by keyword, or a list/tuple in third
  position).  ``axes = (axes_of_A, axes_of_B)`` are convolved pairwise,
  ``dot_axes`` are summed over (as in ``tensordot``), and every other axis
  is kept as an outer product.  The result's axes are: A's other axes, B's
  other axes, then one axis per convolved pair.  ``mode`` is ``'full'``,
  ``'valid'`` or ``'same'`` (the centre part with A's sizes, as in SciPy).

Without those keywords both styles agree on arrays of equal dimension, so
HIPS code that called ``convolve(A, B, mode='valid')`` runs unchanged.

>>> import numpy as onp
>>> from autograd.scipy.signal import convolve
>>> convolve(onp.ones((2, 3, 3)), onp.ones((2, 4, 2, 2)), axes=([1, 2], [2, 3]),
...          dot_axes=([0], [0]), mode="valid").shape
(4, 2, 2)
"""

import numpy as onp
import scipy.signal as _sps

from autograd.extend import getval, primitive
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_sps), globals(), set(getattr(_sps, "__all__", ())) or None)

_scipy_convolve = globals()["convolve"]


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


# ----------------------------------------------------------------- HIPS-style N-d convolution

def _pad_zeros(x, axis, before, after):
    if not before and not after:
        return x
    shape = list(onp.shape(getval(x)))
    parts = []
    dtype = onp.result_type(getval(x))
    if before:
        shape[axis] = before
        parts.append(onp.zeros(shape, dtype))
    parts.append(x)
    if after:
        shape[axis] = after
        parts.append(onp.zeros(shape, dtype))
    return anp.concatenate(parts, axis)


def _conv_windowed(small, big, ax_s, ax_b, dot_s, dot_b, out, start):
    """``small`` convolved with ``big`` (sliding windows over ``big``): positions
    ``start ... start + out`` of the full convolution along each axis pair.

    Full position ``k`` is ``sum_w flip(small)[w] * big[k + w - (s - 1)]``, so
    ``big`` is zero-padded only as far as the requested positions reach."""
    sizes = [onp.shape(getval(small))[a] for a in ax_s]
    padded = big
    starts = []
    for a, s, st, o in zip(ax_b, sizes, start, out):
        # pad only as far as the requested positions reach
        n = onp.shape(getval(big))[a]
        lo = max(0, (s - 1) - st)
        hi = max(0, st + o - n)
        padded = _pad_zeros(padded, a, lo, hi)
        starts.append(st - (s - 1) + lo)
    w = windows(padded, tuple(ax_b), tuple(sizes), tuple(starts), tuple(out))
    flipped = anp.flip(small, tuple(ax_s)) if ax_s else small
    return anp.tensordot(flipped, w, (list(ax_s) + list(dot_s), list(ax_b) + list(dot_b)))


def hips_convolve(A, B, axes=None, dot_axes=((), ()), mode="full"):
    """HIPS autograd's N-d convolution (see the module docstring)."""
    nd_a, nd_b = anp.ndim(A), anp.ndim(B)
    if axes is None:
        axes = (list(range(nd_a)), list(range(nd_a)))
    ax_a = [int(i) % nd_a for i in axes[0]]
    ax_b = [int(i) % nd_b for i in axes[1]]
    dot_a = [int(i) % nd_a for i in dot_axes[0]]
    dot_b = [int(i) % nd_b for i in dot_axes[1]]
    sa, sb = onp.shape(getval(A)), onp.shape(getval(B))
    na = [sa[i] for i in ax_a]
    nb = [sb[i] for i in ax_b]
    full = [p + q - 1 for p, q in zip(na, nb)]
    if mode == "full":
        out = full
    elif mode == "same":
        out = na
    elif mode == "valid":
        if not (all(p >= q for p, q in zip(na, nb)) or all(p <= q for p, q in zip(na, nb))):
            raise ValueError("convolve(mode='valid'): one array must be at least as large "
                             "as the other along every convolved axis")
        out = [abs(p - q) + 1 for p, q in zip(na, nb)]
    else:
        raise ValueError(f"convolve: unknown mode {mode!r} (use 'full', 'valid' or 'same')")
    start = [(f - o) // 2 for f, o in zip(full, out)]
    if onp.prod(na) <= onp.prod(nb):
        return _conv_windowed(A, B, ax_a, ax_b, dot_a, dot_b, out, start)
    # window the larger array; the result's axes come out as B's, then A's
    res = _conv_windowed(B, A, ax_b, ax_a, dot_b, dot_a, out, start)
    n_free_a = nd_a - len(ax_a) - len(dot_a)
    n_free_b = nd_b - len(ax_b) - len(dot_b)
    order = (list(range(n_free_b, n_free_b + n_free_a)) + list(range(n_free_b))
             + list(range(n_free_a + n_free_b, n_free_a + n_free_b + len(ax_a))))
    return anp.transpose(res, order)


def convolve(in1, in2, *args, **kwargs):
    hips = ("axes" in kwargs or "dot_axes" in kwargs
            or (args and isinstance(args[0], (list, tuple))))
    if hips:
        opts = dict(zip(("axes", "dot_axes", "mode"), args))
        opts.update(kwargs)
        if opts.get("dot_axes") is None:
            opts["dot_axes"] = ((), ())
        return hips_convolve(in1, in2, **opts)
    return _scipy_convolve(in1, in2, *args, **kwargs)


convolve.__doc__ = (
    "SciPy's ``convolve(in1, in2, mode='full', method='auto')``, or HIPS autograd's\n"
    "``convolve(A, B, axes=None, dot_axes=((), ()), mode='full')`` when ``axes`` or\n"
    "``dot_axes`` is given (see :mod:`autograd_scipy.signal`).\n\n"
    "SciPy's documentation:\n" + (_sps.convolve.__doc__ or ""))
convolve.__wrapped__ = _sps.convolve

__all__ += ["hips_convolve", "windows", "fold"]
