"""Writing into arrays inside differentiated functions (``a[i] = v``, ``a += b``, ...).

Each behaviour is checked against finite differences in both modes (second
order where it applies) with ``check_grads``, and its forward value against
plain NumPy running the same code.
"""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import (checkpoint, elementwise_grad, grad, hessian, jacobian, make_jvp)
from autograd.extend import getval
from autograd.test_util import check_grads

TESTED = {"autograd_numpy.assignment:write"}

RNG = onp.random.RandomState(0)
X6 = RNG.randn(6)
X34 = RNG.randn(3, 4)
X6.flags.writeable = False     # a test that writes into these by mistake fails loudly
X34.flags.writeable = False


def check(fun, x, order=2):
    # check_grads also calls ``fun`` on plain arrays (finite differences), where a
    # function writing into its input changes it, as NumPy does: give it a copy
    def protected(v):
        return fun(v.copy() if type(v) is onp.ndarray else v)
    check_grads(protected, modes=["fwd", "rev"], order=order)(x)


def same_as_numpy(program, x):
    """``program(np, x)`` gives the same value traced as in plain NumPy."""
    expected = program(onp, x.copy())
    traced = []
    grad(lambda v: _keep(traced, program(np, v)))(x)
    onp.testing.assert_allclose(traced[0], expected, rtol=1e-12, atol=1e-12)


def _keep(store, value):
    store.append(getval(value))
    return np.sum(np.real(value))


# ----------------------------------------------------------------- arrays made in the function

CONSTRUCTORS = {
    "zeros": lambda x: np.zeros(6),
    "empty": lambda x: np.empty(6),
    "ones": lambda x: np.ones(6),
    "full": lambda x: np.full(6, 2.0),
    "zeros_like": lambda x: np.zeros_like(x),
    "ones_like": lambda x: np.ones_like(x),
    "empty_like": lambda x: np.empty_like(x),
    "full_like": lambda x: np.full_like(x, 3.0),
    "x.copy()": lambda x: x.copy(),
    "np.copy": lambda x: np.copy(x),
    "np.array": lambda x: np.array(x),
}


@pytest.mark.parametrize("make", CONSTRUCTORS.values(), ids=CONSTRUCTORS.keys())
def test_fill_loop(make):
    def f(x):
        out = make(x)
        for i in range(len(x)):
            out[i] = np.sin(x[i]) * x[i - 1]
        return np.sum(out ** 2)
    check(f, X6)


def test_fill_loop_equals_the_list_and_stack_rewrite():
    def fill(x):
        out = np.zeros(6)
        for i in range(6):
            out[i] = np.sin(x[i]) * x[i - 1]
        return np.sum(out ** 2)

    def stacked(x):
        return np.sum(np.stack([np.sin(x[i]) * x[i - 1] for i in range(6)]) ** 2)
    onp.testing.assert_allclose(grad(fill)(X6), grad(stacked)(X6))
    onp.testing.assert_allclose(make_jvp(fill)(X6)(X6)[1], make_jvp(stacked)(X6)(X6)[1])


def test_rows_and_masks_and_index_arrays():
    def f(x):
        out = np.zeros((3, 4))
        out[0, :] = x[:4]
        out[1] = x[2:6] ** 2
        out[2, [0, 3]] = x[:2]
        mask = getval(out) > 0.5
        out[mask] = np.tanh(out[mask])
        return np.sum(out * onp.arange(12.0).reshape(3, 4))
    check(f, X6)


# ----------------------------------------------------------------- every index form

INDEXES = {
    "int": (2, lambda x: x[0] * 3.0),
    "negative int": (-1, lambda x: x[1] ** 2),
    "slice": (slice(1, 3), lambda x: x[:2, 0:1]),
    "stepped slice": (slice(None, None, 2), lambda x: x[1:3]),
    "negative step": (slice(None, None, -1), lambda x: x[0] * 2.0),
    "ellipsis": ((Ellipsis, 1), lambda x: x[:, 2]),
    "None": ((None, 1), lambda x: x[1][None]),
    "fancy": ([0, 2], lambda x: x[:2] * 2.0),
    "fancy 2-D": (([0, 2], [1, 3]), lambda x: x[0, :2]),
    "boolean mask": (onp.array([True, False, True]), lambda x: x[1] + 1.0),
    "mixed": ((slice(0, 2), [3, 0]), lambda x: x[1:, :2]),
    "scalar broadcast": ((slice(None), 1), lambda x: x[0, 0]),
    "row broadcast": ((slice(1, 3),), lambda x: x[0]),
}


