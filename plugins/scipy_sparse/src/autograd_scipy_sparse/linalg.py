"""``spsolve`` with gradients: ``scipy.sparse.linalg`` for autograd.

:func:`spsolve` takes a scipy sparse matrix or a :class:`~autograd_scipy_sparse.SparseMatrix`
(whose values may be traced) and a dense right-hand side.  The primitive
underneath is :func:`sparse_solve`; its rules are in
:mod:`autograd_scipy_sparse.rules`.

>>> import autograd.numpy as np
>>> import scipy.sparse as sp
>>> from autograd import grad
>>> A = sp.csc_matrix(np.array([[4.0, 1.0], [0.0, 2.0]]))
>>> grad(lambda b: np.sum(spsolve(A, b)))(np.array([1.0, 1.0]))     # A^-T @ ones
array([0.25 , 0.375])
"""

import numpy as onp
import scipy.sparse.linalg as spla

from autograd.extend import isbox, primitive

from .matrix import SparseMatrix, _is_sparse, wrap

__all__ = ["spsolve", "sparse_solve"]


@primitive
def sparse_solve(data, pattern, b, permc_spec=None, use_umfpack=True):
    """``scipy.sparse.linalg.spsolve(S, b)`` for the sparse matrix ``S`` with values
    ``data`` stored at ``pattern``; differentiable with respect to ``data`` and ``b``.

    As in scipy, a right-hand side of shape ``(n,)`` or ``(n, 1)`` gives a
    solution of shape ``(n,)``.
    """
    # A copy: spsolve may sort the indices in place, which would reorder the
    # caller's index arrays (and no longer match the order of ``data``).
    A = pattern.build(data, copy=True)
    if A.format == "coo":
        A = A.tocsc()
    return spla.spsolve(A, b, permc_spec=permc_spec, use_umfpack=use_umfpack)


def spsolve(A, b, permc_spec=None, use_umfpack=True):
    """Solve ``A x = b`` (as ``scipy.sparse.linalg.spsolve``), differentiably.

    ``A`` is a scipy sparse matrix (its values are constants) or a
    :class:`~autograd_scipy_sparse.SparseMatrix` (its values may be traced);
    ``b`` is a dense vector or matrix, possibly traced.

    >>> grad(lambda d, b: np.sum(spsolve(with_data(A, d), b)))(A.data, b)
    """
    traced = isbox(b) or (isinstance(A, SparseMatrix) and isbox(A.data))
    if not traced and not isinstance(A, SparseMatrix):
        return spla.spsolve(A, b, permc_spec=permc_spec, use_umfpack=use_umfpack)
    if _is_sparse(b):
        raise NotImplementedError("spsolve with a sparse right-hand side is not differentiable; "
                                  "pass b.toarray()")
    m = wrap(A)
    b = b if isbox(b) else onp.asarray(b)
    return sparse_solve(m.data, m.pattern, b, permc_spec=permc_spec, use_umfpack=use_umfpack)
