"""Benchmark workloads, one function per (workload, framework).

Run by ``benchmarks/run.py`` inside each framework's own interpreter (ours and
HIPS autograd 1.9.1 both own the ``autograd`` package, so they live in
separate virtual environments).  Prints one JSON line per workload:
``{"workload": ..., "framework": ..., "grad_s": ..., "forward_s": ...}``, each
the best of the repeats.  A workload whose function returns a dict of
variants (``fill_loop``: the same computation written two ways) prints one
line per variant, with a ``"variant"`` key.  ``fill_loop_scaling`` is not in
the default list: it times ours' fill loop at growing ``n``, one line per
``n`` with ``"n"`` and ``"grad_per_elem_s"``.

    python workloads.py --framework ours --workload scalar_chain
    python workloads.py --framework ours --workload fill_loop_scaling
"""

import argparse
import functools
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


# ----------------------------------------------------------------- fill loop
# A preallocated array filled element by element, then a scalar loss.  Ours
# writes into the array (``out[i] = ...``, autograd_numpy's assignment);
# users of HIPS autograd, which cannot assign, build a list and stack it, and
# ours is timed on that rewrite too.  PyTorch does the same in-place writes.

FILL_N = 200
FILL_SCALING_N = (1_000, 10_000, 100_000)


def _fill_x(n):
    import numpy as onp
    return onp.random.RandomState(0).uniform(-1.0, 1.0, n)


def _fill_assign(np):
    def f(x):
        n = x.shape[0]
        out = np.zeros(n)
        for i in range(n):
            out[i] = np.sin(x[i]) * x[i - 1]
        return np.sum(out ** 2)
    return f


def _fill_stack(np):
    def f(x):
        out = np.stack([np.sin(x[i]) * x[i - 1] for i in range(x.shape[0])])
        return np.sum(out ** 2)
    return f


def fill_loop_ours():
    import numpy as onp

    import autograd.numpy as np
    from autograd import grad
    x0 = _fill_x(FILL_N)
    fill, stack = _fill_assign(np), _fill_stack(np)
    g_fill, g_stack = grad(fill), grad(stack)
    # Both ways must give the same gradient, or the comparison means nothing.
    if not onp.allclose(g_fill(x0), g_stack(x0), rtol=1e-12, atol=0):
        raise AssertionError("fill_loop: the fill loop's gradient differs from the stacked one")
    return {"fill": (lambda: g_fill(x0), lambda: fill(x0)),
            "stack": (lambda: g_stack(x0), lambda: stack(x0))}


def fill_loop_hips():
    import autograd.numpy as np
    from autograd import grad
    x0 = _fill_x(FILL_N)
    stack = _fill_stack(np)
    g = grad(stack)
    return {"stack": (lambda: g(x0), lambda: stack(x0))}


def fill_loop_torch():
    import torch
    x = torch.tensor(_fill_x(FILL_N), dtype=torch.float64, requires_grad=True)

    def f(x):
        n = x.shape[0]
        out = torch.zeros(n, dtype=torch.float64)
        for i in range(n):
            out[i] = torch.sin(x[i]) * x[i - 1]
        return torch.sum(out ** 2)

    def g():
        x.grad = None
        f(x).backward()
        return x.grad

    def fwd():
        with torch.no_grad():
            return f(x)

    return {"inplace": (g, fwd)}


def fill_loop_scaling_ours(repeats):
    """Ours' fill loop at each n of FILL_SCALING_N: one JSON line per n.

    The sizes are timed in turn within each round (best of the rounds per n),
    so that a busy spell on a shared machine does not land on one n alone and
    pass for a change in the time per element.  Each timing starts from a
    collected heap and ends with ``gc.collect()``: a size pays for collecting
    the reference cycles its own calls leave behind, not those of the size
    timed before it (a full collection of the otherwise clean heap costs about
    5 ms, under 2% of a timing).
    """
    import gc

    import autograd.numpy as np
    from autograd import grad
    g = grad(_fill_assign(np))
    # Fewer calls as n grows (a call at n = 10^5 takes seconds).
    calls = {n: (functools.partial(g, _fill_x(n)), max(1, 10_000 // n)) for n in FILL_SCALING_N}
    best = dict.fromkeys(FILL_SCALING_N, float("inf"))
    for fn, _ in calls.values():
        fn()  # warm up
    for _ in range(min(repeats, 5)):
        for n, (fn, number) in calls.items():
            gc.collect()
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            gc.collect()
            best[n] = min(best[n], (time.perf_counter() - t0) / number)
    for n, t in best.items():
        print(json.dumps({"workload": "fill_loop_scaling", "framework": "ours",
                          "variant": "fill", "n": n, "grad_s": t, "grad_per_elem_s": t / n}))
    sys.stdout.flush()


WORKLOADS = ["scalar_chain", "small_chain", "mlp", "fill_loop"]
# Run only when named (long: the n = 10^5 fill loop takes seconds per call).
EXTRA_WORKLOADS = ["fill_loop_scaling"]


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
    ap.add_argument("--workload", action="append", choices=WORKLOADS + EXTRA_WORKLOADS)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    if args.framework == "torch":
        import torch
        torch.set_num_threads(1)
    for name in args.workload or WORKLOADS:
        make = globals().get(f"{name}_{args.framework}")
        if make is None:
            print(json.dumps({"workload": name, "framework": args.framework,
                              "error": "not defined for this framework"}))
            continue
        if name in EXTRA_WORKLOADS:
            make(args.repeats)
            continue
        try:
            fns = make()
        except ImportError as e:
            print(json.dumps({"workload": name, "framework": args.framework,
                              "error": f"{type(e).__name__}: {e}"}))
            continue
        number = 3 if name == "mlp" else 10
        variants = fns.items() if isinstance(fns, dict) else [(None, fns)]
        for variant, (grad_fn, fwd_fn) in variants:
            g = best_time(grad_fn, args.repeats, number)
            f = best_time(fwd_fn, args.repeats, number)
            line = {"workload": name, "framework": args.framework}
            if variant is not None:
                line["variant"] = variant
            print(json.dumps({**line, "grad_s": g, "forward_s": f}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
