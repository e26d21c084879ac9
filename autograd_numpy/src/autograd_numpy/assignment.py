"""Writing into traced arrays: ``a[idx] = v``, ``a += b`` and NumPy's in-place functions.

Inside a differentiated function an array behaves as in NumPy: a write
changes the array object itself (every name bound to it sees the change), the
values written are cast and broadcast to the target, repeated fancy indices
keep the last write, and the array the caller passed in is never modified.
docs/assignment.md describes the semantics for users.

How it is differentiated
------------------------
A write is the primitive :data:`write`: ``write(base, *values, indices=...)``
is a copy of ``base`` with ``values[j]`` written at ``indices[j]`` in order.
Its derivative with respect to ``base`` is the cotangent with every element
that some write covers set to zero; with respect to ``values[j]``, the
cotangent at ``indices[j]``, zero where a later write (or a repeated index)
overwrote the element, summed over the axes broadcasting added.

A box does not record each write when it happens.  The first write copies the
box's value once into a private array and later writes go straight into it
with NumPy's own ``__setitem__`` (so casting, broadcasting and errors are
NumPy's); the box remembers what it held before (``base``) and each
``(index, value)``.  The box changes class to :class:`WritingArrayBox`,
whose ``_value``/``_node`` properties record the pending writes as ONE
``write`` call the moment anything reads the box.  A loop that fills an array
therefore costs O(1) per write, plus O(n) per read-after-write, and no value
saved for the backward pass is ever modified in place: the private copy is
made again at the first write after each read.

Arrays made inside the function (``zeros``, ``ones``, ``empty``, ``full``,
their ``*_like`` forms, ``array``, ``copy``) are boxes from the start while a
trace runs (:func:`autograd.extend.constant_box`), so they can take traced
values.  Arrays of nested traces (higher derivatives) are written eagerly:
one ``write`` per assignment.
"""

import functools
import sys as _sys

import numpy as onp

from autograd.extend import Box, constant_box, getval, is_batched, is_constant, primitive

from . import numpy_wrapper as anp
from .util import contains_boxed

__all__ = ["write", "setitem", "inplace", "writable", "WRITABLE_CREATION"]

_VALUE, _TRACE, _NODE = (Box.__dict__[name] for name in ("_value", "_trace", "_node"))

# Constructors whose result may be written into: wrapped by :func:`writable`
# in the public ``autograd.numpy`` namespace.
# (``array``/``copy``/``x.copy()`` of a traced value are traced already; of a
# plain value they stay plain arrays: converting data is not making a buffer,
# and libraries convert constants inside traced code all the time.)
WRITABLE_CREATION = ("zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
                     "full_like")


def _write_raw(base, *values, indices, result=None):
    """``base`` copied, with ``values[j]`` written at ``indices[j]`` in order.

    ``result`` is the answer already computed in place by :func:`setitem`
    (the pending writes of a box): it is returned as it is.
    """
    if result is None:
        result = onp.array(base, copy=True)
        for idx, v in zip(indices, values):
            result[idx] = v
    return result


write = primitive(_write_raw)
write.__name__ = write.__qualname__ = "write"


class _Writes:
    """The writes a box has not recorded yet: what it held before, and each write."""

    __slots__ = ("base", "indices", "values")

    def __init__(self, base):
        self.base = base
        self.indices = []
        self.values = []


_classes = {}


def bind(plain, writing):
    """Set the box classes: ``plain`` (ArrayBox) and ``writing`` (its pending-writes form)."""
    _classes["plain"] = plain
    _classes["writing"] = writing


def _frozen(idx):
    """An index that later changes to the caller's arrays/lists cannot alter."""
    if type(idx) is tuple:
        return tuple(_frozen(i) for i in idx)
    if isinstance(idx, onp.ndarray):
        return idx.copy()
    if isinstance(idx, list):
        return onp.asarray(idx) if not any(isinstance(i, (slice, type(Ellipsis))) for i in idx) \
            else list(idx)
    return idx


