"""Derivatives with respect to integer and boolean arrays (issue 8, deliverable 3).

HIPS autograd 1.9.1 traces an integer array like any other array: the gradient
is what the rules compute, so ``elementwise_grad`` of a survival function of
integer durations is a float array (lifelines relies on this).  The expected
values below were measured with HIPS autograd 1.9.1 on NumPy 2.

Where HIPS gives an integer gradient -- the whole computation stays integer
(``x * 2``), the output does not depend on the input, or the gradient is
scattered into integer zeros (``x[1:] * 1.5`` gives ``[0, 1, 1]`` there, a
silently truncated answer) -- we give float64.  Where HIPS fails on an integer
intermediate (``np.sum(x) ** 2``: "Can't differentiate w.r.t. type
numpy.int64") or on a container holding an integer array (a casting error),
we give the derivative.  NumPy integer scalars and Python ints stay refused as
inputs, as in HIPS.
"""

import warnings

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import (
    deriv, elementwise_grad, grad, hessian, jacobian, make_jvp, make_vjp, value_and_grad,
)
from autograd.extend import vspace
from autograd.test_util import check_grads

# the functions whose rules these tests exercise on integer arrays (see test_meta.py)
TESTED = {"getitem", "untake", "autograd_numpy.numpy_wrapper:array_copy",
          "autograd_numpy.numpy_wrapper:astype_prim"}

INT_DTYPES = ["int64", "int32", "int16", "int8", "uint8", "uint64"]
ALL_DTYPES = INT_DTYPES + ["bool"]
T = onp.array([1, 2, 3])
F = onp.array([1.0, 2.0, 3.0])

# Rows measured with HIPS autograd 1.9.1: (id, operator(f), f, dtype of x, gradient, its dtype)
# fmt: off
HIPS_ROWS = [
    ("egrad-square",   elementwise_grad, lambda x: x ** 2,          "int64", [2.0, 4.0, 6.0], "float64"),
    ("egrad-square-u8", elementwise_grad, lambda x: x ** 2,         "uint8", [2.0, 4.0, 6.0], "float64"),
    ("egrad-square-b", elementwise_grad, lambda x: x ** 2,          "bool",  [2.0, 2.0, 2.0], "float64"),
    ("grad-scaled-sum", grad, lambda x: np.sum(x * 1.5),            "int64", [1.5, 1.5, 1.5], "float64"),
    ("grad-scaled-sum-b", grad, lambda x: np.sum(x * 1.5),          "bool",  [1.5, 1.5, 1.5], "float64"),
    ("egrad-half",     elementwise_grad, lambda x: x / 2,           "int32", [0.5, 0.5, 0.5], "float64"),
    ("egrad-log",      elementwise_grad, np.log,                    "int64", [1.0, 0.5, 1 / 3], "float64"),
    ("egrad-minus",    elementwise_grad, lambda x: x - 1.5,         "int8",  [1.0, 1.0, 1.0], "float64"),
    ("egrad-neg",      elementwise_grad, lambda x: -x * 1.5,        "uint8", [-1.5, -1.5, -1.5], "float64"),
    ("egrad-recip",    elementwise_grad, lambda x: 1.0 / x,         "int64", [-1.0, -0.25, -1 / 9], "float64"),
    ("egrad-sqrt-pow", elementwise_grad, lambda x: x ** 0.5,        "int64",
     [0.5, 0.3535533905932738, 0.28867513459481287], "float64"),
    ("egrad-exp2",     elementwise_grad, lambda x: 2 ** x,          "int64",
     [1.3862943611198906, 2.772588722239781, 5.545177444479562], "float64"),
    # NumPy's reciprocal of an integer is an integer; the derivative is that of 1/x
    ("egrad-reciprocal", elementwise_grad, np.reciprocal,          "int64", [-1.0, -0.25, -1 / 9], "float64"),
    ("egrad-log1p",    elementwise_grad, np.log1p,                  "int64", [0.5, 1 / 3, 0.25], "float64"),
    ("egrad-where",    elementwise_grad, lambda x: np.where(x > 1, np.sin(x), 0.0), "int64",
     [0.0, -0.4161468365471424, -0.9899924966004454], "float64"),
    ("egrad-clip",     elementwise_grad, lambda x: np.clip(x, 1.5, 2.5), "int64", [0.0, 1.0, 0.0], "float64"),
    ("egrad-weibull",  elementwise_grad, lambda t: (t / 3.0) ** 1.5, "int64",
     [0.28867513459481287, 0.40824829046386296, 0.5], "float64"),
    ("egrad-exp-decay", elementwise_grad, lambda t: np.exp(-t * 0.5), "int64",
     [-0.3032653298563167, -0.18393972058572117, -0.11156508007421491], "float64"),
    ("egrad-softplus", elementwise_grad, lambda t: np.log1p(np.exp(t / 2.0 - 1.0)), "int64",
     [0.18877033439907273, 0.25, 0.31122966560092724], "float64"),
    ("egrad-f32-scale", elementwise_grad, lambda t: t * onp.float32(1.5), "int32", [1.5, 1.5, 1.5], "float64"),
    ("grad-cumsum",    grad, lambda x: np.sum(np.cumsum(x) * 1.0),  "int64", [3.0, 2.0, 1.0], "float64"),
    ("grad-mean",      grad, np.mean,                               "int64", [1 / 3, 1 / 3, 1 / 3], "float64"),
    ("grad-two-uses",  grad, lambda x: np.sum(np.sin(x) * 1.5 + np.cos(x) * 2), "int64",
     [-0.8724885108135834, -2.442815108472077, -1.7672287610204027], "float64"),
    # NumPy computes sin of small integers in float16, and so do the rules
    ("grad-sin-u8",    grad, lambda x: np.sum(np.sin(x)),           "uint8",
     [0.54052734375, -0.416259765625, -0.990234375], "float16"),
    ("grad-sin-i16",   elementwise_grad, np.sin,                    "int16",
     [0.5403022766113281, -0.41614681482315063, -0.9899924993515015], "float32"),
    ("grad-sin-u64",   elementwise_grad, np.sin,                    "uint64",
     [0.5403023058681398, -0.4161468365471424, -0.9899924966004454], "float64"),
    ("egrad-expm1-u8", elementwise_grad, np.expm1,                  "uint8", [2.71875, 7.390625, 20.078125], "float16"),
    ("egrad-two-uses-u8", grad, lambda x: np.sum(np.sin(x) + np.cos(x)), "uint8",
     [-0.30078125, -1.3251953125, -1.130859375], "float16"),
]
# fmt: on


