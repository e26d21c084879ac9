"""The plugin as installed: conformance, light discovery, lazy loading, rule counts."""

import json
import os
import subprocess
import sys

from autograd.plugins.testing import check_plugin

DIST = "autograd-scipy-sparse"


def _run(code, *args, whole=False):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AUTOGRAD_PLUGINS_") or k == "AUTOGRAD_PLUGINS_STRICT"}
    proc = subprocess.run([sys.executable, *(["-c", code] if code else []), *args], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout if whole else proc.stdout.strip().splitlines()[-1])


def test_conformance():
    # entry points resolve, discovery stays light, every rule passes check_grads
    # (both modes, second order) on the samples the plugin declares
    check_plugin(DIST)


DISCOVERY = r"""
import json, sys
import autograd.plugins as plugins
import autograd_scipy_sparse                      # the package itself is light too
plugins.discover()
mine = [p for p in plugins.list() if p.distribution == "autograd-scipy-sparse"]
print(json.dumps({
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "scipy")),
    "state": [p.state for p in mine],
    "rule_sets": [(rs.target, rs.state) for p in mine for rs in p.rule_sets]}))
"""


def test_discovery_imports_no_scipy():
    out = _run(DISCOVERY)
    assert out["heavy"] == []
    assert out["state"] == ["active"]
    assert out["rule_sets"] == [["scipy.sparse", "pending"], ["scipy.sparse.linalg", "pending"]]


LAZY = r"""
import json, sys
import autograd.numpy as np
import autograd.plugins as plugins
import scipy.sparse as sp
from autograd import grad
import autograd_scipy_sparse as ass

def states():
    mine = [p for p in plugins.list() if p.distribution == "autograd-scipy-sparse"]
    return {rs.target: rs.state for p in mine for rs in p.rule_sets}

A = sp.random(4, 4, density=0.5, format="csr", random_state=0) + 4 * sp.eye(4, format="csr")
x = np.ones(4)
out = {"before": states()}
grad(lambda x: np.sum(ass.matmul(A, x)))(x)
out["after_matmul"] = states()
out["linalg_imported"] = "scipy.sparse.linalg" in sys.modules
grad(lambda x: np.sum(ass.spsolve(A, x)))(x)
out["after_spsolve"] = states()
print(json.dumps(out))
"""


def test_rule_sets_load_on_first_use_only():
    out = _run(LAZY)
    assert out["before"] == {"scipy.sparse": "pending", "scipy.sparse.linalg": "pending"}
    assert out["after_matmul"] == {"scipy.sparse": "loaded", "scipy.sparse.linalg": "pending"}
    assert out["linalg_imported"] is False
    assert out["after_spsolve"] == {"scipy.sparse": "loaded", "scipy.sparse.linalg": "loaded"}


def test_cli_lists_the_rules():
    out = _run(None, "-m", "autograd", "plugins", "--json", "--load", whole=True)
    mine = [p for p in out["plugins"] if p["distribution"] == DIST]
    assert [p["state"] for p in mine] == ["active"]
    counts = {rs["target"]: (rs["state"], rs["vjp_rules"], rs["jvp_rules"])
              for rs in mine[0]["rule_sets"]}
    assert counts == {"scipy.sparse": ("loaded", 2, 2), "scipy.sparse.linalg": ("loaded", 6, 6)}
