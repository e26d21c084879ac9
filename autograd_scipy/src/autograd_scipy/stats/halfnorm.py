"""The half-normal distribution ``halfnorm(loc, scale)``, differentiable in every argument."""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG_2_OVER_PI_HALF = 0.5 * math.log(2 / math.pi)
_LOG2 = math.log(2.0)
_SQRT2 = math.sqrt(2.0)


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z >= 0, lambda z: _LOG_2_OVER_PI_HALF - 0.5 * z ** 2, z, NEG_INF) \
        - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return sp.erf(anp.maximum(standardize(x, loc, scale), 0.0) / _SQRT2)


logcdf = to_log(cdf)


@array_args
def sf(x, loc=0.0, scale=1.0):
    return sp.erfc(anp.maximum(standardize(x, loc, scale), 0.0) / _SQRT2)


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return _LOG2 + sp.log_ndtr(-anp.maximum(standardize(x, loc, scale), 0.0))


ppf, isf = quantiles("halfnorm", cdf, sf)
