"""autograd.math: one table row per function of :mod:`math`, checked by finite differences."""

import math
import subprocess
import sys

import pytest

import autograd.math as m
from autograd import grad, make_jvp, value_and_grad
from autograd.rules import active
from autograd.test_util import check_grads
from autograd.tracing import isbox

MODES = ["fwd", "rev"]

# One row per differentiable function: (name, function, sample points inside
# its domain).  A point is a tuple of positional arguments.
# fmt: off
UNARY = [
    ("sin",     m.sin,     [-2.0, 0.3, 1.7]),
    ("cos",     m.cos,     [-2.0, 0.3, 1.7]),
    ("tan",     m.tan,     [-1.0, 0.4, 1.2]),
    ("asin",    m.asin,    [-0.7, 0.2, 0.9]),
    ("acos",    m.acos,    [-0.7, 0.2, 0.9]),
    ("atan",    m.atan,    [-3.0, 0.5, 2.0]),
    ("sinh",    m.sinh,    [-1.5, 0.3, 2.0]),
    ("cosh",    m.cosh,    [-1.5, 0.3, 2.0]),
    ("tanh",    m.tanh,    [-1.5, 0.3, 2.0]),
    ("asinh",   m.asinh,   [-2.0, 0.3, 3.0]),
    ("acosh",   m.acosh,   [1.2, 2.5, 10.0]),
    ("atanh",   m.atanh,   [-0.8, 0.1, 0.6]),
    ("exp",     m.exp,     [-2.0, 0.3, 1.5]),
    ("exp2",    m.exp2,    [-2.0, 0.3, 1.5]),
    ("expm1",   m.expm1,   [-2.0, 1e-3, 1.5]),
    ("log",     m.log,     [0.1, 1.5, 20.0]),
    ("log1p",   m.log1p,   [-0.5, 0.3, 4.0]),
    ("log2",    m.log2,    [0.1, 1.5, 20.0]),
    ("log10",   m.log10,   [0.1, 1.5, 20.0]),
    ("sqrt",    m.sqrt,    [0.05, 2.0, 9.0]),
    ("cbrt",    m.cbrt,    [-8.0, -0.3, 0.4, 27.0]),
    ("erf",     m.erf,     [-1.5, 0.2, 1.1]),
    ("erfc",    m.erfc,    [-1.5, 0.2, 1.1]),
    ("gamma",   m.gamma,   [0.3, 2.5, 5.1, -0.5, -2.3]),
    ("lgamma",  m.lgamma,  [0.3, 2.5, 30.0, -0.5, -2.3]),
    ("fabs",    m.fabs,    [-1.3, 2.1]),
    ("degrees", m.degrees, [-1.3, 2.1]),
    ("radians", m.radians, [-75.0, 120.0]),
]

# (name, function, points, argnums to differentiate); each argnum in the
# list is checked, a tuple meaning "jointly with respect to these".
MULTI = [
    ("log_base",  m.log,       [(2.5, 3.0), (0.3, 0.5)],               [0, 1, (0, 1)]),
    ("pow",       m.pow,       [(1.5, 2.3), (0.5, -1.5), (3.0, 0.5)],  [0, 1, (0, 1)]),
    ("pow_neg_x", m.pow,       [(-2.0, 3.0), (-1.5, -2.0)],            [0]),
    ("atan2",     m.atan2,     [(0.5, 1.2), (-1.0, -0.3), (2.0, -3.0)], [0, 1, (0, 1)]),
    ("hypot",     m.hypot,     [(-0.3,), (3.0, -4.0), (0.3, 1.2, -2.0)], [0, (0,)]),
    ("hypot3",    m.hypot,     [(0.3, 1.2, -2.0)],                     [1, 2, (0, 1, 2)]),
    ("copysign",  m.copysign,  [(1.5, -2.0), (-0.7, 3.0)],             [0, 1, (0, 1)]),
    ("fmod",      m.fmod,      [(5.3, 2.0), (-5.3, 2.1), (5.3, -2.1)], [0, 1, (0, 1)]),
    ("remainder", m.remainder, [(5.3, 2.0), (7.9, 3.0), (-5.3, 2.1)],  [0, 1, (0, 1)]),
    ("ldexp",     m.ldexp,     [(1.3, 3), (-0.7, -2)],                 [0]),
    ("dist",      m.dist,      [((0.3, 1.2), (-2.0, 0.4)), ([1.0, 2.0, 3.0], [0.5, -1.0, 2.0])],
                                                                       [0, 1, (0, 1)]),
    ("fsum",      m.fsum,      [((0.5, 0.7, 1.0),), ([0.1, -2.0],)],   [0]),
    ("prod",      m.prod,      [((0.5, 0.7, 1.3),), ([0.1, -2.0, 0.0],)], [0]),
]
# fmt: on

