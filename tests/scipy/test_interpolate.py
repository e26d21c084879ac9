"""autograd.scipy.interpolate: each interpolant built from traced data and/or
evaluated at traced points; traced values against SciPy's, VJP and JVP against
finite differences (second order where the interpolant is twice
differentiable there), several data shapes and axes, complex data where SciPy
takes it."""

import numpy as onp
import pytest
import scipy.interpolate as si
from scipy.sparse.linalg import spsolve

import autograd.scipy.interpolate as ai
from autograd import grad, make_vjp
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
RNG = onp.random.default_rng(1)
X = onp.r_[0.0, onp.sort(RNG.uniform(0.3, 4.7, 6)), 5.0]
XQ = RNG.uniform(0.2, 4.8, 5)
XQ2 = RNG.uniform(0.2, 4.8, (2, 3))


def traced_value(f, *args):
    return make_vjp(f, argnum=list(range(len(args))))(*args)[1]


def _pair(mod, name):
    """Constructor of our class / SciPy's of the same name."""
    return getattr(ai, name), getattr(si, name)


# fmt: off
# (id, call(module, y, xq) -> values, shape of y, query points, derivative order)
# ``module`` is autograd.scipy.interpolate or scipy.interpolate
ROWS = [
    ("CubicSpline",            lambda m, y, q: m.CubicSpline(X, y)(q),                       (8,),   XQ,  2),
    ("CubicSpline-2d-axis1",   lambda m, y, q: m.CubicSpline(X, y, axis=1)(q),               (3, 8), XQ2, 2),
    ("CubicSpline-natural-nu1", lambda m, y, q: m.CubicSpline(X, y, bc_type="natural")(q, 1), (8, 2), XQ,  2),
    ("CubicSpline-clamped-vals", lambda m, y, q: m.CubicSpline(X, y, bc_type=((1, 0.3), (2, -1.0)))(q), (8,), XQ, 2),
    ("CubicSpline-periodic",   lambda m, y, q: m.CubicSpline(X, y - (y[-1] - y[0]) * (X - X[0]) / (X[-1] - X[0]),
                                                                  bc_type="periodic")(q), (8,), XQ, 2),
    ("CubicSpline-derivative", lambda m, y, q: m.CubicSpline(X, y).derivative()(q),          (8,),   XQ,  2),
    ("make_interp_spline-k3",  lambda m, y, q: m.make_interp_spline(X, y)(q),                (8,),   XQ,  2),
    ("make_interp_spline-k2-axis1", lambda m, y, q: m.make_interp_spline(X, y, k=2, axis=1)(q), (2, 8), XQ2, 2),
    ("make_interp_spline-k5-nu2", lambda m, y, q: m.make_interp_spline(X, y, k=5)(q, 2),     (8, 3), XQ,  2),
    ("make_interp_spline-bc",  lambda m, y, q: m.make_interp_spline(X, y, bc_type=([(1, 0.5)], [(1, -0.2)]))(q), (8,), XQ, 2),
    ("make_interp_spline-deriv", lambda m, y, q: m.make_interp_spline(X, y).derivative(2)(q), (8,),  XQ,  2),
    ("make_interp_spline-anti", lambda m, y, q: m.make_interp_spline(X, y).antiderivative()(q), (8,), XQ,  2),
    ("BSpline",                lambda m, c, q: m.BSpline(onp.r_[[0.0] * 3, X, [5.0] * 3], c, 3)(q), (10,), XQ, 2),
    ("BSpline-axis1-noext",    lambda m, c, q: m.BSpline(onp.r_[[0.0] * 2, X, [5.0] * 2], c, 2, extrapolate=False, axis=1)(q),
                                                                                             (2, 9), XQ2, 2),
    ("interp1d-linear",        lambda m, y, q: m.interp1d(X, y)(q),                          (8,),   XQ,  1),
    ("interp1d-linear-axis0",  lambda m, y, q: m.interp1d(X, y, axis=0)(q),                  (8, 3), XQ2, 1),
    ("interp1d-nearest",       lambda m, y, q: m.interp1d(X, y, kind="nearest")(q),          (2, 8), XQ,  1),
    ("interp1d-previous",      lambda m, y, q: m.interp1d(X, y, kind="previous")(q),         (8,),   XQ,  1),
    ("interp1d-quadratic",     lambda m, y, q: m.interp1d(X, y, kind="quadratic")(q),        (8,),   XQ,  2),
    ("interp1d-cubic",         lambda m, y, q: m.interp1d(X, y, kind="cubic")(q),            (3, 8), XQ2, 2),
    ("interp1d-fill",          lambda m, y, q: m.interp1d(X, y, kind="cubic", bounds_error=False,
                                                          fill_value=(-1.0, 2.0))(q * 1.2 - 0.5), (8,), XQ, 2),
    ("interp1d-extrapolate",   lambda m, y, q: m.interp1d(X, y, fill_value="extrapolate")(q * 1.3 - 0.7), (8,), XQ, 1),
    ("PchipInterpolator",      lambda m, y, q: m.PchipInterpolator(X, y)(q),                 (8,),   XQ,  2),
    ("PchipInterpolator-2d",   lambda m, y, q: m.PchipInterpolator(X, y, axis=1)(q, 1),      (3, 8), XQ2, 2),
    ("pchip_interpolate",      lambda m, y, q: m.pchip_interpolate(X, y, q),                 (8,),   XQ,  2),
    ("Akima1DInterpolator",    lambda m, y, q: m.Akima1DInterpolator(X, y)(q),               (8,),   XQ,  2),
    ("Akima1DInterpolator-makima", lambda m, y, q: m.Akima1DInterpolator(X, y, method="makima")(q), (8, 2), XQ, 2),
    ("CubicHermiteSpline",     lambda m, y, q: m.CubicHermiteSpline(X, y[:, 0], y[:, 1])(q), (8, 2), XQ,  2),
]
# fmt: on

