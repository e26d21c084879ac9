"""Rules of sorting and order statistics: ``sort``, ``partition``, ``sort_complex``,
``msort`` (NumPy 1.x), ``median``, ``percentile``, ``quantile`` and their
nan-variants, with ``axis`` (int, tuple or None) and ``keepdims``.

A sorted array is a permutation of its input: ``take_along_axis(a, perm,
axis)`` for the permutation NumPy applied.  The JVP gathers the tangent with
``perm``; the VJP gathers the cotangent with the inverse permutation (a
gather, not a scatter, since every element moves exactly once).  Where values
tie the function has a kink; the derivative then follows the order a stable
sort gives the tied elements.

An order statistic (``quantile`` and the rest) interpolates between two
neighbours of the sorted data: ``s[lo] + (s[hi] - s[lo]) * gamma``.  Which
neighbours, and ``gamma``, depend on ``method`` in ways that have changed
between NumPy releases, so they are read from NumPy itself: the quantile of
the *ranks* of the data is exactly the fractional position ``lo + gamma``
NumPy interpolates at.  The rules then differentiate that interpolation
(:func:`~autograd_numpy.rules.def_composite`), which also gives the
derivative with respect to ``q`` for the continuous methods.  Inside ``vmap``
the ranks are computed on the whole stack (they treat leading axes
independently) and handed back batched (``stacked_value``), so per-example
gradients of order statistics batch like any other rule.
"""

import numpy as onp

from autograd.extend import defjvp, defvjp_fast, getval, is_batched, isbox, stacked_value

from .. import numpy_wrapper as anp
from ..broadcasting import as_array, fit_cotangent, fit_tangent
from ..util import plain_value, shape_of
from . import def_composite
from .reductions import _kd, reduced_axes

__all__ = ["register"]


# ----------------------------------------------------------------- sort, partition

def _flat_axis(x, axis):
    """``(x, axis)`` with ``x`` flattened when ``axis`` is None (NumPy's convention)."""
    if axis is None:
        return anp.ravel(x), 0
    return x, axis


def _sort_perm(a, axis):
    """The permutation ``sort`` applies along ``axis`` (of the flattened raw ``a`` for None)."""
    if is_batched(a):       # inside vmap: one permutation per example
        v, ax = _flat_axis(plain_value(a), axis)
        return anp.argsort(v, axis=ax, kind="stable")
    v, ax = _flat_axis(getval(a), axis)
    return onp.argsort(v, axis=ax, kind="stable")


def _matching_perm(a, ans, axis):
    """A permutation ``perm`` with ``take_along_axis(a, perm, axis) == ans``.

    ``ans`` is any rearrangement of ``a`` along ``axis`` (a partition, say):
    the element of rank ``r`` in ``ans`` comes from the element of rank ``r``
    in ``a``.
    """
    if is_batched(a) or is_batched(ans):     # inside vmap: per example
        v, ax = _flat_axis(plain_value(a), axis)
        order = anp.argsort(v, axis=ax, kind="stable")
        rank = anp.argsort(anp.argsort(plain_value(ans), axis=ax, kind="stable"), axis=ax,
                           kind="stable")
        return anp.take_along_axis(order, rank, axis=ax)
    v, ax = _flat_axis(getval(a), axis)
    order = onp.argsort(v, axis=ax, kind="stable")
    rank = onp.argsort(onp.argsort(getval(ans), axis=ax, kind="stable"), axis=ax, kind="stable")
    return onp.take_along_axis(order, rank, axis=ax)


def _permuted_vjp(g, perm, a, axis):
    """The cotangent of ``a`` from that of ``take_along_axis(a, perm, axis)``."""
    ax = 0 if axis is None else axis
    ct = anp.take_along_axis(g, onp.argsort(perm, axis=ax), ax)
    if axis is None:
        ct = anp.reshape(ct, shape_of(a))
    return fit_cotangent(ct, a)


def _permuted_jvp(t, perm, ans, axis):
    t, ax = _flat_axis(t, axis)
    return fit_tangent(anp.take_along_axis(t, perm, ax), ans)


def _sort_vjp(g, ans, a, axis=-1, *args, **kwargs):
    return _permuted_vjp(g, _sort_perm(a, axis), a, axis)


