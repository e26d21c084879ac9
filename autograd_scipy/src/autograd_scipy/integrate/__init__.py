"""``autograd.scipy.integrate``: every public callable of ``scipy.integrate``, wrapped for tracing.

Differentiable here:

* ``odeint(func, y0, t, args=(), **options)`` (HIPS autograd's signature):
  derivatives with respect to ``y0``, the times ``t`` and every entry of
  ``args`` (a plain tuple or an ``autograd.builtins.tuple``).  Reverse mode
  solves the adjoint ODE backwards in time, forward mode the forward
  sensitivity equations; ``func(y, t, *args)`` must be written with
  ``autograd.numpy``.
* ``solve_ivp(fun, t_span, y0, ..., t_eval=None, args=None, **options)``:
  returns SciPy's result object in which ``.y`` (and ``.t`` when ``t_eval``
  is traced) are differentiable values: the states at the output times as
  functions of ``y0``, ``t_span[0]``, ``t_eval`` and ``args``.  Without
  ``t_eval`` the output times are those the solver chose at the given
  inputs, held fixed (they are piecewise constant in the inputs).  Events,
  ``dense_output`` and ``sol`` are not differentiated.
* ``trapezoid``, ``simpson``, ``cumulative_trapezoid``, ``cumulative_simpson``
  and ``romb``: in ``y``, ``x``, ``dx`` and ``initial`` (to any order).
* ``quad(func, a, b, args=(), ...)`` and ``quad_vec(f, a, b, ..., args=())``:
  return SciPy's ``(value, abserr)`` with ``value`` differentiable in the
  limits (``d/db = f(b)``, ``d/da = -f(a)``; zero at an infinite limit) and
  in every entry of ``args`` (the integral of the integrand's derivative,
  integrated by the same routine with the same options, so higher orders
  work too).  ``abserr`` and ``full_output``'s extra items are constants.
  ``weight=`` integrals are differentiable in ``args`` only; ``complex_func``
  is not differentiated.
* ``dblquad``, ``tplquad`` and ``nquad``: in every limit given as a number
  (traced or not), in ``args``, and through limits given as functions of
  ``args`` (``nquad``'s ranges): iterated quads, as SciPy computes them, each
  differentiated by quad's rules, so higher orders work as for ``quad``.
  ``nquad`` options with ``weight=`` are refused when differentiating.
* ``fixed_quad``: Gauss-Legendre written with traced operations, so in
  ``a``, ``b``, ``args`` and also values the integrand closes over.

The adaptive routines (``quad``, ``quad_vec``, ``dblquad``, ``tplquad``,
``nquad``) run SciPy's compiled code on plain numbers, so a traced value the
integrand *closes over* cannot be seen: pass it through ``args=`` (an
integrand that returns a traced value raises a TypeError saying so).

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.integrate import odeint
>>> decay = lambda y, t, k: -k * y
>>> round(float(grad(lambda k: odeint(decay, np.ones(1), np.array([0.0, 1.0]), (k,))[-1, 0])(1.0)), 4)
-0.3679
>>> from autograd.scipy.integrate import quad
>>> round(float(grad(lambda k: quad(lambda x, k: np.exp(-k * x), 0.0, 1.0, args=(k,))[0])(1.0)), 4)
-0.2642
"""

import numpy as onp
import scipy.integrate as _spi
import scipy.special as _special

from autograd.extend import getval, isbox, primitive
from autograd_numpy import numpy_wrapper as _anp
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace
from autograd_numpy.util import any_boxed as _traced

__all__ = _wrap_namespace(vars(_spi), globals(), set(getattr(_spi, "__all__", ())) or None)


# ----------------------------------------------------------------- ODE solutions

_ODEINT_OPTIONS = ("rtol", "atol", "tcrit", "h0", "hmax", "hmin", "ixpr", "mxstep",
                   "mxhnil", "mxordn", "mxords", "tfirst", "ml", "mu")


