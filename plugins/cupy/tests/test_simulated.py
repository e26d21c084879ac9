"""The GPU tests' code paths on a CPU stand-in for CuPy (simulated_cupy.py), in a subprocess.

No GPU is needed: this checks the plugin's loader, boxes and device-side vector
spaces, and the GPU tests themselves, so that plugins/cupy/check_on_gpu.sh
runs tests that were exercised before it reaches a GPU.  It is not a
substitute for that run: CuPy's kernels and its coverage of NumPy's API are
only seen there.
"""

import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent


@pytest.mark.skipif(not (HERE.parents[2] / "tests" / "numpy" / "strict_array.py").exists(),
                    reason="needs the checkout's tests/numpy (the stand-in array lives there)")
def test_gpu_tests_pass_on_a_simulated_cupy():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOGRAD_PLUGINS_")}
    env["AUTOGRAD_CUPY_SIMULATE"] = "1"
    # only a quick selection of the table: the whole of it runs in tests/numpy already
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", str(HERE / "test_gpu.py"), "-q", "-p", "no:cacheprovider",
         "-k", "mlp or registered or traced_float or zero_gradient or sin or matmul or linalg.inv "
               "or reductions.sum or shapes.int or fft.fft",
         "--rootdir", str(HERE.parent), "-o", "addopts="],
        env=env, capture_output=True, text=True, timeout=600, cwd=HERE.parent)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "skipped" not in proc.stdout, proc.stdout[-2000:]
