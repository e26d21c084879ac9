"""A stand-in ``cupy`` module on the CPU, for running the GPU tests' code paths without a GPU.

Its ``ndarray`` is the StrictArray of tests/numpy/strict_array.py (an array that
implements NumPy's protocols and refuses implicit conversion, as CuPy's does),
and it has the few functions the plugin and the tests call.  It is installed
into ``sys.modules["cupy"]`` only in a subprocess (``AUTOGRAD_CUPY_SIMULATE=1``,
see conftest.py and test_simulated.py): it must never meet a real CuPy or the
other tests of a session.
"""

import importlib.util
import sys
import types

import numpy as onp


def install(numpy_tests):
    spec = importlib.util.spec_from_file_location("strict_array", numpy_tests / "strict_array.py")
    strict = importlib.util.module_from_spec(spec)
    sys.modules["strict_array"] = strict
    spec.loader.exec_module(strict)
    S = strict.StrictArray

    def asarray(x, dtype=None):
        if type(x) is S:
            return x if dtype is None else x.astype(dtype)
        return S(onp.array(x, dtype=dtype))

    def asnumpy(x):
        return x.get() if type(x) is S else onp.asarray(x)

    cupy = types.ModuleType("cupy")
    cupy.__simulated__ = True
    cupy.ndarray = S
    cupy.zeros = lambda shape, dtype=float: S(onp.zeros(shape, dtype))
    cupy.ones = lambda shape, dtype=float: S(onp.ones(shape, dtype))
    cupy.full = lambda shape, value, dtype=None: S(onp.full(shape, value, dtype))
    cupy.asarray = asarray
    cupy.asnumpy = asnumpy
    cupy.cuda = types.SimpleNamespace(
        runtime=types.SimpleNamespace(getDeviceCount=lambda: 1),
        Device=lambda *a: types.SimpleNamespace(synchronize=lambda: None))
    sys.modules["cupy"] = cupy
    return cupy, strict
