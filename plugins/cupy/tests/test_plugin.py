"""The plugin as installed, with or without CuPy: conformance, discovery, the CLI, messages."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from autograd.plugins.testing import check_plugin

DIST = "autograd-cupy"
CUPY_INSTALLED = importlib.util.find_spec("cupy") is not None


def _run(code):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AUTOGRAD_PLUGINS_") or k == "AUTOGRAD_PLUGINS_STRICT"}
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_conformance():
    # entry point resolves, the hook declares something, discovery imports no cupy/numpy;
    # the value-types loader is run (and must succeed) where CuPy is installed
    check_plugin(DIST, require_targets=CUPY_INSTALLED)


def test_listed_by_the_cli():
    proc = subprocess.run([sys.executable, "-m", "autograd", "plugins", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    mine = [p for p in json.loads(proc.stdout)["plugins"] if p["distribution"] == DIST]
    assert len(mine) == 1 and mine[0]["state"] == "active"


DISCOVERY = r"""
import json, sys
import autograd.plugins as plugins
import autograd_cupy
plugins.discover()
mine = [p for p in plugins.list() if p.distribution == "autograd-cupy"]
print(json.dumps({"heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "cupy")),
                  "state": [p.state for p in mine],
                  "types": [(t.target, t.state) for p in mine for t in p.value_types]}))
"""


def test_discovery_imports_neither_numpy_nor_cupy():
    out = _run(DISCOVERY)
    assert out == {"heavy": [], "state": ["active"], "types": [["cupy", "pending"]]}


NUMPY_ONLY = r"""
import importlib.util
import json
import autograd.numpy as np
from autograd import grad
import autograd.plugins as plugins
g = grad(lambda x: np.sum(np.sin(x)))(np.ones(3))
mine = [p for p in plugins.list() if p.distribution == "autograd-cupy"]
print(json.dumps({"grad": g.tolist(), "types": [t.state for p in mine for t in p.value_types]}))
"""


def test_numpy_code_never_loads_the_plugin():
    # without cupy imported, the value-types loader stays pending (it would import cupy)
    out = _run(NUMPY_ONLY)
    assert out["types"] == ["pending"] and len(out["grad"]) == 3


@pytest.mark.skipif(CUPY_INSTALLED, reason="CuPy is installed here: its absence cannot be seen")
def test_without_cupy_the_loader_says_what_to_install():
    with pytest.raises(ImportError, match=r"autograd-cupy\[cuda12\]"):
        import autograd_cupy.types  # noqa: F401


@pytest.mark.skipif(CUPY_INSTALLED, reason="CuPy is installed here: its loader can run")
def test_conformance_requires_the_target_unless_told_otherwise():
    from autograd.plugins.testing import ConformanceError
    with pytest.raises(ConformanceError, match=r"types loader autograd_cupy.types:register did not run"):
        check_plugin(DIST, discovery=False)
