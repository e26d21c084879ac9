"""Rules of the polynomial functions: ``polyval``, ``polyadd``, ``polysub``,
``polymul``, ``polydiv``, ``polyder``, ``polyint``, ``poly``, ``vander`` and
``polyfit``.

All but ``polyfit`` come from :func:`~autograd_numpy.rules.def_composite`: a
short equivalent written with primitives that have rules (coefficient
arithmetic, ``convolve``), which the VJP and JVP differentiate.  ``polyfit``
is a linear map of ``y`` (NumPy's scaled least squares, computed once per rule
call) and is differentiable in ``y`` only.
"""

import numpy as onp

from autograd.extend import (
    BatchingError, batch_only, defjvp, defvjp_fast, getval, stacked_value,
)

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent
from ..util import like, ndim_of, shape_of
from . import def_composite, raw, zeros_1d

__all__ = ["register"]


# ----------------------------------------------------------------- polyval, polyadd, ..., poly, vander

def _polyval_impl(p, x):
    y = anp.zeros_like(batch_only(x)) + 0 * x
    for i in range(shape_of(p)[0]):
        y = y * x + p[i]
    return y


def _leading_zeros(a, n):
    return anp.concatenate([zeros_1d(a, n), a]) if n > 0 else a


def _polyadd_impl(a1, a2):
    a1, a2 = anp.atleast_1d(a1), anp.atleast_1d(a2)
    d = shape_of(a2)[0] - shape_of(a1)[0]
    return _leading_zeros(a1, d) + _leading_zeros(a2, -d)


def _polysub_impl(a1, a2):
    a1, a2 = anp.atleast_1d(a1), anp.atleast_1d(a2)
    d = shape_of(a2)[0] - shape_of(a1)[0]
    return _leading_zeros(a1, d) - _leading_zeros(a2, -d)


def _polymul_impl(a1, a2):
    return anp.convolve(anp.atleast_1d(a1), anp.atleast_1d(a2))


def _polyder_impl(p, m=1):
    for _ in range(m):
        n = shape_of(p)[0] - 1
        p = p[:-1] * like(onp.arange(n, 0, -1), p)
    return p


def _polyint_impl(p, m=1, k=None):
    if k is None:
        k = [0.0] * m
    elif ndim_of(k) == 0:
        k = [k] * m
    for i in range(m):
        n = shape_of(p)[0]
        ki = anp.reshape(k[i], (1,))
        p = anp.concatenate([p / like(onp.arange(n, 0, -1), p), ki])
    return p


def _poly_impl(seq_of_zeros):
    z = anp.atleast_1d(seq_of_zeros)
    if ndim_of(z) != 1:
        raise NotImplementedError("The gradient of poly of a matrix (its eigenvalues) is "
                                  "not implemented; pass the roots.")
    zb = batch_only(z)          # inside vmap: each example's ones
    a = anp.ones_like(zb[:1])
    for i in range(shape_of(z)[0]):
        a = anp.convolve(a, anp.stack([anp.ones_like(zb[0]), -z[i]]))
    raw, _ = stacked_value(z)
    rows = onp.reshape(raw, (-1,) + tuple(shape_of(z)))     # every example's roots
    if not any(onp.iscomplexobj(onp.poly(r)) for r in rows):
        a = anp.real(a)
    return a


def _remainder_length(u, v):
    """The length of NumPy's (trimmed) remainder: each example's, which must agree."""
    ru, _ = stacked_value(u)
    rv, _ = stacked_value(v)
    ru = onp.reshape(ru, (-1, max(shape_of(u)[-1:] or (1,))))
    rv = onp.reshape(rv, (-1, max(shape_of(v)[-1:] or (1,))))
    if len(ru) != len(rv) and 1 not in (len(ru), len(rv)):
        raise BatchingError("vmap: polydiv of two differently batched polynomials")
    count = max(len(ru), len(rv))
    lengths = {len(onp.polydiv(ru[i % len(ru)], rv[i % len(rv)])[1]) for i in range(count)}
    if len(lengths) != 1:
        raise BatchingError("vmap: polydiv's remainders have lengths of their own per example")
    return lengths.pop()


def _polydiv_impl(u, v):
    u, v = anp.atleast_1d(u) + 0.0, anp.atleast_1d(v) + 0.0
    m, n = shape_of(u)[0] - 1, shape_of(v)[0] - 1
    r = [u[i] for i in range(m + 1)]
    q = []
    for k in range(max(m - n + 1, 0)):
        d = r[k] / v[0]
        q.append(d)
        for j in range(n + 1):
            r[k + j] = r[k + j] - d * v[j]
    q = anp.stack(q) if q else anp.zeros_like(batch_only(u)[:1])
    keep = _remainder_length(u, v)       # inside vmap: every example's (equal) length
    return q, anp.stack(r[len(r) - keep:])


def _vander_impl(x, N=None, increasing=False):
    n = shape_of(x)[0] if N is None else N
    powers = onp.arange(n) if increasing else onp.arange(n - 1, -1, -1)
    return anp.expand_dims(x, -1) ** like(powers, x)


# ----------------------------------------------------------------- polyfit

def _polyfit_map(x, deg, rcond=None, w=None):
    """The matrix M with ``polyfit(x, y, deg) == M @ y`` (NumPy's scaled least squares)."""
    x = onp.asarray(getval(x)) + 0.0
    lhs = onp.vander(x, deg + 1)
    weights = onp.ones_like(x) if w is None else onp.asarray(getval(w), dtype=float)
    lhs = lhs * weights[:, None]
    if rcond is None:
        rcond = len(x) * onp.finfo(x.dtype).eps
    scale = onp.sqrt((lhs * lhs).sum(axis=0))
    sol = onp.linalg.lstsq(lhs / scale, onp.diag(weights), rcond=rcond)[0]
    return sol / scale[:, None]


def _polyfit_args(x, y, deg, rcond=None, full=False, w=None, cov=False):
    if full or cov:
        raise NotImplementedError("The gradient of polyfit(..., full=True / cov=...) is "
                                  "not implemented.")
    return _polyfit_map(x, deg, rcond, w)


def _polyfit_vjp(g, ans, x, y, *args, **kwargs):
    M = _polyfit_args(x, y, *args, **kwargs)
    return fit_cotangent(anp.dot(M.T, g), y)


def _polyfit_jvp(t, ans, x, y, *args, **kwargs):
    M = _polyfit_args(x, y, *args, **kwargs)
    return fit_tangent(anp.dot(M, t), ans)


def register():
    for name, impl in (("polyval", _polyval_impl), ("polyadd", _polyadd_impl),
                       ("polysub", _polysub_impl), ("polymul", _polymul_impl),
                       ("polyder", _polyder_impl), ("polyint", _polyint_impl),
                       ("polydiv", _polydiv_impl), ("poly", _poly_impl),
                       ("vander", _vander_impl)):
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
    defvjp_fast(raw("polyfit"), _polyfit_vjp, argnums=[1])
    defjvp(raw("polyfit"), _polyfit_jvp, argnums=[1])