@pytest.mark.parametrize("idx, value", INDEXES.values(), ids=INDEXES.keys())
def test_index_forms(idx, value):
    def program(lib, x):
        a = lib.full((3, 4), 0.5)
        a[idx] = value(x)
        return a * x

    def f(x):
        return np.sum(np.sin(program(np, x)))
    same_as_numpy(program, X34)
    check(f, X34)


def test_repeated_indices_keep_the_last_write():
    def program(lib, x):
        a = lib.zeros(4)
        a[[1, 1, 2, 1]] = x[:4]
        return a

    def f(x):
        return np.sum(program(np, x) * onp.arange(1.0, 5.0))
    same_as_numpy(program, X6)
    # x[3] is written last at position 1; x[0] and x[1] are overwritten
    onp.testing.assert_allclose(grad(f)(X6), [0, 0, 3, 2, 0, 0])
    check(f, X6)


def test_later_writes_overwrite_earlier_ones():
    def f(x):
        a = np.zeros(6)
        a[:4] = x[:4]
        a[2] = x[5] ** 2
        a[1:3] = a[1:3] * x[0]
        return np.sum(a * onp.arange(1.0, 7.0))
    check(f, X6)


# ----------------------------------------------------------------- augmented assignment

@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/=", "**="])
def test_augmented_index_assignment(op):
    source = f"def program(lib, x):\n    a = lib.full(6, 1.5)\n    a[1:4] {op} x[:3] ** 2\n" \
             f"    a[[0, 5]] {op} x[4]\n    return a * x\n"
    scope = {}
    exec(source, scope)
    program = scope["program"]
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x)), X6)


@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/="])
def test_whole_array_in_place_operators_change_every_alias(op):
    source = f"def program(lib, x):\n    a = x.copy()\n    b = a\n    a {op} x ** 2\n" \
             f"    a {op} 2.0\n    return b * 1.0\n"
    scope = {}
    exec(source, scope)
    program = scope["program"]
    same_as_numpy(program, X6)
    check(lambda x: np.sum(np.sin(program(np, x))), X6)


def test_in_place_operator_follows_numpy_casting():
    def f(x):
        a = np.zeros(3, dtype=int)   # an integer array: not traced
        a += 1
        b = np.zeros(3)
        b += x
        return np.sum(b * a)
    check(f, X6[:3])
    with pytest.raises(TypeError):
        onp.zeros(3, dtype=int).__iadd__(onp.ones(3))   # NumPy's rule, which ours follows

    def bad(x):
        a = np.array(x, dtype=onp.float32)
        a += x.astype(complex)    # complex into float32: refused, as in NumPy
        return np.sum(a)
    with pytest.raises(TypeError, match="same_kind"):
        grad(bad)(X6)


def test_fill_and_sort_in_place():
    def program(lib, x):
        a = x.copy()
        a.sort()
        b = lib.zeros(3)
        b.fill(x[0])
        return lib.concatenate([a * onp.arange(6.0), b])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)


# ----------------------------------------------------------------- inputs, saved values, caller

def test_writing_into_the_input_leaves_the_caller_array_alone():
    x = X6.copy()

    def f(x):
        x[0] = 0.0
        x[2:4] *= 3.0
        return np.sum(x ** 2)
    g = grad(f)(x)
    onp.testing.assert_array_equal(x, X6)
    onp.testing.assert_allclose(g, [0, 2 * X6[1], 18 * X6[2], 18 * X6[3], 2 * X6[4], 2 * X6[5]])
    _, t = make_jvp(f)(x)(onp.ones(6))
    onp.testing.assert_array_equal(x, X6)
    check(f, X6)