TESTED = {r[0].split("-")[0] for r in ROWS} | {"RegularGridInterpolator", "interpn", "griddata",
                                              "RBFInterpolator"}


@pytest.mark.parametrize("name, call, yshape, xq, order", ROWS, ids=[r[0] for r in ROWS])
def test_1d(name, call, yshape, xq, order):
    y = RNG.standard_normal(yshape)
    f = lambda y, q: call(ai, y, q)  # noqa: E731
    expected = call(si, y, xq)
    got = traced_value(f, y, xq)
    assert got.shape == expected.shape
    onp.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    onp.testing.assert_allclose(call(ai, y, xq), expected, rtol=1e-13)      # untraced: SciPy's
    check_grads(f, argnum=[0, 1], modes=MODES, order=order)(y, xq)


@pytest.mark.parametrize("name", ["CubicSpline", "make_interp_spline", "interp1d"])
def test_complex_data(name):
    y = RNG.standard_normal(8) + 1j * RNG.standard_normal(8)
    ctor = getattr(ai, name)
    f = lambda y, q: ctor(X, y)(q)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, y, XQ), getattr(si, name)(X, y)(XQ), rtol=1e-12)
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(y, XQ)


@pytest.mark.parametrize("name, kw", [("PchipInterpolator", {}), ("Akima1DInterpolator", {}),
                                      ("Akima1DInterpolator", {"method": "makima"})])
def test_hermite_knots(name, kw):
    """PCHIP and Akima slopes are traced: derivatives in the abscissae too (not linear in y)."""
    y = RNG.standard_normal(8)
    f = lambda x, y: getattr(ai, name)(x, y, **kw)(XQ)  # noqa: E731
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(X, y)
    # a flat stretch and a sign change: the shape-preserving branches
    y2 = onp.array([0.0, 1.0, 1.0, 2.0, 1.5, 0.0, -1.0, 3.0])
    onp.testing.assert_allclose(traced_value(lambda y: f(X, y), y2),
                                getattr(si, name)(X, y2, **kw)(XQ), rtol=1e-12)
    check_grads(lambda y: f(X, y), modes=MODES, order=1)(y2 + 1e-3 * RNG.standard_normal(8))


