"""Shared helpers: dask inputs, and a guard that fails on any computation."""

import contextlib
import warnings

import dask
import dask.array as da
import numpy as onp
import pytest


class ComputeCalled(AssertionError):
    """Something computed a dask array while it should only have built a graph."""


def _forbidden_scheduler(*args, **kwargs):
    raise ComputeCalled("a dask array was computed during tracing")


@contextlib.contextmanager
def no_compute():
    """Inside: computing a dask array raises (the scheduler is a callable that
    raises), as does dask's fallback for NumPy functions it does not implement
    (a FutureWarning, after which it computes its arguments)."""
    with dask.config.set(scheduler=_forbidden_scheduler), warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*is not implemented by Dask array",
                                category=FutureWarning)
        yield


def lazy(x, chunks):
    """The NumPy array ``x`` as a dask array of ``chunks``."""
    return da.from_array(onp.asarray(x), chunks=chunks)


def compute(x):
    """``x`` computed with the synchronous scheduler (an ndarray)."""
    return onp.asarray(dask.compute(x, scheduler="sync")[0])


@pytest.fixture
def rng():
    return onp.random.RandomState(1)


@pytest.fixture(name="no_compute")
def _no_compute_fixture():
    return no_compute


@pytest.fixture(name="lazy")
def _lazy_fixture():
    return lazy


@pytest.fixture(name="compute")
def _compute_fixture():
    return compute
