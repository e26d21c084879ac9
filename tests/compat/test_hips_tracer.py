"""HIPS autograd 1.9.1's engine surface: ``autograd.tracer`` and ``autograd.core``.

Code written against HIPS registers box and vector-space makers in
``Box.type_mappings`` / ``VSpace.mappings``, opens traces by hand with
``trace_stack.new_trace()`` and ``new_box``, builds custom tracers from
``Node`` subclasses, and runs ``trace`` + ``backward_pass`` itself.
"""


import numpy as onp
import pytest

import autograd.numpy as np
from autograd import deriv, grad
from autograd.core import JVPNode, VJPNode, VSpace, backward_pass, make_jvp, make_vjp
from autograd.extend import defvjp, primitive
from autograd.numpy.numpy_boxes import ArrayBox
from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace
from autograd.test_util import check_grads
from autograd.tracer import (
    Box, Node, getval, isbox, new_box, register_notrace, toposort, trace, trace_stack,
)


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


# ----------------------------------------------------------------- custom Node tracers

class LogNode(Node):
    """Records every primitive call as (name, args with parents named, argnums)."""

    def __init__(self, value, fun, args, kwargs, parent_argnums, parents):
        self.log = parents[0].log
        self.name = f"v{len(self.log) + 1}"
        shown = [repr(a) for a in args]
        for argnum, parent in zip(parent_argnums, parents):
            shown[argnum] = parent.name
        self.fun, self.args, self.kwargs = fun, args, kwargs
        self.parent_argnums, self.parents, self.value = parent_argnums, parents, value
        self.log.append((self.name, fun.__name__, tuple(shown)))

    def initialize_root(self, log):
        self.log = log
        self.name = "v0"
        self.parents = ()


def test_node_new_root_calls_initialize_root_with_its_arguments():
    log = []
    root = LogNode.new_root(log)
    assert type(root) is LogNode and root.log is log and root.name == "v0"


def test_base_node_must_be_subclassed():
    with pytest.raises(NotImplementedError):
        Node.new_root()


def test_custom_tracer_sees_each_primitive_call_with_hips_arguments():
    log = []

    def f(x):
        y = np.sin(x * x)
        return np.add(y, 2.0, casting="same_kind") / 2

    value, end = trace(LogNode.new_root(log), f, onp.float64(0.5))
    assert value == pytest.approx((onp.sin(0.25) + 2.0) / 2)
    assert [name for _, name, _ in log] == ["multiply", "sin", "add", onp.true_divide.__name__]
    assert log[0][2] == ("v0", "v0")
    assert log[2][2] == ("v2", "2.0")
    # fun is the wrapped primitive itself, args are unboxed at this level,
    # kwargs and argnums are passed as HIPS passes them.
    sin_node = end.parents[0].parents[0]
    assert sin_node.fun is np.sin
    assert not any(isbox(a) for a in sin_node.args)
    add_node = end.parents[0]
    assert add_node.kwargs == {"casting": "same_kind"}
    assert add_node.parent_argnums == (0,)
    assert type(add_node.parent_argnums) is tuple and type(add_node.args) is tuple
    assert end.value == value


def test_custom_tracer_output_independent_of_input_warns():
    with pytest.warns(UserWarning, match="independent"):
        value, end = trace(LogNode.new_root([]), lambda x: 3.0, 1.0)
    assert value == 3.0 and end is None


def test_custom_tracer_through_grad_records_the_backward_pass_too():
    log = []

    def f(x):
        return np.sin(x + x)

    value, _ = trace(LogNode.new_root(log), grad(f), 1.0)
    assert value == pytest.approx(2 * onp.cos(2.0))
    names = [name for _, name, _ in log]
    assert names[:2] == ["add", "sin"]   # the forward pass, on the custom trace
    assert "cos" in names[2:]            # the VJP's work, traced as well


def _graph_labels(end):
    """Walk a graph of LogNodes: {node name: (function name, parent names)}."""
    seen, stack = {}, [end]
    while stack:
        node = stack.pop()
        if node.name in seen or node.name == "v0":
            continue
        seen[node.name] = (node.fun.__name__, tuple(p.name for p in node.parents))
        stack.extend(node.parents)
    return seen


def test_graph_tracer_builds_the_graph_of_an_array_function():
    x = onp.array([0.1, 0.2])
    _, end = trace(LogNode.new_root([]), lambda x: np.sum((np.sin(x) + np.exp(x) - 0.5) * np.sin(x)), x)
    graph = _graph_labels(end)
    funs = sorted(name for name, _ in graph.values())
    assert funs == ["add", "exp", "multiply", "sin", "sin", "subtract", "sum"]
    assert graph[end.name][0] == "sum"


