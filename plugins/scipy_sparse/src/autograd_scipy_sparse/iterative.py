"""``scipy.sparse.linalg`` beyond ``spsolve``: iterative solvers, ``expm_multiply``,
``eigsh`` and products of a ``LinearOperator`` with a traced array.

* ``cg``, ``gmres``, ``bicgstab``, ``minres`` (SciPy's signatures, returning
  ``(x, info)``) are differentiable with respect to ``b`` and the stored values of
  a :class:`~autograd_scipy_sparse.SparseMatrix`.  The derivative is that of the
  exact solution ``A^-1 b``, computed with one more solve by the same method (the
  transposed system): it is as accurate as the solves, so pass a tight ``rtol``
  when the gradient matters.  A solve that did not converge (``info != 0``) warns
  when traced, since its derivative describes a solution that was not reached.
  ``A`` may also be a constant ``LinearOperator`` (derivative in ``b`` only; the
  adjoint solve needs its ``rmatvec``).
* ``expm_multiply(A, B)``: ``e^A B``, differentiable in ``B`` and the values of
  ``A``.  In ``B`` it is ``e^(A^T) G``; in ``A`` the Frechet derivative
  ``int_0^1 e^(s A^T) G (e^((1-s) A) B)^T ds`` read at the stored entries, by
  Gauss-Legendre quadrature (as many nodes as ``||A||_1`` needs for double
  precision).  Both are written with the primitive itself, so they differentiate
  again.
* ``eigsh(A, k, which=...)``: eigenvalues and eigenvectors of a symmetric sparse
  matrix, differentiable (first order) in its stored values for perturbations that
  keep it symmetric: ``dw_i = v_i^T dA v_i`` and ``dv_i = -(A - w_i)^+ dA v_i``
  (the pseudo-inverse applied with MINRES).  Eigenvectors are defined up to sign:
  differentiate quantities that do not depend on it.  Repeated eigenvalues among the
  computed ones have no derivative of their eigenvectors.  Second derivatives raise.
* A ``LinearOperator`` applied to a traced array (``op @ x``, ``op.matvec(x)``,
  ``op.matmat(X)``, ``op.dot(x)``, ``op(x)``, ``op.rmatvec(x)``, ``op.rmatmat(X)``)
  is differentiable in ``x`` (the adjoint is ``op.H``), installed with the other
  operators (:mod:`autograd_scipy_sparse.operators`).
"""

import warnings

import numpy as onp
import scipy.sparse.linalg as spla

from autograd.extend import MissingRuleError, getval, isbox, primitive

from .matrix import SparseMatrix, _is_sparse, wrap

__all__ = ["cg", "gmres", "bicgstab", "minres", "expm_multiply", "eigsh", "iterative_solve",
           "sparse_expm_multiply", "sparse_eigsh", "linop_apply", "linop_apply_adjoint",
           "SOLVERS"]

SOLVERS = {"cg": spla.cg, "gmres": spla.gmres, "bicgstab": spla.bicgstab, "minres": spla.minres}
_SYMMETRIC = {"cg", "minres"}


# ----------------------------------------------------------------- iterative solvers

class _Options(tuple):
    """The solver options, hashable and never traced: ``(method, rtol, atol, maxiter)``."""
    __slots__ = ()


def _operator(data, pattern):
    return pattern.build(data) if pattern is not None else data


def _solve_raw(data, pattern, b, options, x0=None, M=None):
    method, rtol, atol, maxiter = options
    A = _operator(data, pattern)
    b = onp.asarray(b)
    kw = dict(rtol=rtol, maxiter=maxiter, M=M)
    if method != "minres":
        kw["atol"] = atol
    if b.ndim == 2:
        cols = [SOLVERS[method](A, b[:, j], **kw) for j in range(b.shape[1])]
        return onp.stack([c[0] for c in cols], axis=1), max(c[1] for c in cols)
    return SOLVERS[method](A, b, x0=x0, **kw)