@pytest.mark.parametrize("op,f,dtype,expected,gdtype",
                         [pytest.param(*r[1:], id=r[0]) for r in HIPS_ROWS])
def test_gradients_match_hips(op, f, dtype, expected, gdtype):
    g = op(f)(T.astype(dtype))
    assert type(g) is onp.ndarray and g.dtype == gdtype
    onp.testing.assert_allclose(g, expected, rtol=1e-12, atol=0)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_gradient_equals_that_at_the_same_float_values(dtype):
    x = T.astype(dtype)
    f = lambda x: np.sum(np.exp(x / -2.0) * np.log1p(x) + x ** 2 / 3)
    expected = grad(f)(x.astype(float))
    # log1p of a small integer type is computed in float16/float32, as NumPy does
    rtol = 10 * onp.finfo(onp.log1p(x).dtype).eps
    onp.testing.assert_allclose(grad(f)(x), expected, rtol=rtol)
    onp.testing.assert_allclose(make_jvp(f)(x)(onp.ones(3))[1], expected.sum(), rtol=rtol)


@pytest.mark.parametrize("dtype", ["int64", "uint8", "bool"])
def test_check_grads_both_modes(dtype):
    # finite differences step off the integers into floats, which is the point;
    # ``x * 1.0`` first: NumPy computes sin of a uint8 array in float16
    x = T.astype(dtype)
    check_grads(lambda x: np.sin(x * 1.0) * np.exp(x / 3.0), modes=["fwd", "rev"], order=2)(x)
    check_grads(lambda x: np.sum(np.tanh(x * 1.0) ** 2), modes=["fwd", "rev"], order=2)(x)
    check_grads(lambda p: np.sum(p[0] * p[1] ** 2), modes=["fwd", "rev"], order=2)((x, F))


