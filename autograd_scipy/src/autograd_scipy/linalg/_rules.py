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

One derivation per operation: where SciPy computes what a numpy.linalg
function does, its primitive uses that function's rules through the public
door (:func:`autograd.extend.share_rules` for ``cholesky``/``eigh``/``svd``/
``pinv``, rules written around :func:`autograd.extend.apply_vjp` and
:func:`~autograd.extend.apply_jvp` for ``solve``/``inv``/``qr``/``cho_factor``,
whose arguments or outputs are laid out differently); ``det`` is
differentiated by numpy.linalg's rules (a traced call is NumPy's function).
Rules of their own remain only for functions numpy.linalg lacks.

Many functions are differentiated through an equivalent written with functions
that have rules (``_COMPOSITES``, via ``def_composite``): ``eig``/``eigvals``/
``norm`` through ``numpy.linalg``'s (same LAPACK drivers, same maths), the
banded and tridiagonal solvers through their dense matrices, the linear
constructors (``toeplitz`` ...) by indexing (:func:`_copies`), ``sinm`` ...
``tanhm`` through ``expm`` as SciPy computes them.  Eigenvectors of such an
equivalent are turned onto SciPy's (:func:`_aligned`), and pivots, balancing
transforms and ranks are constants.  The Lyapunov/Riccati rules are for real
matrices (implicit differentiation of the equation).
"""

import numpy as onp

import scipy.linalg as _sl

from autograd.extend import (apply_jvp, apply_vjp, defjvp, defjvp_argnum, defnondiff, defvia,
                             defvjp_argnum, defvjp_argnums, defvjp_fast, getval, once_per_registry,
                             share_rules)
from autograd_numpy import linalg as anla
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.rules import def_composite
from autograd_numpy.util import def_rule_table
from autograd_numpy.util import shape_of as _shape

from .. import linalg as asl
from . import _factorizations

__all__ = ["register"]


# ----------------------------------------------------------------- helpers

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


# ----------------------------------------------------------------- solve: numpy.linalg.solve's rules
# scipy.linalg.solve(a, b) is numpy.linalg.solve(M, b) for the matrix M SciPy
# actually uses: ``a``, one triangle of it mirrored or a band of it
# (``assume_a``), or its transpose (``transposed``).  M is a linear function of
# ``a`` (:func:`_used`), so numpy.linalg.solve's rules, evaluated at M, are the
# derivation; the adjoint of that linear map (:func:`_unused`) confines the
# cotangent to the entries SciPy read.  A right-hand side of shape (n,) is a
# vector for both (NumPy 2 reads ``b`` so).

_SOLVE_OPTIONS = ("lower", "overwrite_a", "overwrite_b", "check_finite", "assume_a",
                  "transposed")


def _solve_options(args, kwargs):
    opts = dict(zip(_SOLVE_OPTIONS, args), **kwargs)
    return _structure(opts.get("assume_a"), opts.get("lower", False)), opts.get("transposed", False)


def _used(a, structure, transposed=False):
    """The matrix a SciPy solver uses, as a (linear) function of its argument ``a``."""
    m = a if structure[0] == "full" else _embed(a, structure)
    return _T(m) if transposed else m


def _unused(ct, structure, transposed=False):
    """Adjoint of :func:`_used`: a cotangent of the matrix used -> of the argument."""
    if transposed:
        ct = _T(ct)
    return _project(ct, structure)


def _solve_a_vjp(g, ans, a, b, *args, **kwargs):
    st, tr = _solve_options(args, kwargs)
    return _unused(apply_vjp(anla.solve, 0, g, ans, (_used(a, st, tr), b)), st, tr)


def _solve_b_vjp(g, ans, a, b, *args, **kwargs):
    st, tr = _solve_options(args, kwargs)
    return apply_vjp(anla.solve, 1, g, ans, (_used(a, st, tr), b))


def _solve_a_jvp(t, ans, a, b, *args, **kwargs):
    st, tr = _solve_options(args, kwargs)
    return apply_jvp(anla.solve, 0, _used(t, st, tr), ans, (_used(a, st, tr), b))


def _solve_b_jvp(t, ans, a, b, *args, **kwargs):
    st, tr = _solve_options(args, kwargs)
    return apply_jvp(anla.solve, 1, t, ans, (_used(a, st, tr), b))


# ----------------------------------------------------------------- triangular, banded, factored solvers
# SciPy-specific (numpy.linalg has no such functions): their arguments are a
# triangle, band storage or a packed factorization, and their rules solve
# with the same structured solver (O(n^2) where a dense solve is O(n^3)).

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


# ----------------------------------------------------------------- inv, pinv: numpy.linalg's rules
# det has no rule here: a traced scipy.linalg.det is numpy.linalg.det (see
# linalg/__init__).  scipy.linalg.inv is numpy.linalg.inv of the matrix used
# (``assume_a``/``lower``, SciPy >= 1.17, read one triangle: see solve above).
# pinv's cut-off ``atol + rtol * s_max`` is not NumPy's ``rcond * s_max``, but
# both rules use only the result (constant rank), so numpy.linalg.pinv's serve.

def _inv_structure(kwargs):
    return _structure(kwargs.get("assume_a"), kwargs.get("lower", False))


def _inv_vjp(g, ans, a, *args, **kwargs):
    st = _inv_structure(kwargs)
    return _unused(apply_vjp(anla.inv, 0, g, ans, (_used(a, st),)), st)


def _inv_jvp(t, ans, a, *args, **kwargs):
    st = _inv_structure(kwargs)
    return apply_jvp(anla.inv, 0, _used(t, st), ans, (_used(a, st),))


def _pinv_call(a, **options):
    return (a,), {}


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


# ----------------------------------------------------------------- factorizations: numpy.linalg's rules
# cholesky, eigh, svd and qr compute what numpy.linalg's functions do, with
# other option names (:func:`_cholesky_call` ...), so they take numpy.linalg's
# rules (share_rules; SciPy's values are the ones differentiated).  Adapted
# around them: cho_factor's packed ``c`` and qr's ``mode="r"`` (a 1-tuple
# holding R with m - n rows of zeros).  Options NumPy lacks (eigh's
# generalized ``b`` and subsets, qr's pivoting) have no gradient here.

def _cholesky_call(a, lower=False, overwrite_a=False, check_finite=True):
    return (a,), {"upper": not lower}


def _lower_flag(args, kwargs):
    return args[0] if args else kwargs.get("lower", False)


# cho_factor's c: the factor in one triangle, a's entries in the other

def _other(x, lower):
    return _triu(x, 1) if lower else _tril(x, -1)


def _cho_factor_vjp(g, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    own = _tril if lower else _triu
    ct = apply_vjp(anla.cholesky, 0, own(g), own(ans), (a,), {"upper": not lower})
    return ct + _other(g, lower)


def _cho_factor_jvp(t, ans, a, *args, **kwargs):
    lower = _lower_flag(args, kwargs)
    own = _tril if lower else _triu
    return apply_jvp(anla.cholesky, 0, t, own(ans), (a,), {"upper": not lower}) + _other(t, lower)


def _eigh_call(a, b=None, *, lower=True, eigvals_only=False, subset_by_index=None,
               subset_by_value=None, **options):
    if b is not None:
        raise NotImplementedError("Gradient of scipy.linalg.eigh for the generalized "
                                  "problem (b given) is not implemented.")
    if subset_by_index is not None or subset_by_value is not None:
        raise NotImplementedError("Gradient of scipy.linalg.eigh with a subset of "
                                  "eigenvalues is not implemented.")
    uplo = {"UPLO": "L" if lower else "U"}
    return (anla.eigvalsh, (a,), uplo) if eigvals_only else ((a,), uplo)


def _svd_call(a, full_matrices=True, compute_uv=True, overwrite_a=False, check_finite=True,
              lapack_driver="gesdd"):
    return (a,), {"full_matrices": full_matrices, "compute_uv": compute_uv}


_QR_MODES = {"full": "complete", "economic": "reduced", "r": "r"}


def _qr_mode(args, kwargs):
    opts = dict(zip(("overwrite_a", "lwork", "mode", "pivoting"), args), **kwargs)
    mode = opts.get("mode", "full")
    if opts.get("pivoting") or mode not in _QR_MODES:
        raise NotImplementedError("Gradient of scipy.linalg.qr with pivoting or mode='raw' "
                                  "is not implemented.")
    return mode


def _qr_vjp(g, ans, a, *args, **kwargs):
    mode = _qr_mode(args, kwargs)
    if mode != "r":
        return apply_vjp(anla.qr, 0, g, ans, (a,), {"mode": _QR_MODES[mode]})
    k = min(_shape(a)[-2:])
    return apply_vjp(anla.qr, 0, g[0][..., :k, :], ans[0][..., :k, :], (a,), {"mode": "r"})


def _qr_jvp(t, ans, a, *args, **kwargs):
    mode = _qr_mode(args, kwargs)
    if mode != "r":
        return apply_jvp(anla.qr, 0, t, ans, (a,), {"mode": _QR_MODES[mode]})
    m, n = _shape(a)[-2:]
    dr = apply_jvp(anla.qr, 0, t, ans[0][..., :min(m, n), :], (a,), {"mode": "r"})
    if m > n:       # R's m - n rows of zeros
        dr = anp.concatenate([dr, anp.zeros_like(t[..., n:, :])], -2)
    return _like(ans, [dr])


# lu_factor (SciPy-specific: numpy.linalg has no LU, and the factors come packed)
# X = L^{-1} P^T dA U^{-1};  dL = L tril(X, -1),  dU = triu(X) U

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


# ----------------------------------------------------------------- functions shared with numpy.linalg
# scipy.linalg.eig/eigvals/norm compute what numpy.linalg's do (the same LAPACK
# drivers, in the same order), so they are differentiated through NumPy's
# functions and that rule set's maths.

def _general_eig_only(b, left, homogeneous_eigvals):
    if b is not None or left or homogeneous_eigvals:
        raise NotImplementedError("Gradient of scipy.linalg.eig/eigvals for the generalized "
                                  "problem, left eigenvectors or homogeneous eigenvalues "
                                  "is not implemented.")


def _eig_impl(a, b=None, left=False, right=True, overwrite_a=False, overwrite_b=False,
              check_finite=True, homogeneous_eigvals=False):
    _general_eig_only(b, left, homogeneous_eigvals)
    if not right:
        return anla.eigvals(a) + 0j     # SciPy's eigenvalues are always complex
    w, v = anla.eig(a)
    return w + 0j, v


def _eigvals_impl(a, b=None, overwrite_a=False, check_finite=True, homogeneous_eigvals=False):
    _general_eig_only(b, False, homogeneous_eigvals)
    return anla.eigvals(a) + 0j


def _norm_impl(a, ord=None, axis=None, keepdims=False, check_finite=True):
    return anla.norm(a, ord, axis, keepdims)


def _eigvalsh_impl(a, b=None, *, lower=True, **kwargs):
    return asl.eigh(a, b, lower=lower, eigvals_only=True, **kwargs)


def _svdvals_impl(a, overwrite_a=False, check_finite=True):
    return asl.svd(a, compute_uv=False)


# ----------------------------------------------------------------- linear constructors
# toeplitz, circulant, hankel, ... only copy input entries (or write zeros):
# :func:`_copies` runs SciPy's function on codes numbering the input entries
# and rebuilds the output by indexing, which is linear and traced.

def _copies(raw, arrays, *rest):
    """``raw(*arrays, *rest)``, for a ``raw`` whose output entries are copies of
    entries of ``arrays`` or zeros."""
    codes, flat, start = [], [], 1
    for x in arrays:
        n = onp.size(getval(x))
        codes.append(onp.arange(start, start + n, dtype=float).reshape(_shape(x)))
        flat.append(anp.ravel(x))
        start += n
    index = onp.rint(onp.real(raw(*codes, *rest))).astype(onp.intp)
    zero = onp.zeros(1, dtype=onp.result_type(*[getval(x) for x in arrays], 1.0))
    return anp.concatenate([zero] + flat)[index]


def _toeplitz_impl(c, r=None):
    return _copies(_sl.toeplitz, [c, anp.conj(c) if r is None else r])


def _hankel_impl(c, r=None):
    return _copies(_sl.hankel, [c] if r is None else [c, r])


def _khatri_rao_impl(a, b):
    n = _shape(a)[-1]
    return anp.reshape(anp.expand_dims(a, -2) * anp.expand_dims(b, -3),
                       _shape(a)[:-2] + (-1, n))


def _companion_impl(a):
    n = _shape(a)[-1] - 1
    top = -a[..., 1:] / a[..., :1]
    rest = onp.broadcast_to(onp.eye(n - 1, n), _shape(a)[:-1] + (n - 1, n))
    return anp.concatenate([_row(top), rest], -2)


def _fiedler_impl(a):
    return anp.abs(_col(a) - _row(a))


# ----------------------------------------------------------------- banded storage
# upper: ab[u + i - j, j] == A[i, j] (j >= i);  lower: ab[i - j, j] == A[i, j] (i >= j)

def _band_to_dense(ab, lower, symmetric):
    """The dense matrix (one triangle, or ``symmetric``) held in band storage ``ab``."""
    rows, n = onp.shape(ab)
    out = onp.zeros((n, n), dtype=onp.result_type(ab))
    for k in range(rows):
        j = onp.arange(n - k)
        vals = ab[k, :n - k] if lower else ab[rows - 1 - k, k:]
        i0, i1 = (j + k, j) if lower else (j, j + k)
        out[i0, i1] = vals
        if symmetric:
            out[i1, i0] = vals
    return out


def _dense_to_band(m, rows, lower):
    n = onp.shape(m)[-1]
    out = onp.zeros((rows, n), dtype=onp.result_type(m))
    for k in range(rows):
        j = onp.arange(n - k)
        if lower:
            out[k, :n - k] = m[j + k, j]
        else:
            out[rows - 1 - k, k:] = m[j, j + k]
    return out


def _band_sym(ab, lower):
    return _copies(_band_to_dense, [ab], lower, True)


def _band_tri(ab, lower):
    return _copies(_band_to_dense, [ab], lower, False)


def _tridiagonal(d, e):
    return _copies(lambda d, e: onp.diag(d) + onp.diag(e, 1) + onp.diag(e, -1), [d, e])


def _aligned(v, ref):
    """Eigenvectors ``v`` turned column by column (a constant sign or phase) onto
    those SciPy returned, ``ref``: they are the same vectors up to that factor."""
    inner = onp.sum(onp.conj(getval(v)) * ref, axis=-2, keepdims=True)
    return v * (inner / onp.abs(inner))


def _band_unused(rows, n, lower):
    """The corner of band storage that holds no matrix entry."""
    used = _dense_to_band(onp.ones((n, n)), rows, lower)
    return 1.0 - used


def _cholesky_banded_impl(ab, overwrite_ab=False, lower=False, check_finite=True):
    # LAPACK factors in place: the unused corner of ``ab`` comes back unchanged
    rows, n = _shape(ab)
    f = asl.cholesky(_band_sym(ab, lower), lower=lower)
    return _copies(_dense_to_band, [f], rows, lower) + ab * _band_unused(rows, n, lower)


def _cho_solve_banded_impl(cb, b, lower=False, **kwargs):
    f = _band_tri(cb, lower)
    y = asl.solve_triangular(f, b, trans=0 if lower else 1, lower=lower)
    return asl.solve_triangular(f, y, trans=1 if lower else 0, lower=lower)


def _solveh_banded_impl(ab, b, overwrite_ab=False, overwrite_b=False, lower=False,
                        check_finite=True):
    return asl.solve(_band_sym(ab, lower), b)


def _select_all(select):
    if select not in ("a", "all", 0):
        raise NotImplementedError("Gradient of a banded/tridiagonal eigensolver with a "
                                  "selection of eigenvalues is not implemented.")


def _eig_banded_impl(a_band, lower=False, eigvals_only=False, overwrite_a_band=False,
                     select="a", select_range=None, max_ev=0, check_finite=True):
    _select_all(select)
    a = _band_sym(a_band, lower)
    if eigvals_only:
        return asl.eigh(a, eigvals_only=True)
    w, v = asl.eigh(a)
    return w, _aligned(v, _sl.eig_banded(getval(a_band), lower=lower)[1])


def _eigvals_banded_impl(a_band, lower=False, overwrite_a_band=False, select="a",
                         select_range=None, check_finite=True):
    _select_all(select)
    return asl.eigh(_band_sym(a_band, lower), eigvals_only=True)


def _eigh_tridiagonal_impl(d, e, eigvals_only=False, select="a", select_range=None,
                           check_finite=True, tol=0.0, lapack_driver="auto"):
    _select_all(select)
    a = _tridiagonal(d, e)
    if eigvals_only:
        return asl.eigh(a, eigvals_only=True)
    w, v = asl.eigh(a)
    ref = _sl.eigh_tridiagonal(getval(d), getval(e), lapack_driver=lapack_driver)[1]
    return w, _aligned(v, ref)


def _eigvalsh_tridiagonal_impl(d, e, select="a", select_range=None, check_finite=True,
                               tol=0.0, lapack_driver="auto"):
    _select_all(select)
    return asl.eigh(_tridiagonal(d, e), eigvals_only=True)


# ----------------------------------------------------------------- factorizations by composition

def _lu_impl(a, permute_l=False, overwrite_a=False, check_finite=True, p_indices=False):
    n, m = _shape(a)[-2:]
    if len(_shape(a)) != 2 or n != m:
        raise NotImplementedError("Gradient of scipy.linalg.lu is implemented for a single "
                                  "square matrix.")
    packed = asl.lu_factor_lu(a)
    perm = _perm(_sl.lu_factor(getval(a))[1])       # a[perm] == L @ U; constant
    L, U = _lu_parts(packed)
    if permute_l:
        return L[onp.argsort(perm)], U
    p = onp.argsort(perm) if p_indices else onp.eye(n, dtype=_dtype(a))[perm].T
    return p, L, U


def _polar_impl(a, side="right"):
    w, s, vh = asl.svd(a, full_matrices=False)
    u = _mm(w, vh)
    if side == "right":
        return u, _mm(anp.conj(_T(vh)) * _row(s), vh)
    return u, _mm(w * _row(s), anp.conj(_T(w)))


def _rq_impl(a, overwrite_a=False, lwork=None, mode="full", check_finite=True):
    # A = R Q from the QR factorization of (J A)^T, J the row reversal
    m, n = _shape(a)[-2:]
    if m > n or (mode == "full" and m != n) or mode not in ("full", "economic", "r"):
        raise NotImplementedError("Gradient of scipy.linalg.rq is implemented for m <= n "
                                  "with mode='economic' or 'r' (or a square matrix).")
    q1, r1 = asl.qr(_T(a[..., ::-1, :]), mode="economic")
    r = _T(r1)[..., ::-1, ::-1]
    q = _T(q1)[..., ::-1, :]
    ref = _sl.rq(getval(a), mode="economic")[0]
    sign = onp.sign(_diag(ref) * _diag(getval(r)))     # the factors' sign convention
    r, q = r * _row(sign), q * _col(sign)
    if mode == "r":
        return anp.concatenate([anp.zeros_like(a[..., :, :n - m]), r], -1)
    return r, q


def _qr_multiply_impl(a, c, mode="right", pivoting=False, conjugate=False, overwrite_a=False,
                      overwrite_c=False):
    if pivoting:
        raise NotImplementedError("Gradient of scipy.linalg.qr_multiply with pivoting "
                                  "is not implemented.")
    q, r = asl.qr(a, mode="economic")
    if conjugate:
        q = anp.conj(q)
    return (_mm(c, q) if mode == "right" else _mm(q, c)), r


def _orth_rank(s, shape, rcond):
    rcond = onp.finfo(s.dtype).eps * max(shape) if rcond is None else rcond
    return int(onp.sum(s > onp.max(s, initial=0.0) * rcond))


def _orth_impl(A, rcond=None):
    u, s, vh = asl.svd(A, full_matrices=False)
    return u[:, :_orth_rank(getval(s), _shape(A), rcond)]


def _pinvh_impl(a, atol=None, rtol=None, lower=True, return_rank=False, check_finite=True):
    w, v = asl.eigh(a, lower=lower)
    raw = onp.abs(getval(w))
    atol = 0.0 if atol is None else atol
    rtol = max(_shape(a)) * onp.finfo(raw.dtype).eps if rtol is None else rtol
    keep = raw > atol + rtol * onp.max(raw, initial=0.0)
    inv_w = onp.where(keep, 1.0, 0.0) / anp.where(keep, w, 1.0)
    return _mm(v * _row(inv_w), anp.conj(_T(v)))


def _lstsq_x_impl(a, b, cond=None, check_finite=True, lapack_driver=None):
    return _mm(asl.pinv(a), b)


def _orthogonal_procrustes_impl(A, B, check_finite=True):
    u, w, vt = asl.svd(_mm(_T(A), B))
    return _mm(u, vt), anp.sum(w)


def _subspace_angles_impl(A, B):
    # as SciPy: cosines from the orthonormal bases' product, small angles from sines
    qa, qb = asl.orth(A), asl.orth(B)
    prod = _mm(anp.conj(_T(qa)), qb)
    cos = asl.svdvals(prod)
    if _shape(qa)[1] >= _shape(qb)[1]:
        rest = qb - _mm(qa, prod)
    else:
        rest = qa - _mm(qb, anp.conj(_T(prod)))
    small = getval(cos) ** 2 >= 0.5
    sines = asl.svdvals(rest) if small.any() else 0.0
    return anp.where(small, anp.arcsin(anp.clip(sines, -1.0, 1.0)),
                     anp.arccos(anp.clip(cos[::-1], -1.0, 1.0)))


def _matrix_balance_impl(A, permute=True, scale=True, separate=False, overwrite_a=False):
    # the balancing transform T is piecewise constant: B = T^-1 A T
    raw = getval(A)
    t = _sl.matrix_balance(raw, permute=permute, scale=scale)[1]
    b = _mm(onp.linalg.inv(t), _mm(A, t))
    if separate:
        return b, _sl.matrix_balance(raw, permute=permute, scale=scale, separate=True)[1]
    return b, t


# ----------------------------------------------------------------- trigonometric matrix functions
# written, as SciPy computes them, with expm (whose rules hold for complex input)

def _cosm_impl(A):
    if onp.iscomplexobj(getval(A)):
        return 0.5 * (asl.expm(1j * A) + asl.expm(-1j * A))
    return anp.real(asl.expm(1j * A))


def _sinm_impl(A):
    if onp.iscomplexobj(getval(A)):
        return -0.5j * (asl.expm(1j * A) - asl.expm(-1j * A))
    return anp.imag(asl.expm(1j * A))


def _tanm_impl(A):
    return asl.solve(_cosm_impl(A), _sinm_impl(A))


def _coshm_impl(A):
    return 0.5 * (asl.expm(A) + asl.expm(-A))


def _sinhm_impl(A):
    return 0.5 * (asl.expm(A) - asl.expm(-A))


def _tanhm_impl(A):
    return asl.solve(_coshm_impl(A), _sinhm_impl(A))


def _signm_impl(A, disp=None):
    # sign(A) = A (A^2)^(-1/2) with the principal square root
    return asl.solve(asl.sqrtm(_mm(A, A)), A)


# fractional_matrix_power(A, t): Frechet derivative in A by the block trick;
# d/dt A^t = log(A) A^t

def _fmp(a, e, t):
    return _frechet(lambda m: asl.fractional_matrix_power(m, t), a, e)


def _fmp_a_vjp(g, ans, a, t):
    return fit_cotangent(_fmp(_T(a), g, t), a)


def _fmp_t_vjp(g, ans, a, t):
    return fit_cotangent(anp.sum(g * _mm(asl.logm(a), ans)), t)


def _fmp_a_jvp(tan, ans, a, t):
    return _fmp(a, tan, t)


def _fmp_t_jvp(tan, ans, a, t):
    return tan * _mm(asl.logm(a), ans)


# ----------------------------------------------------------------- null_space
# A N = 0, N^T N = I, gauge N^T dN = 0:  dN = -pinv(A) dA N

def _null_space_vjp(g, ans, A, *args, **kwargs):
    return fit_cotangent(-_mm(_T(asl.pinv(A)), _mm(g, _T(ans))), A)


def _null_space_jvp(t, ans, A, *args, **kwargs):
    return -_mm(asl.pinv(A), _mm(t, ans))


# ----------------------------------------------------------------- Lyapunov and Riccati equations
# Real matrices only: the equations hold A^H, which is not holomorphic.

def _real_only(name, *xs):
    if any(onp.iscomplexobj(getval(x)) for x in xs):
        raise NotImplementedError(f"Gradient of scipy.linalg.{name} for complex input "
                                  "is not implemented.")


# solve_discrete_lyapunov: X = A X A^T + Q;  dX = dlyap(A, dA X A^T + A X dA^T + dQ)

def _dlyap_adjoint(g, a, q):
    _real_only("solve_discrete_lyapunov", a, q, g)
    return asl.solve_discrete_lyapunov(_T(a), g)


def _dlyap_a_vjp(g, ans, a, q, method=None):
    y = _dlyap_adjoint(g, a, q)
    return fit_cotangent(_mm(y, _mm(a, _T(ans))) + _mm(_T(y), _mm(a, ans)), a)


def _dlyap_q_vjp(g, ans, a, q, method=None):
    return fit_cotangent(_dlyap_adjoint(g, a, q), q)


def _dlyap_a_jvp(t, ans, a, q, method=None):
    m = _mm(t, _mm(ans, _T(a))) + _mm(a, _mm(ans, _T(t)))
    return asl.solve_discrete_lyapunov(a, m, method=method)


def _dlyap_q_jvp(t, ans, a, q, method=None):
    return asl.solve_discrete_lyapunov(a, t, method=method)


def _are_plain(name, args, kwargs):
    _real_only(name, *args[:4])
    e = args[4] if len(args) > 4 else kwargs.get("e")
    s = args[5] if len(args) > 5 else kwargs.get("s")
    if e is not None or s is not None:
        raise NotImplementedError(f"Gradient of scipy.linalg.{name} with e or s is not "
                                  "implemented.")


# solve_continuous_are: A^T X + X A - X B R^-1 B^T X + Q = 0.  With K = R^-1 B^T X and
# Acl = A - B K the closed loop, the differential solves the Lyapunov equation
# Acl^T dX + dX Acl + M = 0,  M = dA^T X + X dA - X dB K - K^T dB^T X + K^T dR K + dQ.

def _care_parts(x, a, b, r):
    k = asl.solve(r, _mm(_T(b), x))
    return k, a - _mm(b, k)


def _are_vjp(name, parts, lyapunov, cotangents):
    """The VJP maker of an algebraic Riccati equation's solution X in A, B, Q, R:
    ``parts(X, A, B, R) -> (K, Acl)``, ``Y = lyapunov(Acl, g)`` the adjoint of the
    linearized equation, ``cotangents[argnum](Y, X, K, Acl)``."""
    def maker(argnum, ans, args, kwargs):
        _are_plain(name, args, kwargs)
        if argnum > 3:
            raise NotImplementedError(f"Gradient of scipy.linalg.{name} in e or s.")
        a, b, q, r = args[:4]

        def vjp(g):
            k, acl = parts(ans, a, b, r)
            y = lyapunov(acl, g)
            return fit_cotangent(cotangents[argnum](y, ans, k, acl), args[argnum])
        return vjp
    return maker


# <G, dX> = -<Y, M>
_care_vjp = _are_vjp("solve_continuous_are", _care_parts, asl.solve_continuous_lyapunov, [
    lambda y, x, k, acl: -(_mm(x, _T(y)) + _mm(_T(x), y)),
    lambda y, x, k, acl: _mm(_mm(_T(x), y) + _mm(x, _T(y)), _T(k)),
    lambda y, x, k, acl: -y,
    lambda y, x, k, acl: -_mm(k, _mm(y, _T(k))),
])


def _care_m(argnum, t, x, k):
    if argnum == 0:
        return _mm(_T(t), x) + _mm(x, t)
    if argnum == 1:
        xbk = _mm(x, _mm(t, k))
        return -(xbk + _T(xbk))
    if argnum == 2:
        return t
    if argnum == 3:
        return _mm(_T(k), _mm(t, k))
    raise NotImplementedError("Gradient of solve_continuous_are in e or s.")


def _care_jvp(argnum, t, ans, args, kwargs):
    a, b, q, r = args[:4]
    _are_plain("solve_continuous_are", args, kwargs)
    k, acl = _care_parts(ans, a, b, r)
    return asl.solve_continuous_lyapunov(_T(acl), -_care_m(argnum, t, ans, k))


# solve_discrete_are: X = A^T X A - A^T X B (R + B^T X B)^-1 B^T X A + Q.  With
# K = (R + B^T X B)^-1 B^T X A and Acl = A - B K, the right side is stationary in K,
# so dX = Acl^T dX Acl + M,  M = E^T X Acl + Acl^T X E + K^T dR K + dQ,  E = dA - dB K.

def _dare_parts(x, a, b, r):
    bx = _mm(_T(b), x)
    k = asl.solve(r + _mm(bx, b), _mm(bx, a))
    return k, a - _mm(b, k)


def _dare_ebar(y, x, acl):
    return _mm(x, _mm(acl, _T(y))) + _mm(_T(x), _mm(acl, y))


# <G, dX> = <Y, M>
_dare_vjp = _are_vjp("solve_discrete_are", _dare_parts, asl.solve_discrete_lyapunov, [
    lambda y, x, k, acl: _dare_ebar(y, x, acl),
    lambda y, x, k, acl: -_mm(_dare_ebar(y, x, acl), _T(k)),
    lambda y, x, k, acl: y,
    lambda y, x, k, acl: _mm(k, _mm(y, _T(k))),
])


def _dare_jvp(argnum, t, ans, args, kwargs):
    a, b, q, r = args[:4]
    _are_plain("solve_discrete_are", args, kwargs)
    k, acl = _dare_parts(ans, a, b, r)
    if argnum in (0, 1):
        e = t if argnum == 0 else -_mm(t, k)
        m = _mm(_T(e), _mm(ans, acl))
        m = m + _T(m)
    elif argnum == 2:
        m = t
    elif argnum == 3:
        m = _mm(_T(k), _mm(t, k))
    else:
        raise NotImplementedError("Gradient of solve_discrete_are in e or s.")
    return asl.solve_discrete_lyapunov(_T(acl), m)


# fmt: off
# scipy.linalg functions differentiated through an equivalent built from
# functions that have rules (def_composite: exact to any order)
_COMPOSITES = {
    "eig": _eig_impl, "eigvals": _eigvals_impl, "eigvalsh": _eigvalsh_impl,
    "norm": _norm_impl, "svdvals": _svdvals_impl,
    "toeplitz": _toeplitz_impl, "hankel": _hankel_impl,
    "circulant": lambda c: _copies(_sl.circulant, [c]),
    "convolution_matrix": lambda a, n, mode="full": _copies(_sl.convolution_matrix, [a], n, mode),
    "diagsvd": lambda s, M, N: _copies(_sl.diagsvd, [s], M, N),
    "leslie": lambda f, s: _copies(_sl.leslie, [f, s]),
    "khatri_rao": _khatri_rao_impl, "companion": _companion_impl, "fiedler": _fiedler_impl,
    "cholesky_banded": _cholesky_banded_impl, "solveh_banded": _solveh_banded_impl,
    "eig_banded": _eig_banded_impl, "eigvals_banded": _eigvals_banded_impl,
    "eigh_tridiagonal": _eigh_tridiagonal_impl, "eigvalsh_tridiagonal": _eigvalsh_tridiagonal_impl,
    "lu": _lu_impl, "polar": _polar_impl, "rq": _rq_impl, "qr_multiply": _qr_multiply_impl,
    "orth": _orth_impl, "orthogonal_procrustes": _orthogonal_procrustes_impl,
    "subspace_angles": _subspace_angles_impl, "matrix_balance": _matrix_balance_impl,
    "solve_circulant": lambda c, b, **kwargs: asl.solve(asl.circulant(c), b),
    "cosm": _cosm_impl, "sinm": _sinm_impl, "tanm": _tanm_impl,
    "coshm": _coshm_impl, "sinhm": _sinhm_impl, "tanhm": _tanhm_impl, "signm": _signm_impl,
}

# functions of integers or of no numbers at all, and predicates
_NONDIFF = ["bandwidth", "issymmetric", "ishermitian", "get_blas_funcs", "get_lapack_funcs",
            "find_best_blas_type", "hadamard", "helmert", "dft", "hilbert", "invhilbert",
            "pascal", "invpascal"]
# fmt: on


# ----------------------------------------------------------------- registration


# fmt: off
_RULES = [
    # (primitive, VJP for each argument, JVP for each argument)
    (asl.solve,                  [_solve_a_vjp, _solve_b_vjp],
                                 [_solve_a_jvp, _solve_b_jvp]),
    (asl.solve_triangular,       [_solve_tri_a_vjp, _solve_tri_b_vjp],
                                 [_solve_tri_a_jvp, _solve_tri_b_jvp]),
    (asl.solve_banded,           [None, _solve_banded_ab_vjp, _solve_banded_b_vjp],
                                 [None, _solve_banded_ab_jvp, _solve_banded_b_jvp]),
    (asl.cho_solve_args,         [_cho_solve_c_vjp, _cho_solve_b_vjp],
                                 [_cho_solve_c_jvp, _cho_solve_b_jvp]),
    (asl.lu_solve_args,          [_lu_solve_lu_vjp, None, _lu_solve_b_vjp],
                                 [_lu_solve_lu_jvp, None, _lu_solve_b_jvp]),
    (asl.inv,                    [_inv_vjp],                 [_inv_jvp]),
    (asl.sqrtm,                  [_sqrtm_vjp],               [_sqrtm_jvp]),
    (asl.logm,                   [_logm_vjp],                [_logm_jvp]),
    (asl.expm,                   [_expm_vjp],                [_expm_jvp]),
    (asl._expm_frechet_prim,     [_expm_frechet_a_vjp, _expm_frechet_e_vjp],
                                 [_expm_frechet_a_jvp, _expm_frechet_e_jvp]),
    (asl.solve_sylvester,        [_sylvester_a_vjp, _sylvester_b_vjp, _sylvester_q_vjp],
                                 [lambda t, ans, a, b, q: asl.solve_sylvester(a, b, -_mm(t, ans)),
                                  lambda t, ans, a, b, q: asl.solve_sylvester(a, b, -_mm(ans, t)),
                                  lambda t, ans, a, b, q: asl.solve_sylvester(a, b, t)]),
    (asl.solve_continuous_lyapunov, [_lyapunov_a_vjp, _lyapunov_q_vjp],
                                 [_lyapunov_a_jvp,
                                  lambda t, ans, a, q: asl.solve_continuous_lyapunov(a, t)]),
    (asl.cho_factor_c,           [_cho_factor_vjp],          [_cho_factor_jvp]),
    (asl.lu_factor_lu,           [_lu_factor_vjp],           [_lu_factor_jvp]),
    (asl.qr,                     [_qr_vjp],                  [_qr_jvp]),
    (asl.fractional_matrix_power, [_fmp_a_vjp, _fmp_t_vjp],  [_fmp_a_jvp, _fmp_t_jvp]),
    (asl.null_space,             [_null_space_vjp],          [_null_space_jvp]),
    (asl.solve_discrete_lyapunov, [_dlyap_a_vjp, _dlyap_q_vjp], [_dlyap_a_jvp, _dlyap_q_jvp]),
]

# scipy.linalg primitives with numpy.linalg's rules, and how a call translates
_SHARED = [
    (asl.cholesky,   anla.cholesky,  _cholesky_call),
    (asl.eigh,       anla.eigh,      _eigh_call),
    (asl.svd,        anla.svd,       _svd_call),
    (asl._pinv_prim, anla.pinv,      _pinv_call),
]
# fmt: on


@once_per_registry
def register():
    """Register the scipy.linalg rules into the active registry (idempotent)."""
    def_rule_table(_RULES)
    for fun, source, adapt in _SHARED:
        share_rules(fun, source, adapt)
    defvia(_sl.det, anla.det)       # traced calls are numpy.linalg.det's (see linalg/__init__)
    # the public SciPy functions are differentiated through these primitives
    for public, prim in ((_sl.cho_factor, asl.cho_factor_c), (_sl.cho_solve, asl.cho_solve_args),
                         (_sl.lu_factor, asl.lu_factor_lu), (_sl.lu_solve, asl.lu_solve_args)):
        defvia(public, prim)
    defvjp_argnum(asl.block_diag, _block_diag_vjp)
    defjvp_argnum(asl.block_diag, _block_diag_jvp)
    for name, impl in _COMPOSITES.items():
        def_composite(getattr(asl, name), impl)
    def_composite(asl._pinvh_prim, _pinvh_impl)
    def_composite(asl.lstsq_x, _lstsq_x_impl)
    def_composite(asl.cho_solve_banded_args, _cho_solve_banded_impl)
    for public, wrapper in ((_sl.pinvh, asl._pinvh_prim), (_sl.lstsq, asl.lstsq_x),
                            (_sl.cho_solve_banded, asl.cho_solve_banded_args),
                            (_sl.matmul_toeplitz, asl.matmul_toeplitz),
                            (_sl.solve_toeplitz, asl.solve_toeplitz)):
        defvia(public, wrapper)
    defvjp_argnum(asl.solve_continuous_are, _care_vjp)
    defjvp_argnum(asl.solve_continuous_are, _care_jvp)
    defvjp_argnum(asl.solve_discrete_are, _dare_vjp)
    defjvp_argnum(asl.solve_discrete_are, _dare_jvp)
    for name in _NONDIFF:
        defnondiff(getattr(asl, name))
    _factorizations.register()
    defvjp_fast(asl.schur, _factorizations.schur_vjp)
    defjvp(asl.schur, _factorizations.schur_jvp)
    def_composite(asl.ldl, _factorizations.ldl_impl)
    defvjp_argnums(asl.qz, _factorizations.qz_vjp)
    defjvp_argnum(asl.qz, _factorizations.qz_jvp)
