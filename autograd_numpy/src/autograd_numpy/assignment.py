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

import numpy as onp

from autograd.extend import Box, constant_box, getval, primitive

from . import numpy_wrapper as anp
from .util import contains_boxed

__all__ = ["write", "setitem", "inplace", "writable", "WRITABLE_CREATION"]

_VALUE, _TRACE, _NODE = (Box.__dict__[name] for name in ("_value", "_trace", "_node"))

# Constructors whose result may be written into: wrapped by :func:`writable`
# in the public ``autograd.numpy`` namespace.
WRITABLE_CREATION = ("zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
                     "full_like", "copy", "array")


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


def _unboxed_index(idx):
    if type(idx) is tuple:
        return tuple(getval(i) for i in idx)
    return getval(idx)


def _as_value(value):
    """A written value: lists holding traced values become one traced array."""
    if isinstance(value, (list, tuple)) and contains_boxed(value):
        return anp.array(value)
    return value


def setitem(box, idx, value):
    """``box[idx] = value`` on a traced array (NumPy's semantics, differentiated)."""
    idx = _frozen(_unboxed_index(idx))
    value = _as_value(value)
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
    writes.values.append(value)
    if isinstance(value, Box):
        t = value._trace
        if t.level > _TRACE.__get__(box).level:
            _TRACE.__set__(box, t)


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

def writable(fun):
    """``fun`` (an array constructor) whose result can take traced values while a trace runs."""
    def constructor(*args, **kwargs):
        out = fun(*args, **kwargs)
        if type(out) is onp.ndarray and out.dtype.kind in "fc":
            return constant_box(out)
        return out
    # the wrapper's name, signature and primitive attributes: rules and users'
    # defvjp(np.full, ...) still key on the raw NumPy function
    functools.update_wrapper(constructor, fun)
    constructor.__wrapped__ = getattr(fun, "__wrapped__", fun)   # the NumPy function
    return constructor
