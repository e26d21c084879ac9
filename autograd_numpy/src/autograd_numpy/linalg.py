"""``autograd.numpy.linalg``: every public callable of ``numpy.linalg``, wrapped for tracing.

The rules live in :mod:`autograd_numpy.linalg_rules`.
"""

import numpy.linalg as _npla

from .numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_npla), globals(), set(getattr(_npla, "__all__", ())) or None)
