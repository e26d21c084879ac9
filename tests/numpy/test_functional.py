"""Functions of user callables, unique and set operations, roots (rules/functional.py),
and the NumPy functions that refuse traced values (in-place writers, np.matrix).

Rows differentiate with respect to every argument their lambda takes, both
modes, order 2.  Duplicates for ``unique`` and the set operations are made by
indexing the input, so that finite differences move equal elements together.
"""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
F = ("float64", "float32")
C = ("float64", "complex128")
D = ("float64",)
X_CONST = onp.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7], [0.2, 0.9, -1.1], [1.0, -0.4, 0.6]])
DUP = onp.array([0, 1, 0, 2, 1, 3])


def _row_stats(r):
    return np.array([np.sum(r), np.prod(r)])


def _pieces(x):
    return np.piecewise(x, [x < 0, x >= 0], [lambda v: v ** 2, np.sin])


def _with_otherwise(x):
    return np.piecewise(x, [x < -0.5, x > 0.5], [lambda v: v ** 3, lambda v: 2.0 * v, 1.0])


def _grid(w):
    return np.fromfunction(lambda i, j: w[0] * i + np.sin(w[1] * j), (2, 3))


def _set_rows():
    for name in ("intersect1d", "union1d", "setdiff1d", "setxor1d"):
        f = getattr(np, name)
        # the second argument shares two values with the first
        yield (name, lambda a, c, f=f: f(a, np.concatenate([a[1:3], c])), [(5,), (3,)], "real", F)
    yield ("intersect1d-indices",
           lambda a, c: np.intersect1d(a, np.concatenate([c, a[:2]]), return_indices=True)[0],
           [(5,), (3,)], "real", D)


def _unique_api_rows():
    for name in ("unique_values", "unique_counts", "unique_inverse", "unique_all"):
        if hasattr(onp, name):
            f = getattr(np, name)
            pick = (lambda r: r) if name == "unique_values" else (lambda r: r.values)
            yield (name, lambda x, f=f, pick=pick: pick(f(x.ravel()[DUP])), [(2, 3)], "real", F)


# fmt: off
# (id: the function's name in autograd.numpy, then a variant; function; shapes of its
#  differentiated arguments; input domain; dtypes)
ROWS = [
    ("apply_along_axis",         lambda x: np.apply_along_axis(lambda r: np.sum(r ** 2) * r, 1, x),
                                 [(2, 3)], "real", F),
    ("apply_along_axis-scalar",  lambda x: np.apply_along_axis(lambda r: np.sum(np.sin(r)), 0, x),
                                 [(2, 3)], "real", C),
    ("apply_along_axis-resize",  lambda x: np.apply_along_axis(_row_stats, 1, x), [(2, 3, 2)], "real", D),
    ("apply_along_axis-closure", lambda w: np.apply_along_axis(lambda r: np.dot(r, w), 1, X_CONST),
                                 [(3,)], "real", D),
    ("apply_over_axes",          lambda x: np.apply_over_axes(np.sum, x, [0, 2]), [(2, 3, 4)], "real", C),
    ("apply_over_axes-mean",     lambda x: np.apply_over_axes(np.mean, x, -1), [(2, 3)], "real", F),
    ("piecewise",                _pieces,                               [(2, 3)], "real", F),
    ("piecewise-otherwise",      _with_otherwise,                       [(7,)], "real", D),
    ("piecewise-scalar",         _with_otherwise,                       [None], "gt1", D),
    ("fromfunction",             _grid,                                 [(2,)], "real", D),
    ("unique",                   np.unique,                             [(2, 3)], "real", F),
    ("unique-duplicates",        lambda x: np.unique(x.ravel()[DUP]),    [(2, 3)], "real", C),
    ("unique-axis",              lambda x: np.unique(x[[0, 1, 0]], axis=0), [(2, 3)], "real", D),
    ("unique-axis-counts",       lambda x: np.unique(x[:, [2, 0, 2]], axis=-1, return_counts=True)[0],
                                 [(2, 3)], "real", D),
    ("unique-inverse",           lambda x: np.unique(x.ravel()[DUP], return_inverse=True)[0],
                                 [(2, 3)], "real", D),
    ("roots",                    np.roots,                              [(4,)], "real", C),
    ("roots-quadratic",          np.roots,                              [(3,)], "real", F),
    ("roots-leading-zero",       lambda p: np.roots(p * onp.array([0.0, 1, 1, 1, 0])), [(5,)], "real", D),
    *_set_rows(),
    *_unique_api_rows(),
]
# fmt: on

# unique and the set operations get their values from the unique_gather primitive
TESTED = {row[0].split("-")[0] for row in ROWS} | {"unique_gather"}


def _cases():
    for name, f, shapes, domain, dtypes in ROWS:
        for dtype in dtypes:
            yield pytest.param(f, shapes, domain, dtype, id=f"{name}-{dtype}")


