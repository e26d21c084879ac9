"""The log-normal distribution ``lognorm(s, loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import LOG_SQRT_2PI, NEG_INF, array_args, from_log, quantiles, standardize, supported

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, s, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)

    def inside(z):
        logz = anp.log(z)
        return -logz - 0.5 * (logz / s) ** 2

    return supported(z > 0, inside, z, NEG_INF) - anp.log(s) - LOG_SQRT_2PI - anp.log(scale)


pdf = from_log(logpdf)


def _u(x, s, loc, scale):
    """``log(z) / s`` (``-inf`` for ``z <= 0``)."""
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: anp.log(z) / s, z, NEG_INF)


@array_args
def cdf(x, s, loc=0.0, scale=1.0):
    return sp.ndtr(_u(x, s, loc, scale))


@array_args
def logcdf(x, s, loc=0.0, scale=1.0):
    return sp.log_ndtr(_u(x, s, loc, scale))


@array_args
def sf(x, s, loc=0.0, scale=1.0):
    return sp.ndtr(-_u(x, s, loc, scale))


@array_args
def logsf(x, s, loc=0.0, scale=1.0):
    return sp.log_ndtr(-_u(x, s, loc, scale))


ppf, isf = quantiles("lognorm", cdf, sf)
