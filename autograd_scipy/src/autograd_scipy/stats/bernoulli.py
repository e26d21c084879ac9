"""The Bernoulli distribution ``bernoulli(p, loc)``, differentiable in ``p``.

The outcome ``k`` and ``loc`` are constants.
"""

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, discrete_quantiles, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, p, loc=0):
    k = getval(k) - getval(loc)
    inside = (k == 0) | (k == 1)
    ks = anp.where(inside, k, 0)
    return anp.where(inside, sp.xlogy(ks, p) + sp.xlog1py(1 - ks, -p), NEG_INF)


pmf = from_log(logpmf)


@array_args
def cdf(k, p, loc=0):
    k = getval(k) - getval(loc)
    return anp.where(k < 0, 0.0, anp.where(k < 1, 1 - p, 1.0))


logcdf = to_log(cdf)


@array_args
def sf(k, p, loc=0):
    k = getval(k) - getval(loc)
    return anp.where(k < 0, 1.0, anp.where(k < 1, p, 0.0))


logsf = to_log(sf)


ppf, isf = discrete_quantiles("bernoulli", cdf)
