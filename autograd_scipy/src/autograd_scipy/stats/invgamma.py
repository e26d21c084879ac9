"""The inverse-gamma distribution ``invgamma(a, loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, log_of, standardize, supported

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]


@array_args
def logpdf(x, a, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: -(a + 1) * anp.log(z) - 1 / z, z, NEG_INF) \
        - sp.gammaln(a) - anp.log(scale)


@array_args
def pdf(x, a, loc=0.0, scale=1.0):
    return anp.exp(logpdf(x, a, loc, scale))


def _inv(x, loc, scale):
    """``1 / z`` (``inf`` for ``z <= 0``)."""
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: 1 / z, z, anp.inf)


@array_args
def cdf(x, a, loc=0.0, scale=1.0):
    return sp.gammaincc(a, _inv(x, loc, scale))


@array_args
def logcdf(x, a, loc=0.0, scale=1.0):
    return log_of(cdf(x, a, loc, scale))


@array_args
def sf(x, a, loc=0.0, scale=1.0):
    return sp.gammainc(a, _inv(x, loc, scale))


@array_args
def logsf(x, a, loc=0.0, scale=1.0):
    return log_of(sf(x, a, loc, scale))
