"""Dask arrays as differentiable values: their box and their vector spaces.

:class:`DaskArrayBox` is autograd-numpy's ``ArrayBox`` (every operator and
method calls an ``autograd.numpy`` function) for a ``dask.array.Array`` value.
The NumPy rules run on it unchanged: a primitive calls the NumPy function on
the dask array, and dask answers through NumPy's array protocols with another
lazy dask array.  So tracing builds a dask graph and computes nothing.

The vector spaces (:class:`DaskArrayVSpace` and its complex and integer
variants) make what the engine creates lazy too: ``zeros``/``ones`` (the seed
of a gradient, the zero gradient) are ``dask.array.zeros``/``ones`` with the
value's chunks, cotangents are added out of place (dask arrays are immutable),
and ``randn``/``unflatten``/``standard_basis`` give dask arrays with the
value's chunks.  ``flatten`` computes: it returns Python floats.

A space has the shape and dtype of its values and equals the NumPy space of
that shape and dtype: a gradient is an element of the input's space whether
it is a dask array or an ndarray (the gradient with respect to a NumPy
parameter of a function of dask data is a dask array).

Only dask arrays of NumPy chunks are differentiable here.  A dask array whose
chunks are of another array type -- what dask builds when a dask array meets
a CuPy or pydata/sparse array -- is refused, naming both types
(:func:`check_chunks`), as is a dask array of unknown shape (NaN chunk sizes).
"""

import math

import dask.array as da
import numpy as onp

import autograd.numpy as anp
from autograd.extend import Box, getval, isbox, register_operand_type, register_value_type
from autograd.numpy.numpy_boxes import ArrayBox, array_operand
from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace, IntegerArrayVSpace

__all__ = ["DaskArrayBox", "DaskArrayVSpace", "DaskComplexArrayVSpace", "DaskIntegerArrayVSpace",
           "dask_vspace", "check_chunks", "register"]

_DaskArray = da.Array
_ndarray = onp.ndarray


# ----------------------------------------------------------------- checks

def _type_name(t):
    mod = getattr(t, "__module__", "") or ""
    return f"{mod.split('.')[0]}.{t.__name__}" if mod and mod != "builtins" else t.__name__


def check_chunks(value):
    """Raise a ``TypeError`` unless the dask array ``value`` has NumPy chunks.

    dask computes ``dask_array * cupy_array`` (or a pydata/sparse array) as a
    dask array whose chunks are CuPy (sparse) arrays; its gradient would mix
    array types in one graph and fail, if at all, only when computed.
    """
    meta = getattr(value, "_meta", None)
    if meta is None or isinstance(meta, _ndarray):
        return value
    other = _type_name(type(meta))
    raise TypeError(
        f"autograd-dask differentiates dask arrays of NumPy chunks, but this dask.array.Array "
        f"has chunks of type {other}: a dask array was mixed with a {other} array (or built "
        f"from one). Mixing array backends in one differentiated function is not supported: "
        f"convert one side first, e.g. x.map_blocks(...) to NumPy chunks, or the {other} "
        "array to a NumPy array (dask.array.from_array(numpy.asarray(...)) for data).")


def _known_shape(value):
    shape = value.shape
    if any(isinstance(n, float) and math.isnan(n) for n in shape):
        raise TypeError(
            "Can't differentiate a dask array of unknown shape (NaN chunk sizes, e.g. after "
            "boolean indexing x[x > 0]): call x.compute_chunk_sizes() first, or write the "
            "selection with autograd.numpy.where(mask, x, 0).")
    return shape


# ----------------------------------------------------------------- vector spaces

class _DaskSpace:
    """What the dask spaces change in the NumPy ones: values are lazy dask arrays."""

    __slots__ = ()

    def _init(self, value):
        check_chunks(value)
        self.shape = _known_shape(value)
        self.chunks = value.chunks

    def _lazy(self, array):
        return da.from_array(array, chunks=self.chunks)

    def zeros(self):
        return da.zeros(self.shape, dtype=self.dtype, chunks=self.chunks)

    def ones(self):
        return da.ones(self.shape, dtype=self.dtype, chunks=self.chunks)

    def standard_basis(self):
        for unit in super().standard_basis():
            yield self._lazy(unit)

    def randn(self, rng=None):
        return self._lazy(super().randn(rng))

    def unflatten(self, reals):
        return self._lazy(super().unflatten(reals))

    def flatten(self, x):
        return super().flatten(onp.asarray(getval(x)))     # numbers out: this computes

    def mut_add(self, x, y):
        return x + y          # dask arrays are immutable: never in place

    def as_element(self, v):
        """``v`` with the value's chunks (the gradient keeps the input's chunks).

        The chunks of a cotangent follow the graph that made it (a NumPy operand
        enters as one chunk, products and reshapes chunk their results their own
        way), so the gradient handed to the user is rechunked to the input's chunks.
        """
        value = getval(v)
        if type(v) is _ndarray:       # a rule's NumPy result (a constant cotangent)
            return da.from_array(v, chunks=self.chunks)
        if not isinstance(value, _DaskArray) or value.chunks == self.chunks:
            return v
        from .rules import rechunk
        return rechunk(v, self.chunks)

    def stack(self, rows, outer_shape):
        outer_shape = tuple(outer_shape)
        if outer_shape == ():
            return rows[0]
        # numpy.stack dispatches to dask.array.stack (or traces, for boxed rows)
        return onp.reshape(onp.stack(rows), outer_shape + tuple(self.shape))

    def _twin(self):
        """The NumPy space of the same shape and dtype (this space equals it)."""
        twin = ArrayVSpace.__new__(ComplexArrayVSpace if self.iscomplex else ArrayVSpace)
        twin.shape, twin.dtype = self.shape, self.dtype
        return twin

    def __eq__(self, other):
        if isinstance(other, _DaskSpace):
            other = other._twin()
        return self._twin() == other

    def __hash__(self):
        return hash(self._twin())

    def __repr__(self):
        return f"{type(self).__name__}(shape={self.shape}, dtype={self.dtype}, chunks={self.chunks})"


