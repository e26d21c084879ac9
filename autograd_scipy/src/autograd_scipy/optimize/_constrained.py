"""Constrained minima: ``minimize`` with ``constraints`` and traced ``bounds``, through the KKT system.

At a minimum ``x*`` of ``f`` subject to constraints, with the *active* ones
written ``g_k(x) >= 0`` or ``g_k(x) = 0`` (equalities, and inequalities that
hold with equality at ``x*``, to :data:`ACTIVE_TOL`) and the components held
at a bound ``x_i = b_i``, the KKT conditions

    grad f(x) - A(x)^T lam = 0   on the free components,   A = dg/dx,
    g(x) = 0,                     x_i - b_i = 0   on the held ones,

make ``z* = (x*, lam*)`` the solution of ``F(z, θ) = 0``: one call of
:data:`._implicit.implicit_solution`, whose Jacobian is the KKT matrix
``[[H_L, -A^T], [A, 0]]`` (``H_L`` the Hessian of the Lagrangian
``f - lam . g``), the held rows replaced by unit rows.  So a held component
moves with its bound (``dx_i/db_i = 1``), the free ones follow the reduced
system, and the derivative in everything the objective, the constraints
(functions, ``args``, ``lb``/``ub``, ``A`` of a ``LinearConstraint``) and the
bounds depend on comes from the implicit function theorem, as for the other
solvers.  Inactive inequality constraints do not enter.

The multipliers ``lam`` are the least-squares solution of ``grad f = A^T lam``
on the free components at the returned point, for every method alike
(trust-constr's ``v`` is ``-lam`` and SLSQP's ``multipliers`` is ``lam`` to the
solver's accuracy; the least-squares ones are consistent with the returned
``x`` and cost one small solve).

Checks at the call, reported as :class:`ImplicitDiffError` when a derivative
is taken (the value itself stays usable): a constraint violated by more than
the tolerance; linearly dependent active gradients (LICQ fails); a
stationarity residual above :data:`KKT_TOL`; an active inequality whose
multiplier is negative, or zero to :data:`WEAK_TOL` (weakly active: no strict
complementarity, so the active set can change at first order and the
solution has no derivative); an inactive inequality that one Newton step on
the KKT conditions reaches (an interior-point solver stops short of a weakly
active constraint, which then looks inactive).  Multipliers and residuals are
measured against ``scale = max(|grad f|, |H_L| (1 + |x|))``, the change of the
gradient over a relative unit move of ``x``.  A singular KKT matrix is refused
by the primitive's own conditioning check.
"""

import numpy as onp
import scipy.optimize as _so

from autograd import grad, jacobian
from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .._closures import unbox_result
from ._implicit import COND_ERROR, active_bounds, solve_result

__all__ = ["ACTIVE_TOL", "WEAK_TOL", "KKT_TOL", "CONSTRAINED_METHODS", "has_constraints",
           "plain_constraints", "constrained_result"]

ACTIVE_TOL = 1e-6
WEAK_TOL = 1e-6
KKT_TOL = 1e-3

# the methods of scipy.optimize.minimize that use constraints (the others warn and ignore them)
CONSTRAINED_METHODS = ("slsqp", "trust-constr", "cobyla", "cobyqa")

KKT_NAME = ("KKT matrix [[H_L, -A^T], [A, 0]] (the Lagrangian's Hessian bordered by the active "
            "constraints' Jacobian A; singular when the Hessian is singular on the constraints' "
            "tangent space)")


def _as_list(constraints):
    if constraints is None:
        return []
    if isinstance(constraints, (dict, _so.NonlinearConstraint, _so.LinearConstraint)):
        return [constraints]
    return list(constraints)


def has_constraints(constraints, method):
    """Whether ``minimize`` with ``method`` (SciPy's default when None) uses ``constraints``."""
    if not _as_list(constraints):
        return False
    if method is None or callable(method):
        return True          # SciPy picks SLSQP; a custom method gets them
    return str(method).lower() in CONSTRAINED_METHODS


