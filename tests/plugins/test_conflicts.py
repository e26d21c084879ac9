"""The conflict policy of the rule registry: who wins when two distributions
give a rule for the same function.  Preference, then priority; never load
order; a tie warns once (or raises in strict mode)."""

import warnings

import pytest

from autograd import grad, make_jvp
from autograd import rules
from autograd.extend import defjvp, defvjp, primitive


def _raw(x):
    return 3.0 * x


f = primitive(_raw)


def _register(dist, factor, priority=0, kind="vjp"):
    with rules.provenance(dist, "1.0", priority=priority):
        if kind == "vjp":
            defvjp(f, lambda ans, x: lambda g: factor * g)
        else:
            defjvp(f, lambda t, ans, x: factor * t)


@pytest.fixture
def reg(monkeypatch):
    for var in ("AUTOGRAD_PLUGINS_STRICT", "AUTOGRAD_PLUGINS_PREFER"):
        monkeypatch.delenv(var, raising=False)
    registry = rules.Registry()
    with rules.isolated(registry):
        yield registry


def _winner(reg, kind="vjp"):
    return reg.origins[(kind, _raw)].distribution


# fmt: off
ORDERS = [
    # (first registration, second registration, expected winner, decided by)
    (("dist-a", 1, 0), ("dist-b", 2, 5), "dist-b", "priority"),
    (("dist-b", 2, 5), ("dist-a", 1, 0), "dist-b", "priority"),
    (("dist-a", 1, -1), ("dist-b", 2, 0), "dist-b", "priority"),
]
# fmt: on


@pytest.mark.parametrize("first, second, winner, decided_by", ORDERS)
def test_priority_decides_whatever_the_order(reg, first, second, winner, decided_by):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _register(*first)
        _register(*second)
    assert _winner(reg) == winner
    assert grad(f)(1.0) == 2.0
    (c,) = reg.conflicts
    assert (c.winner.distribution, c.decided_by) == (winner, decided_by)


@pytest.mark.parametrize("order", [("dist-a", "dist-b"), ("dist-b", "dist-a")])
def test_preference_beats_priority_whatever_the_order(reg, order):
    reg.preferred = ("dist-a",)
    factors = {"dist-a": 7.0, "dist-b": 9.0}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for d in order:
            _register(d, factors[d], priority=100 if d == "dist-b" else 0)
    assert _winner(reg) == "dist-a"
    assert grad(f)(1.0) == 7.0
    assert reg.conflicts[0].decided_by == "preference"


def test_preference_from_the_environment(reg, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_PLUGINS_PREFER", "Dist_B, dist-a")
    _register("dist-a", 1.0)
    _register("dist-b", 2.0)
    assert _winner(reg) == "dist-b"


@pytest.mark.parametrize("order", [("dist-a", "dist-b"), ("dist-b", "dist-a")])
def test_a_tie_warns_once_naming_both_and_never_depends_on_order(reg, order):
    g = primitive(lambda x: x)
    with pytest.warns(rules.RuleConflictWarning) as record:
        for d in order:
            _register(d, 1.0 if d == "dist-a" else 2.0)
            with rules.provenance(d, "1.0"):
                defvjp(g, lambda ans, x: lambda g_: g_)
    assert len(record) == 1
    msg = str(record[0].message)
    assert "dist-a" in msg and "dist-b" in msg and "_raw" in msg
    assert _winner(reg) == "dist-a"            # equal standing: the first name, either order
    assert grad(f)(1.0) == 1.0
    assert [c.decided_by for c in reg.conflicts] == ["tie", "tie"]


def test_a_tie_with_the_core_keeps_the_core_rule(reg):
    _register(rules.CORE_PROVENANCE[0], 3.0)
    with pytest.warns(rules.RuleConflictWarning, match="autograd-core"):
        _register("aaa-first-by-name", 5.0)
    assert _winner(reg) == "autograd-core"
    assert grad(f)(1.0) == 3.0


@pytest.mark.parametrize("how", ["attribute", "env"])
def test_strict_mode_raises_on_a_tie(reg, monkeypatch, how):
    if how == "attribute":
        reg.strict = True
    else:
        monkeypatch.setenv("AUTOGRAD_PLUGINS_STRICT", "1")
    _register("dist-a", 1.0)
    with pytest.raises(rules.RuleConflictError, match="dist-a and dist-b"):
        _register("dist-b", 2.0)
    assert _winner(reg) == "dist-a"


def test_strict_mode_lets_priority_and_preference_through(reg):
    reg.strict = True
    _register("dist-a", 1.0)
    _register("dist-b", 2.0, priority=1)
    assert _winner(reg) == "dist-b"


def test_the_same_distribution_replaces_its_own_rule_silently(reg):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _register("dist-a", 1.0)
        _register("dist-a", 4.0)
    assert grad(f)(1.0) == 4.0
    assert reg.conflicts == []


def test_vjp_and_jvp_from_different_distributions_do_not_conflict(reg):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _register("dist-a", 2.0, kind="vjp")
        _register("dist-b", 5.0, kind="jvp")
    assert grad(f)(1.0) == 2.0
    assert make_jvp(f)(1.0)(1.0)[1] == 5.0
    assert (_winner(reg, "vjp"), _winner(reg, "jvp")) == ("dist-a", "dist-b")


def test_every_rule_records_its_provenance(reg):
    with rules.provenance("dist-a", "2.5", priority=3, source="dist-a/rules/main"):
        defvjp(f, lambda ans, x: lambda g: g)
    origin = reg.origins[("vjp", _raw)]
    assert (origin.distribution, origin.version, origin.priority, origin.source) == (
        "dist-a", "2.5", 3, "dist-a/rules/main")
    assert reg.provenance[_raw] == ("dist-a", "2.5")


def test_rules_outside_any_plugin_are_the_cores(reg):
    defvjp(f, lambda ans, x: lambda g: g)
    assert reg.provenance[_raw] == rules.CORE_PROVENANCE


def test_a_copy_keeps_origins_and_policy(reg):
    reg.preferred = ("dist-b",)
    reg.strict = True
    _register("dist-a", 1.0)
    new = reg.copy()
    assert new.origins == reg.origins and new.preferred == ("dist-b",) and new.strict
