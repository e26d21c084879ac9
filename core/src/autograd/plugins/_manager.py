"""The plugin manager: finds plugins once, keeps what they declare, loads it on demand.

Life of a plugin
----------------
1. *Discovery* (once, on first need, thread-safe): every entry point of the
   group ``autograd`` is checked against the user's settings *before* its
   module is imported; an admitted one is imported, registered with pluggy
   (which validates its hook signatures) and its ``autograd_register`` hook is
   called with the plugin's :class:`Plugin` record, on which it declares
   namespaces, value types and rule sets.  Nothing heavy runs here.
2. *Loading* (each loader at most once): when a value type or a rule lookup
   misses, every pending loader whose target module is already in
   ``sys.modules`` runs, inside ``rules.provenance(...)`` so each rule it
   registers records the plugin's distribution, version and priority.
   An *import loader* (:meth:`Plugin.add_import_loader`) runs instead as soon
   as its target module is imported: right after discovery if it already is,
   otherwise right after that import (a ``sys.meta_path`` finder watches the
   declared module names and nothing else).
3. Anything that fails (import, hook, loader) marks the plugin or rule set
   broken and warns once per plugin, saying how to disable it; everything else
   goes on.
"""

import sys
import threading
import time
import weakref
import warnings

import pluggy

from .. import rules as _rules
from .._entry_points import Dist as _Dist, EntryPoint as _EntryPoint, Unusual as _Unusual  # noqa: F401
from .._entry_points import installed_entry_points as _installed, scan as _scan
from .._settings import Settings, norm

PROJECT = "autograd"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class PluginWarning(RuntimeWarning):
    """A plugin or one of its loaders failed; it was skipped."""


class _Specs:
    """The hooks a plugin may implement.  Each takes one object, so the set of
    things a plugin can declare grows by adding methods to it, never by
    changing a hook's signature."""

    @hookspec
    def autograd_register(self, registry):
        """Declare namespaces, value types and rule sets on ``registry``
        (a :class:`Plugin`).  Must stay cheap: import nothing heavy here."""


# ----------------------------------------------------------------- declarations

class RuleSet:
    """A loader (``"pkg.mod:func"`` or a callable) waiting for its target module.

    ``kind`` is ``"rules"``, ``"types"`` or ``"import"``; ``state`` goes ``pending`` ->
    ``loading`` -> ``loaded`` or ``failed``.
    """

    __slots__ = ("plugin", "kind", "target", "loader", "name", "priority", "samples",
                 "state", "error", "seconds")

    def __init__(self, plugin, kind, target, loader, name=None, priority=0, samples=None):
        self.plugin = plugin
        self.kind = kind
        self.target = target
        self.loader = loader
        self.name = name or target
        self.priority = priority
        self.samples = samples
        self.state = "pending"
        self.error = None
        self.seconds = None

    @property
    def key(self):
        """The ``source`` recorded on every rule this loader registers."""
        return f"{self.plugin.name}/{self.kind}/{self.name}"

    @property
    def loader_name(self):
        if callable(self.loader):
            mod = getattr(self.loader, "__module__", "?")
            return f"{mod}:{getattr(self.loader, '__qualname__', repr(self.loader))}"
        return self.loader

    def ready(self):
        return self.state == "pending" and self.target in sys.modules

    def resolve(self):
        """The loader function (imports its module)."""
        return _resolve(self.loader)

    def __repr__(self):
        return f"<RuleSet {self.key} target={self.target!r} {self.state}>"


def _resolve(spec):
    if callable(spec):
        return spec
    import importlib
    modname, _, attr = spec.partition(":")
    obj = importlib.import_module(modname)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def _check_spec(spec, what):
    if callable(spec):
        return spec
    if not isinstance(spec, str) or spec.count(":") != 1 or not all(spec.split(":")):
        raise ValueError(f"{what} must be a callable or a string 'package.module:function', "
                         f"got {spec!r}")
    return spec


