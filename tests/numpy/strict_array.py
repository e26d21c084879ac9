"""A test-only array backend that behaves like CuPy where it matters: it refuses
to become an ``ndarray``.

:class:`StrictArray` wraps an ndarray and implements NumPy's array protocols
(``__array_ufunc__``, ``__array_function__``) by running NumPy on the wrapped
data and wrapping the results again, so ``numpy.sin(s)`` and ``numpy.sum(s)``
are StrictArrays.  Like ``cupy.ndarray`` it

* raises from ``__array__`` (``numpy.asarray(s)`` is an error, not a silent
  copy: on a GPU it would be a round trip through the host);
* refuses ndarrays as ufunc operands (CuPy raises "Unsupported type
  numpy.ndarray"): a rule that builds a constant with ``numpy.zeros(shape)`` or
  ``numpy.arange(n)`` and mixes it with a StrictArray fails.  Other functions
  refuse floating and complex ndarrays but accept integer and boolean ones
  (index arrays, as CuPy accepts them as indices);
* offers ``get()`` (CuPy's explicit copy to the host), which raises inside
  :func:`no_host_transfers`, as do ``tolist()`` and ``__array__`` always.

The box and vector space are registered with autograd's public API only
(:func:`register`), the way a backend plugin does it: the array box of
``autograd.numpy.numpy_boxes`` and a subclass of ``ArrayVSpace`` whose
elements are StrictArrays.  ``tests/numpy/test_backend_conformance.py`` runs
the NumPy rules on it.
"""

import contextlib
import threading

import numpy as onp
from numpy.lib.mixins import NDArrayOperatorsMixin

__all__ = ["StrictArray", "HostTransferError", "wrap", "unwrap", "no_host_transfers", "register"]

_state = threading.local()


class HostTransferError(TypeError):
    """Data of a StrictArray was asked to leave the "device"."""


def _host_allowed():
    return getattr(_state, "host_allowed", True)


@contextlib.contextmanager
def no_host_transfers():
    """Inside the block, ``get()``/``tolist()`` of a StrictArray raise (``__array__`` always does)."""
    old = _host_allowed()
    _state.host_allowed = False
    try:
        yield
    finally:
        _state.host_allowed = old


def _check_operand(x, what, ufunc=False):
    # CuPy's ufuncs take no ndarray at all; its functions take integer/boolean
    # host arrays where they are indices (take, take_along_axis, indexing)
    if type(x) is onp.ndarray and (ufunc or x.dtype.kind in "fc"):
        raise TypeError(f"StrictArray: unsupported operand of {what}: a numpy.ndarray of dtype "
                        f"{x.dtype} (a backend array does not mix with host arrays)")
    return x


def _foreign(x):
    return (type(x) is not StrictArray and not isinstance(x, onp.ndarray)
            and hasattr(type(x), "__array_ufunc__"))


def unwrap(x, what="?", ufunc=False):
    """The data under StrictArrays, in nested lists/tuples/dicts too; ndarray operands checked."""
    if type(x) is StrictArray:
        return x._data
    if isinstance(x, (list, tuple)):
        items = [unwrap(v, what, ufunc) for v in x]
        return type(x)(items) if type(x) in (list, tuple) else type(x)(*items)
    if isinstance(x, dict):
        return {k: unwrap(v, what, ufunc) for k, v in x.items()}
    return _check_operand(x, what, ufunc)


def wrap(x):
    """StrictArrays for the ndarrays in ``x`` (nested tuples, lists, named tuples)."""
    if type(x) is onp.ndarray:
        return StrictArray(x)
    if isinstance(x, onp.generic):
        # CuPy has no scalars: reductions give 0-d arrays
        return StrictArray(onp.asarray(x))
    if isinstance(x, tuple):
        items = [wrap(v) for v in x]
        return tuple(items) if type(x) is tuple else type(x)(*items)
    if isinstance(x, list):
        return [wrap(v) for v in x]
    return x


_UPLOADS = (onp.asarray, onp.array, onp.asanyarray)


