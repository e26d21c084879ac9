"""Rules of the ``scipy.special`` functions whose derivatives are other special functions.

Elliptic integrals, hypergeometric functions, orthogonal polynomials, the
``*dtr`` distribution functions and tuple-valued functions (``fresnel`` ...);
:mod:`._rules` has the elementary ones and the loader that registers these.

Every rule here is a closed form in traced functions (``autograd.numpy`` and
``autograd.scipy.special``), so it differentiates again.  The tables are

* ``ELEMENTWISE``: ``(name, partial per argument)``; a partial is
  ``partial(g, ans, *args, **kwargs) = g * df/d(arg)`` (used as VJP and JVP),
  a string names an argument with no derivative (the rule raises
  :class:`~autograd.extend.MissingRuleError` saying so);
* ``MULTI``: functions returning a tuple, ``(name, derivatives(ans, x))``
  giving ``d(ans[i])/dx`` for each output, differentiated in their one
  continuous argument ``x`` (the last), any others refused by name.

The distribution functions of SciPy's ``*dtr`` family with a beta or gamma
function inside use :mod:`autograd_scipy.special._incomplete_beta` and
:mod:`autograd_scipy.special._series` for their shape-parameter derivatives.
"""

import functools
import math

import numpy as onp
import scipy.special as _sp_raw

from autograd.extend import MissingRuleError, defjvp, defvjp_fast, getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from .. import special as sp
from . import _orders
from ._incomplete_beta import betainc_dab, density_factor
from ._series import gammainc_da

__all__ = ["register", "ELEMENTWISE", "MULTI"]

_SQRT_PI = math.sqrt(math.pi)
_SQRT_2PI = math.sqrt(2 * math.pi)
_SQRT2 = math.sqrt(2.0)


def no_derivative(name, what):
    """A rule (VJP or JVP) that refuses: ``name`` has no derivative in ``what``."""
    def rule(g, ans, *args, **kwargs):
        raise MissingRuleError(
            f"The derivative of scipy.special.{name} with respect to {what} is not "
            "implemented (autograd-scipy). Differentiate with respect to its other "
            "arguments only, or pass this argument as a constant.")
    return rule


def _safe(mask, x, value):
    """``x`` with ``value`` where ``mask`` (a constant): keeps the untaken branch finite."""
    return anp.where(mask, value, x)


def _lower(n):
    """``(n - 1, n == 0)`` as constants: the degree of a polynomial's derivative."""
    n = onp.asarray(getval(n))
    zero = n == 0
    return onp.where(zero, 0, n - 1).astype(n.dtype), zero


def _where_zero(mask, value):
    """``value`` with exact zeros where ``mask`` (a constant): for a factor that is
    infinite or NaN where the quantity it multiplies is known to vanish."""
    return anp.where(mask, 0.0, value)


def _small_or(small, series, exact, x, safe=1.0):
    """``series(x)`` where ``small`` (a constant mask), ``exact(x)`` elsewhere, ``exact``
    evaluated at ``safe`` where it is not taken (so no 0/0 reaches a derivative)."""
    return anp.where(small, series(x), exact(_safe(small, x, safe)))


def sinc(x):
    """``sin(x) / x``, 1 at 0 (smooth there to every order)."""
    return anp.sinc(x / math.pi)


def sinhc(x):
    """``sinh(x) / x``, 1 at 0 (its Taylor series near 0, smooth to every order)."""
    small = onp.abs(getval(x)) < 1e-2
    return _small_or(small, lambda t: 1 + t ** 2 / 6 + t ** 4 / 120 + t ** 6 / 5040,
                     lambda t: anp.sinh(t) / t, x)


def _poles(z):
    """Where ``z`` is a pole of the gamma function (0, -1, -2, ...), and ``n = -z`` there."""
    zv = onp.asarray(getval(z))
    pole = (zv <= 0) & (onp.floor(zv) == zv)
    return pole, onp.where(pole, -zv, 0.0)


def rgamma_d(z):
    """``d/dz 1/Gamma(z) = -psi(z) / Gamma(z)``, finite everywhere: at a pole ``z = -n`` of
    Gamma it is ``(-1)^n n!``, and the branch used there, ``(-1)^n n! (1 - 2 psi(n + 1)
    (z + n))``, also has the right derivative (``1/Gamma(-n + e) = (-1)^n n! e (1 -
    psi(n + 1) e + O(e^2))``)."""
    pole, n = _poles(z)
    if not pole.any():
        return -sp.psi(z) * sp.rgamma(z)
    fact = (-1.0) ** n * sp.gamma(n + 1)
    at_pole = fact * (1 - 2 * sp.psi(n + 1) * (z + n))
    zs = _safe(pole, z, 0.5)
    return anp.where(pole, at_pole, -sp.psi(zs) * sp.rgamma(zs))


# ----------------------------------------------------------------- gamma and beta densities

def _gamma_density(a, x):
    """``dP(a, x)/dx``."""
    return anp.exp(sp.xlogy(a - 1, x) - x - sp.gammaln(a))


def _beta_density(a, b, x):
    """``dI_x(a, b)/dx``."""
    return density_factor(0, 0, a, b, x)


def _t_density(df, t):
    return anp.exp(sp.gammaln((df + 1) / 2) - sp.gammaln(df / 2) - 0.5 * anp.log(df * math.pi)
                   - (df + 1) / 2 * anp.log1p(t ** 2 / df))


def stdtr_ddf(df, t):
    """``d stdtr(df, t) / d df``.

    ``stdtr = 1/2 + sign(t) I_y(1/2, df/2) / 2`` with ``y = t^2 / (df + t^2)``, so the
    derivative is ``sign(t) dI/db / 4 - t f(t) / (2 df)`` (``f`` the t density);
    0 at ``t = 0``.
    """
    zero = getval(t) == 0
    ts = _safe(zero, t, 1.0)
    y = ts ** 2 / (df + ts ** 2)
    value = anp.sign(ts) * betainc_dab(0, 1, 0.5, df / 2, y) / 4 - ts * _t_density(df, ts) / (2 * df)
    # at t = 0 the leading Taylor term, t * d f(0) / d df, keeps the t-derivative right
    slope = _t_density(df, 0.0) * (sp.psi((df + 1) / 2) - sp.psi(df / 2) - 1 / df) / 2
    return anp.where(zero, t * slope, value)


def _fdtr_parts(dfn, dfd, x):
    """``(d/d dfn, d/d dfd, d/dx)`` of ``fdtr``; the first two are 0 at ``x = 0``."""
    zero = onp.asarray(getval(x)) == 0
    if zero.any():
        parts = _fdtr_parts_inner(dfn, dfd, _safe(zero, x, 1.0))
        return (_where_zero(zero, parts[0]), _where_zero(zero, parts[1]),
                anp.where(zero, _fdtr_parts_inner(dfn, dfd, x)[2], parts[2]))
    return _fdtr_parts_inner(dfn, dfd, x)


