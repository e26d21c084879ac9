"""The plugin manager, tested without installing anything: plugins are given to
``autograd.plugins.isolated`` / ``register`` as objects or fake entry points."""

import importlib
import sys
import threading
import time
import types
import warnings

import pytest

import autograd
import autograd.plugins as plugins
from autograd import grad, rules
from autograd.extend import MissingRuleError, defjvp, defvjp, primitive
from autograd.plugins import PluginWarning, hookimpl

STRICT_OFF = {"AUTOGRAD_PLUGINS_STRICT": None}


class Declares:
    """A plugin object that declares whatever its constructor is given."""

    def __init__(self, rule_sets=(), namespaces=(), value_types=()):
        self.rule_sets, self.namespaces, self.value_types = rule_sets, namespaces, value_types

    @hookimpl
    def autograd_register(self, registry):
        for ns, mod in self.namespaces:
            registry.add_namespace(ns, mod)
        for target, loader in self.value_types:
            registry.add_value_types(target, loader)
        for args in self.rule_sets:
            registry.add_rule_set(*args[:2], **(args[2] if len(args) > 2 else {}))


class FakeEntryPoint:
    """Quacks like importlib.metadata.EntryPoint; counts imports."""

    def __init__(self, name, obj, dist=None, version="1.0", delay=0.0):
        self.name, self.value, self.obj, self.delay = name, f"fake.{name}", obj, delay
        self.dist = types.SimpleNamespace(name=dist or name, version=version)
        self.loads = 0

    def load(self):
        self.loads += 1
        time.sleep(self.delay)
        if isinstance(self.obj, Exception):
            raise self.obj
        return self.obj


def cube_rules(lib):
    def register():
        defvjp(lib.cube, lambda ans, x: lambda g: 3.0 * g * x * x)
        defjvp(lib.cube, lambda t, ans, x: 3.0 * t * x * x)
    return register


# ----------------------------------------------------------------- lazy loading

def test_a_rule_set_loads_on_a_miss_and_only_when_its_target_is_imported(fake_lib, monkeypatch):
    cube = primitive(fake_lib.cube)
    calls = []

    def loader():
        calls.append(1)
        cube_rules(fake_lib)()

    monkeypatch.delitem(sys.modules, "fake_lib")
    with plugins.isolated(env=STRICT_OFF) as m:
        p = m.register(Declares([("fake_lib", loader)]), name="fake", distribution="autograd-fake",
                       version="3.1")
        assert p.state == "active" and p.rule_sets[0].state == "pending"
        with pytest.raises(MissingRuleError):
            grad(cube)(2.0)                     # the target is not imported: nothing loads
        assert calls == [] and p.rule_sets[0].state == "pending"
        monkeypatch.setitem(sys.modules, "fake_lib", fake_lib)
        assert grad(cube)(2.0) == 12.0
        assert grad(cube)(1.0) == 3.0
        assert calls == [1] and p.rule_sets[0].state == "loaded"
        assert rules.active().provenance[fake_lib.cube] == ("autograd-fake", "3.1")
        origin = rules.active().origins[("vjp", fake_lib.cube)]
        assert origin.source == p.rule_sets[0].key


