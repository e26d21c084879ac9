"""autograd.scipy.integrate: odeint / solve_ivp (adjoint VJP and sensitivity JVP),
quad / quad_vec / dblquad / tplquad / nquad / fixed_quad and the quadratures of
samples, against finite differences, analytic derivatives and SciPy's values.

The ODE checks are first order: the rules solve the adjoint and sensitivity
systems numerically on raw values (a second derivative would need nested
adjoint solves), and finite differences of a second derivative through an
adaptive solver are dominated by the solver's tolerance.

The adaptive quadratures (quad, quad_vec, dblquad, tplquad, nquad) are
checked to first order against finite differences for the same reason: their subdivision changes
with the inputs, so a finite difference of a computed derivative sees jumps
of the size of the tolerance divided by the step.  Their rules are written
with the primitives themselves, so second derivatives exist; those are
compared with analytic values instead.  fixed_quad and the quadratures of
samples are fixed formulas and are checked to second order.
"""

import functools

import numpy as onp
import pytest
import scipy.integrate as spi

import autograd.numpy as np
import autograd.scipy.integrate as integ
from autograd import grad, jacobian, make_jvp
from autograd.builtins import tuple as ag_tuple
from autograd.extend import getval, isbox
from autograd.test_util import check_grads
from autograd_scipy._closures import UndetectedCaptureError

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



def decay(x, k, w):
    return np.exp(-k * x) * np.cos(w * x)


def poly(x, p):
    return np.sum(p * x ** np.arange(3.0))


def gauss(x, k):
    return np.exp(-k * x * x)


def waves(x, k):
    return np.array([np.sin(k * x), x * np.cos(k * x), k * x])


def plane(y, x, k):
    return np.exp(-k * x * y)


def cube(z, y, x, k):
    return np.exp(-k * x * y * z)


def wedge(x0, x1, x2, k):
    return np.cos(k * x0 * x1) * x2


def wedge_inner(x1, x2, k):
    """nquad's range of x0: a function of the outer variables and of ``args``."""
    return 0.0, k * x1 + x2


P = onp.array([1.0, 2.0, 3.0])
QTOL = {"epsabs": 1e-13, "epsrel": 1e-13}
DTOL = {"epsabs": 1e-12, "epsrel": 1e-12}
TTOL = {"epsabs": 1e-11, "epsrel": 1e-11}
INF = onp.inf

# fmt: off
# (name, function of differentiable inputs, inputs, order of the check)
INTEGRAL_ROWS = [
    ("quad-limits-args",    lambda a, b, k, w: integ.quad(decay, a, b, args=(k, w), **QTOL)[0],
     (0.2, 1.3, 0.7, 2.0), 1),
    ("quad-vector-arg",     lambda p: integ.quad(poly, 0.0, 2.0, args=(p,), **QTOL)[0], (P,), 1),
    ("quad-infinite",       lambda k: integ.quad(gauss, -INF, INF, args=(k,), **QTOL)[0], (2.0,), 1),
    ("quad-half-infinite",  lambda b, k: integ.quad(gauss, -INF, b, args=k, **QTOL)[0], (0.3, 2.0), 1),
    ("quad-points",         lambda a, k: integ.quad(gauss, a, 2.0, args=(k,), points=[0.5], **QTOL)[0],
     (-1.0, 0.5), 1),
    ("quad-weight",         lambda k: integ.quad(gauss, 0.0, 2.0, args=(k,), weight="cos", wvar=3.0)[0],
     (0.5,), 1),
    ("quad_vec-limits-args", lambda a, b, k: integ.quad_vec(waves, a, b, args=(k,), epsrel=1e-12)[0],
     (0.1, 1.5, 0.8), 1),
    ("quad_vec-infinite",   lambda k: integ.quad_vec(lambda x, k: gauss(x, k) * np.ones(2), 0.0, INF,
                                                     args=(k,), epsrel=1e-12)[0], (1.5,), 1),
    ("dblquad-limits-args", lambda a, b, k: integ.dblquad(plane, a, b, lambda x: x * x, 2.0,
                                                          args=(k,), **DTOL)[0], (0.1, 1.0, 0.5), 1),
    ("dblquad-inner",       lambda lo, hi: integ.dblquad(plane, 0.0, 1.0, lo, hi, args=(0.5,), **DTOL)[0],
     (0.1, 1.0), 1),
    ("tplquad-limits-args", lambda a, b, k: integ.tplquad(cube, a, b, lambda x: 0.0, lambda x: x, 0.0, 1.0,
                                                          args=(k,), **TTOL)[0], (0.1, 1.0, 0.5), 1),
    ("tplquad-inner",       lambda g, h, q, r: integ.tplquad(cube, 0.0, 1.0, g, h, lambda x, y: x * y, r,
                                                             args=(0.5,), **TTOL)[0], (0.2, 0.9, 0.1, 1.1), 1),
    ("nquad-limits-args",   lambda b, c, k: integ.nquad(wedge, [wedge_inner, [0.2, b], [0.0, c]], args=(k,),
                                                        opts=TTOL)[0], (1.0, 0.8, 0.7), 1),
    ("nquad-opts-list",     lambda a, k: integ.nquad(lambda x, y, k: np.exp(-k * x * y), [[a, 1.0], [0.0, 2.0]],
                                                     args=(k,), opts=[dict(TTOL, points=[0.5]), TTOL])[0],
     (0.1, 0.5), 1),
    ("fixed_quad-limits-args", lambda a, b, k: integ.fixed_quad(decay, a, b, args=(k, 2.0), n=7)[0],
     (0.2, 1.3, 0.7), 2),
    ("fixed_quad-closure",  lambda k: integ.fixed_quad(lambda x: decay(x, k, 2.0), 0.0, 1.0)[0], (0.7,), 2),
]