@primitive
def iterative_solve(data, pattern, b, options, solution=None):
    """``A^-1 b`` by the iterative method ``options[0]`` for the sparse matrix with values
    ``data`` stored at ``pattern`` (or, with ``pattern=None``, the constant
    ``LinearOperator`` ``data``); differentiable in ``data`` and ``b``.  ``solution``:
    the (raw) result when the caller has already solved (to read SciPy's ``info``)."""
    if solution is not None:
        return solution
    x, info = _solve_raw(data, pattern, b, options)
    if info != 0:
        _not_converged(options[0], info)
    return x


def _not_converged(method, info):
    warnings.warn(f"scipy.sparse.linalg.{method} did not converge (info={info}) on a traced "
                  "problem: its derivative is that of the exact solution, which this iterate is "
                  "not; raise maxiter or loosen rtol", RuntimeWarning, stacklevel=4)


def transposed_solve(data, pattern, g, options):
    """``A^-T g`` by the same method (for a LinearOperator, with its adjoint)."""
    if pattern is None:
        return iterative_solve(data.H, None, g, options)
    return iterative_solve(data, pattern.T, g, options)


def _iterative(method):
    fun = SOLVERS[method]

    def solver(A, b, x0=None, *, rtol=1e-5, atol=0.0, maxiter=None, M=None, callback=None, **kw):
        sparse_traced = isinstance(A, SparseMatrix) and isbox(A.data)
        if not (isbox(b) or sparse_traced):
            A_raw = A.to_scipy() if isinstance(A, SparseMatrix) else A
            extra = {} if method == "minres" else {"atol": atol}
            return fun(A_raw, b, x0=x0, rtol=rtol, maxiter=maxiter, M=M,
                       callback=callback, **extra, **kw)
        if M is not None or callback is not None or kw:
            given = sorted(kw) + [k for k, v in (("M", M), ("callback", callback)) if v is not None]
            raise NotImplementedError(
                f"{method} on a traced problem takes rtol, atol, maxiter and x0 (the solution "
                f"does not depend on x0), not {given}")
        if onp.ndim(getval(b)) != 1:
            raise ValueError(f"{method}: b must be a vector, not of shape {onp.shape(getval(b))}")
        options = _Options((method, rtol, atol, maxiter))
        if _is_sparse(A):
            m = wrap(A)
            data, pattern = m.data, m.pattern
        else:
            data, pattern = spla.aslinearoperator(A), None
        x, info = _solve_raw(getval(data), pattern, getval(b), options, x0=x0)
        if info != 0:
            _not_converged(method, info)
        return iterative_solve(data, pattern, b, options, solution=x), info

    solver.__name__ = solver.__qualname__ = method
    solver.__doc__ = (f"``scipy.sparse.linalg.{method}(A, b, x0, rtol=..., atol=..., maxiter=...)`` "
                      "returning ``(x, info)``, differentiable in ``b`` and the stored values of "
                      "a SparseMatrix ``A`` (see the module docstring).")
    return solver


cg = _iterative("cg")
gmres = _iterative("gmres")
bicgstab = _iterative("bicgstab")
minres = _iterative("minres")


# ----------------------------------------------------------------- expm_multiply

@primitive
def sparse_expm_multiply(data, pattern, B):
    """``e^A B`` for the sparse matrix with values ``data`` stored at ``pattern``;
    differentiable in ``data`` and ``B``."""
    return spla.expm_multiply(pattern.build(data).tocsr(), B)


def gauss_nodes(data, pattern):
    """Gauss-Legendre nodes and weights on ``[0, 1]`` for integrands ``e^(sA) ... e^((1-s)A)``:
    their Taylor terms fall like ``||A||^n / n!``, so ``8 + 2 ||A||_1`` nodes give double
    precision (capped at 120)."""
    norm = spla.norm(pattern.build(onp.abs(getval(data))), 1)
    n = int(min(120, 8 + 2 * onp.ceil(norm)))
    x, w = onp.polynomial.legendre.leggauss(n)
    return (x + 1) / 2, w / 2


