"""The ``autograd.numpy`` namespace: every public callable of NumPy, wrapped for tracing.

* differentiable functions and ufuncs become ``primitive(numpy_function)``:
  called on boxes they record one tape entry, whose rule is looked up by the
  raw NumPy callable (``autograd.numpy.sin.fun is numpy.sin``);
* functions with integer/boolean or piecewise-constant results (``argmax``,
  ``floor``, ``sign``, comparisons, ``isnan``, shape queries, ...) become
  :func:`~autograd_numpy.wrapping.notrace` wrappers: they run on the raw values
  and return constants;
* classes, dtypes and constants are passed through unchanged.

The wrapper of a ufunc also carries the ufunc's methods and attributes
(``np.add.reduce``, ``np.multiply.outer``, ``np.add.nin``): see
:mod:`autograd_numpy.ufunc_methods`.

A few functions need a wrapper of their own because NumPy takes their array
arguments inside a list (``concatenate``, ``stack`` and friends, ``array``):
they unpack the list into the positional arguments of a primitive.

The dispatch behind ``__array_ufunc__`` and ``__array_function__`` (a plain
``numpy.sin(box)`` routed to the wrapper of ``numpy.sin``) is in
:mod:`autograd_numpy.dispatch`.  How a callable becomes its wrapper
(``wrap_namespace``, ``notrace``, ``wrapper_for``, ...) is in
:mod:`autograd_numpy.wrapping`; those names are re-exported here, where HIPS
code imports them from.
"""

import builtins as _builtins
import operator as _operator

import numpy as onp

from autograd.extend import Box, getval, isbox, mark_primitive, primitive

from .util import contains_boxed as _contains_boxed
from .util import is_boxes_array as _is_boxes_array
from .wrapping import (_handles_nested, _notrace, _own, _wrap, _wrappers,  # noqa: F401
                       nondiff_functions, notrace, register_wrappers, wrap_namespace, wrapper_for)

__all__ = []   # filled below with every wrapped name (``from ... import *`` works)

# NB: wrapping the namespace below shadows the builtins any/all/sum/min/max/abs/
# round in this module; code here uses ``_builtins.<name>`` for those.

# ----------------------------------------------------------------- the wrapped namespace

_public = set(getattr(onp, "__all__", ())) or None
if _public is not None and not hasattr(onp, "concat"):
    # NumPy 1.x leaves some public names out of __all__ (abs, max, min, round,
    # test, ...); the namespace holds every public callable, as downstream
    # code that copies it expects
    _public |= {n for n, o in vars(onp).items() if not n.startswith("_") and callable(o)}
__all__.extend(wrap_namespace(vars(onp), globals(), _public))
_reshape = _wrappers[onp.reshape]


# ----------------------------------------------------------------- metadata helpers

def metadata(A):
    """``(shape, ndim, dtype, iscomplex)`` of a raw or boxed value (HIPS compatible)."""
    v = getval(A)
    shape = onp.shape(v)
    dtype = onp.result_type(v)
    return shape, len(shape), dtype, dtype.kind == "c"


# ----------------------------------------------------------------- arrays from lists

def _array_copy(x, dtype=None, **kwargs):
    if type(x) is not onp.ndarray and hasattr(type(x), "__array_function__"):
        # another array type (CuPy, Dask, ...): copy it in its own library
        x = onp.copy(x)
        return x if dtype is None else x.astype(dtype)
    return onp.array(x, dtype=dtype, **kwargs)


array_copy = primitive(_array_copy)


def _is_sequence_box(x):
    """A traced list or tuple (a container box, e.g. a list being differentiated)."""
    return isinstance(x, Box) and type(getval(x)) in (list, tuple)


def _traced_sequence(x):
    """A list/tuple holding traced values, or a traced list/tuple."""
    if isinstance(x, Box):
        return type(getval(x)) in (list, tuple)
    return type(x) in (list, tuple) and _contains_boxed(x)


def _array_from_nested(obj):
    if _is_sequence_box(obj):
        obj = list(obj)          # item boxes: gradients flow back into the container
    elif _is_boxes_array(obj):
        obj = obj.tolist()       # nested lists of the boxes (a 0-d array: the box)
    if type(obj) in (list, tuple):
        items = [_array_from_nested(v) for v in obj]
        if _builtins.any(isbox(v) for v in items):
            return stack_args(0, *items)
        return onp.array(items)
    return obj


