"""Conformance checks for plugin authors: call :func:`check_plugin` from your tests.

    # tests/test_conformance.py of a plugin distribution
    from autograd.plugins.testing import check_plugin

    def test_conformance():
        check_plugin("autograd-mylib")

It checks that

1. the distribution's entry points in the group ``autograd`` resolve, and the
   plugin's hook runs and declares at least one thing;
2. discovery stays light: in a fresh interpreter, discovering the plugin
   imports none of ``heavy`` (NumPy, SciPy, ...) nor any module it targets;
3. every rule the plugin registers passes ``check_grads`` on the samples the
   plugin declares, in each mode it has a rule for (VJP: ``"rev"``, JVP:
   ``"fwd"``); a rule with no sample is a failure.

Samples are declared next to the rules, as a list of :func:`sample` calls,
and named on the rule set::

    # autograd_mylib/samples.py
    from autograd.plugins.testing import sample
    import autograd_mylib.api as api

    SAMPLES = [
        sample(api.softplus, 0.3),
        sample(api.scale, 2.0, 3.0, argnums=(0, 1)),
        sample(api.clip, 0.5, lo=0.0, hi=1.0, order=1),
    ]

    # in the plugin's hook
    registry.add_rule_set("mylib", "autograd_mylib.rules:register",
                          samples="autograd_mylib.samples:SAMPLES")
"""

import json
import os
import subprocess
import sys

from .. import rules as _rules

__all__ = ["sample", "Sample", "check_plugin", "check_entry_points", "check_discovery",
           "check_rules", "ConformanceError", "DEFAULT_HEAVY"]

# Top-level packages a plugin must not import at discovery.
DEFAULT_HEAVY = ("numpy", "scipy", "pandas", "torch", "jax", "tensorflow", "sympy", "numba",
                 "matplotlib", "cupy")


class ConformanceError(AssertionError):
    """A plugin failed one or more conformance checks (all are listed)."""


class Sample:
    """One call to check: ``fun(*args, **kwargs)``, differentiated w.r.t. ``argnums``."""

    __slots__ = ("fun", "args", "kwargs", "argnums", "modes", "order")

    def __init__(self, fun, args, kwargs, argnums=None, modes=None, order=2):
        self.fun = fun
        self.args = tuple(args)
        self.kwargs = dict(kwargs)
        self.argnums = argnums
        self.modes = modes
        self.order = order

    @property
    def raw(self):
        return _rules.raw_of(self.fun)

    def __repr__(self):
        args = ", ".join([repr(a) for a in self.args]
                         + [f"{k}={v!r}" for k, v in self.kwargs.items()])
        return f"{_rules.fun_name(self.raw)}({args})"


def sample(fun, *args, argnums=None, modes=None, order=2, **kwargs):
    """Declare a sample call of the primitive ``fun`` for the conformance checks.

    ``argnums`` (default: every positional argument that is a float, complex
    or has a vector space) are the arguments differentiated; ``modes``
    (default: those the plugin has rules for) and ``order`` are passed to
    ``check_grads``.
    """
    return Sample(fun, args, kwargs, argnums, modes, order)


def _differentiable(x):
    from ..vspace import vspace
    if isinstance(x, bool) or isinstance(x, int):
        return False
    try:
        vspace(x)
        return True
    except TypeError:
        return False


def _entry_points(distribution):
    from ._manager import installed_entry_points
    from .._settings import norm
    eps = []
    for ep in installed_entry_points():
        dist = getattr(ep, "dist", None)
        if dist is not None and norm(dist.name) == norm(distribution):
            eps.append(ep)
    return eps


# ----------------------------------------------------------------- the checks

