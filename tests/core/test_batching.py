"""The batching trace (``autograd.vmap``) at the engine level, with a value type of
the test's own (no NumPy): a 2-vector ``Pair`` whose batches are ``PairStack``
objects, given to ``vmap`` through batch hooks.

* a primitive with a batching rule runs once per batch, one without runs once
  per example (the loop), with the same results;
* batch boxes show one example (shape, space), refuse Python conversions;
* ``defbatch`` goes into the active registry (``isolated`` keeps it there);
* ``NotImplemented`` from a rule hands the call to the loop;
* nested ``vmap`` and ``in_axes=None``;
* the coverage report has a batch flag;
* with NumPy: ``vmap(grad(f))`` of the fake type.
"""

import pytest

from autograd import batching, grad, vmap
from autograd.extend import (
    BatchHooks, BatchingError, Box, VSpace, defbatch, defvjp, is_batched, isolated, primitive,
    register_batch_type, register_value_type, vspace,
)
from autograd.rules import active


class Pair:
    __slots__ = ("x", "y")
    shape = (2,)

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, other):
        if type(other) is not Pair:
            return NotImplemented          # a traced pair: PairBox.__radd__
        return Pair(self.x + other.x, self.y + other.y)

    def __mul__(self, a):
        if isinstance(a, Box):
            return scale(self, a)
        return Pair(self.x * a, self.y * a)

    def __eq__(self, other):
        return type(other) is Pair and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Pair({self.x}, {self.y})"


class PairStack:
    """``n`` pairs, batch axis first: shape ``(n, 2)``."""

    def __init__(self, xs, ys):
        self.xs, self.ys = list(xs), list(ys)

    @property
    def shape(self):
        return (len(self.xs), 2)

    def __getitem__(self, i):
        return Pair(self.xs[i], self.ys[i])

    def pairs(self):
        return [Pair(a, b) for a, b in zip(self.xs, self.ys)]


class PairSpace(VSpace):
    size = 2
    shape = (2,)

    def zeros(self):
        return Pair(0.0, 0.0)

    def ones(self):
        return Pair(1.0, 1.0)

    def standard_basis(self):
        yield Pair(1.0, 0.0)
        yield Pair(0.0, 1.0)

    def inner_prod(self, a, b):
        return a.x * b.x + a.y * b.y

    def flatten(self, a):
        return [a.x, a.y]

    def unflatten(self, r):
        return Pair(r[0], r[1])


class PairBox(Box):
    __slots__ = ()

    def __add__(self, other):
        return add_pairs(self, other)

    def __radd__(self, other):
        return add_pairs(other, self)

    def __mul__(self, a):
        return scale(self, a)


class PairHooks(BatchHooks):
    def stack(self, values):
        vals = [v._value if isinstance(v, Box) else v for v in values]
        return PairStack([v.x for v in vals], [v.y for v in vals])

    def take(self, value, i):
        return value[i]


register_value_type(Pair, box=PairBox, vspace=lambda v: PairSpace(), exact=True)
register_value_type(PairStack, box=PairBox)
register_batch_type(Pair, PairHooks())
register_batch_type(PairStack, PairHooks())

CALLS = []


@primitive
def scale(p, a):
    CALLS.append("scale")
    if type(p) is PairStack:
        return PairStack([x * a for x in p.xs], [y * a for y in p.ys])
    return Pair(p.x * a, p.y * a)


@primitive
def swap(p):
    CALLS.append("swap")
    return Pair(p.y, p.x)


@primitive
def add_pairs(p, q):
    CALLS.append("add")
    return Pair(p.x + q.x, p.y + q.y)


defvjp(scale, lambda ans, p, a: lambda g: scale(g, a), None)
defvjp(swap, lambda ans, p: lambda g: swap(g))
defvjp(add_pairs, lambda ans, p, q: lambda g: g, lambda ans, p, q: lambda g: g)
# scale batches by itself: the stacked pairs are scaled at once
defbatch(scale, lambda batched, p, a: NotImplemented if batched[1] else scale(p, a))

PS = PairStack([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])


def _pairs(stack):
    return stack.pairs()


def test_a_rule_batches_in_one_call_and_the_loop_gives_the_same():
    CALLS.clear()
    out = vmap(lambda p: scale(p, 2.0))(PS)
    assert CALLS == ["scale"]
    assert _pairs(out) == [p * 2.0 for p in PS.pairs()]
    CALLS.clear()
    out = vmap(swap)(PS)
    assert CALLS == ["swap"] * 3                 # no rule: once per example
    assert _pairs(out) == [Pair(p.y, p.x) for p in PS.pairs()]
    assert batching.loop_counts.get(swap.fun, 0) >= 1


def test_not_implemented_hands_the_call_to_the_loop():
    CALLS.clear()
    out = vmap(lambda p, q: add_pairs(scale(p, 3.0), q))(PS, PS)
    assert _pairs(out) == [p * 3.0 + p for p in PS.pairs()]
    assert CALLS == ["scale", "add", "add", "add"]


def test_unbatched_arguments_and_nested_vmap():
    q = Pair(10.0, 20.0)
    out = vmap(add_pairs, in_axes=(0, None))(PS, q)
    assert _pairs(out) == [p + q for p in PS.pairs()]
    seen = []

    def f(p):
        seen.append((p.shape, type(vspace(p)), is_batched(p)))
        return swap(p)

    out = vmap(f)(PS)
    assert seen == [((2,), PairSpace, True)]


def test_batch_boxes_refuse_python_conversions():
    def f(p):
        if p:
            return p
        return swap(p)

    with pytest.raises(BatchingError, match="bool"):
        vmap(f)(PS)


def test_defbatch_goes_into_the_active_registry():
    @primitive
    def twice(p):
        return Pair(2 * p.x, 2 * p.y)

    with isolated():
        defbatch(twice, lambda batched, p: PairStack([2 * x for x in p.xs], [2 * y for y in p.ys]))
        assert active().has_rule(twice, "batch")
        batching.loop_counts.clear()
        assert _pairs(vmap(twice)(PS)) == [p * 2 for p in PS.pairs()]
        assert twice.fun not in batching.loop_counts
    assert not active().has_rule(twice, "batch")
    assert _pairs(vmap(twice)(PS)) == [p * 2 for p in PS.pairs()]      # the loop
    assert batching.loop_counts.get(twice.fun) == 1


def test_errors_for_bad_axes():
    with pytest.raises(ValueError, match="no argument is batched"):
        vmap(swap, in_axes=None)(Pair(1.0, 2.0))
    with pytest.raises(BatchingError, match="cannot move"):
        vmap(swap, in_axes=1)(PS)


def test_the_coverage_report_has_a_batch_flag():
    from autograd.plugins import report
    cov = report.coverage("math")
    assert all("batch" in r for r in cov["rows"])
    assert "batch" in cov["totals"]
    assert "BATCH" in report.format_coverage(cov)


def test_per_example_gradients_of_the_fake_type():
    pytest.importorskip("numpy")
    c = Pair(1.0, -2.0)

    @primitive
    def dot(p, q):
        return p.x * q.x + p.y * q.y

    defvjp(dot, lambda ans, p, q: lambda g: q * g, lambda ans, p, q: lambda g: p * g)

    def loss(p):
        return dot(swap(scale(p, 3.0)), p) + dot(p, c)     # 6 p.x p.y + p . c

    got = vmap(grad(loss))(PS)
    want = [Pair(6 * p.y + c.x, 6 * p.x + c.y) for p in PS.pairs()]
    assert _pairs(got) == want == [grad(loss)(p) for p in PS.pairs()]
