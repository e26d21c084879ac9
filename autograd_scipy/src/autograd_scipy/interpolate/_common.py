"""Helpers shared by the topic modules of ``autograd.scipy.interpolate``: the
``_composite`` marker and the axis bookkeeping of SciPy's interpolants (the
interpolation axis of the data is moved first; the query point axes of a result
go where that axis was)."""

from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import shape_of

from .._composites import composite

__all__ = []

COMPOSITES = []    # names whose wrapper is written with traced operations


def _composite(raw):
    """Decorator: the wrapper replacing SciPy's ``raw``, written by composition."""
    return composite(raw, COMPOSITES)


def to_front(y, axis):
    """``y`` with its interpolation axis first."""
    nd = len(shape_of(y))
    axis = axis % nd if nd else 0
    return y if axis == 0 else anp.moveaxis(y, axis, 0)


def place_query_axes(out, q, axis):
    """``out`` (query axes first, then the data's other axes) in SciPy's layout: the ``q``
    query axes where the interpolation axis was."""
    nd = len(shape_of(out))
    axis = axis % (nd - q + 1) if nd - q + 1 else 0
    if axis == 0 or q == 0:
        return out
    return anp.moveaxis(out, list(range(q)), list(range(axis, axis + q)))
