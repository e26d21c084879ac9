"""1-D interpolants: ``interp1d``, ``CubicSpline``, ``BSpline``/``make_interp_spline``
(linear in their data: routed through ``evaluate``/``linear_in_data``) and the
Hermite ones, ``PchipInterpolator``, ``Akima1DInterpolator``,
``CubicHermiteSpline``, ``pchip_interpolate`` (not linear in the values:
their slopes are computed here with traced operations, by SciPy's formulas).

Each class is a subclass of SciPy's, built by SciPy on the untraced values
(so every attribute and method is there); an object built from traced data
keeps that data and carries the gradient to each evaluation, derivative and
integral.  Knots of the linear ones are constants (a clear error when traced),
except for the piecewise-linear ``interp1d``, written with traced operations; the
Hermite interpolants are differentiable in ``x`` too.
"""

import numpy as onp
import scipy.interpolate as _spi

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import shape_of

from ._common import _composite, place_query_axes, to_front
from ._primitives import evaluate, linear_in_data

__all__ = ["interp1d", "CubicSpline", "BSpline", "make_interp_spline", "PchipInterpolator",
           "Akima1DInterpolator", "CubicHermiteSpline", "pchip_interpolate"]


def _knots_constant(x, what):
    if _traced(x):
        raise NotImplementedError(
            f"autograd.scipy.interpolate.{what}: no derivative with respect to the knots "
            "(data abscissae); interp1d(kind='linear'), PchipInterpolator, Akima1DInterpolator, "
            "CubicHermiteSpline and RegularGridInterpolator(method='linear') are "
            "differentiable in them.")
    return onp.asarray(x)


class _Spec1d:
    """How ``evaluate`` rebuilds a 1-D interpolant from data (interpolation axis first)."""

    ncomp = None
    data_ndim = 1

    def __init__(self, name, build, call, lin_build=None):
        self.name, self.build, self.call, self.lin_build = name, build, call, lin_build

    def value(self, data, xq, nu):
        return self.call(self.build(data), xq, nu)

    def linear(self):
        if self.lin_build is None:
            return self
        return _Spec1d(self.name, self.lin_build, self.call)


def _ppoly_call(extrapolate):
    def call(obj, xq, nu):
        return obj(xq, nu, extrapolate)
    return call


class _TracedEval:
    """Mixin: evaluation of an interpolant whose data ``self._tdata`` (axis first) is traced,
    or at traced points; the subclass says how to rebuild it from data (``_spec``)."""

    _tdata = None

    def __call__(self, x, nu=0, extrapolate=None):
        if self._tdata is None and not _traced(x):
            return super().__call__(x, nu, extrapolate)
        if self._tdata is None:
            return _Frozen(self)(x, nu, extrapolate)
        return self._traced_call(x, nu, self._spec(extrapolate))

    def _traced_call(self, x, nu, spec):
        xq = x if _traced(x) else onp.asarray(x)
        out = evaluate(self._tdata, xq, spec, nu)
        return place_query_axes(out, len(shape_of(xq)), self.axis)


# ----------------------------------------------------------------- CubicSpline


def _has_values(bc_type):
    return isinstance(bc_type, tuple) and len(bc_type) == 2 and any(
        isinstance(b, tuple) for b in bc_type)


def _zero_bc(bc_type, trail):
    """``bc_type`` with its derivative values zero (shape ``trail``): the linear part."""
    if _has_values(bc_type):
        return tuple((b[0], onp.zeros(trail)) if isinstance(b, tuple) else b for b in bc_type)
    return bc_type