def _sort_jvp(t, ans, a, axis=-1, *args, **kwargs):
    return _permuted_jvp(t, _sort_perm(a, axis), ans, axis)


def _msort_vjp(g, ans, a):
    return _sort_vjp(g, ans, a, 0)


def _msort_jvp(t, ans, a):
    return _sort_jvp(t, ans, a, 0)


def _partition_vjp(g, ans, a, kth, axis=-1, *args, **kwargs):
    return _permuted_vjp(g, _matching_perm(a, ans, axis), a, axis)


def _partition_jvp(t, ans, a, kth, axis=-1, *args, **kwargs):
    return _permuted_jvp(t, _matching_perm(a, ans, axis), ans, axis)


# ----------------------------------------------------------------- order statistics

# Hyndman & Fan's continuous sample quantiles: method -> (alpha, beta).  The
# virtual index n*q + alpha + q*(1 - alpha - beta) - 1 grows with q at the
# rate n + 1 - alpha - beta; the discrete methods are piecewise constant in q.
_CONTINUOUS = {
    "linear": (1.0, 1.0),
    "interpolated_inverted_cdf": (0.0, 1.0),
    "hazen": (0.5, 0.5),
    "weibull": (0.0, 0.0),
    "median_unbiased": (1.0 / 3.0, 1.0 / 3.0),
    "normal_unbiased": (3.0 / 8.0, 3.0 / 8.0),
}


def _rows(x, axes):
    """``x`` with the reduced ``axes`` moved last and flattened into one: ``(..., n)``."""
    shape = shape_of(x)
    if not shape:
        return anp.reshape(x, (1,))
    kept = [i for i in range(len(shape)) if i not in axes]
    xt = anp.transpose(x, kept + list(axes))
    return anp.reshape(xt, tuple(shape[i] for i in kept) + (-1,))


def _interpolation_points(rows, q, method, nan):
    """Where NumPy's quantile of each row interpolates, from the rows' ranks.

    Returns ``lo``, ``hi`` (int, ``(..., Q)``), ``gamma`` (the weight of
    ``hi``) and ``slope`` (d virtual index / d q, 0 where clipped or discrete).
    """
    rows = getval(rows)
    ranks = onp.argsort(onp.argsort(rows, axis=-1, kind="stable"), axis=-1, kind="stable")
    ranks = ranks.astype(onp.float64)
    n = onp.full_like(rows, rows.shape[-1], dtype=onp.float64, shape=rows.shape[:-1] + (1,))
    if nan:
        missing = onp.isnan(rows)
        ranks[missing] = onp.nan
        n = onp.sum(~missing, axis=-1, keepdims=True).astype(onp.float64)
    # the levels in the rows' library (like=): CuPy's quantile takes no host array
    qf = onp.ravel(q) if type(rows) is onp.ndarray else onp.asarray(onp.ravel(q), like=rows)
    quantile = onp.nanquantile if nan else onp.quantile
    pos = onp.moveaxis(quantile(ranks, qf, axis=-1, method=method), 0, -1)   # (..., Q)
    empty = onp.isnan(pos)
    pos = onp.where(empty, 0.0, pos)
    last = onp.maximum(n - 1, 0)
    lo = onp.clip(onp.floor(pos), 0, last)
    gamma = onp.where(empty, 0.0, pos - lo)
    hi = onp.minimum(lo + 1, last)
    slope = onp.zeros_like(pos)
    if method in _CONTINUOUS:
        alpha, beta = _CONTINUOUS[method]
        virtual = n * qf + alpha + qf * (1 - alpha - beta) - 1
        inside = (virtual > 0) & (virtual < last) & ~empty
        slope = onp.where(inside, n + 1 - alpha - beta, 0.0)
    return lo.astype(onp.intp), hi.astype(onp.intp), gamma, slope


def _real_dtype(x):
    return onp.empty(0, dtype=onp.result_type(getval(x))).real.dtype


