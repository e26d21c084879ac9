"""ODE solutions: ``odeint`` (HIPS autograd's signature) and ``solve_ivp``, as
primitives of their traced inputs (rules: the adjoint and sensitivity ODEs in :mod:`._rules`)."""

import numpy as onp
import scipy.integrate as _spi

from autograd.extend import getval, isbox, primitive

from .._closures import Captures, lift
from .._overridable import make_overridable

__all__ = ["odeint", "solve_ivp", "odeint_args", "solve_ivp_y", "integrate_path"]


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
    # the user's Jacobian (and its sparsity/band options) is of the original system,
    # not of these augmented ones
    options = {k: v for k, v in options.items()
               if k not in ("jac", "jac_sparsity", "lband", "uband", "vectorized")}
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
    # traced values func closes over become extra arguments (see _closures)
    func, args = lift(func, _tuple(args), "odeint")
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


def _ignore_tail(event, n):
    """An event (or jac) function that ignores the last ``n`` arguments (keeping its attributes)."""
    if not n:
        return event

    def call(t, y, *args):
        return event(t, y, *args[:len(args) - n])
    for attr in ("terminal", "direction"):
        if hasattr(event, attr):
            setattr(call, attr, getattr(event, attr))
    return call


def solve_ivp(fun, t_span, y0, method="RK45", t_eval=None, dense_output=False, events=None,
              vectorized=False, args=None, **options):
    # traced values fun closes over become extra arguments (see _closures)
    n_user = len(_tuple(args))
    fun, args = lift(fun, _tuple(args), "solve_ivp")
    if callable(options.get("jac")):      # used by SciPy only: plain values, fun's args
        options["jac"] = _ignore_tail(Captures(options["jac"]).plain()[0], len(args) - n_user)
    if events is not None:
        # not differentiated: values they close over are made plain; they get the
        # args fun gets, captured values included, and ignore those
        events = [_ignore_tail(Captures(e).plain()[0], len(args) - n_user) for e in
                  (events if isinstance(events, (list, tuple)) else [events])]
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


for _f, _raw in [(odeint, _spi.odeint), (solve_ivp, _spi.solve_ivp)]:
    _f.__doc__ = _raw.__doc__      # SciPy's documentation
    _f.__wrapped__ = _raw
del _f, _raw

make_overridable(globals())     # every public function takes a user's rule