def _check_module_name(name, what):
    if not isinstance(name, str) or not name or name.startswith(".") or " " in name:
        raise ValueError(f"{what} must be a module name such as 'numpy.linalg', got {name!r}")
    return name


class Plugin:
    """One plugin: what it declares, and what became of it.

    Its ``autograd_register`` hook receives this object as ``registry``::

        @hookimpl
        def autograd_register(registry):
            registry.add_namespace("mylib", "autograd_mylib.api")
            registry.add_rule_set("mylib", "autograd_mylib.rules:register")

    ``state`` is ``"active"``, ``"disabled"`` (``reason`` says by what) or
    ``"broken"`` (``error`` says why).
    """

    def __init__(self, name, distribution=None, version=None, entry_point=None):
        self.name = name
        self.distribution = distribution or name
        self.version = version
        self.entry_point = entry_point     # "pkg.mod" the entry point names, if any
        self.namespaces = {}
        self.rule_sets = []
        self.value_types = []
        self.import_loaders = []
        self.state = "pending"
        self.reason = None
        self.error = None
        self.warned = False
        self.hooked = False                # its hook ran (so it was imported)
        self.obj = None

    # -- the declaration API (what a plugin calls)
    def add_namespace(self, name, module):
        """Make ``autograd.<name>`` (and its submodules) resolve to ``module``."""
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"namespace must be an identifier such as 'numpy', got {name!r}")
        self.namespaces[name] = _check_module_name(module, "namespace module")

    def add_rule_set(self, target, loader, name=None, priority=0, samples=None):
        """Rules for functions of module ``target``, registered by ``loader()``.

        The loader runs the first time a rule lookup misses while ``target`` is
        imported.  ``priority`` settles conflicts with other distributions'
        rules (higher wins; default 0).  ``samples`` (``"pkg.mod:ATTR"``) names
        the sample inputs the conformance checks use
        (see :mod:`autograd.plugins.testing`).
        """
        _check_module_name(target, "rule set target")
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise TypeError(f"priority must be an int, got {priority!r}")
        if samples is not None:
            _check_spec(samples, "samples")
        self.rule_sets.append(RuleSet(self, "rules", target, _check_spec(loader, "loader"),
                                      name, priority, samples))

    def add_value_types(self, target, loader):
        """Boxes and vector spaces for the types of module ``target``, registered
        by ``loader()`` the first time a value of an unknown type is seen while
        ``target`` is imported."""
        _check_module_name(target, "value types target")
        self.value_types.append(RuleSet(self, "types", target, _check_spec(loader, "loader")))

    def add_import_loader(self, target, loader):
        """Run ``loader()`` as soon as module ``target`` is imported.

        For what must be in place before autograd ever looks anything up: the
        operators of ``target``'s types that meet traced values (scipy's
        ``A @ x`` calls its own kernels before any rule or type lookup could
        load a rule set).  It runs right after discovery if ``target`` is
        already imported, otherwise right after the user imports it; the
        plugin never imports ``target`` itself.
        """
        _check_module_name(target, "import loader target")
        self.import_loaders.append(RuleSet(self, "import", target,
                                           _check_spec(loader, "loader")))

    # -- information
    @property
    def provenance(self):
        return (self.distribution, self.version)

    def loaders(self):
        """Value-type loaders first: rules may need the types."""
        return self.value_types + self.rule_sets + self.import_loaders

    def _clear(self):
        self.namespaces = {}
        self.rule_sets = []
        self.value_types = []
        self.import_loaders = []

    def __repr__(self):
        return f"<Plugin {self.name} ({self.distribution} {self.version}) {self.state}>"




# ----------------------------------------------------------------- the manager

