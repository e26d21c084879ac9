"""The few hooks ``import autograd`` installs so that add-ons load on demand.

Nothing here imports pluggy, ``importlib.metadata`` or any add-on: each hook
imports :mod:`autograd.plugins` (and so runs discovery) only the first time it
is actually needed:

* ``autograd.<name>`` imports (``autograd.numpy``, ``autograd.scipy.special``)
  are resolved by :class:`NamespaceFinder` to the add-on's own module objects
  (this project's add-ons without discovery, see :func:`early_namespace`);
* a value type with no box (an ``ndarray`` passed to ``grad``) and a rule
  lookup that misses ask the plugin manager to load what add-ons declared;
* a missing-rule error asks it which distribution would provide the rule, and
  an error of a differential operator whose failing primitive call mixed arrays
  of two libraries (CuPy and Dask, ...) is replaced by one naming both.

It sits above :mod:`autograd.plugins`: no other core module imports the plugin manager.
"""

import sys

from ._gc import few_collections
from ._settings import KNOWN_NAMESPACE_MODULES, KNOWN_NAMESPACES

_PREFIX = "autograd."


class _AliasLoader:
    """Returns an already-imported module object under a second name."""

    def __init__(self, target):
        self.target = target

    def create_module(self, spec):
        module = sys.modules[self.target]
        self._own_spec = getattr(module, "__spec__", None)
        return module

    def exec_module(self, module):
        # importlib just overwrote __spec__ with the alias spec: put the
        # module's own back, so reload/pickle see its real name.
        if self._own_spec is not None:
            module.__spec__ = self._own_spec
        # A namespace that fills itself on first use (autograd_numpy) is filled
        # now: code that imports it under its autograd name reads the module
        # dict directly (``autograd.numpy.__dict__``), as it could with HIPS.
        getattr(module, "__all__", None)


