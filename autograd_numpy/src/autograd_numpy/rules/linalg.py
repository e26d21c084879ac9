"""The ``numpy.linalg`` rule set (loader declared by the plugin).

:func:`register` installs a VJP and a JVP for every differentiable function of
``numpy.linalg``, keyed by NumPy's own function.  Every rule accepts stacks of
matrices ``(..., M, N)`` and is written with ``autograd.numpy`` functions, so
it runs on boxes (higher derivatives) and dispatches through NumPy's array
protocols.

Conventions
-----------
* Complex cotangents follow the project's convention (``dL/dx - i dL/dy``):
  the VJP of a complex-linear map is its *transpose*.  A rule of the form
  ``dY = J dA + K conj(dA)`` has the VJP ``J^T g + conj(K^T g)``.
* ``eigh``, ``eigvalsh``, ``cholesky`` and ``svd``/``pinv`` with
  ``hermitian=True`` read one triangle of their argument (``UPLO``; LAPACK
  also ignores the imaginary part of the diagonal).  Their rules differentiate
  exactly that function: the derivative flows to the triangle that was read.
* Eigen- and singular vectors are differentiated with the usual gauge (no
  component along the vector itself); only gauge-invariant functions of them
  have a well-defined derivative.  Degenerate spectra give zero, not NaN,
  where the eigenvalues alone are used.
* ``norm`` is differentiated with valid subgradients at kinks: zero at the
  zero vector, ties of ``max``/``min`` shared equally.
* Functions that are compositions (``matrix_power``, ``multi_dot``, ``cond``,
  ``tensorsolve``, ``vector_norm``, the array-API aliases ...) are
  differentiated through that composition
  (:func:`autograd_numpy.linalg.composites`).
"""

import numpy as onp

from autograd.extend import defnondiff, getval, make_sequence, once_per_registry

from .. import linalg as alg
from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent
from ..util import def_rule_table, ndim_of, shape_of
from . import def_composite, is_complex, safe_div

__all__ = ["register"]

_NP2 = int(onp.__version__.split(".")[0]) >= 2


# ----------------------------------------------------------------- helpers

def _T(x):
    return anp.swapaxes(x, -1, -2)


def _H(x):
    return anp.conj(anp.swapaxes(x, -1, -2))


_mm = anp.matmul


def _eye(x, n=None):
    """A constant identity of the array type and real precision of ``x``."""
    raw = getval(x)
    n = raw.shape[-1] if n is None else n
    return onp.eye(n, dtype=onp.real(raw[..., :0]).dtype, like=raw)


def _strict(x, upper=False):
    """A constant mask of the strictly lower (``upper``: upper) triangle."""
    raw = getval(x)
    n = raw.shape[-1]
    low = onp.tri(n, n, -1, dtype=onp.real(raw[..., :0]).dtype, like=raw)
    return low.T if upper else low


def _diag(x):
    """The diagonal of the last two axes, ``(..., n)``."""
    return anp.einsum("...ii->...i", x)


def _diag_embed(v):
    """``(..., n) -> (..., n, n)`` with ``v`` on the diagonal."""
    return anp.expand_dims(v, -1) * _eye(v, shape_of(v)[-1])


def _trace(x):
    return anp.einsum("...ii->...", x)


def _expand2(x):
    return anp.expand_dims(anp.expand_dims(x, -1), -1)


def _rows(v):
    """``v (..., k)`` as a row, to scale columns: ``X * _rows(s) == X @ diag(s)``."""
    return anp.expand_dims(v, -2)


def _cols(v):
    """``v (..., k)`` as a column, to scale rows: ``X * _cols(s) == diag(s) @ X``."""
    return anp.expand_dims(v, -1)


def _sgn_conj(x):
    """``conj(x) / |x|``, 0 at 0: the cotangent factor of ``|x|``."""
    if is_complex(x):
        return safe_div(anp.conj(x), anp.abs(x))
    return anp.sign(x)


