"""Rules of the array-creation functions with differentiable inputs: ranges
(``linspace``, ``logspace``, ``geomspace``, ``arange``), the ``kaiser`` window
(in ``beta``) and filled arrays (``full``, ``full_like``, in ``fill_value``
only).

Ranges and ``kaiser`` come from :func:`~autograd_numpy.rules.def_composite`
(an equivalent written with primitives that have rules); ``full`` is a
broadcast of ``fill_value``, so its VJP sums the cotangent back.
"""

import numpy as onp

from autograd.extend import batch_only, defjvp, defvjp_fast, getval

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent, unbroadcast
from ..util import like, ndim_of, shape_of
from . import def_composite, raw

__all__ = ["register"]


# ----------------------------------------------------------------- ranges, kaiser

def _lin_frac(num, endpoint):
    div = (num - 1) if endpoint else num
    return onp.arange(num) / div if div > 0 else onp.zeros(num), div


def _linspace_impl(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0,
                   **kwargs):
    frac, div = _lin_frac(num, endpoint)
    nd = max(ndim_of(start), ndim_of(stop))
    frac = like(onp.reshape(frac, (-1,) + (1,) * nd), start, stop)
    y = start + frac * (stop - start)
    if axis != 0:
        y = anp.moveaxis(y, 0, axis)
    if dtype is not None:
        y = anp.astype_prim(y, dtype)
    if retstep:
        return y, (stop - start) / div if div > 0 else (stop - start) * onp.nan
    return y


def _logspace_impl(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    nd = max(ndim_of(start), ndim_of(stop), ndim_of(base))
    lift = lambda a: anp.reshape(a, (1,) * (nd - ndim_of(a)) + shape_of(a))   # noqa: E731
    y = _linspace_impl(lift(start), lift(stop), num, endpoint, axis=axis)
    y = anp.power(anp.expand_dims(lift(base), axis), y)
    return y if dtype is None else anp.astype_prim(y, dtype)


def _geomspace_impl(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    if onp.iscomplexobj(getval(start)) or onp.iscomplexobj(getval(stop)):
        y = anp.exp(_linspace_impl(anp.log(start), anp.log(stop), num, endpoint, axis=axis))
    else:
        sign = anp.sign(batch_only(start))       # inside vmap: per example
        y = anp.exp(_linspace_impl(anp.log(anp.abs(start)), anp.log(anp.abs(stop)), num,
                                   endpoint, axis=axis))
        if ndim_of(sign):
            sign = anp.expand_dims(sign, axis)
        y = sign * y
    return y if dtype is None else anp.astype_prim(y, dtype)


def _arange_impl(*args, dtype=None, **kwargs):
    raw = onp.arange(*[getval(a) for a in args], dtype=dtype)
    k = onp.arange(raw.shape[0])
    if len(args) == 1:
        return k + 0.0 * args[0]
    start, step = args[0], (args[2] if len(args) > 2 else 1.0)
    return start + step * k + 0.0 * args[1]


def _kaiser_impl(M, beta):
    if M == 1:
        return onp.ones(1) + 0.0 * beta
    alpha = (M - 1) / 2.0
    r = onp.sqrt(1.0 - ((onp.arange(M) - alpha) / alpha) ** 2)
    return anp.i0(beta * r) / anp.i0(beta)


# ----------------------------------------------------------------- full, full_like

def _fill_vjp(g, ans, *args, **kwargs):
    return fit_cotangent(unbroadcast(g, args[1]), args[1])


def _fill_jvp(t, ans, *args, **kwargs):
    return fit_tangent(t, ans)


def register():
    for name, impl in (("linspace", _linspace_impl), ("logspace", _logspace_impl),
                       ("geomspace", _geomspace_impl), ("arange", _arange_impl),
                       ("kaiser", _kaiser_impl)):
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
    for name in ("full", "full_like"):
        defvjp_fast(raw(name), None, _fill_vjp)
        defjvp(raw(name), None, _fill_jvp)
