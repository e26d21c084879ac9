"""Rules of ``scipy.linalg.schur`` and ``scipy.linalg.ldl`` (factorizations numpy.linalg lacks).

``schur(a)`` = ``(T, Z)`` with ``a = Z T Z^T``: for a real matrix with real, distinct
eigenvalues (``T`` upper triangular).  With ``A' = Z^T dA Z`` and ``X = Z^T dZ``
(antisymmetric), ``dT = A' + T X - X T`` must stay upper triangular, which fixes the
strictly lower part of ``X`` through the triangular Sylvester equation
``P(T Y - Y T) = -P(A')`` (``P`` keeps the strictly lower triangle; Y is strictly
lower): :func:`tri_sylvester` solves it, and its adjoint ``P(T^T W - W T^T) = D``, by
substitution in the order the triangles allow; both are primitives with rules, so
derivatives of any order follow.  Complex eigenvalues (2 x 2 blocks in the real
form) and ``output="complex"`` raise, naming what is supported.

``ldl(a)`` = ``(lu, d, perm)`` is differentiated through an equivalent built from
traced operations (:func:`ldl_impl`): SciPy's pivoting (``perm``) and its 1 x 1 / 2 x 2
block structure are kept as constants, and the block elimination is redone on the
matrix SciPy reads (one triangle, mirrored), so every order works in both modes.
"""

import numpy as onp
import scipy.linalg as _sl

from autograd.extend import MissingRuleError, defjvp, defvjp_fast, getval, primitive
from autograd_numpy import linalg as anla
from autograd_numpy import numpy_wrapper as anp

__all__ = ["tri_sylvester", "schur_vjp", "schur_jvp", "ldl_impl", "register"]


# ----------------------------------------------------------------- triangular Sylvester

def _tri_sylvester_raw(T, R, adjoint=False):
    T, R = onp.asarray(T), onp.asarray(R)
    n = T.shape[0]
    Y = onp.zeros((n, n), dtype=onp.result_type(T, R, 1.0))
    diag = onp.diag(T)
    if not adjoint:
        # Y_ij (T_ii - T_jj) = R_ij - sum_(k>i) T_ik Y_kj + sum_(k<j) Y_ik T_kj
        for j in range(n):
            for i in range(n - 1, j, -1):
                s = R[i, j] - T[i, i + 1:] @ Y[i + 1:, j] + Y[i, :j] @ T[:j, j]
                Y[i, j] = s / (diag[i] - diag[j])
    else:
        # W_ij (T_ii - T_jj) = R_ij - sum_(j<k<i) T_ki W_kj + sum_(j<k<i) W_ik T_jk
        for j in range(n - 1, -1, -1):
            for i in range(j + 1, n):
                s = R[i, j] - T[j + 1:i, i] @ Y[j + 1:i, j] + Y[i, j + 1:i] @ T[j, j + 1:i]
                Y[i, j] = s / (diag[i] - diag[j])
    return Y


tri_sylvester = primitive(_tri_sylvester_raw)
tri_sylvester.__doc__ = ("The strictly lower ``Y`` with ``P(T Y - Y T) = R`` (``adjoint=True``: "
                         "``P(T^T Y - Y T^T) = R``), ``T`` upper triangular, ``P`` the strictly "
                         "lower part; ``R``'s other entries are ignored.")


def _low(x):
    return anp.tril(x, -1)


def _up(x):
    return anp.triu(x)


def _tri_sylvester_vjp_R(g, ans, T, R, adjoint=False):
    return _low(tri_sylvester(T, _low(g), not adjoint))


def _tri_sylvester_vjp_T(g, ans, T, R, adjoint=False):
    lam = tri_sylvester(T, _low(g), not adjoint)
    Y = ans
    if not adjoint:
        return _up(anp.dot(Y.T, lam) - anp.dot(lam, Y.T))
    return _up(anp.dot(lam.T, Y) - anp.dot(Y, lam.T))


def _tri_sylvester_jvp_R(t, ans, T, R, adjoint=False):
    return tri_sylvester(T, _low(t), adjoint)


def _tri_sylvester_jvp_T(t, ans, T, R, adjoint=False):
    dT = _up(t)
    if adjoint:
        dT = dT.T
    return -tri_sylvester(T, _low(anp.dot(dT, ans) - anp.dot(ans, dT)), adjoint)


# ----------------------------------------------------------------- schur

