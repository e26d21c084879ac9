"""``autograd.numpy.random``: ``numpy.random``'s public callables (random draws are constants).

Calling them on traced parameters (``normal(mu_box, 1.0)``) raises the
missing-rule error; reparametrize instead (``mu + normal(0.0, 1.0, size)``).
"""

import numpy.random as _npr

from .numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_npr), globals(), set(getattr(_npr, "__all__", ())) or None)
