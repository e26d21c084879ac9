"""Wrappers written by composition, shared by the subpackages that have them.

``ndimage``, ``interpolate`` and ``signal`` replace many of SciPy's functions
(and classes) by versions written with traced operations and their own
primitives.  Each subpackage keeps two lists: ``COMPOSITES``, the names of
those wrappers (filled by :func:`composite`), and ``NONDIFF``, SciPy's
names that have no derivative.  :func:`register_names` records both in the
active rule registry, for coverage reports and error messages.
"""

from autograd.extend import defnondiff, defvia

__all__ = []


def composite(raw, registry):
    """Decorator: ``obj`` (a function or class) replaces SciPy's ``raw``; differentiable by
    composition of traced operations and primitives.  Its name goes into ``registry``."""
    def deco(obj):
        obj.__name__ = raw.__name__
        obj.__qualname__ = raw.__name__
        obj.__doc__ = raw.__doc__
        obj.__wrapped__ = raw
        obj.__autograd_composite__ = True
        registry.append(raw.__name__)
        return obj
    return deco


def register_names(package, raw_module):
    """Link ``package.COMPOSITES`` to SciPy's functions in ``raw_module`` (``defvia``) and
    mark ``package.NONDIFF`` (those this SciPy has) non-differentiable."""
    for name in package.COMPOSITES:
        defvia(getattr(raw_module, name), getattr(package, name))
    for name in package.NONDIFF:
        raw = getattr(raw_module, name, None)
        if raw is not None:
            defnondiff(raw)
