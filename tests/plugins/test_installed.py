"""Behaviour with the fixture plugins really installed (tox env ``plugins``):
autograd-fixture-good (a conforming plugin for the toy library fixturelib),
autograd-fixture-conflict (ties with it on one rule, outranks it on another)
and autograd-fixture-broken (five plugins broken in five ways).

Each scenario runs in a fresh interpreter: discovery happens once per process,
and what a process imported is part of what is checked.
"""

import json
import os
import shutil
import sys

import pytest

pytestmark = pytest.mark.usefixtures("fixture_plugins")

BROKEN_NAMES = ("broken-import", "broken-signature", "broken-hook", "broken-typo",
                "broken-loader")

PLUGIN_MODULES = {
    "fixture-good": "autograd_fixture_good._plugin",
    "fixture-conflict": "autograd_fixture_conflict",
    "broken-signature": "autograd_fixture_broken.bad_signature",
    "broken-hook": "autograd_fixture_broken.hook_raises",
    "broken-typo": "autograd_fixture_broken.misspelt_hook",
    "broken-loader": "autograd_fixture_broken.loader_raises",
}

GRADS = """
import json, sys, warnings
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from autograd import grad
    import autograd.fixture as fx
    import autograd_fixture_conflict as conflict
    out = {"cube": grad(fx.cube)(2.0), "cube2": grad(fx.cube)(1.0),
           "softplus": grad(fx.softplus)(0.0), "scale_x": grad(fx.scale)(2.0, 3.0),
           "scale_a": grad(fx.scale, 1)(2.0, 3.0), "meters": grad(fx.cube)(fx.Meters(2.0))}
    out["calls"] = conflict.CALLS
out["warnings"] = [[w.category.__name__, str(w.message)] for w in caught]
print(json.dumps(out))
"""


def _warnings(data, category):
    return [m for c, m in data["warnings"] if c == category]


def test_broken_plugins_warn_once_each_and_everything_else_works(run_py):
    data = run_py(GRADS, {"AUTOGRAD_PLUGINS_PREFER": "autograd-fixture-good"}).check().data
    assert data["cube"] == 12.0 and data["cube2"] == 3.0 and data["meters"] == 12.0
    assert abs(data["softplus"] - 0.5) < 1e-12
    assert (data["scale_x"], data["scale_a"]) == (3.0, 2.0)
    plugin_warnings = _warnings(data, "PluginWarning")
    for name in BROKEN_NAMES:
        mine = [m for m in plugin_warnings if f"plugin {name!r}" in m]
        assert len(mine) == 1, (name, plugin_warnings)
        assert f"AUTOGRAD_PLUGINS_BLOCK={name}" in mine[0]
        assert "autograd-fixture-broken" in mine[0]
    assert len(plugin_warnings) == len(BROKEN_NAMES)


def test_a_tie_warns_once_naming_both_distributions(run_py):
    data = run_py(GRADS, {"AUTOGRAD_PLUGINS_BLOCK": "autograd-fixture-broken"}).check().data
    (tie,) = _warnings(data, "RuleConflictWarning")
    assert "autograd-fixture-conflict" in tie and "autograd-fixture-good" in tie
    assert "fixturelib.cube" in tie
    # the tie goes to the first name; scale goes to the conflict plugin by priority (no warning)
    assert data["calls"]["cube"] == 3 and data["calls"]["scale"] == 1
    assert _warnings(data, "PluginWarning") == []


def test_preference_settles_ties_and_beats_priority(run_py):
    env = {"AUTOGRAD_PLUGINS_BLOCK": "autograd-fixture-broken",
           "AUTOGRAD_PLUGINS_PREFER": "autograd-fixture-good"}
    data = run_py(GRADS, env).check().data
    assert data["warnings"] == []
    assert data["calls"] == {"cube": 0, "scale": 0}


ORDER = """
import json, warnings
warnings.simplefilter("ignore")
import autograd.plugins as plugins
from autograd import grad, rules
import autograd.fixture as fx, fixturelib
for name in {order!r}:
    plugins.enable(name)
    grad(fx.cube)(1.0)
print(json.dumps(rules.active().origins[("vjp", fixturelib.cube)].distribution))
"""


