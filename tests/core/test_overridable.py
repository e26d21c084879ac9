"""autograd.extend.overridable: a composite that users may give a rule of its own."""

import warnings

import pytest

import autograd.math as m
from autograd import grad, make_jvp
from autograd.extend import defjvp, defvjp, isolated, overridable
from autograd.test_util import check_grads


def _softplus(x):
    return m.log1p(m.exp(x))


def test_without_a_rule_it_is_differentiated_as_composed():
    with isolated():
        f = overridable(_softplus)
        assert f.__name__ == "_softplus" and f.__wrapped__ is _softplus
        assert abs(grad(f)(0.3) - 1 / (1 + m.exp(-0.3))) < 1e-15
        check_grads(f, modes=["fwd", "rev"], order=2)(0.3)


def test_a_users_rule_is_the_one_used_in_both_modes():
    used = []
    with isolated():
        f = overridable(_softplus)
        with warnings.catch_warnings():
            warnings.simplefilter("error")   # no "never used" warning: it is used
            defvjp(f, lambda ans, x: lambda g: (used.append("vjp"), 2.0 * g)[1])
            defjvp(f, lambda t, ans, x: (used.append("jvp"), 3.0 * t)[1])
        assert grad(f)(0.3) == 2.0
        assert make_jvp(f)(0.3)(1.0)[1] == 3.0
        assert f(0.3) == _softplus(0.3)               # plain calls unchanged
        assert used == ["vjp", "jvp"]
    f = overridable(_softplus)                         # the rule stayed in the isolated registry
    assert abs(grad(f)(0.3) - 1 / (1 + m.exp(-0.3))) < 1e-15


def test_traced_keyword_arguments_are_refused_once_it_has_a_rule():
    def scaled(x, scale=1.0):
        return x * scale

    with isolated():
        f = overridable(scaled)
        defvjp(f, lambda ans, x, scale=1.0: lambda g: g * scale)
        assert grad(lambda s: f(2.0, 3.0) * s)(1.0) == 6.0
        with pytest.raises(TypeError, match="positionally"):
            grad(lambda s: f(2.0, scale=s))(1.0)


def test_is_primitive_tells_primitives_from_composites():
    from autograd.extend import is_primitive, mark_primitive, notrace_primitive, primitive

    def raw(x):
        return x

    def own_wrapper(x):
        return raw(x)

    assert is_primitive(primitive(raw)) and is_primitive(notrace_primitive(raw))
    assert is_primitive(mark_primitive(own_wrapper, raw)) and is_primitive(m.sin)
    assert not is_primitive(raw) and not is_primitive(overridable(_softplus))