def test_loader_given_as_a_string_is_imported_only_when_needed(fake_lib, tmp_path, monkeypatch):
    (tmp_path / "fake_lib_rules.py").write_text(
        "import fake_lib\nfrom autograd.extend import defvjp\n"
        "def register():\n    defvjp(fake_lib.twice, lambda ans, x: lambda g: 2.0 * g)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    twice = primitive(fake_lib.twice)
    with plugins.isolated(Declares([("fake_lib", "fake_lib_rules:register")]), env=STRICT_OFF):
        assert "fake_lib_rules" not in sys.modules
        assert grad(twice)(1.0) == 2.0
        assert "fake_lib_rules" in sys.modules
    monkeypatch.delitem(sys.modules, "fake_lib_rules")


def test_load_imports_targets_and_runs_every_loader(monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    ran = []
    decl = Declares([("colorsys", lambda: ran.append("colorsys")),
                     ("no_such_module_anywhere", lambda: ran.append("missing"))])
    with plugins.isolated(decl, env=STRICT_OFF) as m:
        assert "colorsys" not in sys.modules
        plugins.load()
        assert "colorsys" in sys.modules and ran == ["colorsys"]
        (p,) = m.plugins.values()
        assert [rs.state for rs in p.rule_sets] == ["loaded", "pending"]


def test_value_types_load_when_an_unknown_type_shows_up(fake_lib):
    from autograd.scalars import FloatBox
    from autograd.extend import register_vspace, vspace

    class Celsius(float):
        pass

    fake_lib.Celsius = Celsius

    def types_loader():
        FloatBox.register(Celsius)
        register_vspace(Celsius, lambda x: vspace(0.0), exact=True)

    cube = primitive(fake_lib.cube)
    decl = Declares([("fake_lib", cube_rules(fake_lib))],
                    value_types=[("fake_lib", types_loader)])
    with plugins.isolated(decl, env=STRICT_OFF) as m:
        (p,) = m.plugins.values()
        assert grad(cube)(Celsius(2.0)) == 12.0
        assert p.value_types[0].state == "loaded"


# ----------------------------------------------------------------- broken plugins

class BadSignature:
    @hookimpl
    def autograd_register(self, registry, unknown_argument):
        pass


class HookRaises:
    @hookimpl
    def autograd_register(self, registry):
        registry.add_namespace("half_declared", "fake_lib")
        raise RuntimeError("boom")


class Typo:
    @hookimpl
    def autograd_registr(self, registry):
        pass


class NoHook:
    pass


class BadDeclaration:
    @hookimpl
    def autograd_register(self, registry):
        registry.add_rule_set("fake_lib", "not a loader spec")


@pytest.mark.parametrize("obj, error", [
    (BadSignature(), "unknown_argument"),
    (HookRaises(), "boom"),
    (Typo(), "autograd_registr"),
    (NoHook(), "no @hookimpl"),
    (BadDeclaration(), "package.module:function"),
])
def test_a_broken_plugin_warns_once_and_the_rest_keeps_working(fake_lib, obj, error):
    cube = primitive(fake_lib.cube)
    with plugins.isolated(env=STRICT_OFF) as m:
        m.register(Declares([("fake_lib", cube_rules(fake_lib))]), name="good")
        with pytest.warns(PluginWarning) as record:
            p = m.register(obj, name="bad")
        assert len(record) == 1
        msg = str(record[0].message)
        assert "'bad'" in msg and error in msg
        assert "AUTOGRAD_PLUGINS_BLOCK=bad" in msg and "disable('bad')" in msg
        assert p.state == "broken" and error in p.error
        assert p.namespaces == {} and p.rule_sets == []      # nothing half-declared survives
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert grad(cube)(2.0) == 12.0


def test_a_failing_loader_warns_once_and_its_partial_rules_are_rolled_back(fake_lib):
    cube, twice = primitive(fake_lib.cube), primitive(fake_lib.twice)

    def half_then_fail():
        defvjp(fake_lib.twice, lambda ans, x: lambda g: 2.0 * g)
        raise ValueError("loader broke")

    decl = Declares([("fake_lib", half_then_fail, {"name": "first"}),
                     ("fake_lib", half_then_fail, {"name": "second"})])
    with plugins.isolated(env=STRICT_OFF) as m:
        m.register(Declares([("fake_lib", cube_rules(fake_lib))]), name="good")
        m.register(decl, name="bad")
        with pytest.warns(PluginWarning) as record:
            assert grad(cube)(2.0) == 12.0
        assert len(record) == 1 and "loader broke" in str(record[0].message)
        assert [rs.state for rs in m.plugins["bad"].rule_sets] == ["failed", "failed"]
        with pytest.raises(MissingRuleError, match="loader broke"):
            grad(twice)(1.0)


# ----------------------------------------------------------------- user controls

def test_disable_removes_the_rules_and_enable_brings_them_back(fake_lib):
    cube = primitive(fake_lib.cube)
    with plugins.isolated(Declares([("fake_lib", cube_rules(fake_lib))]), env=STRICT_OFF):
        assert grad(cube)(2.0) == 12.0
        plugins.disable("Declares")
        assert plugins.list()[0].state == "disabled"
        with pytest.raises(MissingRuleError, match="disabled"):
            grad(cube)(2.0)
        plugins.enable("Declares")
        assert plugins.list()[0].state == "active"
        assert grad(cube)(2.0) == 12.0


def test_disabling_a_winner_gives_the_rule_back_to_the_loser(fake_lib):
    cube = primitive(fake_lib.cube)

    def better():
        defvjp(fake_lib.cube, lambda ans, x: lambda g: 100.0 * g)

    with plugins.isolated(env=STRICT_OFF) as m:
        m.register(Declares([("fake_lib", cube_rules(fake_lib))]), name="base")
        m.register(Declares([("fake_lib", better, {"priority": 5})]), name="better",
                   distribution="autograd-better")
        assert grad(cube)(1.0) == 100.0
        plugins.disable("autograd-better")        # distribution names work too
        assert grad(cube)(1.0) == 3.0


def test_prefer_picks_the_winner_of_later_conflicts(fake_lib):
    cube = primitive(fake_lib.cube)

    def other():
        defvjp(fake_lib.cube, lambda ans, x: lambda g: -1.0 * g)

    with plugins.isolated(env=STRICT_OFF) as m:
        m.register(Declares([("fake_lib", cube_rules(fake_lib))]), name="zzz-base")
        m.register(Declares([("fake_lib", other)]), name="aaa-other")
        plugins.prefer("zzz-base")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert grad(cube)(1.0) == 3.0


def test_unregister_forgets_the_plugin(fake_lib):
    cube = primitive(fake_lib.cube)
    with plugins.isolated(Declares([("fake_lib", cube_rules(fake_lib))]), env=STRICT_OFF):
        assert grad(cube)(1.0) == 3.0
        plugins.unregister("Declares")
        assert plugins.list() == []
        with pytest.raises(MissingRuleError):
            grad(cube)(1.0)


# ----------------------------------------------------------------- discovery and settings

def _eps():
    return {n: FakeEntryPoint(n, Declares(), dist=f"autograd-{n}") for n in ("one", "two", "three")}


@pytest.mark.parametrize("env, active", [
    ({}, {"one", "two", "three"}),
    ({"AUTOGRAD_PLUGINS_BLOCK": "two"}, {"one", "three"}),
    ({"AUTOGRAD_PLUGINS_BLOCK": "autograd-TWO"}, {"one", "three"}),      # distribution names
    ({"AUTOGRAD_PLUGINS_ALLOW": "one,three"}, {"one", "three"}),
    ({"AUTOGRAD_PLUGINS_ALLOW": "one", "AUTOGRAD_PLUGINS_BLOCK": "one"}, set()),  # block > allow
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1"}, set()),
    # allow > autoload
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1", "AUTOGRAD_PLUGINS_ALLOW": "two"}, {"two"}),
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "0"}, {"one", "two", "three"}),
])
def test_settings_precedence_block_over_allow_over_autoload(env, active):
    eps = _eps()
    env = {"AUTOGRAD_PLUGINS_BLOCK": None, "AUTOGRAD_PLUGINS_ALLOW": None,
           "AUTOGRAD_PLUGINS_NO_AUTOLOAD": None, **env}
    with plugins.isolated(entry_points=eps.values(), env=env):
        states = {p.name: p.state for p in plugins.list()}
    assert {n for n, s in states.items() if s == "active"} == active
    for name, ep in eps.items():      # left-out plugins are never even imported
        assert ep.loads == (1 if name in active else 0)