def _gaps_inv(w):
    """``F[..., i, j] = 1 / (w_j - w_i)`` off the diagonal and for distinct values, else 0."""
    diff = anp.expand_dims(w, -2) - anp.expand_dims(w, -1)
    return safe_div(1.0, diff)


def _result(ans, *items):
    """Tangents of a tuple-valued function, in the type of its result (namedtuple)."""
    return make_sequence(type(getval(ans)), *items)


def _fold(x, uplo):
    """The Hermitian matrix LAPACK sees when it reads triangle ``uplo`` of ``x``."""
    strict = _strict(x, uplo.upper() == "U")
    part = x * strict
    return part + _H(part) + _eye(x) * anp.real(x)


def _fold_vjp(ct, uplo, x):
    """Transpose of :func:`_fold`: a cotangent of the Hermitian matrix -> of ``x``."""
    strict = _strict(x, uplo.upper() == "U")
    return fit_cotangent(strict * (ct + _H(ct)) + _eye(x) * anp.real(ct), x)


# ----------------------------------------------------------------- det, slogdet, inv

def _det_vjp(g, ans, a):
    return fit_cotangent(_expand2(g * ans) * _T(alg.inv(a)), a)


def _det_jvp(t, ans, a):
    return fit_tangent(ans * _trace(alg.solve(a, t)), ans)


def _slogdet_vjp(g, ans, a):
    return fit_cotangent(_expand2(g[1]) * _T(alg.inv(a)), a)


def _slogdet_jvp(t, ans, a):
    sign, logdet = ans[0], ans[1]
    dlog = fit_tangent(anp.real(_trace(alg.solve(a, t))), logdet)
    return _result(ans, anp.zeros_like(sign), dlog)


def _inv_vjp(g, ans, a):
    return fit_cotangent(-_mm(_mm(_T(ans), g), _T(ans)), a)


def _inv_jvp(t, ans, a):
    return -_mm(_mm(ans, t), ans)


# ----------------------------------------------------------------- solve

def _vector_rhs(a, b):
    # NumPy 2 reads b as a vector only when it is 1-D; 1.26 when b.ndim == a.ndim - 1
    return ndim_of(b) == 1 if _NP2 else ndim_of(b) == ndim_of(a) - 1


def _as_matrix(x, vector):
    return anp.expand_dims(x, -1) if vector else x


def _as_result(x, vector):
    return x[..., 0] if vector else x


def _solve_vjp_a(g, ans, a, b):
    vec = _vector_rhs(a, b)
    gb = alg.solve(_T(a), _as_matrix(g, vec))
    return fit_cotangent(-_mm(gb, _T(_as_matrix(ans, vec))), a)


def _solve_vjp_b(g, ans, a, b):
    vec = _vector_rhs(a, b)
    return fit_cotangent(_as_result(alg.solve(_T(a), _as_matrix(g, vec)), vec), b)


def _solve_jvp_a(t, ans, a, b):
    vec = _vector_rhs(a, b)
    return fit_tangent(-_as_result(alg.solve(a, _mm(t, _as_matrix(ans, vec))), vec), ans)


def _solve_jvp_b(t, ans, a, b):
    vec = _vector_rhs(a, b)
    return fit_tangent(_as_result(alg.solve(a, _as_matrix(t, vec)), vec), ans)


# ----------------------------------------------------------------- pinv
# dP = -P dA P + P P^H dA^H (I - A P) + (I - P A) dA^H P^H P   (constant rank)

def _pinv_matrix(a, hermitian):
    return _fold(a, "L") if hermitian else a


def _pinv_vjp(g, ans, a, rcond=None, hermitian=False, **kwargs):
    A, P = _pinv_matrix(a, hermitian), ans
    PH = _H(P)
    gT = _T(g)
    x2 = _mm(_mm(gT, P), PH)
    x3 = _mm(_mm(PH, P), gT)
    ct = (-_mm(_mm(_T(P), g), _T(P)) + anp.conj(x2 - _mm(A, _mm(P, x2)))
          + anp.conj(x3 - _mm(_mm(x3, P), A)))
    return _fold_vjp(ct, "L", a) if hermitian else fit_cotangent(ct, a)


