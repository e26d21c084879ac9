"""The ``scipy.linalg`` rule set (loader declared by the plugin).

Every rule has a VJP and a JVP, side by side, written with ``autograd.numpy``
and ``autograd.scipy.linalg`` functions only, so they run on boxes and give
derivatives of any order.  Matrices may carry leading batch axes wherever
SciPy accepts them (``...ij``); the ``lu_*`` and ``solve_banded`` rules are for
single matrices, as SciPy's functions are.

Conventions: ``g`` is a cotangent, ``t`` a tangent, ``ans`` the output; for
the solvers ``x`` is the solution.  Right-hand sides ``b`` of shape ``(n,)``
are vectors, anything else is ``(..., n, k)`` (SciPy's reading).

Several functions read only part of their matrix argument (one triangle, a
band).  Their gradients are confined to that part: :func:`_project` maps a
cotangent of the matrix SciPy actually used to the entries it read, and
:func:`_embed` does the converse for tangents.
"""

import weakref

import numpy as onp

import scipy.linalg as _sl

from autograd.extend import defjvp, defjvp_argnum, defvia, defvjp_argnum, defvjp_fast, getval
from autograd.rules import active
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from . import linalg as asl

__all__ = ["register"]


# ----------------------------------------------------------------- helpers

def _shape(x):
    return onp.shape(getval(x))


def _dtype(x):
    return onp.result_type(getval(x))


def _T(x):
    return anp.swapaxes(x, -1, -2)


def _mm(a, b):
    return anp.matmul(a, b)


def _mask(x, fn, k=0):
    """``x`` times the constant 0/1 matrix ``fn(ones, k)`` (tril, triu ...)."""
    n, m = _shape(x)[-2:]
    return x * fn(onp.ones((n, m), dtype=_dtype(x)), k)


def _tril(x, k=0):
    return _mask(x, onp.tril, k)


def _triu(x, k=0):
    return _mask(x, onp.triu, k)


def _eye_like(x):
    return onp.eye(_shape(x)[-1], dtype=_dtype(x))


def _diag(x):
    return anp.einsum("...ii->...i", x)


def _diag_embed(d):
    return anp.expand_dims(d, -1) * onp.eye(_shape(d)[-1], dtype=_dtype(d))


def _row(v):
    return anp.expand_dims(v, -2)


def _col(v):
    return anp.expand_dims(v, -1)


def _tri_to_sym(t, lower):
    """The symmetric matrix built from one triangle of ``t`` (what SciPy reads)."""
    return _tril(t) + _T(_tril(t, -1)) if lower else _triu(t) + _T(_triu(t, 1))


def _sym_to_tri(m, lower):
    """Adjoint of :func:`_tri_to_sym`: a cotangent of the symmetric matrix, folded
    onto the triangle it was built from."""
    return _tril(m) + _tril(_T(m), -1) if lower else _triu(m) + _triu(_T(m), 1)


def _structure(assume_a, lower):
    """Which entries of ``a`` a solver reads, from SciPy's ``assume_a``."""
    if assume_a in (None, "gen", "general", "banded"):
        return ("full", lower)
    if assume_a in ("sym", "her", "pos", "symmetric", "hermitian", "positive definite"):
        return ("sym", lower)
    if assume_a in ("diagonal",):
        return ("band", (0, 0))
    if assume_a in ("tridiagonal",):
        return ("band", (1, 1))
    if assume_a in ("upper triangular",):
        return ("tri", False)
    if assume_a in ("lower triangular",):
        return ("tri", True)
    raise NotImplementedError(f"Gradient of a solve with assume_a={assume_a!r}")


def _band(x, lo, up):
    return _triu(_tril(x, up), -lo)


def _project(m, structure):
    """A cotangent of the matrix used, restricted to the entries read."""
    kind, opt = structure
    if kind == "full":
        return m
    if kind == "sym":
        return _sym_to_tri(m, opt)
    if kind == "tri":
        return _tril(m) if opt else _triu(m)
    return _band(m, *opt)


def _embed(t, structure):
    """The tangent of the matrix used, from a tangent of the entries read."""
    kind, opt = structure
    if kind == "sym":
        return _tri_to_sym(t, opt)
    return _project(t, structure)


def _is_vec(b):
    return len(_shape(b)) == 1


def _outer(u, v, vec):
    """``u v^T`` for the columns of two solutions/right-hand sides."""
    if vec:
        return _col(u) * _row(v)
    return _mm(u, _T(v))


