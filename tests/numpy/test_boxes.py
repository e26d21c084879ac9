"""Array boxes: operators, methods, NumPy's array protocols, scalar-box interop,
vector spaces, dtype preservation, clear errors and the compatibility paths."""

import operator
import random

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import elementwise_grad, grad, hessian_tensor_product, jacobian, make_jvp
from autograd.extend import getval, vspace
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

# fmt: off
OPERATORS = [operator.add, operator.sub, operator.mul, operator.truediv, operator.pow,
             operator.mod]
METHODS = [
    ("sum",      lambda x: x.sum(axis=0)),          ("mean",     lambda x: x.mean(1, keepdims=True)),
    ("prod",     lambda x: x.prod()),               ("var",      lambda x: x.var(0, ddof=1)),
    ("std",      lambda x: x.std()),                ("max",      lambda x: x.max(1)),
    ("min",      lambda x: x.min()),                ("ptp",      lambda x: _ptp(x)),
    ("cumsum",   lambda x: x.cumsum(axis=1)),       ("cumprod",  lambda x: x.cumprod()),
    ("clip",     lambda x: x.clip(0.4, 1.5)),       ("conj",     lambda x: x.conj()),
    ("real",     lambda x: x.real),                 ("imag",     lambda x: (x * 1j).imag),
    ("dot",      lambda x: x.dot(x.T)),             ("transpose", lambda x: x.transpose(1, 0)),
    ("squeeze",  lambda x: x[None].squeeze()),      ("ravel",    lambda x: x.ravel()),
    ("flatten",  lambda x: x.flatten()),            ("swapaxes", lambda x: x.swapaxes(0, 1)),
    ("astype",   lambda x: x.astype(onp.float64)),  ("T",        lambda x: x.T),
    ("abs",      abs),                              ("neg",      operator.neg),
    ("pos",      operator.pos),                     ("matmul",   lambda x: x @ x.T),
    ("rpow",     lambda x: 2.0 ** x),               ("rsub",     lambda x: 1.0 - x),
    ("rdiv",     lambda x: 1.0 / x),                ("rmatmul",  lambda x: onp.ones((4, 2)) @ x),
]
# fmt: on

# the functions checked here (see test_meta.py): methods, and the ufuncs behind the operators
_OPERATOR_UFUNCS = {"add": "add", "sub": "subtract", "mul": "multiply", "truediv": "true_divide",
                    "pow": "power", "mod": "remainder"}
TESTED = {m[0] for m in METHODS if hasattr(np, m[0])} | {
    _OPERATOR_UFUNCS[op.__name__] for op in OPERATORS}


def _ptp(x):
    # ndarray.ptp is gone in NumPy 2; the box keeps the method (finite
    # differences call this on plain arrays)
    return x.ptp(axis=1) if isinstance(x, np.numpy_boxes.ArrayBox) else np.ptp(x, axis=1)


@pytest.mark.parametrize("op", OPERATORS, ids=lambda o: o.__name__)
@pytest.mark.parametrize("other", ["ndarray", "float", "box", "np-scalar"])
def test_binary_operators(op, other, arg):
    x, y = arg((2, 3), domain="pos"), arg((3,), domain="pos", seed=1)
    others = {"ndarray": y, "float": 1.7, "np-scalar": onp.float64(1.3)}
    if other == "box":
        check_grads(op, argnum=[0, 1], modes=MODES, order=2)(x, y)
    else:
        c = others[other]
        check_grads(lambda a: op(a, c), modes=MODES, order=2)(x)
        check_grads(lambda a: op(c, a), modes=MODES, order=2)(x)


@pytest.mark.parametrize("f", [m[1] for m in METHODS], ids=[m[0] for m in METHODS])
def test_methods_and_properties(f, arg):
    check_grads(f, modes=MODES, order=2)(arg((2, 3), domain="pos"))


def test_properties_len_iteration_and_comparisons(arg):
    seen = {}

    def f(x):
        seen.update(shape=x.shape, ndim=x.ndim, size=x.size, dtype=x.dtype, n=len(x),
                    rows=len(list(x)), gt=x > 0, eq=x == x)
        return np.sum(x)
    grad(f)(arg((2, 3)))
    assert seen["shape"] == (2, 3) and seen["ndim"] == 2 and seen["size"] == 6
    assert seen["dtype"] == onp.float64 and seen["n"] == 2 and seen["rows"] == 2
    assert type(seen["gt"]) is onp.ndarray and seen["eq"].all()


