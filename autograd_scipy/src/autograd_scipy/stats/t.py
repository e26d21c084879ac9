"""Student's t distribution ``t(df, loc, scale)``.

Every function is differentiable in every argument (the distribution
functions, through ``scipy.special.stdtr``, in ``df`` by the incomplete beta
function's parameter derivative).
"""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, log_of, standardize

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]


@array_args
def logpdf(x, df, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return (sp.gammaln((df + 1) / 2) - sp.gammaln(df / 2) - 0.5 * anp.log(df * math.pi)
            - (df + 1) / 2 * anp.log1p(z ** 2 / df) - anp.log(scale))


@array_args
def pdf(x, df, loc=0.0, scale=1.0):
    return anp.exp(logpdf(x, df, loc, scale))


@array_args
def cdf(x, df, loc=0.0, scale=1.0):
    return sp.stdtr(df, standardize(x, loc, scale))


@array_args
def logcdf(x, df, loc=0.0, scale=1.0):
    return log_of(cdf(x, df, loc, scale))


@array_args
def sf(x, df, loc=0.0, scale=1.0):
    return sp.stdtr(df, -standardize(x, loc, scale))


@array_args
def logsf(x, df, loc=0.0, scale=1.0):
    return log_of(sf(x, df, loc, scale))