def _apply(m, x, vec):
    """``m @ x`` for a vector or a stack of columns ``x``."""
    if vec:
        return anp.squeeze(_mm(m, _col(x)), -1)
    return _mm(m, x)


def _vsolve(solver, a, rhs, vec, *args, **kwargs):
    """``solver(a, rhs)`` for a right-hand side that has the shape of the solution
    (a stack of vectors when the original ``b`` was a vector)."""
    if vec:
        return anp.squeeze(solver(a, _col(rhs), *args, **kwargs), -1)
    return solver(a, rhs, *args, **kwargs)


def _like(ans, items):
    """A tangent with the container type of the (tuple or list) output ``ans``."""
    return type(getval(ans))(items)


# ----------------------------------------------------------------- linear solvers

def _solve_structure(kwargs):
    return _structure(kwargs.get("assume_a"), kwargs.get("lower", False))


def _solve_kwargs(kwargs, flip):
    kw = dict(kwargs)
    kind = _solve_structure(kwargs)[0]
    if flip and kind not in ("sym", "band"):
        kw["transposed"] = not kwargs.get("transposed", False)
        if kind == "tri":
            # transposing a triangle swaps which one it is
            kw["assume_a"] = ("lower triangular" if kwargs["assume_a"] == "upper triangular"
                              else "upper triangular")
    return kw


def _solve_a_vjp(g, ans, a, b, *args, **kwargs):
    vec = _is_vec(b)
    bbar = _vsolve(asl.solve, a, g, vec, *args, **_solve_kwargs(kwargs, True))
    full = _outer(ans, bbar, vec) if kwargs.get("transposed") else _outer(bbar, ans, vec)
    return fit_cotangent(-_project(full, _solve_structure(kwargs)), a)


def _solve_b_vjp(g, ans, a, b, *args, **kwargs):
    bbar = _vsolve(asl.solve, a, g, _is_vec(b), *args, **_solve_kwargs(kwargs, True))
    return fit_cotangent(bbar, b)


def _solve_a_jvp(t, ans, a, b, *args, **kwargs):
    dA = _embed(t, _solve_structure(kwargs))
    if kwargs.get("transposed"):
        dA = _T(dA)
    vec = _is_vec(b)
    return _vsolve(asl.solve, a, -_apply(dA, ans, vec), vec, *args, **kwargs)


def _solve_b_jvp(t, ans, a, b, *args, **kwargs):
    return fit_tangent(asl.solve(a, t, *args, **kwargs), ans)


_TRANS = {0: 0, "N": 0, 1: 1, "T": 1, 2: 1, "C": 1}


def _trans(args, kwargs):
    trans = args[0] if args else kwargs.get("trans", 0)
    return _TRANS[trans]


def _tri_kwargs(args, kwargs):
    """``solve_triangular``'s options as keywords, with ``trans`` normalised."""
    names = ("trans", "lower", "unit_diagonal", "overwrite_b", "check_finite")
    kw = dict(zip(names, args))
    kw.update(kwargs)
    kw["trans"] = _trans(args, kwargs)
    kw.pop("overwrite_b", None)
    return kw


def _tri_mask(m, kw):
    k = 1 if kw.get("unit_diagonal") else 0
    return _tril(m, -k) if kw.get("lower", False) else _triu(m, k)


def _solve_tri_b_vjp(g, ans, a, b, *args, **kwargs):
    kw = _tri_kwargs(args, kwargs)
    kw["trans"] = 1 - kw["trans"]
    return fit_cotangent(_vsolve(asl.solve_triangular, a, g, _is_vec(b), **kw), b)


def _solve_tri_a_vjp(g, ans, a, b, *args, **kwargs):
    kw = _tri_kwargs(args, kwargs)
    flipped = dict(kw, trans=1 - kw["trans"])
    vec = _is_vec(b)
    bbar = _vsolve(asl.solve_triangular, a, g, vec, **flipped)
    full = _outer(ans, bbar, vec) if kw["trans"] else _outer(bbar, ans, vec)
    return fit_cotangent(-_tri_mask(full, kw), a)


def _solve_tri_a_jvp(t, ans, a, b, *args, **kwargs):
    kw = _tri_kwargs(args, kwargs)
    dA = _tri_mask(t, kw)
    if kw["trans"]:
        dA = _T(dA)
    vec = _is_vec(b)
    return _vsolve(asl.solve_triangular, a, -_apply(dA, ans, vec), vec, **kw)


