"""Linear filtering (``lfilter``, ``lfilter_zi``, ``filtfilt``, ``sosfilt``,
``sosfilt_zi``, ``sosfiltfilt``) and the maps linear in ``x`` (``hilbert``,
``detrend``), composed of the primitives of :mod:`._primitives`."""


import numpy as onp
import scipy.signal as _sps

from autograd.extend import getval
from autograd_numpy import fft as _afft
from autograd_numpy import linalg as _alinalg
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import ndim_of, shape_of

from .._overridable import make_overridable
from ._common import _as1d, _coeffs, _composite, _from_last, _last, _pad_last, _to_last
from ._primitives import allpole, fir


__all__ = ["lfilter", "lfilter_zi", "filtfilt", "sosfilt", "sosfilt_zi", "sosfiltfilt", "hilbert",
           "detrend"]


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


make_overridable(globals())     # every public function takes a user's rule