@pytest.mark.parametrize("build", [
    lambda y: ai.CubicSpline(X, y), lambda y: ai.make_interp_spline(X, y, k=4),
    lambda y: ai.PchipInterpolator(X, y), lambda y: ai.Akima1DInterpolator(X, y)])
def test_evaluation_of_untraced_interpolant(build):
    """An interpolant of plain data, evaluated at traced points: its own derivative."""
    obj = build(RNG.standard_normal((8, 2)))
    check_grads(lambda q: obj(q), modes=MODES, order=2)(XQ)
    d = grad(lambda q: obj(q)[:, 1].sum())(XQ)
    onp.testing.assert_allclose(d, obj.derivative()(XQ)[:, 1], rtol=1e-12)
    # the derivative object (SciPy builds it as the same class) also takes traced points
    d2 = grad(lambda q: obj.derivative()(q)[:, 1].sum())(XQ)
    onp.testing.assert_allclose(d2, obj(XQ, 2)[:, 1], rtol=1e-12)
    assert isinstance(ai.CubicSpline(X, XQ[:1] + X), si.CubicSpline)


def test_integrate():
    y = RNG.standard_normal(8)
    check_grads(lambda y: ai.CubicSpline(X, y).integrate(0.5, 4.0), modes=MODES, order=2)(y)
    check_grads(lambda y: ai.make_interp_spline(X, y).integrate(0.5, 4.0), modes=MODES,
                order=2)(y)
    onp.testing.assert_allclose(traced_value(lambda y: ai.CubicSpline(X, y).integrate(0.5, 4.0), y),
                                si.CubicSpline(X, y).integrate(0.5, 4.0))


def test_knots_are_constants():
    y = RNG.standard_normal(8)
    with pytest.raises(NotImplementedError, match="knots"):
        make_vjp(lambda x: ai.CubicSpline(x, y)(XQ))(X)
    with pytest.raises(NotImplementedError, match="knots"):
        make_vjp(lambda x: ai.interp1d(x, y, kind="cubic")(XQ))(X)


@pytest.mark.parametrize("fill", [onp.nan, (-1.0, 2.0), "extrapolate"])
def test_interp1d_linear_in_knots(fill):
    """Piecewise linear: differentiable in the abscissae too (unsorted ones as well)."""
    perm = RNG.permutation(8)
    y = RNG.standard_normal((2, 8))
    q = onp.r_[XQ, -0.4, 5.3]
    f = lambda x, y, q: ai.interp1d(x, y, bounds_error=False, fill_value=fill)(q)  # noqa: E731
    expected = si.interp1d(X[perm], y[:, perm], bounds_error=False, fill_value=fill)(q)
    onp.testing.assert_allclose(traced_value(f, X[perm], y[:, perm], q), expected, rtol=1e-12)
    rows = slice(0, 5) if fill is onp.nan else slice(None)
    check_grads(lambda x, y, q: f(x, y, q)[:, rows], argnum=[0, 1, 2], modes=MODES)(
        X[perm], y[:, perm], q)


# ----------------------------------------------------------------- gridded data

GRID = (onp.linspace(0.0, 1.0, 6), onp.linspace(0.0, 2.0, 7) ** 1.2)
GRID_Q = RNG.uniform([0.05, 0.05], [0.95, 2.0], (5, 2))

# (method, values' trailing shape, derivative order)
GRID_ROWS = [("linear", (), 1), ("linear", (2,), 1), ("nearest", (), 1), ("slinear", (), 1),
             ("cubic", (), 2), ("cubic", (3,), 2), ("quintic", (), 2)]


