"""The Gompertz distribution ``gompertz(c, loc, scale)`` on ``[loc, inf)``.

Every function is differentiable in every argument.
"""

from autograd_numpy import numpy_wrapper as anp

from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _logsf(z, c):
    return supported(z >= 0, lambda z: -c * anp.expm1(z), z, 0.0)


@array_args
def logpdf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z >= 0, lambda z: anp.log(c) + z - c * anp.expm1(z), z,
                     NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logsf(x, c, loc=0.0, scale=1.0):
    return _logsf(standardize(x, loc, scale), c)


cdf = complement(logsf)
logcdf = to_log(cdf)
sf = from_log(logsf)


ppf, isf = quantiles("gompertz", cdf, sf)
