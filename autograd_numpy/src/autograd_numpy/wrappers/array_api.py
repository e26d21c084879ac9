"""NumPy 2's array-API names on NumPy 1.x.

User code written for NumPy 2 runs on NumPy 1.26 too: the NumPy 2 aliases
(:data:`NUMPY2_ALIASES`, ``acos`` for ``arccos`` ...) point at the same
wrappers (:mod:`autograd_numpy.numpy_wrapper` binds them), and the new
functions (``matrix_transpose``, ``vecdot``, ``matvec``, ``vecmat``,
``unstack``, ``cumulative_sum``, ``cumulative_prod``) get a plain NumPy
implementation of their own, a primitive, defined here only where NumPy lacks
them.  The rules in :mod:`autograd_numpy.rules` are keyed by
``autograd.numpy.<name>``, so they apply on both versions.
"""

import numpy as onp

from autograd.extend import primitive

__all__ = []   # the functions this NumPy lacks, filled below

# NumPy 2 name -> the NumPy 1.x name of the same function
NUMPY2_ALIASES = {"acos": "arccos", "acosh": "arccosh", "asin": "arcsin", "asinh": "arcsinh",
                  "atan": "arctan", "atanh": "arctanh", "atan2": "arctan2", "pow": "power",
                  "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
                  "bitwise_right_shift": "right_shift", "concat": "concatenate",
                  "permute_dims": "transpose", "trapezoid": "trapz"}


def _matrix_transpose_raw(x, /):
    return onp.swapaxes(x, -1, -2)


def _vecdot_raw(x1, x2, /, *, axis=-1):
    return onp.sum(onp.conj(onp.moveaxis(x1, axis, -1)) * onp.moveaxis(x2, axis, -1), axis=-1)


def _matvec_raw(x1, x2, /):
    return onp.matmul(x1, onp.expand_dims(x2, -1))[..., 0]


def _vecmat_raw(x1, x2, /):
    return onp.matmul(onp.conj(x1)[..., None, :], x2)[..., 0, :]


def _unstack_raw(x, /, *, axis=0):
    return tuple(onp.moveaxis(x, axis, 0))


def _cumulative_raw(accumulate, identity):
    def cumulative(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
        if not hasattr(type(x), "__array_function__"):   # lists, Python numbers
            x = onp.asarray(x)
        if axis is None:
            if x.ndim > 1:
                raise ValueError("axis must be given for arrays with more than one dimension")
            axis = 0
        res = accumulate(x, axis=axis, dtype=dtype)
        if include_initial:
            shape = list(res.shape)
            shape[axis] = 1
            res = onp.concatenate([onp.full_like(res, identity, shape=shape), res], axis=axis)
        return res
    return cumulative


_cumulative_sum_raw = _cumulative_raw(onp.cumsum, 0)
_cumulative_prod_raw = _cumulative_raw(onp.cumprod, 1)

for _name, _raw in [("matrix_transpose", _matrix_transpose_raw), ("vecdot", _vecdot_raw),
                    ("matvec", _matvec_raw), ("vecmat", _vecmat_raw),
                    ("unstack", _unstack_raw), ("cumulative_sum", _cumulative_sum_raw),
                    ("cumulative_prod", _cumulative_prod_raw)]:
    if not hasattr(onp, _name):
        _raw.__name__ = _raw.__qualname__ = _name
        globals()[_name] = primitive(_raw)
        __all__.append(_name)