@pytest.mark.parametrize("method, trail, order", GRID_ROWS)
def test_regular_grid(method, trail, order):
    v = RNG.standard_normal((6, 7) + trail)
    kw = {"solver": spsolve} if method in ("slinear", "cubic", "quintic") else {}
    f = lambda v, q: ai.RegularGridInterpolator(GRID, v, method, **kw)(q)  # noqa: E731
    expected = si.RegularGridInterpolator(GRID, v, method, **kw)(GRID_Q)
    onp.testing.assert_allclose(traced_value(f, v, GRID_Q), expected, rtol=1e-10, atol=1e-12)
    check_grads(f, argnum=[0, 1], modes=MODES, order=order)(v, GRID_Q)
    # interpn is the same interpolant (SciPy's iterative spline solver: values to ~1e-6)
    g = lambda v, q: ai.interpn(GRID, v, q, method=method)  # noqa: E731
    tol = 1e-12 if method in ("linear", "nearest") else 1e-4
    onp.testing.assert_allclose(traced_value(g, v, GRID_Q),
                                si.interpn(GRID, v, GRID_Q, method=method), rtol=tol, atol=tol)
    if method in ("linear", "nearest"):
        check_grads(g, argnum=[0, 1], modes=MODES, order=1)(v, GRID_Q)


@pytest.mark.parametrize("fill", [onp.nan, 0.5, None])
def test_regular_grid_fill(fill):
    v = RNG.standard_normal((6, 7))
    q = onp.array([[0.5, 1.1], [1.5, 0.3], [0.25, -1.0]])
    f = lambda v, q: ai.RegularGridInterpolator(GRID, v, bounds_error=False,  # noqa: E731
                                                fill_value=fill)(q)
    onp.testing.assert_allclose(traced_value(f, v, q), si.RegularGridInterpolator(
        GRID, v, bounds_error=False, fill_value=fill)(q))
    rows = slice(0, 1) if fill is not None and onp.isnan(fill) else slice(None)   # NaN outside
    check_grads(lambda v, q: f(v, q)[rows], argnum=[0, 1], modes=MODES)(v, q)
    vjp, _ = make_vjp(lambda v: f(v, q))(v)
    assert onp.isfinite(vjp(onp.ones(3))).all()


def test_regular_grid_descending_and_grid_points():
    v = RNG.standard_normal((6, 7))
    q = onp.array([[0.5, 1.1], [1.5, 0.3], [0.25, -1.0]])
    desc = (GRID[0][::-1], GRID[1])
    f = lambda v, q: ai.RegularGridInterpolator(desc, v)(q)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, v, GRID_Q),
                                si.RegularGridInterpolator(desc, v)(GRID_Q))
    check_grads(f, argnum=[0, 1], modes=MODES)(v, GRID_Q)
    # linear: in the grid coordinates too
    check_grads(lambda g0: ai.RegularGridInterpolator((g0, GRID[1]), v)(GRID_Q), modes=MODES,
                order=2)(GRID[0])
    with pytest.raises(NotImplementedError, match="pchip"):
        make_vjp(lambda q: ai.RegularGridInterpolator(GRID, v, "pchip")(q))(GRID_Q)
    with pytest.raises(ValueError, match="out of bounds"):
        make_vjp(lambda v: ai.RegularGridInterpolator(GRID, v)(q))(v)


# a jittered grid: well-separated points keep the RBF systems well conditioned
PTS = onp.stack(onp.meshgrid(onp.linspace(0, 1, 4), onp.linspace(0, 1, 4)), -1).reshape(-1, 2) \
    + RNG.uniform(-0.05, 0.05, (16, 2))
PQ = RNG.uniform(0.3, 0.7, (4, 2))


@pytest.mark.parametrize("method", ["linear", "nearest", "cubic"])
def test_griddata(method):
    v = RNG.standard_normal((16,))
    q = onp.vstack([PQ, [[2.0, 2.0]]])          # one point outside the hull
    f = lambda v: ai.griddata(PTS, v, q, method=method, fill_value=-3.0)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, v), si.griddata(PTS, v, q, method=method,
                                                                 fill_value=-3.0))
    check_grads(f, modes=MODES, order=2)(v)
    v2 = RNG.standard_normal((16, 2))
    check_grads(lambda v: ai.griddata(PTS, v, PQ, method=method), modes=MODES)(v2)


