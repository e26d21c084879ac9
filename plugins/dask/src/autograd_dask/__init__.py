"""autograd-dask: differentiate ``autograd.numpy`` code over ``dask.array`` inputs.

>>> import dask.array as da
>>> import autograd.numpy as np
>>> from autograd import grad
>>> x = da.arange(6.0, chunks=3)
>>> g = grad(lambda x: np.sum(np.sin(x) ** 2))(x)     # lazy: a dask array, x's chunks
>>> g.chunks
((3, 3),)
>>> g.compute()                                       # doctest: +ELLIPSIS
array([...])

Nothing needs importing from this package: with it installed, autograd
differentiates dask arrays as it does NumPy arrays (the plugin's value types
load the first time a dask array is traced).  It adds :func:`rechunk`
(also ``x.rechunk(...)`` on a traced dask array).

Importing this package is cheap: the plugin declaration
(:mod:`autograd_dask._plugin`) lives in it and plugin discovery must not
import dask or NumPy, so the public names below load on first access.
"""

import importlib as _importlib

__version__ = "0.1.0"

# public name -> submodule defining it
_EXPORTS = {
    "rechunk": "rules",
    "DaskArrayBox": "types", "DaskArrayVSpace": "types", "DaskComplexArrayVSpace": "types",
    "DaskIntegerArrayVSpace": "types", "dask_vspace": "types", "check_chunks": "types",
}
_SUBMODULES = ("rules", "types", "samples")

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    if name in _EXPORTS:
        value = getattr(_importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