def test_toposort_puts_every_node_after_its_users():
    _, end = trace(LogNode.new_root([]), lambda x: np.sin(x) * np.cos(x) + x, 0.3)
    order = [n.name for n in toposort(end)]
    assert order[0] == end.name and order[-1] == "v0"
    position = {name: i for i, name in enumerate(order)}
    for node in toposort(end):
        for parent in node.parents:
            assert position[parent.name] > position[node.name]


def test_register_notrace_for_a_custom_node_type():
    class QuietNode(LogNode):
        pass

    register_notrace(QuietNode, np.cos)
    log = []
    value, _ = trace(QuietNode.new_root(log), lambda x: np.sin(x) * np.cos(x), 0.3)
    assert [name for _, name, _ in log] == ["sin", "multiply"]
    assert log[1][2] == ("v1", repr(onp.cos(0.3)))
    assert value == pytest.approx(onp.sin(0.3) * onp.cos(0.3))
    # Other traces still differentiate cos.
    assert grad(np.cos)(0.3) == pytest.approx(-onp.sin(0.3))


# ----------------------------------------------------------------- trace + backward_pass, make_vjp, make_jvp

def _hips_style_vjp(fun, x, g):
    start_node = VJPNode.new_root()
    end_value, end_node = trace(start_node, fun, x)
    return end_value, backward_pass(g, end_node)


@pytest.mark.parametrize("fun, x, g", [
    (lambda x: np.sin(x) * x + x, 1.5, 1.0),
    (lambda x: np.sum(np.tanh(x) ** 2), onp.array([0.3, -1.2, 2.0]), 1.0),
    (lambda x: np.dot(x, x.T), onp.arange(6.0).reshape(2, 3) / 4, onp.ones((2, 2))),
    (lambda x: x[0] * x[1] + np.exp(x[1]), (0.5, 1.5), 2.0),
    (lambda x: x * (1 + 2j), 0.7 + 0.2j, 1.0 - 0.5j),
])
def test_trace_and_backward_pass_match_make_vjp(fun, x, g):
    value, ct = _hips_style_vjp(fun, x, g)
    vjp, ans = make_vjp(fun, x)
    expected = vjp(g)
    assert onp.allclose(value, ans)
    if isinstance(x, tuple):
        assert all(onp.allclose(a, b) for a, b in zip(ct, expected))
    else:
        assert onp.allclose(ct, expected)


def test_backward_pass_can_run_again_on_the_same_graph():
    _, end = trace(VJPNode.new_root(), lambda x: np.sum(x * x), onp.array([1.0, 2.0]))
    assert onp.allclose(backward_pass(1.0, end), [2.0, 4.0])
    assert onp.allclose(backward_pass(3.0, end), [6.0, 12.0])


def test_backward_pass_is_differentiable():
    def grad_by_hand(x):
        _, end = trace(VJPNode.new_root(), lambda y: y ** 3, x)
        return backward_pass(1.0, end)

    assert grad(grad_by_hand)(2.0) == pytest.approx(12.0)
    check_grads(grad_by_hand, modes=["rev", "fwd"], order=1)(0.7)


def test_node_vjp_gives_cotangents_per_parent():
    _, end = trace(VJPNode.new_root(), lambda x: np.sin(x) * 2.0, 0.5)
    assert list(end.vjp(1.0))[0] == pytest.approx(2.0)
    assert tuple(VJPNode.new_root().vjp(1.0)) == ()


def test_make_vjp_of_a_constant_function_gives_zeros():
    with pytest.warns(UserWarning, match="independent"):
        vjp, ans = make_vjp(lambda x: 4.0, onp.array([1.0, 2.0]))
    assert ans == 4.0 and onp.array_equal(vjp(1.0), [0.0, 0.0])


def test_make_jvp_and_jvp_node_trace():
    fun = lambda x: np.sin(x) * x  # noqa: E731
    value, tangent = make_jvp(fun, 0.8)(2.0)
    assert value == pytest.approx(onp.sin(0.8) * 0.8)
    assert tangent == pytest.approx(2.0 * (onp.cos(0.8) * 0.8 + onp.sin(0.8)))
    end_value, end_node = trace(JVPNode.new_root(2.0), fun, 0.8)
    assert end_value == pytest.approx(value) and end_node.g == pytest.approx(tangent)


# ----------------------------------------------------------------- patching Box at run time

@pytest.fixture
def restore_box_attributes():
    saved = {name: Box.__dict__[name] for name in ("real", "imag", "__copy__", "__deepcopy__")
             if name in Box.__dict__}
    yield
    for name in ("real", "imag", "__copy__", "__deepcopy__"):
        if name in saved:
            setattr(Box, name, saved[name])
        elif name in Box.__dict__:
            delattr(Box, name)


