"""The beta distribution ``beta(a, b, loc, scale)`` on ``[loc, loc + scale]``.

Every function is differentiable in every argument (the distribution
functions in ``a`` and ``b`` through :mod:`autograd_scipy.special._incomplete_beta`).
"""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, a, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    inside = (z > 0) & (z < 1)
    return supported(inside, lambda z: sp.xlogy(a - 1, z) + sp.xlog1py(b - 1, -z), z,
                     NEG_INF, 0.5) - sp.betaln(a, b) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, a, b, loc=0.0, scale=1.0):
    return sp.betainc(a, b, anp.clip(standardize(x, loc, scale), 0.0, 1.0))


logcdf = to_log(cdf)


@array_args
def sf(x, a, b, loc=0.0, scale=1.0):
    return sp.betaincc(a, b, anp.clip(standardize(x, loc, scale), 0.0, 1.0))


logsf = to_log(sf)


ppf, isf = quantiles("beta", cdf, sf)
