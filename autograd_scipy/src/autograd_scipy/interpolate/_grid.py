"""Gridded and scattered data: ``RegularGridInterpolator``, ``interpn``, ``griddata``,
``RBFInterpolator``.

* ``RegularGridInterpolator`` / ``interpn``: ``'linear'`` and ``'nearest'`` are
  written with traced operations (differentiable in the values, the query
  points and, for ``'linear'``, the grid coordinates); the spline methods
  (``'slinear'``, ``'cubic'``, ``'quintic'``) go through ``evaluate``: linear in
  the values, and SciPy's own partial derivatives (``nu``) in the query points.
  On traced arguments their spline system is solved directly (``spsolve``)
  unless a ``solver`` is given: SciPy's default iterative solver stops at
  ``atol=1e-6``, so its values differ from the traced ones at that level.
  ``'pchip'`` is refused on traced arguments (not linear in the values, and
  SciPy computes no derivative in the points for it).
* ``griddata``: in the values (it is linear in them); the points are constants.
* ``RBFInterpolator``: in the data values (the fitted coefficients are linear in
  them) and in the query points (the kernel sum written with traced operations).
"""

import numpy as onp
import scipy.interpolate as _spi

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import shape_of

from ._common import _composite
from ._primitives import evaluate, linear_in_data

__all__ = ["RegularGridInterpolator", "interpn", "griddata", "RBFInterpolator"]


def _constant(value, what):
    if _traced(value):
        raise NotImplementedError(f"autograd.scipy.interpolate: no derivative with respect to {what}")
    return value


class _GridSpec:
    """``evaluate``'s view of a spline-method RegularGridInterpolator (values: grid axes first)."""

    def __init__(self, points, method, fill_value, ndim, solver=None, solver_args=None):
        self.points, self.method, self.fill_value = points, method, fill_value
        self.solver, self.solver_args = solver, solver_args
        self.ncomp = self.data_ndim = ndim
        self.name = f"RegularGridInterpolator(method={method!r})"

    def value(self, data, xq, nu):
        derivative = any(nu)
        fill = self.fill_value
        if derivative and fill is not None:
            fill = 0.0          # a filled output is constant
        solver = self.solver
        if solver is None and self.method in ("slinear", "cubic", "quintic"):
            # a direct solve: SciPy's default iterative one stops at atol=1e-6, which would
            # make the map from values to spline only approximately linear
            from scipy.sparse.linalg import spsolve as solver
        rgi = _spi.RegularGridInterpolator(self.points, data, self.method, bounds_error=False,
                                           fill_value=fill, solver=solver,
                                           solver_args=self.solver_args)
        return rgi(xq, nu=nu if derivative else None)

    def linear(self):
        if self.fill_value is None or self.fill_value == 0:
            return self
        return _GridSpec(self.points, self.method, 0.0, self.ncomp, self.solver,
                         self.solver_args)


def _query(xi, ndim):
    """Query points as one array of shape ``(..., ndim)`` (traced or not); as in SciPy, a
    tuple holds one (broadcast) array per coordinate, anything else is an array of points."""
    if isinstance(xi, tuple) and len(xi) == 1:
        xi = xi[0]
    if isinstance(xi, tuple):
        parts = [v if _traced(v) else onp.asarray(v, float) for v in xi]
        shape = onp.broadcast_shapes(*[shape_of(p) for p in parts])
        return anp.stack([anp.broadcast_to(p, shape) for p in parts], -1)
    if isinstance(xi, list) and any(_traced(v) for v in xi):
        xi = anp.array(xi)
    xi = xi if _traced(xi) else onp.asarray(xi, float)
    if ndim == 1 and (not shape_of(xi) or shape_of(xi)[-1] != 1):
        xi = anp.reshape(xi, shape_of(xi) + (1,))
    if shape_of(xi)[-1] != ndim:
        raise ValueError(f"The requested sample points xi have dimension {shape_of(xi)[-1]} "
                         f"but this RegularGridInterpolator has dimension {ndim}")
    return xi


