"""autograd.scipy.spatial: cdist/pdist for every differentiable metric, the distance
functions one by one (with weights), squareform both ways, directed_hausdorff, the
Minkowski helpers, and Rotation's conversions; values against SciPy's, derivatives in
both modes to second order, and the subgradient convention (0, never NaN) at
coincident points and zero vectors."""

import warnings

import numpy as onp
import pytest
import scipy.spatial as ssp
import scipy.spatial.distance as ssd
from scipy.spatial.transform import Rotation as SciPyRotation

import autograd.numpy as np
import autograd.scipy.spatial as asp
import autograd.scipy.spatial.distance as dist
from autograd import grad, hessian, make_jvp
from autograd.scipy.spatial.transform import Rotation
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
RNG = onp.random.default_rng(0)


def randn(*shape):
    return RNG.standard_normal(shape)


def positive(*shape):
    return RNG.random(shape) + 0.2


W3 = RNG.random(3) + 0.5
V3 = RNG.random(3) + 0.5
_A = randn(3, 3)
VI3 = _A @ _A.T + 3 * onp.eye(3)

# fmt: off
# (metric, keyword arguments, data: randn or positive, shape of XA, shape of XB)
METRIC_ROWS = [
    ("euclidean",     {},               randn,    (4, 3), (5, 3)),
    ("euclidean",     {"w": W3},        randn,    (3, 3), (2, 3)),
    ("sqeuclidean",   {},               randn,    (4, 3), (5, 3)),
    ("sqeuclidean",   {"w": W3},        randn,    (2, 3), (3, 3)),
    ("cityblock",     {},               randn,    (4, 3), (2, 3)),
    ("cityblock",     {"w": W3},        randn,    (3, 3), (3, 3)),
    ("chebyshev",     {},               randn,    (4, 3), (5, 3)),
    ("minkowski",     {"p": 3},         randn,    (4, 3), (5, 3)),
    ("minkowski",     {"p": 1.5, "w": W3}, randn, (3, 3), (2, 3)),
    ("minkowski",     {"p": 1},         randn,    (2, 3), (3, 3)),
    ("seuclidean",    {},               randn,    (4, 3), (5, 3)),
    ("seuclidean",    {"V": V3},        randn,    (3, 3), (2, 3)),
    ("mahalanobis",   {},               randn,    (5, 3), (4, 3)),
    ("mahalanobis",   {"VI": VI3},      randn,    (3, 3), (2, 3)),
    ("cosine",        {},               randn,    (4, 3), (5, 3)),
    ("cosine",        {"w": W3},        randn,    (3, 3), (2, 3)),
    ("correlation",   {},               randn,    (4, 3), (3, 3)),
    ("correlation",   {"w": W3},        randn,    (2, 3), (3, 3)),
    ("canberra",      {},               randn,    (4, 3), (5, 3)),
    ("braycurtis",    {},               positive, (4, 3), (3, 3)),
    ("braycurtis",    {"w": W3},        positive, (2, 3), (3, 3)),
    ("jensenshannon", {},               positive, (4, 3), (3, 3)),
    ("euclidean",     {},               randn,    (1, 1), (3, 1)),
    ("cityblock",     {},               randn,    (3, 4), (1, 4)),
]
# fmt: on

TESTED = {"spatial.distance.cdist", "spatial.distance.pdist"}


def _mid(row):
    return f"{row[0]}-{'-'.join(row[1])}-{row[3]}-{row[4]}"


def _differentiable_kwargs(kw):
    """The array parameters (w, V, VI) as extra arguments to differentiate."""
    names = [k for k in kw if k in ("w", "V", "VI")]
    return names, [kw[k] for k in names], {k: v for k, v in kw.items() if k not in names}


