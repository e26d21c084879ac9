"""Ufunc methods (``reduce``, ``accumulate``, ``outer``, ``reduceat``, ``at``) of
autograd.numpy's ufuncs, and of NumPy's ufuncs on traced values.

Each row runs two ways: as ``autograd.numpy.<ufunc>.<method>`` and as
``numpy.<ufunc>.<method>`` (through ``__array_ufunc__``).  On plain arrays the
result is NumPy's; on traced values the value is NumPy's too (bit for bit) and
the derivatives pass ``check_grads`` in both modes to second order.
HIPS autograd 1.9.1 has none of these: its ufuncs are functions without
methods, and NumPy's methods on its boxes raise TypeError.
"""

import functools
import inspect
import warnings

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, hessian, make_jvp, make_vjp
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
M34 = (3, 4)
IDX = [0, 2, 1, 3]     # reduceat indices along an axis of 4: includes an empty segment

# fmt: off
# (ufunc, method, args after the traced array (None: the array again), kwargs, shape, domain)
ROWS = [
    # reduce: the reductions NumPy's own sum/prod/max/min are made of
    ("add", "reduce", (), {}, M34, "real"),
    ("add", "reduce", (), {"axis": 1, "keepdims": True}, M34, "real"),
    ("add", "reduce", (), {"axis": None}, M34, "real"),
    ("add", "reduce", (), {"axis": (0, 1), "dtype": "float32"}, M34, "real"),
    ("add", "reduce", (), {"axis": 1, "where": onp.array([True, False, True, True]),
                           "initial": 2.0}, M34, "real"),
    ("multiply", "reduce", (), {}, M34, "nonzero"),
    ("multiply", "reduce", (), {"axis": -1, "keepdims": True}, M34, "nonzero"),
    ("maximum", "reduce", (), {}, M34, "real"),
    ("maximum", "reduce", (), {"axis": None, "keepdims": True}, M34, "real"),
    ("minimum", "reduce", (), {"axis": 1, "initial": 0.5}, M34, "real"),
    ("fmax", "reduce", (), {"axis": 1}, M34, "real"),
    ("fmin", "reduce", (), {}, M34, "real"),
    ("logaddexp", "reduce", (), {}, M34, "real"),
    ("logaddexp", "reduce", (), {"axis": (0, 1), "keepdims": True}, M34, "real"),
    ("logaddexp", "reduce", (), {"axis": 1, "where": onp.array([True, False, True, True]),
                                 "initial": -1.0}, M34, "real"),
    ("logaddexp2", "reduce", (), {"axis": 1}, M34, "real"),
    ("subtract", "reduce", (), {"axis": 1}, M34, "real"),
    ("divide", "reduce", (), {}, M34, "nonzero"),
    ("hypot", "reduce", (), {"axis": (0, 1)}, M34, "nonzero"),
    ("hypot", "reduce", (), {"axis": 0, "where": onp.array([[True], [False], [True]])},
     M34, "nonzero"),
    ("arctan2", "reduce", (), {"axis": 0, "initial": 0.7}, M34, "nonzero"),
    ("power", "reduce", (), {"axis": 0}, (2, 3), "pos"),
    # accumulate
    ("add", "accumulate", (), {}, M34, "real"),
    ("add", "accumulate", (), {"axis": 1, "dtype": "float32"}, M34, "real"),
    ("multiply", "accumulate", (), {"axis": -1}, M34, "nonzero"),
    ("maximum", "accumulate", (), {"axis": 1}, M34, "real"),
    ("minimum", "accumulate", (), {}, M34, "real"),
    ("fmax", "accumulate", (), {"axis": 1}, M34, "real"),
    ("fmin", "accumulate", (), {"axis": 0}, M34, "real"),
    ("logaddexp", "accumulate", (), {"axis": 1}, M34, "real"),
    ("subtract", "accumulate", (), {}, M34, "real"),
    ("divide", "accumulate", (), {"axis": 1}, M34, "nonzero"),
    # outer
    ("subtract", "outer", (None,), {}, (3,), "real"),
    ("multiply", "outer", (onp.array([[1.5, -2.0]]),), {}, M34, "real"),
    ("add", "outer", (None,), {}, (2, 2), "real"),
    ("logaddexp", "outer", (None,), {}, (3,), "real"),
    ("power", "outer", (onp.array([1.0, 2.5]),), {}, (3,), "pos"),
    # reduceat
    ("add", "reduceat", (IDX,), {"axis": 1}, M34, "real"),
    ("add", "reduceat", ([0, 2],), {}, M34, "real"),
    ("multiply", "reduceat", (IDX,), {"axis": 1}, M34, "nonzero"),
    ("maximum", "reduceat", ([0, 1],), {"axis": 0}, M34, "real"),
    ("logaddexp", "reduceat", (IDX,), {"axis": -1}, M34, "real"),
]
# fmt: on