def _schur_check(a, T, output):
    if output not in ("real", "r"):
        raise MissingRuleError(
            "The derivative of scipy.linalg.schur is implemented for output='real' (a real "
            "matrix with real eigenvalues); output='complex' is not (autograd-scipy).")
    if onp.iscomplexobj(getval(a)):
        raise MissingRuleError("The derivative of scipy.linalg.schur is implemented for real "
                               "matrices only (autograd-scipy).")
    Tv = onp.asarray(getval(T))
    if onp.any(onp.tril(Tv, -1) != 0):
        raise MissingRuleError(
            "The derivative of scipy.linalg.schur is implemented for matrices with real "
            "eigenvalues (T triangular); this one has complex eigenvalues (2 x 2 blocks in T).")
    d = onp.diag(Tv)
    if len(d) > 1 and onp.min(onp.abs(d[:, None] - d[None, :]) + onp.eye(len(d))) == 0:
        raise MissingRuleError("scipy.linalg.schur: repeated eigenvalues; the Schur vectors "
                               "are not differentiable there.")


def _schur_output(args, kwargs):
    names = ("output", "lwork", "overwrite_a", "sort", "check_finite")
    opts = dict(zip(names, args))
    opts.update(kwargs)
    return opts.get("output", "real")


def schur_vjp(g, ans, a, *args, **kwargs):
    T, Z = ans[0], ans[1]
    _schur_check(a, T, _schur_output(args, kwargs))
    gT, gZ = g[0], g[1]
    Tu = _up(gT)
    C = anp.dot(Z.T, gZ) + anp.dot(T.T, Tu) - anp.dot(Tu, T.T)
    W = tri_sylvester(T, _low(C - C.T), True)
    return anp.dot(Z, anp.dot(Tu - W, Z.T))


def schur_jvp(t, ans, a, *args, **kwargs):
    T, Z = ans[0], ans[1]
    _schur_check(a, T, _schur_output(args, kwargs))
    dA = anp.dot(Z.T, anp.dot(t, Z))
    Xl = -tri_sylvester(T, _low(dA), False)
    X = Xl - Xl.T
    dT = _up(dA + anp.dot(T, X) - anp.dot(X, T))
    dZ = anp.dot(Z, X)
    return (dT, dZ) if len(ans) == 2 else (dT, dZ, onp.zeros_like(getval(ans[2])))


# ----------------------------------------------------------------- ldl

def _block_sizes(d):
    """The sizes of the diagonal blocks of SciPy's ``d`` (1 or 2)."""
    n, i, sizes = d.shape[0], 0, []
    while i < n:
        m = 2 if i + 1 < n and d[i + 1, i] != 0 else 1
        sizes.append(m)
        i += m
    return sizes


def ldl_impl(A, lower=True, hermitian=True, overwrite_a=False, check_finite=True):
    """``scipy.linalg.ldl`` redone with traced operations, SciPy's pivots and blocks fixed."""
    lu0, d0, perm = _sl.ldl(getval(A), lower=lower, hermitian=hermitian)
    n = d0.shape[0]
    conj = hermitian and onp.iscomplexobj(getval(A))

    def ct(x):
        return anp.conj(anp.swapaxes(x, -1, -2)) if conj else anp.swapaxes(x, -1, -2)

    # the matrix SciPy reads: one triangle and its mirror image
    # (a Hermitian solver reads the real part of the diagonal only)
    strict = anp.tril(A, -1) if lower else anp.triu(A, 1)
    diagonal = anp.real(anp.diagonal(A)) if conj else anp.diagonal(A)
    full = strict + ct(strict) + anp.diag(diagonal)
    B = full[perm][:, perm]
    d_struct = d0
    if not lower:       # U D U^T is L D L^T of the matrix read backwards
        B = B[::-1, ::-1]
        d_struct = d0[::-1, ::-1]
    columns, blocks, S, start = [], [], B, 0
    for m in _block_sizes(d_struct):
        Dk = S[:m, :m]
        below = S[m:, :m]
        Lk = below / Dk[0, 0] if m == 1 else anp.dot(below, anla.inv(Dk))
        S = S[m:, m:] - anp.dot(Lk, ct(below))
        columns.append(anp.concatenate([onp.zeros((start, m)), onp.eye(m), Lk], axis=0))
        blocks.append(Dk)
        start += m
    L = anp.concatenate(columns, axis=1)
    D = _block_diag(blocks, n)
    if not lower:
        L, D = L[::-1, ::-1], D[::-1, ::-1]
    inverse = onp.argsort(perm)
    return L[inverse], D, perm


def _block_diag(blocks, n):
    rows, start = [], 0
    for b in blocks:
        m = b.shape[0]
        rows.append(anp.concatenate([onp.zeros((m, start)), b, onp.zeros((m, n - start - m))], axis=1))
        start += m
    return anp.concatenate(rows, axis=0)


def register():
    """Register the rules of :func:`tri_sylvester` (the others are in ``_rules``' tables)."""
    defvjp_fast(tri_sylvester, _tri_sylvester_vjp_T, _tri_sylvester_vjp_R)
    defjvp(tri_sylvester, _tri_sylvester_jvp_T, _tri_sylvester_jvp_R)
