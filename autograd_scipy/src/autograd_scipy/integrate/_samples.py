"""Quadrature of sampled values: ``trapezoid``, ``simpson``, ``romb``,
``cumulative_trapezoid``, ``cumulative_simpson`` (primitives; rules in :mod:`._rules`)."""

import scipy.integrate as _spi

from autograd.extend import primitive

from .._overridable import make_overridable

__all__ = ["trapezoid", "simpson", "romb", "cumulative_trapezoid", "cumulative_simpson",
           "trapezoid_args", "simpson_args", "romb_args", "cumulative_trapezoid_args",
           "cumulative_simpson_args"]


# ----------------------------------------------------------------- quadrature of samples

def _trapezoid_raw(y, x=None, dx=1.0, axis=-1):
    return _spi.trapezoid(y, x, dx, axis)


def _simpson_raw(y, x=None, dx=1.0, axis=-1):
    return _spi.simpson(y, x=x, dx=dx, axis=axis)


trapezoid_args = primitive(_trapezoid_raw)
simpson_args = primitive(_simpson_raw)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    return trapezoid_args(y, x, dx, axis)


def simpson(y, *, x=None, dx=1.0, axis=-1):
    return simpson_args(y, x, dx, axis)


# ----------------------------------------------------------------- more quadrature of samples

def _romb_raw(y, dx=1.0, axis=-1, show=False):
    return _spi.romb(y, dx, axis, show)


def _cumulative_trapezoid_raw(y, x=None, dx=1.0, axis=-1, initial=None):
    return _spi.cumulative_trapezoid(y, x, dx, axis, initial)


def _cumulative_simpson_raw(y, x=None, dx=1.0, axis=-1, initial=None):
    return _spi.cumulative_simpson(y, x=x, dx=dx, axis=axis, initial=initial)


romb_args = primitive(_romb_raw)
cumulative_trapezoid_args = primitive(_cumulative_trapezoid_raw)
cumulative_simpson_args = primitive(_cumulative_simpson_raw)


def romb(y, dx=1.0, axis=-1, show=False):
    return romb_args(y, dx, axis, show)


def cumulative_trapezoid(y, x=None, dx=1.0, axis=-1, initial=None):
    return cumulative_trapezoid_args(y, x, dx, axis, initial)


def cumulative_simpson(y, *, x=None, dx=1.0, axis=-1, initial=None):
    return cumulative_simpson_args(y, x, dx, axis, initial)


for _f, _raw in [(trapezoid, _spi.trapezoid), (simpson, _spi.simpson), (romb, _spi.romb),
                 (cumulative_trapezoid, _spi.cumulative_trapezoid),
                 (cumulative_simpson, _spi.cumulative_simpson)]:
    _f.__doc__ = _raw.__doc__      # SciPy's documentation
    _f.__wrapped__ = _raw
del _f, _raw

make_overridable(globals())     # every public function takes a user's rule