if hasattr(math, "sumprod"):
    MULTI.append(("sumprod", m.sumprod, [((0.5, 0.7), (1.3, -2.0))], [0, 1, (0, 1)]))
if hasattr(math, "fma"):
    MULTI.append(("fma", m.fma, [(0.5, 0.7, 1.3)], [0, 1, 2, (0, 1, 2)]))

UNARY_CASES = [pytest.param(f, x, id=f"{name}-{x}") for name, f, xs in UNARY for x in xs]
MULTI_CASES = [pytest.param(f, args, argnum, id=f"{name}-{args}-{argnum}")
               for name, f, points, argnums in MULTI for args in points for argnum in argnums]


@pytest.mark.parametrize("f, x", UNARY_CASES)
def test_unary_grads(f, x):
    check_grads(f, modes=MODES, order=2)(x)


@pytest.mark.parametrize("f, args, argnum", MULTI_CASES)
def test_multi_arg_grads(f, args, argnum):
    check_grads(f, argnum, modes=MODES, order=2)(*args)


def test_modf_grads():
    check_grads(m.modf, modes=MODES, order=2)(2.7)
    check_grads(lambda x: m.modf(x)[0] * m.modf(x)[1], modes=MODES, order=2)(-1.3)


@pytest.mark.parametrize("x", [0.3, 2.5, -0.5])
def test_third_order(x):
    check_grads(m.lgamma, modes=MODES, order=3)(x)
    check_grads(m.sin, modes=MODES, order=3)(x)


# ----------------------------------------------------------------- values

@pytest.mark.parametrize("f, x", UNARY_CASES)
def test_unary_values(f, x):
    raw = getattr(math, f.__name__, None)
    if raw is None:
        pytest.skip(f"math.{f.__name__} is newer than this Python")
    assert f(x) == raw(x)
    ans, _ = make_jvp(f)(x)(1.0)          # the value computed under a trace
    assert ans == raw(x)


@pytest.mark.parametrize("f, args, argnum", MULTI_CASES)
def test_multi_arg_values(f, args, argnum):
    raw = getattr(math, f.__name__)
    assert f(*args) == raw(*args)


def test_sequence_arguments():
    # Plain lists/tuples holding traced values, generators, ints, and start.
    assert grad(lambda x: m.fsum([x, 1e100, x, -1e100]))(0.5) == 2.0
    assert grad(lambda x: m.fsum(x * k for k in range(4)))(1.5) == 6.0
    assert grad(lambda x: m.prod([x, 3, x]))(2.0) == 12.0
    assert value_and_grad(lambda s: m.prod([2.0, 5.0], start=s))(3.0) == (30.0, 10.0)
    assert grad(lambda x: m.dist([x, 1], (0, 5)))(3.0) == 0.6
    check_grads(lambda x: m.dist([x, 1.0], (2, 3)) * m.prod([x, x, 2]), modes=MODES)(0.5)
    assert m.prod([2, 3]) == 6 and type(m.prod([2, 3])) is int


def test_complex_cotangent_reaches_real_input():
    # sin's output is used in complex arithmetic: the real input gets a real gradient.
    assert grad(lambda x: (m.sin(x) * (1 + 2j)).real)(0.3) == pytest.approx(math.cos(0.3))


def test_nested_derivatives():
    assert grad(grad(m.sin))(0.3) == pytest.approx(-math.sin(0.3))
    assert grad(grad(grad(m.exp)))(0.3) == pytest.approx(math.exp(0.3))
    assert grad(grad(m.hypot, 1), 0)(3.0, 4.0) == pytest.approx(-12 / 125)


# ----------------------------------------------------------------- conventions

def test_conventions_at_non_smooth_points():
    assert grad(m.fabs)(0.0) == 0.0
    assert grad(m.sqrt)(0.0) == math.inf
    assert grad(m.cbrt)(0.0) == math.inf
    assert grad(m.asin)(1.0) == math.inf
    assert grad(m.acos)(-1.0) == -math.inf
    assert grad(m.acosh)(1.0) == math.inf
    assert grad(m.copysign)(0.0, -1.0) == 0.0
    assert grad(m.copysign)(-2.0, 1.0) == -1.0
    assert grad(m.copysign, 1)(-2.0, 1.0) == 0.0
    assert grad(m.hypot)(0.0, 0.0) == 0.0
    assert grad(m.atan2)(0.0, 0.0) == 0.0 and grad(m.atan2, 1)(0.0, 0.0) == 0.0
    assert grad(m.dist)((1.0, 2.0), (1.0, 2.0)) == (0.0, 0.0)
    assert grad(m.pow)(0.0, 0.5) == math.inf
    assert grad(m.pow)(0.0, 1.0) == 1.0
    assert grad(m.pow)(0.0, 2.5) == 0.0
    assert grad(m.pow, 1)(0.0, 2.5) == 0.0
    assert math.isnan(grad(m.pow, 1)(-2.0, 3.0))


