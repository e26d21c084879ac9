"""The matrix normal distribution ``matrix_normal(mean, rowcov, colcov)``,
differentiable in ``X``, ``mean``, ``rowcov`` and ``colcov``.

As in SciPy, ``X`` is an ``(m, n)`` matrix or a stack ``(..., m, n)``; a
covariance may be a scalar (times the identity) or a vector (a diagonal
matrix).  ``vec(X)`` is normal with covariance ``colcov ⊗ rowcov``.
"""

import math

import numpy as onp

from autograd_numpy import linalg as anpla
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import ndim_of, shape_of

from ._common import array_args, from_log
from ._mv import squeeze

__all__ = ["pdf", "logpdf"]


def _cov(c, size):
    nd = ndim_of(c)
    if nd == 0:
        return c * onp.eye(size)
    return anp.diag(c) if nd == 1 else c


def _size(c):
    nd = ndim_of(c)
    return 1 if nd == 0 else shape_of(c)[0]


@array_args
def logpdf(X, mean=None, rowcov=1, colcov=1):
    if mean is None:
        m, n = _size(rowcov), _size(colcov)
        mean = onp.zeros((m, n))
    else:
        m, n = shape_of(mean)
    u, v = _cov(rowcov, m), _cov(colcov, n)
    r = X - mean
    # tr(V^-1 R^T U^-1 R) for every R in the stack
    quad = anp.sum(anpla.solve(u, r) * anp.swapaxes(anpla.solve(v, anp.swapaxes(r, -1, -2)),
                                                     -1, -2), axis=(-2, -1))
    return squeeze(-0.5 * (m * n * math.log(2 * math.pi) + n * anpla.slogdet(u)[1]
                           + m * anpla.slogdet(v)[1] + quad))


pdf = from_log(logpdf)
