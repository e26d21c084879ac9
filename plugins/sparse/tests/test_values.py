"""The vector space and box of sparse arrays: the pattern is kept through
accumulation, zeros, flattening and jacobians."""

import numpy as onp
import pytest
import sparse
from sparse_inputs import make, mask_of

import autograd.numpy as np
from autograd import elementwise_grad, grad, hessian_vector_product, jacobian, value_and_grad
from autograd.extend import vspace
from autograd.misc.flatten import flatten

W = onp.array([0.5, -1.5, 2.0])


def test_space_of_a_sparse_array(fmt):
    A = make(fmt)
    vs = vspace(A)
    assert vs.size == A.nnz and vs.shape == A.shape and vs.dtype == A.dtype
    for v in (vs.zeros(), vs.ones(), vs.randn(), vs.unflatten(onp.arange(6.0))):
        assert type(v) is type(A) and onp.array_equal(mask_of(v), mask_of(A))
    assert vs.zeros().nnz == A.nnz                              # explicit zeros, nothing pruned
    assert vs.flatten(A) == pytest.approx(list(A.data))
    assert vs.flatten(vs.unflatten(onp.arange(6.0))) == pytest.approx(list(range(6)))
    assert len(list(vs.standard_basis())) == A.nnz
    # a dense array of A's shape is read at A's stored entries
    assert vs.flatten(A.todense()) == pytest.approx(list(A.data))
    assert vs == vspace(make(fmt, values=onp.ones(6)))
    assert vs != vspace(A.todense())


def test_add_keeps_sparse_or_goes_dense(fmt):
    A = make(fmt)
    vs = vspace(A)
    s = vs.add(A, A)
    assert type(s) is type(A) and onp.allclose(s.todense(), 2 * A.todense())
    d = vs.add(A, onp.ones(A.shape))                     # a sparse and a dense cotangent
    assert type(d) is onp.ndarray and onp.allclose(d, A.todense() + 1)


def test_cotangents_accumulate_on_the_pattern(fmt):
    A = make(fmt)

    def f(A):   # A used three times: sparse, dense and scalar cotangents meet
        return np.sum(np.sin(A)).todense() + np.sum(A @ W) + np.sum(A * A).todense()

    g = grad(f)(A)
    D = A.todense()
    expected = (onp.cos(D) + W[None, :] + 2 * D) * mask_of(A)
    assert type(g) is type(A) and onp.array_equal(mask_of(g), mask_of(A))
    onp.testing.assert_allclose(g.todense(), expected, rtol=1e-12)


def test_unused_input_gives_zeros_on_the_pattern(fmt):
    A = make(fmt)
    with pytest.warns(UserWarning):
        g = grad(lambda A: 1.0)(A)
    assert type(g) is type(A) and g.nnz == A.nnz and not onp.any(g.data)


def test_value_and_grad_of_a_sparse_scalar_output():
    A = make("coo")
    value, g = value_and_grad(lambda A: np.sum(A ** 2))(A)
    assert float(value.todense()) == pytest.approx(onp.sum(A.data ** 2))
    onp.testing.assert_allclose(g.data, 2 * A.data)


def test_jacobian_and_hessian_wrt_values():
    A = make("coo")
    J = jacobian(lambda A: A @ W)(A)               # (4,) + (4, 3), sparse rows stacked
    onp.testing.assert_allclose(onp.asarray(J.todense() if hasattr(J, "todense") else J),
                                onp.einsum("ik,j->ikj", onp.eye(4), W) * mask_of(A)[None], atol=1e-12)
    # hessian-vector products w.r.t. the values (a sparse gradient's jacobian has one
    # row per stored value, which jacobian cannot lay out in the output's shape)
    f = lambda A: np.sum(np.sin(A) ** 2).todense()
    V = make("coo", values=[1.0, 0.5, -2.0, 0.25, -1.0, 3.0])
    hv = hessian_vector_product(f)(A, V)
    D = A.todense()
    onp.testing.assert_allclose(hv.todense(), 2 * onp.cos(2 * D) * V.todense() * mask_of(A), atol=1e-12)
    J2 = jacobian(lambda A: grad(f)(A).todense())(A)        # densified: a (4, 3) + (4, 3) jacobian
    assert J2.shape == (4, 3, 4, 3)


