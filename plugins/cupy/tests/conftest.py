"""With ``AUTOGRAD_CUPY_SIMULATE=1`` (set by test_simulated.py in a subprocess), a
CPU stand-in for CuPy is installed before any test module imports ``cupy``, so
the GPU tests' code paths run without a GPU.  Nothing happens otherwise."""

import importlib.util
import os
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
# tests/numpy of the checkout: the shared gradient table (backend_rows.py) and the
# CuPy-like StrictArray
NUMPY_TESTS = HERE.parents[2] / "tests" / "numpy"

if os.environ.get("AUTOGRAD_CUPY_SIMULATE") == "1":
    _spec = importlib.util.spec_from_file_location("simulated_cupy", HERE / "simulated_cupy.py")
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
    _module.install(NUMPY_TESTS)