@pytest.mark.parametrize("row", METRIC_ROWS, ids=[_mid(r) for r in METRIC_ROWS])
def test_cdist(row):
    metric, kw, data, sa, sb = row
    XA, XB = data(*sa), data(*sb)
    onp.testing.assert_array_equal(dist.cdist(XA, XB, metric, **kw), ssd.cdist(XA, XB, metric, **kw))
    names, arrays, fixed = _differentiable_kwargs(kw)

    def f(XA, XB, *arrays):
        return dist.cdist(XA, XB, metric, **fixed, **dict(zip(names, arrays)))
    onp.testing.assert_allclose(f(XA, XB, *arrays), ssd.cdist(XA, XB, metric, **kw), rtol=1e-12)
    check_grads(f, argnum=list(range(2 + len(arrays))), modes=MODES, order=2)(XA, XB, *arrays)


@pytest.mark.parametrize("row", METRIC_ROWS, ids=[_mid(r) for r in METRIC_ROWS])
def test_pdist(row):
    metric, kw, data, sa, _ = row
    X = data(max(sa[0], 2) + (metric == "mahalanobis") * 2, sa[1])
    names, arrays, fixed = _differentiable_kwargs(kw)

    def f(X, *arrays):
        return dist.pdist(X, metric, **fixed, **dict(zip(names, arrays)))
    onp.testing.assert_allclose(f(X, *arrays), ssd.pdist(X, metric, **kw), rtol=1e-12)
    check_grads(f, argnum=list(range(1 + len(arrays))), modes=MODES, order=2)(X, *arrays)


def test_cdist_float32_and_aliases():
    XA, XB = randn(3, 2).astype("float32"), randn(2, 2).astype("float32")
    check_grads(lambda a: dist.cdist(a, XB, "euclid"), modes=MODES, order=2)(XA)
    assert dist.cdist(XA, XB, "sqe").dtype == ssd.cdist(XA, XB, "sqe").dtype
    check_grads(lambda a: dist.pdist(a, "cos"), modes=MODES)(XA)


# ----------------------------------------------------------------- the functions one by one

U, V = randn(4), randn(4)
P, Q = positive(4), positive(4)
W4 = RNG.random(4) + 0.5
B = randn(4, 4)
VI4 = B @ B.T + 4 * onp.eye(4)

# fmt: off
# (name, positional arguments, argnums to differentiate, keyword arguments)
FUNCTION_ROWS = [
    ("euclidean",     (U, V),             [0, 1],    {}),
    ("euclidean",     (U, V, W4),         [0, 1, 2], {}),
    ("sqeuclidean",   (U, V, W4),         [0, 1, 2], {}),
    ("cityblock",     (U, V),             [0, 1],    {}),
    ("cityblock",     (U, V, W4),         [0, 1, 2], {}),
    ("chebyshev",     (U, V),             [0, 1],    {}),
    ("chebyshev",     (U, V, W4),         [0, 1],    {}),
    ("minkowski",     (U, V, 3),          [0, 1],    {}),
    ("minkowski",     (U, V, 2.5, W4),    [0, 1, 3], {}),
    ("minkowski",     (U, V, 0.7),        [0, 1],    {}),
    ("seuclidean",    (U, V, W4),         [0, 1, 2], {}),
    ("mahalanobis",   (U, V, VI4),        [0, 1, 2], {}),
    ("cosine",        (U, V),             [0, 1],    {}),
    ("cosine",        (U, V, W4),         [0, 1, 2], {}),
    ("correlation",   (U, V),             [0, 1],    {}),
    ("correlation",   (U, V, W4),         [0, 1, 2], {}),
    ("correlation",   (U, V, None, False), [0, 1],   {}),
    ("canberra",      (U, V, W4),         [0, 1, 2], {}),
    ("braycurtis",    (P, Q),             [0, 1],    {}),
    ("braycurtis",    (P, Q, W4),         [0, 1, 2], {}),
    ("jensenshannon", (P, Q),             [0, 1],    {}),
    ("jensenshannon", (P, Q, 2.0),        [0, 1],    {}),
    ("jensenshannon", (positive(3, 4), positive(3, 4)), [0, 1], {"axis": 1, "keepdims": True}),
]
# fmt: on

TESTED |= {f"spatial.distance.{r[0]}" for r in FUNCTION_ROWS}


@pytest.mark.parametrize("name, args, argnum, kw", FUNCTION_ROWS,
                         ids=[f"{r[0]}-{len(r[1])}-{i}" for i, r in enumerate(FUNCTION_ROWS)])