def _pinv_jvp(t, ans, a, rcond=None, hermitian=False, **kwargs):
    A, P = _pinv_matrix(a, hermitian), ans
    if hermitian:
        t = _fold(t, "L")
    tH = _H(t)
    PPH, PHP = _mm(P, _H(P)), _mm(_H(P), P)
    x2 = _mm(PPH, tH)
    x3 = _mm(tH, PHP)
    return fit_tangent(-_mm(_mm(P, t), P) + x2 - _mm(_mm(x2, A), P)
                       + x3 - _mm(P, _mm(A, x3)), ans)


# ----------------------------------------------------------------- norm

def _norm_plan(x, ord, axis):
    """``(kind, ord, axes)``: kind "fro" (sqrt of sum of squares), "vec" or "mat"."""
    nd = ndim_of(x)
    if axis is None:
        if ord is None or (nd == 2 and ord in ("f", "fro")) or (nd == 1 and ord == 2):
            return "fro", None, tuple(range(nd))
        axis = tuple(range(nd))
    elif not isinstance(axis, (tuple, list)):
        axis = (axis,)
    axes = tuple(int(k) % nd for k in axis)
    if len(axes) == 1:
        return ("fro", None, axes) if ord is None or ord == 2 else ("vec", ord, axes)
    if ord is None or ord in ("f", "fro"):
        return "fro", None, axes
    return "mat", ord, axes


def _keep(v, axes, keepdims):
    """A reduced value with its reduced axes restored (length 1)."""
    return v if keepdims else anp.expand_dims(v, tuple(sorted(axes)))


def _drop(v, axes, keepdims):
    return anp.squeeze(v, tuple(axes)) if keepdims else v


def _pow_safe(u, e):
    """``u ** e`` for ``u >= 0``, 0 where ``u == 0`` (finite derivatives)."""
    pos = u > 0          # boxes compare to plain masks (per example inside vmap)
    return anp.where(pos, anp.where(pos, u, 1.0) ** e, 0.0)


def _extreme_weights(values, ans_b, axes):
    """Ties of a max/min over ``axes`` share the derivative equally (a subgradient)."""
    hit = values == ans_b
    return hit / anp.sum(hit, axis=tuple(axes), keepdims=True)


def _svd_norm_parts(x, axes):
    xm = anp.moveaxis(x, axes, (-2, -1))
    u, s, vh = alg.svd(xm, full_matrices=False)
    return xm, u, s, vh


def _sv_pick(ord, k):
    return slice(None) if ord == "nuc" else (slice(0, 1) if ord == 2 else slice(k - 1, k))


def _norm_vjp(g, ans, x, ord=None, axis=None, keepdims=False):
    kind, ord, axes = _norm_plan(x, ord, axis)
    if kind == "mat" and ord in ("nuc", 2, -2):
        _, u, s, vh = _svd_norm_parts(x, axes)
        pick = _sv_pick(ord, shape_of(s)[-1])
        # zero singular values contribute nothing: zero (a subgradient) at zero
        live = (getval(s)[..., pick] > 0).astype(onp.real(getval(s)[..., :0]).dtype)
        uvh = _mm(u[..., pick] * _rows(live), vh[..., pick, :])
        ct = _expand2(_drop(g, axes, keepdims)) * anp.conj(uvh)
        return fit_cotangent(anp.moveaxis(ct, (-2, -1), axes), x)
    g_b, r_b = _keep(g, axes, keepdims), _keep(ans, axes, keepdims)
    if kind == "fro":
        return fit_cotangent(g_b * safe_div(anp.conj(x), r_b), x)
    if kind == "mat":                       # 1, -1, inf, -inf: extreme of abs row/column sums
        summed = axes[0] if ord in (1, -1) else axes[1]
        sums = anp.sum(anp.abs(x), axis=summed, keepdims=True)
        return fit_cotangent(g_b * _extreme_weights(sums, r_b, axes) * _sgn_conj(x), x)
    if ord == 0:
        return anp.zeros_like(x)
    if ord in (onp.inf, -onp.inf):
        return fit_cotangent(g_b * _extreme_weights(anp.abs(x), r_b, axes)
                             * _sgn_conj(x), x)
    if ord == 1:
        return fit_cotangent(g_b * _sgn_conj(x), x)
    u = safe_div(anp.abs(x), r_b)
    return fit_cotangent(g_b * _sgn_conj(x) * _pow_safe(u, ord - 1), x)