@pytest.mark.parametrize("kernel, epsilon, degree", [
    ("thin_plate_spline", None, None), ("cubic", None, 2), ("linear", None, None),
    ("quintic", None, None), ("gaussian", 1.5, None), ("multiquadric", 5.0, 0),
    ("inverse_multiquadric", 5.0, None), ("inverse_quadratic", 5.0, None)])
def test_rbf(kernel, epsilon, degree):
    d = RNG.standard_normal(16)
    f = lambda d, q: ai.RBFInterpolator(PTS, d, kernel=kernel, epsilon=epsilon,  # noqa: E731
                                        degree=degree)(q)
    expected = si.RBFInterpolator(PTS, d, kernel=kernel, epsilon=epsilon, degree=degree)(PQ)
    onp.testing.assert_allclose(traced_value(f, d, PQ), expected, rtol=1e-9, atol=1e-10)
    onp.testing.assert_allclose(traced_value(lambda d: f(d, PQ), d), expected, rtol=1e-9,
                                atol=1e-10)
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(d, PQ)
    d2 = RNG.standard_normal((16, 2))
    check_grads(f, argnum=[0, 1], modes=MODES, order=1)(d2, PQ)


def test_float32_and_complex():
    y32 = RNG.standard_normal(8).astype(onp.float32)
    vjp, ans = make_vjp(lambda y: ai.CubicSpline(X, y)(XQ))(y32)
    onp.testing.assert_allclose(ans, si.CubicSpline(X, y32)(XQ), rtol=1e-6)
    assert vjp(onp.ones(5)).dtype == onp.float32
    vjp, _ = make_vjp(lambda y: ai.PchipInterpolator(X, y)(XQ))(y32)
    assert vjp(onp.ones(5)).dtype == onp.float32
    v = RNG.standard_normal((6, 7)) + 1j * RNG.standard_normal((6, 7))
    f = lambda v, q: ai.RegularGridInterpolator(GRID, v)(q)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, v, GRID_Q),
                                si.RegularGridInterpolator(GRID, v)(GRID_Q))
    check_grads(f, argnum=[0, 1], modes=MODES)(v, GRID_Q)


def test_coverage_lists_the_wrapped_classes():
    from autograd.plugins.report import coverage
    rows = {r["name"]: r for r in coverage("scipy.interpolate")["rows"]}
    for name in TESTED | {"CubicHermiteSpline", "make_interp_spline", "pchip_interpolate"}:
        assert rows[name]["status"] == "VJP+JVP", name
    assert "UnivariateSpline" not in rows      # a class no add-on wraps is not listed


@pytest.mark.parametrize("method, order", [("linear", 1), ("cubic", 2)])
def test_regular_grid_3d_and_tuple_points(method, order):
    grid = (onp.linspace(0, 1, 4), onp.linspace(0, 1, 5), onp.linspace(-1, 1, 4))
    v = RNG.standard_normal((4, 5, 4))
    q = RNG.uniform([0.05, 0.05, -0.95], [0.95, 0.95, 0.95], (2, 3, 3))
    kw = {"solver": spsolve} if method == "cubic" else {}
    f = lambda v, q: ai.RegularGridInterpolator(grid, v, method, **kw)(q)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, v, q),
                                si.RegularGridInterpolator(grid, v, method, **kw)(q), atol=1e-12)
    check_grads(f, argnum=[0, 1], modes=MODES, order=order)(v, q)
    # interpn with the points given as a tuple of (broadcast) arrays
    g = lambda v, a: ai.interpn(grid, v, (a, 0.3, 0.1), method=method)  # noqa: E731
    a = onp.array([0.2, 0.45, 0.7])
    onp.testing.assert_allclose(traced_value(g, v, a),
                                si.interpn(grid, v, (a, 0.3 + 0 * a, 0.1 + 0 * a), method=method),
                                atol=1e-4)     # SciPy's iterative spline solve (atol 1e-6)
    if method == "linear":
        check_grads(g, argnum=[0, 1], modes=MODES)(v, a)
