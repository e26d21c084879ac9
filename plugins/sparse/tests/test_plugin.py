"""The plugin as installed: conformance, light discovery, lazy loading, the CLI."""

import json
import os
import subprocess
import sys

from autograd.plugins.testing import check_plugin

DIST = "autograd-pydata-sparse"


def _run(code, *args, whole=False):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AUTOGRAD_PLUGINS_") or k == "AUTOGRAD_PLUGINS_STRICT"}
    proc = subprocess.run([sys.executable, *(["-c", code] if code else []), *args], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout if whole else proc.stdout.strip().splitlines()[-1])


def test_conformance():
    # entry points resolve, discovery imports neither numpy nor sparse nor numba,
    # every rule passes check_grads (both modes, second order) on its samples
    check_plugin(DIST)


DISCOVERY = r"""
import json, sys
import autograd.plugins as plugins
import autograd_pydata_sparse                     # the package itself is light too
plugins.discover()
mine = [p for p in plugins.list() if p.distribution == "autograd-pydata-sparse"]
print(json.dumps({
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "sparse", "numba")),
    "state": [p.state for p in mine],
    "rule_sets": [(rs.target, rs.state) for p in mine for rs in p.rule_sets]}))
"""


def test_discovery_imports_nothing_heavy():
    out = _run(DISCOVERY)
    assert out["heavy"] == []
    assert out["state"] == ["active"]
    assert out["rule_sets"] == [["sparse", "pending"]]


FIRST_USE = r"""
import json
import numpy as onp
import sparse                                    # plugins not discovered yet
import autograd.numpy as np
from autograd import grad
from autograd_pydata_sparse import operators

A = sparse.COO.from_numpy(onp.array([[2.0, 0.0], [1.0, 3.0]]))
w = onp.array([1.0, 1.0])
# the first expression already needs the operators: A @ w with a traced w
gw = grad(lambda w: np.sum((A @ w) ** 2))(w)
gA = grad(lambda A: np.sum(A * A).todense())(A)
print(json.dumps({"installed": operators.installed(), "gw": gw.tolist(),
                  "gA": gA.todense().tolist(), "type": type(gA).__name__}))
"""


def test_works_on_first_use_in_a_fresh_interpreter():
    out = _run(FIRST_USE)
    assert out["installed"] is True
    assert out["gw"] == [16.0, 24.0]
    assert out["gA"] == [[4.0, 0.0], [2.0, 6.0]] and out["type"] == "COO"


def test_cli_lists_the_plugin():
    out = _run(None, "-m", "autograd", "plugins", "--json", "--load", whole=True)
    mine = [p for p in out["plugins"] if p["distribution"] == DIST]
    assert [p["state"] for p in mine] == ["active"]
    counts = {rs["target"]: (rs["state"], rs["vjp_rules"], rs["jvp_rules"])
              for rs in mine[0]["rule_sets"]}
    assert counts == {"sparse": ("loaded", 4, 4)}


def test_operators_defer_to_traced_operands_only():
    import numpy as onp
    import sparse

    from autograd_pydata_sparse import operators
    operators.install()
    A = sparse.COO.from_numpy(onp.eye(2))
    assert isinstance(A @ onp.ones(2), onp.ndarray)     # plain values: sparse's own result
    assert isinstance(A * 2.0, sparse.COO)
    assert isinstance(onp.clip(A, 0.2, 0.8), sparse.COO)   # (sparse passes out=None on)
    assert isinstance(onp.sum(A, axis=0), sparse.COO)
    operators.uninstall()
    assert not operators.installed()
    operators.install()


def test_example_runs(capsys):
    import runpy
    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "sparse_regression.py")
    runpy.run_path(path, run_name="__main__")
    assert "OK" in capsys.readouterr().out