def test_polygamma_values():
    pg = m._raw_polygamma
    euler = 0.5772156649015329
    assert pg(0, 1.0) == pytest.approx(-euler, rel=1e-14)
    assert pg(0, 0.5) == pytest.approx(-euler - 2 * math.log(2), rel=1e-14)
    assert pg(1, 1.0) == pytest.approx(math.pi ** 2 / 6, rel=1e-14)
    assert pg(1, 0.5) == pytest.approx(math.pi ** 2 / 2, rel=1e-14)
    assert pg(2, 1.0) == pytest.approx(-2.4041138063191885, rel=1e-14)
    # reflection agrees with the recurrence: psi(x + 1) = psi(x) + 1 / x
    for x in (-0.5, -2.3, -7.9):
        assert pg(0, x + 1) == pytest.approx(pg(0, x) + 1 / x, rel=1e-12)
        assert pg(1, x + 1) == pytest.approx(pg(1, x) - 1 / x ** 2, rel=1e-12)
    assert math.isnan(pg(0, -3.0))


@pytest.mark.parametrize("n, x", [(0, 0.3), (1, 2.5), (2, -1.5), (3, 7.0)])
def test_polygamma_grads(n, x):
    check_grads(lambda x: m._polygamma(n, x), modes=MODES, order=2)(x)


def test_polygamma_against_scipy():
    special = pytest.importorskip("scipy.special")
    for n in range(4):
        for x in (0.01, 0.7, 3.3, 15.0, 150.0, -0.4, -3.7):
            assert m._raw_polygamma(n, x) == pytest.approx(float(special.polygamma(n, x)),
                                                           rel=1e-10)


# ----------------------------------------------------------------- non-differentiable

# fmt: off
NONDIFF = [
    ("ceil",      (2.3,)),          ("floor", (2.3,)),          ("trunc", (-2.7,)),
    ("isnan",     (2.3,)),          ("isinf", (2.3,)),          ("isfinite", (2.3,)),
    ("isclose",   (2.3, 2.3)),      ("frexp", (2.3,)),          ("nextafter", (2.3, 3.0)),
    ("ulp",       (2.3,)),
]
# fmt: on


@pytest.mark.parametrize("name, args", NONDIFF, ids=[n for n, _ in NONDIFF])
def test_nondiff_returns_constant_on_traced_input(name, args):
    f, raw = getattr(m, name), getattr(math, name)
    seen = []

    def traced(*xs):
        out = f(*xs)
        seen.append(out)
        return m.sin(xs[0])

    grad(traced, tuple(range(len(args))))(*args)
    assert not isbox(seen[0])
    assert seen[0] == raw(*args)


@pytest.mark.parametrize("name, args", [("factorial", (5,)), ("comb", (5, 2)), ("perm", (5, 2)),
                                        ("gcd", (12, 18)), ("lcm", (4, 6)), ("isqrt", (17,))])
def test_integer_functions(name, args):
    assert getattr(m, name)(*args) == getattr(math, name)(*args)


# ----------------------------------------------------------------- coverage

def _public_callables(module):
    return [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n))]


def test_every_name_is_exported():
    names = [n for n in dir(math) if not n.startswith("_")]
    assert [n for n in names if not hasattr(m, n)] == []
    assert sorted(m.__all__) == sorted(names)
    for const in ("pi", "e", "tau", "inf"):
        assert getattr(m, const) == getattr(math, const)
    assert math.isnan(m.nan)


def test_every_function_has_rules_or_is_nondiff():
    reg = active()
    missing = []
    for name in _public_callables(math):
        raw = getattr(math, name)
        if not ((raw in reg.vjps and raw in reg.jvps) or raw in reg.nondiff):
            missing.append(name)
    assert missing == []


def test_every_differentiable_function_has_a_test_row():
    tested = {getattr(f, "__name__", None) for _, f, _ in UNARY}
    tested |= {getattr(f, "__name__", None) for _, f, _, _ in MULTI}
    tested |= {"modf"}
    reg = active()
    untested = [n for n in _public_callables(math)
                if getattr(math, n) in reg.vjps and n not in tested]
    assert untested == []


def test_core_imports_no_numpy():
    code = ("import sys, autograd.math, autograd.cmath; "
            "assert 'numpy' not in sys.modules, 'numpy imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