def _fdtr_parts_inner(dfn, dfd, x):
    """``(d/d dfn, d/d dfd, d/dx)`` of ``fdtr = I_w(dfn/2, dfd/2)``, ``w = dfn x / (dfd + dfn x)``."""
    s = dfd + dfn * x
    w = dfn * x / s
    a, b = dfn / 2, dfd / 2
    f = _beta_density(a, b, w)
    return (betainc_dab(1, 0, a, b, w) / 2 + f * x * dfd / s ** 2,
            betainc_dab(0, 1, a, b, w) / 2 - f * dfn * x / s ** 2,
            f * dfn * dfd / s ** 2)


def _bdtr_dp(k, n, p):
    """``d bdtr(k, n, p) / dp`` (``bdtr = I_{1-p}(n - k, k + 1)``, ``k`` floored)."""
    k = onp.floor(getval(k))
    n = onp.floor(getval(n))       # SciPy floors both counts
    inside = (k >= 0) & (k < n)
    ks = onp.where(inside, k, 0.0)
    dens = -anp.exp(sp.xlogy(n - ks - 1, 1 - p) + sp.xlogy(ks, p) - sp.betaln(n - ks, ks + 1))
    return anp.where(inside, dens, 0.0)


def _nbdtr_dp(k, n, p):
    """``d nbdtr(k, n, p) / dp`` (``nbdtr = I_p(n, k + 1)``)."""
    k = onp.floor(getval(k))
    inside = k >= 0
    ks = onp.where(inside, k, 0.0)
    dens = anp.exp(sp.xlogy(n - 1, p) + sp.xlog1py(ks, -p) - sp.betaln(n, ks + 1))
    return anp.where(inside, dens, 0.0)


def _at_ends(y, partial):
    """``partial()``, 0 where the probability ``y`` is 0 or 1: there the inverse of a
    distribution function is an end of the support whatever its shape parameters
    (the quotient ``partial`` computes is 0/0 or 0 * inf there)."""
    yv = onp.asarray(getval(y))
    ends = (yv == 0) | (yv == 1)
    with onp.errstate(divide="ignore", invalid="ignore"):
        return _where_zero(ends, partial())


def _ncx2_density(x, df, nc):
    """``d chndtr / dx``, the noncentral chi-square density (the central one at ``nc = 0``);
    the Bessel factor scaled (``ive``) so large ``nc x`` does not overflow."""
    central = onp.asarray(getval(nc)) == 0
    ncs = _safe(central, nc, 1.0)
    root = anp.sqrt(ncs * x)
    dens = 0.5 * anp.exp(-(x + ncs) / 2 + root + (df / 4 - 0.5) * anp.log(x / ncs)) \
        * sp.ive(df / 2 - 1, root)
    if not central.any():
        return dens
    return anp.where(central, _gamma_density(df / 2, x / 2) / 2, dens)


def _kolmogorov_dy(y):
    """``d/dy`` of Kolmogorov's survival function ``2 sum (-1)^(k-1) e^(-2 k^2 y^2)``;
    below ``y = 0.8`` from the form ``1 - sqrt(2 pi)/y sum e^(-(2k-1)^2 pi^2 / (8 y^2))``,
    which converges fast there (30 terms of either suffice in double precision)."""
    yv = onp.asarray(getval(y))
    small = yv < 0.8
    k = onp.arange(1, 31).reshape((30,) + (1,) * yv.ndim)
    yb = _safe(small, y, 1.0)
    big = -8 * yb * anp.sum((-1.0) ** (k - 1) * k ** 2 * anp.exp(-2 * k ** 2 * yb ** 2), axis=0)
    if not small.any():
        return big
    pos = yv > 0
    ys = _safe(~(small & pos), y, 0.5)
    c = (2 * k - 1) ** 2 * math.pi ** 2 / 8
    near = -_SQRT_2PI * anp.sum(anp.exp(-c / ys ** 2) * (2 * c / ys ** 4 - 1 / ys ** 2), axis=0)
    return anp.where(small, anp.where(pos, near, 0.0), big)


def _tukey_parts(p, lm):
    """``(dF/dx, dF/dlambda)`` of the Tukey-lambda cdf ``F = p``, from its quantile function
    ``Q(p) = (p^l - (1 - p)^l) / l`` (``log(p / (1 - p))`` at ``l = 0``): ``1 / Q'(p)`` and
    ``-Q_l(p) / Q'(p)``."""
    q1 = 1 - p
    slope = p ** (lm - 1) + q1 ** (lm - 1)
    zero = onp.asarray(getval(lm)) == 0
    ls = _safe(zero, lm, 1.0)
    lp, lq = anp.log(p), anp.log1p(-p)
    q_l = (p ** ls * lp - q1 ** ls * lq) / ls - (p ** ls - q1 ** ls) / ls ** 2
    q_l = anp.where(zero, (lp ** 2 - lq ** 2) / 2, q_l)
    return 1 / slope, -q_l / slope


def _diric_dx(x, n):
    """``d/dx sin(n x / 2) / (n sin(x / 2))``; 0 where ``sin(x / 2) = 0`` (there the kernel
    has its extrema ``+-1``)."""
    n = getval(n)
    s = anp.sin(x / 2)
    flat = onp.abs(onp.sin(onp.asarray(getval(x)) / 2)) < 1e-12
    ss = _safe(flat, s, 1.0)
    num = n / 2 * anp.cos(n * x / 2) * ss - 0.5 * anp.sin(n * x / 2) * anp.cos(x / 2)
    return anp.where(flat, 0.0, num / (n * ss ** 2))


def _sh_jacobi_dx(n, p, q, x):
    """``G_n^(p,q)(x) = n! Gamma(n + p) / Gamma(2n + p) P_n^(p - q, q - 1)(2x - 1)``."""
    factor = onp.exp(_sp_raw.gammaln(getval(n) + 1) + _sp_raw.gammaln(getval(n) + getval(p))
                     - _sp_raw.gammaln(2 * getval(n) + getval(p)))
    return 2 * factor * _jacobi_dx(n, p - q, q - 1, 2 * x - 1)


def _pdtr_dm(k, m):
    """``d pdtr(k, m) / dm`` (SciPy floors the count ``k``)."""
    k = onp.floor(getval(k))
    return -anp.exp(sp.xlogy(k, m) - m - sp.gammaln(k + 1))


# ----------------------------------------------------------------- elliptic integrals

