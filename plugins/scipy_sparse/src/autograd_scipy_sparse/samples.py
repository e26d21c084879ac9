"""Sample inputs for the conformance checks (``autograd.plugins.testing.check_plugin``).

Each rule set names its list in the plugin module.  The pattern argument is
never differentiated, so every sample lists the differentiated arguments.
"""

import numpy as onp
import scipy.sparse as sps

from autograd.plugins.testing import sample

import scipy.sparse.linalg as spla

from .iterative import (
    _Options, iterative_solve, linop_apply, linop_apply_adjoint, sparse_eigsh, sparse_expm_multiply,
)
from .linalg import sparse_solve
from .matrix import Pattern, sparse_matmul, sparse_todense

_rng = onp.random.RandomState(0)


def _random(fmt, shape, density=0.5):
    A = sps.random(*shape, density=density, format=fmt, random_state=_rng)
    return Pattern.of(A)


def _solvable(fmt, n=5):
    """A diagonally dominant (well-conditioned) matrix with some off-diagonal entries."""
    A = sps.random(n, n, density=0.4, format="coo", random_state=_rng) + 4 * sps.eye(n)
    return Pattern.of(A.asformat(fmt))


_csr, _csr_data = _random("csr", (4, 3))
_csc, _csc_data = _random("csc", (3, 4))
_coo, _coo_data = _random("coo", (4, 4))
_scsr, _scsr_data = _solvable("csr")
_scsc, _scsc_data = _solvable("csc")

# fmt: off
SPARSE_SAMPLES = [
    sample(sparse_matmul, _csr_data, _csr, _rng.randn(3),    argnums=(0, 2)),
    sample(sparse_matmul, _csc_data, _csc, _rng.randn(4, 2), argnums=(0, 2)),
    sample(sparse_matmul, _coo_data, _coo, _rng.randn(4, 3), argnums=(0, 2)),
    sample(sparse_todense, _csr_data, _csr,                  argnums=(0,)),
    sample(sparse_todense, _coo_data, _coo,                  argnums=(0,)),
]

_diag, _diag_data = Pattern.of(sps.diags([1.0, 2.5, 4.0, 5.5, 7.0]).tocsr())
_expm, _expm_data = _random("csr", (4, 4))
_op = spla.aslinearoperator(_rng.randn(3, 4))

LINALG_SAMPLES = [
    sample(sparse_solve, _scsr_data, _scsr, _rng.randn(5),    argnums=(0, 2)),
    sample(sparse_solve, _scsc_data, _scsc, _rng.randn(5, 2), argnums=(0, 2)),
    sample(iterative_solve, _scsr_data, _scsr, _rng.randn(5), _Options(("gmres", 1e-13, 0.0, None)),
           argnums=(0, 2)),
    sample(sparse_expm_multiply, _expm_data, _expm, _rng.randn(4, 2), argnums=(0, 2)),
    # a diagonal pattern: every perturbation of the values keeps the matrix symmetric
    sample(sparse_eigsh, _diag_data, _diag, 2, "LA", argnums=(0,), order=1),
    sample(linop_apply, _op, _rng.randn(4), argnums=(1,)),
    sample(linop_apply_adjoint, _op, _rng.randn(3, 2), argnums=(1,)),
]
# fmt: on