def test_jacobian_and_hessian():
    J = jacobian(np.sin)(T)
    assert J.dtype == onp.float64
    onp.testing.assert_allclose(J, onp.diag(onp.cos(F)), rtol=1e-15)
    # HIPS keeps float16 for a uint8 input (the precision of sin's rule)
    assert jacobian(np.sin)(T.astype("uint8")).dtype == onp.float16
    J2 = jacobian(lambda x: np.sum(x ** 2, axis=0))(onp.array([[1, 2], [3, 4]]))
    onp.testing.assert_array_equal(J2, [[[2.0, 0.0], [6.0, 0.0]], [[0.0, 4.0], [0.0, 8.0]]])
    H = hessian(lambda x: np.sum(x ** 3))(T)    # HIPS fails here on np.sum of an int box
    onp.testing.assert_array_equal(H, onp.diag([6.0, 12.0, 18.0]))


def test_matrix_inputs():
    A = onp.array([[1, 2], [3, 4]])
    g = grad(lambda x: np.sum(np.sin(x @ onp.array([1.0, 2.0]))))(A)
    onp.testing.assert_allclose(g, [[0.28366218546322625, 0.5673243709264525],
                                    [0.004425697988050785, 0.00885139597610157]], rtol=1e-12)
    onp.testing.assert_allclose(grad(lambda x: np.sum(np.sin(x)))(A), onp.cos(A * 1.0))


def test_forward_mode_matches_hips():
    y, t = make_jvp(np.sin)(T)(onp.ones(3))
    assert y.dtype == t.dtype == onp.float64
    onp.testing.assert_allclose(t, onp.cos(F), rtol=1e-15)
    onp.testing.assert_allclose(deriv(np.sin)(T), onp.cos(F), rtol=1e-15)
    # a uint8 input: float16 value (NumPy's sin), float64 tangent (the seed's precision)
    y, t = make_jvp(np.sin)(T.astype("uint8"))(onp.ones(3))
    assert y.dtype == onp.float16 and t.dtype == onp.float64
    # an integer tangent through integer arithmetic stays integer, as in HIPS
    y, t = make_jvp(lambda x: x * 2)(T)(onp.ones(3, "int64"))
    assert y.tolist() == [2, 4, 6] and t.dtype == onp.int64 and t.tolist() == [2, 2, 2]
    y, t = make_jvp(np.reciprocal)(T)(onp.ones(3))
    assert y.tolist() == [1, 0, 0] and t.tolist() == [-1.0, -0.25, -1 / 9]
    y, t = make_jvp(lambda x: x * 2)(T)(onp.full(3, 0.5))
    assert t.dtype == onp.float64 and t.tolist() == [1.0, 1.0, 1.0]


def test_user_cotangents_keep_their_dtype():
    vjp, _ = make_vjp(lambda x: x * 3)(onp.array([1, 2]))
    g = vjp(onp.array([1, 1]))
    assert g.dtype == onp.int64 and g.tolist() == [3, 3]        # as HIPS
    vjp, _ = make_vjp(np.sin)(onp.array([1, 2]))
    onp.testing.assert_allclose(vjp(onp.ones(2)), onp.cos([1.0, 2.0]), rtol=1e-15)


def test_zero_dimensional_integer_arrays():
    x = onp.array(2)
    for op in (grad, elementwise_grad, deriv):
        g = op(np.sin)(x)
        assert type(g) is onp.float64 and g == onp.cos(2.0)      # as HIPS
    assert make_jvp(np.sin)(x)(1.0) == (onp.sin(2.0), onp.cos(2.0))
    assert grad(lambda x: np.sin(x) * 1.5)(x) == 1.5 * onp.cos(2.0)
    assert grad(lambda x: x ** 2)(x) == 4.0                      # HIPS fails: an int64 result
    assert grad(np.sin)(onp.array(2, dtype="uint8")).dtype == onp.float16
    check_grads(lambda x: np.sin(x) * x ** 2, modes=["fwd", "rev"], order=2)(x)


# ----------------------------------------------------------------- where we differ from HIPS