def _solve_tri_b_jvp(t, ans, a, b, *args, **kwargs):
    return fit_tangent(asl.solve_triangular(a, t, **_tri_kwargs(args, kwargs)), ans)


# solve_banded: ab[u + i - j, j] == A[i, j]

def _shift(v, s):
    """``r[i] = v[i - s]`` along axis 0, zero where ``i - s`` is out of range."""
    n = _shape(v)[0]
    if s == 0:
        return v
    if abs(s) >= n:
        return anp.zeros_like(v)
    if s > 0:
        return anp.concatenate([anp.zeros_like(v[:s]), v[:n - s]], 0)
    return anp.concatenate([v[-s:], anp.zeros_like(v[:-s])], 0)


def _band_transpose(l_and_u, ab):
    """The band storage of ``A.T`` (which has the bandwidths ``(u, l)``)."""
    lo, up = l_and_u
    return anp.stack([_shift(ab[up + lo - r], lo - r) for r in range(lo + up + 1)], 0)


def _band_matvec(l_and_u, ab, x):
    up = l_and_u[1]
    out = 0.0
    for k in range(_shape(ab)[0]):
        coef = ab[k] if _is_vec(x) else _col(ab[k])
        out = out + _shift(coef * x, k - up)
    return out


def _solve_banded_ab_vjp(g, ans, l_and_u, ab, b, *args, **kwargs):
    lo, up = l_and_u
    bbar = asl.solve_banded((up, lo), _band_transpose(l_and_u, ab), g, *args, **kwargs)
    rows = []
    for k in range(lo + up + 1):
        prod = _shift(bbar, up - k) * ans
        rows.append(prod if _is_vec(b) else anp.sum(prod, -1))
    return fit_cotangent(-anp.stack(rows, 0), ab)


def _solve_banded_b_vjp(g, ans, l_and_u, ab, b, *args, **kwargs):
    lo, up = l_and_u
    return fit_cotangent(
        asl.solve_banded((up, lo), _band_transpose(l_and_u, ab), g, *args, **kwargs), b)


def _solve_banded_ab_jvp(t, ans, l_and_u, ab, b, *args, **kwargs):
    return asl.solve_banded(l_and_u, ab, -_band_matvec(l_and_u, t, ans), *args, **kwargs)


def _solve_banded_b_jvp(t, ans, l_and_u, ab, b, *args, **kwargs):
    return fit_tangent(asl.solve_banded(l_and_u, ab, t, *args, **kwargs), ans)


# cho_solve: A = L L^T (lower) or U^T U, from the triangle of c

def _cho_a(c, lower):
    f = _tril(c) if lower else _triu(c)
    return _mm(f, _T(f)) if lower else _mm(_T(f), f)


def _cho_solve_c_vjp(g, ans, c, b, lower=False, **kwargs):
    vec = _is_vec(b)
    bbar = _vsolve(asl.cho_solve_args, c, g, vec, lower, **kwargs)
    abar = -_outer(bbar, ans, vec)
    sym = abar + _T(abar)
    if lower:
        return fit_cotangent(_tril(_mm(sym, _tril(c))), c)
    return fit_cotangent(_triu(_mm(_triu(c), sym)), c)


def _cho_solve_b_vjp(g, ans, c, b, lower=False, **kwargs):
    return fit_cotangent(_vsolve(asl.cho_solve_args, c, g, _is_vec(b), lower, **kwargs), b)


def _cho_solve_c_jvp(t, ans, c, b, lower=False, **kwargs):
    f, df = (_tril(c), _tril(t)) if lower else (_T(_triu(c)), _T(_triu(t)))
    dA = _mm(df, _T(f)) + _mm(f, _T(df))
    vec = _is_vec(b)
    return _vsolve(asl.cho_solve_args, c, -_apply(dA, ans, vec), vec, lower, **kwargs)


def _cho_solve_b_jvp(t, ans, c, b, lower=False, **kwargs):
    return fit_tangent(asl.cho_solve_args(c, t, lower, **kwargs), ans)


# lu_solve: P^T A = L U with L unit lower, packed with U in ``lu``

def _perm(piv):
    """Row order ``perm`` with ``A[perm] == L @ U``, from LAPACK's pivots."""
    perm = onp.arange(len(piv))
    for i, p in enumerate(onp.asarray(piv)):
        perm[i], perm[p] = perm[p], perm[i]
    return perm


def _lu_parts(lu):
    return _tril(lu, -1) + _eye_like(lu), _triu(lu)