@_own(onp.array)
def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None):
    if isbox(object) and not _is_sequence_box(object):
        out = array_copy(object, dtype=dtype)
    elif _contains_boxed(object):
        out = _array_from_nested(object)
        if dtype is not None:
            out = astype(out, dtype)
    else:
        kwargs = {} if like is None else {"like": like}
        return onp.array(object, dtype=dtype, copy=copy, order=order, subok=subok,
                         ndmin=ndmin, **kwargs)
    if ndmin and out.ndim < ndmin:
        out = _reshape(out, (1,) * (ndmin - out.ndim) + out.shape)
    return out


def array_from_args(array_args, array_kwargs, *args):
    """HIPS compatibility: ``numpy.array(args, *array_args, **array_kwargs)``, traced."""
    return array(list(args), *array_args, **array_kwargs)


@_own(onp.asarray)
def asarray(a, dtype=None, order=None, **kwargs):
    if isbox(a) and not _is_sequence_box(a):
        return a if dtype is None or onp.dtype(dtype) == a.dtype else astype(a, dtype)
    if _contains_boxed(a):
        return array(a, dtype=dtype)
    return onp.asarray(a, dtype=dtype, order=order, **kwargs)


@_own(onp.asanyarray)
def asanyarray(a, dtype=None, order=None, **kwargs):
    if isbox(a) or _contains_boxed(a):
        return asarray(a, dtype=dtype)
    return onp.asanyarray(a, dtype=dtype, order=order, **kwargs)


@_own(onp.ascontiguousarray)
def ascontiguousarray(a, dtype=None, **kwargs):
    if isbox(a) or _contains_boxed(a):
        return asarray(a, dtype=dtype)
    return onp.ascontiguousarray(a, dtype=dtype, **kwargs)


def _astype_raw(x, dtype, **kwargs):
    if hasattr(x, "astype"):
        return x.astype(dtype, **kwargs)
    return onp.asarray(x).astype(dtype, **kwargs)[()]


astype_prim = primitive(_astype_raw)


@_own(getattr(onp, "astype", _astype_raw))
def astype(x, dtype, /, *, copy=True, device=None):
    """``x.astype(dtype)`` for arrays, NumPy scalars and Python numbers (traced)."""
    if isbox(x):
        return astype_prim(x, dtype)
    return _astype_raw(x, dtype, copy=copy)


def _astype(A, dtype, order="K", casting="unsafe", subok=True, copy=True):
    """``A.astype(dtype, order, casting, subok, copy)``, traced (HIPS's private name)."""
    return astype_prim(A, dtype, order=order, casting=casting, subok=subok, copy=copy)


# ----------------------------------------------------------------- keyword arrays

# The tracer follows positional arguments only; these wrappers pass the
# arrays users give by keyword (``average(x, weights=w)``) positionally.
_average_prim = _wrappers[onp.average]


@_own(onp.average, handles_nested=False)
def average(a, axis=None, weights=None, returned=False, *, keepdims=onp._NoValue):
    kwargs = {} if keepdims is onp._NoValue else {"keepdims": keepdims}
    if _traced_sequence(a):
        a = array(a)
    return _average_prim(a, axis, weights, returned, **kwargs)


def _keywords_positional(raw, count):
    """Own wrapper of ``raw`` that passes its first ``count`` parameters positionally.

    Only done when one of them came by keyword (``cov(m, aweights=w)``,
    ``logspace(a, b, base=x)``): the common call keeps the primitive's fast path.
    """
    import inspect

    prim = _wrappers[raw]
    params = list(inspect.signature(raw).parameters.values())[:count]
    names = [p.name for p in params]
    defaults = [p.default for p in params]

    def wrapper(*args, **kwargs):
        n = len(args)
        if kwargs and n < count and not kwargs.keys().isdisjoint(names[n:]):
            args = args + tuple(kwargs.pop(k, d) for k, d in zip(names[n:], defaults[n:]))
        return prim(*args, **kwargs)

    wrapper = _own(raw)(wrapper)
    globals()[raw.__name__] = wrapper
    return wrapper