def test_values_saved_for_the_backward_pass_are_not_corrupted():
    def f(x):
        a = np.ones(6)
        y = x * a
        a[0] = 5.0
        return np.sum(y) + np.sum(a * x)
    onp.testing.assert_allclose(grad(f)(X6), [6, 2, 2, 2, 2, 2])
    check(f, X6)

    def g(x):
        a = x * 1.0
        s = np.sin(a)          # sin's rule keeps a
        a[:] = 0.0
        a[1] = x[1]
        return np.sum(s) + np.sum(a ** 2)
    check(g, X6)


def test_a_value_read_between_writes():
    def f(x):
        out = np.zeros(6)
        out[0] = x[0]
        for i in range(1, 6):
            out[i] = np.sin(out[i - 1]) + x[i]      # a recurrence reads the array
        return np.sum(out ** 2)
    check(f, X6)


def test_traced_values_in_a_list():
    def f(x):
        a = np.zeros(4)
        a[1:3] = [x[0] ** 2, x[1]]
        return np.sum(a * onp.arange(4.0))
    check(f, X6)


# ----------------------------------------------------------------- dtypes

def test_complex_arrays():
    def f(x):
        a = np.zeros(3, dtype=complex)
        a[0] = x[0] + 1j * x[1]
        a[1:] = np.exp(1j * x[1:3])
        return np.abs(np.sum(a * (1 + 2j))) ** 2
    check(f, X6)


def test_complex_values_written_into_complex_input():
    def f(z):
        z[1] = z[0] * 1j
        return np.real(np.sum(z * np.conj(z)))
    check(f, X6[:3] + 1j * X6[3:])


def test_float32_arrays():
    def f(x):
        a = np.zeros(6, dtype=onp.float32)
        a[::2] = x[:3]
        return np.sum(a * x)
    x32 = X6.astype(onp.float32)
    assert grad(f)(x32).dtype == onp.float32
    traced = []
    grad(lambda v: _keep(traced, f(v)))(x32)
    assert traced[0].dtype == onp.float32
    onp.testing.assert_allclose(grad(f)(x32), grad(f)(X6), rtol=1e-5)


# ----------------------------------------------------------------- derivative operators

def _assigning(x):
    out = np.zeros_like(x)
    out[0] = x[0] * x[1]
    out[1:] = np.sin(x[1:]) * x[:-1]
    return out


def test_elementwise_grad_jacobian_hessian_make_jvp():
    x = X6[:4]
    J = jacobian(_assigning)(x)
    eps = 1e-6
    numeric = onp.stack([(getval(_assigning(x + eps * e)) - getval(_assigning(x - eps * e)))
                         / (2 * eps) for e in onp.eye(4)], axis=1)
    onp.testing.assert_allclose(J, numeric, rtol=1e-6, atol=1e-8)
    onp.testing.assert_allclose(elementwise_grad(lambda v: np.sum(_assigning(v)))(x), J.sum(0))
    H = hessian(lambda v: np.sum(_assigning(v) ** 2))(x)
    onp.testing.assert_allclose(H, H.T, atol=1e-10)
    _, t = make_jvp(_assigning)(x)(onp.ones(4))
    onp.testing.assert_allclose(t, J.sum(1))


def test_checkpoint_through_assignments():
    f = checkpoint(_assigning)
    onp.testing.assert_allclose(grad(lambda v: np.sum(f(v) ** 2))(X6),
                                grad(lambda v: np.sum(_assigning(v) ** 2))(X6))


def test_nested_grad_where_the_inner_function_assigns():
    def inner(y, x):
        a = np.zeros(3)
        a[0] = y * x[0]
        a[1:] = y ** 2 * x[1:3]
        return np.sum(a ** 2)

    def outer(x):
        return grad(inner)(1.3, x) * x[0]
    check(outer, X6[:3])


# ----------------------------------------------------------------- errors

def test_plain_numpy_array_says_how_to_make_it_work():
    def f(x):
        out = onp.zeros(3)
        out[0] = x[0]
        return np.sum(out)
    with pytest.raises((TypeError, ValueError)) as info:
        grad(f)(X6)
    error = info.value if isinstance(info.value, TypeError) else info.value.__cause__
    assert "autograd.numpy.zeros" in str(error)


