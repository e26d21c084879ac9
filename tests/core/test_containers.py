"""Containers as inputs and outputs: tuples, lists, dicts, namedtuples, dataclasses.

Gradients come back with the structure of the input, at any nesting; the
``autograd.builtins`` API builds differentiable containers from boxes; reading
the items of a boxed container gives sparse cotangents that are summed once.
"""

import time
from collections import OrderedDict, namedtuple
from dataclasses import dataclass, field

import pytest

from autograd import builtins as ag
from autograd import deriv, grad, jacobian, make_jvp, make_vjp, value_and_grad
from autograd.builtins import DataclassBox, DictBox, SequenceBox
from autograd.extend import SparseObject, defjvp, defvjp, primitive, vspace
from autograd.test_util import check_grads

P = namedtuple("P", "a b")


@dataclass
class Layer:
    w: float
    b: float
    name: str = "layer"
    n_units: int = 3
    extra: dict = field(default_factory=lambda: {"k": 1.0})

    def __call__(self, x):
        return self.w * x + self.b * self.n_units


def same(actual, expected, tol=1e-12):
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (tuple, list)):
        return len(actual) == len(expected) and all(
            same(a, e, tol) for a, e in zip(actual, expected))
    if isinstance(expected, dict):
        return list(actual) == list(expected) and all(
            same(actual[k], expected[k], tol) for k in expected)
    if hasattr(expected, "__dataclass_fields__"):
        return all(same(getattr(actual, f), getattr(expected, f), tol)
                   for f in expected.__dataclass_fields__)
    if isinstance(expected, (float, complex)):
        return abs(actual - expected) <= tol * max(1.0, abs(expected))
    return actual == expected


# fmt: off
INPUT_CASES = [
    # (id, f, x, grad)
    ("tuple", lambda t: t[0] * t[1], (2.0, 3.0), (3.0, 2.0)),
    ("list", lambda l: l[0] * l[1] * l[2], [1.0, 2.0, 3.0], [6.0, 3.0, 2.0]),
    ("dict", lambda d: d["a"] / d["b"], {"a": 1.0, "b": 2.0}, {"a": 0.5, "b": -0.25}),
    ("ordered-dict",    lambda d: d["a"] * d["b"],                   OrderedDict(a=1.0, b=2.0),
                        OrderedDict(a=2.0, b=1.0)),
    ("namedtuple", lambda p: p.a * p.b, P(2.0, 3.0), P(3.0, 2.0)),
    ("namedtuple-index", lambda p: p[0] * p[1], P(2.0, 3.0), P(3.0, 2.0)),
    ("dataclass",       lambda l: l(2.0) ** 2,                       Layer(1.0, 0.5),
                        # L = (2w + 3b)^2 = 3.5^2: dL/dw = 4 * 3.5, dL/db = 6 * 3.5
                        Layer(14.0, 21.0, extra={"k": 0.0})),
    ("dataclass-nested-dict", lambda l: l.w * l.extra["k"], Layer(2.0, 0.0, extra={"k": 5.0}),
                        Layer(5.0, 0.0, extra={"k": 2.0})),
    ("nested", lambda d: d["x"][0]["y"] * d["z"][1].b, {"x": [{"y": 2.0}], "z": (1.0, P(0.0, 5.0))},
                        {"x": [{"y": 5.0}], "z": (0.0, P(0.0, 2.0))}),
    ("deep", lambda t: t[0][0][0][0] * t[1], ((((2.0,),),), 3.0), ((((3.0,),),), 2.0)),
    ("negative-index", lambda l: l[-1] * l[0], [1.0, 2.0, 3.0], [3.0, 0.0, 1.0]),
    ("slice", lambda l: l[1:][0] * l[:2][0], [1.0, 2.0, 3.0], [2.0, 1.0, 0.0]),
    ("slice-step", lambda l: sum(l[::2]), [1.0, 2.0, 3.0], [1.0, 0.0, 1.0]),
    ("iterate", lambda l: sum(v * v for v in l), [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]),
    ("unpack", lambda t: (lambda a, b: a - b)(*t), (1.0, 2.0), (1.0, -1.0)),
    ("same-item-twice", lambda t: t[0] * t[0] + t[0], (3.0, 1.0), (7.0, 0.0)),
    ("dict-values", lambda d: sum(d.values()), {"a": 1.0, "b": 2.0}, {"a": 1.0, "b": 1.0}),
    ("dict-items",      lambda d: sum(k_v[1] * len(k_v[0]) for k_v in d.items()),
                                                                     {"a": 1.0, "bb": 2.0},
                        {"a": 1.0, "bb": 2.0}),
    ("dict-get", lambda d: d.get("a") + d.get("zz", 0.0), {"a": 1.0}, {"a": 1.0}),
    ("unused-leaves", lambda t: t[0] * 2.0, (1.0, {"k": 3.0}, [4.0]), (2.0, {"k": 0.0}, [0.0])),
    ("complex-leaf", lambda t: t[0] * abs(t[1]) ** 2, (2.0, 1 + 1j), (2.0, 4 * (1 - 1j))),
    ("tuple-concat", lambda t: (t + (t[0],))[2] * ((t[1],) + t)[0], (2.0, 3.0), (3.0, 2.0)),
    ("empty-member", lambda t: t[0] * 2.0, (1.0, ()), (2.0, ())),
]
# fmt: on


