"""The exponentiated Weibull distribution ``exponweib(a, c, loc, scale)`` on ``[loc, inf)``.

Every function is differentiable in every argument.  The distribution
functions are written through ``log cdf = a log(1 - exp(-z**c))`` so that
neither tail loses precision to cancellation.
"""

from autograd_numpy import numpy_wrapper as anp

from ._common import (
    NEG_INF, array_args, complement, from_log, quantiles, standardize, supported, to_log,
)

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _log1mexp(u):
    """``log(1 - exp(-u))`` for ``u > 0``."""
    return anp.log(-anp.expm1(-u))


def _logcdf(z, a, c):
    return supported(z > 0, lambda z: a * _log1mexp(z ** c), z, NEG_INF)


@array_args
def logpdf(x, a, c, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)

    def inside(z):
        zc = z ** c
        return anp.log(a * c) + (a - 1) * _log1mexp(zc) - zc + (c - 1) * anp.log(z)

    return supported(z > 0, inside, z, NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logcdf(x, a, c, loc=0.0, scale=1.0):
    return _logcdf(standardize(x, loc, scale), a, c)


cdf = from_log(logcdf)
sf = complement(logcdf)
logsf = to_log(sf)


ppf, isf = quantiles("exponweib", cdf, sf)