# the primitives these compositions end in (see test_meta.py)
TESTED = ({row[0] for row in ROWS} | {"sum", "prod", "max", "min", "nanmax", "nanmin", "cumsum",
                                      "cumprod", "take_along_axis", "untake", "stack", "exp",
                                      "log", "exp2", "log2", "where", "astype"})


def _call(module, ufunc, method, x, args, kwargs):
    args = tuple(x if a is None else a for a in args)
    return getattr(getattr(module, ufunc), method)(x, *args, **kwargs)


def _rows():
    for ufunc, method, args, kwargs, shape, domain in ROWS:
        yield pytest.param(ufunc, method, args, kwargs, shape, domain,
                           id=f"{ufunc}.{method}-{kwargs}")


@pytest.mark.parametrize("ufunc, method, args, kwargs, shape, domain", list(_rows()))
@pytest.mark.parametrize("module", [np, onp], ids=["autograd.numpy", "numpy"])
def test_method(module, ufunc, method, args, kwargs, shape, domain, arg):
    x = arg(shape, domain=domain, seed=3)
    expected = _call(onp, ufunc, method, x, args, kwargs)
    plain = _call(np, ufunc, method, x, args, kwargs)
    assert type(plain) is type(expected) and plain.dtype == expected.dtype
    assert onp.array_equal(plain, expected)

    def f(x):
        return _call(module, ufunc, method, x, args, kwargs)

    _, traced = make_vjp(f)(x)
    assert traced.dtype == expected.dtype and onp.array_equal(traced, expected)
    check_grads(f, modes=MODES, order=2)(x)


# ----------------------------------------------------------------- equivalences

@pytest.mark.parametrize("method, fun", [
    (lambda x: np.add.reduce(x, axis=1), lambda x: np.sum(x, axis=1)),
    (lambda x: np.multiply.reduce(x), lambda x: np.prod(x, axis=0)),
    (lambda x: np.maximum.reduce(x, axis=None), lambda x: np.max(x)),
    (lambda x: np.add.accumulate(x, axis=1), lambda x: np.cumsum(x, axis=1)),
    (lambda x: np.multiply.accumulate(x), lambda x: np.cumprod(x, axis=0)),
    (lambda x: np.logaddexp.reduce(x, axis=1),
     lambda x: np.log(np.sum(np.exp(x), axis=1))),
    (lambda x: np.subtract.outer(x, x), lambda x: x[:, :, None, None] - x[None, None]),
])
def test_same_derivatives_as_the_function_it_stands_for(method, fun, arg):
    x = arg(M34, domain="nonzero", seed=5)
    g = lambda f: grad(lambda x: np.sum(np.sin(f(x))))(x)   # noqa: E731
    assert onp.allclose(g(method), g(fun), rtol=1e-12, atol=1e-12)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_ties_and_non_finite_values():
    x = onp.array([1.0, 3.0, 3.0, 2.0, 5.0])
    # maximum.accumulate: a tie sends the gradient to the later element
    g = grad(lambda x: np.sum(np.maximum.accumulate(x)))(x)
    assert onp.array_equal(g, [1.0, 1.0, 2.0, 0.0, 1.0])
    # maximum.reduce is max: ties share the gradient
    assert onp.array_equal(grad(lambda x: np.maximum.reduce(x[:3]))(x), [0, 0.5, 0.5, 0, 0])
    # NumPy's values at infinities and NaNs
    y = onp.array([[-onp.inf, -onp.inf, 0.0], [onp.inf, 1.0, 2.0], [onp.nan, 1.0, 2.0]])
    for f in (lambda v: np.logaddexp.reduce(v, axis=1),
              lambda v: np.logaddexp.accumulate(v, axis=1),
              lambda v: np.maximum.accumulate(v, axis=1),
              lambda v: np.fmax.accumulate(v, axis=1),
              lambda v: np.fmin.reduce(v, axis=1)):
        _, traced = make_vjp(f)(y)
        assert onp.array_equal(traced, f(y), equal_nan=True)
    # a finite row keeps its gradient: softmax of [0, 1, 2]
    z = onp.where(onp.isfinite(y), y, onp.arange(3.0))
    g = grad(lambda v: np.sum(np.logaddexp.reduce(v, axis=1)))(z)
    assert onp.allclose(g, onp.exp(z) / onp.exp(z).sum(axis=1, keepdims=True))


