"""The gamma distribution ``gamma(a, loc, scale)``, differentiable in every argument.

The derivative of the distribution functions in ``a`` is that of the
incomplete gamma function (:mod:`autograd_scipy.special._series`).
"""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, a, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: sp.xlogy(a - 1, z) - z, z, NEG_INF) \
        - sp.gammaln(a) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, a, loc=0.0, scale=1.0):
    return sp.gammainc(a, anp.maximum(standardize(x, loc, scale), 0.0))


logcdf = to_log(cdf)


@array_args
def sf(x, a, loc=0.0, scale=1.0):
    return sp.gammaincc(a, anp.maximum(standardize(x, loc, scale), 0.0))


logsf = to_log(sf)


ppf, isf = quantiles("gamma", cdf, sf)