# (name, ours, SciPy's, the same call's arguments)
VALUE_ROWS = [
    ("quad",       integ.quad,       spi.quad,       (decay, 0.2, 1.3), {"args": (0.7, 2.0)}),
    ("quad",       integ.quad,       spi.quad,       (gauss, -INF, INF), {"args": (2.0,)}),
    ("quad_vec",   integ.quad_vec,   spi.quad_vec,   (waves, 0.0, 1.5), {"args": (0.8,)}),
    ("dblquad",    integ.dblquad,    spi.dblquad,    (plane, 0.0, 1.0, lambda x: 0.0, lambda x: 1.0 + x),
     {"args": (0.5,)}),
    ("tplquad",    integ.tplquad,    spi.tplquad,    (cube, 0.0, 1.0, lambda x: 0.0, lambda x: x,
                                                      lambda x, y: x * y, 1.0), {"args": (0.5,)}),
    ("nquad",      integ.nquad,      spi.nquad,      (wedge, [wedge_inner, [0.2, 1.0], [0.0, 1.0]]),
     {"args": (0.7,)}),
    ("fixed_quad", integ.fixed_quad, spi.fixed_quad, (decay, 0.2, 1.3), {"args": (0.7, 2.0), "n": 7}),
]

# (name, ours, SciPy's, keyword arguments, sample counts); "x": True draws
# sample points, "initial": True an initial value per row
SAMPLE_ROWS = [
    ("romb",                 integ.romb,                 spi.romb,                 {},                      (5, 9)),
    ("romb",                 integ.romb,                 spi.romb,                 {"dx": 0.3, "axis": 0},  (5, 9)),
    ("cumulative_trapezoid", integ.cumulative_trapezoid, spi.cumulative_trapezoid, {},                      (2, 5, 6)),
    ("cumulative_trapezoid", integ.cumulative_trapezoid, spi.cumulative_trapezoid, {"dx": 0.3, "axis": 0},  (2, 5)),
    ("cumulative_trapezoid", integ.cumulative_trapezoid, spi.cumulative_trapezoid, {"x": True, "initial": 0}, (2, 5, 6)),
    ("cumulative_simpson",   integ.cumulative_simpson,   spi.cumulative_simpson,   {},                      (2, 3, 5, 6)),
    ("cumulative_simpson",   integ.cumulative_simpson,   spi.cumulative_simpson,   {"x": True, "axis": 0},  (2, 3, 5, 6)),
    ("cumulative_simpson",   integ.cumulative_simpson,   spi.cumulative_simpson,   {"dx": 0.3, "initial": True}, (3, 6)),
    ("cumulative_simpson",   integ.cumulative_simpson,   spi.cumulative_simpson,
     {"x": True, "initial": True, "axis": 0},                                                             (4, 7)),
]
# fmt: on

