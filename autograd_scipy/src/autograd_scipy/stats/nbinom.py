"""The negative binomial distribution ``nbinom(n, p, loc)``.

Every function is differentiable in ``n`` and ``p`` (the distribution
functions in ``n`` through the incomplete beta function's parameter
derivative).  The count ``k`` and ``loc`` are constants.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, floor, is_count, log_of

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf"]


@array_args
def logpmf(k, n, p, loc=0):
    k = getval(k) - getval(loc)
    inside = is_count(k)
    ks = onp.where(inside, k, 0)
    value = (sp.gammaln(ks + n) - sp.gammaln(ks + 1) - sp.gammaln(n)
             + n * anp.log(p) + sp.xlog1py(ks, -p))
    return anp.where(inside, value, NEG_INF)


@array_args
def pmf(k, n, p, loc=0):
    return anp.exp(logpmf(k, n, p, loc))


@array_args
def cdf(k, n, p, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.betainc(n, onp.maximum(kf, 0) + 1, p), 0.0)


@array_args
def logcdf(k, n, p, loc=0):
    return log_of(cdf(k, n, p, loc))


@array_args
def sf(k, n, p, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= 0, sp.betaincc(n, onp.maximum(kf, 0) + 1, p), 1.0)


@array_args
def logsf(k, n, p, loc=0):
    return log_of(sf(k, n, p, loc))
