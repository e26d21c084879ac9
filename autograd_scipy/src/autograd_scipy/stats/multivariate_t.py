"""The multivariate t distribution, differentiable in ``x``, ``loc``, ``shape`` and ``df``.

Arguments follow SciPy (``loc=None, shape=1, df=1``; ``shape`` a matrix, a
vector (the diagonal) or a scalar); ``df`` must be finite.
"""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._mv import dimension, location, maha_logdet, quantiles, squeeze
from ._common import array_args, from_log

__all__ = ["pdf", "logpdf"]


@array_args
def logpdf(x, loc=None, shape=1, df=1):
    dim = dimension(loc, shape)
    r = quantiles(x, dim) - location(loc, dim)
    maha, logdet = maha_logdet(r, shape, dim)
    out = (sp.gammaln((df + dim) / 2) - sp.gammaln(df / 2) - dim / 2 * anp.log(df * math.pi)
           - 0.5 * logdet - (df + dim) / 2 * anp.log1p(maha / df))
    return squeeze(out)


pdf = from_log(logpdf)
