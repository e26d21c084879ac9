"""The ``scipy.integrate`` rule set (loader declared by the plugin).

ODE solutions ``y(t_j)`` of ``dy/dt = f(y, t, *args)``, ``y(t_0) = y0``:

* VJP, by the adjoint method.  With ``lam`` the adjoint state, integrate
  backwards from ``t_j`` to ``t_{j-1}`` the system

      dy/dt = f,   dlam/dt = -lam . df/dy,   da/dt = -lam . df/dargs

  adding the output cotangent ``g_j`` to ``lam`` at each output time.  At the
  end ``lam`` is the cotangent of ``y0`` and ``a`` that of ``args``; a time
  ``t_j`` (j > 0) gets ``g_j . f(y_j, t_j)`` and ``t_0`` gets
  ``-lam(t_0) . f(y0, t_0)`` (``lam`` before adding ``g_0``).
* JVP, by forward sensitivities: ``S = dy`` solves
  ``dS/dt = df/dy . S + df/dargs . dargs`` from ``S(t_0) = dy0 - f0 dt_0``,
  and the output tangent is ``S(t_j) + f(y_j, t_j) dt_j``.

Both solve their systems with the solver of the forward pass and its
tolerances; ``f``'s own derivatives come from autograd (``f`` must be written
with ``autograd.numpy``).  ``odeint``'s VJP is written with traced operations
(its adjoint solves are ``odeint`` calls on the augmented dynamics), so it can
be differentiated again, to any order, in either mode.  The JVPs and
``solve_ivp``'s VJP compute on raw values: they give first derivatives, and a
derivative of them raises ``NotImplementedError`` rather than coming out zero.

``quad`` and ``quad_vec``: Leibniz's rule for the limits, and for ``args``
the integral of the integrand's VJP or JVP (computed with autograd at each
quadrature point) by the same primitive; see the banner below.

``trapezoid``, ``simpson``, ``romb``, ``cumulative_trapezoid`` and
``cumulative_simpson`` get their rules from equivalent formulas written with
``autograd.numpy`` (exact to any order).
"""

import warnings

import numpy as onp

import scipy.integrate as _si

from autograd.extend import (defjvp_argnums, defvia, defvjp_argnums, getval, isbox, make_jvp,
                             make_vjp, once_per_registry)
from autograd.misc.flatten import flatten
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.rules import def_composite
from autograd_numpy.util import shape_of

from .. import integrate as aint
from ._ode import _ODEINT_OPTIONS

__all__ = ["register"]


# ----------------------------------------------------------------- ODE core

class _Dynamics:
    """``f(y, t, *args)`` with the differentiated args gathered in one flat vector."""

    def __init__(self, func, args, diff):
        self.func = func
        self.args = [getval(a) for a in args]
        self.diff = diff
        if diff:
            flat, self.unflatten = flatten(tuple(self.args[i] for i in diff))
            self.flat = onp.asarray(getval(flat), dtype=float)
        else:
            self.flat, self.unflatten = onp.zeros(0), None

    def call(self, y, t, flat):
        args = list(self.args)
        if self.diff:
            for i, v in zip(self.diff, self.unflatten(flat)):
                args[i] = v
        return self.func(y, t, *args)

    def value(self, y, t):
        return onp.asarray(getval(self.func(y, t, *self.args)), dtype=float)

    def vjp(self, y, t, lam):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.diff:
                vjp, fy = make_vjp(self.call, (0, 2))(y, t, self.flat)
                gy, ga = vjp(lam)
            else:
                vjp, fy = make_vjp(lambda y: self.call(y, t, self.flat))(y)
                gy, ga = vjp(lam), onp.zeros(0)
        return fy, gy, ga

    def jvp(self, y, t, s, adot):
        if self.diff:
            return make_jvp(self.call, (0, 2))(y, t, self.flat)((s, adot))
        return make_jvp(lambda y: self.call(y, t, self.flat))(y)(s)


