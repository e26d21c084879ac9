"""Side-by-side benchmarks: this project, HIPS autograd 1.9.1 and PyTorch eager.

Each framework runs in its own virtual environment (ours and HIPS both own
the ``autograd`` package), created on first use under ``benchmarks/.venv-*``.
All of them run in the same invocation, one after the other, and the report
gives ratios against HIPS autograd (times on shared machines mean little on
their own).

    python benchmarks/run.py                      # every workload
    python benchmarks/run.py --workload scalar_chain --no-torch
    python benchmarks/run.py --workload fill_loop --scaling

``fill_loop`` times each framework's variants (ours: writing into the array
and the list-and-stack rewrite; HIPS: the rewrite; PyTorch: in-place writes)
in a table of its own, with the ratios its issue sets targets for.
``--scaling`` adds ours' fill loop at n = 10^3, 10^4, 10^5 (time per element).

``jacobian``, ``hessian`` and ``rnn`` also run under JAX (jitted) when
``benchmarks/.venv-jax`` exists (``--jax`` creates it; ``--no-jax`` skips it).
``import`` times fresh interpreters: ``import autograd.numpy`` and a first call,
against the same with NumPy alone (its "grad" and "fwd" columns).  The
ratios are drawn into a PNG (``--chart``) when matplotlib is importable here.
"""

import argparse
import json
import os
import subprocess
import sys
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LOCAL_DISTS = ["core", "autograd_numpy", "autograd_scipy"]


def _python(env_dir):
    return os.path.join(env_dir, "bin", "python")


