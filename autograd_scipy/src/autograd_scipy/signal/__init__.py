"""``autograd.scipy.signal``: every public callable of ``scipy.signal``, wrapped for tracing.

The convolutions (``convolve``, ``correlate``, ``fftconvolve``, ``oaconvolve``,
``convolve2d``, ``correlate2d``) are differentiable in both inputs, in every
mode; their rules live in :mod:`autograd_scipy.signal._rules`.

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

Filtering (``lfilter`` with ``axis`` and ``zi``, ``lfilter_zi``, ``filtfilt``
with ``method='pad'``, ``sosfilt``, ``sosfilt_zi``, ``sosfiltfilt``) is
differentiable in the signal, the coefficients and the initial state: the
wrappers are compositions of three filtering primitives (``fir``,
``allpole``, ``lagcorr``) whose adjoints are filters run backwards in time.
``hilbert``, ``detrend``, ``welch`` and ``periodogram`` are compositions of
traced NumPy operations.  ``savgol_filter``, ``resample``, ``resample_poly``,
``decimate``, ``stft``, ``istft`` and ``detrend`` with breakpoints are written
as the structured steps they take (index gathers, FIR filters, FFTs, small
constant matrices, overlap-adds), so their derivatives cost O(N * window) or
O(N log N).  The few options without such a form (``decimate`` with a
``dlti`` filter, ``resample_poly``'s anti-symmetric extensions longer than the
signal) fall back to ``linear_map``, whose VJP builds the map's matrix and
refuses to go past ``signal._rules.MATRIX_LIMIT`` entries.  Filter design,
windows and peak finding are constants (marked non-differentiable).

Without those keywords both styles agree on arrays of equal dimension, so
HIPS code that called ``convolve(A, B, mode='valid')`` runs unchanged.

>>> import numpy as onp
>>> from autograd.scipy.signal import convolve
>>> convolve(onp.ones((2, 3, 3)), onp.ones((2, 4, 2, 2)), axes=([1, 2], [2, 3]),
...          dot_axes=([0], [0]), mode="valid").shape
(4, 2, 2)
"""

import functools
import math

import numpy as onp
import scipy.signal as _sps

from autograd.extend import getval, primitive
from autograd_numpy import fft as _afft
from autograd_numpy import linalg as _alinalg
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import ndim_of, shape_of

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
    shape = list(shape_of(x))
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
    sizes = [shape_of(small)[a] for a in ax_s]
    padded = big
    starts = []
    for a, s, st, o in zip(ax_b, sizes, start, out):
        # pad only as far as the requested positions reach
        n = shape_of(big)[a]
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
    sa, sb = shape_of(A), shape_of(B)
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


COMPOSITES = []    # names whose wrapper below is written with traced operations


def _composite(raw):
    """Decorator: ``fn`` replaces the wrapper of SciPy's ``raw``; differentiable by composition."""
    def deco(fn):
        fn.__name__ = raw.__name__
        fn.__doc__ = raw.__doc__
        fn.__wrapped__ = raw
        fn.__autograd_composite__ = True
        globals()[raw.__name__] = fn
        COMPOSITES.append(raw.__name__)
        return fn
    return deco


def _to_last(x, axis):
    return x if axis in (-1, anp.ndim(x) - 1) else anp.moveaxis(x, axis, -1)


def _from_last(y, axis):
    return y if axis in (-1, anp.ndim(y) - 1) else anp.moveaxis(y, -1, axis)


def _last(x, start, stop=None):
    return x[..., start:stop]


def _zeros_last(x, n):
    shape = shape_of(x)[:-1] + (n,)
    return onp.zeros(shape, onp.result_type(getval(x)))


def _pad_last(x, before, after):
    parts = ([_zeros_last(x, before)] if before else []) + [x] \
        + ([_zeros_last(x, after)] if after else [])
    return parts[0] if len(parts) == 1 else anp.concatenate(parts, -1)


def _as1d(c):
    return anp.atleast_1d(c) if _traced(c) else onp.atleast_1d(onp.asarray(c))


def _coeffs(c, n):
    m = shape_of(c)[0]
    return c if m == n else anp.concatenate([c, onp.zeros(n - m, onp.result_type(getval(c)))])


# ----------------------------------------------------------------- lfilter and friends

