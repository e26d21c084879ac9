"""Student's t distribution ``t(df, loc, scale)``.

Every function is differentiable in every argument (the distribution
functions, through ``scipy.special.stdtr``, in ``df`` by the incomplete beta
function's parameter derivative).
"""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, df, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return (sp.gammaln((df + 1) / 2) - sp.gammaln(df / 2) - 0.5 * anp.log(df * math.pi)
            - (df + 1) / 2 * anp.log1p(z ** 2 / df) - anp.log(scale))


pdf = from_log(logpdf)


@array_args
def cdf(x, df, loc=0.0, scale=1.0):
    return sp.stdtr(df, standardize(x, loc, scale))


logcdf = to_log(cdf)


@array_args
def sf(x, df, loc=0.0, scale=1.0):
    return sp.stdtr(df, -standardize(x, loc, scale))


logsf = to_log(sf)


ppf, isf = quantiles("t", cdf, sf)
