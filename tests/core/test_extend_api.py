"""The helpers ``autograd.extend`` exports for add-on and plugin authors, and the
hook machinery the layers below the plugin manager use (errors reported, never
swallowed)."""

import math
import warnings

import pytest

import autograd.extend as extend
from autograd import grad
from autograd.extend import (
    SequenceBox, active_registry, def_composite, defjvp, defvjp, isolated, make_sequence,
    make_vjp, mark_primitive, once_per_registry, pack, primitive, subval,
)
from autograd.rules import MissingRuleError, Registry, RuleOrigin, provenance
from autograd.test_util import check_grads


@pytest.fixture(autouse=True)
def private_registry():
    with isolated() as registry:
        yield registry


def test_every_exported_name_exists_and_is_documented():
    for name in extend.__all__:
        obj = getattr(extend, name)
        assert getattr(obj, "__doc__", None), name


def test_subval_replaces_one_item():
    assert subval((1, 2, 3), 1, "x") == (1, "x", 3)
    assert subval([1, 2], 0, 5) == (5, 2)


def test_pack_and_sequences_through_the_extension_api():
    def f(x):
        seq = make_sequence(tuple, x, 2.0 * x)
        assert isinstance(seq, SequenceBox)
        packed = pack([x * x, x])
        return seq[0] * seq[1] + packed[0]
    assert grad(f)(3.0) == pytest.approx(4 * 3.0 + 2 * 3.0)


def test_once_per_registry_runs_a_loader_once_per_registry():
    calls = []

    @once_per_registry
    def register():
        """Docstring kept."""
        calls.append(active_registry())

    register()
    register()
    assert len(calls) == 1 and register.__doc__ == "Docstring kept."
    with isolated(Registry()):
        register()
        register()
    assert len(calls) == 2
    register()
    assert len(calls) == 2


def test_def_composite_gives_exact_rules_of_any_order():
    f = primitive(lambda x, y: x * x * y)
    def_composite(f, lambda x, y: x * x * y)
    check_grads(f, modes=["fwd", "rev"], order=2)(1.3, 0.7)
    g = primitive(lambda x: x ** 3)
    def_composite(g, lambda x: x * x * x, fit=lambda t, ans: t * 1.0)
    check_grads(g, modes=["fwd", "rev"], order=2)(0.9)


def test_mark_primitive_keys_rules_by_the_raw_function():
    def raw(x):
        return math.sin(x)

    prim = primitive(raw)

    def wrapper(x):          # an add-on's own argument handling in front of the primitive
        return prim(float(x) if isinstance(x, int) else x)

    assert mark_primitive(wrapper, raw) is wrapper
    defvjp(wrapper, lambda ans, x: lambda g: g * math.cos(getval_(x)))
    assert active_registry().has_rule(raw, "vjp")
    assert not active_registry().has_rule(raw, "jvp")
    assert primitive(wrapper) is not None
    assert grad(wrapper)(0.5) == pytest.approx(math.cos(0.5))


def getval_(x):
    return extend.getval(x)


def test_has_rule_runs_no_miss_hooks():
    reg = Registry()
    seen = []
    reg.miss_hooks.append(lambda raw: seen.append(raw))
    assert not reg.has_rule(math.tan)
    assert seen == []


def test_registry_forget_removes_by_origin_and_revives_the_beaten_rule():
    raw = math.atan
    with isolated(Registry()) as reg:
        with provenance("dist-a", "1", priority=1):
            defvjp(raw, lambda ans, x: lambda g: "a")
        with provenance("dist-b", "1", priority=2):
            defvjp(raw, lambda ans, x: lambda g: "b")
        assert reg.origins[("vjp", raw)].distribution == "dist-b"
        reg.forget(lambda origin: origin.distribution == "dist-b")
        assert reg.origins[("vjp", raw)].distribution == "dist-a"
        reg.forget(lambda origin: isinstance(origin, RuleOrigin))
        assert not reg.has_rule(raw)