# ----------------------------------------------------------------- plain constraints for SciPy

def _checked(func, name):
    if not callable(func) or isinstance(func, (type, _so.HessianUpdateStrategy)):
        return func

    def call(*a, **kw):
        return unbox_result(func(*a, **kw), name)
    return call


def plain_constraints(constraints, name):
    """SciPy's ``constraints`` (already rebuilt around plain values), their functions
    checked to return plain values (a traced value they reach unseen raises)."""
    if constraints is None:
        return constraints

    def one(c):
        if isinstance(c, dict):
            return {k: _checked(v, name) if k in ("fun", "jac") else v for k, v in c.items()}
        if isinstance(c, _so.NonlinearConstraint):
            c = _so.NonlinearConstraint(_checked(c.fun, name), c.lb, c.ub, _checked(c.jac, name),
                                        _checked(c.hess, name), c.keep_feasible,
                                        c.finite_diff_rel_step, c.finite_diff_jac_sparsity)
        return c
    if isinstance(constraints, (dict, _so.NonlinearConstraint, _so.LinearConstraint)):
        return one(constraints)
    return type(constraints)(one(c) for c in constraints)


# ----------------------------------------------------------------- the constraints as lb <= c(x) <= ub

def _pieces(constraints):
    """``[(label, kind, c, lb, ub)]``: each constraint as ``lb <= c(x) <= ub`` (``c`` a vector;
    ``kind`` is a dict's ``type``, ``None`` for the objects)."""
    out = []
    for k, con in enumerate(_as_list(constraints)):
        label = f"constraints[{k}]"
        if isinstance(con, dict):
            kind = con.get("type")
            if kind not in ("eq", "ineq"):
                raise ValueError(f"{label}: unknown constraint type {kind!r}.")
            fun, cargs = con["fun"], con.get("args", ())
            c = (lambda x, fun=fun, cargs=cargs: anp.ravel(fun(x, *cargs)))
            out.append((label, kind, c, 0.0, 0.0 if kind == "eq" else onp.inf))
        elif isinstance(con, _so.NonlinearConstraint):
            out.append((label, None, lambda x, fun=con.fun: anp.ravel(fun(x)), con.lb, con.ub))
        elif isinstance(con, _so.LinearConstraint):
            out.append((label, None, lambda x, A=con.A: anp.ravel(anp.dot(A, x)), con.lb, con.ub))
        else:
            raise TypeError(f"{label}: a {type(con).__name__} is not a constraint minimize "
                            "can differentiate (a dict, NonlinearConstraint or LinearConstraint).")
    return out


def _vector(b, m):
    """A bound ``lb``/``ub`` (scalar, sequence or array, maybe traced) as a length-``m`` vector."""
    if isinstance(b, (list, tuple)):
        b = anp.array(b)
    return anp.ravel(b + onp.zeros(m))


def _active_values(pieces, active, x):
    """The active constraints at ``x`` as one vector ``g(x)`` (``>= 0`` or ``= 0`` each)."""
    parts = []
    for (_, _, c, lb, ub), (lo_rows, hi_rows) in zip(pieces, active):
        if not len(lo_rows) and not len(hi_rows):
            continue
        cx = c(x)
        m = onp.size(getval(cx))
        if len(lo_rows):
            parts.append(anp.take(cx, lo_rows) - anp.take(_vector(lb, m), lo_rows))
        if len(hi_rows):
            parts.append(anp.take(_vector(ub, m), hi_rows) - anp.take(cx, hi_rows))
    return anp.concatenate(parts) if parts else anp.zeros(0)


def _bound_vectors(bounds, n):
    """``(lo, hi)`` of ``bounds`` (a ``Bounds`` or a sequence of pairs, maybe traced)."""
    if isinstance(bounds, _so.Bounds):
        return _vector(bounds.lb, n), _vector(bounds.ub, n)
    lo = [-onp.inf if b[0] is None else b[0] for b in bounds]
    hi = [onp.inf if b[1] is None else b[1] for b in bounds]
    return anp.array(lo) + onp.zeros(n), anp.array(hi) + onp.zeros(n)


