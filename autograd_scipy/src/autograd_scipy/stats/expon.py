"""The exponential distribution ``expon(loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from ._common import NEG_INF, array_args, log_of, standardize, supported

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z >= 0, lambda z: -z, z, NEG_INF) - anp.log(scale)


@array_args
def pdf(x, loc=0.0, scale=1.0):
    return anp.exp(logpdf(x, loc, scale))


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return -anp.expm1(-anp.maximum(standardize(x, loc, scale), 0.0))


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return log_of(cdf(x, loc, scale))


@array_args
def sf(x, loc=0.0, scale=1.0):
    return anp.exp(logsf(x, loc, scale))


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return -anp.maximum(standardize(x, loc, scale), 0.0)
