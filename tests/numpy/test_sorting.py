"""Sorting and order statistics: both modes, order 2, with axis/keepdims variants.

Inputs have well separated values (no ties): sorting is differentiable only
away from ties, and the finite differences of ``check_grads`` must not
reorder the data.
"""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
NAN = onp.nan


def distinct(shape, dtype="float64", seed=0):
    """Values at least 0.25 apart, in random order (complex: distinct real parts)."""
    rng = onp.random.default_rng(seed)
    n = int(onp.prod(shape))
    x = (rng.permutation(n) - n / 2) * 0.3 + 0.05 * rng.random(n)
    if onp.dtype(dtype).kind == "c":
        x = x + 0.5j * rng.standard_normal(n)
    return x.reshape(shape).astype(dtype)


# a fixed NaN pattern for the nan-variants (one per row, and a row without)
NANS = onp.array([[0.0, NAN, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [NAN, 0.0, 0.0, NAN]])

METHODS = ["linear", "lower", "higher", "nearest", "midpoint", "inverted_cdf",
           "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "median_unbiased", "normal_unbiased"]
CONTINUOUS = ["linear", "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
              "normal_unbiased"]
AXES = [dict(), dict(axis=0), dict(axis=1), dict(axis=-1, keepdims=True),
        dict(axis=(0, 1)), dict(axis=None, keepdims=True)]

# fmt: off
# (id, autograd.numpy name, function of x, shape, dtypes)
F64, F32, C128 = "float64", "float32", "complex128"
CASES = [
    ("sort",              "sort",        np.sort,                                   (5,),   (F64, F32, C128)),
    ("sort-matrix",       "sort",        np.sort,                                   (3, 4), (F64, C128)),
    ("sort-axis0",        "sort",        lambda x: np.sort(x, axis=0),              (3, 4), (F64, F32)),
    ("sort-None",         "sort",        lambda x: np.sort(x, axis=None),           (3, 4), (F64,)),
    ("sort-stable",       "sort",        lambda x: np.sort(x, kind="stable")[..., ::-1], (3, 4), (F64,)),
    ("partition",         "partition",   lambda x: np.partition(x, 2),              (5,),   (F64, F32, C128)),
    ("partition-axis0",   "partition",   lambda x: np.partition(x, 1, axis=0),      (4, 3), (F64,)),
    ("partition-kths",    "partition",   lambda x: np.partition(x, (0, 2), axis=-1), (3, 4), (F64,)),
    ("partition-None",    "partition",   lambda x: np.partition(x, 5, axis=None),   (3, 4), (F64,)),
    ("sort_complex",      "sort_complex", np.sort_complex,                          (5,),   (F64, C128)),
    ("sort_complex-matrix", "sort_complex", np.sort_complex,                        (3, 4), (F64,)),
    ("median-odd",        "median",      np.median,                                 (5,),   (F64, F32, C128)),
    ("median-even",       "median",      np.median,                                 (6,),   (F64, F32)),
    ("percentile",        "percentile",  lambda x: np.percentile(x, 35.0),          (5,),   (F64, F32)),
    ("percentile-qs",     "percentile",  lambda x: np.percentile(x, [10, 55, 90], axis=1), (3, 4), (F64,)),
    ("quantile",          "quantile",    lambda x: np.quantile(x, 0.4),             (5,),   (F64, F32)),
    ("quantile-q-matrix", "quantile",    lambda x: np.quantile(x, [[0.1, 0.5], [0.65, 1.0]], axis=0), (3, 4), (F64,)),
    ("nanmedian",         "nanmedian",   lambda x: np.nanmedian(x + NANS, axis=1),  (3, 4), (F64, F32)),
    ("nanmedian-all",     "nanmedian",   lambda x: np.nanmedian(x + NANS),          (3, 4), (F64,)),
    ("nanpercentile",     "nanpercentile", lambda x: np.nanpercentile(x + NANS, [20, 70], axis=1), (3, 4), (F64,)),
    ("nanquantile",       "nanquantile", lambda x: np.nanquantile(x + NANS, 0.6, axis=-1, keepdims=True), (3, 4), (F64, F32)),
    ("nanquantile-axis0", "nanquantile", lambda x: np.nanquantile(x + NANS, 0.3, axis=0), (3, 4), (F64,)),
    ("nanquantile-plain", "nanquantile", lambda x: np.nanquantile(x, 0.3, axis=1),  (3, 4), (F64,)),
]
# fmt: on
if hasattr(onp, "msort"):   # NumPy 1.x only
    CASES.append(("msort", "msort", np.msort, (4, 3), (F64,)))

TESTED = {f"autograd.numpy.{name}" for _, name, _, _, _ in CASES}


def _cases():
    for id_, _, f, shape, dtypes in CASES:
        for dtype in dtypes:
            yield pytest.param(f, shape, dtype, id=f"{id_}-{dtype}")


@pytest.mark.filterwarnings("ignore:.*msort.*:DeprecationWarning")
@pytest.mark.parametrize("f, shape, dtype", list(_cases()))
def test_sorting(f, shape, dtype):
    check_grads(f, modes=MODES, order=2)(distinct(shape, dtype))


# ----------------------------------------------------------------- axis/keepdims variants

def _axis_cases():
    for name in ["median", "nanmedian"]:
        for ax in AXES:
            yield pytest.param(name, (), ax, id=f"{name}-{ax}")
    for name, q in [("quantile", 0.3), ("percentile", [25.0, 80.0]), ("nanquantile", [0.7]),
                    ("nanpercentile", 60.0)]:
        for ax in AXES:
            yield pytest.param(name, (q,), ax, id=f"{name}-{q}-{ax}")


@pytest.mark.parametrize("name, q, kwargs", list(_axis_cases()))
def test_order_statistic_axes(name, q, kwargs):
    f = getattr(np, name)
    x = distinct((3, 4), seed=2)
    if name.startswith("nan"):
        x = x + NANS
    out = f(x, *q, **kwargs)
    assert onp.shape(out) == onp.shape(getattr(onp, name)(x, *q, **kwargs))
    check_grads(lambda x: f(x, *q, **kwargs), modes=MODES, order=2)(x)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", ["quantile", "nanquantile", "percentile", "nanpercentile"])
def test_quantile_methods(name, method):
    scale = 100.0 if "percentile" in name else 1.0
    q = onp.array([0.13, 0.48, 0.62, 0.91]) * scale
    f = getattr(np, name)
    x = distinct((3, 5), seed=3)
    if name.startswith("nan"):
        x[0, 1] = x[2, 4] = NAN
    check_grads(lambda x: f(x, q, axis=1, method=method), modes=MODES, order=2)(x)


@pytest.mark.parametrize("method", CONTINUOUS)
@pytest.mark.parametrize("name", ["quantile", "percentile", "nanquantile"])
def test_quantile_differentiates_q(name, method):
    scale = 100.0 if name == "percentile" else 1.0
    x = distinct((3, 5), seed=4)
    q = onp.array([0.23, 0.52, 0.77]) * scale
    f = getattr(np, name)
    check_grads(lambda q: f(x, q, axis=1, method=method), modes=MODES, order=2)(q)
    check_grads(lambda x, q: f(x, q, axis=0, method=method), argnum=[0, 1], modes=MODES,
                order=2)(x, q[1])


def test_gradients_keep_dtype_and_split_ties():
    x = distinct((5,), "float32")
    for f in (np.sort, np.median, lambda x: np.quantile(x, 0.3)):
        assert grad(lambda x, f=f: np.sum(f(x)))(x).dtype == onp.float32
    # the median of an even count is the mean of the two middle values
    g = grad(np.median)(onp.array([4.0, 1.0, 3.0, 2.0]))
    assert onp.allclose(g, [0.0, 0.0, 0.5, 0.5])
    # sorting a vector with ties still gives a permutation of the cotangent
    g = grad(lambda x: np.dot(np.sort(x), onp.arange(4.0)))(onp.array([1.0, 0.0, 1.0, 2.0]))
    assert sorted(g) == [0.0, 1.0, 2.0, 3.0]


@pytest.mark.parametrize("name", ["argsort", "argpartition", "searchsorted", "lexsort"])
def test_index_results_are_constants(name):
    x = distinct((5,))
    fun = {"argsort": lambda x: np.argsort(x),
           "argpartition": lambda x: np.argpartition(x, 2),
           "searchsorted": lambda x: np.searchsorted(onp.sort(onp.arange(5.0)), x),
           "lexsort": lambda x: np.lexsort((x, -x))}[name]
    # the integer result is a constant: the gradient flows only through x itself
    g = grad(lambda x: np.sum(x * fun(x)))(x)
    assert onp.array_equal(g, onp.asarray(fun(x), dtype=float))