@_composite(_spi.RegularGridInterpolator)
class RegularGridInterpolator(_spi.RegularGridInterpolator):
    def __init__(self, points, values, method="linear", bounds_error=True, fill_value=onp.nan,
                 *, solver=None, solver_args=None):
        plain_points = tuple(onp.asarray(getval(p), float) for p in points)
        super().__init__(plain_points, getval(values), method, bounds_error, fill_value,
                         solver=solver, solver_args=solver_args)
        self._solver = (solver, solver_args)
        self._tvalues = values if _traced(values) else None
        self._tpoints = tuple(points) if any(_traced(p) for p in points) else None
        if self._tvalues is not None or self._tpoints is not None:
            # SciPy flips descending axes; so do we
            vals = values if _traced(values) else onp.asarray(values)
            pts = list(points)
            for k in self._descending_dimensions:
                vals = anp.flip(vals, k)
                pts[k] = anp.flip(pts[k], 0) if _traced(pts[k]) else onp.flip(pts[k])
            self._tvalues_f, self._tpoints_f = vals, pts

    def __call__(self, xi, method=None, *, nu=None):
        traced_data = self._tvalues is not None or self._tpoints is not None
        if not traced_data and not _traced(xi) and not (
                isinstance(xi, (list, tuple)) and any(_traced(v) for v in xi)):
            return super().__call__(xi, method, nu=nu)
        method = self.method if method is None else method
        nd = len(self.grid)
        x = _query(xi, nd)
        plain = super().__call__(getval(x), method, nu=nu)   # SciPy's checks and errors
        if nu is not None and any(nu):
            raise NotImplementedError("RegularGridInterpolator: nu= on traced arguments; "
                                      "differentiate the traced result instead")
        values = self._tvalues_f if traced_data else self.values
        if method in ("linear", "nearest"):
            grid = self._tpoints_f if self._tpoints is not None else list(self.grid)
            out = _linear_or_nearest(grid, values, x, method)
        else:
            if self._tpoints is not None:
                raise NotImplementedError(
                    f"RegularGridInterpolator(method={method!r}): no derivative with respect "
                    "to the grid coordinates (method='linear' has one)")
            if method == "pchip":
                raise NotImplementedError(
                    "RegularGridInterpolator(method='pchip') on traced arguments: not linear in "
                    "the values and SciPy has no derivative in the points for it; use 'cubic', "
                    "or PchipInterpolator along one axis")
            spec = _GridSpec(self.grid, method, self.fill_value, nd, *self._solver)
            out = evaluate(values, x, spec, (0,) * nd)
        if self.fill_value is not None:
            outside = onp.zeros(shape_of(x)[:-1], bool)
            xv = getval(x)
            for k, g in enumerate(self.grid):
                outside |= (xv[..., k] < g[0]) | (xv[..., k] > g[-1])
            if outside.any():
                k = len(shape_of(out)) - outside.ndim
                mask = onp.reshape(outside, outside.shape + (1,) * k)
                out = anp.where(mask, onp.asarray(self.fill_value), out)
        return out if shape_of(out) == onp.shape(plain) else anp.reshape(out, onp.shape(plain))


def _linear_or_nearest(grid, values, x, method):
    nd = len(grid)
    vshape = shape_of(values)
    trail = vshape[nd:]
    flat = anp.reshape(values, (-1,) + tuple(trail))
    strides = onp.cumprod((1,) + tuple(vshape[:nd][::-1]))[:-1][::-1]
    xv = getval(x)
    idx, frac = [], []
    for k in range(nd):
        gv = onp.asarray(getval(grid[k]), float)
        i = onp.clip(onp.searchsorted(gv, xv[..., k]) - 1, 0, gv.size - 2)
        g0 = anp.take(grid[k], i) if _traced(grid[k]) else gv[i]
        g1 = anp.take(grid[k], i + 1) if _traced(grid[k]) else gv[i + 1]
        idx.append(i)
        frac.append((x[..., k] - g0) / (g1 - g0))
    k_trail = len(trail)

    def expand(w):
        return anp.reshape(w, shape_of(w) + (1,) * k_trail) if k_trail else w

    if method == "nearest":
        flat_idx = 0
        for k in range(nd):
            near = onp.where(getval(frac[k]) <= 0.5, idx[k], idx[k] + 1)
            flat_idx = flat_idx + near * strides[k]
        return anp.take(flat, flat_idx, axis=0)
    out = None
    for corner in onp.ndindex(*([2] * nd)):
        flat_idx = 0
        w = None
        for k, c in enumerate(corner):
            flat_idx = flat_idx + (idx[k] + c) * strides[k]
            wk = frac[k] if c else 1 - frac[k]
            w = wk if w is None else w * wk
        term = anp.take(flat, flat_idx, axis=0) * expand(w)
        out = term if out is None else out + term
    return out


@_composite(_spi.interpn)
def interpn(points, values, xi, method="linear", bounds_error=True, fill_value=onp.nan):
    if not (_traced(values, xi) or any(_traced(p) for p in points)
            or isinstance(xi, (list, tuple)) and any(_traced(v) for v in xi)):
        return _spi.interpn(points, values, xi, method, bounds_error, fill_value)
    if method == "splinef2d":
        raise NotImplementedError("interpn(method='splinef2d') on traced arguments; "
                                  "use method='cubic'")
    nd = len(points)
    x = _query(xi, nd)
    rgi = RegularGridInterpolator(points, values, method, bounds_error, fill_value)
    return rgi(x)