class StrictArray(NDArrayOperatorsMixin):
    """An ndarray-like array that is never silently converted to an ndarray."""

    __slots__ = ("_data",)
    __array_priority__ = 50.0

    def __init__(self, data):
        if type(data) is StrictArray:
            data = data._data
        if type(data) is not onp.ndarray:
            raise TypeError(f"StrictArray wraps an ndarray, not {type(data).__name__}")
        self._data = data

    # -- the protocols
    def __array__(self, *args, **kwargs):
        raise HostTransferError(
            "Implicit conversion of a StrictArray to a NumPy array is not allowed (as for "
            "cupy.ndarray); use .get() to copy it explicitly.")

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any(_foreign(x) for x in inputs + kwargs.get("out", ())):
            return NotImplemented   # (NEP 13: let the other type's override answer)
        what = f"numpy.{ufunc.__name__}"
        if "out" in kwargs:
            kwargs["out"] = tuple(unwrap(o, what) for o in kwargs["out"])
        if method == "at":      # (a, indices[, b]): host index arrays are fine, as in indexing
            args = (unwrap(inputs[0], what, ufunc=True), unwrap(inputs[1], what),
                    *unwrap(inputs[2:], what, ufunc=True))
        else:
            args = unwrap(inputs, what, ufunc=True)
        result = getattr(ufunc, method)(*args, **unwrap(kwargs, what, ufunc=True))
        if method == "at":
            return None
        return wrap(result)

    def __array_function__(self, func, types, args, kwargs):
        if not all(issubclass(t, (StrictArray, onp.ndarray)) for t in types):
            return NotImplemented
        what = f"numpy.{func.__name__}"
        if func in _UPLOADS:
            # numpy.asarray(data, like=s): an explicit upload (cupy.asarray(host_data))
            return wrap(onp.array(func(*args, **kwargs)))
        return wrap(func(*unwrap(args, what), **unwrap(kwargs, what)))

    # -- explicit transfers (CuPy: get(), tolist())
    def get(self):
        if not _host_allowed():
            raise HostTransferError("StrictArray.get() (a copy to the host) inside no_host_transfers()")
        return self._data.copy()

    def tolist(self):
        if not _host_allowed():
            raise HostTransferError("StrictArray.tolist() inside no_host_transfers()")
        return self._data.tolist()

    # scalar conversions synchronise a single number (CuPy allows them)
    def item(self, *args):
        return self._data.item(*args)

    def __float__(self):
        return float(self._data)

    def __complex__(self):
        return complex(self._data)

    def __int__(self):
        return int(self._data)

    def __index__(self):
        return self._data.__index__()

    def __bool__(self):
        return bool(self._data)

    # -- attributes
    shape = property(lambda self: self._data.shape)
    dtype = property(lambda self: self._data.dtype)
    ndim = property(lambda self: self._data.ndim)
    size = property(lambda self: self._data.size)
    itemsize = property(lambda self: self._data.itemsize)
    nbytes = property(lambda self: self._data.nbytes)
    strides = property(lambda self: self._data.strides)
    T = property(lambda self: StrictArray(self._data.T))
    mT = property(lambda self: StrictArray(onp.swapaxes(self._data, -1, -2)))
    real = property(lambda self: StrictArray(onp.asarray(self._data.real)))
    imag = property(lambda self: StrictArray(onp.asarray(self._data.imag)))

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __getitem__(self, index):
        return wrap(self._data[unwrap(index, "indexing")])

    def __setitem__(self, index, value):
        self._data[unwrap(index, "indexing")] = unwrap(value, "assignment")

    def __repr__(self):
        return f"StrictArray({self._data!r})"

    def __getattr__(self, name):
        # every other ndarray method, on the data, results wrapped again; the
        # conversion hooks NumPy looks for (__array_interface__ ...) stay absent
        if name.startswith("__"):
            raise AttributeError(name)
        attr = getattr(self._data, name)
        if not callable(attr):
            return wrap(attr)

        def method(*args, **kwargs):
            return wrap(attr(*unwrap(args, f"ndarray.{name}"), **unwrap(kwargs, f"ndarray.{name}")))

        return method


# ----------------------------------------------------------------- autograd registration

_registered = []


def register():
    """The box and vector space of StrictArray, through autograd's public API (idempotent)."""
    if _registered:
        return
    from autograd.extend import register_vspace
    from autograd.numpy.numpy_boxes import ArrayBox
    from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace

    class _StrictSpace:
        """Elements are StrictArrays: what the space creates stays on the "device"."""

        def zeros(self):
            return StrictArray(onp.zeros(self.shape, self.dtype))

        def ones(self):
            return StrictArray(onp.asarray(super().ones()))

        def standard_basis(self):
            for v in super().standard_basis():
                yield StrictArray(onp.asarray(v))

        def randn(self, rng=None):
            return StrictArray(onp.asarray(super().randn(rng)))

        def mut_add(self, x, y):
            return x + y

        def flatten(self, x):
            from autograd.extend import getval
            return super().flatten(getval(x).get())

        def unflatten(self, reals):
            return StrictArray(onp.asarray(super().unflatten(reals)))

        def stack(self, rows, outer_shape):
            import autograd.numpy as anp
            return anp.reshape(anp.stack(rows), tuple(outer_shape) + tuple(self.shape))

        def leading_cotangents(self, v):
            return None

    class StrictArrayVSpace(_StrictSpace, ArrayVSpace):
        __slots__ = ()

    class StrictComplexArrayVSpace(_StrictSpace, ComplexArrayVSpace):
        __slots__ = ()

    def strict_vspace(value):
        from autograd.extend import getval
        value = getval(value)
        if value.dtype.kind == "c":
            return StrictComplexArrayVSpace(value)
        if value.dtype.kind == "f":
            return StrictArrayVSpace(value)
        raise TypeError(f"StrictArray of dtype {value.dtype} has no gradient space")

    ArrayBox.register(StrictArray)
    register_vspace(StrictArray, strict_vspace)
    _registered.append((StrictArrayVSpace, StrictComplexArrayVSpace))
