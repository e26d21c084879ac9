"""The normal distribution ``norm(loc, scale)``, differentiable in ``x``, ``loc`` and ``scale``.

>>> round(float(logpdf(0.5, loc=0.0, scale=2.0)), 6)
-1.643336
"""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import LOG_SQRT_2PI, array_args, from_log, quantiles, standardize

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return -0.5 * z ** 2 - LOG_SQRT_2PI - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return sp.ndtr(standardize(x, loc, scale))


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return sp.log_ndtr(standardize(x, loc, scale))


@array_args
def sf(x, loc=0.0, scale=1.0):
    return sp.ndtr(-standardize(x, loc, scale))


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return sp.log_ndtr(-standardize(x, loc, scale))


ppf, isf = quantiles("norm", cdf, sf)
