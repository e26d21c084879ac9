"""The primitives specific to sparse arrays, and their rules.

Everything else (``sin``, ``sum``, ``matmul``, ``einsum``, indexing, ...) is
differentiated by autograd-numpy's own rules, which run on sparse arrays
through NumPy's array protocols.  What only a sparse array has:

============================  =============================================
``project_onto(g, like)``     ``g`` restricted to the stored entries of
                              ``like`` (the derivative w.r.t. stored values)
``todense(x)``                ``x.todense()`` (a dense array as it is)
``stored_values(x)``          ``x.data``: the stored values, in ``x``'s order
``with_data(like, values)``   ``like``'s pattern holding ``values``
============================  =============================================

All four are linear in their traced argument; each rule is written with
these primitives, so they can be differentiated again (any order).
"""

from autograd.extend import defjvp, defvjp_fast, once_per_registry, primitive

from . import pattern

__all__ = ["project_onto", "todense", "stored_values", "with_data", "register"]


@primitive
def project_onto(g, like):
    """``g`` (an array of ``like``'s shape, or broadcastable to it) read at the
    stored entries of the sparse ``like``: a sparse array of ``like``'s format
    and pattern."""
    return pattern.project(g, like)


def _todense(x):
    return x.todense() if pattern.is_sparse(x) else x


todense = primitive(_todense)
todense.__name__ = todense.__qualname__ = "todense"
todense.__doc__ = "``x.todense()`` for a sparse ``x``; a dense ``x`` as it is."


@primitive
def stored_values(x):
    """``x.data``: the stored values of the sparse ``x`` (a 1-d array)."""
    return x.data


@primitive
def with_data(like, values):
    """The sparse array of ``like``'s format and pattern that stores ``values``
    (``values[k]`` goes where ``like.data[k]`` is)."""
    return pattern.with_values(like, values)


def _project_vjp(g, ans, x, like):
    ct = project_onto(g, like)
    # a dense x (a NumPy array projected) gets a dense cotangent, like itself
    return ct if pattern.is_sparse(x) else todense(ct)


def _values_vjp(g, ans, like, values):
    return stored_values(project_onto(g, like))


@once_per_registry
def register():
    """Register the rules of this module's primitives (once per registry)."""
    # projection is self-adjoint: its VJP and JVP are the projection itself
    defvjp_fast(project_onto, _project_vjp, None)
    defjvp(project_onto, lambda t, ans, x, like: project_onto(t, like), None)
    # a dense cotangent is a cotangent of x as it is (the projection onto the
    # stored values happens once, where a sparse input enters the trace)
    defvjp_fast(todense, lambda g, ans, x: g)
    defjvp(todense, lambda t, ans, x: todense(t))
    defvjp_fast(stored_values, lambda g, ans, x: with_data(x, g))
    defjvp(stored_values, lambda t, ans, x: stored_values(project_onto(t, x)))
    defvjp_fast(with_data, None, _values_vjp)
    defjvp(with_data, None, lambda t, ans, like, values: with_data(like, t))
