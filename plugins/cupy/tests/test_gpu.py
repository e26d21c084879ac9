"""CuPy on a GPU: the NumPy add-on's gradient table on CuPy arrays, with no host round trip.

Skipped, with the reason, where CuPy does not import or no CUDA device is
usable.  Where it runs, every row of tests/numpy/backend_rows.py (the add-on's
own test tables: elementwise, broadcasting, reductions, shapes, indexing,
products, linalg, fft, sorting, ...) is differentiated on CuPy arrays

* by ``grad`` (reverse mode) and ``make_jvp`` (forward mode) while
  ``cupy.asnumpy`` raises and CuPy refuses ``__array__`` (as it always does);
  ``ndarray.get`` is patched to raise where the type allows it, and where it
  does not (CuPy's extension type), CuPy's synchronisation detector
  (``cupyx.allow_synchronize(False)``) stands in for it in the MLP test;
* and the results are CuPy arrays equal to the NumPy derivatives of the same
  function on the same (host) inputs;
* and ``check_grads`` passes on the CuPy inputs in both modes.

Rows that CuPy cannot run because CuPy lacks the NumPy function (its
``__array_function__`` declines) are reported as expected failures naming the
function, never as passes.  The rows that cannot run on any backend array are
those of ``backend_rows.CANNOT_RUN`` (docs/backends.md).
"""

import contextlib
import importlib.util
import pathlib
import sys

import numpy as onp
import pytest

HERE = pathlib.Path(__file__).resolve().parent
NUMPY_TESTS = HERE.parents[2] / "tests" / "numpy"


def _gpu_reason():
    try:
        import cupy
    except ImportError as e:
        return (f"CuPy is not importable ({e}): install autograd-cupy[cuda12] or [cuda13] "
                "on a machine with a GPU (plugins/cupy/check_on_gpu.sh)")
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as e:  # noqa: BLE001 - CUDARuntimeError, or no driver at all
        return f"CuPy imports but no CUDA device is usable ({type(e).__name__}: {e})"
    return None if count > 0 else "CuPy imports but there is no CUDA device"


GPU_REASON = _gpu_reason()
if GPU_REASON is not None:
    pytest.skip(GPU_REASON, allow_module_level=True)
if not (NUMPY_TESTS / "backend_rows.py").exists():
    pytest.skip("the gradient table tests/numpy/backend_rows.py is not here (run from a checkout)",
                allow_module_level=True)

import cupy  # noqa: E402

import autograd.numpy as np  # noqa: E402
from autograd import grad, make_jvp  # noqa: E402
from autograd.test_util import check_grads  # noqa: E402

SIMULATED = getattr(cupy, "__simulated__", False)


