"""The ``scipy.stats`` rule set (the loader the plugin declares).

``autograd.scipy.stats`` is written entirely as composites of
``autograd.numpy`` and ``autograd.scipy.special`` primitives, so it has no
primitive of its own and this loader registers nothing: the rules it relies on
are those of the ``numpy`` and ``scipy.special`` rule sets.  The loader
records, for coverage reports, that each supported ``scipy.stats``
distribution is differentiable through our module of the same name, and each
plain function (``entropy``, ``zscore``) through ours (by composition).
"""

from autograd.extend import defvia, once_per_registry

__all__ = ["register"]


@once_per_registry
def register():
    """Register the scipy.stats rules into the active registry (idempotent)."""
    import importlib

    import scipy.stats as _ss

    from .. import stats
    for name in stats.DISTRIBUTIONS:
        public = getattr(_ss, name, None)
        if public is not None:
            module = importlib.import_module(f"{stats.__name__}.{name}")
            module.__autograd_composite__ = True
            defvia(public, module)
    for name in stats.FUNCTIONS:
        public = getattr(_ss, name, None)
        if public is not None:
            function = getattr(stats, name)
            function.__autograd_composite__ = True
            defvia(public, function)
