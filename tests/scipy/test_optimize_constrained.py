"""autograd.scipy.optimize: ``minimize`` with constraints and traced bounds (the KKT system).

Each row is a constrained minimum as a function of its parameters, with the
constraints that are active there written out by hand (``active(x, *params)``,
a vector that vanishes: equalities, active inequalities, components held at
a bound).  The reference is independent of the library's active-set logic:
the solver's answer is refined by Newton's method on the KKT conditions of
those constraints (multipliers by least squares, Jacobians by autograd on
plain values) to machine precision, and differentiated by central
differences of re-solving; ``check_kkt`` compares forward mode (JVP along a
seeded direction) and reverse mode (``<u, J v>``) with it.  Then closed forms,
the start point, errors, and what is traced in the result.
"""

import warnings

import numpy as onp
import pytest
import scipy.optimize as spo

import autograd.numpy as np
import autograd.scipy.optimize as opt
from autograd import grad, jacobian, make_jvp
from autograd.scipy.optimize import ImplicitDiffError, ImplicitDiffWarning
from autograd_scipy._closures import UndetectedCaptureError
from autograd_scipy.optimize._constrained import ACTIVE_TOL, KKT_TOL, WEAK_TOL

from .test_optimize import _flat, check_solution

# trust-constr's quasi-Newton update notes a linear constraint; nothing to act on
pytestmark = pytest.mark.filterwarnings("ignore:delta_grad == 0.0:UserWarning")

STEP = 1e-3
RTOL = 1e-6
SLSQP = {"method": "SLSQP", "options": {"ftol": 1e-14, "maxiter": 500}}
TRUST = {"method": "trust-constr", "options": {"gtol": 1e-12, "xtol": 1e-14, "barrier_tol": 1e-12,
                                               "maxiter": 5000}}


def kkt_polish(objective, active, x, params):
    """``x`` refined by Newton's method on ``grad f = A^T lam, g(x) = 0`` (``g = active``)."""
    x = _flat(x)
    n = x.size
    gf = grad(lambda x: objective(x, *params))
    A = jacobian(lambda x: active(x, *params)) if active else (lambda x: onp.zeros((0, n)))
    lam = onp.linalg.lstsq(onp.reshape(A(x), (-1, n)).T, gf(x), rcond=None)[0]
    z = onp.concatenate([x, lam])

    def F(z):
        x, lam = z[:n], z[n:]
        return np.concatenate([gf(x) - np.dot(lam, np.reshape(A(x), (-1, n))),
                               np.reshape(active(x, *params), (-1,)) if active else np.zeros(0)])
    for _ in range(6):
        z = z - onp.linalg.solve(jacobian(F)(z), F(z))
    return z[:n]


def check_kkt(fun, objective, active, args, modes=("fwd", "rev"), rtol=RTOL, seed=0):
    """First-order check of ``fun(*args)`` against central differences of the polished solution."""
    check_solution(fun, args, modes, rtol, seed, step=STEP,
                   solve=lambda params: kkt_polish(objective, active, fun(*params), params))


# ----------------------------------------------------------------- problems

Q = onp.array([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.5]])
AEQ = onp.array([[1.0, 1.0, 1.0], [1.0, -1.0, 0.0]])


def quad(x, p):
    return 0.5 * np.dot(x, np.dot(Q, x)) - np.dot(p, x)


def eq_quadratic(kw):
    # min 0.5 x'Qx - p'x  s.t.  AEQ x = b
    def f(p, b):
        cons = {"type": "eq", "fun": lambda x, b: np.dot(AEQ, x) - b, "args": (b,)}
        return opt.minimize(quad, onp.zeros(3), args=(p,), constraints=cons, **kw).x
    return f


def bowl(x, a):
    return (x[0] - a[0]) ** 2 + (x[1] - a[1]) ** 2 + 0.1 * x[0] * x[1] + 0.05 * x[0] ** 4


def disk(kw):
    # min bowl(x, a)  s.t.  r^2 - |x|^2 >= 0: active for a = (2, 1), inactive for small a
    def f(a, r):
        cons = [{"type": "ineq", "fun": lambda x: r ** 2 - np.dot(x, x)}]
        return opt.minimize(bowl, onp.zeros(2), args=(a,), constraints=cons, **kw).x
    return f


