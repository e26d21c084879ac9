"""The beta-binomial distribution ``betabinom(n, a, b, loc)``.

Every function is differentiable in ``n``, ``a`` and ``b`` (SciPy takes only
integer ``n``; the derivative in ``n`` is that of the same formula with
``gammaln`` and ``betaln`` continued to real ``n``, as for ``binom``).  The
count ``k`` and ``loc`` are constants.  The distribution functions sum the
probabilities of the counts ``0..n`` (SciPy does the same), so their cost
grows with ``n``.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import shape_of

from .. import special as sp
from ._common import NEG_INF, array_args, counts, discrete_quantiles, floor, from_log, to_log

__all__ = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _logpmf(k, n, a, b):
    return (sp.gammaln(n + 1) - sp.gammaln(k + 1) - sp.gammaln(n - k + 1)
            + sp.betaln(k + a, n - k + b) - sp.betaln(a, b))


@array_args
def logpmf(k, n, a, b, loc=0):
    inside, ks = counts(k, loc, high=n)
    return anp.where(inside, _logpmf(ks, n, a, b), NEG_INF)


pmf = from_log(logpmf)


def _lower_sum(k, n, a, b, loc):
    """``P(K <= k)`` for ``0 <= k < n``, summing the pmf over the counts up to ``k``."""
    kf = floor(getval(k) - getval(loc))
    nv = onp.asarray(getval(n))
    shape = onp.broadcast_shapes(onp.shape(kf), nv.shape, shape_of(a),
                                 shape_of(b))
    j = onp.arange(int(onp.max(nv, initial=0)) + 1, dtype=float).reshape((-1,) + (1,) * len(shape))
    terms = anp.exp(_logpmf(onp.minimum(j, nv), n, a, b))
    return anp.sum(anp.where(j <= kf, terms, 0.0), axis=0) + onp.zeros(shape)


@array_args
def cdf(k, n, a, b, loc=0):
    kf = floor(getval(k) - getval(loc))
    return anp.where(kf >= getval(n), 1.0, _lower_sum(k, n, a, b, loc))


logcdf = to_log(cdf)


@array_args
def sf(k, n, a, b, loc=0):
    # as in SciPy, the complement of the cdf (so the derivative in a real n is
    # that of the same sum)
    return 1.0 - cdf(k, n, a, b, loc)


logsf = to_log(sf)


ppf, isf = discrete_quantiles("betabinom", cdf)