@_composite(_sps.lfilter)
def lfilter(b, a, x, axis=-1, zi=None):
    if not _traced(b, a, x, zi):
        return _sps.lfilter(b, a, x, axis, zi)
    b, a = _as1d(b), _as1d(a)
    K = max(shape_of(b)[0], shape_of(a)[0]) - 1
    a0 = a[0]
    b, a = _coeffs(b / a0, K + 1), _coeffs(a / a0, K + 1)
    x = _to_last(x, axis)
    N = shape_of(x)[-1]
    v = fir(b, x)
    if zi is not None:
        zi = _to_last(anp.reshape(zi, shape_of(zi)) if anp.ndim(zi) else zi, axis)
        if ndim_of(zi) < ndim_of(x):
            zi = anp.broadcast_to(zi, shape_of(x)[:-1] + (K,))
        v = v + _pad_last(_last(zi, 0, N), 0, max(0, N - K))
    y = allpole(a, v) if _traced(a) or onp.any(getval(a)[1:] != 0) else v
    if zi is None:
        return _from_last(y, axis)
    # the final state: the terms of  B*x + zi - A*y  past the end of the signal
    xt = _pad_last(_last(x, max(0, N - K)), max(0, K - N), K)
    yt = _pad_last(_last(y, max(0, N - K)), max(0, K - N), K)
    zf = _last(fir(b, xt) - fir(a, yt), K)
    if N < K:
        zf = zf + _pad_last(_last(zi, N), 0, N)
    return _from_last(y, axis), _from_last(zf, axis)


@_composite(_sps.lfilter_zi)
def lfilter_zi(b, a):
    if not _traced(b, a):
        return _sps.lfilter_zi(b, a)
    b, a = _as1d(b), _as1d(a)
    n = max(shape_of(b)[0], shape_of(a)[0])
    b, a = _coeffs(b / a[0], n), _coeffs(a / a[0], n)
    m = n - 1
    # (I - companion(a).T) zi = b[1:] - a[1:] b[0]
    first = onp.zeros(m)
    first[0] = 1.0
    M = onp.eye(m) - onp.eye(m, k=1) + anp.outer(a[1:], first)
    return _alinalg.solve(M, b[1:] - a[1:] * b[0])


def _extend(x, n, padtype):
    """``x`` extended by ``n`` samples at both ends of the last axis (``odd_ext`` ...)."""
    if n == 0 or padtype is None:
        return x
    first, last = _last(x, 0, 1), _last(x, -1)
    left, right = anp.flip(_last(x, 1, n + 1), -1), anp.flip(_last(x, -n - 1, -1), -1)
    if padtype == "odd":
        left, right = 2 * first - left, 2 * last - right
    elif padtype == "constant":
        left, right = anp.repeat(first, n, -1), anp.repeat(last, n, -1)
    elif padtype != "even":
        raise ValueError(f"Unknown value '{padtype}' given to padtype.")
    return anp.concatenate([left, x, right], -1)


def _padded(x, axis, ntaps, padtype, padlen):
    """``(ext, edge)`` for a forward-backward filter: ``x`` moved to the last axis
    and extended by ``edge`` samples at both ends, SciPy's ``3 * ntaps`` unless
    ``padlen`` (none for ``padtype=None``).  :func:`_unpadded` undoes it."""
    edge = 0 if padtype is None else (3 * ntaps if padlen is None else padlen)
    x = _to_last(x, axis)
    if shape_of(x)[-1] <= edge:
        raise ValueError("The length of the input vector x must be greater than padlen, "
                         f"which is {edge}.")
    return _extend(x, edge, padtype), edge


def _unpadded(y, edge, axis):
    """The filtered ``y`` without the samples :func:`_padded` added, on ``axis`` again."""
    if edge:
        y = _last(y, edge, -edge)
    return _from_last(y, axis)


@_composite(_sps.filtfilt)
def filtfilt(b, a, x, axis=-1, padtype="odd", padlen=None, method="pad", irlen=None):
    if not _traced(b, a, x):
        return _sps.filtfilt(b, a, x, axis, padtype, padlen, method, irlen)
    if method != "pad":
        raise NotImplementedError("The gradient of filtfilt is implemented for method='pad' only.")
    b, a = _as1d(b), _as1d(a)
    ntaps = max(shape_of(b)[0], shape_of(a)[0])
    ext, edge = _padded(x, axis, ntaps, padtype, padlen)
    zi = lfilter_zi(b, a)
    y, _ = lfilter(b, a, ext, -1, zi * _last(ext, 0, 1))
    y, _ = lfilter(b, a, anp.flip(y, -1), -1, zi * _last(y, -1))
    return _unpadded(anp.flip(y, -1), edge, axis)


