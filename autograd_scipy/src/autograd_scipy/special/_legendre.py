"""Rules of SciPy's Legendre functions with ``diff_n`` (``legendre_p``, ``assoc_legendre_p``,
``sph_legendre_p``, ``sph_harm_y`` and their ``*_all`` forms).

A call with ``diff_n=k`` returns the function and its first ``k`` derivatives in the
continuous argument (``z``, or the polar angle ``theta``), stacked on axis 0
(``sph_harm_y``: a tuple ``(Y, jac, hess)`` whose last axes are ``(theta, phi)``).
The derivative of output ``i < k`` is output ``i + 1``; that of the last one is
output ``k + 1`` of the same function called (traced) with ``diff_n=k + 1`` while
SciPy allows it (``diff_n <= 2``), and for ``diff_n=2`` the third derivative from the
Legendre equation

* in ``z``: ``(1 - z^2) y'' - 2 z y' + (L - m^2 / (1 - z^2)) y = 0``, ``L = n (n + 1)``
  (both branch cuts, normalized or not);
* in ``theta``: ``y'' + cot(theta) y' + (L - m^2 / sin^2(theta)) y = 0``;

so every rule differentiates again.  ``sph_harm_y`` is ``P(theta) exp(i m phi)``:
its ``phi``-derivative multiplies each output by ``i m``.  The degree ``n`` and
order ``m`` are integers (SciPy rejects floats): their rules raise
:class:`~autograd.extend.MissingRuleError` naming them.
"""

import numpy as onp

from autograd.extend import defjvp, defvjp_fast, getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from .. import special as sp
from ._closed_forms import no_derivative

__all__ = ["register"]


def _third_z(y, y1, y2, L, m2, z):
    """``y'''`` from the associated Legendre equation in ``z`` (differentiated once)."""
    a = 1 - z ** 2
    return (4 * z * y2 + (2 - L + m2 / a) * y1 + 2 * z * m2 * y / a ** 2) / a


def _third_theta(y, y1, y2, L, m2, t):
    """``y'''`` from the Legendre equation in ``theta`` (differentiated once)."""
    s, c = anp.sin(t), anp.cos(t)
    return (-c / s * y2 + y1 / s ** 2 - (L - m2 / s ** 2) * y1 - 2 * m2 * c / s ** 3 * y)


def _degrees_orders(name, args, y):
    """``(L, m^2)`` broadcasting against one output ``y`` (axis 0 of the stack removed)."""
    n = onp.asarray(getval(args[0]), dtype=float)
    plain = name in ("legendre_p", "legendre_p_all")     # no order m
    m = onp.zeros(()) if plain else onp.asarray(getval(args[1]), dtype=float)
    if not name.endswith("_all"):
        return n * (n + 1), m ** 2
    shape = onp.shape(getval(y))
    rest = (1,) * (len(shape) - 1)
    deg = onp.arange(shape[0], dtype=float).reshape((-1,) + rest)
    if name == "legendre_p_all":
        return deg * (deg + 1), onp.zeros(())
    width = shape[1]
    mmax = (width - 1) // 2
    j = onp.arange(width)
    orders = onp.where(j <= mmax, j, j - width).astype(float)
    return deg * (deg + 1), orders.reshape((1, -1) + rest[1:]) ** 2


# ----------------------------------------------------------------- stacked outputs (z or theta)

def _stacked_derivative(name, third):
    """``d ans / d x`` for a function returning ``[y, y', ..., y^(k)]`` on axis 0."""
    fun = getattr(sp, name)

    def derivative(ans, args, kw):
        k = int(kw.get("diff_n", 0))
        x = args[-1]
        if k < 2:
            top = fun(*args, **{**kw, "diff_n": k + 1})[k + 1]
        else:
            L, m2 = _degrees_orders(name, args, ans[0])
            top = third(ans[0], ans[1], ans[2], L, m2, x)
        return anp.concatenate([ans[1:], anp.expand_dims(top, 0)], axis=0)
    return derivative


def _def_stacked(name, third, refused):
    raw = getattr(sp, name).fun
    deriv = _stacked_derivative(name, third)

    def vjp(g, ans, *args, **kw):
        return fit_cotangent(anp.sum(g * deriv(ans, args, kw), axis=0), args[-1])

    def jvp(t, ans, *args, **kw):
        return fit_tangent(t * deriv(ans, args, kw), ans)

    rules = [no_derivative(name, what) for what in refused]
    defvjp_fast(raw, *rules, vjp)
    defjvp(raw, *rules, jvp)


# ----------------------------------------------------------------- sph_harm_y: (Y, jac, hess)