@pytest.mark.parametrize("ufunc", ["power", "arctan2"])
def test_numpy_loops_that_are_not_their_definition(ufunc, arg):
    """NumPy 2.x's ``power.reduce``/``arctan2.reduce`` over contiguous floats do not
    apply the ufunc step by step (``power.reduce([2., 3., 4.])`` is 16.0, not 4096.0).
    Plain arrays get NumPy's value; traced ones the definition's, with a warning."""
    x = arg((5,), domain="pos", seed=9)
    u = getattr(onp, ufunc)
    fold = x[0]
    for v in x[1:]:
        fold = u(fold, v)
    assert np.power.reduce(onp.array([2.0, 3.0, 4.0])) == onp.power.reduce([2.0, 3.0, 4.0])
    f = getattr(np, ufunc).reduce
    if onp.isclose(u.reduce(x), fold, rtol=1e-12):     # a NumPy without the quirk
        assert onp.array_equal(make_vjp(f)(x)[1], u.reduce(x))
    else:
        with pytest.warns(RuntimeWarning, match=f"numpy.{ufunc}.reduce returned values"):
            assert make_vjp(f)(x)[1] == fold
    # the derivatives are the step-by-step definition's (forward and reverse)
    ref = lambda v: functools.reduce(getattr(np, ufunc), list(v))   # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert onp.allclose(grad(f)(x), grad(ref)(x), rtol=1e-12)
        t = onp.linspace(0.5, 1.0, 5)
        assert onp.allclose(make_jvp(f)(x)(t)[1], make_jvp(ref)(x)(t)[1], rtol=1e-12)
        assert onp.allclose(hessian(f)(x), hessian(ref)(x), rtol=1e-10)


def test_long_fold_keeps_numpys_value(arg):
    x = arg((200,), domain="pos", seed=2)
    for f in (lambda v: np.logaddexp.reduce(v), lambda v: np.subtract.accumulate(v),
              lambda v: np.hypot.reduce(v)):
        vjp, traced = make_vjp(f)(x)
        assert onp.array_equal(traced, f(x))
        assert onp.all(onp.isfinite(vjp(onp.ones_like(traced))))


def test_empty_reductions_and_lists_of_traced_values(arg):
    x = arg((3,), seed=4)
    empty = lambda v: np.add.reduce(v[:0]) + np.hypot.reduce(v[:0]) + np.sum(v)  # noqa: E731
    assert onp.allclose(grad(empty)(x), onp.ones(3))
    assert onp.allclose(grad(lambda v: np.multiply.reduce([v[0], v[1], 2.0]))(x),
                        [2 * x[1], 2 * x[0], 0.0])
    check_grads(lambda v: np.add.accumulate([v, 2 * v]), modes=MODES, order=2)(x)


# ----------------------------------------------------------------- plain arrays, attributes

def test_plain_arrays_are_numpys_own(arg):
    x = arg(M34, seed=6)
    out = onp.empty(4)
    assert np.add.reduce(x, 0, None, out) is out and onp.array_equal(out, onp.add.reduce(x))
    assert np.add.reduce([1, 2, 3]) == 6 and type(np.add.reduce([1, 2, 3])) is onp.int64
    assert onp.array_equal(np.greater.outer([1, 2], [2]), [[False], [False]])
    assert np.logical_and.reduce([True, False]) is onp.False_
    with pytest.raises(ValueError, match="only supported for binary functions"):
        np.sin.reduce(x)
    with pytest.raises(ValueError, match="not reorderable"):
        np.subtract.reduce(x, axis=(0, 1))
    a = onp.zeros(3)
    assert np.add.at(a, [0, 0, 2], 1.0) is None and onp.array_equal(a, [2.0, 0.0, 1.0])
    np.negative.at(a, [0])
    assert onp.array_equal(a, [-2.0, 0.0, 1.0])