def _adjoint(dyn, ys, ts, g, kind, options):
    """Cotangents ``(y0, ts, flat args)`` of the path ``ys`` at ``ts`` given ``g``."""
    d, p = ys.shape[1], dyn.flat.size

    def aug(s, t):
        fy, gy, ga = dyn.vjp(s[:d], t, s[d:2 * d])
        return onp.concatenate([getval(fy), -getval(gy), -getval(ga)]).astype(float)

    t_bar = onp.zeros(len(ts))
    lam = onp.array(g[-1], dtype=float)
    a_bar = onp.zeros(p)
    t_bar[-1] = g[-1] @ dyn.value(ys[-1], ts[-1])
    for i in range(len(ts) - 1, 0, -1):
        s = onp.concatenate([ys[i], lam, a_bar])
        s = aint.integrate_path(aug, s, [ts[i], ts[i - 1]], (), kind, options)[-1]
        lam, a_bar = s[d:2 * d], s[2 * d:]
        if i - 1 > 0:
            t_bar[i - 1] = g[i - 1] @ dyn.value(ys[i - 1], ts[i - 1])
        lam = lam + g[i - 1]
    t_bar[0] = -(lam - g[0]) @ dyn.value(ys[0], ts[0])
    return lam, t_bar, a_bar


def _sensitivity(dyn, ys, ts, y0dot, tdot, adot, kind, options):
    """Tangent of the path ``ys`` at ``ts`` (rows) for tangents of y0, ts and args."""
    d = ys.shape[1]
    s0 = onp.zeros(d) if y0dot is None else onp.asarray(y0dot, dtype=float)
    if tdot is not None:
        s0 = s0 - dyn.value(ys[0], ts[0]) * tdot[0]

    def aug(s, t):
        fy, jv = dyn.jvp(s[:d], t, s[d:], adot)
        return onp.concatenate([getval(fy), getval(jv)]).astype(float)

    out = aint.integrate_path(aug, onp.concatenate([ys[0], s0]), ts, (), kind, options)[:, d:]
    if tdot is not None:
        for j in range(len(ts)):
            out[j] += dyn.value(ys[j], ts[j]) * tdot[j]
    return out


def _flat_tangent(dyn, tangents_by_arg):
    parts = []
    for i in dyn.diff:
        t = tangents_by_arg.get(i)
        a = dyn.args[i]
        parts.append(onp.zeros_like(onp.asarray(a, dtype=float)) if t is None else
                     onp.asarray(getval(t), dtype=float))
    return onp.concatenate([onp.ravel(p) for p in parts]) if parts else onp.zeros(0)


def _unflat_args(dyn, a_bar):
    return dict(zip(dyn.diff, dyn.unflatten(a_bar))) if dyn.diff else {}


# odeint_args(func, y0, t, *args): positions 1 (y0), 2 (t), 3... (args)
#
# The VJP is written with traced operations, the adjoint solves included (they
# call odeint_args itself, on the augmented dynamics below), so the VJP can be
# differentiated again: second and higher derivatives through odeint, as in
# HIPS autograd.

def _ravel_all(parts):
    parts = [anp.ravel(p) for p in parts]
    return anp.concatenate(parts) if parts else anp.zeros(0)


def _leaves(x):
    """The arrays and numbers in ``x`` (nested tuples, lists, dicts; traced or not)."""
    raw = getval(x)
    if isinstance(raw, (tuple, list)):
        return [leaf for k in range(len(raw)) for leaf in _leaves(x[k])]
    if isinstance(raw, dict):
        return [leaf for k in sorted(raw) for leaf in _leaves(x[k])]
    return [x]


def _rebuild(template, flat, k=0):
    """``(value shaped like template from flat[k:], next k)``: the inverse of ``_leaves``."""
    raw = getval(template)
    if isinstance(raw, (tuple, list)):
        items = []
        for i in range(len(raw)):
            item, k = _rebuild(template[i], flat, k)
            items.append(item)
        seq = type(raw)
        return (seq(*items) if hasattr(seq, "_fields") else seq(items)), k
    if isinstance(raw, dict):
        parts = {}
        for key in sorted(raw):
            parts[key], k = _rebuild(template[key], flat, k)
        return {key: parts[key] for key in raw}, k
    shape = onp.shape(raw)
    n = int(onp.prod(shape, dtype=int))
    return anp.reshape(flat[k:k + n], shape), k + n


def _odeint_augmented(func, d, diff, tfirst):
    """Dynamics of ``s = [y, lam, a]`` backwards in time: ``y' = f``,
    ``lam' = -lam . df/dy``, ``a' = -lam . df/dargs[diff]`` (flat)."""
    def aug(s, t, *args):
        y, lam = s[:d], s[d:2 * d]
        # One flat input [y, args[diff]...]: an array space, cheaper to trace
        # than a tuple at every evaluation of the dynamics.
        z = _ravel_all([y] + [leaf for i in diff for leaf in _leaves(args[i])])

        def f(z):
            full = list(args)
            k = d
            for i in diff:
                full[i], k = _rebuild(args[i], z, k)
            y = z[:d]
            return anp.ravel(func(t, y, *full) if tfirst else func(y, t, *full))

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # an f that ignores some input is fine
            vjp, fy = make_vjp(f)(z)
            gz = vjp(lam)
        return anp.concatenate([fy, -gz])
    return aug


