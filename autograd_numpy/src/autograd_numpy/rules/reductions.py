"""Rules of reductions: sum, mean, prod, var, std, max/min, ptp, cumsum, cumprod,
average and the nan-reductions, all with ``axis`` (int, tuple or None) and
``keepdims``; ``cumulative_sum``/``cumulative_prod`` (with ``include_initial``),
``cov`` and ``corrcoef`` (from equivalents written with the reductions,
:func:`~autograd_numpy.rules.def_composite`), and NumPy 1.x's ``product`` and
``cumproduct``.

The VJP of a reduction spreads ``g`` back over the reduced axes
(:func:`expand`); the JVP is mostly the reduction applied to the tangent.

``where=`` masks (mean, prod, var, std, max/min with ``initial=``, and the
nan-reductions) are honoured: unselected elements get no gradient.

Conventions: ``max``/``min`` split the gradient evenly between tied maxima
(and pass none to the elements when ``initial`` is the extremum);
``std`` of constant data has gradient 0 (a valid subgradient, not NaN);
``prod`` and ``cumprod`` are exact at zeros (products of the other elements,
not ``ans / x``).
"""

import numpy as onp

from autograd.extend import Box as _Box
from autograd.extend import batch_only, getval, is_batched

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent
from ..util import StackedArray, def_rule_table, ndim_of, shape_of
from . import def_composite, raw

__all__ = ["expand", "reduced_axes", "register"]


def reduced_axes(ndim, axis):
    """``axis`` as a sorted tuple of non-negative axes (``None``: all)."""
    if axis is None:
        return tuple(range(ndim))
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    return tuple(sorted(int(a) % ndim if ndim else 0 for a in axis))


def _kd(keepdims):
    """NumPy's ``keepdims`` argument as a bool (its default is a sentinel)."""
    return keepdims is not onp._NoValue and bool(keepdims)


def _no_zeros(x):
    """Has ``x`` no zero element (so ``ans / x`` is exact)?  Asked of NumPy values only:
    for another library's array the answer would compute it (Dask) or copy it to
    the host (CuPy), so its rules take the branch that is exact at zeros."""
    v = getval(x)
    if isinstance(v, (onp.ndarray, onp.generic, float, complex)):
        return bool(onp.all(v != 0))
    return False


def _kept_shape(shape, axes):
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def _count(shape, axes):
    n = 1
    for i in axes:
        n *= shape[i]
    return n


def expand(g, x, axis=None, keepdims=False):
    """``g`` (the cotangent of a reduction of ``x`` over ``axis``) spread over ``x``'s shape.

    The result is a fresh array (writable), of ``g``'s dtype.
    """
    if axis is None and not isinstance(g, _Box) and onp.ndim(g) == 0 and type(x) is onp.ndarray:
        # Full reduction of a raw array: one fill, no reshape/broadcast chain.
        return onp.full_like(x, g, dtype=onp.result_type(g))
    shape = shape_of(x)
    axes = reduced_axes(len(shape), axis)
    if not _kd(keepdims) and ndim_of(g) != 0:
        g = anp.reshape(g, _kept_shape(shape, axes))
    xv = getval(x)
    if type(xv) is not onp.ndarray and hasattr(type(xv), "__array_function__") \
            and not hasattr(type(xv), "todense") and not isinstance(xv, StackedArray):
        # another library's array: spread g over x's layout (not a sparse x, whose
        # ones_like would make g the fill value of every implicit entry).  Dask's broadcast_to
        # makes one chunk of x's whole shape (all of it in one worker's memory);
        # ones_like(x) has x's chunks.
        return g * onp.ones_like(xv, dtype=getattr(getval(g), "dtype", None))
    return anp.broadcast_copy(g, shape)


def _mask(kwargs):
    """The ``where=`` mask of a reduction's keyword arguments (``None``: everything)."""
    where = kwargs.get("where", True)
    return None if where is True or where is onp._NoValue else where


def _where_kw(where):
    return {} if where is None else {"where": where}


def _masked(gx, where):
    return gx if where is None else anp.where(where, gx, 0)


def _selected(x, axis, where, keepdims):
    """How many elements each reduction group selects: ``where`` counted over ``axis``
    (a Python int without a mask; at least 1, so empty groups divide safely)."""
    shape = shape_of(x)
    axes = reduced_axes(len(shape), axis)
    if where is None:
        return _count(shape, axes)
    n = onp.sum(onp.broadcast_to(where, shape), axis=axes, keepdims=keepdims)
    return onp.maximum(n, 1)