def _ellipk_dm(m):
    """``dK/dm = (E - (1 - m) K) / (2 m (1 - m))``; a Taylor series near ``m = 0``."""
    small = anp.abs(m) < 1e-3
    ms = _safe(small, m, 0.5)
    series = math.pi / 2 * (1 / 4 + 9 * m / 32 + 75 * m ** 2 / 256 + 1225 * m ** 3 / 4096)
    exact = (sp.ellipe(ms) - (1 - ms) * sp.ellipk(ms)) / (2 * ms * (1 - ms))
    return anp.where(small, series, exact)


def _ellipe_dm(m):
    """``dE/dm = (E - K) / (2 m)``; a Taylor series near ``m = 0``."""
    small = anp.abs(m) < 1e-3
    ms = _safe(small, m, 0.5)
    series = -math.pi / 2 * (1 / 4 + 3 * m / 32 + 15 * m ** 2 / 256 + 175 * m ** 3 / 4096)
    return anp.where(small, series, (sp.ellipe(ms) - sp.ellipk(ms)) / (2 * ms))


def _delta(phi, m):
    return anp.sqrt(1 - m * anp.sin(phi) ** 2)


def _sin_power_integrals(phi, kmax):
    """``[int_0^phi sin(t)^(2k) dt for k = 1..kmax]`` (by the usual reduction formula)."""
    s, c = anp.sin(phi), anp.cos(phi)
    out, prev = [], phi
    for k in range(1, kmax + 1):
        prev = -s ** (2 * k - 1) * c / (2 * k) + (2 * k - 1) / (2 * k) * prev
        out.append(prev)
    return out


def _incomplete_dm_series(phi, m, power):
    """``d/dm`` of ``int_0^phi (1 - m sin^2)^power`` near ``m = 0`` (``power`` -1/2 for F,
    +1/2 for E): ``-power * sum_j (1 - power)_j / j! m^j I_(j+1)``, to ``m^4``."""
    ints = _sin_power_integrals(phi, 5)
    total, coef = 0.0, 1.0
    for j in range(5):
        total = total + coef * m ** j * ints[j]
        coef = coef * (j + 1 - power) / (j + 1)
    return -power * total


def _ellipkinc_dm(phi, m, F):
    small = onp.abs(getval(m)) < 1e-3
    if not small.any():
        return _ellipkinc_dm_exact(phi, m, F)
    ms = _safe(small, m, 0.5)
    return anp.where(small, _incomplete_dm_series(phi, m, -0.5),
                     _ellipkinc_dm_exact(phi, ms, sp.ellipkinc(phi, ms)))


def _ellipkinc_dm_exact(phi, m, F):
    E = sp.ellipeinc(phi, m)
    return (E / (2 * m * (1 - m)) - F / (2 * m)
            - anp.sin(2 * phi) / (4 * (1 - m) * _delta(phi, m)))


def _ellipeinc_dm(phi, m, E):
    small = onp.abs(getval(m)) < 1e-3
    if not small.any():
        return (E - sp.ellipkinc(phi, m)) / (2 * m)
    ms = _safe(small, m, 0.5)
    return anp.where(small, _incomplete_dm_series(phi, m, 0.5),
                     (sp.ellipeinc(phi, ms) - sp.ellipkinc(phi, ms)) / (2 * ms))


def _agm_parts(ans, a, b):
    """``(d agm / da, d agm / db)`` from ``agm(a, b) = pi (a + b) / (4 K(m))``,
    ``m = ((a - b) / (a + b))^2`` (``K`` the complete elliptic integral; smooth at ``a = b``)."""
    za, zb = onp.asarray(getval(a)) == 0, onp.asarray(getval(b)) == 0
    zero = za | zb
    if zero.any():      # agm(a, 0) = 0 for every a: that partial is 0, the other one infinite
        a, b, ans = _safe(zero, a, 1.0), _safe(zero, b, 2.0), _safe(zero, ans, 1.0)
    s = a + b
    m = ((a - b) / s) ** 2
    ratio = _ellipk_dm(m) / sp.ellipk(m) * 4 * (a - b) / s ** 3
    da, db = ans * (1 / s - b * ratio), ans * (1 / s + a * ratio)
    if zero.any():
        da = anp.where(zb, 0.0, anp.where(za, onp.inf, da))
        db = anp.where(za, 0.0, anp.where(zb, onp.inf, db))
    return da, db


# ----------------------------------------------------------------- Carlson's symmetric integrals
# From R_F = (1/2) int_0^inf P^(-1/2) dt, P = (t + x)(t + y)(t + z), and
# R_J = (3/2) int P^(-1/2) (t + p)^(-1) dt (R_D(x, y, z) = R_J(x, y, z, z)):
# differentiating under the integral and splitting 1 / ((t + x)(t + p)) into
# partial fractions gives every partial in Carlson functions again.  The last
# argument's partial of R_D and R_J follows from homogeneity (degree -3/2).
# R_J's partials divide by (p - x), (p - y), (p - z): where p equals one of
# them the partial is a removable 0 / 0 and comes out as NaN.  R_D's, which
# R_C's second derivatives need at y = z, take the limits there (at z = x,
# dR_D/dx = -(3/2 R_D + y dR_D/dy) / (4 x), from the integrals); those
# limits hold on the set z = x only, so R_D's own second derivatives at
# exactly coinciding arguments are not right (R_C's, R_F's and R_G's are).

def _rd_partials(ans, x, y, z):
    """``(dR_D/dx, dR_D/dy, dR_D/dz)``, also where ``z`` equals ``x`` or ``y``."""
    xz = getval(x) == getval(z)
    yz = getval(y) == getval(z)
    gx = (ans - sp.elliprd(y, z, x)) / (2 * _safe(xz, z - x, 1.0))
    gy = (ans - sp.elliprd(z, x, y)) / (2 * _safe(yz, z - y, 1.0))
    dx = anp.where(xz, (-1.5 * ans - _times(y, gy)) / (4 * x), gx)
    dy = anp.where(yz, (-1.5 * ans - _times(x, gx)) / (4 * y), gy)
    equal = xz & yz        # R_D = z^(-3/2): the partials are -3/10 and -9/10 of z^(-5/2)
    dx = anp.where(equal, -0.3 * ans / z, dx)
    dy = anp.where(equal, -0.3 * ans / z, dy)
    return dx, dy, (-1.5 * ans - _times(x, dx) - _times(y, dy)) / z


def _times(x, d):
    """``x * d``, 0 where ``x`` is 0 (a partial that is infinite at 0 times 0: the
    derivative of ``x R(x)`` there; R_D's partial in an argument that is 0 is)."""
    return x * _where_zero(onp.asarray(getval(x)) == 0, d)


