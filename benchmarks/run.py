"""Side-by-side benchmarks: this project, HIPS autograd 1.9.1 and PyTorch eager.

Each framework runs in its own virtual environment (ours and HIPS both own
the ``autograd`` package), created on first use under ``benchmarks/.venv-*``.
All of them run in the same invocation, one after the other, and the report
gives ratios against HIPS autograd (times on shared machines mean little on
their own).

    python benchmarks/run.py                      # every workload
    python benchmarks/run.py --workload scalar_chain --no-torch
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
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    from workloads import WORKLOADS
    workloads = args.workload or WORKLOADS

    envs = {
        "ours": ensure_env("ours", ["numpy", "scipy", "pluggy"], local=True),
        "hips": ensure_env("hips", ["autograd==1.9.1", "numpy"]),
    }
    if not args.no_torch:
        envs["torch"] = ensure_env("torch", ["torch==2.13.0", "numpy"])
    results = {}
    for fw, py in envs.items():
        for r in run(py, fw, workloads, args.repeats):
            results[(r["workload"], fw)] = r

    print(f"{'workload':14} {'framework':9} {'grad ms':>10} {'fwd ms':>10} "
          f"{'grad/fwd':>9} {'grad vs HIPS':>13}")
    for w in workloads:
        hips = results.get((w, "hips"), {})
        for fw in envs:
            r = results.get((w, fw), {})
            if "error" in r or not r:
                print(f"{w:14} {fw:9} {'n/a: ' + r.get('error', 'missing')}")
                continue
            ratio = r["grad_s"] / hips["grad_s"] if hips.get("grad_s") else float("nan")
            print(f"{w:14} {fw:9} {r['grad_s'] * 1e3:10.3f} {r['forward_s'] * 1e3:10.3f} "
                  f"{r['grad_s'] / r['forward_s']:9.2f} {ratio:12.2f}x")


if __name__ == "__main__":
    main()
