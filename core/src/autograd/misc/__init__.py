"""Utilities kept at HIPS autograd's paths: ``flatten``, ``const_graph``,
``optimizers`` and ``fixed_points``.  ``flatten`` and ``optimizers`` need the
NumPy add-on (they produce arrays); they import it only when used.
"""

from .flatten import flatten
from .tracers import const_graph

__all__ = ["flatten", "const_graph"]