def _rc_partials(ans, x, y):
    """``(dR_C/dx, dR_C/dy)``: ``-R_D(y, y, x) / 6`` and ``-R_D(x, y, y) / 3`` for ``y > 0``;
    for ``y < 0`` (the Cauchy principal value) through ``R_C(x, y) = s R_C(x - y, -y)``,
    ``s = sqrt(x / (x - y))``, whose arguments are positive."""
    neg = onp.asarray(getval(y)) < 0
    if not neg.any():
        return -sp.elliprd(y, y, x) / 6, -sp.elliprd(x, y, y) / 3
    ys = _safe(neg, y, 1.0)
    pos_dx, pos_dy = -sp.elliprd(ys, ys, x) / 6, -sp.elliprd(x, ys, ys) / 3
    yn = _safe(~neg, y, -1.0)
    u, v = x - yn, -yn
    scale = anp.sqrt(x / u)
    inner = sp.elliprc(u, v)
    du, dv = -sp.elliprd(v, v, u) / 6, -sp.elliprd(u, v, v) / 3
    ds_dx = _times(scale, 1 / (2 * x)) - scale / (2 * u)
    neg_dx = ds_dx * inner + scale * du
    neg_dy = scale / (2 * u) * inner - scale * (du + dv)
    return anp.where(neg, neg_dx, pos_dx), anp.where(neg, neg_dy, pos_dy)


def _rj_d(ans, w, u, v, p):
    """``dR_J/dw`` for ``w`` one of the first three arguments, ``u``, ``v`` the other two."""
    return (ans - sp.elliprd(u, v, w)) / (2 * (p - w))


def _rj_dp(ans, x, y, z, p):
    return (-1.5 * ans - x * _rj_d(ans, x, y, z, p) - y * _rj_d(ans, y, z, x, p)
            - z * _rj_d(ans, z, x, y, p)) / p


def _rg_d(w, u, v):
    """``dR_G/dw``, ``u`` and ``v`` the other two arguments; where both are 0,
    ``R_G = sqrt(w) / 2`` and the partial ``1 / (4 sqrt(w))``."""
    both = (onp.asarray(getval(u)) == 0) & (onp.asarray(getval(v)) == 0)
    if not both.any():
        return (3 * sp.elliprf(u, v, w) - w * sp.elliprd(u, v, w)) / 12
    us = _safe(both, u, 1.0)
    return anp.where(both, 0.25 / anp.sqrt(w),
                     (3 * sp.elliprf(us, v, w) - w * sp.elliprd(us, v, w)) / 12)


# ----------------------------------------------------------------- orthogonal polynomials

def _legendre_dx(n, x):
    """``P_n'(x) = n (n + 1) / 2 * 2F1(1 - n, n + 2; 2; (1 - x) / 2)`` (any real degree);
    0 for the constant ``P_0 = P_-1 = 1`` (the hypergeometric factor is infinite at x = -1)."""
    n = onp.asarray(getval(n))
    const = (n == 0) | (n == -1)
    return _where_zero(const, n * (n + 1) / 2 * sp.hyp2f1(1 - n, n + 2, 2, (1 - x) / 2))


def _gegenbauer_dx(n, alpha, x):
    """``d/dx C_n^alpha(x) = 2 alpha C_{n-1}^{alpha+1}(x)`` (any real degree); SciPy's ``C_n``
    is 0 for a negative integer ``n``."""
    nm1, zero = _lower(n)
    zero = zero | _negative_integer(n)
    return anp.where(zero, 0.0, 2 * alpha * sp.eval_gegenbauer(onp.where(zero, 0, nm1), alpha + 1, x))


def _negative_integer(n):
    n = onp.asarray(getval(n))
    return (n < 0) & (onp.floor(n) == n)


def _chebyu_dx(n, x):
    """``U_n'(x) = 2 C_{n-1}^2(x)``; for ``n < 0``, ``U_n = -U_(-n-2)`` (``U_-1 = 0``), as SciPy."""
    n = onp.asarray(getval(n))
    neg = _negative_integer(n)
    m = onp.where(neg, onp.maximum(-n - 2, 0), n)
    return anp.where(neg & (n == -1), 0.0, onp.where(neg, -1.0, 1.0) * _gegenbauer_dx(m, 1.0, x))


def _chebyt_dx(n, x):
    nm1, zero = _lower(n)
    return anp.where(zero, 0.0, getval(n) * sp.eval_chebyu(nm1, x))


def _genlaguerre_dx(n, alpha, x):
    nm1, zero = _lower(n)
    return anp.where(zero, 0.0, -sp.eval_genlaguerre(nm1, alpha + 1, x))


def _hermite_dx(n, x, scale):
    nm1, zero = _lower(n)
    fun = sp.eval_hermite if scale == 2 else sp.eval_hermitenorm
    return anp.where(zero, 0.0, scale * getval(n) * fun(nm1, x))


def _jacobi_dx(n, alpha, beta, x):
    nm1, zero = _lower(n)
    return anp.where(zero, 0.0, (getval(n) + alpha + beta + 1) / 2
                     * sp.eval_jacobi(nm1, alpha + 1, beta + 1, x))


# ----------------------------------------------------------------- spherical Bessel functions

def _spherical(fun, modified):
    """``d/dz`` of ``fun(n, z, derivative)``: the next derivative, the second one from the
    differential equation ``z^2 y'' + 2 z y' -+ (z^2 -+ n(n+1)) y = 0``."""
    def partial(g, ans, n, z, derivative=False):
        if not derivative:
            return g * fun(n, z, True)
        nn = getval(n) * (getval(n) + 1)
        y = fun(n, z)
        curv = (1 + nn / z ** 2) if modified else -(1 - nn / z ** 2)
        return g * (-2 / z * ans + curv * y)
    return partial


# ----------------------------------------------------------------- Faddeeva and Voigt

def _wofz_dz(z, w):
    return -2 * z * w + 2j / _SQRT_PI


def _voigt_parts(x, sigma, gamma, ans):
    """``(dV/dx, dV/dsigma, dV/dgamma)`` with ``V = Re w(z) / (sigma sqrt(2 pi))``,
    ``z = (x + i gamma) / (sigma sqrt 2)``."""
    z = (x + 1j * gamma) / (sigma * _SQRT2)
    w = sp.wofz(z)
    zw = z * w
    s2 = sigma ** 2 * _SQRT_PI
    dx = -anp.real(zw) / s2
    dgamma = (anp.imag(zw) - 1 / _SQRT_PI) / s2
    dsigma = -ans / sigma - anp.real(z * _wofz_dz(z, w)) / (sigma ** 2 * _SQRT_2PI)
    return dx, dsigma, dgamma


