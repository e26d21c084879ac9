"""Meta-tests of the NumPy add-on: forward-mode parity, a test row for every rule, coverage.

The ``TESTED`` convention
-------------------------
Every ``tests/numpy/test_*.py`` module defines a module-level set ``TESTED``
of the names of the functions its tables check, computed from those tables
(never a hand-kept copy of them).  A name is one of

* the attribute path of the function under ``autograd.numpy``: ``"sin"``,
  ``"linalg.inv"``, ``"fft.fft"``, ``"concatenate_args"`` (a helper primitive);
  the fully qualified ``"autograd.numpy.sin"`` means the same;
* ``"package.module:attr"`` for a primitive outside that namespace
  (``"autograd_numpy.rules.elementwise:bessel_i1"``).

Names are resolved to the raw callables the rules are keyed by, so aliases
(``abs``/``absolute``, ``concat``/``concatenate``) count as one function.
A name that does not resolve is an error (a typo would otherwise hide a gap).
"""

import importlib
import importlib.util
import json
import pathlib
import subprocess
import sys

import numpy as onp
import numpy.fft  # noqa: F401  (the rule sets load for imported targets only)
import numpy.linalg  # noqa: F401
import pytest

import autograd.numpy as np
import autograd.plugins
from autograd.rules import active, fun_name, raw_of

HERE = pathlib.Path(__file__).parent
DISTRIBUTION = "autograd-numpy"
PREFIX = "autograd.numpy."


def _load_rules():
    np.sin  # noqa: B018  (fills the namespace)
    autograd.plugins.load()
    return active()


def _resolve(name):
    """The raw callables (a wrapper's and the function it owns) behind a ``TESTED`` name."""
    if ":" in name:
        module, attr = name.split(":")
        obj = getattr(importlib.import_module(module), attr)
    else:
        obj = np
        for part in name.removeprefix(PREFIX).split("."):
            obj = getattr(obj, part)
    raws = {raw_of(obj)}
    wrapped = getattr(obj, "__wrapped__", None)
    if wrapped is not None:
        raws.add(raw_of(wrapped))
    return raws


def _test_modules():
    for path in sorted(HERE.glob("test_*.py")):
        if path.stem == "test_meta":
            continue
        spec = importlib.util.spec_from_file_location(f"_meta_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path.stem, module


def _public_callables(module):
    for name in getattr(module, "__all__", None) or dir(module):
        obj = getattr(module, name, None)
        if not name.startswith("_") and callable(obj) and not isinstance(obj, type):
            yield name, obj


def _own_rules(registry):
    """Raw callable -> kinds ("vjp", "jvp") of the rules this add-on registered."""
    rules = {}
    for (kind, raw), origin in registry.origins.items():
        if kind in ("vjp", "jvp") and origin.distribution == DISTRIBUTION:
            rules.setdefault(raw, set()).add(kind)
    return rules


def test_every_vjp_has_a_jvp():
    registry = _load_rules()
    missing = set()
    for module in (onp, onp.linalg, onp.fft):
        for name, obj in _public_callables(module):
            raw = raw_of(obj)
            if raw in registry.vjps and raw not in registry.jvps:
                missing.add(f"{module.__name__}.{name}")
    for raw in _own_rules(registry):
        if raw in registry.vjps and raw not in registry.jvps:
            missing.add(fun_name(raw))
    assert not missing, "VJP without a JVP: " + ", ".join(sorted(missing))


def test_every_rule_has_a_test_row():
    registry = _load_rules()
    tested, problems = set(), []
    for stem, module in _test_modules():
        names = getattr(module, "TESTED", None)
        if not isinstance(names, (set, frozenset)):
            problems.append(f"{stem}.py defines no TESTED set")
            continue
        for name in names:
            try:
                tested |= _resolve(name)
            except (AttributeError, ImportError, ValueError):
                problems.append(f"{stem}.py: TESTED name {name!r} does not resolve")
    untested = sorted(fun_name(raw) for raw in _own_rules(registry) if raw not in tested)
    if untested:
        problems.append(f"{len(untested)} rules of {DISTRIBUTION} have no test row: "
                        + ", ".join(untested))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module", ["numpy", "numpy.linalg", "numpy.fft"])
def test_coverage_command(module, capsys):
    def run(*extra):
        proc = subprocess.run([sys.executable, "-m", "autograd", "coverage", module, *extra],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    text = run()
    assert "total:" in text
    cov = json.loads(run("--json"))
    totals = cov["totals"]
    assert totals["vjp"] > 0 and totals["jvp"] > 0
    assert totals["callables"] == len(cov["rows"])
    with capsys.disabled():
        print(f"\ncoverage of {module}: " + text.strip().splitlines()[-1])