def _is_tuple(ans):
    return isinstance(getval(ans), (tuple, list))      # a traced tuple is a box of one


def _as_tuple(ans):
    return tuple(ans[i] for i in range(len(getval(ans)))) if _is_tuple(ans) else (ans,)


def _orders_for(name, args, y):
    """``m`` broadcasting against ``Y`` (``sph_harm_y_all``: one order per column)."""
    if name == "sph_harm_y":
        return onp.asarray(getval(args[1]), dtype=float)
    shape = onp.shape(getval(y))
    width = shape[1]
    j = onp.arange(width)
    orders = onp.where(j <= (width - 1) // 2, j, j - width).astype(float)
    return orders.reshape((1, -1) + (1,) * (len(shape) - 2))


def _harm_theta(name):
    """Derivatives in ``theta`` of ``(Y[, jac[, hess]])``."""
    fun = getattr(sp, name)

    def derivative(ans, args, kw):
        k = int(kw.get("diff_n", 0))
        outs = _as_tuple(ans)
        y = outs[0]
        im = 1j * _orders_for(name, args, y)
        if k < 2:
            more = fun(*args, **{**kw, "diff_n": k + 1})
            y1 = more[1][..., 0]
            if k == 0:
                return (y1,)
            y2 = more[2][..., 0, 0]
            return (y1, anp.stack([y2, im * y1], axis=-1))
        y1, y2 = outs[1][..., 0], outs[2][..., 0, 0]
        L, _ = _degrees_orders("sph_legendre_p" + ("_all" if name.endswith("_all") else ""),
                               args, y)
        m2 = -im ** 2
        y3 = _third_theta(y, y1, y2, L, m2.real, args[2])
        hess = anp.stack([anp.stack([y3, im * y2], axis=-1),
                          anp.stack([im * y2, im * im * y1], axis=-1)], axis=-2)
        return (y1, anp.stack([y2, im * y1], axis=-1), hess)
    return derivative


def _harm_phi(name):
    def derivative(ans, args, kw):
        outs = _as_tuple(ans)
        im = 1j * _orders_for(name, args, outs[0])
        return tuple(o * (im if i == 0 else im.reshape(im.shape + (1,) * i))
                     for i, o in enumerate(outs))
    return derivative


def _def_harm(name):
    raw = getattr(sp, name).fun
    derivs = {2: _harm_theta(name), 3: _harm_phi(name)}

    def vjp_rule(argnum):
        def vjp(g, ans, *args, **kw):
            ds = derivs[argnum](ans, args, kw)
            total = 0.0
            for i, (gi, d) in enumerate(zip(_as_tuple(g), ds)):
                if gi is not None:     # output i has i trailing (theta, phi) axes
                    total = total + anp.sum(gi * d, axis=tuple(range(-i, 0))) if i else \
                        total + gi * d
            return fit_cotangent(total, args[argnum])
        return vjp

    def jvp_rule(argnum):
        def jvp(t, ans, *args, **kw):
            ds = derivs[argnum](ans, args, kw)
            if not _is_tuple(ans):
                return fit_tangent(t * ds[0], ans)
            out = []
            for i, (d, a) in enumerate(zip(ds, _as_tuple(ans))):
                ti = anp.reshape(t, onp.shape(getval(t)) + (1,) * i) if onp.ndim(getval(t)) else t
                out.append(fit_tangent(ti * d, a))
            return tuple(out)
        return jvp

    refuse = [no_derivative(name, "the degree n"), no_derivative(name, "the order m")]
    defvjp_fast(raw, *refuse, vjp_rule(2), vjp_rule(3))
    defjvp(raw, *refuse, jvp_rule(2), jvp_rule(3))


_N, _M = "the degree n", "the order m"

# fmt: off
# (name, third derivative from the differential equation, refused arguments before x)
STACKED = [
    ("legendre_p",           _third_z,     (_N,)),
    ("legendre_p_all",       _third_z,     (_N,)),
    ("assoc_legendre_p",     _third_z,     (_N, _M)),
    ("assoc_legendre_p_all", _third_z,     (_N, _M)),
    ("sph_legendre_p",       _third_theta, (_N, _M)),
    ("sph_legendre_p_all",   _third_theta, (_N, _M)),
]
# fmt: on


def register():
    """Register the Legendre rules into the active registry."""
    for name, third, refused in STACKED:
        if hasattr(sp, name):
            _def_stacked(name, third, refused)
    for name in ("sph_harm_y", "sph_harm_y_all"):
        if hasattr(sp, name):
            _def_harm(name)
