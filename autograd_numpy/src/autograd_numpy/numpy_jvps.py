"""HIPS autograd's ``autograd.numpy.numpy_jvps`` import path.

The JVP rules live next to their VJPs in :mod:`autograd_numpy.rules`; this
module keeps the helper names downstream code imports from here.
"""

from .broadcasting import fit_tangent
from .numpy_vjps import register

__all__ = ["broadcast", "register"]


def broadcast(x, target):
    """``x`` broadcast to the shape (and cast to the dtype) of ``target``."""
    return fit_tangent(x, target)