def disk_active(x, a, r):
    return r ** 2 - np.dot(x, x)


def disk_nonlinear(a, r):
    # the radius enters through the constraint object's upper bound
    con = opt.NonlinearConstraint(lambda x: np.dot(x, x), -np.inf, r ** 2)
    return opt.minimize(bowl, onp.zeros(2), args=(a,), constraints=con, **TRUST).x


def disk_nonlinear_closure(a, r):
    # ... and through the constraint function's closure, with a lower bound
    con = opt.NonlinearConstraint(lambda x: 1.0 - np.dot(x, x) / r ** 2, 0.0, np.inf)
    return opt.minimize(bowl, onp.zeros(2), args=(a,), constraints=[con], **TRUST).x


def mixed(a, c):
    # equality (depends on c), an active and an inactive inequality; SLSQP
    cons = [{"type": "eq", "fun": lambda x: x[0] + x[1] + x[2] - c},
            {"type": "ineq", "fun": lambda x, a: 1.0 - x[0] + 0.1 * a[1] * x[1], "args": (a,)},
            {"type": "ineq", "fun": lambda x: 10.0 - x[2]}]
    return opt.minimize(lambda x, a: np.sum((x - a) ** 2) + 0.1 * x[0] * x[2], onp.zeros(3),
                        args=(a,), constraints=cons, **SLSQP).x


def mixed_active(x, a, c):
    return np.array([x[0] + x[1] + x[2] - c, 1.0 - x[0] + 0.1 * a[1] * x[1]])


def linear_traced(Arow, b):
    # a LinearConstraint whose matrix and bounds are traced: an equality and an active upper bound
    A = np.stack([Arow, np.array([0.0, 1.0, -1.0])])
    con = opt.LinearConstraint(A, np.stack([b, -np.inf]), np.stack([b, -0.5]))
    return opt.minimize(lambda x: np.sum(x ** 2) - x[1] + 0.1 * x[2] ** 4, onp.zeros(3),
                        constraints=con, **TRUST).x


def bounded(method, **kw):
    # x0 held at its traced lower bound, x1 at its traced upper bound, x2 free
    def f(a, lo, hi):
        return opt.minimize(lambda x, a: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2] + 0.2 * x[1] * x[2],
                            onp.zeros(3), args=(a,), method=method,
                            bounds=[(lo, None), (None, hi), (-5.0, 5.0)], **kw).x
    return f


def bounded_active(x, a, lo, hi):
    return np.array([x[0] - lo, x[1] - hi])


def bounds_object(a, lo, hi):
    # a Bounds object with traced arrays, and a constraint active too (SLSQP)
    cons = {"type": "ineq", "fun": lambda x: x[1] + x[2] - 0.2}
    return opt.minimize(lambda x, a: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2], onp.zeros(3),
                        args=(a,), bounds=opt.Bounds(lo, hi), constraints=cons, **SLSQP).x


def bounds_object_active(x, a, lo, hi):
    return np.array([x[0] - lo[0], x[1] + x[2] - 0.2])


A_OUT = onp.array([2.0, 1.0])
A_IN = onp.array([0.3, 0.2])
A3 = onp.array([2.0, 0.5, -0.3])

