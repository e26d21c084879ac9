"""autograd.scipy.linalg: each function's VJP and JVP against finite differences
(to second order) and its values against SciPy's."""

import numpy as onp
import pytest
import scipy.linalg as sla

import autograd.numpy as np
import autograd.scipy.linalg as spla
from autograd.extend import getval
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
RNG = onp.random.default_rng(0)


def randn(*shape):
    return RNG.standard_normal(shape)


def well(*shape):
    """A well-conditioned square matrix (or stack of them), eigenvalues near 3."""
    n = shape[-1]
    return 3.0 * onp.eye(n) + 0.4 * randn(*shape)


def spd(*shape):
    a = 0.5 * randn(*shape)
    return onp.swapaxes(a, -1, -2) @ a + 2.0 * onp.eye(shape[-1])


def crandn(*shape):
    return RNG.standard_normal(shape) + 1j * RNG.standard_normal(shape)


def hpd(n, unread="lower"):
    """A complex Hermitian positive-definite matrix; the triangle that is not
    read (``unread``) holds unrelated values, as the functions must ignore them."""
    a = 0.5 * crandn(n, n)
    h = a.conj().T @ a + 2.0 * onp.eye(n)
    return h + (onp.tril if unread == "lower" else onp.triu)(crandn(n, n), -1 if unread == "lower" else 1)


def banded(lo, up, n):
    ab = 0.3 * randn(lo + up + 1, n)
    ab[up] += 3.0
    return ab


def fix_signs(fun, cols=(), rows=()):
    """Eigen/singular vectors are defined up to sign: fix it by each vector's
    largest entry, so that finite differences see no flip.  ``cols``/``rows``:
    the positions of outputs holding vectors as columns / as rows (``Vh``)."""
    def f(*args):
        out = fun(*args)
        fixed = []
        for i, o in enumerate(out):
            if i in cols or i in rows:
                raw = getval(o)
                axis = -1 if i in rows else -2
                big = onp.argmax(onp.abs(raw), axis=axis)
                o = o * onp.sign(onp.take_along_axis(raw, onp.expand_dims(big, axis), axis))
            fixed.append(o)
        return tuple(fixed)
    return f


def sym(x):
    return 0.5 * (x + np.swapaxes(x, -1, -2))


def eig_invariants(eig):
    """Eigenvalues and ``|v|^2``: eigenvectors have an arbitrary phase each."""
    def f(a):
        w, v = eig(a)
        return w, np.abs(v) ** 2
    return f


def svd_invariants(svd):
    """``|u|^2`` and the singular values: complex singular vectors have an arbitrary phase each."""
    def f(a):
        u, s, vh = svd(a, full_matrices=False)
        return np.abs(u) ** 2, s
    return f


def signed(eig):
    """Eigenvalues and ``v * v[0]`` (column by column): free of each vector's sign."""
    def f(*args):
        w, v = eig(*args)
        return w, v * v[..., :1, :]
    return f


def projector(basis):
    def f(a):
        q = basis(a)
        return q @ np.swapaxes(q, -1, -2)
    return f


def care(solver):
    """A Riccati solver on symmetric ``q`` and ``r`` (the equation is for those)."""
    return lambda a, b, q, r: solver(a, b, sym(q), sym(r))


def tridiag():
    return 2.0 * randn(4), randn(3)