def test_attributes_and_signatures():
    for name in ("add", "multiply", "maximum", "logaddexp", "sin", "greater", "floor"):
        w, u = getattr(np, name), getattr(onp, name)
        for attr in ("nin", "nout", "nargs", "ntypes", "types", "signature", "__name__"):
            assert getattr(w, attr) == getattr(u, attr), (name, attr)
        assert w.identity == u.identity or (w.identity is None and u.identity is None)
        for method in ("reduce", "accumulate", "outer", "reduceat", "at"):
            m = getattr(w, method)
            assert m.__name__ == method and m.__doc__ == getattr(u, method).__doc__
    assert np.add.identity == 0 and np.multiply.identity == 1 and np.maximum.identity is None
    params = inspect.signature(np.add.reduce).parameters
    assert list(params) == ["array", "axis", "dtype", "out", "keepdims", "initial", "where"]
    assert params["axis"].default == 0
    assert list(inspect.signature(np.add.accumulate).parameters) == [
        "array", "axis", "dtype", "out"]
    assert list(inspect.signature(np.add.at).parameters) == ["a", "indices", "b"]
    assert str(inspect.signature(np.add)).startswith("(x1, x2, /")
    # the ufuncs stay functions (as in HIPS autograd), not numpy.ufunc instances
    assert not isinstance(np.add, onp.ufunc) and callable(np.add)
    assert np.add.reduce is np.add.reduce and np.absolute.reduce is np.abs.reduce


# ----------------------------------------------------------------- no derivative: errors

@pytest.mark.parametrize("module", [np, onp], ids=["autograd.numpy", "numpy"])
def test_at_on_traced_values(module, arg):
    # into a traced array: written in place (tests/numpy/test_assignment.py has more)
    x = arg((3,), seed=7)

    def into_traced(v):
        module.add.at(v, [0, 0], 1.0)
        return v
    onp.testing.assert_allclose(grad(lambda v: np.sum(into_traced(v) ** 2))(x),
                                2 * (x + onp.array([2.0, 0.0, 0.0])))

    def traced_into_plain(v):       # a plain array cannot hold traced values: an error
        a = onp.zeros(3)
        module.add.at(a, [0, 1], v[:2])
        return a
    with pytest.raises(TypeError, match=r"add\.at .*plain array"):
        grad(lambda v: np.sum(traced_into_plain(v)))(x)


def test_traced_out_and_nondifferentiable_ufuncs(arg):
    x = arg((3,), seed=8)
    with pytest.raises(TypeError, match=r"add\.reduce\(\.\.\., out=\.\.\.\)"):
        grad(lambda v: np.add.reduce(v, out=onp.empty(())))(x)
    with pytest.raises(TypeError, match=r"out="):
        grad(lambda v: onp.multiply.accumulate(v, out=onp.empty(3)))(x)
    with pytest.raises(ValueError, match="reduce only supported for binary functions"):
        grad(lambda v: np.exp.reduce(v))(x)
    seen = {}

    def f(v):   # comparisons and bit operations run on the raw values, as the ufuncs do
        seen["outer"] = np.greater.outer(v, v)
        seen["any"] = onp.logical_or.reduce(v > 0)
        seen["fd"] = np.floor_divide.reduce(v + 10.0)
        return np.sum(v * np.floor_divide.accumulate(v + 10.0))

    g = grad(f)(x)
    assert onp.array_equal(seen["outer"], onp.greater.outer(x, x))
    assert seen["any"] == onp.logical_or.reduce(x > 0)
    assert seen["fd"] == onp.floor_divide.reduce(x + 10.0)
    assert onp.array_equal(g, onp.floor_divide.accumulate(x + 10.0))


@pytest.mark.parametrize("f", [
    lambda x: np.add.reduce(x, axis=1), lambda x: np.multiply.reduce(x),
    lambda x: np.add.accumulate(x, axis=1), lambda x: np.multiply.accumulate(x),
    lambda x: np.subtract.reduce(x, axis=1), lambda x: np.multiply.outer(x, x[0]),
    lambda x: np.divide.accumulate(x, axis=1), lambda x: np.add.reduceat(x, [0, 2], axis=1),
], ids=["add.reduce", "multiply.reduce", "add.accumulate", "multiply.accumulate",
        "subtract.reduce", "multiply.outer", "divide.accumulate", "add.reduceat"])
@pytest.mark.parametrize("dtype", ["complex128", "float32"])
def test_complex_and_float32(f, dtype, arg):
    x = arg(M34, dtype, domain="nonzero", seed=10)
    _, traced = make_vjp(f)(x)
    assert traced.dtype == f(x).dtype and onp.array_equal(traced, f(x))
    check_grads(f, modes=MODES, order=2)(x)
    assert grad(lambda v: np.real(np.sum(f(v))))(x).dtype == x.dtype