def integrate_path(func, y0, ts, args, kind, options):
    """States at the times ``ts`` (rows) of ``dy/dt = func(y, t, *args)`` from
    ``y(ts[0]) = y0``, integrated with ``odeint`` or ``solve_ivp`` (``kind``).

    This is the solver the rules use for the adjoint and sensitivity systems.
    """
    y0 = onp.asarray(y0, dtype=float)
    ts = onp.asarray(ts, dtype=float)
    if kind == "odeint":
        opts = {k: v for k, v in options.items() if k in _ODEINT_OPTIONS and k != "tfirst"}
        return _spi.odeint(func, y0, ts, args=tuple(args), **opts)
    out = [y0]
    y = y0
    for t0, t1 in zip(ts[:-1], ts[1:]):
        if t1 != t0:
            sol = _spi.solve_ivp(lambda t, y: func(y, t, *args), (t0, t1), y, **options)
            if not sol.success:
                raise RuntimeError(f"solve_ivp failed while differentiating: {sol.message}")
            y = sol.y[:, -1]
        out.append(y)
    return onp.stack(out)


def _odeint_raw(func, y0, t, *args, **options):
    """``scipy.integrate.odeint(func, y0, t, args)`` with ``args`` spread out."""
    return _spi.odeint(func, y0, t, args=args, **options)


odeint_args = primitive(_odeint_raw)


def _tuple(args):
    if args is None:
        return ()
    if isinstance(getval(args), (tuple, list)):     # a plain or traced container
        return tuple(args[i] for i in range(len(args)))
    return (args,)


def odeint(func, y0, t, args=(), Dfun=None, col_deriv=0, full_output=0, **options):
    args = _tuple(args)
    if Dfun is not None or col_deriv or full_output:
        if any(isbox(v) for v in (y0, t) + args):
            raise NotImplementedError("odeint with Dfun, col_deriv or full_output cannot be "
                                      "differentiated; drop those options.")
        return _spi.odeint(func, y0, t, args=args, Dfun=Dfun, col_deriv=col_deriv,
                           full_output=full_output, **options)
    return odeint_args(func, y0, t, *args, **options)


def _ivp_raw(fun, t0, y0, t_eval, *args, t_end=None, **options):
    """The states of ``solve_ivp`` at ``t_eval`` (shape ``(n, len(t_eval))``)."""
    sol = _spi.solve_ivp(fun, (t0, t_end), y0, t_eval=t_eval, args=args or None, **options)
    if not sol.success:
        raise RuntimeError(f"solve_ivp failed: {sol.message}")
    return sol.y


solve_ivp_y = primitive(_ivp_raw)


def solve_ivp(fun, t_span, y0, method="RK45", t_eval=None, dense_output=False, events=None,
              vectorized=False, args=None, **options):
    args = _tuple(args)
    t0, t_end = t_span[0], t_span[1]
    raw_args = tuple(getval(a) for a in args)
    res = _spi.solve_ivp(fun, (getval(t0), getval(t_end)), getval(y0), method=method,
                         t_eval=None if t_eval is None else getval(t_eval),
                         dense_output=dense_output, events=events, vectorized=vectorized,
                         args=raw_args or None, **options)
    traced = [v for v in (t0, y0, t_eval) + args if isbox(v)]
    if not traced or not res.success:
        return res
    times = res.t if t_eval is None else t_eval
    res.y = solve_ivp_y(fun, t0, y0, times, *args, t_end=getval(t_end), method=method,
                        vectorized=vectorized, **options)
    res.t = times
    return res


# ----------------------------------------------------------------- quadrature of samples

def _trapezoid_raw(y, x=None, dx=1.0, axis=-1):
    return _spi.trapezoid(y, x, dx, axis)


def _simpson_raw(y, x=None, dx=1.0, axis=-1):
    return _spi.simpson(y, x=x, dx=dx, axis=axis)


trapezoid_args = primitive(_trapezoid_raw)
simpson_args = primitive(_simpson_raw)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    return trapezoid_args(y, x, dx, axis)


def simpson(y, *, x=None, dx=1.0, axis=-1):
    return simpson_args(y, x, dx, axis)