@_composite(_spi.CubicSpline)
class CubicSpline(_TracedEval, _spi.CubicSpline):
    def __init__(self, x, y, axis=0, bc_type="not-a-knot", extrapolate=None):
        x = _knots_constant(x, "CubicSpline")
        super().__init__(x, getval(y), axis, bc_type, extrapolate)
        if _traced(y):
            self._tdata = to_front(y, axis)
            self._args = (x, bc_type, extrapolate)

    def _spec(self, extrapolate):
        x, bc, ext = self._args

        def periodic(d):
            # the last value is the first (SciPy requires it): its derivative goes to y[0]
            if isinstance(bc, str) and bc == "periodic":
                d = onp.concatenate([d[:-1], d[:1]], 0)
            return d

        def build(d):
            return _spi.CubicSpline(x, periodic(d), 0, bc, ext)

        def build_linear(d):
            return _spi.CubicSpline(x, d, 0, _zero_bc(bc, d.shape[1:]), ext)
        return _Spec1d("CubicSpline", build, _ppoly_call(extrapolate),
                       build_linear if _has_values(bc) else None)

    def derivative(self, nu=1):
        if self._tdata is None:
            return super().derivative(nu)
        return _Derivative(self, nu)

    def integrate(self, a, b, extrapolate=None):
        if self._tdata is None:
            return super().integrate(a, b, extrapolate)
        if _traced(a, b):
            raise NotImplementedError("CubicSpline.integrate: no derivative in the limits")
        spec = self._spec(extrapolate)
        fun_lin = lambda d: spec.linear().build(d).integrate(a, b, extrapolate)  # noqa: E731
        out = linear_in_data(self._tdata, fun_lin)
        if spec.lin_build is not None:     # boundary derivatives given: affine in y
            out = out + spec.build(onp.zeros(shape_of(self._tdata))).integrate(a, b, extrapolate)
        return out


class _Derivative:
    """``obj.derivative(nu)`` of an interpolant built from traced data."""

    def __init__(self, base, nu):
        self.base, self.nu = base, nu

    def __call__(self, x, nu=0, extrapolate=None):
        return self.base(x, nu + self.nu, extrapolate)

    def derivative(self, nu=1):
        return _Derivative(self.base, self.nu + nu)


class _Frozen:
    """Evaluation at traced query points of an interpolant with untraced data."""

    def __init__(self, obj):
        self.obj = obj

    def __call__(self, x, nu=0, extrapolate=None):
        obj = self.obj
        q = len(shape_of(x))
        axis = obj.axis
        probe = onp.asarray(super(type(obj), obj).__call__(getval(x), nu, extrapolate))
        trail = probe.shape[:axis] + probe.shape[axis + q:]

        def call(o, xq, nu):
            out = super(type(obj), obj).__call__(xq, nu, extrapolate)
            return onp.moveaxis(out, list(range(axis, axis + q)), list(range(q)))
        spec = _Spec1d(type(obj).__name__, lambda d: obj, call)
        # the data is a constant: a stand-in of the right trailing shape keeps the layout
        out = evaluate(onp.zeros((1,) + trail), x, spec, nu)
        return place_query_axes(out, q, axis)


# ----------------------------------------------------------------- B-splines


@_composite(_spi.BSpline)
class BSpline(_TracedEval, _spi.BSpline):
    def __init__(self, t, c, k, extrapolate=True, axis=0):
        t = _knots_constant(t, "BSpline")
        super().__init__(t, getval(c), k, extrapolate, axis)
        if _traced(c):
            self._tdata = to_front(c, axis)

    @classmethod
    def _from_front(cls, t, c0, k, extrapolate, axis):
        """A BSpline whose coefficients ``c0`` (interpolation axis first) may be traced."""
        obj = cls.construct_fast(onp.asarray(t), getval(c0), k, extrapolate, axis)
        if _traced(c0):
            obj._tdata = c0
        return obj

    def _spec(self, extrapolate):
        t, k, ext = self.t, self.k, self.extrapolate
        ext_call = ext if extrapolate is None else extrapolate
        return _Spec1d("BSpline", lambda d: _spi.BSpline.construct_fast(t, d, k, ext, 0),
                       lambda obj, xq, nu: obj(xq, nu, ext_call))

    def _traced_spline(self, method, nu):
        """``self.<method>(nu)`` of a spline of traced data: its coefficients are linear in it."""
        plain = getattr(super(), method)(nu)
        t, k, ext = self.t, self.k, self.extrapolate
        fun = lambda d: getattr(_spi.BSpline.construct_fast(t, d, k, ext, 0), method)(nu).c  # noqa: E731
        return BSpline._from_front(plain.t, linear_in_data(self._tdata, fun), plain.k,
                               plain.extrapolate, self.axis)

    def derivative(self, nu=1):
        if self._tdata is None:
            return super().derivative(nu)
        return self._traced_spline("derivative", nu)

    def antiderivative(self, nu=1):
        if self._tdata is None:
            return super().antiderivative(nu)
        return self._traced_spline("antiderivative", nu)

    def integrate(self, a, b, extrapolate=None):
        if self._tdata is None:
            return super().integrate(a, b, extrapolate)
        if _traced(a, b):
            raise NotImplementedError("BSpline.integrate: no derivative in the limits")
        t, k, ext = self.t, self.k, self.extrapolate
        fun = lambda d: _spi.BSpline.construct_fast(t, d, k, ext, 0).integrate(a, b, extrapolate)  # noqa: E731
        return linear_in_data(self._tdata, fun)