def test_elementwise_grad():
    A = make("coo", values=[0.7, -1.1, 0.2, 0.4, 1.3, -0.6])
    g = elementwise_grad(np.sin)(A)
    onp.testing.assert_allclose(g.todense(), onp.cos(A.todense()) * mask_of(A))


def test_elementwise_grad_misses_entries_the_output_drops():
    # sin(A) drops the explicit zero of A (sparse prunes computed zeros), so the
    # output space has no coordinate there and elementwise_grad's ones do not
    # reach it; grad of the sum does (docs/backends.md)
    A = make("coo")
    assert elementwise_grad(np.sin)(A).todense()[1, 1] == 0.0
    assert grad(lambda A: np.sum(np.sin(A)).todense())(A).todense()[1, 1] == 1.0


def test_flatten_parameters_through_stored_values():
    # autograd.misc.flatten ravels each leaf, which sparse does not implement:
    # flatten the stored values and rebuild the array with with_data
    import autograd_pydata_sparse as aps
    A = make("coo")
    flat, unflatten = flatten({"values": A.data, "w": W})
    assert flat.shape == (A.nnz + 3,)

    def loss(flat):
        p = unflatten(flat)
        return np.sum(np.tanh(aps.with_data(A, p["values"]) @ p["w"]))

    g = grad(loss)(flat)
    gA = grad(lambda A: np.sum(np.tanh(A @ W)))(A)
    onp.testing.assert_allclose(g[:A.nnz], gA.data)


def test_box_methods(fmt):
    A = make(fmt)

    def f(A):
        assert A.nnz == 6 and A.shape == (4, 3) and A.format == fmt.replace("csr", "gcxs").replace("csc", "gcxs")
        assert A.fill_value == 0
        return np.sum(A.data ** 2) + np.sum(A.todense() * 2.0) + np.sum(A.T.todense())

    g = grad(f)(A)
    onp.testing.assert_allclose(g.todense(), (2 * A.todense() + 3.0) * mask_of(A))


def test_stored_values_and_with_data():
    import autograd_pydata_sparse as aps
    A = make("csc")

    def loss(values):
        M = aps.with_data(A, values)           # A's pattern, traced values
        return np.sum(np.tanh(M @ W))

    g = grad(loss)(A.data)
    expected = grad(lambda M: np.sum(np.tanh(M @ W)))(A)
    onp.testing.assert_allclose(g, expected.data)


def test_writes_are_refused_as_sparse_refuses_them():
    A = make("coo")

    def f(A):
        A[0, 0] = 1.0
        return np.sum(A)

    with pytest.raises(TypeError, match="immutable"):
        grad(f)(A)

    def g(A):
        A += A                                   # rebinds A, as for sparse's own arrays
        return np.sum(A ** 2).todense()

    onp.testing.assert_allclose(grad(g)(A).data, 8 * A.data)


def test_implicit_conversion_is_refused():
    A = make("coo")
    with pytest.raises(RuntimeError, match="todense"):
        grad(lambda A: onp.asarray(A).sum())(A)


def test_complex_values():
    from autograd.test_util import check_grads
    A = make("coo")
    Z = sparse.COO(A.coords, A.data + 1j * onp.arange(6.0), shape=A.shape)

    def f(Z):
        return np.real(np.sum(np.sin(Z) * np.conj(Z))).todense()

    check_grads(f, modes=["fwd", "rev"], order=2)(Z)
    g = grad(f)(Z)
    assert g.dtype == onp.complex128 and vspace(Z).size == 2 * Z.nnz
    dense = grad(lambda D: np.real(np.sum(np.sin(D) * np.conj(D))))(Z.todense())
    onp.testing.assert_allclose(g.todense(), dense * mask_of(A), rtol=1e-12)


def test_float32_gradient_keeps_its_dtype():
    A = make("csr").astype(onp.float32)
    g = grad(lambda A: np.sum(A @ W.astype(onp.float32)))(A)
    assert g.dtype == onp.float32 and g.nnz == A.nnz
