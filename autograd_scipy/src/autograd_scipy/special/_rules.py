"""The ``scipy.special`` rule set: VJP and JVP rules of the special functions.

:func:`register` installs them into the active registry (the plugin manager
calls it the first time a rule lookup misses while ``scipy.special`` is
imported; a second call for the same registry does nothing).  Rules are keyed
by the raw SciPy callables and written with ``autograd.numpy`` and
``autograd.scipy.special`` functions only, so they run on boxes and give
derivatives of any order.

Conventions:

* The integer order of ``kn``/``yn``, the ``n`` of ``polygamma``/``expn``, the
  dimension of ``multigammaln``, the degree of an orthogonal polynomial and the
  parameters of the hypergeometric functions other than ``hyp1f1``/``hyp2f1``
  get no derivative: differentiating with respect to them raises
  :class:`~autograd.extend.MissingRuleError` saying so, never a silent zero.
* The real order of ``jv``, ``yv``, ``iv``, ``kv`` (and their scaled forms) at a
  real argument, and the parameters of ``hyp1f1`` and ``hyp2f1``, are
  differentiable through :mod:`autograd_scipy.special._orders`.
  (The incomplete gamma functions do have their ``a``-derivative, see
  :mod:`autograd_scipy.special._series`; the incomplete beta function its
  ``a``- and ``b``-derivatives, see :mod:`autograd_scipy.special._incomplete_beta`.)
* More functions (elliptic integrals, hypergeometric functions, orthogonal
  polynomials, the ``*dtr`` distribution functions, tuple-valued functions
  such as ``fresnel``) have their rules in :mod:`autograd_scipy.special._closed_forms`.
* ``gammasgn`` has derivative 0 wherever it is differentiable.
* ``zeta(x, q)`` and ``zetac`` are differentiable in ``x`` through the series
  of :mod:`autograd_scipy.special._series`.
* Functions returning a value and its derivative (Mathieu, spheroidal, parabolic
  cylinder, Riccati-Bessel ...): :mod:`autograd_scipy.special._value_and_derivative`;
  the Legendre functions with ``diff_n``: :mod:`autograd_scipy.special._legendre`;
  ``nctdtr``, ``ncfdtr``, ``smirnov`` and their inverses:
  :mod:`autograd_scipy.special._noncentral`; characteristic values and the refused
  Mathieu coefficients and ellipsoidal harmonics: :mod:`autograd_scipy.special._characteristic`.
"""

import math

import numpy as onp

from autograd.extend import (
    MissingRuleError, defjvp, defnondiff, defvjp_fast, getval, once_per_registry,
)
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.rules import def_binary, def_unary
from autograd_numpy.rules.reductions import reduced_axes
from autograd_numpy.util import ndim_of, shape_of

from .. import special as sp
from . import _inverses, _orders
from ._closed_forms import _at_ends, _poles, _safe, rgamma_d
from ._closed_forms import no_derivative as _no_derivative

__all__ = ["register"]

_SQRT_PI = math.sqrt(math.pi)
_SQRT_2PI = math.sqrt(2 * math.pi)
_DEG = math.pi / 180.0


# ----------------------------------------------------------------- gamma family

def _multigammaln_partial(g, ans, a, d):
    total = 0.0
    for j in range(int(getval(d))):
        total = total + sp.psi(a - 0.5 * j)
    return g * total


def _gammainc_dx(a, x):
    """d/dx of the regularized lower incomplete gamma function P(a, x)."""
    return anp.exp(sp.xlogy(a - 1, x) - x - sp.gammaln(a))


def _gammaincinv_dy(a, ans):
    return anp.exp(sp.gammaln(a) + ans - sp.xlogy(a - 1, ans))


# ----------------------------------------------------------------- Bessel functions

def _expn_partial(g, ans, n, x):
    n = getval(n)
    lower = sp.expn(onp.maximum(n - 1, 0), x)
    return g * anp.where(onp.asarray(n) >= 1, -lower, -ans * (1 + 1 / x))


