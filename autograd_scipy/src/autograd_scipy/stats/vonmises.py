"""The von Mises distribution ``vonmises(kappa, loc, scale)``, as SciPy defines it
on the whole real line: the density is periodic and
``cdf(x + 2 pi) == cdf(x) + 1``.

Every function is differentiable in every argument.  The distribution function
follows SciPy's two regimes: for ``kappa < 50`` its Fourier series
``1/2 + x/(2 pi) + (1/pi) sum_n I_n(kappa)/I_0(kappa) sin(n x)/n`` (summed far
enough that the tail is below double precision), for larger ``kappa`` the
normal approximation ``ndtr(sqrt(2/pi) e**kappa / I_0(kappa) sin(x/2))`` SciPy
uses there.  ``sf`` and the logarithms derive from it as in SciPy.
"""

import math

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log, quantiles, standardize, to_log

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]

_LOG_2PI = math.log(2 * math.pi)
_SERIES_BELOW = 50.0      # SciPy's switch from the series to the normal approximation


@array_args
def logpdf(x, kappa, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    return kappa * sp.cosm1(z) - _LOG_2PI - anp.log(sp.i0e(kappa)) - anp.log(scale)


pdf = from_log(logpdf)


def _series(z, kappa):
    kv = onp.asarray(getval(kappa), float)
    # I_n(k)/I_0(k) falls off like exp(-n**2 / (2k)): 40 + 1.5 k terms reach 1e-17
    terms = int(40 + 1.5 * min(float(onp.max(kv, initial=0.0)), _SERIES_BELOW))
    n = onp.arange(1, terms + 1, dtype=float).reshape((-1,) + (1,) * onp.ndim(
        onp.broadcast_arrays(getval(z), kv)[0]))
    ratio = sp.ive(n, kappa) / sp.i0e(kappa)
    total = anp.sum(ratio * anp.sin(n * z) / n, axis=0)
    return anp.clip(0.5 + z / (2 * math.pi) + total / math.pi, 0.0, 1.0)


def _normal(z, kappa):
    return sp.ndtr(math.sqrt(2 / math.pi) / sp.i0e(kappa) * anp.sin(z / 2))


def _cdf(z, kappa):
    turns = onp.round(getval(z) / (2 * math.pi))    # whole turns: each adds 1
    w = z - 2 * math.pi * turns
    small = onp.asarray(getval(kappa)) < _SERIES_BELOW
    if small.all():
        inner = _series(w, kappa)
    elif not small.any():
        inner = _normal(w, kappa)
    else:
        inner = anp.where(small, _series(w, anp.where(small, kappa, 1.0)),
                          _normal(w, anp.where(small, _SERIES_BELOW, kappa)))
    return inner + turns


@array_args
def cdf(x, kappa, loc=0.0, scale=1.0):
    return _cdf(standardize(x, loc, scale), kappa)


logcdf = to_log(cdf)


@array_args
def sf(x, kappa, loc=0.0, scale=1.0):
    return 1.0 - cdf(x, kappa, loc, scale)


logsf = to_log(sf)


ppf, isf = quantiles("vonmises", cdf, sf)
