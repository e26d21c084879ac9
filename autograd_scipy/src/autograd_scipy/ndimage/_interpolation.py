"""Spline interpolation: ``map_coordinates`` and what is built on it (``shift``,
``zoom``, ``affine_transform``, ``rotate``), plus the prefilters.

On traced arguments the interpolation is written out as SciPy computes it: the
input (extended by 12 samples first for ``'nearest'`` and ``'grid-constant'``)
is prefiltered to B-spline coefficients (``spline_filter_nd``, whose transpose
is applied through the 1-D filter's matrix), and each output is the sum over
the ``(order + 1)^ndim`` neighbouring coefficients of the coefficient times a
product of centred B-spline weights.  Coefficients outside the input are read
as each mode extends them (``'constant'`` and ``'wrap'`` mirror them; a point
outside the input is ``cval`` for ``'constant'``, folded back by a period
``n - 1`` for ``'wrap'``).  The weights are polynomials in the fractional
coordinate, so the result is differentiable in the input (it is linear in it)
and in the coordinates: to every order for ``order >= 2``; piecewise linear
for ``order=1`` (its derivative jumps at integer coordinates); piecewise
constant for ``order=0`` (derivative zero in the coordinates).
"""

import warnings

import numpy as onp
import scipy.ndimage as _ndi

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import shape_of

from ._common import PAD_MODES, _composite, _traced, no_output, pad, seq
from ._primitives import prefilter_matrix, spline_filter_nd

__all__ = ["map_coordinates", "shift", "zoom", "affine_transform", "rotate", "spline_filter",
           "spline_filter1d"]


# ----------------------------------------------------------------- B-spline weights
#
# For the h-th of the order + 1 neighbours the offset t = coordinate - index lies
# in one fixed piece of the centred B-spline, so each weight is one polynomial in
# the fractional part f of the coordinate (no branches).

