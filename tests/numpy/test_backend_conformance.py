"""The NumPy rules on a backend array that refuses to become an ndarray.

:mod:`strict_array` is a CPU stand-in for ``cupy.ndarray``: it implements
NumPy's array protocols and raises on any conversion to ``ndarray``.  Each row
of :mod:`backend_rows` runs on it

* through ``check_grads`` in both modes (finite differences on the backend
  arrays; the gradients' vector spaces must be the StrictArray spaces, so a
  rule that returns an ndarray fails), and
* through ``grad`` and ``make_jvp`` with every transfer to the host forbidden,
  compared with the same derivatives of plain ndarrays.

A rule that forced its operands to ``ndarray`` (``onp.asarray``, constants
built with ``onp.zeros(shape)``) would, on CuPy, copy GPU data to the host or
fail; here it fails the test.  Rules that cannot run on such a backend are in
``backend_rows.CANNOT_RUN`` with the reason, the table of docs/backends.md.
"""

import importlib.util
import pathlib
import sys

import numpy as onp
import numpy.fft  # noqa: F401  (the rule sets load for imported targets only)
import numpy.linalg  # noqa: F401
import pytest

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.test_util import check_grads

HERE = pathlib.Path(__file__).parent


def _sibling(name):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


strict = _sibling("strict_array")
backend_rows = _sibling("backend_rows")
strict.register()

StrictArray = strict.StrictArray
MODES = ["fwd", "rev"]

CANNOT_RUN = backend_rows.CANNOT_RUN
CANNOT_RUN_UNTRACED = backend_rows.CANNOT_RUN_UNTRACED
HOST_DATA_ROWS = backend_rows.HOST_DATA_ROWS

TESTED = backend_rows.TESTED
leaves, cotangents, tangent_like = backend_rows.leaves, backend_rows.cotangents, backend_rows.tangent_like
weighted_loss, in_slot = backend_rows.weighted_loss, backend_rows.in_slot


def _to_backend(x):
    return StrictArray(onp.array(x)) if isinstance(x, onp.ndarray) else x


def _rows(untraced):
    for row in backend_rows.ROWS:
        argnums = [i for i in row[3] if isinstance(row[2][i], onp.ndarray)]
        if not argnums or row[0] in HOST_DATA_ROWS:
            continue    # derivatives w.r.t. Python numbers only: nothing on the backend
        row = row[:3] + (argnums,)
        marks = ()
        if row[0] in CANNOT_RUN and (untraced or row[0] not in CANNOT_RUN_UNTRACED):
            marks = pytest.mark.xfail(reason=CANNOT_RUN[row[0]], strict=True)
        yield pytest.param(row, id=row[0], marks=marks)


def test_the_table_is_broad():
    assert len(backend_rows.ROWS) > 500 and set(CANNOT_RUN) | HOST_DATA_ROWS <= {
        row[0] for row in backend_rows.ROWS}


@pytest.mark.filterwarnings("ignore:.*msort.*:DeprecationWarning")   # NumPy 1.x rows
@pytest.mark.parametrize("row", list(_rows(untraced=True)))
def test_check_grads_on_backend(row):
    _, fun, inputs, argnums = row
    args = [_to_backend(x) for x in inputs]
    check_grads(fun, argnum=argnums, modes=MODES, order=1)(*args)


@pytest.mark.filterwarnings("ignore:.*msort.*:DeprecationWarning")   # NumPy 1.x rows
@pytest.mark.parametrize("row", list(_rows(untraced=False)))
def test_derivatives_stay_on_backend_and_equal_numpy(row):
    _, fun, inputs, argnums = row
    w = cotangents(fun(*inputs))
    w_backend = [StrictArray(x.copy()) for x in w]
    args = [_to_backend(x) for x in inputs]
    for argnum in argnums:
        want = grad(weighted_loss(fun, w), argnum)(*inputs)
        with strict.no_host_transfers():
            got = grad(weighted_loss(fun, w_backend), argnum)(*args)
        assert type(got) is StrictArray, f"gradient w.r.t. argument {argnum} is {type(got).__name__}"
        onp.testing.assert_allclose(got.get(), want, rtol=1e-6, atol=1e-10)

        t = tangent_like(inputs[argnum])
        _, want_t = make_jvp(in_slot(fun, inputs, argnum))(inputs[argnum])(t)
        with strict.no_host_transfers():
            _, got_t = make_jvp(in_slot(fun, args, argnum))(args[argnum])(StrictArray(t.copy()))
        for got_leaf, want_leaf in zip(leaves(got_t), leaves(want_t)):
            assert type(got_leaf) is StrictArray, f"tangent is {type(got_leaf).__name__}"
            onp.testing.assert_allclose(got_leaf.get(), want_leaf, rtol=1e-6, atol=1e-10)


# ----------------------------------------------------------------- the stand-in itself

def test_strict_array_refuses_conversion():
    s = StrictArray(onp.ones(3))
    with pytest.raises(TypeError, match="Implicit conversion"):
        onp.asarray(s)
    with pytest.raises(TypeError, match="unsupported operand"):
        s + onp.ones(3)
    with strict.no_host_transfers(), pytest.raises(strict.HostTransferError):
        s.get()
    assert type(onp.sin(s)) is StrictArray and type(onp.sum(s)) is StrictArray


def test_a_rule_that_converts_is_caught():
    # the check these tests rely on: an ndarray sneaking in fails
    from autograd.extend import defvjp, primitive

    @primitive
    def twice(x):
        return 2 * x

    defvjp(twice, lambda ans, x: lambda g: onp.full(x.shape, 2.0) * g)
    with pytest.raises(TypeError, match="unsupported operand"):
        grad(lambda x: np.sum(twice(x)))(StrictArray(onp.ones(3)))


def test_asarray_and_array_keep_a_backend_array_in_its_library():
    s = StrictArray(onp.arange(3.0))
    assert np.asarray(s) is s and np.asanyarray(s) is s
    assert type(np.asarray(s, dtype=onp.float32)) is StrictArray and np.asarray(s, "float32").dtype == onp.float32
    copy = np.array(s)
    assert type(copy) is StrictArray and copy is not s and onp.array_equal(copy.get(), s.get())
    stacked = np.array([s, 2 * s])
    assert type(stacked) is StrictArray and stacked.shape == (2, 3)
    # plain data is converted as before
    assert type(np.asarray([1.0, 2.0])) is onp.ndarray and type(np.array((1, 2))) is onp.ndarray


def test_util_like_moves_a_rules_host_array_into_the_operands_library():
    from autograd_numpy.util import is_backend_array, like
    s, host = StrictArray(onp.ones(3)), onp.arange(3.0)
    assert is_backend_array(s) and not is_backend_array(host) and not is_backend_array(1.0)
    moved = like(host, 2.0, s)
    assert type(moved) is StrictArray and onp.array_equal(moved.get(), host)
    assert like(host, onp.ones(3)) is host
    grad(lambda x: np.sum(x) * 1.0)(s)   # a box's raw value counts too
    assert type(like(host, np.sum(s))) is StrictArray
