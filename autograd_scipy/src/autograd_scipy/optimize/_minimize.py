"""Minimizers: ``minimize``, ``minimize_scalar``, ``least_squares`` and ``curve_fit``.

SciPy solves on plain values; the optimum is then made a traced value by
:data:`._implicit.implicit_solution` with the objective's gradient (computed
by autograd on the user's function) as the residual, so that its derivative
in the parameters is ``-H^{-1} d(grad f)/dparams``.  Components at an active
bound are held fixed.  ``minimize`` with constraints or traced bounds goes
through the KKT system instead (:mod:`._constrained`).  The returned objects
are SciPy's, with the optimum (and the objective's value, where SciPy returns
it) traced.
"""

import numpy as onp
import scipy.optimize as _so

from autograd import grad
from autograd.extend import getval
from autograd_numpy import linalg as alinalg
from autograd_numpy import numpy_wrapper as anp

from .._overridable import make_overridable
from ._constrained import constrained_result, has_constraints, plain_constraints
from ._implicit import Callbacks, active_bounds, as_tuple, solve_result, traced

__all__ = ["minimize", "minimize_scalar", "least_squares", "curve_fit"]


def _first(out, jac_flag):
    """The objective's value (``fun`` returns ``(value, gradient)`` when ``jac=True``)."""
    return out[0] if jac_flag is True else out


def _refuse_traced(name, **named):
    for what, value in named.items():
        if _any_traced(value):
            raise NotImplementedError(f"{name}: a traced {what} cannot be differentiated; "
                                      "only the solution's dependence on args and on values "
                                      "the callbacks close over is.")


def _any_traced(value):
    from .._closures import Captures
    return bool(Captures(value).values)


# ----------------------------------------------------------------- minimize

def _bound_arrays(bounds, n):
    if bounds is None:
        return None
    if isinstance(bounds, _so.Bounds):
        return bounds.lb, bounds.ub
    lo = onp.array([-onp.inf if b[0] is None else b[0] for b in bounds], dtype=float)
    hi = onp.array([onp.inf if b[1] is None else b[1] for b in bounds], dtype=float)
    return lo, hi


def minimize(fun, x0, args=(), method=None, jac=None, hess=None, hessp=None, bounds=None,
             constraints=(), tol=None, callback=None, options=None):
    cb = Callbacks("minimize", fun, jac, hess, hessp, callback, constraints, bounds, args=args)
    res = _so.minimize(cb.plain(0), getval(x0), args=cb.plain_args, method=method,
                       jac=cb.plain(1), hess=cb.plain(2), hessp=cb.plain(3), bounds=cb.plain(6),
                       constraints=plain_constraints(cb.plain(5), "minimize"), tol=tol,
                       callback=cb.plain(4), options=options)
    if not cb and not traced(x0):
        return res
    if not cb:
        res.x = solve_result("minimize", None, res.x, (x0,), cb, True)
        return res
    use_constraints = has_constraints(constraints, method)
    if use_constraints or _any_traced(bounds):
        # the KKT system: active constraints, multipliers, bounds that move
        x = constrained_result(res, cb, x0, use_constraints, lambda out: _first(out, jac))
    else:
        def residual(z, *values):
            objs = cb.at(values)
            return anp.ravel(grad(lambda x: _first(objs[0](x, *objs[-1]), jac))(z))

        b = _bound_arrays(bounds, onp.size(res.x))
        plain = [getval(v) for v in cb.values]
        free = None if b is None else active_bounds(res.x, *b, lambda z: residual(z, *plain))
        x = solve_result("minimize", residual, res.x, (x0,), cb, res.success,
                         getattr(res, "message", ""), free, "Hessian")
    res.x = x
    if "fun" in res:
        res.fun = _first(fun(x, *as_tuple(args)), jac)
    return res


def minimize_scalar(fun, bracket=None, bounds=None, args=(), method=None, tol=None,
                    options=None):
    cb = Callbacks("minimize_scalar", fun, args=args)
    _refuse_traced("minimize_scalar", bracket=bracket, bounds=bounds)
    res = _so.minimize_scalar(cb.plain(0), bracket=bracket, bounds=bounds, args=cb.plain_args,
                              method=method, tol=tol, options=options)
    if not cb:
        return res

    def residual(z, *values):
        objs = cb.at(values)
        return anp.reshape(grad(lambda x: objs[0](x, *objs[-1]))(z[0]), (1,))

    free = None
    if bounds is not None and method in (None, "bounded", "Bounded"):
        # the minimum at a bound: held there when the unconstrained Newton step leaves
        # the interval through that bound (the bounded method stops within xatol of it)
        x, objs = float(res.x), cb.caps.plain()
        d1 = grad(lambda x: objs[0](x, *objs[-1]))
        g, h = float(d1(x)), float(grad(d1)(x))
        xatol = (options or {}).get("xatol", 1e-5)
        for b in bounds:
            near = abs(x - b) <= 10 * xatol * (1.0 + abs(b))
            if near and (h <= 0 or (x - g / h - b) * (x - b) < 0 or abs(x - g / h - b)
                         > abs(x - b)):
                free = onp.zeros(0, dtype=int)
    res.x = solve_result("minimize_scalar", residual, float(res.x), (), cb, res.success,
                         getattr(res, "message", ""), free, "second derivative")
    res.fun = fun(res.x, *as_tuple(args))
    return res


# ----------------------------------------------------------------- least squares

