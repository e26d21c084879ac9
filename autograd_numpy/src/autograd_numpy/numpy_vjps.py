"""The ``numpy`` rule set: the loader the plugin declares, and HIPS-compatible helpers.

:func:`register` installs every rule family of :mod:`autograd_numpy.rules`
into the active registry.  The plugin manager calls it the first time a rule
lookup misses while ``numpy`` is imported; calling it again for the same
registry does nothing.

HIPS autograd's rule files export helpers that downstream packages import
from here (``autograd.numpy.numpy_vjps.unbroadcast_f`` and friends); they are
the public helpers of :mod:`autograd_numpy.broadcasting`.
"""

from autograd.extend import defnondiff, defvia, once_per_registry

from .broadcasting import fit_cotangent, fit_tangent, metadata, unbroadcast, unbroadcast_f
from .rules import (assignment, batching, batching_arrays, batching_linalg, calculus, creation,
                    elementwise, functional, polynomials, products, reductions, selection, shapes,
                    sorting)
from .rules.elementwise import _balanced_eq as balanced_eq
from .rules.reductions import expand as repeat_to_match_shape

__all__ = ["register", "unbroadcast", "unbroadcast_f", "metadata", "fit_cotangent",
           "fit_tangent", "balanced_eq", "repeat_to_match_shape", "match_complex",
           "replace_zero"]

FAMILIES = (elementwise, reductions, shapes, products, calculus, polynomials, creation, sorting,
            selection, functional, assignment, batching, batching_arrays, batching_linalg)


@once_per_registry
def register():
    """Register the NumPy rules into the active registry (idempotent per registry)."""
    from .numpy_wrapper import nondiff_functions
    for family in FAMILIES:
        family.register()
    for raw in nondiff_functions():
        defnondiff(raw)
    _register_routes()


# NumPy functions whose differentiable inputs come in a form a primitive cannot
# see (a list of arrays): the namespace's wrappers route them to these primitives.
_ROUTES = {
    "concatenate_args": ("concatenate", "concat", "hstack", "vstack", "dstack", "column_stack",
                         "row_stack"),
    "stack_args": ("stack",),
    "array_copy": ("array", "asarray", "asanyarray", "ascontiguousarray"),
    "astype_prim": ("astype",),
}
# Constructors whose output does not depend on any differentiable input, and
# utilities that are not mathematical functions of arrays (printing, I/O,
# configuration, dates, bit packing, integer-valued counts and indices).
_CONSTANT = (
    "zeros", "ones", "empty", "eye", "identity", "tri", "bartlett", "blackman", "hamming",
    "hanning", "array2string", "array_repr", "array_str", "base_repr", "binary_repr",
    "broadcast_shapes", "busday_count", "busday_offset", "is_busday", "datetime_as_string",
    "datetime_data", "einsum_path", "format_float_positional", "format_float_scientific",
    "frombuffer", "fromfile", "fromiter", "fromregex", "fromstring", "genfromtxt", "load",
    "loadtxt", "save", "savetxt", "savez", "savez_compressed", "get_include", "getbufsize",
    "setbufsize", "geterr", "seterr", "geterrcall", "seterrcall", "printoptions",
    "set_printoptions", "show_config", "show_runtime", "info", "test", "ix_", "nested_iters",
    "packbits", "unpackbits", "histogram", "histogram2d", "histogramdd", "histogram_bin_edges",
)


def _register_routes():
    import numpy as onp

    from . import numpy_wrapper as anp
    for prim, names in _ROUTES.items():
        for name in names:
            public = getattr(onp, name, None)
            if public is not None:
                defvia(public, getattr(anp, prim))
    for name in ("atleast_1d", "atleast_2d", "atleast_3d"):
        if hasattr(onp, name):
            defvia(getattr(onp, name), onp.reshape)
    for name in _CONSTANT:
        if hasattr(onp, name):
            defnondiff(getattr(onp, name))


def match_complex(target, x):
    """``x`` cast to ``target``'s dtype: its real part for a real target (HIPS helper)."""
    return fit_cotangent(x, target) if x is not None else None


def replace_zero(x, val):
    """``x`` with zeros replaced by ``val`` (HIPS helper)."""
    from . import numpy_wrapper as anp
    return anp.where(x, x, val)
