"""The right-skewed Gumbel distribution ``gumbel_r(loc, scale)``, differentiable in
every argument."""

from autograd_numpy import numpy_wrapper as anp

from ._common import array_args, complement, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return -z - anp.exp(-z) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return -anp.exp(-standardize(x, loc, scale))


cdf = from_log(logcdf)
sf = complement(logcdf)
logsf = to_log(sf)


ppf, isf = quantiles("gumbel_r", cdf, sf)
