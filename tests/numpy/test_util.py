"""autograd_numpy.util: the shared helpers (shape of a traced value, tests for boxes)."""

import numpy as onp

from autograd import grad
from autograd_numpy.util import any_boxed, contains_boxed, is_boxes_array, ndim_of, shape_of

TESTED = set()   # helpers only: no rule of a function is checked here (see test_meta.py)


def _seen_inside_trace(check):
    """Run ``check(box)`` on a box of a (2, 3) array and return its result."""
    out = {}

    def f(x):
        out["r"] = check(x)
        return (x * x).sum()

    grad(f)(onp.ones((2, 3)))
    return out["r"]


def test_shape_and_ndim_look_through_boxes():
    assert _seen_inside_trace(shape_of) == (2, 3)
    assert _seen_inside_trace(ndim_of) == 2
    assert shape_of([[1.0, 2.0]]) == (1, 2)
    assert ndim_of(3.0) == 0


def test_any_boxed_is_shallow():
    assert _seen_inside_trace(lambda x: any_boxed(1.0, x))
    assert not _seen_inside_trace(lambda x: any_boxed([x], (x,)))
    assert not any_boxed(onp.ones(2), 1.0)
    assert not any_boxed()


def test_contains_boxed_searches_sequences_and_object_arrays():
    assert _seen_inside_trace(lambda x: contains_boxed(1.0, [[0.0, (x,)]]))
    assert not contains_boxed([1.0, (2.0, [onp.ones(2)])], onp.ones(3))
    boxes = _seen_inside_trace(lambda x: onp.array([x, x], dtype=object))
    assert is_boxes_array(boxes)
    assert contains_boxed([boxes])
    assert not contains_boxed([boxes], object_arrays=False)
    assert not is_boxes_array(onp.array([1.0, None], dtype=object))
    assert not is_boxes_array([1.0])