TESTED = {"integrate." + r[0].split("-")[0]
          for r in ODE_ROWS + QUAD_ROWS + INTEGRAL_ROWS + VALUE_ROWS + SAMPLE_ROWS}


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


# ----------------------------------------------------------------- quad and friends

@pytest.mark.parametrize("name, fun, args, order", INTEGRAL_ROWS, ids=[r[0] for r in INTEGRAL_ROWS])
def test_integral_grads(name, fun, args, order):
    check_grads(fun, argnum=list(range(len(args))), modes=MODES, order=order)(*args)


@pytest.mark.parametrize("name, fun, ref, args, kw", VALUE_ROWS, ids=[r[0] for r in VALUE_ROWS])
def test_integral_values(name, fun, ref, args, kw):
    ours, theirs = fun(*args, **kw), ref(*args, **kw)
    onp.testing.assert_allclose(ours[0], theirs[0], rtol=1e-13)
    # traced inputs give the same value and SciPy's abserr (as a constant)
    traced = {k: v for k, v in kw.items() if k != "args"}
    out = {}

    def first_arg(k):
        res = fun(*args, args=(k,) + kw["args"][1:], **traced)
        out["res"] = res
        return np.sum(res[0])
    grad(first_arg)(kw["args"][0])
    onp.testing.assert_allclose(getval(out["res"][0]), theirs[0], rtol=1e-13)
    assert not isbox(out["res"][1])
    if theirs[1] is not None:   # an estimate; dblquad's moves with rounding in the inner integrals
        assert out["res"][1] == pytest.approx(theirs[1], rel=0.5)


def test_quad_analytic_derivatives():
    k, w, a, b = 0.7, 2.0, 0.2, 1.3
    value = lambda a, b, k: integ.quad(decay, a, b, args=(k, w), **QTOL)[0]   # noqa: E731
    assert grad(value, 1)(a, b, k) == pytest.approx(decay(b, k, w), rel=1e-12)
    assert grad(value, 0)(a, b, k) == pytest.approx(-decay(a, k, w), rel=1e-12)
    # d/dk of the integral: minus the integral of x * f
    ref = -spi.quad(lambda x: x * decay(x, k, w), a, b, **QTOL)[0]
    assert grad(value, 2)(a, b, k) == pytest.approx(ref, rel=1e-10)
    # the Gaussian integral sqrt(pi / k): first and second derivatives
    gauss_int = lambda k: integ.quad(gauss, -INF, INF, args=(k,), **QTOL)[0]   # noqa: E731
    assert grad(gauss_int)(2.0) == pytest.approx(-0.5 * onp.sqrt(onp.pi) * 2.0 ** -1.5, rel=1e-9)
    assert grad(grad(gauss_int))(2.0) == pytest.approx(0.75 * onp.sqrt(onp.pi) * 2.0 ** -2.5, rel=1e-9)
    # a polynomial's coefficients: the integrals of 1, x, x^2 over [0, 2]; no curvature
    onp.testing.assert_allclose(grad(lambda p: integ.quad(poly, 0.0, 2.0, args=(p,))[0])(P),
                                [2.0, 2.0, 8.0 / 3.0], rtol=1e-12)
    # second order through the limit and args together: d2/db dk = -b f(b)
    mixed = grad(grad(value, 1), 2)(a, b, k)
    assert mixed == pytest.approx(-b * decay(b, k, w), rel=1e-10)
    hess_kk = grad(grad(value, 2), 2)(a, b, k)
    assert hess_kk == pytest.approx(spi.quad(lambda x: x * x * decay(x, k, w), a, b, **QTOL)[0], rel=1e-9)


