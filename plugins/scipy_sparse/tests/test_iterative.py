"""scipy.sparse.linalg beyond spsolve: cg, gmres, bicgstab, minres, expm_multiply, eigsh and
LinearOperator products, in both modes (second order where supported), against finite
differences and the dense formulas."""

import warnings

import numpy as onp
import pytest
import scipy.sparse as sps
import scipy.sparse.linalg as spla

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

import autograd_scipy_sparse as ass

MODES = ["fwd", "rev"]


def _spd(n=8, seed=0, fmt="csr"):
    rng = onp.random.RandomState(seed)
    B = sps.random(n, n, density=0.3, random_state=rng)
    return (B + B.T + 6 * sps.eye(n)).asformat(fmt)


def _general(n=8, seed=1):
    rng = onp.random.RandomState(seed)
    return (sps.random(n, n, density=0.3, random_state=rng) + 4 * sps.eye(n)).tocsr()


# (solver, matrix maker): cg and minres need a symmetric matrix
SOLVERS = [("cg", _spd), ("minres", _spd), ("gmres", _general), ("bicgstab", _general)]


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo"])
@pytest.mark.parametrize("name, make", SOLVERS, ids=[s[0] for s in SOLVERS])
def test_solver_values_and_gradients(name, make, fmt):
    A = make().asformat(fmt)
    b = onp.random.RandomState(2).randn(A.shape[0])
    f = getattr(ass, name)
    x, info = f(ass.with_data(A, A.data), b, rtol=1e-13)
    assert info == 0
    onp.testing.assert_allclose(x, spla.spsolve(A.tocsc(), b), rtol=1e-9)
    check_grads(lambda b: f(A, b, rtol=1e-13)[0], modes=MODES, order=2)(b)
    check_grads(lambda d: f(ass.with_data(A, d), b, rtol=1e-13)[0], modes=MODES, order=2)(A.data)


def test_solver_gradient_equals_spsolve_gradient():
    A = _general()
    b = onp.random.RandomState(3).randn(8)
    u = onp.random.RandomState(4).randn(8)
    g1 = grad(lambda d: np.dot(u, ass.gmres(ass.with_data(A, d), b, rtol=1e-14)[0]))(A.data)
    g2 = grad(lambda d: np.dot(u, ass.spsolve(ass.with_data(A, d), b)))(A.data)
    onp.testing.assert_allclose(g1, g2, rtol=1e-8, atol=1e-12)


def test_solver_on_constant_operands_is_scipy():
    A = _spd()
    b = onp.ones(8)
    x, info = ass.cg(A, b)
    x2, info2 = spla.cg(A, b)
    onp.testing.assert_array_equal(x, x2)
    assert info == info2


def test_solver_not_converged_warns():
    A = _general(n=30)
    b = onp.ones(30)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        grad(lambda b: np.sum(ass.bicgstab(A, b, rtol=1e-14, maxiter=1)[0]))(b)


def test_solver_refuses_options_it_cannot_differentiate():
    A = _spd()
    with pytest.raises(NotImplementedError, match="preconditioner|M"):
        grad(lambda b: np.sum(ass.cg(A, b, M=sps.eye(8))[0]))(onp.ones(8))


def test_linear_operator():
    A = _general()
    op = spla.aslinearoperator(A)
    x = onp.random.RandomState(5).randn(8)
    X = onp.random.RandomState(6).randn(8, 3)
    check_grads(lambda x: op @ x, modes=MODES, order=2)(x)
    check_grads(lambda x: op(x) + op.matvec(x) + op.dot(x) + op.rmatvec(x), modes=MODES, order=2)(x)
    check_grads(lambda X: op.matmat(X) + op.rmatmat(X), modes=MODES, order=2)(X)
    onp.testing.assert_allclose(grad(lambda x: np.sum(op @ x))(x), A.T @ onp.ones(8))
    # a solver on a constant LinearOperator: derivative in b (through op.H)
    check_grads(lambda b: ass.gmres(op, b, rtol=1e-13)[0], modes=MODES, order=2)(x)