def ensure_env(name, requirements, local=False):
    env_dir = os.path.join(HERE, f".venv-{name}")
    py = _python(env_dir)
    if not os.path.exists(py):
        print(f"[setup] creating {env_dir}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(env_dir)
        subprocess.check_call([py, "-m", "pip", "install", "-q", *requirements])
    if local:
        dists = [os.path.join(ROOT, d) for d in LOCAL_DISTS
                 if os.path.exists(os.path.join(ROOT, d, "pyproject.toml"))]
        subprocess.check_call([py, "-m", "pip", "install", "-q", "--force-reinstall",
                               "--no-deps", *dists])
    return py


def run(py, framework, workloads, repeats, clock="wall"):
    """Run ``workloads.py`` in ``py``; one dict per JSON line it prints."""
    cmd = [py, os.path.join(HERE, "workloads.py"), "--framework", framework,
           "--repeats", str(repeats), "--clock", clock]
    for w in workloads:
        cmd += ["--workload", w]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         env={**os.environ, "OMP_NUM_THREADS": "1",
                              "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", action="append")
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--clock", choices=["wall", "thread"], default="wall",
                    help="thread: time each framework by its thread's CPU time, import by "
                         "each process's (steadier on a busy machine; JAX keeps wall time)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="run every framework this many times, alternating the order, and keep "
                         "each one's best grad and forward times (for busy machines)")
    ap.add_argument("--scaling", action="store_true",
                    help="also time ours' fill loop at n = 10^3, 10^4, 10^5 (about a minute)")
    ap.add_argument("--jax", action="store_true",
                    help="create benchmarks/.venv-jax (jax[cpu]) if missing and run JAX")
    ap.add_argument("--no-jax", action="store_true", help="skip JAX even if its venv exists")
    ap.add_argument("--chart", default=os.path.join(HERE, "results", "ratios.png"),
                    help="PNG to draw the ratios into (needs matplotlib here); '' for none")
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    from workloads import EXTRA_WORKLOADS, FRAMEWORK_WORKLOADS, WORKLOADS
    workloads = args.workload or WORKLOADS
    # Extra workloads (fill_loop_scaling) run in our environment only.
    extra = [w for w in workloads if w in EXTRA_WORKLOADS]
    if args.scaling and "fill_loop_scaling" not in extra:
        extra.append("fill_loop_scaling")
    workloads = [w for w in workloads if w not in EXTRA_WORKLOADS]

    envs = {
        "ours": ensure_env("ours", ["numpy", "scipy", "pluggy"], local=True),
        "hips": ensure_env("hips", ["autograd==1.9.1", "numpy"]),
    }
    if not args.no_torch:
        envs["torch"] = ensure_env("torch", ["torch==2.13.0", "numpy"])
    if args.jax or (os.path.exists(_python(os.path.join(HERE, ".venv-jax"))) and not args.no_jax):
        envs["jax"] = ensure_env("jax", ["jax[cpu]", "numpy"])
    # the RNN's gradient written by hand in NumPy (the floor), in ours' environment
    envs["numpy"] = envs["ours"]
    results, variants, scaling = {}, {}, []
    best = {}     # (workload, framework, variant) -> the fastest line over the rounds
    order = list(envs.items())
    for rnd in range(args.rounds):
        # alternate the order, so that no framework always runs in the same spell of load
        for fw, py in (order if rnd % 2 == 0 else order[::-1]):
            mine = [w for w in workloads if w in FRAMEWORK_WORKLOADS.get(fw, workloads)]
            for r in run(py, fw, mine, args.repeats, args.clock) if mine else []:
                key = (r["workload"], fw, r.get("variant"))
                old = best.get(key)
                if old is None or "error" in old or \
                        ("grad_s" in r and r["grad_s"] < old["grad_s"]):
                    best[key] = {**r, "forward_s": min(r.get("forward_s", float("inf")),
                                                       old.get("forward_s", float("inf")))
                                 if old and "forward_s" in old else r.get("forward_s")}
    for (w, fw, variant), r in best.items():
        if variant is not None:
            variants.setdefault(w, []).append(r)
        else:
            results[(w, fw)] = r
    if extra:
        scaling = run(envs["ours"], "ours", extra, args.repeats)

    plain = [w for w in workloads if w not in variants]
    if plain:
        print(f"{'workload':14} {'framework':9} {'grad ms':>10} {'fwd ms':>10} "
              f"{'grad/fwd':>9} {'grad vs HIPS':>13}")
    for w in plain:
        hips = results.get((w, "hips"), {})
        for fw in envs:
            r = results.get((w, fw))
            if r is None:
                continue            # not run for this framework (JAX, import)
            if "error" in r:
                print(f"{w:14} {fw:9} {'n/a: ' + r['error']}")
                continue
            ratio = r["grad_s"] / hips["grad_s"] if hips.get("grad_s") else float("nan")
            print(f"{w:14} {fw:9} {r['grad_s'] * 1e3:10.3f} {r['forward_s'] * 1e3:10.3f} "
                  f"{r['grad_s'] / r['forward_s']:9.2f} {ratio:12.2f}x")
    if "import" in plain:
        what = "CPU time" if args.clock == "thread" else "wall time"
        print("  (import: 'grad' = `import autograd.numpy as np; np.sin(np.ones(3))`, "
              f"'fwd' = the same with numpy; process {what}, medians of 15 paired runs)")
    for w in plain:
        report_plain_targets(w, results)
    for i, (w, rows) in enumerate(variants.items()):
        if plain or i:
            print()
        report_variants(w, rows)
    if scaling:
        if plain or variants:
            print()
        report_scaling(scaling)
    if plain and args.chart:
        draw_chart(args.chart, plain, list(envs), results)


def report_plain_targets(workload, results):
    """The targets issues 7 and 12 set on ours: grad vs HIPS, or grad/forward."""
    for kind, target in PLAIN_TARGETS.get(workload, ()):
        ours, hips = results.get((workload, "ours"), {}), results.get((workload, "hips"), {})
        if "grad_s" not in ours or (kind == "vs_hips" and "grad_s" not in hips):
            print(f"  {workload} ours {kind}: n/a (not run)")
            continue
        value = ours["grad_s"] / (hips["grad_s"] if kind == "vs_hips" else ours["forward_s"])
        verdict = "met" if value <= target else "MISSED"
        label = "grad vs HIPS" if kind == "vs_hips" else "grad/fwd"
        print(f"  {workload} ours {label}: {value:.2f} (target <= {target}: {verdict})")


