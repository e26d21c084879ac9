"""Root finders: ``root``, ``fsolve``, ``root_scalar``, ``newton``, ``fixed_point`` and the bracketing
solvers ``brentq``, ``brenth``, ``ridder``, ``bisect``, ``toms748``.

SciPy finds the root on plain values; :data:`._implicit.implicit_solution`
makes it a traced value with the user's function as the residual, so its
derivative in the parameters is ``-J^{-1} df/dparams`` (``J`` the Jacobian of
the function in ``x``, computed by autograd).  Starting points and brackets
have a zero derivative.  The returned objects are SciPy's, with the root
traced.
"""

import inspect

import scipy.optimize as _so

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .._overridable import make_overridable
from ._implicit import Callbacks, solve_result, traced

__all__ = ["root", "fsolve", "root_scalar", "newton", "fixed_point", "brentq", "brenth", "ridder",
           "bisect", "toms748"]


def _value(out, flag):
    """The function's value (it returns ``(value, derivative...)`` when ``flag`` is True)."""
    return out[0] if flag is True else out


def _vector_residual(cb, shape, flag=None):
    def residual(z, *values):
        objs = cb.at(values)
        return anp.ravel(_value(objs[0](anp.reshape(z, shape), *objs[-1]), flag))
    return residual


def _scalar_residual(cb, flag=None):
    def residual(z, *values):
        objs = cb.at(values)
        return anp.reshape(_value(objs[0](z[0], *objs[-1]), flag), (1,))
    return residual


# ----------------------------------------------------------------- systems

def root(fun, x0, args=(), method="hybr", jac=None, tol=None, callback=None, options=None):
    cb = Callbacks("root", fun, jac, callback, args=args)
    res = _so.root(cb.plain(0), getval(x0), args=cb.plain_args, method=method, jac=cb.plain(1),
                   tol=tol, callback=cb.plain(2), options=options)
    if not cb and not traced(x0):
        return res
    shape = anp.shape(getval(x0))
    res.x = solve_result("root", _vector_residual(cb, shape, jac), res.x, (x0,), cb,
                         res.success, getattr(res, "message", ""))
    return res


def fsolve(func, x0, args=(), fprime=None, full_output=0, col_deriv=0, xtol=1.49012e-08,
           maxfev=0, band=None, epsfcn=None, factor=100, diag=None):
    cb = Callbacks("fsolve", func, fprime, args=args)
    options = dict(col_deriv=col_deriv, xtol=xtol, maxfev=maxfev, band=band, epsfcn=epsfcn,
                   factor=factor, diag=diag)
    if not cb and not traced(x0):
        return _so.fsolve(cb.plain(0), x0, args=cb.plain_args, fprime=cb.plain(1),
                          full_output=full_output, **options)
    x, info, ier, msg = _so.fsolve(cb.plain(0), getval(x0), args=cb.plain_args,
                                   fprime=cb.plain(1), full_output=True, **options)
    x = solve_result("fsolve", _vector_residual(cb, anp.shape(x)), x, (x0,), cb, ier == 1, msg)
    return (x, info, ier, msg) if full_output else x


def newton(func, x0, fprime=None, args=(), tol=1.48e-08, maxiter=50, fprime2=None, x1=None,
           rtol=0.0, full_output=False, disp=True):
    cb = Callbacks("newton", func, fprime, fprime2, args=args)
    options = dict(tol=tol, maxiter=maxiter, x1=None if x1 is None else getval(x1), rtol=rtol,
                   disp=disp)
    if not cb and not traced(x0, x1):
        return _so.newton(cb.plain(0), x0, fprime=cb.plain(1), args=cb.plain_args,
                          fprime2=cb.plain(2), full_output=full_output, **options)
    out = _so.newton(cb.plain(0), getval(x0), fprime=cb.plain(1), fprime2=cb.plain(2),
                     args=cb.plain_args, full_output=True, **options)
    scalar = anp.ndim(out[0]) == 0
    if scalar:
        r = out[1]
        converged, msg = r.converged, r.flag
        residual = _scalar_residual(cb)
    else:
        converged = bool(anp.all(out[1]))
        msg = f"{int(anp.sum(~out[1]))} of {out[1].size} elements did not converge"
        residual = _vector_residual(cb, anp.shape(out[0]))
    starts = (x0,) if x1 is None else (x0, x1)
    x = solve_result("newton", residual, out[0], starts, cb, converged, msg, None,
                     "derivative" if scalar else "Jacobian")
    return (x,) + tuple(out[1:]) if full_output else x