# (function, how many leading parameters may hold differentiable arrays)
for _raw, _count in [(onp.cov, 7), (onp.corrcoef, 2), (onp.interp, 5), (onp.logspace, 5),
                     (onp.linspace, 2), (onp.geomspace, 2), (onp.full, 2), (onp.full_like, 2),
                     (onp.polyint, 3), (getattr(onp, "trapezoid", getattr(onp, "trapz", None)), 3)]:
    _keywords_positional(_raw, _count)


# ----------------------------------------------------------------- joining

def _joinable(arrays):
    """The arrays to join, each an array or one box of an array: an item holding
    traced values (a tuple of boxes, an object array of boxes, a traced tuple of
    arrays) becomes one traced array, since the primitive and its rules follow
    the boxes among their own arguments only."""
    return [array(a) if _is_sequence_box(a) or (not isinstance(a, Box) and _contains_boxed(a))
            else a for a in arrays]


def _concatenate_raw(axis, *arrays, **kwargs):
    return onp.concatenate(arrays, axis=axis, **kwargs)


concatenate_args = primitive(_concatenate_raw)


@_own(onp.concatenate)
def concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if out is not None:
        raise TypeError("autograd.numpy.concatenate does not support out=")
    kwargs = {}
    if dtype is not None:
        kwargs["dtype"] = dtype
    if casting != "same_kind":
        kwargs["casting"] = casting
    return concatenate_args(axis, *_joinable(arrays), **kwargs)


if hasattr(onp, "concat"):
    concat = concatenate


def _stack_raw(axis, *arrays, **kwargs):
    return onp.stack(arrays, axis=axis, **kwargs)


stack_args = primitive(_stack_raw)


@_own(onp.stack)
def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    if out is not None:
        raise TypeError("autograd.numpy.stack does not support out=")
    kwargs = {}
    if dtype is not None:
        kwargs["dtype"] = dtype
    if casting != "same_kind":
        kwargs["casting"] = casting
    return stack_args(axis, *_joinable(arrays), **kwargs)


@_own(onp.atleast_1d)
def atleast_1d(*arys):
    out = [a if onp.ndim(getval(a)) >= 1 else _reshape(a, (1,)) for a in arys]
    return out[0] if len(out) == 1 else tuple(out)


@_own(onp.atleast_2d)
def atleast_2d(*arys):
    out = []
    for a in arys:
        shape = onp.shape(getval(a))
        nd = len(shape)
        out.append(a if nd >= 2 else _reshape(a, (1,) * (2 - nd) + shape))
    return out[0] if len(out) == 1 else tuple(out)


@_own(onp.atleast_3d)
def atleast_3d(*arys):
    out = []
    for a in arys:
        shape = onp.shape(getval(a))
        nd = len(shape)
        if nd == 0:
            a = _reshape(a, (1, 1, 1))
        elif nd == 1:
            a = _reshape(a, (1,) + shape + (1,))
        elif nd == 2:
            a = _reshape(a, shape + (1,))
        out.append(a)
    return out[0] if len(out) == 1 else tuple(out)


def _as_list(arrs):
    arrs = atleast_1d(*arrs)
    return [arrs] if not isinstance(arrs, tuple) else list(arrs)


@_own(onp.hstack)
def hstack(tup, *, dtype=None, casting="same_kind"):
    arrs = _as_list(tup)
    axis = 0 if arrs and onp.ndim(getval(arrs[0])) == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


@_own(onp.vstack)
def vstack(tup, *, dtype=None, casting="same_kind"):
    arrs = atleast_2d(*tup)
    arrs = [arrs] if not isinstance(arrs, tuple) else list(arrs)
    return concatenate(arrs, 0, dtype=dtype, casting=casting)


@_own(onp.dstack)
def dstack(tup):
    arrs = atleast_3d(*tup)
    arrs = [arrs] if not isinstance(arrs, tuple) else list(arrs)
    return concatenate(arrs, 2)


@_own(onp.column_stack)
def column_stack(tup):
    arrs = []
    for a in tup:
        if onp.ndim(getval(a)) < 2:
            a = _reshape(a, (-1, 1))
        arrs.append(a)
    return concatenate(arrs, 1)


if "row_stack" in vars(onp):
    row_stack = vstack


def _leaves(x):
    if type(x) is list:
        for v in x:
            yield from _leaves(v)
    else:
        yield x


def _inexact_leaves(x, dtype):
    """Nested lists with every raw, non-inexact leaf cast to ``dtype`` (boxes kept)."""
    if type(x) is list:
        return [_inexact_leaves(v, dtype) for v in x]
    if isbox(x) or onp.issubdtype(onp.result_type(x), onp.inexact):
        return x
    return onp.asarray(x, dtype=dtype)