def _binom_partials(ans, x, y):
    """``(d/dx, d/dy)`` of ``binom(x, y) = Gamma(x + 1) / (Gamma(y + 1) Gamma(x - y + 1))``;
    where ``y + 1`` or ``x - y + 1`` is a pole of Gamma (``binom`` is 0 there but not
    flat) they come from ``1/Gamma`` and its derivative :func:`rgamma_d`."""
    pb, _ = _poles(y + 1)
    pc, _ = _poles(x - y + 1)
    special = (pb | pc) & ~_poles(x + 1)[0]
    if not special.any():
        return (ans * (sp.psi(x + 1) - sp.psi(x - y + 1)),
                ans * (sp.psi(x - y + 1) - sp.psi(y + 1)))
    xs, ys = _safe(special, x, 0.5), _safe(special, y, 0.25)
    regular = _binom_partials(sp.binom(xs, ys), xs, ys)
    ga, rb, rc = sp.gamma(x + 1), sp.rgamma(y + 1), sp.rgamma(x - y + 1)
    dx = ga * (sp.psi(_safe(~special, x, 0.5) + 1) * rb * rc + rb * rgamma_d(x - y + 1))
    dy = ga * (rgamma_d(y + 1) * rc - rb * rgamma_d(x - y + 1))
    return anp.where(special, dx, regular[0]), anp.where(special, dy, regular[1])


def _inv_boxcox_dlmbda(ans, y, lmbda, one=0.0):
    """``d/d lmbda`` of ``(1 + lmbda y)^(1/lmbda) - one`` (a series near ``lmbda y = 0``)."""
    small = onp.abs(getval(lmbda) * getval(y)) < 1e-3
    ls = _safe(small, lmbda, 1.0)
    dlog = y / (ls * (1 + ls * y)) - anp.log1p(ls * y) / ls ** 2
    # the Taylor series in u = lmbda y where the closed form cancels
    u = lmbda * y
    series = y ** 2 * (-1 / 2 + 2 / 3 * u - 3 / 4 * u ** 2 + 4 / 5 * u ** 3 - 5 / 6 * u ** 4)
    return (ans + one) * anp.where(small, series, dlog)


def _inv_boxcox_dy(ans, y, lmbda, one=0.0):
    return (ans + one) / (1 + lmbda * y)


def _owens_t_dh(h, a):
    return anp.exp(-h ** 2 / 2) / _SQRT_2PI * sp.erf(a * h / _SQRT2) / 2


def _owens_t_da(h, a):
    return anp.exp(-h ** 2 * (1 + a ** 2) / 2) / (2 * math.pi * (1 + a ** 2))


def _hyp_param(p, which):
    """``g * d/d(parameter which)`` of ``hyp1f1`` (``p = 1``) or ``hyp2f1`` (``p = 2``) at a
    real argument (:mod:`._orders`: the differentiated series)."""
    def partial(g, ans, *args, **kwargs):
        if onp.iscomplexobj(getval(args[-1])):
            raise MissingRuleError(
                f"The derivative of scipy.special.hyp{p}f1 with respect to its parameters is "
                "implemented for a real argument only (autograd-scipy).")
        fun = _orders.hyp1f1_dparam if p == 1 else _orders.hyp2f1_dparam
        return g * fun(which, *args)
    return partial


def _pseudo_huber_ddelta(delta, r):
    s = anp.sqrt(1 + (r / delta) ** 2)
    return 2 * delta * (s - 1) - r ** 2 / (delta * s)


