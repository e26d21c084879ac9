"""Arrays that NumPy takes by keyword or inside lists, handed to the primitive
in the form the tracer follows.

The tracer follows a primitive's positional arguments only, and a list of
boxes is not itself a box:

* ``average(x, weights=w)``, ``cov(m, aweights=w)``, ``linspace(0.0, stop=x)``
  ...: arrays given by keyword are passed positionally
  (:func:`_keywords_positional`; only when one came by keyword, so the common
  call keeps the primitive's fast path);
* ``sum([box, box])``, ``mean``, ``var``, ``std`` and the other reductions,
  ``append``: a list or tuple of traced values is first made one traced array
  (:func:`_packs_sequences`).
"""

import inspect

import numpy as onp

from autograd.extend import SequenceBox

from ..util import contains_boxed as _contains_boxed
from ..util import traced_sequence as _traced_sequence
from ..wrapping import _own, _primitive_like, wrapper_for
from .creation import array

__all__ = ["average"]   # and every wrapper made below

# NB: the wrappers below shadow the builtins sum/max/min in this module.


# ----------------------------------------------------------------- keyword arrays

_average_prim = wrapper_for(onp.average)


@_own(onp.average, handles_nested=False)
def average(a, axis=None, weights=None, returned=False, *, keepdims=onp._NoValue):
    kwargs = {} if keepdims is onp._NoValue else {"keepdims": keepdims}
    if _traced_sequence(a):
        a = array(a)
    return _average_prim(a, axis, weights, returned, **kwargs)


def _keywords_positional(raw, count):
    """Own wrapper of ``raw`` that passes its first ``count`` parameters positionally.

    Only done when one of them came by keyword (``cov(m, aweights=w)``,
    ``logspace(a, b, base=x)``): the common call keeps the primitive's fast path.
    """
    prim = wrapper_for(raw)
    spec = []   # [names, defaults] of those parameters: read on the first call by keyword
                # (inspect.signature of the ten functions is ~0.3 ms of import time)

    def wrapper(*args, **kwargs):
        n = len(args)
        if kwargs and n < count:
            if not spec:
                params = list(inspect.signature(raw).parameters.values())[:count]
                spec[:] = [p.name for p in params], [p.default for p in params]
            names, defaults = spec
            if not kwargs.keys().isdisjoint(names[n:]):
                args = args + tuple(kwargs.pop(k, d) for k, d in zip(names[n:], defaults[n:]))
        return prim(*args, **kwargs)

    wrapper = _own(raw)(wrapper)
    globals()[raw.__name__] = wrapper
    __all__.append(raw.__name__)
    return wrapper


# (function, how many leading parameters may hold differentiable arrays)
for _raw, _count in [(onp.cov, 7), (onp.corrcoef, 2), (onp.interp, 5), (onp.logspace, 5),
                     (onp.linspace, 2), (onp.geomspace, 2), (onp.full, 2), (onp.full_like, 2),
                     (onp.polyint, 3), (getattr(onp, "trapezoid", getattr(onp, "trapz", None)), 3)]:
    _keywords_positional(_raw, _count)


# ----------------------------------------------------------------- lists of traced values

def _packs_sequences(raw, positions=(0,)):
    """Own wrapper of ``raw`` that turns a list/tuple of traced values in the
    argument ``positions`` into one traced array before calling the primitive.

    NumPy would otherwise build an object array of boxes, and its statistics
    (mean, var, std) cast their result through ``.dtype``, which drops the
    gradient; packed, the list gets the rules of ``stack``.
    """
    prim = wrapper_for(raw)

    def wrapper(*args, **kwargs):
        # (kept cheap: this runs on every np.sum/np.mean call)
        for i in positions:
            if i < len(args):
                t = type(args[i])
                if ((t is list or t is tuple) and _contains_boxed(args[i])) or (
                        t is SequenceBox):
                    args = args[:i] + (array(args[i]),) + args[i + 1:]
        return prim(*args, **kwargs)

    wrapper = _primitive_like(_own(raw)(wrapper), raw)
    wrapper.__qualname__ = raw.__name__
    globals()[raw.__name__] = wrapper
    if raw.__name__ not in __all__:
        __all__.append(raw.__name__)
    return wrapper


for _name in ("sum", "prod", "mean", "var", "std", "nansum", "nanprod", "nanmean", "nanvar",
              "nanstd", "median", "nanmedian", "max", "min", "amax", "amin", "nanmax",
              "nanmin", "ptp", "cumsum", "cumprod", "nancumsum", "nancumprod", "percentile",
              "quantile", "nanpercentile", "nanquantile"):
    _raw = getattr(onp, _name, None)
    if _raw is not None:
        _packs_sequences(_raw)
_packs_sequences(onp.append, positions=(0, 1))
for _name in ("amax", "amin"):   # aliases of max/min on NumPy 2: one wrapper
    if getattr(onp, _name, None) is getattr(onp, _name[1:]):
        globals()[_name] = globals()[_name[1:]]
