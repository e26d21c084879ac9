"""Shared makers of inputs: random sparse matrices in each format."""

import numpy as onp
import pytest
import scipy.sparse as sp


def _random_sparse(fmt, shape, kind="matrix", density=0.5, seed=0):
    """A random ``shape`` scipy sparse matrix (or array) in format ``fmt``."""
    A = sp.random(*shape, density=density, format="coo", random_state=seed)
    A = sp.coo_array(A) if kind == "array" else sp.coo_matrix(A)
    return A.asformat(fmt)


def _solvable(fmt, n=5, kind="matrix", seed=0):
    """A diagonally dominant (well-conditioned) matrix with off-diagonal entries."""
    A = sp.random(n, n, density=0.4, format="coo", random_state=seed) + 4 * sp.eye(n)
    A = sp.coo_array(A) if kind == "array" else sp.coo_matrix(A)
    return A.asformat(fmt)


@pytest.fixture
def random_sparse():
    return _random_sparse


@pytest.fixture
def solvable():
    return _solvable


@pytest.fixture
def rng():
    return onp.random.RandomState(1)
