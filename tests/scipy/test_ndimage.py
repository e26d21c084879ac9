"""autograd.scipy.ndimage: linear filters (in the input and the weights), rank
filters (subgradient), spline interpolation (in the input and the coordinates),
for every boundary mode; traced values against SciPy's, VJP and JVP against
finite differences (to second order where the function is twice
differentiable), and the adjoint identity <A x, y> = <x, A^T y> of every mode."""

import numpy as onp
import pytest
import scipy.ndimage as ndi

import autograd.scipy.ndimage as andi
from autograd import grad, make_jvp, make_vjp
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
BOUNDARY = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant",
            "grid-wrap"]
RNG = onp.random.default_rng(0)


def randn(*shape):
    return RNG.standard_normal(shape)


def traced_value(f, *args):
    """``f(*args)`` computed on traced arguments (the composite path, not SciPy's)."""
    return make_vjp(f, argnum=list(range(len(args))) if len(args) > 1 else 0)(*args)[1]


# fmt: off
# (name, shape of input, extra positional arrays' shapes, keyword arguments, derivative order)
# the extra arrays (weights, coordinates) are differentiated too
ROWS = [
    ("correlate1d",      (7,),      [(3,)],   {"origin": 1},                        2),
    ("correlate1d",      (4, 5),    [(4,)],   {"axis": 0, "cval": 0.5},             2),
    ("convolve1d",       (6,),      [(4,)],   {"origin": -1},                       2),
    ("convolve1d",       (3, 4, 5), [(2,)],   {"axis": 1},                          2),
    ("correlate",        (5, 6),    [(3, 2)], {"origin": (-1, 0), "cval": 0.7},     2),
    ("correlate",        (4, 3, 5), [(2, 3)], {"axes": (0, 2)},                     2),
    ("convolve",         (5, 6),    [(2, 3)], {"origin": (0, 1)},                   2),
    ("convolve",         (9,),      [(5,)],   {},                                   2),
    ("gaussian_filter1d", (8,),     [],       {"sigma": 1.3},                       2),
    ("gaussian_filter1d", (5, 6),   [],       {"sigma": 0.9, "order": 1, "axis": 0}, 2),
    ("gaussian_filter",  (5, 6),    [],       {"sigma": (1.0, 0.6), "cval": 0.2},   2),
    ("gaussian_filter",  (3, 4, 5), [],       {"sigma": 0.8, "order": (0, 2, 1)},   2),
    ("uniform_filter1d", (7,),      [],       {"size": 4, "origin": 1},             2),
    ("uniform_filter",   (5, 6),    [],       {"size": (3, 2)},                     2),
    ("sobel",            (5, 6),    [],       {"axis": 0},                          2),
    ("sobel",            (3, 4, 5), [],       {},                                   2),
    ("prewitt",          (5, 6),    [],       {"axis": 1, "cval": 1.5},             2),
    ("laplace",          (5, 6),    [],       {},                                   2),
    ("laplace",          (7,),      [],       {"cval": -0.3},                       2),
    ("gaussian_laplace", (5, 6),    [],       {"sigma": 0.9},                       2),
    ("minimum_filter",   (5, 6),    [],       {"size": 3},                          2),
    ("maximum_filter",   (5, 6),    [],       {"size": (2, 3), "origin": (0, 1)},   2),
    ("maximum_filter",   (5, 6),    [],       {"footprint": [[1, 0, 1], [0, 1, 0]]}, 2),
    ("median_filter",    (5, 6),    [],       {"size": 3},                          2),
    ("median_filter",    (8,),      [],       {"size": 4},                          2),
    ("minimum_filter1d", (4, 5),    [],       {"size": 3, "axis": 0},               2),
    ("maximum_filter1d", (7,),      [],       {"size": 2},                          2),
    ("shift",            (5, 6),    [],       {"shift": (0.3, -1.2), "order": 3},   2),
    ("shift",            (8,),      [],       {"shift": 2.4, "order": 1},           1),
    ("zoom",             (4, 5),    [],       {"zoom": 1.6, "order": 3},            2),
    ("zoom",             (6,),      [],       {"zoom": 0.7, "order": 2, "grid_mode": True}, 2),
    ("rotate",           (5, 6),    [],       {"angle": 23.0, "order": 3},          2),
    ("rotate",           (3, 4, 5), [],       {"angle": -40.0, "axes": (0, 2), "reshape": False,
                                               "order": 1},                         1),
    ("affine_transform", (5, 6),    [],       {"matrix": [[1.1, 0.2], [-0.1, 0.9]],
                                               "offset": (0.3, -0.2), "order": 3},  2),
    ("affine_transform", (5, 6),    [],       {"matrix": [0.8, 1.2], "offset": 0.5,
                                               "output_shape": (4, 7), "order": 4}, 2),
    ("spline_filter",    (5, 6),    [],       {"order": 3},                         2),
    ("spline_filter1d",  (5, 6),    [],       {"order": 5, "axis": 0},              2),
]
# fmt: on