@pytest.mark.parametrize("prefer", [None, "autograd-fixture-good"])
def test_the_winner_never_depends_on_load_order(run_py, prefer):
    env = {"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1", "AUTOGRAD_PLUGINS_ALLOW": "fixture-good"}
    if prefer:
        env["AUTOGRAD_PLUGINS_PREFER"] = prefer
    winners = {run_py(ORDER.format(order=order), env).check().data
               for order in (["fixture-good", "fixture-conflict"],
                             ["fixture-conflict", "fixture-good"])}
    assert winners == {prefer or "autograd-fixture-conflict"}


def test_strict_mode_raises_on_the_tie(run_py):
    env = {"AUTOGRAD_PLUGINS_STRICT": "1", "AUTOGRAD_PLUGINS_BLOCK": "autograd-fixture-broken"}
    r = run_py("from autograd import grad\nimport autograd.fixture as fx\ngrad(fx.cube)(1.0)", env)
    assert r.returncode != 0
    assert "RuleConflictError" in r.stderr and "AUTOGRAD_PLUGINS_STRICT" in r.stderr
    assert "autograd-fixture-conflict and autograd-fixture-good" in r.stderr


STATES = """
import json, sys, warnings
warnings.simplefilter("ignore")
import autograd.plugins as plugins
print(json.dumps({"states": {p.name: [p.state, p.reason] for p in plugins.list()},
                  "modules": sorted(m for m in sys.modules if m.startswith(("autograd_fixture",
                                                                            "fixturelib")))}))
"""


@pytest.mark.parametrize("env, active", [
    ({}, {"fixture-good", "fixture-conflict", "broken-loader"}),
    ({"AUTOGRAD_PLUGINS_BLOCK": "autograd-fixture-broken,fixture-conflict"}, {"fixture-good"}),
    ({"AUTOGRAD_PLUGINS_ALLOW": "fixture-good"}, {"fixture-good"}),
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1"}, set()),
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1", "AUTOGRAD_PLUGINS_ALLOW": "fixture-good"},
     {"fixture-good"}),
    ({"AUTOGRAD_PLUGINS_ALLOW": "fixture-good", "AUTOGRAD_PLUGINS_BLOCK": "fixture-good"}, set()),
])
def test_block_allow_and_autoload(run_py, env, active):
    data = run_py(STATES, env).check().data
    states = data["states"]
    assert {n for n, (s, _) in states.items() if s == "active"} == active
    imported = set(data["modules"])
    assert "fixturelib" not in imported            # discovery never imports a target
    for name, module in PLUGIN_MODULES.items():    # a plugin left out is never imported
        assert (module in imported) == (states[name][0] != "disabled"), name


def test_rule_sets_stay_pending_until_their_target_is_imported(run_py):
    code = """
import json, sys, warnings
warnings.simplefilter("ignore")
from autograd import grad
from autograd.extend import primitive
import autograd.plugins as plugins
f = primitive(lambda x: x)
try:
    grad(f)(1.0)            # a miss: discovery runs, but fixturelib is not imported
except Exception as e:
    err = str(e)
before = {p.name: [rs.state for rs in p.rule_sets] for p in plugins.list()}
import fixturelib
import autograd.fixture as fx
grad(fx.cube)(1.0)
after = {p.name: [rs.state for rs in p.rule_sets] for p in plugins.list()}
print(json.dumps({"before": before, "after": after, "err": err}))
"""
    data = run_py(code).check().data
    assert data["before"]["fixture-good"] == ["pending"]
    assert data["after"]["fixture-good"] == ["loaded"]
    assert data["after"]["broken-loader"] == ["failed"]
    assert "Installed rule sets:" in data["err"]
    assert "fixturelib (autograd-fixture-good" in data["err"]


def test_missing_rule_error_names_function_rule_sets_and_distribution(run_py):
    code = """
import warnings
warnings.simplefilter("ignore")
from autograd import grad
import autograd.fixture as fx
grad(fx.untouched)(1.0)
"""
    r = run_py(code, {"AUTOGRAD_PLUGINS_PREFER": "autograd-fixture-good"})
    assert r.returncode != 0
    last = r.stderr.strip().splitlines()[-1]
    assert "MissingRuleError: VJP of fixturelib.untouched is not defined" in last
    assert "Installed rule sets: " in last
    assert "'fixturelib' of autograd-fixture-good 1.0.0 is loaded but has no VJP rule" in last
    assert "'fixturelib' of autograd-fixture-broken 0.1.0 failed to load" in last