def test_a_failing_rule_miss_hook_is_reported_once_not_swallowed():
    def broken_rule_hook(raw):
        raise RuntimeError("boom in rule hook")

    reg = active_registry()
    reg.miss_hooks.append(broken_rule_hook)
    f = primitive(lambda x: x)
    with pytest.warns(extend_hook_warning(), match="broken_rule_hook.*boom in rule hook"):
        with pytest.raises(MissingRuleError):
            grad(f)(1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(MissingRuleError):    # reported once per hook
            grad(f)(1.0)


def test_a_failing_hint_hook_is_reported_and_the_error_still_comes_out():
    def broken_hint_hook(fun, kind, registry, argnum):
        raise ValueError("boom in hint hook")

    def good_hint_hook(fun, kind, registry, argnum):
        return "Ask the good hook."

    reg = active_registry()
    reg.hint_hooks[:] = [broken_hint_hook, good_hint_hook]
    f = primitive(lambda x: x)
    with pytest.warns(extend_hook_warning(), match="broken_hint_hook.*boom in hint hook"):
        with pytest.raises(MissingRuleError, match="Ask the good hook"):
            grad(f)(1.0)
    reg.hint_hooks[:] = []
    with pytest.raises(MissingRuleError, match="Register one with autograd.extend.defvjp"):
        grad(f)(1.0)


def test_a_failing_value_type_hook_is_reported():
    from autograd import vspace as vs

    class Unknown:
        pass

    def broken_type_hook(value_type):
        raise KeyError("boom in type hook")

    vs.type_miss_hooks.append(broken_type_hook)
    try:
        with pytest.warns(extend_hook_warning(), match="broken_type_hook"):
            with pytest.raises(TypeError, match="Can't differentiate"):
                grad(lambda x: x)(Unknown())
    finally:
        vs.type_miss_hooks.remove(broken_type_hook)


def test_strict_mode_conflicts_still_stop_the_run_through_a_hook():
    from autograd.rules import RuleConflictError

    def strict_hook(raw):
        raise RuleConflictError("tie")

    reg = active_registry()
    reg.miss_hooks.append(strict_hook)
    with pytest.raises(RuleConflictError):
        grad(primitive(lambda x: x))(1.0)


def extend_hook_warning():
    from autograd._hooks import HookError
    return HookError


def test_defjvp_via_extension_api_still_works_with_make_vjp():
    f = primitive(lambda x: 2.0 * x)
    defvjp(f, lambda ans, x: lambda g: 2.0 * g)
    defjvp(f, lambda t, ans, x: 2.0 * t)
    assert make_vjp(f)(1.0)[0](1.0) == 2.0


def test_register_value_type_gives_a_new_type_its_box_and_space():
    from autograd.extend import Box, register_value_type, vspace
    from autograd.vspace import FloatVSpace

    class Meters(float):
        pass

    class MetersBox(Box):
        __slots__ = ()

        def __mul__(self, other):
            return mul(self, other)

    mul = primitive(lambda a, b: Meters(float(a) * float(b)))
    defvjp(mul, lambda ans, a, b: lambda g: g * float(b), lambda ans, a, b: lambda g: g * float(a))
    register_value_type(Meters, box=MetersBox, vspace=FloatVSpace, exact=True)
    assert type(vspace(Meters(2.0))) is FloatVSpace
    assert grad(lambda x: x * Meters(3.0))(Meters(2.0)) == pytest.approx(3.0)


def test_the_reference_page_lists_every_exported_name():
    import os
    import re
    import autograd.plugins as plugins
    here = os.path.dirname(os.path.abspath(__file__))
    page = os.path.join(here, os.pardir, os.pardir, "docs", "extending.md")
    if not os.path.exists(page):
        pytest.skip("docs/ not next to the tests (installed test run)")
    with open(page, encoding="utf-8") as f:
        text = f.read()
    documented = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)[(`]", text))
    missing = [n for n in extend.__all__ + plugins.__all__ if n not in documented]
    assert missing == []
