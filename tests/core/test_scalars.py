"""Python ``float`` and ``complex`` as traced values: operators, conversions, comparisons.

One row per operator form (plain, reflected, int / bool / complex operand); each
row gives the hand-computed derivative and is also checked against finite
differences in forward and reverse mode, to second order.
"""

import math

import pytest

from autograd import deriv, grad, holomorphic_grad, make_jvp, make_vjp
from autograd.scalars import ComplexBox, FloatBox
from autograd.test_util import check_grads
from autograd.tracing import Box

X = 2.5
LN2 = math.log(2.0)

# fmt: off
FLOAT_CASES = [
    # (id,            f,                          x,     df/dx at x)
    ("add",           lambda x: x + 3.0,          X,     1.0),
    ("radd",          lambda x: 3.0 + x,          X,     1.0),
    ("add-int",       lambda x: x + 3,            X,     1.0),
    ("radd-int",      lambda x: 3 + x,            X,     1.0),
    ("add-self",      lambda x: x + x,            X,     2.0),
    ("sub",           lambda x: x - 3.0,          X,     1.0),
    ("rsub",          lambda x: 3.0 - x,          X,     -1.0),
    ("rsub-int",      lambda x: 3 - x,            X,     -1.0),
    ("mul",           lambda x: x * 3.0,          X,     3.0),
    ("rmul",          lambda x: 3.0 * x,          X,     3.0),
    ("mul-int",       lambda x: x * 3,            X,     3.0),
    ("mul-bool",      lambda x: x * True,         X,     1.0),
    ("mul-self",      lambda x: x * x,            X,     2 * X),
    ("truediv",       lambda x: x / 4.0,          X,     0.25),
    ("rtruediv",      lambda x: 5.0 / x,          X,     -5.0 / X ** 2),
    ("rtruediv-int",  lambda x: 1 / (1 + x),      X,     -1.0 / (1 + X) ** 2),
    ("floordiv",      lambda x: x // 2.0,         X,     0.0),
    ("rfloordiv",     lambda x: 7.0 // x,         X,     0.0),
    ("mod",           lambda x: x % 2.0,          X,     1.0),
    ("rmod",          lambda x: 7.0 % x,          X,     -math.floor(7.0 / X)),
    ("divmod-q",      lambda x: divmod(x, 2.0)[0], X,    0.0),
    ("divmod-r",      lambda x: divmod(x, 2.0)[1], X,    1.0),
    ("rdivmod-r",     lambda x: divmod(7.0, x)[1], X,    -2.0),
    ("pow-int",       lambda x: x ** 3,           X,     3 * X ** 2),
    ("pow-float",     lambda x: x ** 3.0,         X,     3 * X ** 2),
    ("pow-half",      lambda x: x ** 0.5,         X,     0.5 / math.sqrt(X)),
    ("pow-negative",  lambda x: x ** -2,          X,     -2 * X ** -3),
    ("rpow",          lambda x: 2.0 ** x,         X,     2.0 ** X * LN2),
    ("rpow-int",      lambda x: 2 ** x,           X,     2.0 ** X * LN2),
    ("pow-self",      lambda x: x ** x,           X,     X ** X * (math.log(X) + 1)),
    ("neg",           lambda x: -x,               X,     -1.0),
    ("pos",           lambda x: +x,               X,     1.0),
    ("abs",           lambda x: abs(x),           X,     1.0),
    ("abs-negative",  lambda x: abs(x),           -X,    -1.0),
    ("abs-of-neg",    lambda x: abs(-x),          X,     1.0),
    ("complex-imag",  lambda x: (x * 1j).imag,    X,     1.0),
    ("complex-real",  lambda x: (x * (1 + 1j)).real, X,  1.0),
    ("complex-abs2",  lambda x: abs(x + 1j * x) ** 2, X, 4 * X),
    ("real-attr",     lambda x: x.real * x,       X,     2 * X),
    ("conjugate",     lambda x: x.conjugate() * x, X,    2 * X),
    ("rational",      lambda x: x ** 3 / (1 + x * x), X,
                      (3 * X ** 2 * (1 + X * X) - 2 * X ** 4) / (1 + X * X) ** 2),
]

Z = 1 + 2j

COMPLEX_CASES = [
    # (id,            f: complex -> real,           z,   dL/dx - i dL/dy)
    ("abs2",          lambda z: abs(z) ** 2,        Z,   2 * Z.conjugate()),
    ("abs",           lambda z: abs(z),             Z,   Z.conjugate() / abs(Z)),
    ("conj-times",    lambda z: (z.conjugate() * z).real, Z, 2 * Z.conjugate()),
    # L = Re f(z) for holomorphic f: the gradient is f'(z)
    ("re-square",     lambda z: (z * z).real,       Z,   2 * Z),
    ("re-cube",       lambda z: (z ** 3).real,      Z,   3 * Z ** 2),
    ("re-inverse",    lambda z: (1 / z).real,       Z,   -1 / Z ** 2),
    # L = Im f(z): the gradient is -i f'(z)
    ("im-square",     lambda z: (z * z).imag,       Z,   -2j * Z),
    ("real",          lambda z: z.real,             Z,   1.0),
    ("imag",          lambda z: z.imag,             Z,   -1j),
    ("re-mixed",      lambda z: (z - 2.0 * z.conjugate()).real, Z, -1.0),
    ("re-sub-add",    lambda z: (3.0 - z + z * 2).real, Z, 1.0),
]

HOLOMORPHIC_CASES = [
    # (id,            f,                            z,   f'(z))
    ("square",        lambda z: z * z,              Z,   2 * Z),
    ("pow",           lambda z: z ** 2,             Z,   2 * Z),
    ("cube-plus",     lambda z: z * z * z + 2 * z,  Z,   3 * Z ** 2 + 2),
    ("inverse",       lambda z: 1 / z,              Z,   -1 / Z ** 2),
    ("affine",        lambda z: (2 + 1j) * z - 1j,  Z,   2 + 1j),
]
# fmt: on

def ids(cases):
    return [c[0] for c in cases]


def close(a, b, tol=1e-10):
    return abs(a - b) <= tol * max(1.0, abs(b))


@pytest.mark.parametrize("name, f, x, expected", FLOAT_CASES, ids=ids(FLOAT_CASES))
def test_float_operator_gradient(name, f, x, expected):
    assert close(grad(f)(x), expected)
    assert close(deriv(f)(x), expected)


@pytest.mark.filterwarnings("ignore:Output seems independent")  # rules of // are zero
@pytest.mark.parametrize("name, f, x, expected", FLOAT_CASES, ids=ids(FLOAT_CASES))
def test_float_operator_check_grads(name, f, x, expected):
    check_grads(f, modes=["fwd", "rev"], order=2)(x)


@pytest.mark.parametrize("name, f, z, expected", COMPLEX_CASES, ids=ids(COMPLEX_CASES))
def test_complex_input_gradient_convention(name, f, z, expected):
    g = grad(f)(z)
    assert type(g) is complex
    assert close(g, expected)
    # the convention, spelled out with finite differences on x and y
    h = 1e-6
    dx = (f(z + h) - f(z - h)) / (2 * h)
    dy = (f(z + 1j * h) - f(z - 1j * h)) / (2 * h)
    assert abs(g - (dx - 1j * dy)) < 1e-6


@pytest.mark.parametrize("name, f, z, expected", COMPLEX_CASES, ids=ids(COMPLEX_CASES))
def test_complex_input_check_grads(name, f, z, expected):
    check_grads(f, modes=["fwd", "rev"], order=2)(z)


@pytest.mark.parametrize("name, f, z, expected", HOLOMORPHIC_CASES, ids=ids(HOLOMORPHIC_CASES))
def test_holomorphic(name, f, z, expected):
    assert close(holomorphic_grad(f)(z), expected)
    # deriv's tangent is ones() = 1+1j, the sum of the standard basis (HIPS's
    # convention), so it gives f'(z) * (1 + 1j)
    assert close(deriv(f)(z), expected * (1 + 1j))
    assert close(make_jvp(f)(z)(1.0 + 0j)[1], expected)
    assert close(make_jvp(f)(z)(1j)[1], expected * 1j)
    check_grads(f, modes=["fwd", "rev"], order=2)(z)


def test_abs_at_zero_has_zero_gradient():
    assert grad(abs)(0.0) == 0.0
    assert grad(lambda z: abs(z))(0j) == 0j


def test_pow_at_zero_base():
    assert grad(lambda x: x ** 2)(0.0) == 0.0
    assert grad(lambda x: x ** 1)(0.0) == 1.0
    assert grad(lambda x: x ** 0)(0.0) == 0.0
    assert grad(lambda x: x ** 0.5)(0.0) == math.inf
    assert grad(lambda y: 0.0 ** y, 0)(2.0) == 0.0


# ----------------------------------------------------------------- boxes themselves

def inside(f, x=X):
    """Run ``f`` on the box that ``make_vjp`` passes in; return what it returned."""
    seen = []

    def probe(b):
        seen.append(f(b))
        return b * 1.0

    make_vjp(probe)(x)
    return seen[0]


def test_box_types():
    assert inside(type) is FloatBox
    assert inside(type, 1 + 1j) is ComplexBox
    assert inside(lambda b: type(b * 1j)) is ComplexBox
    assert inside(lambda b: isinstance(b, Box))


# fmt: off
COMPARISONS = [
    ("lt",  lambda b: b < 3.0,      True),
    ("le",  lambda b: b <= 2.5,     True),
    ("gt",  lambda b: b > 3.0,      False),
    ("ge",  lambda b: b >= 2.5,     True),
    ("eq",  lambda b: b == 2.5,     True),
    ("ne",  lambda b: b != 2.5,     False),
    ("rlt", lambda b: 3.0 < b,      False),
    ("rgt", lambda b: 3 > b,        True),
    ("box-box", lambda b: b < b * 2.0, True),
    ("eq-self", lambda b: b == b,   True),
]
# fmt: on


@pytest.mark.parametrize("name, cmp, expected", COMPARISONS, ids=ids(COMPARISONS))
def test_comparisons_return_plain_bools(name, cmp, expected):
    result = inside(cmp)
    assert type(result) is bool
    assert result is expected


def test_branching_on_a_box():
    def f(x):
        if x > 0:
            return x * x
        return -x
    assert grad(f)(3.0) == 6.0
    assert grad(f)(-3.0) == -1.0


def test_float_of_a_box_raises_a_clear_error():
    with pytest.raises(TypeError, match=r"float\(\) of a traced value") as info:
        grad(lambda x: float(x))(1.0)
    assert "stop_gradient" in str(info.value)


def test_complex_of_a_box_raises_a_clear_error():
    with pytest.raises(TypeError, match=r"complex\(\) of a traced value"):
        grad(lambda x: complex(x).real)(1.0)


# fmt: off
CONVERSIONS = [
    ("int",         int,                          2.7,  2),
    ("int-neg",     int,                          -2.7, -2),
    ("round",       round,                        2.7,  3),
    ("round-half",  round,                        2.5,  2),
    ("round-ndigits", lambda b: round(b, 1),      2.75, 2.8),
    ("floor",       math.floor,                   2.7,  2),
    ("ceil",        math.ceil,                    2.2,  3),
    ("trunc",       math.trunc,                   -2.7, -2),
    ("bool-true",   bool,                         2.7,  True),
    ("bool-false",  bool,                         0.0,  False),
    ("is_integer",  lambda b: b.is_integer(),     3.0,  True),
    ("index",       lambda b: [10, 20, 30][int(b)], 1.2, 20),
]
# fmt: on


@pytest.mark.parametrize("name, conv, x, expected", CONVERSIONS, ids=ids(CONVERSIONS))
def test_conversions_that_keep_working(name, conv, x, expected):
    result = inside(conv, x)
    assert type(result) is type(expected)
    assert result == expected


def test_conversions_drop_the_derivative_without_error():
    assert grad(lambda x: int(x) + round(x) + x)(1.4) == 1.0


def test_box_is_hashable_and_has_a_readable_repr():
    text = inside(repr)
    assert "FloatBox" in text and "2.5" in text
    assert isinstance(inside(hash), int)
    assert inside(lambda b: {b: 1}[b]) == 1


def test_complex_box_attributes():
    assert inside(lambda b: (b.real, b.imag, b.conjugate()), 1 + 2j) is not None
    assert grad(lambda z: z.real * z.imag)(1 + 2j) == 2 - 1j   # L = xy: y - i x


def test_operator_with_unknown_type_returns_not_implemented():
    class Other:
        def __radd__(self, other):
            return "other.__radd__"

    assert inside(lambda b: b + Other()) == "other.__radd__"
    with pytest.raises(TypeError):
        inside(lambda b: b * object())


def test_nested_derivatives_of_operators():
    # d/dx [d/dy (x y^2)](y = x) = d/dx (2 x^2) = 4x
    assert grad(lambda x: grad(lambda y: x * y ** 2)(x))(3.0) == 12.0
    # third derivative of 1/(1+x) is -6/(1+x)^4
    assert close(grad(grad(grad(lambda x: 1 / (1 + x))))(0.5), -6 / 1.5 ** 4)
