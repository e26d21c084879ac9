"""Inputs of the tests: small sparse arrays in each format, with an explicit zero stored."""

import numpy as onp
import sparse

# a 4 x 3 pattern with 6 stored entries, one of them an explicit 0.0 (still a variable)
_COORDS = onp.array([[0, 0, 1, 2, 3, 3], [0, 2, 1, 0, 1, 2]])
_VALUES = onp.array([0.7, -1.1, 0.0, 0.4, 1.3, -0.6])


def make_coo(values=_VALUES):
    return sparse.COO(_COORDS, onp.asarray(values, dtype=float), shape=(4, 3), prune=False)


def make(fmt, values=_VALUES):
    A = make_coo(values)
    if fmt == "coo":
        return A
    if fmt == "csr":
        return sparse.GCXS.from_coo(A, compressed_axes=(0,))
    if fmt == "csc":
        return sparse.GCXS.from_coo(A, compressed_axes=(1,))
    raise ValueError(fmt)


def dense_of(A):
    return A.todense()


def mask_of(A):
    """1 at A's stored entries (explicit zeros included), 0 elsewhere."""
    m = onp.zeros(A.shape)
    m[tuple((A if isinstance(A, sparse.COO) else A.tocoo()).coords)] = 1.0
    return m
