"""Rules of the noncentral t and F distribution functions and of the one-sided
Kolmogorov-Smirnov distribution (``nctdtr``, ``ncfdtr``, ``smirnov`` and their inverses).

* ``nctdtr(df, nc, t)``: with ``T = (Z + nc) / sqrt(V / df)``,
  ``F = E_V[Phi(t s - nc)]``, ``s = sqrt(V / df)``; expanding ``exp(t s nc)`` and
  integrating over ``V`` term by term gives, with ``x = t nc sqrt(2 / (df + t^2))``
  and ``S(alpha, x) = sum_k Gamma(alpha + k/2) x^k / (k! Gamma(df/2))
  = [Gamma(alpha) 1F1(alpha; 1/2; x^2/4) + x Gamma(alpha + 1/2) 1F1(alpha + 1/2; 3/2; x^2/4)] / Gamma(df/2)``,

  - the density ``dF/dt = exp(-nc^2/2) (1 + t^2/df)^(-(df+1)/2) S((df+1)/2, x) / sqrt(pi df)``,
  - ``dF/dnc = -exp(-nc^2/2) (1 + t^2/df)^(-df/2) S(df/2, x) / sqrt(2 pi)``.

  Both are traced (``hyp1f1`` has rules), so they differentiate again.  Where
  ``t nc < 0`` the two terms of ``S`` cancel: for ``|nc|`` above about 5 there the
  result loses relative accuracy (the density itself is then tiny).  The degrees of
  freedom get no derivative.
* ``ncfdtr(dfn, dfd, nc, f)`` is the Poisson mixture
  ``sum_j P_j(nc/2) I_y(dfn/2 + j, dfd/2)``, ``y = dfn f / (dfn f + dfd)``; each
  derivative is that sum differentiated term by term (``betainc_dab`` for the
  shape parameters; ``dP_j/d(nc) = (P_(j-1) - P_j) / 2`` summed by parts gives
  ``dF/d(nc) = -sum_j P_j y^(a_j) (1 - y)^b / (2 a_j B(a_j, b))``).  The number of
  terms is fixed from the values (mean ``nc/2`` plus 12 standard deviations plus 40).
* ``smirnov(n, d)`` is the finite sum ``sum_j C(n, j) d (d + j/n)^(j-1) (1 - d - j/n)^(n-j)``,
  ``j <= n (1 - d)``; its ``d``-derivative is that sum differentiated term by term.
  The integer ``n`` gets no derivative.
* The inverses (``nctdtrit``, ``nctdtrinc``, ``ncfdtri``, ``ncfdtridfd``,
  ``ncfdtridfn``, ``ncfdtrinc``, ``smirnovi``) follow by the implicit function
  theorem (:func:`autograd_scipy._implicit.def_implicit_inverse`); ``nctdtridf``
  solves for the degrees of freedom, in which ``nctdtr`` has no derivative: refused.
  SciPy 1.17 solves ``ncfdtridfd``/``ncfdtridfn``/``ncfdtrinc`` with CDFLIB's own
  noncentral F, about ``1e-6`` off its (Boost) ``ncfdtr``: the rules differentiate
  the inverse of ``ncfdtr`` at SciPy's answer, within about ``1e-4`` relative of
  the exact inverse's derivative.
"""

import math

import numpy as onp

from autograd.extend import MissingRuleError, defjvp, defvjp_fast, getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from .._implicit import LEVEL as P
from .._implicit import def_implicit_inverse
from ._closed_forms import _elementwise, _safe
from ._incomplete_beta import betainc_dab, density_factor

__all__ = ["register"]

_SQRT_2PI = math.sqrt(2 * math.pi)


# ----------------------------------------------------------------- noncentral t

def _nct_series(alpha, df, x):
    """``S(alpha, x)`` (module docstring) by two confluent hypergeometric functions."""
    u = x ** 2 / 4
    lg = sp.gammaln(df / 2)
    return (anp.exp(sp.gammaln(alpha) - lg) * sp.hyp1f1(alpha, 0.5, u)
            + x * anp.exp(sp.gammaln(alpha + 0.5) - lg) * sp.hyp1f1(alpha + 0.5, 1.5, u))


def _nct_x(df, nc, t):
    return t * nc * anp.sqrt(2 / (df + t ** 2))


def nct_density(df, nc, t):
    """``d nctdtr(df, nc, t) / dt``."""
    x = _nct_x(df, nc, t)
    return (anp.exp(-nc ** 2 / 2 - (df + 1) / 2 * anp.log1p(t ** 2 / df))
            * _nct_series((df + 1) / 2, df, x) / math.sqrt(math.pi) / anp.sqrt(df))


def nct_dnc(df, nc, t):
    """``d nctdtr(df, nc, t) / d nc``."""
    x = _nct_x(df, nc, t)
    return -(anp.exp(-nc ** 2 / 2 - df / 2 * anp.log1p(t ** 2 / df))
             * _nct_series(df / 2, df, x) / _SQRT_2PI)


# ----------------------------------------------------------------- noncentral F

def _poisson_weights(mu, j):
    """``P_j(mu) = exp(-mu) mu^j / j!`` along axis 0 (``j`` a constant column); the
    product form where some ``mu`` is 0 keeps every derivative finite there."""
    if onp.all(onp.asarray(getval(mu)) > 0):
        return anp.exp(sp.xlogy(j, mu) - mu - sp.gammaln(j + 1))
    ratios = anp.where(j == 0, 1.0, mu / onp.maximum(j, 1))
    return anp.exp(-mu) * anp.cumprod(ratios * anp.ones_like(mu + 0 * j), axis=0)