def draw_chart(path, workloads, frameworks, results):
    """Two panels of bars: each framework's grad time as a multiple of HIPS's,
    and its grad/forward ratio (for ``import``: with autograd / NumPy alone)."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"\nchart skipped: matplotlib is not installed for {sys.executable} "
              "(pip install matplotlib there, or run this script with a Python that has it)")
        return
    panels = [("grad time / HIPS grad time", [w for w in workloads if w != "import"],
               lambda r, h: r["grad_s"] / h["grad_s"] if h.get("grad_s") else None),
              ("grad / forward (import: with autograd / NumPy alone)", workloads,
               lambda r, h: r["grad_s"] / r["forward_s"])]
    colors = {"ours": "tab:blue", "hips": "tab:gray", "torch": "tab:orange", "jax": "tab:green",
              "numpy": "tab:purple"}
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
    width = 0.8 / len(frameworks)
    for ax, (title, names, metric) in zip(axes, panels):
        for k, fw in enumerate(frameworks):
            xs, ys = [], []
            for i, w in enumerate(names):
                r, h = results.get((w, fw), {}), results.get((w, "hips"), {})
                v = metric(r, h) if "grad_s" in r else None
                if v:
                    xs.append(i + (k - (len(frameworks) - 1) / 2) * width)
                    ys.append(v)
            bars = ax.bar(xs, ys, width, label=fw, color=colors.get(fw))
            ax.bar_label(bars, fmt="%.2g", fontsize=6, padding=1)
        ax.set_yscale("log")
        ax.set_xticks(range(len(names)), names, fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fig.savefig(path, dpi=80)
    print(f"\nchart written to {path}")


def report_variants(workload, rows):
    """One workload written several ways: a table, then the ratios its issue targets."""
    print(f"{workload:14} {'framework':9} {'variant':8} {'grad ms':>10} {'fwd ms':>10} "
          f"{'grad/fwd':>9}")
    grad = {}
    for r in rows:
        fw, var = r["framework"], r["variant"]
        grad[f"{fw}-{var}"] = r["grad_s"]
        print(f"{'':14} {fw:9} {var:8} {r['grad_s'] * 1e3:10.3f} {r['forward_s'] * 1e3:10.3f} "
              f"{r['grad_s'] / r['forward_s']:9.2f}")
    for num, den, target in TARGETS.get(workload, ()):
        if num in grad and den in grad:
            ratio = grad[num] / grad[den]
            verdict = "met" if ratio <= target else "MISSED"
            print(f"  grad {num} / {den}: {ratio:.2f} (target <= {target}: {verdict})")
        else:
            print(f"  grad {num} / {den}: n/a (not run)")


def report_scaling(rows):
    """Time per element at each n, and how far it grows (linear total cost: <= 1.5x)."""
    rows = [r for r in rows if "n" in r]
    if not rows:
        return
    print(f"{'fill_loop_scaling':17} {'n':>8} {'grad ms':>10} {'us/element':>11}")
    for r in rows:
        print(f"{'  ours-fill':17} {r['n']:8d} {r['grad_s'] * 1e3:10.1f} "
              f"{r['grad_per_elem_s'] * 1e6:11.2f}")
    per = [r["grad_per_elem_s"] for r in rows]
    ratio = max(per) / min(per)
    verdict = "met" if ratio <= 1.5 else "MISSED"
    print(f"  max/min time per element: {ratio:.2f}x (target <= 1.5x: {verdict})")


# Targets on ours (issues 7 and 12): "vs_hips" = grad time / HIPS's; "grad/fwd".
PLAIN_TARGETS = {"scalar_chain": [("vs_hips", 0.35)], "small_chain": [("vs_hips", 0.30)],
                 "mlp": [("grad/fwd", 3.0)], "jacobian": [("vs_hips", 0.10)],
                 "hessian": [("vs_hips", 0.10)], "rnn": [("grad/fwd", 3.0)],
                 "import": [("grad/fwd", 1.10)]}

# Ratios of grad times that issue 10 sets targets for: (numerator, denominator, at most).
TARGETS = {"fill_loop": [("ours-fill", "torch-inplace", 1.0), ("ours-fill", "ours-stack", 1.5)]}


if __name__ == "__main__":
    main()