_block_prim = primitive(onp.block)


@_own(onp.block)
def block(arrays):
    """``numpy.block``; traced values in the nested lists are packed into one
    differentiable list, so the rules are those of ``numpy.block`` itself."""
    if not _contains_boxed(arrays):
        return onp.block(arrays)
    from autograd.extend import pack
    dtype = onp.result_type(*[getval(v) for v in _leaves(arrays)])
    if onp.issubdtype(dtype, onp.inexact):
        arrays = _inexact_leaves(arrays, dtype)
    return _block_prim(pack(arrays))


# ----------------------------------------------------------------- indexing

def _getitem_raw(A, idx):
    return A[idx]


getitem = primitive(_getitem_raw)
getitem.__doc__ = "``A[idx]``, traced (what ``box[idx]`` calls)."


def _untake_raw(x, idx, like):
    """Zeros shaped like ``like`` with ``x`` added at ``idx`` (the adjoint of ``A[idx]``)."""
    out = onp.zeros_like(like)
    onp.add.at(out, idx, x)
    return out


untake = primitive(_untake_raw)


def _broadcast_copy_raw(x, shape):
    return onp.broadcast_to(x, shape).copy()


broadcast_copy = primitive(_broadcast_copy_raw)
broadcast_copy.__doc__ = "``broadcast_to(x, shape)`` as a fresh, writable array (traced)."


# ----------------------------------------------------------------- in-place writers

def _refuse_traced(raw):
    """``raw`` writes into an array in place: with traced arguments that would
    silently lose (or corrupt) derivatives, so it raises instead."""
    @_own(raw)
    def guarded(*args, **kwargs):
        if _contains_boxed(list(args)) or _contains_boxed(list(kwargs.values())):
            raise TypeError(
                f"numpy.{raw.__name__} writes into an array in place, which cannot be "
                "differentiated. Build a new array instead, e.g. with autograd.numpy.where("
                "mask, new, x), concatenate or stack.")
        return raw(*args, **kwargs)
    return guarded


for _name in ("put_along_axis", "put", "place", "putmask", "copyto", "fill_diagonal"):
    if _name in globals():
        globals()[_name] = _refuse_traced(getattr(onp, _name))


# ----------------------------------------------------------------- matrix constructors

def _refuse_matrix(raw):
    """``raw`` builds a ``numpy.matrix``, a class that is not traced: refuse boxes."""
    @_own(raw)
    def guarded(*args, **kwargs):
        values = list(args) + list(kwargs.values())
        values += [v for d in values if isinstance(d, dict) for v in d.values()]
        if _contains_boxed(values):
            raise TypeError(
                f"numpy.{raw.__name__} of traced values: np.matrix is not supported; use "
                "2-D arrays (autograd.numpy.asarray, block, and @ for matrix products).")
        return raw(*args, **kwargs)
    return guarded


for _name in ("asmatrix", "bmat"):
    if _name in globals():
        globals()[_name] = _refuse_matrix(getattr(onp, _name))


# ----------------------------------------------------------------- composites

# These functions take user callables or compute which elements to return from
# the values themselves; their wrappers are written with traced operations
# only, so they are differentiable by composition and need no rule of their
# own.  ``__autograd_composite__`` tells ``python -m autograd coverage`` so
# (the rule set links NumPy's function to the wrapper with ``defvia``).

# the traced operations the composites are written with (namespace wrappers)
_moveaxis, _transpose, _expand_dims, _where, _broadcast_to = (
    _wrappers[f] for f in (onp.moveaxis, onp.transpose, onp.expand_dims, onp.where,
                           onp.broadcast_to))


def _composite(raw):
    """Decorator: ``fn`` is autograd.numpy's version of ``raw``, differentiable by composition."""
    def deco(fn):
        fn = _own(raw)(fn)
        fn.__autograd_composite__ = True
        return fn
    return deco


def _normalize_axis(axis, ndim):
    axis = _operator.index(axis)
    if not -ndim <= axis < ndim:
        raise onp.exceptions.AxisError(axis, ndim)
    return axis % ndim


