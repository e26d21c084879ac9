"""Benchmark workloads, one function per (workload, framework).

Run by ``benchmarks/run.py`` inside each framework's own interpreter (ours and
HIPS autograd 1.9.1 both own the ``autograd`` package, so they live in
separate virtual environments).  Prints one JSON line per workload:
``{"workload": ..., "framework": ..., "seconds": best-of-repeats, ...}``.

    python workloads.py --framework ours --workload scalar_chain
"""

import argparse
import json
import sys
import time

SCALAR_CHAIN_ITERS = 286     # 7 primitives per iteration: ~2,000 primitives


# ----------------------------------------------------------------- scalar chain

def scalar_chain_ours():
    from autograd import grad
    from autograd.math import sin

    def f(x):
        for _ in range(SCALAR_CHAIN_ITERS):
            x = x + 0.01 * sin(x) * x / (1 + x * x)
        return x

    g = grad(f)
    return lambda: g(0.5), lambda: f(0.5)


def scalar_chain_hips():
    import autograd.numpy as np
    from autograd import grad

    def f(x):
        for _ in range(SCALAR_CHAIN_ITERS):
            x = x + 0.01 * np.sin(x) * x / (1 + x * x)
        return x

    g = grad(f)
    x0 = np.float64(0.5)
    return lambda: g(x0), lambda: f(x0)


def scalar_chain_torch():
    import torch

    def f(x):
        for _ in range(SCALAR_CHAIN_ITERS):
            x = x + 0.01 * torch.sin(x) * x / (1 + x * x)
        return x

    def g():
        x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
        f(x).backward()
        return x.grad

    return g, lambda: f(torch.tensor(0.5, dtype=torch.float64))


# ----------------------------------------------------------------- small-array chain

def _small_chain(np, grad):
    def f(x):
        for _ in range(300):
            x = np.tanh(x) * 0.9 + 0.01 * np.mean(x * x)
        return np.sum(x)
    x0 = np.linspace(-1.0, 1.0, 10)
    g = grad(f)
    return lambda: g(x0), lambda: f(x0)


def small_chain_ours():
    import autograd.numpy as np
    from autograd import grad
    return _small_chain(np, grad)


small_chain_hips = small_chain_ours


def small_chain_torch():
    import torch

    def f(x):
        for _ in range(300):
            x = torch.tanh(x) * 0.9 + 0.01 * torch.mean(x * x)
        return torch.sum(x)

    def g():
        x = torch.linspace(-1.0, 1.0, 10, dtype=torch.float64, requires_grad=True)
        f(x).backward()
        return x.grad

    return g, lambda: f(torch.linspace(-1.0, 1.0, 10, dtype=torch.float64))


# ----------------------------------------------------------------- MLP

def _mlp(np, grad):
    rng = np.random.RandomState(0)
    sizes = [784, 256, 256, 10]
    params = [(rng.randn(m, n) * 0.05, np.zeros(n)) for m, n in zip(sizes[:-1], sizes[1:])]
    X = rng.randn(128, 784)
    y = np.eye(10)[rng.randint(0, 10, size=128)]

    def loss(params):
        h = X
        for W, b in params[:-1]:
            h = np.tanh(h @ W + b)
        W, b = params[-1]
        logits = h @ W + b
        logits = logits - np.max(logits, axis=1, keepdims=True)
        logp = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
        return -np.sum(logp * y) / 128

    g = grad(loss)
    return lambda: g(params), lambda: loss(params)


def mlp_ours():
    import autograd.numpy as np
    from autograd import grad
    return _mlp(np, grad)


mlp_hips = mlp_ours


def mlp_torch():
    import numpy as onp
    import torch
    rng = onp.random.RandomState(0)
    sizes = [784, 256, 256, 10]
    params = [(torch.tensor(rng.randn(m, n) * 0.05, requires_grad=True),
               torch.zeros(n, dtype=torch.float64, requires_grad=True))
              for m, n in zip(sizes[:-1], sizes[1:])]
    X = torch.tensor(rng.randn(128, 784))
    y = torch.tensor(onp.eye(10)[rng.randint(0, 10, size=128)])

    def loss():
        h = X
        for W, b in params[:-1]:
            h = torch.tanh(h @ W + b)
        W, b = params[-1]
        logp = torch.log_softmax(h @ W + b, dim=1)
        return -(logp * y).sum() / 128

    def g():
        for W, b in params:
            W.grad = b.grad = None
        loss().backward()
        return params[0][0].grad

    def fwd():
        with torch.no_grad():
            return loss()

    return g, fwd


WORKLOADS = ["scalar_chain", "small_chain", "mlp"]


def best_time(fn, repeats, number):
    fn()  # warm up
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framework", required=True, choices=["ours", "hips", "torch"])
    ap.add_argument("--workload", action="append", choices=WORKLOADS)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    if args.framework == "torch":
        import torch
        torch.set_num_threads(1)
    for name in args.workload or WORKLOADS:
        try:
            grad_fn, fwd_fn = globals()[f"{name}_{args.framework}"]()
        except ImportError as e:
            print(json.dumps({"workload": name, "framework": args.framework,
                              "error": f"{type(e).__name__}: {e}"}))
            continue
        number = 3 if name == "mlp" else 10
        g = best_time(grad_fn, args.repeats, number)
        f = best_time(fwd_fn, args.repeats, number)
        print(json.dumps({"workload": name, "framework": args.framework,
                          "grad_s": g, "forward_s": f}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
