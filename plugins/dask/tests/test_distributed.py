"""Gradients computed on a real distributed scheduler: a LocalCluster of two worker processes."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, hessian_tensor_product, value_and_grad

distributed = pytest.importorskip("distributed")

RS = onp.random.RandomState(0)
X = RS.randn(2000, 5)
Y = (RS.rand(2000) > 0.5).astype(float)
W = 0.3 * RS.randn(5)


def loss(w, X, y):
    z = X @ w
    return np.sum(np.log1p(np.exp(z)) - y * z)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_two_worker_processes(client):
    assert len(client.scheduler_info()["workers"]) == 2


def test_gradients_on_the_cluster_equal_numpy(client, lazy, no_compute):
    dX, dy, dw = lazy(X, (500, 5)), lazy(Y, 500), lazy(W, 5)
    with no_compute():
        value, gw = value_and_grad(loss)(W, dX, dy)        # NumPy parameters, dask data
        gX = grad(loss, 1)(W, dX, dy)                      # w.r.t. the data: X's chunks
        hvp = hessian_tensor_product(loss)(dw, dX, dy, dw)
    futures = client.compute([value, gw, gX, hvp])
    value, gw, gX, hvp = client.gather(futures)
    onp.testing.assert_allclose(value, loss(W, X, Y), rtol=1e-12)
    onp.testing.assert_allclose(gw, grad(loss)(W, X, Y), rtol=1e-12, atol=1e-12)
    onp.testing.assert_allclose(gX, grad(loss, 1)(W, X, Y), rtol=1e-12, atol=1e-12)
    onp.testing.assert_allclose(hvp, hessian_tensor_product(loss)(W, X, Y, W), rtol=1e-12, atol=1e-12)


def test_work_is_spread_over_both_workers(client, lazy):
    dX, dy = lazy(X, (250, 5)), lazy(Y, 250)
    g = grad(loss, 1)(W, dX, dy).persist()
    distributed.wait(g)
    holders = {w for ws in client.who_has(g).values() for w in ws}
    assert len(holders) == 2
    onp.testing.assert_allclose(g.compute(), grad(loss, 1)(W, X, Y), rtol=1e-12, atol=1e-12)
