"""Spectral analysis: ``welch``, ``periodogram``, ``stft``, ``istft``."""


import numpy as onp
import scipy.signal as _sps

from autograd.extend import getval
from autograd_numpy import fft as _afft
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import shape_of

from .._overridable import make_overridable
from ._common import _composite, _from_last, _gather, _last, _pad_last, _to_last
from ._filtering import _extend

__all__ = ["welch", "periodogram", "stft", "istft"]


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


make_overridable(globals())     # every public function takes a user's rule