def unboxed_index(idx):
    """``idx`` without boxes: indices are never differentiated.  An index that
    carries a ``vmap`` batch keeps it (one index per example)."""
    if type(idx) is tuple:
        return tuple(_index_value(i) for i in idx)
    return _index_value(idx)


def _index_value(i):
    if isinstance(i, Box) and is_batched(i):
        return i
    return getval(i)


def _as_value(value):
    """A written value: lists holding traced values become one traced array."""
    if isinstance(value, (list, tuple)) and contains_boxed(value):
        return anp.array(value)
    return value


def setitem(box, idx, value):
    """``box[idx] = value`` on a traced array (NumPy's semantics, differentiated)."""
    idx = _frozen(unboxed_index(idx))
    value = _as_value(value)
    link = _slot(box, "_viewof")
    if link is not None:
        _write_through(box, idx, value, link)   # the base changes, then this view with it
        return
    _write(box, idx, value)
    if _slot(box, "_views"):
        _refresh_views(box)


def _write(box, idx, value):
    if isinstance(value, _classes["plain"]):
        # what the value holds now (recording its own pending writes first: it may
        # be ``box`` itself, a[...] = a); the box may be written again later
        raw = value._value
        value = _classes["plain"](raw, value._trace, value._node)
    raw = _VALUE.__get__(box)
    writing = _classes["writing"]
    if type(box) is not writing:
        if isinstance(raw, Box):
            # a value of nested traces: record this write now
            _rebind(box, write(_snapshot(box), value, indices=(idx,)))
            return
        if not isinstance(raw, onp.ndarray):
            raise TypeError(f"'{type(raw).__name__}' object does not support item assignment")
        private = raw.copy(order="K")
        private[idx] = getval(value)       # NumPy casts, broadcasts and raises here
        writes = _Writes(_snapshot(box))
        box.__class__ = writing
        _VALUE.__set__(box, private)
        _NODE.__set__(box, writes)
    else:
        _VALUE.__get__(box)[idx] = getval(value)
        writes = _NODE.__get__(box)
    writes.indices.append(idx)
    if isinstance(value, Box):
        t = value._trace
        if t.level > _TRACE.__get__(box).level:
            _TRACE.__set__(box, t)
    writes.values.append(value)


def _snapshot(box):
    """A new box holding what ``box`` holds now (``box`` itself is about to change)."""
    return _classes["plain"](_VALUE.__get__(box), _TRACE.__get__(box), _NODE.__get__(box))


def _rebind(box, new):
    """Make ``box`` hold what the box ``new`` holds (the object stays the same)."""
    box.__class__ = _classes["plain"]
    if not isinstance(new, Box):     # constants written into a constant: still a constant
        _VALUE.__set__(box, new)
        return
    _VALUE.__set__(box, _VALUE.__get__(new))
    _TRACE.__set__(box, _TRACE.__get__(new))
    _NODE.__set__(box, _NODE.__get__(new))


def flush(box):
    """Record ``box``'s pending writes as one :data:`write` call."""
    writes = _NODE.__get__(box)
    private = _VALUE.__get__(box)
    box.__class__ = _classes["plain"]
    # the box is a plain ArrayBox again, holding what it held before the writes,
    # until the write is recorded (a failure leaves it consistent)
    base = writes.base
    _VALUE.__set__(box, _VALUE.__get__(base))
    _NODE.__set__(box, _NODE.__get__(base))
    _TRACE.__set__(box, _TRACE.__get__(base))
    new = write(base, *writes.values, indices=tuple(writes.indices), result=private)
    _rebind(box, new)


def flushed_value(box):
    flush(box)
    return _VALUE.__get__(box)


def flushed_node(box):
    flush(box)
    return _NODE.__get__(box)


def raw_value(box):
    """The forward value of a box without recording its pending writes."""
    return _VALUE.__get__(box)