def _zero_bc_pair(bc_type, trail):
    """make_interp_spline's ``bc_type`` with zero derivative values (shape ``trail``)."""
    if isinstance(bc_type, (list, tuple)) and len(bc_type) == 2:
        out = []
        for side in bc_type:
            if isinstance(side, (list, tuple)) and side and isinstance(side[0], tuple):
                side = [(o, onp.zeros(trail)) for o, _ in side]
            out.append(side)
        return tuple(out)
    return bc_type


def _bc_has_values(bc_type):
    return isinstance(bc_type, (list, tuple)) and len(bc_type) == 2 and any(
        isinstance(side, (list, tuple)) and side and isinstance(side[0], tuple)
        for side in bc_type)


@_composite(_spi.make_interp_spline)
def make_interp_spline(x, y, k=3, t=None, bc_type=None, axis=0, check_finite=True):
    if not _traced(x, y, t):
        plain = _spi.make_interp_spline(x, y, k, t, bc_type, axis, check_finite)
        # ours, so that it can be evaluated at traced points
        return BSpline._from_front(plain.t, plain.c, plain.k, plain.extrapolate, plain.axis)
    x = _knots_constant(x, "make_interp_spline")
    t = None if t is None else _knots_constant(t, "make_interp_spline")
    y0 = to_front(y, axis)
    plain = _spi.make_interp_spline(x, getval(y0), k, t, bc_type, 0, check_finite)
    def fun(d):
        return _spi.make_interp_spline(x, d, k, t, _zero_bc_pair(bc_type, d.shape[1:]), 0,
                                       False).c
    fun.__name__ = "make_interp_spline"
    c = linear_in_data(y0, fun)
    if _bc_has_values(bc_type):     # boundary derivatives given: affine in y
        zero = onp.zeros(shape_of(y0))
        c = c + _spi.make_interp_spline(x, zero, k, t, bc_type, 0, False).c
    return BSpline._from_front(plain.t, c, plain.k, plain.extrapolate, axis)


# ----------------------------------------------------------------- interp1d

_SPLINE_KINDS = {"linear": 1, "slinear": 1, "quadratic": 2, "cubic": 3}
_STEP_KINDS = ("nearest", "nearest-up", "zero", "previous", "next")