@pytest.mark.parametrize("x, first", [
    (1.5, lambda b: b),
    (1.5 + 1j, lambda b: b.real),
    (onp.array([1.0, 2.0]), np.sum),
    ([1.0, 2.0], lambda b: b[0]),
    ({"a": 1.0}, lambda b: b["a"]),
])
def test_box_copy_patch_reaches_every_box(restore_box_attributes, x, first):
    import copy

    seen = []
    Box.__copy__ = lambda self: seen.append(("copy", type(self))) or self
    Box.__deepcopy__ = lambda self, memo: seen.append(("deepcopy", type(self))) or self

    def f(b):
        assert copy.copy(b) is b and copy.deepcopy(b) is b
        return first(b)

    grad(f)(x)
    assert [kind for kind, _ in seen] == ["copy", "deepcopy"]
    assert all(issubclass(t, Box) for _, t in seen)


@pytest.mark.parametrize("x", [1.5, 1.5 + 0.5j, onp.array([1.0, 2.0]), onp.float64(2.0)])
def test_box_real_patch_reaches_every_box(restore_box_attributes, x):
    seen = []

    def patched_real(self):
        seen.append(type(self))
        return np.real(self)

    Box.real = property(patched_real)
    g = grad(lambda v: np.sum(v.real * 3.0))(x)
    assert seen and onp.allclose(g, 3.0 * onp.ones_like(x))


@pytest.mark.parametrize("x, kind", [(1.5, "float"), (1.5 + 0.5j, "complex"),
                                     (onp.array([1.0, 2.0 - 1j]), "array")])
def test_real_and_imag_of_boxes(x, kind):
    check_grads(lambda v: np.sum(v.real * v.imag + v.real ** 2), modes=["rev", "fwd"])(x)


def test_real_of_a_box_without_one_is_an_attribute_error():
    class Bare(Box):
        __slots__ = ()

    b = Bare(1.0, None, None)
    assert not hasattr(b, "real") and not hasattr(b, "imag")


def test_new_trace_with_a_jvp_root_runs_forward_mode():
    with trace_stack.new_trace() as t:
        box = new_box(0.4, t, JVPNode.new_root(1.0))
        out = np.exp(box) * 2.0
    assert out._node.g == pytest.approx(2.0 * onp.exp(0.4))


# ----------------------------------------------------------------- a value type written for HIPS

class Coeffs:
    """A sparse polynomial {power: coefficient}; its operators go through its
    space, as HIPS-era value types do (so the space must not use operators)."""

    def __init__(self, terms=None):
        self.terms = dict(terms or {})
        self.vs = CoeffsVSpace(self)

    def __add__(self, other):
        return self.vs.add(self, other)

    def __mul__(self, a):
        return self.vs.scalar_mul(self, a)


class CoeffsBox(Box, Coeffs):
    pass


class CoeffsVSpace(VSpace):
    # HIPS's protocol: the underscored methods; the value is passed to __init__.
    def __init__(self, value):
        self.powers = frozenset(value.terms)

    def zeros(self):
        return Coeffs()

    def _add(self, p, q):
        out = dict(p.terms)
        for k, v in q.terms.items():
            out[k] = out.get(k, 0.0) + v
        return Coeffs(out)

    def _scalar_mul(self, p, a):
        return Coeffs({k: v * a for k, v in p.terms.items()})

    def _inner_prod(self, p, q):
        return sum(v * q.terms.get(k, 0.0) for k, v in p.terms.items())


CoeffsBox.register(Coeffs)
CoeffsVSpace.register(Coeffs)


@primitive
def evaluate(p, x):
    return sum(c * x ** k for k, c in p.terms.items())


defvjp(evaluate,
       lambda ans, p, x: lambda g: Coeffs({k: g * x ** k for k in p.terms}),
       lambda ans, p, x: lambda g: g * sum(k * c * x ** (k - 1) for k, c in p.terms.items() if k))


def test_hips_style_value_type_box_and_space():
    from autograd.extend import vspace

    p = Coeffs({0: 1.0, 2: 0.5})
    vs = vspace(p)
    assert isinstance(vs, CoeffsVSpace)
    assert (p + p).terms == {0: 2.0, 2: 1.0} and (p * 3.0).terms == {0: 3.0, 2: 1.5}
    assert vs.inner_prod(p, p) == pytest.approx(1.25)
    assert vs.covector(p) is p

    def loss(p):
        return sum((evaluate(p, x) - y) ** 2 for x, y in [(1.0, 2.0), (2.0, 1.0)])

    g = grad(loss)(p)
    r1, r2 = evaluate(p, 1.0) - 2.0, evaluate(p, 2.0) - 1.0
    assert g.terms == pytest.approx({0: 2 * r1 + 2 * r2, 2: 2 * r1 + 8 * r2})
    # Fitting by gradient steps, as a user of such a type would.
    start = loss(p)
    for _ in range(100):
        p = p + grad(loss)(p) * -0.02
    assert loss(p) < 1e-2 * start
    assert grad(evaluate, 1)(Coeffs({3: 1.0}), 2.0) == pytest.approx(12.0)


