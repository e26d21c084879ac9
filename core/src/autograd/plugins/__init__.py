"""Gradient-rule plugins: discovery through pluggy entry points, loaded on demand.

A plugin is a distribution with an entry point in the group ``autograd``
pointing at a *thin* module that imports only this package and declares what
it provides::

    from autograd.plugins import hookimpl

    @hookimpl
    def autograd_register(registry):
        registry.add_namespace("numpy", "autograd_numpy")
        registry.add_value_types("numpy", "autograd_numpy.numpy_boxes:register")
        registry.add_rule_set("numpy", "autograd_numpy.numpy_vjps:register")

Nothing heavy runs at discovery.  A value-types loader runs the first time a
value of an unknown type is differentiated, and a rule set's loader the first
time a rule lookup misses, in both cases only when its target module is
already in ``sys.modules`` (no import is ever added that the user did not
already pay for).  Every rule a loader registers is attributed to the
plugin's distribution and version.
"""

import sys
import threading

import pluggy

from .. import rules as _rules

__all__ = [
    "hookimpl", "hookspec", "PluginRegistry", "manager", "load", "namespace_target",
    "load_value_types", "load_rules_for", "missing_rule_hint", "plugin_list",
]

PROJECT = "autograd"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class _Specs:
    @hookspec
    def autograd_register(self, registry):
        """Declare namespaces, value types and rule sets on ``registry``."""


class _Pending:
    """A declared loader (``"pkg.mod:func"``) waiting for its target module."""

    __slots__ = ("plugin", "target", "loader", "name", "state", "error", "kind")

    def __init__(self, plugin, target, loader, name, kind):
        self.plugin = plugin
        self.target = target
        self.loader = loader
        self.name = name or target
        self.kind = kind
        self.state = "pending"
        self.error = None

    def ready(self):
        return self.state == "pending" and self.target in sys.modules


class PluginRegistry:
    """What one plugin declares; the object its ``autograd_register`` hook receives."""

    def __init__(self, name, distribution=None, version=None):
        self.name = name
        self.distribution = distribution or name
        self.version = version
        self.namespaces = {}
        self.rule_sets = []
        self.value_types = []
        self.error = None

    def add_namespace(self, name, module):
        """``autograd.<name>`` is the module ``module`` (and its submodules)."""
        self.namespaces[name] = module

    def add_rule_set(self, target, loader, name=None):
        """Rules for functions of module ``target``, registered by calling ``loader``."""
        self.rule_sets.append(_Pending(self, target, loader, name, "rules"))

    def add_value_types(self, target, loader):
        """Boxes/VSpaces for the types of module ``target``, registered by ``loader``."""
        self.value_types.append(_Pending(self, target, loader, None, "types"))

    @property
    def provenance(self):
        return (self.distribution, self.version)


class PluginManager:
    """Discovers plugins once (lazily, thread-safe) and loads what they declare."""

    def __init__(self):
        self._lock = threading.RLock()
        self.discovered = False
        self.plugins = {}          # name -> PluginRegistry
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(_Specs)

    # -- discovery
    def discover(self):
        if self.discovered:
            return
        with self._lock:
            if self.discovered:
                return
            self.discovered = True   # set first: a plugin importing autograd must not recurse
            for ep in _entry_points():
                dist = getattr(ep, "dist", None)
                self.register(None, name=ep.name, entry_point=ep,
                              distribution=getattr(dist, "name", None),
                              version=getattr(dist, "version", None))

    def register(self, obj, name=None, entry_point=None, distribution=None, version=None):
        """Register a plugin object (a module or any object with ``autograd_register``)."""
        name = name or getattr(obj, "__name__", None) or repr(obj)
        reg = PluginRegistry(name, distribution, version)
        with self._lock:
            self.plugins[name] = reg
            try:
                if entry_point is not None:
                    obj = entry_point.load()
                self.pm.register(obj, name=name)
                impls = [i for i in self.pm.hook.autograd_register.get_hookimpls()
                         if i.plugin_name == name]
                for impl in impls:
                    impl.function(registry=reg)
            except Exception as e:  # noqa: BLE001 - a broken plugin must not break the rest
                reg.error = e
                _warn_broken(name, reg.distribution, e)
        return reg

    # -- queries used by the engine's hooks
    def namespace_target(self, ns):
        self.discover()
        for reg in self.plugins.values():
            if reg.error is None and ns in reg.namespaces:
                return reg.namespaces[ns]
        return None

    def _run(self, pending):
        pending.state = "loading"
        try:
            with _rules.provenance(*pending.plugin.provenance):
                _call_loader(pending.loader)
            pending.state = "loaded"
        except Exception as e:  # noqa: BLE001
            pending.state = "failed"
            pending.error = e
            _warn_broken(pending.plugin.name, pending.plugin.distribution, e,
                         what=f"{pending.kind} loader {pending.loader!r}")
        return pending.state == "loaded"

    def _load_ready(self, kind):
        self.discover()
        loaded = False
        with self._lock:
            for reg in list(self.plugins.values()):
                if reg.error is not None:
                    continue
                for p in (reg.value_types if kind == "types" else reg.rule_sets):
                    if p.ready():
                        loaded = self._run(p) or loaded
        return loaded

    def load_value_types(self, value_type=None):
        return self._load_ready("types")

    def load_rules_for(self, raw=None):
        loaded = self._load_ready("types")
        return self._load_ready("rules") or loaded

    def load(self):
        """Load every declared loader whose target module is importable (eager mode)."""
        self.discover()
        import importlib
        for reg in self.plugins.values():
            for p in reg.value_types + reg.rule_sets:
                if p.state == "pending":
                    try:
                        importlib.import_module(p.target)
                    except ImportError:
                        continue
        self._load_ready("types")
        self._load_ready("rules")


def _entry_points():
    from importlib.metadata import entry_points
    eps = entry_points()
    if hasattr(eps, "select"):
        return list(eps.select(group=PROJECT))
    return list(eps.get(PROJECT, []))  # pragma: no cover - Python < 3.10


def _call_loader(spec):
    import importlib
    modname, _, func = spec.partition(":")
    module = importlib.import_module(modname)
    if func:
        getattr(module, func)()


def _warn_broken(name, dist, err, what="plugin"):
    import warnings
    warnings.warn(
        f"autograd plugin {name!r} (distribution {dist!r}) failed: {what}: "
        f"{type(err).__name__}: {err}. Everything else keeps working; disable it with "
        f"AUTOGRAD_PLUGINS_BLOCK={name} or autograd.plugins.disable({name!r}).",
        RuntimeWarning, stacklevel=3)


manager = PluginManager()


def namespace_target(ns):
    return manager.namespace_target(ns)


def load_value_types(value_type=None):
    return manager.load_value_types(value_type)


def load_rules_for(raw=None):
    return manager.load_rules_for(raw)


def load():
    manager.load()


def register(obj, name=None):
    """Register a plugin object at run time (no entry point needed)."""
    return manager.register(obj, name=name)


def plugin_list():
    manager.discover()
    return list(manager.plugins.values())


def missing_rule_hint(fun):
    """A sentence for the missing-rule error: rule sets installed and what to install."""
    if not manager.discovered:
        return ""
    sets = [p.name for reg in manager.plugins.values() for p in reg.rule_sets]
    mod = getattr(fun, "__module__", None) or ""
    hint = f"Installed rule sets: {', '.join(sets) or 'none'}."
    top = mod.split(".")[0]
    if top == "scipy":
        hint += " SciPy rules come from `pip install autograd-scipy`."
    elif top == "numpy":
        hint += " NumPy rules come from `pip install autograd-numpy`."
    return hint
