"""The skew-normal distribution ``skewnorm(a, loc, scale)``.

Every function is differentiable in every argument: the density through
``log_ndtr``, the distribution functions through Owen's T function
(``cdf = ndtr(z) - 2 T(z, a)``), whose rules cover both its arguments.

Limitation: that difference cancels in the far tail on the short side (the
left tail when ``a > 0``), so there ``cdf``/``logcdf`` (``sf``/``logsf`` for
``a < 0``) lose relative precision once the value is below about
``1e-16 * ndtr(z)``; SciPy integrates the density numerically there.
"""

import math

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import LOG_SQRT_2PI, array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG2 = math.log(2.0)


@array_args
def logpdf(x, a, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return _LOG2 - 0.5 * z ** 2 - LOG_SQRT_2PI + sp.log_ndtr(a * z) - anp.log(scale)


pdf = from_log(logpdf)


def _cdf(z, a):
    return anp.clip(sp.ndtr(z) - 2 * sp.owens_t(z, a), 0.0, 1.0)


@array_args
def cdf(x, a, loc=0.0, scale=1.0):
    return _cdf(standardize(x, loc, scale), a)


logcdf = to_log(cdf)


@array_args
def sf(x, a, loc=0.0, scale=1.0):
    # the reflection: X > x exactly when -X < -x, and -X is skewnorm(-a)
    return _cdf(-standardize(x, loc, scale), -a)


logsf = to_log(sf)


ppf, isf = quantiles("skewnorm", cdf, sf)
