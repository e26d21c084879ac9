"""Derivatives of the Bessel functions ``jv``, ``yv``, ``iv``, ``kv`` with respect to
their order, and of ``hyp1f1``/``hyp2f1`` with respect to their parameters.

SciPy has no function for ``d J_v(x) / dv``.  Here ``bessel_dv(kind, m, v, x)`` is
the ``m``-th derivative in the order of ``J``, ``Y``, ``I`` or ``K`` (``kind`` one
of ``"j"``, ``"y"``, ``"i"``, ``"k"``) for real ``x > 0``, computed by adaptive
quadrature of the order derivative of the integral representations (valid for
every real order when ``x > 0``):

    J_v(x) = 1/pi int_0^pi cos(v t - x sin t) dt - sin(v pi)/pi int_0^inf e^(-x sinh t - v t) dt
    Y_v(x) = 1/pi int_0^pi sin(x sin t - v t) dt
             - 1/pi int_0^inf (e^(v t) + e^(-v t) cos(v pi)) e^(-x sinh t) dt
    I_v(x) = 1/pi int_0^pi e^(x cos t) cos(v t) dt - sin(v pi)/pi int_0^inf e^(-x cosh t - v t) dt
    K_v(x) = int_0^inf e^(-x cosh t) cosh(v t) dt

differentiated ``m`` times under the integral sign (the products with
``sin(v pi)``/``cos(v pi)`` by Leibniz's rule).  Its rules are
``bessel_dv(kind, m + 1, ...)`` in ``v`` and the usual recurrences
(``dJ_v/dx = (J_(v-1) - J_(v+1)) / 2`` ...) applied to the ``m``-th order
derivative in ``x``, so derivatives of any order follow.  Accuracy: about 1e-10
relative, checked against differences of SciPy's functions.  ``x <= 0`` (where the
functions of a non-integer order are complex) gives NaN, as SciPy gives for
the function itself.

``hyp1f1`` and ``hyp2f1`` in their parameters: ``hyp_da(which, a, b, [c,] x)``
sums the differentiated power series (``d/da (a)_k = (a)_k (psi(a + k) - psi(a))``);
``1F1`` for ``x < 0`` through Kummer's transformation ``1F1(a; b; x) =
e^x 1F1(b - a; b; -x)`` and ``2F1`` for ``z < 0`` through Pfaff's ``2F1(a, b; c; z) =
(1 - z)^-a 2F1(a, c - b; c; z / (z - 1))``, so the series runs on a positive
argument below 1/2 resp. without cancellation.  ``2F1`` needs ``|z| < 1``
(elsewhere NaN).  Second derivatives in the parameters are not implemented
(they raise saying so); the derivative of the parameter derivative in ``x``
is.
"""

import math

import numpy as onp
import scipy.special as _sp

from autograd.extend import MissingRuleError, defjvp, defvjp_fast, once_per_registry, primitive
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

__all__ = ["bessel_dv", "hyp1f1_dparam", "hyp2f1_dparam", "register"]

_PI = math.pi


# ----------------------------------------------------------------- Bessel functions

def _quad(f, lo, hi):
    from scipy.integrate import quad      # noqa: PLC0415  (not imported with scipy.special)
    value, _ = quad(f, lo, hi, limit=400, epsabs=0.0, epsrel=1e-13)
    return value


def _end(x, v):
    """A ``T`` past which ``e^(-x sinh t + |v| t)`` (and with cosh) is below 1e-320: the
    semi-infinite integrals stop there (``sinh`` itself would overflow further out)."""
    return math.asinh((800.0 + 60.0 * abs(v)) / x) + 1.0


def _semi_infinite(weight, v, x, k, m):
    """``d^k/dv^k int_0^inf e^(-x weight(t) - v t) dt = int (-t)^k e^(...) dt``."""
    return _quad(lambda t: (-t) ** k * math.exp(-x * weight(t) - v * t), 0.0, _end(x, v))


def _trig_part(m, v, x, weight, outer):
    """``d^m/dv^m [outer(v) S(v)]``, ``S(v) = int_0^inf e^(-x weight(t) - v t) dt`` and
    ``outer^(k)(v)`` given by ``outer(k, v)`` (Leibniz's rule)."""
    return sum(math.comb(m, k) * outer(k, v) * _semi_infinite(weight, v, x, m - k, m)
               for k in range(m + 1))