def _order_partial(name, kind, scale=None):
    """``g * d/dv`` of the Bessel function ``name`` (of kind ``kind``; times ``scale(z)`` for
    the exponentially scaled ones) at a real argument, from :mod:`._orders`."""
    def partial(g, ans, v, z):
        if onp.iscomplexobj(getval(z)):
            raise MissingRuleError(
                f"The derivative of scipy.special.{name} with respect to the order v is "
                "implemented for a real argument only (autograd-scipy).")
        d = _orders.bessel_dv(kind, 1, v, z)
        return g * (d if scale is None else d * scale(z))
    return partial


def _bessel_deriv_partial(fun):
    """``d/dz fun(v, z, n) = fun(v, z, n + 1)`` for jvp, yvp, ivp, kvp, h1vp, h2vp."""
    def partial(g, ans, v, z, n=1):
        return g * fun(v, z, getval(n) + 1)
    return partial


# ----------------------------------------------------------------- cdfs

def _exprel_partial(g, ans, x):
    # (e^x - exprel(x)) / x cancels near 0: use the Taylor series there
    small = anp.abs(x) < 1e-2
    xs = anp.where(small, 1.0, x)
    series = 1 / 2 + x / 3 + x ** 2 / 8 + x ** 3 / 30 + x ** 4 / 144
    return g * anp.where(small, series, (anp.exp(xs) - ans) / xs)


def _boxcox_dlmbda(g, ans, x, lmbda, log=anp.log):
    """d/d lmbda of (x^lmbda - 1) / lmbda; (log x)^2 / 2 at lmbda = 0."""
    logx = log(x)
    zero = lmbda == 0
    ls = anp.where(zero, 1.0, lmbda)
    power = anp.exp(ls * logx)          # x^lmbda, 0 at x = 0 (lmbda > 0): so is x^lmbda log x
    return g * anp.where(zero, 0.5 * logx ** 2,
                         (_where_zero(onp.asarray(getval(power)) == 0, power * logx) - ans) / ls)


def _where_zero(mask, value):
    return anp.where(mask, 0.0, value)


def _trunc(n):
    """The integer order SciPy uses for ``kn``/``yn`` (a float order is truncated)."""
    return onp.trunc(getval(n))


def _poisson_pmf(k, m):
    """``m^k e^-m / k!`` at ``floor(k)`` (SciPy floors the count of ``pdtr``)."""
    k = onp.floor(getval(k))
    return anp.exp(sp.xlogy(k, m) - m - sp.gammaln(k + 1))


def _spence_d(x):
    """``spence'(x) = log(x) / (1 - x)``, ``-1`` at ``x = 1`` (a series in ``u = x - 1``
    near it: ``-log1p(u) / u``; ``log1p`` keeps the digits ``log`` loses there)."""
    u = x - 1
    small = onp.abs(getval(u)) < 1e-4
    us = _safe(small, u, 1.0)
    series = -1 + u / 2 - u ** 2 / 3 + u ** 3 / 4 - u ** 4 / 5
    return anp.where(small, series, -anp.log1p(us) / us)


def _poch_dz(ans, z, m):
    """``d/dz poch(z, m) = poch (psi(z + m) - psi(z))``; where ``z`` is a pole of Gamma
    (and ``z + m`` is not), ``poch = Gamma(z + m) / Gamma(z)`` is 0 but not flat: its
    derivative is ``Gamma(z + m)`` times that of ``1/Gamma`` (:func:`rgamma_d`)."""
    pole = _poles(z)[0] & ~_poles(z + m)[0]
    if not pole.any():
        return ans * (sp.psi(z + m) - sp.psi(z))
    zs = _safe(pole, z, 0.5)
    return anp.where(pole, sp.gamma(z + m) * rgamma_d(z), ans * (sp.psi(zs + m) - sp.psi(zs)))


