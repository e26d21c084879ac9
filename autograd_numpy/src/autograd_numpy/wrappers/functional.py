"""The functions that take user callables: ``apply_along_axis``,
``apply_over_axes``, ``piecewise`` and ``fromfunction``.

Their wrappers are written with traced operations only, so they are
differentiable by composition and need no rule of their own (the rule set
links NumPy's function to the wrapper with ``defvia``, see
:mod:`autograd_numpy.rules.functional`).
"""

import numpy as onp

from autograd.extend import Box, getval

from ..util import contains_boxed as _contains_boxed
from ..util import deep_getval as _deep_getval
from ..util import normalize_axis as _normalize_axis
from ..wrapping import _composite, wrapper_for
from .creation import asanyarray, asarray
from .selection import _where_prim as _where
from .selection import untake
from .shapes import stack
from ..util import ndim_of, shape_of

__all__ = ["apply_along_axis", "apply_over_axes", "piecewise", "fromfunction"]

# the traced operations the composites are written with (namespace wrappers)
_reshape, _moveaxis, _transpose, _expand_dims, _broadcast_to = (
    wrapper_for(f) for f in (onp.reshape, onp.moveaxis, onp.transpose, onp.expand_dims,
                             onp.broadcast_to))


@_composite(onp.apply_along_axis)
def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """``numpy.apply_along_axis``: ``func1d`` is called on each 1-D slice and the
    results are stacked, so a traced ``arr`` (or traced values that ``func1d``
    closes over) gives a traced result."""
    arr = asanyarray(arr)
    shape = shape_of(arr)
    axis = _normalize_axis(axis, len(shape))
    outer = shape[:axis] + shape[axis + 1:]
    if 0 in outer:   # NumPy's own error
        return onp.apply_along_axis(func1d, axis, getval(arr), *args, **kwargs)
    moved = _moveaxis(arr, axis, -1)
    results = [asanyarray(func1d(moved[i], *args, **kwargs)) for i in onp.ndindex(outer)]
    res_shape = shape_of(results[0])
    if _contains_boxed(results):
        out = stack(results)
    else:   # NumPy's dtype: the first result's
        out = onp.stack(results).astype(results[0].dtype, copy=False)
    out = _reshape(out, outer + res_shape)
    # the result's own axes go where ``axis`` was
    n, k = len(outer), len(res_shape)
    perm = list(range(axis)) + list(range(n, n + k)) + list(range(axis, n))
    out = _transpose(out, perm)
    return out if isinstance(out, Box) else onp.ascontiguousarray(out)


@_composite(onp.apply_over_axes)
def apply_over_axes(func, a, axes):
    """``numpy.apply_over_axes``: ``func(a, axis)`` for each axis in turn, keeping dims."""
    val = asarray(a)
    ndim = ndim_of(val)
    if onp.ndim(axes) == 0:
        axes = (axes,)
    for axis in axes:
        axis = axis + ndim if axis < 0 else axis
        res = func(val, axis)
        if ndim_of(res) != ndim:
            res = _expand_dims(res, axis)
            if ndim_of(res) != ndim:
                raise ValueError("function is not returning an array of the correct shape")
        val = res
    return val


@_composite(onp.piecewise)
def piecewise(x, condlist, funclist, *args, **kw):
    """``numpy.piecewise``: each function is applied to the elements its condition
    selects and the pieces are merged with ``where`` (later conditions win, as in NumPy)."""
    x = asanyarray(x)
    xv = getval(x)
    if type(xv) is not onp.ndarray and not hasattr(type(xv), "__array_function__"):
        xv = onp.asanyarray(xv)
    if onp.isscalar(condlist) or (
            not isinstance(condlist[0], (list, onp.ndarray)) and xv.ndim != 0):
        condlist = [condlist]
    conds = onp.asarray(_deep_getval(condlist), dtype=bool)
    n = len(conds)
    if n == len(funclist) - 1:   # the "otherwise" piece
        conds = onp.concatenate([conds, ~onp.any(conds, axis=0, keepdims=True)], axis=0)
    elif n != len(funclist):
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    scalar = xv.ndim == 0
    if scalar:
        x, xv, conds = _reshape(x, (1,)), xv.reshape(1), conds.reshape(len(conds), 1)
    y = onp.zeros_like(xv)
    for cond, func in zip(conds, funclist):
        # a condition on the leading axes selects whole sub-arrays
        mask = cond.reshape(cond.shape + (1,) * (xv.ndim - cond.ndim))
        if not callable(func):
            y = _where(mask, func, y)
            continue
        idx = onp.nonzero(cond)
        if idx[0].size == 0:
            continue
        sel = x[idx]
        vals = func(sel, *args, **kw)
        if shape_of(vals) != shape_of(sel):
            vals = _broadcast_to(vals, shape_of(sel))
        like = onp.zeros_like(xv, dtype=onp.result_type(xv, getval(vals)))
        y = _where(mask, untake(vals, idx, like), y)
    if not isinstance(y, Box):   # NumPy writes into an array of x's dtype
        y = y.astype(xv.dtype, copy=False)
    return _reshape(y, ()) if scalar else y


@_composite(onp.fromfunction)
def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """``numpy.fromfunction``: ``function`` called once on the index grids (it may
    close over traced values)."""
    if like is not None:
        return onp.fromfunction(function, shape, dtype=dtype, like=like, **kwargs)
    return function(*onp.indices(shape, dtype=dtype), **kwargs)