@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_integer_only_computations_give_float_gradients(dtype):
    # HIPS returns these in the input's dtype (uint8 would wrap -1 to 255)
    x = T.astype(dtype)
    for g in (elementwise_grad(lambda x: x * 2)(x), deriv(lambda x: x * 2)(x),
              elementwise_grad(lambda x: x + x)(x)):
        assert g.dtype == onp.float64 and g.tolist() == [2.0, 2.0, 2.0]
    if dtype != "bool":     # NumPy has no negative for booleans
        assert elementwise_grad(lambda x: -x)(x).tolist() == [-1.0, -1.0, -1.0]
    assert grad(lambda x: np.dot(x, F))(x).tolist() == [1.0, 2.0, 3.0]
    J = jacobian(lambda x: x * 2)(x)
    assert J.dtype == onp.float64 and (J == 2 * onp.eye(3)).all()
    assert grad(np.sum)(x).tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_independent_output_gives_float_zeros(dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for g in (grad(lambda x: 3.0)(T.astype(dtype)),
                  make_vjp(lambda x: 3.0)(T.astype(dtype))[0](1.0)):
            assert g.dtype == onp.float64 and g.tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("dtype", ["int64", "uint8", "bool"])
def test_indexing_is_not_truncated(dtype):
    # HIPS scatters into integer zeros: [0, 1, 1] and [0, 0, 0] instead of these
    x = T.astype(dtype)
    xf = x.astype(float)
    g = grad(lambda x: np.sum(x[1:] * 1.5))(x)
    assert g.dtype == onp.float64 and g.tolist() == [0.0, 1.5, 1.5]
    f = lambda x: (np.sum(np.sin(x[[0, 0, 2]] * 1.0)) + np.sin(x[1] * 1.0)
                   + np.sum(np.cos(x[:2] * 1.0)))
    onp.testing.assert_allclose(grad(f)(x), grad(f)(xf), rtol=1e-15)
    check_grads(lambda x: np.sum(x[1:] ** 2) + x[0] * 1.5, modes=["fwd", "rev"], order=2)(x)


def test_cast_to_float_passes_the_gradient_unchanged():
    # HIPS casts the cotangent back to int64: [2, 4, 6] for x ** 2, [1, 1, 1] for 1.5 * x
    g = elementwise_grad(lambda x: x.astype(float) * 1.5)(T)
    assert g.dtype == onp.float64 and g.tolist() == [1.5, 1.5, 1.5]
    g = elementwise_grad(lambda x: np.array(x, dtype=float) ** 2)(T)
    assert g.tolist() == [2.0, 4.0, 6.0]
    g = elementwise_grad(lambda x: x.astype("int32") * 1.5)(T)
    assert g.tolist() == [1.5, 1.5, 1.5]


@pytest.mark.parametrize("cast", [
    lambda x: x.astype(int), lambda x: np.array(x, dtype=int), lambda x: np.asarray(x, dtype=bool),
], ids=["astype", "array", "asarray-bool"])
def test_rounding_a_float_to_an_integer_has_no_gradient(cast):
    # the integer path (the cast) contributes nothing, in both modes
    f = lambda x: np.sum(cast(x * 2.0) * 1.5 + x)
    x = onp.array([0.3, 1.7])
    assert grad(f)(x).tolist() == [1.0, 1.0]
    assert make_jvp(f)(x)(onp.ones(2))[1] == 2.0


def test_integer_intermediates_carry_gradients():
    # HIPS: "Can't differentiate w.r.t. type numpy.int64" for all of these
    assert grad(lambda x: np.sum(x) ** 2)(T).tolist() == [12.0, 12.0, 12.0]
    v, g = value_and_grad(lambda x: np.sum(x ** 2))(T)
    assert v == 14 and g.tolist() == [2.0, 4.0, 6.0]
    assert make_jvp(lambda x: np.sum(x))(T)(onp.ones(3)) == (6, 3.0)
    assert grad(lambda x: np.sin(x[1]))(T).tolist() == [0.0, onp.cos(2.0), 0.0]


def test_integer_arrays_inside_containers():
    # HIPS: a casting error as the float gradient is added into integer zeros
    g = grad(lambda p: np.sum(np.sin(p[0])) + p[1])([T, 1.0])
    onp.testing.assert_allclose(g[0], onp.cos(F), rtol=1e-15)
    assert g[1] == 1.0
    g = grad(lambda d: np.sum(d["a"] ** 2) * d["b"])({"a": T, "b": 2.0})
    assert g["a"].tolist() == [4.0, 8.0, 12.0] and g["b"] == 14.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = grad(lambda p: p[1] * 2.0)((T, 1.0))
    assert g[0].dtype == onp.float64 and g[0].tolist() == [0.0, 0.0, 0.0] and g[1] == 2.0
    g = grad(lambda x, y: np.sum(np.sin(x) * y), argnum=(0, 1))(T, 2.0)
    onp.testing.assert_allclose(g[0], 2 * onp.cos(F), rtol=1e-15)
    onp.testing.assert_allclose(g[1], onp.sin(F).sum(), rtol=1e-15)


# ----------------------------------------------------------------- still refused, as in HIPS

@pytest.mark.parametrize("x", [onp.int64(2), onp.int32(2), onp.uint8(2), onp.bool_(True)],
                         ids=["int64", "int32", "uint8", "bool_"])
@pytest.mark.parametrize("op", [grad, elementwise_grad, deriv], ids=["grad", "egrad", "deriv"])
def test_numpy_integer_scalars_are_refused(op, x):
    with pytest.raises(TypeError, match=f"numpy.{type(x).__name__}"):
        op(np.sin)(x)


def test_numpy_integer_scalars_in_containers_are_refused():
    with pytest.raises(TypeError, match="numpy.int64"):
        grad(lambda p: p[0] * 2.0)([onp.int64(2)])
    with pytest.raises(TypeError, match="numpy.int64"):
        make_jvp(lambda p: p[0] * 2.0)((1.0, onp.int64(2)))((1.0, 1.0))


@pytest.mark.parametrize("x", [2, True], ids=["int", "bool"])
def test_python_ints_are_refused(x):
    for op in (grad, elementwise_grad, deriv):
        with pytest.raises(TypeError, match=f"'{type(x).__name__}'"):
            op(np.sin)(x)
    with pytest.raises(TypeError, match="'int'"):
        grad(lambda p: p[0] * 2.0)([2])


def test_integer_array_space():
    vs = vspace(onp.arange(6, dtype="uint8").reshape(2, 3))
    assert type(vs).__name__ == "IntegerArrayVSpace"
    assert vs.shape == (2, 3) and vs.size == 6 and vs.value_dtype == onp.uint8
    assert vs.zeros().dtype == vs.ones().dtype == vs.randn().dtype == onp.float64
    assert [b.dtype for b in vs.standard_basis()] == [onp.float64] * 6
    assert vs.unflatten(list(range(6))).tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    # the space of the gradients: float64 arrays of the shape
    assert vspace(onp.arange(3)) == vspace(onp.arange(3, dtype="int8")) == vspace(onp.zeros(3))
    assert vspace(onp.zeros(3)) == vspace(onp.arange(3))
    assert hash(vspace(onp.arange(3))) == hash(vspace(onp.zeros(3)))
    assert vspace(onp.arange(3)) != vspace(onp.zeros(3, "float32"))
    assert vspace(onp.arange(3)) != vspace(onp.zeros(3, "complex128"))
    assert vspace(onp.array(2)) == vspace(onp.array(2.0))
    assert vspace(onp.arange(3)) != vspace(onp.arange(4))


def test_lifelines_pattern_hazard_of_integer_durations():
    # lifelines' parametric fitters: the hazard is elementwise_grad of the
    # cumulative hazard w.r.t. the durations, inside a log-likelihood that is
    # differentiated w.r.t. the parameters (value_and_grad, then hessian)
    def cumulative_hazard(params, T):
        return (T / params[0]) ** params[1]

    hazard = elementwise_grad(cumulative_hazard, argnum=1)

    def nll(params, T, E):
        return -np.sum(E * np.log(hazard(params, T)) - cumulative_hazard(params, T))

    T = onp.array([1, 2, 5, 7, 9])
    E = onp.array([True, False, True, True, False])
    p = onp.array([4.0, 1.3])
    # HIPS autograd 1.9.1's numbers
    onp.testing.assert_allclose(hazard(p, T), [0.21442003550059532, 0.26398202881577654,
                                               0.34750124499713614, 0.38441008740886323,
                                               0.41451296270338206], rtol=1e-14)
    v, g = value_and_grad(nll)(p, T, E)
    onp.testing.assert_allclose(v, 10.40006433060313, rtol=1e-14)
    onp.testing.assert_allclose(g, [-1.2503443985775777, 1.5694047767003514], rtol=1e-14)
    onp.testing.assert_allclose(hessian(nll)(p, T, E), [[1.0358230291821073, -2.0257110538409937],
                                                        [-2.0257110538409933, 4.8891747170134074]],
                                rtol=1e-13)
    check_grads(lambda p: nll(p, T, E), modes=["fwd", "rev"], order=2)(p)
