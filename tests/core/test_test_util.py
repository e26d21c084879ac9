"""The gradient oracle itself: it passes correct rules and catches wrong ones."""

import math
from collections import namedtuple

import pytest

from autograd.extend import defjvp, defvjp, getval, isolated, primitive
from autograd.test_util import (
    check_equivalent, check_grads, check_jvp, check_vjp, combo_check, numerical_jvp,
    scalar_close,
)


@pytest.fixture(autouse=True)
def private_registry():
    with isolated():
        yield


def _sin(x):
    return math.sin(x)


def _cos(x):
    return math.cos(x)


def sin_with(vjp_factor=1.0, jvp_factor=1.0, cos_factor=1.0):
    """A sin primitive whose VJP / JVP (or whose derivative's rules) may be off."""
    sin, cos = primitive(_sin), primitive(_cos)
    defvjp(sin, lambda ans, x: lambda g: vjp_factor * g * cos(x))
    defjvp(sin, lambda t, ans, x: jvp_factor * t * cos(x))
    # sin' = cos is correct; cos' is scaled by cos_factor (wrong unless 1)
    defvjp(cos, lambda ans, x: lambda g: -cos_factor * g * sin(x))
    defjvp(cos, lambda t, ans, x: -cos_factor * t * sin(x))
    return sin


P = namedtuple("P", "a b")


# ----------------------------------------------------------------- check_grads

# fmt: off
CORRECT = [
    # (id,              f,                                                      args)
    ("sin",             lambda x: sin_with()(x),                                (0.3,)),
    ("product",         lambda x: x * sin_with()(x) * x,                        (0.3,)),
    ("rational",        lambda x: 1 / (1 + x * x),                              (0.7,)),
    ("complex",         lambda z: z * z * z,                                    (0.3 + 0.4j,)),
    ("complex-to-real", lambda z: abs(z) ** 2,                                  (0.3 + 0.4j,)),
    ("tuple",           lambda t: t[0] * sin_with()(t[1]),                      ((0.3, 0.5),)),
    ("dict-to-dict", lambda d: {"a": d["x"] * d["y"], "b": [d["x"] ** 3]}, ({"x": 0.3, "y": 0.5},)),
    ("namedtuple",      lambda p: P(p.a * p.b, p.a - p.b),                      (P(0.3, 0.5),)),
]
# fmt: on


@pytest.mark.parametrize("name, f, args", CORRECT, ids=[c[0] for c in CORRECT])
@pytest.mark.parametrize("modes", [["fwd"], ["rev"], ["fwd", "rev"]], ids="+".join)
def test_check_grads_passes_correct_rules(name, f, args, modes):
    check_grads(f, modes=modes, order=2)(*args)


def test_check_grads_with_argnums():
    sin = sin_with()
    check_grads(lambda x, y: x * sin(y), argnum=(0, 1))(0.3, 0.5)
    check_grads(lambda x, y: x * sin(y), argnum=1)(0.3, 0.5)
    check_grads(lambda x, y: x * sin(y), argnum=[0, 1], order=1)(0.3, 0.5)


def test_check_grads_third_order():
    check_grads(lambda x: sin_with()(x) * x, order=3)(0.4)


# fmt: off
WRONG = [
    # (id,                   rules,                     modes,          order, message)
    ("wrong-vjp",            dict(vjp_factor=1.1),      ["rev"],        1,     "VJP"),
    ("wrong-vjp-both-modes", dict(vjp_factor=1.1),      ["fwd", "rev"], 2,     "VJP"),
    ("wrong-jvp",            dict(jvp_factor=1.1),      ["fwd"],        1,     "JVP"),
    ("wrong-jvp-both-modes", dict(jvp_factor=1.1),      ["fwd", "rev"], 2,     "JVP"),
    ("wrong-vjp-sign",       dict(vjp_factor=-1.0),     ["rev"],        1,     "VJP"),
    ("wrong-2nd-rev",        dict(cos_factor=1.3),      ["rev"],        2,     "vjp_"),
    ("wrong-2nd-fwd",        dict(cos_factor=1.3),      ["fwd"],        2,     "jvp_"),
    ("wrong-2nd-both",       dict(cos_factor=1.3),      ["fwd", "rev"], 2,     "check"),
]
# fmt: on


@pytest.mark.parametrize("name, rules, modes, order, message", WRONG, ids=[c[0] for c in WRONG])
def test_check_grads_fails_on_a_wrong_rule(name, rules, modes, order, message):
    sin = sin_with(**rules)
    with pytest.raises(AssertionError, match=message):
        check_grads(sin, modes=modes, order=order)(0.3)


def test_wrong_vjp_is_invisible_to_forward_mode_and_vice_versa():
    check_grads(sin_with(vjp_factor=1.1), modes=["fwd"], order=1)(0.3)
    check_grads(sin_with(jvp_factor=1.1), modes=["rev"], order=1)(0.3)


def test_only_a_wrong_second_derivative_needs_order_two():
    sin = sin_with(cos_factor=1.3)
    check_grads(sin, order=1)(0.3)              # the first derivative is right
    with pytest.raises(AssertionError):
        check_grads(sin, order=2)(0.3)


def test_check_grads_catches_a_wrong_rule_inside_a_composition():
    sin = sin_with(vjp_factor=0.9)
    with pytest.raises(AssertionError, match="VJP"):
        check_grads(lambda t: t[0] * sin(t[1]), modes=["rev"], order=1)((0.3, 0.5))


