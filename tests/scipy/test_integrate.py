"""autograd.scipy.integrate: odeint / solve_ivp (adjoint VJP and sensitivity JVP)
and trapezoid / simpson, against finite differences and SciPy's values.

The ODE checks are first order: the rules solve the adjoint and sensitivity
systems numerically on raw values (a second derivative would need nested
adjoint solves), and finite differences of a second derivative through an
adaptive solver are dominated by the solver's tolerance.
"""

import numpy as onp
import pytest
import scipy.integrate as spi

import autograd.numpy as np
import autograd.scipy.integrate as integ
from autograd import grad
from autograd.builtins import tuple as ag_tuple
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
TOL = {"rtol": 1e-12, "atol": 1e-12}
RNG = onp.random.default_rng(0)


def damped(y, t, k, w):
    """A damped oscillator with a time-dependent forcing."""
    return np.array([y[1], -k * y[1] - w * w * y[0] + 0.3 * np.sin(t)])


Y0 = onp.array([1.0, 0.5])
T = onp.array([0.0, 0.4, 1.1, 1.5])
K, W = 0.3, 1.2


# fmt: off
# (name, function of differentiable inputs, inputs)
ODE_ROWS = [
    ("odeint-y0",   lambda y0: integ.odeint(damped, y0, T, (K, W), **TOL),              (Y0,)),
    ("odeint-t",    lambda t: integ.odeint(damped, Y0, t, (K, W), **TOL),               (T,)),
    ("odeint-args", lambda k, w: integ.odeint(damped, Y0, T, (k, w), **TOL),            (K, W)),
    ("odeint-all",  lambda y0, t, k: integ.odeint(damped, y0, t, ag_tuple((k, W)), **TOL), (Y0, T, K)),
    ("solve_ivp-y0", lambda y0: integ.solve_ivp(lambda t, y, k, w: damped(y, t, k, w), (0.0, 1.5), y0,
                                                t_eval=T, args=(K, W), method="DOP853", **TOL).y, (Y0,)),
    ("solve_ivp-all", lambda t0, y0, te, k: integ.solve_ivp(lambda t, y, k, w: damped(y, t, k, w),
                                                            (t0, 1.6), y0, t_eval=te, args=(k, W),
                                                            method="DOP853", **TOL).y,
     (-0.2, Y0, T, K)),
]

QUAD_ROWS = [
    ("trapezoid", integ.trapezoid, spi.trapezoid, {}),
    ("trapezoid", integ.trapezoid, spi.trapezoid, {"dx": 0.3, "axis": 0}),
    ("trapezoid", integ.trapezoid, spi.trapezoid, {"x": True}),
    ("simpson",   integ.simpson,   spi.simpson,   {}),
    ("simpson",   integ.simpson,   spi.simpson,   {"x": True}),
    ("simpson",   integ.simpson,   spi.simpson,   {"x": True, "axis": 0}),
]
# fmt: on

TESTED = {"integrate." + r[0].split("-")[0] for r in ODE_ROWS + QUAD_ROWS}


@pytest.mark.parametrize("name, fun, args", ODE_ROWS, ids=[r[0] for r in ODE_ROWS])
def test_ode_grads(name, fun, args):
    check_grads(fun, argnum=list(range(len(args))), modes=MODES, order=1)(*args)


def test_odeint_values_and_plain_tuple():
    ours = integ.odeint(damped, Y0, T, (K, W), **TOL)
    onp.testing.assert_allclose(ours, spi.odeint(damped, Y0, T, args=(K, W), **TOL))
    g_plain = grad(lambda k: np.sum(integ.odeint(damped, Y0, T, (k, W), **TOL)))(K)
    g_boxed = grad(lambda k: np.sum(integ.odeint(damped, Y0, T, ag_tuple((k, W)), **TOL)))(K)
    assert onp.isclose(g_plain, g_boxed)


def test_solve_ivp_result_object():
    fun = lambda t, y, k, w: damped(y, t, k, w)    # noqa: E731
    ref = spi.solve_ivp(fun, (0.0, 1.5), Y0, t_eval=T, args=(K, W), **TOL)
    ours = integ.solve_ivp(fun, (0.0, 1.5), Y0, t_eval=T, args=(K, W), **TOL)
    onp.testing.assert_allclose(ours.y, ref.y)
    assert ours.success and ours.status == ref.status

    def final(k):
        res = integ.solve_ivp(fun, (0.0, 1.5), Y0, args=(k, W), **TOL)
        assert res.success
        return res.y[0, -1]
    g = grad(final)(K)
    eps = 1e-5
    fd = (spi.solve_ivp(fun, (0, 1.5), Y0, args=(K + eps, W), **TOL).y[0, -1]
          - spi.solve_ivp(fun, (0, 1.5), Y0, args=(K - eps, W), **TOL).y[0, -1]) / (2 * eps)
    assert abs(g - fd) < 1e-6


def _quad_args(kw, shape):
    y = RNG.standard_normal(shape)
    kw = dict(kw)
    if kw.pop("x", False):
        axis = kw.get("axis", -1)
        n = shape[axis]
        kw["x"] = onp.cumsum(0.5 + RNG.random(n))
    return y, kw


@pytest.mark.parametrize("name, fun, ref, kw", QUAD_ROWS, ids=[f"{r[0]}-{r[3]}" for r in QUAD_ROWS])
@pytest.mark.parametrize("n", [5, 6])
def test_quadrature(name, fun, ref, kw, n):
    y, kw = _quad_args(kw, (n, 3) if kw.get("axis") == 0 else (3, n))
    onp.testing.assert_allclose(fun(y, **kw), ref(y, **kw), rtol=1e-12)
    check_grads(lambda y: fun(y, **kw), modes=MODES, order=2)(y)
    if "x" in kw:
        rest = {k: v for k, v in kw.items() if k != "x"}
        check_grads(lambda y, x: fun(y, x=x, **rest), argnum=[0, 1], modes=MODES, order=2)(y, kw["x"])
    elif "dx" in kw:
        rest = {k: v for k, v in kw.items() if k != "dx"}
        check_grads(lambda y, dx: fun(y, dx=dx, **rest), argnum=[0, 1], modes=MODES, order=2)(y, 0.3)
