"""autograd-scipy-sparse: gradients through ``scipy.sparse``.

>>> import autograd.numpy as np
>>> import scipy.sparse as sp
>>> import autograd_scipy_sparse as ass
>>> from autograd import grad
>>> A = sp.csr_matrix(np.array([[2.0, 0.0], [1.0, 3.0]]))
>>> grad(lambda x: np.sum(ass.matmul(A, x) ** 2))(np.array([1.0, 1.0]))
array([16., 24.])

Differentiating with respect to the stored values of a sparse matrix goes
through :func:`with_data` (or :func:`csr_matrix` & co.), which give a
:class:`SparseMatrix` whose values may be traced::

    def loss(values):
        M = ass.with_data(A, values)      # A's sparsity pattern, these values
        return np.sum(ass.spsolve(M, b))
    grad(loss)(A.data)

Importing this package is cheap: the plugin declaration
(:mod:`autograd_scipy_sparse._plugin`) lives in it and plugin discovery must
not import SciPy, so the public names below are loaded on first access.
"""

import importlib as _importlib

__version__ = "0.1.0"

# public name -> submodule defining it
_EXPORTS = {
    "SparseMatrix": "matrix", "Pattern": "matrix", "wrap": "matrix", "with_data": "matrix",
    "csr_matrix": "matrix", "csc_matrix": "matrix", "coo_matrix": "matrix",
    "matmul": "matrix", "dot": "matrix", "toarray": "matrix",
    "sparse_matmul": "matrix", "sparse_todense": "matrix",
    "spsolve": "linalg", "sparse_solve": "linalg",
    "cg": "iterative", "gmres": "iterative", "bicgstab": "iterative", "minres": "iterative",
    "expm_multiply": "iterative", "eigsh": "iterative",
}
_SUBMODULES = ("matrix", "linalg", "iterative", "rules", "samples")

__all__ = sorted(_EXPORTS) + ["linalg"]


def __getattr__(name):
    if name in _SUBMODULES:
        return _load(name)
    if name in _EXPORTS:
        value = getattr(_load(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _load(submodule):
    # Import these first: either may start plugin discovery, whose import loader
    # (operators.install) imports .matrix, which must not then be half-imported.
    _importlib.import_module("autograd.numpy")
    _importlib.import_module("scipy.sparse")
    module = _importlib.import_module(f"{__name__}.{submodule}")
    # whoever loads this package's API gets ``A @ x`` for a plain scipy ``A`` too,
    # even before (or without) plugin discovery, whose import loader installs it otherwise
    _importlib.import_module(f"{__name__}.operators").install()
    return module


def __dir__():
    return sorted(set(globals()) | set(__all__))