# ----------------------------------------------------------------- in-place operators

def inplace(box, fun, other, name):
    """``box op= other`` in place, as NumPy's ``ufunc(box, other, out=box)``."""
    if not isinstance(getval(raw_value(box)), onp.ndarray):
        return NotImplemented      # a NumPy scalar is immutable: Python rebinds to box op other
    result = fun(box, other)
    out_dtype = raw_value(box).dtype
    res_dtype = onp.result_type(getval(result))
    if not onp.can_cast(res_dtype, out_dtype, casting="same_kind"):
        raise TypeError(   # NumPy's UFuncTypeError is a TypeError too, with this text
            f"Cannot cast ufunc {name!r} output from {res_dtype!r} to {out_dtype!r} "
            "with casting rule 'same_kind'")
    setitem(box, Ellipsis, result)
    return box


# ----------------------------------------------------------------- creation

def writable(fun, copies=False):
    """``fun`` (an array constructor) whose result can take traced values while a
    trace runs; with ``copies``, only a copy of a constant box (``np.copy(a)``):
    a copy of plain data stays plain."""
    def constructor(*args, **kwargs):
        out = fun(*args, **kwargs)
        if type(out) is onp.ndarray and out.dtype.kind in "fc" \
                and (not copies or (args and is_constant(args[0]))):
            return constant_box(out)
        return out
    # the wrapper's name, signature and primitive attributes: rules and users'
    # defvjp(np.full, ...) still key on the raw NumPy function
    functools.update_wrapper(constructor, fun)
    constructor.__wrapped__ = getattr(fun, "__wrapped__", fun)   # the NumPy function
    return constructor


# ----------------------------------------------------------------- NumPy's in-place functions
#
# Each one is a write at positions NumPy's own function would compute; the
# positions are worked out on raw index data, the write is :func:`setitem`.

def _flat(values):
    """``values`` (traced or not) as a 1-D array."""
    return anp.ravel(values) if isinstance(values, Box) else onp.ravel(onp.asarray(values))


def _cyclic(values, count):
    """``count`` items of ``values`` (flattened), repeated cyclically as NumPy's
    ``put``/``place``/``putmask``/``a.flat[...] = v`` do."""
    flat = _flat(values)
    size = onp.size(getval(flat))
    if size == count:
        return flat
    if size == 0:
        raise ValueError("cannot write from an empty array of values")
    return flat[onp.arange(count) % size]


def _flat_write(a, positions, values):
    """``a.flat[positions] = values`` (values repeated cyclically)."""
    positions = onp.asarray(positions, dtype=onp.intp).ravel()
    shape = onp.shape(raw_value(a))
    setitem(a, onp.unravel_index(positions, shape), _cyclic(values, len(positions)))


class FlatIndexer:
    """``a.flat`` of a traced array: reads and writes by flat (C-order) index."""

    __slots__ = ("base",)

    def __init__(self, base):
        self.base = base

    def __len__(self):
        return int(onp.size(raw_value(self.base)))

    def __iter__(self):
        return iter(anp.ravel(self.base))

    def __getitem__(self, idx):
        return anp.ravel(self.base)[unboxed_index(idx)]

    def __setitem__(self, idx, value):
        size = len(self)
        positions = onp.arange(size, dtype=onp.intp)[unboxed_index(idx)]
        positions = onp.atleast_1d(positions)
        if positions.size:
            _flat_write(self.base, positions, value)


def put(a, ind, v, mode="raise"):
    size = onp.size(raw_value(a))
    ind = onp.asarray(getval(ind), dtype=onp.intp).ravel()
    if mode == "raise":
        if ind.size and (ind.max() >= size or ind.min() < -size):
            raise IndexError(f"index {int(ind[onp.argmax(onp.abs(ind))])} is out of bounds "
                             f"for axis 0 with size {size}")
        ind = ind % size if size else ind
    elif mode == "wrap":
        ind = ind % size
    elif mode == "clip":
        ind = onp.clip(ind, 0, size - 1)
    else:
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got {mode!r})")
    if ind.size:
        _flat_write(a, ind, v)