@_composite(onp.apply_along_axis)
def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """``numpy.apply_along_axis``: ``func1d`` is called on each 1-D slice and the
    results are stacked, so a traced ``arr`` (or traced values that ``func1d``
    closes over) gives a traced result."""
    arr = asanyarray(arr)
    shape = onp.shape(getval(arr))
    axis = _normalize_axis(axis, len(shape))
    outer = shape[:axis] + shape[axis + 1:]
    if 0 in outer:   # NumPy's own error
        return onp.apply_along_axis(func1d, axis, getval(arr), *args, **kwargs)
    moved = _moveaxis(arr, axis, -1)
    results = [asanyarray(func1d(moved[i], *args, **kwargs)) for i in onp.ndindex(outer)]
    res_shape = onp.shape(getval(results[0]))
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
    ndim = onp.ndim(getval(val))
    if onp.ndim(axes) == 0:
        axes = (axes,)
    for axis in axes:
        axis = axis + ndim if axis < 0 else axis
        res = func(val, axis)
        if onp.ndim(getval(res)) != ndim:
            res = _expand_dims(res, axis)
            if onp.ndim(getval(res)) != ndim:
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
        if onp.shape(getval(vals)) != onp.shape(getval(sel)):
            vals = _broadcast_to(vals, onp.shape(getval(sel)))
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


# ----------------------------------------------------------------- unique and set operations

def _unique_gather_raw(x, index, inverse, counts, axis):
    if axis is None:
        return onp.reshape(x, (-1,))[index]
    return onp.take(x, index, axis=axis)


unique_gather = primitive(_unique_gather_raw)
unique_gather.__doc__ = """The values of ``numpy.unique`` from a traced ``x``: its slices at ``index``.

``index``, ``inverse``, ``counts`` are those ``numpy.unique`` returns (``inverse``
flattened).  The value is a gather of each group's first element, but the
derivative is that of the group's *mean*: equal elements share a cotangent
evenly (the same convention as ties in ``max``), whichever one NumPy's sort
put first.
"""


@_composite(onp.unique)
def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None,
           **kwargs):
    if not _contains_boxed(ar):
        return onp.unique(ar, return_index, return_inverse, return_counts, axis, **kwargs)
    ar = asarray(ar)
    _, index, inverse, counts = onp.unique(getval(ar), True, True, True, axis, **kwargs)
    values = unique_gather(ar, index, inverse.reshape(-1), counts, axis)
    extra = [v for v, wanted in ((index, return_index), (inverse, return_inverse),
                                 (counts, return_counts)) if wanted]
    return (values, *extra) if extra else values


def _unique_sorted(x, equal_nan):
    """``(u, values)``: NumPy's sorted unique values of the flattened ``x`` and the
    same values traced (by :data:`unique_gather`)."""
    flat = _reshape(x, (-1,))
    u, index, inverse, counts = onp.unique(getval(flat), True, True, True, equal_nan=equal_nan)
    return u, unique_gather(flat, index, inverse.reshape(-1), counts, None)


def _values_at(u, values, wanted):
    """The entries of ``values`` (traced, aligned with the sorted ``u``) equal to ``wanted``."""
    if wanted.shape == u.shape and onp.array_equal(wanted, u, equal_nan=True):
        return values
    return values[onp.searchsorted(u, wanted)]


def _unique_api(raw):
    """Wrapper of ``unique_values``/``unique_counts``/``unique_inverse``/``unique_all``."""
    @_composite(raw)
    def wrapper(x):
        if not _contains_boxed(x):
            return raw(x)
        x = asarray(x)
        res = raw(getval(x))
        u, values = _unique_sorted(x, equal_nan=False)
        if isinstance(res, tuple):
            return res._replace(values=_values_at(u, values, res.values))
        return _values_at(u, values, res)
    return wrapper


for _name in ("unique_values", "unique_counts", "unique_inverse", "unique_all"):
    if hasattr(onp, _name):
        globals()[_name] = _unique_api(getattr(onp, _name))


def _set_operation(raw):
    """Wrapper of a set operation: its values are traced through the union of its inputs."""
    @_composite(raw)
    def wrapper(ar1, ar2, *args, **kwargs):
        if not _contains_boxed(ar1, ar2):
            return raw(ar1, ar2, *args, **kwargs)
        res = raw(_deep_getval(ar1), _deep_getval(ar2), *args, **kwargs)
        both = concatenate([_reshape(asarray(ar1), (-1,)), _reshape(asarray(ar2), (-1,))])
        u, values = _unique_sorted(both, equal_nan=True)
        if isinstance(res, tuple):   # intersect1d(..., return_indices=True)
            return (_values_at(u, values, res[0]),) + tuple(res[1:])
        return _values_at(u, values, res)
    return wrapper