# map_coordinates: (input shape, coordinate shape, spline order)
MAP_ROWS = [((9,), (1, 6), o) for o in range(6)] + [((5, 6), (2, 7), o) for o in range(6)] \
    + [((3, 4, 5), (3, 2, 3), 3)]

SPLINE_MODES = {"spline_filter", "spline_filter1d"}    # whose mode is the prefilter's boundary
SPLINE_FILTER_MODES = ["mirror", "reflect", "grid-wrap", "wrap", "nearest", "constant"]

TESTED = {r[0] for r in ROWS} | {"map_coordinates"}


def _call(name, mode):
    fun, ref = getattr(andi, name), getattr(ndi, name)

    def with_mode(f):
        def call(x, *extra, **kw):
            return f(x, *extra, mode=mode, **kw)
        return call
    return with_mode(fun), with_mode(ref)


def _cases():
    for row in ROWS:
        modes = SPLINE_FILTER_MODES if row[0] in SPLINE_MODES else BOUNDARY
        for mode in modes:
            yield pytest.param(*row, mode, id=f"{row[0]}-{row[1]}-{row[3]}-{mode}")


@pytest.mark.filterwarnings("ignore:It is recommended to use mode")   # zoom, grid_mode=True
@pytest.mark.parametrize("name, shape, extra, kw, order, mode", list(_cases()))
def test_filters(name, shape, extra, kw, order, mode):
    fun, ref = _call(name, mode)
    x = randn(*shape)
    args = [randn(*s) for s in extra]
    expected = ref(x, *args, **kw)
    got = traced_value(lambda *a: fun(*a, **kw), x, *args)
    assert got.shape == expected.shape and got.dtype == expected.dtype
    onp.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)
    onp.testing.assert_array_equal(fun(x, *args, **kw), expected)     # untraced: SciPy's own
    check_grads(lambda *a: fun(*a, **kw), argnum=list(range(1 + len(args))), modes=MODES,
                order=order)(x, *args)


@pytest.mark.parametrize("shape, cshape, order", MAP_ROWS)
@pytest.mark.parametrize("mode", BOUNDARY)
def test_map_coordinates(shape, cshape, order, mode):
    x = randn(*shape)
    # coordinates inside, near and beyond the edges, away from the knots
    lo, hi = -2.3, max(shape) + 1.7
    c = RNG.uniform(lo, hi, cshape)
    c = onp.where(onp.abs(c - onp.round(c)) < 0.05, c + 0.1, c)
    if order == 0:
        c = onp.where(onp.abs(c - onp.round(c) - 0.5) < 0.05, c + 0.1, c)

    def f(x, c):
        return andi.map_coordinates(x, c, order=order, mode=mode, cval=0.4)
    expected = ndi.map_coordinates(x, c, order=order, mode=mode, cval=0.4)
    onp.testing.assert_allclose(traced_value(f, x, c), expected, rtol=1e-10, atol=1e-10)
    check_grads(f, argnum=[0, 1], modes=MODES, order=2 if order >= 2 else 1)(x, c)


@pytest.mark.parametrize("prefilter", [True, False])
def test_map_coordinates_float32_complex(prefilter):
    c = RNG.uniform(0, 4, (2, 5))
    x32 = randn(5, 5).astype(onp.float32)
    got = traced_value(lambda x: andi.map_coordinates(x, c, prefilter=prefilter), x32)
    assert got.dtype == onp.float32
    onp.testing.assert_allclose(got, ndi.map_coordinates(x32, c, prefilter=prefilter), rtol=1e-5)
    xc = randn(5, 5) + 1j * randn(5, 5)
    f = lambda x, c: andi.map_coordinates(x, c, order=3, mode="reflect", prefilter=prefilter)  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, xc, c),
                                ndi.map_coordinates(xc, c, mode="reflect", prefilter=prefilter))
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(xc, c)


@pytest.mark.parametrize("mode", BOUNDARY)
@pytest.mark.parametrize("name, kw", [
    ("correlate", {"weights": None, "origin": (1, 0)}),
    ("convolve", {"weights": None, "origin": (0, -1)}),
    ("correlate1d", {"weights": onp.array([0.5, -1.0, 2.0, 0.3]), "axis": 1, "origin": 1}),
    ("convolve1d", {"weights": onp.array([0.5, -1.0, 2.0]), "axis": 0}),
    ("gaussian_filter", {"sigma": 1.1}),
])
def test_adjoint_identity(mode, name, kw):
    """The VJP in the input is the transpose of the (linear, cval = 0) filter, every mode."""
    kw = dict(kw)
    if kw.get("weights", 0) is None:
        kw["weights"] = randn(3, 2)
    fun, ref = getattr(andi, name), getattr(ndi, name)
    x = randn(6, 5)
    y = randn(6, 5)
    vjp, _ = make_vjp(lambda x: fun(x, mode=mode, **kw))(x)
    lhs = onp.vdot(ref(x, mode=mode, **kw), y)
    onp.testing.assert_allclose(lhs, onp.vdot(x, vjp(y)), rtol=1e-12)
    # and forward mode gives A t
    t = randn(6, 5)
    onp.testing.assert_allclose(make_jvp(lambda x: fun(x, mode=mode, **kw))(x)(t)[1],
                                ref(t, mode=mode, **kw), rtol=1e-12, atol=1e-12)