def _mask_positions(a, mask, name, same_shape):
    """Flat positions of ``mask``'s True elements (a mask for array ``a``)."""
    mask = onp.asarray(getval(mask), dtype=bool)
    raw = raw_value(a)
    if (mask.shape != onp.shape(raw)) if same_shape else (mask.size != onp.size(raw)):
        raise ValueError(f"{name}: mask and data must be the same size")
    return onp.flatnonzero(mask)


def putmask(a, mask, values):
    positions = _mask_positions(a, mask, "putmask", same_shape=True)
    if positions.size:
        flat = _flat(values)
        # position n takes values[n] (cyclically), not the n-th value
        _flat_write(a, positions, flat[positions % onp.size(getval(flat))])


def place(arr, mask, vals):
    positions = _mask_positions(arr, mask, "place", same_shape=False)
    if positions.size:
        _flat_write(arr, positions, vals)


def copyto(dst, src, casting="same_kind", where=True):
    src_dtype = onp.result_type(getval(src))
    if not onp.can_cast(src_dtype, raw_value(dst).dtype, casting=casting):
        raise TypeError(f"Cannot cast array data from {src_dtype!r} to "
                        f"{raw_value(dst).dtype!r} according to the rule {casting!r}")
    where = getval(where)
    if where is True:
        setitem(dst, Ellipsis, src)
    else:
        setitem(dst, Ellipsis, anp.where(where, src, dst))


def put_along_axis(arr, indices, values, axis):
    indices = onp.asarray(getval(indices))
    shape = onp.shape(raw_value(arr))
    if axis is None:
        setitem(arr, onp.unravel_index(indices.ravel() % onp.prod(shape, dtype=onp.intp)
                                       if indices.size else indices.ravel(), shape),
                _flat(values))
        return
    ndim = len(shape)
    axis = axis % ndim if ndim else 0
    if indices.ndim != ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    index = []
    for dim in range(ndim):
        if dim == axis:
            index.append(indices)
        else:
            fan = [1] * ndim
            fan[dim] = shape[dim]
            index.append(onp.arange(shape[dim]).reshape(fan))
    setitem(arr, tuple(index), values)


def fill_diagonal(a, val, wrap=False):
    shape = onp.shape(raw_value(a))
    if len(shape) < 2:
        raise ValueError("array must be at least 2-d")
    if len(shape) == 2:
        step = shape[1] + 1
        end = None if wrap else shape[1] * shape[1]
    else:
        if len(set(shape)) != 1:
            raise ValueError("All dimensions of input must be of equal length")
        step = 1 + int(onp.cumprod(shape[:-1]).sum())
        end = None
    size = int(onp.prod(shape))
    _flat_write(a, onp.arange(size)[:end:step], val)


IN_PLACE_FUNCTIONS = {"put": put, "putmask": putmask, "place": place, "copyto": copyto,
                      "put_along_axis": put_along_axis, "fill_diagonal": fill_diagonal}


def ufunc_at(call, a, indices, b=None):
    """``ufunc.at(a, indices, b)`` on a traced ``a``: unbuffered, so repeated
    indices apply the operation again, as in NumPy.  ``call`` is the traced ufunc."""
    shape = onp.shape(raw_value(a))
    idx = unboxed_index(indices)
    positions = onp.arange(int(onp.prod(shape, dtype=onp.intp)), dtype=onp.intp).reshape(shape)[idx]
    region = onp.shape(positions)
    positions = positions.ravel()
    if b is not None:
        b = _flat(_fit_to(b, region))
    # rounds of distinct positions: the k-th repeat of a position is applied in round k
    order = onp.argsort(positions, kind="stable")
    sorted_pos = positions[order]
    starts = onp.r_[True, sorted_pos[1:] != sorted_pos[:-1]] if positions.size else \
        onp.zeros(0, bool)
    group_start = onp.maximum.accumulate(onp.where(starts, onp.arange(positions.size), 0)) \
        if positions.size else onp.zeros(0, onp.intp)
    rank = onp.empty(positions.size, onp.intp)
    rank[order] = onp.arange(positions.size) - group_start
    for r in range(int(rank.max()) + 1 if positions.size else 0):
        sel = onp.flatnonzero(rank == r)
        where_ = onp.unravel_index(positions[sel], shape)
        current = a[where_]
        setitem(a, where_, call(current) if b is None else call(current, b[sel]))


