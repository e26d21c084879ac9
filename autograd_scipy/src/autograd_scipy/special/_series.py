"""Derivatives SciPy has no function for, as series primitives of any order.

* ``dP(a, x)/da`` for the regularized incomplete gamma function (below);
* ``d zeta(s, q)/ds`` for the Hurwitz zeta function (at the end of the module).

The incomplete gamma function:

SciPy has no function for ``dP(a, x)/da``; this module computes it, and every
higher ``a``-derivative, from the power series

    P(a, x) = sum_k T_k,   T_k = exp(-x + (a + k) log x - gammaln(a + k + 1)),

differentiated term by term: ``d^m T_k / da^m = T_k * B_m(f', f'', ...)``
with ``f' = log x - digamma(a + k + 1)``, ``f^(j) = -polygamma(j - 1, a + k + 1)``
and ``B_m`` the complete Bell polynomial.  The terms are those of a Poisson
distribution of mean ``x`` at ``a + k``, so only a window of about 24 standard
deviations around ``k = x - a`` is summed.  The result is accurate to about
1e-15 in absolute terms (relative accuracy is lost where ``Q = 1 - P`` is
tiny and one differentiates ``Q`` in ``a``).

:func:`gammainc_da` is ``dP/da``; it is the primitive ``gammainc_da_n(m, a, x)``
(``m = 1``), whose rules are ``gammainc_da_n(m + 1, a, x)`` in ``a`` and the
closed form of ``d^m/da^m (dP/dx)`` in ``x`` -- so derivatives of any order work.
"""

import math

import numpy as onp
import scipy.special as _sp

from autograd.extend import defjvp, defvjp_fast, once_per_registry, primitive
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from .. import special as sp

__all__ = ["gammainc_da", "gammainc_da_n", "zeta_ds", "zeta_ds_n", "register"]


def _bell(m, derivs):
    """The complete Bell polynomial ``B_m(derivs[0], ..., derivs[m-1])`` (works on boxes)."""
    B = [1.0]
    for n in range(m):
        total = 0.0
        for i in range(n + 1):
            total = total + math.comb(n, i) * B[n - i] * derivs[i]
        B.append(total)
    return B[m]


def _gammainc_da_raw(m, a, x):
    a, x = onp.broadcast_arrays(onp.asarray(a, dtype=float), onp.asarray(x, dtype=float))
    out = onp.zeros(a.shape)
    out[(a <= 0) | (x < 0) | onp.isnan(a) | onp.isnan(x)] = onp.nan
    ok = (a > 0) & (x > 0) & onp.isfinite(a) & onp.isfinite(x)
    if onp.any(ok):
        av, xv = a[ok], x[ok]
        sd = onp.sqrt(xv)
        start = onp.floor(onp.maximum(0.0, xv - av - 12 * sd - 20))
        length = int(onp.ceil(onp.max(24 * sd + 60)))
        k = start[:, None] + onp.arange(length)[None, :]
        ak1 = av[:, None] + k + 1
        logx = onp.log(xv)[:, None]
        terms = onp.exp(-xv[:, None] + (ak1 - 1) * logx - _sp.gammaln(ak1))
        derivs = [logx - _sp.psi(ak1)] + [-_sp.polygamma(j, ak1) for j in range(1, m)]
        out[ok] = onp.sum(terms * _bell(m, derivs), axis=-1)
    return out[()] if out.ndim == 0 else out


gammainc_da_n = primitive(_gammainc_da_raw)
gammainc_da_n.__doc__ = "``d^m P(a, x) / da^m`` for an integer ``m >= 1`` (traced in a and x)."


def gammainc_da(a, x):
    """``dP(a, x)/da``, P the regularized lower incomplete gamma function ``gammainc``.

    >>> round(float(gammainc_da(2.0, 1.5)), 10)
    -0.3134886378
    """
    return gammainc_da_n(1, a, x)


def _dx_of_da(m, a, x):
    """``d^m/da^m`` of ``dP/dx = exp((a - 1) log x - x - gammaln(a))``, in closed form."""
    derivs = [anp.log(x) - sp.psi(a)] + [-sp.polygamma(j, a) for j in range(1, m)]
    return anp.exp(sp.xlogy(a - 1, x) - x - sp.gammaln(a)) * _bell(m, derivs)


