"""``flatten(value) -> (vector, unflatten)`` for nested tuples/lists/dicts of arrays.

Both directions are differentiable: the vector is built with
``autograd.numpy`` operations and ``unflatten`` is the (linear) VJP of the
flattening.  Dict entries are taken in sorted-key order.

``flatten_func(func, example)`` turns a function of such a structure into a
function of the flat vector (HIPS autograd's helper for optimizers).
"""

from ..builtins import type as _type  # looks through boxes: value is traced here
from ..differential_operators import make_vjp

__all__ = ["flatten", "flatten_func"]


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


def flatten_func(func, example):
    """``(flat_func, unflatten, flat_example)`` for ``func(structure, *args)``.

    ``flat_func(vector, *args)`` is ``func`` applied to ``unflatten(vector)``,
    with its result flattened too; the structure is that of ``example``.

    >>> f, unflatten, x = flatten_func(lambda p, k: {"y": k * p["w"]}, {"w": np.ones(2)})
    >>> f(x, 3.0)
    array([3., 3.])
    """
    flat_example, unflatten = flatten(example)

    def flat_func(vector, *args):
        return flatten(func(unflatten(vector), *args))[0]

    return flat_func, unflatten, flat_example
