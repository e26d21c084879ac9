"""autograd-cupy: differentiate ``autograd.numpy`` code on CuPy arrays (on the GPU).

>>> import cupy as cp
>>> import autograd.numpy as np
>>> from autograd import grad
>>> g = grad(lambda w: np.sum(np.tanh(X @ w) ** 2))(cp.ones(3))   # X a cupy array
>>> type(g)
<class 'cupy.ndarray'>

Nothing needs importing from this package: once it is installed, autograd
registers ``cupy.ndarray`` (its box and vector space) the first time a CuPy
array is differentiated, and the NumPy rules of ``autograd-numpy`` run on it
through NumPy's array protocols, so forward values, cotangents and gradients
stay on the device.  See docs/backends.md for what cannot run there.

CuPy itself comes from an extra matching your CUDA version:
``pip install "autograd-cupy[cuda12]"`` (``cupy-cuda12x``) or ``[cuda13]``.

Importing this package is cheap and never imports CuPy.
"""

__version__ = "0.1.0"

INSTALL_HINT = ('pip install "autograd-cupy[cuda12]" (CUDA 12) or "autograd-cupy[cuda13]" '
                "(CUDA 13); see https://docs.cupy.dev/en/stable/install.html")


def register():
    """Register ``cupy.ndarray`` with autograd now (normally done on first use)."""
    from .types import register as _register
    _register()
