"""The Cauchy distribution ``cauchy(loc, scale)``, differentiable in every argument."""

import math

from autograd_numpy import numpy_wrapper as anp

from ._common import array_args, log_of, standardize

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]

_LOG_PI = math.log(math.pi)


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return -_LOG_PI - anp.log1p(z ** 2) - anp.log(scale)


@array_args
def pdf(x, loc=0.0, scale=1.0):
    return anp.exp(logpdf(x, loc, scale))


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return 0.5 + anp.arctan(standardize(x, loc, scale)) / math.pi


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return log_of(cdf(x, loc, scale))


@array_args
def sf(x, loc=0.0, scale=1.0):
    return 0.5 - anp.arctan(standardize(x, loc, scale)) / math.pi


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return log_of(sf(x, loc, scale))
