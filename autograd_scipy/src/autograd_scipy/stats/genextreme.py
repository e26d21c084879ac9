"""The generalized extreme value distribution ``genextreme(c, loc, scale)``,
with SciPy's sign convention: ``cdf(z) = exp(-(1 - c z)**(1/c))``, the Gumbel
distribution at ``c == 0``.

Every function is differentiable in every argument.  The support is bounded
above by ``1/c`` when ``c > 0`` and below by ``1/c`` when ``c < 0``.  Where
``|c z|`` is small (``c == 0`` included) the functions use the series of
``-log1p(-c z)/c`` in ``c z``, so derivatives in ``c`` stay accurate there.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from ._common import NEG_INF, array_args, complement, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


_SERIES_TERMS = 9     # (c z)**9 / 10 < 1e-19 where the series is used: |c z| < 1e-2


def _reduced(z, c):
    """``(t, inside)`` with ``t = -log1p(-c z)/c`` (``exp(-t)`` is ``-log cdf``)."""
    cz = onp.asarray(getval(c) * getval(z))
    inside = cz < 1
    zs = anp.where(inside, z, 0.0)       # keeps log1p away from its pole off the support
    near = onp.abs(cz) < 1e-2
    # the quotient cancels as c -> 0 (and its derivatives in c worse): use the
    # series z * sum_j (c z)**j / (j + 1) there
    cs = anp.where(near, 1.0, c)
    general = -anp.log1p(-cs * anp.where(near, 0.0, zs)) / cs
    if not near.any():
        return general, inside
    u = c * anp.where(near, zs, 0.0)
    series = sum(u ** j / (j + 1) for j in range(_SERIES_TERMS))
    return anp.where(near, zs * series, general), inside


def _logcdf(z, c):
    t, inside = _reduced(z, c)
    # off the support: above the upper end (c > 0) the cdf is 1, below the lower end 0
    off = onp.where(onp.asarray(getval(c)) > 0, 0.0, NEG_INF)
    return anp.where(inside, -anp.exp(-t), off)


@array_args
def logpdf(x, c, loc=0.0, scale=1.0):
    t, inside = _reduced(standardize(x, loc, scale), c)
    return anp.where(inside, -anp.exp(-t) - (1 - c) * t, NEG_INF) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def logcdf(x, c, loc=0.0, scale=1.0):
    return _logcdf(standardize(x, loc, scale), c)


cdf = from_log(logcdf)
sf = complement(logcdf)
logsf = to_log(sf)


ppf, isf = quantiles("genextreme", cdf, sf)