def _odeint_vjp(argnums, ans, args, kwargs):
    func, y0, t, extra = args[0], args[1], args[2], args[3:]
    diff = [i - 3 for i in argnums if i >= 3]
    tfirst = bool(kwargs.get("tfirst", False))
    options = {k: v for k, v in kwargs.items() if k in _ODEINT_OPTIONS}
    shape0 = shape_of(y0)
    d = int(onp.prod(shape0, dtype=int))
    n_args = sum(int(onp.size(getval(leaf))) for i in diff for leaf in _leaves(extra[i]))
    aug = _odeint_augmented(func, d, diff, tfirst)

    def f_at(j, ys, ts):
        out = func(ts[j], ys[j], *extra) if tfirst else func(ys[j], ts[j], *extra)
        return anp.ravel(out)

    def vjp(g):
        ys = anp.reshape(ans, (-1, d))
        g = anp.reshape(g, (-1, d))
        n = shape_of(ys)[0]
        ts = anp.ravel(t)
        t_bar = [None] * n
        lam = g[-1]
        a_bar = anp.zeros(n_args)
        t_bar[-1] = anp.dot(g[-1], f_at(n - 1, ys, ts))
        for i in range(n - 1, 0, -1):
            s = anp.concatenate([ys[i], lam, a_bar])
            s = aint.odeint_args(aug, s, anp.stack([ts[i], ts[i - 1]]), *extra, **options)[-1]
            lam, a_bar = s[d:2 * d], s[2 * d:]
            if i - 1 > 0:
                t_bar[i - 1] = anp.dot(g[i - 1], f_at(i - 1, ys, ts))
            lam = lam + g[i - 1]
        t_bar[0] = -anp.dot(lam - g[0], f_at(0, ys, ts))
        by_arg, k = {}, 0
        for i in diff:
            by_arg[i], k = _rebuild(extra[i], a_bar, k)
        out = []
        for i in argnums:
            if i == 1:
                out.append(fit_cotangent(anp.reshape(lam, shape0), y0))
            elif i == 2:
                out.append(fit_cotangent(anp.reshape(anp.stack(t_bar), shape_of(t)), t))
            elif i >= 3:
                ct, arg = by_arg[i - 3], extra[i - 3]
                container = isinstance(getval(arg), (tuple, list, dict))
                out.append(ct if container else fit_cotangent(ct, arg))
            else:
                out.append(None)
        return tuple(out)
    return vjp


def _first_order_only(what, *values):
    """The rules below compute on plain numbers: a derivative *of* them (a traced
    input, tangent or cotangent of an enclosing derivative) is refused with a
    clear error instead of being silently dropped."""
    for v in values:
        for leaf in _leaves(v):
            if isbox(leaf):
                raise NotImplementedError(
                    f"{what} gives first derivatives only; for higher derivatives use "
                    "reverse mode through autograd.scipy.integrate.odeint.")


def _odeint_jvp(argnums, tangents, ans, args, kwargs):
    _first_order_only("Forward mode through odeint", ans, list(args[1:]),
                      [v for v in tangents if v is not None])
    func, t, extra = args[0], args[2], args[3:]
    tan = dict(zip(argnums, tangents))
    dyn = _Dynamics(func, extra, [i - 3 for i in argnums if i >= 3])
    ts = onp.asarray(getval(t), dtype=float)
    tdot = tan.get(2)
    tdot = None if tdot is None else onp.broadcast_to(getval(tdot), ts.shape)
    adot = _flat_tangent(dyn, {i - 3: v for i, v in tan.items() if i >= 3})
    return _sensitivity(dyn, onp.asarray(getval(ans)), ts, getval(tan.get(1)), tdot, adot,
                        "odeint", kwargs)


# solve_ivp_y(fun, t0, y0, t_eval, *args): positions 1 (t0), 2 (y0), 3 (t_eval), 4...

def _ivp_parts(args, kwargs, argnums, ans):
    fun, t0, y0, t_eval, extra = args[0], args[1], args[2], args[3], args[4:]
    dyn = _Dynamics(lambda y, t, *a: fun(t, y, *a), extra, [i - 4 for i in argnums if i >= 4])
    ts = onp.concatenate([[float(getval(t0))], onp.asarray(getval(t_eval), dtype=float)])
    ys = onp.concatenate([onp.asarray(getval(y0), dtype=float)[None],
                          onp.asarray(getval(ans)).T])
    options = {k: v for k, v in kwargs.items() if k not in ("t_end", "vectorized")}
    return dyn, ts, ys, options


