"""Characteristic values of the Mathieu and spheroidal equations, and the refusals for
the functions of ``scipy.special`` whose derivatives SciPy gives no way to compute.

* ``mathieu_a(m, q)``, ``mathieu_b(m, q)``: eigenvalues ``a`` of
  ``y'' + (a - 2 q cos 2x) y = 0`` with the periodic eigenfunction ``ce_m`` (``se_m``).
  Differentiating the equation in ``q`` and projecting on ``y`` (the operator is
  self-adjoint on the period): ``da/dq = 2 int cos(2x) y^2 dx / int y^2 dx``, the
  integrals by the trapezoidal rule on a uniform grid of ``mathieu_cem``/``mathieu_sem``
  values (spectrally accurate for a smooth periodic integrand; the grid grows with
  ``m`` and ``sqrt|q|``).
* ``pro_cv(m, n, c)``, ``obl_cv(m, n, c)``: eigenvalues ``cv`` of the spheroidal
  equation with ``-+ c^2 x^2``: ``d cv / dc = +-2c int x^2 y^2 / int y^2`` over
  ``(-1, 1)``, ``y`` the angular function ``pro_ang1``/``obl_ang1``, by Gauss-Legendre
  quadrature.

These derivatives are first order only: a second derivative raises
:class:`~autograd.extend.MissingRuleError` (the eigenfunctions' own parameter
derivatives are not available).  The integer orders and degrees are refused by name.

Refused with a :class:`~autograd.extend.MissingRuleError` naming the argument:
``mathieu_even_coef``/``mathieu_odd_coef`` (Fourier coefficients: eigenvectors, in
``q``), and the ellipsoidal harmonics ``ellip_harm``, ``ellip_harm_2``,
``ellip_normal`` (SciPy exposes neither their derivative nor the Lame eigenvalue
that the differential equation would need).
"""

import math

import numpy as onp
import scipy.special as _raw

from autograd.extend import MissingRuleError, defjvp, defvjp_fast, primitive

from .. import special as sp
from ._closed_forms import _elementwise, no_derivative

__all__ = ["register", "mathieu_dq", "spheroidal_dc"]

_FUNCTIONS = {"a": _raw.mathieu_cem, "b": _raw.mathieu_sem}


def _mathieu_dq_one(kind, m, q):
    n = 64 + 8 * int(m) + 16 * int(math.ceil(math.sqrt(abs(q))))
    x = onp.arange(n) * (360.0 / n)
    y = _FUNCTIONS[kind](m, q, x)[0]
    return 2 * onp.sum(onp.cos(x * (math.pi / 90)) * y * y) / onp.sum(y * y)


def _spheroidal_dc_one(kind, m, n, c):
    fun, sign = (_raw.pro_ang1, 1.0) if kind == "pro" else (_raw.obl_ang1, -1.0)
    nodes, weights = onp.polynomial.legendre.leggauss(40 + 2 * int(n) + 4 * int(math.ceil(abs(c))))
    y = fun(m, n, c, nodes)[0]
    return sign * 2 * c * onp.sum(weights * nodes ** 2 * y * y) / onp.sum(weights * y * y)


def _elementwise_raw(one, kind, *args):
    arrays = onp.broadcast_arrays(*(onp.asarray(a, dtype=float) for a in args))
    out = onp.empty(arrays[0].shape)
    for idx in onp.ndindex(out.shape):
        vals = [a[idx] for a in arrays]
        out[idx] = one(kind, *vals) if onp.all(onp.isfinite(vals)) else onp.nan
    return out[()] if out.ndim == 0 else out


@primitive
def mathieu_dq(kind, m, q):
    """``d mathieu_a(m, q) / dq`` (``kind="a"``) or ``d mathieu_b / dq`` (``"b"``)."""
    return _elementwise_raw(_mathieu_dq_one, kind, m, q)


@primitive
def spheroidal_dc(kind, m, n, c):
    """``d pro_cv(m, n, c) / dc`` (``kind="pro"``) or ``d obl_cv / dc`` (``"obl"``)."""
    return _elementwise_raw(_spheroidal_dc_one, kind, m, n, c)


def _second_order(name, what):
    def rule(*args, **kwargs):
        raise MissingRuleError(
            f"The second derivative of scipy.special.{name} with respect to {what} is not "
            "implemented (autograd-scipy): only the first derivative of this characteristic "
            "value is available.")
    return rule


_M, _N = "the order m", "the degree n"

# fmt: off
ELEMENTWISE = [
    ("mathieu_a", _M, lambda g, ans, m, q: g * mathieu_dq("a", m, q)),
    ("mathieu_b", _M, lambda g, ans, m, q: g * mathieu_dq("b", m, q)),
    ("pro_cv",    _M, _N, lambda g, ans, m, n, c: g * spheroidal_dc("pro", m, n, c)),
    ("obl_cv",    _M, _N, lambda g, ans, m, n, c: g * spheroidal_dc("obl", m, n, c)),
]

# (name, what each positional argument is): every derivative refused by name
REFUSED = [
    ("mathieu_even_coef", ("the order m", "the parameter q")),
    ("mathieu_odd_coef",  ("the order m", "the parameter q")),
    ("ellip_harm",        ("the parameter h2", "the parameter k2", "the degree n",
                           "the order p", "the coordinate s", "signm", "signn")),
    ("ellip_harm_2",      ("the parameter h2", "the parameter k2", "the degree n",
                           "the order p", "the coordinate s")),
    ("ellip_normal",      ("the parameter h2", "the parameter k2", "the degree n",
                           "the order p")),
]
# fmt: on


def register():
    """Register these rules into the active registry."""
    for name, *partials in ELEMENTWISE:
        if hasattr(sp, name):
            _elementwise(getattr(sp, name).fun, name, partials)
    refuse_q = _second_order("mathieu_a/mathieu_b", "the parameter q")
    defvjp_fast(mathieu_dq, None, None, refuse_q)
    defjvp(mathieu_dq, None, None, refuse_q)
    refuse_c = _second_order("pro_cv/obl_cv", "the spheroidal parameter c")
    defvjp_fast(spheroidal_dc, None, None, None, refuse_c)
    defjvp(spheroidal_dc, None, None, None, refuse_c)
    for name, whats in REFUSED:
        if hasattr(sp, name):
            rules = [no_derivative(name, what) for what in whats]
            defvjp_fast(getattr(sp, name).fun, *rules)
            defjvp(getattr(sp, name).fun, *rules)
