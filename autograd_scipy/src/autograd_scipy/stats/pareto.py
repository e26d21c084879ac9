"""The Pareto distribution ``pareto(b, loc, scale)`` on ``[loc + scale, inf)``.

Every function is differentiable in every argument.
"""

from autograd_numpy import numpy_wrapper as anp

from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _logsf(z, b):
    return supported(z >= 1, lambda z: -b * anp.log(z), z, 0.0, 2.0)


@array_args
def logpdf(x, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z >= 1, lambda z: anp.log(b) - (b + 1) * anp.log(z), z,
                     NEG_INF, 2.0) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logsf(x, b, loc=0.0, scale=1.0):
    return _logsf(standardize(x, loc, scale), b)


cdf = complement(logsf)
logcdf = to_log(cdf)
sf = from_log(logsf)


ppf, isf = quantiles("pareto", cdf, sf)