# fmt: off
# (name, our function, SciPy reference, arguments, argnums to differentiate)
ROWS = [
    ("sqrtm",            spla.sqrtm,            sla.sqrtm,            (spd(3, 3),),            [0]),
    ("sqrtm-batched",    spla.sqrtm,            sla.sqrtm,            (spd(2, 3, 3),),         [0]),
    ("solve_triangular-upper", spla.solve_triangular, sla.solve_triangular, (well(3, 3), randn(3)), [0, 1]),
    ("solve_triangular-lower-T", lambda a, b: spla.solve_triangular(a, b, trans=1, lower=True),
     lambda a, b: sla.solve_triangular(a, b, trans=1, lower=True), (well(3, 3), randn(3, 2)), [0, 1]),
    ("solve_triangular-unit", lambda a, b: spla.solve_triangular(a, b, lower=True, unit_diagonal=True),
     lambda a, b: sla.solve_triangular(a, b, lower=True, unit_diagonal=True), (well(3, 3), randn(3, 2)), [0, 1]),
    ("solve_triangular-batched", lambda a, b: spla.solve_triangular(a, b, trans="T"),
     lambda a, b: sla.solve_triangular(a, b, trans="T"), (well(2, 3, 3), randn(3)), [0, 1]),
    ("solve_banded",     lambda ab, b: spla.solve_banded((1, 2), ab, b),
     lambda ab, b: sla.solve_banded((1, 2), ab, b), (banded(1, 2, 5), randn(5)), [0, 1]),
    ("solve_banded-mat", lambda ab, b: spla.solve_banded((2, 0), ab, b),
     lambda ab, b: sla.solve_banded((2, 0), ab, b), (banded(2, 0, 4), randn(4, 2)), [0, 1]),
    ("solve_sylvester",  spla.solve_sylvester,  sla.solve_sylvester,  (well(3, 3), well(2, 2), randn(3, 2)), [0, 1, 2]),
    ("solve_continuous_lyapunov", spla.solve_continuous_lyapunov, sla.solve_continuous_lyapunov,
     (well(3, 3), randn(3, 3)), [0, 1]),
    ("cholesky",         spla.cholesky,         sla.cholesky,         (spd(3, 3) + onp.triu(randn(3, 3), 1),), [0]),
    ("cholesky-lower",   lambda a: spla.cholesky(a, lower=True), lambda a: sla.cholesky(a, lower=True),
     (spd(3, 3) + onp.tril(randn(3, 3), -1),), [0]),
    ("cholesky-batched", lambda a: spla.cholesky(a, True), lambda a: sla.cholesky(a, True), (spd(2, 3, 3),), [0]),
    ("cho_factor",       lambda a: spla.cho_factor(a)[0], lambda a: sla.cho_factor(a)[0], (spd(3, 3),), [0]),
    ("cho_factor-lower", lambda a: spla.cho_factor(a, lower=True)[0],
     lambda a: sla.cho_factor(a, lower=True)[0], (spd(3, 3),), [0]),
    ("cho_solve",        lambda c, b: spla.cho_solve((c, False), b),
     lambda c, b: sla.cho_solve((c, False), b), (sla.cho_factor(spd(3, 3))[0], randn(3)), [0, 1]),
    ("cho_solve-lower",  lambda c, b: spla.cho_solve((c, True), b),
     lambda c, b: sla.cho_solve((c, True), b), (sla.cho_factor(spd(3, 3), lower=True)[0], randn(3, 2)), [0, 1]),
    ("cho_factor+solve", lambda a, b: spla.cho_solve(spla.cho_factor(a), b),
     lambda a, b: sla.cho_solve(sla.cho_factor(a), b), (spd(3, 3), randn(3)), [0, 1]),
    ("lu_factor",        lambda a: spla.lu_factor(a)[0], lambda a: sla.lu_factor(a)[0], (randn(4, 4),), [0]),
    ("lu_solve",         lambda lu, b: spla.lu_solve((lu, sla.lu_factor(LU_A)[1]), b),
     lambda lu, b: sla.lu_solve((lu, sla.lu_factor(LU_A)[1]), b), None, [0, 1]),
    ("lu_factor+solve-T", lambda a, b: spla.lu_solve(spla.lu_factor(a), b, trans=1),
     lambda a, b: sla.lu_solve(sla.lu_factor(a), b, trans=1), (randn(3, 3), randn(3, 2)), [0, 1]),
    ("solve",            spla.solve,            sla.solve,            (randn(3, 3), randn(3)), [0, 1]),
    ("solve-transposed", lambda a, b: spla.solve(a, b, transposed=True),
     lambda a, b: sla.solve(a, b, transposed=True), (well(3, 3), randn(3, 2)), [0, 1]),
    ("solve-sym",        lambda a, b: spla.solve(a, b, assume_a="sym"),
     lambda a, b: sla.solve(a, b, assume_a="sym"), (well(3, 3), randn(3)), [0, 1]),
    ("solve-pos-lower",  lambda a, b: spla.solve(a, b, assume_a="pos", lower=True),
     lambda a, b: sla.solve(a, b, assume_a="pos", lower=True), (spd(3, 3) + onp.triu(randn(3, 3), 1), randn(3)), [0, 1]),
    ("solve-batched",    spla.solve,            sla.solve,            (well(2, 3, 3), randn(3)), [0, 1]),
    ("inv",              spla.inv,              sla.inv,              (well(3, 3),),           [0]),
    ("inv-batched",      spla.inv,              sla.inv,              (well(2, 3, 3),),        [0]),
    ("det",              spla.det,              sla.det,              (randn(3, 3),),          [0]),
    ("det-batched",      spla.det,              sla.det,              (randn(2, 3, 3),),       [0]),
    ("expm",             spla.expm,             sla.expm,             (0.5 * randn(3, 3),),    [0]),
    ("expm-batched",     spla.expm,             sla.expm,             (0.5 * randn(2, 3, 3),), [0]),
    ("expm_frechet",     lambda a, e: spla.expm_frechet(a, e), lambda a, e: sla.expm_frechet(a, e),
     (0.5 * randn(3, 3), randn(3, 3)), [0, 1]),
    ("expm_frechet-L",   lambda a, e: spla.expm_frechet(a, e, compute_expm=False),
     lambda a, e: sla.expm_frechet(a, e, compute_expm=False), (0.5 * randn(3, 3), randn(3, 3)), [0, 1]),
    ("logm",             spla.logm,             sla.logm,             (spd(3, 3),),            [0]),
    ("eigh",             spla.eigh,             sla.eigh,             (randn(3, 3),),          [0]),
    ("eigh-upper-batched", lambda a: spla.eigh(a, lower=False), lambda a: sla.eigh(a, lower=False),
     (randn(2, 3, 3),), [0]),
    ("eigh-eigvals_only", lambda a: spla.eigh(a, eigvals_only=True), lambda a: sla.eigh(a, eigvals_only=True),
     (randn(3, 3),), [0]),
    ("svd-square",       spla.svd,              sla.svd,              (randn(3, 3),),          [0]),
    ("svd-tall",         lambda a: spla.svd(a, full_matrices=False), lambda a: sla.svd(a, full_matrices=False),
     (randn(4, 3),), [0]),
    ("svd-wide-batched", lambda a: spla.svd(a, full_matrices=False), lambda a: sla.svd(a, full_matrices=False),
     (randn(2, 2, 3),), [0]),
    ("svd-values",       lambda a: spla.svd(a, compute_uv=False), lambda a: sla.svd(a, compute_uv=False),
     (randn(4, 3),), [0]),
    ("qr-economic",      lambda a: spla.qr(a, mode="economic"), lambda a: sla.qr(a, mode="economic"),
     (randn(4, 3),), [0]),
    ("qr-square",        spla.qr,               sla.qr,               (randn(3, 3),),          [0]),
    ("qr-r",             lambda a: spla.qr(a, mode="r"), lambda a: sla.qr(a, mode="r"), (randn(4, 3),), [0]),
    ("pinv-tall",        spla.pinv,             sla.pinv,             (randn(4, 3),),          [0]),
    ("pinv-wide",        spla.pinv,             sla.pinv,             (randn(2, 3),),          [0]),
    # --- numpy.linalg's rules (complex input, wide qr): what they cover beyond real square cases
    ("cholesky-complex", spla.cholesky,         sla.cholesky,         (hpd(3, "lower"),),      [0]),
    ("cho_factor-complex-lower", lambda a: spla.cho_factor(a, lower=True)[0],
     lambda a: sla.cho_factor(a, lower=True)[0], (hpd(3, "upper"),), [0]),
    ("eigh-complex",     eig_invariants(spla.eigh), eig_invariants(sla.eigh), (hpd(3, "upper"),), [0]),
    ("eigh-complex-eigvals_only", lambda a: spla.eigh(a, lower=False, eigvals_only=True),
     lambda a: sla.eigh(a, lower=False, eigvals_only=True), (hpd(3, "lower"),), [0]),
    ("svd-complex",      svd_invariants(spla.svd), svd_invariants(sla.svd), (crandn(4, 3),), [0]),
    ("qr-economic-wide", lambda a: spla.qr(a, mode="economic"), lambda a: sla.qr(a, mode="economic"),
     (randn(2, 4),), [0]),
    ("qr-r-wide",        lambda a: spla.qr(a, mode="r"), lambda a: sla.qr(a, mode="r"), (randn(2, 4),), [0]),
    ("qr-full-complex",  lambda a: spla.qr(a)[1], lambda a: sla.qr(a)[1], (crandn(3, 3),), [0]),
    ("pinv-complex",     spla.pinv,             sla.pinv,             (crandn(4, 3),),         [0]),
    ("inv-sym-lower",    lambda a: spla.inv(a, assume_a="sym", lower=True),
     lambda a: sla.inv(a, assume_a="sym", lower=True), (spd(3, 3) + onp.triu(randn(3, 3), 1),), [0]),
    ("solve-complex",    spla.solve,            sla.solve,            (well(3, 3) + 0.3j * randn(3, 3), crandn(3, 2)), [0, 1]),
    ("block_diag",       spla.block_diag,       sla.block_diag,       (randn(2, 2), randn(3), randn(1, 2)), [0, 1, 2]),
    # --- routed to numpy.linalg's maths
    ("eig",              eig_invariants(spla.eig), eig_invariants(sla.eig), (randn(3, 3),),     [0]),
    ("eig-batched",      eig_invariants(spla.eig), eig_invariants(sla.eig), (randn(2, 3, 3),),  [0]),
    ("eig-values",       lambda a: spla.eig(a, right=False), lambda a: sla.eig(a, right=False), (randn(3, 3),), [0]),
    ("eigvals",          spla.eigvals,          sla.eigvals,          (randn(3, 3),),          [0]),
    ("eigvals-batched",  spla.eigvals,          sla.eigvals,          (randn(2, 3, 3),),       [0]),
    ("eigvalsh",         spla.eigvalsh,         sla.eigvalsh,         (randn(3, 3),),          [0]),
    ("eigvalsh-upper",   lambda a: spla.eigvalsh(a, lower=False), lambda a: sla.eigvalsh(a, lower=False),
     (randn(3, 3),), [0]),
    ("norm",             spla.norm,             sla.norm,             (randn(3, 3),),          [0]),
    ("norm-2",           lambda a: spla.norm(a, 2), lambda a: sla.norm(a, 2), (randn(3, 3),), [0]),
    ("norm-nuc",         lambda a: spla.norm(a, "nuc"), lambda a: sla.norm(a, "nuc"), (randn(3, 4),), [0]),
    ("norm-3-axis",      lambda a: spla.norm(a, 3, axis=1), lambda a: sla.norm(a, 3, axis=1), (randn(2, 3),), [0]),
    ("svdvals",          spla.svdvals,          sla.svdvals,          (randn(4, 3),),          [0]),
    # --- linear constructors
    ("toeplitz",         spla.toeplitz,         sla.toeplitz,         (randn(3), randn(4)),    [0, 1]),
    ("toeplitz-c",       spla.toeplitz,         sla.toeplitz,         (randn(3) + 1j * randn(3),), [0]),
    ("toeplitz-batched", spla.toeplitz,         sla.toeplitz,         (randn(2, 3),),          [0]),
    ("circulant",        spla.circulant,        sla.circulant,        (randn(4),),             [0]),
    ("hankel",           spla.hankel,           sla.hankel,           (randn(3), randn(2)),    [0, 1]),
    ("hankel-c",         spla.hankel,           sla.hankel,           (randn(3),),             [0]),
    ("convolution_matrix", lambda a: spla.convolution_matrix(a, 4, "same"),
     lambda a: sla.convolution_matrix(a, 4, "same"), (randn(3),), [0]),
    ("diagsvd",          lambda s: spla.diagsvd(s, 4, 3), lambda s: sla.diagsvd(s, 4, 3), (randn(3),), [0]),
    ("leslie",           spla.leslie,           sla.leslie,           (randn(4), randn(3)),    [0, 1]),
    ("khatri_rao",       spla.khatri_rao,       sla.khatri_rao,       (randn(2, 3), randn(4, 3)), [0, 1]),
    ("companion",        spla.companion,        sla.companion,        (randn(4) + [3, 0, 0, 0],), [0]),
    ("fiedler",          spla.fiedler,          sla.fiedler,          (onp.array([1.0, 2.5, -0.7, 4.0]),), [0]),
    ("matmul_toeplitz",  lambda c, r, x: spla.matmul_toeplitz((c, r), x),
     lambda c, r, x: sla.matmul_toeplitz((c, r), x), (randn(3), randn(3), randn(3, 2)), [0, 1, 2]),
    ("solve_toeplitz",   lambda c, r, b: spla.solve_toeplitz((c, r), b),
     lambda c, r, b: sla.solve_toeplitz((c, r), b), (randn(3) + [3, 0, 0], randn(3), randn(3)), [0, 1, 2]),
    ("solve_circulant",  spla.solve_circulant,  sla.solve_circulant,  (randn(3) + [3, 0, 0], randn(3)), [0, 1]),
    # --- banded and tridiagonal storage
    ("cholesky_banded",  spla.cholesky_banded,  sla.cholesky_banded,  (banded(0, 1, 4) + [[0], [1.0]],), [0]),
    ("cholesky_banded-lower", lambda ab: spla.cholesky_banded(ab, lower=True),
     lambda ab: sla.cholesky_banded(ab, lower=True), (banded(1, 0, 4) + [[1.0], [0]],), [0]),
    ("cho_solve_banded", lambda cb, b: spla.cho_solve_banded((cb, False), b),
     lambda cb, b: sla.cho_solve_banded((cb, False), b), (sla.cholesky_banded(banded(0, 1, 4)), randn(4)), [0, 1]),
    ("cho_solve_banded-lower", lambda cb, b: spla.cho_solve_banded((cb, True), b),
     lambda cb, b: sla.cho_solve_banded((cb, True), b),
     (sla.cholesky_banded(banded(2, 0, 4), lower=True), randn(4, 2)), [0, 1]),
    ("solveh_banded",    spla.solveh_banded,    sla.solveh_banded,    (banded(0, 2, 4), randn(4)), [0, 1]),
    ("solveh_banded-lower", lambda ab, b: spla.solveh_banded(ab, b, lower=True),
     lambda ab, b: sla.solveh_banded(ab, b, lower=True), (banded(1, 0, 4), randn(4, 2)), [0, 1]),
    ("eig_banded",       signed(spla.eig_banded), signed(sla.eig_banded), (banded(0, 1, 4),), [0]),
    ("eig_banded-lower-only", lambda ab: spla.eig_banded(ab, lower=True, eigvals_only=True),
     lambda ab: sla.eig_banded(ab, lower=True, eigvals_only=True), (banded(2, 0, 4),), [0]),
    ("eigvals_banded",   spla.eigvals_banded,   sla.eigvals_banded,   (banded(0, 1, 4),),      [0]),
    ("eigh_tridiagonal", signed(spla.eigh_tridiagonal), signed(sla.eigh_tridiagonal), tridiag(), [0, 1]),
    ("eigh_tridiagonal-only", lambda d, e: spla.eigh_tridiagonal(d, e, eigvals_only=True),
     lambda d, e: sla.eigh_tridiagonal(d, e, eigvals_only=True), tridiag(), [0, 1]),
    ("eigvalsh_tridiagonal", spla.eigvalsh_tridiagonal, sla.eigvalsh_tridiagonal, tridiag(), [0, 1]),
    # --- factorizations
    ("lu",               spla.lu,               sla.lu,               (randn(4, 4),),          [0]),
    ("lu-permute_l",     lambda a: spla.lu(a, permute_l=True), lambda a: sla.lu(a, permute_l=True),
     (randn(3, 3),), [0]),
    ("polar",            spla.polar,            sla.polar,            (randn(4, 3),),          [0]),
    ("polar-left",       lambda a: spla.polar(a, "left"), lambda a: sla.polar(a, "left"), (randn(3, 3),), [0]),
    ("rq",               spla.rq,               sla.rq,               (randn(3, 3),),          [0]),
    ("rq-economic",      lambda a: spla.rq(a, mode="economic"), lambda a: sla.rq(a, mode="economic"),
     (randn(2, 4),), [0]),
    ("rq-r",             lambda a: spla.rq(a, mode="r"), lambda a: sla.rq(a, mode="r"), (randn(2, 4),), [0]),
    ("qr_multiply",      spla.qr_multiply,      sla.qr_multiply,      (randn(4, 3), randn(2, 4)), [0, 1]),
    ("qr_multiply-left", lambda a, c: spla.qr_multiply(a, c, mode="left"),
     lambda a, c: sla.qr_multiply(a, c, mode="left"), (randn(4, 3), randn(3, 2)), [0, 1]),
    ("orth",             projector(spla.orth),  projector(sla.orth),  (randn(5, 3),),          [0]),
    ("null_space",       projector(spla.null_space), projector(sla.null_space), (randn(2, 4),), [0]),
    ("subspace_angles",  spla.subspace_angles,  sla.subspace_angles,  (randn(5, 2), randn(5, 3)), [0, 1]),
    ("orthogonal_procrustes", spla.orthogonal_procrustes, sla.orthogonal_procrustes,
     (randn(4, 3), randn(4, 3)), [0, 1]),
    ("pinvh",            spla.pinvh,            sla.pinvh,            (spd(3, 3) + onp.triu(randn(3, 3), 1),), [0]),
    ("lstsq",            lambda a, b: spla.lstsq(a, b)[::3], lambda a, b: sla.lstsq(a, b)[::3],
     (randn(4, 3), randn(4)), [0, 1]),
    ("lstsq-residues",   lambda a, b: spla.lstsq(a, b)[1], lambda a, b: sla.lstsq(a, b)[1],
     (randn(4, 2), randn(4, 2)), [0, 1]),
    ("lstsq-wide",       lambda a, b: spla.lstsq(a, b)[0], lambda a, b: sla.lstsq(a, b)[0],
     (randn(2, 3), randn(2, 2)), [0, 1]),
    ("matrix_balance",   lambda a: spla.matrix_balance(a)[0], lambda a: sla.matrix_balance(a)[0],
     (randn(3, 3) * [[1, 10, 100]],), [0]),
    # --- matrix functions
    ("fractional_matrix_power", spla.fractional_matrix_power, sla.fractional_matrix_power,
     (spd(3, 3), 0.3), [0, 1]),
    ("cosm",             spla.cosm,             sla.cosm,             (0.5 * randn(3, 3),),    [0]),
    ("cosm-complex",     spla.cosm,             sla.cosm,             (0.5 * (randn(3, 3) + 1j * randn(3, 3)),), [0]),
    ("sinm",             spla.sinm,             sla.sinm,             (0.5 * randn(3, 3),),    [0]),
    ("tanm",             spla.tanm,             sla.tanm,             (0.3 * randn(3, 3),),    [0]),
    ("coshm",            spla.coshm,            sla.coshm,            (0.5 * randn(3, 3),),    [0]),
    ("sinhm",            spla.sinhm,            sla.sinhm,            (0.5 * randn(3, 3),),    [0]),
    ("tanhm",            spla.tanhm,            sla.tanhm,            (0.3 * randn(3, 3),),    [0]),
    ("signm",            spla.signm,            sla.signm,            (onp.diag([3.0, -2.0, 4.0]) + 0.3 * randn(3, 3),), [0]),
    # --- matrix equations
    ("solve_discrete_lyapunov", spla.solve_discrete_lyapunov, sla.solve_discrete_lyapunov,
     (0.3 * randn(3, 3), randn(3, 3)), [0, 1]),
    ("solve_continuous_are", care(spla.solve_continuous_are), care(sla.solve_continuous_are),
     (randn(3, 3), randn(3, 2), spd(3, 3), spd(2, 2)), [0, 1, 2, 3]),
    ("solve_discrete_are", care(spla.solve_discrete_are), care(sla.solve_discrete_are),
     (randn(3, 3), randn(3, 2), spd(3, 3), spd(2, 2)), [0, 1, 2, 3]),
]
# fmt: on

