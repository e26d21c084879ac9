"""The ``numpy.fft`` rule set (loader declared by the plugin).

Rules for ``numpy.fft`` functions are registered by :func:`register`;
``fft``, ``ifft``, ``rfft``, ``fft2``, ... are still to be written
(phase 2), so a gradient through them raises the missing-rule error for now.
"""

import weakref

from autograd.rules import active

_done = weakref.WeakSet()


def register():
    """Register the numpy.fft rules into the active registry (idempotent)."""
    registry = active()
    if registry in _done:
        return
    _done.add(registry)