# fmt: off
# Unary functions: partial(g, ans, x) = g * f'(x), used as the VJP and the JVP.
UNARY = [
    ("gamma",     lambda g, ans, x: g * ans * sp.psi(x)),
    ("gammaln",   lambda g, ans, x: g * sp.psi(x)),
    ("loggamma",  lambda g, ans, x: g * sp.psi(x)),
    ("rgamma",    lambda g, ans, x: g * rgamma_d(x)),
    ("psi",       lambda g, ans, x: g * sp.polygamma(1, x)),
    ("erf",       lambda g, ans, x: g * (2 / _SQRT_PI) * anp.exp(-x ** 2)),
    ("erfc",      lambda g, ans, x: -g * (2 / _SQRT_PI) * anp.exp(-x ** 2)),
    ("erfinv",    lambda g, ans, x: g * (_SQRT_PI / 2) * anp.exp(ans ** 2)),
    ("erfcinv",   lambda g, ans, x: -g * (_SQRT_PI / 2) * anp.exp(ans ** 2)),
    ("erfcx",     lambda g, ans, x: g * (2 * x * ans - 2 / _SQRT_PI)),
    ("erfi",      lambda g, ans, x: g * (2 / _SQRT_PI) * anp.exp(x ** 2)),
    ("dawsn",     lambda g, ans, x: g * (1 - 2 * x * ans)),
    ("logit",     lambda g, ans, x: g / (x * (1 - x))),
    ("expit",     lambda g, ans, x: g * ans * (1 - ans)),
    ("log_expit", lambda g, ans, x: g * sp.expit(-x)),
    ("ndtr",      lambda g, ans, x: g * anp.exp(-0.5 * x ** 2) / _SQRT_2PI),
    ("log_ndtr",  lambda g, ans, x: g * anp.exp(-0.5 * x ** 2 - ans) / _SQRT_2PI),
    ("ndtri",     lambda g, ans, x: g * _SQRT_2PI * anp.exp(0.5 * ans ** 2)),
    ("ndtri_exp", lambda g, ans, x: g * _SQRT_2PI * anp.exp(x + 0.5 * ans ** 2)),
    ("j0",        lambda g, ans, x: -g * sp.j1(x)),
    ("j1",        lambda g, ans, x: g * (sp.j0(x) - sp.jv(2, x)) / 2),
    ("y0",        lambda g, ans, x: -g * sp.y1(x)),
    ("y1",        lambda g, ans, x: g * (sp.y0(x) - sp.yv(2, x)) / 2),
    ("i0",        lambda g, ans, x: g * sp.i1(x)),
    ("i1",        lambda g, ans, x: g * (sp.i0(x) + sp.iv(2, x)) / 2),
    ("i0e",       lambda g, ans, x: g * (sp.i1e(x) - anp.sign(x) * ans)),
    ("i1e",       lambda g, ans, x: g * ((sp.i0e(x) + sp.ive(2, x)) / 2 - anp.sign(x) * ans)),
    ("k0",        lambda g, ans, x: -g * sp.k1(x)),
    ("k1",        lambda g, ans, x: -g * (sp.k0(x) + sp.kv(2, x)) / 2),
    ("k0e",       lambda g, ans, x: g * (ans - sp.k1e(x))),
    ("k1e",       lambda g, ans, x: g * (ans - (sp.k0e(x) + sp.kve(2, x)) / 2)),
    ("exp1",      lambda g, ans, x: -g * anp.exp(-x) / x),
    ("expi",      lambda g, ans, x: g * anp.exp(x) / x),
    ("entr",      lambda g, ans, x: -g * (anp.log(x) + 1)),
    ("exp10",     lambda g, ans, x: g * ans * math.log(10.0)),
    ("exp2",      lambda g, ans, x: g * ans * math.log(2.0)),
    ("expm1",     lambda g, ans, x: g * (ans + 1)),
    ("log1p",     lambda g, ans, x: g / (1 + x)),
    ("cosm1",     lambda g, ans, x: -g * anp.sin(x)),
    ("cbrt",      lambda g, ans, x: g / (3 * ans ** 2)),
    ("sindg",     lambda g, ans, x: g * _DEG * sp.cosdg(x)),
    ("cosdg",     lambda g, ans, x: -g * _DEG * sp.sindg(x)),
    ("tandg",     lambda g, ans, x: g * _DEG / sp.cosdg(x) ** 2),
    ("cotdg",     lambda g, ans, x: -g * _DEG / sp.sindg(x) ** 2),
    ("spence",    lambda g, ans, x: g * _spence_d(x)),
    ("softplus",  lambda g, ans, x: g * sp.expit(x)),
    ("exprel",    _exprel_partial),
]

