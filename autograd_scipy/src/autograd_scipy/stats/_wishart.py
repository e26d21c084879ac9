"""Shared by ``wishart`` and ``invwishart``: SciPy's argument conventions for
random positive definite matrices.

``scale`` is a scalar (dimension 1), a vector (a diagonal matrix) or a matrix;
``x`` is read as SciPy reads it -- a scalar times the identity, a vector (the
diagonal, or ``N`` one-dimensional points when the dimension is 1), one
matrix, or ``N`` matrices stacked along the *last* axis ``(p, p, N)`` -- and
returned as a batch ``(N, p, p)``.
"""

import numpy as onp

from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import ndim_of


def matrices(x, scale):
    """``(xs, s, p)``: ``x`` as a batch ``(N, p, p)``, ``scale`` as a ``(p, p)`` matrix."""
    s = scale_matrix(scale)
    p = anp.shape(s)[0]
    return batch(x, p), s, p


def scale_matrix(scale):
    nd = ndim_of(scale)
    if nd == 0:
        return anp.reshape(scale, (1, 1))
    if nd == 1:
        return anp.diag(scale)
    return scale


def batch(x, dim):
    nd = ndim_of(x)
    if nd == 0:
        return anp.reshape(x * onp.eye(dim), (1, dim, dim))
    if nd == 1:
        if dim == 1:
            return anp.reshape(x, (-1, 1, 1))
        return anp.reshape(anp.diag(x), (1, dim, dim))
    if nd == 2:
        return anp.reshape(x, (1, dim, dim))
    return anp.transpose(x, (2, 0, 1))
