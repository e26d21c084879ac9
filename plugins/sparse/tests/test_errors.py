"""Clear errors: the plugin missing or disabled, other array types mixed in."""

import os
import subprocess
import sys

import numpy as onp
import pytest
import scipy.sparse as sps
from sparse_inputs import make

import autograd.numpy as np
from autograd import grad

_NO_PLUGIN = r"""
import sparse, numpy as onp
import autograd.numpy as np
from autograd import grad
A = sparse.COO.from_numpy(onp.eye(3))
try:
    grad(lambda A: np.sum(np.sin(A)))(A)
except TypeError as e:
    print(e)
"""


def _run(code, **env):
    full = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
    full.update(env)
    proc = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_disabled_plugin_is_named():
    out = _run(_NO_PLUGIN, AUTOGRAD_PLUGINS_BLOCK="autograd-pydata-sparse")
    assert "Can't differentiate w.r.t. type 'COO'" in out
    assert "autograd-pydata-sparse" in out and "disabled" in out


def test_missing_plugin_says_what_to_install():
    from autograd import plugins
    import sparse
    with plugins.isolated():          # no plugin installed at all
        hint = plugins.missing_type_hint(sparse.COO)
    assert "pip install autograd-pydata-sparse" in hint


def test_scipy_sparse_operand_is_refused_clearly():
    A = make("coo")
    S = sps.random(3, 2, density=0.5, format="csr", random_state=0)
    with pytest.raises(TypeError, match=r"scipy\.csr_matrix.*sparse\.asCOO"):
        grad(lambda A: np.sum(A @ S))(A)
    with pytest.raises(TypeError, match="autograd-pydata-sparse: cannot combine"):
        grad(lambda A: np.sum(A[:3, :2] * S))(A)


def test_other_backend_operand_is_refused_clearly():
    class OtherArray:                       # stands for another library's array type
        __module__ = "otherlib.core"
        shape = (4, 3)

        def __array_function__(self, *args):
            return NotImplemented

    A = make("coo")
    with pytest.raises(TypeError, match="otherlib.OtherArray"):
        grad(lambda A: np.sum(A * OtherArray()))(A)


def test_sparse_refusals_are_kept():
    # exp(A) has fill value 1; times a dense array it would be dense: sparse refuses
    A = make("coo")
    with pytest.raises(ValueError, match="dense"):
        grad(lambda A: np.sum(np.exp(A) * onp.array([1.0, 2.0, 3.0])))(A)


def test_integer_sparse_input_is_refused():
    import sparse
    A = sparse.COO.from_numpy(onp.eye(3, dtype=int))
    with pytest.raises(TypeError, match="dtype int64"):
        grad(lambda A: np.sum(A * 1.0))(A)