# Binary broadcasting functions: (name, g * df/dx, g * df/dy); a string names
# an argument with no derivative (the rule raises).
BINARY = [
    ("beta",        lambda g, ans, a, b: g * ans * (sp.psi(a) - sp.psi(a + b)),
                    lambda g, ans, a, b: g * ans * (sp.psi(b) - sp.psi(a + b))),
    ("betaln",      lambda g, ans, a, b: g * (sp.psi(a) - sp.psi(a + b)),
                    lambda g, ans, a, b: g * (sp.psi(b) - sp.psi(a + b))),
    ("xlogy",       lambda g, ans, x, y: g * anp.log(y),
                    lambda g, ans, x, y: g * x / y),
    ("xlog1py",     lambda g, ans, x, y: g * anp.log1p(y),
                    lambda g, ans, x, y: g * x / (1 + y)),
    ("rel_entr",    lambda g, ans, x, y: g * (anp.log(x / y) + 1),
                    lambda g, ans, x, y: -g * x / y),
    ("kl_div",      lambda g, ans, x, y: g * anp.log(x / y),
                    lambda g, ans, x, y: g * (1 - x / y)),
    ("powm1",       lambda g, ans, x, y: g * y * x ** (y - 1),
                    lambda g, ans, x, y: g * sp.xlogy(ans + 1, x)),
    ("polygamma",   "the order n",
                    lambda g, ans, n, x: g * sp.polygamma(getval(n) + 1, x)),
    ("jv",          _order_partial("jv", "j"),
                    lambda g, ans, v, z: g * (sp.jv(v - 1, z) - sp.jv(v + 1, z)) / 2),
    ("yv",          _order_partial("yv", "y"),
                    lambda g, ans, v, z: g * (sp.yv(v - 1, z) - sp.yv(v + 1, z)) / 2),
    ("yn",          "the order n",
                    lambda g, ans, n, x: g * (sp.yv(_trunc(n) - 1, x) - sp.yv(_trunc(n) + 1, x)) / 2),
    ("iv",          _order_partial("iv", "i"),
                    lambda g, ans, v, z: g * (sp.iv(v - 1, z) + sp.iv(v + 1, z)) / 2),
    ("ive",         _order_partial("ive", "i", lambda z: anp.exp(-anp.abs(z))),
                    lambda g, ans, v, z: g * ((sp.ive(v - 1, z) + sp.ive(v + 1, z)) / 2
                                              - anp.sign(z) * ans)),
    ("kv",          _order_partial("kv", "k"),
                    lambda g, ans, v, z: -g * (sp.kv(v - 1, z) + sp.kv(v + 1, z)) / 2),
    ("kn",          "the order n",
                    lambda g, ans, n, x: -g * (sp.kv(_trunc(n) - 1, x) + sp.kv(_trunc(n) + 1, x)) / 2),
    ("kve",         _order_partial("kve", "k", anp.exp),
                    lambda g, ans, v, z: g * (ans - (sp.kve(v - 1, z) + sp.kve(v + 1, z)) / 2)),
    ("jve",         _order_partial("jve", "j"),
                    lambda g, ans, v, z: g * (sp.jve(v - 1, z) - sp.jve(v + 1, z)) / 2),
    ("yve",         _order_partial("yve", "y"),
                    lambda g, ans, v, z: g * (sp.yve(v - 1, z) - sp.yve(v + 1, z)) / 2),
    ("poch",        lambda g, ans, z, m: g * _poch_dz(ans, z, m),
                    lambda g, ans, z, m: g * ans * sp.psi(z + m)),
    ("boxcox",      lambda g, ans, x, lmbda: g * x ** (lmbda - 1),
                    _boxcox_dlmbda),
    ("boxcox1p",    lambda g, ans, x, lmbda: g * (1 + x) ** (lmbda - 1),
                    lambda g, ans, x, lmbda: _boxcox_dlmbda(g, ans, x, lmbda, anp.log1p)),
    ("expn",        "the order n",
                    _expn_partial),
    ("gammainc",    lambda g, ans, a, x: g * _gammainc_da(a, x),
                    lambda g, ans, a, x: g * _gammainc_dx(a, x)),
    ("gammaincc",   lambda g, ans, a, x: -g * _gammainc_da(a, x),
                    lambda g, ans, a, x: -g * _gammainc_dx(a, x)),
    ("gammaincinv", lambda g, ans, a, y: -g * _at_ends(y, lambda: _gammainc_da(a, ans)
                                                       * _gammaincinv_dy(a, ans)),
                    lambda g, ans, a, y: g * _gammaincinv_dy(a, ans)),
    ("gammainccinv", lambda g, ans, a, y: -g * _at_ends(y, lambda: _gammainc_da(a, ans)
                                                        * _gammaincinv_dy(a, ans)),
                    lambda g, ans, a, y: -g * _gammaincinv_dy(a, ans)),
    ("chdtr",       lambda g, ans, v, x: g * _gammainc_da(v / 2, x / 2) / 2,
                    lambda g, ans, v, x: g * _gammainc_dx(v / 2, x / 2) / 2),
    ("chdtrc",      lambda g, ans, v, x: -g * _gammainc_da(v / 2, x / 2) / 2,
                    lambda g, ans, v, x: -g * _gammainc_dx(v / 2, x / 2) / 2),
    ("pdtr",        "the count k",
                    lambda g, ans, k, m: -g * _poisson_pmf(k, m)),
    ("pdtrc",       "the count k",
                    lambda g, ans, k, m: g * _poisson_pmf(k, m)),
]
# fmt: on