@_composite(_sps.sosfilt)
def sosfilt(sos, x, axis=-1, zi=None):
    if not _traced(sos, x, zi):
        return _sps.sosfilt(sos, x, axis, zi)
    zf = []
    for s in range(shape_of(sos)[0]):
        if zi is None:
            x = lfilter(sos[s, :3], sos[s, 3:], x, axis)
        else:
            x, z = lfilter(sos[s, :3], sos[s, 3:], x, axis, zi[s])
            zf.append(z)
    return x if zi is None else (x, anp.stack(zf))


@_composite(_sps.sosfilt_zi)
def sosfilt_zi(sos):
    if not _traced(sos):
        return _sps.sosfilt_zi(sos)
    zi, scale = [], 1.0
    for s in range(shape_of(sos)[0]):
        b, a = sos[s, :3], sos[s, 3:]
        zi.append(scale * lfilter_zi(b, a))
        scale = scale * anp.sum(b) / anp.sum(a)
    return anp.stack(zi)


@_composite(_sps.sosfiltfilt)
def sosfiltfilt(sos, x, axis=-1, padtype="odd", padlen=None):
    if not _traced(sos, x):
        return _sps.sosfiltfilt(sos, x, axis, padtype, padlen)
    n_sections = shape_of(sos)[0]
    ntaps = 2 * n_sections + 1
    ntaps -= min(int((onp.asarray(getval(sos))[:, 2] == 0).sum()),
                 int((onp.asarray(getval(sos))[:, 5] == 0).sum()))
    ext, edge = _padded(x, axis, ntaps, padtype, padlen)
    zi = sosfilt_zi(sos)[:, None, :] if anp.ndim(ext) > 1 else sosfilt_zi(sos)
    zi = anp.reshape(zi, (n_sections,) + (1,) * (anp.ndim(ext) - 1) + (2,))
    y, _ = sosfilt(sos, ext, -1, zi * _last(ext, 0, 1))
    y, _ = sosfilt(sos, anp.flip(y, -1), -1, zi * _last(y, -1))
    return _unpadded(anp.flip(y, -1), edge, axis)


# ----------------------------------------------------------------- linear in x

