"""Rules of ``scipy.linalg.schur``, ``qz`` and ``ldl`` (factorizations numpy.linalg lacks).

``schur(a)`` = ``(T, Z)`` with ``a = Z T Z^H``, for distinct eigenvalues: with
``output="complex"`` for any matrix, with ``output="real"`` where the eigenvalues are
real (``T`` triangular; 2 x 2 blocks raise, pointing to ``output="complex"``).  With
``A' = Z^H dA Z`` and ``X = Z^H dZ`` (anti-Hermitian), ``dT = A' + T X - X T`` must
stay upper triangular, which fixes the strictly lower part of ``X`` through the
triangular Sylvester equation ``P(T Y - Y T) = -P(A')`` (``P`` keeps the strictly lower
triangle; Y is strictly lower): :func:`tri_sylvester` solves it, and its adjoint, by
substitution in the order the triangles allow; both are primitives with rules, so
derivatives of any order follow.  The diagonal of ``X`` (the phases of complex Schur
vectors) is set to 0: differentiate quantities that do not depend on those phases.

``qz(A, B)`` = ``(AA, BB, Q, Z)`` with ``A = Q AA Z^H``, ``B = Q BB Z^H``, for distinct
generalized eigenvalues (``output="complex"``: any pencil; ``"real"``: real ones): the
same construction with two anti-Hermitian unknowns ``X = Q^H dQ``, ``Y = Z^H dZ`` whose
strictly lower parts solve a 2 x 2 system per entry (:func:`pair_sylvester`, a
primitive with rules, and its adjoint).

``ldl(a)`` = ``(lu, d, perm)`` is differentiated through an equivalent built from
traced operations (:func:`ldl_impl`): SciPy's pivoting (``perm``) and its 1 x 1 / 2 x 2
block structure are kept as constants, and the block elimination is redone on the
matrix SciPy reads (one triangle, mirrored), so every order works in both modes.
"""

import numpy as onp
import scipy.linalg as _sl

from autograd.extend import (
    MissingRuleError, defjvp, defjvp_argnum, defvjp_argnums, defvjp_fast, getval, primitive,
)
from autograd_numpy import linalg as anla
from autograd_numpy import numpy_wrapper as anp

__all__ = ["tri_sylvester", "pair_sylvester", "schur_vjp", "schur_jvp", "qz_vjp", "qz_jvp",
           "ldl_impl", "register"]


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
    Tv = onp.asarray(getval(T))
    if output in ("real", "r") and onp.any(onp.tril(Tv, -1) != 0):
        raise MissingRuleError(
            "The derivative of scipy.linalg.schur(output='real') is implemented for matrices "
            "with real eigenvalues (T triangular); this one has complex eigenvalues (2 x 2 "
            "blocks in T): use output='complex'.")
    d = onp.diag(Tv)
    if len(d) > 1 and onp.min(onp.abs(d[:, None] - d[None, :]) + onp.eye(len(d))) == 0:
        raise MissingRuleError("scipy.linalg.schur: repeated eigenvalues; the Schur vectors "
                               "are not differentiable there.")


def _schur_output(args, kwargs):
    names = ("output", "lwork", "overwrite_a", "sort", "check_finite")
    opts = dict(zip(names, args))
    opts.update(kwargs)
    return opts.get("output", "real")


def _H(x):
    return anp.conj(anp.swapaxes(x, -1, -2))


def schur_vjp(g, ans, a, *args, **kwargs):
    # The cotangents here are conjugates of real gradients (autograd's convention for
    # complex values): conjugate in, derive with Re<A, B> = Re tr(A^H B), conjugate out.
    T, Z = ans[0], ans[1]
    _schur_check(a, T, _schur_output(args, kwargs))
    Tu = _up(anp.conj(g[0]))
    C = anp.dot(_H(Z), anp.conj(g[1])) + anp.dot(_H(T), Tu) - anp.dot(Tu, _H(T))
    W = tri_sylvester(anp.conj(T), _low(C - _H(C)), True)
    grad_a = anp.conj(anp.dot(Z, anp.dot(Tu - W, _H(Z))))
    return anp.real(grad_a) if not onp.iscomplexobj(getval(a)) else grad_a