def test_spaces_with_instance_attributes_compare_by_them():
    a, b = CoeffsVSpace(Coeffs({0: 1.0})), CoeffsVSpace(Coeffs({0: 2.0}))
    c = CoeffsVSpace(Coeffs({1: 1.0}))
    assert a == b and hash(a) == hash(b)
    assert a != c   # as HIPS compares spaces' __dict__


# ----------------------------------------------------------------- boxes on integer traces, boxed cotangents

def test_jacobian_rows_by_hand_on_integer_trace():
    """Downstream optimisers (pymoo's automatic differentiation) box the input on
    trace 0 by hand and pull back cotangents that are themselves boxes of trace 0,
    then read ``._value`` of the result."""
    def fun(x):
        return np.stack([np.sum(x ** 2, axis=1), np.sum(np.sin(x), axis=1)], axis=1)

    X = onp.array([[1.0, 2.0], [0.5, -1.0]])
    start = new_box(X, 0, VJPNode.new_root())
    end = fun(start)
    rows = []
    for j in range(2):
        seed = onp.zeros(end.shape)
        seed[:, j] = 1.0
        ct = backward_pass(new_box(seed, 0, VJPNode.new_root()), end._node)
        assert isbox(ct)
        rows.append(ct._value)
    assert onp.allclose(rows[0], 2 * X) and onp.allclose(rows[1], onp.cos(X))


@pytest.mark.parametrize("fun", [
    lambda x: np.sum(x),
    lambda x: np.sum(x ** 2),
    lambda x: np.mean(np.exp(x)),
    lambda x: np.sum(x, axis=0),
])
def test_vjp_is_differentiable_in_its_cotangent(fun):
    x = onp.array([[0.5, 1.0, -2.0], [0.3, 0.2, 0.1]])
    vjp, ans = make_vjp(fun, x)
    g0 = onp.ones_like(ans) * 1.5 if onp.ndim(ans) else 1.5
    # vjp is linear in g, so the gradient of <vjp(g), 1> is vjp(1)'s sum pattern.
    expected = vjp(onp.ones_like(ans) if onp.ndim(ans) else 1.0)
    by_g = grad(lambda g: np.sum(vjp(g) * onp.ones_like(x)))(g0)
    assert onp.allclose(np.sum(by_g), onp.sum(expected))
    check_grads(lambda g: np.sum(vjp(g) ** 2), modes=["rev"], order=1)(g0)


class ReplayNode(Node):
    """Keeps each call as a function of its traced arguments, to replay the
    graph on a new input (what a constant-folding tracer does)."""

    __slots__ = ("parents", "replay")

    def __init__(self, value, fun, args, kwargs, parent_argnums, parents):
        def replay(parent_values):
            full = list(args)
            for argnum, v in zip(parent_argnums, parent_values):
                full[argnum] = v
            return fun(*full, **kwargs)

        self.parents = parents
        self.replay = replay

    def initialize_root(self):
        self.parents = ()


def test_replaying_a_traced_graph_on_new_inputs():
    def f(x):
        y = np.tanh(x) * 2.0
        return np.sum(y * x, axis=0, keepdims=True) + np.exp(-x[0])

    x0 = onp.array([0.1, 0.4, -0.3])
    root = ReplayNode.new_root()
    value, end = trace(root, f, x0)
    order = list(toposort(end))[::-1]
    assert order[0] is root

    def replay(x):
        values = {root: x}
        for node in order[1:]:
            values[node] = node.replay([values[p] for p in node.parents])
        return values[end]

    assert onp.allclose(value, f(x0))
    x1 = onp.array([1.0, -2.0, 0.5])
    assert onp.allclose(replay(x1), f(x1))
    # The recorded functions are primitives: the replay is differentiable.
    assert onp.allclose(grad(lambda x: np.sum(replay(x)))(x1), grad(lambda x: np.sum(f(x)))(x1))


def test_util_and_tracer_share_toposort():
    from autograd import util

    assert util.toposort is toposort


@pytest.mark.parametrize("outer", [grad, deriv])
def test_custom_tracer_inside_a_derivative_stays_differentiable(outer):
    log = []

    def traced(x):
        value, _ = trace(LogNode.new_root(log), lambda y: np.sin(y) * y, x)
        return value

    assert outer(traced)(1.0) == pytest.approx(onp.cos(1.0) + onp.sin(1.0))
    assert [name for _, name, _ in log] == ["sin", "multiply"]