# fmt: off
# (name, function of the parameters, objective(x, *params), active(x, *params) or None, parameters)
ROWS = [
    ("eq-quadratic-SLSQP",          eq_quadratic(SLSQP), lambda x, p, b: quad(x, p),
     lambda x, p, b: np.dot(AEQ, x) - b, (onp.array([1.0, 2.0, -1.0]), onp.array([1.0, 0.2]))),
    ("eq-quadratic-trust-constr",   eq_quadratic(TRUST), lambda x, p, b: quad(x, p),
     lambda x, p, b: np.dot(AEQ, x) - b, (onp.array([1.0, 2.0, -1.0]), onp.array([1.0, 0.2]))),
    ("ineq-active-SLSQP",           disk(SLSQP), lambda x, a, r: bowl(x, a), disk_active, (A_OUT, 1.0)),
    ("ineq-active-trust-constr",    disk(TRUST), lambda x, a, r: bowl(x, a), disk_active, (A_OUT, 1.0)),
    ("ineq-inactive-SLSQP",         disk(SLSQP), lambda x, a, r: bowl(x, a), None, (A_IN, 1.0)),
    ("ineq-inactive-trust-constr",  disk(TRUST), lambda x, a, r: bowl(x, a), None, (A_IN, 1.0)),
    ("NonlinearConstraint-ub",      disk_nonlinear, lambda x, a, r: bowl(x, a), disk_active, (A_OUT, 1.0)),
    ("NonlinearConstraint-closure", disk_nonlinear_closure, lambda x, a, r: bowl(x, a), disk_active,
     (A_OUT, 1.2)),
    ("mixed-eq-ineq-args",          mixed, lambda x, a, c: np.sum((x - a) ** 2) + 0.1 * x[0] * x[2], mixed_active,
     (onp.array([2.0, 0.5, 0.1]), 1.0)),
    ("LinearConstraint-traced",     linear_traced, lambda x, Arow, b: np.sum(x ** 2) - x[1] + 0.1 * x[2] ** 4,
     lambda x, Arow, b: np.array([np.dot(Arow, x) - b, -0.5 - x[1] + x[2]]),
     (onp.array([1.0, 2.0, 0.5]), 1.0)),
    ("bounds-traced-L-BFGS-B",      bounded("L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15}),
     lambda x, a, lo, hi: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2] + 0.2 * x[1] * x[2], bounded_active,
     (A3, 2.5, 0.0)),
    ("bounds-traced-SLSQP",         bounded(**SLSQP),
     lambda x, a, lo, hi: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2] + 0.2 * x[1] * x[2], bounded_active,
     (A3, 2.5, 0.0)),
    ("bounds-traced-trust-constr",  bounded(**TRUST),
     lambda x, a, lo, hi: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2] + 0.2 * x[1] * x[2], bounded_active,
     (A3, 2.5, 0.0)),
    ("Bounds-object-and-constraint", bounds_object, lambda x, a, lo, hi: np.sum((x - a) ** 2) + 0.3 * x[0] * x[2],
     bounds_object_active, (A3, onp.array([2.5, -3.0, -3.0]), onp.array([4.0, 3.0, 3.0]))),
]
# fmt: on


@pytest.mark.parametrize("name, fun, objective, active, args", ROWS, ids=[r[0] for r in ROWS])
def test_constrained_derivatives(name, fun, objective, active, args):
    check_kkt(fun, objective, active, args)


def test_check_kkt_rejects_a_wrong_active_set():
    # the reference really depends on the active set: dropping the constraint changes it
    name, fun, objective, active, args = ROWS[2]
    with pytest.raises(AssertionError):
        check_kkt(fun, objective, None, args, modes=("fwd",))


# ----------------------------------------------------------------- closed forms

def test_equality_quadratic_closed_form():
    # x* = [I 0] K^{-1} [p; b] with K = [[Q, A^T], [A, 0]]: the Jacobians are blocks of K^{-1}
    K = onp.block([[Q, AEQ.T], [AEQ, onp.zeros((2, 2))]])
    Kinv = onp.linalg.inv(K)[:3]
    p, b = onp.array([1.0, 2.0, -1.0]), onp.array([1.0, 0.2])
    for kw in (SLSQP, TRUST):
        f = eq_quadratic(kw)
        onp.testing.assert_allclose(f(p, b), Kinv @ onp.concatenate([p, b]), atol=1e-9)
        onp.testing.assert_allclose(jacobian(f, 0)(p, b), Kinv[:, :3], rtol=1e-8, atol=1e-12)
        onp.testing.assert_allclose(jacobian(f, 1)(p, b), Kinv[:, 3:], rtol=1e-8, atol=1e-12)
        onp.testing.assert_allclose(make_jvp(f, 1)(p, b)(onp.array([1.0, 0.0]))[1], Kinv[:, 3],
                                    rtol=1e-8, atol=1e-12)


