"""The extension API: primitives, their VJP/JVP rules, the rule registry, new value types.

Every rule here is registered inside ``isolated()`` (a private copy of the
registry), so no test leaves a rule behind for the others.
"""

import math

import pytest

from autograd import deriv, grad, jacobian, make_jvp, make_vjp
from autograd.extend import (
    Box, MissingRuleError, VSpace, def_linear, defjvp, defjvp_argnum, defjvp_argnums,
    defvjp, defvjp_argnum, defvjp_argnums, defvjp_fast, getval, isbox, isolated,
    notrace_primitive, primitive,
)
from autograd.rules import Registry
from autograd.test_util import check_grads


@pytest.fixture(autouse=True)
def private_registry():
    with isolated() as registry:
        yield registry


def _sin(x):
    return math.sin(x)


def _cos(x):
    return math.cos(x)


def make_sin_cos():
    """Fresh sin/cos primitives whose rules use each other (so any order works)."""
    sin, cos = primitive(_sin), primitive(_cos)
    defvjp(sin, lambda ans, x: lambda g: g * cos(x))
    defjvp(sin, lambda t, ans, x: t * cos(x))
    defvjp(cos, lambda ans, x: lambda g: -g * sin(x))
    defjvp(cos, lambda t, ans, x: -t * sin(x))
    return sin, cos


# ----------------------------------------------------------------- primitive

def test_primitive_keeps_name_doc_and_raw_function():
    def scaled(x, k=2.0):
        """Multiply by k."""
        return x * k

    p = primitive(scaled)
    assert p.__name__ == "scaled" and p.__doc__ == "Multiply by k."
    assert p.__wrapped__ is scaled and p.fun is scaled
    assert p(3.0) == 6.0 and p(3.0, k=3.0) == 9.0     # raw values: just the raw call


def test_primitive_records_and_differentiates_to_any_order():
    sin, cos = make_sin_cos()
    x = 0.7
    assert grad(sin)(x) == pytest.approx(math.cos(x))
    assert deriv(sin)(x) == pytest.approx(math.cos(x))
    assert grad(grad(sin))(x) == pytest.approx(-math.sin(x))
    assert grad(grad(grad(sin)))(x) == pytest.approx(-math.cos(x))
    assert deriv(grad(sin))(x) == pytest.approx(-math.sin(x))
    check_grads(lambda x: sin(x) * cos(x * x), order=3)(x)


def test_primitive_returning_non_differentiable_values_passes_them_through():
    sign = primitive(lambda x: x > 0)
    label = primitive(lambda x: "pos" if x > 0 else "neg")
    seen = []

    def f(x):
        seen.append((sign(x), label(x)))
        return x * 2.0

    assert grad(f)(1.0) == 2.0
    assert seen == [(True, "pos")]


# ----------------------------------------------------------------- defvjp

def test_defvjp_per_argument():
    f = primitive(lambda x, y: x * y * y)
    defvjp(f, lambda ans, x, y: lambda g: g * y * y,
              lambda ans, x, y: lambda g: g * 2 * x * y)
    assert grad(f, (0, 1))(2.0, 3.0) == (9.0, 12.0)
    assert grad(lambda x: f(x, x))(2.0) == 12.0          # both slots share a parent


def test_defvjp_none_means_zero_gradient():
    f = primitive(lambda x, y: x * y)
    defvjp(f, None, lambda ans, x, y: lambda g: g * x)
    assert grad(f, 1)(2.0, 3.0) == 2.0
    assert grad(f, 0)(2.0, 3.0) == 0.0
    assert grad(lambda x: f(x, x))(2.0) == 2.0


def test_defvjp_missing_argument_rule_names_function_and_argument():
    def half_known(x, y):
        return x * y

    f = primitive(half_known)
    defvjp(f, lambda ans, x, y: lambda g: g * y)
    assert grad(f, 0)(2.0, 3.0) == 3.0
    with pytest.raises(MissingRuleError, match=r"half_known.*argument 1"):
        grad(f, 1)(2.0, 3.0)


def test_defvjp_argnums_keyword_and_merging():
    f = primitive(lambda x, y, z: x * y + z)
    defvjp(f, lambda ans, x, y, z: lambda g: g * y)
    defvjp(f, lambda ans, x, y, z: lambda g: g, argnums=(2,))
    defvjp(f, lambda ans, x, y, z: lambda g: g * x, argnums=[1])
    assert grad(f, (0, 1, 2))(2.0, 3.0, 4.0) == (3.0, 2.0, 1.0)