def _ivp_vjp(argnums, ans, args, kwargs):
    dyn, ts, ys, options = _ivp_parts(args, kwargs, argnums, ans)

    def vjp(g):
        _first_order_only("Reverse mode through solve_ivp", ans, list(args[1:]), g)
        gc = onp.concatenate([onp.zeros((1, ys.shape[1])), onp.asarray(getval(g)).T])
        y0_bar, t_bar, a_bar = _adjoint(dyn, ys, ts, gc, "ivp", options)
        by_arg = _unflat_args(dyn, a_bar)
        out = []
        for i in argnums:
            if i == 1:
                out.append(fit_cotangent(t_bar[0], args[1]))
            elif i == 2:
                out.append(fit_cotangent(y0_bar, args[2]))
            elif i == 3:
                out.append(fit_cotangent(t_bar[1:], args[3]))
            elif i >= 4:
                out.append(by_arg[i - 4])
            else:
                out.append(None)
        return tuple(out)
    return vjp


def _ivp_jvp(argnums, tangents, ans, args, kwargs):
    _first_order_only("Forward mode through solve_ivp", ans, list(args[1:]),
                      [v for v in tangents if v is not None])
    dyn, ts, ys, options = _ivp_parts(args, kwargs, argnums, ans)
    tan = dict(zip(argnums, tangents))
    if 1 in tan or 3 in tan:
        tdot = onp.zeros(len(ts))
        if 1 in tan:
            tdot[0] = getval(tan[1])
        if 3 in tan:
            tdot[1:] = getval(tan[3])
    else:
        tdot = None
    adot = _flat_tangent(dyn, {i - 4: v for i, v in tan.items() if i >= 4})
    out = _sensitivity(dyn, ys, ts, getval(tan.get(2)), tdot, adot, "ivp", options)
    return out[1:].T


# ----------------------------------------------------------------- trapezoid, simpson

def _intervals(y, x, dx, axis):
    n = shape_of(y)[-1]
    if x is None:
        return dx * onp.ones(n - 1)
    x = x if anp.ndim(x) == 1 else anp.moveaxis(x, axis, -1)
    return x[..., 1:] - x[..., :-1]


def _trapezoid_impl(y, x=None, dx=1.0, axis=-1):
    y = anp.moveaxis(y, axis, -1)
    h = _intervals(y, x, dx, axis)
    return anp.sum(h * (y[..., 1:] + y[..., :-1]), -1) / 2.0


def _simpson_pairs(y, h, n):
    """Simpson's rule on the first ``n`` (even) intervals, spacing ``h``."""
    h0, h1 = h[..., 0:n:2], h[..., 1:n:2]
    y0, y1, y2 = y[..., 0:n:2], y[..., 1:n + 1:2], y[..., 2:n + 1:2]
    hs = h0 + h1
    return anp.sum(hs / 6.0 * ((2.0 - h1 / h0) * y0 + hs * hs / (h0 * h1) * y1
                               + (2.0 - h0 / h1) * y2), -1)


def _simpson_impl(y, x=None, dx=1.0, axis=-1):
    y = anp.moveaxis(y, axis, -1)
    n = shape_of(y)[-1]
    h = _intervals(y, x, dx, axis)
    if n == 2:
        return anp.sum(h * (y[..., 1:] + y[..., :-1]), -1) / 2.0
    if n % 2:
        return _simpson_pairs(y, h, n - 1)
    # the last interval: the integral of the parabola through the last three points
    h0, h1 = h[..., -2], h[..., -1]
    alpha = (2.0 * h1 * h1 + 3.0 * h0 * h1) / (6.0 * (h0 + h1))
    beta = (h1 * h1 + 3.0 * h0 * h1) / (6.0 * h0)
    eta = h1 * h1 * h1 / (6.0 * h0 * (h0 + h1))
    return (_simpson_pairs(y, h, n - 2) + alpha * y[..., -1] + beta * y[..., -2]
            - eta * y[..., -3])


# ----------------------------------------------------------------- quad, quad_vec

