"""spsolve: values, and gradients w.r.t. the right-hand side and the matrix's stored values."""

import numpy as onp
import pytest
import scipy.sparse.linalg as spla

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

import autograd_scipy_sparse as ass

MODES = ["fwd", "rev"]

# (format, kind, shape of b)
# fmt: off
ROWS = [
    ("csr", "matrix", (5,)),
    ("csr", "array",  (5, 2)),
    ("csc", "matrix", (5,)),
    ("csc", "array",  (5, 3)),
    ("csc", "matrix", (5, 1)),      # scipy returns shape (5,) for (5, 1)
    ("coo", "matrix", (5,)),
    ("coo", "array",  (5, 2)),
]
# fmt: on


@pytest.mark.filterwarnings("ignore::scipy.sparse.SparseEfficiencyWarning")   # scipy, for a raw COO A
@pytest.mark.parametrize("fmt,kind,bshape", ROWS, ids=[f"{f}-{k}-{b}" for f, k, b in ROWS])
def test_spsolve(fmt, kind, bshape, solvable, rng):
    A = solvable(fmt, kind=kind)
    b = rng.randn(*bshape)
    expected = spla.spsolve(A.tocsc(), b)
    assert onp.allclose(ass.spsolve(A, b), expected)
    assert onp.allclose(ass.spsolve(ass.wrap(A), b), expected)
    check_grads(lambda b: ass.spsolve(A, b), modes=MODES, order=2)(b)
    check_grads(lambda d: ass.spsolve(ass.with_data(A, d), b), modes=MODES, order=2)(A.data)
    check_grads(lambda d, b: ass.spsolve(ass.with_data(A, d), b), argnum=(0, 1),
                modes=MODES, order=2)(A.data, b)


def test_grad_wrt_data_matches_dense_formula(solvable, rng):
    # d(u . A^-1 b) / dA = -(A^-T u) (A^-1 b)^T, read at the stored entries
    A = solvable("csr", n=6, seed=3)
    b, u = rng.randn(6), rng.randn(6)
    g = grad(lambda d: np.dot(u, ass.spsolve(ass.with_data(A, d), b)))(A.data)
    Ad = A.toarray()
    dense = -onp.outer(onp.linalg.solve(Ad.T, u), onp.linalg.solve(Ad, b))
    rows, cols = A.nonzero()
    assert onp.allclose(g, dense[rows, cols])


def test_untraced_call_is_scipy(solvable, rng):
    A = solvable("csc")
    b = rng.randn(5)
    assert onp.array_equal(ass.spsolve(A, b), spla.spsolve(A, b))
    assert onp.array_equal(ass.linalg.spsolve(A, b), spla.spsolve(A, b))


def test_solve_does_not_reorder_the_callers_matrix(rng):
    # unsorted CSR indices: scipy's spsolve sorts them in place; our copy keeps A intact
    import scipy.sparse as sp
    A = sp.csr_matrix((onp.array([1.0, 4.0, 4.0, 0.5]), onp.array([1, 0, 1, 0]),
                       onp.array([0, 2, 4])), shape=(2, 2))
    before = (A.indices.copy(), A.data.copy())
    b = rng.randn(2)
    check_grads(lambda d: ass.spsolve(ass.with_data(A, d), b), modes=MODES, order=2)(A.data)
    assert onp.array_equal(A.indices, before[0]) and onp.array_equal(A.data, before[1])


def test_sparse_rhs_is_refused(solvable):
    A = solvable("csc")
    with pytest.raises(NotImplementedError, match="toarray"):
        grad(lambda d: np.sum(ass.spsolve(ass.with_data(A, d), A)))(A.data)