def _neg_sin_over_pi(k, v):
    """``d^k/dv^k (-sin(v pi) / pi)``."""
    return -_PI ** (k - 1) * math.sin(v * _PI + k * _PI / 2)


def _rgamma_and_derivative(z):
    """``(1/Gamma(z), d/dz 1/Gamma(z))``, finite at the poles of Gamma."""
    if z <= 0 and z == math.floor(z):
        n = int(-z)
        return 0.0, (-1.0) ** n * math.factorial(n)
    r = float(_sp.rgamma(z))
    return r, -float(_sp.digamma(z)) * r


def _series_dv(kind, v, x):
    """``d/dv`` of ``J_v(x)`` or ``I_v(x)`` by the differentiated power series
    ``sum_k s^k (x/2)^(2k+v) / (k! Gamma(k+v+1))`` (``s`` = -1 for J, +1 for I): no
    cancellation for I, little for J at the small ``x`` where it is used."""
    half, sign = x / 2, (-1.0 if kind == "j" else 1.0)
    log_half = math.log(half)
    total, k = 0.0, 0
    while True:
        r, dr = _rgamma_and_derivative(k + v + 1)
        power = sign ** k * half ** (2 * k + v) / math.factorial(k)
        term = power * (log_half * r + dr)
        total += term
        k += 1
        if k > 10 and abs(term) <= 1e-17 * abs(total) or k > 400:
            return total


def _dv_scalar(kind, m, v, x):
    if not (x > 0 and math.isfinite(x) and math.isfinite(v)):
        return math.nan
    if kind == "k" and v == 0 and m % 2:
        return 0.0      # K is even in the order
    if kind == "i" and v == 0 and m == 1:
        return -float(_sp.k0(x))    # (I_-v - I_v) = (2/pi) sin(v pi) K_v: exact, unlike a quadrature
    if kind in "ji" and m == 1 and x <= 12.0:
        return _series_dv(kind, v, x)
    if kind == "k":
        if m % 2 == 0:
            return _quad(lambda t: t ** m * math.exp(-x * math.cosh(t)) * math.cosh(v * t), 0, _end(x, v))
        return _quad(lambda t: t ** m * math.exp(-x * math.cosh(t)) * math.sinh(v * t), 0, _end(x, v))
    shift = m * _PI / 2
    if kind == "j":
        finite = _quad(lambda t: t ** m * math.cos(v * t - x * math.sin(t) + shift), 0, _PI) / _PI
        return finite + _trig_part(m, v, x, math.sinh, _neg_sin_over_pi)
    if kind == "i":
        # e^(x cos t) scaled by e^-x inside, restored outside, so large x does not overflow early
        finite = _quad(lambda t: t ** m * math.exp(x * (math.cos(t) - 1)) * math.cos(v * t + shift),
                       0, _PI) * math.exp(x) / _PI
        return finite + _trig_part(m, v, x, math.cosh, _neg_sin_over_pi)
    if kind == "y":
        finite = _quad(lambda t: (-t) ** m * math.sin(x * math.sin(t) - v * t + shift), 0, _PI) / _PI
        grow = _quad(lambda t: t ** m * math.exp(v * t - x * math.sinh(t)), 0, _end(x, v))

        def cos_over_pi(k, v):      # d^k/dv^k cos(v pi), the 1/pi applied below
            return _PI ** k * math.cos(v * _PI + k * _PI / 2)
        decay = _trig_part(m, v, x, math.sinh, cos_over_pi)
        return finite - (grow + decay) / _PI
    raise ValueError(f"unknown Bessel kind {kind!r}")


_FUNCTIONS = {"j": _sp.jv, "y": _sp.yv, "i": _sp.iv, "k": _sp.kv}


def _bessel_dv_raw(kind, m, v, x):
    if m == 0:
        return _FUNCTIONS[kind](v, x)
    v, x = onp.broadcast_arrays(onp.asarray(v, dtype=float), onp.asarray(x, dtype=float))
    out = onp.empty(v.shape)
    for idx in onp.ndindex(v.shape):
        out[idx] = _dv_scalar(kind, m, float(v[idx]), float(x[idx]))
    return out[()] if out.ndim == 0 else out