def test_distance_function(name, args, argnum, kw):
    ours, theirs = getattr(dist, name), getattr(ssd, name)
    onp.testing.assert_array_equal(ours(*args, **kw), theirs(*args, **kw))
    check_grads(lambda *a: ours(*a, **kw), argnum=argnum, modes=MODES, order=2)(*args)


def test_weights_by_keyword_are_differentiated():
    g = grad(lambda w: dist.euclidean(U, V, w=w))(W4)
    onp.testing.assert_allclose(g, (U - V) ** 2 / (2 * ssd.euclidean(U, V, W4)))
    g = grad(lambda V_: dist.cdist(U[None], V[None], "seuclidean", V=V_)[0, 0])(W4)
    onp.testing.assert_allclose(g, -((U - V) ** 2) / W4 ** 2 / (2 * ssd.seuclidean(U, V, W4)))


# ----------------------------------------------------------------- subgradients: 0, never NaN

Z = onp.zeros(3)
ONE = onp.ones(3)

# fmt: off
# (name, fun(x, y) of the two points, point x, point y, SciPy's value)
COINCIDENT_ROWS = [
    ("euclidean",     dist.euclidean,                             ONE, ONE, 0.0),
    ("euclidean-0",   dist.euclidean,                             Z,   Z,   0.0),
    ("minkowski3",    lambda x, y: dist.minkowski(x, y, 3),       ONE, ONE, 0.0),
    ("minkowski0.5",  lambda x, y: dist.minkowski(x, y, 0.5),     Z,   Z,   0.0),
    ("seuclidean",    lambda x, y: dist.seuclidean(x, y, ONE),    ONE, ONE, 0.0),
    ("mahalanobis",   lambda x, y: dist.mahalanobis(x, y, VI3),   ONE, ONE, 0.0),
    ("cityblock",     dist.cityblock,                             ONE, ONE, 0.0),
    ("chebyshev",     dist.chebyshev,                             ONE, ONE, 0.0),
    ("canberra",      dist.canberra,                              Z,   Z,   0.0),
    ("jensenshannon", dist.jensenshannon,                         ONE, ONE, 0.0),
    ("cosine",        dist.cosine,                                ONE, ONE, 0.0),
    ("cosine-0",      dist.cosine,                                Z,   ONE, onp.nan),
    ("correlation-c", dist.correlation,                           ONE, U[:3], onp.nan),
    ("correlation-0", dist.correlation,                           Z,   Z,   onp.nan),
    ("braycurtis-0",  dist.braycurtis,                            Z,   Z,   onp.nan),
    ("jensenshannon-0", dist.jensenshannon,                       Z,   ONE, onp.nan),
    ("cdist",         lambda x, y: dist.cdist(x[None], y[None])[0, 0], ONE, ONE, 0.0),
    ("pdist",         lambda x, y: dist.pdist(np.stack([x, y]), "minkowski", p=3)[0], Z, Z, 0.0),
    ("cdist-cosine",  lambda x, y: dist.cdist(x[None], y[None], "cosine")[0, 0], Z, ONE, onp.nan),
]
# fmt: on


@pytest.mark.parametrize("name, fun, x, y, value", COINCIDENT_ROWS,
                         ids=[r[0] for r in COINCIDENT_ROWS])
