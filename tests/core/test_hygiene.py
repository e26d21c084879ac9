"""Import hygiene of the core: what ``import autograd`` (and plugin discovery)
may pull in.  Each check runs in a fresh interpreter, since what a process has
imported is exactly what is being checked.  Meant for the core-only install
(no NumPy), but true in any install."""

import json
import os
import subprocess
import sys

import pytest

NEVER_AT_IMPORT = ("numpy", "scipy", "pluggy", "importlib.metadata", "autograd.plugins")


def _run(code, **env):
    e = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
    e.update(env)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _installed(dist):
    # By distribution metadata: a checkout's autograd_numpy/ folder in the working
    # directory would pass for an importable (namespace) package.
    return _run("import json, importlib.metadata as md\ntry:\n    md.distribution(%r)\n"
                "    print('true')\nexcept md.PackageNotFoundError:\n    print('false')" % dist)


def _imported(names):
    return f"json.dumps([m for m in {names!r} if m in sys.modules])"


def test_import_autograd_imports_no_numpy_scipy_pluggy_or_metadata():
    assert _run(f"import json, sys\nimport autograd\nprint({_imported(NEVER_AT_IMPORT)})") == []


def test_scalar_gradients_need_no_plugin_machinery():
    code = f"""import json, sys
from autograd import grad
import autograd.math as m
assert grad(lambda x: m.sin(x) * x * x)(1.0) > 0
print({_imported(NEVER_AT_IMPORT)})"""
    assert _run(code) == []


def test_discovery_imports_no_numpy_or_scipy():
    code = f"""import json, sys
import autograd.plugins as plugins
plugins.discover()
print({_imported(("numpy", "scipy"))})"""
    assert _run(code) == []


def test_eager_discovery_imports_no_library_that_was_not_imported_already():
    if _installed("autograd-numpy") or _installed("autograd-scipy"):
        pytest.skip("add-ons installed: eager loading rightly imports their libraries")
    code = f"""import json, sys
import autograd.plugins as plugins
plugins.discover()
print({_imported(("numpy", "scipy"))})"""
    assert _run(code, AUTOGRAD_PLUGINS_EAGER="1") == []


def test_autograd_numpy_without_the_add_on_names_what_to_install():
    if _installed("autograd-numpy"):
        pytest.skip("autograd-numpy is installed")
    code = """import json
try:
    import autograd.numpy
    print(json.dumps("imported"))
except ModuleNotFoundError as e:
    print(json.dumps(str(e)))"""
    msg = _run(code)
    assert "autograd-numpy" in msg and "pip install autograd-numpy" in msg


def test_own_submodules_never_trigger_discovery():
    code = f"""import json, sys
import autograd.extend, autograd.builtins, autograd.test_util, autograd.core
print({_imported(("pluggy", "importlib.metadata", "autograd.plugins"))})"""
    assert _run(code) == []


def test_the_plugins_command_runs_without_any_plugin():
    proc = subprocess.run([sys.executable, "-m", "autograd", "plugins", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["autograd"]["distribution"] == "autograd-core"
    assert data["autograd"]["vjp_rules"] > 0