def test_held_component_moves_with_its_bound():
    # dx_i / d bound_i = 1 for the held components, in both modes; a bound not reached: 0
    f = bounded("L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15})
    x = f(A3, 2.5, 0.0)
    assert x[0] == pytest.approx(2.5) and x[1] == pytest.approx(0.0)
    assert jacobian(f, 1)(A3, 2.5, 0.0)[0] == pytest.approx(1.0)
    assert jacobian(f, 2)(A3, 2.5, 0.0)[1] == pytest.approx(1.0)
    assert make_jvp(f, 1)(A3, 2.5, 0.0)(1.0)[1][0] == pytest.approx(1.0)
    # x2 is free: it follows through the coupling 0.3 x0 x2 + 0.2 x1 x2
    assert jacobian(f, 1)(A3, 2.5, 0.0)[2] == pytest.approx(-0.15)
    g = bounded("L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15})
    onp.testing.assert_allclose(jacobian(lambda lo: g(onp.array([0.1, -0.2, 0.0]), lo, 1.0))(-4.0),
                                onp.zeros(3), atol=1e-12)


def test_value_of_constrained_minimum():
    # envelope theorem with a constraint g = r^2 - |x|^2 >= 0: d f*/dr = -lam dg/dr = -2 lam r
    def best(r):
        cons = [{"type": "ineq", "fun": lambda x: r ** 2 - np.dot(x, x)}]
        return opt.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **SLSQP).fun
    res = spo.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=[
        {"type": "ineq", "fun": lambda x: 1.0 - x @ x}], **SLSQP)
    lam = res.multipliers[0]
    onp.testing.assert_allclose(grad(best)(1.0), -lam * 2.0, rtol=1e-7)


def test_multipliers_agree_with_the_solvers():
    # ours, by least squares, match trust-constr's v = -lam (grad f + J^T v = 0) and
    # SLSQP's multipliers = lam
    from autograd_scipy.optimize import _constrained
    seen = []
    orig = _constrained._analyse

    def spy(*a):
        out = orig(*a)
        seen.append(out[0])
        return out
    _constrained._analyse = spy
    try:
        for kw in (TRUST, SLSQP):
            grad(lambda r, kw=kw: np.sum(disk(kw)(A_OUT, r)))(1.0)
    finally:
        _constrained._analyse = orig
    cons = [{"type": "ineq", "fun": lambda x: 1.0 - x @ x}]
    res = spo.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **TRUST)
    onp.testing.assert_allclose(seen[0], -res.v[0], rtol=1e-7)
    res = spo.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **SLSQP)
    onp.testing.assert_allclose(seen[1], res.multipliers, rtol=1e-7)


# ----------------------------------------------------------------- start, result, plain path

def test_start_point_has_zero_derivative():
    def f(x0, r):
        cons = [{"type": "ineq", "fun": lambda x: r ** 2 - np.dot(x, x)}]
        return opt.minimize(bowl, x0, args=(A_OUT,), constraints=cons, **SLSQP).x
    g0, gr = grad(lambda x0, r: np.sum(f(x0, r)), (0, 1))(onp.zeros(2), 1.0)
    assert onp.all(g0 == 0.0) and gr != 0.0
    assert onp.all(make_jvp(lambda x0: f(x0, 1.0))(onp.zeros(2))(onp.ones(2))[1] == 0.0)


def test_result_is_scipys_and_plain_calls_are_untouched():
    from autograd.extend import isbox

    def f(r):
        cons = [{"type": "ineq", "fun": lambda x: r ** 2 - np.dot(x, x)}]
        res = opt.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **SLSQP)
        assert type(res) is spo.OptimizeResult and isbox(res.x) and isbox(res.fun)
        assert res.x.shape == (2,)
        return res.fun
    grad(f)(1.0)
    cons = [{"type": "ineq", "fun": lambda x: 1.0 - np.dot(x, x)}]
    res = opt.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **SLSQP)
    ref = spo.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints=cons, **SLSQP)
    assert type(res.x) is onp.ndarray
    onp.testing.assert_array_equal(res.x, ref.x)


def test_constraints_ignored_by_the_method_are_ignored():
    # BFGS ignores constraints (SciPy warns): the derivative is the unconstrained one
    def f(a, cons):
        return opt.minimize(bowl, onp.zeros(2), args=(a,), method="BFGS", jac=grad(bowl),
                            constraints=cons).x
    cons = [{"type": "ineq", "fun": lambda x: 1.0 - np.dot(x, x)}]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*cannot handle constraints")
        warnings.simplefilter("error", ImplicitDiffWarning)
        onp.testing.assert_allclose(jacobian(f)(A_OUT, cons), jacobian(f)(A_OUT, ()), rtol=1e-12)
        assert onp.sum(f(A_OUT, cons) ** 2) > 1.5       # the constraint was indeed ignored


