"""Rules of the functions that take user callables, compute sets, or find roots:
``apply_along_axis``, ``apply_over_axes``, ``piecewise``, ``fromfunction``,
``unique`` (and ``unique_values``/``_counts``/``_inverse``/``_all``), the set
operations ``intersect1d``, ``union1d``, ``setdiff1d``, ``setxor1d``, and
``roots``; plus the NumPy functions that are not functions of arrays at all
(in-place writers, ``numpy.matrix`` constructors, ``from_dlpack``, ``frompyfunc``).

* The callable-taking functions and the set functions are *composites*: their
  wrappers (:mod:`autograd_numpy.wrappers.functional`, :mod:`~autograd_numpy.wrappers.sets`)
  are written with traced operations only, so they need no rule; :func:`register` links NumPy's
  function to the wrapper (``defvia``) for coverage reports.
* The values of ``unique`` and of the set operations come from one primitive,
  ``unique_gather``: a gather of each group of equal elements' first member
  whose derivative is the group's *mean*, so equal elements share a cotangent
  evenly (as ties do in ``max``/``min``); indices and counts are constants.
* ``roots`` is a primitive differentiated by the implicit-function theorem:
  ``p(r) = 0`` gives ``dr = -dp(r) / p'(r)``.  A multiple root (``p'(r) = 0``,
  e.g. the zero root of two trailing zero coefficients) passes no gradient,
  and neither do leading zero coefficients (NumPy drops them).
"""

import numpy as onp

from autograd.extend import defjvp, defnondiff, defvia, defvjp_fast, getval

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent
from ..util import like, ndim_of, shape_of

__all__ = ["register"]

COMPOSITES = ("apply_along_axis", "apply_over_axes", "piecewise", "fromfunction", "unique",
              "unique_values", "unique_counts", "unique_inverse", "unique_all", "intersect1d",
              "union1d", "setdiff1d", "setxor1d")
# in-place writers (their wrappers refuse traced values), numpy.matrix
# constructors (they refuse traced values) and non-numeric utilities
NONDIFF = ("copyto", "fill_diagonal", "place", "put", "put_along_axis", "putmask", "asmatrix",
           "bmat", "from_dlpack", "frompyfunc")


# ----------------------------------------------------------------- unique_gather

def _group_sizes(counts, g, axis):
    """``counts`` in ``g``'s real dtype, shaped to divide ``g`` along the unique axis."""
    real = onp.empty(0, onp.result_type(getval(g))).real.dtype
    counts = counts.astype(real)
    if axis is None:
        return counts
    nd = ndim_of(g)
    return counts.reshape((-1,) + (1,) * (nd - 1 - int(axis) % nd))


def _unique_gather_vjp(g, ans, x, index, inverse, counts, axis):
    share = g / _group_sizes(counts, g, axis)
    if axis is None:
        return fit_cotangent(anp.reshape(anp.take(share, inverse), shape_of(x)), x)
    return fit_cotangent(anp.take(share, inverse, axis=axis), x)


def _unique_gather_jvp(t, ans, x, index, inverse, counts, axis):
    rows = anp.reshape(t, (-1,)) if axis is None else anp.moveaxis(t, axis, 0)
    shape = shape_of(rows)
    like = onp.zeros_like(getval(rows), shape=(len(counts),) + shape[1:])
    sums = anp.untake(rows, inverse, like)
    mean = sums / _group_sizes(counts, sums, None).reshape((-1,) + (1,) * (len(shape) - 1))
    return fit_tangent(mean if axis is None else anp.moveaxis(mean, 0, axis), ans)


# ----------------------------------------------------------------- roots

def _roots_parts(ans, p):
    """``(lead, V, w)``: leading zeros of ``p``, the powers ``V[i, k] = r_i**(m-k)``
    of the roots, and ``w = 1 / p'(r)`` (0 at multiple roots)."""
    nonzero = onp.flatnonzero(getval(p))
    m = shape_of(ans)[0]
    if m == 0:
        return None
    lead = int(nonzero[0])
    coeffs = anp.reshape(p, (-1,))[lead:]
    powers = [anp.ones_like(getval(ans))]
    for _ in range(m):
        powers.append(powers[-1] * ans)
    V = anp.stack(powers[::-1], axis=1)
    slope = anp.dot(V[:, 1:], coeffs[:-1] * like(onp.arange(m, 0, -1), coeffs))
    flat = getval(slope) == 0
    w = anp.where(flat, 0.0, 1.0 / anp.where(flat, 1.0, slope))
    return lead, V, w


def _roots_vjp(g, ans, p):
    parts = _roots_parts(ans, p)
    if parts is None:
        return onp.zeros_like(getval(p))
    lead, V, w = parts
    gp = -anp.dot(g * w, V)
    if lead:
        gp = anp.concatenate([onp.zeros_like(getval(gp), shape=(lead,)), gp])
    return fit_cotangent(anp.reshape(gp, shape_of(p)), p)


def _roots_jvp(t, ans, p):
    parts = _roots_parts(ans, p)
    if parts is None:
        return onp.zeros_like(getval(ans))
    lead, V, w = parts
    return fit_tangent(-anp.dot(V, anp.reshape(t, (-1,))[lead:]) * w, ans)


def register():
    defvjp_fast(anp.unique_gather, _unique_gather_vjp)
    defjvp(anp.unique_gather, _unique_gather_jvp)
    defvjp_fast(anp.roots, _roots_vjp)
    defjvp(anp.roots, _roots_jvp)
    for name in COMPOSITES:
        if hasattr(onp, name):
            defvia(getattr(onp, name), getattr(anp, name))
    for name in NONDIFF:
        if hasattr(onp, name):
            defnondiff(getattr(onp, name))
