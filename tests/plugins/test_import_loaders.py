"""Import loaders (``registry.add_import_loader``): run as soon as their target module
is imported, before anything else of autograd's could notice it."""

import importlib
import sys
import types
import warnings

import pytest

import autograd.plugins as plugins
from autograd.plugins import PluginWarning, hookimpl

STRICT_OFF = {"AUTOGRAD_PLUGINS_STRICT": None}


class ImportLoader:
    def __init__(self, target, loader):
        self.target, self.loader = target, loader

    @hookimpl
    def autograd_register(self, registry):
        registry.add_import_loader(self.target, self.loader)


class FakeEntryPoint:
    def __init__(self, name, obj):
        self.name, self.value, self.obj = name, f"fake.{name}", obj
        self.dist = types.SimpleNamespace(name=f"autograd-{name}", version="1.0")

    def load(self):
        return self.obj


@pytest.fixture
def module_on_path(tmp_path, monkeypatch):
    """A module file ``name`` that is importable but not imported yet."""
    def make(name):
        (tmp_path / f"{name}.py").write_text("VALUE = 42\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        monkeypatch.delitem(sys.modules, name, raising=False)
        return name
    yield make


def _watching(name):
    """The import watchers on ``sys.meta_path`` waiting for module ``name`` (the
    global manager may be waiting for other modules, scipy.sparse say, when an
    add-on with an import loader is installed)."""
    return [f for f in sys.meta_path
            if type(f).__name__ == "_ImportWatcher" and name in f.targets]


def test_runs_right_after_the_target_is_imported(module_on_path):
    name = module_on_path("ag_import_target_a")
    seen = []
    with plugins.isolated(env=STRICT_OFF) as m:
        p = m.register(ImportLoader(name, lambda: seen.append(sys.modules[name].VALUE)),
                       name="imp", distribution="autograd-imp")
        assert seen == [] and name not in sys.modules      # the plugin imports nothing
        assert p.import_loaders[0].state == "pending" and _watching(name)
        mod = importlib.import_module(name)
        assert seen == [42]                                 # the module had run already
        assert p.import_loaders[0].state == "loaded"
        assert type(mod.__loader__).__name__ != "_NotifyingLoader"
        assert mod.__spec__.loader is mod.__loader__
        assert not _watching(name)                          # nothing left to wait for
        importlib.reload(mod)
        assert seen == [42]                                 # at most once


def test_runs_at_once_when_the_target_is_already_imported(module_on_path):
    name = module_on_path("ag_import_target_b")
    importlib.import_module(name)
    seen = []
    with plugins.isolated(env=STRICT_OFF) as m:
        m.register(ImportLoader(name, lambda: seen.append(1)), name="imp",
                   distribution="autograd-imp")
        assert seen == [1]


def test_during_discovery_it_waits_until_every_plugin_is_registered(module_on_path):
    name = module_on_path("ag_import_target_c")
    importlib.import_module(name)
    seen = []

    def loader():   # sees the manager with both plugins discovered
        seen.append(sorted(p.name for p in plugins.list()))

    eps = [FakeEntryPoint("first", ImportLoader(name, loader)),
           FakeEntryPoint("second", ImportLoader(name, lambda: None))]
    with plugins.isolated(entry_points=eps, env=STRICT_OFF) as m:
        m.discover()
        assert seen == [["first", "second"]]


def test_a_failing_loader_warns_and_the_import_still_works(module_on_path):
    name = module_on_path("ag_import_target_d")

    def loader():
        raise RuntimeError("boom")

    with plugins.isolated(env=STRICT_OFF) as m:
        p = m.register(ImportLoader(name, loader), name="imp", distribution="autograd-imp")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert importlib.import_module(name).VALUE == 42
        assert any(issubclass(w.category, PluginWarning) and "boom" in str(w.message)
                   for w in caught)
        assert p.import_loaders[0].state == "failed"


def test_declaration_is_checked_and_reported():
    with plugins.isolated(env=STRICT_OFF) as m:
        with pytest.warns(PluginWarning, match="loader must be a callable"):
            bad = m.register(ImportLoader("json", "no_colon"), name="bad")
        assert bad.state == "broken"
        m.register(ImportLoader("json", lambda: None), name="imp", distribution="autograd-imp")
        from autograd.plugins.report import plugin_report
        rows = [p for p in plugin_report(m)["plugins"] if p["name"] == "imp"]
        assert rows[0]["import_loaders"][0]["state"] == "loaded"