@_composite(_spi.griddata)
def griddata(points, values, xi, method="linear", fill_value=onp.nan, rescale=False):
    if not _traced(points, values, xi):
        return _spi.griddata(points, values, xi, method, fill_value, rescale)
    points = _constant(points, "the data points (griddata)")
    xi = _constant(xi, "the query points (griddata)")

    def fun(v):
        return _spi.griddata(points, v, xi, method, 0.0, rescale)
    fun.__name__ = f"griddata(method={method!r})"
    out = linear_in_data(values, fun)
    if method != "nearest":
        probe = _spi.griddata(points, onp.ones(shape_of(values)[0]), xi, method, onp.nan, rescale)
        outside = onp.isnan(probe)
        if outside.any():
            k = len(shape_of(out)) - outside.ndim
            out = anp.where(onp.reshape(outside, outside.shape + (1,) * k),
                            onp.asarray(fill_value), out)
    return out


# ----------------------------------------------------------------- RBFInterpolator


def _kernel(name, r2):
    """The radial kernel of ``r = sqrt(r2)``, written so that ``r2 = 0`` has finite derivatives
    where the kernel does."""
    safe = anp.where(r2 > 0, r2, 1.0)
    zero = getval(r2) <= 0
    if name == "linear":
        return anp.where(zero, 0.0, -anp.sqrt(safe))
    if name == "thin_plate_spline":
        return anp.where(zero, 0.0, 0.5 * r2 * anp.log(safe))
    if name == "cubic":
        return anp.where(zero, 0.0, safe * anp.sqrt(safe))
    if name == "quintic":
        return anp.where(zero, 0.0, -(safe * safe) * anp.sqrt(safe))
    if name == "multiquadric":
        return -anp.sqrt(r2 + 1)
    if name == "inverse_multiquadric":
        return 1 / anp.sqrt(r2 + 1)
    if name == "inverse_quadratic":
        return 1 / (r2 + 1)
    if name == "gaussian":
        return anp.exp(-r2)
    raise ValueError(f"unknown kernel {name!r}")


@_composite(_spi.RBFInterpolator)
class RBFInterpolator(_spi.RBFInterpolator):
    def __init__(self, y, d, neighbors=None, smoothing=0.0, kernel="thin_plate_spline",
                 epsilon=None, degree=None):
        y = _constant(y, "the data points (RBFInterpolator)")
        smoothing = _constant(smoothing, "smoothing")
        super().__init__(y, getval(d), neighbors, smoothing, kernel, epsilon, degree)
        self._td = d if _traced(d) else None
        self._opts = (onp.asarray(y, float), neighbors, smoothing, kernel, epsilon, degree)

    def __call__(self, x):
        if self._td is None and not _traced(x):
            return super().__call__(x)
        if self.neighbors is not None:
            raise NotImplementedError("RBFInterpolator(neighbors=...) on traced arguments")
        y, neighbors, smoothing, kernel, epsilon, degree = self._opts
        if not _traced(x):
            x = onp.asarray(x, float)
            opts = self._opts

            def fun(d):
                return _spi.RBFInterpolator(opts[0], d, *opts[1:])(x)
            fun.__name__ = "RBFInterpolator"
            return linear_in_data(self._td, fun)
        # traced query points: the kernel sum with the fitted coefficients
        d_shape = self.d_shape
        if self._td is None:
            coeffs = self._coeffs
        else:
            flat = anp.reshape(self._td, (shape_of(self._td)[0], -1))
            opts = self._opts

            def fit(d):
                return _spi.RBFInterpolator(opts[0], d, *opts[1:])._coeffs
            fit.__name__ = "RBFInterpolator"
            coeffs = linear_in_data(flat, fit)
        n = y.shape[0]
        eps = self.epsilon
        diff = (x[..., None, :] - y) * eps
        r2 = anp.sum(diff * diff, -1)                     # (..., n)
        out = anp.dot(_kernel(kernel, r2), coeffs[:n])
        if self.powers.shape[0]:
            xs = (x - self._shift) / self._scale
            cols = []
            for p in self.powers:
                term = 1.0
                for k, e in enumerate(p):
                    if e:
                        term = term * xs[..., k] ** int(e)
                cols.append(term * anp.ones(shape_of(x)[:-1]) if onp.isscalar(term) else term)
            out = out + anp.dot(anp.stack(cols, -1), coeffs[n:])
        return anp.reshape(out, shape_of(x)[:-1] + tuple(d_shape))
