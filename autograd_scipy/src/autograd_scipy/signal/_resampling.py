"""Smoothing and resampling (``savgol_filter``, ``resample``, ``resample_poly``,
``decimate``), written as the structured steps SciPy takes."""

import functools
import math

import numpy as onp
import scipy.signal as _sps

from autograd_numpy import fft as _afft
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import shape_of

from .._overridable import make_overridable
from ._common import _composite, _from_last, _gather, _last, _pad_last, _pad_value, _to_last, _zeros_last
from ._filtering import sosfilt, sosfiltfilt
from ._primitives import fir, linear_map

__all__ = ["savgol_filter", "resample", "resample_poly", "decimate"]


# ----------------------------------------------------------------- structured linear maps
#
# The resamplers and smoothers below (and the short-time transforms of
# :mod:`._spectral`) are linear in the signal.  Each is written as the few structured steps SciPy itself takes
# (an index gather, a FIR filter, an FFT, a small constant matrix, an
# overlap-add), so derivatives of every order cost what the forward pass
# costs: O(N * window) or O(N log N), never a dense N x N matrix.

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


make_overridable(globals())     # every public function takes a user's rule