def _ncf_terms(dfn, dfd, nc, f):
    """``(P_j, a_j, b, y)`` of the Poisson mixture, ``j`` on a new axis 0."""
    mu = nc / 2
    mu_max = float(onp.max(onp.asarray(getval(mu)))) if onp.size(getval(mu)) else 0.0
    count = int(math.ceil(mu_max + 12 * math.sqrt(mu_max) + 40))
    shape = onp.broadcast_shapes(*(onp.shape(getval(v)) for v in (dfn, dfd, nc, f)))
    j = onp.arange(count, dtype=float).reshape((count,) + (1,) * len(shape))
    y = dfn * f / (dfn * f + dfd)
    return _poisson_weights(mu, j), dfn / 2 + j, dfd / 2, y


def _ncf_part(i, dfn, dfd, nc, f):
    """``dF / d(dfn, dfd, nc, f)[i]`` of ``ncfdtr`` (only that one: the shape
    parameters' terms cost a quadrature each)."""
    w, a, b, y = _ncf_terms(dfn, dfd, nc, f)
    pdf = density_factor(0, 0, a, b, y)
    s = dfn * f + dfd
    if i == 0:
        return anp.sum(w * (betainc_dab(1, 0, a, b, y) / 2 + pdf * f * dfd / s ** 2), axis=0)
    if i == 1:
        return anp.sum(w * (betainc_dab(0, 1, a, b, y) / 2 - pdf * dfn * f / s ** 2), axis=0)
    if i == 2:
        return -anp.sum(w * pdf * y * (1 - y) / a, axis=0) / 2
    return anp.sum(w * pdf, axis=0) * dfn * dfd / s ** 2


def _ncf_partial(i):
    return lambda g, ans, dfn, dfd, nc, f: g * _ncf_part(i, dfn, dfd, nc, f)


# ----------------------------------------------------------------- smirnov

def smirnov_dd(n, d):
    """``d smirnov(n, d) / dd`` for ``0 < d < 1`` (the finite sum, term by term)."""
    nv, dv = onp.broadcast_arrays(onp.asarray(getval(n), dtype=float), onp.asarray(getval(d)))
    top = onp.floor(nv * (1 - dv))
    count = int(onp.max(top)) + 1 if top.size else 1
    j = onp.arange(count, dtype=float).reshape((count,) + (1,) * top.ndim)
    inside = (j <= top) & (1 - dv - j / nv > 0)
    nn = nv
    rest = _safe(~inside, 1 - d - j / nn, 0.5)
    lead = d + j / nn
    log_term = (sp.gammaln(nn + 1) - sp.gammaln(j + 1) - sp.gammaln(nn - j + 1) + anp.log(d)
                + (j - 1) * anp.log(lead) + (nn - j) * anp.log(rest))
    slope = 1 / d + (j - 1) / lead - (nn - j) / rest
    return anp.sum(anp.where(inside, anp.exp(log_term) * slope, 0.0), axis=0)


# ----------------------------------------------------------------- registration

def _refuse_all(name, why):
    def rule(*args, **kwargs):
        raise MissingRuleError(
            f"The derivative of scipy.special.{name} is not implemented (autograd-scipy): {why}")
    return rule


# fmt: off
ELEMENTWISE = [
    ("nctdtr", "the degrees of freedom df",
               lambda g, ans, df, nc, t: g * nct_dnc(df, nc, t),
               lambda g, ans, df, nc, t: g * nct_density(df, nc, t)),
    ("ncfdtr", _ncf_partial(0), _ncf_partial(1), _ncf_partial(2), _ncf_partial(3)),
    ("smirnov", "the number of samples n",
                lambda g, ans, n, d: g * smirnov_dd(n, d)),
]

# (inverse, forward, forward argument solved for, role of each argument of the inverse)
INVERSES = [
    ("nctdtrit",   lambda df, nc, t: sp.nctdtr(df, nc, t),             2, (0, 1, P)),
    ("nctdtrinc",  lambda df, nc, t: sp.nctdtr(df, nc, t),             1, (0, P, 2)),
    ("ncfdtri",    lambda m, n, nc, f: sp.ncfdtr(m, n, nc, f),         3, (0, 1, 2, P)),
    ("ncfdtridfd", lambda m, n, nc, f: sp.ncfdtr(m, n, nc, f),         1, (0, P, 2, 3)),
    ("ncfdtridfn", lambda m, n, nc, f: sp.ncfdtr(m, n, nc, f),         0, (P, 1, 2, 3)),
    ("ncfdtrinc",  lambda m, n, nc, f: sp.ncfdtr(m, n, nc, f),         2, (0, 1, P, 3)),
    ("smirnovi",   lambda n, d: sp.smirnov(n, d),                      1, (0, P)),
]
# fmt: on


def register():
    """Register these rules into the active registry."""
    for name, *partials in ELEMENTWISE:
        if hasattr(sp, name):
            _elementwise(getattr(sp, name).fun, name, partials)
    for name, forward, solved, roles in INVERSES:
        if hasattr(sp, name):
            def_implicit_inverse(getattr(sp, name).fun, forward, solved, roles)
    if hasattr(sp, "nctdtridf"):
        rule = _refuse_all("nctdtridf", "it solves nctdtr for the degrees of freedom df, "
                           "in which nctdtr has no derivative here.")
        defvjp_fast(sp.nctdtridf.fun, rule, rule, rule)
        defjvp(sp.nctdtridf.fun, rule, rule, rule)
