"""The Weibull minimum distribution ``weibull_min(c, loc, scale)``, differentiable in
every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: sp.xlogy(c - 1, z) - z ** c, z, NEG_INF) \
        + anp.log(c) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logsf(x, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: -z ** c, z, 0.0)


sf = from_log(logsf)
cdf = complement(logsf)
logcdf = to_log(cdf)


ppf, isf = quantiles("weibull_min", cdf, sf)
