"""Sparse @ dense: values, and gradients w.r.t. the dense operand and the stored values."""

import numpy as onp
import pytest
import scipy.sparse as sp

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

import autograd_scipy_sparse as ass

MODES = ["fwd", "rev"]

# (format, kind, sparse shape, dense operand shape); the sparse operand is on the left
# fmt: off
LEFT = [
    ("csr", "matrix", (4, 3), (3,)),
    ("csr", "matrix", (4, 3), (3, 2)),
    ("csr", "array",  (4, 3), (3, 1)),
    ("csc", "matrix", (3, 5), (5,)),
    ("csc", "array",  (3, 5), (5, 3)),
    ("coo", "matrix", (4, 4), (4,)),
    ("coo", "array",  (4, 4), (4, 2)),
]
# the dense operand is on the left: x @ A
RIGHT = [
    ("csr", "matrix", (4, 3), (4,)),
    ("csr", "array",  (4, 3), (2, 4)),
    ("csc", "matrix", (3, 5), (3,)),
    ("csc", "array",  (3, 5), (2, 3)),
    ("coo", "matrix", (4, 4), (3, 4)),
]
# fmt: on


def _ids(rows):
    return [f"{f}-{k}-{s}@{x}" for f, k, s, x in rows]


@pytest.mark.parametrize("fmt,kind,shape,xshape", LEFT, ids=_ids(LEFT))
def test_sparse_at_dense(fmt, kind, shape, xshape, random_sparse, rng):
    A = random_sparse(fmt, shape, kind)
    x = rng.randn(*xshape)
    assert onp.allclose(ass.matmul(A, x), A.toarray() @ x)
    # w.r.t. the dense operand: functional form, wrapped operator and .dot
    check_grads(lambda x: ass.matmul(A, x), modes=MODES, order=2)(x)
    check_grads(lambda x: ass.wrap(A) @ x, modes=MODES, order=2)(x)
    check_grads(lambda x: ass.wrap(A).dot(x), modes=MODES, order=2)(x)
    # w.r.t. the stored values, and both at once
    check_grads(lambda d: ass.with_data(A, d) @ x, modes=MODES, order=2)(A.data)
    check_grads(lambda d, x: ass.matmul(ass.with_data(A, d), x), argnum=(0, 1),
                modes=MODES, order=2)(A.data, x)


@pytest.mark.parametrize("fmt,kind,shape,xshape", RIGHT, ids=_ids(RIGHT))
def test_dense_at_sparse(fmt, kind, shape, xshape, random_sparse, rng):
    A = random_sparse(fmt, shape, kind)
    x = rng.randn(*xshape)
    assert onp.allclose(ass.matmul(x, A), x @ A.toarray())
    assert onp.allclose(x @ ass.wrap(A), x @ A.toarray())      # ndarray @ SparseMatrix
    check_grads(lambda x: ass.matmul(x, A), modes=MODES, order=2)(x)
    check_grads(lambda d, x: ass.matmul(x, ass.with_data(A, d)), argnum=(0, 1),
                modes=MODES, order=2)(A.data, x)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
def test_transpose_and_toarray(fmt, random_sparse, rng):
    A = random_sparse(fmt, (4, 3))
    x = rng.randn(4)
    M = ass.with_data(A, A.data)
    assert onp.allclose(M.T @ x, A.T @ x)
    assert onp.allclose(M.toarray(), A.toarray())
    check_grads(lambda d: ass.with_data(A, d).T @ x, modes=MODES, order=2)(A.data)
    check_grads(lambda d: ass.with_data(A, d).toarray(), modes=MODES, order=2)(A.data)
    check_grads(lambda d: np.sum(ass.toarray(ass.with_data(A, d)) ** 2), modes=MODES,
                order=2)(A.data)


def test_constructors_match_scipy(rng):
    A = sp.random(5, 4, density=0.5, format="csr", random_state=3)
    C, Q = A.tocsc(), A.tocoo()
    x = rng.randn(4)
    for M in (ass.csr_matrix((A.data, A.indices, A.indptr), shape=A.shape),
              ass.csc_matrix((C.data, C.indices, C.indptr), shape=C.shape),
              ass.coo_matrix((Q.data, (Q.row, Q.col)), shape=Q.shape)):
        assert M.shape == A.shape and M.nnz == A.nnz
        assert onp.allclose(M @ x, A @ x)


def test_grad_wrt_data_is_the_sampled_outer_product(rng):
    # d(u . (A x)) / dA[i, j] = u[i] * x[j] at every stored (i, j)
    A = sp.random(6, 5, density=0.4, format="csr", random_state=2)
    x, u = rng.randn(5), rng.randn(6)
    g = grad(lambda d: np.dot(u, ass.with_data(A, d) @ x))(A.data)
    rows, cols = A.nonzero()
    assert onp.allclose(g, u[rows] * x[cols])


def test_coo_duplicates_add_up(rng):
    row, col = onp.array([0, 1, 1, 0]), onp.array([1, 0, 0, 1])   # two duplicate pairs
    data, x = onp.array([1.0, 2.0, 3.0, 4.0]), rng.randn(2)
    M = ass.coo_matrix((data, (row, col)), shape=(2, 2))
    assert onp.allclose(M.toarray(), [[0.0, 5.0], [5.0, 0.0]])
    check_grads(lambda d: ass.coo_matrix((d, (row, col)), shape=(2, 2)) @ x,
                modes=MODES, order=2)(data)


def test_complex_dense_operand(random_sparse, rng):
    A = random_sparse("csr", (3, 3))
    x = rng.randn(3) + 1j * rng.randn(3)
    check_grads(lambda x: ass.matmul(A, x), modes=MODES, order=2)(x)
    # real values, complex operand: the values' gradient is real
    g = grad(lambda d: np.real(np.sum(ass.with_data(A, d) @ x)))(A.data)
    assert g.dtype == onp.float64


def test_other_formats_are_converted(rng):
    A = sp.random(4, 4, density=0.5, format="lil", random_state=0)
    x = rng.randn(4)
    check_grads(lambda x: ass.matmul(A, x), modes=MODES, order=2)(x)
    with pytest.raises(ValueError, match="tocsr"):
        ass.with_data(A, onp.ones(A.nnz))


def test_errors():
    A = sp.random(3, 3, density=0.5, format="csr", random_state=0)
    with pytest.raises(ValueError, match="stored values"):
        ass.with_data(A, onp.ones(A.nnz + 1))
    with pytest.raises(ValueError, match="vector or a matrix"):
        ass.matmul(A, onp.ones((3, 3, 3)))
    with pytest.raises(TypeError, match="neither operand"):
        ass.matmul(onp.ones(3), onp.ones(3))


def test_untraced_values_behave_like_scipy(random_sparse, rng):
    A, B = random_sparse("csr", (3, 4)), random_sparse("csc", (4, 2), seed=1)
    assert onp.allclose(ass.matmul(A, B).toarray(), (A @ B).toarray())
    with pytest.raises(TypeError, match="traced"):
        grad(lambda d: np.sum(ass.with_data(A, d).to_scipy().toarray()))(A.data)


def test_list_operands(random_sparse):
    A = random_sparse("csr", (3, 2))
    x = [1.0, -2.0]
    assert onp.allclose(ass.matmul(A, x), A @ onp.array(x))
    g = grad(lambda d: np.sum(ass.matmul(ass.with_data(A, d), x)))(A.data)
    assert g.shape == A.data.shape