bessel_dv = primitive(_bessel_dv_raw)
bessel_dv.__doc__ = ("``d^m/dv^m`` of the Bessel function ``kind`` (``'j'``, ``'y'``, ``'i'``, "
                     "``'k'``) of order ``v`` at real ``x > 0`` (traced in ``v`` and ``x``).")

# d/dx F_v = a F_(v-1) + b F_(v+1)
_RECURRENCE = {"j": (0.5, -0.5), "y": (0.5, -0.5), "i": (0.5, 0.5), "k": (-0.5, -0.5)}


def _bessel_dx(kind, m, v, x):
    a, b = _RECURRENCE[kind]
    return a * bessel_dv(kind, m, v - 1, x) + b * bessel_dv(kind, m, v + 1, x)


# ----------------------------------------------------------------- hypergeometric parameters

_MAX_TERMS = 20000


def _series_dparam(coef_ratio, dlog_terms, x):
    """``sum_k t_k d_k`` with ``t_0 = 1``, ``t_(k+1) = t_k coef_ratio(k) x`` and
    ``d_k = dlog_terms(k)`` (vectorised; stops when the terms no longer matter)."""
    term = onp.ones_like(x)
    total = onp.zeros_like(x)
    for k in range(_MAX_TERMS):
        add = term * dlog_terms(k)
        total = total + add
        term = term * coef_ratio(k) * x
        if k > 5 and onp.all((onp.abs(term) * (1 + k) <= 1e-17 * onp.abs(total)) | (term == 0)):
            break
    return total


def _hyp1f1_series(which, a, b, x):
    """``d 1F1(a; b; x) / d(a or b)`` by the series (``x >= 0``)."""
    ratio = lambda k: (a + k) / ((b + k) * (k + 1))      # noqa: E731
    if which == 0:
        d = lambda k: _sp.digamma(a + k) - _sp.digamma(a)      # noqa: E731
    else:
        d = lambda k: -(_sp.digamma(b + k) - _sp.digamma(b))      # noqa: E731
    with onp.errstate(invalid="ignore", divide="ignore"):
        return _series_dparam(ratio, d, x)


def _hyp1f1_dparam_raw(which, a, b, x):
    a, b, x = onp.broadcast_arrays(*(onp.asarray(t, dtype=float) for t in (a, b, x)))
    out = onp.empty(a.shape)
    pos = x >= 0
    if pos.any():
        out[pos] = _hyp1f1_series(which, a[pos], b[pos], x[pos])
    neg = ~pos
    if neg.any():
        # 1F1(a; b; x) = e^x 1F1(b - a; b; -x): with F = 1F1(c; b; y), c = b - a, y = -x,
        # d/da = -e^x F_c, d/db = e^x (F_c + F_b)
        an, bn, xn = a[neg], b[neg], x[neg]
        fc = _hyp1f1_series(0, bn - an, bn, -xn)
        if which == 0:
            out[neg] = -onp.exp(xn) * fc
        else:
            out[neg] = onp.exp(xn) * (fc + _hyp1f1_series(1, bn - an, bn, -xn))
    return out[()] if out.ndim == 0 else out


def _hyp2f1_series(which, a, b, c, z):
    ratio = lambda k: (a + k) * (b + k) / ((c + k) * (k + 1))      # noqa: E731
    param = (a, b, c)[which]
    sign = -1.0 if which == 2 else 1.0
    d = lambda k: sign * (_sp.digamma(param + k) - _sp.digamma(param))      # noqa: E731
    with onp.errstate(invalid="ignore", divide="ignore"):
        return _series_dparam(ratio, d, z)