def test_quad_vec_and_dblquad_analytic():
    # d/dk of the integral of [sin(kx), x cos(kx), kx] over [0, b]
    b, k = 1.5, 0.8
    jac = jacobian(lambda k: integ.quad_vec(waves, 0.0, b, args=(k,), epsrel=1e-12)[0])(k)
    ref = [spi.quad(lambda x: x * onp.cos(k * x), 0, b)[0],
           spi.quad(lambda x: -x * x * onp.sin(k * x), 0, b)[0], b * b / 2]
    onp.testing.assert_allclose(jac, ref, rtol=1e-9)
    # the integral of exp(-k x y) over the unit square; d/dk = -the integral of x y exp(-k x y)
    g = grad(lambda k: integ.dblquad(plane, 0.0, 1.0, 0.0, 1.0, args=(k,), **DTOL)[0])(0.5)
    ref = -spi.dblquad(lambda y, x: x * y * onp.exp(-0.5 * x * y), 0, 1, 0, 1, **DTOL)[0]
    assert g == pytest.approx(ref, rel=1e-9)


def test_tplquad_nquad_analytic_and_outputs():
    # the integral of (k x y z)^2 over [0, b] x [0, 1]^2 is b^3 k^2 / 27: second order
    # in the limit (Leibniz's rule at a traced limit) and mixed with args
    vol = lambda b, k: integ.tplquad(lambda z, y, x, k: (k * x * y * z) ** 2, 0.0, b,   # noqa: E731
                                     0.0, 1.0, 0.0, 1.0, args=(k,))[0]
    assert grad(grad(vol, 0), 0)(1.0, 0.5) == pytest.approx(6 * 0.25 / 27, rel=1e-10)
    assert grad(grad(vol, 1), 0)(1.0, 0.5) == pytest.approx(2 * 0.5 / 9, rel=1e-10)
    # full_output: SciPy's neval count next to the traced value
    rng = [wedge_inner, [0.2, 1.0], [0.0, 1.0]]
    out = {}

    def value(k):
        out["res"] = integ.nquad(wedge, rng, args=(k,), full_output=True)
        return out["res"][0]
    grad(value)(0.7)
    theirs = spi.nquad(wedge, rng, args=(0.7,), full_output=True)
    assert getval(out["res"][0]) == pytest.approx(theirs[0], rel=1e-13)
    assert out["res"][2] == theirs[2]
    with pytest.raises(NotImplementedError, match="weight"):
        grad(lambda k: integ.nquad(wedge, rng, args=(k,), opts={"weight": "cos", "wvar": 2.0})[0])(0.7)


def test_quad_infinite_limit_and_outputs():
    # an infinite limit has no derivative to give: zero, both modes
    g_b, g_k = grad(lambda b, k: integ.quad(gauss, 0.0, b, args=(k,))[0], [0, 1])(INF, 2.0)
    assert g_b == 0.0 and g_k == pytest.approx(-0.25 * onp.sqrt(onp.pi) * 2.0 ** -1.5, rel=1e-8)
    assert make_jvp(lambda b: integ.quad(gauss, 0.0, b, args=(2.0,))[0])(INF)(1.0)[1] == 0.0
    # full_output keeps SciPy's extra items; only the value is traced
    def with_info(k):
        res = integ.quad(gauss, 0.0, 1.0, args=(k,), full_output=1)
        assert len(res) == 3 and "neval" in res[2]
        return res[0]
    assert grad(with_info)(2.0) == pytest.approx(grad(lambda k: integ.quad(gauss, 0.0, 1.0, args=(k,))[0])(2.0))
    res = integ.quad_vec(waves, 0.0, 1.0, args=(0.5,), full_output=True)
    assert res[2].success


K_GLOBAL = None


def _global_integrand(x):
    return K_GLOBAL * x


