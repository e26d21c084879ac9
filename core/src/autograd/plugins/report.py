"""What ``python -m autograd plugins`` and ``python -m autograd coverage`` show.

Each report is built as plain data first (what ``--json`` prints), then
formatted as a table for people.  Listing plugins imports no target library
unless asked to load them.
"""

import importlib
import types

from .. import rules as _rules
from ._manager import rule_counts
from .._settings import norm

__all__ = ["plugin_report", "format_plugins", "coverage", "format_coverage"]


def _origin_dict(origin):
    return {"distribution": origin.distribution, "version": origin.version,
            "priority": origin.priority, "rule_set": origin.source}


def _loader_dict(rs, counts):
    vjp, jvp = counts.get(rs.key, (0, 0))
    out = {"name": rs.name, "target": rs.target, "loader": rs.loader_name, "state": rs.state,
           "error": rs.error, "vjp_rules": vjp, "jvp_rules": jvp}
    if rs.kind == "rules":
        out["priority"] = rs.priority
    return out


def plugin_report(manager=None, load=False):
    """Plain data about every plugin, the core's rules and the conflicts."""
    from . import current
    from .._version import __version__
    manager = manager or current()
    manager.discover()
    if load:
        manager.load()
    registry = _rules.active()
    counts = rule_counts(registry)
    conflicts = [{"kind": c.kind, "function": _rules.fun_name(c.raw), "decided_by": c.decided_by,
                  "winner": _origin_dict(c.winner), "loser": _origin_dict(c.loser)}
                 for c in registry.conflicts]
    core = _rules.CORE_PROVENANCE[0]
    core_vjp = sum(v for src, (v, _) in counts.items() if src is None)
    core_jvp = sum(j for src, (_, j) in counts.items() if src is None)
    plugins = []
    for p in manager.plugins.values():
        keys = {rs.key for rs in p.loaders()} | {f"{p.name}/hook"}
        dists = {norm(p.distribution)}
        plugins.append({
            "name": p.name,
            "distribution": p.distribution,
            "version": p.version,
            "entry_point": p.entry_point,
            "state": p.state,
            "reason": p.reason,
            "error": p.error,
            "namespaces": {f"autograd.{k}": v for k, v in p.namespaces.items()},
            "rule_sets": [_loader_dict(rs, counts) for rs in p.rule_sets],
            "value_types": [_loader_dict(rs, counts) for rs in p.value_types],
            "import_loaders": [_loader_dict(rs, counts) for rs in p.import_loaders],
            "vjp_rules": sum(counts.get(k, (0, 0))[0] for k in keys),
            "jvp_rules": sum(counts.get(k, (0, 0))[1] for k in keys),
            "conflicts": [c for c in conflicts
                          if norm(c["winner"]["distribution"]) in dists
                          or norm(c["loser"]["distribution"]) in dists],
        })
    return {
        "autograd": {"distribution": core, "version": __version__,
                     "vjp_rules": core_vjp, "jvp_rules": core_jvp},
        "settings": manager.settings.as_dict(),
        "discovery_ms": None if manager.discovery_seconds is None
        else round(1e3 * manager.discovery_seconds, 3),
        "plugins": plugins,
        "conflicts": conflicts,
    }


def _table(rows, header):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return lines


def format_plugins(report):
    """The human table for :func:`plugin_report`'s data."""
    a = report["autograd"]
    out = [f"autograd {a['version']} ({a['distribution']}): {a['vjp_rules']} VJP and "
           f"{a['jvp_rules']} JVP rules in the core"]
    n = len(report["plugins"])
    ms = report["discovery_ms"]
    out.append(f"{n} plugin{'s' if n != 1 else ''} found"
               + (f" in {ms:.1f} ms" if ms is not None else ""))
    s = report["settings"]
    flags = [f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in s.items()
             if v not in (None, [], False) and k != "autoload"]
    if not s["autoload"]:
        flags.append("autoload=off")
    if flags:
        out.append("settings: " + "  ".join(flags))
    if not n:
        out.append("")
        out.append("No plugins installed. Plugins are distributions with an entry point in the "
                   "group 'autograd' (see CONTRIBUTING.md).")
        return "\n".join(out)
    rows = []
    for p in report["plugins"]:
        sets = ", ".join(f"{rs['name']}:{rs['state']}" for rs in p["rule_sets"]) or "-"
        ns = ", ".join(p["namespaces"]) or "-"
        rows.append([p["name"], p["distribution"], p["version"] or "-", p["state"], sets,
                     p["vjp_rules"], p["jvp_rules"], ns])
    out.append("")
    out += _table(rows, ["PLUGIN", "DISTRIBUTION", "VERSION", "STATE", "RULE SETS", "VJP", "JVP",
                         "NAMESPACES"])
    problems = []
    for p in report["plugins"]:
        if p["error"]:
            problems.append(f"  {p['name']}: {p['error']}")
        elif p["state"] == "disabled":
            problems.append(f"  {p['name']}: disabled ({p['reason']})")
        for rs in p["rule_sets"] + p["value_types"] + p["import_loaders"]:
            if rs["error"]:
                problems.append(f"  {p['name']}: loader {rs['loader']} failed: {rs['error']}")
    if problems:
        out += ["", "Not in use:"] + problems
        out.append("  (disable a plugin with AUTOGRAD_PLUGINS_BLOCK=<name>)")
    if report["conflicts"]:
        out += ["", "Conflicts (the first distribution's rule is used):"]
        for c in report["conflicts"]:
            out.append(f"  {c['kind'].upper()} of {c['function']}: {c['winner']['distribution']} "
                       f"over {c['loser']['distribution']} (by {c['decided_by']})")
    if any(rs["state"] == "pending" for p in report["plugins"] for rs in p["rule_sets"]):
        out += ["", "Pending rule sets load when their target module is imported and a rule "
                    "is needed; --load loads them now."]
    return "\n".join(out)