def test_eager_mode_loads_everything_at_discovery(run_py):
    code = STATES.replace("plugins.list()}", "plugins.list()},\n"
                          "                  'sets': {p.name: [rs.state for rs in p.rule_sets]"
                          " for p in plugins.list()}")
    data = run_py(code, {"AUTOGRAD_PLUGINS_EAGER": "1",
                         "AUTOGRAD_PLUGINS_PREFER": "autograd-fixture-good"}).check().data
    assert "fixturelib" in data["modules"]
    assert data["sets"]["fixture-good"] == ["loaded"]
    assert data["sets"]["broken-loader"] == ["failed"]


def test_tracing_logs_what_loads(run_py):
    code = "from autograd import grad\nimport autograd.fixture as fx\ngrad(fx.cube)(1.0)"
    r = run_py(code, {"AUTOGRAD_PLUGINS_TRACE": "1", "AUTOGRAD_PLUGINS_ALLOW": "fixture-good"})
    r.check()
    assert "autograd.plugins: discovered 7 plugin(s)" in r.stderr
    assert "skipped plugin 'fixture-conflict'" in r.stderr
    assert "loaded rules 'fixturelib' of 'fixture-good'" in r.stderr


def test_a_blocked_namespace_is_not_importable(run_py):
    r = run_py("import autograd.fixture", {"AUTOGRAD_PLUGINS_BLOCK": "fixture-good"})
    assert r.returncode != 0 and "No module named 'autograd.fixture'" in r.stderr


def test_a_namespace_is_one_module_object(run_py):
    code = """
import json, warnings
warnings.simplefilter("ignore")
import autograd.fixture, autograd_fixture_good.api as api
from autograd.fixture import cube
print(json.dumps([autograd.fixture is api, cube is api.cube]))
"""
    assert run_py(code).check().data == [True, True]


# ----------------------------------------------------------------- the command line

def test_cli_json_lists_everything_and_imports_no_target(run_py):
    code = """
import io, json, sys, contextlib, warnings
warnings.simplefilter("ignore")
from autograd.__main__ import main
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    main(["plugins", "--json"])
report = json.loads(buf.getvalue())
report["imported"] = sorted(m for m in ("fixturelib", "numpy", "scipy") if m in sys.modules)
print(json.dumps(report))
"""
    data = run_py(code).check().data
    assert data["imported"] == []
    by_name = {p["name"]: p for p in data["plugins"]}
    assert set(by_name) == {"fixture-good", "fixture-conflict", *BROKEN_NAMES}
    good = by_name["fixture-good"]
    assert (good["distribution"], good["version"], good["state"]) == (
        "autograd-fixture-good", "1.0.0", "active")
    assert good["namespaces"] == {"autograd.fixture": "autograd_fixture_good.api"}
    assert [(rs["name"], rs["state"]) for rs in good["rule_sets"]] == [("fixturelib", "pending")]
    assert good["vjp_rules"] == good["jvp_rules"] == 0
    for name in ("broken-import", "broken-signature", "broken-hook", "broken-typo"):
        assert by_name[name]["state"] == "broken" and by_name[name]["error"]
    assert data["settings"]["strict"] is False and data["discovery_ms"] > 0


def test_cli_load_reports_counts_failures_and_conflicts(run_py):
    r = run_py("", argv=["-m", "autograd", "plugins", "--json", "--load"]).check()
    data = json.loads(r.stdout)
    by_name = {p["name"]: p for p in data["plugins"]}
    good, conflict = by_name["fixture-good"], by_name["fixture-conflict"]
    assert good["rule_sets"][0]["state"] == "loaded"
    assert (good["vjp_rules"], good["jvp_rules"]) == (1, 3)      # cube and scale VJPs lost
    assert (conflict["vjp_rules"], conflict["jvp_rules"]) == (2, 0)
    assert by_name["broken-loader"]["rule_sets"][0]["state"] == "failed"
    assert "this loader always fails" in by_name["broken-loader"]["rule_sets"][0]["error"]
    decided = {(c["function"], c["decided_by"], c["winner"]["distribution"])
               for c in data["conflicts"]}
    assert decided == {("fixturelib.cube", "tie", "autograd-fixture-conflict"),
                       ("fixturelib.scale", "priority", "autograd-fixture-conflict")}
    assert len(good["conflicts"]) == 2