def test_numpy_errors_are_numpys():
    def bad_shape(x):
        a = np.zeros(3)
        a[:2] = x[:3]
        return np.sum(a)
    with pytest.raises(ValueError, match="could not broadcast"):
        grad(bad_shape)(X6)

    def bad_index(x):
        a = np.zeros(3)
        a[5] = x[0]
        return np.sum(a)
    with pytest.raises(IndexError):
        grad(bad_index)(X6)

    def scalar(x):
        s = np.sum(x)
        s[()] = 1.0
        return s
    with pytest.raises(TypeError, match="does not support item assignment"):
        grad(scalar)(X6)


def test_arrays_converted_from_constants_stay_plain():
    # np.array/np.copy of plain data are conversions, not buffers: plain arrays,
    # which libraries (PennyLane's convert_like) rely on inside traced code
    def f(x):
        assert type(np.array([1.0, 2.0])) is onp.ndarray
        assert type(np.copy(onp.ones(2))) is onp.ndarray
        return np.sum(x)
    grad(f)(X6)


def test_outside_a_trace_creation_functions_return_ndarrays():
    assert type(np.zeros(3)) is onp.ndarray
    assert type(np.copy(onp.ones(2))) is onp.ndarray
    assert type(np.array([1, 2])) is onp.ndarray


def test_primitives_and_rules_that_make_arrays_get_plain_ones():
    # A raw function (and a JVP rule) runs one level below the trace: arrays it
    # makes with autograd.numpy are plain, as they always were.
    from autograd.extend import defjvp, defvjp, primitive

    @primitive
    def cumulative(x):
        out = np.zeros(len(x))
        assert type(out) is onp.ndarray
        total = 0.0
        for i in range(len(x)):
            total += float(x[i])
            out[i] = total
        return out

    def tangent(t, ans, x):
        out = np.zeros_like(x)
        assert type(out) is onp.ndarray
        return np.cumsum(t) + out

    defvjp(cumulative, lambda ans, x: lambda g: np.cumsum(g[::-1])[::-1])
    defjvp(cumulative, tangent)
    check(lambda x: np.sum(cumulative(x) ** 2), X6)


# ----------------------------------------------------------------- NumPy's in-place functions

def _in_place_program(lib, x):
    a = lib.zeros(6)
    lib.put(a, [0, 2, -1], x[:3] * 2)
    lib.putmask(a, onp.array([0, 1, 0, 1, 0, 0], bool), x)
    b = lib.ones((3, 3))
    lib.fill_diagonal(b, x[:3])
    lib.place(b, onp.eye(3, k=1, dtype=bool), x[3:5])
    lib.copyto(a, a * x, where=onp.array([1, 0, 1, 0, 1, 0], bool))
    c = lib.zeros((2, 3))
    lib.put_along_axis(c, onp.array([[2], [0]]), x[:2, None], axis=1)
    lib.add.at(a, [0, 0, 1], x[3:6])
    lib.subtract.at(a, [4], x[0])
    lib.multiply.at(a, [2, 2], x[1])
    lib.negative.at(a, [5])
    return lib.concatenate([a, b.ravel(), c.ravel()])


def test_in_place_functions():
    same_as_numpy(_in_place_program, X6)
    check(lambda x: np.sum(np.sin(_in_place_program(np, x))), X6)


def test_ufunc_at_through_numpys_protocol_accumulates_repeats():
    def f(x):
        a = np.zeros(3)
        onp.add.at(a, [0, 0], x[:2])      # plain NumPy's ufunc on a traced array
        return np.sum(a ** 2)
    onp.testing.assert_allclose(grad(f)(X6)[:2], [2 * (X6[0] + X6[1])] * 2)
    check(f, X6)


def test_in_place_function_into_a_plain_array_says_what_to_do():
    with pytest.raises(TypeError, match="autograd.numpy.zeros"):
        grad(lambda x: np.put(onp.zeros(3), [0], x[0]))(X6)
    with pytest.raises(TypeError, match="autograd.numpy"):
        grad(lambda x: np.add.at(onp.zeros(3), [0], x[0]))(X6)