def _norm_jvp(t, ans, x, ord=None, axis=None, keepdims=False):
    kind, ord, axes = _norm_plan(x, ord, axis)
    if kind == "mat" and ord in ("nuc", 2, -2):
        xm, u, s, vh = _svd_norm_parts(x, axes)
        tm = anp.moveaxis(t, axes, (-2, -1))
        pick = _sv_pick(ord, shape_of(s)[-1])
        p = _mm(_mm(_H(u[..., pick]), tm), _H(vh[..., pick, :]))
        out = anp.real(_trace(p))
        return fit_tangent(_keep(out, axes, False) if keepdims else out, ans)
    r_b = _keep(ans, axes, keepdims)

    def reduce(v):
        return fit_tangent(anp.sum(v, axis=axes, keepdims=keepdims), ans)

    if kind == "fro":
        return fit_tangent(safe_div(reduce(anp.real(anp.conj(x) * t)), ans), ans)
    d = anp.real(_sgn_conj(x) * t)          # the tangent of |x|
    if kind == "mat":
        summed = axes[0] if ord in (1, -1) else axes[1]
        sums = anp.sum(anp.abs(x), axis=summed, keepdims=True)
        return reduce(_extreme_weights(sums, r_b, axes) * d)
    if ord == 0:
        return anp.zeros_like(ans)
    if ord in (onp.inf, -onp.inf):
        return reduce(_extreme_weights(anp.abs(x), r_b, axes) * d)
    if ord == 1:
        return reduce(d)
    return reduce(d * _pow_safe(safe_div(anp.abs(x), r_b), ord - 1))


# ----------------------------------------------------------------- eigh, eigvalsh
# S = V diag(w) V^H:  dw = Re diag(V^H dS V),  dV = V (F o V^H dS V)

def _eigh_vjp(g, ans, a, UPLO="L"):
    w, v = ans[0], ans[1]
    gw, gv = g[0], g[1]
    inner = _diag_embed(gw) + _gaps_inv(w) * _mm(_T(v), gv)
    return _fold_vjp(_mm(_mm(anp.conj(v), inner), _T(v)), UPLO, a)


def _eigh_jvp(t, ans, a, UPLO="L"):
    w, v = ans[0], ans[1]
    m = _mm(_mm(_H(v), _fold(t, UPLO)), v)
    tw = fit_tangent(anp.real(_diag(m)), w)
    tv = fit_tangent(_mm(v, _gaps_inv(w) * m), v)
    return _result(ans, tw, tv)


def _eigvalsh_vjp(g, ans, a, UPLO="L"):
    v = alg.eigh(a, UPLO)[1]
    return _fold_vjp(_mm(anp.conj(v) * _rows(g), _T(v)), UPLO, a)


def _eigvalsh_jvp(t, ans, a, UPLO="L"):
    v = alg.eigh(a, UPLO)[1]
    return fit_tangent(anp.real(anp.sum(anp.conj(v) * _mm(_fold(t, UPLO), v), axis=-2)), ans)


# ----------------------------------------------------------------- eig, eigvals
# A = V diag(w) V^-1, columns of V of unit norm:  C = V^-1 dA V,  dw = diag(C),
# dV = V (F o C) - V Re diag(V^H V (F o C))