@_composite(_spi.interp1d)
class interp1d(_spi.interp1d):
    def __init__(self, x, y, kind="linear", axis=-1, copy=True, bounds_error=None,
                 fill_value=onp.nan, assume_sorted=False):
        self._tx = None
        if _traced(x) and kind in ("linear", "slinear"):
            # piecewise linear: written with traced operations, so also in x
            self._tx = x
        else:
            x = _knots_constant(x, "interp1d")
        super().__init__(getval(x), getval(y), kind, axis, copy, bounds_error, fill_value,
                         assume_sorted)
        self._tdata = to_front(y, axis) if _traced(y) else None
        self._args = (getval(x), kind, bounds_error, fill_value, assume_sorted)

    def _spec(self):
        x, kind, bounds_error, fill_value, assume_sorted = self._args
        order = _SPLINE_KINDS.get(kind, kind if isinstance(kind, int) else 0)
        extrapolate = isinstance(fill_value, str) and fill_value == "extrapolate"
        order_x = onp.argsort(x, kind="stable")
        xs = x[order_x]

        def build(fill):
            return lambda d: (d, fill)

        def call(built, xq, nu):
            d, fill = built
            if nu == 0:
                return _spi.interp1d(x, d, kind, 0, False, bounds_error, fill,
                                     assume_sorted)(xq)
            xq = onp.asarray(xq)
            shape = xq.shape + d.shape[1:]
            if kind in _STEP_KINDS or order == 0 or nu > order:
                return onp.zeros(shape, onp.result_type(d, float))
            spl = _spi.make_interp_spline(xs, d[order_x], k=order, check_finite=False)
            out = spl(xq, nu)
            if not extrapolate:
                outside = (xq < xs[0]) | (xq > xs[-1])
                out[outside] = 0.0
            return out
        lin_fill = fill_value if extrapolate else 0.0
        return _Spec1d("interp1d", build(fill_value), call, build(lin_fill))

    def __call__(self, x):
        if self._tdata is None and self._tx is None and not _traced(x):
            return super().__call__(x)
        y0 = to_front(self.y, self.axis) if self._tdata is None else self._tdata
        xq = x if _traced(x) else onp.asarray(x)
        if self._tx is not None:
            return self._linear_in_knots(y0, xq)
        out = evaluate(y0, xq, self._spec(), 0)
        return place_query_axes(out, len(shape_of(xq)), self.axis)

    def _linear_in_knots(self, y0, xq):
        """Piecewise-linear interpolation with traced knots (SciPy's interval choice); points
        outside take SciPy's (constant) fill, or the end segments with 'extrapolate'."""
        plain = super().__call__(getval(xq))             # SciPy's checks, fill values
        xv = onp.asarray(getval(self._tx), float)
        order = onp.argsort(xv, kind="stable")
        xs, ys = anp.take(self._tx, order), anp.take(y0, order, axis=0)
        xsv, xqv = xv[order], onp.asarray(getval(xq), float)
        hi = onp.clip(onp.searchsorted(xsv, xqv), 1, len(xsv) - 1)
        k = len(shape_of(ys)) - 1
        x_lo, x_hi = anp.take(xs, hi - 1), anp.take(xs, hi)
        y_lo, y_hi = anp.take(ys, hi - 1, axis=0), anp.take(ys, hi, axis=0)
        w = (xq - x_lo) / (x_hi - x_lo)
        w = anp.reshape(w, shape_of(w) + (1,) * k) if k else w
        out = place_query_axes(y_lo + w * (y_hi - y_lo), len(shape_of(xq)), self.axis)
        fill = self.fill_value
        if not (isinstance(fill, str) and fill == "extrapolate"):
            outside = (xqv < xsv[0]) | (xqv > xsv[-1])
            if outside.any():
                mask = onp.broadcast_to(onp.reshape(outside, outside.shape + (1,) * k),
                                        outside.shape + tuple(shape_of(ys)[1:]))
                mask = place_query_axes(mask, outside.ndim, self.axis)
                out = anp.where(mask, plain, out)
        return out


# ----------------------------------------------------------------- Hermite interpolants
#
# On interval i (h = x[i+1] - x[i], slope m = (y[i+1] - y[i]) / h, s = xq - x[i]) the
# cubic is y[i] + d[i] s + c2 s^2 + c3 s^3 with c2 = (3m - 2d[i] - d[i+1]) / h and
# c3 = (d[i] + d[i+1] - 2m) / h^2.


def _expand(v, k):
    return anp.reshape(v, shape_of(v) + (1,) * k) if k else v


