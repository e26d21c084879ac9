"""scipy.special's inverse distribution functions that solve for a parameter (implicit
function theorem on a traced forward function), and the remaining functions with closed-form
derivatives (chndtr, kolmogorov, tklmbda, diric, assoc_laguerre, eval_sh_jacobi, besselpoly,
lpmv): every differentiable argument, both modes, second order; the forward relation holds."""

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.scipy.special as sp
from autograd import grad
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

# fmt: off
# (name, a point, the arguments to differentiate)
ROWS = [
    ("gdtrix",    (1.3, 2.2, 0.4),  (0, 1, 2)),
    ("gdtria",    (0.4, 2.2, 1.7),  (0, 1, 2)),
    ("gdtrib",    (1.3, 0.4, 1.7),  (0, 1, 2)),
    ("btdtria",   (0.4, 2.2, 0.3),  (0, 1, 2)),
    ("btdtrib",   (1.3, 0.4, 0.3),  (0, 1, 2)),
    ("chdtriv",   (0.4, 2.5),       (0, 1)),
    ("fdtridfd",  (2.5, 0.4, 1.3),  (0, 1, 2)),
    ("stdtridf",  (0.7, 1.3),       (0, 1)),
    ("nrdtrimn",  (0.4, 1.5, 0.8),  (0, 1, 2)),
    ("nrdtrisd",  (0.3, 0.4, 0.8),  (0, 1, 2)),
    ("chndtrix",  (0.4, 2.5, 1.3),  (0, 2)),
    ("chndtrinc", (2.2, 2.5, 0.4),  (0, 2)),
    ("bdtrik",    (0.4, 10.0, 0.3), (0, 1, 2)),
    ("bdtrin",    (3.0, 0.4, 0.3),  (0, 1, 2)),
    ("nbdtrik",   (0.4, 5.0, 0.3),  (0, 1, 2)),
    ("nbdtrin",   (3.0, 0.4, 0.3),  (0, 1, 2)),
    ("pdtrik",    (0.4, 2.3),       (0, 1)),
    ("kolmogi",   (0.4,),           (0,)),
    ("chndtr",    (2.2, 2.5, 1.3),  (0, 2)),
    ("chndtr",    (2.2, 2.5, 0.0),  (0,)),
    ("kolmogorov", (0.5,),          (0,)),
    ("kolmogorov", (1.5,),          (0,)),
    ("tklmbda",   (0.7, 0.3),       (0, 1)),
    ("tklmbda",   (-0.4, 0.0),      (0,)),     # in lambda at 0: below (SciPy is flat near 0)
    ("diric",     (0.9, 5),         (0,)),
    ("assoc_laguerre", (0.7, 3, 1.5), (0,)),
    ("eval_sh_jacobi", (3, 2.5, 1.3, 0.4), (3,)),
    ("besselpoly", (1.3, 0.5, 2.0), (0,)),
    ("lpmv",      (1, 2.5, 0.3),    (2,)),
]
# fmt: on


def _in_arg(name, args, i):
    f = getattr(sp, name)

    def fun(t):
        a = list(args)
        a[i] = t
        return f(*a)
    return fun


@pytest.mark.parametrize("name, args, argnums", ROWS, ids=[f"{r[0]}-{r[1]}" for r in ROWS])
def test_derivatives(name, args, argnums):
    for i in argnums:
        check_grads(_in_arg(name, args, i), modes=["fwd", "rev"], order=2)(float(args[i]))


@pytest.mark.parametrize("name", ["gdtria", "bdtrik", "chdtriv"])
def test_inverse_vectorised(name):
    args = {"gdtria": (onp.array([0.2, 0.5, 0.8]), 2.2, 1.7),
            "bdtrik": (onp.array([0.2, 0.5, 0.8]), 10.0, 0.3),
            "chdtriv": (onp.array([0.2, 0.5, 0.8]), 2.5)}[name]
    check_grads(_in_arg(name, args, 0), modes=["fwd", "rev"], order=2)(args[0])


def test_inverse_round_trip_has_zero_derivative():
    # gdtr(gdtria(p, b, x), b, x) == p for every b: its b-derivative vanishes
    d = grad(lambda b: sp.gdtr(sp.gdtria(0.4, b, 1.7), b, 1.7))(2.2)
    assert abs(d) < 1e-10


def test_kolmogorov_regimes_meet():
    # the two series agree where they switch
    below = grad(sp.kolmogorov)(0.8 - 1e-9)
    above = grad(sp.kolmogorov)(0.8 + 1e-9)
    onp.testing.assert_allclose(below, above, rtol=1e-7)
    assert grad(sp.kolmogorov)(0.0) == 0.0


def test_tklmbda_lambda_derivative_at_zero():
    # SciPy switches to the logistic cdf for tiny |lambda|, so differences need a wide step
    f = lambda l: ssp.tklmbda(-0.4, l)      # noqa: E731
    d1, d2 = (f(1e-2) - f(-1e-2)) / 2e-2, (f(5e-3) - f(-5e-3)) / 1e-2
    onp.testing.assert_allclose(grad(sp.tklmbda, 1)(-0.4, 0.0), (4 * d2 - d1) / 3, rtol=1e-8)


def test_refused():
    with pytest.raises(MissingRuleError, match="degrees of freedom"):
        grad(lambda df: sp.chndtr(2.2, df, 1.3))(2.5)
    with pytest.raises(MissingRuleError, match="chndtridf"):
        grad(lambda x: sp.chndtridf(x, 0.4, 1.3))(2.2)
    with pytest.raises(MissingRuleError, match="power lmb"):
        grad(lambda l: sp.besselpoly(1.3, l, 2.0))(0.5)


def test_values_unchanged():
    assert sp.gdtria(0.4, 2.2, 1.7) == ssp.gdtria(0.4, 2.2, 1.7)
    assert sp.kolmogorov(0.5) == ssp.kolmogorov(0.5)