# ----------------------------------------------------------------- reductions

def _lse_weights(ans, a, axis, b, keepdims, return_sign):
    """``(w, e, expand)`` for ``logsumexp``: ``w = sign * b * exp(a - lse)`` (d lse / d a),
    ``e = sign * exp(a - lse)`` (d lse / d b) and ``expand(y)`` to put the
    reduced axes back into ``y`` (shaped like the output)."""
    lse, sign = (ans[0], ans[1]) if return_sign else (ans, 1.0)
    shape = onp.broadcast_shapes(shape_of(a), shape_of(b))
    axes = reduced_axes(len(shape), axis)
    kept = tuple(1 if i in axes else n for i, n in enumerate(shape))

    def expand(y):
        return y if keepdims or ndim_of(y) == 0 else anp.reshape(y, kept)

    e = expand(sign) * anp.exp(a - expand(lse))
    w = e if b is None else e * b
    return w, e, expand


def _lse_g(g, return_sign):
    return g[0] if return_sign else g


def _lse_vjp_a(g, ans, a, axis=None, b=None, keepdims=False, return_sign=False):
    w, _, expand = _lse_weights(ans, a, axis, b, keepdims, return_sign)
    return fit_cotangent(expand(_lse_g(g, return_sign)) * w, a)


def _lse_vjp_b(g, ans, a, axis=None, b=None, keepdims=False, return_sign=False):
    _, e, expand = _lse_weights(ans, a, axis, b, keepdims, return_sign)
    return fit_cotangent(expand(_lse_g(g, return_sign)) * e, b)


def _lse_jvp(argnum):
    def jvp(t, ans, a, axis=None, b=None, keepdims=False, return_sign=False):
        w, e, _ = _lse_weights(ans, a, axis, b, keepdims, return_sign)
        out = anp.sum(t * (w if argnum == 0 else e), axis=axis, keepdims=keepdims)
        if return_sign:
            return (fit_tangent(out, ans[0]), anp.zeros_like(ans[1]))
        return fit_tangent(out, ans)
    return jvp


