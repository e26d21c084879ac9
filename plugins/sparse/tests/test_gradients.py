"""Gradients through autograd.numpy functions on sparse arrays, against finite
differences (check_grads, both modes, second order) and against the same
function on the dense array (the gradient w.r.t. a sparse input is the dense
gradient read at its stored entries)."""

import numpy as onp
import pytest
import sparse
from sparse_inputs import make, mask_of

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.test_util import check_grads

W = onp.array([0.5, -1.5, 2.0])
M = onp.array([[0.3, -0.2], [1.1, 0.4], [-0.7, 0.9]])
V4 = onp.array([0.2, -0.4, 1.0, 0.6])


def _scalar(y):
    """A sparse 0-d result (np.sum of a sparse array) as a plain scalar."""
    return y.todense() if hasattr(y, "todense") else y


# name, f(A) -> scalar (A sparse or, for the reference, dense), order
FUNCTIONS = [
    ("sin",         lambda A: np.sum(np.sin(A)), 2),
    ("tanh_square", lambda A: np.sum(np.tanh(A) * np.square(A)), 2),
    ("abs",         lambda A: np.sum(np.abs(A) * 2.0), 1),
    ("multiply",    lambda A: np.sum(A * A * 3.0), 2),
    ("mul_dense",   lambda A: np.sum(A * W), 2),
    ("cos_fill",    lambda A: np.sum(np.cos(A)), 2),        # fill value cos(0) = 1
    ("exp_dense",   lambda A: np.sum(np.exp(A).todense() * W) if hasattr(A, "todense") else np.sum(np.exp(A) * W), 2),
    ("sum_axis0",   lambda A: np.sum(np.sum(A, axis=0) ** 2), 2),
    ("sum_axis1",   lambda A: np.sum(np.sum(A, axis=1, keepdims=True) * V4[:, None]), 2),
    ("mean",        lambda A: np.mean(A ** 2), 2),
    ("mean_axis",   lambda A: np.sum(np.mean(A, axis=1) ** 3), 2),
    ("clip",        lambda A: np.sum(np.clip(A, -0.5, 0.5) * 1.5), 1),
    ("where",       lambda A: np.sum(np.where(A > 0.1, A, 0.0) ** 2), 2),   # no kink at A's values
    ("var_axis",    lambda A: np.sum(np.var(A, axis=0)), 2),
    ("concatenate", lambda A: np.sum(np.concatenate([A, 2.0 * A]) ** 2), 2),
    ("max_axis",    lambda A: np.sum(np.max(A, axis=0) * W), 1),  # no ties at A's values
    ("matvec",      lambda A: np.sum(np.tanh(A @ W)), 2),
    ("vecmat",      lambda A: np.sum((V4 @ A) ** 2), 2),
    ("matmat",      lambda A: np.sum(np.sin(A @ M)), 2),
    ("dot",         lambda A: np.sum(np.dot(A, W) ** 2), 2),
    ("gram",        lambda A: np.sum((A.T @ A) ** 2), 2),
    ("tensordot",   lambda A: np.sum(np.tensordot(A, M, axes=1) ** 2), 2),
    ("einsum",      lambda A: np.sum(np.einsum("ij,j->i", A, W) ** 2), 2),
    ("einsum_ij",   lambda A: np.sum(np.einsum("ij,ij->i", A, A) * V4), 2),
    ("transpose",   lambda A: np.sum((A.T @ V4) ** 2), 2),
    ("np_transpose", lambda A: np.sum(np.transpose(A) * W[:, None] * 1.5), 2),
    ("reshape",     lambda A: np.sum((np.reshape(A, (2, 6)) @ onp.arange(6.0)) ** 2), 2),
    ("slice",       lambda A: np.sum(A[1:3] ** 2), 2),
    ("int_index",   lambda A: np.sum(A[3] * W), 2),
    ("fancy_index", lambda A: np.sum(A[[0, 2, 2]] ** 2), 2),
]
IDS = [row[0] for row in FUNCTIONS]
# sparse 0.19 has no broadcast_to for GCXS, which the VJP of an axis reduction of
# a GCXS cotangent needs (docs/backends.md): these rows run on COO only
GCXS_NO_BROADCAST = {"sum_axis0", "mean_axis", "var_axis"}


def _skip_gcxs_reduction(name, fmt):
    if fmt != "coo" and name in GCXS_NO_BROADCAST:
        pytest.skip("sparse has no broadcast_to for GCXS (documented limitation)")