def schur_jvp(t, ans, a, *args, **kwargs):
    T, Z = ans[0], ans[1]
    _schur_check(a, T, _schur_output(args, kwargs))
    dA = anp.dot(_H(Z), anp.dot(t, Z))
    Xl = -tri_sylvester(T, _low(dA), False)
    X = Xl - _H(Xl)       # the phases of the Schur vectors: X's diagonal is 0 (a gauge)
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
    """Register the rules of :func:`tri_sylvester` and :func:`pair_sylvester` (``schur``'s,
    ``qz``'s and ``ldl``'s are registered by ``_rules``)."""
    defvjp_fast(tri_sylvester, _tri_sylvester_vjp_T, _tri_sylvester_vjp_R)
    defjvp(tri_sylvester, _tri_sylvester_jvp_T, _tri_sylvester_jvp_R)
    register_qz()


# ----------------------------------------------------------------- qz

def _pair_sylvester_raw(AA, BB, R1, R2, adjoint=False):
    """The strictly lower ``(X, Y)`` with ``K(X, Y) = (R1, R2)`` (strictly lower parts), where
    ``K(X, Y) = (P(-X AA + AA Y), P(-X BB + BB Y))``; ``adjoint``: ``K^T(X, Y) =
    (P(-X AA^T - Y BB^T), P(AA^T X + BB^T Y))``.  Each entry is a 2 x 2 solve."""
    AA, BB, R1, R2 = (onp.asarray(v) for v in (AA, BB, R1, R2))
    n = AA.shape[0]
    dtype = onp.result_type(AA, BB, R1, R2, 1.0)
    X, Y = onp.zeros((n, n), dtype), onp.zeros((n, n), dtype)
    a, b = onp.diag(AA), onp.diag(BB)
    if not adjoint:
        for j in range(n):
            for i in range(n - 1, j, -1):
                rA = R1[i, j] + X[i, :j] @ AA[:j, j] - AA[i, i + 1:] @ Y[i + 1:, j]
                rB = R2[i, j] + X[i, :j] @ BB[:j, j] - BB[i, i + 1:] @ Y[i + 1:, j]
                det = a[i] * b[j] - a[j] * b[i]
                X[i, j] = (rA * b[i] - a[i] * rB) / det
                Y[i, j] = (b[j] * rA - a[j] * rB) / det
    else:
        for j in range(n - 1, -1, -1):
            for i in range(j + 1, n):
                mid = slice(j + 1, i)
                r1 = R1[i, j] + X[i, mid] @ AA[j, mid] + Y[i, mid] @ BB[j, mid]
                r2 = R2[i, j] - AA[mid, i] @ X[mid, j] - BB[mid, i] @ Y[mid, j]
                # [[-a_j, -b_j], [a_i, b_i]] [x, y] = [r1, r2]
                det = a[i] * b[j] - a[j] * b[i]
                X[i, j] = (r1 * b[i] + b[j] * r2) / det
                Y[i, j] = -(a[i] * r1 + a[j] * r2) / det
    return X, Y


pair_sylvester = primitive(_pair_sylvester_raw)
pair_sylvester.__doc__ = _pair_sylvester_raw.__doc__


def _pair_K(AA, BB, X, Y, adjoint):
    if not adjoint:
        return (_low(-anp.dot(X, AA) + anp.dot(AA, Y)), _low(-anp.dot(X, BB) + anp.dot(BB, Y)))
    return (_low(-anp.dot(X, AA.T) - anp.dot(Y, BB.T)), _low(anp.dot(AA.T, X) + anp.dot(BB.T, Y)))


def _pair_vjp(argnums, ans, args, kwargs):
    AA, BB, R1, R2 = args[:4]
    adjoint = args[4] if len(args) > 4 else kwargs.get("adjoint", False)
    S1, S2 = ans

    def vjp(g):
        L1, L2 = pair_sylvester(AA, BB, _low(g[0]), _low(g[1]), not adjoint)
        out = {2: L1, 3: L2}
        if not adjoint:
            # d solution = K^-1(-dK(S)); dK(S) = (P(-S1 dAA + dAA S2), P(-S1 dBB + dBB S2))
            out[0] = _up(anp.dot(S1.T, L1) - anp.dot(L1, S2.T))
            out[1] = _up(anp.dot(S1.T, L2) - anp.dot(L2, S2.T))
        else:
            out[0] = _up(anp.dot(L1.T, S1) - anp.dot(S1, L2.T))
            out[1] = _up(anp.dot(L1.T, S2) - anp.dot(S2, L2.T))
        return tuple(out.get(i) for i in argnums)
    return vjp