def fixed_point(func, x0, args=(), xtol=1e-08, maxiter=500, method="del2"):
    cb = Callbacks("fixed_point", func, args=args)
    x = _so.fixed_point(cb.plain(0), getval(x0), args=cb.plain_args, xtol=xtol, maxiter=maxiter,
                        method=method)      # raises RuntimeError when it fails to converge
    if not cb and not traced(x0):
        return x
    shape = anp.shape(x)

    def residual(z, *values):
        objs = cb.at(values)
        zs = anp.reshape(z, shape)
        return anp.ravel(objs[0](zs, *objs[-1]) - zs)
    return solve_result("fixed_point", residual, x, (x0,), cb, True, "", None,
                        "Jacobian of func(x) - x")


# ----------------------------------------------------------------- scalar roots

def root_scalar(f, args=(), method=None, bracket=None, fprime=None, fprime2=None, x0=None,
                x1=None, xtol=None, rtol=None, maxiter=None, options=None):
    cb = Callbacks("root_scalar", f, fprime, fprime2, args=args)
    starts = tuple(v for v in (x0, x1) if v is not None) + tuple(bracket or ())
    kw = dict(method=method, xtol=xtol, rtol=rtol, maxiter=maxiter, options=options)
    res = _so.root_scalar(cb.plain(0), args=cb.plain_args,
                          bracket=None if bracket is None else [getval(v) for v in bracket],
                          fprime=cb.plain(1), fprime2=cb.plain(2), x0=getval(x0),
                          x1=getval(x1), **kw)
    if not cb and not traced(*starts):
        return res
    flag = True if fprime is True or fprime2 is True else None   # f returns (f, f', ...)
    res.root = solve_result("root_scalar", _scalar_residual(cb, flag),
                            res.root, starts, cb, res.converged, res.flag, None, "derivative")
    return res


def _bracketing(name, raw):
    signature = inspect.signature(raw)

    def solver(f, a, b, *rest, **kw):
        opts = signature.bind(f, a, b, *rest, **kw)
        opts.apply_defaults()
        opts = dict(opts.arguments)
        del opts["f"], opts["a"], opts["b"]
        args, full_output = opts.pop("args"), opts.pop("full_output")
        cb = Callbacks(name, f, args=args)
        if not cb and not traced(a, b):
            return raw(cb.plain(0), a, b, args=cb.plain_args, full_output=full_output, **opts)
        x, r = raw(cb.plain(0), getval(a), getval(b), args=cb.plain_args, full_output=True,
                   **opts)
        x = solve_result(name, _scalar_residual(cb), x, (a, b), cb, r.converged, r.flag,
                         None, "derivative")
        return (x, r) if full_output else x
    solver.__name__ = solver.__qualname__ = name
    solver.__signature__ = signature
    return solver


brentq = _bracketing("brentq", _so.brentq)
brenth = _bracketing("brenth", _so.brenth)
ridder = _bracketing("ridder", _so.ridder)
bisect = _bracketing("bisect", _so.bisect)
toms748 = _bracketing("toms748", _so.toms748)


for _f, _raw in [(root, _so.root), (fsolve, _so.fsolve), (newton, _so.newton),
                 (fixed_point, _so.fixed_point),
                 (root_scalar, _so.root_scalar), (brentq, _so.brentq), (brenth, _so.brenth),
                 (ridder, _so.ridder), (bisect, _so.bisect), (toms748, _so.toms748)]:
    _f.__doc__ = _raw.__doc__      # SciPy's documentation
    _f.__wrapped__ = _raw
    _f.__autograd_composite__ = True
    _f.__module__ = __name__
del _f, _raw

make_overridable(globals())     # every public function takes a user's rule
