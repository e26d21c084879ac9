"""Benchmark workloads, one function per (workload, framework).

Run by ``benchmarks/run.py`` inside each framework's own interpreter (ours and
HIPS autograd 1.9.1 both own the ``autograd`` package, so they live in
separate virtual environments).  Prints one JSON line per workload:
``{"workload": ..., "framework": ..., "grad_s": ..., "forward_s": ...}``, each
the best of the repeats.  A workload whose function returns a dict of
variants (``fill_loop``: the same computation written two ways) prints one
line per variant, with a ``"variant"`` key.  ``fill_loop_scaling`` is not in
the default list: it times ours' fill loop at growing ``n``, one line per
``n`` with ``"n"`` and ``"grad_per_elem_s"``.  ``import`` (ours and HIPS only)
times fresh interpreters instead: ``grad_s`` with ``import autograd.numpy``,
``forward_s`` with NumPy alone.  JAX runs ``jacobian``, ``hessian`` and
``rnn``, each jitted (compiled in the warm-up call).  The "framework"
``numpy`` (run in ours' environment) is ``rnn``'s gradient written by hand in
NumPy: the floor any tracer of these NumPy calls pays.

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


# ----------------------------------------------------------------- Jacobian, Hessian
# Whole derivative matrices (issue 12): ``jacobian`` of a two-layer map
# R^100 -> R^100, ``hessian`` of a 30-dimensional logsumexp.  PyTorch runs its
# vectorised ``torch.autograd.functional`` versions; JAX its jitted
# ``jacrev``/``hessian`` (compiled once, before timing).

JAC_N = 100
HESS_N = 30


def _jac_data():
    import numpy as onp
    rng = onp.random.RandomState(0)
    return rng.randn(JAC_N, JAC_N) / onp.sqrt(JAC_N), rng.randn(JAC_N)


def _hess_x():
    import numpy as onp
    return onp.random.RandomState(1).randn(HESS_N)


def _jacobian_autograd():
    import autograd.numpy as np
    from autograd import jacobian
    A, x0 = _jac_data()

    def f(x):
        return np.tanh(A @ np.tanh(A @ x))

    jac = jacobian(f)
    return lambda: jac(x0), lambda: f(x0)


jacobian_ours = jacobian_hips = _jacobian_autograd


def jacobian_torch():
    import torch
    from torch.autograd.functional import jacobian
    A, x0 = (torch.tensor(a) for a in _jac_data())

    def f(x):
        return torch.tanh(A @ torch.tanh(A @ x))

    def fwd():
        with torch.no_grad():
            return f(x0)

    return lambda: jacobian(f, x0, vectorize=True), fwd


def jacobian_jax():
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    A, x0 = (jnp.asarray(a) for a in _jac_data())

    def f(x):
        return jnp.tanh(A @ jnp.tanh(A @ x))

    jac, fj = jax.jit(jax.jacrev(f)), jax.jit(f)
    return (lambda: jac(x0).block_until_ready(), lambda: fj(x0).block_until_ready())


def _logsumexp(np):
    def f(x):
        m = np.max(x)
        return m + np.log(np.sum(np.exp(x - m)))
    return f


def _hessian_autograd():
    import autograd.numpy as np
    from autograd import hessian
    f, x0 = _logsumexp(np), _hess_x()
    hess = hessian(f)
    return lambda: hess(x0), lambda: f(x0)


hessian_ours = hessian_hips = _hessian_autograd


def hessian_torch():
    import torch
    from torch.autograd.functional import hessian
    f, x0 = _logsumexp(torch), torch.tensor(_hess_x())

    def fwd():
        with torch.no_grad():
            return f(x0)

    return lambda: hessian(f, x0, vectorize=True), fwd


def hessian_jax():
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    f, x0 = _logsumexp(jnp), jnp.asarray(_hess_x())
    hess, fj = jax.jit(jax.hessian(f)), jax.jit(f)
    return (lambda: hess(x0).block_until_ready(), lambda: fj(x0).block_until_ready())


# ----------------------------------------------------------------- RNN
# A tanh RNN over T steps of a batch: many small matrix products, where the
# cost of recording and replaying each primitive shows (issue 12 targets
# grad/forward).

RNN_T, RNN_H, RNN_B = 50, 64, 16


def _rnn_data():
    import numpy as onp
    rng = onp.random.RandomState(0)
    params = (rng.randn(RNN_H, RNN_H) * 0.1, rng.randn(RNN_H, RNN_H) * 0.1, onp.zeros(RNN_H))
    return params, rng.randn(RNN_T, RNN_B, RNN_H), onp.zeros((RNN_B, RNN_H))


def _rnn_loss(np, xs, h0):
    def loss(params):
        Wx, Wh, b = params
        h = h0
        for t in range(RNN_T):
            h = np.tanh(xs[t] @ Wx + h @ Wh + b)
        return np.sum(h * h)
    return loss


def _rnn_autograd():
    import autograd.numpy as np
    from autograd import grad
    params, xs, h0 = _rnn_data()
    loss = _rnn_loss(np, xs, h0)
    g = grad(loss)
    return lambda: g(params), lambda: loss(params)


rnn_ours = rnn_hips = _rnn_autograd


def rnn_torch():
    import torch
    params, xs, h0 = _rnn_data()
    params = [torch.tensor(p, requires_grad=True) for p in params]
    loss = _rnn_loss(torch, torch.tensor(xs), torch.tensor(h0))

    def g():
        for p in params:
            p.grad = None
        loss(params).backward()
        return params[0].grad

    def fwd():
        with torch.no_grad():
            return loss(params)

    return g, fwd


def rnn_numpy():
    """The floor: the same RNN's gradient written by hand in NumPy (runs in ours'
    environment).  The forward pass keeps the states; the backward pass per step
    is the tanh factor, the products for Wx, Wh and the state, and the bias sum,
    accumulated in place; ``forward`` is the plain NumPy forward pass."""
    import numpy as onp
    params, xs, h0 = _rnn_data()
    loss = _rnn_loss(onp, xs, h0)

    def g():
        Wx, Wh, b = params
        hs = [h0]
        h = h0
        for t in range(RNN_T):
            h = onp.tanh(xs[t] @ Wx + h @ Wh + b)
            hs.append(h)
        gh = 2 * h                      # d sum(h*h) / dh
        dWx, dWh, db = onp.zeros_like(Wx), onp.zeros_like(Wh), onp.zeros_like(b)
        for t in range(RNN_T - 1, -1, -1):
            h = hs[t + 1]
            gz = gh * (1 - h * h)
            dWx += xs[t].T @ gz
            dWh += hs[t].T @ gz
            db += gz.sum(0)
            gh = gz @ Wh.T
        return dWx, dWh, db

    return g, lambda: loss(params)


def rnn_jax():
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    params, xs, h0 = _rnn_data()
    params = tuple(jnp.asarray(p) for p in params)
    loss = _rnn_loss(jnp, jnp.asarray(xs), jnp.asarray(h0))
    g, fj = jax.jit(jax.grad(loss)), jax.jit(loss)
    return (lambda: g(params)[0].block_until_ready(), lambda: fj(params).block_until_ready())


# ----------------------------------------------------------------- import
# Process wall time of importing the array module and making a first call,
# against NumPy alone in the same interpreter: 15 runs of each, alternating,
# the ratio of medians.  Reported as "grad" = with autograd, "forward" =
# NumPy alone, so grad/fwd is the ratio the issue sets a target for.

IMPORT_RUNS = 15
IMPORT_CODE = {"autograd": "import autograd.numpy as np; np.sin(np.ones(3))",
               "numpy": "import numpy as np; np.sin(np.ones(3))"}


def _children_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def import_time(repeats, clock="wall"):
    """Medians over IMPORT_RUNS paired runs: (with autograd, NumPy alone).  With
    ``clock="thread"`` a run is timed by the CPU time the process used."""
    import statistics
    import subprocess
    measure = _children_cpu if clock == "thread" else time.perf_counter
    times = {k: [] for k in IMPORT_CODE}
    for code in IMPORT_CODE.values():     # warm the file cache
        subprocess.run([sys.executable, "-c", code], check=True)
    for _ in range(IMPORT_RUNS):
        for k, code in IMPORT_CODE.items():
            t0 = measure()
            subprocess.run([sys.executable, "-c", code], check=True)
            times[k].append(measure() - t0)
    return statistics.median(times["autograd"]), statistics.median(times["numpy"])


WORKLOADS = ["scalar_chain", "small_chain", "mlp", "fill_loop", "jacobian", "hessian", "rnn",
             "import"]
# Run only when named (long: the n = 10^5 fill loop takes seconds per call).
EXTRA_WORKLOADS = ["fill_loop_scaling"]
# Timed by a function of their own (subprocesses), not as a (grad, forward) pair.
TIMED_ALONE = {"import": import_time}
# Frameworks that run each workload: JAX only the ones issue 12 compares it on.
FRAMEWORK_WORKLOADS = {"jax": ["jacobian", "hessian", "rnn"], "numpy": ["rnn"],
                       "torch": [w for w in WORKLOADS if w not in TIMED_ALONE]}


def best_time(fn, repeats, number, clock=time.perf_counter):
    fn()  # warm up
    best = float("inf")
    for _ in range(repeats):
        t0 = clock()
        for _ in range(number):
            fn()
        best = min(best, (clock() - t0) / number)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framework", required=True, choices=["ours", "hips", "torch", "jax", "numpy"])
    ap.add_argument("--workload", action="append", choices=WORKLOADS + EXTRA_WORKLOADS)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--clock", choices=["wall", "thread"], default="wall",
                    help="thread: CPU time of this thread (BLAS pinned to it), which a busy "
                         "machine disturbs far less (import: the CPU time of each process); "
                         "JAX, whose work runs on threads of its own, keeps wall time")
    args = ap.parse_args()
    clock = time.thread_time if args.clock == "thread" and args.framework != "jax" \
        else time.perf_counter
    if args.framework == "torch":
        import torch
        torch.set_num_threads(1)
    for name in args.workload or FRAMEWORK_WORKLOADS.get(args.framework, WORKLOADS):
        if name in TIMED_ALONE and args.framework in ("ours", "hips"):
            g, f = TIMED_ALONE[name](args.repeats, args.clock)
            print(json.dumps({"workload": name, "framework": args.framework,
                              "grad_s": g, "forward_s": f}))
            sys.stdout.flush()
            continue
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
            g = best_time(grad_fn, args.repeats, number, clock)
            f = best_time(fwd_fn, args.repeats, number, clock)
            line = {"workload": name, "framework": args.framework}
            if variant is not None:
                line["variant"] = variant
            print(json.dumps({**line, "grad_s": g, "forward_s": f}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