def ids(cases):
    return [c[0] for c in cases]


@pytest.mark.parametrize("name, f, x, expected", INPUT_CASES, ids=ids(INPUT_CASES))
def test_gradient_has_the_structure_of_the_input(name, f, x, expected):
    g = grad(f)(x)
    assert same(g, expected), g


@pytest.mark.parametrize("name, f, x, expected", INPUT_CASES, ids=ids(INPUT_CASES))
def test_forward_mode_agrees_on_containers(name, f, x, expected):
    vs = vspace(x)
    t = vs.randn(__import__("random").Random(0))
    _, jvp = make_jvp(f)(x)(t)
    # the gradient is a covector: <covector(grad), t> is the directional derivative
    assert abs(jvp - vs.inner_prod(vs.covector(expected), t)) < 1e-9


def test_dataclass_static_fields_are_copied_into_gradients():
    layer = Layer(1.0, 0.5, name="first", n_units=2)
    g = grad(lambda l: l(1.0))(layer)
    assert type(g) is Layer
    assert (g.w, g.b) == (1.0, 2.0)
    assert (g.name, g.n_units) == ("first", 2)
    assert layer.w == 1.0     # the input is untouched


def test_dataclass_box_methods_see_the_box():
    seen = []

    def f(l):
        seen.append((type(l), l.name, l.n_units))
        return l(2.0)

    grad(f)(Layer(1.0, 0.5))
    assert seen == [(DataclassBox, "layer", 3)]


# fmt: off
OUTPUT_CASES = [
    # (id,               f,                                            x,          jacobian)
    ("tuple",            lambda x: (x, x * x),                         3.0,        (1.0, 6.0)),
    ("list",             lambda x: [x * 2.0, 5.0],                     3.0,        [2.0, 0.0]),
    ("dict", lambda x: {"a": x, "b": (x * x, 3.0 * x)}, 2.0, {"a": 1.0, "b": (4.0, 3.0)}),
    ("namedtuple",       lambda x: P(x, x * x),                        3.0,        P(1.0, 6.0)),
    ("tuple-to-tuple", lambda t: (t[0] * t[1], t[0] + t[1]), (2.0, 3.0), ((3.0, 2.0), (1.0, 1.0))),
    ("tuple-to-nested",  lambda t: {"p": t[0] * t[1], "q": [t[1]]},    (2.0, 3.0),
                         {"p": (3.0, 2.0), "q": [(0.0, 1.0)]}),
    ("passthrough", lambda t: t, (1.0, 2.0), ((1.0, 0.0), (0.0, 1.0))),
    ("constant-leaf", lambda t: (t[0], 5.0), (1.0, 2.0), ((1.0, 0.0), (0.0, 0.0))),
    ("builtins-tuple",   lambda x: ag.tuple([x, x * 2.0]),             1.0,        (1.0, 2.0)),
    ("builtins-list",    lambda x: ag.list([x * 3.0]),                 1.0,        [3.0]),
    ("builtins-dict", lambda x: ag.dict(a=x, b=2.0 * x), 1.0, {"a": 1.0, "b": 2.0}),
]
# fmt: on


@pytest.mark.parametrize("name, f, x, expected", OUTPUT_CASES, ids=ids(OUTPUT_CASES))
def test_container_outputs(name, f, x, expected):
    assert same(jacobian(f)(x), expected)


@pytest.mark.parametrize("name, f, x, expected", OUTPUT_CASES, ids=ids(OUTPUT_CASES))
def test_container_outputs_vjp_structure(name, f, x, expected):
    vjp, ans = make_vjp(f)(x)
    assert type(ans) is type(expected)
    ct = vjp(vspace(ans).ones())
    assert vspace(ct) == vspace(x)