def _hermite_eval(x, y, d, xq, nu, extrapolate):
    """The cubic Hermite interpolant of ``(x, y, d)`` (axis 0) at ``xq``, derivative ``nu``."""
    xv = onp.asarray(getval(x))
    xqv = onp.asarray(getval(xq), float)
    n = xv.shape[0]
    i = onp.clip(onp.searchsorted(xv, xqv, side="right") - 1, 0, n - 2)
    k = len(shape_of(y)) - 1
    x0 = anp.take(x, i) if _traced(x) else xv[i]
    h = (anp.take(x, i + 1) if _traced(x) else xv[i + 1]) - x0
    s = _expand(xq - x0, k)
    h = _expand(h, k)
    y0, y1 = anp.take(y, i, axis=0), anp.take(y, i + 1, axis=0)
    d0, d1 = anp.take(d, i, axis=0), anp.take(d, i + 1, axis=0)
    m = (y1 - y0) / h
    coeffs = [y0, d0, (3 * m - 2 * d0 - d1) / h, (d0 + d1 - 2 * m) / (h * h)]
    for _ in range(nu):     # differentiate the polynomial in s
        coeffs = [c * p for p, c in enumerate(coeffs)][1:]
    if not coeffs:
        out = 0.0 * y0 * s
    else:
        out = coeffs[-1]
        for c in coeffs[-2::-1]:
            out = out * s + c
        if not shape_of(out) == shape_of(y0):
            out = out + 0.0 * y0
    if not extrapolate:
        outside = (xqv < xv[0]) | (xqv > xv[-1])
        if outside.any():
            out = anp.where(_expand(outside, k) if k else outside, onp.nan, out)
    return out


def _slopes_y(x, y):
    """``(h, m)``: interval widths (broadcast against ``y``'s trailing axes) and secant slopes."""
    k = len(shape_of(y)) - 1
    h = x[1:] - x[:-1]
    h = _expand(h, k)
    m = (y[1:] - y[:-1]) / h
    return h, m


def _pchip_edge(h0, h1, m0, m1):
    d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
    dv, m0v, m1v = getval(d), getval(m0), getval(m1)
    zero = onp.sign(dv) != onp.sign(m0v)
    three = ~zero & (onp.sign(m0v) != onp.sign(m1v)) & (onp.abs(dv) > 3 * onp.abs(m0v))
    d = anp.where(zero, 0.0, d)
    return anp.where(three, 3 * m0, d)


def pchip_slopes(x, y):
    """SciPy's PCHIP slopes (Fritsch-Carlson harmonic mean, one-sided at the ends), traced."""
    h, m = _slopes_y(x, y)
    if shape_of(y)[0] == 2:
        return anp.concatenate([m, m], 0)
    mv = getval(m)
    sm = onp.sign(mv)
    flat = (sm[1:] != sm[:-1]) | (mv[1:] == 0) | (mv[:-1] == 0)
    # where flat the slope is 0; elsewhere both secants are nonzero (guard the division)
    m_lo = anp.where(flat, 1.0, m[:-1])
    m_hi = anp.where(flat, 1.0, m[1:])
    w1 = 2 * h[1:] + h[:-1]
    w2 = h[1:] + 2 * h[:-1]
    inner = (w1 + w2) / (w1 / m_lo + w2 / m_hi)
    inner = anp.where(flat, 0.0, inner)
    first = _pchip_edge(h[0], h[1], m[0], m[1])
    last = _pchip_edge(h[-1], h[-2], m[-1], m[-2])
    return anp.concatenate([first[None], inner, last[None]], 0)


