"""The Laplace distribution ``laplace(loc, scale)``, differentiable in every argument
(except at ``x == loc``, where the density has a kink)."""

import math

from autograd_numpy import numpy_wrapper as anp

from ._common import array_args, from_log, quantiles, standardize

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG_HALF = math.log(0.5)


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    return -anp.abs(standardize(x, loc, scale)) - anp.log(2 * scale)


pdf = from_log(logpdf)


def _logcdf(z):
    # exp(-|z|) never overflows, on either branch
    tail = -anp.abs(z)
    return anp.where(z < 0, _LOG_HALF + tail, anp.log1p(-0.5 * anp.exp(tail)))


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return _logcdf(standardize(x, loc, scale))


cdf = from_log(logcdf)


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return _logcdf(-standardize(x, loc, scale))


sf = from_log(logsf)


ppf, isf = quantiles("laplace", cdf, sf)