def test_defvjp_rule_receives_kwargs():
    f = primitive(lambda x, scale=1.0: x * scale)
    defvjp(f, lambda ans, x, scale=1.0: lambda g: g * scale)
    defjvp(f, lambda t, ans, x, scale=1.0: t * scale)
    assert grad(lambda x: f(x, scale=3.0))(2.0) == 3.0
    assert deriv(lambda x: f(x, scale=3.0))(2.0) == 3.0
    assert grad(grad(lambda x: f(x * x, scale=3.0)))(2.0) == 6.0


def test_defvjp_rule_receives_ans():
    exp = primitive(math.exp)
    defvjp(exp, lambda ans, x: lambda g: g * ans)
    assert grad(exp)(1.0) == math.exp(1.0)


def test_defvjp_fast_form():
    f = primitive(lambda x, y: x * y)
    defvjp_fast(f, lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x)
    assert grad(f, (0, 1))(2.0, 3.0) == (3.0, 2.0)
    assert grad(grad(lambda x: f(x, x)))(2.0) == 2.0


def _counting_joint(calls):
    def joint(g, ans, args, kwargs, argnums):
        calls.append(tuple(argnums))
        x, y = args
        return [g * y if i == 0 else g * x for i in argnums]
    return joint


def test_defvjp_fast_joint_form_runs_once_per_use_and_agrees():
    f = primitive(lambda x, y: x * y)
    calls = []
    defvjp_fast(f, lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x,
                joint=_counting_joint(calls))
    assert grad(f, (0, 1))(2.0, 3.0) == (3.0, 2.0)
    assert calls == [(0, 1)]                    # one call for both arguments
    assert grad(f, 1)(2.0, 3.0) == 2.0
    assert calls[-1] == (1,)                    # only the traced argument is asked for
    assert grad(grad(lambda x: f(x, x)))(2.0) == 2.0   # on boxes too (second order)
    check_grads(lambda x: f(x, f(x, x)), modes=["rev"], order=2)(1.3)


def test_defvjp_fast_joint_dropped_when_one_argument_rule_changes():
    f = primitive(lambda x, y: x * y)
    calls = []
    defvjp_fast(f, lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x,
                joint=_counting_joint(calls))
    defvjp_fast(f, lambda g, ans, x, y: 10 * g * y)   # argument 0 only: merged
    assert grad(f, (0, 1))(2.0, 3.0) == (30.0, 2.0)
    assert calls == []
    defvjp(f, lambda ans, x, y: lambda g: 7 * g)      # the HIPS form replaces it whole
    assert grad(f)(2.0, 3.0) == 7.0
    assert calls == []


def test_defvjp_fast_joint_kept_when_the_same_rules_are_registered_again(private_registry):
    f = primitive(lambda x, y: x * y)
    calls = []
    rules = (lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x)
    defvjp_fast(f, *rules, joint=_counting_joint(calls))
    with isolated():            # a copy, where a rule-set loader registers again
        defvjp_fast(f, *rules, joint=_counting_joint(calls))
        assert grad(f, (0, 1))(2.0, 3.0) == (3.0, 2.0)
    assert calls == [(0, 1)]
    # the per-argument rules stay readable (HIPS-style code looks them up)
    rule = private_registry.vjps[f.fun]
    assert set(rule.rules) == {0, 1} and rule.rules[0](1.0, None, 2.0, 3.0) == 3.0


def test_defvjp_fast_keep_decides_what_the_joint_form_is_given():
    f = primitive(lambda x, y: x * y)
    seen = []

    def joint(g, ans, args, kwargs, argnums):
        seen.append((ans, list(args)))
        x, y = args
        return [g * y if i == 0 else g * x for i in argnums]

    def keep(args, ans):
        return args, "no ans"      # the joint form above never reads ans

    defvjp_fast(f, lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x, joint=joint, keep=keep)
    assert grad(f, (0, 1))(2.0, 3.0) == (3.0, 2.0)
    assert seen == [("no ans", [2.0, 3.0])]
    # without joint, keep is not used (the per-argument rules get everything)
    defvjp_fast(f, lambda g, ans, x, y: g * y + 0 * ans, lambda g, ans, x, y: g * x, keep=keep)
    assert grad(f, (0, 1))(2.0, 3.0) == (3.0, 2.0)
    # a graph-only trace (const_graph replays the tape) keeps the real values
    from autograd.tracing import trace_reverse
    defvjp_fast(f, lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x, joint=joint, keep=keep)
    trace, _, out = trace_reverse(lambda x: f(x, 3.0), 2.0, graph_only=True)
    assert trace.tape[-1].ans == 6.0


