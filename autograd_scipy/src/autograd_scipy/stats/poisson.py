"""The Poisson distribution ``poisson(mu, loc)``, differentiable in ``mu``.

The count ``k`` (and ``loc``) are constants: the functions are piecewise
constant in them, so their derivative there is zero.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, counts, discrete_quantiles, floor, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, mu, loc=0):
    inside, ks = counts(k, loc)
    return anp.where(inside, sp.xlogy(ks, mu) - mu - sp.gammaln(ks + 1), NEG_INF)


pmf = from_log(logpmf)


@array_args
def cdf(k, mu, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.gammaincc(onp.maximum(kf, 0) + 1, mu), 0.0)


logcdf = to_log(cdf)


@array_args
def sf(k, mu, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.gammainc(onp.maximum(kf, 0) + 1, mu), 1.0)


logsf = to_log(sf)


ppf, isf = discrete_quantiles("poisson", cdf)
