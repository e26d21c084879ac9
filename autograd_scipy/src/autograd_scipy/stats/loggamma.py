"""The log-gamma distribution ``loggamma(c, loc, scale)``: the law of ``log G``
for ``G ~ gamma(c)``.

Every function is differentiable in every argument (the distribution
functions in ``c`` through the incomplete gamma function's ``a``-derivative).
"""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return c * z - anp.exp(z) - sp.gammaln(c) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, c, loc=0.0, scale=1.0):
    return sp.gammainc(c, anp.exp(standardize(x, loc, scale)))


logcdf = to_log(cdf)


@array_args
def sf(x, c, loc=0.0, scale=1.0):
    return sp.gammaincc(c, anp.exp(standardize(x, loc, scale)))


logsf = to_log(sf)


ppf, isf = quantiles("loggamma", cdf, sf)
