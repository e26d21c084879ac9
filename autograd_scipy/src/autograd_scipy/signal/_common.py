"""Helpers shared by the topic modules of ``autograd.scipy.signal``: the
``_composite`` marker (a wrapper written with traced operations) and
operations along the last axis of a possibly traced array."""


import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced
from autograd_numpy.util import shape_of

from .._composites import composite


__all__ = []


COMPOSITES = []    # names whose wrapper below is written with traced operations


def _composite(raw):
    """Decorator: the wrapper replacing SciPy's ``raw``, written by composition."""
    return composite(raw, COMPOSITES)


def _to_last(x, axis):
    return x if axis in (-1, anp.ndim(x) - 1) else anp.moveaxis(x, axis, -1)


def _from_last(y, axis):
    return y if axis in (-1, anp.ndim(y) - 1) else anp.moveaxis(y, -1, axis)


def _last(x, start, stop=None):
    return x[..., start:stop]


def _zeros_last(x, n):
    shape = shape_of(x)[:-1] + (n,)
    return onp.zeros(shape, onp.result_type(getval(x)))


def _pad_last(x, before, after):
    parts = ([_zeros_last(x, before)] if before else []) + [x] \
        + ([_zeros_last(x, after)] if after else [])
    return parts[0] if len(parts) == 1 else anp.concatenate(parts, -1)


def _as1d(c):
    return anp.atleast_1d(c) if _traced(c) else onp.atleast_1d(onp.asarray(c))


def _coeffs(c, n):
    m = shape_of(c)[0]
    return c if m == n else anp.concatenate([c, onp.zeros(n - m, onp.result_type(getval(c)))])


def _gather(x, idx):
    """``x[..., idx]`` along the last axis; its VJP is a scatter-add."""
    return anp.take(x, onp.asarray(idx, dtype=onp.intp), axis=-1)


def _fill_last(x, n, value):
    shape = shape_of(x)[:-1] + (n,)
    return onp.full(shape, value, onp.result_type(getval(x), onp.asarray(value)))


def _pad_value(x, before, after, value):
    """``x`` padded on the last axis with a constant (``value`` 0 gives zeros)."""
    if not value:
        return _pad_last(x, before, after)
    parts = ([_fill_last(x, before, value)] if before else []) + [x] \
        + ([_fill_last(x, after, value)] if after else [])
    return parts[0] if len(parts) == 1 else anp.concatenate(parts, -1)