def _in_place(name, refusing):
    """The public ``numpy.<name>``: NumPy's own on plain arrays, ours on a traced destination."""
    ours = IN_PLACE_FUNCTIONS[name]

    def function(*args, **kwargs):
        if args and isinstance(args[0], Box):
            return ours(*args, **kwargs)
        return refusing(*args, **kwargs)     # plain destination: NumPy, or a clear error
    return functools.update_wrapper(function, refusing)


def _traced_at(ufunc, call, a, indices, b=None):
    if isinstance(a, Box):
        return ufunc_at(call, a, indices, b)
    raise TypeError(
        f"numpy.{ufunc.__name__}.at with traced values on a plain array: it would write them "
        "into an array that cannot hold them. Create the array inside the differentiated "
        "function with autograd.numpy (autograd.numpy.zeros, copy, array, ...).")


# Functions NumPy answers with a view of their first argument: the public ones
# track it (``forward`` recomputes it with the untracked function).
VIEW_FUNCTIONS = ("reshape", "ravel", "transpose", "swapaxes", "moveaxis", "rollaxis",
                  "squeeze", "expand_dims", "flip", "fliplr", "flipud", "rot90",
                  "atleast_1d", "atleast_2d", "atleast_3d", "matrix_transpose", "permute_dims")
READ_ONLY_VIEW_FUNCTIONS = ("diagonal", "broadcast_to")
SPLIT_FUNCTIONS = ("split", "array_split", "hsplit", "vsplit", "dsplit", "unstack")


def _tracking(name, fun, kind="positions"):
    def function(a, *args, **kwargs):
        out = fun(a, *args, **kwargs)
        if isinstance(a, Box):
            return view_of(a, out, lambda b: fun(b, *args, **kwargs), kind)
        return out
    return functools.update_wrapper(function, fun)


def _tracking_parts(name, fun):
    def function(a, *args, **kwargs):
        out = fun(a, *args, **kwargs)
        if isinstance(a, Box):
            # a traced list (SequenceBox) or a list of boxes: NumPy gives a list of views
            kind = type(getval(out)) if isinstance(out, Box) else type(out)
            parts = [view_of(a, part, lambda b, k=k: fun(b, *args, **kwargs)[k], always=True)
                     for k, part in enumerate(out)]
            return kind(parts)
        return out
    return functools.update_wrapper(function, fun)


def _tracking_part(fun, kind):
    def function(val):
        out = fun(val)
        if isinstance(val, Box):
            dtype = getattr(getval(val), "dtype", None)    # (pydata/sparse has no iscomplexobj)
            if dtype.kind == "c" if isinstance(dtype, onp.dtype) else onp.iscomplexobj(getval(val)):
                return view_of(val, out, fun, kind, always=True)
            if kind == "real":      # the real part of a real array is the array itself
                return view_of(val, out, fun, always=True)
        return out
    return functools.update_wrapper(function, fun)


# Copies of an array that can take traced values can too (of plain data: plain).
WRITABLE_COPIES = ("copy", "array")


