"""Gradient-rule plugins: discovered through entry points, loaded on demand.

A plugin is a distribution with an entry point in the group ``autograd``
naming a *thin* module: it imports only this package and declares what it
provides on the ``registry`` object its hook receives::

    # autograd_mylib/_plugin.py
    from autograd.plugins import hookimpl

    @hookimpl
    def autograd_register(registry):
        registry.add_namespace("mylib", "autograd_mylib.api")          # autograd.mylib
        registry.add_value_types("mylib", "autograd_mylib.types:register")
        registry.add_rule_set("mylib", "autograd_mylib.rules:register")

    # pyproject.toml
    [project.entry-points.autograd]
    mylib = "autograd_mylib._plugin"

A loader (``"pkg.mod:func"``) is called with no arguments and registers rules
with :mod:`autograd.extend` (``defvjp``, ``defjvp``, ...).  It runs the first
time a rule lookup (or, for value types, a type lookup) misses while its
target module is already imported, so no import is ever added that the user
did not already pay for, and every rule it registers records the plugin's
distribution and version.  ``registry.add_import_loader(target, loader)``
declares the rare loader that must run as soon as ``target`` is imported
(operators of the target's types that meet traced values; see
:meth:`Plugin.add_import_loader`).

``import autograd`` never imports this package (nor pluggy): discovery happens
once, on first need.  The user controls are :func:`list`, :func:`disable`,
:func:`enable`, :func:`register`, :func:`load`, :func:`prefer`,
:func:`isolated`, ``python -m autograd plugins`` and the
``AUTOGRAD_PLUGINS_*`` environment variables (see
:mod:`autograd._settings`).
"""

import builtins as _builtins
from contextlib import contextmanager

from .. import rules as _rules
from ._manager import (
    PROJECT, Plugin, PluginManager, PluginWarning, RuleSet, hookimpl,
    hookspec, installed_entry_points, rule_counts,
)
from .._hooks import HookError
from .._settings import Settings

__all__ = [
    "hookimpl", "hookspec", "Plugin", "PluginManager", "PluginWarning",
    "RuleSet", "Settings", "PROJECT", "HookError", "installed_entry_points", "rule_counts",
    # ``list`` is left out on purpose: a star import must not shadow the builtin.
    "disable", "enable", "register", "unregister", "load", "prefer", "isolated",
    "discover", "current",
    "namespace_target", "namespace_problem", "load_value_types", "load_rules_for",
    "missing_rule_hint", "missing_type_hint", "mixed_backends_hint",
]


class _State:
    __slots__ = ("manager",)


_state = _State()
_state.manager = PluginManager()


def current():
    """The plugin manager in use (the global one, or :func:`isolated`'s)."""
    return _state.manager


# ----------------------------------------------------------------- user API

def discover():
    """Find the installed plugins now (normally done on first need)."""
    _state.manager.discover()


def list():  # noqa: A001 - the documented name; the builtin is _builtins.list here
    """Every known plugin (active, disabled and broken), in discovery order.

    >>> for p in autograd.plugins.list():
    ...     print(p.name, p.distribution, p.version, p.state)
    """
    m = _state.manager
    m.discover()
    return _builtins.list(m.plugins.values())


def disable(name):
    """Stop using plugin ``name`` (entry-point or distribution name).

    Its rules are removed and its loaders will not run; called before
    discovery, its module is not even imported.
    """
    return _state.manager.disable(name)


def enable(name):
    """Use plugin ``name`` again after :func:`disable`, or admit one that the
    allow-list or ``AUTOGRAD_PLUGINS_NO_AUTOLOAD`` left out."""
    return _state.manager.enable(name)


def register(obj, name=None, distribution=None, version=None):
    """Register a plugin object (anything with an ``autograd_register`` hook) now,
    without an entry point; returns its :class:`Plugin` record.

    >>> class MyRules:
    ...     @hookimpl
    ...     def autograd_register(self, registry):
    ...         registry.add_rule_set("mylib", "my_rules:register")
    >>> autograd.plugins.register(MyRules(), name="my-rules")
    """
    return _state.manager.register(obj, name=name, distribution=distribution, version=version)


