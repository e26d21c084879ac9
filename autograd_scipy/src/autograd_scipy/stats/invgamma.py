"""The inverse-gamma distribution ``invgamma(a, loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, a, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: -(a + 1) * anp.log(z) - 1 / z, z, NEG_INF) \
        - sp.gammaln(a) - anp.log(scale)


pdf = from_log(logpdf)


def _inv(x, loc, scale):
    """``1 / z`` (``inf`` for ``z <= 0``)."""
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: 1 / z, z, anp.inf)


@array_args
def cdf(x, a, loc=0.0, scale=1.0):
    return sp.gammaincc(a, _inv(x, loc, scale))


logcdf = to_log(cdf)


@array_args
def sf(x, a, loc=0.0, scale=1.0):
    return sp.gammainc(a, _inv(x, loc, scale))


logsf = to_log(sf)


ppf, isf = quantiles("invgamma", cdf, sf)
