"""Traced NumPy values: the array box, its operators and methods.

:class:`ArrayBox` wraps an ``ndarray`` or a NumPy scalar being traced, with
the behaviour of an ndarray: operators, methods, indexing, ``len`` and
iteration (a traced NumPy scalar can be indexed too: ``np.sum(x)[None]``).
Every operator and method calls an ``autograd.numpy`` function, so
``x @ W + b`` records ``matmul`` and ``add``.  ``__array_ufunc__`` and
``__array_function__`` route plain NumPy calls (``numpy.sin(box)``,
``numpy.sum(box)``) to the same wrappers.

It is one class, the one HIPS autograd's users know
(``autograd.numpy.numpy_boxes.ArrayBox``): downstream code constructs it
itself (``ArrayBox(value, trace, node)``), patches its methods at run time
and picks a backend from ``type(x).__module__``, which is therefore
``autograd.numpy.numpy_boxes``.

Conversions: ``numpy.array([box, box])`` is an object array of boxes, as in
HIPS autograd (``autograd.numpy.array`` turns such an array back into one
traced array).  Asking for a *numeric* array (``numpy.asarray(box, float)``,
``a[:2] = box``) or a ``float`` raises a ``TypeError`` that says what to do.
Writing a traced scalar into one element of a plain array (``a[i] = x``)
raises NumPy's "setting an array element with a sequence" ``ValueError``
(NumPy's wording for anything indexable), caused by that same ``TypeError``.

:func:`register` installs the boxes and vector spaces in the core and makes
the core's float/complex boxes interoperate with arrays (``x * ndarray`` and
``numpy.sin(x)`` for a traced Python float).  It runs on import and is
idempotent; the plugin's value-types loader calls it too.
"""

from types import FunctionType as _FunctionType

import numpy as onp

from autograd.extend import (
    BatchHooks, BatchingError, Box, getval, is_constant, register_array_protocol,
    register_batch_box, register_batch_type, register_operand_type,
)

from . import assignment as _assignment
from . import numpy_vspaces
from . import numpy_wrapper as anp
from .array_subclasses import adopt_array_subclass  # noqa: F401  (its earlier home)
from .dispatch import dispatch_function, dispatch_ufunc
from .util import StackedArray
from .wrapping import wrapper_for

__all__ = ["ArrayBox", "NDArrayBox", "WritingArrayBox", "adopt_array_subclass", "array_operand",
           "register", "StackedArray"]

_CONVERSION_HELP = (
    "Converting a traced value to a plain {what} would silently drop its gradient. "
    "This happens when a traced value is written into a plain ndarray (a[i] = x) or "
    "passed to code that calls numpy.asarray/float on it. To write traced values into "
    "an array, create the array inside the differentiated function with autograd.numpy "
    "(autograd.numpy.zeros, empty, ones, full, zeros_like, ...) or copy a traced value "
    "(autograd.numpy.array(x), x.copy()): such arrays take traced values (a[i] = x, "
    "a += x). Call "
    "autograd.stop_gradient(x) if a constant is really meant."
)


# ufunc -> its primitive (the ``primitive`` of its autograd.numpy wrapper), or
# False where the wrapper is something else: dispatch_ufunc decides then
_ufunc_primitives = {}


def _ufunc_primitive(ufunc):
    prim = getattr(wrapper_for(ufunc), "primitive", None)
    prim = False if prim is None else prim
    try:
        _ufunc_primitives[ufunc] = prim
    except TypeError:       # (an unhashable ufunc-like object: not cached)
        pass
    return prim


def _binary(fun):
    fun = getattr(fun, "primitive", fun)   # a ufunc's primitive itself (no out= to look for)

    def forward(self, other):
        return fun(self, other)

    if type(fun) is _FunctionType:
        forward = fun       # a Python function binds as the method itself: one call less

    def reflected(self, other):
        return fun(other, self)

    return forward, reflected


def _unpack_shape(args):
    """``x.reshape(2, 3)`` and ``x.reshape((2, 3))`` mean the same."""
    if len(args) == 1 and (args[0] is None or isinstance(args[0], (tuple, list))):
        return args[0]
    return args


