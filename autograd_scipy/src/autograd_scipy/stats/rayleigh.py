"""The Rayleigh distribution ``rayleigh(loc, scale)`` on ``[loc, inf)``.

Every function is differentiable in every argument.
"""

from autograd_numpy import numpy_wrapper as anp

from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _logsf(z):
    return supported(z >= 0, lambda z: -0.5 * z ** 2, z, 0.0)


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: anp.log(z) - 0.5 * z ** 2, z, NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return _logsf(standardize(x, loc, scale))


cdf = complement(logsf)
logcdf = to_log(cdf)
sf = from_log(logsf)


ppf, isf = quantiles("rayleigh", cdf, sf)
