"""Creating arrays from values: ``array``, ``asarray``, ``asanyarray``,
``ascontiguousarray``, ``astype``; ``make_diagonal`` (HIPS autograd's helper);
the index tricks ``r_`` and ``c_``; and the ``numpy.matrix`` constructors
(``asmatrix``, ``bmat``), which refuse traced values.

``array`` of a box is a traced copy (:data:`array_copy`); of lists or tuples
holding boxes, the items are stacked into one traced array.  Casting a traced
value is the primitive :data:`astype_prim` (what ``box.astype`` calls).
"""

import numpy as onp

from autograd.extend import getval, isbox, primitive

from ..util import contains_boxed as _contains_boxed
from ..util import is_backend_array as _backend_array
from ..util import is_sequence_box as _is_sequence_box
from ..util import normalize_axis as _normalize_axis
from ..wrapping import _own, wrapper_for
from .shapes import _array_from_nested, concatenate
from ..util import ndim_of

# (also public, but not namespace names: the primitives array_copy and astype_prim)
__all__ = ["array", "array_from_args", "asarray", "asanyarray", "ascontiguousarray", "astype",
           "make_diagonal", "r_", "c_"]

_reshape, _transpose = (wrapper_for(f) for f in (onp.reshape, onp.transpose))


# ----------------------------------------------------------------- arrays from values and lists

def _array_copy(x, dtype=None, **kwargs):
    if type(x) is not onp.ndarray and hasattr(type(x), "__array_function__"):
        # another array type (CuPy, Dask, ...): copy it in its own library
        x = onp.copy(x)
        return x if dtype is None else x.astype(dtype)
    return onp.array(x, dtype=dtype, **kwargs)


array_copy = primitive(_array_copy)


@_own(onp.array)
def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, like=None):
    if isbox(object) and not _is_sequence_box(object):
        out = array_copy(object, dtype=dtype)
    elif _contains_boxed(object):
        out = _array_from_nested(object)
        if dtype is not None:
            out = astype(out, dtype)
    elif like is None and _backend_array(object):
        # another library's array (CuPy, Dask, ...) stays in it, as a traced one does
        # (numpy.array would copy it to the host: docs/backends.md)
        out = object.copy() if copy else object
        if dtype is not None and onp.dtype(dtype) != out.dtype:
            out = out.astype(dtype)
    elif (like is None and isinstance(object, (list, tuple)) and object
          and all(_backend_array(o) for o in object)):
        out = onp.stack(object)      # (dispatches to their library)
        if dtype is not None and onp.dtype(dtype) != out.dtype:
            out = out.astype(dtype)
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
    if not kwargs and _backend_array(a):
        return a if dtype is None or onp.dtype(dtype) == a.dtype else a.astype(dtype)
    return onp.asarray(a, dtype=dtype, order=order, **kwargs)


@_own(onp.asanyarray)
def asanyarray(a, dtype=None, order=None, **kwargs):
    if isbox(a) or _contains_boxed(a) or (not kwargs and _backend_array(a)):
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
    if hasattr(onp, _name):
        globals()[_name] = _refuse_matrix(getattr(onp, _name))
        __all__.append(_name)


# ----------------------------------------------------------------- make_diagonal

def _make_diagonal_raw(D, offset=0, axis1=0, axis2=1):
    if onp.ndim(D) == 0:
        raise ValueError("make_diagonal needs an array with at least one axis")
    n, nd = D.shape[-1], D.ndim + 1
    a1, a2 = _normalize_axis(axis1, nd), _normalize_axis(axis2, nd)
    if a1 == a2:
        raise ValueError("axis1 and axis2 cannot be the same")
    m = n + abs(offset)
    out = onp.zeros_like(D, shape=D.shape[:-1] + (m, m))
    rows = onp.arange(n) + max(-offset, 0)
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
            elif ndim_of(item) == 0 and not isinstance(getval(item), onp.ndarray):
                obj = array(item, ndmin=ndmin)
                scalars.append(len(objs))
            else:
                nd = ndim_of(item)
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