class ArrayBox(Box):
    """A traced ``ndarray`` or NumPy scalar."""

    # NumPy views between traced arrays (autograd_numpy.assignment): the views
    # taken of this array, and what this array is a view of
    __slots__ = ("_views", "_viewof")
    __module__ = "autograd.numpy.numpy_boxes"   # the HIPS path (see the module docstring)
    __array_priority__ = 100.0

    # -- properties
    @property
    def shape(self):
        return self._value.shape

    @property
    def ndim(self):
        return self._value.ndim

    @property
    def size(self):
        return self._value.size

    @property
    def dtype(self):
        return self._value.dtype

    @property
    def flat(self):
        return _assignment.FlatIndexer(self)

    @property
    def T(self):
        return _view(self, anp.transpose(self), anp.transpose)

    @property
    def mT(self):
        return _view(self, anp.swapaxes(self, -1, -2), _swap_last)

    def _real(self):    # Box.real / Box.imag call these (so Box.real = ... reaches arrays)
        return _complex_part(self, anp.real, "real")

    def _imag(self):
        return _complex_part(self, anp.imag, "imag")

    # -- arithmetic
    __add__, __radd__ = _binary(anp.add)
    __sub__, __rsub__ = _binary(anp.subtract)
    __mul__, __rmul__ = _binary(anp.multiply)
    __truediv__, __rtruediv__ = _binary(anp.true_divide)
    __floordiv__, __rfloordiv__ = _binary(anp.floor_divide)
    __mod__, __rmod__ = _binary(anp.remainder)
    __pow__, __rpow__ = _binary(anp.power)
    __matmul__, __rmatmul__ = _binary(anp.matmul)
    __and__, __rand__ = _binary(anp.bitwise_and)
    __or__, __ror__ = _binary(anp.bitwise_or)
    __xor__, __rxor__ = _binary(anp.bitwise_xor)
    __lshift__, __rlshift__ = _binary(anp.left_shift)
    __rshift__, __rrshift__ = _binary(anp.right_shift)

    def __divmod__(self, other):
        return anp.floor_divide(self, other), anp.remainder(self, other)

    def __rdivmod__(self, other):
        return anp.floor_divide(other, self), anp.remainder(other, self)

    def __neg__(self):
        return anp.negative(self)

    def __pos__(self):
        return anp.positive(self)

    def __abs__(self):
        return anp.absolute(self)

    def __invert__(self):
        return anp.invert(self)

    # -- comparisons (non-differentiable: plain boolean results)
    def __eq__(self, other):
        return anp.equal(self, other)

    def __ne__(self, other):
        return anp.not_equal(self, other)

    def __lt__(self, other):
        return anp.less(self, other)

    def __le__(self, other):
        return anp.less_equal(self, other)

    def __gt__(self, other):
        return anp.greater(self, other)

    def __ge__(self, other):
        return anp.greater_equal(self, other)

    __hash__ = Box.__hash__

    # -- conversions
    def __float__(self):
        if is_constant(self):
            return float(self._value)
        raise TypeError(_CONVERSION_HELP.format(what="float"))

    def __complex__(self):
        if is_constant(self):
            return complex(self._value)
        raise TypeError(_CONVERSION_HELP.format(what="complex number"))

    def __array__(self, dtype=None, copy=None):
        if is_constant(self):        # an array made in the function, holding no traced value
            value = self._value
            return value if dtype is None else value.astype(dtype, copy=False)
        kind = "O" if dtype is None else onp.dtype(dtype).kind
        if kind == "O":
            # ``numpy.array([x, y])``: an object array of (element) boxes, as
            # NumPy builds from any indexable object; each element stays traced.
            return _object_array(self)
        # An integer or boolean result is piecewise constant, like int(x): this
        # is what ``numpy.int64(x)`` and ``numpy.asarray(x, dtype=bool)`` ask for.
        if kind in "biu":
            return onp.asarray(getval(self)).astype(dtype)
        raise TypeError(_CONVERSION_HELP.format(what="NumPy array"))

    def __int__(self):
        return int(self._value)

    def __index__(self):
        return self._value.__index__()

    def __round__(self, ndigits=None):
        return round(self._value, ndigits)

    # -- NumPy's array protocols
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if method == "__call__" and not kwargs:
            # a plain call with this box among the inputs (``ndarray @ box``):
            # what dispatch_ufunc ends in, the ufunc's primitive, directly
            prim = _ufunc_primitives.get(ufunc)
            if prim is None:
                prim = _ufunc_primitive(ufunc)
            if prim is not False:
                return prim(*inputs)
        return dispatch_ufunc(ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        return dispatch_function(func, args, kwargs)

    # -- indexing and iteration
    def __getitem__(self, idx):
        idx = _assignment.unboxed_index(idx)   # indices are never differentiated
        out = anp.getitem(self, idx)
        # NumPy gives a view for a basic index with an array result: writes are shared
        if type(out) is ArrayBox:
            if type(getval(out)) is not _ndarray or not _assignment.is_basic_index(idx):
                return out
        elif type(out) is not _ndarray or not _assignment.is_basic_index(idx):
            return out       # (an array from a constant box: made a constant view below)
        return _view(self, out, lambda b: anp.getitem(b, idx))

    def __setitem__(self, idx, value):
        _assignment.setitem(self, idx, value)

    # -- in-place operators: the array itself changes, as in NumPy
    def __iadd__(self, other):
        return _assignment.inplace(self, anp.add, other, "add")

    def __isub__(self, other):
        return _assignment.inplace(self, anp.subtract, other, "subtract")

    def __imul__(self, other):
        return _assignment.inplace(self, anp.multiply, other, "multiply")

    def __itruediv__(self, other):
        return _assignment.inplace(self, anp.true_divide, other, "divide")

    def __ifloordiv__(self, other):
        return _assignment.inplace(self, anp.floor_divide, other, "floor_divide")

    def __imod__(self, other):
        return _assignment.inplace(self, anp.remainder, other, "remainder")

    def __ipow__(self, other):
        return _assignment.inplace(self, anp.power, other, "power")

    def __imatmul__(self, other):
        return _assignment.inplace(self, anp.matmul, other, "matmul")

    def fill(self, value):
        _assignment.setitem(self, Ellipsis, value)

    def sort(self, axis=-1, kind=None, order=None):
        _assignment.setitem(self, Ellipsis, anp.sort(self, axis=axis, kind=kind, order=order))

    def __len__(self):
        return len(self._value)   # a TypeError for scalars and 0-d arrays, as in NumPy

    def __iter__(self):
        if onp.ndim(self._value) == 0:
            raise TypeError("iteration over a 0-d array")
        return (anp.getitem(self, i) for i in range(len(self._value)))

    # -- methods
    def copy(self, order="C"):
        # NumPy scalars are immutable: the copy of one is the value itself
        if isinstance(getval(self), onp.generic):
            return self
        out = anp.array_copy(self)
        # a copy of an array made in the function can take traced values too
        return _assignment.constant_box(out) if is_constant(self) else out

    def dot(self, b, out=None):
        return anp.dot(self, b)

    def reshape(self, *shape, order="C", copy=None):
        shape = _unpack_shape(shape)
        return _view(self, anp.reshape(self, shape, order=order),
                     lambda b: anp.reshape(b, shape, order=order))

    def transpose(self, *axes):
        axes = _unpack_shape(axes) or None
        return _view(self, anp.transpose(self, axes), lambda b: anp.transpose(b, axes))

    def view(self, dtype=None, type=None):
        if dtype is not None or type is not None:
            raise TypeError(
                "ndarray.view(dtype/type) of a traced array reinterprets its memory, which "
                "has no derivative; call .view() without arguments for a view, or astype.")
        shape = self.shape
        return _view(self, anp.reshape(self, shape), lambda b: anp.reshape(b, shape),
                     always=True)

    def swapaxes(self, axis1, axis2):
        return _view(self, anp.swapaxes(self, axis1, axis2),
                     lambda b: anp.swapaxes(b, axis1, axis2))

    def squeeze(self, axis=None):
        return _view(self, anp.squeeze(self, axis), lambda b: anp.squeeze(b, axis))

    def ravel(self, order="C"):
        return _view(self, anp.ravel(self, order), lambda b: anp.ravel(b, order))

    def flatten(self, order="C"):
        return anp.ravel(self, order)

    def astype(self, dtype, order="K", casting="unsafe", subok=True, copy=True):
        return anp.astype_prim(self, dtype)

    def sum(self, *args, **kwargs):
        return anp.sum(self, *args, **kwargs)

    def mean(self, *args, **kwargs):
        return anp.mean(self, *args, **kwargs)

    def prod(self, *args, **kwargs):
        return anp.prod(self, *args, **kwargs)

    def var(self, *args, **kwargs):
        return anp.var(self, *args, **kwargs)

    def std(self, *args, **kwargs):
        return anp.std(self, *args, **kwargs)

    def max(self, *args, **kwargs):
        return anp.max(self, *args, **kwargs)

    def min(self, *args, **kwargs):
        return anp.min(self, *args, **kwargs)

    def ptp(self, *args, **kwargs):
        return anp.ptp(self, *args, **kwargs)

    def cumsum(self, *args, **kwargs):
        return anp.cumsum(self, *args, **kwargs)

    def cumprod(self, *args, **kwargs):
        return anp.cumprod(self, *args, **kwargs)

    def clip(self, *args, **kwargs):
        return anp.clip(self, *args, **kwargs)

    def conj(self):
        return anp.conjugate(self)

    conjugate = conj

    def round(self, decimals=0):
        return anp.round(self, decimals)

    def trace(self, *args, **kwargs):
        return anp.trace(self, *args, **kwargs)

    def diagonal(self, *args, **kwargs):
        return _view(self, anp.diagonal(self, *args, **kwargs),
                     lambda b: anp.diagonal(b, *args, **kwargs), "readonly")

    def take(self, *args, **kwargs):
        return anp.take(self, *args, **kwargs)

    def repeat(self, *args, **kwargs):
        return anp.repeat(self, *args, **kwargs)

    def all(self, *args, **kwargs):
        return anp.all(self, *args, **kwargs)

    def any(self, *args, **kwargs):
        return anp.any(self, *args, **kwargs)

    def argmax(self, *args, **kwargs):
        return anp.argmax(self, *args, **kwargs)

    def argmin(self, *args, **kwargs):
        return anp.argmin(self, *args, **kwargs)

    def argsort(self, *args, **kwargs):
        return anp.argsort(self, *args, **kwargs)

    def nonzero(self):
        return anp.nonzero(self)

    def item(self, *args):
        if is_constant(self):
            return self._value.item(*args)
        raise TypeError(_CONVERSION_HELP.format(what="Python number (.item())"))

    def tolist(self):
        if is_constant(self):
            return self._value.tolist()
        raise TypeError(_CONVERSION_HELP.format(what="list (.tolist())"))


_view = _assignment.view_of
_ndarray = onp.ndarray


def _swap_last(b):
    return anp.swapaxes(b, -1, -2)


def _complex_part(box, part, kind):
    out = part(box)
    if onp.iscomplexobj(getval(box)):
        return _view(box, out, part, kind, always=True)
    return out if kind == "imag" else _view(box, out, part, always=True)   # real of real


# Older name of the array box (arrays and scalars now share one class).
NDArrayBox = ArrayBox


class WritingArrayBox(ArrayBox):
    """An :class:`ArrayBox` with writes not recorded yet (see :mod:`autograd_numpy.assignment`).

    A box takes this class at its first write and gives it up when it is read:
    reading ``_value`` or ``_node`` (what the engine does with any argument)
    records the pending writes first.  Shape and dtype do not need that.
    """

    __slots__ = ()
    __module__ = "autograd.numpy.numpy_boxes"

    _value = property(_assignment.flushed_value)
    _node = property(_assignment.flushed_node)

    @property
    def shape(self):
        return _assignment.raw_value(self).shape

    @property
    def ndim(self):
        return _assignment.raw_value(self).ndim

    @property
    def size(self):
        return _assignment.raw_value(self).size

    @property
    def dtype(self):
        return _assignment.raw_value(self).dtype

    def __len__(self):
        return len(_assignment.raw_value(self))


_assignment.bind(ArrayBox, WritingArrayBox)


def _object_array(box):
    """An object array of ``box``'s shape holding its elements as boxes."""
    shape = onp.shape(box._value)
    out = onp.empty(shape, dtype=object)
    if shape == ():
        out[()] = box
    else:
        for idx in onp.ndindex(*shape):
            out[idx] = anp.getitem(box, idx)
    return out


# ----------------------------------------------------------------- registration

_OPERATORS = {
    "add": anp.add, "subtract": anp.subtract, "multiply": anp.multiply,
    "true_divide": anp.true_divide, "floor_divide": anp.floor_divide,
    "remainder": anp.remainder, "power": anp.power,
}


def array_operand(opname, box, other, reflected):
    """``float_box <op> array``: the ``autograd.numpy`` operation, traced.

    The handler this add-on registers for ndarrays and NumPy scalars; an
    array type whose operations are ``autograd.numpy``'s (CuPy, Dask) registers
    it too: ``register_operand_type(cupy.ndarray, array_operand)``.
    """
    fun = _OPERATORS[opname]
    return fun(other, box) if reflected else fun(box, other)


def _scalar_box_ufunc(box, ufunc, method, inputs, kwargs):
    return dispatch_ufunc(ufunc, method, inputs, kwargs)


def _scalar_box_function(box, func, types, args, kwargs):
    return dispatch_function(func, args, kwargs)


# ----------------------------------------------------------------- vmap

class ArrayBatchHooks(BatchHooks):
    """How ``vmap`` stacks, splits and moves the axes of arrays (traced or not)."""

    stacked_type = StackedArray

    def mark_stacked(self, value):
        return value.view(StackedArray)

    def stack(self, values):
        return anp.stack(values)

    def take(self, value, i):
        return value[i]

    def moveaxis(self, value, src, dst):
        return value if src == dst else anp.moveaxis(value, src, dst)

    def shape(self, value):
        return tuple(value.shape) if isinstance(value, Box) else onp.shape(value)

    def concat(self, values):
        return anp.concatenate(values)

    def reshape(self, value, shape):
        return anp.reshape(value, shape)


def _batched_getitem(self, idx):
    # no view tracking: a batch box never takes writes
    return anp.getitem(self, _assignment.unboxed_index(idx))


def _batched_write(self, *args):
    raise BatchingError(
        "vmap: writing into a batched array (a[i] = v, a += v) is not supported; build "
        "the value with array operations (numpy.where, concatenate, stack) or write the "
        "out-of-place form (a = a + v)")


_BATCHED_ARRAY_METHODS = {
    "__getitem__": _batched_getitem,
    "__setitem__": _batched_write,
    "fill": _batched_write,
    # x += y on a batch box rebinds x to x + y (a batch box is never written)
    "__iadd__": ArrayBox.__add__, "__isub__": ArrayBox.__sub__, "__imul__": ArrayBox.__mul__,
    "__itruediv__": ArrayBox.__truediv__, "__ifloordiv__": ArrayBox.__floordiv__,
    "__imod__": ArrayBox.__mod__, "__ipow__": ArrayBox.__pow__,
    "__imatmul__": ArrayBox.__matmul__,
}


def register():
    """Install array boxes, vector spaces and scalar-box interop (idempotent)."""
    numpy_vspaces.register()
    ArrayBox.register(onp.ndarray)
    register_batch_box(ArrayBox, _BATCHED_ARRAY_METHODS)
    hooks = ArrayBatchHooks()
    register_batch_type(onp.ndarray, hooks)
    for t in numpy_vspaces.SCALAR_TYPES:
        register_batch_type(t, hooks)
    for t in numpy_vspaces.SCALAR_TYPES:
        ArrayBox.register(t)
        register_operand_type(t, array_operand)
    register_operand_type(onp.ndarray, array_operand)
    register_array_protocol("ufunc", _scalar_box_ufunc)
    register_array_protocol("function", _scalar_box_function)


register()
