"""The truncated normal distribution ``truncnorm(a, b, loc, scale)``: the
normal distribution restricted to ``[loc + a*scale, loc + b*scale]`` (``a``
and ``b`` are in standard units, as in SciPy).

Every function is differentiable in every argument (``a`` and ``b`` enter
through the normalizing mass ``Phi(b) - Phi(a)``).  Masses of intervals are
taken in log space, from whichever tail keeps them accurate, so intervals far
in a tail keep their precision.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import LOG_SQRT_2PI, NEG_INF, array_args, from_log, quantiles, standardize, supported

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


def _log_mass(lo, hi):
    """``log(Phi(hi) - Phi(lo))`` for ``lo <= hi``."""
    def from_left(lo, hi):          # both below the mode: the lower tail is accurate
        big = sp.log_ndtr(hi)
        return big + anp.log1p(-anp.exp(sp.log_ndtr(lo) - big))

    with onp.errstate(divide="ignore", invalid="ignore"):
        left = from_left(lo, hi)
        right = from_left(-hi, -lo)     # both above: mirror into the lower tail
        middle = anp.log1p(-sp.ndtr(lo) - sp.ndtr(-hi))
    lov, hiv = getval(lo), getval(hi)
    return anp.where(hiv <= 0, left, anp.where(lov >= 0, right, middle))


def _safe(a, b):
    """A point strictly inside ``(a, b)`` (a constant), where masked branches are evaluated."""
    a, b = onp.asarray(getval(a), float), onp.asarray(getval(b), float)
    return onp.where(onp.isfinite(a) & onp.isfinite(b), (a + b) / 2,
                     onp.where(onp.isfinite(a), a + 1, onp.where(onp.isfinite(b), b - 1, 0.0)))


@array_args
def logpdf(x, a, b, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    inside = (z >= a) & (z <= b)
    return (supported(inside, lambda z: -0.5 * z ** 2, z, NEG_INF, _safe(a, b))
            - LOG_SQRT_2PI - _log_mass(a, b) - anp.log(scale))


pdf = from_log(logpdf)


def _log_part(z, a, b, lower):
    """``log P(Z <= z)`` (``lower``) or ``log P(Z > z)`` for the truncated ``Z``."""
    inside = (z > a) & (z < b)
    below = getval(z) <= getval(a)
    fill = onp.where(below, NEG_INF, 0.0) if lower else onp.where(below, 0.0, NEG_INF)

    def part(z):
        return (_log_mass(a, z) if lower else _log_mass(z, b)) - _log_mass(a, b)

    return supported(inside, part, z, fill, _safe(a, b))


@array_args
def logcdf(x, a, b, loc=0.0, scale=1.0):
    return _log_part(standardize(x, loc, scale), a, b, True)


cdf = from_log(logcdf)


@array_args
def logsf(x, a, b, loc=0.0, scale=1.0):
    return _log_part(standardize(x, loc, scale), a, b, False)


sf = from_log(logsf)


ppf, isf = quantiles("truncnorm", cdf, sf)
