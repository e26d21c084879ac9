"""``unique`` (and NumPy 2's ``unique_values``/``_counts``/``_inverse``/``_all``)
and the set operations ``intersect1d``, ``union1d``, ``setdiff1d``, ``setxor1d``.

Which elements come out is computed from the raw values; the values
themselves come from one primitive, :data:`unique_gather`, so the wrappers
are differentiable by composition (see :mod:`autograd_numpy.rules.functional`).
"""

import numpy as onp

from autograd.extend import getval, primitive

from ..util import contains_boxed as _contains_boxed
from ..util import deep_getval as _deep_getval
from ..wrapping import _composite, wrapper_for
from .creation import asarray
from .shapes import concatenate

__all__ = ["unique_gather", "unique"]   # and the set operations, below

_reshape = wrapper_for(onp.reshape)


def _unique_gather_raw(x, index, inverse, counts, axis):
    if axis is None:
        return onp.reshape(x, (-1,))[index]
    return onp.take(x, index, axis=axis)


unique_gather = primitive(_unique_gather_raw)
unique_gather.__doc__ = """The values of ``numpy.unique`` from a traced ``x``: its slices at ``index``.

``index``, ``inverse``, ``counts`` are those ``numpy.unique`` returns (``inverse``
flattened).  The value is a gather of each group's first element, but the
derivative is that of the group's *mean*: equal elements share a cotangent
evenly (the same convention as ties in ``max``), whichever one NumPy's sort
put first.
"""


@_composite(onp.unique)
def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None,
           **kwargs):
    if not _contains_boxed(ar):
        return onp.unique(ar, return_index, return_inverse, return_counts, axis, **kwargs)
    ar = asarray(ar)
    _, index, inverse, counts = onp.unique(getval(ar), True, True, True, axis, **kwargs)
    values = unique_gather(ar, index, inverse.reshape(-1), counts, axis)
    extra = [v for v, wanted in ((index, return_index), (inverse, return_inverse),
                                 (counts, return_counts)) if wanted]
    return (values, *extra) if extra else values


def _unique_sorted(x, equal_nan):
    """``(u, values)``: NumPy's sorted unique values of the flattened ``x`` and the
    same values traced (by :data:`unique_gather`)."""
    flat = _reshape(x, (-1,))
    u, index, inverse, counts = onp.unique(getval(flat), True, True, True, equal_nan=equal_nan)
    return u, unique_gather(flat, index, inverse.reshape(-1), counts, None)


def _values_at(u, values, wanted):
    """The entries of ``values`` (traced, aligned with the sorted ``u``) equal to ``wanted``."""
    if wanted.shape == u.shape and onp.array_equal(wanted, u, equal_nan=True):
        return values
    return values[onp.searchsorted(u, wanted)]


def _unique_api(raw):
    """Wrapper of ``unique_values``/``unique_counts``/``unique_inverse``/``unique_all``."""
    @_composite(raw)
    def wrapper(x):
        if not _contains_boxed(x):
            return raw(x)
        x = asarray(x)
        res = raw(getval(x))
        u, values = _unique_sorted(x, equal_nan=False)
        if isinstance(res, tuple):
            return res._replace(values=_values_at(u, values, res.values))
        return _values_at(u, values, res)
    return wrapper


for _name in ("unique_values", "unique_counts", "unique_inverse", "unique_all"):
    if hasattr(onp, _name):
        globals()[_name] = _unique_api(getattr(onp, _name))
        __all__.append(_name)


def _set_operation(raw):
    """Wrapper of a set operation: its values are traced through the union of its inputs."""
    @_composite(raw)
    def wrapper(ar1, ar2, *args, **kwargs):
        if not _contains_boxed(ar1, ar2):
            return raw(ar1, ar2, *args, **kwargs)
        res = raw(_deep_getval(ar1), _deep_getval(ar2), *args, **kwargs)
        both = concatenate([_reshape(asarray(ar1), (-1,)), _reshape(asarray(ar2), (-1,))])
        u, values = _unique_sorted(both, equal_nan=True)
        if isinstance(res, tuple):   # intersect1d(..., return_indices=True)
            return (_values_at(u, values, res[0]),) + tuple(res[1:])
        return _values_at(u, values, res)
    return wrapper


for _name in ("intersect1d", "union1d", "setdiff1d", "setxor1d"):
    globals()[_name] = _set_operation(getattr(onp, _name))
    __all__.append(_name)

