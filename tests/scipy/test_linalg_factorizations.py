"""scipy.linalg.schur (real matrices with real eigenvalues) and scipy.linalg.ldl (1 x 1 and
2 x 2 pivots, lower and upper, real and complex Hermitian): values equal SciPy's, both modes,
second order; the unsupported cases raise naming what is supported."""

import numpy as onp
import pytest
import scipy.linalg as ssl

import autograd.numpy as np
import autograd.scipy.linalg as sl
from autograd import grad
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
rng = onp.random.default_rng(0)


def _real_spectrum(n, seed):
    r = onp.random.default_rng(seed)
    Q, _ = onp.linalg.qr(r.standard_normal((n, n)))
    B = onp.triu(r.standard_normal((n, n)), 1) + onp.diag(onp.arange(n) * 1.5 - 2.0)
    return Q @ B @ Q.T


def _symmetric(n, seed):
    r = onp.random.default_rng(seed)
    a = r.standard_normal((n, n))
    return a + a.T


def _schur_loss(a):
    T, Z = sl.schur(a)
    # sign-invariant in the Schur vectors
    return np.sum(T ** 2) + np.sum(np.diag(T) * np.arange(T.shape[0])) + np.sum(np.abs(Z) ** 3)


@pytest.mark.parametrize("make, n", [(_real_spectrum, 4), (_symmetric, 5), (_real_spectrum, 2)])
def test_schur(make, n):
    a = make(n, n)
    T, Z = sl.schur(a)
    T0, Z0 = ssl.schur(a)
    onp.testing.assert_array_equal(T, T0)
    check_grads(_schur_loss, modes=MODES, order=2)(a)


def test_schur_eigenvalue_derivative():
    # d T_ii / dA = u_i v_i^T / (u_i^T v_i) with the left and right eigenvectors
    a = _real_spectrum(4, 3)
    g = grad(lambda a: sl.schur(a)[0][1, 1])(a)
    w, vl, vr = ssl.eig(a, left=True, right=True)
    T = ssl.schur(a)[0]
    k = onp.argmin(abs(w - T[1, 1]))
    u, v = vl[:, k].real, vr[:, k].real
    onp.testing.assert_allclose(g, onp.outer(u, v) / (u @ v), rtol=1e-8, atol=1e-12)


def test_schur_unsupported():
    rot = onp.array([[0.0, -1.0, 0.3], [1.0, 0.0, 0.2], [0.0, 0.0, 2.0]])   # complex eigenvalues
    with pytest.raises(MissingRuleError, match="use output='complex'"):
        grad(lambda a: np.sum(sl.schur(a)[0]))(rot)
    with pytest.raises(MissingRuleError, match="repeated eigenvalues"):
        grad(lambda a: np.sum(sl.schur(a)[0]))(onp.eye(3))


def _complex_schur_loss(a):
    T, Z = sl.schur(a, output="complex")
    # invariant under the phases of the Schur vectors (Z -> Z D, T -> D^H T D)
    return (np.sum(np.abs(T) ** 2) + np.sum(np.real(np.diag(T)) * np.arange(T.shape[0]))
            + np.sum(np.abs(Z) ** 3))


@pytest.mark.parametrize("n, seed", [(3, 7), (4, 8)])
def test_schur_complex_output(n, seed):
    a = onp.random.default_rng(seed).standard_normal((n, n))       # complex eigenvalues
    assert onp.iscomplexobj(onp.linalg.eigvals(a))
    check_grads(_complex_schur_loss, modes=MODES, order=2)(a)


def test_schur_complex_input():
    r = onp.random.default_rng(9)
    a = r.standard_normal((3, 3)) + 1j * r.standard_normal((3, 3))
    check_grads(_complex_schur_loss, modes=MODES, order=1)(a)


def test_schur_complex_eigenvalue_derivative():
    a = onp.random.default_rng(10).standard_normal((4, 4))
    T = ssl.schur(a, output="complex")[0]
    g = grad(lambda a: np.real(sl.schur(a, output="complex")[0][0, 0]))(a)
    w, vl, vr = ssl.eig(a, left=True, right=True)
    m = onp.argmin(abs(w - T[0, 0]))
    u, v = vl[:, m], vr[:, m]
    # d lambda = u^H dA v / (u^H v); the gradient of its real part is Re(conj(u) v^T / conj(u^H v))
    onp.testing.assert_allclose(g, onp.real(onp.outer(u.conj(), v) / (u.conj() @ v)),
                                rtol=1e-7, atol=1e-10)


