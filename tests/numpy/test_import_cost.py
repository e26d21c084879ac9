"""What ``import autograd.numpy`` leaves for later (issue 12: import time).

``numpy.random`` (a dozen extension modules), ``numpy.fft`` and the
gradient-rule modules (reached through HIPS's ``numpy_vjps`` helper module) are
not needed for a first call: the namespace holds ``random``, ``fft``,
``numpy_vjps`` and ``numpy_jvps`` as modules that execute on first attribute
access.  Nor is the plugin machinery: ``autograd.numpy`` is found from
autograd-numpy's own entry point, and discovery (pluggy) waits for the first
derivative, unless a setting gives the plugin manager a say.  The costs are
guarded structurally (which modules a fresh interpreter ends up with), not by
timing.  Each check runs in a fresh interpreter, since this one has long
imported everything.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest

TESTED = set()   # import behaviour only: no rule of a function is checked here (see test_meta.py)


def _fresh(code, env=None, pythonpath=None):
    e = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
    e.update(env or {})
    if pythonpath:
        e["PYTHONPATH"] = os.pathsep.join([pythonpath, *filter(None, [e.get("PYTHONPATH")])])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=e)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


# What ``import autograd.numpy`` may add to what NumPy alone imports, besides the
# packages autograd and autograd_numpy: the built-in gc (the imports raise its
# threshold while they build their objects).  The submodules executed on first
# use need no importlib.util (LazyLoader): the package has its own.
ALLOWED_EXTRA = {"gc"}
NEVER_BY_THE_NAMESPACE = ("pluggy", "autograd.plugins", "importlib.metadata", "importlib.util",
                          "threading", "numpy.fft", "numpy.random", "autograd_numpy._plugin", "autograd_scipy",
                          "inspect", "typing", "dataclasses")

_MODULES = "print(json.dumps(sorted(sys.modules)))"


def test_the_namespace_and_a_first_call_import_nothing_beyond_the_two_packages():
    first_call = "np.sin(np.ones(3))\n"
    ours = set(_fresh("import sys, json\nimport autograd.numpy as np\n" + first_call + _MODULES))
    plain = set(_fresh("import sys, json\nimport numpy as np\n" + first_call + _MODULES))
    extra = sorted(m for m in ours - plain if m.split(".")[0] not in ("autograd", "autograd_numpy")
                   and m not in ALLOWED_EXTRA)
    assert extra == []
    assert [m for m in NEVER_BY_THE_NAMESPACE if m in ours and m not in plain] == []


# ``import autograd.numpy`` under each setting: does it work, and does the plugin
# manager (pluggy) decide (the settings it alone can honour) or not?
_IMPORT = """import json, sys
try:
    import autograd.numpy as np
    out = [np.sin(np.zeros(1)).tolist(), 'pluggy' in sys.modules]
except ModuleNotFoundError as e:
    out = [str(e), 'pluggy' in sys.modules]