def test_plain_numpy_calls_trace_through_the_array_protocols(arg):
    check_grads(lambda x: onp.sum(onp.sin(x) * x), modes=MODES, order=2)(arg((3,)))
    check_grads(lambda x: onp.concatenate([x, onp.exp(x)]), modes=MODES, order=2)(arg((3,)))
    check_grads(lambda x: onp.add.reduce(x * onp.ones(3)), modes=MODES, order=2)(arg((3,)))
    check_grads(lambda x: onp.ones((2, 3)) * x + onp.mean(x), modes=MODES, order=2)(arg((3,)))
    assert onp.argmax(grad(lambda x: np.sum(x ** 2))(onp.arange(3.0))) == 2


def test_python_float_boxes_interoperate_with_arrays():
    c = onp.array([1.0, 2.0, 3.0])
    f = lambda t: np.sum(c * t + t * c + onp.float64(2.0) * t + t / c + onp.sin(t) * c)
    check_grads(f, modes=MODES, order=2)(0.7)
    check_grads(lambda t: onp.exp(t) + onp.sum(onp.cos(t * c)), modes=MODES, order=2)(0.3)


def test_gradients_keep_the_input_dtype(arg):
    x32 = arg((3,), "float32")
    c64 = arg((3,), seed=1)
    for f in [np.sum, lambda x: np.sum(x * c64), lambda x: np.dot(x, c64),
              lambda x: np.sum(x[0] * c64), lambda x: np.sum(np.concatenate([x, c64]))]:
        assert grad(f)(x32).dtype == onp.float32
    assert grad(lambda x: np.sum(x.real * 2.0))(arg((3,), "complex64")).dtype == onp.complex64
    assert type(grad(np.sin)(1.0)) in (float, onp.float64)
    assert elementwise_grad(np.sin)(x32).dtype == onp.float32
    _, t = make_jvp(np.sin)(x32)(onp.ones(3, onp.float32))
    assert t.dtype == onp.float32


def test_higher_order_operators(arg):
    x = arg((3,))
    f = lambda a: np.sum(np.sin(a) * a ** 2)
    h = jacobian(grad(f))(x)
    v = arg((3,), seed=1)
    assert onp.allclose(hessian_tensor_product(f)(x, v), h @ v)
    assert jacobian(lambda a: a ** 2)(x).shape == (3, 3)


# ----------------------------------------------------------------- vector spaces

@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "longdouble",
                                   "complex128", "complex64"])
def test_vspace_contract(dtype):
    x = onp.ones((2, 2), dtype)
    vs = vspace(x)
    assert vs == vspace(onp.zeros((2, 2), dtype)) and vs != vspace(onp.ones(3, dtype))
    assert vs.zeros().dtype == vs.ones().dtype == vs.randn(random.Random(0)).dtype == x.dtype
    basis = list(vs.standard_basis())
    assert len(basis) == vs.size == (8 if vs.iscomplex else 4)
    r = vs.randn(random.Random(1))
    assert onp.array_equal(vs.unflatten(vs.flatten(r)), r)
    assert onp.isclose(float(vs.inner_prod(r, r)), sum(v * v for v in vs.flatten(r)), rtol=1e-2)
    assert vs.iscomplex == (onp.dtype(dtype).kind == "c")
    assert vs.randn(random.Random(5)).tolist() == vs.randn(random.Random(5)).tolist()


def test_float64_scalars_share_the_python_float_space():
    assert vspace(onp.float64(1.0)) == vspace(1.0) == vspace(onp.array(2.0))
    assert vspace(onp.complex128(1j)) == vspace(1j)
    assert vspace(onp.float32(1.0)) == vspace(onp.array(1.0, onp.float32))