# ----------------------------------------------------------------- ufuncs with out=

def _out_program(lib, x):
    a = lib.zeros(6)
    lib.add(x, 1.0, out=a)
    lib.multiply(a, x, out=a)
    lib.sin(a, a)                                   # the output given positionally
    b = lib.ones(6)
    lib.exp(x, out=b, where=onp.array([1, 0, 1, 0, 1, 0], bool))
    frac, whole = lib.zeros(6), lib.zeros(6)
    lib.modf(x * 3.0, out=(frac, whole))
    c = lib.zeros(6)
    onp.add(x, a, out=c)                            # NumPy's own ufunc, a traced output
    return a + b + frac + c


def test_ufunc_out_arguments():
    same_as_numpy(_out_program, X6)
    check(lambda x: np.sum(_out_program(np, x) ** 2), X6)


def test_ufunc_out_returns_the_output_array():
    def f(x):
        a = np.zeros(6)
        r = np.multiply(x, 2.0, out=a)
        assert r is a
        return np.sum(a * x)
    onp.testing.assert_allclose(grad(f)(X6), 4 * X6)


def test_ufunc_out_through_numpys_protocol():
    def f(x):
        a = np.zeros(6)
        onp.multiply(x, x, out=a)        # plain NumPy's ufunc, traced output
        return np.sum(a * x)
    onp.testing.assert_allclose(grad(f)(X6), 3 * X6 ** 2)
    check(f, X6)


def test_ufunc_out_into_a_plain_array_says_what_to_do():
    with pytest.raises(TypeError, match="autograd.numpy.zeros"):
        grad(lambda x: np.sum(onp.sin(x, out=onp.zeros(6))))(X6)
    with pytest.raises(TypeError, match="autograd.numpy"):
        grad(lambda x: np.sum(np.sin(x, out=onp.zeros(6))))(X6)


# ----------------------------------------------------------------- views

def _views_program(lib, x):
    a = lib.zeros((3, 4))
    row = a[1]                     # a view: later writes to a are seen here
    col = a[:, 2]
    t = a.T
    a[1, :] = x[:4]
    row[0] = x[4] * 2.0            # a write through a view reaches a
    t[3, 0] = x[5]                 # through the transpose
    sub = row[1:3]                 # a view of a view
    sub *= x[0]
    flat = a.reshape(12)
    flat[-1] = x[1] ** 2
    r = a.ravel()
    r[0] += 1.0
    return lib.concatenate([a.ravel(), row, col, t.ravel(), sub, flat])


def test_views_share_writes_both_ways():
    same_as_numpy(_views_program, X6)
    check(lambda x: np.sum(np.sin(_views_program(np, x))), X6)


def test_views_of_the_input_and_of_a_copy():
    def program(lib, x):
        x2 = x.reshape(2, 3)
        x2[0, 1] = 0.0                 # the function's own input, through a view
        c = x.copy()
        v = c[::2]
        c[:] = c * x
        v += 1.0
        return lib.concatenate([x, c, v])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)


def test_complex_parts_are_views():
    def program(lib, z):
        w = z.copy()
        re = w.real
        im = w.imag
        re[0] = im[1] * 2.0
        im[2] = 0.5
        return w
    z = X6[:3] + 1j * X6[3:]
    same_as_numpy(program, z)
    check(lambda z: np.abs(np.sum(program(np, z) * (1 + 2j))) ** 2, z)


def test_read_only_views_refuse_writes_as_numpy_does():
    def f(x):
        a = np.ones((3, 3)) * 1.0
        a = x[:3, None] * a
        d = a.diagonal()
        d[0] = 1.0
        return np.sum(a)
    with pytest.raises(ValueError, match="read-only"):
        grad(f)(X6)


def test_copies_are_not_views():
    def program(lib, x):
        a = x.copy()
        b = a[[0, 1, 2]]           # fancy indexing copies
        c = a.flatten()            # so does flatten
        b[0] = 10.0
        c[1] = 20.0
        return lib.concatenate([a, b, c])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)