@once_per_registry
def register():
    """Register the rules of :func:`gammainc_da_n` and :func:`zeta_ds_n` (idempotent)."""
    _def_nth_derivative(gammainc_da_n, _dx_of_da)
    _def_nth_derivative(zeta_ds_n, _zeta_ds_dq)


def _def_nth_derivative(f, d_other):
    """The rules of ``f(m, u, v)``, the ``m``-th derivative of a function in ``u``:
    in ``u`` the next one, ``f(m + 1, u, v)``; in ``v``, ``d_other(m, u, v)``."""
    defvjp_fast(f, None,
                lambda g, ans, m, u, v: fit_cotangent(g * f(m + 1, u, v), u),
                lambda g, ans, m, u, v: fit_cotangent(g * d_other(m, u, v), v))
    defjvp(f, None,
           lambda t, ans, m, u, v: fit_tangent(t * f(m + 1, u, v), ans),
           lambda t, ans, m, u, v: fit_tangent(t * d_other(m, u, v), ans))


# ----------------------------------------------------------------- zeta in its exponent
#
# d^m/ds^m zeta(s, q) = sum_k (-log(k + q))^m (k + q)^-s: twelve terms summed,
# the rest by Euler-Maclaurin (the integral in closed form, eight Bernoulli
# corrections); valid for every s != 1 (analytic continuation) and q > 0.

# B_2, B_4, ..., B_16 (Bernoulli numbers) over (2j)!
_BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510]
_EM_COEFFS = [b / math.factorial(2 * j + 2) for j, b in enumerate(_BERNOULLI)]
_EM_HEAD = 12     # terms summed directly before the Euler-Maclaurin tail


def _zeta_ds_raw(m, s, q):
    """``d^m zeta(s, q) / ds^m`` by Euler-Maclaurin summation of ``(-log u)^m u^-s``."""
    s, q = onp.broadcast_arrays(onp.asarray(s, dtype=float), onp.asarray(q, dtype=float))
    u = q[..., None] + onp.arange(_EM_HEAD)
    total = onp.sum(onp.log(u) ** m * u ** -s[..., None], axis=-1)
    U = q + _EM_HEAD
    L, c = onp.log(U), s - 1
    # the integral from U to infinity of (log u)^m u^-s du, in closed form
    total = total + onp.exp(-c * L) * sum(
        math.factorial(m) / math.factorial(j) * L ** j / c ** (m - j + 1) for j in range(m + 1))
    # f(U)/2 and the Bernoulli corrections, f = (log u)^m u^-a as a polynomial in log u
    coeffs = [onp.zeros_like(s) for _ in range(m)] + [onp.ones_like(s)]
    a = s.copy()

    def f_at_U():
        return sum(cf * L ** i for i, cf in enumerate(coeffs)) * U ** -a

    total = total + f_at_U() / 2
    for order in range(1, 2 * len(_EM_COEFFS)):
        coeffs = [(i + 1) * coeffs[i + 1] - a * coeffs[i] if i < m else -a * coeffs[i]
                  for i in range(m + 1)]
        a = a + 1
        if order % 2 == 1:
            total = total - _EM_COEFFS[order // 2] * f_at_U()
    out = (-1) ** m * total
    out = onp.where((q > 0) & (s != 1), out, onp.nan)
    return out[()] if out.ndim == 0 else out


zeta_ds_n = primitive(_zeta_ds_raw)
zeta_ds_n.__doc__ = "``d^m zeta(s, q) / ds^m`` for an integer ``m >= 1`` (traced in s and q)."


def zeta_ds(s, q=1.0):
    """``d zeta(s, q) / ds`` (Hurwitz zeta; ``q=1``: Riemann zeta).

    >>> round(float(zeta_ds(2.0)), 10)
    -0.9375482543
    """
    return zeta_ds_n(1, s, q)


def _zeta_ds_dq(m, s, q):
    """``d/dq`` of ``d^m zeta / ds^m`` = ``d^m/ds^m (-s zeta(s + 1, q))``."""
    lower = sp.zeta(s + 1, q) if m == 1 else zeta_ds_n(m - 1, s + 1, q)
    return -(s * zeta_ds_n(m, s + 1, q) + m * lower)
