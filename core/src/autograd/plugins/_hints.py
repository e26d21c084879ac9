"""What the missing-rule error says beyond "not defined": the rule sets that are
installed, and which distribution would provide the rule (or why it did not)."""

import sys

from .._settings import KNOWN_NAMESPACES, KNOWN_VALUE_TYPES, norm
from ..rules import fun_name


def _module_name(fun):
    mod = getattr(fun, "__module__", None)
    if isinstance(mod, str):
        return mod
    owner = getattr(fun, "__self__", None)      # builtin methods
    return getattr(type(owner), "__module__", None) if owner is not None else None


def _targets(target, fun, mod_name):
    """Does the rule set for module ``target`` cover ``fun``?"""
    if mod_name and (mod_name == target or mod_name.startswith(target + ".")):
        return True
    module = sys.modules.get(target)
    if module is None:
        return False
    try:
        return any(v is fun for v in vars(module).values())
    except TypeError:
        return False


def _dist(plugin):
    return plugin.distribution + (f" {plugin.version}" if plugin.version else "")


def _provider(manager, fun, kind, registry, mod_name):
    name = fun_name(fun)
    if fun in registry.nondiff:
        origin = registry.origins.get(("nondiff", fun))
        by = f" by {origin.distribution}" if origin is not None else ""
        return f"{name} is marked non-differentiable{by}."
    found = [(p, rs) for p in manager.plugins.values() for rs in p.rule_sets
             if _targets(rs.target, fun, mod_name)]
    if found:
        notes = []
        for plugin, rs in found:
            where = f"{rs.name!r} of {_dist(plugin)}"
            if plugin.state != "active":
                why = plugin.reason or plugin.error or plugin.state
                notes.append(f"{where} is not in use: the plugin is {plugin.state} ({why})")
            elif rs.state == "failed":
                notes.append(f"{where} failed to load: {rs.error}")
            elif rs.state == "pending":
                notes.append(f"{where} has not loaded (is {rs.target!r} imported?)")
            else:
                notes.append(f"{where} is loaded but has no {kind} rule for it")
        return (f"Rule sets for {found[0][1].target!r}: " + "; ".join(notes) + ". Register one "
                f"with autograd.extend.def{kind.lower()}, or see `python -m autograd plugins`.")
    top = (mod_name or "").split(".")[0]
    dist = KNOWN_NAMESPACES.get(top)
    if dist:
        for plugin in manager.plugins.values():
            if norm(plugin.distribution) == dist and plugin.state != "active":
                why = plugin.reason or plugin.error or plugin.state
                return (f"{top} rules come from {dist}, which is installed but "
                        f"{plugin.state} ({why}).")
        return f"{top} rules come from {dist}: `pip install {dist}`."
    where = f" for module {mod_name!r}" if mod_name else ""
    return (f"No installed plugin declares rules{where}; register one with "
            f"autograd.extend.def{kind.lower()}, or write a plugin (see CONTRIBUTING.md).")


def missing_rule_hint(manager, fun, kind, registry, argnum=None):
    manager.discover()
    parts = []
    if argnum is not None:
        origin = registry.origins.get((kind.lower(), fun))
        if origin is not None:
            v = f" {origin.version}" if origin.version else ""
            parts.append(f"The {kind} rule in force comes from {origin.distribution}{v} and "
                         f"does not cover argument {argnum}.")
    sets = []
    for plugin in manager.plugins.values():
        for rs in plugin.rule_sets:
            state = rs.state if plugin.state == "active" else plugin.state
            sets.append(f"{rs.name} ({plugin.distribution}, {state})")
    parts.append("Installed rule sets: " + (", ".join(sets) if sets else "none") + ".")
    if argnum is None:
        parts.append(_provider(manager, fun, kind, registry, _module_name(fun)))
    return " ".join(parts)


def missing_type_hint(manager, value_type):
    """Which distribution makes ``value_type`` (an array library's type) differentiable:
    ``pip install`` it, or why the installed one is not in use; None if unknown."""
    top = (getattr(value_type, "__module__", None) or "").split(".")[0]
    dist = KNOWN_VALUE_TYPES.get(top)
    if dist is None:
        return None
    manager.discover()
    what = f"{_type_name(value_type)} values are differentiable with the {dist} plugin"
    for plugin in manager.plugins.values():
        if norm(plugin.distribution) == dist:
            if plugin.state != "active":
                why = plugin.reason or plugin.error or plugin.state
                return (f"{what}, which is installed but {plugin.state} ({why}). "
                        "See `python -m autograd plugins`.")
            failed = [rs for rs in plugin.value_types if rs.state == "failed"]
            if failed:
                return f"{what}, whose value types failed to load: {failed[0].error}"
            return None
    return f"{what}: `pip install {_INSTALL.get(dist, dist)}`."


# what to ``pip install`` where the distribution alone is not the whole answer
_INSTALL = {"autograd-cupy": '"autograd-cupy[cuda12]"` (or `[cuda13]`, for your CUDA version'}


def _type_name(value_type):
    return f"{getattr(value_type, '__module__', '?')}.{getattr(value_type, '__qualname__', '?')}"


def _backend(value):
    """The array library of ``value`` (a raw value) by its type's top-level module, for
    arrays that implement NumPy's protocols (ndarray is ``numpy``); else None."""
    t = type(value)
    mod = getattr(t, "__module__", None) or ""
    if mod.startswith("scipy.sparse"):
        return "scipy.sparse"     # no array protocols, but an array library of its own
    if not hasattr(t, "__array_function__"):
        return None
    return mod.split(".")[0] or None


# Libraries whose operations take NumPy arrays as operands: an error they raise
# with one is about the operation (pydata/sparse refusing to densify), not the mix.
_TAKE_NUMPY = {"sparse"}


def mixed_backends_hint(values, what="one operation", error=None):
    """The error message for arrays of two or more libraries given to ``what``, or None.

    CuPy, Dask, pydata/sparse, NumPy... each refuse the others' arrays in their
    own words; this names the types, without importing any of them (by module),
    and says what to do.  With ``error`` (the exception the call raised), only
    an error that names one of the types, or NumPy's "NotImplemented"/"no
    implementation found", is taken for one of mixing (a wrong keyword is not).
    """
    seen = {}
    for v in values:
        while hasattr(v, "_value") and getattr(type(v), "_is_autograd_box", False):
            v = v._value
        lib = _backend(v)
        if lib is not None:
            seen.setdefault(lib, type(v))
    if len(seen) < 2 or (len(seen) == 2 and "numpy" in seen and not set(seen) - {"numpy"} - _TAKE_NUMPY):
        return None
    if error is not None:
        msg = str(error)
        if not (any(t.__name__ in msg for t in seen.values()) or "NotImplemented" in msg
                or "no implementation found" in msg):
            return None
    names = " and ".join(_type_name(t) for t in seen.values())
    plugins = ", ".join(sorted({KNOWN_VALUE_TYPES[lib] for lib in seen if lib in KNOWN_VALUE_TYPES}))
    via = f" (plugins {plugins})" if plugins else ""
    return (f"{what} got arrays of different array libraries: {names}. autograd runs each "
            f"library's arrays in that library{via}, and one operation cannot mix them: convert "
            "one of them first (e.g. cupy.asarray(x) or x.get() for CuPy, dask.array.from_array(x) "
            "or x.compute() for Dask, sparse.COO(x) or x.todense() for pydata/sparse, "
            "sparse.asCOO(m) for a scipy.sparse matrix m).")