def test_quad_errors():
    # a traced value reached through a global variable cannot be found: an error, never a constant
    def with_global(fun):
        def f(k):
            global K_GLOBAL
            K_GLOBAL = k
            try:
                return fun()
            finally:
                K_GLOBAL = None
        return f
    for fun in (lambda: integ.quad(_global_integrand, 0.0, 1.0)[0],
                lambda: integ.quad_vec(lambda x: _global_integrand(x) * np.ones(2), 0.0, 1.0)[0][0],
                lambda: integ.dblquad(lambda y, x: _global_integrand(x), 0.0, 1.0, 0.0, 1.0)[0],
                lambda: integ.odeint(lambda y, t: -_global_integrand(y), np.ones(1), T)[-1, 0],
                lambda: integ.solve_ivp(lambda t, y: -_global_integrand(y), (0.0, 1.0), np.ones(1)).y[0, -1]):
        with pytest.raises(UndetectedCaptureError, match="global variable"):
            grad(with_global(fun))(1.0)
    with pytest.raises(NotImplementedError, match="args only"):
        grad(lambda b: integ.quad(gauss, 0.0, b, args=(1.0,), weight="cos", wvar=2.0)[0])(1.0)


# ----------------------------------------------------------------- romb, cumulative quadratures

SAMPLE_PARAMS = [r[:4] + (n,) for r in SAMPLE_ROWS for n in r[4]]


@pytest.mark.parametrize("name, fun, ref, kw, n", SAMPLE_PARAMS,
                         ids=[f"{r[0]}-{r[3]}-{r[4]}" for r in SAMPLE_PARAMS])
def test_sample_integrals(name, fun, ref, kw, n):
    axis = kw.get("axis", -1)
    y, kw = _quad_args(kw, (n, 3) if axis == 0 else (3, n))
    if kw.get("initial") is True:
        shape = list(y.shape)
        shape[axis] = 1
        kw["initial"] = RNG.standard_normal(shape)
    onp.testing.assert_allclose(fun(y, **kw), ref(y, **kw), rtol=1e-12, atol=1e-14)
    # every input that may vary (SciPy fixes cumulative_trapezoid's initial at 0)
    names = ["y"] + [k for k in ("x", "dx") if k in kw] + (["initial"] if onp.ndim(kw.get("initial", 0))
                                                          else [])
    rest = {k: v for k, v in kw.items() if k not in names}
    check_grads(lambda *vals: fun(**dict(zip(names, vals)), **rest),
                argnum=list(range(len(names))), modes=MODES, order=2)(y, *[kw[k] for k in names[1:]])


def test_cumulative_trapezoid_initial():
    # SciPy accepts only initial=0; its derivative is that of the prepended value
    y = RNG.standard_normal((3, 5))
    g = grad(lambda c: np.sum(integ.cumulative_trapezoid(y, initial=c)))(0.0)
    assert g == pytest.approx(3.0)


# ----------------------------------------------------------------- closures over traced values

class Oscillator:
    """A model whose right-hand side is a bound method reading traced attributes."""

    def __init__(self, k, w):
        self.k, self.w = k, w

    def rhs(self, t, y):
        return damped(y, t, self.k, self.w)


def _nested(k, w):
    inner = lambda x: decay(x, k, 1.0)                              # noqa: E731
    return lambda x: inner(x) * np.cos(w * x)                      # a closure over a closure