def akima_slopes(x, y, method="akima"):
    """SciPy's Akima (or modified Akima) slopes, traced."""
    h, m = _slopes_y(x, y)
    if shape_of(y)[0] == 2:
        return anp.concatenate([m, m], 0)
    left1 = 2 * m[0] - m[1]
    left0 = 2 * left1 - m[0]
    right1 = 2 * m[-1] - m[-2]
    right2 = 2 * right1 - m[-1]
    mm = anp.concatenate([left0[None], left1[None], m, right1[None], right2[None]], 0)
    dm = anp.abs(mm[1:] - mm[:-1])
    if method == "makima":
        pm = anp.abs(mm[1:] + mm[:-1])
        f1 = dm[2:] + 0.5 * pm[2:]
        f2 = dm[:-2] + 0.5 * pm[:-2]
    elif method == "akima":
        f1, f2 = dm[2:], dm[:-2]
    else:
        raise NotImplementedError(f"`method`={method} is unsupported.")
    f12 = f1 + f2
    fv = getval(f12)
    defined = fv > 1e-9 * (onp.max(fv) if fv.size else -onp.inf)
    safe = anp.where(defined, f12, 1.0)
    t_def = mm[1:-2] + (f2 / safe) * (mm[2:-1] - mm[1:-2])
    t_undef = 0.5 * (mm[3:] + mm[:-3])
    return anp.where(defined, t_def, t_undef)


class _Hermite(_TracedEval):
    """Shared by the Hermite interpolants: traced ``x``, values and slopes, axis first."""

    _tx = None

    def _keep(self, x, y, d):
        self._tx, self._ty, self._td = x, y, d

    def __call__(self, x, nu=0, extrapolate=None):
        if self._tx is None:
            if not _traced(x):
                return super().__call__(x, nu, extrapolate)
            return _Frozen(self)(x, nu, extrapolate)
        ext = self.extrapolate if extrapolate is None else extrapolate
        if ext == "periodic":
            raise NotImplementedError("extrapolate='periodic' on traced data")
        xq = x if _traced(x) else onp.asarray(x, float)
        out = _hermite_eval(self._tx, self._ty, self._td, xq, nu, bool(ext))
        return place_query_axes(out, len(shape_of(xq)), self.axis)

    def derivative(self, nu=1):
        if self._tx is None:
            return super().derivative(nu)
        return _Derivative(self, nu)


def _hermite_inputs(x, y, axis):
    xv = onp.asarray(getval(x), float)
    if xv.ndim != 1 or onp.any(onp.diff(xv) <= 0):
        return None      # let SciPy raise its own error
    return (x if _traced(x) else xv), to_front(y, axis)


@_composite(_spi.PchipInterpolator)
class PchipInterpolator(_Hermite, _spi.PchipInterpolator):
    def __init__(self, x, y, axis=0, extrapolate=None):
        super().__init__(getval(x), getval(y), axis, extrapolate)
        if _traced(x, y):
            xs, y0 = _hermite_inputs(x, y, axis)
            self._keep(xs, y0, pchip_slopes(xs, y0))


@_composite(_spi.Akima1DInterpolator)
class Akima1DInterpolator(_Hermite, _spi.Akima1DInterpolator):
    def __init__(self, x, y, axis=0, *, method="akima", extrapolate=None):
        super().__init__(getval(x), getval(y), axis, method=method, extrapolate=extrapolate)
        if _traced(x, y):
            xs, y0 = _hermite_inputs(x, y, axis)
            self._keep(xs, y0, akima_slopes(xs, y0, method))


@_composite(_spi.CubicHermiteSpline)
class CubicHermiteSpline(_Hermite, _spi.CubicHermiteSpline):
    def __init__(self, x, y, dydx, axis=0, extrapolate=None):
        super().__init__(getval(x), getval(y), getval(dydx), axis, extrapolate)
        if _traced(x, y, dydx):
            xs, y0 = _hermite_inputs(x, y, axis)
            self._keep(xs, y0, to_front(dydx, axis))


@_composite(_spi.pchip_interpolate)
def pchip_interpolate(xi, yi, x, der=0, axis=0):
    if not _traced(xi, yi, x):
        return _spi.pchip_interpolate(xi, yi, x, der, axis)
    p = PchipInterpolator(xi, yi, axis=axis)
    if isinstance(der, (list, tuple)) or onp.ndim(der):
        return [p(x, nu) for nu in der]
    return p(x, der)
