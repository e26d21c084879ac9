"""Shared helpers for the plugin tests.

Unit tests build their own plugins with ``autograd.plugins.isolated`` and
``register``.  The tests marked by the ``fixture_plugins`` fixture need the
fixture distributions under tests/plugins/fixtures/ really installed (the tox
env ``plugins`` does that) and run each scenario in a fresh interpreter.
"""

import json
import os
import subprocess
import sys
import types

import pytest

FIXTURE_DISTS = ("autograd-fixture-good", "autograd-fixture-conflict", "autograd-fixture-broken")


def _installed(dist):
    from importlib.metadata import PackageNotFoundError, distribution
    try:
        distribution(dist)
        return True
    except PackageNotFoundError:
        return False


@pytest.fixture(scope="session")
def fixture_plugins():
    """Skip unless the fixture plugin distributions are installed (tox -e plugins)."""
    missing = [d for d in FIXTURE_DISTS if not _installed(d)]
    if missing:
        pytest.skip(f"fixture plugins not installed ({', '.join(missing)}); run `tox -e plugins`")


class Result:
    def __init__(self, proc):
        self.proc = proc
        self.returncode = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr

    @property
    def data(self):
        """The JSON object the script printed last."""
        return json.loads(self.stdout.strip().splitlines()[-1])

    def check(self):
        assert self.returncode == 0, f"exit {self.returncode}\n{self.stdout}\n{self.stderr}"
        return self


@pytest.fixture
def run_py():
    """Run Python code in a fresh interpreter with only the given AUTOGRAD_PLUGINS_* set."""

    def run(code, env=None, argv=None):
        e = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
        e.update(env or {})
        cmd = [sys.executable] + (argv if argv is not None else ["-c", code])
        return Result(subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=120))

    return run


@pytest.fixture
def fake_lib(monkeypatch):
    """A throwaway "third-party library" module, in sys.modules only for the test."""
    mod = types.ModuleType("fake_lib")

    def cube(x):
        return x * x * x

    def twice(x):
        return 2.0 * x

    def plain(x):
        return x + 1.0

    mod.cube, mod.twice, mod.plain = cube, twice, plain
    for f in (cube, twice, plain):
        f.__module__, f.__qualname__ = "fake_lib", f.__name__
    monkeypatch.setitem(sys.modules, "fake_lib", mod)
    return mod