# ----------------------------------------------------------------- the active set at the call

def _find_active(pieces, x):
    """``(active, labels, violated, hint)`` at the plain ``x``: per piece the row indices
    active at ``lb`` (equalities too) and at ``ub``; a label per active row (in
    ``_active_values``' order) and whether it is an inequality; a description of each
    violated row; which inactive constraint is nearest its bound."""
    active, labels, violated, nearest = [], [], [], (onp.inf, "")
    for label, kind, c, lb, ub in pieces:
        cx = onp.ravel(onp.asarray(getval(c(x)), dtype=float))
        m = cx.size
        lo = onp.asarray(getval(_vector(lb, m)), dtype=float)
        hi = onp.asarray(getval(_vector(ub, m)), dtype=float)
        tol_lo = ACTIVE_TOL * (1.0 + onp.where(onp.isfinite(lo), onp.abs(lo), 0.0))
        tol_hi = ACTIVE_TOL * (1.0 + onp.where(onp.isfinite(hi), onp.abs(hi), 0.0))
        eq = lo == hi
        with onp.errstate(invalid="ignore"):
            d_lo, d_hi = onp.abs(cx - lo), onp.abs(cx - hi)
            near_lo = eq | (onp.isfinite(lo) & (d_lo <= tol_lo))
            # both ends within the tolerance (lb ~ ub): the nearer one
            near_hi = ~eq & onp.isfinite(hi) & (d_hi <= tol_hi) & ~(near_lo & (d_lo <= d_hi))
            near_lo &= ~near_hi
            bad = (cx < lo - tol_lo) | (cx > hi + tol_hi) | (eq & ~(d_lo <= tol_lo))
        violated += [(_row_label(label, kind, m, j, "equality" if eq[j] else "inequality"),
                      f"its value {cx[j]:.6g} is outside [{lo[j]:.6g}, {hi[j]:.6g}]")
                     for j in onp.flatnonzero(bad)]
        lo_rows, hi_rows = onp.flatnonzero(near_lo), onp.flatnonzero(near_hi)
        active.append((lo_rows, hi_rows))
        with onp.errstate(invalid="ignore"):
            slack = onp.where(near_lo | near_hi | eq, onp.inf, onp.fmin(
                onp.where(onp.isfinite(lo), d_lo / (1.0 + onp.abs(lo)), onp.inf),
                onp.where(onp.isfinite(hi), d_hi / (1.0 + onp.abs(hi)), onp.inf)))
        if slack.size and slack.min() < nearest[0]:
            j = int(onp.argmin(slack))
            nearest = (slack[j], f"{label}{'' if m == 1 else f' component {j}'}")
        labels += [(_row_label(label, kind, m, j, "equality" if eq[j] else "lower bound"),
                    not eq[j]) for j in lo_rows]
        labels += [(_row_label(label, kind, m, j, "upper bound"), True) for j in hi_rows]
    hint = (f"; the inactive constraint nearest its bound is {nearest[1]}, {nearest[0]:.1e} "
            "(relative) from it" if nearest[1] else "")
    return active, labels, violated, hint


def _row_label(label, kind, m, j, side):
    return f"{label}{'' if m == 1 else f' component {j}'} ({kind or side})"


