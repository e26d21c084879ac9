"""The Dirichlet-multinomial distribution ``dirichlet_multinomial(alpha, n)``,
differentiable in ``alpha``.

The categories run along the last axis of ``x`` and ``alpha``; the counts
``x`` and the number of trials ``n`` (which must equal ``sum(x)``) are constants.  As in SciPy, counts that
are not non-negative integers raise ``ValueError``, and counts that do not sum
to ``n`` have probability 0.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log
from ._mv import squeeze

__all__ = ["pmf", "logpmf"]


@array_args
def logpmf(x, alpha, n):
    x = onp.asarray(getval(x), float)
    n = onp.asarray(getval(n), float)
    if onp.any(x < 0) or onp.any(onp.floor(x) != x):
        raise ValueError("`x` must contain only non-negative integers.")   # as SciPy
    inside = onp.sum(x, axis=-1) == n
    xs = onp.where(inside[..., None], x, 0.0)
    total = anp.sum(alpha, axis=-1)
    value = (sp.gammaln(total) + sp.gammaln(n + 1) - sp.gammaln(n + total)
             + anp.sum(sp.gammaln(xs + alpha) - sp.gammaln(alpha), axis=-1)
             - onp.sum(sp.gammaln(xs + 1), axis=-1))
    return squeeze(anp.where(inside, value, NEG_INF))


pmf = from_log(logpmf)
