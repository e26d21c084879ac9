"""Elementwise functions: one row per ufunc, over shapes and dtypes, both modes, order 2."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd.test_util import check_grads

SHAPES = [None, (3,), (2, 3)]
MODES = ["fwd", "rev"]

# fmt: off
# (name, domain, complex inputs meaningful)
UNARY = [
    ("sin", "real", True),       ("cos", "real", True),        ("tan", "small", True),
    ("arcsin", "unit", False),   ("arccos", "unit", False),    ("arctan", "real", True),
    ("asin", "unit", False),     ("acos", "unit", False),      ("atan", "real", False),
    ("sinh", "real", True),      ("cosh", "real", True),       ("tanh", "real", True),
    ("arcsinh", "real", True),   ("arccosh", "gt1", False),    ("arctanh", "unit", False),
    ("asinh", "real", False),    ("acosh", "gt1", False),      ("atanh", "unit", False),
    ("exp", "real", True),       ("exp2", "real", True),       ("expm1", "real", True),
    ("log", "pos", True),        ("log2", "pos", True),        ("log10", "pos", True),
    ("log1p", "pos", True),      ("sqrt", "pos", True),        ("cbrt", "pos", False),
    ("square", "real", True),    ("reciprocal", "pos", True),  ("negative", "real", True),
    ("positive", "real", True),  ("deg2rad", "real", False),   ("radians", "real", False),
    ("rad2deg", "real", False),  ("degrees", "real", False),   ("fabs", "nonzero", False),
    ("absolute", "nonzero", True), ("abs", "nonzero", True),   ("sinc", "nonzero", False),
    ("real", "real", True),      ("imag", "real", True),       ("conj", "real", True),
    ("conjugate", "real", True), ("angle", "nonzero", True),
]

# (name, domain of x, domain of y, complex inputs meaningful)
BINARY = [
    ("add", "real", "real", True),          ("subtract", "real", "real", True),
    ("multiply", "real", "real", True),     ("divide", "real", "nonzero", True),
    ("true_divide", "real", "nonzero", True), ("power", "pos", "real", True),
    ("pow", "pos", "real", False),          ("float_power", "pos", "real", False),
    ("maximum", "real", "real", False),     ("minimum", "real", "real", False),
    ("fmax", "real", "real", False),        ("fmin", "real", "real", False),
    ("logaddexp", "real", "real", False),   ("logaddexp2", "real", "real", False),
    ("arctan2", "real", "nonzero", False),  ("atan2", "real", "nonzero", False),
    ("hypot", "nonzero", "nonzero", False), ("copysign", "nonzero", "nonzero", False),
    ("fmod", "real", "pos", False),         ("remainder", "real", "pos", False),
    ("mod", "real", "pos", False),
]

# broadcasting pairs of shapes (None: a Python scalar)
PAIRS = [((3,), (3,)), ((2, 3), (3,)), ((2, 1), (1, 3)), (None, (2, 3)), ((2, 3), None)]
# fmt: on

# the functions checked here (see test_meta.py); the last three have tests of their own below
TESTED = {row[0] for row in UNARY} | {row[0] for row in BINARY} | {"ldexp", "where", "clip"}


def _cases_unary():
    for name, domain, cplx in UNARY:
        for shape in SHAPES:
            yield pytest.param(name, domain, shape, "float64", id=f"{name}-{shape}-f64")
        yield pytest.param(name, domain, (3,), "float32", id=f"{name}-f32")
        if cplx:
            yield pytest.param(name, domain, (3,), "complex128", id=f"{name}-c128")


@pytest.mark.parametrize("name, domain, shape, dtype", list(_cases_unary()))
def test_unary(name, domain, shape, dtype, arg):
    x = arg(shape, dtype, domain)
    check_grads(getattr(np, name), modes=MODES, order=2)(x)


def _cases_binary():
    for name, dx, dy, cplx in BINARY:
        for sx, sy in PAIRS:
            yield pytest.param(name, dx, dy, sx, sy, "float64", id=f"{name}-{sx}-{sy}")
        yield pytest.param(name, dx, dy, (2, 3), (3,), "float32", id=f"{name}-f32")
        if cplx:
            yield pytest.param(name, dx, dy, (2, 3), (3,), "complex128", id=f"{name}-c128")


@pytest.mark.parametrize("name, dx, dy, sx, sy, dtype", list(_cases_binary()))
def test_binary(name, dx, dy, sx, sy, dtype, arg):
    x, y = arg(sx, dtype, dx, seed=1), arg(sy, dtype, dy, seed=2)
    check_grads(getattr(np, name), argnum=[0, 1], modes=MODES, order=2)(x, y)


def test_ldexp_scales_by_powers_of_two(arg):
    e = onp.array([0, 1, -2])
    check_grads(lambda x: np.ldexp(x, e), modes=MODES, order=2)(arg((3,)))


def test_mixed_precision_binary_keeps_each_arguments_dtype(arg):
    x32, y64 = arg((2, 3), "float32"), arg((3,), "float64", seed=3)
    check_grads(np.multiply, argnum=[0, 1], modes=MODES, order=2)(x32, y64)


def test_real_and_complex_arguments_mix(arg):
    x, z = arg((3,)), arg((3,), "complex128", seed=4)
    check_grads(lambda a, b: np.abs(a * b) ** 2, argnum=[0, 1], modes=MODES, order=2)(x, z)


def test_where(arg):
    c = arg((2, 3), seed=5) > 0
    check_grads(lambda x, y: np.where(c, x, y), argnum=[0, 1], modes=MODES,
                order=2)(arg((2, 3)), arg((3,), seed=6))
    check_grads(lambda x: np.where(c, x, 0.0), modes=MODES, order=2)(arg((2, 3), "float32"))


@pytest.mark.parametrize("kwargs", [dict(a_min=-0.5, a_max=0.5), dict(a_min=None, a_max=0.3),
                                    dict(min=-0.2, max=0.4)], ids=str)
def test_clip(kwargs, arg):
    if "min" in kwargs and not hasattr(onp, "concat"):
        pytest.skip("clip(min=, max=) is NumPy 2 API")
    check_grads(lambda x: np.clip(x, **kwargs), modes=MODES, order=2)(arg((2, 3)))


def test_clip_bounds_are_differentiable(arg):
    x = arg((2, 3))
    check_grads(lambda lo, hi: np.clip(x, lo, hi), argnum=[0, 1], modes=MODES,
                order=2)(arg((3,), seed=7) - 0.5, arg((3,), seed=8) + 0.5)


def test_conventions_at_zero():
    from autograd import grad
    assert grad(np.abs)(0.0) == 0.0
    assert grad(lambda z: np.abs(z))(0j) == 0.0
    with onp.errstate(divide="ignore"):
        assert grad(np.sqrt)(0.0) == onp.inf
    assert grad(np.sinc)(0.0) == 0.0
    assert grad(lambda x: np.maximum(x, 1.0))(1.0) == 0.5
