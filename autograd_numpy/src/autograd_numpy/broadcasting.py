"""Fitting derivatives to the value they belong to: shape (broadcasting) and dtype.

NumPy broadcasts the arguments of ``x * y``; a rule computing ``g * y`` for
``x`` then gets the broadcast shape, and must sum over the broadcast axes to
return a cotangent of ``x``'s shape.  Likewise a derivative must have the dtype
of its value: the real part for a real argument of a complex result, float32
for a float32 argument whatever the other operand's precision.

* :func:`unbroadcast` / :func:`unbroadcast_f` (the names HIPS autograd's
  rules use) fit a cotangent to an argument;
* :func:`fit_cotangent` is the same for rule tables;
* :func:`fit_tangent` fits a forward-mode tangent to the primitive's output.

All of them work on boxes (higher derivatives) and use only ``autograd.numpy``
functions, so they dispatch through NumPy's array protocols.

>>> import numpy as onp
>>> unbroadcast(onp.ones((2, 3)), onp.zeros(3))
array([2., 2., 2.])
"""

import numpy as onp

from autograd.extend import Box, getval

from . import numpy_wrapper as anp

__all__ = ["metadata", "unbroadcast", "unbroadcast_f", "fit_cotangent", "fit_tangent", "as_array"]

_ndarray = onp.ndarray
_add_reduce = onp.add.reduce


class ArrayMeta:
    """What a rule keeps of a raw array whose values it never reads: its shape and
    dtype (``add``'s VJP fits ``g`` to its arguments by these alone).  The array
    itself can then be freed during the forward pass; fitting a cotangent to an
    ``ArrayMeta`` is fitting it to that array."""

    __slots__ = ("shape", "ndim", "dtype")

    def __init__(self, array):
        self.shape, self.ndim, self.dtype = array.shape, array.ndim, array.dtype

    def __repr__(self):
        return f"ArrayMeta(shape={self.shape}, dtype={self.dtype})"


_DENSE = (onp.ndarray, onp.generic, float, complex, int, ArrayMeta)
_PY_DTYPES = {float: onp.dtype(onp.float64), complex: onp.dtype(onp.complex128),
              int: onp.dtype(onp.int64), bool: onp.dtype(onp.bool_)}


def _shape_dtype(v):
    """``(shape, dtype)`` of a raw value (Python numbers included)."""
    dtype = getattr(v, "dtype", None)
    if dtype is not None:
        return v.shape, dtype
    d = _PY_DTYPES.get(type(v))
    if d is None:
        d = onp.result_type(v)
        return onp.shape(v), d
    return (), d


def _meta_of(v):
    """``(shape, dtype)`` of a raw or boxed value.  A box's own ``shape`` is read:
    inside ``vmap`` it is one example's, so a cotangent is never summed over
    the batch axis."""
    if isinstance(v, Box):
        own = getattr(v, "shape", None)
        dtype = getattr(v, "dtype", None)
        if own is not None and isinstance(dtype, onp.dtype):
            return tuple(own), dtype
        shape, dtype = _shape_dtype(getval(v))
        return (shape if own is None else tuple(own)), dtype
    return _shape_dtype(v)


def as_array(x):
    """``x`` as an array without forcing it into an ``ndarray``.

    Lists and Python numbers become ``ndarray``; an ``ndarray`` or any array
    type that speaks NumPy's protocols (CuPy, Dask, ...) is returned as it is,
    where ``numpy.asarray`` would copy it to the host or fail.
    """
    if type(x) is _ndarray or hasattr(type(x), "__array_function__"):
        return x
    return onp.asarray(x)


def metadata(A):
    """``(shape, ndim, dtype, iscomplex)`` of a raw or boxed value."""
    shape, dtype = _meta_of(A)
    return shape, len(shape), dtype, dtype.kind == "c"