@pytest.mark.parametrize("f, shapes, domain, dtype", list(_cases()))
def test_functional(f, shapes, domain, dtype, arg):
    args = [arg(s, dtype, domain, seed=i) for i, s in enumerate(shapes)]
    check_grads(f, argnum=list(range(len(args))), modes=MODES, order=2)(*args)


# ----------------------------------------------------------------- conventions

def test_unique_shares_cotangents_of_equal_elements():
    w = onp.array([1.0, 10.0])
    g = grad(lambda x: np.sum(np.unique(x) * w))(onp.array([1.0, 2.0, 1.0]))
    assert onp.allclose(g, [0.5, 10.0, 0.5])
    g = grad(lambda a, b: np.sum(np.intersect1d(a, b)), argnum=1)(onp.array([1.0, 2.0]),
                                                                   onp.array([2.0, 3.0]))
    assert onp.allclose(g, [0.5, 0.0])


def test_roots_zero_root_and_multiple_root():
    # one trailing zero: a simple root at 0, differentiable in the zero coefficient
    check_grads(np.roots, modes=MODES, order=2)(onp.array([1.0, -3.0, 2.0, 0.0]))
    # two trailing zeros: a double root at 0 passes no gradient, the others do
    g = grad(lambda p: np.sum(np.abs(np.roots(p))))(onp.array([1.0, -3.0, 0.0, 0.0]))
    assert onp.allclose(g, [-3.0, -1.0, -1.0 / 3, -1.0 / 9])


def test_values_match_numpy(arg):
    x, c = arg((6,)), arg((3,), seed=1)
    xd = x[DUP]
    assert onp.array_equal(np.unique(x + 0 * x), onp.unique(x))
    for name in ("intersect1d", "union1d", "setdiff1d", "setxor1d"):
        b = onp.concatenate([x[1:3], c])
        traced = grad(lambda a, name=name, b=b: np.sum(getattr(np, name)(a, b) * 0.0) + a[0])
        assert traced(x)[0] == 1.0
        assert onp.array_equal(getattr(np, name)(x, b), getattr(onp, name)(x, b))
    for name in ("unique_values", "unique_counts", "unique_inverse", "unique_all"):
        if hasattr(onp, name):
            got, want = getattr(np, name)(xd), getattr(onp, name)(xd)
            for a, b in zip(onp.atleast_1d(got) if name == "unique_values" else got,
                            onp.atleast_1d(want) if name == "unique_values" else want):
                assert onp.array_equal(a, b)
    X = onp.arange(12.0).reshape(3, 4)
    for axis in (0, 1, -1):
        got = np.apply_along_axis(lambda r: r[:2] * 2, axis, X)
        assert onp.array_equal(got, onp.apply_along_axis(lambda r: r[:2] * 2, axis, X))
    xi = onp.arange(-3, 4)
    got = np.piecewise(xi, [xi < 0], [lambda v: v * 1.5, 7.5])
    assert got.dtype == xi.dtype
    assert onp.array_equal(got, onp.piecewise(xi, [xi < 0], [lambda v: v * 1.5, 7.5]))
    assert onp.array_equal(np.apply_over_axes(np.sum, X, [0, 1]), onp.apply_over_axes(onp.sum, X, [0, 1]))
    assert onp.allclose(np.roots(onp.array([1.0, -3.0, 2.0])), onp.roots([1.0, -3.0, 2.0]))


def test_traced_values_of_unique_are_numpys(arg):
    seen = {}

    def f(x):
        seen["u"] = np.unique(x[DUP])
        return np.sum(seen["u"])

    x = arg((6,))
    grad(f)(x)
    assert onp.array_equal(seen["u"]._value, onp.unique(x[DUP]))


# ----------------------------------------------------------------- refusals

WRITERS = [
    ("put",            lambda a, v: np.put(a, [0], v)),
    ("place",          lambda a, v: np.place(a, a > 0, v)),
    ("putmask",        lambda a, v: np.putmask(a, a > 0, v)),
    ("copyto",         lambda a, v: np.copyto(a, v)),
    ("fill_diagonal",  lambda a, v: np.fill_diagonal(a.reshape(2, 2), v)),
    ("put_along_axis", lambda a, v: np.put_along_axis(a, onp.array([0]), v, axis=0)),
]


@pytest.mark.parametrize("name, write", WRITERS, ids=[w[0] for w in WRITERS])
def test_in_place_writers_refuse_traced_values(name, write):
    def f(v):
        write(onp.ones(4), v)
        return v

    with pytest.raises(TypeError, match="in place"):
        grad(f)(2.0)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
@pytest.mark.parametrize("name", ["asmatrix", "bmat"])
def test_matrix_constructors_refuse_traced_values(name):
    build = getattr(np, name)
    with pytest.raises(TypeError, match="np.matrix is not supported; use 2-D arrays"):
        grad(lambda x: np.sum(build([[x, x], [x, x]]) if name == "bmat" else build(x)))(
            onp.ones((2, 2)))
    assert isinstance(build(onp.eye(2)), onp.matrix)
