"""autograd.scipy.optimize: implicit differentiation of minimizers and root finders.

Each row is a function of its differentiable inputs through one solver, run at
tight tolerance.  ``check_solution`` compares the JVP (forward mode) and the
VJP (reverse mode, through ``<u, J v>``) along seeded random directions with
central differences of re-solving; the step (1e-4) is large enough that the
solver's error (~1e-12) divided by it stays far below the tolerance, and small
enough that the truncation error does too.  Parameters enter through
``args=`` and through closures (the callbacks close over traced values).
Then: the start point has a zero derivative, the returned objects keep SciPy's
types, and failures give errors or warnings instead of wrong derivatives.
"""

import functools
import warnings

import numpy as onp
import pytest
import scipy.optimize as spo

import autograd.numpy as np
import autograd.scipy.optimize as opt
from autograd import grad, hessian, jacobian, make_jvp, make_vjp, stop_gradient
from autograd.scipy.optimize import ImplicitDiffError, ImplicitDiffWarning
from autograd.test_util import check_grads
from autograd_scipy._closures import UndetectedCaptureError

STEP = 1e-2
RTOL = 1e-6


def _flat(v):
    return onp.ravel(onp.asarray(v, dtype=float))


def check_solution(fun, args, modes=("fwd", "rev"), rtol=RTOL, seed=0, solve=None, step=STEP):
    """First-order check of ``fun(*args)`` (arrays/floats) against central differences of
    ``solve(params)`` (default ``fun(*params)``: re-solving at the shifted parameters)."""
    rng = onp.random.default_rng(seed)
    args = tuple(onp.asarray(a, dtype=float) if onp.ndim(a) else float(a) for a in args)
    dirs = [rng.standard_normal(onp.shape(a)) if onp.ndim(a) else float(rng.standard_normal())
            for a in args]

    def at(s):
        params = [a + s * d for a, d in zip(args, dirs)]
        return _flat(solve(params) if solve is not None else fun(*params))
    # fourth-order central difference: truncation ~STEP**4, solver noise ~tol / STEP
    numeric = (8.0 * (at(step / 2) - at(-step / 2)) - (at(step) - at(-step))) / (6.0 * step)
    scale = max(onp.max(onp.abs(numeric)), 1e-3)
    argnums = tuple(range(len(args)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", ImplicitDiffWarning)
        if "fwd" in modes:
            exact = _flat(make_jvp(fun, argnums)(*args)(tuple(dirs))[1])
            onp.testing.assert_allclose(exact, numeric, rtol=rtol, atol=rtol * scale)
        if "rev" in modes:
            vjp, ans = make_vjp(fun, argnums)(*args)
            u = rng.standard_normal(onp.shape(ans))
            cts = vjp(u if onp.ndim(ans) else float(u))
            exact = sum(float(onp.sum(_flat(c) * _flat(d))) for c, d in zip(cts, dirs))
            ref = float(onp.dot(_flat(u), numeric))
            assert abs(exact - ref) <= rtol * max(abs(ref), scale), (exact, ref)


# ----------------------------------------------------------------- problems

RNG = onp.random.default_rng(1)
X = RNG.standard_normal((8, 3))
Y = X @ onp.array([1.0, -2.0, 0.5]) + 0.1 * RNG.standard_normal(8)
T = onp.linspace(0.0, 2.0, 7)
YT = 2.0 * onp.exp(-0.7 * T) + 0.05 * onp.cos(5 * T)


def ridge(w, y, lam):
    r = np.dot(X, w) - y
    return np.sum(r * r) + lam * np.sum(w * w) + 0.1 * np.sum(w ** 4)


def ridge_min(method, **kw):
    def f(y, lam):
        return opt.minimize(ridge, onp.zeros(3), args=(y, lam), method=method, **kw).x
    return f


def ridge_closure(method, **kw):
    def f(y, lam):
        return opt.minimize(lambda w: ridge(w, y, lam), onp.zeros(3), method=method,
                            jac=lambda w: grad_ridge(w, y, lam), **kw).x
    return f


def system(x, p):
    """A nonlinear system with a unique root (Powell's dog-leg example shape)."""
    return np.array([x[0] + 0.5 * (x[0] - x[1]) ** 3 - p[0],
                     0.5 * (x[1] - x[0]) ** 3 + x[1] - p[1]])


def cubic(x, c, d):
    return x ** 3 + c * x - d


def decay(t, a, b):
    return a * np.exp(-b * t)


P = onp.array([1.0, 0.3])
TIGHT = {"xtol": 1e-14, "rtol": 1e-15}
grad_ridge = grad(ridge)

# fmt: off
# (name, function of the differentiable inputs, inputs[, rtol where the solver's
#  own accuracy (~1e-9) limits the finite differences]); test_polished_reference
#  checks such derivatives (and TNC's, whose stopping point is too rough in the
#  inputs for any step) to 1e-7 against a solution refined by Newton's method
ROWS = [
    ("minimize-BFGS",         ridge_min("BFGS", jac=grad_ridge, options={"gtol": 1e-9}),          (Y, 0.5)),
    ("minimize-BFGS-closure", ridge_closure("BFGS", options={"gtol": 1e-9}),      (Y, 0.5)),
    ("minimize-L-BFGS-B",     ridge_min("L-BFGS-B", jac=grad_ridge, options={"gtol": 1e-12, "ftol": 1e-15}), (Y, 0.5)),
    ("minimize-CG",           ridge_min("CG", jac=grad_ridge, options={"gtol": 1e-8}),            (Y, 0.5)),
    ("minimize-Newton-CG",    ridge_min("Newton-CG", jac=grad_ridge, options={"xtol": 1e-12}), (Y, 0.5)),
    ("minimize-trust-exact",  ridge_min("trust-exact", jac=grad_ridge, hess=hessian(ridge),
                                        options={"gtol": 1e-9}), (Y, 0.5)),
    ("minimize-Nelder-Mead",  ridge_min("Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14,
                                                                "maxiter": 20000}), (Y, 0.5)),
    ("minimize-Powell",       ridge_min("Powell", options={"xtol": 1e-12, "ftol": 1e-14}), (Y, 0.5)),
    ("minimize-SLSQP",        ridge_min("SLSQP", options={"ftol": 1e-15}),         (Y, 0.5)),
    ("minimize-trust-constr", ridge_min("trust-constr", jac=grad_ridge,
                                        options={"gtol": 1e-12, "xtol": 1e-14}), (Y, 0.5)),
    ("minimize-bounds-active", lambda y, lam: opt.minimize(
        ridge, onp.zeros(3), args=(y, lam), method="L-BFGS-B", jac=grad_ridge, bounds=[(None, None), (-1.0, None), (0.8, 2)],
        options={"gtol": 1e-12, "ftol": 1e-15}).x, (Y, 0.5)),
    ("minimize-fun",          lambda y, lam: opt.minimize(ridge, onp.zeros(3), args=(y, lam),
                                                          jac=grad_ridge, options={"gtol": 1e-9}).fun, (Y, 0.5)),
    ("minimize_scalar",       lambda a, b: opt.minimize_scalar(lambda x: np.cosh(x - a) + b * x * x,
                                                               options={"xtol": 1e-14}).x, (0.7, 0.3)),
    ("least_squares",         lambda y, b0: opt.least_squares(lambda p, y: decay(T, p[0], p[1] + b0) - y,
                                                              onp.ones(2), args=(y,), xtol=1e-15,
                                                              ftol=1e-15, gtol=1e-15).x, (YT, 0.0)),
    ("least_squares-soft_l1", lambda y: opt.least_squares(lambda p: decay(T, p[0], p[1]) - y, onp.ones(2),
                                                          loss="soft_l1", f_scale=0.1, xtol=1e-15,
                                                          ftol=1e-15, gtol=1e-15).x, (YT,)),
    ("least_squares-cost",    lambda y: opt.least_squares(lambda p: decay(T, p[0], p[1]) - y, onp.ones(2),
                                                          xtol=1e-15, ftol=1e-15, gtol=1e-15).cost, (YT,)),
    ("curve_fit-y",           lambda y: opt.curve_fit(decay, T, y, p0=[1.0, 1.0], xtol=1e-15,
                                                      ftol=1e-15, gtol=1e-15)[0], (YT,)),
    ("curve_fit-x-sigma",     lambda x, s: opt.curve_fit(decay, x, YT, p0=[1.0, 1.0], sigma=s, xtol=1e-15,
                                                         ftol=1e-15, gtol=1e-15)[0],
     (T, 1.0 + 0.1 * T), 1e-4),
    ("curve_fit-cov",         lambda c: opt.curve_fit(decay, T, YT, p0=[1.0, 1.0], sigma=np.dot(c, c.T)
                                                      + onp.eye(7), xtol=1e-15, ftol=1e-15, gtol=1e-15)[0],
     (0.2 * RNG.standard_normal((7, 2)),), 1e-4),
    ("root-hybr",             lambda p: opt.root(system, onp.zeros(2), args=(p,), tol=1e-14).x, (P,)),
    ("root-lm",               lambda p: opt.root(system, onp.zeros(2), args=(p,), method="lm",
                                                 options={"xtol": 1e-15, "ftol": 1e-15}).x, (P,)),
    ("root-closure",          lambda p: opt.root(lambda x: system(x, p), onp.zeros(2), tol=1e-14).x, (P,)),
    ("fsolve",                lambda p: opt.fsolve(system, onp.zeros(2), args=(p,), xtol=1e-12), (P,)),
    ("fsolve-closure",        lambda p: opt.fsolve(lambda x: system(x, p), onp.zeros(2), xtol=1e-12), (P,)),
    ("root_scalar-brentq",    lambda c, d: opt.root_scalar(cubic, args=(c, d), bracket=[0.0, 3.0],
                                                           xtol=1e-15).root, (0.5, 2.0)),
    ("root_scalar-newton",    lambda c, d: opt.root_scalar(lambda x: cubic(x, c, d), x0=1.0,
                                                           fprime=lambda x: 3 * x * x + c,
                                                           xtol=1e-15).root, (0.5, 2.0)),
    ("root_scalar-secant",    lambda c, d: opt.root_scalar(cubic, args=(c, d), x0=1.0, x1=1.5,
                                                           xtol=1e-15).root, (0.5, 2.0)),
    ("brentq",                lambda c, d: opt.brentq(cubic, 0.0, 3.0, args=(c, d), **TIGHT), (0.5, 2.0)),
    ("brentq-closure",        lambda c, d: opt.brentq(lambda x: cubic(x, c, d), 0.0, 3.0, **TIGHT), (0.5, 2.0)),
    ("brenth",                lambda c, d: opt.brenth(cubic, 0.0, 3.0, args=(c, d), **TIGHT), (0.5, 2.0)),
    ("ridder",                lambda c, d: opt.ridder(cubic, 0.0, 3.0, args=(c, d), **TIGHT), (0.5, 2.0)),
    ("bisect",                lambda c, d: opt.bisect(cubic, 0.0, 3.0, args=(c, d), **TIGHT), (0.5, 2.0)),
    ("toms748",               lambda c, d: opt.toms748(cubic, 0.0, 3.0, args=(c, d), **TIGHT), (0.5, 2.0)),
    ("newton",                lambda c, d: opt.newton(cubic, 1.0, args=(c, d), tol=1e-15), (0.5, 2.0)),
    ("fixed_point",           lambda c: opt.fixed_point(lambda x, c: np.cos(x) * c, 0.5, args=(c,), xtol=1e-15),
     (0.9,)),
    ("newton-array",          lambda c, d: opt.newton(lambda x: cubic(x, c, d), onp.array([1.0, 2.0]),
                                                      tol=1e-15), (onp.array([0.5, 1.0]), 2.0)),
]
# fmt: on


class Model:
    """A fit whose objective is a bound method / the object itself, reading traced attributes."""

    def __init__(self, y, lam):
        self.y, self.lam = y, lam

    def objective(self, w):
        return ridge(w, self.y, self.lam)

    __call__ = objective

    def gradient(self, w):
        return grad_ridge(w, self.y, self.lam)


# fmt: off
# every callback-taking function with its callback closing over the inputs
CLOSURE_ROWS = [
    ("minimize-bound-method", lambda y, lam: opt.minimize(Model(y, lam).objective, onp.zeros(3),
                                                          jac=Model(y, lam).gradient, options={"gtol": 1e-9}).x,
     (Y, 0.5)),
    ("minimize-callable-object", lambda y, lam: opt.minimize(Model(y, lam), onp.zeros(3), jac=Model(y, lam).gradient,
                                                             options={"gtol": 1e-9}).x, (Y, 0.5)),
    ("minimize-partial",      lambda y, lam: opt.minimize(functools.partial(ridge, y=y, lam=lam), onp.zeros(3),
                                                          jac=functools.partial(grad_ridge, y=y, lam=lam),
                                                          options={"gtol": 1e-9}).x, (Y, 0.5)),
    ("least_squares-kwargs",  lambda y: opt.least_squares(lambda p, y=None: decay(T, p[0], p[1]) - y, onp.ones(2),
                                                          kwargs={"y": y}, xtol=1e-15, ftol=1e-15, gtol=1e-15).x,
     (YT,)),
    ("curve_fit-closure",     lambda c: opt.curve_fit(lambda t, a, b: decay(t, a, b) + c * t, T, YT, p0=[1.0, 1.0],
                                                      xtol=1e-15, ftol=1e-15, gtol=1e-15)[0], (0.1,)),
    ("root-closure-default",  lambda p: opt.root(lambda x, p=p: system(x, p), onp.zeros(2), tol=1e-14).x, (P,)),
    ("newton-closure",        lambda c, d: opt.newton(lambda x: cubic(x, c, d), 1.0, fprime=lambda x: 3 * x * x + c,
                                                      tol=1e-15), (0.5, 2.0)),
    ("fixed_point-closure",   lambda c: opt.fixed_point(lambda x: np.cos(x) * c, onp.array([0.5, 0.6]), xtol=1e-15),
     (onp.array([0.9, 1.1]),)),
    ("root_scalar-bracket-closure", lambda c, d: opt.root_scalar(lambda x: cubic(x, c, d), bracket=[0.0, 3.0],
                                                                 xtol=1e-15).root, (0.5, 2.0)),
] + [
    (f"{name}-closure",       lambda c, d, name=name: getattr(opt, name)(lambda x: cubic(x, c, d), 0.0, 3.0, **TIGHT),
     (0.5, 2.0)) for name in ("brenth", "ridder", "bisect", "toms748")
]
# fmt: on

TESTED = {"optimize." + r[0].split("-")[0] for r in ROWS + CLOSURE_ROWS}


@pytest.mark.parametrize("row", CLOSURE_ROWS, ids=[r[0] for r in CLOSURE_ROWS])
def test_closure_derivatives(row):
    check_solution(row[1], row[2])


def test_user_objects_are_left_alone():
    model = Model(Y, 0.5)
    seen = []

    def f(lam):
        model.lam = lam
        x = opt.minimize(model.objective, onp.zeros(3), jac=model.gradient).x
        seen.append(model.lam is lam)
        return np.sum(x)
    grad(f)(0.5)
    assert seen == [True]


# fmt: off
# second derivatives: the rules are written with traced operations
SECOND_ORDER_ROWS = [
    ("brentq",   lambda d: opt.brentq(cubic, 0.0, 3.0, args=(0.5, d), **TIGHT), (2.0,)),
    ("root",     lambda p: opt.root(system, onp.zeros(2), args=(p,), tol=1e-13).x, (P,)),
    ("minimize", lambda lam: opt.minimize(ridge, onp.zeros(3), args=(Y, lam), method="trust-exact", jac=grad_ridge,
                                          hess=hessian(ridge), options={"gtol": 1e-10}).x, (0.5,)),
]
# fmt: on


@pytest.mark.parametrize("name, fun, args", SECOND_ORDER_ROWS, ids=[r[0] for r in SECOND_ORDER_ROWS])
def test_second_order(name, fun, args):
    check_grads(fun, modes=["fwd", "rev"], order=2)(*args)


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_solution_derivatives(row):
    name, fun, args = row[:3]
    check_solution(fun, args, rtol=row[3] if len(row) > 3 else RTOL)


def _newton_polish(residual, z, *params):
    """``z`` refined by Newton's method on ``residual(z, *params) = 0`` (plain values)."""
    for _ in range(4):
        z = z - onp.linalg.solve(jacobian(residual)(z, *params), residual(z, *params))
    return z


def chi2(p, x, s):
    r = (decay(x, p[0], p[1]) - YT) / s
    return 0.5 * np.sum(r * r)


# fmt: off
POLISHED = [
    ("curve_fit-x-sigma",
     lambda x, s: opt.curve_fit(decay, x, YT, p0=[1.0, 1.0], sigma=s, xtol=1e-15, ftol=1e-15, gtol=1e-15)[0],
     lambda z, x, s: _newton_polish(grad(chi2), z, x, s), (T, 1.0 + 0.1 * T)),
    ("minimize-TNC", ridge_min("TNC", jac=grad_ridge, options={"gtol": 1e-12, "xtol": 1e-14}),
     lambda z, y, lam: _newton_polish(grad_ridge, z, y, lam), (Y, 0.5)),
]
# fmt: on


@pytest.mark.parametrize("name, fun, polish, args", POLISHED, ids=[r[0] for r in POLISHED])
def test_polished_reference(name, fun, polish, args):
    # finite differences of the solver's answer refined to machine precision
    # (the solver's own stopping point is not smooth enough in the inputs)
    exact = lambda *a: polish(fun(*a), *a)      # noqa: E731
    rng = onp.random.default_rng(3)
    dirs = tuple(rng.standard_normal(onp.shape(a)) if onp.ndim(a) else 1.0 for a in args)
    h = 1e-5
    numeric = (exact(*[a + h * d for a, d in zip(args, dirs)])
               - exact(*[a - h * d for a, d in zip(args, dirs)])) / (2 * h)
    ours = make_jvp(fun, tuple(range(len(args))))(*args)(dirs)[1]
    onp.testing.assert_allclose(ours, numeric, rtol=1e-7, atol=1e-9)


def test_check_grads_oracle_on_a_root():
    # the library's own oracle (step 1e-6) where the solver is exact to rounding
    check_grads(lambda c: opt.brentq(cubic, 0.0, 3.0, args=(c, 2.0), **TIGHT),
                modes=["fwd", "rev"], order=1)(0.5)


def test_check_solution_rejects_a_wrong_derivative():
    with pytest.raises(AssertionError):
        check_solution(lambda c: opt.brentq(cubic, 0.0, 3.0, args=(c, 2.0), **TIGHT)
                       + 1e-3 * stop_gradient(c), (0.5,), modes=("fwd",))


# ----------------------------------------------------------------- starts, types, values

# fmt: off
# (name, function of (start, parameter))
START_ROWS = [
    ("minimize",      lambda x0, lam: opt.minimize(ridge, x0, args=(Y, lam), jac=grad_ridge).x),
    ("least_squares", lambda x0, y: opt.least_squares(lambda p: decay(T, p[0], p[1]) - y, x0).x),
    ("root",          lambda x0, p: opt.root(system, x0, args=(p,)).x),
    ("fsolve",        lambda x0, p: opt.fsolve(system, x0, args=(p,))),
    ("newton",        lambda x0, c: opt.newton(cubic, x0, args=(c, 2.0))),
    ("brentq",        lambda a, c: opt.brentq(cubic, a, 3.0, args=(c, 2.0))),
    ("root_scalar",   lambda x0, c: opt.root_scalar(cubic, x0=x0, x1=x0 + 0.5, args=(c, 2.0)).root),
    ("curve_fit",     lambda p0, y: opt.curve_fit(decay, T, y, p0=p0)[0]),
]
START_VALUES = {"minimize": (onp.zeros(3), 0.5), "least_squares": (onp.ones(2), YT),
                "root": (onp.zeros(2), P), "fsolve": (onp.zeros(2), P), "newton": (1.0, 0.5),
                "brentq": (0.0, 0.5), "root_scalar": (1.0, 0.5), "curve_fit": (onp.ones(2), YT)}
# fmt: on


@pytest.mark.parametrize("name, fun", START_ROWS, ids=[r[0] for r in START_ROWS])
def test_start_point_has_zero_derivative(name, fun):
    x0, p = START_VALUES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = grad(lambda x0: np.sum(fun(x0, p)))(x0)
        assert onp.all(onp.asarray(g) == 0.0) and onp.shape(g) == onp.shape(x0)
        t = make_jvp(lambda x0: fun(x0, p))(x0)(onp.ones_like(x0))[1]
        assert onp.all(onp.asarray(t) == 0.0)
        # traced start and traced parameter together: only the parameter counts
        g0, gp = grad(lambda x0, p: np.sum(fun(x0, p)), (0, 1))(x0, p)
        assert onp.all(onp.asarray(g0) == 0.0)
        onp.testing.assert_allclose(gp, grad(lambda p: np.sum(fun(x0, p)))(p))


def test_values_and_types_are_scipys():
    from autograd.extend import isbox
    seen = {}

    def f(lam):
        res = opt.minimize(ridge, onp.zeros(3), args=(Y, lam), jac=grad_ridge)
        ref = spo.minimize(ridge, onp.zeros(3), args=(Y, float(lam._value)), jac=grad_ridge)
        assert type(res) is type(ref) and isbox(res.x) and isbox(res.fun)
        onp.testing.assert_allclose(res.x._value, ref.x)
        assert res.nit == ref.nit and res.success
        r = opt.root_scalar(cubic, args=(lam, 2.0), bracket=[0.0, 3.0])
        assert type(r) is spo.RootResults and isbox(r.root) and r.converged
        x, info = opt.brentq(cubic, 0.0, 3.0, args=(lam, 2.0), full_output=True)
        assert isbox(x) and info.converged
        out = opt.fsolve(system, onp.zeros(2), args=(np.array([lam, 0.3]),), full_output=True)
        assert len(out) == 4 and out[2] == 1 and isinstance(out[1], dict)
        popt, pcov = opt.curve_fit(decay, T, YT * lam, p0=[1.0, 1.0])
        assert isbox(popt) and not isbox(pcov) and pcov.shape == (2, 2)
        seen["ok"] = True
        return res.fun + x + np.sum(out[0]) + np.sum(popt)

    grad(f)(0.5)
    assert seen
    # no traced input: SciPy's own function, untouched
    res = opt.minimize(ridge, onp.zeros(3), args=(Y, 0.5), jac=grad_ridge)
    assert type(res.x) is onp.ndarray


def test_args_as_scipy_reads_them():
    # a list (or any non-tuple) is one argument, as in SciPy
    f = lambda x, p: x ** 3 - p[0] - p[1]                                 # noqa: E731
    assert opt.brentq(f, 0.0, 3.0, args=[1.0, 2.0]) == spo.brentq(f, 0.0, 3.0, args=[1.0, 2.0])
    root = spo.brentq(f, 0.0, 3.0, args=[1.0, 2.0])
    assert grad(lambda a: opt.brentq(f, 0.0, 3.0, args=[a, 2.0]))(1.0) == pytest.approx(1 / (3 * root ** 2))
    assert opt.brentq(lambda x, c: x ** 3 - c, 0.0, 3.0, args=8.0) == pytest.approx(2.0)


def test_value_of_minimum_by_the_envelope_theorem():
    # d/dlam min_w f(w, lam) = df/dlam at the optimum = |w*|^2
    def best(lam):
        return opt.minimize(ridge, onp.zeros(3), args=(Y, lam), jac=grad_ridge,
                            options={"gtol": 1e-10}).fun
    w = spo.minimize(ridge, onp.zeros(3), args=(Y, 0.5), jac=grad_ridge, options={"gtol": 1e-10}).x
    onp.testing.assert_allclose(grad(best)(0.5), onp.sum(w * w), rtol=1e-8)


def test_minimum_at_a_bound_is_held():
    # minimize_scalar's bounded method stops within xatol of the bound: held there
    g = lambda a: opt.minimize_scalar(lambda x: (x - a) ** 2 + 0.1 * x ** 3, bounds=(0.0, 1.0),
                                      method="bounded").x          # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for a in (3.0, -2.0):
            assert grad(g)(a) == 0.0 and make_jvp(g)(a)(1.0)[1] == 0.0
    check_solution(lambda a: opt.minimize_scalar(lambda x: (x - a) ** 2 + 0.1 * x ** 3, bounds=(0.0, 1.0),
                                                 method="bounded", options={"xatol": 1e-12}).x, (0.5,))
    # every component of minimize at a bound
    f = lambda a: opt.minimize(lambda w: np.sum((w - a) ** 2), onp.zeros(2), method="L-BFGS-B",
                               jac=grad(lambda w: np.sum((w - a) ** 2)), bounds=[(0, 1)] * 2).x  # noqa: E731
    assert onp.all(jacobian(f)(3.0) == 0.0)
    # an interior minimum within the tolerance of a bound stays free
    h = lambda a: opt.minimize(lambda w: np.sum((w - a) ** 2), onp.zeros(2), method="L-BFGS-B",
                               jac=grad(lambda w: np.sum((w - a) ** 2)), bounds=[(0, 1)] * 2,
                               options={"gtol": 1e-12}).x            # noqa: E731
    onp.testing.assert_allclose(jacobian(h)(1.0 - 1e-8), onp.ones(2))


# ----------------------------------------------------------------- failures are never silent

def test_not_converged_warns_then_raises():
    def f(lam):
        return np.sum(opt.minimize(ridge, onp.zeros(3), args=(Y, lam), method="BFGS",
                                   jac=grad_ridge, options={"maxiter": 1}).x)
    with pytest.warns(ImplicitDiffWarning, match="did not converge"):
        with pytest.raises(ImplicitDiffError, match="did not converge"):
            grad(f)(0.5)
    with pytest.warns(ImplicitDiffWarning), pytest.raises(ImplicitDiffError):
        make_jvp(f)(0.5)(1.0)
    with pytest.warns(ImplicitDiffWarning), pytest.raises(ImplicitDiffError):
        grad(lambda d: opt.brentq(cubic, 0.0, 3.0, args=(0.5, d), maxiter=2, disp=False))(2.0)


def test_not_converged_but_a_solution_is_differentiated():
    # BFGS stops on rounding ("precision loss", success=False) at a tight gtol: the
    # point is a minimum to rounding, so the derivative is given, after the warning
    def f(lam):
        return opt.minimize(ridge, onp.zeros(3), args=(Y, lam), method="BFGS", jac=grad_ridge,
                            options={"gtol": 1e-14}).x
    assert not spo.minimize(ridge, onp.zeros(3), args=(Y, 0.5), method="BFGS", jac=grad_ridge,
                            options={"gtol": 1e-14}).success
    with pytest.warns(ImplicitDiffWarning, match="did not converge"):
        ours = make_jvp(f)(0.5)(1.0)[1]
    onp.testing.assert_allclose(ours, make_jvp(lambda lam: ridge_min(
        "L-BFGS-B", jac=grad_ridge, options={"gtol": 1e-12, "ftol": 1e-15})(Y, lam))(0.5)(1.0)[1],
        rtol=1e-7)


def test_singular_hessian_names_the_condition_number():
    # a valley of minima: w0 + w1 = a, so the minimizer is not unique
    def f(a):
        return np.sum(opt.minimize(lambda w, a: (w[0] + w[1] - a) ** 2, onp.zeros(2), args=(a,),
                                   jac=grad(lambda w, a: (w[0] + w[1] - a) ** 2)).x)
    for run in (lambda: grad(f)(1.0), lambda: make_jvp(f)(1.0)(1.0)):
        with pytest.raises(ImplicitDiffError, match="Hessian.*condition number"):
            run()
    # a residual whose derivative in x is zero (a step): no derivative to give
    with pytest.raises(ImplicitDiffError, match="derivative.*condition number inf"):
        grad(lambda c: opt.brentq(lambda x, c: np.sign(x - c), 0.0, 3.0, args=(c,)))(1.3)


def test_ill_conditioned_warns():
    scale = onp.array([1.0, 1e-10])

    def f(a):
        return np.sum(opt.root(lambda x, a: scale * x - a, onp.zeros(2), args=(a,)).x)
    with pytest.warns(ImplicitDiffWarning, match="ill-conditioned"):
        grad(f)(1e-10)


def test_inexact_solution_warns():
    def f(lam):
        return np.sum(opt.minimize(ridge, onp.zeros(3), args=(Y, lam), method="Nelder-Mead",
                                   options={"xatol": 1e-2, "fatol": 1e-2}).x)
    with pytest.warns(ImplicitDiffWarning, match="from a solution"):
        grad(f)(0.5)


def test_refused_inputs():
    # (minimize's constraints and traced bounds: tests/scipy/test_optimize_constrained.py)
    with pytest.raises(NotImplementedError, match="bounds"):
        grad(lambda b: np.sum(opt.least_squares(lambda p: decay(T, p[0], p[1]) - YT, onp.ones(2),
                                                bounds=(b, onp.inf)).x))(-5.0)
    with pytest.raises(NotImplementedError, match="loss"):
        grad(lambda y: np.sum(opt.least_squares(lambda p: decay(T, p[0], p[1]) - y, onp.ones(2),
                                                loss=lambda z: onp.array([z, z * 0 + 1, z * 0])).x))(YT)


K_GLOBAL = None


def _uses_global(x):
    return x ** 3 - K_GLOBAL


def test_undetected_capture_is_an_error():
    def f(k):
        global K_GLOBAL
        K_GLOBAL = k
        try:
            return opt.brentq(_uses_global, 0.0, 3.0)
        finally:
            K_GLOBAL = None
    with pytest.raises(UndetectedCaptureError, match="global variable"):
        grad(f)(8.0)
