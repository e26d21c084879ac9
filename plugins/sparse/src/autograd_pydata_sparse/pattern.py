"""Sparsity patterns: reading an array at the stored entries of a sparse one.

Raw helpers (no tracing) that the vector spaces and the rules build on:

* :func:`coords_of` -- the coordinates of a sparse array's stored entries, in
  the order of its ``data`` (a GCXS array stores them in compressed order,
  which is not the order ``tocoo()`` gives);
* :func:`read_at` -- the values of any array (dense, sparse of another
  pattern or format, a scalar) at those coordinates;
* :func:`with_values` -- a sparse array with the pattern and format of another
  and new stored values (nothing pruned, fill value 0);
* :func:`project` -- ``with_values(like, read_at(g, coords_of(like)))``: ``g``
  restricted to ``like``'s stored entries.
"""

import numbers

import numpy as onp
import sparse

__all__ = ["SPARSE_TYPES", "is_sparse", "coords_of", "read_at", "with_values", "project",
           "check_operand", "same_pattern"]

SPARSE_TYPES = (sparse.COO, sparse.GCXS)
_SparseArray = sparse.SparseArray


def is_sparse(x):
    """Whether ``x`` is a pydata/sparse array (any format)."""
    return isinstance(x, _SparseArray)


def check_operand(g, what="a pydata/sparse array"):
    """Refuse values that cannot meet a pydata/sparse array (other backends'
    arrays, scipy.sparse matrices) with an error that says so."""
    if isinstance(g, (_SparseArray, onp.ndarray, onp.generic, numbers.Number)):
        return
    mod = type(g).__module__ or ""
    kind = f"{mod.split('.')[0]}.{type(g).__name__}"
    hint = ""
    if mod.startswith("scipy.sparse"):
        hint = (" Convert it with sparse.asCOO(m) (or sparse.COO.from_scipy_sparse(m)) first, "
                "or keep it on scipy's side with autograd-scipy-sparse.")
    raise TypeError(f"autograd-pydata-sparse: cannot combine {what} with a {kind} "
                    f"({type(g).__module__}.{type(g).__name__}): pydata/sparse only mixes "
                    f"with NumPy arrays and numbers.{hint}")


def coords_of(x):
    """``(ndim, nnz)`` coordinates of ``x``'s stored entries, in ``x.data``'s order."""
    if isinstance(x, sparse.COO):
        return x.coords
    if isinstance(x, sparse.GCXS):
        # Number the stored entries (1..nnz, so that none is pruned as zero),
        # convert, and read each entry's position back from its value.
        numbered = sparse.GCXS((onp.arange(1, x.nnz + 1, dtype=onp.int64), x.indices, x.indptr),
                               shape=x.shape, compressed_axes=x.compressed_axes, fill_value=0)
        coo = numbered.tocoo()
        coords = onp.empty_like(coo.coords)
        coords[:, coo.data - 1] = coo.coords
        return coords
    return x.tocoo().coords


def _linear(coords, shape):
    if len(shape) == 0:
        return onp.zeros(coords.shape[1], dtype=onp.intp)
    return onp.ravel_multi_index(tuple(coords), shape)


def read_at(g, coords, shape):
    """The values of ``g`` (broadcast to ``shape``) at ``coords``: one per column."""
    check_operand(g)
    if isinstance(g, _SparseArray):
        if g.shape != tuple(shape):
            g = sparse.broadcast_to(g, shape)
        g = g if isinstance(g, sparse.COO) else g.tocoo()
        want = _linear(coords, shape)
        have = _linear(g.coords, shape)
        order = onp.argsort(have, kind="stable")
        have = have[order]
        pos = onp.searchsorted(have, want)
        pos_ok = onp.minimum(pos, max(len(have) - 1, 0))
        found = (pos < len(have)) & (have[pos_ok] == want) if len(have) else \
            onp.zeros(len(want), dtype=bool)
        out = onp.full(len(want), g.fill_value, dtype=g.dtype)
        out[found] = g.data[order[pos_ok[found]]]
        return out
    g = onp.asarray(g)
    if g.shape != tuple(shape):
        g = onp.broadcast_to(g, shape)
    return g[tuple(coords)]


def with_values(like, values):
    """A sparse array with ``like``'s format, shape and stored entries, holding ``values``."""
    values = onp.asarray(values)
    if values.dtype != like.dtype:
        if values.dtype.kind == "c" and like.dtype.kind != "c":
            values = values.real
        values = values.astype(like.dtype)
    if isinstance(like, sparse.COO):
        return sparse.COO(like.coords, values, shape=like.shape, has_duplicates=False,
                          sorted=True, prune=False, fill_value=like.dtype.type(0))
    if isinstance(like, sparse.GCXS):
        return sparse.GCXS((values, like.indices, like.indptr), shape=like.shape,
                           compressed_axes=like.compressed_axes, prune=False,
                           fill_value=like.dtype.type(0))
    raise TypeError(f"autograd-pydata-sparse: unsupported sparse format {type(like).__name__}")


def same_pattern(x, like):
    """Whether ``x`` holds ``like``'s very index arrays (as :func:`with_values` makes)."""
    if isinstance(like, sparse.COO):
        return isinstance(x, sparse.COO) and x.coords is like.coords
    return isinstance(x, sparse.GCXS) and x.indices is like.indices and x.indptr is like.indptr


def project(g, like):
    """``g`` restricted to the stored entries of ``like`` (same format and pattern)."""
    return with_values(like, read_at(g, coords_of(like), like.shape))