# ----------------------------------------------------------------- sum, mean

def _sum_vjp(g, ans, x, axis=None, dtype=None, out=None, keepdims=False, initial=None,
             where=True):
    gx = expand(g, x, axis, _kd(keepdims))
    if where is not True and where is not onp._NoValue:
        gx = anp.where(where, gx, 0)
    return fit_cotangent(gx, x)


def _sum_jvp(t, ans, x, axis=None, dtype=None, out=None, keepdims=False, initial=None,
             where=True):
    kwargs = {"keepdims": _kd(keepdims)}
    if where is not True and where is not onp._NoValue:
        kwargs["where"] = where
    return fit_tangent(anp.sum(t, axis=axis, **kwargs), ans)


def _mean_vjp(g, ans, x, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    if (axis is None and not kwargs and (type(g) is float or type(g) is onp.float64)
            and type(x) is onp.ndarray and x.size):
        # The mean of a whole raw array (small_chain's mean(x*x)): one fill of
        # g/n, the value the fill-then-divide below gives each element
        # (full_like's work without its Python layers: a microsecond per call)
        ct = onp.empty_like(x, dtype=onp.float64)
        ct.fill(g / x.size)
        return fit_cotangent(ct, x)
    where = _mask(kwargs)
    n = _selected(x, axis, where, True)
    return fit_cotangent(_masked(expand(g, x, axis, _kd(keepdims)) / n, where), x)


def _mean_jvp(t, ans, x, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    return fit_tangent(anp.mean(t, axis=axis, keepdims=_kd(keepdims), **_where_kw(_mask(kwargs))),
                       ans)


# ----------------------------------------------------------------- prod

def _products_of_others(x, axes):
    """For each element, the product of the other elements of its reduction group.

    Exclusive prefix and suffix products, so exact where ``x`` has zeros.
    """
    shape = shape_of(x)
    kept = [i for i in range(len(shape)) if i not in axes]
    perm = kept + list(axes)
    xt = anp.transpose(x, perm)
    lead = tuple(shape[i] for i in kept)
    xf = anp.reshape(xt, lead + (-1,))
    one = anp.ones_like(getval(xf)[..., :1])
    left = anp.concatenate([one, anp.cumprod(xf[..., :-1], axis=-1)], axis=-1)
    rev = xf[..., ::-1]
    right = anp.concatenate([one, anp.cumprod(rev[..., :-1], axis=-1)], axis=-1)[..., ::-1]
    others = anp.reshape(left * right, shape_of(xt))
    return anp.transpose(others, list(onp.argsort(perm)))


def _prod_factor(ans, x, axis, keepdims, kwargs):
    """d prod / d x, shaped like ``x`` (``where=`` and ``initial=`` from ``kwargs``)."""
    where = _mask(kwargs)
    if where is not None:   # unselected elements count as 1
        x = anp.where(where, x, 1)
    if _no_zeros(x):
        return expand(ans, x, axis, keepdims) / x
    shape = shape_of(x)
    others = _products_of_others(x, reduced_axes(len(shape), axis))
    initial = kwargs.get("initial", onp._NoValue)
    return others if initial is onp._NoValue else others * initial


def _prod_vjp(g, ans, x, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    gx = expand(g, x, axis, keepdims) * _prod_factor(ans, x, axis, keepdims, kwargs)
    return fit_cotangent(_masked(gx, _mask(kwargs)), x)


def _prod_jvp(t, ans, x, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    factor = _prod_factor(ans, x, axis, keepdims, kwargs)
    return fit_tangent(anp.sum(t * factor, axis=axis, keepdims=keepdims,
                               **_where_kw(_mask(kwargs))), ans)


# ----------------------------------------------------------------- var, std

def _ddof(ddof, kwargs):
    c = kwargs.get("correction", onp._NoValue)
    return ddof if c is onp._NoValue or c is None else c


def _centered(x, axis, where=None):
    return x - anp.mean(x, axis=axis, keepdims=True, **_where_kw(where))


def _var_vjp(g, ans, x, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    where = _mask(kwargs)
    n = _selected(x, axis, where, True) - _ddof(ddof, kwargs)
    gx = expand(g, x, axis, _kd(keepdims))
    return fit_cotangent(_masked(gx * 2.0 * anp.conj(_centered(x, axis, where)) / n, where), x)


def _var_jvp(t, ans, x, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    where = _mask(kwargs)
    keepdims = _kd(keepdims)
    n = _selected(x, axis, where, keepdims) - _ddof(ddof, kwargs)
    d = anp.real(anp.conj(_centered(x, axis, where)) * t)
    return fit_tangent(2.0 * anp.sum(d, axis=axis, keepdims=keepdims, **_where_kw(where)) / n, ans)


def _nonzero_inverse(ans):
    """``1 / ans`` where ``ans != 0``, else 0 (std of constant data: gradient 0)."""
    zero = ans == 0
    return anp.where(zero, 0.0, 1.0 / anp.where(zero, 1.0, ans))


def _std_vjp(g, ans, x, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    return _var_vjp(0.5 * g * _nonzero_inverse(ans), ans, x, axis, dtype, out, ddof,
                    keepdims, **kwargs)


def _std_jvp(t, ans, x, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    dvar = _var_jvp(t, ans, x, axis, dtype, out, ddof, keepdims, **kwargs)
    return fit_tangent(0.5 * dvar * _nonzero_inverse(ans), ans)


# ----------------------------------------------------------------- max, min, ptp

def _argmax_mask(ans, x, axis, keepdims, where=None):
    """Where ``x`` (selected by ``where``) attains the extremum ``ans``, divided by
    the number of ties; all zeros where ``initial`` alone is the extremum."""
    shape = shape_of(x)
    if not keepdims and ndim_of(ans) != 0:
        ans = anp.reshape(ans, _kept_shape(shape, reduced_axes(len(shape), axis)))
    hit = x == ans
    if where is not None:
        hit = hit & where
    count = anp.sum(hit, axis=axis, keepdims=True)
    return hit / anp.maximum(count, 1)


def _extremum_vjp(g, ans, x, axis=None, out=None, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    mask = _argmax_mask(ans, x, axis, keepdims, _mask(kwargs))
    return fit_cotangent(expand(g, x, axis, keepdims) * mask, x)


def _extremum_jvp(t, ans, x, axis=None, out=None, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    mask = _argmax_mask(ans, x, axis, keepdims, _mask(kwargs))
    return fit_tangent(anp.sum(t * mask, axis=axis, keepdims=keepdims), ans)


def _ptp_vjp(g, ans, x, axis=None, out=None, keepdims=False):
    hi = anp.max(x, axis=axis, keepdims=keepdims)
    lo = anp.min(x, axis=axis, keepdims=keepdims)
    return (_extremum_vjp(g, hi, x, axis, keepdims=keepdims)
            - _extremum_vjp(g, lo, x, axis, keepdims=keepdims))


def _ptp_jvp(t, ans, x, axis=None, out=None, keepdims=False):
    hi = anp.max(x, axis=axis, keepdims=keepdims)
    lo = anp.min(x, axis=axis, keepdims=keepdims)
    return (_extremum_jvp(t, hi, x, axis, keepdims=keepdims)
            - _extremum_jvp(t, lo, x, axis, keepdims=keepdims))


# ----------------------------------------------------------------- cumsum, cumprod

def _reverse_cumsum(g, axis):
    return anp.flip(anp.cumsum(anp.flip(g, axis), axis), axis)


def _cumsum_vjp(g, ans, x, axis=None, dtype=None, out=None):
    if axis is None:
        return fit_cotangent(anp.reshape(_reverse_cumsum(g, 0), shape_of(x)), x)
    return fit_cotangent(_reverse_cumsum(g, axis), x)


def _cumsum_jvp(t, ans, x, axis=None, dtype=None, out=None):
    return fit_tangent(anp.cumsum(t, axis), ans)


def _cumprod_rows(x, axis):
    """``x`` with ``axis`` moved last (flattened first if ``axis`` is None)."""
    if axis is None:
        return anp.ravel(x), 0
    return anp.moveaxis(x, axis, -1), axis


def _cumprod_without(xr, k):
    """cumprod along the last axis with element ``k`` replaced by 1."""
    n = shape_of(xr)[-1]
    return anp.cumprod(anp.where(onp.arange(n) == k, 1.0, xr), axis=-1)


def _cumprod_vjp(g, ans, x, axis=None, dtype=None, out=None):
    xr, ax = _cumprod_rows(x, axis)
    gr, _ = _cumprod_rows(g, axis)
    if _no_zeros(x):
        ansr, _ = _cumprod_rows(ans, axis)
        ct = _reverse_cumsum(gr * ansr, -1) / xr
    else:   # exact at zeros: sum_{i >= k} g_i * prod_{j <= i, j != k} x_j
        n = shape_of(xr)[-1]
        cols = []
        for k in range(n):
            cols.append(anp.sum((gr * _cumprod_without(xr, k))[..., k:], axis=-1))
        ct = anp.stack(cols, axis=-1)
    if axis is None:
        return fit_cotangent(anp.reshape(ct, shape_of(x)), x)
    return fit_cotangent(anp.moveaxis(ct, -1, ax), x)


def _cumprod_jvp(t, ans, x, axis=None, dtype=None, out=None):
    xr, ax = _cumprod_rows(x, axis)
    tr, _ = _cumprod_rows(t, axis)
    if _no_zeros(x):
        ansr, _ = _cumprod_rows(ans, axis)
        dr = ansr * anp.cumsum(tr / xr, axis=-1)
    else:
        n = shape_of(xr)[-1]
        dr = 0.0
        for k in range(n):
            later = onp.arange(n) >= k
            dr = dr + anp.where(later, tr[..., k:k + 1] * _cumprod_without(xr, k), 0.0)
    if axis is not None:
        dr = anp.moveaxis(dr, -1, ax)
    return fit_tangent(dr, ans)


# ----------------------------------------------------------------- composites

def _average_impl(a, axis=None, weights=None, returned=False, *, keepdims=False):
    if returned:
        raise NotImplementedError("The gradient of average(..., returned=True) is not implemented.")
    if weights is None:
        return anp.mean(a, axis=axis, keepdims=keepdims)
    if ndim_of(weights) != ndim_of(a):
        # 1-D weights along a single axis: put them on that axis
        nd = ndim_of(a)
        ax = int(axis) % nd
        weights = anp.reshape(weights, tuple(-1 if i == ax else 1 for i in range(nd)))
    num = anp.sum(a * weights, axis=axis, keepdims=keepdims)
    den = anp.sum(anp.broadcast_to(weights, anp.shape(a)), axis, keepdims=keepdims)
    return num / den


def _nan_to(x, value):
    return anp.where(anp.isnan(x), value, x)


def _given(kwargs, *names):
    """The keyword arguments among ``names`` that were given (NumPy's sentinel: not given)."""
    return {k: kwargs[k] for k in names if kwargs.get(k, onp._NoValue) is not onp._NoValue}


def _nansum_impl(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    return anp.sum(_nan_to(a, 0.0), axis=axis, keepdims=_kd(keepdims),
                   **_given(kwargs, "initial", "where"))


def _nanprod_impl(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    return anp.prod(_nan_to(a, 1.0), axis, keepdims=_kd(keepdims),
                    **_given(kwargs, "initial", "where"))


def _nancount(a, axis, keepdims, where=None):
    """How many non-NaN values were reduced, in the real dtype of ``a`` (keeps float32)."""
    real_dtype = onp.empty(0, dtype=onp.result_type(getval(a))).real.dtype
    if is_batched(a) or is_batched(where):
        # inside vmap: counted per example, by batched operations
        kept = anp.logical_not(anp.isnan(batch_only(a)))
        if where is not None:
            kept = anp.logical_and(kept, batch_only(where))
        return anp.astype(anp.sum(kept, axis, keepdims=keepdims), real_dtype)
    a = getval(a)
    kept = ~onp.isnan(a) if where is None else ~onp.isnan(a) & where
    return onp.sum(kept, axis, keepdims=keepdims).astype(real_dtype)


def _nanmean_impl(a, axis=None, dtype=None, out=None, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    where = _mask(kwargs)
    return (anp.sum(_nan_to(a, 0.0), axis=axis, keepdims=keepdims, **_where_kw(where))
            / _nancount(a, axis, keepdims, where))


def _nanvar_impl(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    keepdims = _kd(keepdims)
    ddof = _ddof(ddof, kwargs)
    where = _mask(kwargs)
    m = _nanmean_impl(a, axis, keepdims=True, **_where_kw(where))
    d = _nan_to(a - m, 0.0)
    sq = anp.real(d * anp.conj(d))
    return (anp.sum(sq, axis=axis, keepdims=keepdims, **_where_kw(where))
            / (_nancount(a, axis, keepdims, where) - ddof))


def _nanstd_impl(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False, **kwargs):
    return anp.sqrt(_nanvar_impl(a, axis, ddof=ddof, keepdims=keepdims, **kwargs))


def _nancumsum_impl(a, axis=None, dtype=None, out=None):
    return anp.cumsum(_nan_to(a, 0.0), axis)


def _nancumprod_impl(a, axis=None, dtype=None, out=None):
    return anp.cumprod(_nan_to(a, 1.0), axis)


# ----------------------------------------------------------------- cov, corrcoef

def _as_rows(x, rowvar):
    x = anp.reshape(x, (1, -1)) if ndim_of(x) < 2 else x
    if not rowvar and shape_of(x)[0] != 1:
        x = anp.transpose(x)
    return x


def _cov_matrix(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None,
                dtype=None):
    X = _as_rows(m, rowvar)
    if y is not None:
        X = anp.concatenate([X, _as_rows(y, rowvar)], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    w = None
    if fweights is not None:
        w = onp.asarray(getval(fweights), dtype=float)
    if aweights is not None:
        w = aweights if w is None else w * aweights
    if w is None:
        avg = anp.mean(X, axis=1)
        fact = shape_of(X)[1] - ddof
    else:
        w_sum = anp.sum(w)
        avg = anp.sum(X * w, axis=1) / w_sum
        if ddof == 0:
            fact = w_sum
        elif aweights is None:
            fact = w_sum - ddof
        else:
            fact = w_sum - ddof * anp.sum(w * aweights) / w_sum
    X = X - avg[:, None]
    X_T = anp.transpose(X if w is None else X * w)
    return anp.dot(X, anp.conj(X_T)) / fact


def _cov_impl(*args, **kwargs):
    return anp.squeeze(_cov_matrix(*args, **kwargs))


def _corrcoef_impl(x, y=None, rowvar=True, bias=onp._NoValue, ddof=onp._NoValue, *, dtype=None):
    c = _cov_matrix(x, y, rowvar)
    if ndim_of(c) == 0 or shape_of(c) == (1, 1):
        return anp.squeeze(c / c)
    sd = anp.sqrt(anp.real(anp.einsum("ii->i", c)))
    return c / sd[:, None] / sd[None, :]


# ----------------------------------------------------------------- cumulative_sum, cumulative_prod

def _cumulative_impl(accumulate, fill):
    def impl(x, axis=None, dtype=None, out=None, include_initial=False):
        if axis is None:
            x = anp.reshape(x, (-1,))
            axis = 0
        c = accumulate(x, axis=axis)
        if dtype is not None:
            c = anp.astype_prim(c, dtype)
        if include_initial:
            shape = shape_of(c)
            ax = axis % len(shape)     # a slice of c's own (inside vmap: per example)
            first = anp.full_like(batch_only(c)[(slice(None),) * ax + (slice(0, 1),)], fill)
            c = anp.concatenate([first, c], axis=axis)
        return c
    return impl


def register():
    # fmt: off
    def_rule_table([
        (anp.sum,     [_sum_vjp],     [_sum_jvp]),
        (anp.mean,    [_mean_vjp],    [_mean_jvp]),
        (anp.prod,    [_prod_vjp],    [_prod_jvp]),
        (anp.var,     [_var_vjp],     [_var_jvp]),
        (anp.std,     [_std_vjp],     [_std_jvp]),
        (anp.ptp,     [_ptp_vjp],     [_ptp_jvp]),
        (anp.cumsum,  [_cumsum_vjp],  [_cumsum_jvp]),
        (anp.cumprod, [_cumprod_vjp], [_cumprod_jvp]),
    ] + [(fun, [_extremum_vjp], [_extremum_jvp])
         for fun in (anp.max, anp.min, anp.amax, anp.amin, anp.nanmax, anp.nanmin)])
    # fmt: on
    for fun, impl in [(onp.average, _average_impl), (anp.nansum, _nansum_impl),
                      (anp.nanprod, _nanprod_impl), (anp.nanmean, _nanmean_impl),
                      (anp.nanvar, _nanvar_impl), (anp.nanstd, _nanstd_impl),
                      (anp.nancumsum, _nancumsum_impl), (anp.nancumprod, _nancumprod_impl)]:
        def_composite(fun, impl)
    # fmt: off
    composites = [
        ("cov",             _cov_impl),
        ("corrcoef",        _corrcoef_impl),
        ("cumulative_sum",  _cumulative_impl(anp.cumsum, 0)),
        ("cumulative_prod", _cumulative_impl(anp.cumprod, 1)),
        # NumPy 1.x only: deprecated spellings
        ("product",         lambda *a, **k: anp.prod(*a, **k)),
        ("cumproduct",      lambda *a, **k: anp.cumprod(*a, **k)),
    ]
    # fmt: on
    for name, impl in composites:
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