# fmt: off
# (name, partials in argument order); a string: that argument has no derivative.
ELEMENTWISE = [
    ("owens_t",      lambda g, ans, h, a: -g * _owens_t_dh(h, a),
                     lambda g, ans, h, a: g * _owens_t_da(h, a)),
    ("lambertw",     lambda g, ans, z, k=0, tol=1e-8: g / (anp.exp(ans) * (1 + ans)),
                     "the branch k", "the tolerance tol"),
    ("wrightomega",  lambda g, ans, z: g * ans / (1 + ans)),
    ("wofz",         lambda g, ans, z: g * _wofz_dz(z, ans)),
    ("voigt_profile", lambda g, ans, x, s, c: g * _voigt_parts(x, s, c, ans)[0],
                     lambda g, ans, x, s, c: g * _voigt_parts(x, s, c, ans)[1],
                     lambda g, ans, x, s, c: g * _voigt_parts(x, s, c, ans)[2]),
    ("ellipk",       lambda g, ans, m: g * _ellipk_dm(m)),
    ("ellipe",       lambda g, ans, m: g * _ellipe_dm(m)),
    ("ellipkm1",     lambda g, ans, p: -g * _ellipk_dm(1 - p)),
    ("ellipkinc",    lambda g, ans, phi, m: g / _delta(phi, m),
                     lambda g, ans, phi, m: g * _ellipkinc_dm(phi, m, ans)),
    ("ellipeinc",    lambda g, ans, phi, m: g * _delta(phi, m),
                     lambda g, ans, phi, m: g * _ellipeinc_dm(phi, m, ans)),
    ("hyp2f1",       _hyp_param(2, 0), _hyp_param(2, 1), _hyp_param(2, 2),
                     lambda g, ans, a, b, c, z: g * a * b / c * sp.hyp2f1(a + 1, b + 1, c + 1, z)),
    ("hyp1f1",       _hyp_param(1, 0), _hyp_param(1, 1),
                     lambda g, ans, a, b, x: g * a / b * sp.hyp1f1(a + 1, b + 1, x)),
    ("hyp0f1",       "the parameter v",
                     lambda g, ans, v, z: g * sp.hyp0f1(v + 1, z) / v),
    ("hyperu",       "the parameter a", "the parameter b",
                     lambda g, ans, a, b, x: -g * a * sp.hyperu(a + 1, b + 1, x)),
    ("wright_bessel", "the parameter a", "the parameter b",
                     lambda g, ans, a, b, x: g * sp.wright_bessel(a, a + b, x)),
    ("log_wright_bessel", "the parameter a", "the parameter b",
                     lambda g, ans, a, b, x: g * anp.exp(sp.log_wright_bessel(a, a + b, x) - ans)),
    ("struve",       "the order v",
                     lambda g, ans, v, x: g * (sp.struve(v - 1, x) - v / x * ans)),
    ("modstruve",    "the order v",
                     lambda g, ans, v, x: g * (sp.modstruve(v - 1, x) - v / x * ans)),
    ("hankel1",      "the order v",
                     lambda g, ans, v, z: g * (sp.hankel1(v - 1, z) - sp.hankel1(v + 1, z)) / 2),
    ("hankel2",      "the order v",
                     lambda g, ans, v, z: g * (sp.hankel2(v - 1, z) - sp.hankel2(v + 1, z)) / 2),
    ("spherical_jn", "the order n", _spherical(sp.spherical_jn, False)),
    ("spherical_yn", "the order n", _spherical(sp.spherical_yn, False)),
    ("spherical_in", "the order n", _spherical(sp.spherical_in, True)),
    ("spherical_kn", "the order n", _spherical(sp.spherical_kn, True)),
    ("ber",          lambda g, ans, x: g * sp.berp(x)),
    ("bei",          lambda g, ans, x: g * sp.beip(x)),
    ("ker",          lambda g, ans, x: g * sp.kerp(x)),
    ("kei",          lambda g, ans, x: g * sp.keip(x)),
    ("berp",         lambda g, ans, x: g * (-_kelvin_prime_over_x(sp.berp, x, lambda t: -t ** 2 / 16
                                                                   + t ** 6 / 18432) - sp.bei(x))),
    ("beip",         lambda g, ans, x: g * (-_kelvin_prime_over_x(sp.beip, x, lambda t: 0.5 - t ** 4 / 384)
                                            + sp.ber(x))),
    ("kerp",         lambda g, ans, x: g * (-ans / x - sp.kei(x))),
    ("keip",         lambda g, ans, x: g * (-ans / x + sp.ker(x))),
    ("hankel1e",     "the order v",
                     lambda g, ans, v, z: g * ((sp.hankel1e(v - 1, z) - sp.hankel1e(v + 1, z)) / 2
                                               - 1j * ans)),
    ("hankel2e",     "the order v",
                     lambda g, ans, v, z: g * ((sp.hankel2e(v - 1, z) - sp.hankel2e(v + 1, z)) / 2
                                               + 1j * ans)),
    ("agm",          lambda g, ans, a, b: g * _agm_parts(ans, a, b)[0],
                     lambda g, ans, a, b: g * _agm_parts(ans, a, b)[1]),
    ("elliprf",      lambda g, ans, x, y, z: -g * sp.elliprd(y, z, x) / 6,
                     lambda g, ans, x, y, z: -g * sp.elliprd(z, x, y) / 6,
                     lambda g, ans, x, y, z: -g * sp.elliprd(x, y, z) / 6),
    ("elliprc",      lambda g, ans, x, y: g * _rc_partials(ans, x, y)[0],
                     lambda g, ans, x, y: g * _rc_partials(ans, x, y)[1]),
    ("elliprd",      lambda g, ans, x, y, z: g * _rd_partials(ans, x, y, z)[0],
                     lambda g, ans, x, y, z: g * _rd_partials(ans, x, y, z)[1],
                     lambda g, ans, x, y, z: g * _rd_partials(ans, x, y, z)[2]),
    ("elliprj",      lambda g, ans, x, y, z, p: g * _rj_d(ans, x, y, z, p),
                     lambda g, ans, x, y, z, p: g * _rj_d(ans, y, z, x, p),
                     lambda g, ans, x, y, z, p: g * _rj_d(ans, z, x, y, p),
                     lambda g, ans, x, y, z, p: g * _rj_dp(ans, x, y, z, p)),
    ("elliprg",      lambda g, ans, x, y, z: g * _rg_d(x, y, z),
                     lambda g, ans, x, y, z: g * _rg_d(y, z, x),
                     lambda g, ans, x, y, z: g * _rg_d(z, x, y)),
    ("itstruve0",    lambda g, ans, x: g * sp.struve(0, x)),
    ("it2struve0",   lambda g, ans, x: -g * _struve0_over_x(x)),
    ("itmodstruve0", lambda g, ans, x: g * sp.modstruve(0, x)),
    ("eval_legendre",    "the degree n", lambda g, ans, n, x: g * _legendre_dx(n, x)),
    ("eval_sh_legendre", "the degree n", lambda g, ans, n, x: 2 * g * _legendre_dx(n, 2 * x - 1)),
    ("eval_chebyt",      "the degree n", lambda g, ans, n, x: g * _chebyt_dx(n, x)),
    ("eval_sh_chebyt",   "the degree n", lambda g, ans, n, x: 2 * g * _chebyt_dx(n, 2 * x - 1)),
    ("eval_chebyc",      "the degree n", lambda g, ans, n, x: g * _chebyt_dx(n, x / 2)),
    ("eval_chebyu",      "the degree n", lambda g, ans, n, x: g * _chebyu_dx(n, x)),
    ("eval_sh_chebyu",   "the degree n",
                         lambda g, ans, n, x: 2 * g * _chebyu_dx(n, 2 * x - 1)),
    ("eval_chebys",      "the degree n", lambda g, ans, n, x: g * _chebyu_dx(n, x / 2) / 2),
    ("eval_gegenbauer",  "the degree n", "the parameter alpha",
                         lambda g, ans, n, alpha, x: g * _gegenbauer_dx(n, alpha, x)),
    ("eval_hermite",     "the degree n", lambda g, ans, n, x: g * _hermite_dx(n, x, 2)),
    ("eval_hermitenorm", "the degree n", lambda g, ans, n, x: g * _hermite_dx(n, x, 1)),
    ("eval_laguerre",    "the degree n", lambda g, ans, n, x: g * _genlaguerre_dx(n, 0.0, x)),
    ("eval_genlaguerre", "the degree n", "the parameter alpha",
                         lambda g, ans, n, alpha, x: g * _genlaguerre_dx(n, alpha, x)),
    ("eval_jacobi",      "the degree n", "the parameter alpha", "the parameter beta",
                         lambda g, ans, n, a, b, x: g * _jacobi_dx(n, a, b, x)),
    ("binom",        lambda g, ans, x, y: g * _binom_partials(ans, x, y)[0],
                     lambda g, ans, x, y: g * _binom_partials(ans, x, y)[1]),
    ("inv_boxcox",   lambda g, ans, y, lm: g * _inv_boxcox_dy(ans, y, lm),
                     lambda g, ans, y, lm: g * _inv_boxcox_dlmbda(ans, y, lm)),
    ("inv_boxcox1p", lambda g, ans, y, lm: g * _inv_boxcox_dy(ans, y, lm, 1.0),
                     lambda g, ans, y, lm: g * _inv_boxcox_dlmbda(ans, y, lm, 1.0)),
    ("huber",        lambda g, ans, d, r: g * anp.where(anp.abs(r) <= d, 0.0, anp.abs(r) - d),
                     lambda g, ans, d, r: g * anp.where(anp.abs(r) <= d, r, d * anp.sign(r))),
    ("pseudo_huber", lambda g, ans, d, r: g * _pseudo_huber_ddelta(d, r),
                     lambda g, ans, d, r: g * r / anp.sqrt(1 + (r / d) ** 2)),
    ("radian",       lambda g, ans, d, m, s: g * (math.pi / 180),
                     lambda g, ans, d, m, s: g * (math.pi / 180 / 60),
                     lambda g, ans, d, m, s: g * (math.pi / 180 / 3600)),
    # distribution functions and their inverses
    ("bdtr",         "the count k", "the number of trials n",
                     lambda g, ans, k, n, p: g * _bdtr_dp(k, n, p)),
    ("bdtrc",        "the count k", "the number of trials n",
                     lambda g, ans, k, n, p: -g * _bdtr_dp(k, n, p)),
    ("bdtri",        "the count k", "the number of trials n",
                     lambda g, ans, k, n, y: g / _bdtr_dp(k, n, ans)),
    ("nbdtr",        "the count k", "the number of successes n",
                     lambda g, ans, k, n, p: g * _nbdtr_dp(k, n, p)),
    ("nbdtrc",       "the count k", "the number of successes n",
                     lambda g, ans, k, n, p: -g * _nbdtr_dp(k, n, p)),
    ("nbdtri",       "the count k", "the number of successes n",
                     lambda g, ans, k, n, y: g / _nbdtr_dp(k, n, ans)),
    ("pdtri",        "the count k",
                     lambda g, ans, k, y: g / _pdtr_dm(k, ans)),
    ("chdtri",       lambda g, ans, v, y: -g * _at_ends(y, lambda: gammainc_da(v / 2, ans / 2)
                                                       / _gamma_density(v / 2, ans / 2)),
                     lambda g, ans, v, y: -2 * g / _gamma_density(v / 2, ans / 2)),
    ("gdtr",         lambda g, ans, a, b, x: g * _times(x, _gamma_density(b, a * x)),
                     lambda g, ans, a, b, x: g * gammainc_da(b, a * x),
                     lambda g, ans, a, b, x: g * _times(a, _gamma_density(b, a * x))),
    ("gdtrc",        lambda g, ans, a, b, x: -g * _times(x, _gamma_density(b, a * x)),
                     lambda g, ans, a, b, x: -g * gammainc_da(b, a * x),
                     lambda g, ans, a, b, x: -g * _times(a, _gamma_density(b, a * x))),
    ("fdtr",         lambda g, ans, m, n, x: g * _fdtr_parts(m, n, x)[0],
                     lambda g, ans, m, n, x: g * _fdtr_parts(m, n, x)[1],
                     lambda g, ans, m, n, x: g * _fdtr_parts(m, n, x)[2]),
    ("fdtrc",        lambda g, ans, m, n, x: -g * _fdtr_parts(m, n, x)[0],
                     lambda g, ans, m, n, x: -g * _fdtr_parts(m, n, x)[1],
                     lambda g, ans, m, n, x: -g * _fdtr_parts(m, n, x)[2]),
    ("fdtri",        lambda g, ans, m, n, y: -g * _at_ends(y, lambda: _fdtr_parts(m, n, ans)[0]
                                                          / _fdtr_parts(m, n, ans)[2]),
                     lambda g, ans, m, n, y: -g * _at_ends(y, lambda: _fdtr_parts(m, n, ans)[1]
                                                          / _fdtr_parts(m, n, ans)[2]),
                     lambda g, ans, m, n, y: g / _fdtr_parts(m, n, ans)[2]),
    ("stdtr",        lambda g, ans, df, t: g * stdtr_ddf(df, t),
                     lambda g, ans, df, t: g * _t_density(df, t)),
    ("stdtrit",      lambda g, ans, df, p: -g * stdtr_ddf(df, ans) / _t_density(df, ans),
                     lambda g, ans, df, p: g / _t_density(df, ans)),
    ("chndtr",       lambda g, ans, x, df, nc: g * _ncx2_density(x, df, nc),
                     "the degrees of freedom df",
                     lambda g, ans, x, df, nc: -g * (ans - sp.chndtr(x, df + 2, nc)) / 2),
    ("kolmogorov",   lambda g, ans, y: g * _kolmogorov_dy(y)),
    ("tklmbda",      lambda g, ans, x, lm: g * _tukey_parts(ans, lm)[0],
                     lambda g, ans, x, lm: g * _tukey_parts(ans, lm)[1]),
    ("diric",        lambda g, ans, x, n: g * _diric_dx(x, n), "the integer n"),
    ("assoc_laguerre", lambda g, ans, x, n, k=0.0: g * _genlaguerre_dx(n, k, x),
                     "the degree n", "the order k"),
    ("eval_sh_jacobi", "the degree n", "the parameter p", "the parameter q",
                     lambda g, ans, n, p, q, x: g * _sh_jacobi_dx(n, p, q, x)),
    ("besselpoly",   lambda g, ans, a, lmb, nu: g * (sp.besselpoly(a, lmb + 1, nu - 1)
                                                     - sp.besselpoly(a, lmb + 1, nu + 1)),
                     "the power lmb", "the order nu"),
    ("lpmv",         "the order m", "the degree v",
                     lambda g, ans, m, v, x: g * (v * x * ans - (v + m) * sp.lpmv(m, v - 1, x))
                                             / (x ** 2 - 1)),
    # the incomplete beta function in all three arguments
    ("betainc",      lambda g, ans, a, b, x: g * betainc_dab(1, 0, a, b, x),
                     lambda g, ans, a, b, x: g * betainc_dab(0, 1, a, b, x),
                     lambda g, ans, a, b, x: g * _beta_density(a, b, x)),
    ("betaincc",     lambda g, ans, a, b, x: -g * betainc_dab(1, 0, a, b, x),
                     lambda g, ans, a, b, x: -g * betainc_dab(0, 1, a, b, x),
                     lambda g, ans, a, b, x: -g * _beta_density(a, b, x)),
    ("betaincinv",   lambda g, ans, a, b, y: -g * _at_ends(y, lambda: betainc_dab(1, 0, a, b, ans)
                                                          / _beta_density(a, b, ans)),
                     lambda g, ans, a, b, y: -g * _at_ends(y, lambda: betainc_dab(0, 1, a, b, ans)
                                                          / _beta_density(a, b, ans)),
                     lambda g, ans, a, b, y: g / _beta_density(a, b, ans)),
    ("betainccinv",  lambda g, ans, a, b, y: -g * _at_ends(y, lambda: betainc_dab(1, 0, a, b, ans)
                                                          / _beta_density(a, b, ans)),
                     lambda g, ans, a, b, y: -g * _at_ends(y, lambda: betainc_dab(0, 1, a, b, ans)
                                                          / _beta_density(a, b, ans)),
                     lambda g, ans, a, b, y: -g / _beta_density(a, b, ans)),
]