# ----------------------------------------------------------------- errors: never a silent wrong derivative

def fixed_point_method(point):
    """A custom ``method`` returning ``point``: puts the checks in front of chosen points."""
    def method(fun, x0, args=(), **kw):
        return spo.OptimizeResult(x=onp.asarray(point, dtype=float), fun=fun(point, *args), success=True,
                                  nit=0, message="given")
    return method


def both_modes(f, x):
    return [lambda: grad(lambda x: np.sum(f(x)))(x), lambda: make_jvp(f)(x)(onp.ones_like(x))]


# fmt: off
# (name, function of a parameter, value, message pattern)
ERROR_ROWS = [
    # the unconstrained minimum lies on the constraint: multiplier 0, not differentiable
    ("weakly-active",    lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.ones(2), args=(a,),
                                                constraints={"type": "ineq", "fun": lambda x: x[0]}, **SLSQP).x,
     onp.array([0.0, 0.5]), r"constraints\[0\] \(ineq\) is weakly active"),
    ("weakly-active-object", lambda a: opt.minimize(
        lambda x, a: np.sum((x - a) ** 2), onp.ones(2), args=(a,),
        constraints=opt.NonlinearConstraint(lambda x: x[0] + x[1], -np.inf, 1.0), **SLSQP).x,
     onp.array([0.25, 0.75]), r"constraints\[0\] \(upper bound\) is weakly active"),
    # trust-constr stops ~1e-5 short of it: the Newton step to the KKT point reaches it
    ("weakly-active-interior-point", lambda a: opt.minimize(
        lambda x, a: np.sum((x - a) ** 2), onp.ones(2), args=(a,),
        constraints=opt.NonlinearConstraint(lambda x: x[0] + x[1], -np.inf, 1.0), **TRUST).x,
     onp.array([0.25, 0.75]), r"constraints\[0\] \(upper bound\) is inactive .* Newton step .* weakly active"),
    # the same constraint twice: dependent gradients
    ("LICQ-duplicate",   lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(2), args=(a,), constraints=[
        {"type": "ineq", "fun": lambda x: 1.0 - x[0]}, {"type": "ineq", "fun": lambda x: 2.0 - 2.0 * x[0]}],
        **SLSQP).x, A_OUT, r"LICQ fails: condition number"),
    # a constraint whose gradient vanishes at the solution
    ("LICQ-zero-gradient", lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(2), args=(a,),
                                                  method=fixed_point_method([1.0, 0.5]),
                                                  constraints={"type": "eq", "fun": lambda x: (x[0] - 1.0) ** 2}).x,
     A_OUT, r"LICQ fails: condition number inf"),
    ("LICQ-too-many",    lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(1), args=(a,),
                                                method=fixed_point_method([1.0]), constraints=[
        {"type": "ineq", "fun": lambda x: 1.0 - x[0]}, {"type": "ineq", "fun": lambda x: 2.0 - 2 * x[0]}]).x,
     onp.array([2.0]), r"2 constraints are active .* on 1 free components.*LICQ"),
    # LICQ holds but the objective is flat along the constraint: a valley of minima
    ("KKT-singular",     lambda a: opt.minimize(lambda x, a: (x[0] - a[0]) ** 2, onp.zeros(3), args=(a,),
                                                constraints={"type": "eq", "fun": lambda x: x[1] + x[2] - 1.0},
                                                **SLSQP).x,
     A_OUT, r"KKT matrix .* singular .*condition number"),
    ("negative-multiplier", lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(2), args=(a,),
                                                   method=fixed_point_method([1.0, 1.0]),
                                                   constraints={"type": "ineq", "fun": lambda x: x[0] - 1.0}).x,
     A_OUT, r"multiplier of the active inequality constraints\[0\] \(ineq\) is negative"),
    ("not-KKT",          lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(2), args=(a,),
                                                method=fixed_point_method([1.0, 0.0]),
                                                constraints={"type": "ineq", "fun": lambda x: 1.0 - x[0]}).x,
     A_OUT, r"not a KKT point with the active set \[constraints\[0\] \(ineq\)\]"),
    ("infeasible",       lambda a: opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.zeros(2), args=(a,),
                                                method=fixed_point_method([2.0, 1.0]),
                                                constraints={"type": "ineq", "fun": lambda x: 1.0 - x[0]}).x,
     A_OUT, r"constraints\[0\] \(ineq\) is violated"),
    # trust-constr at its default tolerances stops 1e-4 inside an active constraint
    ("loose-solver",     lambda a: disk({"method": "trust-constr"})(a, 1.0),
     A_OUT, r"not a KKT point .* nearest its bound is constraints\[0\], \d\.\de-0[45] \(relative\)"),
]
# fmt: on


