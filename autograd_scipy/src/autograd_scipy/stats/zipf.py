"""The Zipf (zeta) distribution ``zipf(a, loc)`` on ``1, 2, ...``, for ``a > 1``.

Every function is differentiable in ``a`` (through the Hurwitz zeta
function's derivative in its first argument): ``pmf = k**-a / zeta(a)`` and
``sf(k) = zeta(a, k + 1) / zeta(a)``.  The count ``k`` and ``loc`` are
constants.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, counts, discrete_quantiles, floor, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, a, loc=0):
    inside, ks = counts(k, loc, low=1)
    return anp.where(inside, -a * onp.log(ks) - anp.log(sp.zeta(a, 1.0)), NEG_INF)


pmf = from_log(logpmf)


def _sf(k, a, loc):
    kf = floor(getval(k) - getval(loc))
    q = onp.maximum(kf, 0) + 1
    return anp.where(kf < 1, 1.0, sp.zeta(a, q) / sp.zeta(a, 1.0))


@array_args
def cdf(k, a, loc=0):
    return 1.0 - _sf(k, a, loc)


logcdf = to_log(cdf)


@array_args
def sf(k, a, loc=0):
    return _sf(k, a, loc)


logsf = to_log(sf)


ppf, isf = discrete_quantiles("zipf", cdf)
