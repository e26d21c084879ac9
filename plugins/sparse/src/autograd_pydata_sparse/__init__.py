"""autograd-pydata-sparse: pydata/sparse arrays (``sparse.COO``, ``sparse.GCXS``)
as differentiable values for autograd.

>>> import numpy as onp, sparse
>>> import autograd.numpy as np
>>> from autograd import grad
>>> A = sparse.COO.from_numpy(onp.array([[2.0, 0.0], [1.0, 3.0]]))
>>> grad(lambda w: np.sum((A @ w) ** 2))(onp.array([1.0, 1.0]))
array([16., 24.])
>>> grad(lambda A: np.sum(np.sin(A)).todense())(A).todense()   # w.r.t. the stored values
array([[-0.41614684,  0.        ],
       [ 0.54030231, -0.9899925 ]])

The gradient with respect to a sparse array is a sparse array of its format
with its stored entries (see :mod:`autograd_pydata_sparse.values`).  The
helpers below are differentiable too: :func:`todense`, :func:`stored_values`
(``A.data``), :func:`with_data` (a pattern holding traced values) and
:func:`project_onto`.

Importing this package is cheap: the plugin declaration
(:mod:`autograd_pydata_sparse._plugin`) lives in it and plugin discovery must
not import NumPy or sparse, so the public names are loaded on first access.
"""

import importlib as _importlib

__version__ = "0.1.0"

# public name -> submodule defining it
_EXPORTS = {
    "todense": "rules", "stored_values": "rules", "with_data": "rules", "project_onto": "rules",
    "SparseBox": "values", "SparseArrayVSpace": "values", "sparse_vspace": "values",
}
_SUBMODULES = ("pattern", "rules", "values", "operators", "samples")

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _SUBMODULES:
        return _load(name)
    if name in _EXPORTS:
        value = getattr(_load(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load(submodule):
    _importlib.import_module("autograd.numpy")
    module = _importlib.import_module(f"{__name__}.{submodule}")
    # whoever uses this package's API gets the value types and operators even
    # before (or without) plugin discovery
    _importlib.import_module(f"{__name__}.values").register()
    return module


def __dir__():
    return sorted(set(globals()) | set(__all__))
