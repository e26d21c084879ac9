"""Filters: the linear ones (correlations, convolutions, Gaussian, uniform,
Sobel, Prewitt, Laplace) as compositions of the ``correlate_nd`` primitive, and
the rank filters (minimum, maximum, median) as a weighted selection.

Each wrapper calls SciPy itself when nothing is traced (same values, same
speed); on traced arguments it builds the same result from traced operations.

Rank filters follow the subgradient convention of ``autograd.numpy.max``: the
output's cotangent goes to the input element the filter selected; when several
elements of the window hold the selected value (ties) it is split evenly among
them.  An element selected from the ``constant`` padding gets nothing.
"""

import numpy as onp
import scipy.ndimage as _ndi

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import shape_of

from ._common import (_composite, _traced, check_mode, flip_all, no_output, norm_axes, pad,
                      seq)
from ._primitives import correlate_nd

__all__ = ["correlate1d", "convolve1d", "correlate", "convolve", "gaussian_filter1d",
           "gaussian_filter", "uniform_filter1d", "uniform_filter", "sobel", "prewitt",
           "laplace", "gaussian_laplace", "minimum_filter1d", "maximum_filter1d",
           "minimum_filter", "maximum_filter", "median_filter"]


def _check_origin(origin, k):
    if not -(k // 2) <= origin <= (k - 1) // 2:
        raise ValueError("invalid origin")
    return int(origin)


def _weights(w):
    return w if _traced(w) else onp.asarray(w)


# ----------------------------------------------------------------- correlations

def _correlate(x, w, mode, cval, origins):
    """Traced N-d correlation, ``w`` of ``x``'s rank, one origin per axis."""
    check_mode(mode)
    k = shape_of(w)
    origins = [_check_origin(o, m) for o, m in zip(origins, k)]
    if anp.iscomplexobj(w) and not anp.iscomplexobj(x):
        x = x * (1 + 0j)
    return correlate_nd(x, w, mode, cval, tuple(origins))


def _line(w, axis, ndim):
    shape = [1] * ndim
    shape[axis] = shape_of(w)[0]
    return anp.reshape(w, shape)


def _conj(w):
    # SciPy's correlations use the conjugate of complex weights
    return anp.conj(w) if anp.iscomplexobj(w) else w


@_composite(_ndi.correlate1d)
def correlate1d(input, weights, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    if not _traced(input, weights):
        return _ndi.correlate1d(input, weights, axis, output, mode, cval, origin)
    return _correlate1d(input, _conj(_weights(weights)), axis, output, mode, cval, origin)


def _correlate1d(input, weights, axis, output, mode, cval, origin):
    no_output(output, "correlate1d")
    if len(shape_of(weights)) != 1 or shape_of(weights)[0] < 1:
        raise RuntimeError("no filter weights given")
    nd = len(shape_of(input))
    axis = norm_axes(axis, nd)[0]
    origins = [0] * nd
    origins[axis] = origin
    return _correlate(input, _line(weights, axis, nd), mode, cval, origins)


def _conv_origin(origin, k):
    # convolution = correlation with flipped weights; an even length moves the centre
    return -origin - (0 if k & 1 else 1)


@_composite(_ndi.convolve1d)
def convolve1d(input, weights, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    if not _traced(input, weights):
        return _ndi.convolve1d(input, weights, axis, output, mode, cval, origin)
    weights = _weights(weights)
    k = shape_of(weights)[0]
    return _correlate1d(input, anp.flip(weights, 0), axis, output, mode, cval,
                        _conv_origin(origin, k))


def _full_weights(input, weights, origin, axes):
    """Weights and origins expanded to the input's rank when ``axes`` names some axes."""
    nd = len(shape_of(input))
    axes = norm_axes(axes, nd)
    if len(shape_of(weights)) != len(axes):
        raise RuntimeError("filter weights array has incorrect shape.")
    origins = seq(origin, len(axes), "origin")
    shape, full_origins = [1] * nd, [0] * nd
    for a, m, o in zip(axes, shape_of(weights), origins):
        shape[a] = m
        full_origins[a] = o
    w = weights if list(shape_of(weights)) == shape else anp.reshape(weights, shape)
    return w, full_origins


@_composite(_ndi.correlate)
def correlate(input, weights, output=None, mode="reflect", cval=0.0, origin=0, *, axes=None):
    if not _traced(input, weights):
        return _ndi.correlate(input, weights, output, mode, cval, origin, axes=axes)
    no_output(output, "correlate")
    w, origins = _full_weights(input, _conj(_weights(weights)), origin, axes)
    return _correlate(input, w, mode, cval, origins)


@_composite(_ndi.convolve)
def convolve(input, weights, output=None, mode="reflect", cval=0.0, origin=0, *, axes=None):
    if not _traced(input, weights):
        return _ndi.convolve(input, weights, output, mode, cval, origin, axes=axes)
    no_output(output, "convolve")
    w, origins = _full_weights(input, _weights(weights), origin, axes)
    origins = [_conv_origin(o, m) for o, m in zip(origins, shape_of(w))]
    return _correlate(input, flip_all(w), mode, cval, origins)


# ----------------------------------------------------------------- Gaussian, uniform, derivatives

def _constant(value, name):
    if _traced(value):
        raise NotImplementedError(f"autograd.scipy.ndimage: no derivative with respect to {name}")
    return value


def gaussian_weights(sigma, order, truncate, radius):
    """The correlation weights SciPy's gaussian_filter1d uses (its impulse response, reversed)."""
    lw = int(truncate * float(sigma) + 0.5) if radius is None else int(radius)
    impulse = onp.zeros(2 * lw + 1)
    impulse[lw] = 1.0
    resp = _ndi.gaussian_filter1d(impulse, sigma, order=order, mode="constant",
                                  truncate=truncate, radius=radius)
    return resp[::-1].copy()


@_composite(_ndi.gaussian_filter1d)
def gaussian_filter1d(input, sigma, axis=-1, order=0, output=None, mode="reflect", cval=0.0,
                      truncate=4.0, *, radius=None):
    if not _traced(input, sigma):
        return _ndi.gaussian_filter1d(input, sigma, axis, order, output, mode, cval, truncate,
                                      radius=radius)
    sigma = _constant(sigma, "sigma")
    w = gaussian_weights(sigma, order, truncate, radius)
    return correlate1d(input, w, axis, output, mode, cval, 0)


@_composite(_ndi.gaussian_filter)
def gaussian_filter(input, sigma, order=0, output=None, mode="reflect", cval=0.0, truncate=4.0,
                    *, radius=None, axes=None):
    if not _traced(input, sigma):
        return _ndi.gaussian_filter(input, sigma, order, output, mode, cval, truncate,
                                    radius=radius, axes=axes)
    no_output(output, "gaussian_filter")
    sigma = _constant(sigma, "sigma")
    axes = norm_axes(axes, len(shape_of(input)))
    n = len(axes)
    steps = zip(axes, seq(sigma, n, "sigma"), seq(order, n, "order"), seq(mode, n, "mode"),
                seq(radius, n, "radius"))
    out = input
    for axis, s, o, m, r in steps:
        if s > 1e-15:
            out = gaussian_filter1d(out, s, axis, o, None, m, cval, truncate, radius=r)
    return out


@_composite(_ndi.uniform_filter1d)
def uniform_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    if not _traced(input):
        return _ndi.uniform_filter1d(input, size, axis, output, mode, cval, origin)
    if size < 1:
        raise RuntimeError("incorrect filter size")
    return correlate1d(input, onp.full(int(size), 1.0 / size), axis, output, mode, cval, origin)


@_composite(_ndi.uniform_filter)
def uniform_filter(input, size=3, output=None, mode="reflect", cval=0.0, origin=0, *, axes=None):
    if not _traced(input):
        return _ndi.uniform_filter(input, size, output, mode, cval, origin, axes=axes)
    no_output(output, "uniform_filter")
    axes = norm_axes(axes, len(shape_of(input)))
    n = len(axes)
    out = input
    for axis, s, m, o in zip(axes, seq(size, n, "size"), seq(mode, n, "mode"),
                             seq(origin, n, "origin")):
        if s > 1:
            out = uniform_filter1d(out, s, axis, None, m, cval, o)
    return out


def _edge_filter(input, axis, mode, cval, smooth):
    nd = len(shape_of(input))
    axis = norm_axes(axis, nd)[0]
    modes = seq(mode, nd, "mode")
    out = correlate1d(input, onp.array([-1.0, 0.0, 1.0]), axis, None, modes[axis], cval, 0)
    for ax in range(nd):
        if ax != axis:
            out = correlate1d(out, onp.asarray(smooth, float), ax, None, modes[ax], cval, 0)
    return out


def _edge(raw, smooth, input, axis, output, mode, cval):
    """SciPy's edge filter ``raw`` (smoothing ``smooth`` across ``axis``), traced when ``input`` is."""
    if not _traced(input):
        return raw(input, axis, output, mode, cval)
    no_output(output, raw.__name__)
    return _edge_filter(input, axis, mode, cval, smooth)


@_composite(_ndi.sobel)
def sobel(input, axis=-1, output=None, mode="reflect", cval=0.0):
    return _edge(_ndi.sobel, [1, 2, 1], input, axis, output, mode, cval)


@_composite(_ndi.prewitt)
def prewitt(input, axis=-1, output=None, mode="reflect", cval=0.0):
    return _edge(_ndi.prewitt, [1, 1, 1], input, axis, output, mode, cval)


def _laplace_sum(input, axes, mode, derivative2):
    axes = norm_axes(axes, len(shape_of(input)))
    modes = seq(mode, len(axes), "mode")
    out = None
    for axis, m in zip(axes, modes):
        term = derivative2(input, axis, m)
        out = term if out is None else out + term
    return input * 1 if out is None else out


@_composite(_ndi.laplace)
def laplace(input, output=None, mode="reflect", cval=0.0, *, axes=None):
    if not _traced(input):
        return _ndi.laplace(input, output, mode, cval, axes=axes)
    no_output(output, "laplace")
    stencil = onp.array([1.0, -2.0, 1.0])
    return _laplace_sum(input, axes, mode,
                        lambda x, axis, m: correlate1d(x, stencil, axis, None, m, cval, 0))


@_composite(_ndi.gaussian_laplace)
def gaussian_laplace(input, sigma, output=None, mode="reflect", cval=0.0, *, axes=None,
                     **kwargs):
    if not _traced(input, sigma):
        return _ndi.gaussian_laplace(input, sigma, output, mode, cval, axes=axes, **kwargs)
    no_output(output, "gaussian_laplace")
    nd = len(shape_of(input))
    axes_n = norm_axes(axes, nd)
    sigmas = seq(_constant(sigma, "sigma"), len(axes_n), "sigma")
    sig_of = dict(zip(axes_n, sigmas))

    def d2(x, axis, m):
        order = [2 if a == axis else 0 for a in axes_n]
        return gaussian_filter(x, [sig_of[a] for a in axes_n], order, None, m, cval,
                               axes=axes_n, **kwargs)
    return _laplace_sum(input, axes, mode, d2)


# ----------------------------------------------------------------- rank filters

def _footprint(nd, size, footprint, axes):
    axes = norm_axes(axes, nd)
    if footprint is None:
        if size is None:
            raise RuntimeError("no footprint or filter size provided")
        fp = onp.ones(seq(size, len(axes), "size"), bool)
    else:
        fp = onp.asarray(footprint, bool)
        if fp.ndim != len(axes):
            raise RuntimeError("footprint array has incorrect shape.")
    shape = [1] * nd
    for a, m in zip(axes, fp.shape):
        shape[a] = m
    return fp.reshape(shape), axes


def _rank_select(input, ans, fp, mode, cval, origins):
    """``ans`` rebuilt from ``input``: each output is the even mix of the window's elements equal
    to it (so its cotangent goes to the selected element, split among ties)."""
    nd = len(shape_of(input))
    modes = seq(mode, nd, "mode")
    k = fp.shape
    centres = [m // 2 + o for m, o in zip(k, origins)]
    xp = pad(input, [(c, m - 1 - c) for c, m in zip(centres, k)], modes, cval)
    xp_val = getval(xp)
    n = shape_of(input)
    picks, weights = [], []
    for j in zip(*onp.nonzero(fp)):
        sl = tuple(slice(a, a + m) for a, m in zip(j, n))
        hit = xp_val[sl] == ans
        if hit.any():
            picks.append(sl)
            weights.append(hit)
    count = onp.sum(weights, axis=0)
    out = None
    for sl, hit in zip(picks, weights):
        term = xp[sl] * (hit / onp.maximum(count, 1)).astype(onp.result_type(ans, onp.float32))
        out = term if out is None else out + term
    return out


def _rank_filter(raw, name, input, size, footprint, output, mode, cval, origin, axes):
    no_output(output, name)
    nd = len(shape_of(input))
    fp, axes = _footprint(nd, size, footprint, axes)
    ans = raw(getval(input), size=size, footprint=footprint, mode=mode, cval=cval,
              origin=origin, axes=axes)
    origins = [0] * nd
    for a, o in zip(axes, seq(origin, len(axes), "origin")):
        origins[a] = _check_origin(o, fp.shape[a])
    modes = seq(mode, len(axes), "mode")
    full_modes = ["reflect"] * nd
    for a, m in zip(axes, modes):
        full_modes[a] = check_mode(m)
    return _rank_select(input, ans, fp, full_modes, cval, origins)


def _rank_nd(raw, input, size, footprint, output, mode, cval, origin, axes):
    """SciPy's n-d rank filter ``raw``, differentiable when ``input`` is traced."""
    if not _traced(input):
        return raw(input, size, footprint, output, mode, cval, origin, axes=axes)
    return _rank_filter(raw, raw.__name__, input, size, footprint, output, mode, cval, origin, axes)


def _rank_1d(raw1d, raw, input, size, axis, output, mode, cval, origin):
    """SciPy's 1-d rank filter ``raw1d``; traced, the n-d ``raw`` along ``axis``."""
    if not _traced(input):
        return raw1d(input, size, axis, output, mode, cval, origin)
    return _rank_filter(raw, raw1d.__name__, input, size, None, output, mode, cval, origin, [axis])


@_composite(_ndi.minimum_filter)
def minimum_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                   origin=0, *, axes=None):
    return _rank_nd(_ndi.minimum_filter, input, size, footprint, output, mode, cval, origin, axes)


@_composite(_ndi.maximum_filter)
def maximum_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                   origin=0, *, axes=None):
    return _rank_nd(_ndi.maximum_filter, input, size, footprint, output, mode, cval, origin, axes)


@_composite(_ndi.median_filter)
def median_filter(input, size=None, footprint=None, output=None, mode="reflect", cval=0.0,
                  origin=0, *, axes=None):
    return _rank_nd(_ndi.median_filter, input, size, footprint, output, mode, cval, origin, axes)


@_composite(_ndi.minimum_filter1d)
def minimum_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    return _rank_1d(_ndi.minimum_filter1d, _ndi.minimum_filter, input, size, axis, output, mode, cval, origin)


@_composite(_ndi.maximum_filter1d)
def maximum_filter1d(input, size, axis=-1, output=None, mode="reflect", cval=0.0, origin=0):
    return _rank_1d(_ndi.maximum_filter1d, _ndi.maximum_filter, input, size, axis, output, mode, cval, origin)