# fmt: off
# (name, function of differentiable inputs, inputs): the callbacks close over the inputs
CLOSURE_ROWS = [
    ("odeint-closure",      lambda k, w: integ.odeint(lambda y, t: damped(y, t, k, w), Y0, T, **TOL), (K, W)),
    ("odeint-closure-args", lambda y0, k, w: integ.odeint(lambda y, t, w: damped(y, t, k, w), y0, T, (w,), **TOL),
     (Y0, K, W)),
    ("solve_ivp-closure",   lambda k, w: integ.solve_ivp(lambda t, y: damped(y, t, k, w), (0.0, 1.5), Y0, t_eval=T,
                                                         method="DOP853", **TOL).y, (K, W)),
    ("solve_ivp-method",    lambda k, w: integ.solve_ivp(Oscillator(k, w).rhs, (0.0, 1.5), Y0, t_eval=T,
                                                         method="DOP853", **TOL).y, (K, W)),
    ("quad-closure",        lambda a, k, w: integ.quad(lambda x: decay(x, k, w), a, 1.3, **QTOL)[0], (0.2, 0.7, 2.0)),
    ("quad-default-arg",    lambda k: integ.quad(lambda x, k=k: gauss(x, k), 0.0, 1.0, **QTOL)[0], (0.7,)),
    ("quad-partial",        lambda k, w: integ.quad(functools.partial(decay, k=k, w=w), 0.0, 1.0, **QTOL)[0],
     (0.7, 2.0)),
    ("quad-nested",         lambda k, w: integ.quad(_nested(k, w), 0.0, 1.0, **QTOL)[0], (0.7, 2.0)),
    ("quad-container",      lambda p: integ.quad(lambda x, d={"p": [p]}: poly(x, d["p"][0]), 0.0, 2.0,
                                                 **QTOL)[0], (P,)),
    ("quad_vec-closure",    lambda k: integ.quad_vec(lambda x: waves(x, k), 0.1, 1.5, epsrel=1e-12)[0], (0.8,)),
    ("dblquad-closure",     lambda k, c: integ.dblquad(lambda y, x: plane(y, x, k), 0.1, 1.0, lambda x: c * x,
                                                       2.0, **DTOL)[0], (0.5, 0.3)),
    ("tplquad-closure",     lambda k, c: integ.tplquad(lambda z, y, x: cube(z, y, x, k), 0.1, 1.0, lambda x: 0.0,
                                                       lambda x: x, lambda x, y: c * x * y, 1.0, **TTOL)[0],
     (0.5, 0.3)),
    ("nquad-closure",       lambda k, c: integ.nquad(lambda x0, x1, x2: wedge(x0, x1, x2, k),
                                                     [lambda x1, x2: (0.0, c * x1 + x2), [0.2, 1.0], [0.0, 0.8]],
                                                     opts=TTOL)[0], (0.7, 0.6)),
]
# fmt: on
TESTED |= {"integrate." + r[0].split("-")[0] for r in CLOSURE_ROWS}


@pytest.mark.parametrize("name, fun, args", CLOSURE_ROWS, ids=[r[0] for r in CLOSURE_ROWS])
def test_closure_grads(name, fun, args):
    check_grads(fun, argnum=list(range(len(args))), modes=MODES, order=1)(*args)


def test_closure_equals_args():
    # the same derivative whether a value is captured or passed through args=
    by_args = grad(lambda k: integ.quad(decay, 0.0, 1.0, args=(k, 2.0), **QTOL)[0])(0.7)
    by_closure = grad(lambda k: integ.quad(lambda x: decay(x, k, 2.0), 0.0, 1.0, **QTOL)[0])(0.7)
    assert by_args == pytest.approx(by_closure, rel=1e-12)
    # the user's function is left as it was: still closing over the traced value
    seen = []

    def f(k):
        rhs = lambda y, t: -k * y                                  # noqa: E731
        out = integ.odeint(rhs, np.ones(1), T, **TOL)
        seen.append(rhs.__closure__[0].cell_contents is k)
        return out[-1, 0]
    assert grad(f)(0.5) == pytest.approx(-T[-1] * onp.exp(-0.5 * T[-1]), rel=1e-8)
    assert seen == [True]


def test_closure_second_order_odeint():
    # odeint's VJP is traced, so a captured value is differentiable twice too
    f = lambda k: integ.odeint(lambda y, t: -k * y, np.ones(1), onp.array([0.0, 1.0]), **TOL)[-1, 0]  # noqa: E731
    assert grad(grad(f))(0.5) == pytest.approx(onp.exp(-0.5), rel=1e-6)


def test_solve_ivp_events_may_close_over_traced_values():
    def f(k):
        hit = lambda t, y: y[0] - 0.5 * k                          # noqa: E731
        jac = lambda t, y: -k * np.eye(1)                          # noqa: E731
        res = integ.solve_ivp(lambda t, y: -k * y, (0.0, 5.0), np.ones(1), events=hit, t_eval=T,
                              method="Radau", jac=jac, **TOL)
        assert len(res.t_events[0]) == 1
        return res.y[0, -1]
    assert grad(f)(0.5) == pytest.approx(-T[-1] * onp.exp(-0.5 * T[-1]), rel=1e-6)