# quad_args / quad_vec_args(func, a, b, *args, **options) -> (value, abserr).
# Leibniz: d/db = f(b), d/da = -f(a) (zero at an infinite limit); the
# derivative in args is the integral of the integrand's own derivative,
# integrated by the same primitive with the same options.  Those integrands
# take the cotangent or tangents as leading arguments, so everything a rule
# uses is an argument of a primitive call and higher orders come out of the
# same rules.  abserr is treated as a constant.

def _with_params(args, diff, params):
    args = list(args)
    for i, p in zip(diff, params):
        args[i] = p
    return args


def _vjp_integrand(func, diff):
    """``h(x, g, *args)``: ``g`` pulled back through ``func(x, *args)`` to the
    arguments ``diff``, flattened into one vector."""
    def h(x, g, *args):
        def of_params(*params):
            return func(x, *_with_params(args, diff, params))
        vjp, _ = make_vjp(of_params, tuple(range(len(diff))))(*[args[i] for i in diff])
        return anp.concatenate([anp.ravel(c) for c in vjp(g)])
    return h


def _jvp_integrand(func, diff):
    """``h(x, *tangents, *args)``: the tangent of ``func(x, *args)`` for tangents
    of the arguments ``diff``."""
    k = len(diff)

    def h(x, *tangents_args):
        tangents, args = tangents_args[:k], tangents_args[k:]

        def of_params(*params):
            return func(x, *_with_params(args, diff, params))
        return make_jvp(of_params, tuple(range(k)))(*[args[i] for i in diff])(tangents)[1]
    return h


def _integral(prim, h, a, b, args, options, size=None):
    """The integral of ``h(x, *args)``; a vector integrand of ``size`` entries
    goes through ``quad`` one component at a time (``quad`` integrates scalars)."""
    if size is None or prim is aint.quad_vec_args:
        return prim(h, a, b, *args, **options)[0]
    parts = [prim(lambda x, *r, k=k: h(x, *r)[k], a, b, *args, **options)[0]
             for k in range(size)]
    return anp.stack(parts)


def _finite(x):
    return not onp.isinf(getval(x))


def _quad_vjp(prim):
    def maker(argnums, ans, args, kwargs):
        func, extra = args[0], tuple(args[3:])
        diff = [i - 3 for i in argnums if i >= 3]
        sizes = [onp.size(getval(extra[i])) for i in diff]

        def vjp(g):
            g0 = g[0]
            by_arg = {}
            if diff:
                flat = _integral(prim, _vjp_integrand(func, diff), args[1], args[2],
                                 (g0,) + extra, kwargs, sum(sizes))
                starts = onp.cumsum([0] + sizes)
                for i, s, n in zip(diff, starts, sizes):
                    shape = shape_of(extra[i])
                    part = anp.reshape(flat[s:s + n], shape) if shape else flat[s]
                    by_arg[i + 3] = fit_cotangent(part, extra[i])
            for i, sign in ((1, -1.0), (2, 1.0)):
                if i in argnums and _finite(args[i]):
                    edge = sign * anp.sum(g0 * func(args[i], *extra))
                    by_arg[i] = fit_cotangent(edge, args[i])
            return tuple(by_arg.get(i) for i in argnums)
        return vjp
    return maker


def _quad_jvp(prim):
    def maker(argnums, tangents, ans, args, kwargs):
        func, extra = args[0], tuple(args[3:])
        tan = {i: t for i, t in zip(argnums, tangents) if t is not None}
        diff = [i - 3 for i in tan if i >= 3]
        total = None
        if diff:
            total = _integral(prim, _jvp_integrand(func, diff), args[1], args[2],
                              tuple(tan[i + 3] for i in diff) + extra, kwargs)
        for i, sign in ((1, -1.0), (2, 1.0)):
            if i in tan and _finite(args[i]):
                edge = sign * func(args[i], *extra) * tan[i]
                total = edge if total is None else total + edge
        value = getval(ans[0])
        if total is None:
            total = onp.zeros_like(value)[()]
        return fit_tangent(total, value), 0.0
    return maker


# ----------------------------------------------------------------- romb, cumulative sums

def _romb_impl(y, dx=1.0, axis=-1, show=False):
    # Romberg's value is a fixed linear combination of the samples: its weights
    # are the values for the unit vectors.
    n = shape_of(y)[axis]
    weights = _si.romb(onp.eye(n), dx=1.0, axis=-1)
    return dx * anp.tensordot(anp.moveaxis(y, axis, -1), weights, 1)