def test_view_functions_share_writes():
    def program(lib, x):
        a = x.copy()
        m = lib.reshape(a, (2, 3))
        t = lib.transpose(m)
        s = lib.swapaxes(m, 0, 1)
        e = lib.expand_dims(a, 0)
        f = lib.flip(a)
        first, second = lib.split(a, 2)
        m[0, 0] = x[5]
        t[2, 1] = 3.0
        e[0, 1] *= 2.0
        f[0] = x[0] ** 2
        second[1] = -1.0
        r = lib.real(a)
        r[2] = 7.0
        return lib.concatenate([a, m.ravel(), t.ravel(), s.ravel(), e.ravel(), f, first, second])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(np.sin(program(np, x))), X6)


def test_view_method():
    def program(lib, x):
        a = x.copy()
        v = a.view()
        v[0] = 2.0
        a[1] = x[2] * 3.0
        return lib.concatenate([a, v])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)
    with pytest.raises(TypeError, match="reinterprets"):
        grad(lambda x: np.sum(x.view(onp.int64)))(X6)


def test_flat_reads_and_writes():
    def program(lib, x):
        a = lib.zeros((2, 3))
        a.flat[[0, 4]] = x[:2]
        a.flat[1:3] = x[2] * 2.0
        a.flat[5] = a.flat[0] * x[3]
        return lib.concatenate([a.ravel(), a.flat[::2]])
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)


def test_broadcast_to_is_read_only():
    def f(x):
        b = np.broadcast_to(x, (2, 6))
        b[0, 0] = 1.0
        return np.sum(b)
    with pytest.raises(ValueError, match="read-only"):
        grad(f)(X6)


def test_a_written_value_that_is_itself_written_later():
    # traj[i] = state keeps what state holds at that moment, as NumPy copies it
    def program(lib, x):
        traj = lib.zeros((4, 2))
        state = lib.zeros(2)
        state[0] = 1.0
        for i in range(4):
            state[1] += x[i] * lib.sin(state[0])
            state[0] += 0.5 * state[1]
            traj[i, :] = state
        return traj
    same_as_numpy(program, X6)
    check(lambda x: np.sum(program(np, x) ** 2), X6)


def test_a_fill_loop_leaves_nothing_for_the_cycle_collector():
    # per-element garbage that only the cycle collector frees makes long loops
    # superlinear (benchmarks/: fill_loop_scaling)
    import gc

    def f(x):
        out = np.zeros(len(x))
        for i in range(len(x)):
            out[i] = np.sin(x[i]) * x[i - 1]
        return np.sum(out ** 2)
    x = onp.linspace(0.1, 1.0, 50)
    grad(f)(x)
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        grad(f)(x)
        after = len(gc.get_objects())
    finally:
        gc.enable()
    assert after - before < 10


def test_an_array_written_into_itself():
    def program(lib, x):
        a = x.copy()
        a[...] = a                      # itself, no pending writes
        b = lib.zeros(6)
        b[...] = x
        b[...] = b * 1.0                # itself, with pending writes
        b[1:] = b[:-1]                  # an overlapping shift
        c = x.copy()
        c[:] = c[::-1]
        return lib.concatenate([a, b, c])
    same_as_numpy(program, X6)
    onp.testing.assert_allclose(grad(lambda x: np.sum(program(np, x)[:6] * onp.arange(6.0)))(X6),
                                onp.arange(6.0))
    check(lambda x: np.sum(program(np, x) ** 2), X6)


def test_an_outer_array_written_inside_an_inner_derivative():
    # the inner trace keeps the outer box a as it was when a * y ran
    def outer(x):
        a = x * 1.0

        def inner(y):
            z = a * y
            a[0] = 5.0
            return np.sum(z)
        return grad(inner)(1.0) + np.sum(a)
    onp.testing.assert_allclose(grad(outer)(X6), onp.r_[1.0, [2.0] * 5])
    onp.testing.assert_allclose(make_jvp(outer)(X6)(onp.ones(6))[1], 11.0)
    # (not check_grads: its finite differences call outer on plain arrays, where
    # a is a plain ndarray that NumPy itself writes into after inner's product
    # kept it -- see docs/assignment.md, "Arrays that cannot take traced values")