def _lu_bar(abar, lu, piv):
    """Cotangent of ``lu`` from a cotangent of ``A = P L U``."""
    L, U = _lu_parts(lu)
    c = abar[_perm(piv)]
    return _tril(_mm(c, _T(U)), -1) + _triu(_mm(_T(L), c))


def _lu_dA(dlu, lu, piv):
    """Tangent of ``A = P L U`` from a tangent of ``lu`` (rows back in A's order)."""
    L, U = _lu_parts(lu)
    dL, dU = _tril(dlu, -1), _triu(dlu)
    return (_mm(dL, U) + _mm(L, dU))[onp.argsort(_perm(piv))]


def _lu_solve_lu_vjp(g, ans, lu, piv, b, trans=0, **kwargs):
    trans = _TRANS[trans]
    bbar = asl.lu_solve_args(lu, piv, g, 1 - trans, **kwargs)
    vec = _is_vec(b)
    abar = -(_outer(ans, bbar, vec) if trans else _outer(bbar, ans, vec))
    return fit_cotangent(_lu_bar(abar, lu, piv), lu)


def _lu_solve_b_vjp(g, ans, lu, piv, b, trans=0, **kwargs):
    return fit_cotangent(asl.lu_solve_args(lu, piv, g, 1 - _TRANS[trans], **kwargs), b)


def _lu_solve_lu_jvp(t, ans, lu, piv, b, trans=0, **kwargs):
    dA = _lu_dA(t, lu, piv)
    if _TRANS[trans]:
        dA = _T(dA)
    return asl.lu_solve_args(lu, piv, -_apply(dA, ans, _is_vec(b)), trans, **kwargs)


def _lu_solve_b_jvp(t, ans, lu, piv, b, trans=0, **kwargs):
    return fit_tangent(asl.lu_solve_args(lu, piv, t, trans, **kwargs), ans)


# ----------------------------------------------------------------- inverse, determinant, pinv

def _inv_structure(kwargs):
    return _structure(kwargs.get("assume_a"), kwargs.get("lower", False))


def _inv_vjp(g, ans, a, *args, **kwargs):
    return fit_cotangent(-_project(_mm(_T(ans), _mm(g, _T(ans))), _inv_structure(kwargs)), a)


def _inv_jvp(t, ans, a, *args, **kwargs):
    return -_mm(ans, _mm(_embed(t, _inv_structure(kwargs)), ans))


def _det_vjp(g, ans, a, *args, **kwargs):
    return fit_cotangent(_col(_col(g * ans)) * _T(asl.inv(a)), a)


def _det_jvp(t, ans, a, *args, **kwargs):
    return ans * anp.einsum("...ij,...ji->...", asl.inv(a), t)


def _pinv_vjp(g, ans, a, *args, **kwargs):
    p = ans
    eye_m, eye_n = onp.eye(_shape(a)[-2]), onp.eye(_shape(a)[-1])
    gt = _T(g)
    return fit_cotangent(
        -_mm(_T(p), _mm(g, _T(p)))
        + _mm(eye_m - _mm(a, p), _mm(gt, _mm(p, _T(p))))
        + _mm(_mm(_T(p), p), _mm(gt, eye_n - _mm(p, a))), a)


def _pinv_jvp(t, ans, a, *args, **kwargs):
    p = ans
    eye_m, eye_n = onp.eye(_shape(a)[-2]), onp.eye(_shape(a)[-1])
    tt = _T(t)
    return (-_mm(p, _mm(t, p)) + _mm(_mm(p, _T(p)), _mm(tt, eye_m - _mm(a, p)))
            + _mm(eye_n - _mm(p, a), _mm(tt, _mm(_T(p), p))))


# ----------------------------------------------------------------- matrix functions

def _block(a, e):
    """``[[a, e], [0, a]]``: a matrix function of it holds ``f(a)`` and the
    Frechet derivative ``L_f(a, e)`` in its top-right block."""
    z = anp.zeros_like(a)
    return anp.concatenate([anp.concatenate([a, e], -1), anp.concatenate([z, a], -1)], -2)


def _top_right(m, n):
    return m[..., :n, n:]


def _frechet(f, a, e):
    """``L_f(a, e)`` for a matrix function ``f`` (any primitive with rules)."""
    n = _shape(a)[-1]
    return _top_right(f(_block(a, e)), n)


def _sqrtm_vjp(g, ans, a, *args, **kwargs):
    return fit_cotangent(asl.solve_sylvester(_T(ans), _T(ans), g), a)


def _sqrtm_jvp(t, ans, a, *args, **kwargs):
    return asl.solve_sylvester(ans, ans, t)


