"""The Cauchy distribution ``cauchy(loc, scale)``, differentiable in every argument."""

import math

from autograd_numpy import numpy_wrapper as anp

from ._common import array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG_PI = math.log(math.pi)


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return -_LOG_PI - anp.log1p(z ** 2) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return 0.5 + anp.arctan(standardize(x, loc, scale)) / math.pi


logcdf = to_log(cdf)


@array_args
def sf(x, loc=0.0, scale=1.0):
    return 0.5 - anp.arctan(standardize(x, loc, scale)) / math.pi


logsf = to_log(sf)


ppf, isf = quantiles("cauchy", cdf, sf)