def _rho(loss, z):
    """SciPy's robust losses rho(z) of ``z = f**2`` (written with traced operations)."""
    if loss == "linear":
        return z
    if loss == "soft_l1":
        return 2.0 * ((1.0 + z) ** 0.5 - 1.0)
    if loss == "huber":
        return anp.where(z <= 1.0, z, 2.0 * anp.sqrt(anp.maximum(z, 1.0)) - 1.0)
    if loss == "cauchy":
        return anp.log1p(z)
    if loss == "arctan":
        return anp.arctan(z)
    raise NotImplementedError(f"least_squares with loss={loss!r} cannot be differentiated "
                              "(a callable loss is not traceable); use one of SciPy's named "
                              "losses.")


def least_squares(fun, x0, jac="2-point", bounds=(-onp.inf, onp.inf), method="trf", ftol=1e-8,
                  xtol=1e-8, gtol=1e-8, x_scale=None, loss="linear", f_scale=1.0,
                  diff_step=None, tr_solver=None, tr_options=None, jac_sparsity=None,
                  max_nfev=None, verbose=0, args=(), kwargs=None, callback=None, workers=None):
    kwargs = {} if kwargs is None else kwargs
    cb = Callbacks("least_squares", fun, jac, callback, kwargs, args=args)
    options = dict(bounds=bounds, method=method, ftol=ftol, xtol=xtol, gtol=gtol, loss=loss,
                   f_scale=f_scale, diff_step=diff_step, tr_solver=tr_solver,
                   tr_options={} if tr_options is None else tr_options,
                   jac_sparsity=jac_sparsity, max_nfev=max_nfev, verbose=verbose)
    if x_scale is not None:
        options["x_scale"] = x_scale
    if workers is not None:
        options["workers"] = workers
    _refuse_traced("least_squares", bounds=bounds, f_scale=f_scale)
    res = _so.least_squares(cb.plain(0), getval(x0), jac=cb.plain(1), args=cb.plain_args,
                            kwargs=cb.plain(3), callback=cb.plain(2), **options)
    if not cb and not traced(x0):
        return res
    if not cb:
        res.x = solve_result("least_squares", None, res.x, (x0,), cb, True)
        return res
    _rho(loss, 0.0)     # refuses a callable loss before anything is traced
    c2 = float(f_scale) ** 2

    def cost(x, objs):
        f = anp.ravel(objs[0](x, *objs[-1], **objs[3]))
        return 0.5 * c2 * anp.sum(_rho(loss, f * f / c2))

    def residual(z, *values):
        objs = cb.at(values)
        return anp.ravel(grad(lambda x: cost(x, objs))(z))

    lo, hi = (onp.asarray(b, dtype=float) for b in bounds) if not isinstance(
        bounds, _so.Bounds) else (bounds.lb, bounds.ub)
    plain = [getval(v) for v in cb.values]
    free = active_bounds(res.x, lo, hi, lambda z: residual(z, *plain))
    x = solve_result("least_squares", residual, res.x, (x0,), cb, res.status > 0,
                     getattr(res, "message", ""), free, "Gauss-Newton Hessian of the cost")
    res.x = x
    res.fun = anp.ravel(fun(x, *as_tuple(args), **kwargs))
    res.cost = cost(x, (fun, None, None, kwargs, as_tuple(args)))
    return res


# ----------------------------------------------------------------- curve_fit

def curve_fit(f, xdata, ydata, p0=None, sigma=None, absolute_sigma=False, check_finite=None,
              bounds=(-onp.inf, onp.inf), method=None, jac=None, *, full_output=False,
              nan_policy=None, **kwargs):
    cb = Callbacks("curve_fit", f, jac, xdata, ydata, sigma)
    options = dict(absolute_sigma=absolute_sigma, check_finite=check_finite, bounds=bounds,
                   method=method, full_output=full_output, nan_policy=nan_policy, **kwargs)
    _refuse_traced("curve_fit", bounds=bounds)
    out = _so.curve_fit(cb.plain(0), cb.plain(2), cb.plain(3), p0=getval(p0), sigma=cb.plain(4),
                        jac=cb.plain(1), **options)
    if not cb and not traced(p0):
        return out
    if nan_policy not in (None, "raise"):
        raise NotImplementedError(f"curve_fit with nan_policy={nan_policy!r} cannot be "
                                  "differentiated.")
    popt = out[0]
    if not cb:
        return (solve_result("curve_fit", None, popt, (p0,), cb, True),) + tuple(out[1:])
    sig_ndim = None if sigma is None else onp.ndim(getval(sigma))

    def chi2(p, objs):
        fun, _, xd, yd, sg = objs[:5]
        r = anp.ravel(fun(xd, *[p[k] for k in range(onp.size(popt))])) - anp.ravel(yd)
        if sig_ndim is None:
            return 0.5 * anp.sum(r * r)
        if sig_ndim == 1:
            w = r / anp.ravel(sg)
            return 0.5 * anp.sum(w * w)
        return 0.5 * anp.dot(r, alinalg.solve(sg, r))

    def residual(z, *values):
        return anp.ravel(grad(lambda p: chi2(p, cb.at(values)))(z))

    lo, hi = (onp.asarray(b, dtype=float) for b in bounds) if not isinstance(
        bounds, _so.Bounds) else (bounds.lb, bounds.ub)
    plain = [getval(v) for v in cb.values]
    free = active_bounds(popt, lo, hi, lambda z: residual(z, *plain))
    popt = solve_result("curve_fit", residual, popt, (p0,), cb, True, "", free,
                        "Hessian of the chi-square")
    return (popt,) + tuple(out[1:])


for _f, _raw in [(minimize, _so.minimize), (minimize_scalar, _so.minimize_scalar),
                 (least_squares, _so.least_squares), (curve_fit, _so.curve_fit)]:
    _f.__doc__ = _raw.__doc__      # SciPy's documentation
    _f.__wrapped__ = _raw
    _f.__autograd_composite__ = True
del _f, _raw

make_overridable(globals())     # every public function takes a user's rule
