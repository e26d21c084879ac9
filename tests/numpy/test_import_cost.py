"""What ``import autograd.numpy`` leaves for later (issue 12: import time).

``numpy.random`` (a dozen extension modules) and the gradient-rule modules
(reached through HIPS's ``numpy_vjps`` helper module) are not needed for a
first call: the namespace holds ``random``, ``numpy_vjps`` and ``numpy_jvps``
as modules that execute on first attribute access.  Each check runs in a
fresh interpreter, since this one has long imported everything.
"""

import json
import subprocess
import sys

import pytest

TESTED = set()   # import behaviour only: no rule of a function is checked here (see test_meta.py)


def _fresh(code):
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_and_a_first_call_leave_random_and_the_rules_unloaded():
    probe = ("np.sin(np.ones(3))\n"
             "print(json.dumps(sorted(m for m in sys.modules if m == 'numpy.random'\n"
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
], ids=["random", "first-derivative", "helper-modules", "dict-copy"])
def test_modules_left_for_later_work_on_first_use(code, expected):
    assert _fresh("import sys, json\n" + code + "\nprint(json.dumps(out))") == expected