def _neighbour_weights(x, order):
    """The first neighbour's index and the ``order + 1`` weights for coordinates ``x``."""
    xv = getval(x)
    base = onp.floor(xv) if order & 1 else onp.floor(xv + 0.5)
    start = base.astype(onp.intp) - order // 2
    if order == 0:
        return start, [onp.ones(onp.shape(xv))]
    # f = x - base lies in [0, 1) (odd orders) or [-0.5, 0.5) (even orders), so the
    # offset t_h = x - (start + h) = f + order // 2 - h of neighbour h has a fixed range
    f = x - base
    f_lo = 0.0 if order & 1 else -0.5
    return start, [_weight(order, f + (order // 2 - h), f_lo + order // 2 - h)
                   for h in range(order + 1)]


def _weight(order, t, lo):
    """The centred B-spline of ``order`` at ``t``, known to lie in ``[lo, lo + 1)``: one
    polynomial piece, chosen by the middle of that range (the middle piece is even)."""
    s = t if lo >= 0 else -t
    a = abs(lo + 0.5)
    if order == 1:
        return 1 - s
    if order == 2:
        return 0.75 - s * s if a < 0.5 else 0.5 * (1.5 - s) ** 2
    if order == 3:
        return 2.0 / 3 - s * s + 0.5 * s ** 3 if a < 1 else (2 - s) ** 3 / 6
    if order == 4:
        if a < 0.5:
            return 115.0 / 192 - 0.625 * s * s + 0.25 * s ** 4
        if a < 1.5:
            return (55 + 20 * s - 120 * s * s + 80 * s ** 3 - 16 * s ** 4) / 96
        return (2.5 - s) ** 4 / 24
    if a < 1:
        return 0.55 - 0.5 * s * s + 0.25 * s ** 4 - s ** 5 / 12
    if a < 2:
        return (17.0 / 40 + 0.625 * s - 1.75 * s * s + 1.25 * s ** 3 - 0.375 * s ** 4
                + s ** 5 / 24)
    return (3 - s) ** 5 / 120


def _extend(q, n, mode):
    """Coefficient index ``q`` (any integer) as the mode reads it; ``-1``: the constant."""
    if mode in ("constant", "wrap", "mirror"):
        if n == 1:
            return onp.zeros_like(q)
        p = 2 * n - 2
        r = onp.mod(q, p)
        return onp.where(r >= n, p - r, r)
    if mode in ("reflect", "grid-mirror"):
        p = 2 * n
        r = onp.mod(q, p)
        return onp.where(r >= n, p - 1 - r, r)
    if mode == "grid-wrap":
        return onp.mod(q, n)
    if mode == "nearest":
        return onp.clip(q, 0, n - 1)
    if mode == "grid-constant":
        return onp.where((q < 0) | (q >= n), -1, q)
    raise RuntimeError(f"boundary mode not supported: {mode!r}")


def _evaluate(c, coords, order, mode, cval, npad):
    """The spline with coefficients ``c`` at ``coords`` (a list of ``ndim`` arrays)."""
    shape = shape_of(c)
    nd = len(shape)
    outside = onp.zeros(onp.shape(getval(coords[0])), bool)
    starts, weights = [], []
    for k in range(nd):
        x = coords[k] + npad if npad else coords[k]
        n = shape[k]
        xv = getval(x)
        if mode == "wrap" and n > 1:
            # a point outside is moved by a multiple of n - 1 into [0, n - 1]
            sz = n - 1
            moved = onp.where(xv < 0, xv + sz * (onp.trunc(-xv / sz) + 1),
                              onp.where(xv > n - 1, xv - sz * onp.trunc(xv / sz), xv))
            x = x + (moved - xv)
        elif mode == "constant":
            outside |= (xv < -npad) | (xv > n - 1 - npad) if npad else (xv < 0) | (xv > n - 1)
        start, w = _neighbour_weights(x, order)
        starts.append(start)
        weights.append(w)
    strides = onp.cumprod((1,) + tuple(shape[::-1]))[:-1][::-1]
    flat = anp.reshape(c, (-1,))
    out = None
    for combo in onp.ndindex(*([order + 1] * nd)):
        idx = 0
        const = onp.zeros(onp.shape(outside), bool)
        w = None
        for k, h in enumerate(combo):
            e = _extend(starts[k] + h, shape[k], mode)
            const |= e < 0
            idx = idx + onp.maximum(e, 0) * strides[k]
            w = weights[k][h] if w is None else w * weights[k][h]
        vals = anp.take(flat, idx)
        if const.any():
            vals = anp.where(const, cval, vals)
        term = vals * w
        out = term if out is None else out + term
    if outside.any():
        out = anp.where(outside, cval, out)
    return out


def _check_mode(mode):
    if mode not in PAD_MODES:
        raise RuntimeError(f"boundary mode not supported: {mode!r}")
    return mode


def _interpolate(input, coords, order, mode, cval, prefilter):
    """``map_coordinates`` of real or complex ``input`` at ``coords`` (list of arrays)."""
    if not 0 <= order <= 5:
        raise RuntimeError("spline order not supported")
    _check_mode(mode)
    if not _traced(input):
        input = onp.asarray(input)
    if anp.iscomplexobj(input):
        re = _interpolate(anp.real(input), coords, order, mode, onp.real(cval), prefilter)
        im = _interpolate(anp.imag(input), coords, order, mode, onp.imag(cval), prefilter)
        return re + 1j * im
    dtype = onp.result_type(getval(input))
    c, npad = input, 0
    if prefilter and order > 1:
        if mode in ("nearest", "grid-constant"):
            npad = 12
            c = pad(c, [(npad, npad)] * len(shape_of(c)), [mode] * len(shape_of(c)), cval)
        c = spline_filter_nd(c, order, mode)
    out = _evaluate(c, coords, order, mode, cval, npad)
    if dtype.kind == "f" and onp.result_type(getval(out)) != dtype:
        out = anp.astype_prim(out, dtype)
    return out


@_composite(_ndi.map_coordinates)
def map_coordinates(input, coordinates, output=None, order=3, mode="constant", cval=0.0,
                    prefilter=True):
    if not _traced(input, coordinates):
        return _ndi.map_coordinates(input, coordinates, output, order, mode, cval, prefilter)
    no_output(output, "map_coordinates")
    if not _traced(coordinates):
        coordinates = onp.asarray(coordinates, float)
    if anp.iscomplexobj(coordinates):
        raise TypeError("Complex type not supported")
    nd = len(shape_of(input))
    if shape_of(coordinates)[0] != nd:
        raise RuntimeError("invalid shape for coordinate array")
    coords = [coordinates[k] for k in range(nd)]
    return _interpolate(input, coords, order, mode, cval, prefilter)


def _grid(shape):
    return [onp.asarray(g, float) for g in onp.indices(shape)]


@_composite(_ndi.shift)
def shift(input, shift, output=None, order=3, mode="constant", cval=0.0, prefilter=True):
    if not _traced(input, shift):
        return _ndi.shift(input, shift, output, order, mode, cval, prefilter)
    no_output(output, "shift")
    shape = shape_of(input)
    shifts = seq(shift, len(shape), "shift") if not (_traced(shift) and len(shape_of(shift))) \
        else [shift[k] for k in range(len(shape))]
    # anp.subtract: a traced Python float on the right of an ndarray has no operator
    coords = [anp.subtract(g, s) for g, s in zip(_grid(shape), shifts)]
    return _interpolate(input, coords, order, mode, cval, prefilter)


@_composite(_ndi.zoom)
def zoom(input, zoom, output=None, order=3, mode="constant", cval=0.0, prefilter=True, *,
         grid_mode=False):
    if not _traced(input):
        return _ndi.zoom(input, zoom, output, order, mode, cval, prefilter, grid_mode=grid_mode)
    no_output(output, "zoom")
    zoom = getval(zoom)      # the output grid depends on it only through rounded sizes
    shape = onp.array(shape_of(input))
    zooms = onp.array(seq(zoom, len(shape), "zoom"), float)
    out_shape = tuple(int(round(n * z)) for n, z in zip(shape, zooms))
    if grid_mode:
        suggest = {"constant": "grid-constant", "wrap": "grid-wrap"}.get(mode)
        if suggest is not None:
            warnings.warn(f"It is recommended to use mode = {suggest} instead of {mode} "
                          "when grid_mode is True.", stacklevel=2)
        factors = shape / onp.array(out_shape, float)
        coords = [(g + 0.5) * f - 0.5 for g, f in zip(_grid(out_shape), factors)]
    else:
        div = onp.array(out_shape, float) - 1
        factors = onp.divide(shape - 1, div, out=onp.ones_like(div), where=div > 0)
        coords = [g * f for g, f in zip(_grid(out_shape), factors)]
    return _interpolate(input, coords, order, mode, cval, prefilter)


@_composite(_ndi.affine_transform)
def affine_transform(input, matrix, offset=0.0, output_shape=None, output=None, order=3,
                     mode="constant", cval=0.0, prefilter=True):
    if not _traced(input, matrix, offset):
        return _ndi.affine_transform(input, matrix, offset, output_shape, output, order, mode,
                                     cval, prefilter)
    no_output(output, "affine_transform")
    shape = shape_of(input)
    nd = len(shape)
    out_shape = tuple(shape) if output_shape is None else tuple(output_shape)
    mshape = shape_of(matrix)
    if mshape == (nd + 1, nd + 1) or mshape == (nd, nd + 1):
        offset = matrix[:nd, nd]
        matrix = matrix[:nd, :nd]
        mshape = (nd, nd)
    grid = _grid(out_shape)
    if len(mshape) == 1:
        if mshape[0] != nd:
            raise RuntimeError("affine matrix has wrong number of rows")
        m = [matrix[k] for k in range(nd)]
        coords = [anp.multiply(m[k], grid[k]) for k in range(nd)]
    elif mshape == (nd, nd):
        pts = onp.stack([g.ravel() for g in grid])
        mapped = anp.dot(matrix, pts)
        coords = [anp.reshape(mapped[k], out_shape) for k in range(nd)]
    else:
        raise RuntimeError("affine matrix has wrong number of rows")
    if _traced(offset) and len(shape_of(offset)):
        offs = [offset[k] for k in range(nd)]
    else:
        offs = seq(offset, nd, "offset")
    coords = [anp.add(c, o) for c, o in zip(coords, offs)]
    return _interpolate(input, coords, order, mode, cval, prefilter)


@_composite(_ndi.rotate)
def rotate(input, angle, axes=(1, 0), reshape=True, output=None, order=3, mode="constant",
           cval=0.0, prefilter=True):
    if not _traced(input, angle):
        return _ndi.rotate(input, angle, axes, reshape, output, order, mode, cval, prefilter)
    no_output(output, "rotate")
    shape = onp.array(shape_of(input))
    nd = len(shape)
    if nd < 2:
        raise ValueError("input array should be at least 2D")
    axes = sorted(int(a) % nd for a in axes)
    if len(axes) != 2 or axes[0] == axes[1]:
        raise ValueError("invalid rotation plane specified")
    rad = anp.deg2rad(angle)
    cos, sin = anp.cos(rad), anp.sin(rad)
    in_plane = shape[axes]
    if reshape:
        a = onp.deg2rad(float(getval(angle)))
        rot = onp.array([[onp.cos(a), onp.sin(a)], [-onp.sin(a), onp.cos(a)]])
        iy, ix = in_plane
        bounds = rot @ onp.array([[0, 0, iy, iy], [0, ix, 0, ix]])
        out_plane = (onp.ptp(bounds, axis=1) + 0.5).astype(int)
    else:
        out_plane = in_plane
    oc = (out_plane - 1) / 2.0
    ic = (in_plane - 1) / 2.0
    out_shape = shape.copy()
    out_shape[axes] = out_plane
    grid = _grid(tuple(int(n) for n in out_shape))
    # input coordinate = R (o - out centre) + in centre, in the rotation plane
    p, q = grid[axes[0]] - oc[0], grid[axes[1]] - oc[1]
    coords = list(grid)
    coords[axes[0]] = cos * p + sin * q + ic[0]
    coords[axes[1]] = -sin * p + cos * q + ic[1]
    return _interpolate(input, coords, order, mode, cval, prefilter)


@_composite(_ndi.spline_filter)
def spline_filter(input, order=3, output=onp.float64, mode="mirror"):
    if not _traced(input):
        return _ndi.spline_filter(input, order, output, mode)
    if order < 2:
        return input * 1.0
    if anp.iscomplexobj(input):
        return (spline_filter_nd(anp.real(input), order, mode)
                + 1j * spline_filter_nd(anp.imag(input), order, mode))
    return spline_filter_nd(input, order, mode)


@_composite(_ndi.spline_filter1d)
def spline_filter1d(input, order=3, axis=-1, output=onp.float64, mode="mirror"):
    if not _traced(input):
        return _ndi.spline_filter1d(input, order, axis, output, mode)
    if order < 2:
        return input * 1.0
    n = shape_of(input)[axis]
    m = prefilter_matrix(n, order, mode)
    moved = anp.moveaxis(input, axis, -1)
    return anp.moveaxis(anp.dot(moved, m.T), -1, axis)