class NamespaceFinder:
    """Maps ``autograd.<ns>[.<sub>]`` to the module an add-on declared for ``<ns>``."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not fullname.startswith(_PREFIX):
            return None
        rest = fullname[len(_PREFIX):]
        ns, _, sub = rest.partition(".")
        if _is_own_module(ns):
            return None
        import importlib
        import importlib.machinery
        with few_collections():
            # this library's own objects: the entry-point read and, for the
            # namespace itself, the add-on package (whose __init__ imports no library)
            base = early_namespace(ns)
            if base is not None and not sub:
                importlib.import_module(base)
        if base is None:
            from . import plugins
            base = plugins.namespace_target(ns)
        if base is None:
            problem = plugins.namespace_problem(ns)
            if problem is not None:
                raise ModuleNotFoundError(
                    f"No module named {fullname!r}: autograd.{ns} is declared by {problem}. "
                    "See `python -m autograd plugins`.", name=fullname)
            if ns in KNOWN_NAMESPACES:
                raise ModuleNotFoundError(
                    f"No module named {fullname!r}: autograd.{ns} is provided by the "
                    f"{KNOWN_NAMESPACES[ns]} add-on. Install it with "
                    f"`pip install {KNOWN_NAMESPACES[ns]}` (or check that it is not "
                    "blocked by AUTOGRAD_PLUGINS_BLOCK).", name=fullname)
            return None
        target_name = base + ("." + sub if sub else "")
        importlib.import_module(target_name)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(target_name))



def early_namespace(ns):
    """The module of this project's add-on for ``autograd.<ns>``, found without
    plugin discovery (which imports pluggy and every installed plugin), or None.

    ``import autograd.numpy`` should cost little more than ``import numpy``.
    The add-ons named in ``KNOWN_NAMESPACE_MODULES`` declare a fixed module
    for their namespace, so when nothing could make another plugin's module
    win, its own entry point (read from its installed metadata alone, next to
    the package where an install puts it) is enough: the settings must admit
    it (``AUTOGRAD_PLUGINS_BLOCK``/``ALLOW``/``NO_AUTOLOAD``), and neither
    ``AUTOGRAD_PLUGINS_PREFER`` nor ``EAGER`` be set.  Once
    :mod:`autograd.plugins` is imported (plugins disabled, enabled or registered
    in code, an ``isolated()`` block) the plugin manager decides instead.
    Discovery still runs, on the first derivative; if it then names another
    module for the namespace, it warns (see ``PluginManager.discover``).
    """
    if "autograd.plugins" in sys.modules:
        return None
    module = KNOWN_NAMESPACE_MODULES.get(ns)
    if module is None:
        return None
    from . import _entry_points
    early = _entry_points.early_namespaces
    found = early.get(ns)
    if found is not None:
        return found[0]
    from ._settings import Settings, norm
    settings = Settings()
    if settings.prefer or settings.eager:
        return None
    dist = KNOWN_NAMESPACES[ns]
    try:
        eps = _entry_points.scan_beside(module, dist) or _entry_points.scan(only=dist)
    except _entry_points.Unusual:
        return None
    for ep in eps:
        if ep.value.partition(":")[0].strip().partition(".")[0] != module:
            continue
        names = {norm(ep.name), norm(ep.dist.name)}
        if names & settings.block:
            return None
        if settings.allow is not None:
            if not names & settings.allow:
                return None
        elif not settings.autoload:
            return None
        early[ns] = (module, ep.name, ep.dist.name)
        return module
    return None


def discover_deferred():
    """Run the plugin discovery that :func:`early_namespace` put off, if it did.

    Called when the differential operators are first bound (``from autograd
    import grad``): derivatives are coming, and a plugin's import loader must
    be watching its target before the program imports it (or run now if it is
    imported already), as it was when ``import autograd.numpy`` ran discovery.
    A program that never asks for them (``import autograd.numpy`` and a call)
    never pays for discovery.
    """
    from . import _entry_points
    if _entry_points.early_namespaces:
        from . import plugins
        plugins.current().discover()     # (returns at once once done)


_own = {}


def _is_own_module(name):
    """Is ``autograd.<name>`` a module of this package (not an add-on namespace)?"""
    known = _own.get(name)
    if known is None:
        import os
        here = os.path.dirname(__file__)
        known = (os.path.exists(os.path.join(here, name + ".py"))
                 or os.path.isdir(os.path.join(here, name)))
        _own[name] = known
    return known


def _type_miss(value_type):
    from . import plugins
    return plugins.load_value_types(value_type)


def _rule_miss(raw):
    from . import plugins
    return plugins.load_rules_for(raw)


def _type_hint(value_type):
    from ._settings import KNOWN_VALUE_TYPES
    top = (getattr(value_type, "__module__", None) or "").split(".")[0]
    if top not in KNOWN_VALUE_TYPES:
        return None     # (no discovery for types nobody could provide)
    from . import plugins
    return plugins.missing_type_hint(value_type)


def _explain_error(error):
    """Arrays of two libraries (CuPy and Dask, ...) in the primitive call that raised
    ``error``: one error naming both (the libraries' own messages vary)."""
    from . import tracing
    argvals = fun = None
    tb = error.__traceback__
    while tb is not None:          # the innermost primitive call on a trace
        if tb.tb_frame.f_code in tracing._BELOW_TRACE:
            argvals, fun = tb.tb_frame.f_locals.get("argvals"), tb.tb_frame.f_locals.get("fun")
        tb = tb.tb_next
    if not argvals or len(argvals) < 2:
        return None
    from . import plugins
    from .rules import fun_name
    hint = plugins.mixed_backends_hint(argvals, fun_name(fun), error)
    return TypeError(hint) if hint else None


def _rule_hint(fun, kind, registry, argnum):
    from . import plugins
    return plugins.missing_rule_hint(fun, kind, registry, argnum)


def install():
    from . import rules, vspace
    if NamespaceFinder not in sys.meta_path:
        sys.meta_path.insert(0, NamespaceFinder)
    if _type_miss not in vspace.type_miss_hooks:
        vspace.type_miss_hooks.append(_type_miss)
    if _type_hint not in vspace.type_hint_hooks:
        vspace.type_hint_hooks.append(_type_hint)
    from . import wrap_util
    if _explain_error not in wrap_util.error_hooks:
        wrap_util.error_hooks.append(_explain_error)
    reg = rules.active()
    if _rule_miss not in reg.miss_hooks:
        reg.miss_hooks.append(_rule_miss)
    if _rule_hint not in reg.hint_hooks:
        reg.hint_hooks.append(_rule_hint)