def test_float32_and_complex_filters():
    x32 = randn(5, 6).astype(onp.float32)
    got = traced_value(lambda x: andi.gaussian_filter(x, 1.0), x32)
    assert got.dtype == onp.float32
    onp.testing.assert_allclose(got, ndi.gaussian_filter(x32, 1.0), rtol=1e-5)
    vjp, _ = make_vjp(lambda x: andi.sobel(x))(x32)
    assert vjp(onp.ones((5, 6), onp.float32)).dtype == onp.float32
    xc = randn(5, 6) + 1j * randn(5, 6)
    wc = randn(2, 3) + 1j * randn(2, 3)
    f = lambda x, w: andi.correlate(x, w, mode="wrap")  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, xc, wc), ndi.correlate(xc, wc, mode="wrap"))
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(xc, wc)
    g = lambda x, w: andi.convolve1d(x, w, mode="mirror", axis=0)  # noqa: E731
    onp.testing.assert_allclose(traced_value(g, xc, wc[0]),
                                ndi.convolve1d(xc, wc[0], mode="mirror", axis=0))
    check_grads(g, argnum=[0, 1], modes=MODES, order=2)(xc, wc[0])
    # real input, complex weights
    xr = randn(5, 6)
    onp.testing.assert_allclose(traced_value(f, xr, wc), ndi.correlate(xr, wc, mode="wrap"))
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(xr, wc)


def test_rank_filter_ties_split_evenly():
    x = onp.array([1.0, 3.0, 3.0, 0.0, 2.0])
    vjp, ans = make_vjp(lambda x: andi.maximum_filter(x, size=3, mode="constant"))(x)
    onp.testing.assert_array_equal(ans, ndi.maximum_filter(x, size=3, mode="constant"))
    # outputs 0..3 each pick the 3s (tied: half each), output 4 picks the 2
    onp.testing.assert_allclose(vjp(onp.ones(5)), [0.0, 2.0, 2.0, 0.0, 1.0])
    # outputs 0 and 4 select the padding's constant 9: their cotangent goes nowhere
    vjp, _ = make_vjp(lambda x: andi.maximum_filter(x, size=3, mode="constant", cval=9.0))(x)
    onp.testing.assert_allclose(vjp(onp.ones(5)), [0.0, 1.0, 2.0, 0.0, 0.0])


def test_traced_parameters():
    """Differentiable geometry: shift, angle, matrix and offset may be traced."""
    x = randn(6, 7)
    check_grads(lambda s: andi.shift(x, s, mode="nearest"), modes=MODES, order=2)(
        onp.array([0.3, -0.4]))
    check_grads(lambda a: andi.rotate(x, a, reshape=False, mode="reflect"), modes=MODES,
                order=2)(17.0)
    check_grads(lambda m, o: andi.affine_transform(x, m, o, mode="mirror"), argnum=[0, 1],
                modes=MODES, order=2)(onp.array([[1.0, 0.1], [0.05, 0.95]]),
                                      onp.array([0.2, -0.3]))
    # Python floats (traced as scalars, not arrays)
    assert grad(lambda s: andi.shift(x, s, mode="nearest").sum())(0.3) != 0
    assert grad(lambda a: andi.rotate(x, a, mode="nearest").sum())(10.0) != 0
    assert grad(lambda o: andi.affine_transform(x, onp.eye(2), o, mode="nearest").sum())(0.3) != 0
    onp.testing.assert_allclose(
        traced_value(lambda a: andi.rotate(x, a, mode="reflect"), 17.0),
        ndi.rotate(x, 17.0, mode="reflect"), atol=1e-12)


def test_errors():
    x = randn(5)
    with pytest.raises(NotImplementedError, match="sigma"):
        make_vjp(lambda s: andi.gaussian_filter(x, s))(1.0)
    with pytest.raises(TypeError, match="output="):
        make_vjp(lambda x: andi.sobel(x, output=onp.zeros(5)))(x)
    with pytest.raises(RuntimeError, match="mode"):
        make_vjp(lambda x: andi.correlate1d(x, [1.0, 2.0], mode="bogus"))(x)


def test_coverage():
    from autograd.plugins.report import coverage
    rows = {r["name"]: r for r in coverage("scipy.ndimage")["rows"]}
    for name in TESTED:
        assert rows[name]["status"] == "VJP+JVP", name
    assert rows["label"]["status"] == "non-differentiable"