# ----------------------------------------------------------------- quadrature of functions

_CLOSURE_MESSAGE = (
    "{name}: the integrand returned a traced value although {name} calls it with plain "
    "numbers, so it uses a value being differentiated from an enclosing scope (a closure). "
    "{name} integrates with SciPy's compiled code, which cannot carry that value's "
    "derivative; pass it through args=(...) instead (the integrand is called as "
    "func(x, *args)), or use fixed_quad, which is differentiable by composition.")


def plain_integrand(func, name):
    """``func`` checked to return plain numbers when called with plain numbers.

    A traced result can only come from a value the integrand closes over; the
    compiled integrator would fail on it with an unrelated message.
    """
    def integrand(x, *args):
        out = func(x, *args)
        if isbox(out):
            raise TypeError(_CLOSURE_MESSAGE.format(name=name))
        return out
    return integrand


def _quad_raw(func, a, b, *args, **options):
    """``(value, abserr)`` of ``scipy.integrate.quad`` with ``args`` spread out."""
    res = _spi.quad(plain_integrand(func, "quad"), a, b, args=args, **options)
    return res[0], getval(res[1])


def _quad_vec_raw(func, a, b, *args, **options):
    """``(value, abserr)`` of ``scipy.integrate.quad_vec`` with ``args`` spread out."""
    res = _spi.quad_vec(plain_integrand(func, "quad_vec"), a, b, args=args, **options)
    return res[0], getval(res[1])


quad_args = primitive(_quad_raw)
quad_vec_args = primitive(_quad_vec_raw)


def quad(func, a, b, args=(), full_output=0, epsabs=1.49e-8, epsrel=1.49e-8, limit=50,
         points=None, weight=None, wvar=None, wopts=None, maxp1=50, limlst=50,
         complex_func=False):
    args = _tuple(args)
    options = dict(epsabs=epsabs, epsrel=epsrel, limit=limit, points=points, weight=weight,
                   wvar=wvar, wopts=wopts, maxp1=maxp1, limlst=limlst)
    raw_args = tuple(getval(v) for v in args)
    if not _traced(a, b, *args):
        return _spi.quad(plain_integrand(func, "quad"), a, b, args=raw_args,
                         full_output=full_output, complex_func=complex_func, **options)
    if complex_func or _traced(wvar, points):
        raise NotImplementedError("quad with complex_func=True or a traced wvar or points "
                                  "cannot be differentiated.")
    if weight is not None and _traced(a, b):
        raise NotImplementedError(f"quad with weight={weight!r} is differentiable in args "
                                  "only, not in the limits.")
    res = quad_args(func, a, b, *args, **options)
    if not full_output:
        return res[0], getval(res[1])
    info = _spi.quad(plain_integrand(func, "quad"), getval(a), getval(b), args=raw_args,
                     full_output=full_output, **options)
    return (res[0], getval(res[1])) + tuple(info[2:])


def quad_vec(f, a, b, epsabs=1e-200, epsrel=1e-08, norm="2", cache_size=100e6, limit=10000,
             workers=1, points=None, quadrature=None, full_output=False, *, args=()):
    args = _tuple(args)
    options = dict(epsabs=epsabs, epsrel=epsrel, norm=norm, cache_size=cache_size,
                   limit=limit, workers=workers, points=points, quadrature=quadrature)
    raw_args = tuple(getval(v) for v in args)
    if not _traced(a, b, *args):
        return _spi.quad_vec(plain_integrand(f, "quad_vec"), a, b, full_output=full_output,
                             args=raw_args, **options)
    if _traced(points):
        raise NotImplementedError("quad_vec with traced points cannot be differentiated.")
    res = quad_vec_args(f, a, b, *args, **options)
    if not full_output:
        return res[0], getval(res[1])
    info = _spi.quad_vec(plain_integrand(f, "quad_vec"), getval(a), getval(b),
                         full_output=True, args=raw_args, **options)
    return res[0], getval(res[1]), info[2]