def test_cli_table(run_py):
    r = run_py("", argv=["-m", "autograd", "plugins"]).check()
    out = r.stdout
    assert "7 plugins found" in out
    assert "fixture-good" in out and "autograd-fixture-good" in out and "1.0.0" in out
    assert "fixturelib:pending" in out and "autograd.fixture" in out
    assert "broken-import: ModuleNotFoundError" in out
    assert "PluginWarning" in r.stderr


def test_cli_coverage(run_py):
    r = run_py("", argv=["-m", "autograd", "coverage", "fixturelib", "--json"],
               env={"AUTOGRAD_PLUGINS_PREFER": "autograd-fixture-good"}).check()
    data = json.loads(r.stdout)
    rows = {row["name"]: row for row in data["rows"]}
    assert rows["cube"]["status"] == "VJP+JVP"
    assert rows["cube"]["provider"] == "autograd-fixture-good"
    assert rows["floor_to"]["status"] == "non-differentiable"
    assert rows["untouched"]["status"] == "nothing"
    assert "Meters" not in rows                                  # classes are not counted
    assert data["totals"] == {"callables": 5, "vjp": 3, "jvp": 3, "nondiff": 1, "nothing": 1,
                              "batch": 0}
    table = run_py("", argv=["-m", "autograd", "coverage", "fixturelib"]).check().stdout
    assert table.strip().splitlines()[-2:] == [
        "vmap: 0 batch natively (a batching rule, or by composition); the others are batched "
        "by a loop over the examples",
        "total: 5 public callables: 3 with a VJP, 3 with a JVP, 1 non-differentiable, "
        "1 with nothing"]


def test_console_script(run_py):
    script = shutil.which("autograd", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("no console script next to this interpreter")
    r = run_py("", argv=["-c", "import subprocess, sys; sys.exit(subprocess.call("
                               f"[{script!r}, 'plugins', '--json']))"]).check()
    assert json.loads(r.stdout)["autograd"]["distribution"] == "autograd-core"


# ----------------------------------------------------------------- conformance helper

def test_conformance_passes_for_the_good_plugin():
    from autograd.plugins.testing import check_plugin
    check_plugin("autograd-fixture-good")


def test_conformance_lists_every_problem_of_the_conflicting_plugin():
    from autograd.plugins.testing import ConformanceError, check_plugin
    with pytest.raises(ConformanceError) as info:
        check_plugin("autograd-fixture-conflict")
    msg = str(info.value)
    assert "no sample declared for fixturelib.cube (VJP rule)" in msg
    assert "no sample declared for fixturelib.scale (VJP rule)" in msg


def test_conformance_reports_broken_entry_points():
    from autograd.plugins.testing import check_entry_points
    problems = check_entry_points("autograd-fixture-broken")
    text = "\n".join(problems)
    assert "broken-import" in text and "does not import" in text
    assert "broken-signature" in text and "broken-typo" in text and "broken-hook" in text
    assert "broken-loader" not in text


@pytest.mark.filterwarnings("ignore::autograd.plugins.PluginWarning")
def test_conformance_samples_can_be_passed_in_and_catch_a_wrong_rule(monkeypatch):
    import fixturelib
    from autograd import rules
    from autograd.plugins.testing import check_rules, sample
    import autograd_fixture_conflict as conflict
    import autograd.fixture as fx
    samples = [sample(fx.cube, 1.2, modes=["rev"], order=1),
               sample(fx.scale, 1.5, 2.0, modes=["rev"], order=1)]
    assert check_rules("autograd-fixture-conflict", samples) == []
    monkeypatch.setattr(conflict, "_cube_vjp", lambda ans, x: lambda g: g)   # a wrong rule
    problems = check_rules("autograd-fixture-conflict", samples)
    assert len(problems) == 1
    assert "check_grads failed for sample fixturelib.cube(1.2)" in problems[0]
    assert fixturelib.cube not in rules.active().vjps      # checked in an isolated registry