def _analyse(x, gradf, hess_lagrangian, A, free, labels, hint):
    """``(lam, H, error)``: the multipliers, the Lagrangian's Hessian on the free components
    and the first KKT failure (``""``: none)."""
    n_free = len(free)
    Af = A[:, free]
    gf = gradf[free]
    m = Af.shape[0]
    names = ", ".join(lab for lab, _ in labels)
    if m > n_free:
        return onp.zeros(m), None, (
            f"{m} constraints are active ({names}) on {n_free} free components: their gradients "
            "are linearly dependent (LICQ fails), the multipliers are not unique and the solution "
            "has no derivative by the implicit function theorem. Remove redundant constraints.")
    if m:
        s = onp.linalg.svd(Af, compute_uv=False)
        cond = s[0] / s[-1] if s[-1] > 0 else onp.inf
        if not cond <= COND_ERROR:
            return onp.zeros(m), None, (
                f"the gradients of the active constraints ({names}) are linearly dependent at the "
                f"solution (LICQ fails: condition number {cond:.3g} of their Jacobian, limit "
                f"{COND_ERROR:.0e}): the multipliers are not unique and the solution has no "
                "derivative by the implicit function theorem. Remove redundant constraints.")
        lam = onp.linalg.lstsq(Af.T, gf, rcond=None)[0]
    else:
        lam = onp.zeros(0)
    H = hess_lagrangian(lam)[onp.ix_(free, free)]
    scale = max(onp.linalg.norm(gradf), onp.linalg.norm(H, 2) * (1.0 + onp.linalg.norm(x)))
    scale = scale if scale > 0 else 1.0
    r = onp.linalg.norm(gf - Af.T @ lam) / scale
    if not r <= KKT_TOL:
        return lam, H, (
            f"the solution is not a KKT point with the active set [{names or 'none'}]: the "
            f"Lagrangian's gradient is {r:.1e} (relative) from zero (limit {KKT_TOL:.0e}). The "
            "solver stopped early, or a constraint active at the solution is farther than the "
            f"active-set tolerance {ACTIVE_TOL:.0e} from its bound{hint}. Tighten the solver "
            "(tol; for trust-constr also gtol, xtol and barrier_tol in options).")
    for k, (label, inequality) in enumerate(labels):
        if not inequality:
            continue
        t = lam[k] * onp.linalg.norm(Af[k]) / scale
        if t < -WEAK_TOL:
            return lam, H, (
                f"the multiplier of the active inequality {label} is negative ({lam[k]:.3g}): the "
                "point is not a constrained minimum with that constraint active, so the implicit "
                "function theorem gives it no derivative.")
        if t <= WEAK_TOL:
            return lam, H, (
                f"the inequality {label} is weakly active at the solution: it holds with equality "
                f"but its multiplier is zero ({lam[k]:.3g}, relative {t:.1e} <= {WEAK_TOL:.0e}), so "
                "strict complementarity fails; the active set changes at first order and the "
                "solution is not differentiable there.")
    return lam, H, ""


def _landing(pieces, x, free, gradf, A, lam, H, g, labels):
    """An inactive constraint that one Newton step on the KKT conditions from ``x`` reaches.

    An interior-point solver (trust-constr) stops short of a constraint by about
    the square root of its barrier parameter: a weakly active constraint then
    looks inactive, and the multipliers and residuals are all small.  The Newton
    step to the KKT point of the current active set shows it: it lands on (or
    beyond) that constraint.
    """
    Af = A[:, free]
    m, nf = Af.shape
    K = onp.block([[H, -Af.T], [Af, onp.zeros((m, m))]])
    try:
        step = onp.linalg.solve(K, onp.concatenate([gradf[free] - Af.T @ lam, g]))
    except onp.linalg.LinAlgError:
        return ""           # the conditioning check of the rules names it
    xn = x.copy()
    xn[free] -= step[:nf]
    _, labels_n, violated, _ = _find_active(pieces, xn)
    known = {label for label, _ in labels}
    reached = [label for label, _ in labels_n if label not in known] + [
        label for label, _ in violated]
    if not reached:
        return ""
    return (f"{reached[0]} is inactive at the returned point, but one Newton step on the KKT "
            "conditions from there reaches or crosses its bound: it is weakly active (a zero "
            "multiplier: the solution is not differentiable there, its one-sided derivatives "
            "differ), or active and the solver stopped short of it (tighten the solver: tol; "
            "for trust-constr gtol, xtol and barrier_tol in options).")


# ----------------------------------------------------------------- minimize's result