LU_A = randn(3, 3)
ROWS = [r if r[3] is not None else r[:3] + ((sla.lu_factor(LU_A)[0], randn(3)),) + r[4:]
        for r in ROWS]

TESTED = {"linalg." + name.split("-")[0].split("+")[0] for name, *_ in ROWS} | {"linalg.lu_solve"}


def _close(a, b):
    if isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            _close(x, y)
    else:
        onp.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name, fun, ref, args, argnums", ROWS, ids=[r[0] for r in ROWS])
def test_values(name, fun, ref, args, argnums):
    _close(fun(*args), ref(*args))


@pytest.mark.parametrize("name, fun, ref, args, argnums", ROWS, ids=[r[0] for r in ROWS])
def test_grads(name, fun, ref, args, argnums):
    base = name.split("-")[0]
    if base == "eigh" and "only" not in name:
        fun = fix_signs(fun, cols=(1,))
    if base == "svd" and "values" not in name:
        fun = fix_signs(fun, cols=(0,), rows=(2,))
    check_grads(fun, argnum=argnums, modes=MODES, order=2)(*args)


def test_pinv_return_rank():
    a = randn(4, 3)
    p, rank = spla.pinv(a, return_rank=True)
    assert rank == 3
    check_grads(lambda a: spla.pinv(a, return_rank=True)[0], modes=MODES, order=1)(a)