def test_container_functions_pass_check_grads():
    check_grads(lambda d: {"p": d["x"] * d["y"][0], "q": [d["y"][1] ** 2, d["x"]]},
                modes=["fwd", "rev"], order=2)({"x": 0.3, "y": (0.5, -0.7)})
    check_grads(lambda t: P(t.a * t.b, t.a / t.b), order=2)(P(1.5, 0.5))


# ----------------------------------------------------------------- autograd.builtins

def test_builtins_constructors_without_boxes_are_plain():
    assert ag.tuple([1, 2]) == (1, 2) and type(ag.tuple([1, 2])) is tuple
    assert ag.list((1, 2)) == [1, 2] and type(ag.list((1, 2))) is list
    assert ag.dict(a=1) == {"a": 1} and type(ag.dict(a=1)) is dict
    assert ag.tuple() == ()


def test_builtins_constructors_with_boxes_are_differentiable():
    def f(x):
        t = ag.tuple([x, x * 2.0])
        l = ag.list([x, t[1]])
        d = ag.dict({"a": x, "b": l[1]})
        d2 = ag.dict(c=x * x)
        return t[0] * l[1] + d["b"] + d2["c"]       # 2x^2 + 2x + x^2
    assert grad(f)(1.5) == 6 * 1.5 + 2.0
    assert deriv(f)(1.5) == 6 * 1.5 + 2.0


def test_builtins_isinstance_and_type_look_through_boxes():
    seen = []

    def f(x):
        t = ag.tuple([x, x])
        seen.append((ag.isinstance(x, float), ag.type(x), ag.isinstance(t, tuple),
                     ag.type(t), isinstance(t, ag.tuple), isinstance((1,), ag.tuple),
                     isinstance([1], ag.list), isinstance({}, ag.dict),
                     ag.isinstance(x, (int, str))))
        return t[0]

    grad(f)(1.0)
    assert seen == [(True, float, True, tuple, True, True, True, True, False)]
    assert ag.isinstance(1.0, float) and ag.type(1.0) is float


# ----------------------------------------------------------------- box behaviour

def test_sequence_box_behaviour():
    seen = {}

    def f(t):
        seen["type"] = type(t)
        seen["len"] = len(t)
        seen["index"] = t.index(2.0)
        seen["count"] = t.count(1.0)
        a, b, c = t
        seen["iter-types"] = {type(v).__name__ for v in (a, b, c)}
        return a * b + c * t[-1]

    assert grad(f)([1.0, 2.0, 3.0]) == [2.0, 1.0, 6.0]
    assert seen == {"type": SequenceBox, "len": 3, "index": 1, "count": 1,
                    "iter-types": {"FloatBox"}}


def test_namedtuple_box_fields_and_errors():
    def f(p):
        with pytest.raises(AttributeError, match="no attribute 'c'"):
            p.c  # noqa: B018 - the attribute read itself must raise
        return p.a * p.b

    assert grad(f)(P(2.0, 3.0)) == P(3.0, 2.0)


def test_dict_box_behaviour():
    seen = {}

    def f(d):
        seen["type"] = type(d)
        seen["len"] = len(d)
        seen["contains"] = ("a" in d, "z" in d)
        seen["keys"] = list(d.keys())
        seen["iter"] = list(d)
        s = 0.0
        for _k, v in d.items():
            s = s + v * v
        for v in d.values():
            s = s + v
        return s + d.get("a") + d.get("zz", 0.0)

    assert grad(f)({"a": 1.0, "b": 2.0}) == {"a": 4.0, "b": 5.0}
    assert seen == {"type": DictBox, "len": 2, "contains": (True, False),
                    "keys": ["a", "b"], "iter": ["a", "b"]}


def test_container_box_values_are_raw_containers():
    seen = []
    grad(lambda t: seen.append(t._value) or t[0])((1.0, 2.0))
    assert seen == [(1.0, 2.0)] and type(seen[0]) is tuple


def test_container_as_argnum_among_others():
    f = lambda k, p, s: k * p["w"] * s[1]  # noqa: E731
    assert grad(f, 1)(2.0, {"w": 3.0}, (0.0, 4.0)) == {"w": 8.0}
    g = grad(f, (1, 2))(2.0, {"w": 3.0}, (0.0, 4.0))
    assert g == ({"w": 8.0}, (0.0, 6.0))
    v, g = value_and_grad(f, 2)(2.0, {"w": 3.0}, (0.0, 4.0))
    assert (v, g) == (24.0, (0.0, 6.0))


