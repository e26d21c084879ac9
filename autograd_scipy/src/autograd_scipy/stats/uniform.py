"""The uniform distribution ``uniform(loc, scale)`` on ``[loc, loc + scale]``."""

from autograd_numpy import numpy_wrapper as anp

from ._common import NEG_INF, array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return anp.where((z >= 0) & (z <= 1), -anp.log(scale), NEG_INF)


pdf = from_log(logpdf)


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return anp.clip(standardize(x, loc, scale), 0.0, 1.0)


logcdf = to_log(cdf)


@array_args
def sf(x, loc=0.0, scale=1.0):
    return 1.0 - cdf(x, loc, scale)


logsf = to_log(sf)


ppf, isf = quantiles("uniform", cdf, sf)