print(json.dumps(out))"""

REFUSED = "autograd-numpy"      # the error names the add-on


@pytest.mark.parametrize("env, works, manager", [
    ({}, True, False),
    ({"AUTOGRAD_PLUGINS_ALLOW": "numpy"}, True, False),
    ({"AUTOGRAD_PLUGINS_ALLOW": "autograd-numpy,autograd-scipy"}, True, False),
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1", "AUTOGRAD_PLUGINS_ALLOW": "numpy"}, True, False),
    ({"AUTOGRAD_PLUGINS_BLOCK": "scipy"}, True, False),
    ({"AUTOGRAD_PLUGINS_BLOCK": "numpy"}, False, True),
    ({"AUTOGRAD_PLUGINS_BLOCK": "Autograd_Numpy"}, False, True),
    ({"AUTOGRAD_PLUGINS_ALLOW": "numpy", "AUTOGRAD_PLUGINS_BLOCK": "numpy"}, False, True),
    ({"AUTOGRAD_PLUGINS_ALLOW": "scipy"}, False, True),
    ({"AUTOGRAD_PLUGINS_NO_AUTOLOAD": "1"}, False, True),
    ({"AUTOGRAD_PLUGINS_PREFER": "autograd-numpy"}, True, True),
    ({"AUTOGRAD_PLUGINS_EAGER": "1"}, True, True),
], ids=["default", "allow-entry-point", "allow-distribution", "no-autoload-but-allowed",
        "other-blocked", "blocked", "blocked-distribution", "block-beats-allow",
        "not-allowed", "no-autoload", "prefer-asks-the-manager", "eager-asks-the-manager"])
def test_settings_decide_before_discovery(env, works, manager):
    result, pluggy = _fresh(_IMPORT, env)
    if works:
        assert result == [0.0]
    else:
        assert REFUSED in result
    assert pluggy is manager


@pytest.mark.parametrize("code, works", [
    ("import autograd.plugins\nautograd.plugins.disable('numpy')\n", False),
    ("import autograd.plugins\n", True),
], ids=["disabled-in-code", "manager-imported-first"])
def test_a_plugin_manager_in_use_decides(code, works):
    result, pluggy = _fresh(code + _IMPORT)
    assert pluggy
    assert (result == [0.0]) if works else (REFUSED in result or "disabled" in result)


@pytest.mark.parametrize("code, discovered", [
    ("import autograd.numpy as np\nnp.sin(np.ones(2))\n", False),
    ("import autograd.numpy as np\nfrom autograd import grad\n", True),
    ("import autograd.numpy as np\nimport autograd\nautograd.jacobian\n", True),
    ("from autograd import grad\nimport autograd.math\ngrad(autograd.math.sin)(1.0)\n", False),
], ids=["import-and-call", "from-autograd-import-grad", "attribute", "no-namespace"])
def test_discovery_put_off_runs_when_the_operators_are_bound(code, discovered):
    # plugins' import loaders must be watching before a derivative (scipy_sparse's
    # operators): discovery, put off by the namespace, runs when grad & co. are bound
    probe = "print(json.dumps('autograd.plugins' in sys.modules))"
    assert _fresh("import json, sys\n" + code + probe) is discovered


def test_discovery_warns_when_another_plugin_claims_a_namespace_imported_before(tmp_path):
    # an installed plugin (a distribution sorting before autograd-numpy) that also
    # declares autograd.numpy: the module imported before discovery stays, with a warning
    dist = tmp_path / "aaa_rival-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: aaa-rival\nVersion: 1.0\n\n")
    (dist / "entry_points.txt").write_text("[autograd]\nrival = rival_plugin\n")
    (tmp_path / "rival_plugin.py").write_text(textwrap.dedent("""
        from autograd.plugins import hookimpl

        @hookimpl
        def autograd_register(registry):
            registry.add_namespace("numpy", "json")
    """))
    code = textwrap.dedent("""
        import json, sys, warnings
        import autograd.numpy as np
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            from autograd import grad      # discovery, put off by import autograd.numpy
            g = grad(lambda x: np.sum(np.sin(x)))(np.zeros(2)).tolist()
        import autograd_numpy
        print(json.dumps([g, np is autograd_numpy, [str(w.message) for w in caught]]))
    """)
    g, same, messages = _fresh(code, pythonpath=str(tmp_path))
    assert g == [1.0, 1.0] and same
    assert len(messages) == 1
    assert "autograd.numpy was imported from autograd_numpy" in messages[0]
    assert "now gives json" in messages[0]


def test_import_and_a_first_call_leave_random_fft_and_the_rules_unloaded():
    probe = ("np.sin(np.ones(3))\n"
             "print(json.dumps(sorted(m for m in sys.modules if m in ('numpy.random', 'numpy.fft')\n"
             "                        or m.startswith('autograd_numpy.rules.'))))\n")
    out = _fresh("import sys, json\nimport autograd.numpy as np\n" + probe)
    # NumPy 1.x imports numpy.random itself: only what NumPy alone loads is allowed
    plain = _fresh("import sys, json\nimport numpy as np\n" + probe)
    assert out == plain


@pytest.mark.parametrize("code, expected", [
    # a random draw loads numpy.random, under both names of the module
    ("import autograd.numpy as np, autograd.numpy.random as npr, autograd_numpy.random as r\n"
     "npr.seed(0)\n"
     "out = [npr is np.random is r, float(np.random.randn()) == float(__import__('numpy')"
     ".random.RandomState(0).randn()), 'numpy.random' in sys.modules]",
     [True, True, True]),
    # a transform loads numpy.fft, under both names of the module
    ("import autograd.numpy as np, autograd.numpy.fft as f, autograd_numpy.fft as f2\n"
     "out = [f is np.fft is f2, np.real(np.fft.fft(np.ones(2))).tolist(),\n"
     "       np.fft.fftfreq(2).tolist(), 'numpy.fft' in sys.modules]",
     [True, [2.0, 0.0], [0.0, -0.5], True]),
    # a first derivative loads the rule set (through the plugin manager)
    ("import autograd.numpy as np\nfrom autograd import grad\n"
     "out = [grad(lambda x: np.sum(np.tanh(x)))(np.zeros(2)).tolist(),\n"
     "       'autograd_numpy.rules.elementwise' in sys.modules]",
     [[1.0, 1.0], True]),
    # HIPS's helper modules answer as before, from the namespace and by import
    ("import autograd.numpy as np\n"
     "from autograd.numpy.numpy_vjps import unbroadcast_f\n"
     "from autograd.numpy.numpy_jvps import broadcast\n"
     "out = [np.numpy_vjps.unbroadcast_f is unbroadcast_f, callable(broadcast),\n"
     "       np.numpy_jvps.broadcast is broadcast]",
     [True, True, True]),
    # a copy of the module dict (PennyLane) holds working modules
    ("import autograd.numpy as np\nd = dict(np.__dict__)\n"
     "out = [callable(d['random'].normal), callable(d['numpy_vjps'].unbroadcast)]",
     [True, True]),
    # linalg executes on first use; a numpy.linalg function reached through the
    # array protocol before then gets linalg's own wrapper (matrix_rank: a constant)
    ("import autograd.numpy as np, numpy, types\nfrom autograd import grad\n"
     "before = type(sys.modules['autograd_numpy.linalg']) is types.ModuleType\n"
     "g = grad(lambda x: numpy.linalg.matrix_rank(x) + np.sum(numpy.linalg.inv(x)))(np.eye(2) + 1)\n"
     "import autograd.numpy.linalg as la\n"
     "from autograd_numpy.wrapping import wrapper_for\n"
     "out = [before, (g * 9).round(6).tolist(), la is np.linalg,\n"
     "       wrapper_for(numpy.linalg.matrix_rank) is la.matrix_rank]",
     [False, [[-1.0, -1.0], [-1.0, -1.0]], True, True]),
], ids=["random", "fft", "first-derivative", "helper-modules", "dict-copy", "linalg"])
def test_modules_left_for_later_work_on_first_use(code, expected):
    assert _fresh("import sys, json\n" + code + "\nprint(json.dumps(out))") == expected


# The imports raise the garbage collector's generation-0 threshold while they
# build their objects and move those to the oldest generation after: the
# user's settings must come back exactly, whatever they were.
_GC_PROBE = """import gc, json
{setup}
before = [gc.get_threshold(), gc.isenabled(), gc.get_freeze_count() > 0]
{code}
print(json.dumps([before, [gc.get_threshold(), gc.isenabled(), gc.get_freeze_count() > 0]]))"""


@pytest.mark.parametrize("setup", [
    "",
    "gc.disable()",
    "gc.set_threshold(5, 3, 2)",
    "gc.set_threshold(0)",
    "gc.set_threshold(123, 4, 5); gc.disable()",
    "keep = [[] for _ in range(10)]; gc.freeze()",
], ids=["default", "disabled", "custom-thresholds", "threshold-zero", "custom-and-disabled",
        "objects-frozen"])
@pytest.mark.parametrize("code", [
    "import autograd.numpy as np\nnp.sin(np.ones(3))",
    "import autograd",
    "import autograd_numpy\nautograd_numpy.sin",
], ids=["namespace", "core", "package"])
def test_imports_leave_the_garbage_collector_settings_as_they_were(setup, code):
    before, after = _fresh(_GC_PROBE.format(setup=setup, code=code))
    assert after == before


def test_a_failing_namespace_load_restores_the_thresholds_too(tmp_path):
    # numpy_wrapper fails to import (a broken install): the error reaches the
    # user, and the thresholds are theirs again
    code = textwrap.dedent("""
        import gc, json, sys
        gc.set_threshold(11, 12, 13)
        class Broken:
            def find_spec(self, name, path=None, target=None):
                if name == "autograd_numpy.numpy_wrapper":
                    raise ImportError("broken on purpose")
        sys.meta_path.insert(0, Broken())
        try:
            import autograd.numpy
            error = None
        except ImportError as e:
            error = str(e)
        print(json.dumps([error, gc.get_threshold(), gc.isenabled()]))
    """)
    error, thresholds, enabled = _fresh(code)
    assert error == "broken on purpose"
    assert thresholds == [11, 12, 13] and enabled


def test_objects_frozen_by_the_program_stay_frozen():
    # the move to the oldest generation (gc.freeze/unfreeze) is skipped then
    # (frozen objects are in no generation: gc.get_objects() does not list them)
    code = ("import gc, json\nkeep = [[] for _ in range(10)]\ngc.freeze()\n"
            "import autograd.numpy as np\nnp.sin(np.ones(3))\n"
            "print(json.dumps([any(o is keep for o in gc.get_objects()), gc.get_freeze_count() > 0]))")
    assert _fresh(code) == [False, True]


def test_a_submodule_whose_first_use_fails_is_tried_again():
    # numpy.fft cannot be imported at the first use of np.fft: the error reaches
    # the caller, and the next use executes the module
    # (None in sys.modules makes ``import numpy.fft`` fail, on NumPy 1.x too, which
    # imports numpy.fft itself)
    code = textwrap.dedent("""
        import json, sys
        import autograd.numpy as np
        saved = sys.modules.get("numpy.fft")
        sys.modules["numpy.fft"] = None
        try:
            np.fft.fft
            first = False
        except ImportError:
            first = True
        if saved is None:
            del sys.modules["numpy.fft"]
        else:
            sys.modules["numpy.fft"] = saved
        out = [first, np.real(np.fft.fft(np.ones(2))).tolist(), type(np.fft).__name__,
               np.fft is sys.modules["autograd_numpy.fft"]]
        print(json.dumps(out))
    """)
    assert _fresh(code) == [True, [2.0, 0.0], "module", True]


def test_numpy_and_scipy_are_imported_at_the_programs_thresholds():
    # the collections are put off only while this library's own modules run:
    # NumPy's (and SciPy's) imports see the program's thresholds
    code = textwrap.dedent("""
        import gc, json, sys
        seen = {}
        class Watch:
            def find_spec(self, name, path=None, target=None):
                if name in ("numpy", "scipy.special") and name not in seen:
                    seen[name] = gc.get_threshold()
        sys.meta_path.insert(0, Watch())
        gc.set_threshold(555, 11, 12)
        import autograd.numpy as np
        np.sin(np.ones(2))
        try:
            import autograd.scipy.special  # noqa: F401
        except ImportError:             # (autograd-scipy or SciPy not installed)
            seen.setdefault("scipy.special", [555, 11, 12])
        print(json.dumps(seen))
    """)
    assert _fresh(code) == {"numpy": [555, 11, 12], "scipy.special": [555, 11, 12]}