def test_mut_add_works_in_place_on_an_owned_buffer():
    vs = vspace(onp.zeros(3))
    buf = onp.zeros(3)
    assert vs.mut_add(buf, onp.ones(3)) is buf and buf.tolist() == [1.0, 1.0, 1.0]
    view = onp.broadcast_to(onp.zeros(1), (3,))
    out = vs.mut_add(view, onp.ones(3))
    assert out is not view and out.tolist() == [1.0, 1.0, 1.0]


# ----------------------------------------------------------------- errors

def test_gradient_wrt_a_string_array_suggests_float():
    # integer arrays are differentiable (tests/numpy/test_integer_inputs.py);
    # arrays of non-numbers are not
    with pytest.raises(TypeError, match="float"):
        grad(np.sum)(onp.array(["a", "b"]))


@pytest.mark.parametrize("write", [
    lambda out, x: out.__setitem__(0, x[0] ** 2),
    lambda out, x: out.__setitem__(slice(0, 2), x[:2]),
    lambda out, x: out.__setitem__(0, np.sum(x)),
], ids=["scalar", "slice", "reduction"])
def test_writing_a_traced_value_into_an_ndarray_says_what_to_do(write):
    # Into one element, NumPy reports "setting an array element with a
    # sequence" (a box is indexable, as in HIPS autograd), caused by our error.
    def f(x):
        out = onp.zeros(3)
        write(out, x)
        return np.sum(out)
    with pytest.raises((TypeError, ValueError)) as info:
        grad(f)(onp.ones(3))
    error = info.value if isinstance(info.value, TypeError) else info.value.__cause__
    assert isinstance(error, TypeError) and "autograd.numpy.array" in str(error)


def test_item_assignment_on_a_traced_array_is_differentiated():
    # once refused; tests/numpy/test_assignment.py covers writes in full
    def f(x):
        x[0] = 1.0
        return np.sum(x * x)
    onp.testing.assert_allclose(grad(f)(onp.full(3, 2.0)), [0.0, 4.0, 4.0])


def test_zeros_like_is_a_constant_that_takes_traced_values():
    def f(x):
        z = np.zeros_like(x)          # boxed while tracing, so that it can be written
        assert onp.all(getval(z) == 0)
        z[1] = x[0]
        return np.sum(z * x)
    onp.testing.assert_allclose(grad(f)(onp.array([1.0, 2.0, 3.0])), [2.0, 1.0, 0.0])


def test_out_argument_is_refused():
    with pytest.raises(TypeError, match="out="):
        grad(lambda x: np.sum(onp.sin(x, out=onp.zeros(3))))(onp.ones(3))


def test_missing_rule_error_names_the_function():
    from autograd.extend import MissingRuleError, primitive

    @primitive
    def doubled_without_rules(x):   # every public NumPy function has a rule now
        return 2.0 * x

    with pytest.raises(MissingRuleError, match="doubled_without_rules"):
        grad(lambda x: np.sum(doubled_without_rules(x)))(onp.ones((2, 3)))


# ----------------------------------------------------------------- import paths

def test_facade_and_compatibility_paths():
    import autograd_numpy
    from autograd.numpy import numpy_vjps, numpy_wrapper
    from autograd.numpy.numpy_boxes import ArrayBox
    from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace  # noqa: F401
    import autograd.numpy.linalg
    import autograd.numpy.fft  # noqa: F401
    assert np is autograd_numpy and np.linalg is autograd.numpy.linalg
    assert np.numpy_boxes.NDArrayBox is ArrayBox   # the older name of the one array box
    assert callable(numpy_vjps.unbroadcast_f) and callable(numpy_wrapper.wrap_namespace)
    assert onp.allclose(numpy_vjps.unbroadcast(onp.ones((2, 3)), onp.zeros((1, 3))), 2.0)
    assert np.sin.fun is onp.sin and np.abs is np.absolute
    assert np.pi == onp.pi and np.float32 is onp.float32 and np.ndarray is onp.ndarray


def test_non_differentiable_functions_return_constants(arg):
    def f(x):
        for v in (np.argmax(x), np.floor(x), np.sign(x), x > 0, np.isnan(x), np.shape(x),
                  np.round(x)):
            assert not isinstance(v, np.numpy_boxes.ArrayBox)
        return np.sum(x * np.sign(x))
    grad(f)(arg((3,)))
