"""Shared by the multivariate distributions: SciPy's argument conventions and the
Mahalanobis form ``r^T C^{-1} r`` with ``log det C``.

Diagonal and scalar covariances (``cov=2.0``, ``cov=[1.0, 2.0]``) are
handled elementwise; a full matrix goes through ``autograd.numpy.linalg``
(``solve`` and ``slogdet``), whose rules the numpy add-on provides.

A rank-deficient covariance (``allow_singular=True``) is handled by
:func:`pseudo_form`, SciPy's way: the pseudo-determinant, the pseudo-inverse
and the rank, with points off the support reported separately.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy import linalg as anpla
from autograd_numpy.util import ndim_of, shape_of


def dimension(mean, cov):
    """The dimension of the distribution, by SciPy's rules."""
    if mean is not None:
        return int(onp.size(getval(mean)))
    cv = getval(cov)
    return 1 if onp.ndim(cv) < 2 else onp.shape(cv)[0]


def quantiles(x, dim):
    """``x`` as an array of points ``(..., dim)``, the way SciPy reads it."""
    nd = ndim_of(x)
    if nd == 0:
        return anp.reshape(x, (1, 1))
    if nd == 1:
        return anp.reshape(x, (-1, 1) if dim == 1 else (1, -1))
    return x


def location(mean, dim):
    if mean is None:
        return onp.zeros(dim)
    return anp.reshape(mean, (dim,))


def squeeze(out):
    """SciPy's squeezing of a multivariate density's result."""
    out = anp.squeeze(out)
    return out[()] if ndim_of(out) == 0 else out


def maha_logdet(r, cov, dim):
    """``(r^T C^{-1} r over the last axis, log det C)`` for a covariance in SciPy's forms."""
    nd = ndim_of(cov)
    if nd < 2:
        var = cov * onp.ones(dim) if nd == 0 else cov
        return anp.sum(r ** 2 / var, axis=-1), anp.sum(anp.log(var))
    lead = shape_of(r)[:-1]
    flat = anp.reshape(r, (-1, dim))
    solved = anp.transpose(anpla.solve(cov, anp.transpose(flat)))
    maha = anp.reshape(anp.sum(flat * solved, axis=-1), lead)
    return maha, anpla.slogdet(cov)[1]


def _cutoff(spectrum):
    """SciPy's cutoff for a negligible eigenvalue (the one ``scipy.linalg.pinvh`` uses)."""
    return 1e6 * onp.finfo(float).eps * onp.max(onp.abs(spectrum))


def _as_matrix(cov, dim):
    nd = ndim_of(cov)
    if nd == 0:
        return cov * onp.eye(dim)
    return anp.diag(cov) if nd == 1 else cov


def pseudo_form(r, cov, dim):
    """``(maha, log pdet, rank, in_support)`` for a rank-deficient covariance, else ``None``.

    The rank and the support come from an eigendecomposition of the covariance's
    value with SciPy's cutoff, so they are constants.  With ``Q`` an orthonormal
    basis of the range, the covariance restricted to it is ``A = Q^T C Q``
    (``r x r``, non-singular): ``log pdet C = log det A`` and
    ``r^T C^+ r = (Q^T r)^T A^{-1} (Q^T r)``.  Both are traced, so derivatives
    in ``r`` (``x`` and ``mean``) and in ``C`` are of any order; those in ``C``
    are taken with the range held fixed -- the only perturbations that keep
    the rank and the support, off which the density is ``-inf``.  ``in_support``
    is SciPy's test: the part of ``r`` in the null space is below ``1e3`` cutoffs.
    """
    cov = _as_matrix(cov, dim)
    s, u = onp.linalg.eigh(onp.asarray(getval(cov), dtype=float))
    eps = _cutoff(s)
    if s.min() < -eps:
        raise ValueError("The input matrix must be symmetric positive semidefinite.")
    keep = s > eps
    if keep.all():
        return None
    basis, null = u[:, keep], u[:, ~keep]
    lead = shape_of(r)[:-1]
    flat = anp.reshape(r, (-1, dim))
    reduced = anp.dot(anp.dot(basis.T, cov), basis)
    reduced = 0.5 * (reduced + anp.transpose(reduced))
    coords = anp.dot(flat, basis)
    solved = anp.transpose(anpla.solve(reduced, anp.transpose(coords)))
    maha = anp.reshape(anp.sum(coords * solved, axis=-1), lead)
    off = onp.linalg.norm(onp.dot(onp.asarray(getval(flat)), null), axis=-1)
    in_support = onp.reshape(off < 1e3 * eps, lead)
    return maha, anpla.slogdet(reduced)[1], int(keep.sum()), in_support
