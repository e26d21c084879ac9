"""Derivatives of jv, yv, iv, kv (and the scaled jve, yve, ive, kve) in their real order,
and of hyp1f1 / hyp2f1 in their parameters: against Richardson-extrapolated differences
of SciPy's functions (to 1e-8), both modes; second order for the Bessel functions (in
the order, the argument and mixed); the refusals that remain."""

import warnings

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.scipy.special as sp
from autograd import grad, make_jvp
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

from .differences import richardson


BESSEL = ["jv", "yv", "iv", "kv", "jve", "yve", "ive", "kve"]
ORDERS = [0.0, 0.5, 1.3, 2.0, -0.7, 5.5]
ARGS = [0.1, 1.0, 5.0, 20.0]


@pytest.mark.parametrize("name", BESSEL)
def test_bessel_order_derivative_matches_differences(name):
    f, raw = getattr(sp, name), getattr(ssp, name)
    for v in ORDERS:
        for x in ARGS:
            want = richardson(lambda t, x=x: raw(t, x), v)
            scale = abs(raw(v, x)) + abs(want)      # differences lose digits of the function
            rev = grad(f, 0)(v, x)
            fwd = make_jvp(lambda t, x=x: f(t, x))(v)(1.0)[1]
            assert abs(rev - want) <= 1e-8 * scale, (name, v, x, rev, want)
            assert abs(fwd - rev) <= 1e-12 * scale


@pytest.mark.parametrize("name", ["jv", "yv", "iv", "kv"])
@pytest.mark.parametrize("shape", [None, (3,), (2, 3)])
def test_bessel_order_second_order(name, shape):
    f = getattr(sp, name)
    rng = onp.random.default_rng(1)
    v = 0.3 + rng.uniform(0, 2, shape) if shape else 0.7
    x = 0.5 + rng.uniform(0, 3, shape) if shape else 1.7
    check_grads(f, modes=["fwd", "rev"], order=2)(v, x)


def test_bessel_order_broadcasts():
    v = onp.array([[0.3], [1.1]])
    x = onp.array([0.5, 2.0, 4.0])
    check_grads(lambda v: sp.jv(v, x), modes=["fwd", "rev"], order=1)(v)
    check_grads(lambda x: sp.kv(v, x), modes=["fwd", "rev"], order=2)(x)


def test_bessel_order_at_zero_is_exact():
    # K is even in the order; dI_v/dv at v = 0 is -K_0
    assert grad(sp.kv, 0)(0.0, 3.0) == 0.0
    onp.testing.assert_allclose(grad(sp.iv, 0)(0.0, 60.0), -ssp.k0(60.0), rtol=1e-12)


def test_bessel_order_complex_argument_refused():
    with pytest.raises(MissingRuleError, match="order v.*real argument"):
        grad(lambda v: sp.jv(v, 1.0 + 0.5j).real)(0.5)


# (a, b, x) for hyp1f1; (a, b, c, z) for hyp2f1
HYP1 = [(0.5, 1.5, 0.3), (2.0, 3.3, 5.0), (-0.5, 2.0, -3.0), (1.2, 0.7, -10.0), (0.3, 4.0, 30.0)]
HYP2 = [(0.5, 1.5, 2.5, 0.3), (2.0, 3.3, 1.7, 0.9), (-0.5, 2.0, 3.0, -0.6), (1.2, 0.7, 2.2, -0.95)]


HYP = ([("hyp1f1", args, argnum) for args in HYP1 for argnum in (0, 1)]
       + [("hyp2f1", args, argnum) for args in HYP2 for argnum in (0, 1, 2)])


def _in_slot(fun, args, argnum):
    """``fun`` of its argument ``argnum`` alone, the others fixed to ``args``."""
    return lambda t: fun(*[t if i == argnum else a for i, a in enumerate(args)])


@pytest.mark.parametrize("name, args, argnum", HYP, ids=str)
def test_hypergeometric_parameter_derivatives(name, args, argnum):
    want = richardson(_in_slot(getattr(ssp, name), args, argnum), args[argnum])
    onp.testing.assert_allclose(grad(getattr(sp, name), argnum)(*args), want, rtol=1e-8)
    f = _in_slot(getattr(sp, name), args, argnum)
    onp.testing.assert_allclose(make_jvp(f)(args[argnum])(1.0)[1], want, rtol=1e-8)
    check_grads(f, modes=["fwd", "rev"], order=1)(args[argnum])


def test_hyp_parameter_derivative_then_argument():
    # d/dx d/da 1F1(a; b; x) by differences of the parameter derivative
    a, b, x = 0.7, 1.9, 0.8
    d_a = lambda x: grad(sp.hyp1f1, 0)(a, b, x)      # noqa: E731
    onp.testing.assert_allclose(grad(d_a)(x), richardson(d_a, x, 1e-4), rtol=1e-7)
    d_c = lambda z: grad(sp.hyp2f1, 2)(0.5, 1.5, 2.5, z)      # noqa: E731
    onp.testing.assert_allclose(grad(d_c)(0.3), richardson(d_c, 0.3, 1e-4), rtol=1e-7)


def test_hyp_second_parameter_derivative_refused():
    with pytest.raises(MissingRuleError, match="second derivative of scipy.special.hyp1f1"):
        grad(grad(sp.hyp1f1, 0), 0)(0.5, 1.5, 0.3)
    with pytest.raises(MissingRuleError, match="real argument"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            grad(lambda a: sp.hyp2f1(a, 1.0, 2.0, 0.3 + 0.1j).real)(0.5)
