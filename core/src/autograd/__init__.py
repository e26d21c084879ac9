"""autograd: differentiate ordinary Python (and, with add-ons, NumPy/SciPy) code.

>>> from autograd import grad
>>> import autograd.math as m
>>> grad(lambda x: m.sin(x) * x)(1.0)   # doctest: +ELLIPSIS
1.38...

The core imports neither NumPy nor SciPy; ``autograd.numpy`` and
``autograd.scipy`` come from the autograd-numpy and autograd-scipy add-ons.
"""

from ._gc import few_collections as _few_collections

# (the engine's ~2000 objects live as long as the program: no collection finds
# anything among them, see _gc.few_collections)
with _few_collections():
    from . import scalars as _scalars  # noqa: F401  (registers the float/complex boxes)
    from .builtins import dict, isinstance, list, tuple, type
    from .batching import vmap
    from .tracing import primitive
    from . import _lazy

    _lazy.install()
del _few_collections

from ._version import __version__  # noqa: E402, F401

# The differential operators (a large module) are bound here on first use:
# ``import autograd.numpy`` imports this package but needs none of them.
_DIFFERENTIAL_OPERATORS = (
    "checkpoint", "deriv", "elementwise_grad", "grad", "grad_and_aux", "grad_named", "hessian",
    "hessian_tensor_product", "hessian_vector_product", "holomorphic_grad", "jacfwd",
    "jacobian", "jacrev", "linearize", "make_ggnvp", "make_hvp", "make_jvp", "make_vjp",
    "multigrad_dict", "stop_gradient", "tensor_jacobian_product", "value_and_grad",
    "vector_jacobian_product",
)


def __getattr__(name):
    if name in _DIFFERENTIAL_OPERATORS:
        from . import differential_operators
        g = globals()
        for op in _DIFFERENTIAL_OPERATORS:
            g[op] = getattr(differential_operators, op)
        _lazy.discover_deferred()   # (if autograd.numpy was found without discovery)
        return g[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_DIFFERENTIAL_OPERATORS))

__all__ = [
    "checkpoint", "deriv", "elementwise_grad", "grad", "grad_and_aux", "grad_named",
    "hessian", "hessian_tensor_product", "hessian_vector_product", "holomorphic_grad",
    "jacfwd", "jacobian", "jacrev", "linearize", "make_ggnvp", "make_hvp", "make_jvp",
    "make_vjp", "multigrad_dict", "stop_gradient", "tensor_jacobian_product",
    "value_and_grad", "vector_jacobian_product", "primitive", "vmap",
    "dict", "isinstance", "list", "tuple", "type",
]