def _eig_vjp(g, ans, a):
    w, v = ans[0], ans[1]
    gw, gv = g[0], g[1]
    h = anp.real(anp.sum(v * gv, axis=-2))
    gv1 = gv - anp.conj(v) * _rows(h)
    ct_c = _diag_embed(gw) + _gaps_inv(w) * _mm(_T(v), gv1)
    return fit_cotangent(_mm(_mm(_T(alg.inv(v)), ct_c), _T(v)), a)


def _eig_jvp(t, ans, a):
    w, v = ans[0], ans[1]
    c = _mm(alg.solve(v, t), v)
    tv = _mm(v, _gaps_inv(w) * c)
    tv = tv - v * _rows(anp.real(anp.sum(anp.conj(v) * tv, axis=-2)))
    return _result(ans, fit_tangent(_diag(c), w), fit_tangent(tv, v))


def _eig_vectors_for(a, w):
    """Eigenvectors of ``a`` in the order of the eigenvalues ``w`` (from ``eigvals``)."""
    w2, v = alg.eig(a)
    wr, w2r = getval(w), getval(w2)
    if onp.array_equal(wr, w2r):
        return v
    # eigvals and eig may order the eigenvalues differently: match them up with a
    # constant permutation matrix, applied with matmul (differentiable).
    order = onp.argmin(onp.abs(onp.expand_dims(w2r, -1) - onp.expand_dims(wr, -2)), axis=-2)
    perm = (onp.expand_dims(onp.arange(wr.shape[-1]), -1) == onp.expand_dims(order, -2))
    return _mm(v, perm.astype(onp.real(wr[..., :0]).dtype))


def _eigvals_vjp(g, ans, a):
    v = _eig_vectors_for(a, ans)
    return fit_cotangent(_mm(_T(alg.inv(v)) * _rows(g), _T(v)), a)


def _eigvals_jvp(t, ans, a):
    v = _eig_vectors_for(a, ans)
    return fit_tangent(_diag(_mm(alg.solve(v, t), v)), ans)


# ----------------------------------------------------------------- cholesky
# S = L L^H:  dL = L Phi(L^-1 dS L^-H), Phi = lower triangle with the diagonal halved

def _phi(x):
    return x * (_strict(x) + 0.5 * _eye(x))


def _cholesky_parts(ans, upper):
    return (_H(ans) if upper else ans), ("U" if upper else "L")


def _cholesky_vjp(g, ans, a, upper=False):
    low, uplo = _cholesky_parts(ans, upper)
    g_low = _H(g) if upper else g
    inv_low = alg.inv(low)
    ct_m = _phi(_mm(_T(low), g_low))
    return _fold_vjp(_mm(_mm(_T(inv_low), ct_m), anp.conj(inv_low)), uplo, a)


def _cholesky_jvp(t, ans, a, upper=False):
    low, uplo = _cholesky_parts(ans, upper)
    inv_low = alg.inv(low)
    t_low = _mm(low, _phi(_mm(_mm(inv_low, _fold(t, uplo)), _H(inv_low))))
    return _H(t_low) if upper else t_low


# ----------------------------------------------------------------- svd
# A = U diag(s) V^H (thin), P = U^H dA V:  ds = Re diag(P),
# dU = U (F o (P S + S P^H) + i Im diag(P) / s) + (I - U U^H) dA V / s,
# dV = V (F o (S P + P^H S)) + (I - V V^H) dA^H U / s,   F_ij = 1 / (s_j^2 - s_i^2)

def _svd_matrix(a, hermitian):
    return _fold(a, "L") if hermitian else a


def _svd_check(a, full_matrices):
    m, n = shape_of(a)[-2:]
    if full_matrices and m != n:
        raise NotImplementedError(
            "The derivative of svd(a, full_matrices=True) of a non-square matrix is not "
            "defined (the extra singular vectors are arbitrary); use full_matrices=False.")