def install(namespace):
    """Give the public ``autograd.numpy`` namespace its writing functions: creation
    functions whose arrays take traced values, the in-place functions, ``ufunc.at``."""
    from . import ufunc_methods, wrapping
    for name in WRITABLE_CREATION:
        namespace[name] = writable(namespace[name])
    for name in WRITABLE_COPIES:
        namespace[name] = writable(namespace[name], copies=True)
    for name in IN_PLACE_FUNCTIONS:
        if name in namespace:
            namespace[name] = _in_place(name, namespace[name])
    ufunc_methods.set_method("at", _traced_at)
    wrapping.set_out_handler(_ufunc_call_with_out)
    for names, kind in ((VIEW_FUNCTIONS, "positions"), (READ_ONLY_VIEW_FUNCTIONS, "readonly")):
        for name in names:
            if name in namespace:
                namespace[name] = _tracking(name, namespace[name], kind)
    for name in SPLIT_FUNCTIONS:
        if name in namespace:
            namespace[name] = _tracking_parts(name, namespace[name])
    namespace["real"] = _tracking_part(namespace["real"], "real")
    namespace["imag"] = _tracking_part(namespace["imag"], "imag")


# ----------------------------------------------------------------- ufuncs with out=

def ufunc_out(ufunc, call, inputs, out, kwargs):
    """``ufunc(*inputs, out=out, **kwargs)`` where an output is a traced array:
    the result is written into it (NumPy's casting rule, ``where=`` honoured)."""
    outs = out if isinstance(out, tuple) else (out,)
    if len(outs) != ufunc.nout:
        raise ValueError(f"The 'out' tuple must have exactly {ufunc.nout} entries: one per "
                         "ufunc output")
    where = kwargs.pop("where", True)
    casting = kwargs.pop("casting", "same_kind")
    results = call(*inputs, **kwargs)
    results = results if ufunc.nout > 1 else (results,)
    for target, res in zip(outs, results):
        if target is None:
            continue
        if not isinstance(target, Box):
            raise TypeError(
                f"numpy.{ufunc.__name__}(..., out=a) would write traced values into a plain "
                "array a, which cannot hold them. Create a inside the differentiated "
                "function with autograd.numpy (autograd.numpy.zeros, copy, array, ...).")
        res_dtype = onp.result_type(getval(res))
        out_dtype = raw_value(target).dtype
        if not onp.can_cast(res_dtype, out_dtype, casting=casting):
            raise TypeError(f"Cannot cast ufunc {ufunc.__name__!r} output from {res_dtype!r} "
                            f"to {out_dtype!r} with casting rule {casting!r}")
        where_ = getval(where)
        setitem(target, Ellipsis, res if where_ is True else anp.where(where_, res, target))
    return out if isinstance(out, tuple) and ufunc.nout > 1 else outs[0]


def _ufunc_call_with_out(ufunc, call, args, kwargs):
    """``autograd.numpy.<ufunc>(..., out=...)``: into traced outputs, or NumPy's own call."""
    nin = ufunc.nin
    if len(args) > nin:                              # outputs given positionally
        out = args[nin:]
        kwargs = dict(kwargs, out=out if len(out) > 1 else out[0])
        args = args[:nin]
    out = kwargs.pop("out")
    outs = out if isinstance(out, tuple) else (out,)
    if any(isinstance(o, Box) for o in outs) or contains_boxed(*args):
        return ufunc_out(ufunc, call, args, out, kwargs)   # (a plain output: an error)
    return call(*args, out=out, **kwargs)               # nothing traced: NumPy's behaviour


# ----------------------------------------------------------------- views
#
# NumPy returns views from basic indexing, reshape, transpose, ...: a write
# through a view changes its base, and a write to the base is seen by the views
# taken before it.  A traced view is a box whose ``_viewof`` slot holds
# ``(base, forward, kind)``: ``forward(base)`` recomputes it (with untracked
# functions), ``kind`` is "positions" (the view's elements are elements of the
# base: writes go to their positions, found once by running ``forward`` on
# ``arange``), "real"/"imag" (the parts of a complex base) or "readonly"
# (NumPy's read-only views: diagonal, broadcast_to).  The base's ``_views``
# slot lists its views; after each write to the base the live ones are
# recomputed from it (views of views in turn), so none is ever stale.