def _prepend(initial, res, axis):
    """``initial`` (a scalar or shaped like ``res`` with length 1 along the
    last axis, given along ``axis``) before ``res`` on the last axis."""
    if anp.ndim(initial):
        initial = anp.moveaxis(initial, axis, -1)
    shape = shape_of(res)[:-1] + (1,)
    return anp.concatenate([anp.broadcast_to(initial, shape), res], -1)


def _cumulative_trapezoid_impl(y, x=None, dx=1.0, axis=-1, initial=None):
    y = anp.moveaxis(y, axis, -1)
    h = _intervals(y, x, dx, axis)
    res = anp.cumsum(h * (y[..., 1:] + y[..., :-1]) / 2.0, -1)
    if initial is not None:
        res = _prepend(initial, res, axis)
    return anp.moveaxis(res, -1, axis)


def _simpson_piece(f1, f2, f3, h21, h32):
    """The integral over [x1, x2] (width ``h21``) of the parabola through
    (x1, f1), (x2, f2) and (x3, f3), with x3 - x2 = ``h32`` (either direction)."""
    r = h21 / (h21 + h32)
    q = r * h21 / h32
    return h21 / 6.0 * ((3.0 - r) * f1 + (3.0 + q + r) * f2 - q * f3)


def _cumulative_simpson_impl(y, x=None, dx=1.0, axis=-1, initial=None):
    y = anp.moveaxis(y, axis, -1)
    n = shape_of(y)[-1]
    if x is None:
        h = (anp.moveaxis(dx, axis, -1) if anp.ndim(dx) else dx) * onp.ones(n - 1)
    else:
        h = _intervals(y, x, dx, axis)
    h = h + anp.zeros_like(y[..., 1:])      # one width per interval, for every row
    if n < 3:
        pieces = h * (y[..., 1:] + y[..., :-1]) / 2.0
    else:
        # interval j from the parabola through points j, j+1, j+2 (forward) or
        # j-1, j, j+1 (backward); as SciPy: forward on even j except the last
        forward = _simpson_piece(y[..., :-2], y[..., 1:-1], y[..., 2:], h[..., :-1], h[..., 1:])
        backward = _simpson_piece(y[..., 2:], y[..., 1:-1], y[..., :-2], h[..., 1:], h[..., :-1])
        pad = anp.zeros_like(y[..., :1])
        j = onp.arange(n - 1)
        pieces = anp.where((j % 2 == 0) & (j < n - 2), anp.concatenate([forward, pad], -1),
                           anp.concatenate([pad, backward], -1))
    res = anp.cumsum(pieces, -1)
    if initial is not None:
        start = anp.moveaxis(initial, axis, -1) if anp.ndim(initial) else initial
        res = _prepend(initial, res + start, axis)
    return anp.moveaxis(res, -1, axis)


# ----------------------------------------------------------------- registration


@once_per_registry
def register():
    """Register the scipy.integrate rules into the active registry (idempotent)."""
    defvjp_argnums(aint.odeint_args, _odeint_vjp)
    defjvp_argnums(aint.odeint_args, _odeint_jvp)
    defvjp_argnums(aint.solve_ivp_y, _ivp_vjp)
    defjvp_argnums(aint.solve_ivp_y, _ivp_jvp)
    def_composite(aint.trapezoid_args, _trapezoid_impl)
    def_composite(aint.simpson_args, _simpson_impl)
    for prim in (aint.quad_args, aint.quad_vec_args):
        defvjp_argnums(prim, _quad_vjp(prim))
        defjvp_argnums(prim, _quad_jvp(prim))
    def_composite(aint.romb_args, _romb_impl)
    def_composite(aint.cumulative_trapezoid_args, _cumulative_trapezoid_impl)
    def_composite(aint.cumulative_simpson_args, _cumulative_simpson_impl)
    # the public SciPy functions are differentiated through these primitives
    # (dblquad, tplquad, nquad and fixed_quad are compositions of traced operations)
    for public, prim in ((_si.odeint, aint.odeint_args), (_si.solve_ivp, aint.solve_ivp_y),
                         (_si.trapezoid, aint.trapezoid_args), (_si.simpson, aint.simpson_args),
                         (_si.quad, aint.quad_args), (_si.quad_vec, aint.quad_vec_args),
                         (_si.dblquad, aint.dblquad), (_si.tplquad, aint.tplquad),
                         (_si.nquad, aint.nquad), (_si.fixed_quad, aint.fixed_quad),
                         (_si.romb, aint.romb_args),
                         (_si.cumulative_trapezoid, aint.cumulative_trapezoid_args),
                         (_si.cumulative_simpson, aint.cumulative_simpson_args)):
        defvia(public, prim)