# ----------------------------------------------------------------- sparse cotangents

def test_reading_many_items_is_linear_not_quadratic():
    # Each item read makes a sparse cotangent; they are summed once at the end.
    # Summing them pairwise into dense containers would be O(N^2) time and memory.
    n = 20000
    x = [float(i) for i in range(n)]
    start = time.perf_counter()
    g = grad(lambda l: sum(v * v for v in l))(x)
    elapsed = time.perf_counter() - start
    assert g == [2.0 * i for i in range(n)]
    assert elapsed < 10.0, f"{n} reads took {elapsed:.1f}s"


def test_many_reads_of_a_dict_and_nested_containers():
    n = 2000
    d = {f"k{i}": (float(i), [1.0]) for i in range(n)}
    g = grad(lambda d: sum(d[k][0] * d[k][1][0] for k in d))(d)
    assert g == {f"k{i}": (1.0, [float(i)]) for i in range(n)}


@primitive
def first_plus_last(t):
    return t[0] + t[-1]


def _first_plus_last_vjp(ans, t):
    vs = vspace(t)

    def vjp(g):
        def mut_add(dense):
            items = list(dense)
            items[0] = items[0] + g
            items[-1] = items[-1] + g
            return type(dense)(items)
        return SparseObject(vs, mut_add)

    return vjp


defvjp(first_plus_last, _first_plus_last_vjp)
defjvp(first_plus_last, lambda t, ans, x: t[0] + t[-1])


def test_user_sparse_cotangents_mix_with_dense_and_item_reads():
    def f(t):
        return first_plus_last(t) * 2.0 + t[1] * t[0] + first_plus_last(t)
    # 3(t0 + t2) + t0 t1
    assert grad(f)((1.0, 2.0, 3.0)) == (5.0, 1.0, 3.0)
    assert make_jvp(f)((1.0, 2.0, 3.0))((1.0, 1.0, 1.0))[1] == 9.0


def test_sparse_cotangent_alone_is_densified():
    assert grad(first_plus_last)([1.0, 2.0, 3.0]) == [1.0, 0.0, 1.0]


def test_second_order_through_item_reads():
    f = lambda t: t[0] * t[0] * t[1]  # noqa: E731
    h = jacobian(grad(f))((2.0, 3.0))
    assert h == ((6.0, 4.0), (4.0, 0.0))
    check_grads(f, order=2)((2.0, 3.0))


def test_nested_derivatives_through_container_boxes():
    # Under nested derivatives a container box holds a box of the outer trace.
    f = lambda p: p.a * p.a * p.b  # noqa: E731
    assert jacobian(grad(f))(P(2.0, 3.0)) == P(P(6.0, 4.0), P(4.0, 0.0))

    g = lambda l: l(2.0) * l.w     # 2w^2 + 3bw  # noqa: E731
    assert same(grad(lambda l: grad(g)(l).w)(Layer(1.0, 0.5)),
                Layer(4.0, 3.0, extra={"k": 0.0}))
    check_grads(g, order=2)(Layer(1.0, 0.5))

    h = lambda t: (t + (t[0],))[2] * ((t[1],) + t)[0]  # noqa: E731
    assert jacobian(grad(h))((2.0, 3.0)) == ((0.0, 1.0), (1.0, 0.0))

    def k(t):
        assert isinstance(t, ag.tuple) and ag.type(t) is tuple
        return t[0] * t[1]
    assert grad(lambda t: grad(k)(t)[0])((2.0, 3.0)) == (0.0, 1.0)


# ----------------------------------------------------------------- non-differentiable items

@primitive
def _split_number(x):
    """(fractional part, integer part as an int): a primitive with an int output item."""
    return (x - int(x), int(x))


defvjp(_split_number, lambda ans, x: lambda g: g[0])
defjvp(_split_number, lambda t, ans, x: (t, 0))


def test_primitive_outputs_may_hold_integer_items():
    assert grad(lambda x: _split_number(x)[0] * 2.0)(3.25) == 2.0
    assert make_jvp(lambda x: _split_number(x)[0])(3.25)(1.0) == (0.25, 1.0)
    check_grads(lambda x: _split_number(x)[0], modes=["fwd", "rev"], order=2)(3.25)


def test_integer_items_of_an_input_are_still_refused():
    with pytest.raises(TypeError, match="'int'"):
        grad(lambda p: p[0])((1.0, 2))
    with pytest.raises(TypeError, match="'int'"):
        make_jvp(lambda p: p[0])((1.0, 2))((1.0, 0.0))
