"""The exponential distribution ``expon(loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z >= 0, lambda z: -z, z, NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return -anp.maximum(standardize(x, loc, scale), 0.0)


cdf = complement(logsf)
logcdf = to_log(cdf)
sf = from_log(logsf)


ppf, isf = quantiles("expon", cdf, sf)
