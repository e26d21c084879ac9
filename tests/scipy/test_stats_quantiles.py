"""ppf and isf of every distribution in autograd.scipy.stats: values equal SciPy's;
continuous ones differentiable in q and in every parameter (both modes, order 2);
discrete ones piecewise constant (derivative 0)."""

import importlib

import numpy as onp
import pytest
import scipy.stats as ss

from autograd import grad
from autograd.test_util import check_grads

from .test_stats import CONTINUOUS, DISCRETE

Q = onp.array([0.05, 0.3, 0.75, 0.97])


def _module(dist):
    return importlib.import_module(f"autograd.scipy.stats.{dist}")


@pytest.mark.parametrize("kind", ["ppf", "isf"])
@pytest.mark.parametrize("dist, x, params", CONTINUOUS, ids=[r[0] for r in CONTINUOUS])
def test_continuous_quantile_values(dist, x, params, kind):
    got = getattr(_module(dist), kind)(Q, **params)
    want = getattr(getattr(ss, dist), kind)(Q, **params)
    onp.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    # by position too
    got = getattr(_module(dist), kind)(Q, *params.values())
    onp.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("kind", ["ppf", "isf"])
@pytest.mark.parametrize("dist, x, params", CONTINUOUS, ids=[r[0] for r in CONTINUOUS])
def test_continuous_quantile_gradients(dist, x, params, kind):
    fn = getattr(_module(dist), kind)
    names = list(params)
    values = [params[k] for k in names]
    check_grads(lambda q: fn(q, *values), modes=["fwd", "rev"], order=2)(Q)
    for i in range(len(names)):
        def in_param(p, i=i):
            args = list(values)
            args[i] = p
            return fn(Q, *args)
        check_grads(in_param, modes=["fwd", "rev"], order=2)(values[i])


def test_quantile_inverts_the_cdf_and_its_derivative():
    from autograd.scipy.stats import gamma
    # d/da ppf(q, a) = -(dF/da)(x) / f(x): from the round trip cdf(ppf(q, a), a) = q
    a = 2.3
    total = grad(lambda a: gamma.cdf(gamma.ppf(0.4, a), a))(a)
    assert abs(total) < 1e-10


def test_quantile_broadcasts_parameters():
    from autograd.scipy.stats import norm
    loc = onp.array([[0.1], [0.5]])
    out = norm.ppf(Q, loc, 2.0)
    onp.testing.assert_allclose(out, ss.norm.ppf(Q, loc, 2.0))
    check_grads(lambda l: norm.ppf(Q, l, 2.0), modes=["fwd", "rev"], order=2)(loc)


@pytest.mark.parametrize("kind", ["ppf", "isf"])
@pytest.mark.parametrize("dist, k, params, diff", DISCRETE, ids=[r[0] for r in DISCRETE])
def test_discrete_quantiles_are_piecewise_constant(dist, k, params, diff, kind):
    fn = getattr(_module(dist), kind)
    onp.testing.assert_array_equal(fn(Q, **params), getattr(getattr(ss, dist), kind)(Q, **params))
    g = grad(lambda q: fn(q, **params).sum())(Q)
    onp.testing.assert_array_equal(g, onp.zeros_like(Q))
    for name in diff:
        def in_param(p, name=name):
            return fn(Q, **{**params, name: p}).sum()
        assert grad(in_param)(params[name]) == 0.0


def test_quantile_argument_errors():
    from autograd.scipy.stats import norm
    with pytest.raises(TypeError, match="unexpected keyword"):
        norm.ppf(0.3, locc=1.0)
    with pytest.raises(TypeError, match="multiple values"):
        norm.ppf(0.3, 1.0, loc=1.0)
