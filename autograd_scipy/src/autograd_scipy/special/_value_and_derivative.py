"""Rules of the ``scipy.special`` functions that return a value together with its derivative.

Mathieu, spheroidal, parabolic cylinder, Riccati-Bessel, Legendre ``Q`` and
modified Fresnel functions (and their ``*_seq`` sequences) return ``(y, y')`` in
their continuous argument ``x``.  The derivative of ``y`` is SciPy's ``y'``; the
derivative of ``y'`` comes from the function's defining differential equation,
written with the outputs and traced functions, so derivatives of any order follow.
Their characteristic parameters (orders, degrees, ``q``, ``c``, characteristic
values) have no derivative here: differentiating with respect to one raises
:class:`~autograd.extend.MissingRuleError` naming it.

Conventions checked against SciPy 1.17:

* ``mathieu_cem``/``mathieu_sem`` take ``x`` in degrees but return the derivative
  with respect to ``x`` in radians: ``d y / d x = y' * pi / 180``.
* The sequences (``pbdv_seq``, ``pbvv_seq``, ``lmbda``) hold the orders
  ``v - floor(v) + k``; ``riccati_*``, ``lqn``, ``lqmn`` the orders (degrees) ``0..n``.
  For a negative order SciPy's ``pbdv_seq``/``pbvv_seq``/``pbdn_seq`` do not
  return that sequence: those calls are refused; so is ``pbdn_seq`` at a non-real
  ``z`` (SciPy's values there are not ``D_n(z)``).
* ``modfresnelp``/``modfresnelm`` at a negative ``x`` return values that are not the
  documented integrals (their imaginary parts are wrong): the rules refuse there.
* ``pro_rad2``/``obl_rad2``: SciPy's value and derivative disagree for some
  small ``x`` (its own function is inaccurate there); the rules use SciPy's
  derivative output and the differential equation, exact for the true function.
"""

import math

import numpy as onp
import scipy.special as _raw

from autograd.extend import MissingRuleError, getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._closed_forms import _multi

__all__ = ["PAIRS", "register"]

_DEG = math.pi / 180.0
_SQRT_PI = math.sqrt(math.pi)


def _mathieu_angular(char):
    """``(ce, ce')`` of ``x`` in degrees: ``y'' = -(a - 2 q cos 2x) y`` in radians."""
    def derivs(ans, m, q, x):
        y, yp = ans
        a = char(getval(m), getval(q))
        return [yp * _DEG, -(a - 2 * getval(q) * anp.cos(2 * _DEG * x)) * y * _DEG]
    return derivs


def _mathieu_radial(char):
    """Modified Mathieu functions: ``y'' = (a - 2 q cosh 2x) y``."""
    def derivs(ans, m, q, x):
        y, yp = ans
        a = char(getval(m), getval(q))
        return [yp, (a - 2 * getval(q) * anp.cosh(2 * x)) * y]
    return derivs


def _spheroidal(oblate, radial, with_cv):
    """Spheroidal wave functions.  Prolate (both kinds of argument):
    ``(1 - x^2) y'' - 2x y' + (cv - c^2 x^2 - m^2 / (1 - x^2)) y = 0``; oblate angular
    the same with ``-c^2``; oblate radial (``x -> i x``, ``c -> -i c``):
    ``(x^2 + 1) y'' + 2x y' - (cv - c^2 x^2 - m^2 / (x^2 + 1)) y = 0``."""
    cv_fun = _raw.obl_cv if oblate else _raw.pro_cv

    def derivs(ans, m, n, c, *rest):
        y, yp = ans
        m, c = getval(m), getval(c)
        cv = getval(rest[0]) if with_cv else cv_fun(m, getval(n), c)
        x = rest[-1]
        if oblate and radial:
            s = x ** 2 + 1
            return [yp, (-2 * x * yp + (cv - c ** 2 * x ** 2 - m ** 2 / s) * y) / s]
        c2 = -c ** 2 if oblate else c ** 2
        s = 1 - x ** 2
        return [yp, (2 * x * yp - (cv - c2 * x ** 2 - m ** 2 / s) * y) / s]
    return derivs


def _pbwa_derivs(ans, a, x):
    """``W(a, x)``: ``w'' = (a - x^2 / 4) w``."""
    w, wp = ans
    return [wp, (getval(a) - x ** 2 / 4) * w]


def _pbvv_derivs(ans, v, x):
    y, yp = ans
    return [yp, (x ** 2 / 4 - getval(v) - 0.5) * y]


def _column(values, x):
    """``values`` (a 1-d constant) shaped to broadcast against outputs ``(k,) + shape(x)``."""
    return onp.reshape(values, (-1,) + (1,) * onp.ndim(getval(x)))


def _seq_orders(name, v, count):
    v = float(getval(v))
    if v < 0:
        raise MissingRuleError(
            f"scipy.special.{name} with a negative order v does not return the sequence of "
            "orders it documents; its derivative is not implemented (autograd-scipy).")
    return v - math.floor(v) + onp.arange(count)


def _pb_seq(name):
    """``pbdv_seq``/``pbvv_seq``: ``y_k'' = (x^2 / 4 - v_k - 1/2) y_k``."""
    def derivs(ans, v, x):
        y, yp = ans
        vk = _seq_orders(name, v, len(y))
        return [yp, (x ** 2 / 4 - vk - 0.5) * y]
    return derivs


def _pbdn_seq_derivs(ans, n, z):
    if onp.iscomplexobj(getval(z)) and onp.any(onp.imag(getval(z)) != 0):
        raise MissingRuleError(
            "scipy.special.pbdn_seq at a non-real z does not return D_n(z) (SciPy 1.17: "
            "D_0 is not exp(-z^2 / 4) there): its derivative is implemented for real z "
            "only (autograd-scipy).")
    y, yp = ans
    _seq_orders("pbdn_seq", n, len(y))
    k = onp.arange(len(y))
    return [yp, (z ** 2 / 4 - k - 0.5) * y]