def _softmax_vjp(g, ans, x, axis=None):
    return ans * (g - anp.sum(g * ans, axis=axis, keepdims=True))


def _log_softmax_vjp(g, ans, x, axis=None):
    return g - anp.exp(ans) * anp.sum(g, axis=axis, keepdims=True)


def _log_softmax_jvp(t, ans, x, axis=None):
    return t - anp.sum(anp.exp(ans) * t, axis=axis, keepdims=True)


def _zeta_ds(x, q):
    from ._series import zeta_ds
    return zeta_ds(x, 1.0 if q is None else q)


def _zeta_dx(g, ans, x, q=None, out=None):
    return fit_cotangent(g * _zeta_ds(x, q), x)


def _zeta_dq(g, ans, x, q=None, out=None):
    return fit_cotangent(-g * x * sp.zeta(x + 1, q), q)


# ----------------------------------------------------------------- the a-derivative of P(a, x)

def _gammainc_da(a, x):
    """d/da of the regularized lower incomplete gamma function (a series primitive)."""
    from ._series import gammainc_da
    return gammainc_da(a, x)


# ----------------------------------------------------------------- registration

def _raw(name):
    return getattr(sp, name).fun


def _rules(*partials, name):
    out = []
    for p in partials:
        out.append(_no_derivative(name, p) if isinstance(p, str) else p)
    return out


@once_per_registry
def register():
    """Register the scipy.special rules into the active registry (idempotent)."""
    for name, partial in UNARY:
        if hasattr(sp, name):
            def_unary(_raw(name), partial)
    for name, px, py in BINARY:
        if hasattr(sp, name):
            def_binary(_raw(name), *_rules(px, py, name=name))

    defvjp_fast(sp.gammasgn, None)
    defjvp(sp.gammasgn, None)
    defvjp_fast(sp.multigammaln, _multigammaln_partial, _no_derivative("multigammaln", "d"))
    defjvp(sp.multigammaln, _multigammaln_partial, _no_derivative("multigammaln", "d"))
    for fun in (sp.jvp, sp.yvp, sp.ivp, sp.kvp, sp.h1vp, sp.h2vp):
        name = fun.__name__
        partial = _bessel_deriv_partial(fun)
        defvjp_fast(fun, _no_derivative(name, "the order v"),
                    lambda g, ans, v, z, n=1, _p=partial: fit_cotangent(_p(g, ans, v, z, n), z))
        defjvp(fun, _no_derivative(name, "the order v"),
               lambda t, ans, v, z, n=1, _p=partial: fit_tangent(_p(t, ans, v, z, n), ans))
    defvjp_fast(sp.zeta, _zeta_dx, _zeta_dq)
    defjvp(sp.zeta, lambda t, ans, x, q=None, out=None: fit_tangent(t * _zeta_ds(x, q), ans),
           lambda t, ans, x, q=None, out=None: fit_tangent(-t * x * sp.zeta(x + 1, q), ans))
    def_unary(sp.zetac, lambda g, ans, x: g * _zeta_ds(x, 1.0))

    defvjp_fast(sp.logsumexp.__wrapped__, _lse_vjp_a, None, _lse_vjp_b)
    defjvp(sp.logsumexp.__wrapped__, _lse_jvp(0), None, _lse_jvp(2))
    defvjp_fast(sp.softmax, _softmax_vjp)
    defjvp(sp.softmax, _softmax_vjp)
    defvjp_fast(sp.log_softmax, _log_softmax_vjp)
    defjvp(sp.log_softmax, _log_softmax_jvp)

    from ._series import register as register_series
    register_series()
    from ._incomplete_beta import register as register_beta
    register_beta()
    _orders.register()
    _inverses.register()
    from ._value_and_derivative import register as register_pairs
    register_pairs()
    from ._legendre import register as register_legendre
    register_legendre()
    from ._noncentral import register as register_noncentral
    register_noncentral()
    from ._characteristic import register as register_characteristic
    register_characteristic()
    from ._closed_forms import register as register_extra
    register_extra()
    for raw in sp.constant_functions():
        defnondiff(raw)
