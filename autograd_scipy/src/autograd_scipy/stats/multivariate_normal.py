"""The multivariate normal distribution, differentiable in ``x``, ``mean`` and ``cov``.

Arguments follow SciPy: ``cov`` is a matrix, a vector (the diagonal) or a
scalar; ``x`` holds points along its last axis.  With ``allow_singular=True``
a positive semi-definite, rank-deficient covariance is accepted as SciPy
accepts it: the density lives on the range of ``cov`` (translated by
``mean``), uses the pseudo-determinant and the pseudo-inverse there and the
rank in place of the dimension, and is ``-inf`` (``pdf``: 0) off it; the rank
is decided on the eigenvalues of ``cov`` with SciPy's tolerance.  Derivatives
in ``x`` and ``mean`` are the usual ones (along the support); those in
``cov`` are taken with its range held fixed (see :func:`._mv.pseudo_form`).
``entropy`` accepts a singular covariance too, as SciPy's does.

>>> import numpy as onp
>>> round(float(logpdf(onp.zeros(2), mean=onp.zeros(2), cov=[1.0, 1.0])), 6)
-1.837877
"""

import numpy as onp

from autograd_numpy import numpy_wrapper as anp

from ._common import LOG_2PI, NEG_INF, array_args, from_log
from ._mv import dimension, location, maha_logdet, pseudo_form, quantiles, squeeze

__all__ = ["pdf", "logpdf", "entropy"]


@array_args
def logpdf(x, mean=None, cov=1, allow_singular=False):
    dim = dimension(mean, cov)
    r = quantiles(x, dim) - location(mean, dim)
    singular = pseudo_form(r, cov, dim) if allow_singular else None
    if singular is None:
        maha, logdet = maha_logdet(r, cov, dim)
        return squeeze(-0.5 * (dim * LOG_2PI + logdet + maha))
    maha, logpdet, rank, in_support = singular
    return squeeze(anp.where(in_support, -0.5 * (rank * LOG_2PI + logpdet + maha), NEG_INF))


pdf = from_log(logpdf)


@array_args
def entropy(mean=None, cov=1):
    dim = dimension(mean, cov)
    origin = onp.zeros((1, dim))
    singular = pseudo_form(origin, cov, dim)
    if singular is None:
        return 0.5 * (dim * (1 + LOG_2PI) + maha_logdet(origin, cov, dim)[1])
    _, logpdet, rank, _ = singular
    return 0.5 * (rank * (1 + LOG_2PI) + logpdet)
