"""The generalized normal distribution ``gennorm(beta, loc, scale)``, density
proportional to ``exp(-|z|**beta)``.

Every function is differentiable in every argument (the distribution
functions in ``beta`` through the incomplete gamma function's
``a``-derivative); at ``x == loc`` the density has no derivative in ``x``
when ``beta <= 1``, as mathematically.
"""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, beta, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return (anp.log(beta) - math.log(2.0) - sp.gammaln(1.0 / beta) - anp.abs(z) ** beta
            - anp.log(scale))


pdf = from_log(logpdf)


def _cdf(z, beta):
    # the upper tail beyond |z| is half the regularized upper incomplete gamma function
    tail = 0.5 * sp.gammaincc(1.0 / beta, anp.abs(z) ** beta)
    return anp.where(z > 0, 1.0 - tail, tail)


@array_args
def cdf(x, beta, loc=0.0, scale=1.0):
    return _cdf(standardize(x, loc, scale), beta)


logcdf = to_log(cdf)


@array_args
def sf(x, beta, loc=0.0, scale=1.0):
    return _cdf(-standardize(x, loc, scale), beta)


logsf = to_log(sf)


ppf, isf = quantiles("gennorm", cdf, sf)
