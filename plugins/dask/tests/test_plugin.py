"""The plugin as installed: conformance, light discovery, lazy loading, CLI, missing-plugin errors."""

import json
import os
import subprocess
import sys

from autograd.plugins.testing import check_plugin

DIST = "autograd-dask"


def _run(code, *args, env=None, whole=False):
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("AUTOGRAD_PLUGINS_") or k == "AUTOGRAD_PLUGINS_STRICT"}
    proc = subprocess.run([sys.executable, *(["-c", code] if code else []), *args],
                          env={**base, **(env or {})}, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout if whole else proc.stdout.strip().splitlines()[-1])


def test_conformance():
    # entry point resolves, discovery stays light (no numpy, no dask), the rechunk
    # rule passes check_grads (both modes, second order) on its declared samples
    check_plugin(DIST, heavy=("numpy", "scipy", "dask", "distributed"))


LAZY = r"""
import json, sys
import autograd.plugins as plugins
import autograd_dask                          # the package itself is light
plugins.discover()
mine = [p for p in plugins.list() if p.distribution == "autograd-dask"]
out = {"heavy": sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "dask"}),
       "state": [p.state for p in mine],
       "before": [(rs.kind, rs.state) for p in mine for rs in p.loaders()]}
import dask.array as da
import autograd.numpy as np
from autograd import grad
out["dask_array_loaded_types"] = [rs.state for p in mine for rs in p.value_types]
g = grad(lambda x: np.sum(x ** 2))(da.ones(4, chunks=2))
out["after_grad"] = [(rs.kind, rs.state) for p in mine for rs in p.loaders()]
grad(lambda x: np.sum(x.rechunk(4)))(da.ones(4, chunks=2))
out["after_rechunk"] = [(rs.kind, rs.state) for p in mine for rs in p.loaders()]
print(json.dumps(out))
"""


def test_types_and_rules_load_on_first_use():
    out = _run(LAZY)
    assert out["heavy"] == [] and out["state"] == ["active"]
    assert out["before"] == [["types", "pending"], ["rules", "pending"]]
    assert out["dask_array_loaded_types"] == ["pending"]          # importing dask loads nothing
    # (a rule lookup that misses runs every pending loader whose target is imported)
    assert out["after_grad"] == [["types", "loaded"], ["rules", "loaded"]]
    assert out["after_rechunk"] == [["types", "loaded"], ["rules", "loaded"]]


def test_cli_lists_the_plugin():
    out = _run(None, "-m", "autograd", "plugins", "--json", "--load", whole=True)
    mine = [p for p in out["plugins"] if p["distribution"] == DIST]
    assert [p["state"] for p in mine] == ["active"]
    counts = {rs["target"]: (rs["state"], rs["vjp_rules"], rs["jvp_rules"])
              for rs in mine[0]["rule_sets"]}
    assert counts == {"dask.array": ("loaded", 1, 1)}


MISSING = r"""
import json, sys
import dask.array as da
import autograd.numpy as np
import autograd.plugins
from autograd import grad
def attempt():
    try:
        grad(lambda x: np.sum(x))(da.ones(3, chunks=1))
    except TypeError as e:
        return str(e)
    return None
if sys.argv[1] == "absent":
    with autograd.plugins.isolated():          # no installed plugin at all: as if not installed
        print(json.dumps(attempt()))
else:
    print(json.dumps(attempt()))
"""


def test_a_blocked_plugin_is_named():
    msg = _run(MISSING, "blocked", env={"AUTOGRAD_PLUGINS_BLOCK": "autograd-dask"})
    assert "Can't differentiate" in msg and "autograd-dask" in msg and "disabled" in msg


def test_a_missing_plugin_is_named_with_what_to_install():
    msg = _run(MISSING, "absent")
    assert "Can't differentiate" in msg and "pip install autograd-dask" in msg