def test_defvjp_argnum():
    f = primitive(lambda a, b, c: a * b + c)
    calls = []

    def maker(argnum, ans, args, kwargs):
        calls.append(argnum)
        return lambda g: g * (args[1], args[0], 1.0)[argnum]

    defvjp_argnum(f, maker)
    assert grad(f, (0, 1, 2))(2.0, 3.0, 4.0) == (3.0, 2.0, 1.0)
    assert grad(f, 2)(2.0, 3.0, 4.0) == 1.0
    assert calls == [0, 1, 2, 2]     # only the arguments being differentiated


def test_defvjp_argnums():
    f = primitive(lambda a, b, c: a * b + c)
    seen = []

    def maker(argnums, ans, args, kwargs):
        seen.append(argnums)

        def vjp(g):
            full = (g * args[1], g * args[0], g)
            return tuple(full[i] for i in argnums)
        return vjp

    defvjp_argnums(f, maker)
    assert grad(f, (0, 1, 2))(2.0, 3.0, 4.0) == (3.0, 2.0, 1.0)
    assert grad(f, 1)(2.0, 3.0, 4.0) == 2.0
    assert grad(lambda b: f(2.0, b, b))(3.0) == 3.0
    assert seen == [(0, 1, 2), (1,), (1, 2)]


# ----------------------------------------------------------------- defjvp

def test_defjvp_per_argument_and_none():
    f = primitive(lambda x, y: x * y)
    defjvp(f, lambda t, ans, x, y: t * y, None)
    assert make_jvp(f)(2.0, 3.0)(1.0) == (6.0, 3.0)
    assert make_jvp(f, 1)(2.0, 3.0)(1.0) == (6.0, 0.0)


def test_defjvp_same_for_a_linear_argument():
    f = primitive(lambda x, k: x * k)
    defjvp(f, "same", None)
    assert make_jvp(f)(2.0, 3.0)(1.5) == (6.0, 4.5)
    neg = primitive(lambda x: -x)
    defjvp(neg, "same")
    assert deriv(neg)(2.0) == -1.0


def test_defjvp_missing_argument_rule_names_function():
    def half_known_fwd(x, y):
        return x * y

    f = primitive(half_known_fwd)
    defjvp(f, lambda t, ans, x, y: t * y)
    with pytest.raises(MissingRuleError, match=r"JVP of .*half_known_fwd.*argument 1"):
        make_jvp(f, 1)(2.0, 3.0)(1.0)


def test_defjvp_argnum():
    f = primitive(lambda a, b, c: a * b + c)
    defjvp_argnum(f, lambda argnum, t, ans, args, kwargs: t * (args[1], args[0], 1.0)[argnum])
    assert make_jvp(f, (0, 1, 2))(2.0, 3.0, 4.0)((1.0, 1.0, 1.0)) == (10.0, 6.0)
    assert make_jvp(f, 1)(2.0, 3.0, 4.0)(2.0) == (10.0, 4.0)


def test_defjvp_argnums():
    f = primitive(lambda a, b, c: a * b + c)
    seen = []

    def maker(argnums, tangents, ans, args, kwargs):
        seen.append(argnums)
        full = {0: args[1], 1: args[0], 2: 1.0}
        return sum(t * full[i] for i, t in zip(argnums, tangents))

    defjvp_argnums(f, maker)
    assert make_jvp(f, (0, 1, 2))(2.0, 3.0, 4.0)((1.0, 1.0, 1.0)) == (10.0, 6.0)
    assert make_jvp(f, 1)(2.0, 3.0, 4.0)(1.0) == (10.0, 2.0)
    assert seen == [(0, 1, 2), (1,)]


def test_def_linear_defines_the_jvp_of_a_multilinear_function():
    def bilinear(a, b):
        return 2.0 * a * b

    f = primitive(bilinear)
    def_linear(f)
    # d(2ab) = 2 b da + 2 a db
    assert make_jvp(f, (0, 1))(2.0, 3.0)((1.0, 0.0)) == (12.0, 6.0)
    assert make_jvp(f, (0, 1))(2.0, 3.0)((0.0, 1.0)) == (12.0, 4.0)
    assert deriv(lambda x: f(x, x))(3.0) == 12.0
    # like HIPS, only the JVP is defined: reverse mode needs its own rule
    with pytest.raises(MissingRuleError, match="bilinear"):
        grad(f)(2.0, 3.0)


