"""The Weibull minimum distribution ``weibull_min(c, loc, scale)``, differentiable in
every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, log_of, standardize, supported

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]


@array_args
def logpdf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: sp.xlogy(c - 1, z) - z ** c, z, NEG_INF) \
        + anp.log(c) - anp.log(scale)


@array_args
def pdf(x, c, loc=0.0, scale=1.0):
    return anp.exp(logpdf(x, c, loc, scale))


@array_args
def logsf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: -z ** c, z, 0.0)


@array_args
def sf(x, c, loc=0.0, scale=1.0):
    return anp.exp(logsf(x, c, loc, scale))


@array_args
def cdf(x, c, loc=0.0, scale=1.0):
    return -anp.expm1(logsf(x, c, loc, scale))


@array_args
def logcdf(x, c, loc=0.0, scale=1.0):
    return log_of(cdf(x, c, loc, scale))
