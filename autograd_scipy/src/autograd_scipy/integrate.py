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
* ``trapezoid(y, x=None, dx=1.0, axis=-1)`` and ``simpson(y, x=None, dx=1.0,
  axis=-1)``: in ``y``, ``x`` and ``dx``.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.integrate import odeint
>>> decay = lambda y, t, k: -k * y
>>> round(float(grad(lambda k: odeint(decay, np.ones(1), np.array([0.0, 1.0]), (k,))[-1, 0])(1.0)), 4)
-0.3679
"""

import numpy as onp
import scipy.integrate as _spi

from autograd.extend import getval, isbox, primitive
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

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
    if isbox(args) or isinstance(args, (tuple, list)):
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


for _f, _raw in [(odeint, _spi.odeint), (solve_ivp, _spi.solve_ivp),
                 (trapezoid, _spi.trapezoid), (simpson, _spi.simpson)]:
    _f.__doc__ = _raw.__doc__
    _f.__wrapped__ = _raw
del _f, _raw

__all__ += ["odeint_args", "solve_ivp_y", "trapezoid_args", "simpson_args", "integrate_path"]