for _name in ("intersect1d", "union1d", "setdiff1d", "setxor1d"):
    globals()[_name] = _set_operation(getattr(onp, _name))


# ----------------------------------------------------------------- NumPy 2 names on NumPy 1.x

# User code written for NumPy 2 runs on NumPy 1.26 too: the NumPy 2 aliases
# point at the same wrappers, and the new functions get a plain NumPy
# implementation of their own (a primitive; the rules in rules/ are keyed by
# ``autograd.numpy.<name>``, so they apply on both versions).
_ALIASES_2 = {"acos": "arccos", "acosh": "arccosh", "asin": "arcsin", "asinh": "arcsinh",
              "atan": "arctan", "atanh": "arctanh", "atan2": "arctan2", "pow": "power",
              "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
              "bitwise_right_shift": "right_shift", "concat": "concatenate",
              "permute_dims": "transpose", "trapezoid": "trapz"}
for _new, _old in _ALIASES_2.items():
    if _new not in globals() and _old in globals():
        globals()[_new] = globals()[_old]
        __all__.append(_new)


def _matrix_transpose_raw(x, /):
    return onp.swapaxes(x, -1, -2)


def _vecdot_raw(x1, x2, /, *, axis=-1):
    return onp.sum(onp.conj(onp.moveaxis(x1, axis, -1)) * onp.moveaxis(x2, axis, -1), axis=-1)


def _matvec_raw(x1, x2, /):
    return onp.matmul(x1, onp.expand_dims(x2, -1))[..., 0]


def _vecmat_raw(x1, x2, /):
    return onp.matmul(onp.conj(x1)[..., None, :], x2)[..., 0, :]


def _unstack_raw(x, /, *, axis=0):
    return tuple(onp.moveaxis(x, axis, 0))


