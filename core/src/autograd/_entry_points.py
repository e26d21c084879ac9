"""Reading the installed entry points of the group ``autograd`` without pluggy.

The plugin manager (:mod:`autograd.plugins`) lists every plugin with
:func:`installed_entry_points`; the ``autograd.<namespace>`` finder
(:mod:`autograd._lazy`) asks :func:`scan` about one known add-on only, to
resolve ``autograd.numpy`` before (and without) plugin discovery.  Neither
imports pluggy or ``importlib.metadata``: the metadata directories on
``sys.path`` are read directly, which costs less than importing
``importlib.metadata`` (and the email parser it pulls in).  Anything unusual
on the path (zip files, eggs) raises :class:`Unusual`, and the full listing
falls back to ``importlib.metadata``.
"""

import os
import sys

from ._settings import norm

GROUP = "autograd"

# ``autograd.<ns>`` -> (module, entry-point name, distribution) for the namespaces
# that autograd._lazy.early_namespace resolved from an entry point before plugin
# discovery (which checks them when it runs)
early_namespaces = {}


def installed_entry_points(group=GROUP):
    """The installed entry points of ``group`` (first distribution on ``sys.path`` wins)."""
    try:
        return scan(group)
    except Unusual:
        pass
    from importlib.metadata import entry_points
    try:
        return list(entry_points(group=group))
    except TypeError:  # pragma: no cover - Python 3.9
        return list(entry_points().get(group, []))


class Unusual(Exception):
    """The path holds something the fast scan does not read."""


class Dist:
    __slots__ = ("name", "version")

    def __init__(self, name, version):
        self.name, self.version = name, version


class EntryPoint:
    """What the manager needs of an entry point: name, value, dist, load()."""

    __slots__ = ("name", "value", "group", "dist")

    def __init__(self, name, value, group, dist):
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self):
        import importlib
        module, _, attr = self.value.partition(":")
        obj = importlib.import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj

    def __repr__(self):
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def scan(group=GROUP, only=None):
    """The entry points of ``group`` read from the metadata directories on ``sys.path``.

    ``only``: a distribution name; the directories of every other distribution
    are skipped by their names, without opening a file.
    """
    only = None if only is None else norm(only)
    seen, out = set(), []
    for entry in sys.path:
        entry = entry or "."
        if not os.path.isdir(entry):
            if os.path.exists(entry):
                raise Unusual(entry)        # a zip file or similar
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        _scan_dir(entry, names, group, only, seen, out)
    return out


def scan_beside(package, only, group=GROUP):
    """The entry points of distribution ``only`` read from its metadata directory
    next to the installed ``package`` (where an install puts both), or None when
    there is none there (an editable install, say: then :func:`scan`).

    One directory is read instead of every one on ``sys.path``; ``package`` is
    found by the import system, which has already listed the directories.
    """
    from importlib.machinery import PathFinder
    spec = PathFinder.find_spec(package)
    origin = getattr(spec, "origin", None)
    if spec is None or not spec.submodule_search_locations or not origin \
            or os.path.basename(origin) != "__init__.py":
        return None
    site = os.path.dirname(os.path.dirname(origin))
    try:
        names = os.listdir(site)
    except OSError:
        return None
    out = []
    _scan_dir(site, names, group, norm(only), set(), out)
    return out or None


def _scan_dir(entry, names, group, only, seen, out):
    for name in names:
        if name.endswith(".egg"):
            raise Unusual(name)
        if name.endswith(".dist-info"):
            meta_file, suffix = "METADATA", ".dist-info"
        elif name.endswith(".egg-info"):
            meta_file, suffix = "PKG-INFO", ".egg-info"
        else:
            continue
        if only is not None and norm(name[:-len(suffix)].partition("-")[0]) != only:
            continue
        meta_dir = os.path.join(entry, name)
        if not os.path.isdir(meta_dir):
            raise Unusual(name)         # a single-file egg-info
        dist_name, version = _name_version(meta_dir, name, meta_file, suffix)
        key = norm(dist_name)
        if key in seen:                 # the first on sys.path wins
            continue
        seen.add(key)
        eps = _read_group(os.path.join(meta_dir, "entry_points.txt"), group)
        if eps:
            dist = Dist(dist_name, version)
            out.extend(EntryPoint(n, v, group, dist) for n, v in eps)


def _name_version(meta_dir, dirname, meta_file, suffix):
    """``Name`` and ``Version`` from the metadata header (the directory name as fallback)."""
    name = version = None
    try:
        with open(os.path.join(meta_dir, meta_file), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    break
                if line.startswith("Name:"):
                    name = line[5:].strip()
                elif line.startswith("Version:"):
                    version = line[8:].strip()
    except OSError:
        pass
    if name is None:
        name, _, version = dirname[:-len(suffix)].partition("-")
    return name, version


def _read_group(path, group):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return []
    out, current = [], None
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            n, _, v = line.partition("=")
            out.append((n.strip(), v.strip()))
    return out
