"""Joining arrays: ``concatenate``/``stack`` and the functions built on them
(``hstack``, ``vstack``, ``dstack``, ``column_stack``, ``atleast_*d``), and ``block``.

NumPy takes the arrays to join inside a list, but the tracer follows a
primitive's own positional arguments only: the wrappers unpack the list into
the arguments of a primitive (:data:`concatenate_args`, :data:`stack_args`).
An item that holds traced values -- a list or tuple of boxes, an object array
of boxes, a traced tuple -- is first stacked into one traced array
(:func:`_array_from_nested`, which ``autograd.numpy.array`` also uses).
``block`` packs the traced values of its nested lists into one differentiable
list instead, so its rules are those of ``numpy.block`` itself.
"""

import numpy as onp

from autograd.extend import Box, getval, is_batched, isbox, pack, primitive

from ..util import contains_boxed as _contains_boxed
from ..util import is_boxes_array as _is_boxes_array
from ..util import is_sequence_box as _is_sequence_box
from ..wrapping import _own, wrapper_for
from ..util import is_backend_array, ndim_of, shape_of

__all__ = ["concatenate_args", "concatenate", "stack_args", "stack", "atleast_1d", "atleast_2d",
           "atleast_3d", "hstack", "vstack", "dstack", "column_stack", "block"]

_reshape = wrapper_for(onp.reshape)


# ----------------------------------------------------------------- traced values inside lists

def _array_from_nested(obj):
    """One traced array from nested lists/tuples holding traced values (or a
    traced list, or an object array of boxes): the items are stacked."""
    if _is_sequence_box(obj):
        obj = list(obj)          # item boxes: gradients flow back into the container
    elif _is_boxes_array(obj):
        obj = obj.tolist()       # nested lists of the boxes (a 0-d array: the box)
    if type(obj) in (list, tuple):
        items = [_array_from_nested(v) for v in obj]
        if any(isbox(v) for v in items):
            return stack_args(0, *items)
        return onp.array(items)
    return obj


def _joinable(arrays):
    """The arrays to join, each an array or one box of an array: an item holding
    traced values (a tuple of boxes, an object array of boxes, a traced tuple of
    arrays) becomes one traced array, since the primitive and its rules follow
    the boxes among their own arguments only."""
    return [_array_from_nested(a) if _is_sequence_box(a) or (
        not isinstance(a, Box) and _contains_boxed(a)) else a for a in arrays]


# ----------------------------------------------------------------- concatenate and stack

def _on_backend(arrays):
    """``arrays`` with host pieces (NumPy arrays, numbers) moved into the library of
    another library's array among them (CuPy, Dask: ``asarray(like=)``), or None if
    there is none.  Numbers beside CuPy arrays in ``hstack``/``block`` become host
    arrays first, and CuPy refuses to join host arrays with its own."""
    like = next((a for a in arrays if is_backend_array(a)), None)
    if like is None:
        return None
    host = (onp.ndarray, onp.generic, int, float, complex)
    return [onp.asarray(a, like=like) if isinstance(a, host) else a for a in arrays]


def _join(join, arrays, axis, kwargs):
    try:
        return join(arrays, axis=axis, **kwargs)
    except (TypeError, ValueError) as e:     # (only then: the common call pays nothing)
        moved = _on_backend(arrays)
        if moved is None:
            raise
        try:
            return join(moved, axis=axis, **kwargs)
        except Exception:
            raise e from None


def _concatenate_raw(axis, *arrays, **kwargs):
    return _join(onp.concatenate, arrays, axis, kwargs)


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
    __all__.append("concat")


def _stack_raw(axis, *arrays, **kwargs):
    return _join(onp.stack, arrays, axis, kwargs)


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
    out = [a if ndim_of(a) >= 1 else _reshape(a, (1,)) for a in arys]
    return out[0] if len(out) == 1 else tuple(out)


@_own(onp.atleast_2d)
def atleast_2d(*arys):
    out = []
    for a in arys:
        shape = shape_of(a)
        nd = len(shape)
        out.append(a if nd >= 2 else _reshape(a, (1,) * (2 - nd) + shape))
    return out[0] if len(out) == 1 else tuple(out)


@_own(onp.atleast_3d)
def atleast_3d(*arys):
    out = []
    for a in arys:
        shape = shape_of(a)
        nd = len(shape)
        if nd == 0:
            a = _reshape(a, (1, 1, 1))
        elif nd == 1:
            a = _reshape(a, (1,) + shape + (1,))
        elif nd == 2:
            a = _reshape(a, shape + (1,))
        out.append(a)
    return out[0] if len(out) == 1 else tuple(out)


def _as_list(arrs, atleast=atleast_1d):
    """``atleast(*arrs)`` as a list (for one array it returns the array itself)."""
    arrs = atleast(*arrs)
    return [arrs] if not isinstance(arrs, tuple) else list(arrs)


@_own(onp.hstack)
def hstack(tup, *, dtype=None, casting="same_kind"):
    arrs = _as_list(tup)
    axis = 0 if arrs and ndim_of(arrs[0]) == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


@_own(onp.vstack)
def vstack(tup, *, dtype=None, casting="same_kind"):
    arrs = _as_list(tup, atleast_2d)
    return concatenate(arrs, 0, dtype=dtype, casting=casting)


@_own(onp.dstack)
def dstack(tup):
    arrs = _as_list(tup, atleast_3d)
    return concatenate(arrs, 2)


@_own(onp.column_stack)
def column_stack(tup):
    arrs = []
    for a in tup:
        if ndim_of(a) < 2:
            a = _reshape(a, (-1, 1))
        arrs.append(a)
    return concatenate(arrs, 1)


if "row_stack" in vars(onp):
    row_stack = vstack
    __all__.append("row_stack")


# ----------------------------------------------------------------- block

def _block_batched(arrays):
    """``block`` of nested lists holding batched arrays (inside ``vmap``): NumPy's
    joins -- every leaf given the result's number of axes, the innermost lists
    joined along the last axis, the next ones along the one before -- as batched
    ``concatenate`` calls.  The wrapper calls it: nested lists packed into one
    traced sequence have no batching rule of their own."""
    def depth(x):
        return 1 + depth(x[0]) if type(x) is list and x else 0
    levels = depth(arrays)
    leaves = []

    def collect(x):
        if type(x) is list:
            for v in x:
                collect(v)
        else:
            leaves.append(x)
    collect(arrays)
    nd = max([levels] + [len(shape_of(v)) for v in leaves])

    def join(x, level):
        if type(x) is not list:
            shape = tuple(shape_of(x))
            return _reshape(x, (1,) * (nd - len(shape)) + shape)
        if not x:
            raise ValueError("List at arrays[...] cannot be empty")
        return concatenate([join(v, level + 1) for v in x], axis=level - levels)
    return join(arrays, 0)



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
    dtype = onp.result_type(*[getval(v) for v in _leaves(arrays)])
    if onp.issubdtype(dtype, onp.inexact):
        arrays = _inexact_leaves(arrays, dtype)
    if any(is_batched(v) for v in _leaves(arrays)):
        # inside vmap: batched joins (a packed sequence has no batching rule)
        return _block_batched(arrays)
    return _block_prim(pack(arrays))
