"""HIPS autograd 1.9.1's engine surface: ``autograd.tracer`` and ``autograd.core``.

Code written against HIPS registers box and vector-space makers in
``Box.type_mappings`` / ``VSpace.mappings``, opens traces by hand with
``trace_stack.new_trace()`` and ``new_box``, builds custom tracers from
``Node`` subclasses, and runs ``trace`` + ``backward_pass`` itself.
"""


import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.core import VSpace, VJPNode
from autograd.numpy.numpy_boxes import ArrayBox
from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace
from autograd.tracer import Box, getval, isbox, new_box, trace_stack


# ----------------------------------------------------------------- type and vspace mappings

@pytest.fixture
def tagged_array_type():
    """An ndarray subclass registered the way PennyLane registers its tensor:
    a plain function as box maker and a lambda as vspace maker, both counting calls."""

    class Tagged(onp.ndarray):
        pass

    calls = {"box": 0, "vspace": 0}

    def to_box(value, trace, node):
        calls["box"] += 1
        return ArrayBox(value, trace, node)

    def to_vspace(value):
        calls["vspace"] += 1
        return ComplexArrayVSpace(value) if onp.iscomplexobj(value) else ArrayVSpace(value)

    Box.type_mappings[Tagged] = to_box
    VSpace.mappings[Tagged] = to_vspace
    yield Tagged, calls
    del Box.type_mappings[Tagged]
    del VSpace.mappings[Tagged]


def test_vspace_mappings_entry_is_used_by_vspace(tagged_array_type):
    from autograd.extend import vspace

    Tagged, calls = tagged_array_type
    x = onp.array([1.0, 2.0]).view(Tagged)
    vs = vspace(x)
    assert calls["vspace"] == 1
    assert isinstance(vs, ArrayVSpace) and vs.shape == (2,)
    assert isinstance(vspace(x.astype(complex)), ComplexArrayVSpace)


def test_box_type_mappings_function_is_used_by_new_box(tagged_array_type):
    Tagged, calls = tagged_array_type
    x = onp.array([1.0, -2.0]).view(Tagged)
    box = new_box(x, 0, VJPNode.new_root())
    assert type(box) is ArrayBox and box._value is x
    assert calls["box"] == 1


def test_gradient_through_a_mapped_subclass(tagged_array_type):
    Tagged, calls = tagged_array_type
    x = onp.array([1.0, -2.0, 0.5]).view(Tagged)
    g = grad(lambda v: np.sum(np.sin(v) * v))(x)
    assert onp.allclose(g, onp.cos(x) * x + onp.sin(x))
    assert calls["box"] >= 1   # the input was boxed by the registered function


def test_vspace_register_writes_the_mappings_table():
    class Point(float):
        pass

    class PointVSpace(VSpace):
        def zeros(self):
            return 0.0

    try:
        VSpace.register(Point, lambda x: PointVSpace())
        assert Point in VSpace.mappings
        from autograd.extend import vspace

        assert isinstance(vspace(Point(1.0)), PointVSpace)
    finally:
        del VSpace.mappings[Point]


def test_box_register_fills_types_and_type_mappings():
    class Thing:
        pass

    class ThingBox(Box):
        __slots__ = ()

    try:
        ThingBox.register(Thing)
        assert ThingBox in Box.types
        assert Box.type_mappings[Thing] is ThingBox
        assert Box.type_mappings[ThingBox] is ThingBox
    finally:
        Box.types.discard(ThingBox)
        del Box.type_mappings[Thing], Box.type_mappings[ThingBox]


# ----------------------------------------------------------------- trace_stack, new_box, isbox

def _depends_on(func, *args):
    """PennyLane's independence check (pennylane/math/is_independent.py), written out."""
    node = VJPNode.new_root()
    with trace_stack.new_trace() as t:
        start_box = new_box(args, t, node)
        out = func(*start_box)
    return isbox(out) and out._trace == start_box._trace


@pytest.mark.parametrize("func, expected", [
    (lambda x, y: np.sum(np.sin(x) * y), True),
    (lambda x, y: x[0] + 2.0, True),
    (lambda x, y: y ** 3, True),
    (lambda x, y: np.ones(3), False),
    (lambda x, y: np.sum(getval(x)) * 2.0, False),
])
def test_independence_check_by_hand(func, expected):
    assert _depends_on(func, onp.array([0.5, 1.0, 2.0]), 1.5) is expected


def test_new_trace_boxes_a_tuple_and_survives_primitives_after_exit():
    node = VJPNode.new_root()
    with trace_stack.new_trace() as t:
        start = new_box((onp.ones(2), 3.0), t, node)
        a, b = start
        assert start._trace is t and a._trace is t
    # Using the boxes after the trace closed must not fail: HIPS keeps no tape,
    # and neither does a trace made here.
    out = np.dot(a, a) * b
    assert isbox(out) and out._trace is t and getval(out) == 6.0


def test_trace_stack_top_counts_open_traces():
    base = trace_stack.top
    with trace_stack.new_trace() as outer:
        assert trace_stack.top == base + 1
        with trace_stack.new_trace() as inner:
            assert trace_stack.top == base + 2
            assert inner is not outer
    assert trace_stack.top == base


def test_integer_traces_name_one_trace_each():
    x = new_box(onp.array([1.0, 2.0]), 0, VJPNode.new_root())
    y = new_box(3.0, 0, VJPNode.new_root())
    z = new_box(3.0, 1, VJPNode.new_root())
    assert x._trace is y._trace and x._trace is not z._trace
    prod = x * y
    assert isbox(prod) and prod._trace is x._trace
    assert onp.allclose(getval(prod), [3.0, 6.0])
    assert not isbox(getval(prod))


def test_integer_trace_is_the_open_trace_with_that_number():
    with trace_stack.new_trace() as t:
        box = new_box(2.0, trace_stack.top, VJPNode.new_root())
        assert box._trace is t


def test_isbox_and_getval_see_through_nested_boxes():
    seen = []

    def f(x):
        def inner(y):
            seen.append((isbox(y), getval(y * x)))
            return y * x
        return grad(inner)(x)

    assert grad(f)(3.0) == 1.0
    assert seen == [(True, 9.0)]
