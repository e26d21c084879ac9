"""``autograd.numpy.linalg``: every public callable of ``numpy.linalg``, wrapped for tracing.

The rules live in :mod:`autograd_numpy.rules.linalg`.  Most functions are the
plain primitive of NumPy's function; a few need a wrapper of their own:

* ``multi_dot`` takes its arrays in a list: the wrapper packs the list into
  one traced value, so the rule keyed by ``numpy.linalg.multi_dot`` sees it;
* ``lstsq`` returns the (integer) rank next to its arrays: on traced input it
  is assembled from differentiable parts, with the rank as a constant;
* ``matrix_rank`` is non-differentiable (an integer);
* the functions NumPy 2 added (``vector_norm``, ``matrix_norm``, ``svdvals``,
  ``vecdot``, ``matrix_transpose``, ``matmul``, ``outer``, ``cross``,
  ``trace``, ``diagonal``, ``tensordot``) are provided on NumPy 1.26 too, as
  compositions of functions that have rules.  On NumPy 2 the same
  compositions are their rules (see :func:`composites`).

>>> import autograd.numpy as np
>>> from autograd import grad
>>> grad(lambda a: np.linalg.det(a))(np.eye(2))
array([[1., 0.],
       [0., 1.]])
"""

import functools as _functools

import numpy as _onp
import numpy.linalg as _npla

from autograd.extend import pack as _pack
from autograd.extend import getval as _getval
from autograd.extend import is_batched as _is_batched
from autograd.extend import isbox as _isbox

from . import numpy_wrapper as _anp
from .numpy_wrapper import wrap_namespace as _wrap_namespace
from .util import shape_of as _shape_of

__all__ = _wrap_namespace(vars(_npla), globals(), set(getattr(_npla, "__all__", ())) or None)

# the primitives the compositions below are built from (names filled in above)
_svd, _pinv, _inv, _solve, _norm = (_anp.wrapper_for(getattr(_npla, name))
                                    for name in ("svd", "pinv", "inv", "solve", "norm"))


def _any_box(xs):
    return any(_isbox(x) for x in xs)


# ----------------------------------------------------------------- HIPS's helpers
# HIPS autograd's linalg module has these two (its tests and some user code
# call them): the transpose of the last two axes and a batched matrix product.

def T(x):
    """``x`` with its last two axes swapped (a stack of transposes)."""
    return _anp.swapaxes(x, -1, -2)


def _dot(a, b):
    """Batched matrix product over the last two axes (``a @ b``)."""
    return _anp.matmul(a, b)


# ----------------------------------------------------------------- non-differentiable

matrix_rank = _anp.notrace(_npla.matrix_rank)
_anp.register_wrappers({_npla.matrix_rank: matrix_rank})


# ----------------------------------------------------------------- multi_dot

_multi_dot_prim = _anp.wrapper_for(_npla.multi_dot)


def multi_dot(arrays, *, out=None):
    """``numpy.linalg.multi_dot``, traced: the list of arrays is one traced argument.

    >>> multi_dot([_onp.ones((2, 3)), _onp.ones((3, 4)), _onp.ones(4)])
    array([12., 12.])
    """
    arrays = list(arrays)
    if not _any_box(arrays):
        return _npla.multi_dot(arrays, out=out)
    if out is not None:
        raise TypeError("autograd.numpy.linalg.multi_dot does not support out= on traced values")
    if any(_is_batched(a) for a in arrays):
        # inside vmap: batched products (a packed sequence has no batching rule)
        return _multi_dot_batched(arrays)
    return _multi_dot_prim(_pack(arrays))


_anp.register_wrappers({_npla.multi_dot: multi_dot})
_anp._handles_nested.add(multi_dot)   # list arguments are unpacked here, see dispatch_function


def _multi_dot_batched(arrays):
    """``multi_dot`` of a list holding batched arrays (inside ``vmap``): NumPy's
    order of products (its cost model on the per-example shapes), each product
    one batched ``dot``.  The wrapper calls it: a list argument packed into one
    traced sequence has no batching rule of its own."""
    arrays = list(arrays)
    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        return _anp.dot(arrays[0], arrays[1])
    first, last = len(_shape_of(arrays[0])), len(_shape_of(arrays[-1]))
    if first == 1:
        arrays[0] = _anp.reshape(arrays[0], (1, -1))
    if last == 1:
        arrays[-1] = _anp.reshape(arrays[-1], (-1, 1))
    dims = [_shape_of(a)[0] for a in arrays] + [_shape_of(arrays[-1])[1]]
    split = _chain_order(dims)

    def product(i, j):
        if i == j:
            return arrays[i]
        k = split[i][j]
        return _anp.dot(product(i, k), product(k + 1, j))
    out = product(0, n - 1)
    if first == 1 and last == 1:
        return out[0, 0]
    if first == 1 or last == 1:
        return _anp.reshape(out, (-1,))
    return out


