"""The multivariate normal distribution, differentiable in ``x``, ``mean`` and ``cov``.

Arguments follow SciPy: ``cov`` is a matrix, a vector (the diagonal) or a
scalar; ``x`` holds points along its last axis.  ``allow_singular`` is
accepted for compatibility; the covariance must be non-singular.

>>> import numpy as onp
>>> round(float(logpdf(onp.zeros(2), mean=onp.zeros(2), cov=[1.0, 1.0])), 6)
-1.837877
"""

from autograd_numpy import numpy_wrapper as anp

from ._common import LOG_2PI, array_args
from ._mv import dimension, location, maha_logdet, quantiles, squeeze

__all__ = ["pdf", "logpdf", "entropy"]


@array_args
def logpdf(x, mean=None, cov=1, allow_singular=False):
    dim = dimension(mean, cov)
    r = quantiles(x, dim) - location(mean, dim)
    maha, logdet = maha_logdet(r, cov, dim)
    return squeeze(-0.5 * (dim * LOG_2PI + logdet + maha))


@array_args
def pdf(x, mean=None, cov=1, allow_singular=False):
    return anp.exp(logpdf(x, mean, cov, allow_singular))


@array_args
def entropy(mean=None, cov=1):
    dim = dimension(mean, cov)
    _, logdet = maha_logdet(anp.zeros((1, dim)), cov, dim)
    return 0.5 * (dim * (1 + LOG_2PI) + logdet)
