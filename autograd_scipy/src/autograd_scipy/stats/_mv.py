"""Shared by the multivariate distributions: SciPy's argument conventions and the
Mahalanobis form ``r^T C^{-1} r`` with ``log det C``.

Diagonal and scalar covariances (``cov=2.0``, ``cov=[1.0, 2.0]``) are
handled elementwise; a full matrix goes through ``autograd.numpy.linalg``
(``solve`` and ``slogdet``), whose rules the numpy add-on provides.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy import linalg as anpla


def dimension(mean, cov):
    """The dimension of the distribution, by SciPy's rules."""
    if mean is not None:
        return int(onp.size(getval(mean)))
    cv = getval(cov)
    return 1 if onp.ndim(cv) < 2 else onp.shape(cv)[0]


def quantiles(x, dim):
    """``x`` as an array of points ``(..., dim)``, the way SciPy reads it."""
    nd = onp.ndim(getval(x))
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
    return out[()] if onp.ndim(getval(out)) == 0 else out


def maha_logdet(r, cov, dim):
    """``(r^T C^{-1} r over the last axis, log det C)`` for a covariance in SciPy's forms."""
    nd = onp.ndim(getval(cov))
    if nd < 2:
        var = cov * onp.ones(dim) if nd == 0 else cov
        return anp.sum(r ** 2 / var, axis=-1), anp.sum(anp.log(var))
    lead = onp.shape(getval(r))[:-1]
    flat = anp.reshape(r, (-1, dim))
    solved = anp.transpose(anpla.solve(cov, anp.transpose(flat)))
    maha = anp.reshape(anp.sum(flat * solved, axis=-1), lead)
    return maha, anpla.slogdet(cov)[1]
