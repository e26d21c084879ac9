"""The chi-squared distribution ``chi2(df, loc, scale)``, differentiable in every argument."""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG2 = math.log(2.0)


@array_args
def logpdf(x, df, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    k = df / 2
    return supported(z > 0, lambda z: sp.xlogy(k - 1, z) - z / 2, z, NEG_INF) \
        - k * _LOG2 - sp.gammaln(k) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, df, loc=0.0, scale=1.0):
    return sp.gammainc(df / 2, anp.maximum(standardize(x, loc, scale), 0.0) / 2)


logcdf = to_log(cdf)


@array_args
def sf(x, df, loc=0.0, scale=1.0):
    return sp.gammaincc(df / 2, anp.maximum(standardize(x, loc, scale), 0.0) / 2)


logsf = to_log(sf)


ppf, isf = quantiles("chi2", cdf, sf)
