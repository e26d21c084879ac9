"""Logistic regression by gradient descent on a chunked dataset, on a Dask cluster.

Needs the autograd-dask plugin and distributed (``pip install ./plugins/dask[distributed]``).

The data live on the workers of a local cluster (two worker processes) as dask
arrays in chunks of 25,000 rows; the parameters ``w`` are a small NumPy array.
Each step, ``value_and_grad`` traces the loss written with ``autograd.numpy``
into a dask graph (nothing is computed while tracing), and one
``client.compute`` runs forward and backward pass on the workers, chunk by
chunk; only the loss and the 10 numbers of the gradient come back.  Progress:
``distributed.progress`` shows the data being generated on the workers, then
every few steps the loss and the gradient's norm are printed.

    python examples/dask_logistic.py [--rows 200000] [--steps 25]
"""

import argparse
import time

import dask.array as da
import numpy as onp
from distributed import Client, LocalCluster, progress

import autograd.numpy as np
from autograd import value_and_grad


def make_data(rows, cols, chunk, seed=0):
    """Features X and labels y drawn from a logistic model with known weights (lazily)."""
    rng = da.random.default_rng(seed)
    w_true = onp.linspace(-2.0, 2.0, cols)
    X = rng.standard_normal((rows, cols), chunks=(chunk, cols))
    p = 1.0 / (1.0 + da.exp(-(X @ w_true)))
    y = (rng.random(rows, chunks=chunk) < p).astype(onp.float64)
    return X, y, w_true


def mean_loss(w, X, y):
    """Negative log-likelihood per example: mean(log(1 + exp(X w)) - y X w)."""
    z = X @ w
    return np.mean(np.logaddexp(0.0, z) - y * z)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--cols", type=int, default=10)
    parser.add_argument("--chunk", type=int, default=25_000)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--lr", type=float, default=4.0)
    args = parser.parse_args()

    t0 = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        print(f"cluster: {len(client.scheduler_info()['workers'])} worker processes "
              f"({time.perf_counter() - t0:.1f} s to start)")
        X, y, w_true = make_data(args.rows, args.cols, args.chunk)
        X, y = client.persist([X, y])             # the data stay on the workers
        print(f"generating {args.rows} x {args.cols} rows in {X.npartitions} chunks on the workers:")
        progress([X, y])                          # a text progress bar
        print()

        w = onp.zeros(args.cols)
        step = value_and_grad(mean_loss)
        for k in range(args.steps + 1):
            loss, g = step(w, X, y)               # lazy: dask arrays, nothing computed yet
            loss, g = client.compute([loss, g], sync=True)    # one pass over the chunks
            if k % 5 == 0 or k == args.steps:
                print(f"step {k:3d}  loss {loss:.6f}  |grad| {onp.linalg.norm(g):.2e}")
            w = w - args.lr * g

        accuracy = client.compute(np.mean((X @ w > 0) == (y > 0.5)), sync=True)
        print(f"weights: {onp.round(w, 2)}")
        print(f"true:    {onp.round(w_true, 2)}")
        print(f"training accuracy {accuracy:.3f}; total {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