@_composite(_sps.hilbert)
def hilbert(x, N=None, axis=-1):
    if not _traced(x, N):
        return _sps.hilbert(x, N, axis)
    if anp.iscomplexobj(x):
        raise ValueError("x must be real.")
    x = _to_last(x, axis)
    n = shape_of(x)[-1] if N is None else N
    h = onp.zeros(n)
    h[0] = 1.0
    if n % 2 == 0:
        h[n // 2] = 1.0
        h[1:n // 2] = 2.0
    else:
        h[1:(n + 1) // 2] = 2.0
    return _from_last(_afft.ifft(_afft.fft(x, n, -1) * h, axis=-1), axis)


@_composite(_sps.detrend)
def detrend(data, axis=-1, type="linear", bp=0, overwrite_data=False):
    if not _traced(data):
        return _sps.detrend(data, axis, type, bp, overwrite_data)
    if type not in ("linear", "l", "constant", "c"):
        raise ValueError("Trend type must be 'linear' or 'constant'.")
    x = _to_last(data, axis)
    if type in ("constant", "c"):
        return _from_last(x - anp.mean(x, -1, keepdims=True), axis)
    n = shape_of(x)[-1]
    cuts = onp.unique(onp.concatenate([[0], onp.atleast_1d(bp), [n]]).astype(int))
    if onp.any(cuts > n):
        raise ValueError("Breakpoints must be less than length of data along given axis.")
    # between breakpoints, remove the least-squares line: the projection on an
    # orthonormal basis of (t, 1) (of 1 alone for a one-sample piece)
    pieces = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        piece = _last(x, lo, hi)
        cols = [onp.arange(hi - lo, dtype=float), onp.ones(hi - lo)] if hi - lo > 1 \
            else [onp.ones(1)]
        q = onp.linalg.qr(onp.stack(cols, 1))[0]
        pieces.append(piece - anp.dot(anp.dot(piece, q), q.T))
    y = pieces[0] if len(pieces) == 1 else anp.concatenate(pieces, -1)
    return _from_last(y, axis)


# ----------------------------------------------------------------- structured linear maps
#
# The resamplers, smoothers and short-time transforms below are linear in the
# signal.  Each is written as the few structured steps SciPy itself takes
# (an index gather, a FIR filter, an FFT, a small constant matrix, an
# overlap-add), so derivatives of every order cost what the forward pass
# costs: O(N * window) or O(N log N), never a dense N x N matrix.

def _gather(x, idx):
    """``x[..., idx]`` along the last axis; its VJP is a scatter-add."""
    return anp.take(x, onp.asarray(idx, dtype=onp.intp), axis=-1)


def _fill_last(x, n, value):
    shape = shape_of(x)[:-1] + (n,)
    return onp.full(shape, value, onp.result_type(getval(x), onp.asarray(value)))


def _pad_value(x, before, after, value):
    """``x`` padded on the last axis with a constant (``value`` 0 gives zeros)."""
    if not value:
        return _pad_last(x, before, after)
    parts = ([_fill_last(x, before, value)] if before else []) + [x] \
        + ([_fill_last(x, after, value)] if after else [])
    return parts[0] if len(parts) == 1 else anp.concatenate(parts, -1)


def _convolve_same(x, c, left):
    """``y[i] = sum_k c[k] x[i + left - k]`` (``x`` already extended by ``left``
    samples before and ``len(c) - 1 - left`` after): a causal FIR, cropped."""
    return _last(fir(c, x), onp.shape(c)[0] - 1)


def _savgol_last(x, window_length, polyorder, deriv, delta, mode, cval):
    c = _sps.savgol_coeffs(window_length, polyorder, deriv=deriv, delta=delta)
    w = c.shape[0]
    n = shape_of(x)[-1]
    # ndimage.convolve1d centres the kernel at w // 2 (one sample later for even w)
    left = w // 2 if w % 2 else w // 2 - 1
    right = w - 1 - left
    if mode in ("constant", "interp"):
        ext = _pad_value(x, left, right, cval if mode == "constant" else 0.0)
    else:
        pad = {"mirror": "reflect", "nearest": "edge", "wrap": "wrap"}[mode]
        ext = _gather(x, onp.pad(onp.arange(n), (left, right), mode=pad))
    y = _convolve_same(ext, c, left)
    if mode != "interp":
        return y
    # the outer window_length // 2 samples at each end come from the polynomial
    # fitted to the first (last) window: a constant (window x half) matrix each
    half = w // 2
    fit = _sps.savgol_filter(onp.eye(w), w, polyorder, deriv, delta, axis=-1, mode="interp")
    head = anp.dot(_last(x, 0, w), fit[:, :half])
    tail = anp.dot(_last(x, n - w), fit[:, w - half:])
    return anp.concatenate([head, _last(y, half, n - half), tail], -1)


@_composite(_sps.savgol_filter)
def savgol_filter(x, window_length, polyorder, deriv=0, delta=1.0, axis=-1, mode="interp",
                  cval=0.0):
    if not _traced(x):
        return _sps.savgol_filter(x, window_length, polyorder, deriv, delta, axis, mode, cval)
    if mode not in ("mirror", "constant", "nearest", "interp", "wrap"):
        raise ValueError("mode must be 'mirror', 'constant', 'nearest' 'wrap' or 'interp'.")
    if mode == "interp" and window_length > shape_of(x)[axis]:
        raise ValueError("If mode is 'interp', window_length must be less than or equal "
                         "to the size of x.")
    y = _savgol_last(_to_last(x, axis), window_length, polyorder, deriv, delta, mode, cval)
    return _from_last(y, axis)


def _resample_window(window, n):
    """SciPy's spectral weights for ``resample`` (in ``fft`` bin order), or None."""
    if window is None:
        return None
    if callable(window):
        return onp.asarray(window(onp.fft.fftfreq(n)), dtype=float)
    if hasattr(window, "shape"):
        if window.shape != (n,):
            raise ValueError(f"window.shape={window.shape} != ({n},), i.e., window length "
                             "is not equal to number of frequency bins!")
        return onp.array(window)
    return onp.fft.fftshift(_sps.get_window(window, n))


def _resample_last(x, num, window, domain):
    n = shape_of(x)[-1]
    scale = num / n
    m = min(num, n)
    m2 = m // 2 + 1
    w = _resample_window(window, n)
    if domain == "time" and not anp.iscomplexobj(x):
        spec = _afft.rfft(x, axis=-1)
        nspec = n // 2 + 1
        weights = onp.ones(nspec)
        if w is not None:      # a real signal sees the window folded onto one side
            weights = w[:nspec].copy()
            weights[1:] = (weights[1:] + w[::-1][:nspec - 1]) / 2
        weights = weights[:m2]
        if m % 2 == 0 and num != n:     # the unpaired bin at m // 2
            weights[m // 2] *= 2 if num < n else 0.5
        return _afft.irfft(_last(spec, 0, m2) * (weights * scale), num, axis=-1)
    spec = _afft.fft(x, axis=-1) if domain == "time" else x
    if w is not None:
        spec = spec * w
    # Y: the m2 lowest bins, zeros, then the m - m2 highest (negative) bins
    idx = list(range(m2)) + list(range(n - (m - m2), n))
    pos = list(range(m2)) + list(range(num - (m - m2), num))
    weights = onp.ones(m)
    if m % 2 == 0 and num < n:      # unite the bin pair at +-m/2 into one bin
        idx.append(n - m // 2)
        pos.append(m // 2)
        weights = onp.append(weights, 1.0)
    elif m % 2 == 0 and n < num:    # split the unpaired bin into a pair
        weights[m // 2] = 0.5
        idx.append(m // 2)
        pos.append(num - m // 2)
        weights = onp.append(weights, 0.5)
    picked = _gather(spec, idx) * (weights * scale)
    full = onp.zeros(shape_of(spec)[:-1] + (num,), complex)
    y = anp.untake(picked, (Ellipsis, onp.asarray(pos)), full)
    return _afft.ifft(y, num, axis=-1)


@_composite(_sps.resample)
def resample(x, num, t=None, axis=0, window=None, domain="time"):
    if not _traced(x):
        return _sps.resample(x, num, t, axis, window, domain)
    if domain not in ("time", "freq"):
        raise ValueError(f"Parameter domain={domain!r} not in ('time', 'freq')!")
    y = _from_last(_resample_last(_to_last(x, axis), num, window, domain), axis)
    if t is None:
        return y
    t = onp.asarray(t)
    return y, t[0] + (t[1] - t[0]) * (shape_of(x)[axis] / num) * onp.arange(num)


# upfirdn's signal extensions that pick samples (numpy.pad names them)
_PICK_MODES = {"symmetric": "symmetric", "reflect": "reflect", "edge": "edge", "wrap": "wrap"}


def _extend_upfirdn(x, k, mode, cval):
    """``x`` extended by ``k`` samples at both ends as ``upfirdn``'s ``mode``."""
    n = shape_of(x)[-1]
    if mode == "constant":
        return _pad_value(x, k, k, cval or 0.0)
    if mode in _PICK_MODES:
        return _gather(x, onp.pad(onp.arange(n), k, mode=_PICK_MODES[mode]))
    steps = onp.arange(k, 0, -1)
    first, last = _last(x, 0, 1), _last(x, -1)
    if mode == "line":
        slope = (last - first) / max(n - 1, 1)
        left = first - slope * steps
        right = last + slope * steps[::-1]
    elif mode in ("antisymmetric", "antireflect") and k < n:
        pick = _gather(x, onp.pad(onp.arange(n), k, mode=mode[4:]))
        if mode == "antisymmetric":
            return anp.concatenate([-_last(pick, 0, k), x, -_last(pick, n + k)], -1)
        return anp.concatenate([2 * first - _last(pick, 0, k), x, 2 * last - _last(pick, n + k)], -1)
    elif mode == "smooth":
        left = first - (_last(x, 1, 2) - first) * steps
        right = last + (last - _last(x, -2, -1)) * steps[::-1]
    else:
        raise NotImplementedError(f"no structured extension for mode {mode!r} by {k} samples")
    return anp.concatenate([left, x, right], -1)


def _upfirdn_last(h, x, up, down, start, count, mode="constant", cval=0.0):
    """Samples ``start ... start + count`` of ``upfirdn(h, x, up, down, mode=...)``
    along the last axis: zero-stuffing, a causal FIR, then every ``down``-th sample."""
    lh = onp.shape(h)[0]
    k = 0 if mode == "constant" and not cval else -(-(lh - 1) // up) + 1
    ext = _extend_upfirdn(x, k, mode, cval) if k else x
    if up > 1:
        stuffed = anp.stack([ext] + [_zeros_last(ext, shape_of(ext)[-1])] * (up - 1), -1)
        ext = anp.reshape(stuffed, shape_of(ext)[:-1] + (-1,))
    first = k * up + down * start
    last = first + down * (count - 1)
    have = shape_of(ext)[-1]
    if last >= have:
        ext = _pad_last(ext, 0, last + 1 - have)
    return fir(h, _last(ext, 0, last + 1))[..., first:last + 1:down]


def _resample_poly_last(x, up, down, window, padtype, cval):
    g = math.gcd(up, down)
    up, down = up // g, down // g
    n_in = shape_of(x)[-1]
    if up == down == 1:
        return x + 0.0
    n_out = -(-n_in * up // down)
    if isinstance(window, list) or hasattr(window, "shape"):
        h = onp.array(window, dtype=float)
        half_len = (h.shape[0] - 1) // 2
    else:
        half_len = 10 * max(up, down)
        h = _sps.firwin(2 * half_len + 1, 1.0 / max(up, down), window=window)
    h = h * up
    # zeros before the filter put the output samples at its centre
    pre = down - half_len % down
    h = onp.concatenate([onp.zeros(pre), h])
    skip = (half_len + pre) // down
    background = {"mean": anp.mean, "median": anp.median, "minimum": anp.min,
                  "maximum": anp.max}.get(padtype)
    if background is not None:
        level = background(x, -1, keepdims=True)
        return _upfirdn_last(h, x - level, up, down, skip, n_out) + level
    return _upfirdn_last(h, x, up, down, skip, n_out, padtype, cval)


@_composite(_sps.resample_poly)
def resample_poly(x, up, down, axis=0, window=("kaiser", 5.0), padtype="constant", cval=None):
    if not _traced(x):
        return _sps.resample_poly(x, up, down, axis, window, padtype, cval)
    if up != int(up) or down != int(down) or up < 1 or down < 1:
        raise ValueError("up and down must be integers >= 1")
    if cval is not None and padtype != "constant":
        raise ValueError("cval has no effect when padtype is ", padtype)
    try:
        y = _resample_poly_last(_to_last(x, axis), int(up), int(down), window, padtype, cval)
    except NotImplementedError:     # an extension longer than the signal itself
        return _along(_sps.resample_poly, x, axis, up=up, down=down, window=window,
                      padtype=padtype, cval=cval)
    return _from_last(y, axis)


@_composite(_sps.decimate)
def decimate(x, q, n=None, ftype="iir", axis=-1, zero_phase=True):
    if not _traced(x):
        return _sps.decimate(x, q, n, ftype, axis, zero_phase)
    q = int(q)
    if ftype == "fir":
        b = _sps.firwin((20 * q if n is None else int(n)) + 1, 1.0 / q, window="hamming")
        if zero_phase:
            return resample_poly(x, 1, q, axis=axis, window=b)
        x = _to_last(x, axis)
        n_in = shape_of(x)[-1]
        return _from_last(_upfirdn_last(b, x, 1, q, 0, -(-n_in // q)), axis)
    if ftype == "iir":
        sos = _sps.cheby1(8 if n is None else int(n), 0.05, 0.8 / q, output="sos")
        y = sosfiltfilt(sos, x, axis=axis) if zero_phase else sosfilt(sos, x, axis=axis)
        return _from_last(_to_last(y, axis)[..., ::q], axis)
    # an ``dlti`` system: no structured path, the guarded matrix fallback
    return _along(_sps.decimate, x, axis, q=q, n=n, ftype=ftype, zero_phase=zero_phase)


def _along(raw, x, axis, **kwargs):
    """``raw(x, axis=-1, **kwargs)`` as a ``linear_map`` along ``axis`` (the fallback)."""
    fun = functools.partial(raw, axis=-1, **kwargs)
    return _from_last(linear_map(_to_last(x, axis), fun), axis)


# ----------------------------------------------------------------- spectral analysis

def _window(window, nperseg, n):
    if isinstance(window, (str, tuple)):
        nperseg = 256 if nperseg is None else int(nperseg)
        nperseg = min(nperseg, n)
        return _sps.get_window(window, nperseg), nperseg
    win = onp.asarray(window)
    return win, win.shape[0]


def _welch_last(x, fs, window, nperseg, noverlap, nfft, detrend, return_onesided, scaling,
                average):
    """Welch's averaged periodogram of ``x`` along its last axis (``x`` traced)."""
    n = shape_of(x)[-1]
    win, nperseg = _window(window, nperseg, n)
    noverlap = nperseg // 2 if noverlap is None else int(noverlap)
    nfft = nperseg if nfft is None else int(nfft)
    step = nperseg - noverlap
    nseg = (n - nperseg) // step + 1
    segs = anp.stack([_last(x, i * step, i * step + nperseg) for i in range(nseg)], -2)
    segs = _detrend_segments(segs, detrend, -1)
    segs = segs * win
    onesided = return_onesided and not anp.iscomplexobj(x)
    z = _afft.rfft(segs, nfft, -1) if onesided else _afft.fft(segs, nfft, -1)
    if scaling == "density":
        scale = 1.0 / (fs * onp.sum(win * win))
    elif scaling == "spectrum":
        scale = 1.0 / onp.sum(win) ** 2
    else:
        raise ValueError(f"Unknown scaling: {scaling!r}")
    p = anp.real(z) ** 2 + anp.imag(z) ** 2 if anp.iscomplexobj(z) else z * z
    w = onp.full(shape_of(p)[-1], scale)
    if onesided:
        w[1:-1 if nfft % 2 == 0 else None] *= 2
    p = p * w
    if average == "mean":
        return anp.mean(p, -2)
    if average == "median":
        return anp.median(p, -2) / _median_bias(nseg)
    raise ValueError(f"average must be 'median' or 'mean', got {average!r}")


def _median_bias(n):
    ii_2 = 2 * onp.arange(1.0, (n - 1) // 2 + 1)
    return 1 + onp.sum(1.0 / (ii_2 + 1) - 1.0 / ii_2)


@_composite(_sps.welch)
def welch(x, fs=1.0, window="hann_periodic", nperseg=None, noverlap=None, nfft=None,
          detrend="constant", return_onesided=True, scaling="density", axis=-1, average="mean"):
    opts = dict(fs=fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                detrend=detrend, return_onesided=return_onesided, scaling=scaling)
    if not _traced(x):
        return _sps.welch(x, axis=axis, average=average, **opts)
    freqs, _ = _sps.welch(onp.zeros(shape_of(x)), axis=axis, average=average, **opts)
    p = _welch_last(_to_last(x, axis), average=average, **opts)
    return freqs, _from_last(p, axis)


@_composite(_sps.periodogram)
def periodogram(x, fs=1.0, window="boxcar", nfft=None, detrend="constant",
                return_onesided=True, scaling="density", axis=-1):
    if not _traced(x):
        return _sps.periodogram(x, fs, window, nfft, detrend, return_onesided, scaling, axis)
    n = shape_of(x)[axis]
    if nfft is None or nfft >= n:
        nperseg = n
    else:
        nperseg = nfft
        x = _from_last(_last(_to_last(x, axis), 0, nfft), axis)
    if not isinstance(window, (str, tuple)):
        nperseg = None
    return welch(x, fs, window, nperseg, 0, nfft, detrend, return_onesided, scaling, axis)


def _detrend_segments(segs, detrend, axis):
    """Each segment (last axis) detrended as ``stft`` / ``welch`` do."""
    if detrend is False or detrend is None:
        return segs
    if callable(detrend):
        if axis in (-1, anp.ndim(segs) - 1):
            return detrend(segs)
        return anp.moveaxis(detrend(anp.moveaxis(segs, -1, axis)), axis, -1)
    if detrend in ("constant", "c"):
        return segs - anp.mean(segs, -1, keepdims=True)
    if detrend in ("linear", "l"):
        n = shape_of(segs)[-1]
        q = onp.linalg.qr(onp.stack([onp.arange(n, dtype=float), onp.ones(n)], 1))[0]
        return segs - anp.dot(anp.dot(segs, q), q.T)
    raise ValueError(f"Unknown detrend {detrend!r}.")


def _frame_starts(n, nperseg, nstep):
    """The index array of the segments ``stft`` cuts: ``(nseg, nperseg)``."""
    nseg = (n - nperseg) // nstep + 1
    return onp.arange(nseg)[:, None] * nstep + onp.arange(nperseg)


def _window_array(win, nperseg):
    if isinstance(win, (str, tuple)):
        return _sps.get_window(win, nperseg)
    return onp.asarray(win)


@_composite(_sps.stft)
def stft(x, fs=1.0, window="hann_periodic", nperseg=256, noverlap=None, nfft=None,
         detrend=False, return_onesided=True, boundary="zeros", padded=True, axis=-1,
         scaling="spectrum"):
    opts = dict(fs=fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                detrend=detrend, return_onesided=return_onesided, boundary=boundary,
                padded=padded, scaling=scaling)
    if not _traced(x):
        return _sps.stft(x, axis=axis, **opts)
    # SciPy validates the options and gives the axes (on a zero signal: cheap)
    f, t, _ = _sps.stft(onp.zeros(shape_of(x)), axis=axis, **opts)
    xl = _to_last(x, axis)
    n = shape_of(xl)[-1]
    win, nperseg = _window(window, nperseg, n)
    noverlap = nperseg // 2 if noverlap is None else int(noverlap)
    nfft = nperseg if nfft is None else int(nfft)
    nstep = nperseg - noverlap
    if boundary is not None:
        edge = nperseg // 2
        xl = _pad_last(xl, edge, edge) if boundary == "zeros" else _extend(xl, edge, boundary)
    if padded:
        length = shape_of(xl)[-1]
        xl = _pad_last(xl, 0, (-(length - nperseg) % nstep) % nperseg)
    segs = _gather(xl, _frame_starts(shape_of(xl)[-1], nperseg, nstep))
    segs = _detrend_segments(segs, detrend, axis) * win
    if scaling == "spectrum":
        scale = 1.0 / onp.sum(win)
    else:   # 'psd'
        scale = 1.0 / onp.sqrt(fs * onp.sum(win * win))
    onesided = return_onesided and not anp.iscomplexobj(x)
    z = (_afft.rfft if onesided else _afft.fft)(segs, nfft, -1) * scale
    # (..., segment, frequency) -> SciPy's (..., frequency at axis, ..., segment)
    return f, t, anp.moveaxis(z, -1, axis - 1 if axis < 0 else axis)


@_composite(_sps.istft)
def istft(Zxx, fs=1.0, window="hann_periodic", nperseg=None, noverlap=None, nfft=None,
          input_onesided=True, boundary=True, time_axis=-1, freq_axis=-2, scaling="spectrum"):
    opts = dict(fs=fs, window=window, nperseg=nperseg, noverlap=noverlap, nfft=nfft,
                input_onesided=input_onesided, boundary=boundary, scaling=scaling)
    if not _traced(Zxx):
        return _sps.istft(Zxx, time_axis=time_axis, freq_axis=freq_axis, **opts)
    nd = anp.ndim(Zxx)
    fa, ta = freq_axis % nd, time_axis % nd
    z = anp.moveaxis(Zxx, (fa, ta), (-2, -1))
    shape = shape_of(z)
    t, _ = _sps.istft(onp.zeros(shape[-2:], complex), **opts)   # validates, gives t
    nfreq, nseg = shape[-2:]
    n_default = 2 * (nfreq - 1) if input_onesided else nfreq
    nperseg = n_default if nperseg is None else int(nperseg)
    if nfft is None:
        nfft = nperseg if input_onesided and nperseg == n_default + 1 else n_default
    noverlap = nperseg // 2 if noverlap is None else int(noverlap)
    nstep = nperseg - noverlap
    win = _window_array(window, nperseg)
    if scaling == "spectrum":
        gain = onp.sum(win)
    else:   # 'psd'
        gain = onp.sqrt(fs * onp.sum(win ** 2))
    segs = (_afft.irfft if input_onesided else _afft.ifft)(z, nfft, -2)[..., :nperseg, :]
    segs = segs * (win * gain)[:, None]
    # overlap-add: segment s, sample p lands at s * nstep + p (a scatter-add)
    length = nperseg + (nseg - 1) * nstep
    idx = _frame_starts(length, nperseg, nstep).T
    like = onp.zeros(shape_of(segs)[:-2] + (length,), onp.result_type(getval(segs)))
    x = anp.untake(segs, (Ellipsis, idx), like)
    norm = onp.zeros(length)
    onp.add.at(norm, idx, onp.broadcast_to((win ** 2)[:, None], idx.shape))
    if boundary:
        x = _last(x, nperseg // 2, -(nperseg // 2))
        norm = norm[nperseg // 2:-(nperseg // 2)]
    x = x / onp.where(norm > 1e-10, norm, 1.0)
    if input_onesided:
        x = anp.real(x)
    if nd > 2 and ta != nd - 1:
        x = anp.moveaxis(x, -1, ta - 1 if fa < ta else ta)
    return t, x


# filter design, windows, peak finding: constants for differentiation
NONDIFF = [
    "get_window", "butter", "cheby1", "cheby2", "ellip", "bessel", "iirfilter", "iirdesign",
    "iirnotch", "iirpeak", "iircomb", "buttord", "cheb1ord", "cheb2ord", "ellipord",
    "firwin", "firwin2", "firls", "remez", "kaiserord", "kaiser_beta", "kaiser_atten",
    "savgol_coeffs", "gammatone", "minimum_phase", "buttap", "cheb1ap", "cheb2ap", "ellipap",
    "besselap", "find_peaks", "find_peaks_cwt", "argrelmax", "argrelmin", "argrelextrema",
    "peak_prominences", "peak_widths", "check_COLA", "check_NOLA", "unit_impulse",
    "max_len_seq", "band_stop_obj", "lp2lp", "lp2hp", "lp2bp", "lp2bs", "lp2lp_zpk",
    "lp2hp_zpk", "lp2bp_zpk", "lp2bs_zpk", "bilinear", "bilinear_zpk", "tf2sos", "zpk2sos",
    "tf2zpk", "zpk2tf", "sos2tf", "sos2zpk", "tf2ss", "ss2tf", "zpk2ss", "ss2zpk",
    "cont2discrete", "normalize", "unique_roots",
]

__all__ += ["fir", "allpole", "lagcorr", "linear_map"]


from .._overridable import make_overridable as _make_overridable  # noqa: E402

_make_overridable(globals())
