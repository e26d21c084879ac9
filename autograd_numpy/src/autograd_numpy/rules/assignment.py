"""Rules of :data:`autograd_numpy.assignment.write` (a copy of an array with writes in it).

``write(base, *values, indices=...)`` writes ``values[j]`` at ``indices[j]``
in order.  Which write each element of the result came from is worked out
once per recorded call (:func:`_owners`); the cotangent of ``base`` keeps the
elements no write covers, the cotangent of ``values[j]`` the elements where
write ``j`` was the last one, summed over the axes broadcasting added.  The
tangent is the same write applied to the tangents.  Both are written with
``autograd.numpy`` functions, so they can be differentiated again.
"""

import numpy as onp

from autograd.extend import defjvp_argnums, defvjp_argnums, getval

from .. import numpy_wrapper as anp
from ..assignment import write
from ..broadcasting import metadata, unbroadcast
from ..util import shape_of

__all__ = ["register"]


def _owners(shape, indices):
    """``(owner, ids)``: ``owner`` holds, for each element of the result, the id of
    the value element written there last (-1: none); ``ids[j]`` the ids of write ``j``."""
    owner = onp.full(shape, -1, dtype=onp.intp)
    ids = []
    start = 0
    for idx in indices:
        region = onp.shape(owner[idx])
        n = int(onp.prod(region, dtype=onp.intp))
        mine = onp.arange(start, start + n, dtype=onp.intp).reshape(region)
        owner[idx] = mine
        ids.append(mine)
        start += n
    return owner, ids


def _element_positions(shape, indices):
    """Flat positions of the writes if each writes one element by integers (``a[i] = v``,
    ``a[i, j] = v``), else None."""
    ndim = len(shape)
    rows = []
    for idx in indices:
        if type(idx) is not tuple:
            idx = (idx,)
        if len(idx) != ndim or not all(isinstance(i, (int, onp.integer)) and
                                       not isinstance(i, bool) for i in idx):
            return None
        rows.append(idx)
    if not rows or ndim == 0:
        return None
    return onp.ravel_multi_index(onp.array(rows, dtype=onp.intp).T, shape, mode="wrap")


def _write_vjp(argnums, ans, args, kwargs):
    indices = kwargs["indices"]
    shape = shape_of(ans)
    positions = _element_positions(shape, indices)
    if positions is not None:
        return _elementwise_vjp(argnums, ans, args, shape, positions)
    owner, ids = _owners(shape, indices)
    metas = {a: metadata(args[a]) for a in argnums}

    def vjp(g):
        cts = []
        for a in argnums:
            if a == 0:
                cts.append(anp.where(owner < 0, g, 0))
                continue
            j = a - 1
            idx = indices[j]
            gj = g[idx]
            last = owner[idx] == ids[j]
            if not last.all():
                gj = anp.where(last, gj, 0)
            cts.append(unbroadcast(gj, metas[a]))
        return cts

    return vjp


def _elementwise_vjp(argnums, ans, args, shape, positions):
    """The VJP when every write sets one element: one gather for all of them."""
    k = len(positions)
    owner = onp.full(int(onp.prod(shape, dtype=onp.intp)), -1, dtype=onp.intp)
    owner[positions] = onp.arange(k, dtype=onp.intp)     # the last write of a position wins
    last = owner[positions] == onp.arange(k, dtype=onp.intp)
    untouched = (owner < 0).reshape(shape)
    metas = {a: metadata(args[a]) for a in argnums if a}
    dtype = getval(ans).dtype
    plain = all(m[0] == () and m[2] == dtype for m in metas.values())

    def vjp(g):
        flat = anp.reshape(g, (-1,))[positions]
        if not last.all():
            flat = anp.where(last, flat, 0)
        if plain and type(flat) is onp.ndarray:
            picked = list(flat)          # NumPy scalars of the values' own dtype
        else:
            picked = None
        cts = []
        for a in argnums:
            if a == 0:
                cts.append(anp.where(untouched, g, 0))
            elif picked is not None:
                cts.append(picked[a - 1])
            else:
                cts.append(unbroadcast(flat[a - 1], metas[a]))
        return cts

    return vjp


def _write_jvp(argnums, tangents, ans, args, kwargs):
    given = dict(zip(argnums, tangents))
    value = getval(ans)
    real = value.dtype.kind != "c"
    base_t = given.get(0)
    if base_t is None:
        base_t = onp.zeros(value.shape, value.dtype)
    values_t = []
    for j in range(1, len(args)):
        t = given.get(j)
        if t is None:
            t = 0       # a constant written: the tangent there is zero
        elif real and onp.iscomplexobj(getval(t)):
            t = anp.real(t)
        values_t.append(t)
    return write(base_t, *values_t, indices=kwargs["indices"])


def register():
    defvjp_argnums(write, _write_vjp)
    defjvp_argnums(write, _write_jvp)
