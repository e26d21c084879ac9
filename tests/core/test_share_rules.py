"""autograd.extend.share_rules / apply_vjp / apply_jvp: one derivation for several primitives,
and the raw -> wrapper table custom tracers read (tracing._wrapper_of)."""

import gc
import math

import pytest

from autograd import grad, make_jvp
from autograd.extend import (
    MissingRuleError, apply_jvp, apply_vjp, defjvp, defvjp, defvjp_fast, isolated, primitive,
    share_rules,
)
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]


def _hypot():
    hypot = primitive(math.hypot)
    defvjp_fast(hypot, lambda g, ans, x, y: g * x / ans, lambda g, ans, x, y: g * y / ans)
    defjvp(hypot, lambda t, ans, x, y: t * x / ans, lambda t, ans, x, y: t * y / ans)
    return hypot


def _norm2(x, y, check_finite=True):
    return math.sqrt(x * x + y * y)


def test_shared_rules_both_modes_second_order():
    with isolated():
        hypot = _hypot()
        norm2 = primitive(_norm2)
        share_rules(norm2, hypot, lambda x, y, check_finite=True: ((x, y), {}))
        check_grads(norm2, modes=MODES, order=2)(3.0, 4.0)
        check_grads(lambda y: norm2(1.5, y, check_finite=False), modes=MODES, order=2)(-2.0)
        assert grad(norm2)(3.0, 4.0) == pytest.approx(0.6)


def test_without_adapt_the_arguments_pass_unchanged():
    with isolated():
        hypot = _hypot()
        norm2 = primitive(lambda x, y: math.sqrt(x * x + y * y))
        share_rules(norm2, hypot)
        check_grads(norm2, modes=MODES, order=2)(-1.0, 2.5)


def test_adapt_may_route_a_call_to_another_primitive():
    with isolated():
        hypot = _hypot()
        sq = primitive(lambda x, y: x * x + y * y)
        defvjp_fast(sq, lambda g, ans, x, y: 2 * g * x, lambda g, ans, x, y: 2 * g * y)
        defjvp(sq, lambda t, ans, x, y: 2 * t * x, lambda t, ans, x, y: 2 * t * y)

        def both(x, y, squared=False):
            return x * x + y * y if squared else math.hypot(x, y)

        both_p = primitive(both)
        share_rules(both_p, hypot,
                    lambda x, y, squared=False: (sq, (x, y), {}) if squared else ((x, y), {}))
        check_grads(lambda x: both_p(x, 2.0, squared=True), modes=MODES, order=2)(1.5)
        check_grads(lambda x: both_p(x, 2.0), modes=MODES, order=2)(1.5)
        assert grad(lambda x: both_p(x, 2.0, squared=True))(1.5) == pytest.approx(3.0)


def test_adapt_errors_reach_the_caller():
    def refuse(x, y, check_finite=True):
        raise NotImplementedError("no gradient for this option")

    with isolated():
        hypot = _hypot()
        norm2 = primitive(_norm2)
        share_rules(norm2, hypot, refuse)
        with pytest.raises(NotImplementedError, match="this option"):
            grad(norm2)(3.0, 4.0)
        with pytest.raises(NotImplementedError, match="this option"):
            make_jvp(lambda x: norm2(x, 4.0))(3.0)(1.0)


def test_the_rule_in_force_for_the_source_is_used():
    # looked up when the rule runs: a later rule for the source (a user's) is the one used
    with isolated():
        hypot = _hypot()
        norm2 = primitive(_norm2)
        share_rules(norm2, hypot)
        defvjp(hypot, lambda ans, x, y: lambda g: 10.0 * g, None)
        assert grad(norm2)(3.0, 4.0) == 10.0


def test_apply_vjp_and_jvp_write_a_rule_around_another():
    with isolated():
        hypot = _hypot()
        ellipse = primitive(lambda x, y: math.hypot(2 * x, y))
        defvjp_fast(ellipse, lambda g, ans, x, y: 2 * apply_vjp(hypot, 0, g, ans, (2 * x, y)),
                    lambda g, ans, x, y: apply_vjp(hypot, 1, g, ans, (2 * x, y)))
        defjvp(ellipse, lambda t, ans, x, y: apply_jvp(hypot, 0, 2 * t, ans, (2 * x, y)),
               lambda t, ans, x, y: apply_jvp(hypot, 1, t, ans, (2 * x, y)))
        check_grads(ellipse, modes=MODES, order=2)(1.5, 4.0)
        assert grad(ellipse)(1.5, 4.0) == pytest.approx(1.2)


def test_apply_without_a_rule_is_a_missing_rule_error():
    with isolated():
        bare = primitive(lambda x: x + 1.0)
        with pytest.raises(MissingRuleError, match="VJP"):
            apply_vjp(bare, 0, 1.0, 2.0, (1.0,))
        with pytest.raises(MissingRuleError, match="JVP"):
            apply_jvp(bare, 0, 1.0, 2.0, (1.0,))
        half = primitive(lambda x, y: x * y)
        defvjp_fast(half, lambda g, ans, x, y: g * y)        # no rule for y
        with pytest.raises(MissingRuleError, match="argument 1"):
            apply_vjp(half, 1, 1.0, 6.0, (2.0, 3.0))


# ----------------------------------------------------------------- tracing._wrapper_of

def test_wrapper_of_finds_the_wrapper_without_keeping_it_alive():
    import weakref

    from autograd import tracing

    def raw(x):
        return x

    wrapped = primitive(raw)
    assert tracing._wrapper_of(raw) is wrapped
    assert primitive(raw) is not wrapped and tracing._wrapper_of(raw) is wrapped   # the first

    class Slotted:                  # callable, hashable, not weakly referenceable (as ufuncs)
        __slots__ = ()

        def __call__(self, x):
            return x

    fixed = Slotted()
    fixed_wrapper = primitive(fixed)
    assert tracing._wrapper_of(fixed) is fixed_wrapper
    unhashable = type("U", (), {"__eq__": lambda s, o: s is o, "__call__": lambda s: 0})()
    assert tracing._wrapper_of(unhashable) is unhashable
    ref = weakref.ref(wrapped)
    del wrapped
    gc.collect()
    assert ref() is None
    assert tracing._wrapper_of(raw) is raw            # no wrapper alive: the raw callable
    again = primitive(raw)
    assert tracing._wrapper_of(raw) is again


def test_wrappers_are_filed_lazily_in_the_order_made_and_the_backlog_stays_bounded():
    from autograd import tracing
    from autograd.extend import mark_primitive

    def raw(x):
        return x

    def declared(x):            # an add-on's own calling wrapper, declared first
        return inner(x)

    mark_primitive(declared, raw)
    inner = primitive(raw)
    later = primitive(raw)
    assert tracing._unfiled                           # nothing filed until a lookup
    assert tracing._wrapper_of(raw) is declared       # the first made, not the last
    assert not tracing._unfiled
    assert later is not declared
    # throwaway primitives made in a loop: dead references are dropped as the
    # backlog passes its limit, so it never holds more than the limit
    for _ in range(tracing._UNFILED_LIMIT + 10):
        primitive(lambda x: x)
        assert len(tracing._unfiled) <= tracing._UNFILED_LIMIT + 1
    assert tracing._wrapper_of(raw) is declared