def unregister(name):
    """Forget plugin ``name`` and every rule it registered."""
    _state.manager.unregister(name)


def load(*names):
    """Load every rule set now (of the plugins ``names``, or all), importing the
    target libraries that are installed.  Returns the plugins concerned."""
    return _state.manager.load(names or None)


def prefer(*names):
    """Let these plugins' rules win conflicts, the first most preferred.

    Applies to rules registered from now on (set ``AUTOGRAD_PLUGINS_PREFER``
    to have it from the start).
    """
    _state.manager.prefer(*names)


@contextmanager
def isolated(*plugins, entry_points=False, env=None, registry=None):
    """A fresh plugin manager and a clean registry for the duration of the block.

    The registry holds the core's rules only (no plugin's), unless one is
    given.  ``plugins`` are registered in it (objects, or ``(name, obj)``
    pairs).  ``entry_points``: ``False`` (installed plugins are ignored),
    ``True`` (discover them as usual) or an iterable of entry-point-like
    objects.  ``env`` overrides ``AUTOGRAD_PLUGINS_*`` variables for this
    manager (``None`` values unset them).  Value types (boxes, vector spaces)
    are process-wide and are not undone afterwards.

    >>> with autograd.plugins.isolated(MyRules(), env={"AUTOGRAD_PLUGINS_STRICT": "1"}) as m:
    ...     grad(mylib_fn)(1.0)
    """
    settings = Settings.from_env(env)
    if registry is None:
        registry = _rules.active().copy()
        core = _rules.CORE_PROVENANCE[0]
        registry.forget(lambda origin: origin.distribution != core)
        registry.conflicts = []
    if env is not None:
        registry.strict = settings.strict
        registry.preferred = settings.prefer
    # a registry of the caller's gets the hooks that reach the plugin manager
    active = _rules.active()
    for hooks, own in ((registry.miss_hooks, active.miss_hooks),
                       (registry.hint_hooks, active.hint_hooks)):
        hooks.extend(h for h in own if h not in hooks)
    eps = None if entry_points is True else (() if entry_points is False else entry_points)
    manager = PluginManager(settings, entry_points=eps)
    if entry_points is False:
        manager._discovered = True
    old = _state.manager
    _state.manager = manager
    try:
        with _rules.isolated(registry):
            for p in plugins:
                if isinstance(p, tuple):
                    manager.register(p[1], name=p[0])
                else:
                    manager.register(p)
            yield manager
    finally:
        _state.manager = old


# ----------------------------------------------------------------- engine hooks

def namespace_target(ns):
    """The module an active plugin declared for ``autograd.<ns>``, or None."""
    return _state.manager.namespace_target(ns)


def namespace_problem(ns):
    """Why ``autograd.<ns>`` is unavailable though a plugin declares it, or None."""
    return _state.manager.namespace_problem(ns)


def load_value_types(value_type=None):
    """Run the value-type loaders whose target is imported; True if any ran."""
    return _state.manager.load_ready(("types",))


def load_rules_for(raw=None):
    """Run every loader whose target is imported; True if any ran."""
    manager = _state.manager
    return manager.sync_registry() | manager.load_ready()


def missing_type_hint(value_type):
    """A sentence for the "can't differentiate w.r.t. type" error: which plugin
    would make ``value_type`` differentiable (and why it does not), or None."""
    from ._hints import missing_type_hint as hint
    return hint(_state.manager, value_type)


def mixed_backends_hint(values, what="one operation", error=None):
    """The message for an operation given arrays of two array libraries (CuPy and
    Dask, ...), named by their types' modules; None when ``values`` (raw or traced)
    hold arrays of one library at most, or when ``error`` (what the call raised)
    is not about their types.  The engine calls it when a traced call failed."""
    from ._hints import mixed_backends_hint as hint
    return hint(values, what, error)


def missing_rule_hint(fun, kind="VJP", registry=None, argnum=None):
    """Sentences for the missing-rule error: rule sets installed, who would provide it."""
    from ._hints import missing_rule_hint as hint
    return hint(_state.manager, fun, kind, registry or _rules.active(), argnum)