def test_check_grads_catches_a_wrong_complex_rule():
    conj_wrong = primitive(lambda z: z * z)
    defvjp(conj_wrong, lambda ans, z: lambda g: g * 2 * z.conjugate())   # should be g * 2z
    defjvp(conj_wrong, lambda t, ans, z: t * 2 * z)
    check_grads(conj_wrong, modes=["fwd"], order=1)(0.3 + 0.4j)
    with pytest.raises(AssertionError, match="VJP"):
        check_grads(conj_wrong, modes=["rev"], order=1)(0.3 + 0.4j)


def test_check_grads_rejects_unknown_modes():
    with pytest.raises(ValueError, match="mode"):
        check_grads(lambda x: x * x, modes=["sideways"])(1.0)


def test_check_grads_is_repeatable():
    seen = []

    def f(x):
        seen.append(x)
        return x * x

    check_grads(f, order=1)(0.5)
    first = list(seen)
    seen.clear()
    check_grads(f, order=1)(0.5)
    assert seen == first


# ----------------------------------------------------------------- check_vjp / check_jvp

def test_check_vjp_and_check_jvp():
    good = sin_with()
    check_vjp(good, 0.3)
    check_jvp(good, 0.3)
    check_vjp(lambda t: (t[0] * t[1], t[1]), (0.3, 0.5))
    check_jvp(lambda t: {"p": t[0] * t[1]}, (0.3, 0.5))
    with pytest.raises(AssertionError, match="VJP"):
        check_vjp(sin_with(vjp_factor=1.1), 0.3)
    with pytest.raises(AssertionError, match="JVP"):
        check_jvp(sin_with(jvp_factor=1.1), 0.3)


def test_check_vjp_rejects_a_cotangent_of_the_wrong_space():
    bad = primitive(lambda x: 2.0 * x)
    defvjp(bad, lambda ans, x: lambda g: (g, g))          # a tuple for a float
    with pytest.raises(AssertionError, match="wrong space"):
        check_vjp(bad, 0.3)


def test_numerical_jvp():
    jvp = numerical_jvp(lambda x: x ** 3, 2.0)
    assert jvp(1.0) == pytest.approx(12.0, rel=1e-6)
    jvp = numerical_jvp(lambda t: (t[0] * t[1], t[0]), (2.0, 3.0))
    a, b = jvp((1.0, 0.0))
    assert (a, b) == (pytest.approx(3.0), pytest.approx(1.0))


# ----------------------------------------------------------------- check_equivalent

# fmt: off
EQUIVALENT = [
    ("floats",         1.0,                      1.0 + 1e-9),
    ("complex",        1 + 2j,                   1 + 2j),
    ("containers",     (1.0, [2.0, {"a": 3.0}]), (1.0, [2.0, {"a": 3.0 + 1e-12}])),
    ("namedtuple",     P(1.0, 2.0),              P(1.0, 2.0)),
]

NOT_EQUIVALENT = [
    # (id,             x,                        y,                         message)
    ("values",         1.0,                      1.1,                       "Values differ"),
    ("float-complex",  1.0,                      1.0 + 0j,                  "VSpace mismatch"),
    ("list-tuple",     (1.0, [2.0]),             (1.0, (2.0,)),             "VSpace mismatch"),
    ("length",         (1.0, 2.0),               (1.0,),                    "VSpace mismatch"),
    ("dict-keys",      {"a": 1.0},               {"b": 1.0},                "VSpace mismatch"),
    ("leaf",           (1.0, [2.0]),             (1.0, [2.5]),              "Values differ"),
]
# fmt: on


@pytest.mark.parametrize("name, x, y", EQUIVALENT, ids=[c[0] for c in EQUIVALENT])
def test_check_equivalent_accepts(name, x, y):
    check_equivalent(x, y)


@pytest.mark.parametrize("name, x, y, message", NOT_EQUIVALENT, ids=[c[0] for c in NOT_EQUIVALENT])
def test_check_equivalent_rejects(name, x, y, message):
    with pytest.raises(AssertionError, match=message):
        check_equivalent(x, y)


# ----------------------------------------------------------------- combo_check and scalar_close

def test_combo_check_tries_every_combination():
    calls = set()

    def power(x, y, k=1.0):
        calls.add((round(getval(x), 3), k))
        return x ** y * k

    combo_check(power, [0, 1], modes=["rev"], order=1)([1.5, 2.0], [2.0, 3.0], k=[1.0, 2.0])
    assert {k for _, k in calls} == {1.0, 2.0}
    assert {x for x, _ in calls} == {1.5, 2.0}


def test_combo_check_fails_on_a_wrong_rule():
    sin = sin_with(vjp_factor=1.5)
    with pytest.raises(AssertionError):
        combo_check(lambda x, y: sin(x) * y, [0], modes=["rev"], order=1)([0.1, 0.2], [1.0])


# fmt: off
SCALAR_CLOSE = [
    # (a,      b,              kwargs,                  expected)
    (1.0,      1.0 + 1e-9,     {},                      True),
    (1.0,      1.1,            {},                      False),
    (0.0,      1e-8,           {},                      True),     # absolute tolerance
    (1e8,      1e8 + 1.0,      {},                      True),     # relative tolerance
    (1.0,      1.05,           {"rtol": 0.1},           True),
    (0.0,      0.5,            {"atol": 1.0},           True),
    (1 + 1j,   1 + 1j,         {},                      True),
    (1j,       -1j,            {},                      False),
]
# fmt: on


@pytest.mark.parametrize("a, b, kwargs, expected", SCALAR_CLOSE)
def test_scalar_close(a, b, kwargs, expected):
    assert scalar_close(a, b, **kwargs) is expected
