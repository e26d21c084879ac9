"""The binomial distribution ``binom(n, p, loc)``.

Every function is differentiable in ``n`` (a real number of trials: through
``gammaln``, and through the incomplete beta function's parameter derivative
for the distribution functions) and ``p``.  The count ``k`` and ``loc`` are
constants.
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
    inside = is_count(k) & (k <= getval(n))
    ks = onp.where(inside, k, 0)
    value = (sp.gammaln(n + 1) - sp.gammaln(ks + 1) - sp.gammaln(n - ks + 1)
             + sp.xlogy(ks, p) + sp.xlog1py(n - ks, -p))
    return anp.where(inside, value, NEG_INF)


@array_args
def pmf(k, n, p, loc=0):
    return anp.exp(logpmf(k, n, p, loc))


def _middle(k, n, loc):
    kf = floor(getval(k) - getval(loc))
    middle = (kf >= 0) & (kf < getval(n))
    return kf, middle, onp.where(middle, kf, 0)


@array_args
def cdf(k, n, p, loc=0):
    kf, middle, ks = _middle(k, n, loc)
    return anp.where(middle, sp.betainc(n - ks, ks + 1, 1 - p), anp.where(kf < 0, 0.0, 1.0))


@array_args
def logcdf(k, n, p, loc=0):
    return log_of(cdf(k, n, p, loc))


@array_args
def sf(k, n, p, loc=0):
    kf, middle, ks = _middle(k, n, loc)
    return anp.where(middle, sp.betainc(ks + 1, n - ks, p), anp.where(kf < 0, 1.0, 0.0))


@array_args
def logsf(k, n, p, loc=0):
    return log_of(sf(k, n, p, loc))