def test_vjp_and_jvp_rules_agree_under_check_grads():
    f = primitive(lambda x, y: x * x * y)
    defvjp(f, lambda ans, x, y: lambda g: 2 * g * x * y, lambda ans, x, y: lambda g: g * x * x)
    defjvp(f, lambda t, ans, x, y: 2 * t * x * y, lambda t, ans, x, y: t * x * x)
    check_grads(f, argnum=(0, 1), order=2)(0.7, -1.3)


# ----------------------------------------------------------------- notrace_primitive

def test_notrace_primitive_sees_raw_values_and_gives_constants():
    seen = []

    @notrace_primitive
    def sign(x):
        seen.append(type(x))
        return 1.0 if x > 0 else -1.0

    assert grad(lambda x: sign(x) * x)(-2.0) == -1.0
    assert deriv(lambda x: sign(x) * x)(-2.0) == -1.0
    assert grad(grad(lambda x: sign(x) * x * x))(3.0) == 2.0
    assert set(seen) == {float}
    with pytest.warns(UserWarning, match="independent"):
        assert grad(sign)(2.0) == 0.0


def test_notrace_primitive_unboxes_keyword_arguments():
    @notrace_primitive
    def kind(x, other=None):
        return (type(x).__name__, type(other).__name__)

    seen = []
    grad(lambda x: seen.append(kind(x, other=x)) or x)(1.0)
    assert seen == [("float", "float")]


def test_getval_and_isbox():
    seen = []
    grad(lambda x: seen.append((isbox(x), getval(x), isbox(getval(x)))) or x)(2.0)
    assert seen == [(True, 2.0, False)]
    assert getval(3.0) == 3.0 and not isbox(3.0)


# ----------------------------------------------------------------- the registry

def test_isolated_registry_hides_its_rules_afterwards():
    def square(x):
        return x * x

    sq = primitive(square)
    with isolated() as registry:
        assert isinstance(registry, Registry)
        defvjp(sq, lambda ans, x: lambda g: 2 * g * x)
        assert grad(sq)(3.0) == 6.0
    with pytest.raises(MissingRuleError, match="square"):
        grad(sq)(3.0)


def test_isolated_registry_sees_existing_rules():
    with isolated():
        assert grad(lambda x: x * x)(3.0) == 6.0


def test_isolated_with_an_empty_registry():
    with isolated(Registry()):
        with pytest.raises(MissingRuleError, match=r"VJP of .*mul"):
            grad(lambda x: x * x)(3.0)
    assert grad(lambda x: x * x)(3.0) == 6.0


def test_isolated_blocks_nest():
    f = primitive(lambda x: 3.0 * x)
    with isolated():
        defvjp(f, lambda ans, x: lambda g: 3.0 * g)
        with isolated():
            defvjp(f, lambda ans, x: lambda g: 30.0 * g)       # a wrong rule, briefly
            assert grad(f)(1.0) == 30.0
        assert grad(f)(1.0) == 3.0


def test_missing_vjp_rule_error():
    def my_special_function(x):
        return 2.0 * x

    f = primitive(my_special_function)
    with pytest.raises(MissingRuleError) as info:
        grad(f)(1.0)
    assert "VJP of" in str(info.value) and "my_special_function" in str(info.value)
    assert isinstance(info.value, NotImplementedError)


def test_missing_jvp_rule_error():
    def my_forward_only_missing(x):
        return 2.0 * x

    f = primitive(my_forward_only_missing)
    defvjp(f, lambda ans, x: lambda g: 2.0 * g)
    assert grad(f)(1.0) == 2.0
    with pytest.raises(MissingRuleError, match=r"JVP of .*my_forward_only_missing"):
        deriv(f)(1.0)


def test_rules_are_keyed_by_the_raw_function():
    def raw(x):
        return x * 5.0

    p1, p2 = primitive(raw), primitive(raw)
    defvjp(p1, lambda ans, x: lambda g: 5.0 * g)
    assert grad(p2)(1.0) == 5.0        # another wrapper of the same raw callable


# ----------------------------------------------------------------- a new value type