class DaskArrayVSpace(_DaskSpace, ArrayVSpace):
    """Real floating dask arrays of a fixed shape and dtype."""

    __slots__ = ("chunks",)

    def __init__(self, value):
        self.dtype = value.dtype
        self._init(value)


class DaskComplexArrayVSpace(_DaskSpace, ComplexArrayVSpace):
    """Complex dask arrays: two real coordinates per element."""

    __slots__ = ("chunks",)

    def __init__(self, value):
        self.dtype = value.dtype
        self._init(value)

    def ones(self):
        return da.full(self.shape, 1 + 1j, dtype=self.dtype, chunks=self.chunks)


class DaskIntegerArrayVSpace(_DaskSpace, IntegerArrayVSpace):
    """Integer and boolean dask arrays: points of the float64 space of their shape."""

    __slots__ = ("chunks",)

    def __init__(self, value):
        self.dtype = onp.dtype(onp.float64)
        self.value_dtype = value.dtype
        self._init(value)


def dask_vspace(value):
    """The space of a dask array (raises ``TypeError`` for non-numeric dtypes)."""
    if isbox(value):
        value = getval(value)
    kind = value.dtype.kind
    if kind == "f":
        return DaskArrayVSpace(value)
    if kind == "c":
        return DaskComplexArrayVSpace(value)
    if kind in "iub":
        return DaskIntegerArrayVSpace(value)
    raise TypeError(
        f"Can't differentiate w.r.t. a dask array of dtype {value.dtype}: only numeric arrays "
        "have gradients. Convert it to float first, e.g. x.astype(float).")


# ----------------------------------------------------------------- the box

_NO_WRITES = (
    "A traced dask array can't be written in place ({what}): dask arrays are immutable "
    "values here. Build the new array instead, e.g. autograd.numpy.where(mask, value, x) "
    "or autograd.numpy.concatenate([...]).")


def _of_value(name):
    """The attribute ``name`` of the box's dask array, read-only."""
    return property(lambda self: getattr(self._value, name))


class DaskArrayBox(ArrayBox):
    """A traced ``dask.array.Array``: an ``ArrayBox`` whose value is lazy."""

    __slots__ = ()

    def __init__(self, value, trace, node):
        check_chunks(value)
        Box.__init__(self, value, trace, node)

    # -- dask's own attributes (constants)
    chunks = _of_value("chunks")
    chunksize = _of_value("chunksize")
    numblocks = _of_value("numblocks")
    npartitions = _of_value("npartitions")

    def rechunk(self, chunks="auto", **kwargs):
        from .rules import rechunk
        return rechunk(self, chunks, **kwargs)

    def compute(self, **kwargs):
        raise TypeError(
            "compute() of a traced dask array: its value is needed for the gradient, which "
            "stays lazy. Return the array from the differentiated function and compute "
            "afterwards (dask.compute(value, gradient) computes both in one pass).")

    persist = compute

    # -- no writes into a traced dask array
    def __setitem__(self, idx, value):
        raise TypeError(_NO_WRITES.format(what="x[idx] = value"))

    def fill(self, value):
        raise TypeError(_NO_WRITES.format(what="x.fill(value)"))

    def sort(self, axis=-1, kind=None, order=None):
        raise TypeError(_NO_WRITES.format(what="x.sort(); use autograd.numpy.sort(x)"))

    # ``x op= y`` rebinds ``x`` to ``x op y`` (dask has no in-place operators)
    __iadd__, __isub__, __imul__ = ArrayBox.__add__, ArrayBox.__sub__, ArrayBox.__mul__
    __itruediv__, __ifloordiv__ = ArrayBox.__truediv__, ArrayBox.__floordiv__
    __imod__, __ipow__, __imatmul__ = ArrayBox.__mod__, ArrayBox.__pow__, ArrayBox.__matmul__

    # -- dask's reshape and ravel take no order argument: pass it only when asked
    def reshape(self, *shape, order="C"):
        if len(shape) == 1 and (shape[0] is None or isinstance(shape[0], (tuple, list))):
            shape = shape[0]
        return anp.reshape(self, shape) if order == "C" else anp.reshape(self, shape, order=order)

    def ravel(self, order="C"):
        return anp.ravel(self) if order == "C" else anp.ravel(self, order)

    flatten = ravel

    @property
    def flat(self):
        raise AttributeError("a dask array has no .flat; use x.ravel()[i]")


def register():
    """Make dask arrays differentiable (idempotent; the plugin's value-types loader)."""
    register_value_type(_DaskArray, box=DaskArrayBox, vspace=dask_vspace)
    register_operand_type(_DaskArray, array_operand)   # float_box * dask_array: traced


register()
