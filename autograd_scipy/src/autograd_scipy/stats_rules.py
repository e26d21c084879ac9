"""The ``scipy.stats`` rule set (the loader the plugin declares).

``autograd.scipy.stats`` is written entirely as composites of
``autograd.numpy`` and ``autograd.scipy.special`` primitives, so it has no
primitive of its own and this loader registers nothing: the rules it relies on
are those of the ``numpy`` and ``scipy.special`` rule sets.  The loader
exists so that the plugin's declaration stays valid and a future primitive
for ``scipy.stats`` has its place.
"""

import weakref

from autograd.rules import active

__all__ = ["register"]

_done = weakref.WeakSet()


def register():
    """Register the scipy.stats rules into the active registry (idempotent)."""
    registry = active()
    if registry in _done:
        return
    _done.add(registry)
