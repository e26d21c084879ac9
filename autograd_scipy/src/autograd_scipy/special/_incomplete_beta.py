"""Derivatives of the regularized incomplete beta function in its shape parameters.

SciPy has no function for ``d I_x(a, b) / da`` or ``/ db``; this module
computes every mixed derivative ``d^(m+n) I_x(a, b) / da^m db^n`` from the
defining integral

    I_x(a, b) = int_0^x f(t) dt,   f(t) = exp((a - 1) log t + (b - 1) log(1 - t) - betaln(a, b)),

differentiated under the integral sign: ``d^(m,n) I_x = int_0^x f(t) Q_mn(t) dt``
where ``Q_mn`` is the polynomial in the derivatives of ``log f`` that the
Leibniz rule gives (:func:`density_factor`).  Since ``int_0^1 f Q_mn = 0`` for
``m + n >= 1``, the integral over ``[x, 1]`` (negated) is used when ``x`` lies
past the mean ``a / (a + b)``: the shorter tail is integrated, so small results
keep their relative accuracy.

The integral is computed by double-exponential (tanh-sinh) quadrature, with
``log t`` and ``log(1 - t)`` formed analytically from the substitution so the
endpoint singularities ``t^(a-1)`` and ``(1-t)^(b-1)`` (times powers of their
logarithms) cost nothing; the step is halved until two successive estimates
agree to 1e-13.  Checked against adaptive quadrature, the result is
accurate to about 1e-12 relative for ``a, b`` in ``(0.1, 1000)``.

:func:`betainc_dab` is the primitive ``betainc_dab(m, n, a, b, x)``; its rules
are ``betainc_dab(m + 1, n, ...)`` in ``a``, ``betainc_dab(m, n + 1, ...)`` in
``b`` and ``f(x) Q_mn(x)`` in closed form in ``x``, so derivatives of any
order work.
"""

import math

import numpy as onp
import scipy.special as _sp

from autograd.extend import defjvp, defvjp_fast, once_per_registry, primitive
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from .. import special as sp

__all__ = ["betainc_dab", "betainc_da", "betainc_db", "density_factor", "register"]


def _log_jets(m, n, logt, log1t, a, b, psi, polygamma):
    """``L[j][k] = d^(j+k) log f / da^j db^k`` for ``j <= m``, ``k <= n`` (``L[0][0]`` unused)."""
    L = [[None] * (n + 1) for _ in range(m + 1)]
    if m >= 1:
        L[1][0] = logt - psi(a) + psi(a + b)
    if n >= 1:
        L[0][1] = log1t - psi(b) + psi(a + b)
    for j in range(m + 1):
        for k in range(n + 1):
            if j + k >= 2:
                order = j + k - 1
                value = polygamma(order, a + b)
                if k == 0:
                    value = value - polygamma(order, a)
                if j == 0:
                    value = value - polygamma(order, b)
                L[j][k] = value
    return L


def _bell2(m, n, L):
    """``Q[m][n]`` with ``d^(m+n) exp(l) / da^m db^n = exp(l) Q[m][n]`` (the Leibniz recursion
    ``Q[j+1][k] = sum_{i,l} C(j,i) C(k,l) L[i+1][l] Q[j-i][k-l]``; works on boxes)."""
    Q = [[None] * (n + 1) for _ in range(m + 1)]
    Q[0][0] = 1.0
    for k in range(n):           # the first row: b-derivatives only
        Q[0][k + 1] = sum(math.comb(k, i) * L[0][i + 1] * Q[0][k - i] for i in range(k + 1))
    for j in range(m):
        for k in range(n + 1):
            Q[j + 1][k] = sum(math.comb(j, i) * math.comb(k, l) * L[i + 1][l] * Q[j - i][k - l]
                              for i in range(j + 1) for l in range(k + 1))
    return Q[m][n]


def density_factor(m, n, a, b, x):
    """``d^(m+n)/da^m db^n`` of the beta density ``f(x)``: ``d/dx`` of ``betainc_dab(m, n, ...)``,
    in closed form with traced functions (so it differentiates again)."""
    logx, log1x = anp.log(x), anp.log1p(-x)
    f = anp.exp(sp.xlogy(a - 1, x) + sp.xlog1py(b - 1, -x) - sp.betaln(a, b))
    if m + n == 0:
        return f
    L = _log_jets(m, n, logx, log1x, a, b, sp.psi, sp.polygamma)
    return f * _bell2(m, n, L)


# ----------------------------------------------------------------- the quadrature

_TOL = 1e-13
_H0 = 1 / 8          # first step of the tanh-sinh rule
_MAX_HALVINGS = 6    # finest step 1/512


