"""Helpers on values that may be traced, the one home for every submodule of autograd-scipy.

``shape(x)`` is the shape of ``x`` whether or not it is a box; ``traced(*values)``
says whether any of ``values`` is being differentiated (is a box), which the
namespace wrappers use to take SciPy's own function when nothing is traced.
"""

import numpy as onp

from autograd.extend import getval, isbox

__all__ = ["shape", "traced"]


def shape(x):
    """The shape of ``x`` (of its value when ``x`` is a box)."""
    return onp.shape(getval(x))


def traced(*values):
    """True when any of ``values`` is a box."""
    return any(isbox(v) for v in values)