def check_entry_points(distribution):
    """Problems with the distribution's entry points (an empty list if none)."""
    from ._manager import Plugin, PluginManager
    eps = _entry_points(distribution)
    if not eps:
        return [f"{distribution}: no entry point in the group 'autograd' "
                "(is it installed, and is [project.entry-points.autograd] set?)"]
    problems = []
    manager = PluginManager(entry_points=())
    for ep in eps:
        try:
            obj = ep.load()
        except Exception as e:  # noqa: BLE001
            problems.append(f"entry point {ep.name} = {ep.value!r} does not import: {e!r}")
            continue
        plugin = Plugin(ep.name, distribution)
        try:
            manager._pm.register(obj, name=ep.name)
            manager._call_hook(plugin, obj)
        except Exception as e:  # noqa: BLE001
            problems.append(f"entry point {ep.name}: the hook failed: {type(e).__name__}: {e}")
            continue
        if not (plugin.rule_sets or plugin.value_types or plugin.namespaces):
            problems.append(f"entry point {ep.name}: the hook declared nothing")
    return problems


_DISCOVERY_PROBE = r"""
import json, sys
import autograd.plugins as plugins
plugins.discover()
out = {"modules": sorted(sys.modules), "plugins": [
    {"name": p.name, "state": p.state, "error": p.error,
     "targets": [rs.target for rs in p.loaders()]} for p in plugins.list()]}
print(json.dumps(out))
"""