# ----------------------------------------------------------------- coverage

def _public_callables(module, wrapped=()):
    """The module's public functions, and those of its classes an add-on wraps (``defvia``)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    for name in sorted(set(names)):
        obj = getattr(module, name, None)
        if obj is None or isinstance(obj, types.ModuleType) or not callable(obj):
            continue
        if isinstance(obj, type) and obj not in wrapped:
            continue
        yield name, obj


def coverage(module_name, manager=None):
    """For each public callable of ``module_name``: VJP, JVP, non-differentiable or nothing.

    Imports the module (and ``autograd.<module_name>`` when that exists) and
    loads the rule sets that target it.
    """
    from . import current
    manager = manager or current()
    module = importlib.import_module(module_name)
    try:   # a core module (autograd.math) or a plugin's facade defines the primitives
        importlib.import_module("autograd." + module_name)
    except ImportError:
        pass
    manager.discover()
    manager.load_ready()
    registry = _rules.active()
    rows = []
    for name, obj in _public_callables(module, registry.via):
        raw = _rules.raw_of(obj)
        raw = registry.via.get(raw, raw)      # a wrapper routes it to another primitive
        # a wrapper built from traced operations only: both modes by composition
        composite = bool(getattr(raw, "__autograd_composite__", False))
        vjp = composite or raw in registry.vjps
        jvp = composite or raw in registry.jvps
        nondiff = raw in registry.nondiff
        batch = raw in registry.batches        # vmap runs it once per batch, not per example
        status = ("VJP+JVP" if vjp and jvp else "VJP" if vjp else "JVP" if jvp
                  else "non-differentiable" if nondiff else "nothing")
        prov = registry.provenance.get(raw)
        rows.append({"name": name, "vjp": vjp, "jvp": jvp, "nondiff": nondiff,
                     "batch": batch or composite, "composite": composite, "status": status,
                     "provider": prov[0] if prov else None})
    totals = {"callables": len(rows),
              "vjp": sum(r["vjp"] for r in rows),
              "jvp": sum(r["jvp"] for r in rows),
              "nondiff": sum(r["nondiff"] and not (r["vjp"] or r["jvp"]) for r in rows),
              "nothing": sum(r["status"] == "nothing" for r in rows),
              "batch": sum(r["batch"] for r in rows)}
    return {"module": module_name, "file": getattr(module, "__file__", None),
            "rows": rows, "totals": totals}


def format_coverage(cov, missing_only=False):
    def mark(r, key):
        return ("composite" if r.get("composite") else "yes") if r[key] else "-"

    rows = [[r["name"], mark(r, "vjp"), mark(r, "jvp"),
             "yes" if r["nondiff"] else "-", mark(r, "batch") if "batch" in r else "-",
             r["provider"] or "-"]
            for r in cov["rows"] if not missing_only or r["status"] == "nothing"]
    out = [f"coverage of {cov['module']}", ""]
    if rows:
        out += _table(rows, ["NAME", "VJP", "JVP", "NON-DIFF", "BATCH", "FROM"])
        out.append("")
    t = cov["totals"]
    n_comp = sum(bool(r.get("composite")) for r in cov["rows"])
    comp = f" ({n_comp} of them by composition)" if n_comp else ""
    if "batch" in t:
        out.append(f"vmap: {t['batch']} batch natively (a batching rule, or by composition); "
                   "the others are batched by a loop over the examples")
    out.append(f"total: {t['callables']} public callables: {t['vjp']} with a VJP, {t['jvp']} with "
               f"a JVP{comp}, {t['nondiff']} non-differentiable, {t['nothing']} with nothing")
    return "\n".join(out)