def _with_two_by_two_pivots(n=6, seed=4):
    r = onp.random.default_rng(seed)
    a = r.standard_normal((n, n))
    a = a + a.T
    onp.fill_diagonal(a, 1e-3 * r.standard_normal(n))        # small diagonal: 2 x 2 pivots
    return a


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("make", [lambda: _symmetric(5, 2), _with_two_by_two_pivots],
                         ids=["1x1", "2x2"])
def test_ldl(make, lower):
    a = make()
    lu, d, perm = sl.ldl(a, lower=lower)
    lu0, d0, perm0 = ssl.ldl(a, lower=lower)
    onp.testing.assert_array_equal(lu, lu0)
    onp.testing.assert_array_equal(perm, perm0)
    for i in (0, 1):
        check_grads(lambda a, i=i: sl.ldl(a, lower=lower)[i], modes=MODES, order=2)(a)


def test_ldl_has_two_by_two_pivots_in_the_test():
    d = ssl.ldl(_with_two_by_two_pivots())[1]
    assert onp.any(onp.diag(d, -1) != 0)


def test_ldl_reads_one_triangle():
    a = _symmetric(4, 5)
    g = grad(lambda a: np.sum(sl.ldl(a, lower=True)[1] ** 2))(a)
    assert onp.all(onp.triu(g, 1) == 0)


def test_ldl_complex_hermitian():
    r = onp.random.default_rng(6)
    a = r.standard_normal((4, 4)) + 1j * r.standard_normal((4, 4))
    a = a + a.conj().T
    check_grads(lambda a: np.abs(sl.ldl(a)[1]), modes=MODES, order=1)(a)


def _pencil(n, seed):
    r = onp.random.default_rng(seed)
    Q, _ = onp.linalg.qr(r.standard_normal((n, n)))
    Z, _ = onp.linalg.qr(r.standard_normal((n, n)))
    AA = onp.triu(r.standard_normal((n, n)), 1) + onp.diag(onp.arange(1.0, n + 1))
    BB = onp.triu(r.standard_normal((n, n)), 1) + onp.diag(0.5 + r.uniform(size=n))
    return Q @ AA @ Z.T, Q @ BB @ Z.T


def _qz_loss(A, B):
    AA, BB, Q, Z = sl.qz(A, B)
    return (np.sum(AA ** 2) + np.sum(BB ** 2) + np.sum(np.abs(Q) ** 3) + np.sum(np.abs(Z) ** 3)
            + np.sum(np.diag(AA) / np.diag(BB)))


@pytest.mark.parametrize("n, seed", [(4, 0), (3, 1), (5, 2)])
def test_qz(n, seed):
    A, B = _pencil(n, seed)
    for got, want in zip(sl.qz(A, B), ssl.qz(A, B)):
        onp.testing.assert_array_equal(got, want)
    check_grads(_qz_loss, argnum=(0, 1), modes=MODES, order=2)(A, B)


def test_qz_generalized_eigenvalue_derivative():
    # d(AA_ii / BB_ii) is the derivative of a generalized eigenvalue: u^T (dA - w dB) v / (u^T B v)
    A, B = _pencil(4, 3)
    AA, BB = ssl.qz(A, B)[:2]
    k = 2
    w0 = AA[k, k] / BB[k, k]
    gA = grad(lambda A: sl.qz(A, B)[0][k, k] / sl.qz(A, B)[1][k, k])(A)
    w, vl, vr = ssl.eig(A, B, left=True, right=True)
    m = onp.argmin(abs(w - w0))
    u, v = vl[:, m].real, vr[:, m].real
    onp.testing.assert_allclose(gA, onp.outer(u, v) / (u @ B @ v), rtol=1e-7, atol=1e-10)


def test_qz_unsupported():
    A = onp.array([[0.0, -1.0], [1.0, 0.0]])
    with pytest.raises(MissingRuleError, match="use output='complex'"):
        grad(lambda A: np.sum(sl.qz(A, onp.eye(2))[0]))(A)


def _complex_qz_loss(A, B):
    AA, BB, Q, Z = sl.qz(A, B, output="complex")
    return (np.sum(np.abs(AA) ** 2) + np.sum(np.abs(BB) ** 2) + np.sum(np.abs(Q) ** 3)
            + np.sum(np.abs(Z) ** 3) + np.sum(np.real(np.diag(AA) / np.diag(BB))))


def test_qz_complex_output():
    r = onp.random.default_rng(11)
    A, B = r.standard_normal((3, 3)), r.standard_normal((3, 3)) + 3 * onp.eye(3)
    assert onp.iscomplexobj(ssl.eigvals(A, B))
    check_grads(_complex_qz_loss, argnum=(0, 1), modes=MODES, order=2)(A, B)