class Vec2:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __mul__(self, a):
        return Vec2(self.x * a, self.y * a)

    def __eq__(self, other):
        return type(other) is Vec2 and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Vec2({self.x}, {self.y})"


class Vec2Space(VSpace):
    size = 2

    def __init__(self, value=None):
        pass

    def zeros(self):
        return Vec2(0.0, 0.0)

    def ones(self):
        return Vec2(1.0, 1.0)

    def standard_basis(self):
        yield Vec2(1.0, 0.0)
        yield Vec2(0.0, 1.0)

    def randn(self, rng=None):
        import random
        r = rng or random
        return Vec2(r.gauss(0.0, 1.0), r.gauss(0.0, 1.0))

    def inner_prod(self, a, b):
        return a.x * b.x + a.y * b.y

    def flatten(self, a):
        return [a.x, a.y]

    def unflatten(self, reals):
        return Vec2(reals[0], reals[1])


class Vec2Box(Box):
    __slots__ = ()


Vec2Space.register(Vec2)
Vec2Box.register(Vec2)


def test_a_user_value_type_with_its_own_vspace_and_box():
    norm2 = primitive(lambda v: v.x * v.x + v.y * v.y)
    defvjp(norm2, lambda ans, v: lambda g: v * (2.0 * g))
    defjvp(norm2, lambda t, ans, v: 2.0 * (v.x * t.x + v.y * t.y))
    v = Vec2(1.0, 2.0)
    assert grad(norm2)(v) == Vec2(2.0, 4.0)
    assert grad(lambda v: norm2(v) * 3.0)(v) == Vec2(6.0, 12.0)
    assert make_jvp(norm2)(v)(Vec2(1.0, 0.0)) == (5.0, 2.0)
    assert jacobian(norm2)(v) == Vec2(2.0, 4.0)
    check_grads(norm2, order=1)(v)


class MVec:
    """A mutable vector: its space adds in place when the engine allows it."""

    def __init__(self, data):
        self.data = list(data)

    def __eq__(self, other):
        return type(other) is MVec and self.data == other.data

    def __repr__(self):
        return f"MVec({self.data})"


class MVecSpace(VSpace):
    def __init__(self, value):
        self.n = len(value.data)

    def _key(self):
        return (self.n,)

    @property
    def size(self):
        return self.n

    def zeros(self):
        return MVec([0.0] * self.n)

    def ones(self):
        return MVec([1.0] * self.n)

    def add(self, x, y):
        return MVec([a + b for a, b in zip(x.data, y.data)])

    def mut_add(self, x, y):
        for i, b in enumerate(y.data):
            x.data[i] += b
        return x

    def inner_prod(self, x, y):
        return sum(a * b for a, b in zip(x.data, y.data))

    def flatten(self, x):
        return list(x.data)

    def unflatten(self, reals):
        return MVec(reals)


class MVecBox(Box):
    __slots__ = ()


MVecSpace.register(MVec)
MVecBox.register(MVec)


def test_in_place_accumulation_never_touches_a_shared_cotangent():
    # vadd's VJP hands the same object to both of its (identical) parents; the
    # engine may only add in place into values it created itself, in every
    # pass over a kept tape.
    dup = primitive(lambda v: MVec(v.data))
    vadd = primitive(lambda a, b: MVec([x + y for x, y in zip(a.data, b.data)]))
    defvjp(dup, lambda ans, v: lambda g: g)
    defvjp(vadd, lambda ans, a, b: lambda g: g, lambda ans, a, b: lambda g: g)

    def f(v):
        w = dup(v)
        return vadd(w, w)

    vjp, ans = make_vjp(f)(MVec([1.0, 2.0]))
    assert ans == MVec([2.0, 4.0])
    for _ in range(3):
        ct = MVec([1.0, 10.0])
        assert vjp(ct) == MVec([2.0, 20.0])
        assert ct == MVec([1.0, 10.0]), "the caller's cotangent was modified"


def test_few_collections_puts_the_programs_thresholds_back():
    import gc

    from autograd.extend import few_collections
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 7, 3)
        with few_collections():
            assert gc.get_threshold() == (1 << 20, 7, 3)
            made = [[] for _ in range(1000)]
        assert gc.get_threshold() == (500, 7, 3)
        assert gc.get_count()[0] < 100          # what the block made left the young generation
        with pytest.raises(KeyError):
            with few_collections():
                raise KeyError("loading failed")
        assert gc.get_threshold() == (500, 7, 3)
        del made
    finally:
        gc.set_threshold(*before)
