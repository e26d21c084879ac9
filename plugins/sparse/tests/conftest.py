"""Fixtures: the sparse formats tested (inputs come from sparse_inputs)."""

import os
import sys

import numpy as onp
import pytest

# the test modules import sparse_inputs, next to this file (pytest's importlib
# import mode, which the repository uses, puts no test directory on sys.path)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(params=["coo", "csr", "csc"])
def fmt(request):
    return request.param


@pytest.fixture
def rng():
    return onp.random.RandomState(0)
