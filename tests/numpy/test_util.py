"""autograd_numpy.util: the shared helpers (shape of a traced value, tests for boxes)."""

import numpy as onp
import pytest

from autograd import grad
from autograd_numpy.util import (any_boxed, contains_boxed, deep_getval, is_boxes_array,
                                 is_sequence_box, ndim_of, normalize_axis, shape_of,
                                 traced_sequence)

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


def _seen_inside_list_trace(check):
    """Run ``check(box)`` on a box of a traced list ``[1.0, 2.0]`` and return its result."""
    out = {}

    def f(xs):
        out["r"] = check(xs)
        return xs[0] * xs[1]

    grad(f)([1.0, 2.0])
    return out["r"]


def test_sequence_boxes_and_traced_sequences():
    assert _seen_inside_list_trace(is_sequence_box)
    assert _seen_inside_list_trace(traced_sequence)
    assert not _seen_inside_trace(is_sequence_box)          # a box of an array
    assert not _seen_inside_trace(traced_sequence)
    assert _seen_inside_trace(lambda x: traced_sequence([1.0, (x,)]))
    assert not _seen_inside_trace(lambda x: traced_sequence(onp.array([x, x], dtype=object)))
    assert not is_sequence_box([1.0]) and not traced_sequence([1.0, (2.0,)])


def test_deep_getval_unboxes_nested_lists_and_tuples():
    raw = _seen_inside_trace(lambda x: deep_getval([x, (1.0, x)]))
    assert type(raw) is list and type(raw[1]) is tuple
    assert type(raw[0]) is onp.ndarray and raw[1][1] is raw[0] and raw[1][0] == 1.0
    assert _seen_inside_trace(lambda x: type(deep_getval(x))) is onp.ndarray
    assert deep_getval("a") == "a"


def test_normalize_axis():
    assert normalize_axis(-1, 3) == 2
    assert normalize_axis(onp.int64(1), 3) == 1
    with pytest.raises(onp.exceptions.AxisError):
        normalize_axis(3, 3)
    with pytest.raises(TypeError):
        normalize_axis(1.0, 3)


def test_rules_safe_div_is_zero_where_the_divisor_is():
    from autograd_numpy.rules import safe_div

    num, den = onp.array([1.0, 2.0], dtype=onp.float32), onp.array([0.0, 4.0], dtype=onp.float32)
    out = safe_div(num, den)
    assert out.dtype == onp.float32
    onp.testing.assert_array_equal(out, [0.0, 0.5])
    # on boxes too (rules run on boxes for higher derivatives): d/dx of x / 4 at the nonzero entry
    g = grad(lambda x: safe_div(x, den).sum())(num)
    onp.testing.assert_array_equal(g, [0.0, 0.25])


def test_rules_is_complex_looks_through_boxes():
    from autograd_numpy.rules import is_complex

    assert is_complex(onp.ones(2, dtype=complex)) and not is_complex(onp.ones(2))
    assert is_complex(1j) and not is_complex(1.0)
    assert not _seen_inside_trace(is_complex)
    assert grad(lambda x: (is_complex(x * 1j) * x).sum())(onp.ones(2)).tolist() == [1.0, 1.0]