def _hyp2f1_dparam_raw(which, a, b, c, z):
    a, b, c, z = onp.broadcast_arrays(*(onp.asarray(t, dtype=float) for t in (a, b, c, z)))
    out = onp.full(a.shape, onp.nan)
    pos = (z >= 0) & (z < 1)
    if pos.any():
        out[pos] = _hyp2f1_series(which, a[pos], b[pos], c[pos], z[pos])
    neg = (z < 0) & (z > -1)
    if neg.any():
        # Pfaff: F(a, b; c; z) = (1 - z)^-a G(a, c - b; c; w), w = z / (z - 1) in (0, 1/2)
        an, bn, cn, zn = a[neg], b[neg], c[neg], z[neg]
        w = zn / (zn - 1)
        scale = (1 - zn) ** -an
        if which == 0:
            g = _sp.hyp2f1(an, cn - bn, cn, w)
            out[neg] = scale * (-onp.log1p(-zn) * g + _hyp2f1_series(0, an, cn - bn, cn, w))
        elif which == 1:
            out[neg] = -scale * _hyp2f1_series(1, an, cn - bn, cn, w)
        else:
            out[neg] = scale * (_hyp2f1_series(1, an, cn - bn, cn, w)
                                + _hyp2f1_series(2, an, cn - bn, cn, w))
    return out[()] if out.ndim == 0 else out


hyp1f1_dparam = primitive(_hyp1f1_dparam_raw)
hyp1f1_dparam.__doc__ = "``d 1F1(a; b; x) / da`` (``which = 0``) or ``/ db`` (``which = 1``)."
hyp2f1_dparam = primitive(_hyp2f1_dparam_raw)
hyp2f1_dparam.__doc__ = ("``d 2F1(a, b; c; z)`` by ``a``, ``b`` or ``c`` (``which`` = 0, 1, 2), "
                         "``|z| < 1``.")


def _refuse(name):
    def rule(*args, **kwargs):
        raise MissingRuleError(
            f"The second derivative of scipy.special.{name} with respect to its parameters is "
            "not implemented (autograd-scipy); first derivatives in the parameters, and their "
            "derivatives in the argument, are.")
    return rule


@once_per_registry
def register():
    """Register the rules of :func:`bessel_dv` and the parameter derivatives (idempotent)."""
    defvjp_fast(bessel_dv, None, None,
                lambda g, ans, kind, m, v, x: fit_cotangent(g * bessel_dv(kind, m + 1, v, x), v),
                lambda g, ans, kind, m, v, x: fit_cotangent(g * _bessel_dx(kind, m, v, x), x))
    defjvp(bessel_dv, None, None,
           lambda t, ans, kind, m, v, x: fit_tangent(t * bessel_dv(kind, m + 1, v, x), ans),
           lambda t, ans, kind, m, v, x: fit_tangent(t * _bessel_dx(kind, m, v, x), ans))

    # d/dx of d1F1/da: from d1F1/dx = a/b 1F1(a+1; b+1; x)
    from . import hyp1f1, hyp2f1      # noqa: PLC0415  (the traced functions of this package)

    def h1_dx(which, a, b, x):
        main = a / b * hyp1f1_dparam(which, a + 1, b + 1, x)
        return main + (hyp1f1(a + 1, b + 1, x) / b if which == 0
                       else -a / b ** 2 * hyp1f1(a + 1, b + 1, x))

    def h2_dx(which, a, b, c, z):
        f = hyp2f1(a + 1, b + 1, c + 1, z)
        main = a * b / c * hyp2f1_dparam(which, a + 1, b + 1, c + 1, z)
        extra = (b / c * f, a / c * f, -a * b / c ** 2 * f)[which]
        return main + extra

    refuse1, refuse2 = _refuse("hyp1f1"), _refuse("hyp2f1")
    defvjp_fast(hyp1f1_dparam, None, refuse1, refuse1,
                lambda g, ans, w, a, b, x: fit_cotangent(g * h1_dx(w, a, b, x), x))
    defjvp(hyp1f1_dparam, None, refuse1, refuse1,
           lambda t, ans, w, a, b, x: fit_tangent(t * h1_dx(w, a, b, x), ans))
    defvjp_fast(hyp2f1_dparam, None, refuse2, refuse2, refuse2,
                lambda g, ans, w, a, b, c, z: fit_cotangent(g * h2_dx(w, a, b, c, z), z))
    defjvp(hyp2f1_dparam, None, refuse2, refuse2, refuse2,
           lambda t, ans, w, a, b, c, z: fit_tangent(t * h2_dx(w, a, b, c, z), ans))
