"""The autograd plugin declaration of autograd-cupy.

Thin on purpose: autograd imports this module at discovery, so it imports only
``autograd.plugins`` and declares one value-types loader.  The loader runs the
first time autograd meets a value of a type it does not know while ``cupy``
is imported, i.e. when a ``cupy.ndarray`` is first differentiated; it never
imports CuPy itself, so discovery works (and ``python -m autograd plugins``
lists this plugin) on machines without CuPy or a GPU.
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    registry.add_value_types("cupy", "autograd_cupy.types:register")
