"""``python -m autograd plugins`` / ``coverage``, run in-process on an isolated plugin state."""

import json

import pytest

import autograd.plugins as plugins
from autograd.__main__ import main
from autograd.extend import defjvp, defnondiff, defvjp
from autograd.plugins import hookimpl


class FakeLibPlugin:
    def __init__(self, lib):
        self.lib = lib

    @hookimpl
    def autograd_register(self, registry):
        registry.add_namespace("fake_cli", "fake_lib")
        registry.add_rule_set("fake_lib", self.register, name="fake-rules")

    def register(self):
        defvjp(self.lib.cube, lambda ans, x: lambda g: 3.0 * g * x * x)
        defjvp(self.lib.cube, lambda t, ans, x: 3.0 * t * x * x)
        defvjp(self.lib.twice, lambda ans, x: lambda g: 2.0 * g)
        defnondiff(self.lib.plain)


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_plugins_json_before_and_after_load(fake_lib, capsys):
    with plugins.isolated(("fake", FakeLibPlugin(fake_lib))):
        data = _json(capsys, ["plugins", "--json"])
        (p,) = data["plugins"]
        assert (p["name"], p["state"], p["vjp_rules"], p["jvp_rules"]) == ("fake", "active", 0, 0)
        assert p["namespaces"] == {"autograd.fake_cli": "fake_lib"}
        assert p["rule_sets"][0]["state"] == "pending" and p["rule_sets"][0]["priority"] == 0
        data = _json(capsys, ["plugins", "--json", "--load"])
        (p,) = data["plugins"]
        assert p["rule_sets"][0]["state"] == "loaded"
        assert (p["vjp_rules"], p["jvp_rules"]) == (2, 1)
        assert data["autograd"]["vjp_rules"] > 0 and data["conflicts"] == []


def test_plugins_table(fake_lib, capsys):
    with plugins.isolated(("fake", FakeLibPlugin(fake_lib))):
        assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "1 plugin found" in out
    assert "PLUGIN" in out and "fake-rules:pending" in out and "autograd.fake_cli" in out


def test_plugins_table_without_plugins(capsys):
    with plugins.isolated():
        assert main(["plugins"]) == 0
    assert "No plugins installed" in capsys.readouterr().out


def test_coverage_of_a_module(fake_lib, capsys):
    with plugins.isolated(("fake", FakeLibPlugin(fake_lib))):
        data = _json(capsys, ["coverage", "fake_lib", "--json"])
        assert {r["name"]: r["status"] for r in data["rows"]} == {
            "cube": "VJP+JVP", "twice": "VJP", "plain": "non-differentiable"}
        assert data["totals"] == {"callables": 3, "vjp": 2, "jvp": 1, "nondiff": 1, "nothing": 0,
                                  "batch": 0}
        assert not any(r["batch"] for r in data["rows"])     # no batching rules: the loop
        assert main(["coverage", "fake_lib", "--missing"]) == 0
    out = capsys.readouterr().out
    assert "cube" not in out and out.strip().endswith("0 with nothing")


def test_coverage_of_the_core_math_module(capsys):
    import autograd.math  # noqa: F401  (registers its rules in the global registry first)
    with plugins.isolated():
        assert main(["coverage", "math"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("total: ") and "with a VJP" in last


def test_coverage_of_a_module_that_does_not_exist(capsys):
    assert main(["coverage", "no_such_module_xyz"]) == 1
    assert "cannot import" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "plugins" in capsys.readouterr().out


def test_unknown_command_is_an_error():
    with pytest.raises(SystemExit):
        main(["nope"])
