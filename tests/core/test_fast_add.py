"""``vspace.register_fast_add``: accumulating cotangents without a space per addition.

The engine adds each new cotangent of a value into the one it holds
(``accumulate``); for a type declared with ``register_fast_add`` it calls the
given in-place adder directly instead of asking ``vspace()`` for an object per
addition (the NumPy add-on declares ``ndarray``).  The shortcut holds only
while the space maker it was declared with is still the registered one.
"""

import pytest

from autograd import vspace as vs


class Vec:
    """A value type of its own, so that no registration leaks into other tests."""

    def __init__(self, xs):
        self.xs = list(xs)

    def __add__(self, other):
        return Vec(a + b for a, b in zip(self.xs, other.xs))


class VecSpace(vs.VSpace):
    def mut_add(self, x, y):
        VecSpace.space_adds += 1
        return x + y


VecSpace.space_adds = 0


def _into(x, y):
    _into.calls += 1
    for i, b in enumerate(y.xs):
        x.xs[i] += b
    return x


@pytest.fixture
def vec_type():
    vs.register_vspace(Vec, VecSpace)
    VecSpace.space_adds = 0
    _into.calls = 0
    yield Vec
    vs._vspace_makers.pop(Vec, None)
    vs._fast_adders.pop(Vec, None)


def test_an_owned_value_is_added_into_by_the_declared_adder(vec_type):
    vs.register_fast_add(Vec, _into)
    prev = Vec([1.0, 2.0])
    out, owned = vs.accumulate(prev, Vec([10.0, 20.0]), True)
    assert out is prev and owned and out.xs == [11.0, 22.0]
    assert (_into.calls, VecSpace.space_adds) == (1, 0)
    # not owned: a new value (``+``), never the shared one written into
    shared = Vec([1.0, 1.0])
    out, owned = vs.accumulate(shared, Vec([1.0, 1.0]), False)
    assert out is not shared and shared.xs == [1.0, 1.0] and out.xs == [2.0, 2.0] and owned


def test_a_space_maker_registered_later_turns_the_shortcut_off(vec_type):
    vs.register_fast_add(Vec, _into)
    vs.VSpace.mappings[Vec] = lambda v: VecSpace(v)      # HIPS's way of replacing it
    out, owned = vs.accumulate(Vec([1.0]), Vec([2.0]), True)
    assert out.xs == [3.0] and owned
    assert (_into.calls, VecSpace.space_adds) == (0, 1)


def test_without_a_declaration_the_space_adds(vec_type):
    out, _ = vs.accumulate(Vec([1.0]), Vec([2.0]), True)
    assert out.xs == [3.0] and VecSpace.space_adds == 1 and _into.calls == 0