def test_namespace_wraps_everything():
    public = [n for n in sla.__all__ if callable(getattr(sla, n)) and not isinstance(getattr(sla, n), type)]
    missing = [n for n in public if not hasattr(spla, n)]
    assert not missing
    assert np.linalg is not None


def test_det_traced_runs_numpys_det_with_scipys_checks():
    # a traced scipy.linalg.det is numpy.linalg.det (one derivation); SciPy's checks stay
    from autograd import grad
    a = randn(3, 3)
    assert spla.det(a) == sla.det(a)
    onp.testing.assert_allclose(grad(spla.det)(a), sla.det(a) * onp.linalg.inv(a).T, rtol=1e-12)
    check_grads(lambda a: spla.det(a, check_finite=False), modes=MODES, order=2)(a)
    with pytest.raises(ValueError, match="infs or NaNs"):
        grad(spla.det)(onp.full((2, 2), onp.nan))
    with pytest.raises(ValueError):
        grad(spla.det)(onp.ones((2, 3)))
    with onp.errstate(invalid="ignore"):     # NumPy's det warns on nan where SciPy's is silent
        assert onp.isnan(grad(lambda a: spla.det(a, check_finite=False))(onp.full((2, 2), onp.nan))).all()


@pytest.mark.parametrize("call, match", [
    (lambda a: spla.eigh(a, onp.eye(3))[0], "generalized"),
    (lambda a: spla.eigh(a, subset_by_index=[0, 1])[0], "subset"),
    (lambda a: spla.qr(a, pivoting=True)[0], "pivoting"),
    (lambda a: spla.qr(a, mode="raw")[0][0], "raw"),
    (lambda a: spla.svd(a[:, :2])[0], "full_matrices"),
], ids=["eigh-b", "eigh-subset", "qr-pivoting", "qr-raw", "svd-full-nonsquare"])
def test_options_without_a_derivative_raise(call, match):
    # options numpy.linalg's rules do not cover say so, in both modes
    from autograd import grad, make_jvp
    a = spd(3, 3)
    with pytest.raises(NotImplementedError, match=match):
        grad(lambda a: np.sum(np.real(call(a))))(a)
    with pytest.raises(NotImplementedError, match=match):
        make_jvp(call)(a)(onp.ones_like(a))


def test_scipy_primitives_use_numpy_linalgs_rule_in_force():
    # one derivation: a rule given to numpy.linalg.cholesky is the one scipy.linalg.cholesky uses
    from autograd import grad
    from autograd.extend import defvjp, isolated
    a = spd(3, 3)
    with isolated():
        defvjp(np.linalg.cholesky, lambda ans, a, upper=False: lambda g: np.ones_like(a) * 7.0)
        onp.testing.assert_array_equal(grad(lambda a: np.sum(spla.cholesky(a)))(a), onp.full((3, 3), 7.0))
