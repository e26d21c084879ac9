"""Indexing and selecting: the primitives behind ``box[idx]`` (:data:`getitem`)
and its adjoint (:data:`untake`), :data:`broadcast_copy`, ``select`` and
``where`` (which also accept lists of traced values and keyword arguments);
and the functions that write into an array in place (``put``, ``place``,
``copyto`` ...), which refuse traced values.
"""

import numpy as onp

from autograd.extend import Box, is_batched, primitive

from ..util import contains_boxed as _contains_boxed
from ..util import deep_getval as _deep_getval
from ..util import traced_sequence as _traced_sequence
from ..wrapping import _own, _primitive_like, wrapper_for
from .creation import array
from .shapes import _leaves, stack
from ..util import shape_of

__all__ = ["getitem", "untake", "broadcast_copy", "select", "where"]

_broadcast_to = wrapper_for(onp.broadcast_to)


# ----------------------------------------------------------------- indexing

def _getitem_raw(A, idx):
    return A[idx]


getitem = primitive(_getitem_raw)
getitem.__doc__ = "``A[idx]``, traced (what ``box[idx]`` calls)."


_BASIC = (int, onp.integer, slice, type(None), type(Ellipsis))


def _untake_raw(x, idx, like):
    """Zeros shaped like ``like`` with ``x`` added at ``idx`` (the adjoint of ``A[idx]``)."""
    out = onp.zeros_like(like)
    if type(out) is not onp.ndarray and hasattr(type(out), "todense"):
        # a sparse array (pydata/sparse) takes no writes: the cotangent is a dense
        # array of its shape, which is as much a cotangent of it
        out = onp.zeros(out.shape, out.dtype)
        onp.add.at(out, idx, x.todense() if hasattr(type(x), "todense") else x)
        return out
    if type(out) is not onp.ndarray:
        # Another library's array (Dask has no ufunc.at): a basic index selects
        # each element at most once, so writing x there is the same sum.
        basic = idx if type(idx) is tuple else (idx,)
        if all(isinstance(i, _BASIC) and type(i) is not bool for i in basic):
            region = tuple(i for i in basic if i is not None)   # x's new axes have length 1
            out[region] = onp.reshape(x, onp.shape(out[region]))
            return out
        try:
            onp.add.at(out, idx, x)
        except TypeError as e:
            raise TypeError(
                f"The derivative of indexing a {type(out).__module__.split('.')[0]}."
                f"{type(out).__name__} with integer or boolean arrays adds into it with "
                "numpy.add.at, which that library does not implement. Index with slices "
                "and integers, or use autograd.numpy.where for masks.") from e
        return out
    onp.add.at(out, idx, x)
    return out


untake = primitive(_untake_raw)


def _broadcast_copy_raw(x, shape):
    return onp.broadcast_to(x, shape).copy()


broadcast_copy = primitive(_broadcast_copy_raw)
broadcast_copy.__doc__ = "``broadcast_to(x, shape)`` as a fresh, writable array (traced)."


# ----------------------------------------------------------------- in-place writers

def _refuse_traced(raw):
    """``raw`` writes into an array in place: traced values written into a plain
    array would lose their derivatives, so it raises instead (the public
    ``autograd.numpy.<name>`` writes into traced arrays: autograd_numpy.assignment)."""
    @_own(raw)
    def guarded(*args, **kwargs):
        if _contains_boxed(list(args)) or _contains_boxed(list(kwargs.values())):
            raise TypeError(
                f"numpy.{raw.__name__} writes into an array in place, and a plain array "
                "cannot hold traced values. Create the destination inside the differentiated "
                "function with autograd.numpy (autograd.numpy.zeros, copy, array, ...) and "
                f"call autograd.numpy.{raw.__name__} on it.")
        return raw(*args, **kwargs)
    return guarded


for _name in ("put_along_axis", "put", "place", "putmask", "copyto", "fill_diagonal"):
    if hasattr(onp, _name):
        globals()[_name] = _refuse_traced(getattr(onp, _name))
        __all__.append(_name)


# ----------------------------------------------------------------- select and where

_select_prim = wrapper_for(onp.select)


@_own(onp.select)
def select(condlist, choicelist, default=0):
    """``numpy.select``; a list of traced choices (or a traced list) is broadcast
    and stacked into one traced array, which the rule of ``select`` follows."""
    if _traced_sequence(choicelist):
        choices = list(choicelist)
        shape = onp.broadcast_shapes(*[shape_of(c) for c in choices])
        choicelist = stack([_broadcast_to(c, shape) if shape_of(c) != shape else c
                            for c in choices])
    if type(condlist) in (list, tuple) and any(is_batched(c) for c in condlist):
        # conditions computed from batched values inside vmap: one traced array,
        # which the primitive sees (NumPy would hand the list back to us)
        shape = onp.broadcast_shapes(*[shape_of(c) for c in condlist])
        condlist = stack([_broadcast_to(c, shape) if shape_of(c) != shape else c
                          for c in condlist])
    return _select_prim(condlist, choicelist, default)


_primitive_like(select, onp.select)

_where_prim = wrapper_for(onp.where)


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
    if not (_contains_boxed([condition, x, y]) or any(
            _is_numpy_value(v) for v in _leaves([condition, x, y]))):
        return onp.where(condition, x, y).tolist()
    return _where_prim(condition, x, y)


_primitive_like(where, onp.where)

