"""The geometric distribution ``geom(p, loc)`` on ``k = 1, 2, ...``, differentiable in ``p``.

The count ``k`` and ``loc`` are constants.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import (
    NEG_INF, array_args, complement, counts, discrete_quantiles, floor, from_log, to_log,
)

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpmf(k, p, loc=0):
    inside, ks = counts(k, loc, low=1)
    return anp.where(inside, sp.xlog1py(ks - 1, -p) + anp.log(p), NEG_INF)


pmf = from_log(logpmf)


@array_args
def logsf(k, p, loc=0):
    kf = floor(getval(k) - getval(loc))
    return onp.maximum(kf, 0) * anp.log1p(-p)


sf = from_log(logsf)
cdf = complement(logsf)
logcdf = to_log(cdf)


ppf, isf = discrete_quantiles("geom", cdf)