@pytest.mark.parametrize("name,f,order", FUNCTIONS, ids=IDS)
def test_check_grads_wrt_values(name, f, order, fmt):
    A = make(fmt)
    _skip_gcxs_reduction(name, fmt)
    if name in ("reshape", "int_index", "fancy_index", "slice") and fmt != "coo":
        A = A.tocoo()   # GCXS indexes and reshapes too, but only COO supports every index here
    check_grads(lambda A: _scalar(f(A)), modes=["fwd", "rev"], order=order)(A)


@pytest.mark.parametrize("name,f,order", FUNCTIONS, ids=IDS)
def test_gradient_is_dense_gradient_on_pattern(name, f, order, fmt):
    A = make(fmt)
    _skip_gcxs_reduction(name, fmt)
    dense_grad = grad(lambda D: f(D))(A.todense())
    g = grad(lambda A: _scalar(f(A)))(A)
    assert type(g) is type(A)
    assert g.format == A.format and g.shape == A.shape and g.nnz == A.nnz
    assert onp.array_equal(mask_of(g), mask_of(A))                 # the same pattern
    onp.testing.assert_allclose(g.todense(), dense_grad * mask_of(A), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name,f,order", FUNCTIONS, ids=IDS)
def test_forward_mode_matches_dense(name, f, order, fmt):
    A = make(fmt)
    T = make(fmt, values=[1.0, 0.5, -2.0, 0.25, -1.0, 3.0])     # a tangent on A's pattern
    _, jvp = make_jvp(lambda A: _scalar(f(A)))(A)(T)
    _, dense_jvp = make_jvp(f)(A.todense())(T.todense())
    onp.testing.assert_allclose(onp.asarray(jvp), dense_jvp, rtol=1e-10, atol=1e-12)


# --------------------------------------------------------------- dense operands

DENSE_OPERAND = [
    ("matvec",    lambda w, A: np.sum(np.tanh(A @ w))),
    ("vecmat",    lambda v, A: np.sum((v @ A) ** 2)),
    ("scale",     lambda w, A: np.sum((A * w) ** 2)),
    ("add_outer", lambda w, A: np.sum(np.sin(A * w) + A)),
    ("einsum",    lambda w, A: np.sum(np.einsum("ij,j->i", A, w) ** 2)),
    ("tensordot", lambda w, A: np.sum(np.tensordot(A, np.outer(w, w), axes=1) ** 2)),
]


@pytest.mark.parametrize("name,f", DENSE_OPERAND, ids=[r[0] for r in DENSE_OPERAND])
def test_dense_operand(name, f, fmt):
    A = make(fmt)
    x = V4.copy() if name == "vecmat" else W.copy()
    g = grad(f)(x, A)
    assert type(g) is onp.ndarray                       # a dense gradient for a dense input
    onp.testing.assert_allclose(g, grad(f)(x, A.todense()), rtol=1e-10)
    check_grads(lambda x: _scalar(f(x, A)), modes=["fwd", "rev"], order=2)(x)


def test_both_sparse_and_dense_arguments(fmt):
    A = make(fmt)

    def f(A, w):
        return _scalar(np.sum(np.log1p(np.exp(A @ w)) - V4 * (A @ w)))

    check_grads(f, argnum=(0, 1), modes=["fwd", "rev"], order=2)(A, W)
    gA, gw = grad(f, argnum=(0, 1))(A, W)
    assert type(gA) is type(A) and type(gw) is onp.ndarray


def test_sparse_output_is_differentiable(fmt):
    A = make(fmt)
    check_grads(lambda A: np.sin(A) * 2.0, modes=["fwd", "rev"], order=2)(A)
    check_grads(lambda A: A @ M, modes=["fwd", "rev"], order=2)(A)


def test_explicit_zero_gets_its_derivative():
    A = make("coo")                   # stores 0.0 at (1, 1)
    g = grad(lambda A: _scalar(np.sum(np.cos(A) * 0 + np.sin(A))))(A)
    assert g.nnz == A.nnz
    assert g.todense()[1, 1] == pytest.approx(1.0)     # cos(0), though sin(A) drops the entry


def test_gradient_wrt_gcxs_keeps_compressed_axes():
    A = make("csc")
    g = grad(lambda A: np.sum(A @ W))(A)
    assert isinstance(g, sparse.GCXS) and g.compressed_axes == A.compressed_axes
    onp.testing.assert_array_equal(g.indices, A.indices)
    onp.testing.assert_array_equal(g.indptr, A.indptr)


def test_gcxs_axis_reduction_is_sparse_s_own_limitation():
    # what the skipped rows meet: sparse itself cannot broadcast a GCXS
    with pytest.raises(AttributeError, match="broadcast_to"):
        sparse.broadcast_to(make("csr").sum(axis=0), (4, 3))
