"""``flatten(value) -> (vector, unflatten)`` for nested tuples/lists/dicts of arrays.

Both directions are differentiable: the vector is built with
``autograd.numpy`` operations and ``unflatten`` is the (linear) VJP of the
flattening.  Dict entries are taken in sorted-key order.
"""

from ..builtins import type as _type  # looks through boxes: value is traced here
from ..differential_operators import make_vjp

__all__ = ["flatten"]


def _flatten(value):
    import autograd.numpy as np
    if _type(value) in (list, tuple):
        parts = [_flatten(v) for v in value]
    elif _type(value) is dict:
        parts = [_flatten(value[k]) for k in sorted(value)]
    else:
        return np.ravel(value)
    return np.concatenate(parts) if parts else np.zeros(0)


def flatten(value):
    """A 1-D array of every number in ``value`` and the function rebuilding ``value``.

    >>> vec, unflatten = flatten({"w": np.ones((2, 2)), "b": np.zeros(2)})
    >>> unflatten(vec)["w"].shape
    (2, 2)
    """
    unflatten, flat = make_vjp(_flatten)(value)
    return flat, unflatten