def _nested_quad(func, levels, args, opts):
    """``(value, abserr)`` of the iterated integral SciPy's ``nquad`` computes, traced.

    ``levels[k]`` is the ``(lo, hi)`` of variable ``x_k`` (``k = 0`` innermost):
    each limit a number (possibly traced) or a callable of the outer variables
    ``x_{k+1}, ..., x_{n-1}`` and ``args``; ``opts[k]`` the options of its
    ``quad`` (a dict or such a callable).  Every level is a ``quad_args`` call,
    so all derivatives come from quad's rules: the numeric limits of the inner
    levels and the outer variables travel as arguments of the enclosing calls,
    so that they may be traced.  ``abserr`` is the largest estimate of the
    value's quads, as SciPy's.
    """
    numbers = tuple(0.0 if callable(v) else v for pair in levels[:-1] for v in pair)
    errors = []

    def level(k, lo, hi, outer, limits, extra):
        # outer: x_{k+1}, ..., x_{n-1}; limits: the numeric limits of levels 0 .. k-1
        # (placeholders for callables).  All are arguments of the quad, never closed
        # over: Leibniz's rule evaluates the integrand at a traced limit, and then
        # the outer variables of the inner levels are traced too.
        opt = dict(opts[k](*outer, *extra) if callable(opts[k]) else opts[k])
        if "weight" in opt:
            raise NotImplementedError("nquad with a weight= option cannot be differentiated.")
        if "points" in opt:     # as SciPy: only the breakpoints inside the interval
            opt["points"] = [p for p in opt["points"] if getval(lo) <= p <= getval(hi)]
        n_out = len(outer)

        def integrand(x, *p):
            out, inner, ex = p[:n_out], p[n_out:n_out + 2 * k], p[n_out + 2 * k:]
            if k == 0:
                return func(x, *out, *ex)
            ilo, ihi = (spec(x, *out, *ex) if callable(spec) else inner[2 * k - 2 + j]
                        for j, spec in enumerate(levels[k - 1]))
            return level(k - 1, ilo, ihi, (x,) + out, inner[:2 * k - 2], ex)

        res = quad_args(integrand, lo, hi, *outer, *limits, *extra, **opt)
        errors.append(getval(res[1]))
        return res[0]

    lo, hi = (v(*args) if callable(v) else v for v in levels[-1])
    value = level(len(levels) - 1, lo, hi, (), numbers, tuple(args))
    return value, max(errors)


def dblquad(func, a, b, gfun, hfun, args=(), epsabs=1.49e-8, epsrel=1.49e-8):
    args = _tuple(args)
    if not _traced(a, b, gfun, hfun, *args):
        return _spi.dblquad(plain_integrand(func, "dblquad"), a, b, gfun, hfun,
                            args=args, epsabs=epsabs, epsrel=epsrel)
    inner = tuple((lambda x, *r, f=f: f(x)) if callable(f) else f for f in (gfun, hfun))
    tol = dict(epsabs=epsabs, epsrel=epsrel)
    return _nested_quad(func, [inner, (a, b)], args, [tol] * 2)


def tplquad(func, a, b, gfun, hfun, qfun, rfun, args=(), epsabs=1.49e-8, epsrel=1.49e-8):
    args = _tuple(args)
    if not _traced(a, b, gfun, hfun, qfun, rfun, *args):
        return _spi.tplquad(plain_integrand(func, "tplquad"), a, b, gfun, hfun, qfun, rfun,
                            args=args, epsabs=epsabs, epsrel=epsrel)
    # SciPy's argument orders: func(z, y, x), gfun(x), qfun(x, y)
    middle = tuple((lambda x, *r, f=f: f(x)) if callable(f) else f for f in (gfun, hfun))
    inner = tuple((lambda y, x, *r, f=f: f(x, y)) if callable(f) else f for f in (qfun, rfun))
    tol = dict(epsabs=epsabs, epsrel=epsrel)
    return _nested_quad(func, [inner, middle, (a, b)], args, [tol] * 3)


def _range_limits(rng):
    """A level of ``nquad``'s ``ranges`` as a pair of limits (numbers or callables)."""
    if callable(rng):
        return (lambda *o: rng(*o)[0], lambda *o: rng(*o)[1])
    lo, hi = rng
    return lo, hi