def test_subgradient_at_coincident_points_is_zero(name, fun, x, y, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        onp.testing.assert_allclose(fun(x, y), value, atol=1e-15)
        for argnum in (0, 1):
            g = grad(fun, argnum)(x, y)
            assert onp.all(g == 0), (name, g)
            t = make_jvp(fun, argnum)(x, y)(onp.arange(1.0, 4.0))[1]
            assert t == 0, (name, t)


@pytest.mark.parametrize("metric", ["euclidean", "minkowski", "seuclidean", "mahalanobis",
                                    "cosine", "correlation", "canberra", "jensenshannon",
                                    "braycurtis", "chebyshev", "cityblock", "sqeuclidean"])
def test_a_cloud_against_itself_has_finite_derivatives(metric):
    """cdist(X, X) has coincident points on its diagonal, pdist(X) a duplicated row:
    gradients and Hessians stay finite (the kernels of kernel methods)."""
    X = randn(7, 2)
    X[2] = X[0]
    if metric in ("jensenshannon", "braycurtis"):
        X = onp.abs(X) + 0.1
    g = grad(lambda X: np.sum(dist.cdist(X, X, metric)))(X)
    h = hessian(lambda X: np.sum(dist.pdist(X, metric)))(X)
    assert onp.all(onp.isfinite(g)) and onp.all(onp.isfinite(h))


def test_cosine_of_parallel_vectors_has_zero_gradient():
    g = grad(dist.cosine)(2 * U, U)
    onp.testing.assert_allclose(g, 0, atol=1e-8)


# ----------------------------------------------------------------- non-differentiable metrics

BOOLEAN = ["dice", "hamming", "jaccard", "rogerstanimoto", "russellrao", "sokalsneath", "yule"]


@pytest.mark.parametrize("metric", BOOLEAN)
def test_boolean_metrics_are_constants(metric):
    X = (randn(4, 3) > 0).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")       # "the gradient is zero", and SciPy's bool casts
        g = grad(lambda X: np.sum(dist.pdist(X, metric)))(X)
        g2 = grad(lambda X: np.sum(dist.cdist(X, X[:2], metric)))(X)
        g3 = grad(lambda u: getattr(dist, metric)(u, X[1]))(X[0])
    assert onp.all(g == 0) and onp.all(g2 == 0) and onp.all(g3 == 0)
    onp.testing.assert_array_equal(dist.pdist(X, metric), ssd.pdist(X, metric))


TESTED |= {f"spatial.distance.{m}" for m in BOOLEAN}


# ----------------------------------------------------------------- squareform, hausdorff, helpers

def traced_value(fun, *args):
    """``fun(*args)`` computed on traced arguments (the composites' own formulas;
    untraced calls are SciPy's)."""
    return make_jvp(lambda a: fun(*a))(tuple(args))(tuple(onp.zeros_like(a) for a in args))[0]


def test_squareform_both_ways():
    y = randn(6)
    onp.testing.assert_array_equal(traced_value(dist.squareform, y), ssd.squareform(y))
    check_grads(dist.squareform, modes=MODES, order=2)(y)
    M = ssd.squareform(positive(10))
    onp.testing.assert_array_equal(traced_value(dist.squareform, M), ssd.squareform(M))
    # SciPy reads the upper triangle: so does the gradient
    check_grads(lambda M: dist.squareform(M, checks=False), modes=MODES, order=2)(M + randn(5, 5))
    g = grad(lambda M: np.sum(dist.squareform(M) * onp.arange(10.0)))(M)
    onp.testing.assert_array_equal(g[onp.triu_indices(5, 1)], onp.arange(10.0))
    assert onp.all(onp.tril(g) == 0)
    check_grads(lambda y: dist.squareform(y, force="tomatrix"), modes=MODES)(randn(1))
    onp.testing.assert_array_equal(dist.squareform(onp.zeros(0)), ssd.squareform(onp.zeros(0)))


def test_squareform_of_pdist_round_trip():
    X = randn(4, 2)
    f = lambda X: dist.squareform(dist.pdist(X))  # noqa: E731
    onp.testing.assert_allclose(f(X), ssd.squareform(ssd.pdist(X)))
    check_grads(f, modes=MODES, order=2)(X)


def test_directed_hausdorff():
    A, Bp = randn(5, 2), randn(4, 2)
    d, i, j = ssd.directed_hausdorff(A, Bp)
    assert traced_value(lambda A, Bp: dist.directed_hausdorff(A, Bp)[0], A, Bp) == d
    check_grads(lambda A, Bp: dist.directed_hausdorff(A, Bp)[0], argnum=[0, 1], modes=MODES,
                order=2)(A, Bp)


def test_callable_metric():
    XA, XB = randn(3, 2), randn(2, 2)
    f = lambda u, v: np.sum((u - v) ** 4)  # noqa: E731
    onp.testing.assert_allclose(dist.cdist(XA, XB, f), ssd.cdist(XA, XB, f))
    check_grads(lambda a: dist.cdist(a, XB, f), modes=MODES, order=2)(XA)
    onp.testing.assert_allclose(dist.pdist(XA, f), ssd.pdist(XA, f))
    check_grads(lambda a: dist.pdist(a, f), modes=MODES, order=2)(XA)


def test_errors_are_scipys_or_clear():
    X = randn(3, 2)
    with pytest.raises(ValueError):
        grad(lambda X: np.sum(dist.cdist(X, X, "no-such-metric")))(X)
    with pytest.raises(TypeError, match="out="):
        grad(lambda X: np.sum(dist.pdist(X, out=onp.empty(3))))(X)


@pytest.mark.parametrize("fun, args", [
    ("distance_matrix", (randn(3, 2), randn(4, 2))),
    ("distance_matrix", (randn(3, 2), randn(4, 2), 1.5)),
    ("minkowski_distance", (randn(3, 2), randn(3, 2), 3.0)),
    ("minkowski_distance", (randn(3, 2), randn(2), 2.0)),
    ("minkowski_distance_p", (randn(3, 2), randn(3, 2), 2.5)),
    ("minkowski_distance_p", (randn(3, 2), randn(3, 2), onp.inf)),
])
def test_minkowski_helpers(fun, args):
    f = lambda x, y: getattr(asp, fun)(x, y, *args[2:])  # noqa: E731
    onp.testing.assert_allclose(traced_value(f, *args[:2]), getattr(ssp, fun)(*args), rtol=1e-12)
    check_grads(f, argnum=[0, 1], modes=MODES, order=2)(*args[:2])


def test_procrustes():
    A, Bp = randn(6, 3), randn(6, 3)
    for k in range(3):
        f = lambda A, Bp, k=k: asp.procrustes(A, Bp)[k]  # noqa: E731
        onp.testing.assert_allclose(traced_value(f, A, Bp), ssp.procrustes(A, Bp)[k],
                                    rtol=1e-10, atol=1e-12)
        check_grads(f, argnum=[0, 1], modes=MODES, order=2)(A, Bp)


def test_geometric_slerp_in_t():
    a, b = onp.array([1.0, 0.0, 0.0]), onp.array([0.0, 0.6, 0.8])
    for t in (onp.linspace(0, 1, 5), 0.3):
        f = lambda t: asp.geometric_slerp(a, b, t)  # noqa: E731
        onp.testing.assert_allclose(traced_value(f, t), ssp.geometric_slerp(a, b, t), atol=1e-15)
        check_grads(f, modes=MODES, order=2)(t)
    # along the sphere, start and end too: rotate them by a traced angle
    def g(theta):
        c, s = np.cos(theta), np.sin(theta)
        return asp.geometric_slerp(np.stack([c, s, 0.0 * c]), b, 0.4)
    check_grads(g, modes=MODES, order=2)(0.2)
    with pytest.warns(UserWarning, match="independent"):
        assert grad(lambda t: np.sum(asp.geometric_slerp(a, a, t)))(0.3) == 0.0


TESTED |= {"spatial.distance.squareform", "spatial.distance.directed_hausdorff",
           "spatial.distance_matrix", "spatial.minkowski_distance", "spatial.minkowski_distance_p",
           "spatial.procrustes", "spatial.geometric_slerp"}


def test_coverage_shows_the_distances():
    from autograd.plugins.report import coverage
    rows = {r["name"]: r for r in coverage("scipy.spatial.distance")["rows"]}
    for name in ["cdist", "pdist", "squareform", "directed_hausdorff", "euclidean",
                 "sqeuclidean", "cityblock", "chebyshev", "minkowski", "seuclidean",
                 "mahalanobis", "cosine", "correlation", "canberra", "braycurtis",
                 "jensenshannon"]:
        assert rows[name]["vjp"] and rows[name]["jvp"], name
    for name in BOOLEAN + ["is_valid_dm", "is_valid_y", "num_obs_dm", "num_obs_y"]:
        assert rows[name]["nondiff"], name
    rows = {r["name"]: r for r in coverage("scipy.spatial.transform")["rows"]}
    assert rows["Rotation"]["composite"] and rows["Slerp"]["composite"]


# ----------------------------------------------------------------- Rotation

QUATS = randn(5, 4)
ROTVECS = randn(5, 3)
VECS = randn(5, 3)
MATS = SciPyRotation.from_quat(QUATS).as_matrix()


def _close(a, b, tol=1e-12):
    onp.testing.assert_allclose(a, b, rtol=tol, atol=tol)


# fmt: off
# (conversion, our fun(*args), SciPy's fun(*args), arguments, argnums)
ROTATION_ROWS = [
    ("from_quat-as_matrix", lambda R, q: R.from_quat(q).as_matrix(),              (QUATS,),      [0]),
    ("from_quat-as_matrix-single", lambda R, q: R.from_quat(q).as_matrix(),       (QUATS[0],),   [0]),
    ("from_quat-scalar_first", lambda R, q: R.from_quat(q, scalar_first=True).as_quat(), (QUATS,), [0]),
    ("as_quat-canonical", lambda R, q: R.from_quat(q).as_quat(canonical=True, scalar_first=True),
                                                                                   (QUATS,),      [0]),
    ("from_rotvec-as_quat", lambda R, v: R.from_rotvec(v).as_quat(),              (ROTVECS,),    [0]),
    ("from_rotvec-small", lambda R, v: R.from_rotvec(v).as_quat(),                (1e-4 * ROTVECS,), [0]),
    ("from_rotvec-zero", lambda R, v: R.from_rotvec(v).as_matrix(),               (onp.zeros(3),), [0]),
    ("from_rotvec-degrees", lambda R, v: R.from_rotvec(v, degrees=True).as_quat(), (40 * ROTVECS,), [0]),
    ("as_rotvec",          lambda R, q: R.from_quat(q).as_rotvec(),               (QUATS,),      [0]),
    ("as_rotvec-degrees",  lambda R, q: R.from_quat(q[0]).as_rotvec(degrees=True), (QUATS,),     [0]),
    ("as_rotvec-small",    lambda R, v: R.from_rotvec(v).as_rotvec(),             (1e-4 * ROTVECS,), [0]),
    ("apply",              lambda R, v, x: R.from_rotvec(v).apply(x),             (ROTVECS, VECS), [0, 1]),
    ("apply-single",       lambda R, v, x: R.from_rotvec(v[0]).apply(x),          (ROTVECS, VECS), [0, 1]),
    ("apply-inverse",      lambda R, q, x: R.from_quat(q).apply(x[0], inverse=True), (QUATS, VECS), [0, 1]),
    ("from_matrix",        lambda R, m: R.from_matrix(m).as_quat(),               (MATS,),       [0]),
    ("from_matrix-single", lambda R, m: R.from_matrix(m[0]).as_quat(),            (MATS,),       [0]),
    ("from_matrix-noisy",  lambda R, m: R.from_matrix(m + 0.05 * VECS[:, :, None]).as_quat(),
                                                                                   (MATS,),       [0]),
    ("inv-mul",            lambda R, p, q: (R.from_quat(p) * R.from_quat(q).inv()).as_quat(),
                                                                                   (QUATS, QUATS[::-1]), [0, 1]),
    ("magnitude",          lambda R, q: R.from_quat(q).magnitude(),               (QUATS,),      [0]),
    ("pow",                lambda R, q: (R.from_quat(q) ** 0.3).as_quat(),        (QUATS,),      [0]),
    ("from_mrp-as_mrp",    lambda R, p: R.from_mrp(p).as_mrp(),                   (0.3 * ROTVECS,), [0]),
    ("as_mrp",             lambda R, q: R.from_quat(q).as_mrp(),                  (QUATS,),      [0]),
    ("from_euler-xyz",     lambda R, a: R.from_euler("xyz", a).as_quat(),         (ROTVECS,),    [0]),
    ("from_euler-ZYZ",     lambda R, a: R.from_euler("ZYZ", a[0], degrees=True).as_matrix(),
                                                                                   (30 * ROTVECS,), [0]),
    ("from_euler-z",       lambda R, a: R.from_euler("z", a[:, :1]).as_quat(),    (ROTVECS,),    [0]),
    ("from_euler-Xy",      lambda R, a: R.from_euler("XY", a[0, :2]).as_quat(),   (ROTVECS,),    [0]),
    ("as_euler-xyz",       lambda R, q: R.from_quat(q).as_euler("xyz"),           (QUATS,),      [0]),
    ("as_euler-ZXZ",       lambda R, q: R.from_quat(q).as_euler("ZXZ"),           (QUATS,),      [0]),
    ("as_euler-YXZ-deg",   lambda R, q: R.from_quat(q[1]).as_euler("YXZ", degrees=True), (QUATS,), [0]),
    ("as_euler-zyx",       lambda R, q: R.from_quat(q).as_euler("zyx"),           (QUATS,),      [0]),
]
# fmt: on

TESTED |= {"spatial.transform.Rotation." + r[0].split("-")[0] for r in ROTATION_ROWS}
TESTED.add("spatial.transform.Rotation.align_vectors")


@pytest.mark.parametrize("name, fun, args, argnum", ROTATION_ROWS,
                         ids=[r[0] for r in ROTATION_ROWS])
def test_rotation(name, fun, args, argnum):
    _close(fun(Rotation, *args), fun(SciPyRotation, *args), 1e-10)
    check_grads(lambda *a: fun(Rotation, *a), argnum=argnum, modes=MODES, order=2)(*args)


def test_rotation_structure_and_round_trips():
    r = Rotation.from_quat(QUATS)
    assert len(r) == 5 and not r.single and Rotation.from_quat(QUATS[0]).single
    _close(r[1:3].as_quat(), SciPyRotation.from_quat(QUATS)[1:3].as_quat())
    _close(r.to_scipy().as_quat(), SciPyRotation.from_quat(QUATS).as_quat())
    _close(Rotation.from_scipy(SciPyRotation.from_rotvec(ROTVECS)).as_rotvec(),
           SciPyRotation.from_rotvec(ROTVECS).as_rotvec())
    _close(Rotation.identity(3).as_matrix(), onp.broadcast_to(onp.eye(3), (3, 3, 3)))
    _close(Rotation.concatenate([r[0:2], r[2:]]).as_quat(), r.as_quat())
    _close((r ** 0.5 * r ** 0.5).as_matrix(), r.as_matrix())
    assert onp.all((r ** 0.5 * r ** 0.5).approx_equal(r))
    with pytest.raises(ValueError):
        Rotation.from_quat(onp.zeros(4))
    with pytest.raises(ValueError):
        Rotation.from_matrix(-onp.eye(3))
    with pytest.raises(ValueError):
        Rotation.from_euler("xxy", [0.1, 0.2, 0.3])


def test_gimbal_lock_matches_scipy():
    angles = onp.array([0.3, 0.0, 0.2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for seq in ("zxz", "ZYZ", "xyx"):
            _close(Rotation.from_euler(seq, angles).as_euler(seq),
                   SciPyRotation.from_euler(seq, angles).as_euler(seq), 1e-9)
    with pytest.warns(UserWarning, match="Gimbal lock"):
        Rotation.from_euler("zxz", angles).as_euler("zxz")


def test_identity_derivatives_are_exact():
    # d/dv of R(v) x at v = 0 is -[x]_x (the cross-product matrix), and magnitude
    # at the identity has the subgradient 0
    x = onp.array([1.0, 2.0, 3.0])
    jac = onp.stack([grad(lambda v, i=i: Rotation.from_rotvec(v).apply(x)[i])(onp.zeros(3))
                     for i in range(3)])
    _close(jac, -onp.array([[0, -3, 2], [3, 0, -1], [-2, 1, 0.0]]))
    assert onp.all(grad(lambda v: Rotation.from_rotvec(v).magnitude())(onp.zeros(3)) == 0)
    _close(grad(lambda q: np.sum(Rotation.from_quat(q).as_rotvec()))(onp.array([0, 0, 0, 1.0])),
           [2.0, 2.0, 2.0, 0.0])


ALIGN_B = randn(6, 3)
ALIGN_A = SciPyRotation.from_rotvec([0.3, 0.2, -0.4]).apply(ALIGN_B) + 0.05 * randn(6, 3)
ALIGN_W = RNG.random(6) + 0.5


@pytest.mark.parametrize("a, weights", [(ALIGN_A, ALIGN_W), (ALIGN_A, None), (-ALIGN_A, None)],
                         ids=["weighted", "unweighted", "reflection"])
def test_align_vectors(a, weights):
    theirs = SciPyRotation.align_vectors(a, ALIGN_B, weights, return_sensitivity=True)
    args = (a, ALIGN_B) if weights is None else (a, ALIGN_B, weights)

    def fun(k):
        def f(*args):
            out = Rotation.align_vectors(*args[:2], *args[2:], return_sensitivity=True)[k]
            return out.as_rotvec() if k == 0 else out
        return f
    _close(traced_value(fun(0), *args), theirs[0].as_rotvec(), 1e-12)
    _close(traced_value(fun(1), *args), theirs[1], 1e-12)
    _close(traced_value(fun(2), *args), theirs[2], 1e-12)
    for k in range(3):
        check_grads(fun(k), argnum=list(range(len(args))), modes=MODES, order=2)(*args)
    with pytest.raises(NotImplementedError, match="one vector pair"):
        grad(lambda a: Rotation.align_vectors(a, ALIGN_B[0])[1])(ALIGN_A[0])


@pytest.mark.parametrize("shape, weights, axis", [((5, 4), None, None),
                                                  ((5, 4), RNG.random(5) + 0.2, None),
                                                  ((2, 3, 4), None, 1)])
def test_mean(shape, weights, axis):
    q = randn(*shape)
    args = (q,) if weights is None else (q, weights)

    def f(q, *w):
        return Rotation.from_quat(q).mean(*w, axis=axis).as_matrix()
    theirs = SciPyRotation.from_quat(q).mean(weights, axis).as_matrix()
    _close(traced_value(f, *args), theirs, 1e-12)
    check_grads(f, argnum=list(range(len(args))), modes=MODES, order=2)(*args)


TESTED.add("spatial.transform.Rotation.mean")


def test_slerp():
    from scipy.spatial.transform import Slerp as SciPySlerp

    from autograd.scipy.spatial.transform import Slerp
    q, keys = randn(4, 4), onp.array([0.0, 1.0, 2.5, 3.0])
    for t in (onp.array([0.0, 0.3, 1.0, 2.7, 3.0]), 1.7):
        theirs = SciPySlerp(keys, SciPyRotation.from_quat(q))(t).as_matrix()
        f = lambda q, keys, t: Slerp(keys, Rotation.from_quat(q))(t).as_matrix()  # noqa: E731
        _close(traced_value(f, q, keys, t), theirs, 1e-12)
    check_grads(f, argnum=[0, 1, 2], modes=MODES, order=2)(q, keys, onp.array([0.2, 1.3, 2.9]))
    check_grads(lambda t: Slerp(keys, SciPyRotation.from_quat(q))(t).as_rotvec(), modes=MODES,
                order=2)(1.7)
    with pytest.raises(ValueError, match="within the range"):
        Slerp(keys, Rotation.from_quat(q))(3.5)


TESTED.add("spatial.transform.Slerp")


def test_fit_a_rotation_by_gradient_descent():
    """The example's task, small: recover a rotation vector from rotated points."""
    X = randn(20, 3)
    true = onp.array([0.3, -0.5, 0.8])
    Y = SciPyRotation.from_rotvec(true).apply(X)

    def loss(v):
        return np.sum(dist.cdist(Rotation.from_rotvec(v).apply(X), Y, "sqeuclidean")
                      * onp.eye(20))
    v = onp.zeros(3)
    for _ in range(200):
        v = v - 0.01 * grad(loss)(v)
    _close(v, true, 1e-6)
