"""``A @ x``, ``A.dot(x)``, ``x @ A`` (and ``A * x`` for ``*_matrix``) with a plain
scipy sparse ``A`` and a traced ``x``: the operators of autograd_scipy_sparse.operators.

HIPS autograd 1.9.1 and this plugin before them raise for every one of these.
"""

import json
import os
import subprocess
import sys

import numpy as onp
import pytest
import scipy.sparse as sp

import autograd.numpy as np
from autograd import grad, make_vjp
from autograd.test_util import check_grads

import autograd_scipy_sparse as ass
from autograd_scipy_sparse import operators

MODES = ["fwd", "rev"]

# fmt: off
# (expression, sparse shape, dense operand shape)
EXPRESSIONS = {
    "A @ x":      (lambda A, x: A @ x,          (4, 3), (3,)),
    "A @ X":      (lambda A, x: A @ x,          (4, 3), (3, 2)),
    "A @ X[:,1]": (lambda A, x: A @ x,          (4, 3), (3, 1)),
    "A.dot(x)":   (lambda A, x: A.dot(x),       (4, 3), (3,)),
    "A.dot(X)":   (lambda A, x: A.dot(x),       (4, 3), (3, 2)),
    "x @ A":      (lambda A, x: x @ A,          (4, 3), (4,)),
    "X @ A":      (lambda A, x: x @ A,          (4, 3), (2, 4)),
    "x.T @ A":    (lambda A, x: x.T @ A,        (4, 3), (4, 2)),
    "A.T @ x":    (lambda A, x: A.T @ x,        (4, 3), (4,)),
    "(x @ A) @ A.T": (lambda A, x: (x @ A) @ A.T, (4, 3), (2, 4)),
}
FORMATS = ["csr", "csc", "coo"]
KINDS = ["matrix", "array"]
# fmt: on


def _cases():
    for name, (expr, shape, xshape) in EXPRESSIONS.items():
        for fmt in FORMATS:
            for kind in KINDS:
                yield pytest.param(expr, shape, xshape, fmt, kind, id=f"{name}-{fmt}_{kind}")


@pytest.mark.parametrize("expr, shape, xshape, fmt, kind", list(_cases()))
def test_operator_on_a_traced_operand(expr, shape, xshape, fmt, kind, random_sparse, rng):
    A = random_sparse(fmt, shape, kind)
    x = rng.randn(*xshape)
    expected = expr(A, x)                 # scipy's own answer on plain arrays
    _, traced = make_vjp(lambda x: expr(A, x))(x)
    assert traced.shape == onp.shape(expected)
    assert onp.allclose(traced, expected, rtol=1e-14, atol=1e-14)
    check_grads(lambda x: expr(A, x), modes=MODES, order=2)(x)


@pytest.mark.parametrize("fmt", FORMATS)
def test_star_is_the_matrix_product_for_spmatrix(fmt, random_sparse, rng):
    A = random_sparse(fmt, (4, 3), "matrix")
    x = rng.randn(3)
    check_grads(lambda x: A * x, modes=MODES, order=2)(x)
    assert onp.allclose(make_vjp(lambda x: A * x)(x)[1], A * x)
    # (a traced x * A runs the box's own elementwise multiply first; write x @ A)


def test_complex_and_composed(random_sparse, rng):
    A = random_sparse("csr", (3, 3), "array")
    z = rng.randn(3) + 1j * rng.randn(3)
    check_grads(lambda z: A @ z, modes=MODES, order=2)(z)
    f = lambda x: np.sum(np.tanh(A @ x) ** 2) + np.dot(x, A.T @ x)
    check_grads(f, modes=MODES, order=2)(rng.randn(3))
    # the same gradient as the functional form
    g1 = grad(lambda x: np.sum(np.sin(A @ x)))(z.real)
    g2 = grad(lambda x: np.sum(np.sin(ass.matmul(A, x))))(z.real)
    assert onp.array_equal(g1, g2)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")   # numpy.matrix
def test_plain_operands_reach_scipy_unchanged(random_sparse, rng):
    A, B = random_sparse("csr", (3, 4)), random_sparse("csc", (4, 2), seed=1)
    x = rng.randn(4)
    assert type(A @ x) is onp.ndarray and onp.allclose(A @ x, A.toarray() @ x)
    assert sp.issparse(A @ B) and onp.allclose((A @ B).toarray(), A.toarray() @ B.toarray())
    assert sp.issparse(A * 2.0) and onp.allclose(A.dot(x), A.toarray() @ x)
    with pytest.raises(ValueError, match="Scalar operands"):
        A @ 2.0
    M = onp.matrix(rng.randn(4, 2))
    assert isinstance(A @ M, onp.matrix)