def test_disable_before_discovery_keeps_the_module_from_being_imported():
    eps = _eps()
    with plugins.isolated(entry_points=eps.values(), env=STRICT_OFF):
        plugins.disable("two")
        states = {p.name: (p.state, p.reason) for p in plugins.list()}
        assert states["two"] == ("disabled", "disabled by autograd.plugins.disable()")
        assert eps["two"].loads == 0
        plugins.enable("two")
        assert eps["two"].loads == 1 and plugins.list()[1].state == "active"


def test_enable_cannot_override_the_block_list():
    with plugins.isolated(entry_points=_eps().values(), env={"AUTOGRAD_PLUGINS_BLOCK": "one"}):
        with pytest.raises(ValueError, match="AUTOGRAD_PLUGINS_BLOCK"):
            plugins.enable("one")


def test_discovery_happens_once_even_from_many_threads():
    ep = FakeEntryPoint("slow", Declares(), delay=0.05)
    with plugins.isolated(entry_points=[ep], env=STRICT_OFF) as m:
        seen = []
        threads = [threading.Thread(target=lambda: seen.append(len(plugins.list())))
                   for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert ep.loads == 1 and seen == [1] * 8 and m.discovered


def test_an_entry_point_that_fails_to_import_is_a_broken_plugin():
    ep = FakeEntryPoint("gone", ImportError("No module named 'gone'"))
    with plugins.isolated(entry_points=[ep], env=STRICT_OFF):
        with pytest.warns(PluginWarning, match="'gone'"):
            (p,) = plugins.list()
    assert p.state == "broken" and "No module named" in p.error


def test_eager_mode_loads_everything_at_discovery(fake_lib):
    ran = []
    ep = FakeEntryPoint("eager", Declares([("fake_lib", lambda: ran.append(1))]))
    with plugins.isolated(entry_points=[ep], env={"AUTOGRAD_PLUGINS_EAGER": "1"}):
        plugins.discover()
        assert ran == [1]


def test_trace_logs_discovery_and_loads(fake_lib, capsys):
    cube = primitive(fake_lib.cube)
    ep = FakeEntryPoint("traced", Declares([("fake_lib", cube_rules(fake_lib))]))
    with plugins.isolated(entry_points=[ep], env={"AUTOGRAD_PLUGINS_TRACE": "1"}):
        grad(cube)(1.0)
    err = capsys.readouterr().err
    assert "autograd.plugins: discovered 1 plugin(s)" in err
    assert "registered plugin 'traced'" in err
    assert "loaded rules 'fake_lib' of 'traced'" in err and "1 VJP, 1 JVP" in err


# ----------------------------------------------------------------- isolation

def test_isolated_gives_a_clean_registry_and_restores_the_old_state(fake_lib):
    outer_manager, outer_registry = plugins.current(), rules.active()
    with plugins.isolated(Declares([("fake_lib", cube_rules(fake_lib))])) as m:
        assert plugins.current() is m and rules.active() is not outer_registry
        grad(primitive(fake_lib.cube))(1.0)
        assert fake_lib.cube in rules.active().vjps
        with plugins.isolated() as inner:
            assert fake_lib.cube not in rules.active().vjps     # plugin rules are not carried in
            assert inner.plugins == {}
        assert fake_lib.cube in rules.active().vjps
    assert plugins.current() is outer_manager and rules.active() is outer_registry
    assert fake_lib.cube not in outer_registry.vjps


def test_isolated_keeps_the_core_rules():
    import operator
    with plugins.isolated():
        assert operator.mul in rules.active().vjps
        assert grad(lambda x: x * x)(3.0) == 6.0


# ----------------------------------------------------------------- namespaces and errors

@pytest.fixture
def ns_cleanup():
    yield
    for name in [n for n in sys.modules if n.startswith("autograd.unit_ns")]:
        del sys.modules[name]
    if hasattr(autograd, "unit_ns"):
        delattr(autograd, "unit_ns")


def test_a_namespace_resolves_to_the_plugins_module_object(fake_lib, ns_cleanup):
    with plugins.isolated(Declares(namespaces=[("unit_ns", "fake_lib")])):
        mod = importlib.import_module("autograd.unit_ns")
        assert mod is fake_lib
        from autograd.unit_ns import cube
        assert cube is fake_lib.cube


def test_a_namespace_of_a_broken_plugin_says_so(fake_lib, ns_cleanup):
    with plugins.isolated(Declares(namespaces=[("unit_ns", "fake_lib")]), env=STRICT_OFF):
        plugins.disable("Declares")
        with pytest.raises(ModuleNotFoundError, match="disabled"):
            importlib.import_module("autograd.unit_ns")


def test_missing_rule_error_names_function_rule_sets_and_provider(fake_lib):
    plain = primitive(fake_lib.plain)
    with plugins.isolated(Declares([("fake_lib", cube_rules(fake_lib))]), env=STRICT_OFF):
        with pytest.raises(MissingRuleError) as info:
            grad(plain)(1.0)
    msg = str(info.value)
    assert "VJP of fake_lib.plain is not defined" in msg
    assert "Installed rule sets: fake_lib (Declares, loaded)" in msg
    assert "'fake_lib' of Declares is loaded but has no VJP rule" in msg


def test_missing_rule_error_points_to_the_add_on_to_install():
    fake = primitive(lambda x: x)
    fake.fun.__module__ = "scipy.special._fake"
    with plugins.isolated():
        with pytest.raises(MissingRuleError, match=r"pip install autograd-scipy"):
            grad(fake)(1.0)


def test_missing_rule_for_one_argument_names_the_rules_origin():
    pair = primitive(lambda x, y: x * y)
    with plugins.isolated():
        with rules.provenance("autograd-pair", "0.1"):
            defvjp(pair, lambda ans, x, y: lambda g: g * y)     # argument 0 only
        assert grad(pair, 0)(1.0, 2.0) == 2.0
        with pytest.raises(MissingRuleError, match="with respect to argument 1 is not defined. "
                           "The VJP rule in force comes from autograd-pair 0.1 and does not "
                           "cover argument 1"):
            grad(pair, 1)(1.0, 2.0)


def test_a_plugin_registered_while_disabled_can_be_enabled_later(fake_lib):
    cube = primitive(fake_lib.cube)
    with plugins.isolated(env=STRICT_OFF) as m:
        plugins.disable("later")
        p = m.register(Declares([("fake_lib", cube_rules(fake_lib))]), name="later")
        assert p.state == "disabled"
        with pytest.raises(MissingRuleError):
            grad(cube)(1.0)
        plugins.enable("later")
        assert p.state == "active" and grad(cube)(1.0) == 3.0
