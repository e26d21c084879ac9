"""Errors and warnings users meet, each with a check of what the message says."""

import warnings
from collections import namedtuple

import pytest

from autograd import (
    deriv, elementwise_grad, grad, grad_and_aux, grad_named, hessian, holomorphic_grad,
    jacfwd, jacobian, make_jvp, make_vjp, value_and_grad,
)
from autograd.extend import MissingRuleError, isolated, primitive

P = namedtuple("P", "a b")


# ----------------------------------------------------------------- bad input types

# fmt: off
BAD_INPUTS = [
    # (id,        value)
    ("int",       1),
    ("bool",      True),
    ("str",       "1.0"),
    ("none",      None),
    ("object",    object()),
    ("set",       {1.0}),
]
# fmt: on


@pytest.mark.parametrize("name, value", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
@pytest.mark.parametrize("operator", [grad, deriv, value_and_grad, jacobian, elementwise_grad],
                         ids=lambda op: op.__name__)
def test_differentiating_wrt_an_unsupported_type(name, value, operator):
    with pytest.raises(TypeError) as info:
        operator(lambda x: x * 2.0)(value)
    message = str(info.value)
    assert type(value).__name__ in message
    assert "float" in message and "1.0 instead of 1" in message


def test_int_argument_among_others_names_the_problem():
    with pytest.raises(TypeError, match=r"'int'.*1\.0 instead of 1"):
        grad(lambda x, y: x * y, 1)(2.0, 3)


def test_int_inside_a_container_input():
    with pytest.raises(TypeError, match="'int'"):
        grad(lambda t: t[0] * t[1])((2.0, 3))


# ----------------------------------------------------------------- bad outputs for grad

# fmt: off
NON_SCALAR_OUTPUTS = [
    ("tuple",      lambda x: (x, x),             "tuple"),
    ("list",       lambda x: [x * 2.0],          "list"),
    ("dict",       lambda x: {"a": x},           "dict"),
    ("namedtuple", lambda x: P(x, x),            "P"),
]
# fmt: on


@pytest.mark.parametrize("name, f, typename", NON_SCALAR_OUTPUTS,
                         ids=[c[0] for c in NON_SCALAR_OUTPUTS])
@pytest.mark.parametrize("operator", [grad, value_and_grad], ids=lambda op: op.__name__)
def test_grad_of_a_non_scalar_output(name, f, typename, operator):
    with pytest.raises(TypeError) as info:
        operator(f)(1.0)
    message = str(info.value)
    assert "real scalar output" in message and typename in message
    assert "jacobian" in message
    assert jacobian(f)(1.0) is not None            # the suggested operator works


def test_grad_and_aux_checks_its_value_part():
    with pytest.raises(TypeError, match="real scalar output"):
        grad_and_aux(lambda x: ((x, x), "aux"))(1.0)
    with pytest.raises(TypeError, match="pair"):
        grad_and_aux(lambda x: x * 2.0)(1.0)


@pytest.mark.parametrize("f", [lambda x: x * 1j, lambda z: z * z, lambda z: z.conjugate()],
                         ids=["real-to-complex", "complex-to-complex", "conjugate"])
def test_grad_of_a_complex_output_suggests_holomorphic_grad(f):
    with pytest.raises(TypeError) as info:
        grad(f)(1.0 + 0j)
    message = str(info.value)
    assert "complex" in message and "holomorphic_grad" in message


def test_jacobian_of_a_complex_output_is_refused():
    with pytest.raises(TypeError, match="complex"):
        jacobian(lambda x: x * 1j)(1.0)


def test_jacfwd_of_a_complex_input_is_refused():
    with pytest.raises(TypeError, match="complex"):
        jacfwd(lambda z: abs(z))(1j)


# ----------------------------------------------------------------- outputs independent of the input

# fmt: off
INDEPENDENT = [
    # (id,           f,                          x,                              zero gradient)
    ("constant",     lambda x: 3.0,              1.0,                            0.0),
    ("int-output",   lambda x: 3,                1.0,                            0.0),
    ("via-int",      lambda x: float(int(x)),    1.5,                            0.0),
    ("complex-in",   lambda z: 2.0,              1j,                             0j),
    ("tuple",        lambda t: 1.0,              (1.0, 2.0),                     (0.0, 0.0)),
    ("dict", lambda d: 1.0, {"a": 1.0, "b": (2.0, 3.0)}, {"a": 0.0, "b": (0.0, 0.0)}),
    ("namedtuple",   lambda p: 2.0,              P(1.0, 2.0),                    P(0.0, 0.0)),
    ("list-of-dict", lambda l: 0.0,              [{"k": 1.0}],                   [{"k": 0.0}]),
]
# fmt: on


@pytest.mark.parametrize("name, f, x, zeros", INDEPENDENT, ids=[c[0] for c in INDEPENDENT])
def test_output_independent_of_input_warns_and_gives_zeros(name, f, x, zeros):
    with pytest.warns(UserWarning, match="independent of input") as record:
        g = grad(f)(x)
    assert g == zeros and type(g) is type(zeros)
    # the warning points at the caller, not at autograd's internals
    assert record[0].filename == __file__


def test_boolean_output_of_grad_raises():
    # A bool output used to warn and give zeros like any constant; a NumPy bool_
    # raised.  Both raise now: a boolean has no gradient, and returning one from
    # the function being differentiated is almost always a mistake (returning
    # ``loss < tol`` instead of ``loss``), which zeros would hide.
    for op in (grad, value_and_grad):
        with pytest.raises(TypeError, match="boolean"):
            op(lambda x: x > 0.0)(1.0)


def test_independent_output_of_other_operators_warns():
    with pytest.warns(UserWarning, match="independent"):
        assert make_vjp(lambda x: 1.0)((1.0, 2.0))[0](1.0) == (0.0, 0.0)
    with pytest.warns(UserWarning, match="independent"):
        assert elementwise_grad(lambda x: 1.0)(2.0) == 0.0


def test_partially_independent_output_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert grad(lambda t: t[0] * 2.0)((1.0, 5.0)) == (2.0, 0.0)


# ----------------------------------------------------------------- missing rules

def test_primitive_without_rules_names_the_function():
    def no_rules_here(x):
        return x * 3.0

    f = primitive(no_rules_here)
    with isolated():
        with pytest.raises(MissingRuleError, match=r"VJP of .*no_rules_here"):
            grad(f)(1.0)
        with pytest.raises(MissingRuleError, match=r"JVP of .*no_rules_here"):
            deriv(f)(1.0)
        with pytest.raises(MissingRuleError, match="no_rules_here"):
            hessian(lambda x: f(x) * x)(1.0)
        assert f(1.0) == 3.0          # calling it on plain values still works


def test_missing_rule_error_is_raised_at_the_call_site_during_tracing():
    def undefined_rule(x):
        return x

    f = primitive(undefined_rule)
    reached = []

    def g(x):
        y = f(x)
        reached.append(True)
        return y

    with isolated(), pytest.raises(MissingRuleError):
        grad(g)(1.0)
    assert reached == []


# ----------------------------------------------------------------- bad operator arguments

def test_argnum_errors():
    with pytest.raises(IndexError, match="argnum 3 is out of range"):
        grad(lambda x, y: x * y, 3)(1.0, 2.0)
    with pytest.raises(IndexError, match="pass the argument positionally"):
        grad(lambda x, y: x * y, 1)(1.0, y=2.0)
    with pytest.raises(TypeError, match="argnum must be an int"):
        grad(lambda x: x, "x")(1.0)


def test_grad_named_unknown_argument():
    with pytest.raises(ValueError, match="no argument 'z'"):
        grad_named(lambda x, y: x * y, "z")


def test_holomorphic_grad_of_real_input_warns():
    with pytest.warns(UserWarning, match="not complex"):
        holomorphic_grad(lambda x: x * x)(1.0)


def test_float_of_a_traced_value():
    with pytest.raises(TypeError, match=r"float\(\) of a traced value would silently drop"):
        grad(lambda x: float(x) * x)(1.0)
    with pytest.raises(TypeError, match="stop_gradient"):
        make_jvp(lambda x: float(x))(1.0)(1.0)