@pytest.mark.parametrize("name, f, x, pattern", ERROR_ROWS, ids=[r[0] for r in ERROR_ROWS])
def test_errors(name, f, x, pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)        # trust-constr's quasi-Newton notes
        f(x)                                                # the value itself is fine
        for run in both_modes(f, x):
            with pytest.raises(ImplicitDiffError, match=pattern):
                run()


def test_tolerances_are_documented():
    import pathlib
    doc = (pathlib.Path(__file__).parents[2] / "docs" / "scipy-optimize.md").read_text()
    for value in (ACTIVE_TOL, WEAK_TOL, KKT_TOL):
        assert f"`{value:.0e}`".replace("e-0", "e-") in doc


R_GLOBAL = None


def _global_constraint(x):
    return R_GLOBAL ** 2 - np.dot(x, x)


def test_undetected_capture_in_a_constraint():
    # a traced value the constraint reaches through a global: an error, never a constant
    def f(r):
        global R_GLOBAL
        R_GLOBAL = r
        try:
            return opt.minimize(bowl, onp.zeros(2), args=(A_OUT,),
                                constraints={"type": "ineq", "fun": _global_constraint}).x
        finally:
            R_GLOBAL = None
    with pytest.raises(UndetectedCaptureError, match="global variable"):
        grad(lambda r: np.sum(f(r)))(1.0)


def test_capture_through_a_container():
    # the constraint reads the radius from a dict it closes over: found, differentiated
    def f(r):
        box = {"r": r}
        return opt.minimize(bowl, onp.zeros(2), args=(A_OUT,), constraints={
            "type": "ineq", "fun": lambda x: box["r"] ** 2 - np.dot(x, x)}, **SLSQP).x
    onp.testing.assert_allclose(jacobian(f)(1.0), jacobian(lambda r: disk(SLSQP)(A_OUT, r))(1.0),
                                rtol=1e-10)


# ----------------------------------------------------------------- second order

def test_second_order_closed_form():
    # the projection onto the sphere |x| = r (an equality) or the ball (an active inequality):
    # x* = r a / |a|; the rules are traced operations, so second derivatives follow
    def projection(kind):
        def f(a, r):
            cons = {"type": kind, "fun": lambda x: r ** 2 - np.dot(x, x)}
            return opt.minimize(lambda x, a: np.sum((x - a) ** 2), onp.ones(3) / 3, args=(a,),
                                constraints=cons, **SLSQP).x
        return f

    def closed(a, r):
        return r * a / np.sqrt(np.sum(a * a))
    a, w = onp.array([2.0, 1.0, -0.5]), onp.array([0.3, -1.0, 0.7])
    for kind in ("eq", "ineq"):
        f = projection(kind)
        onp.testing.assert_allclose(f(a, 1.2), closed(a, 1.2), atol=1e-10)
        ours_aa = jacobian(jacobian(lambda a, f=f: np.dot(w, f(a, 1.2))))(a)       # rev over rev
        ours_ar = make_jvp(grad(lambda a, r, f=f: np.dot(w, f(a, r))), 1)(a, 1.2)(1.0)[1]  # fwd over rev
        onp.testing.assert_allclose(ours_aa, jacobian(jacobian(lambda a: np.dot(w, closed(a, 1.2))))(a),
                                    rtol=1e-7, atol=1e-9)
        onp.testing.assert_allclose(ours_ar, w / onp.linalg.norm(a) - a * (a @ w) / onp.linalg.norm(a) ** 3,
                                    rtol=1e-7, atol=1e-9)