def _load(name, path=None):
    """The module at ``path`` (default: ``name``.py of tests/numpy), loaded once."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path or NUMPY_TESTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


backend_rows = _load("backend_rows")
leaves, cotangents, tangent_like = backend_rows.leaves, backend_rows.cotangents, backend_rows.tangent_like
weighted_loss, in_slot = backend_rows.weighted_loss, backend_rows.in_slot


class HostTransfer(AssertionError):
    """A CuPy array was copied to the host during differentiation."""


@contextlib.contextmanager
def no_host_round_trips(monkeypatch):
    """Inside: ``cupy.asnumpy`` and (where patchable) ``cupy.ndarray.get`` raise."""
    def refuse(*args, **kwargs):
        raise HostTransfer("a CuPy array was copied to the host during differentiation")

    with monkeypatch.context() as m:
        m.setattr(cupy, "asnumpy", refuse)
        try:
            m.setattr(cupy.ndarray, "get", refuse)
        except TypeError:
            pass    # CuPy's ndarray is an extension type; __array__ refuses anyway
        yield


def _device(x):
    return cupy.asarray(x) if isinstance(x, onp.ndarray) else x


@contextlib.contextmanager
def _cupy_lacks():
    """A row CuPy cannot run because it has no such NumPy function: an expected failure."""
    try:
        yield
    except TypeError as e:
        if "no implementation found" in str(e):
            pytest.xfail(f"CuPy lacks it: {e}")
        raise
    except NotImplementedError as e:
        pytest.xfail(f"CuPy does not implement it: {e}")


def _rows():
    for row in backend_rows.ROWS:
        argnums = [i for i in row[3] if isinstance(row[2][i], onp.ndarray)]
        if not argnums or row[0] in backend_rows.HOST_DATA_ROWS or row[0] in backend_rows.CANNOT_RUN:
            continue
        yield pytest.param(row[:3] + (argnums,), id=row[0])


ROWS = list(_rows())


@pytest.mark.parametrize("row", ROWS)
def test_derivatives_on_device_equal_numpy(row, monkeypatch):
    _, fun, inputs, argnums = row
    w = cotangents(fun(*inputs))
    w_dev = [cupy.asarray(x) for x in w]
    args = [_device(x) for x in inputs]
    with _cupy_lacks():
        for argnum in argnums:
            want = grad(weighted_loss(fun, w), argnum)(*inputs)
            with no_host_round_trips(monkeypatch):
                got = grad(weighted_loss(fun, w_dev), argnum)(*args)
            assert type(got) is cupy.ndarray, f"gradient w.r.t. argument {argnum}: {type(got)}"
            onp.testing.assert_allclose(cupy.asnumpy(got), want, rtol=1e-6, atol=1e-9)

            t = tangent_like(inputs[argnum])
            _, want_t = make_jvp(in_slot(fun, inputs, argnum))(inputs[argnum])(t)
            with no_host_round_trips(monkeypatch):
                _, got_t = make_jvp(in_slot(fun, args, argnum))(args[argnum])(cupy.asarray(t))
            for g_leaf, w_leaf in zip(leaves(got_t), leaves(want_t)):
                assert type(g_leaf) is cupy.ndarray, f"tangent: {type(g_leaf)}"
                onp.testing.assert_allclose(cupy.asnumpy(g_leaf), w_leaf, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("row", ROWS)
def test_check_grads_on_device(row):
    _, fun, inputs, argnums = row
    with _cupy_lacks():
        check_grads(fun, argnum=argnums, modes=["fwd", "rev"], order=1)(*[_device(x) for x in inputs])


# ----------------------------------------------------------------- a whole model

# the model that benchmarks/mlp.py times on a GPU
mlp = _load("_autograd_cupy_mlp_benchmark", HERE.parent / "benchmarks" / "mlp.py")


def test_mlp_gradient_stays_on_device_and_equals_numpy(monkeypatch):
    size = dict(batch=64, width=32, depth=3, classes=4)
    params_h, x_h, y_h = mlp.model(onp, **size)
    params_d, x_d, y_d = mlp.model(cupy, **size)
    want = grad(mlp.loss)(params_h, x_h, y_h)
    sync = contextlib.nullcontext()
    if not SIMULATED:
        import cupyx
        sync = cupyx.allow_synchronize(False)   # any device->host copy synchronises
    with no_host_round_trips(monkeypatch), sync:
        got = grad(mlp.loss)(params_d, x_d, y_d)
    for (gW, gb), (wW, wb) in zip(got, want):
        assert type(gW) is cupy.ndarray and type(gb) is cupy.ndarray
        onp.testing.assert_allclose(cupy.asnumpy(gW), wW, rtol=1e-9, atol=1e-12)
        onp.testing.assert_allclose(cupy.asnumpy(gb), wb, rtol=1e-9, atol=1e-12)


def test_traced_float_times_cupy_array():
    x = cupy.asarray(onp.arange(3.0))
    g = grad(lambda s: np.sum(s * x) + np.sum(x * s * s))(1.5)
    assert abs(float(g) - (3.0 + 2 * 1.5 * 3.0)) < 1e-12


def test_registered_by_the_plugin():
    import autograd.plugins as plugins
    from autograd.extend import vspace
    grad(lambda x: np.sum(x))(cupy.ones(2))
    mine = [p for p in plugins.list() if p.distribution == "autograd-cupy"]
    assert [t.state for p in mine for t in p.value_types] == ["loaded"]
    assert type(vspace(cupy.ones(2))).__name__ == "CupyArrayVSpace"
    assert type(vspace(cupy.ones(2, complex))).__name__ == "CupyComplexArrayVSpace"


def test_zero_gradient_is_a_device_array():
    with pytest.warns(UserWarning, match="independent of input"):
        g = grad(lambda x, y: np.sum(y ** 2), 0)(cupy.ones(3), cupy.ones(2))
    assert type(g) is cupy.ndarray and float(np.sum(g)) == 0.0


def test_a_derivative_from_another_library_is_refused():
    from autograd.extend import vspace
    vs = vspace(cupy.ones(3))
    with pytest.raises(TypeError, match="came out as numpy.ndarray: arrays of another library"):
        vs.as_element(onp.ones(3))
    assert type(vspace(cupy.ones(())).as_element(2.0)) is cupy.ndarray