def _lmbda_derivs(ans, v, x):
    """Lambda functions ``Gamma(v + 1) (2/x)^v J_v(x)``: ``y'' = -(2v + 1) y' / x - y``."""
    y, yp = ans
    vk = _seq_orders("lmbda", v, len(y))
    return [yp, -(2 * vk + 1) * yp / x - y]


def _riccati_derivs(ans, n, x):
    """Riccati-Bessel ``x j_k(x)``, ``x y_k(x)``: ``y'' = (k (k + 1) / x^2 - 1) y``."""
    y, yp = ans
    k = onp.arange(len(y))
    return [yp, (k * (k + 1) / x ** 2 - 1) * y]


def _lqn_derivs(ans, n, z):
    """Legendre ``Q_k``: ``(1 - z^2) y'' = 2 z y' - k (k + 1) y``."""
    y, yp = ans
    k = _column(onp.arange(len(y)), z)
    return [yp, (2 * z * yp - k * (k + 1) * y) / (1 - z ** 2)]


def _lqmn_derivs(ans, m, n, z):
    """Associated Legendre ``Q_k^j``: ``(1 - z^2) y'' = 2 z y' - (k (k + 1) - j^2 / (1 - z^2)) y``."""
    y, yp = ans
    extra = (1,) * onp.ndim(getval(z))
    j = onp.arange(y.shape[0]).reshape((-1, 1) + extra)
    k = onp.arange(y.shape[1]).reshape((1, -1) + extra)
    s = 1 - z ** 2
    return [yp, (2 * z * yp - (k * (k + 1) - j ** 2 / s) * y) / s]


def _modfresnel(sign):
    """``F(x) = int_x^inf exp(sign i t^2) dt``, ``K = exp(-sign i (x^2 + pi/4)) F / sqrt(pi)``."""
    def derivs(ans, x):
        if onp.any(onp.asarray(getval(x)) < 0):
            raise MissingRuleError(
                f"scipy.special.modfresnel{'p' if sign > 0 else 'm'} at a negative x does not "
                "return the integral it documents (SciPy 1.17): its derivative there is not "
                "implemented (autograd-scipy).")
        f, k = ans
        phase = complex(math.cos(math.pi / 4), -sign * math.sin(math.pi / 4)) / _SQRT_PI
        return [-anp.exp(sign * 1j * x ** 2), -sign * 2j * x * k - phase]
    return derivs


_M, _Q = "the order m", "the parameter q"
_SPH = ("the order m", "the degree n", "the spheroidal parameter c")
_CV = _SPH + ("the characteristic value cv",)

# fmt: off
# (name, derivatives(ans, *args) of each output in the last argument, refused arguments before it)
PAIRS = [
    ("mathieu_cem",     _mathieu_angular(_raw.mathieu_a), (_M, _Q)),
    ("mathieu_sem",     _mathieu_angular(_raw.mathieu_b), (_M, _Q)),
    ("mathieu_modcem1", _mathieu_radial(_raw.mathieu_a),  (_M, _Q)),
    ("mathieu_modcem2", _mathieu_radial(_raw.mathieu_a),  (_M, _Q)),
    ("mathieu_modsem1", _mathieu_radial(_raw.mathieu_b),  (_M, _Q)),
    ("mathieu_modsem2", _mathieu_radial(_raw.mathieu_b),  (_M, _Q)),
    ("pro_ang1",        _spheroidal(False, False, False), _SPH),
    ("pro_rad1",        _spheroidal(False, True, False),  _SPH),
    ("pro_rad2",        _spheroidal(False, True, False),  _SPH),
    ("obl_ang1",        _spheroidal(True, False, False),  _SPH),
    ("obl_rad1",        _spheroidal(True, True, False),   _SPH),
    ("obl_rad2",        _spheroidal(True, True, False),   _SPH),
    ("pro_ang1_cv",     _spheroidal(False, False, True),  _CV),
    ("pro_rad1_cv",     _spheroidal(False, True, True),   _CV),
    ("pro_rad2_cv",     _spheroidal(False, True, True),   _CV),
    ("obl_ang1_cv",     _spheroidal(True, False, True),   _CV),
    ("obl_rad1_cv",     _spheroidal(True, True, True),    _CV),
    ("obl_rad2_cv",     _spheroidal(True, True, True),    _CV),
    ("pbwa",            _pbwa_derivs,                     ("the parameter a",)),
    ("pbvv",            _pbvv_derivs,                     ("the order v",)),
    ("pbdv_seq",        _pb_seq("pbdv_seq"),              ("the order v",)),
    ("pbvv_seq",        _pb_seq("pbvv_seq"),              ("the order v",)),
    ("pbdn_seq",        _pbdn_seq_derivs,                 ("the order n",)),
    ("lmbda",           _lmbda_derivs,                    ("the order v",)),
    ("riccati_jn",      _riccati_derivs,                  ("the order n",)),
    ("riccati_yn",      _riccati_derivs,                  ("the order n",)),
    ("lqn",             _lqn_derivs,                      ("the degree n",)),
    ("lqmn",            _lqmn_derivs,                     ("the order m", "the degree n")),
    ("modfresnelp",     _modfresnel(1),                   ()),
    ("modfresnelm",     _modfresnel(-1),                  ()),
]
# fmt: on


def register():
    """Register the rules of ``PAIRS`` into the active registry."""
    for name, derivs, refused in PAIRS:
        if hasattr(sp, name):
            _multi(getattr(sp, name).fun, name, derivs, refused)
