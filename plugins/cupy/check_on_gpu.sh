#!/usr/bin/env bash
# The whole CuPy check, in one command, on a machine with an NVIDIA GPU:
#
#     bash plugins/cupy/check_on_gpu.sh            # from anywhere in a checkout
#     CUDA=cuda13 bash plugins/cupy/check_on_gpu.sh  # CuPy wheel for CUDA 13 (default: cuda12)
#
# It creates a fresh venv (under $VENV, default /tmp/autograd-cupy-venv), installs
# the core, autograd-numpy and this plugin with its CuPy extra (a prebuilt
# cupy-cudaXXx wheel: nothing is compiled), runs the plugin's tests -- the NumPy
# add-on's gradient table on CuPy arrays with host transfers refused, the MLP --
# which must not be skipped, and then the MLP benchmark against NumPy.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${VENV:-/tmp/autograd-cupy-venv}"
CUDA="${CUDA:-cuda12}"
PYTHON="${PYTHON:-python3}"

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet pytest "numpy>=1.26" pluggy
"$VENV/bin/python" -m pip install --quiet --no-deps "$ROOT/core" "$ROOT/autograd_numpy"
"$VENV/bin/python" -m pip install --quiet "$ROOT/plugins/cupy[$CUDA]"
"$VENV/bin/python" -c "import cupy; print('CuPy', cupy.__version__, 'devices:', cupy.cuda.runtime.getDeviceCount())"

cd "$ROOT/plugins/cupy"
# -rs lists skips; the grep below fails the run if the GPU tests were skipped
"$VENV/bin/python" -m pytest tests -q -rsx -p no:cacheprovider --rootdir . -o addopts= \
    | tee /tmp/autograd-cupy-tests.log
if grep -q "SKIPPED.*test_gpu" /tmp/autograd-cupy-tests.log; then
    echo "check_on_gpu.sh: the GPU tests were skipped (see the reason above)" >&2
    exit 1
fi
"$VENV/bin/python" benchmarks/mlp.py "$@"