def _i0m1_over_x(x):
    """``(I0(x) - 1) / x``, 0 at 0 (its Taylor series near 0)."""
    small = onp.abs(getval(x)) < 1e-2
    return _small_or(small, lambda t: t / 4 + t ** 3 / 64 + t ** 5 / 2304,
                     lambda t: (sp.i0(t) - 1) / t, x)


def _one_minus_j0_over_x(x):
    """``(1 - J0(x)) / x``, 0 at 0 (its Taylor series near 0)."""
    small = onp.abs(getval(x)) < 1e-2
    return _small_or(small, lambda t: t / 4 - t ** 3 / 64 + t ** 5 / 2304,
                     lambda t: (1 - sp.j0(t)) / t, x)


def _struve0_over_x(x):
    """``H0(x) / x``, ``2 / pi`` at 0 (its Taylor series near 0)."""
    small = onp.abs(getval(x)) < 1e-2
    return _small_or(small, lambda t: 2 / math.pi * (1 - t ** 2 / 9 + t ** 4 / 225 - t ** 6 / 11025),
                     lambda t: sp.struve(0, t) / t, x)


def _kelvin_prime_over_x(fun, x, series):
    """``fun(x) / x`` for ``fun`` = ``berp`` or ``beip`` (both 0 at 0), by ``series`` near 0."""
    small = onp.abs(getval(x)) < 1e-2
    return _small_or(small, series, lambda t: fun(t) / t, x)


