"""API behaviours that HIPS autograd 1.9.1's own test-suite relies on (see docs/compatibility.md)."""

import pytest

from autograd import grad
from autograd.extend import primitive
from autograd.misc.tracers import const_graph


def test_const_graph_records_primitives_without_vjp_rules():
    calls = []

    @primitive
    def tag(v, name):          # no VJP: const_graph only replays, never differentiates
        calls.append(name)
        return v

    def f(x, y):
        return tag(x, "x") + 2.0 * tag(y, "y")

    g = const_graph(f, 1.0)
    assert g(2.0) == 5.0 and g(3.0) == 7.0
    assert calls == ["x", "y", "y"]


def test_numpy_facade_version_is_numpy_version():
    numpy = pytest.importorskip("numpy")
    import autograd.numpy as anp
    assert anp.__version__ == numpy.__version__


def test_traced_python_scalar_has_0d_array_metadata():
    def f(x):
        assert (x.shape, x.ndim, x.size) == ((), 0, 1)
        return x * x

    assert grad(f)(3.0) == 6.0


def test_dirichlet_rvs_is_available():
    pytest.importorskip("scipy")
    import numpy as onp
    from autograd.scipy.stats import dirichlet
    x = dirichlet.rvs(onp.array([1.0, 2.0, 3.0]), size=2, random_state=0)
    assert x.shape == (2, 3) and onp.allclose(x.sum(axis=1), 1.0)