@pytest.mark.parametrize("bshape", [(6,), (6, 2)])
def test_expm_multiply(bshape):
    rng = onp.random.RandomState(7)
    E = (sps.random(6, 6, density=0.4, random_state=rng) * 1.5).tocsr()
    B = rng.randn(*bshape)
    onp.testing.assert_allclose(ass.expm_multiply(ass.with_data(E, E.data), B),
                                spla.expm_multiply(E, B), rtol=1e-12)
    check_grads(lambda B: ass.expm_multiply(E, B), modes=MODES, order=2)(B)
    check_grads(lambda d: ass.expm_multiply(ass.with_data(E, d), B), modes=MODES, order=2)(E.data)


def test_expm_multiply_data_gradient_matches_dense_frechet():
    from scipy.linalg import expm_frechet
    rng = onp.random.RandomState(8)
    E = (sps.random(5, 5, density=0.5, random_state=rng) * 2.0).tocsr()
    B, G = rng.randn(5), rng.randn(5)
    g = grad(lambda d: np.dot(G, ass.expm_multiply(ass.with_data(E, d), B)))(E.data)
    pattern = ass.with_data(E, E.data).pattern
    for k in range(E.nnz):
        D = onp.zeros((5, 5))
        D[pattern.rows[k], pattern.cols[k]] = 1.0
        want = G @ expm_frechet(E.toarray(), D, compute_expm=False) @ B
        onp.testing.assert_allclose(g[k], want, rtol=1e-10, atol=1e-12)


def _symmetric_direction(A, seed):
    rng = onp.random.RandomState(seed)
    D = sps.random(*A.shape, density=0.5, random_state=rng)
    D = (D + D.T).toarray()
    pattern = ass.with_data(A, A.data).pattern
    return D[pattern.rows, pattern.cols]


@pytest.mark.parametrize("which", ["LA", "SA", "LM"])
def test_eigsh(which):
    A = _spd(n=10, seed=9)

    def loss(d):
        w, v = ass.eigsh(ass.with_data(A, d), k=3, which=which)
        return np.sum(w ** 2) + np.sum(v[0] ** 2 + v[3] ** 2)     # sign-invariant in v

    w, _ = ass.eigsh(ass.with_data(A, A.data), k=3, which=which)
    onp.testing.assert_allclose(onp.sort(w), onp.sort(spla.eigsh(A, k=3, which=which)[0]), rtol=1e-10)
    d0 = A.data.copy()
    for seed in (1, 2):
        direction = _symmetric_direction(A, seed)
        h = 1e-6
        fd = (loss(d0 + h * direction) - loss(d0 - h * direction)) / (2 * h)
        onp.testing.assert_allclose(onp.dot(grad(loss)(d0), direction), fd, rtol=1e-6)
        onp.testing.assert_allclose(make_jvp(loss)(d0)(direction)[1], fd, rtol=1e-6)


def test_eigsh_eigenvalue_gradient_is_outer_product():
    A = _spd(n=10, seed=9)
    pattern = ass.with_data(A, A.data).pattern
    g = grad(lambda d: np.sum(ass.eigsh(ass.with_data(A, d), k=2, which="LA")[0]))(A.data)
    w, V = spla.eigsh(A, k=2, which="LA")
    onp.testing.assert_allclose(g, onp.sum(V[pattern.rows] * V[pattern.cols], axis=1), rtol=1e-8)


def test_eigsh_second_order_refused():
    A = _spd(n=10, seed=9)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(MissingRuleError, match="Second derivatives of eigsh"):
            grad(lambda d: np.sum(grad(lambda e: np.sum(
                ass.eigsh(ass.with_data(A, e), k=2, which="LA")[0] ** 2))(d)))(A.data)
