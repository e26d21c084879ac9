"""autograd.cmath: one table row per function of :mod:`cmath`, checked by finite differences.

Sample points stay off the branch cuts (where finite differences straddle a
jump); real points exercise a real input receiving a complex cotangent.
"""

import cmath
import math

import pytest

import autograd.cmath as cm
from autograd import grad, holomorphic_grad, make_jvp
from autograd.rules import active
from autograd.test_util import check_grads
from autograd.tracing import isbox

MODES = ["fwd", "rev"]

# (name, function, sample points, derivative for holomorphic functions or None)
# fmt: off
UNARY = [
    ("sin",   cm.sin,   [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         cmath.cos),
    ("cos",   cm.cos,   [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         lambda z: -cmath.sin(z)),
    ("tan",   cm.tan,   [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         lambda z: 1 / cmath.cos(z) ** 2),
    ("asin",  cm.asin,  [0.3 + 0.4j, 2.0 + 0.5j, -1.5 - 0.5j, 0.5],
                                                            lambda z: 1 / cmath.sqrt(1 - z * z)),
    ("acos",  cm.acos,  [0.3 + 0.4j, 2.0 + 0.5j, -1.5 - 0.5j, 0.5],
                                                            lambda z: -1 / cmath.sqrt(1 - z * z)),
    ("atan",  cm.atan,  [0.3 + 0.4j, 0.5 + 2.0j, -1.5 - 0.5j, 2.0], lambda z: 1 / (1 + z * z)),
    ("sinh",  cm.sinh,  [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         cmath.cosh),
    ("cosh",  cm.cosh,  [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         cmath.sinh),
    ("tanh",  cm.tanh,  [0.3 + 0.4j, -1.2 + 0.5j, 0.7],         lambda z: 1 / cmath.cosh(z) ** 2),
    ("asinh", cm.asinh, [0.3 + 0.4j, 0.5 + 2.0j, -1.5 - 0.5j, 2.0],
                                                            lambda z: 1 / cmath.sqrt(1 + z * z)),
    ("acosh", cm.acosh, [0.3 + 0.4j, -2.7 + 0.3j, -1.5 - 0.5j, 2.0],
                                                    lambda z: 1 / cmath.sinh(cmath.acosh(z))),
    ("atanh", cm.atanh, [0.3 + 0.4j, 2.0 + 0.5j, -1.5 - 0.5j, 0.5], lambda z: 1 / (1 - z * z)),
    ("exp",   cm.exp,   [0.3 + 0.4j, -1.2 + 2.5j, 0.7],         cmath.exp),
    ("log",   cm.log,   [0.3 + 0.4j, -1.2 + 2.5j, 0.7, -2.0],   lambda z: 1 / z),
    ("log10", cm.log10, [0.3 + 0.4j, -1.2 + 2.5j, 0.7, -2.0],   lambda z: 1 / (z * math.log(10))),
    ("sqrt",  cm.sqrt,  [0.3 + 0.4j, -1.2 + 2.5j, 0.7, -2.0],   lambda z: 0.5 / cmath.sqrt(z)),
    ("phase", cm.phase, [0.3 + 0.4j, -1.2 - 2.5j, 0.7, -2.0],   None),
    ("polar", cm.polar, [0.3 + 0.4j, -1.2 - 2.5j, 0.7, -2.0],   None),
]

# (name, function, points, argnums)
MULTI = [
    ("log_base", cm.log,  [(0.3 + 0.4j, 2.0 - 1.0j), (2.5, 3.0), (-1.2 + 2.5j, 0.5)],
                                                                 [0, 1, (0, 1)]),
    ("rect",     cm.rect, [(1.5, 0.3), (0.4, -2.0), (-1.0, 4.0)], [0, 1, (0, 1)]),
]
# fmt: on

UNARY_CASES = [pytest.param(f, z, id=f"{name}-{z}") for name, f, zs, _ in UNARY for z in zs]
HOLO_CASES = [pytest.param(f, z, d, id=f"{name}-{z}")
              for name, f, zs, d in UNARY if d is not None for z in zs]
MULTI_CASES = [pytest.param(f, args, argnum, id=f"{name}-{args}-{argnum}")
               for name, f, points, argnums in MULTI for args in points for argnum in argnums]


@pytest.mark.parametrize("f, z", UNARY_CASES)
def test_unary_grads(f, z):
    check_grads(f, modes=MODES, order=2)(z)


@pytest.mark.parametrize("f, args, argnum", MULTI_CASES)
def test_multi_arg_grads(f, args, argnum):
    check_grads(f, argnum, modes=MODES, order=2)(*args)


@pytest.mark.parametrize("f, z, deriv", HOLO_CASES)
def test_holomorphic_derivative(f, z, deriv):
    z = complex(z)
    assert holomorphic_grad(f)(z) == pytest.approx(deriv(z), rel=1e-12)
    assert make_jvp(f)(z)(1.0 + 0j)[1] == pytest.approx(deriv(z), rel=1e-12)


@pytest.mark.parametrize("x", [0.3, -2.0])
def test_real_input_gets_real_gradient(x):
    g = grad(lambda x: cm.sqrt(x).imag + cm.exp(1j * x).real)(x)
    assert type(g) is float
    expected = (0.0 if x > 0 else -0.5 / math.sqrt(-x)) - math.sin(x)
    assert g == pytest.approx(expected)


def test_third_order():
    check_grads(cm.tan, modes=MODES, order=3)(0.3 + 0.4j)
    check_grads(cm.phase, modes=MODES, order=3)(0.3 + 0.4j)


# ----------------------------------------------------------------- values

@pytest.mark.parametrize("f, z", UNARY_CASES)
def test_unary_values(f, z):
    raw = getattr(cmath, f.__name__)
    assert f(z) == raw(z)
    ans, _ = make_jvp(f)(z)(1.0)
    assert ans == raw(z)


@pytest.mark.parametrize("f, args, argnum", MULTI_CASES)
def test_multi_arg_values(f, args, argnum):
    assert f(*args) == getattr(cmath, f.__name__)(*args)


# ----------------------------------------------------------------- conventions

def test_conventions_at_non_smooth_points():
    assert grad(cm.phase)(0j) == 0j
    assert grad(cm.phase)(0.0) == 0.0
    assert grad(lambda z: cm.polar(z)[0] + cm.polar(z)[1])(0j) == 0j
    assert make_jvp(cm.phase)(0j)(1 + 1j)[1] == 0.0
    assert grad(lambda x: cm.sqrt(x).real)(0.0) == math.inf
    # phase of a real number is 0 or pi: flat along the real axis
    assert grad(cm.phase)(-2.0) == 0.0
    # d phase / dz under the convention dL/dx - i dL/dy at z = 1 + 1j
    assert grad(cm.phase)(1 + 1j) == pytest.approx(-0.5 - 0.5j)


# ----------------------------------------------------------------- non-differentiable

# fmt: off
NONDIFF = [
    ("isclose", (0.3 + 1j, 0.3 + 1j)), ("isfinite", (0.3 + 1j,)),
    ("isinf",   (0.3 + 1j,)),          ("isnan",    (0.3 + 1j,)),
]
# fmt: on


@pytest.mark.parametrize("name, args", NONDIFF, ids=[n for n, _ in NONDIFF])
def test_nondiff_returns_constant_on_traced_input(name, args):
    seen = []

    def traced(z):
        seen.append(getattr(cm, name)(z, *args[1:]))
        return cm.phase(z)

    grad(traced)(args[0])
    assert not isbox(seen[0])
    assert seen[0] == getattr(cmath, name)(*args)


# ----------------------------------------------------------------- coverage

def _public_callables(module):
    return [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n))]


def test_every_name_is_exported():
    names = [n for n in dir(cmath) if not n.startswith("_")]
    assert [n for n in names if not hasattr(cm, n)] == []
    assert sorted(cm.__all__) == sorted(names)
    for const in ("pi", "e", "tau", "inf", "infj"):
        assert getattr(cm, const) == getattr(cmath, const)
    assert cmath.isnan(cm.nan) and cmath.isnan(cm.nanj)


def test_every_function_has_rules_or_is_nondiff():
    reg = active()
    missing = []
    for name in _public_callables(cmath):
        raw = getattr(cmath, name)
        if not ((raw in reg.vjps and raw in reg.jvps) or raw in reg.nondiff):
            missing.append(name)
    assert missing == []


def test_every_differentiable_function_has_a_test_row():
    tested = {f.__name__ for _, f, _, _ in UNARY} | {f.__name__ for _, f, _, _ in MULTI}
    reg = active()
    untested = [n for n in _public_callables(cmath)
                if getattr(cmath, n) in reg.vjps and n not in tested]
    assert untested == []