def check_discovery(distribution, heavy=DEFAULT_HEAVY, python=None):
    """Problems found discovering only this distribution's plugins in a fresh interpreter."""
    env = dict(os.environ)
    env["AUTOGRAD_PLUGINS_ALLOW"] = distribution
    for key in ("AUTOGRAD_PLUGINS_BLOCK", "AUTOGRAD_PLUGINS_EAGER", "AUTOGRAD_PLUGINS_NO_AUTOLOAD"):
        env.pop(key, None)
    proc = subprocess.run([python or sys.executable, "-c", _DISCOVERY_PROBE], env=env,
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        return [f"discovery failed in a fresh interpreter:\n{proc.stderr.strip()}"]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    problems = []
    targets = set()
    mine = [p for p in data["plugins"] if p["state"] != "disabled"]
    for p in mine:
        if p["state"] == "broken":
            problems.append(f"plugin {p['name']} is broken at discovery: {p['error']}")
        targets.update(p["targets"])
    heavy = set(heavy)
    for mod in data["modules"]:
        if mod.split(".")[0] in heavy or mod in targets:
            problems.append(f"discovery imported {mod!r}: a plugin module must stay thin "
                            "(declare loaders; import libraries inside them)")
    return problems


def _declared_samples(manager):
    samples = []
    problems = []
    for plugin in manager.plugins.values():
        for rs in plugin.rule_sets:
            if rs.samples is None:
                continue
            try:
                from ._manager import _resolve
                found = _resolve(rs.samples)
                samples.extend(found() if callable(found) else found)
            except Exception as e:  # noqa: BLE001
                problems.append(f"samples {rs.samples!r} of rule set {rs.name!r} do not load: "
                                f"{type(e).__name__}: {e}")
    return samples, problems


def check_rules(distribution, samples=None, require_targets=True):
    """Problems found loading the plugin's rule sets and checking each rule it
    registers against its samples (declared ones plus ``samples``).  The plugin
    distributions it requires (e.g. autograd-numpy) are loaded too, unchecked.

    ``require_targets=False``: a loader whose target library is not installed
    here (CuPy on a machine without a GPU) is not a problem; it cannot be
    checked, so it is left out, and every other check still runs."""
    from . import isolated
    from .._settings import norm
    from ..test_util import check_grads
    problems = []
    # The plugins it depends on are allowed too: rules written with
    # autograd.numpy need the autograd-numpy plugin's rules to differentiate again.
    allow = ",".join([distribution, *_plugin_dependencies(distribution)])
    env = {"AUTOGRAD_PLUGINS_ALLOW": allow, "AUTOGRAD_PLUGINS_BLOCK": None,
           "AUTOGRAD_PLUGINS_NO_AUTOLOAD": None, "AUTOGRAD_PLUGINS_EAGER": None}
    with isolated(entry_points=True, env=env) as manager:
        manager.load()
        registry = _rules.active()
        keys = set()
        for plugin in manager.plugins.values():
            if plugin.state == "broken":
                problems.append(f"plugin {plugin.name} is broken: {plugin.error}")
            if norm(plugin.distribution) != norm(distribution):
                continue   # a dependency: its rules are its own distribution's to check
            for rs in plugin.loaders():
                keys.add(rs.key)
                if rs.state == "failed":
                    problems.append(f"{rs.kind} loader {rs.loader_name} failed: {rs.error}")
                elif rs.state == "pending" and (require_targets or _installed(rs.target)):
                    problems.append(f"{rs.kind} loader {rs.loader_name} did not run: is its "
                                    f"target {rs.target!r} installed?")
        kinds = {}
        for (kind, raw), origin in registry.origins.items():
            if origin.source in keys and kind in ("vjp", "jvp"):
                kinds.setdefault(raw, set()).add(kind)
        declared, more = _declared_samples(manager)
        problems += more
        all_samples = declared + [*(samples or ())]
        by_raw = {}
        for s in all_samples:
            by_raw.setdefault(s.raw, []).append(s)
        for raw in sorted(kinds, key=_rules.fun_name):
            if raw not in by_raw:
                problems.append(f"no sample declared for {_rules.fun_name(raw)} "
                                f"({'/'.join(sorted(kinds[raw])).upper()} rule)")
        for s in all_samples:
            have = kinds.get(s.raw)
            if not have:
                continue   # a sample for a function the plugin does not provide a rule for
            modes = s.modes or tuple(m for k, m in (("jvp", "fwd"), ("vjp", "rev")) if k in have)
            argnums = s.argnums
            if argnums is None:
                argnums = tuple(i for i, a in enumerate(s.args) if _differentiable(a))
            if not argnums:
                problems.append(f"sample {s!r}: no differentiable argument")
                continue
            try:
                check_grads(_bind(s), argnum=argnums if len(argnums) > 1 else argnums[0],
                            modes=modes, order=s.order)(*s.args)
            except Exception as e:  # noqa: BLE001 - collect every failure
                problems.append(f"check_grads failed for sample {s!r} (modes {list(modes)}, "
                                f"order {s.order}): {type(e).__name__}: {e}")
    return problems


def _installed(module):
    import importlib.util
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _plugin_dependencies(distribution):
    """The plugin distributions that ``distribution`` requires, directly or not."""
    import re
    from importlib import metadata
    from ._manager import installed_entry_points
    from .._settings import norm
    plugins = {norm(ep.dist.name) for ep in installed_entry_points()
               if getattr(ep, "dist", None) is not None}
    found, todo = [], [distribution]
    while todo:
        try:
            requires = metadata.requires(todo.pop()) or []
        except metadata.PackageNotFoundError:
            continue
        for req in requires:
            if "extra ==" in req.replace('"', "").replace("'", ""):
                continue
            name = norm(re.match(r"[A-Za-z0-9._-]+", req).group(0))
            if name in plugins and name not in found and name != norm(distribution):
                found.append(name)
                todo.append(name)
    return found


def _bind(s):
    fun, kwargs = s.fun, s.kwargs

    def call(*args):
        return fun(*args, **kwargs)

    call.__name__ = getattr(fun, "__name__", "sample")
    return call


def check_plugin(distribution, samples=None, heavy=DEFAULT_HEAVY, discovery=True,
                 require_targets=True):
    """Run every conformance check on an installed plugin distribution.

    Raises :class:`ConformanceError` listing all the problems found.
    ``require_targets=False`` lets a loader whose target library is not
    installed here go unchecked (see :func:`check_rules`).
    """
    problems = check_entry_points(distribution)
    if not problems:
        if discovery:
            problems += check_discovery(distribution, heavy)
        problems += check_rules(distribution, samples, require_targets=require_targets)
    if problems:
        raise ConformanceError(f"{distribution} fails {len(problems)} conformance check(s):\n  "
                               + "\n  ".join(problems))