def _svd_vjp(g, ans, a, full_matrices=True, compute_uv=True, hermitian=False):
    A = _svd_matrix(a, hermitian)
    if not compute_uv:
        u, _, vh = alg.svd(A, full_matrices=False)
        ct = _mm(anp.conj(u) * _rows(g), anp.conj(vh))
        return _fold_vjp(ct, "L", a) if hermitian else fit_cotangent(ct, a)
    _svd_check(a, full_matrices)
    u, s, vh = ans[0], ans[1], ans[2]
    gu, gs, gvh = g[0], g[1], g[2]
    m, n = shape_of(a)[-2:]
    k = min(m, n)
    f = _gaps_inv(s * s)
    ju = _mm(_T(u), gu)
    jv = _mm(anp.conj(vh), _H(gvh))       # V^T gV, with V = Vh^H and gV = gVh^H
    y, z = f * ju, f * jv
    ct_p = _diag_embed(gs) + (y + _H(y)) * _rows(s) + _cols(s) * (z + _H(z))
    if is_complex(a) or is_complex(u):
        ct_p = ct_p + _diag_embed(1j * anp.imag(_diag(ju)) / s)
    ct = _mm(_mm(anp.conj(u), ct_p), anp.conj(vh))
    if m > k:
        ct = ct + _mm((gu - _mm(anp.conj(u), ju)) / _rows(s), anp.conj(vh))
    if n > k:
        ct = ct + _mm(anp.conj(u), (gvh - _mm(_mm(gvh, _T(vh)), anp.conj(vh))) / _cols(s))
    return _fold_vjp(ct, "L", a) if hermitian else fit_cotangent(ct, a)


def _svd_jvp(t, ans, a, full_matrices=True, compute_uv=True, hermitian=False):
    A = _svd_matrix(a, hermitian)
    if hermitian:
        t = _fold(t, "L")
    if not compute_uv:
        u, _, vh = alg.svd(A, full_matrices=False)
        return fit_tangent(anp.real(anp.sum(anp.conj(u) * _mm(t, _H(vh)), axis=-2)), ans)
    _svd_check(a, full_matrices)
    u, s, vh = ans[0], ans[1], ans[2]
    m, n = shape_of(a)[-2:]
    k = min(m, n)
    v = _H(vh)
    tv = _mm(t, v)
    p = _mm(_H(u), tv)
    f = _gaps_inv(s * s)
    ds = anp.real(_diag(p))
    du = _mm(u, f * (p * _rows(s) + _H(p) * _cols(s)))
    if is_complex(a) or is_complex(u):
        du = du + u * _rows(1j * anp.imag(_diag(p)) / s)
    if m > k:
        du = du + (tv - _mm(u, p)) / _rows(s)
    dv = _mm(v, f * (p * _cols(s) + _H(p) * _rows(s)))
    if n > k:
        dv = dv + (_mm(_H(t), u) - _mm(v, _H(p))) / _rows(s)
    return _result(ans, fit_tangent(du, u), fit_tangent(ds, s), fit_tangent(_H(dv), vh))


# ----------------------------------------------------------------- qr
# A = Q R (m >= n), C = Q^H dA R^-1:  Omega = Q^H dQ = L - L^H + i Im diag(C) with
# L the strict lower part of C;  dR = (C - Omega) R,  dQ = Q Omega + (I - Q Q^H) dA R^-1.
# A wide matrix [A1 A2] is Q [X, Q^H A2] with Q X = qr(A1).

def _qr_mode(a, mode):
    m, n = shape_of(a)[-2:]
    if mode == "raw" or (mode == "complete" and m > n):
        raise NotImplementedError(
            f"The derivative of qr(a, mode={mode!r}) is not defined here "
            "(use mode='reduced' or 'r').")


