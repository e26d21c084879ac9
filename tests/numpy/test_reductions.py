"""Reductions with axis/keepdims variants, both modes, order 2."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

# fmt: off
# (name, complex inputs meaningful, extra kwargs)
REDUCTIONS = [
    ("sum", True, {}),   ("mean", True, {}),  ("prod", True, {}),   ("var", True, {}),
    ("std", True, {}),   ("var", False, {"ddof": 1}),               ("std", False, {"ddof": 1}),
    ("max", False, {}),  ("min", False, {}),  ("amax", False, {}),  ("amin", False, {}),
    ("ptp", False, {}),  ("nansum", False, {}),  ("nanmean", False, {}),
    ("nanprod", False, {}),  ("nanvar", False, {}),  ("nanstd", False, {}),
    ("nanmax", False, {}),   ("nanmin", False, {}),  ("average", False, {}),
]
AXES = [dict(), dict(axis=0), dict(axis=1), dict(axis=-1, keepdims=True),
        dict(axis=(0, 1)), dict(axis=None, keepdims=True)]
CUMULATIVE = ["cumsum", "cumprod", "nancumsum", "nancumprod"]

# where= masks: a full mask and one broadcast along the rows (every group keeps an element)
MASK = onp.array([[True, False, True], [True, True, False], [False, True, True]])
ROW_MASK = onp.array([True, False, True])
# (name, extra kwargs: max/min need an initial value with where=)
WHERE = [
    ("sum", {}), ("mean", {}), ("prod", {}), ("prod", {"initial": 2.0}), ("var", {}),
    ("std", {}), ("var", {"ddof": 1}), ("max", {"initial": -9.0}), ("min", {"initial": 9.0}),
    ("amax", {"initial": -9.0}), ("amin", {"initial": 9.0}), ("nansum", {}),
    ("nanmean", {}), ("nanprod", {"initial": 2.0}), ("nanvar", {}), ("nanstd", {}),
    ("nanmax", {"initial": -9.0}), ("nanmin", {"initial": 9.0}),
]
# fmt: on

# the functions checked here (see test_meta.py); broadcast_copy spreads g in every reduction's VJP
TESTED = ({row[0] for row in REDUCTIONS} | set(CUMULATIVE) | {"broadcast_copy"}
          | {row[0] for row in WHERE})


def _cases():
    for name, cplx, extra in REDUCTIONS:
        for ax in AXES:
            if name == "average" and ax.get("axis") == (0, 1):
                continue
            kw = {**extra, **ax}
            yield pytest.param(name, kw, (2, 3), "float64", id=f"{name}-{kw}")
        yield pytest.param(name, extra, (4,), "float32", id=f"{name}-f32")
        if cplx:
            yield pytest.param(name, {**extra, "axis": 1}, (2, 3), "complex128", id=f"{name}-c128")


@pytest.mark.parametrize("name, kwargs, shape, dtype", list(_cases()))
def test_reduction(name, kwargs, shape, dtype, arg):
    f = getattr(np, name)
    check_grads(lambda x: f(x, **kwargs), modes=MODES, order=2)(arg(shape, dtype, seed=11))


def _where_cases():
    for name, extra in WHERE:
        for mask, axes in ((MASK, [None, 0, 1]), (ROW_MASK, [None, 1])):
            for axis in axes:
                kw = {**extra, "axis": axis, "where": mask}
                yield pytest.param(name, kw, id=f"{name}-{extra}-{mask.ndim}d-axis{axis}")
        yield pytest.param(name, {**extra, "axis": 1, "where": MASK, "keepdims": True},
                           id=f"{name}-{extra}-keepdims")


@pytest.mark.parametrize("name, kwargs", list(_where_cases()))
def test_reduction_where(name, kwargs, arg):
    f = getattr(np, name)
    x = arg((3, 3), seed=5)
    assert onp.allclose(f(x, **kwargs), getattr(onp, name)(x, **kwargs))
    check_grads(lambda x: f(x, **kwargs), modes=MODES, order=2)(x)
    g = grad(lambda x: np.sum(f(x, **kwargs)))(x)
    assert onp.all(g[~onp.broadcast_to(kwargs["where"], x.shape)] == 0)


def test_where_products_at_zeros_and_initial_extremum(arg):
    x = arg((3, 3)) + 2.0
    x[0, 0] = x[1, 1] = 0.0
    check_grads(lambda x: np.prod(x, axis=1, where=MASK, initial=2.0), modes=MODES, order=2)(x)
    # an initial value above every selected element is the maximum: no gradient at all
    small = arg((3, 3), domain="small")
    g = grad(lambda x: np.sum(np.max(x, axis=1, where=MASK, initial=2.5)))(small)
    assert onp.all(g == 0)
    g = grad(lambda x: np.sum(np.max(x, axis=1, where=MASK, initial=-2.5)))(small)
    assert onp.allclose(g.sum(axis=1), 1.0)


@pytest.mark.parametrize("name", CUMULATIVE)
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_cumulative(name, axis, arg):
    check_grads(lambda x: getattr(np, name)(x, axis=axis), modes=MODES, order=2)(arg((2, 3)))


@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
def test_cumulative_complex_and_float32(name, arg):
    check_grads(lambda x: getattr(np, name)(x), modes=MODES, order=2)(arg((4,), "complex128"))
    check_grads(lambda x: getattr(np, name)(x), modes=MODES, order=2)(arg((4,), "float32"))


@pytest.mark.parametrize("name", ["prod", "cumprod"])
@pytest.mark.parametrize("zeros", [[1, 0, 1, 1], [0, 1, 0, 1]], ids=["one-zero", "two-zeros"])
def test_products_are_exact_at_zeros(name, zeros, arg):
    mask = onp.array(zeros, dtype=float)
    f = getattr(np, name)
    check_grads(lambda x: f(x * mask), modes=MODES, order=2)(arg((4,)) + 2.0)
    g = grad(lambda x: np.sum(f(x)))(onp.array([2.0, 0.0, 3.0]))
    assert onp.all(onp.isfinite(g))


@pytest.mark.parametrize("name", ["nansum", "nanmean", "nanprod", "nanvar", "nanstd", "nanmax",
                                  "nanmin", "nancumsum", "nancumprod"])
def test_nan_reductions_skip_nans(name, arg):
    nan = onp.array([[0.0, onp.nan, 0.0], [0.0, 0.0, 0.0]])
    f = getattr(np, name)
    check_grads(lambda x: f(x + nan, axis=1), modes=MODES, order=2)(arg((2, 3)) + 1.5)
    g = grad(lambda x: np.sum(f(x + nan)))(arg((2, 3)) + 1.5)
    assert g[0, 1] == 0 and onp.all(onp.isfinite(g))


def test_average_with_weights(arg):
    w2, w1 = arg((2, 3), domain="pos", seed=3), arg((3,), domain="pos", seed=4)
    check_grads(lambda x, w: np.average(x, weights=w), argnum=[0, 1], modes=MODES,
                order=2)(arg((2, 3)), w2)
    check_grads(lambda x, w: np.average(x, axis=1, weights=w), argnum=[0, 1], modes=MODES,
                order=2)(arg((2, 3)), w1)


def test_max_splits_ties_evenly():
    g = grad(lambda x: np.max(x))(onp.array([1.0, 3.0, 3.0]))
    assert onp.allclose(g, [0.0, 0.5, 0.5])


def test_std_of_constant_data_is_a_subgradient_not_nan():
    g = grad(lambda x: np.std(x))(onp.ones(3))
    assert onp.all(g == 0)


def test_sum_gradient_is_a_fresh_writable_array():
    g = grad(np.sum)(onp.ones((2, 3)))
    assert g.flags.writeable and g.shape == (2, 3)
    g[0, 0] = 5.0


def test_sum_where_and_dtype(arg):
    mask = onp.array([True, False, True])
    check_grads(lambda x: np.sum(x, where=mask), modes=MODES, order=2)(arg((3,)))
    g = grad(lambda x: np.sum(x, dtype=onp.float64))(arg((3,), "float32"))
    assert g.dtype == onp.float32