def _pair_jvp(argnum, t, ans, args, kwargs):
    AA, BB, R1, R2 = args[:4]
    adjoint = args[4] if len(args) > 4 else kwargs.get("adjoint", False)
    zero = anp.zeros_like(ans[0])
    if argnum == 2:
        return pair_sylvester(AA, BB, _low(t), zero, adjoint)
    if argnum == 3:
        return pair_sylvester(AA, BB, zero, _low(t), adjoint)
    dAA, dBB = (_up(t), zero) if argnum == 0 else (zero, _up(t))
    r1, r2 = _pair_K(dAA, dBB, ans[0], ans[1], adjoint)
    return pair_sylvester(AA, BB, -r1, -r2, adjoint)


def _qz_check(A, B, AA, BB, output):
    if output in ("real", "r") and onp.any(onp.tril(onp.asarray(getval(AA)), -1) != 0):
        raise MissingRuleError(
            "The derivative of scipy.linalg.qz(output='real') is implemented for real "
            "generalized eigenvalues (AA triangular); this pencil has complex ones (2 x 2 "
            "blocks in AA): use output='complex'.")
    a, b = onp.diag(getval(AA)), onp.diag(getval(BB))
    det = a[:, None] * b[None, :] - a[None, :] * b[:, None]
    if len(a) > 1 and onp.min(onp.abs(det) + onp.eye(len(a))) == 0:
        raise MissingRuleError("scipy.linalg.qz: repeated generalized eigenvalues; Q and Z are "
                               "not differentiable there.")


def _qz_output(args, kwargs):
    opts = dict(zip(("output", "lwork", "sort", "overwrite_a", "overwrite_b", "check_finite"),
                    args))
    opts.update(kwargs)
    return opts.get("output", "real")


def _qz_parts(t_A, t_B, ans):
    AA, BB, Q, Z = ans[:4]
    A1 = anp.dot(_H(Q), anp.dot(t_A, Z))
    B1 = anp.dot(_H(Q), anp.dot(t_B, Z))
    Xl, Yl = pair_sylvester(AA, BB, -_low(A1), -_low(B1), False)
    X, Y = Xl - _H(Xl), Yl - _H(Yl)     # diagonals 0: the phases of complex Q, Z (a gauge)
    dAA = _up(A1 - anp.dot(X, AA) + anp.dot(AA, Y))
    dBB = _up(B1 - anp.dot(X, BB) + anp.dot(BB, Y))
    return dAA, dBB, anp.dot(Q, X), anp.dot(Z, Y)


def qz_jvp(argnum, t, ans, args, kwargs):
    A, B = args[0], args[1]
    _qz_check(A, B, ans[0], ans[1], _qz_output(args[2:], kwargs))
    zero = anp.zeros_like(ans[0])
    return _qz_parts(t, zero, ans) if argnum == 0 else _qz_parts(zero, t, ans)


def qz_vjp(argnums, ans, args, kwargs):
    # as schur_vjp: conjugated cotangents, the Re<., .> adjoint, conjugated back
    A, B = args[0], args[1]
    _qz_check(A, B, ans[0], ans[1], _qz_output(args[2:], kwargs))
    AA, BB, Q, Z = ans[:4]

    def vjp(g):
        gAA, gBB, gQ, gZ = (anp.conj(x) for x in g[:4])
        Au, Bu = _up(gAA), _up(gBB)
        CX = -anp.dot(Au, _H(AA)) - anp.dot(Bu, _H(BB)) + anp.dot(_H(Q), gQ)
        CY = anp.dot(_H(AA), Au) + anp.dot(_H(BB), Bu) + anp.dot(_H(Z), gZ)
        WA, WB = pair_sylvester(anp.conj(AA), anp.conj(BB), _low(CX - _H(CX)),
                                _low(CY - _H(CY)), True)
        out = {}
        for i, (arg, part, W) in enumerate(((A, Au, WA), (B, Bu, WB))):
            grad_i = anp.conj(anp.dot(Q, anp.dot(part - W, _H(Z))))
            out[i] = grad_i if onp.iscomplexobj(getval(arg)) else anp.real(grad_i)
        return tuple(out.get(i) for i in argnums)
    return vjp


def register_qz():
    """Register the rules of :func:`pair_sylvester`."""
    defvjp_argnums(pair_sylvester, _pair_vjp)
    defjvp_argnum(pair_sylvester, _pair_jvp)