def _qr_square_vjp(q, r, gq, gr, a_sq, tall):
    r_inv = alg.inv(r)
    kk = _mm(gr, _T(r))
    qtg = _mm(_T(q), gq)
    j = qtg - kk
    ct_c = kk + (j - _H(j)) * _strict(r)
    if is_complex(q):
        ct_c = ct_c + _eye(r) * (1j * anp.imag(j))
    front = _mm(anp.conj(q), ct_c)
    if tall:
        front = front + gq - _mm(anp.conj(q), qtg)
    return _mm(front, _T(r_inv))


def _qr_square_jvp(q, r, t, tall):
    r_inv = alg.inv(r)
    c = _mm(_mm(_H(q), t), r_inv)
    low = c * _strict(r)
    omega = low - _H(low)
    if is_complex(q):
        omega = omega + _eye(r) * (1j * anp.imag(c))
    dr = _mm(c - omega, r)
    dq = _mm(q, omega)
    if tall:
        dq = dq + _mm(t, r_inv) - _mm(q, c)
    return dq, dr


def _qr_parts(ans, a, mode):
    if mode == "r":
        return alg.qr(a)[0], ans
    return ans[0], ans[1]


def _qr_vjp(g, ans, a, mode="reduced"):
    _qr_mode(a, mode)
    q, r = _qr_parts(ans, a, mode)
    gq, gr = (anp.zeros_like(q), g) if mode == "r" else (g[0], g[1])
    m, n = shape_of(a)[-2:]
    if m >= n:
        return fit_cotangent(_qr_square_vjp(q, r, gq, gr, a, m > n), a)
    a2 = a[..., m:]
    gx, gy = gr[..., :m], gr[..., m:]
    ct1 = _qr_square_vjp(q, r[..., :m], gq + anp.conj(_mm(a2, _T(gy))), gx, None, False)
    return fit_cotangent(anp.concatenate([ct1, _mm(anp.conj(q), gy)], axis=-1), a)


def _qr_jvp(t, ans, a, mode="reduced"):
    _qr_mode(a, mode)
    q, r = _qr_parts(ans, a, mode)
    m, n = shape_of(a)[-2:]
    if m >= n:
        dq, dr = _qr_square_jvp(q, r, t, m > n)
    else:
        dq, dx = _qr_square_jvp(q, r[..., :m], t[..., :m], False)
        dy = _mm(_H(dq), a[..., m:]) + _mm(_H(q), t[..., m:])
        dr = anp.concatenate([dx, dy], axis=-1)
    if mode == "r":
        return fit_tangent(dr, ans)
    return _result(ans, fit_tangent(dq, q), fit_tangent(dr, r))


# ----------------------------------------------------------------- registration

# fmt: off
_RULES = [
    # (raw function, VJP for each argument, JVP for each argument)
    (alg.det,       [_det_vjp],                    [_det_jvp]),
    (alg.slogdet,   [_slogdet_vjp],                [_slogdet_jvp]),
    (alg.inv,       [_inv_vjp],                    [_inv_jvp]),
    (alg.solve,     [_solve_vjp_a, _solve_vjp_b],  [_solve_jvp_a, _solve_jvp_b]),
    (alg.pinv,      [_pinv_vjp],                   [_pinv_jvp]),
    (alg.norm,      [_norm_vjp],                   [_norm_jvp]),
    (alg.eigh,      [_eigh_vjp],                   [_eigh_jvp]),
    (alg.eigvalsh,  [_eigvalsh_vjp],               [_eigvalsh_jvp]),
    (alg.eig,       [_eig_vjp],                    [_eig_jvp]),
    (alg.eigvals,   [_eigvals_vjp],                [_eigvals_jvp]),
    (alg.cholesky,  [_cholesky_vjp],               [_cholesky_jvp]),
    (alg.svd,       [_svd_vjp],                    [_svd_jvp]),
    (alg.qr,        [_qr_vjp],                     [_qr_jvp]),
]
# fmt: on


@once_per_registry
def register():
    """Register the numpy.linalg rules into the active registry (idempotent)."""
    def_rule_table(_RULES)
    for raw, impl in alg.composites().items():
        def_composite(raw, impl)
    defnondiff(onp.linalg.matrix_rank)
