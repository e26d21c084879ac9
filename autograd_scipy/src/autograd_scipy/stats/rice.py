"""The Rice distribution ``rice(b, loc, scale)`` on ``[loc, inf)``: the length of
a 2-vector with mean length ``b`` and unit-variance normal components.

Every function is differentiable in every argument.  The distribution
functions (SciPy's ``chndtr(x**2, 2, b**2)``, which has no derivative rules)
are written as the Poisson mixture of incomplete gamma functions

    cdf = sum_k Poisson(k; b**2/2) P(k + 1, x**2/2)

(``Q`` for ``sf``), summed until the Poisson weights are below double
precision.  The number of terms grows like ``b**2/2``, so very large ``b``
(over about 100) is slow.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import shape_of

from .. import special as sp
from ._common import NEG_INF, array_args, from_log, quantiles, standardize, supported, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    # I_0 scaled by exp(-z b) keeps the exponent moderate: (z - b)**2 / 2
    return supported(z > 0, lambda z: anp.log(z) - 0.5 * (z - b) ** 2 + anp.log(sp.i0e(z * b)),
                     z, NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


def _mixture(z, b, upper):
    lam = 0.5 * b ** 2
    lv = float(onp.max(0.5 * onp.asarray(getval(b), float) ** 2, initial=0.0))
    terms = int(lv + 12 * onp.sqrt(lv) + 40)
    shape = onp.broadcast_shapes(shape_of(z), shape_of(b))
    k = onp.arange(terms, dtype=float).reshape((-1,) + (1,) * len(shape))
    log_w = sp.xlogy(k, lam) - lam - sp.gammaln(k + 1)
    half = 0.5 * anp.maximum(z, 0.0) ** 2
    part = sp.gammaincc(k + 1, half) if upper else sp.gammainc(k + 1, half)
    return anp.sum(anp.exp(log_w) * part, axis=0)


@array_args
def cdf(x, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: _mixture(z, b, False), z, 0.0)


logcdf = to_log(cdf)


@array_args
def sf(x, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return supported(z > 0, lambda z: _mixture(z, b, True), z, 1.0)


logsf = to_log(sf)


ppf, isf = quantiles("rice", cdf, sf)