def _order_statistic(a, q, axis, method, keepdims, nan):
    """``quantile(a, q, axis, method=method, keepdims=keepdims)`` written with
    primitives that have rules (``q`` in [0, 1])."""
    shape = shape_of(a)
    axes = reduced_axes(len(shape), axis)
    rows = _rows(a, axes)
    qv = as_array(getval(q))
    raw_rows, rebatch = stacked_value(rows)     # inside vmap: every example's rows
    lo, hi, gamma, slope = _interpolation_points(raw_rows, qv, method, nan)
    dtype = _real_dtype(a)
    lo, hi, weight = rebatch(lo), rebatch(hi), rebatch(gamma.astype(dtype))
    if isbox(q):   # the position moves with q: exact, since it is linear in q
        weight = weight + rebatch(slope.astype(dtype)) * anp.reshape(q - qv, (-1,))
    s = anp.sort(rows, axis=-1)
    low = anp.take_along_axis(s, lo, -1)
    out = low + (anp.take_along_axis(s, hi, -1) - low) * weight       # (..., Q)
    out = anp.moveaxis(out, -1, 0)
    if _kd(keepdims):
        rest = tuple(1 if i in axes else n for i, n in enumerate(shape))
    else:
        rest = tuple(n for i, n in enumerate(shape) if i not in axes)
    return anp.reshape(out, qv.shape + rest)


def _method(method, interpolation):
    return interpolation if interpolation is not None else method


def _no_weights(weights, name):
    if weights is not None:
        raise NotImplementedError(f"The gradient of {name}(..., weights=...) is not implemented.")


def _quantile_impl(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                   keepdims=False, *, weights=None, interpolation=None):
    _no_weights(weights, "quantile")
    return _order_statistic(a, q, axis, _method(method, interpolation), keepdims, False)


def _nanquantile_impl(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                      keepdims=onp._NoValue, *, weights=None, interpolation=None):
    _no_weights(weights, "nanquantile")
    return _order_statistic(a, q, axis, _method(method, interpolation), keepdims, True)


def _percent(q):
    # NumPy divides q by 100 first; the positions must come from the same number.
    if isbox(q):
        return q / 100.0
    return onp.true_divide(q, 100)


def _percentile_impl(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                     keepdims=False, *, weights=None, interpolation=None):
    _no_weights(weights, "percentile")
    return _order_statistic(a, _percent(q), axis, _method(method, interpolation), keepdims,
                            False)


def _nanpercentile_impl(a, q, axis=None, out=None, overwrite_input=False, method="linear",
                        keepdims=onp._NoValue, *, weights=None, interpolation=None):
    _no_weights(weights, "nanpercentile")
    return _order_statistic(a, _percent(q), axis, _method(method, interpolation), keepdims,
                            True)


def _median_impl(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    return _order_statistic(a, 0.5, axis, "linear", keepdims, False)


def _nanmedian_impl(a, axis=None, out=None, overwrite_input=False, keepdims=onp._NoValue):
    return _order_statistic(a, 0.5, axis, "linear", keepdims, True)


# ----------------------------------------------------------------- sort_complex

def _sort_complex_vjp(g, ans, a):
    return _permuted_vjp(g, _sort_perm(a, -1), a, -1)


def _sort_complex_jvp(t, ans, a):
    return _permuted_jvp(t, _sort_perm(a, -1), ans, -1)


def register():
    # fmt: off
    defvjp_fast(anp.sort,         _sort_vjp)
    defjvp(anp.sort,              _sort_jvp)
    defvjp_fast(anp.partition,    _partition_vjp, None)
    defjvp(anp.partition,         _partition_jvp, None)
    defvjp_fast(anp.sort_complex, _sort_complex_vjp)
    defjvp(anp.sort_complex,      _sort_complex_jvp)
    if hasattr(onp, "msort"):     # NumPy 1.x only
        defvjp_fast(onp.msort,    _msort_vjp)
        defjvp(onp.msort,         _msort_jvp)
    for fun, impl in [(onp.quantile,      _quantile_impl),
                      (onp.nanquantile,   _nanquantile_impl),
                      (onp.percentile,    _percentile_impl),
                      (onp.nanpercentile, _nanpercentile_impl),
                      (onp.median,        _median_impl),
                      (onp.nanmedian,     _nanmedian_impl)]:
        def_composite(fun, impl)
    # fmt: on
