"""grad of an MLP's loss on CuPy (GPU) against the same code on NumPy (CPU).

    python plugins/cupy/benchmarks/mlp.py [--batch 4096] [--width 1024] [--depth 4] [--reps 20]

Prints the median time of one ``grad`` call on each, the ratio NumPy/CuPy
(the GPU's speed-up), and checks that the two gradients agree.  The model is
written once with ``autograd.numpy``; only the arrays differ.  CuPy's time
includes a device synchronisation after each call (the work is asynchronous).
``loss`` and ``model`` are also the model of tests/test_gpu.py's MLP test.
"""

import argparse
import statistics
import time

import numpy as onp

import autograd.numpy as np
from autograd import grad


def loss(params, x, y):
    h = x
    for W, b in params[:-1]:
        h = np.tanh(h @ W + b)
    W, b = params[-1]
    logits = h @ W + b
    logits = logits - np.max(logits, axis=1, keepdims=True)
    logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
    return -np.mean(np.sum(logp * y, axis=1))


def model(xp, batch, width, depth, classes=10, seed=0):
    rng = onp.random.default_rng(seed)
    sizes = [width] * depth + [classes]
    params = [(xp.asarray(rng.standard_normal((a, b)) / onp.sqrt(a)),
               xp.asarray(0.01 * rng.standard_normal(b)))
              for a, b in zip(sizes[:-1], sizes[1:])]
    x = xp.asarray(rng.standard_normal((batch, width)))
    y = xp.asarray(onp.eye(classes)[rng.integers(0, classes, batch)])
    return params, x, y


def timed(f, reps, sync=lambda: None):
    f()
    sync()                      # warm-up: kernel compilation, memory pool
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        out = f()
        sync()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=4096)
    ap.add_argument("--width", type=int, default=1024)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--reps", type=int, default=20)
    args = ap.parse_args()
    import cupy

    g = grad(loss)
    host = model(onp, args.batch, args.width, args.depth)
    dev = model(cupy, args.batch, args.width, args.depth)
    sync = cupy.cuda.Device().synchronize
    t_np, g_np = timed(lambda: g(*host), max(3, args.reps // 4))
    t_cp, g_cp = timed(lambda: g(*dev), args.reps, sync)
    worst = max(float(onp.max(onp.abs(cupy.asnumpy(a) - b)) / (1e-300 + onp.max(onp.abs(b))))
                for pa, pb in zip(g_cp, g_np) for a, b in zip(pa, pb))
    assert all(type(a) is cupy.ndarray for pa in g_cp for a in pa), "a gradient left the GPU"
    print(f"MLP grad, batch {args.batch}, width {args.width}, depth {args.depth} (float64)")
    print(f"  numpy (CPU): {t_np * 1e3:9.2f} ms")
    device = cupy.cuda.runtime.getDeviceProperties(0)["name"].decode()
    print(f"  cupy  (GPU): {t_cp * 1e3:9.2f} ms   ({device})")
    print(f"  ratio numpy/cupy: {t_np / t_cp:.1f}x   max relative difference of the gradients: {worst:.1e}")
    if worst > 1e-8:
        raise SystemExit("the CuPy and NumPy gradients differ")


if __name__ == "__main__":
    main()