def _airy_derivs(ans, z):
    ai, aip, bi, bip = ans
    return [aip, z * ai, bip, z * bi]


def _airye_derivs(ans, x):
    """Derivatives of the scaled Airy functions of a real ``x``: for ``x > 0`` the
    scale factors are ``exp(+-(2/3) x^(3/2))``, for ``x <= 0`` ``Bi`` is unscaled
    and SciPy's scaled ``Ai`` is NaN: its derivatives are given as 0 there, so
    that the NaN does not reach the cotangent of ``Bi``."""
    eai, eaip, ebi, ebip = ans
    pos = onp.asarray(getval(x)) > 0
    root = anp.where(pos, anp.sqrt(_safe(~pos, x, 1.0)), 0.0)
    eai, eaip = _safe(~pos, eai, 0.0), _safe(~pos, eaip, 0.0)
    return [eaip + root * eai, x * eai + root * eaip, ebip - root * ebi, x * ebi - root * ebip]


def _kelvin_derivs(ans, x):
    """``kelvin(x) = (ber + i bei, ker + i kei, ber' + i bei', ker' + i kei')``; the
    second derivatives from Kelvin's equation ``y'' = -y'/x + i y``."""
    be, ke, bep, kep = ans
    return [bep, kep, -bep / x + 1j * be, -kep / x + 1j * ke]


def _itairy_derivs(ans, x):
    ai, _, bi, _ = sp.airy(x)
    ain, _, bin_, _ = sp.airy(-x)
    return [ai, bi, ain, bin_]


def _pbdv_derivs(ans, v, x):
    d, dp = ans
    return [dp, (x ** 2 / 4 - v - 0.5) * d]


def _ellipj_derivs(ans, u, m):
    sn, cn, dn, _ = ans
    return [cn * dn, -sn * dn, -m * sn * cn, dn]


# (name, derivatives(ans, *args) of each output in the last argument, refused arguments before it)
MULTI = [
    ("fresnel",  lambda ans, z: [anp.sin(math.pi / 2 * z ** 2), anp.cos(math.pi / 2 * z ** 2)], ()),
    ("sici",     lambda ans, x: [sinc(x), anp.cos(x) / x], ()),
    ("shichi",   lambda ans, x: [sinhc(x), anp.cosh(x) / x], ()),
    ("airy",     _airy_derivs, ()),
    ("airye",    _airye_derivs, ()),
    ("kelvin",   _kelvin_derivs, ()),
    ("itairy",   _itairy_derivs, ()),
    ("iti0k0",   lambda ans, x: [sp.i0(x), sp.k0(x)], ()),
    ("itj0y0",   lambda ans, x: [sp.j0(x), sp.y0(x)], ()),
    ("it2i0k0",  lambda ans, x: [_i0m1_over_x(x), -sp.k0(x) / x], ()),
    ("it2j0y0",  lambda ans, x: [_one_minus_j0_over_x(x), -sp.y0(x) / x], ()),
    ("pbdv",     _pbdv_derivs, ("the order v",)),
]
# fmt: on


# ----------------------------------------------------------------- registration

def _elementwise(fun, name, partials):
    vjps, jvps = [], []
    for i, p in enumerate(partials):
        if isinstance(p, str):
            rule = no_derivative(name, p)
            vjps.append(rule)
            jvps.append(rule)
            continue
        vjps.append(lambda g, ans, *args, _p=p, _i=i, **kw:
                    fit_cotangent(_p(g, ans, *args, **kw), args[_i]))
        jvps.append(lambda t, ans, *args, _p=p, **kw: fit_tangent(_p(t, ans, *args, **kw), ans))
    defvjp_fast(fun, *vjps)
    defjvp(fun, *jvps)


def _add_term(total, gi, d):
    """``total + gi * d`` for the cotangent ``gi`` of one output of a tuple-valued
    function: an output that is not used has a zero cotangent, and its derivative
    ``d`` may be infinite where the others are smooth (Ci and Chi at 0): that term
    is then left out (or zeroed where only some of ``gi`` is 0), never 0 * inf."""
    if gi is None:
        return total
    zero = onp.asarray(getval(gi)) == 0
    if zero.all():
        return total
    return total + gi * (_where_zero(zero, d) if zero.any() else d)


def _multi(fun, name, derivs, refused):
    def vjp(g, ans, *args, **kw):
        total = 0.0
        with onp.errstate(divide="ignore", invalid="ignore"):   # of outputs not used
            ds = derivs(ans, *args)
        for gi, d in zip(g, ds):
            total = _add_term(total, gi, d)
        return fit_cotangent(total, args[-1])

    def jvp(t, ans, *args, **kw):
        return tuple(fit_tangent(t * d, a) for d, a in zip(derivs(ans, *args), ans))

    rules = [no_derivative(name, what) for what in refused]
    defvjp_fast(fun, *rules, vjp)
    defjvp(fun, *rules, jvp)


def register():
    """Register the rules of ``ELEMENTWISE`` and ``MULTI`` into the active registry."""
    for name, *partials in ELEMENTWISE:
        if hasattr(sp, name):
            _elementwise(getattr(sp, name).fun, name, partials)
    for name, derivs, refused in MULTI:
        if hasattr(sp, name):
            _multi(getattr(sp, name).fun, name, derivs, refused)
    defvjp_fast(sp.ellipj.fun, lambda g, ans, u, m: fit_cotangent(
        functools.reduce(lambda total, pair: _add_term(total, *pair),
                         zip(g, _ellipj_derivs(ans, u, m)), 0.0), u),
        no_derivative("ellipj", "the parameter m"))
    defjvp(sp.ellipj.fun, lambda t, ans, u, m: tuple(
        fit_tangent(t * d, a) for d, a in zip(_ellipj_derivs(ans, u, m), ans)),
        no_derivative("ellipj", "the parameter m"))
