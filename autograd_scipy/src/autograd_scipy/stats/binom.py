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
from ._common import NEG_INF, array_args, counts, discrete_quantiles, floor, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, n, p, loc=0):
    inside, ks = counts(k, loc, high=n)
    value = (sp.gammaln(n + 1) - sp.gammaln(ks + 1) - sp.gammaln(n - ks + 1)
             + sp.xlogy(ks, p) + sp.xlog1py(n - ks, -p))
    return anp.where(inside, value, NEG_INF)


pmf = from_log(logpmf)


def _middle(k, n, loc):
    kf = floor(getval(k) - getval(loc))
    middle = (kf >= 0) & (kf < getval(n))
    return kf, middle, onp.where(middle, kf, 0)


@array_args
def cdf(k, n, p, loc=0):
    kf, middle, ks = _middle(k, n, loc)
    return anp.where(middle, sp.betainc(n - ks, ks + 1, 1 - p), anp.where(kf < 0, 0.0, 1.0))


logcdf = to_log(cdf)


@array_args
def sf(k, n, p, loc=0):
    kf, middle, ks = _middle(k, n, loc)
    return anp.where(middle, sp.betainc(ks + 1, n - ks, p), anp.where(kf < 0, 1.0, 0.0))


logsf = to_log(sf)


ppf, isf = discrete_quantiles("binom", cdf)
