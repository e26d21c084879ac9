"""Peak memory of a gradient over data larger than the memory it may use.

The gradient of the logistic-regression loss

    L(w) = sum(log1p(exp(X @ w)) - y * (X @ w))

for X of shape (10**7, 10) float64 (10**8 entries, 800 MB) in chunks of 10**6 rows
(80 MB each), and y of 10**7 entries.  X and y are generated lazily with
``dask.array.random``, so they are never in memory as a whole: each chunk is made,
used and dropped.  autograd traces ``L`` into a dask graph (nothing runs), and one
``dask.compute(loss, gradient)`` runs forward and backward pass together, chunk by
chunk.  The gradient with respect to the NumPy parameter ``w`` is a reduction over
the chunks: ``X.T @ (sigmoid(X @ w) - y)``.

What is measured: the peak resident set size of the process that computes
(``ru_maxrss`` of ``resource.getrusage``, and psutil sampling every 10 ms), with one
of Dask's local schedulers in that one process, so every byte the computation
holds is counted, the interpreter and the libraries included (importing
``dask.array`` alone takes about 120 MB).  Each scheduler runs in a fresh
interpreter.  The goal (issue 11) is under 400 MB.

* ``synchronous``: one task at a time, so one chunk of X at a time;
* ``threads`` (2 threads): two chunks are generated at once, and a chunk is held
  until both its forward (``X_i @ w``) and its backward (``X_i.T @ g_i``) product
  are done, so up to about three chunks (240 MB) are alive at once.  A gradient
  written by hand with dask.array (no autograd) peaks about 25 MB lower.

When pydata/sparse is installed, ``import dask.array`` imports it (a chunk type
dask knows), and with it numba, llvmlite and SciPy: about 60 MB more before any
data.  ``--hide sparse`` measures as in an environment with dask[array] and
NumPy only (what ``pip install autograd-dask`` brings).

    python plugins/dask/benchmarks/memory.py                  # both schedulers, 10**7 rows
    python plugins/dask/benchmarks/memory.py --hide sparse    # as without pydata/sparse
    python plugins/dask/benchmarks/memory.py --rows 2000000   # a quicker run
"""

import argparse
import json
import os
import subprocess
import sys
import time

_CHILD = r"""
import json, resource, sys, threading, time
for name in sys.argv[6].split(","):    # --hide: as if not installed (dask imports some eagerly)
    if name:
        sys.modules[name] = None
import psutil
import dask, dask.array as da
import numpy as onp
import autograd.numpy as np
from autograd import value_and_grad

rows, cols, chunk, threads = (int(a) for a in sys.argv[1:5])
scheduler = sys.argv[5]
proc = psutil.Process()
base = proc.memory_info().rss
peak = [base]
done = threading.Event()

def sample():
    while not done.is_set():
        peak[0] = max(peak[0], proc.memory_info().rss)
        time.sleep(0.01)

rng = da.random.default_rng(0)
X = rng.standard_normal((rows, cols), chunks=(chunk, cols))
y = (rng.random(rows, chunks=chunk) < 0.5).astype(onp.float64)
w = onp.linspace(-0.1, 0.1, cols)

def loss(w):
    z = X @ w
    return np.sum(np.log1p(np.exp(z)) - y * z)

t0 = time.perf_counter()
value, gradient = value_and_grad(loss)(w)        # lazy: a dask graph, nothing computed
t_trace = time.perf_counter() - t0
watcher = threading.Thread(target=sample, daemon=True)
watcher.start()
t0 = time.perf_counter()
with dask.config.set(scheduler=scheduler, num_workers=threads):
    value, gradient = dask.compute(value, gradient)
t_compute = time.perf_counter() - t0
done.set()
watcher.join()
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024   # KiB on Linux
print(json.dumps({
    "rows": rows, "cols": cols, "chunk_rows": chunk, "scheduler": scheduler,
    "threads": 1 if scheduler == "synchronous" else threads,
    "data_mb": rows * cols * 8 / 1e6, "chunk_mb": chunk * cols * 8 / 1e6,
    "baseline_rss_mb": base / 1e6, "peak_rss_mb": max(maxrss, peak[0]) / 1e6,
    "maxrss_mb": maxrss / 1e6, "sampled_mb": peak[0] / 1e6,
    "trace_s": t_trace, "compute_s": t_compute,
    "loss": float(value), "grad_norm": float(onp.linalg.norm(gradient)),
}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10**7)
    parser.add_argument("--cols", type=int, default=10)
    parser.add_argument("--chunk", type=int, default=10**6, help="rows per chunk")
    parser.add_argument("--threads", type=int, default=2, help="threads of the threaded scheduler")
    parser.add_argument("--scheduler", choices=["synchronous", "threads", "both"], default="both")
    parser.add_argument("--limit-mb", type=float, default=400.0)
    parser.add_argument("--hide", default="",
                        help="comma-separated packages to treat as not installed, e.g. 'sparse': "
                             "dask.array imports pydata/sparse (and with it numba, llvmlite, scipy: "
                             "~60 MB) at import time when it is installed")
    parser.add_argument("--json", action="store_true", help="print the raw measurement")
    args = parser.parse_args()
    schedulers = ["synchronous", "threads"] if args.scheduler == "both" else [args.scheduler]
    for i, scheduler in enumerate(schedulers):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _CHILD, str(args.rows), str(args.cols),
                              str(args.chunk), str(args.threads), scheduler, args.hide],
                             capture_output=True, text=True, env=dict(os.environ))
        if out.returncode != 0:
            sys.exit(out.stderr)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if args.json:
            print(json.dumps(r))
            continue
        if i == 0:
            print(f"X: {r['rows']} x {r['cols']} float64 = {r['data_mb']:.0f} MB in chunks of "
                  f"{r['chunk_rows']} rows ({r['chunk_mb']:.0f} MB)"
                  + (f"; hidden: {args.hide}" if args.hide else ""))
        print(f"{scheduler} scheduler, {r['threads']} thread(s): peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(after imports {r['baseline_rss_mb']:.0f} MB), limit {args.limit_mb:.0f} MB: "
              f"{'OK' if r['peak_rss_mb'] < args.limit_mb else 'OVER'}; trace {r['trace_s']:.2f} s, "
              f"compute (loss and gradient) {r['compute_s']:.1f} s, "
              f"total {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
