"""Quadrature of functions: ``quad``, ``quad_vec``, ``dblquad``, ``tplquad``,
``nquad`` (SciPy's adaptive routines on plain numbers; rules in :mod:`._rules`) and
``fixed_quad`` (written with traced operations)."""

import numpy as onp
import scipy.integrate as _spi
import scipy.special as _special

from autograd.extend import getval, primitive
from autograd_numpy import numpy_wrapper as _anp
from autograd_numpy.util import any_boxed as _traced

from .._closures import Captures, checked, lift
from .._overridable import make_overridable
from ._ode import _tuple

__all__ = ["quad", "quad_vec", "dblquad", "tplquad", "nquad", "fixed_quad", "quad_args",
           "quad_vec_args", "plain_integrand"]


# ----------------------------------------------------------------- quadrature of functions

def plain_integrand(func, name):
    """``func`` checked to return plain numbers when called with plain numbers.

    After the closures are lifted (:func:`.._closures.lift`), a traced result
    for plain inputs comes from a traced value the integrand reaches in a way
    that cannot be found (a global variable ...): an error saying so, rather
    than the compiled integrator's unrelated one.
    """
    def integrand(*x_args):
        return checked(func(*x_args), x_args, name)
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
    func, args = lift(func, _tuple(args), "quad")     # closures: see _closures
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
    f, args = lift(f, _tuple(args), "quad_vec")       # closures: see _closures
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


def _lift_all(name, args, *funcs):
    """``(args + captured, n captured, funcs)``: the traced values the callables
    ``funcs`` close over, lifted to trailing arguments of each (see _closures)."""
    idx = [i for i, f in enumerate(funcs) if callable(f)]
    caps = Captures(*[funcs[i] for i in idx])
    out = list(funcs)
    if not caps.values:
        plain = caps.plain() if caps else [funcs[i] for i in idx]
        for k, i in enumerate(idx):
            out[i] = plain_integrand(plain[k], name)
        return args, 0, tuple(out)
    for k, i in enumerate(idx):
        out[i] = caps.trailing(k, name)
    return args + tuple(caps.values), len(caps.values), tuple(out)


def _tail(r, n):
    return r[len(r) - n:] if n else ()


def dblquad(func, a, b, gfun, hfun, args=(), epsabs=1.49e-8, epsrel=1.49e-8):
    args, n, (func, gfun, hfun) = _lift_all("dblquad", _tuple(args), func, gfun, hfun)
    if not _traced(a, b, gfun, hfun, *args):
        return _spi.dblquad(func, a, b, gfun, hfun, args=args, epsabs=epsabs, epsrel=epsrel)
    # SciPy calls gfun(x): captured values (the last n args) follow x
    inner = tuple((lambda x, *r, f=f: f(x, *_tail(r, n))) if callable(f) else f
                  for f in (gfun, hfun))
    tol = dict(epsabs=epsabs, epsrel=epsrel)
    return _nested_quad(func, [inner, (a, b)], args, [tol] * 2)


def tplquad(func, a, b, gfun, hfun, qfun, rfun, args=(), epsabs=1.49e-8, epsrel=1.49e-8):
    args, n, (func, gfun, hfun, qfun, rfun) = _lift_all("tplquad", _tuple(args), func, gfun,
                                                         hfun, qfun, rfun)
    if not _traced(a, b, gfun, hfun, qfun, rfun, *args):
        return _spi.tplquad(func, a, b, gfun, hfun, qfun, rfun, args=args, epsabs=epsabs,
                            epsrel=epsrel)
    # SciPy's argument orders: func(z, y, x), gfun(x), qfun(x, y); captured values
    # (the last n args) follow
    middle = tuple((lambda x, *r, f=f: f(x, *_tail(r, n))) if callable(f) else f
                   for f in (gfun, hfun))
    inner = tuple((lambda y, x, *r, f=f: f(x, y, *_tail(r, n))) if callable(f) else f
                  for f in (qfun, rfun))
    tol = dict(epsabs=epsabs, epsrel=epsrel)
    return _nested_quad(func, [inner, middle, (a, b)], args, [tol] * 3)


def _range_limits(rng):
    """A level of ``nquad``'s ``ranges`` as a pair of limits (numbers or callables)."""
    if callable(rng):
        return (lambda *o: rng(*o)[0], lambda *o: rng(*o)[1])
    lo, hi = rng
    return lo, hi


def nquad(func, ranges, args=None, opts=None, full_output=False):
    # ranges and opts given as functions take args, so captured values pass as args
    n_opts = len(opts) if isinstance(opts, (list, tuple)) else None
    lifted = [func] + list(ranges) + (list(opts) if n_opts is not None else [opts])
    args, n, lifted = _lift_all("nquad", _tuple(args), *lifted)
    func, ranges = lifted[0], list(lifted[1:1 + len(ranges)])
    opts = list(lifted[1 + len(ranges):]) if n_opts is not None else lifted[-1]
    constants = [v for r in ranges if not callable(r) for v in r]
    if not _traced(*constants, *args):
        return _spi.nquad(func, ranges, args=args, opts=opts, full_output=full_output)
    n = len(ranges)
    if opts is None or isinstance(opts, dict):
        opts = [opts or {}] * n
    value, abserr = _nested_quad(func, [_range_limits(r) for r in ranges], args, list(opts))
    if not full_output:
        return value, abserr
    raw = [r if callable(r) else [getval(v) for v in r] for r in ranges]
    info = _spi.nquad(func, raw, args=tuple(getval(v) for v in args),
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


for _f, _raw in [(quad, _spi.quad), (quad_vec, _spi.quad_vec), (dblquad, _spi.dblquad),
                 (tplquad, _spi.tplquad), (nquad, _spi.nquad), (fixed_quad, _spi.fixed_quad)]:
    _f.__doc__ = _raw.__doc__      # SciPy's documentation
    _f.__wrapped__ = _raw
del _f, _raw

make_overridable(globals())     # every public function takes a user's rule