class PluginManager:
    """Discovers plugins once (lazily, thread-safe) and loads what they declare.

    ``entry_points``: ``None`` for the installed entry points, or an iterable
    of entry-point-like objects (``name``, ``value``, ``dist``, ``load()``),
    which is how tests feed it without installing anything.
    """

    def __init__(self, settings=None, entry_points=None):
        self.settings = settings or Settings.from_env()
        self.plugins = {}                  # name -> Plugin, in discovery order
        self.discovery_seconds = None
        self._entry_points = entry_points
        self._lock = threading.RLock()
        self._discovered = False
        self._discovering = False
        self._pending = 0                  # loaders that may still run
        self._loaded_targets = set()       # targets some loader has run for
        self._checked_at = {}              # kinds -> len(sys.modules) at the last fruitless look
        self._synced = weakref.WeakSet()   # registries that hold every loaded rule set
        self._disabled = set()             # names disabled in code
        self._enabled = set()              # names enabled in code
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(_Specs)

    @property
    def discovered(self):
        return self._discovered

    # -- discovery
    def discover(self):
        """Find and register the installed plugins (once; later calls return at once)."""
        if self._discovered:
            return
        with self._lock:
            if self._discovered or self._discovering:   # done, or we are inside it
                return
            self._discovering = True
            start = time.perf_counter()
            try:
                for ep in self._iter_entry_points():
                    self._add_entry_point(ep)
            finally:
                self._discovered = True
                self._discovering = False
                self.discovery_seconds = time.perf_counter() - start
            self._trace(f"discovered {len(self.plugins)} plugin(s) in "
                        f"{1e3 * self.discovery_seconds:.1f} ms")
            for plugin in list(self.plugins.values()):
                self._start_import_loaders(plugin)
            if self._entry_points is None:
                self._check_early_namespaces()
        if self.settings.eager:
            self.load()

    def _check_early_namespaces(self):
        """Warn if a namespace imported before discovery (``autograd._lazy.early_namespace``)
        now belongs to another plugin's module: the one imported stays in use.  (A
        plugin disabled or broken since is reported as such, not here.)"""
        from .._entry_points import early_namespaces
        for ns, (module, ep_name, dist) in list(early_namespaces.items()):
            target = self.namespace_target(ns)
            if target is None or target == module:
                continue
            warnings.warn(
                f"autograd.{ns} was imported from {module} (entry point {ep_name!r} of "
                f"{dist}) before plugin discovery, which now gives {target}; the module "
                "already imported stays in use. To let discovery decide, import "
                f"autograd.plugins before autograd.{ns} (or set AUTOGRAD_PLUGINS_PREFER).",
                PluginWarning, stacklevel=2)

    def _iter_entry_points(self):
        if self._entry_points is not None:
            return list(self._entry_points)
        try:
            return installed_entry_points()
        except Exception as e:  # noqa: BLE001 - broken metadata must not break autograd
            warnings.warn(f"autograd could not list installed plugins: {type(e).__name__}: {e}",
                          PluginWarning, stacklevel=4)
            return []

    def _add_entry_point(self, ep):
        dist = getattr(ep, "dist", None)
        dist_name = getattr(dist, "name", None) or getattr(dist, "metadata", {}).get("Name")
        name = ep.name
        if name in self.plugins:    # two distributions, one entry-point name
            name = f"{dist_name}:{ep.name}"
        plugin = Plugin(name, dist_name, getattr(dist, "version", None),
                        getattr(ep, "value", None))
        self.plugins[name] = plugin
        ok, reason = self._admit(plugin, explicit=False)
        if not ok:
            plugin.state, plugin.reason = "disabled", reason
            self._trace(f"skipped plugin {name!r} ({plugin.distribution}): {reason}")
            return
        self._activate(plugin, ep.load)

    def _admit(self, plugin, explicit):
        """``(ok, reason)``: may ``plugin`` be imported and used?  block > allow > autoload."""
        names = {norm(plugin.name), norm(plugin.distribution)}
        s = self.settings
        if names & s.block:
            return False, "blocked by AUTOGRAD_PLUGINS_BLOCK"
        if names & self._disabled:
            return False, "disabled by autograd.plugins.disable()"
        if explicit or names & self._enabled:
            return True, None
        if s.allow is not None:
            return (True, None) if names & s.allow else (False, "not in AUTOGRAD_PLUGINS_ALLOW")
        if not s.autoload:
            return False, "AUTOGRAD_PLUGINS_NO_AUTOLOAD is set"
        return True, None

    def _activate(self, plugin, load):
        """Import (``load()``), validate and run the hook of an admitted plugin."""
        start = time.perf_counter()
        try:
            obj = load()
            plugin.obj = obj
            self._pm.register(obj, name=plugin.name)   # validates hook signatures
            try:
                self._call_hook(plugin, obj)
            except BaseException:
                self._pm.unregister(name=plugin.name)
                raise
        except Exception as e:  # noqa: BLE001 - a broken plugin must not break the rest
            plugin._clear()
            plugin.state, plugin.error = "broken", _describe(e)
            self._warn(plugin, "it could not be loaded", e)
            return plugin
        plugin.state, plugin.reason, plugin.error = "active", None, None
        self._pending += sum(1 for rs in plugin.loaders() if rs.state == "pending")
        self._checked_at.clear()
        # A plugin that arrives after others loaded rules for the same targets
        # loads at once: otherwise their rules would hide its misses and which
        # rule wins a conflict would depend on when it arrived.
        for rs in plugin.loaders():
            if rs.target in self._loaded_targets and rs.ready() and rs.kind != "import":
                self._run(rs)
        if self._discovered:    # (during discovery: once it is complete, see discover())
            self._start_import_loaders(plugin)
        self._trace(f"registered plugin {plugin.name!r} ({plugin.distribution} "
                    f"{plugin.version}) in {1e3 * (time.perf_counter() - start):.1f} ms: "
                    f"{len(plugin.rule_sets)} rule set(s), {len(plugin.value_types)} "
                    f"value-type loader(s), namespaces {sorted(plugin.namespaces) or '-'}")
        return plugin

    def _call_hook(self, plugin, obj):
        impls = []
        for caller in self._pm.get_hookcallers(obj) or ():
            if caller.spec is None:     # a misspelt hook would otherwise do nothing at all
                raise pluggy.PluginValidationError(
                    obj, f"unknown hook {caller.name!r} (the hook autograd calls is "
                         "'autograd_register')")
            impls.extend(i for i in caller.get_hookimpls() if i.plugin_name == plugin.name)
        if not impls:
            raise pluggy.PluginValidationError(
                obj, "no @hookimpl autograd_register(registry) found")
        plugin._clear()
        plugin.hooked = True
        with _rules.provenance(plugin.distribution, plugin.version, source=f"{plugin.name}/hook"):
            for impl in impls:
                args = {"registry": plugin}
                impl.function(*[args[a] for a in impl.argnames])

    # -- explicit registration and user controls
    def register(self, obj, name=None, distribution=None, version=None):
        """Register a plugin object (a module, class or instance with an
        ``autograd_register`` hook) without an entry point."""
        name = name or getattr(obj, "__name__", None) or type(obj).__name__
        with self._lock:
            if name in self.plugins:
                self.unregister(name)
            plugin = Plugin(name, distribution, version)
            plugin.obj = obj                   # so that enable() can activate it later
            self.plugins[name] = plugin
            ok, reason = self._admit(plugin, explicit=True)
            if not ok:
                plugin.state, plugin.reason = "disabled", reason
                return plugin
            return self._activate(plugin, lambda: obj)

    def unregister(self, name):
        """Forget a plugin and every rule it registered."""
        with self._lock:
            plugin = self._find(name)
            if plugin is None:
                raise KeyError(f"no autograd plugin named {name!r}")
            self._deactivate(plugin)
            del self.plugins[plugin.name]

    def disable(self, name):
        """Stop using a plugin: its rules are removed and its loaders no longer run.

        Before discovery this also keeps its module from being imported.
        Value types it registered and modules it already imported stay.
        """
        with self._lock:
            n = norm(name)
            self._disabled.add(n)
            self._enabled.discard(n)
            plugin = self._find(name)
            if plugin is not None and plugin.state == "active":
                self._deactivate(plugin)
                plugin.state, plugin.reason = "disabled", "disabled by autograd.plugins.disable()"
            return plugin

    def enable(self, name):
        """Undo :meth:`disable`; also admits a plugin left out by the allow-list or
        by ``AUTOGRAD_PLUGINS_NO_AUTOLOAD`` (never one on the block-list)."""
        with self._lock:
            n = norm(name)
            if n in self.settings.block:
                raise ValueError(f"autograd plugin {name!r} is blocked by AUTOGRAD_PLUGINS_BLOCK; "
                                 "remove it from that variable to enable it")
            self._disabled.discard(n)
            self._enabled.add(n)
            self.discover()
            plugin = self._find(name)
            if plugin is None or plugin.state != "disabled":
                return plugin
            ok, plugin.reason = self._admit(plugin, explicit=False)
            if not ok:
                return plugin
            if plugin.obj is not None:     # imported before: run its hook again
                self._activate(plugin, lambda: plugin.obj)
            else:
                ep = next((e for e in self._iter_entry_points()
                           if e.name == plugin.name.rpartition(":")[2]), None)
                if ep is not None:
                    self._activate(plugin, ep.load)
            return plugin

    def prefer(self, *names):
        """Let these plugins' rules win conflicts, the first name most preferred."""
        dists = []
        for name in names:
            plugin = self._find(name)
            dists.append(plugin.distribution if plugin is not None else name)
        _rules.active().preferred = tuple(dists)

    def _find(self, name):
        if name in self.plugins:
            return self.plugins[name]
        n = norm(name)
        for plugin in self.plugins.values():
            if n in (norm(plugin.name), norm(plugin.distribution)):
                return plugin
        return None

    def _deactivate(self, plugin):
        keys = {rs.key for rs in plugin.loaders()} | {f"{plugin.name}/hook"}
        _rules.active().forget(lambda origin: origin.source in keys)
        for rs in plugin.loaders():    # for the listing; enable() declares afresh
            if rs.state in ("loaded", "loading"):
                rs.state = "pending"
        if self._pm.get_plugin(plugin.name) is not None:
            self._pm.unregister(name=plugin.name)

    # -- import loaders
    def _start_import_loaders(self, plugin):
        """Run ``plugin``'s import loaders whose target is imported; watch for the others."""
        if plugin.state != "active":
            return
        for rs in plugin.import_loaders:
            if rs.ready():
                self._run(rs)
            elif rs.state == "pending":
                _watcher.watch(rs.target, self)

    def _imported(self, target):
        """``target`` was just imported: run the import loaders waiting for it."""
        with self._lock:
            for plugin in list(self.plugins.values()):
                if plugin.state == "active":
                    for rs in plugin.import_loaders:
                        if rs.target == target and rs.ready():
                            self._run(rs)

    # -- loading
    def sync_registry(self):
        """Re-run already loaded rule loaders into the active registry if it has
        never seen them (a registry swapped in by ``isolated()`` before they
        loaded); True if any ran.  Loaders are idempotent per registry."""
        registry = _rules.active()
        if registry in self._synced:
            return False
        ran = False
        with self._lock:
            for plugin in list(self.plugins.values()):
                if plugin.state != "active":
                    continue
                for rs in plugin.loaders():
                    if rs.kind == "rules" and rs.state == "loaded":
                        with _rules.provenance(plugin.distribution, plugin.version,
                                               rs.priority, rs.key):
                            rs.resolve()()
                        ran = True
            self._synced.add(registry)
        return ran

    def load_ready(self, kinds=("types", "rules")):
        """Run every pending loader whose target module is imported; True if any ran."""
        self.discover()
        if not self._pending:
            return False
        # A pending loader becomes ready only when its target gets imported: if no
        # module was imported since the last fruitless look, skip the scan (an
        # unknown type, a dataclass say, misses on every vspace() call).
        if self._checked_at.get(kinds) == len(sys.modules):
            return False
        loaded = False
        with self._lock:
            for plugin in list(self.plugins.values()):
                if plugin.state != "active":
                    continue
                for rs in plugin.loaders():
                    if rs.kind in kinds and rs.ready():
                        loaded = self._run(rs) or loaded
            if not loaded:
                self._checked_at[kinds] = len(sys.modules)
        return loaded

    def _run(self, rs):
        plugin = rs.plugin
        rs.state = "loading"
        self._pending -= 1
        start = time.perf_counter()
        try:
            fn = rs.resolve()
            with _rules.provenance(plugin.distribution, plugin.version, rs.priority, rs.key):
                fn()
        except Exception as e:  # noqa: BLE001 - one failing loader must not break the rest
            # Roll back what it registered before failing: half a rule set is worse
            # than none (the missing-rule error then says what happened).
            _rules.active().forget(lambda origin: origin.source == rs.key)
            rs.state, rs.error = "failed", _describe(e)
            self._trace(f"{rs.kind} loader {rs.loader_name} of {plugin.name!r} failed: {rs.error}")
            if isinstance(e, _rules.RuleConflictError):
                raise
            self._warn(plugin, f"its {rs.kind} loader {rs.loader_name!r} "
                               f"(for {rs.target!r}) raised", e)
            return False
        rs.state = "loaded"
        # Only the active registry has this rule set now: others sync on their next miss.
        self._synced = weakref.WeakSet([_rules.active()])
        rs.seconds = time.perf_counter() - start
        if rs.kind != "import":
            self._loaded_targets.add(rs.target)
        if self.settings.trace:
            vjp, jvp = rule_counts(_rules.active(), {rs.key}).get(rs.key, (0, 0))
            self._trace(f"loaded {rs.kind} {rs.name!r} of {plugin.name!r} ({plugin.distribution}"
                        f" {plugin.version}): {vjp} VJP, {jvp} JVP rules in "
                        f"{1e3 * rs.seconds:.1f} ms")
        return True

    def load(self, names=None):
        """Load everything now: import each declared target module that is
        installed, then run the pending loaders (``names`` limits it to those
        plugins)."""
        import importlib
        self.discover()
        with self._lock:
            chosen = [p for p in self.plugins.values() if p.state == "active"
                      and (names is None or norm(p.name) in {norm(n) for n in names}
                           or norm(p.distribution) in {norm(n) for n in names})]
            for plugin in chosen:
                for rs in plugin.loaders():
                    if rs.state != "pending" or rs.target in sys.modules:
                        continue
                    try:
                        importlib.import_module(rs.target)
                    except ImportError:
                        continue   # the library is not installed: nothing to load
                    except Exception as e:  # noqa: BLE001
                        rs.state, rs.error = "failed", f"importing {rs.target}: {e!r}"
                        self._pending -= 1
            for plugin in chosen:
                for rs in plugin.loaders():
                    if rs.ready():
                        self._run(rs)
        return chosen

    # -- queries for the engine
    def namespace_target(self, ns):
        """The module behind ``autograd.<ns>``, or None."""
        self.discover()
        owners = [p for p in self.plugins.values() if p.state == "active" and ns in p.namespaces]
        if not owners:
            return None
        if len(owners) > 1:   # deterministic: preference, then distribution name
            prefer = self.settings.prefer
            owners.sort(key=lambda p: (prefer.index(norm(p.distribution))
                                       if norm(p.distribution) in prefer else len(prefer),
                                       norm(p.distribution)))
        return owners[0].namespaces[ns]

    def namespace_problem(self, ns):
        """Why ``autograd.<ns>`` is unavailable although a plugin declares it, or None."""
        self.discover()
        for plugin in self.plugins.values():
            if plugin.state == "disabled" and not plugin.hooked:
                continue   # never imported: we cannot know what it declares
            if ns in plugin.namespaces and plugin.state != "active":
                return f"plugin {plugin.name!r} ({plugin.distribution}) is {plugin.state}"
        return None

    # -- messages
    def _warn(self, plugin, what, err):
        if plugin.warned:
            return
        plugin.warned = True
        dist = plugin.distribution + (f" {plugin.version}" if plugin.version else "")
        msg = (f"autograd plugin {plugin.name!r} (distribution {dist}) is broken and was "
               f"skipped: {what}: {_describe(err)}. Everything else keeps working. To disable "
               f"it: set AUTOGRAD_PLUGINS_BLOCK={plugin.name}, call "
               f"autograd.plugins.disable({plugin.name!r}), or `pip uninstall "
               f"{plugin.distribution}`.")
        # Attributed to the plugin, not to a line of ours; filterable by module.
        warnings.warn_explicit(msg, PluginWarning, f"<autograd plugin {plugin.name}>", 0,
                               module="autograd.plugins")

    def _trace(self, msg):
        if self.settings.trace:
            sys.stderr.write(f"autograd.plugins: {msg}\n")