def nquad(func, ranges, args=None, opts=None, full_output=False):
    args = _tuple(args)
    constants = [v for r in ranges if not callable(r) for v in r]
    if not _traced(*constants, *args):
        return _spi.nquad(plain_integrand(func, "nquad"), ranges, args=args, opts=opts,
                          full_output=full_output)
    n = len(ranges)
    if opts is None or isinstance(opts, dict):
        opts = [opts or {}] * n
    value, abserr = _nested_quad(func, [_range_limits(r) for r in ranges], args, list(opts))
    if not full_output:
        return value, abserr
    raw = [r if callable(r) else [getval(v) for v in r] for r in ranges]
    info = _spi.nquad(plain_integrand(func, "nquad"), raw, args=tuple(getval(v) for v in args),
                      opts=opts, full_output=True)
    return value, abserr, info[2]


def fixed_quad(func, a, b, args=(), n=5):
    args = _tuple(args)
    if not _traced(a, b, *args):
        return _spi.fixed_quad(func, a, b, args=args, n=n)
    x, w = _special.roots_legendre(n)
    x = onp.real(x)
    if onp.isinf(getval(a)) or onp.isinf(getval(b)):
        raise ValueError("Gaussian quadrature is only available for finite limits.")
    y = (b - a) * (x + 1) / 2.0 + a
    return (b - a) / 2.0 * _anp.sum(w * func(y, *args), axis=-1), None


# written with traced operations only: differentiable by composition
dblquad.__autograd_composite__ = True
tplquad.__autograd_composite__ = True
nquad.__autograd_composite__ = True
fixed_quad.__autograd_composite__ = True


# ----------------------------------------------------------------- more quadrature of samples

def _romb_raw(y, dx=1.0, axis=-1, show=False):
    return _spi.romb(y, dx, axis, show)


def _cumulative_trapezoid_raw(y, x=None, dx=1.0, axis=-1, initial=None):
    return _spi.cumulative_trapezoid(y, x, dx, axis, initial)


def _cumulative_simpson_raw(y, x=None, dx=1.0, axis=-1, initial=None):
    return _spi.cumulative_simpson(y, x=x, dx=dx, axis=axis, initial=initial)


romb_args = primitive(_romb_raw)
cumulative_trapezoid_args = primitive(_cumulative_trapezoid_raw)
cumulative_simpson_args = primitive(_cumulative_simpson_raw)


def romb(y, dx=1.0, axis=-1, show=False):
    return romb_args(y, dx, axis, show)


def cumulative_trapezoid(y, x=None, dx=1.0, axis=-1, initial=None):
    return cumulative_trapezoid_args(y, x, dx, axis, initial)


def cumulative_simpson(y, *, x=None, dx=1.0, axis=-1, initial=None):
    return cumulative_simpson_args(y, x, dx, axis, initial)


for _f, _raw in [(odeint, _spi.odeint), (solve_ivp, _spi.solve_ivp),
                 (trapezoid, _spi.trapezoid), (simpson, _spi.simpson),
                 (quad, _spi.quad), (quad_vec, _spi.quad_vec), (dblquad, _spi.dblquad),
                 (tplquad, _spi.tplquad), (nquad, _spi.nquad),
                 (fixed_quad, _spi.fixed_quad), (romb, _spi.romb),
                 (cumulative_trapezoid, _spi.cumulative_trapezoid),
                 (cumulative_simpson, _spi.cumulative_simpson)]:
    _f.__doc__ = _raw.__doc__
    _f.__wrapped__ = _raw
del _f, _raw

__all__ += ["odeint_args", "solve_ivp_y", "trapezoid_args", "simpson_args", "integrate_path",
            "quad_args", "quad_vec_args", "romb_args", "cumulative_trapezoid_args",
            "cumulative_simpson_args", "plain_integrand"]


from .._overridable import make_overridable as _make_overridable  # noqa: E402

_make_overridable(globals())