def _logm_vjp(g, ans, a, *args, **kwargs):
    # f has a real power series, so the adjoint of L_f(a, .) is L_f(a^T, .)
    return fit_cotangent(_frechet(asl.logm, _T(a), g), a)


def _logm_jvp(t, ans, a, *args, **kwargs):
    return _frechet(asl.logm, a, t)


def _expm_l(a, e):
    return asl.expm_frechet(a, e, compute_expm=False)


def _expm_vjp(g, ans, a):
    return fit_cotangent(_expm_l(_T(a), g), a)


def _expm_jvp(t, ans, a):
    return _expm_l(a, t)


def _expm_frechet_a_vjp(g, ans, a, e, **kwargs):
    # L(a, e) is the top-right block of L(M, I2 (x) da) with M = [[a, e], [0, a]]
    n = _shape(a)[-1]
    z = anp.zeros_like(g)
    gm = anp.concatenate([anp.concatenate([z, g], -1), anp.concatenate([z, z], -1)], -2)
    lm = _expm_l(_T(_block(a, e)), gm)
    return fit_cotangent(lm[..., :n, :n] + lm[..., n:, n:], a)


def _expm_frechet_e_vjp(g, ans, a, e, **kwargs):
    return fit_cotangent(_expm_l(_T(a), g), e)


def _expm_frechet_a_jvp(t, ans, a, e, **kwargs):
    n = _shape(a)[-1]
    z = anp.zeros_like(t)
    dm = anp.concatenate([anp.concatenate([t, z], -1), anp.concatenate([z, t], -1)], -2)
    return _top_right(_expm_l(_block(a, e), dm), n)


def _expm_frechet_e_jvp(t, ans, a, e, **kwargs):
    return _expm_l(a, t)


def _sylvester_q_vjp(g, ans, a, b, q):
    return fit_cotangent(asl.solve_sylvester(_T(a), _T(b), g), q)


def _sylvester_a_vjp(g, ans, a, b, q):
    return fit_cotangent(-_mm(asl.solve_sylvester(_T(a), _T(b), g), _T(ans)), a)


def _sylvester_b_vjp(g, ans, a, b, q):
    return fit_cotangent(-_mm(_T(ans), asl.solve_sylvester(_T(a), _T(b), g)), b)


def _lyapunov_a_vjp(g, ans, a, q):
    qbar = asl.solve_continuous_lyapunov(_T(a), g)
    return fit_cotangent(-(_mm(qbar, _T(ans)) + _mm(_T(qbar), ans)), a)


def _lyapunov_q_vjp(g, ans, a, q):
    return fit_cotangent(asl.solve_continuous_lyapunov(_T(a), g), q)


def _lyapunov_a_jvp(t, ans, a, q):
    return asl.solve_continuous_lyapunov(a, -(_mm(t, ans) + _mm(ans, _T(t))))


# ----------------------------------------------------------------- factorizations

def _phi(x):
    """Lower triangle of ``x`` with its diagonal halved."""
    return _tril(x, -1) + 0.5 * _diag_embed(_diag(x))


def _chol_lower(ans, lower):
    return ans if lower else _T(ans)


def _cholesky_abar(gl, L, lower):
    """Cotangent of the symmetric input from the cotangent of its factor L."""
    p = _phi(_mm(_T(L), gl))
    s1 = asl.solve_triangular(L, p, trans=1, lower=True)
    s = _T(asl.solve_triangular(L, _T(s1), trans=1, lower=True))
    return _sym_to_tri(s, lower)


def _cholesky_dl(t, L, lower):
    da = _tri_to_sym(t, lower)
    y = asl.solve_triangular(L, da, lower=True)
    x = _T(asl.solve_triangular(L, _T(y), lower=True))
    return _mm(L, _phi(x))


def _lower_flag(args, kwargs):
    return args[0] if args else kwargs.get("lower", False)