class _NotifyingLoader:
    """Loads a module with its own loader, then tells the watcher it is imported."""

    def __init__(self, loader, watcher):
        self.loader = loader
        self.watcher = watcher

    def create_module(self, spec):
        create = getattr(self.loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module):
        # the module keeps its own loader (importlib.resources and friends read it)
        module.__loader__ = self.loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        self.watcher.imported(module.__name__)

    def __getattr__(self, name):
        return getattr(self.loader, name)


class _ImportWatcher:
    """The ``sys.meta_path`` finder behind import loaders.

    It answers only for the module names some manager waits for (every other
    import costs one dict lookup): it finds the module with the other finders
    and wraps its loader, so that the managers hear of the import right after
    the module has run.  It leaves ``sys.meta_path`` when nothing is awaited.
    """

    def __init__(self):
        self.targets = {}                  # module name -> managers waiting for it
        self._lock = threading.RLock()
        self._finding = threading.local()

    def watch(self, name, manager):
        with self._lock:
            self.targets.setdefault(name, weakref.WeakSet()).add(manager)
            if self not in sys.meta_path:
                sys.meta_path.insert(0, self)

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.targets or getattr(self._finding, "name", None) == fullname:
            return None
        self._finding.name = fullname
        try:
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                if finder is self or find is None:
                    continue
                spec = find(fullname, path, target)
                if spec is not None:
                    break
            else:
                return None
        finally:
            self._finding.name = None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _NotifyingLoader(spec.loader, self)
        return spec

    def imported(self, name):
        with self._lock:
            managers = list(self.targets.pop(name, ()))
            if not self.targets and self in sys.meta_path:
                sys.meta_path.remove(self)
        for manager in managers:
            manager._imported(name)


_watcher = _ImportWatcher()


def _describe(err):
    """``Type: message`` on one line."""
    return f"{type(err).__name__}: {' '.join(str(err).split())}"


def installed_entry_points():
    """The installed entry points of the group ``autograd``, read directly from the
    metadata on ``sys.path`` (see :mod:`autograd._entry_points`)."""
    return _installed(PROJECT)


def _scan_entry_points(group):
    return _scan(group)


def rule_counts(registry, sources=None):
    """``{source: (n_vjp, n_jvp)}`` over the rules in force (optionally only ``sources``)."""
    return registry.rule_counts(sources)