_ndarray = onp.ndarray
_BASIC = (int, onp.integer, slice, type(None), type(Ellipsis))


def is_basic_index(idx):
    """Does ``idx`` select a view (no integer arrays, lists or booleans)?"""
    if type(idx) is tuple:
        return all(isinstance(i, _BASIC) and type(i) is not bool for i in idx)
    return isinstance(idx, _BASIC) and type(idx) is not bool


def _slot(box, name):
    return getattr(box, name, None)     # an unset slot reads as None


def track_view(base, view, forward, kind="positions", always=False):
    """Record that the box ``view`` is a NumPy view of the box ``base`` made by
    ``forward``: if its value shares memory with the base's (NumPy made a view),
    or ``always`` (NumPy always makes one, our implementation may have copied)."""
    if not (isinstance(view, Box) and isinstance(base, Box)) or view is base:
        return view
    vraw, braw = getval(view), getval(raw_value(base))
    if type(vraw) is not _ndarray or type(braw) is not _ndarray \
            or not (always or onp.may_share_memory(vraw, braw)):
        return view
    view._viewof = (base, forward, kind)
    views = _slot(base, "_views")
    if views is None:
        base._views = [view]
    else:
        views.append(view)
    return view


def view_of(base, result, forward, kind="positions", always=False):
    """``result`` of a view-making operation on the box ``base``, tracked as its view.

    Operations on a constant box give plain arrays; a view of a constant is
    made a constant box here so that writes to either reach the other."""
    if not isinstance(result, Box):
        if not (is_constant(base) and type(result) is _ndarray):
            return result
        result = constant_box(result)
    return track_view(base, result, forward, kind, always)


def _positions(base, forward):
    shape = onp.shape(raw_value(base))
    return onp.asarray(forward(onp.arange(int(onp.prod(shape, dtype=onp.intp)),
                                          dtype=onp.intp).reshape(shape)))


def _fit_to(value, region):
    """``value`` broadcast to ``region`` as NumPy's ``__setitem__`` does (leading
    length-1 axes of the value dropped first)."""
    shape = onp.shape(getval(value))
    while len(shape) > len(region) and shape and shape[0] == 1:
        shape = shape[1:]
    if isinstance(value, Box):
        return anp.broadcast_to(anp.reshape(value, shape), region)
    return onp.broadcast_to(onp.reshape(value, shape), region)


def _write_through(view, idx, value, link):
    """``view[idx] = value`` where ``view`` is a view of another traced array."""
    base, forward, kind = link
    if kind == "readonly":
        raise ValueError("assignment destination is read-only")
    scratch = onp.array(getval(raw_value(view)), copy=True)
    scratch[idx] = getval(value)            # NumPy's casting, broadcasting and errors
    if kind == "positions":
        where = _positions(base, forward)[idx]
        region = onp.shape(where)
        if where.size:
            setitem(base, onp.unravel_index(where.ravel(), onp.shape(raw_value(base))),
                    _flat(_fit_to(value, region)))
        return
    part = write(_snapshot(view), value, indices=(idx,))
    if kind == "real":
        setitem(base, Ellipsis, part + 1j * anp.imag(base))
    else:
        setitem(base, Ellipsis, anp.real(base) + 1j * part)


def _refresh_views(base):
    """Recompute the live views of ``base`` from it (and theirs from them)."""
    views = _slot(base, "_views")
    if not views:
        return
    # a view nobody else refers to any more is dropped (list + argument: 2 refs)
    live = [v for v in views if _sys.getrefcount(v) > 3]
    base._views = live
    for v in live:
        _rebind(v, v._viewof[1](base))
        _refresh_views(v)