def constrained_result(res, cb, x0, constraints, first):
    """``res`` with ``res.x`` traced through the KKT system (see the module docstring).

    ``cb`` holds the objective (0), the constraints (5) and the bounds (6) of
    ``minimize``; ``first(out)`` is the objective's value from ``fun``'s output.
    """
    n = onp.size(res.x)
    xp = onp.ravel(onp.asarray(res.x, dtype=float))
    objs = cb.caps.plain()
    pieces_p = _pieces(objs[5]) if constraints else []
    fplain = lambda x: first(objs[0](x, *objs[-1]))          # noqa: E731
    gradf = onp.ravel(onp.asarray(getval(grad(fplain)(xp)), dtype=float))
    active, labels, violated, hint = _find_active(pieces_p, xp)
    error = "" if not violated else (
        f"{violated[0][0]} is violated at the solution: {violated[0][1]} by more than the "
        f"tolerance {ACTIVE_TOL:.0e} (relative)")
    m = len(labels)
    gfun = lambda x: _active_values(pieces_p, active, x)      # noqa: E731
    A = (onp.asarray(getval(jacobian(gfun)(xp)), dtype=float).reshape(m, n) if m
         else onp.zeros((0, n)))

    # components held at a bound: near it, pushed outwards by the Lagrangian's gradient
    held = onp.zeros(n, dtype=bool)
    if objs[6] is not None:
        lo, hi = (onp.asarray(getval(v), dtype=float) for v in _bound_vectors(objs[6], n))
        near = onp.zeros(n, dtype=bool)
        with onp.errstate(invalid="ignore"):
            near |= onp.isfinite(lo) & (onp.abs(xp - lo) <= 1e-6 * (1.0 + onp.abs(lo)))
            near |= onp.isfinite(hi) & (onp.abs(xp - hi) <= 1e-6 * (1.0 + onp.abs(hi)))
        away = onp.flatnonzero(~near)
        lam0 = (onp.linalg.lstsq(A[:, away].T, gradf[away], rcond=None)[0] if m and len(away)
                else onp.zeros(m))
        free = active_bounds(xp, lo, hi, lambda z: gradf - A.T @ lam0)
        if free is not None:
            held[:] = True
            held[free] = False
    free = onp.flatnonzero(~held)

    def hess_lagrangian(lam):
        return onp.asarray(getval(jacobian(grad(lambda x: fplain(x) - anp.dot(lam, gfun(x))))(xp)),
                           dtype=float).reshape(n, n)

    lam, H, kkt_error = _analyse(xp, gradf, hess_lagrangian, A, free, labels, hint)
    error = error or kkt_error
    if not error and pieces_p:
        error = _landing(pieces_p, xp, free, gradf, A, lam, H,
                         onp.asarray(getval(gfun(xp)), dtype=float), labels)
    held_idx = onp.flatnonzero(held)
    if len(held_idx):
        with onp.errstate(invalid="ignore"):
            held_at_lo = onp.abs(xp - lo)[held_idx] <= onp.abs(xp - hi)[held_idx]
    scatter = onp.zeros((len(held_idx), n))
    scatter[onp.arange(len(held_idx)), held_idx] = 1.0
    keep = (~held).astype(float)

    def residual(z, *values):
        rebuilt = cb.at(values)
        pieces = _pieces(rebuilt[5]) if constraints else []
        x, lam = z[:n], z[n:]

        def lagrangian(x):
            return first(rebuilt[0](x, *rebuilt[-1])) - anp.dot(lam, _active_values(pieces, active, x))
        r = anp.ravel(grad(lagrangian)(x)) * keep
        if len(held_idx):
            lo, hi = _bound_vectors(rebuilt[6], n)
            b = anp.where(held_at_lo, anp.take(lo, held_idx), anp.take(hi, held_idx))
            r = r + anp.dot(anp.take(x, held_idx) - b, scatter)
        return anp.concatenate([r, _active_values(pieces, active, x)]) if m else r

    z = onp.concatenate([xp, lam])
    zt = solve_result("minimize", residual, z, (x0,), cb, res.success, getattr(res, "message", ""),
                      None, KKT_NAME, error=f"minimize: {error}" if error else "")
    return zt[:n] if m else zt

