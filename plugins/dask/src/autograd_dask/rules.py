"""The one dask-specific rule: ``rechunk``.

Everything else a differentiated function does with a dask array goes through
the NumPy rules of autograd-numpy (NumPy's functions dispatch to dask through
its array protocols).  ``x.rechunk(chunks)`` has no NumPy counterpart: it is
the identity on values, so its tangent is the tangent rechunked the same way
and its cotangent is the cotangent rechunked back to ``x``'s chunks (the
gradient keeps the input's chunks).
"""

import dask.array as da

from autograd.extend import defjvp, defvjp_fast, getval, once_per_registry, primitive

__all__ = ["rechunk", "register"]


@primitive
def rechunk(x, chunks="auto", **kwargs):
    """``x.rechunk(chunks, **kwargs)``, differentiable (``x`` a dask array or an ndarray)."""
    return da.asarray(x).rechunk(chunks, **kwargs)


def _rechunk_vjp(g, ans, x, chunks="auto", **kwargs):
    return rechunk(g, da.asarray(getval(x)).chunks)


def _rechunk_jvp(t, ans, x, chunks="auto", **kwargs):
    return rechunk(t, getval(ans).chunks)


@once_per_registry
def register():
    defvjp_fast(rechunk, _rechunk_vjp)
    defjvp(rechunk, _rechunk_jvp)
