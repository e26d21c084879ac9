"""The ``numpy`` rule set: the loader the plugin declares, and HIPS-compatible helpers.

:func:`register` installs every rule family of :mod:`autograd_numpy.rules`
into the active registry.  The plugin manager calls it the first time a rule
lookup misses while ``numpy`` is imported; calling it again for the same
registry does nothing.

HIPS autograd's rule files export helpers that downstream packages import
from here (``autograd.numpy.numpy_vjps.unbroadcast_f`` and friends); they are
the public helpers of :mod:`autograd_numpy.broadcasting`.
"""

import weakref

from autograd.extend import defnondiff
from autograd.rules import active

from .broadcasting import fit_cotangent, fit_tangent, metadata, unbroadcast, unbroadcast_f
from .rules import elementwise, extra, products, reductions, selection, shapes, sorting
from .rules.elementwise import _balanced_eq as balanced_eq
from .rules.reductions import expand as repeat_to_match_shape

__all__ = ["register", "unbroadcast", "unbroadcast_f", "metadata", "fit_cotangent",
           "fit_tangent", "balanced_eq", "repeat_to_match_shape", "match_complex",
           "replace_zero"]

FAMILIES = (elementwise, reductions, shapes, products, extra, sorting, selection)
_done = weakref.WeakSet()


def register():
    """Register the NumPy rules into the active registry (idempotent per registry)."""
    registry = active()
    if registry in _done:
        return
    from .numpy_wrapper import nondiff_functions
    for family in FAMILIES:
        family.register()
    for raw in nondiff_functions():
        defnondiff(raw)
    _done.add(registry)


def match_complex(target, x):
    """``x`` cast to ``target``'s dtype: its real part for a real target (HIPS helper)."""
    return fit_cotangent(x, target) if x is not None else None


def replace_zero(x, val):
    """``x`` with zeros replaced by ``val`` (HIPS helper)."""
    from . import numpy_wrapper as anp
    return anp.where(x, x, val)
