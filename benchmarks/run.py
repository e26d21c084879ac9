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


def run(py, framework, workloads, repeats):
    cmd = [py, os.path.join(HERE, "workloads.py"), "--framework", framework,
           "--repeats", str(repeats)]
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
    ap.add_argument("--scaling", action="store_true",
                    help="also time ours' fill loop at n = 10^3, 10^4, 10^5 (about a minute)")
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    from workloads import EXTRA_WORKLOADS, WORKLOADS
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
    results, variants, scaling = {}, {}, []
    for fw, py in envs.items():
        for r in run(py, fw, workloads, args.repeats) if workloads else []:
            if "variant" in r:
                variants.setdefault(r["workload"], []).append(r)
            else:
                results[(r["workload"], fw)] = r
    if extra:
        scaling = run(envs["ours"], "ours", extra, args.repeats)

    plain = [w for w in workloads if w not in variants]
    if plain:
        print(f"{'workload':14} {'framework':9} {'grad ms':>10} {'fwd ms':>10} "
              f"{'grad/fwd':>9} {'grad vs HIPS':>13}")
    for w in plain:
        hips = results.get((w, "hips"), {})
        for fw in envs:
            r = results.get((w, fw), {})
            if "error" in r or not r:
                print(f"{w:14} {fw:9} {'n/a: ' + r.get('error', 'missing')}")
                continue
            ratio = r["grad_s"] / hips["grad_s"] if hips.get("grad_s") else float("nan")
            print(f"{w:14} {fw:9} {r['grad_s'] * 1e3:10.3f} {r['forward_s'] * 1e3:10.3f} "
                  f"{r['grad_s'] / r['forward_s']:9.2f} {ratio:12.2f}x")
    for i, (w, rows) in enumerate(variants.items()):
        if plain or i:
            print()
        report_variants(w, rows)
    if scaling:
        if plain or variants:
            print()
        report_scaling(scaling)


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


# Ratios of grad times that issue 10 sets targets for: (numerator, denominator, at most).
TARGETS = {"fill_loop": [("ours-fill", "torch-inplace", 1.0), ("ours-fill", "ours-stack", 1.5)]}


if __name__ == "__main__":
    main()
