"""The negative binomial distribution ``nbinom(n, p, loc)``.

Every function is differentiable in ``n`` and ``p`` (the distribution
functions in ``n`` through the incomplete beta function's parameter
derivative).  The count ``k`` and ``loc`` are constants.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, counts, discrete_quantiles, floor, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, n, p, loc=0):
    inside, ks = counts(k, loc)
    value = (sp.gammaln(ks + n) - sp.gammaln(ks + 1) - sp.gammaln(n)
             + n * anp.log(p) + sp.xlog1py(ks, -p))
    return anp.where(inside, value, NEG_INF)


pmf = from_log(logpmf)


@array_args
def cdf(k, n, p, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.betainc(n, onp.maximum(kf, 0) + 1, p), 0.0)


logcdf = to_log(cdf)


@array_args
def sf(k, n, p, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.betaincc(n, onp.maximum(kf, 0) + 1, p), 1.0)


logsf = to_log(sf)


ppf, isf = discrete_quantiles("nbinom", cdf)