def test_traced_scalars_and_sparse_values_say_what_to_do(random_sparse):
    A = random_sparse("csr", (3, 3), "matrix")
    with pytest.raises(TypeError, match="with_data"):
        grad(lambda s: onp.sum((A * s).toarray()))(2.0)
    with pytest.raises(TypeError, match="with_data"):
        grad(lambda s: np.sum(A @ np.reshape(s, ())))(onp.array(2.0))
    # scaling the values is the differentiable way
    g = grad(lambda s: np.sum(ass.with_data(A, A.data * s) @ onp.ones(3)))(2.0)
    assert onp.isclose(g, A.sum())


def test_operators_are_wrapped_once_and_can_be_put_back(random_sparse):
    from autograd.numpy.numpy_boxes import ArrayBox
    assert operators.installed()
    wrapped = ArrayBox.__matmul__
    operators.install()                                    # idempotent
    assert ArrayBox.__matmul__ is wrapped
    assert getattr(sp.csr_matrix.__matmul__, "__wrapped__", None) is not None
    A = random_sparse("csr", (3, 3))
    operators.uninstall()
    try:
        assert not operators.installed()
        assert not hasattr(ArrayBox.__matmul__, "_autograd_scipy_sparse")
        with pytest.raises((ValueError, TypeError)):     # scipy's own failure
            grad(lambda x: np.sum(A @ x))(onp.ones(3))
    finally:
        operators.install()
    assert onp.allclose(grad(lambda x: np.sum(A @ x))(onp.ones(3)), A.sum(axis=0))


ORDER = r"""
import json, sys
{imports}
import numpy as onp
from autograd import grad
A = sp.random(4, 3, density=0.5, format="csr", random_state=0)
g = grad(lambda x: np.sum((A @ x) ** 2) + np.sum(x @ A.T))(onp.ones(3))
print(json.dumps({{"ok": bool(onp.allclose(g, 2 * A.T @ (A @ onp.ones(3)) + A.sum(axis=0))),
                  "plugin_imported": "autograd_scipy_sparse.matrix" in sys.modules}}))
"""


@pytest.mark.parametrize("imports", [
    "import autograd.numpy as np\nimport scipy.sparse as sp",
    "import scipy.sparse as sp\nimport autograd.numpy as np",
    "import scipy.sparse as sp\nimport numpy as np",   # plain numpy calls on the boxes
])
def test_works_in_a_fresh_program_whatever_the_import_order(imports):
    # nobody imports autograd_scipy_sparse: the plugin's import loader does the work
    assert _run_fresh(ORDER.format(imports=imports)) == {"ok": True, "plugin_imported": True}


def _run_fresh(code):
    """What ``code`` prints last (JSON), run in a fresh interpreter with default plugin settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
    proc = subprocess.run([sys.executable, "-c", code], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


API_FIRST = r"""
import json, warnings
warnings.simplefilter("error")                 # a plugin marked broken would warn
import autograd_scipy_sparse as ass
from autograd_scipy_sparse import operators
before = operators.installed()
{use}
import numpy as onp
import scipy.sparse as sp
import autograd.numpy as np
from autograd import grad
A = sp.random(4, 3, density=0.5, format="csr", random_state=0)
g = grad(lambda x: np.sum(A @ x) + np.sum(ass.with_data(A, A.data) @ x))(onp.ones(3))
print(json.dumps({{"before": before, "after": operators.installed(),
                  "ok": bool(onp.allclose(g, 2 * A.sum(axis=0)))}}))
"""


@pytest.mark.parametrize("use", ["ass.with_data", "ass.spsolve", "ass.linalg"])
def test_the_package_api_first_in_a_fresh_program(use):
    # the package's names load the matrix module, which starts plugin discovery
    # (autograd.numpy) and imports scipy.sparse: the import loader must not find
    # that module half-imported, and the operators are in place afterwards
    assert _run_fresh(API_FIRST.format(use=use)) == {"before": False, "after": True, "ok": True}