def _cumulative_raw(accumulate, identity):
    def cumulative(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
        if not hasattr(type(x), "__array_function__"):   # lists, Python numbers
            x = onp.asarray(x)
        if axis is None:
            if x.ndim > 1:
                raise ValueError("axis must be given for arrays with more than one dimension")
            axis = 0
        res = accumulate(x, axis=axis, dtype=dtype)
        if include_initial:
            shape = list(res.shape)
            shape[axis] = 1
            res = onp.concatenate([onp.full_like(res, identity, shape=shape), res], axis=axis)
        return res
    return cumulative


_cumulative_sum_raw = _cumulative_raw(onp.cumsum, 0)
_cumulative_prod_raw = _cumulative_raw(onp.cumprod, 1)

for _name, _raw in [("matrix_transpose", _matrix_transpose_raw), ("vecdot", _vecdot_raw),
                    ("matvec", _matvec_raw), ("vecmat", _vecmat_raw),
                    ("unstack", _unstack_raw), ("cumulative_sum", _cumulative_sum_raw),
                    ("cumulative_prod", _cumulative_prod_raw)]:
    if _name not in globals():
        _raw.__name__ = _raw.__qualname__ = _name
        globals()[_name] = primitive(_raw)
        __all__.append(_name)


# ----------------------------------------------------------------- lists of traced values

def _primitive_like(wrapper, raw):
    """Mark ``wrapper`` as standing for the primitive of ``raw``: rules registered
    through it (``defvjp(anp.mean, ...)``) are keyed by ``raw``."""
    return mark_primitive(wrapper, raw)


def _packs_sequences(raw, positions=(0,)):
    """Own wrapper of ``raw`` that turns a list/tuple of traced values in the
    argument ``positions`` into one traced array before calling the primitive.

    NumPy would otherwise build an object array of boxes, and its statistics
    (mean, var, std) cast their result through ``.dtype``, which drops the
    gradient; packed, the list gets the rules of ``stack``.
    """
    prim = _wrappers[raw]
    from autograd.extend import SequenceBox

    def wrapper(*args, **kwargs):
        # (kept cheap: this runs on every np.sum/np.mean call)
        for i in positions:
            if i < len(args):
                t = type(args[i])
                if ((t is list or t is tuple) and _contains_boxed(args[i])) or (
                        t is SequenceBox):
                    args = args[:i] + (array(args[i]),) + args[i + 1:]
        return prim(*args, **kwargs)

    wrapper = _primitive_like(_own(raw)(wrapper), raw)
    wrapper.__qualname__ = raw.__name__
    globals()[raw.__name__] = wrapper
    return wrapper


for _name in ("sum", "prod", "mean", "var", "std", "nansum", "nanprod", "nanmean", "nanvar",
              "nanstd", "median", "nanmedian", "max", "min", "amax", "amin", "nanmax",
              "nanmin", "ptp", "cumsum", "cumprod", "nancumsum", "nancumprod", "percentile",
              "quantile", "nanpercentile", "nanquantile"):
    _raw = getattr(onp, _name, None)
    if _raw in _wrappers:
        _packs_sequences(_raw)
_packs_sequences(onp.append, positions=(0, 1))
for _name in ("amax", "amin"):   # aliases of max/min on NumPy 2: one wrapper
    if getattr(onp, _name, None) is getattr(onp, _name[1:]):
        globals()[_name] = globals()[_name[1:]]

_select_prim = _wrappers[onp.select]


@_own(onp.select)
def select(condlist, choicelist, default=0):
    """``numpy.select``; a list of traced choices (or a traced list) is broadcast
    and stacked into one traced array, which the rule of ``select`` follows."""
    if _traced_sequence(choicelist):
        choices = list(choicelist)
        shape = onp.broadcast_shapes(*[onp.shape(getval(c)) for c in choices])
        choicelist = stack([_broadcast_to(c, shape) if onp.shape(getval(c)) != shape else c
                            for c in choices])
    return _select_prim(condlist, choicelist, default)


_primitive_like(select, onp.select)

_where_prim = _wrappers[onp.where]


def _is_numpy_value(v):
    # any array type speaking NumPy's protocols (CuPy, Dask, ...), not only ndarray
    return isinstance(v, (onp.ndarray, onp.generic, Box)) or hasattr(
        type(v), "__array_function__")


@_own(onp.where)
def where(condition, x=None, y=None):
    """``numpy.where``, also with ``condition=``, ``x=``, ``y=`` given by keyword.

    With only ``condition`` it returns the indices of its nonzero elements.
    When no argument is a NumPy value or traced (Python bools, numbers and
    lists), the result is made of Python objects too (``where(True, 1, 2)``
    is ``1``, as in HIPS autograd).
    """
    if x is None and y is None:
        return onp.where(_deep_getval(condition))
    if x is None or y is None:
        raise ValueError("either both or neither of x and y should be given")
    if _traced_sequence(x):
        x = array(x)
    if _traced_sequence(y):
        y = array(y)
    if not (_contains_boxed([condition, x, y]) or _builtins.any(
            _is_numpy_value(v) for v in _leaves([condition, x, y]))):
        return onp.where(condition, x, y).tolist()
    return _where_prim(condition, x, y)


_primitive_like(where, onp.where)


# ----------------------------------------------------------------- make_diagonal

def _make_diagonal_raw(D, offset=0, axis1=0, axis2=1):
    if onp.ndim(D) == 0:
        raise ValueError("make_diagonal needs an array with at least one axis")
    n, nd = D.shape[-1], D.ndim + 1
    a1, a2 = _normalize_axis(axis1, nd), _normalize_axis(axis2, nd)
    if a1 == a2:
        raise ValueError("axis1 and axis2 cannot be the same")
    m = n + _builtins.abs(offset)
    out = onp.zeros_like(D, shape=D.shape[:-1] + (m, m))
    rows = onp.arange(n) + _builtins.max(-offset, 0)
    out[..., rows, rows + offset] = D
    out = onp.moveaxis(out, (-2, -1), (a1, a2))
    # (contiguity is an ndarray notion; other array types keep their own layout)
    return onp.ascontiguousarray(out) if type(out) is onp.ndarray else out


_make_diagonal_raw.__name__ = _make_diagonal_raw.__qualname__ = "make_diagonal"
make_diagonal = primitive(_make_diagonal_raw)
make_diagonal.__doc__ = """Arrays whose diagonals hold the last axis of ``D`` (HIPS autograd helper).

The inverse of ``numpy.diagonal``: for ``A = make_diagonal(D, offset, axis1,
axis2)``, ``numpy.diagonal(A, offset, axis1, axis2)`` is ``D`` and every other
entry of ``A`` is zero.  ``A`` has one more axis than ``D``: the last axis of
``D`` (length n) becomes the two axes ``axis1`` (rows) and ``axis2`` (columns)
of ``A``, each of length ``n + abs(offset)``; the other axes of ``D`` keep their
order.

>>> make_diagonal(numpy.array([1.0, 2.0]), axis1=-1, axis2=-2)
array([[1., 0.],
       [0., 2.]])
"""


# ----------------------------------------------------------------- index tricks: r_ and c_

class _IndexConcatenator:
    """``autograd.numpy.r_`` / ``c_``: NumPy's index-trick concatenation that also
    accepts traced values (the result is built with a traced ``concatenate``).

    Without traced items it is NumPy's own object.  Slices, scalars and a
    leading directive string (``'0,2'``, ``'-1,2,0'``, ``'1'``) behave as in
    NumPy; the matrix directives ``'r'``/``'c'`` are refused for traced values.
    """

    def __init__(self, raw, axis, ndmin, trans1d):
        self._raw = raw
        self._defaults = (axis, ndmin, trans1d)

    def __len__(self):
        return 0

    def __getitem__(self, key):
        items = key if isinstance(key, tuple) else (key,)
        if not _contains_boxed(list(items)):
            return self._raw[key]
        axis, ndmin, trans1d = self._defaults
        objs, scalars = [], []
        for k, item in enumerate(items):
            if isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                axis, ndmin, trans1d = self._directive(item, axis, ndmin, trans1d)
                continue
            if isinstance(item, slice):
                obj = onp.r_[item]
                if ndmin > 1:
                    obj = onp.array(obj, ndmin=ndmin)
                    if trans1d != -1:
                        obj = obj.swapaxes(-1, trans1d)
            elif onp.ndim(getval(item)) == 0 and not isinstance(getval(item), onp.ndarray):
                obj = array(item, ndmin=ndmin)
                scalars.append(len(objs))
            else:
                nd = onp.ndim(getval(item))
                obj = array(item, ndmin=ndmin) if isbox(item) else onp.array(
                    item, subok=True, ndmin=ndmin)
                if trans1d != -1 and nd < ndmin:
                    k2, k1 = ndmin - nd, trans1d
                    if k1 < 0:
                        k1 += k2 + 1
                    axes = list(range(ndmin))
                    obj = _transpose(obj, axes[:k1] + axes[k2:] + axes[k1:k2])
            objs.append(obj)
        dtype = onp.result_type(*[getval(o) for o in objs])
        objs = [astype(o, dtype) if i in scalars and getval(o).dtype != dtype else o
                for i, o in enumerate(objs)]
        return concatenate(objs, axis=axis)

    @staticmethod
    def _directive(item, axis, ndmin, trans1d):
        if item in ("r", "c"):
            raise TypeError("np.r_/np.c_ with the matrix directives 'r'/'c' build a "
                            "numpy.matrix, which is not traced; use 2-D arrays instead.")
        try:
            if "," in item:
                vec = [int(v) for v in item.split(",")]
                axis, ndmin = vec[0], vec[1]
                if len(vec) == 3:
                    trans1d = vec[2]
            else:
                axis = int(item)
        except (ValueError, IndexError) as e:
            raise ValueError(f"unknown special directive {item!r}") from e
        return axis, ndmin, trans1d


r_ = _IndexConcatenator(onp.r_, 0, 1, -1)
c_ = _IndexConcatenator(onp.c_, -1, 2, 0)


# ----------------------------------------------------------------- raw values, wrappers of callables

def _deep_getval(x):
    if isinstance(x, Box):
        return getval(x)
    if type(x) in (list, tuple):
        return type(x)(_deep_getval(v) for v in x)
    return x


# ----------------------------------------------------------------- ufunc methods

from . import ufunc_methods as _ufunc_methods  # noqa: E402  (it builds on the names above)

for _raw, _w in list(_wrappers.items()):
    if isinstance(_raw, onp.ufunc):
        _ufunc_methods.attach(_w, _raw, _w not in _notrace)


__all__.extend(["make_diagonal", "array_from_args", "concatenate_args", "stack_args", "metadata",
                "wrap_namespace", "astype", "getitem", "untake", "broadcast_copy",
                "unique_gather"])
