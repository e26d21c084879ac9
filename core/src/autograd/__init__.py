"""autograd: differentiate ordinary Python (and, with add-ons, NumPy/SciPy) code.

>>> from autograd import grad
>>> import autograd.math as m
>>> grad(lambda x: m.sin(x) * x)(1.0)   # doctest: +ELLIPSIS
1.38...

The core imports neither NumPy nor SciPy; ``autograd.numpy`` and
``autograd.scipy`` come from the autograd-numpy and autograd-scipy add-ons.
"""

from . import scalars as _scalars  # noqa: F401  (registers the float/complex boxes)
from .builtins import dict, isinstance, list, tuple, type
from .differential_operators import (
    checkpoint, deriv, elementwise_grad, grad, grad_and_aux, grad_named, hessian,
    hessian_tensor_product, hessian_vector_product, holomorphic_grad, jacfwd, jacobian,
    jacrev, linearize, make_ggnvp, make_hvp, make_jvp, make_vjp, multigrad_dict,
    stop_gradient, tensor_jacobian_product, value_and_grad, vector_jacobian_product,
)
from .batching import vmap
from .tracing import primitive
from . import _lazy

_lazy.install()

from ._version import __version__  # noqa: E402, F401

__all__ = [
    "checkpoint", "deriv", "elementwise_grad", "grad", "grad_and_aux", "grad_named",
    "hessian", "hessian_tensor_product", "hessian_vector_product", "holomorphic_grad",
    "jacfwd", "jacobian", "jacrev", "linearize", "make_ggnvp", "make_hvp", "make_jvp",
    "make_vjp", "multigrad_dict", "stop_gradient", "tensor_jacobian_product",
    "value_and_grad", "vector_jacobian_product", "primitive", "vmap",
    "dict", "isinstance", "list", "tuple", "type",
]