def _sum_at(s, m, n, a, b, x, upper):
    """The tanh-sinh sum over nodes ``s`` (1-d) of ``f Q_mn`` on ``[0, x]`` (or ``[x, 1]``
    if ``upper``), for 1-d arrays ``a``, ``b``, ``x``; returns one sum per element."""
    y = (math.pi / 2) * onp.sinh(s)[None, :]
    dyds = (math.pi / 2) * onp.cosh(s)[None, :]
    # t - lo = w * expit(2y), hi - t = w * expit(-2y) for the interval [lo, hi] of width w
    lo_part = -onp.logaddexp(0.0, -2 * y)         # log expit(2y)
    hi_part = -onp.logaddexp(0.0, 2 * y)          # log expit(-2y)
    xc = x[:, None]
    if upper:    # [x, 1]: 1 - t = (1 - x) expit(-2y), t = x + (1 - x) expit(2y)
        width = 1 - xc
        log1t = onp.log(width) + hi_part
        logt = onp.log(xc + width * onp.exp(lo_part))
    else:        # [0, x]: t = x expit(2y), 1 - t = (1 - x) + x expit(-2y)
        width = xc
        logt = onp.log(width) + lo_part
        log1t = onp.log((1 - xc) + width * onp.exp(hi_part))
    ac, bc = a[:, None], b[:, None]
    logw = onp.log(2 * width) + lo_part + hi_part + onp.log(dyds)
    logf = (ac - 1) * logt + (bc - 1) * log1t - _sp.betaln(ac, bc)
    L = _log_jets(m, n, logt, log1t, ac, bc, _sp.psi, _sp.polygamma)
    with onp.errstate(over="ignore", under="ignore", invalid="ignore"):
        terms = onp.exp(logf + logw) * _bell2(m, n, L)
    terms = onp.where(onp.isfinite(terms), terms, 0.0)   # nodes at an endpoint's overflow
    return onp.sum(terms, axis=-1)


def _nodes_range(a, b, upper):
    """Half-width ``S`` of the node range: far enough that ``t^(e-1)`` (``e`` the exponent
    at the singular end) has decayed below the tolerance."""
    e = onp.min(onp.where(upper, b, a)) if a.size else 1.0
    e = min(float(e), 1.0)
    return min(max(math.asinh(60.0 / (math.pi / 2 * e)), 3.0), 9.0)


def _quadrature(m, n, a, b, x, upper):
    S = _nodes_range(a, b, upper)
    h = _H0
    s = onp.arange(-math.floor(S / h), math.floor(S / h) + 1) * h
    total = _sum_at(s, m, n, a, b, x, upper)
    estimate = h * total
    todo = onp.ones(a.shape, dtype=bool)
    for _ in range(_MAX_HALVINGS):
        h = h / 2
        s = (onp.arange(-math.floor(S / h / 2) - 1, math.floor(S / h / 2) + 1) * 2 + 1) * h
        s = s[onp.abs(s) <= S]
        total[todo] = total[todo] + _sum_at(s, m, n, a[todo], b[todo], x[todo], upper)
        new = h * total[todo]
        converged = onp.abs(new - estimate[todo]) <= _TOL * onp.abs(new)
        estimate[todo] = new
        todo[todo] = ~converged
        if not todo.any():
            break
    return estimate


def _betainc_dab_raw(m, n, a, b, x):
    a, b, x = onp.broadcast_arrays(*(onp.asarray(v, dtype=float) for v in (a, b, x)))
    out = onp.zeros(a.shape)
    out[(a <= 0) | (b <= 0) | (x < 0) | (x > 1) | onp.isnan(a) | onp.isnan(b) | onp.isnan(x)] \
        = onp.nan
    ok = (a > 0) & (b > 0) & (x > 0) & (x < 1) & onp.isfinite(a) & onp.isfinite(b)
    if m + n == 0:
        return _sp.betainc(a, b, x)
    if onp.any(ok):
        av, bv, xv = a[ok], b[ok], x[ok]
        upper = xv > av / (av + bv)
        vals = onp.empty(av.shape)
        for side in (False, True):
            sel = upper == side
            if sel.any():
                v = _quadrature(m, n, av[sel], bv[sel], xv[sel], side)
                vals[sel] = -v if side else v
        out[ok] = vals
    return out[()] if out.ndim == 0 else out


betainc_dab = primitive(_betainc_dab_raw)
betainc_dab.__doc__ = ("``d^(m+n) I_x(a, b) / da^m db^n`` for integers ``m, n >= 0`` "
                       "(traced in a, b and x).")


def betainc_da(a, b, x):
    """``d I_x(a, b) / da``, ``I`` the regularized incomplete beta function ``betainc``.

    >>> round(float(betainc_da(2.0, 3.0, 0.4)), 10)
    -0.2408693761
    """
    return betainc_dab(1, 0, a, b, x)


def betainc_db(a, b, x):
    """``d I_x(a, b) / db``.

    >>> round(float(betainc_db(2.0, 3.0, 0.4)), 10)
    0.1563443364
    """
    return betainc_dab(0, 1, a, b, x)


@once_per_registry
def register():
    """Register the rules of :func:`betainc_dab` (idempotent)."""
    defvjp_fast(betainc_dab, None, None,
                lambda g, ans, m, n, a, b, x: fit_cotangent(g * betainc_dab(m + 1, n, a, b, x), a),
                lambda g, ans, m, n, a, b, x: fit_cotangent(g * betainc_dab(m, n + 1, a, b, x), b),
                lambda g, ans, m, n, a, b, x: fit_cotangent(g * density_factor(m, n, a, b, x), x))
    defjvp(betainc_dab, None, None,
           lambda t, ans, m, n, a, b, x: fit_tangent(t * betainc_dab(m + 1, n, a, b, x), ans),
           lambda t, ans, m, n, a, b, x: fit_tangent(t * betainc_dab(m, n + 1, a, b, x), ans),
           lambda t, ans, m, n, a, b, x: fit_tangent(t * density_factor(m, n, a, b, x), ans))