def _cholesky_vjp(g, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    L = _chol_lower(ans, lower)
    return fit_cotangent(_cholesky_abar(_chol_lower(g, lower), L, lower), a)


def _cholesky_jvp(t, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    dl = _cholesky_dl(t, _chol_lower(ans, lower), lower)
    return dl if lower else _T(dl)


# cho_factor's c: the factor in one triangle, a's entries in the other

def _other(x, lower):
    return _triu(x, 1) if lower else _tril(x, -1)


def _cho_factor_vjp(g, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    own = _tril(g) if lower else _triu(g)
    L = _chol_lower(_tril(ans) if lower else _triu(ans), lower)
    return fit_cotangent(_cholesky_abar(_chol_lower(own, lower), L, lower)
                         + _other(g, lower), a)


def _cho_factor_jvp(t, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    L = _chol_lower(_tril(ans) if lower else _triu(ans), lower)
    dl = _cholesky_dl(t, L, lower)
    return (dl if lower else _T(dl)) + _other(t, lower)


# lu_factor: X = L^{-1} P^T dA U^{-1};  dL = L tril(X, -1),  dU = triu(X) U

def _lu_factor_vjp(g, ans, a, *args, **kwargs):
    piv = asl.lu_factor(getval(a))[1]
    L, U = _lu_parts(ans)
    xbar = _tril(_mm(_T(L), g), -1) + _triu(_mm(g, _T(U)))
    z = asl.solve_triangular(ans, xbar, trans=1, lower=True, unit_diagonal=True)
    b = _T(asl.solve_triangular(ans, _T(z), lower=False))
    return fit_cotangent(b[onp.argsort(_perm(piv))], a)


def _lu_factor_jvp(t, ans, a, *args, **kwargs):
    piv = asl.lu_factor(getval(a))[1]
    L, U = _lu_parts(ans)
    y = asl.solve_triangular(ans, t[_perm(piv)], lower=True, unit_diagonal=True)
    x = _T(asl.solve_triangular(ans, _T(y), trans=1, lower=False))
    return _mm(L, _tril(x, -1)) + _mm(_triu(x), U)


def _gap_matrix(w):
    """``F[i, j] = 1 / (w[j] - w[i])`` off the diagonal, 0 on it."""
    eye = onp.eye(_shape(w)[-1])
    return (1.0 - eye) / (_row(w) - _col(w) + eye)


def _eigh_options(args, kwargs):
    if (args and args[0] is not None) or kwargs.get("b") is not None:
        raise NotImplementedError("Gradient of scipy.linalg.eigh for the generalized "
                                  "problem (b given) is not implemented.")
    if kwargs.get("subset_by_index") is not None or kwargs.get("subset_by_value") is not None:
        raise NotImplementedError("Gradient of scipy.linalg.eigh with a subset of "
                                  "eigenvalues is not implemented.")
    return kwargs.get("lower", True), kwargs.get("eigvals_only", False)


def _eigh_vjp(g, ans, a, *args, **kwargs):
    lower, only = _eigh_options(args, kwargs)
    if only:
        w, v = asl.eigh(a, lower=lower)
        inner = _diag_embed(g)
    else:
        w, v = ans[0], ans[1]
        inner = _diag_embed(g[0]) + _gap_matrix(w) * _mm(_T(v), g[1])
    m = _mm(v, _mm(inner, _T(v)))
    return fit_cotangent(_sym_to_tri(m, lower), a)


def _eigh_jvp(t, ans, a, *args, **kwargs):
    lower, only = _eigh_options(args, kwargs)
    w, v = asl.eigh(a, lower=lower) if only else (ans[0], ans[1])
    p = _mm(_T(v), _mm(_tri_to_sym(t, lower), v))
    dw = _diag(p)
    if only:
        return dw
    return _like(ans, [dw, _mm(v, _gap_matrix(w) * p)])


def _svd_options(a, args, kwargs):
    names = ("full_matrices", "compute_uv")
    opts = dict(zip(names, args))
    opts.update(kwargs)
    m, n = _shape(a)[-2:]
    full, uv = opts.get("full_matrices", True), opts.get("compute_uv", True)
    if uv and full and m != n:
        raise NotImplementedError("Gradient of scipy.linalg.svd with full_matrices=True "
                                  "for a non-square matrix is not defined (use "
                                  "full_matrices=False).")
    return uv


def _svd_parts(ans, a, uv):
    if uv:
        return ans[0], ans[1], _T(ans[2])
    u, s, vh = asl.svd(a, full_matrices=False)
    return u, s, _T(vh)


def _sq_gap(s):
    eye = onp.eye(_shape(s)[-1])
    s2 = s * s
    return (1.0 - eye) / (_row(s2) - _col(s2) + eye)


def _svd_vjp(g, ans, a, *args, **kwargs):
    uv = _svd_options(a, args, kwargs)
    u, s, v = _svd_parts(ans, a, uv)
    if not uv:
        return fit_cotangent(_mm(u * _row(g), _T(v)), a)
    gu, gs, gv = g[0], g[1], _T(g[2])
    f = _sq_gap(s)
    ju, jv = _mm(_T(u), gu), _mm(_T(v), gv)
    core = ((f * (ju - _T(ju))) * _row(s) + _diag_embed(gs)
            + _col(s) * (f * (jv - _T(jv))))
    out = _mm(u, _mm(core, _T(v)))
    eye_m, eye_n = onp.eye(_shape(a)[-2]), onp.eye(_shape(a)[-1])
    out = out + _mm(_mm(eye_m - _mm(u, _T(u)), gu / _row(s)), _T(v))
    out = out + _mm(u / _row(s), _mm(_T(gv), eye_n - _mm(v, _T(v))))
    return fit_cotangent(out, a)


def _svd_jvp(t, ans, a, *args, **kwargs):
    uv = _svd_options(a, args, kwargs)
    u, s, v = _svd_parts(ans, a, uv)
    dp = _mm(_T(u), _mm(t, v))
    ds = _diag(dp)
    if not uv:
        return ds
    f = _sq_gap(s)
    eye_m, eye_n = onp.eye(_shape(a)[-2]), onp.eye(_shape(a)[-1])
    du = (_mm(u, f * (dp * _row(s) + _col(s) * _T(dp)))
          + _mm(eye_m - _mm(u, _T(u)), _mm(t, v)) / _row(s))
    dv = (_mm(v, f * (_col(s) * dp + _T(dp) * _row(s)))
          + _mm(eye_n - _mm(v, _T(v)), _mm(_T(t), u)) / _row(s))
    return _like(ans, [du, ds, _T(dv)])


def _qr_mode(a, args, kwargs):
    names = ("overwrite_a", "lwork", "mode", "pivoting")
    opts = dict(zip(names, args))
    opts.update(kwargs)
    mode = opts.get("mode", "full")
    m, n = _shape(a)[-2:]
    if opts.get("pivoting") or mode == "raw":
        raise NotImplementedError("Gradient of scipy.linalg.qr with pivoting or mode='raw' "
                                  "is not implemented.")
    if m < n or (mode == "full" and m != n):
        raise NotImplementedError("Gradient of scipy.linalg.qr is defined for m >= n "
                                  "with mode='economic' or 'r' (or a square matrix).")
    return mode


def _qr_vjp(g, ans, a, *args, **kwargs):
    mode = _qr_mode(a, args, kwargs)
    if mode == "r":
        q, r = asl.qr(a, mode="economic")
        gq, gr = anp.zeros_like(q), g[0][..., :_shape(a)[-1], :]
    else:
        q, r = ans[0], ans[1]
        gq, gr = g[0], g[1]
    nmat = _mm(gr, _T(r)) - _mm(_T(q), gq)
    k = _triu(nmat) + _tril(_T(nmat), -1)
    b = gq + _mm(q, k)
    return fit_cotangent(_T(asl.solve_triangular(r, _T(b), lower=False)), a)


def _qr_jvp(t, ans, a, *args, **kwargs):
    mode = _qr_mode(a, args, kwargs)
    q, r = asl.qr(a, mode="economic") if mode == "r" else (ans[0], ans[1])
    tr = _T(asl.solve_triangular(r, _T(t), trans=1, lower=False))    # dA R^{-1}
    x = _mm(_T(q), tr)
    omega = _tril(x, -1) - _T(_tril(x, -1))
    dr = _mm(x - omega, r)
    if mode == "r":
        m, n = _shape(a)[-2:]
        if m > n:   # mode "r" returns R with m - n rows of zeros
            dr = anp.concatenate([dr, anp.zeros_like(t[..., n:, :])], -2)
        return _like(ans, [dr])
    return _like(ans, [tr - _mm(q, x - omega), dr])


# ----------------------------------------------------------------- block_diag

def _block_sizes(args):
    shapes = []
    for a in args:
        s = _shape(a)
        shapes.append((1, 1) if len(s) == 0 else (1, s[0]) if len(s) == 1 else s)
    return shapes


def _block_diag_vjp(argnum, ans, args, kwargs):
    shapes = _block_sizes(args)
    r0 = sum(s[0] for s in shapes[:argnum])
    c0 = sum(s[1] for s in shapes[:argnum])
    r1, c1 = r0 + shapes[argnum][0], c0 + shapes[argnum][1]
    target = args[argnum]
    return lambda g: fit_cotangent(anp.reshape(g[r0:r1, c0:c1], _shape(target)), target)


def _block_diag_jvp(argnum, t, ans, args, kwargs):
    parts = [t if i == argnum else anp.zeros_like(a) for i, a in enumerate(args)]
    return fit_tangent(asl.block_diag(*parts), ans)


# ----------------------------------------------------------------- registration

_done = weakref.WeakSet()


def register():
    """Register the scipy.linalg rules into the active registry (idempotent)."""
    registry = active()
    if registry in _done:
        return
    defvjp_fast(asl.solve, _solve_a_vjp, _solve_b_vjp)
    defjvp(asl.solve, _solve_a_jvp, _solve_b_jvp)
    defvjp_fast(asl.solve_triangular, _solve_tri_a_vjp, _solve_tri_b_vjp)
    defjvp(asl.solve_triangular, _solve_tri_a_jvp, _solve_tri_b_jvp)
    defvjp_fast(asl.solve_banded, None, _solve_banded_ab_vjp, _solve_banded_b_vjp)
    defjvp(asl.solve_banded, None, _solve_banded_ab_jvp, _solve_banded_b_jvp)
    defvjp_fast(asl.cho_solve_args, _cho_solve_c_vjp, _cho_solve_b_vjp)
    defjvp(asl.cho_solve_args, _cho_solve_c_jvp, _cho_solve_b_jvp)
    defvjp_fast(asl.lu_solve_args, _lu_solve_lu_vjp, None, _lu_solve_b_vjp)
    defjvp(asl.lu_solve_args, _lu_solve_lu_jvp, None, _lu_solve_b_jvp)
    defvjp_fast(asl.inv, _inv_vjp)
    defjvp(asl.inv, _inv_jvp)
    defvjp_fast(asl.det, _det_vjp)
    defjvp(asl.det, _det_jvp)
    defvjp_fast(asl._pinv_prim, _pinv_vjp)
    defjvp(asl._pinv_prim, _pinv_jvp)
    defvjp_fast(asl.sqrtm, _sqrtm_vjp)
    defjvp(asl.sqrtm, _sqrtm_jvp)
    defvjp_fast(asl.logm, _logm_vjp)
    defjvp(asl.logm, _logm_jvp)
    defvjp_fast(asl.expm, _expm_vjp)
    defjvp(asl.expm, _expm_jvp)
    defvjp_fast(asl._expm_frechet_prim, _expm_frechet_a_vjp, _expm_frechet_e_vjp)
    defjvp(asl._expm_frechet_prim, _expm_frechet_a_jvp, _expm_frechet_e_jvp)
    defvjp_fast(asl.solve_sylvester, _sylvester_a_vjp, _sylvester_b_vjp, _sylvester_q_vjp)
    defjvp(asl.solve_sylvester,
           lambda t, ans, a, b, q: asl.solve_sylvester(a, b, -_mm(t, ans)),
           lambda t, ans, a, b, q: asl.solve_sylvester(a, b, -_mm(ans, t)),
           lambda t, ans, a, b, q: asl.solve_sylvester(a, b, t))
    defvjp_fast(asl.solve_continuous_lyapunov, _lyapunov_a_vjp, _lyapunov_q_vjp)
    defjvp(asl.solve_continuous_lyapunov, _lyapunov_a_jvp,
           lambda t, ans, a, q: asl.solve_continuous_lyapunov(a, t))
    defvjp_fast(asl.cholesky, _cholesky_vjp)
    defjvp(asl.cholesky, _cholesky_jvp)
    defvjp_fast(asl.cho_factor_c, _cho_factor_vjp)
    defjvp(asl.cho_factor_c, _cho_factor_jvp)
    # the public SciPy functions are differentiated through these primitives
    for public, prim in ((_sl.cho_factor, asl.cho_factor_c), (_sl.cho_solve, asl.cho_solve_args),
                         (_sl.lu_factor, asl.lu_factor_lu), (_sl.lu_solve, asl.lu_solve_args)):
        defvia(public, prim)
    defvjp_fast(asl.lu_factor_lu, _lu_factor_vjp)
    defjvp(asl.lu_factor_lu, _lu_factor_jvp)
    defvjp_fast(asl.eigh, _eigh_vjp)
    defjvp(asl.eigh, _eigh_jvp)
    defvjp_fast(asl.svd, _svd_vjp)
    defjvp(asl.svd, _svd_jvp)
    defvjp_fast(asl.qr, _qr_vjp)
    defjvp(asl.qr, _qr_jvp)
    defvjp_argnum(asl.block_diag, _block_diag_vjp)
    defjvp_argnum(asl.block_diag, _block_diag_jvp)
    _done.add(registry)