def _chain_order(dims):
    """Where to split each run of a matrix chain for the fewest multiplications
    (``dims[i], dims[i + 1]`` is matrix ``i``'s shape; the first best split wins)."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            best = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if best is None or c < best:
                    best, split[i][j] = c, k
            cost[i][j] = best
    return split


def _multi_dot_impl(arrays, out=None):
    """The product of ``arrays`` by successive ``dot`` (same shapes rules as multi_dot)."""
    return _functools.reduce(_anp.dot, arrays)


# ----------------------------------------------------------------- lstsq

_lstsq_prim = _anp.wrapper_for(_npla.lstsq)


def _lstsq_rcond(a, rcond):
    m, n = _onp.shape(_getval(a))[-2:]
    if rcond is None or not isinstance(rcond, (int, float)) or rcond < 0:
        return _onp.finfo(_getval(a).dtype).eps * max(m, n)
    return rcond


def _lstsq_impl(a, b, rcond=None):
    """``(x, residuals, rank, s)`` of ``lstsq`` from differentiable parts (rank constant)."""
    m, n = _onp.shape(_getval(a))[-2:]
    rc = _lstsq_rcond(a, rcond)
    s = _svd(a, compute_uv=False)
    sv = _getval(s)
    rank = _onp.int32(int(_onp.sum(sv > rc * sv[..., :1])) if sv.size else 0)
    x = _anp.dot(_pinv(a, rc), b)
    if rank == n and m > n:
        r = b - _anp.dot(a, x)
        resid = _anp.sum(_anp.real(r * _anp.conj(r)), axis=0)
        if len(_shape_of(b)) == 1:
            resid = _anp.reshape(resid, (1,))
    else:
        resid = _onp.empty_like(sv, dtype=_onp.real(sv).dtype, shape=(0,))
    return x, resid, rank, s


def lstsq(a, b, rcond=None):
    """``numpy.linalg.lstsq``, traced: the solution, residuals and singular values are
    differentiable, the rank is a constant."""
    if not (_isbox(a) or _isbox(b)):
        return _npla.lstsq(a, b, rcond=rcond)
    if _is_batched(a) or _is_batched(b):
        # the rank (a Python int) differs per example: vmap calls it per example
        return _lstsq_prim(a, b, rcond)
    return _lstsq_impl(a, b, rcond)


lstsq.__wrapped__ = _npla.lstsq
multi_dot.__wrapped__ = _npla.multi_dot
_anp.register_wrappers({_npla.lstsq: lstsq})


# ----------------------------------------------------------------- compositions

def _tensorinv_impl(a, ind=2):
    shape = _shape_of(a)      # one example's, inside vmap
    rows = int(_onp.prod(shape[:ind]))
    out = _inv(_anp.reshape(a, (rows, -1)))
    return _anp.reshape(out, shape[ind:] + shape[:ind])


def _tensorsolve_impl(a, b, axes=None):
    nd = len(_shape_of(a))
    if axes is not None:
        rest = [k for k in range(nd) if k not in [ax % nd for ax in axes]]
        a = _anp.transpose(a, rest + [ax % nd for ax in axes])
    shape_a, shape_b = _shape_of(a), _shape_of(b)
    out_shape = shape_a[-(nd - len(shape_b)):]
    rows = int(_onp.prod(shape_b))
    x = _solve(_anp.reshape(a, (rows, -1)), _anp.reshape(b, (rows,)))
    return _anp.reshape(x, out_shape)


def _matrix_power_impl(a, n):
    if n == 0:   # the identity, as a function of a (zero derivative)
        raw = _getval(a)
        return a * 0 + _onp.eye(raw.shape[-1], dtype=raw.dtype, like=raw)
    if n < 0:
        a, n = _inv(a), -n
    result = None
    square = a
    while n:
        if n & 1:
            result = square if result is None else _anp.matmul(result, square)
        n >>= 1
        if n:
            square = _anp.matmul(square, square)
    return result


def _cond_impl(x, p=None):
    if p is None or p == 2 or p == -2:
        s = _svd(x, compute_uv=False)
        return s[..., -1] / s[..., 0] if p == -2 else s[..., 0] / s[..., -1]
    return _norm(x, p, axis=(-2, -1)) * _norm(_inv(x), p, axis=(-2, -1))


def _vector_norm_impl(x, axis=None, keepdims=False, ord=2):
    shape = _shape_of(x)
    nd = len(shape)
    axes = tuple(range(nd)) if axis is None else \
        tuple(a % nd for a in (axis if isinstance(axis, tuple) else (axis,)))
    rest = [k for k in range(nd) if k not in axes]
    y = _anp.transpose(x, rest + list(axes))
    y = _anp.reshape(y, tuple(shape[k] for k in rest) + (-1,))
    out = _norm(y, ord, axis=-1)
    if keepdims:
        out = _anp.reshape(out, tuple(1 if k in axes else n for k, n in enumerate(shape)))
    return out


def _matrix_norm_impl(x, keepdims=False, ord="fro"):
    return _norm(x, ord, axis=(-2, -1), keepdims=keepdims)


def _svdvals_impl(x):
    return _svd(x, compute_uv=False)


def _diagonal_impl(x, offset=0):
    y = x[..., :, offset:] if offset >= 0 else x[..., -offset:, :]
    k = min(_onp.shape(_getval(y))[-2:])
    return _anp.einsum("...ii->...i", y[..., :k, :k])


def _trace_impl(x, offset=0, dtype=None):
    out = _anp.sum(_diagonal_impl(x, offset), axis=-1)
    return out if dtype is None else _anp.astype(out, dtype)


def _matrix_transpose_impl(x):
    return _anp.swapaxes(x, -1, -2)


def _vecdot_impl(x1, x2, axis=-1):
    return _anp.sum(_anp.conj(x1) * x2, axis=axis)


def _cross_impl(x1, x2, axis=-1):
    a, b = _anp.moveaxis(x1, axis, -1), _anp.moveaxis(x2, axis, -1)
    a0, a1, a2 = a[..., 0], a[..., 1], a[..., 2]
    b0, b1, b2 = b[..., 0], b[..., 1], b[..., 2]
    out = _anp.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], axis=-1)
    return _anp.moveaxis(out, -1, axis)


def _matmul_impl(x1, x2):
    return _anp.matmul(x1, x2)


def _outer_impl(x1, x2):
    return _anp.outer(x1, x2)


def _tensordot_impl(x1, x2, axes=2):
    return _anp.tensordot(x1, x2, axes)


_COMPOSITES = {
    "multi_dot": _multi_dot_impl, "lstsq": _lstsq_impl, "tensorinv": _tensorinv_impl,
    "tensorsolve": _tensorsolve_impl, "matrix_power": _matrix_power_impl,
    "cond": _cond_impl, "vector_norm": _vector_norm_impl,
    "matrix_norm": _matrix_norm_impl, "svdvals": _svdvals_impl,
    "diagonal": _diagonal_impl, "trace": _trace_impl,
    "matrix_transpose": _matrix_transpose_impl, "vecdot": _vecdot_impl,
    "cross": _cross_impl, "matmul": _matmul_impl, "outer": _outer_impl,
    "tensordot": _tensordot_impl,
}


def composites():
    """``{raw numpy.linalg function: equivalent built from functions with rules}``.

    The rule set differentiates these equivalents (exact to any order).
    """
    return {getattr(_npla, name): impl for name, impl in _COMPOSITES.items()
            if hasattr(_npla, name)}


# NumPy 1.26 lacks the array-API functions: provide the compositions themselves.
def _provide_missing():
    for name in ("vector_norm", "matrix_norm", "svdvals", "vecdot", "matrix_transpose",
                 "matmul", "outer", "cross", "trace", "diagonal", "tensordot"):
        if not hasattr(_npla, name):
            fn = _COMPOSITES[name]
            fn.__name__ = fn.__qualname__ = name
            fn.__autograd_composite__ = True    # each step batches and differentiates by its rule
            globals()[name] = fn
            __all__.append(name)


_provide_missing()