def unbroadcast(x, target, broadcast_idx=0):
    """``x`` summed down to the shape of ``target`` and cast to its dtype.

    ``target`` is a value (raw or boxed) or its :func:`metadata`.  Leading axes
    that broadcasting added are summed away (trailing ones with
    ``broadcast_idx=-1``), axes where ``target`` has length 1 are summed with
    ``keepdims``; a complex ``x`` for a real target keeps its real part.  An
    integer or boolean target keeps ``x``'s (float) dtype: its gradient is
    not truncated to integers.
    """
    if type(target) is tuple and len(target) == 4 and isinstance(target[2], onp.dtype):
        shape, ndim, dtype, _ = target      # metadata() of the target
    else:
        shape, dtype = _meta_of(target)
        ndim = len(shape)
    xshape, xdtype = (x.shape, x.dtype) if type(x) is _ndarray else _meta_of(x)
    if len(xshape) < ndim:      # a scalar-like cotangent of an array argument
        x = anp.broadcast_to(x, shape)
        xshape = shape
    if xshape != shape:
        extra = len(xshape) - ndim
        # A raw array is summed by the ufunc itself (what ``sum`` runs), saving
        # the wrapper's dispatch on every broadcast bias of a backward pass.
        add = _add_reduce if type(x) is _ndarray else anp.sum
        if extra > 0:
            axes = tuple(range(extra)) if broadcast_idx == 0 else \
                tuple(range(len(xshape) - extra, len(xshape)))
            x = add(x, axis=axes)
            xshape = xshape[extra:] if broadcast_idx == 0 else xshape[:ndim]
        if 1 in shape:
            axes = tuple(i for i, n in enumerate(shape) if n == 1 and xshape[i] != 1)
            if axes:
                x = add(x, axis=axes, keepdims=True)
    if xdtype != dtype:
        if xdtype.kind == "c" and dtype.kind != "c":
            x = anp.real(x)
        if dtype.kind in "fc":
            x = anp.astype_prim(x, dtype)
    return x


def unbroadcast_f(target, f):
    """``g -> unbroadcast(f(g), target)`` (the form HIPS autograd's rule tables use)."""
    target_meta = metadata(target)
    return lambda g: unbroadcast(f(g), target_meta)


# raw values whose shape and dtype are read directly (arrays and NumPy's scalars)
_RAW = frozenset({_ndarray, onp.float64, onp.float32, onp.float16, onp.longdouble,
                  onp.complex128, onp.complex64, onp.clongdouble, ArrayMeta})


def fit_cotangent(ct, target):
    """``unbroadcast(ct, target)`` (``None`` stays ``None``: no gradient)."""
    if ct is None:
        return None
    if type(ct) in _RAW and type(target) in _RAW:   # the common case, quickly
        dtype = target.dtype
        if ct.shape == target.shape and ct.dtype == dtype:
            return ct
        return unbroadcast(ct, (target.shape, target.ndim, dtype, dtype.kind == "c"))
    raw_target = getval(target)
    if type(ct) is not _ndarray and hasattr(type(ct), "todense") and \
            isinstance(raw_target, _DENSE):
        # a sparse array's cotangent (pydata/sparse: x * A) for a NumPy argument:
        # the gradient of a dense value is dense
        ct = ct.todense()
    shape, dtype = _meta_of(target)
    cshape, cdtype = _meta_of(ct)
    if cshape == shape and cdtype == dtype:
        return ct
    return unbroadcast(ct, (shape, len(shape), dtype, dtype.kind == "c"))


def fit_tangent(t, ans):
    """A tangent broadcast to the shape of the output ``ans`` and cast to its dtype."""
    shape, dtype = _meta_of(ans)
    tshape, tdtype = _meta_of(t)
    if tshape != shape:
        t = anp.broadcast_to(t, shape)
    if tdtype != dtype and dtype.kind in "fc":
        if tdtype.kind == "c" and dtype.kind != "c":
            t = anp.real(t)
        t = anp.astype_prim(t, dtype)
    return t