def expm_multiply(A, B, **kwargs):
    """``scipy.sparse.linalg.expm_multiply(A, B)``, differentiable in ``B`` and the stored
    values of a SparseMatrix ``A`` (``start``/``stop``/``num`` only on constant operands)."""
    sparse_traced = isinstance(A, SparseMatrix) and isbox(A.data)
    if not (isbox(B) or sparse_traced):
        A_raw = A.to_scipy() if isinstance(A, SparseMatrix) else A
        return spla.expm_multiply(A_raw, B, **kwargs)
    if kwargs:
        raise NotImplementedError(f"expm_multiply on traced operands takes (A, B) only, not "
                                  f"{sorted(kwargs)}")
    if not _is_sparse(A):
        raise TypeError("expm_multiply with a traced B: A must be a scipy sparse matrix or a "
                        "SparseMatrix (a LinearOperator has no exponential here)")
    m = wrap(A)
    return sparse_expm_multiply(m.data, m.pattern, B)


# ----------------------------------------------------------------- eigsh

@primitive
def sparse_eigsh(data, pattern, k, which):
    """``(w, v)`` of ``scipy.sparse.linalg.eigsh`` (``k`` eigenpairs, ``which`` of
    ``"LM"``, ``"SM"``, ``"LA"``, ``"SA"``) of the symmetric sparse matrix with values
    ``data`` at ``pattern``; eigenvalues ascending as SciPy returns them.  ARPACK starts
    from a fixed vector, so eigenvector signs are the same from call to call (and stay
    put under small perturbations, which finite differences need)."""
    n = pattern.shape[0]
    start = onp.full(n, 1.0 / onp.sqrt(n)) + onp.linspace(0.0, 1e-3, n)
    return spla.eigsh(pattern.build(data).tocsr(), k=k, which=which, tol=0, v0=start)


def deflated_pinv_solve(A, lam, v, others, r):
    """``(A - lam I)^+ r`` on the complement of ``v`` (and of the other computed eigenvectors
    with the same eigenvalue), by MINRES to a tight tolerance."""
    n = A.shape[0]
    Q = onp.column_stack([v] + others) if others else v[:, None]

    def project(y):
        return y - Q @ (Q.T @ y)

    op = spla.LinearOperator((n, n), matvec=lambda y: project(A @ project(y) - lam * project(y)),
                             dtype=float)
    u, _ = spla.minres(op, project(r), rtol=1e-14, maxiter=20 * n)
    return project(u)


def eigsh(A, k=6, M=None, sigma=None, which="LM", **kwargs):
    """``scipy.sparse.linalg.eigsh(A, k, which=...)``, differentiable (first order) in the
    stored values of a symmetric SparseMatrix ``A``; other options only on constants."""
    if not (isinstance(A, SparseMatrix) and isbox(A.data)):
        A_raw = A.to_scipy() if isinstance(A, SparseMatrix) else A
        return spla.eigsh(A_raw, k=k, M=M, sigma=sigma, which=which, **kwargs)
    if M is not None or sigma is not None or kwargs or which not in ("LM", "SM", "LA", "SA"):
        raise NotImplementedError("eigsh on a traced matrix takes k and which (LM, SM, LA, SA) "
                                  "only: no M, sigma (shift-invert) or other options")
    return sparse_eigsh(A.data, A.pattern, k, which)


# ----------------------------------------------------------------- LinearOperator products

@primitive
def linop_apply(op, x):
    """``op @ x`` for a constant ``scipy.sparse.linalg.LinearOperator``; differentiable in
    ``x`` (its adjoint is ``op.H``)."""
    return op.matmat(x) if onp.ndim(x) == 2 else op.matvec(x)


@primitive
def linop_apply_adjoint(op, x):
    """``op.H @ x`` (``rmatvec``/``rmatmat``); differentiable in ``x``."""
    return op.rmatmat(x) if onp.ndim(x) == 2 else op.rmatvec(x)


def second_order_refused(name):
    raise MissingRuleError(f"Second derivatives of {name} are not implemented "
                           "(autograd-scipy-sparse): its first derivative uses untraced solves.")


