"""Maths bugs found by running HIPS autograd 1.9.1's test-suite against this library."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, jacobian, make_vjp, tensor_jacobian_product
from autograd.test_util import check_equivalent, check_grads

# the rules these regressions exercise (tests/numpy/test_meta.py convention)
TESTED = {"autograd.numpy.angle", "autograd.numpy.diff", "autograd.numpy.make_diagonal",
          "autograd.numpy.diagonal", "autograd.numpy.append", "autograd.numpy.select",
          "autograd.numpy.where", "autograd.numpy.std", "autograd.numpy.var",
          "autograd.numpy.mean", "autograd.numpy.concatenate"}


def test_real_argument_gets_real_cotangent_through_numpy_complex_scalar():
    # (v + 1j) is a Python complex box; multiplying by a NumPy complex128 gives a
    # complex128 cotangent, which must still be projected onto the real v.
    vjp, _ = make_vjp(lambda v: (v + 1j) * np.complex128(1j))(0.7)
    g = vjp(1 + 1j)
    assert g == -1.0 and not isinstance(g, complex)


def test_second_order_check_of_angle_at_complex_point():
    check_grads(lambda z: np.angle(z))(0.3 + 0.4j)


def test_jacobian_of_jacobian():
    fun = lambda x: np.sin(np.outer(x, x)) + np.cos(np.dot(x, x))
    x = onp.array([0.3, -0.7])
    assert jacobian(jacobian(fun))(x).shape == (2, 2, 2, 2)
    check_grads(lambda x: np.sum(np.sin(jacobian(fun)(x))), modes=["rev"], order=1)(x)


def test_grad_through_jacobian_of_scalar_input():
    f = lambda x: np.array([np.sin(x), x ** 2])
    assert onp.isclose(grad(lambda x: np.sum(jacobian(f)(x)))(0.3), -onp.sin(0.3) + 2)


def test_diff_second_order_on_length_one_axis():
    # the JVP of diff's VJP meets an empty axis
    check_grads(lambda x: np.diff(x, axis=0))(onp.array([0.4]))
    check_grads(lambda x: np.diff(x, axis=1))(onp.array([[0.4], [0.2], [0.1]]))


# ----------------------------------------------------------------- r_ and c_ with traced values

_R = onp.random.default_rng(7)
_M = _R.standard_normal((3, 2))
_V = _R.standard_normal(4)

# fmt: off
INDEX_TRICKS = [
    # (id,            f,                                         x)
    ("r-one",         lambda x: np.r_[x],                        _M),
    ("r-two",         lambda x: np.r_[x, 2 * x],                 _M),
    ("r-const",       lambda x: np.r_[_M, x, _M],                _M),
    ("r-slice",       lambda x: np.r_[x, 0:3, -1:1:3j],          _V),
    ("r-scalars",     lambda x: np.r_[1.5, x[0], x],             _V),
    ("r-directive",   lambda x: np.r_["0,2", x, _V],             _V),
    ("r-axis",        lambda x: np.r_["-1", x, x],               _M),
    ("r-trans1d",     lambda x: np.r_["0,2,0", x, x],            _V),
    ("c-matrices",    lambda x: np.c_[x, _M, x],                 _M),
    ("c-vectors",     lambda x: np.c_[x, _V, x * x],             _V),
]
# fmt: on


@pytest.mark.parametrize("name, f, x", INDEX_TRICKS, ids=[c[0] for c in INDEX_TRICKS])
def test_index_trick_concatenation_of_traced_values(name, f, x):
    # same value as NumPy's own index trick on plain arrays, and differentiable
    assert onp.array_equal(f(x), _plain(f, x))
    check_grads(f)(x)


def _plain(f, x):
    """f(x) computed by NumPy's r_/c_ (no traced value involved)."""
    g = {**f.__globals__, "np": _PlainIndexTricks()}
    return type(f)(f.__code__, g)(x)


class _PlainIndexTricks:
    r_, c_ = onp.r_, onp.c_


def test_index_tricks_without_traced_values_are_numpys():
    assert onp.array_equal(np.r_[1:4, 0, _V], onp.r_[1:4, 0, _V])
    assert onp.array_equal(np.c_[_V, _V], onp.c_[_V, _V])
    assert len(np.r_) == 0


def test_index_trick_matrix_directive_refused_for_traced_values():
    with pytest.raises(TypeError, match="matrix"):
        grad(lambda x: np.sum(np.r_["r", x, x]))(_V)


# ----------------------------------------------------------------- NumPy scalar casts of boxes

def test_integer_cast_of_traced_array_is_a_constant_index():
    inds = onp.ones((5, 1))

    def f(W):
        glued = np.concatenate((W, inds), axis=1)
        idx = np.int64(glued[:, -1])           # constant: piecewise constant anyway
        assert idx.dtype == np.int64 and not hasattr(idx, "_value")
        return np.sum(W[idx] ** 2)

    check_grads(f)(_R.standard_normal((5, 4)))


def test_scalar_type_casts_of_traced_scalars():
    def f(x):
        assert np.int64(x) == 2 and np.bool_(x) and np.int32(x * 2) == 5
        with pytest.raises(TypeError, match="drop"):
            np.float32(x)                      # a float cast would drop the gradient
        return x * x

    assert grad(f)(2.5) == 5.0


# ----------------------------------------------------------------- make_diagonal

@pytest.mark.parametrize("shape, offset, axis1, axis2", [
    ((4,), 0, -1, -2), ((3, 4), 0, -1, -2), ((4,), 0, 0, 1), ((2, 3), 1, 0, 2),
    ((2, 3), -2, 2, 1), ((2, 3, 2), 0, 1, 3),
])
def test_make_diagonal_inverts_diagonal(shape, offset, axis1, axis2):
    D = _R.standard_normal(shape)
    A = np.make_diagonal(D, offset, axis1, axis2)
    assert A.ndim == D.ndim + 1
    assert onp.array_equal(onp.diagonal(A, offset, axis1, axis2), D)
    assert onp.count_nonzero(A) == D.size
    check_grads(lambda d: np.make_diagonal(d, offset, axis1, axis2))(D)
    check_grads(lambda a: np.diagonal(a, offset, axis1, axis2))(A)


def test_make_diagonal_matches_diag_for_vectors():
    assert onp.array_equal(np.make_diagonal(_V, 1), onp.diag(_V, 1))
    with pytest.raises(ValueError):
        np.make_diagonal(_V, axis1=0, axis2=-2)


# ----------------------------------------------------------------- where

@pytest.mark.parametrize("cond, x, y, expected", [
    (True, 1, 2, 1), (False, 1, 2.0, 2.0), (True, 3.0, 4.0, 3.0), (True, [1, 2], [3, 4], [1, 2]),
])
def test_where_of_python_values_gives_python_values(cond, x, y, expected):
    out = np.where(cond, x, y)
    assert out == expected and type(out) is type(expected)


def test_where_keeps_numpy_dtypes_and_takes_keywords():
    x32 = onp.array([1.0], dtype=onp.float32)
    assert np.where(True, x32, x32).dtype == onp.float32
    x, y, c = onp.array([1.0, 2.0, 3.0]), onp.array([4.0, 5.0, 6.0]), [True, False, True]
    for out in (np.where(c, x, y), np.where(condition=c, x=x, y=y), np.where(c, x, y=y)):
        assert onp.array_equal(out, [1.0, 5.0, 3.0])
    assert onp.array_equal(np.where(c)[0], [0, 2])
    with pytest.raises(ValueError):
        np.where(c, x)
    check_grads(lambda x: np.where(condition=c, x=x, y=y * x))(x)
    check_grads(lambda x: np.where(c, [x[0], x[1], 1.0], 0.0))(x)


# ----------------------------------------------------------------- lists of traced values

def test_append_and_select_differentiate_plain_lists():
    check_grads(np.append, argnum=(0, 1))([1.0, 2.0, 3.0], 4.0)
    check_grads(lambda a, b: np.append(a, b, axis=0), argnum=(0, 1))(
        [[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0]])
    conds = [_M > 0, _M < -0.5]
    check_grads(np.select, argnum=1)(conds, [_M, 2 * _M], 1.5)
    # choices of different shapes are broadcast, as NumPy does
    check_grads(lambda a: np.select(conds, [a, a[0]]))(_M)


@pytest.mark.parametrize("reduce", [np.std, np.var, np.mean, np.average, np.nanstd])
def test_statistics_of_a_list_of_traced_scalars(reduce):
    # symmetric around the mean: the derivative w.r.t. the shift is 0 (1 for mean)
    expected = 1.0 if reduce in (np.mean, np.average) else 0.0
    assert grad(lambda x: reduce([x, x + 2.0]))(0.0) == expected
    assert grad(lambda x: reduce((x, x + 2.0)))(0.0) == expected
    check_grads(lambda x: reduce([x, x * x, 3.0]))(0.7)


def test_traced_python_float_has_dtype():
    def f(x):
        assert x.dtype == np.float64
        return x ** 2

    assert grad(f)(3.0) == 6.0
    assert grad(lambda z: abs(z) ** 2 if z.dtype == np.complex128 else 0.0)(1j) == -2j


# ----------------------------------------------------------------- tensor_jacobian_product

@pytest.mark.parametrize("x_shape, v_ndim", [((5,), 1), ((5, 4), 2), ((5, 4, 3), 2),
                                             ((5, 4, 3), 1), ((4, 3), 0)])
def test_tensor_jacobian_product_contracts_leading_output_axes(x_shape, v_ndim):
    fun = lambda a: np.roll(np.sin(a), 1) * np.cos(a[..., :1])   # noqa: E731
    a = _R.standard_normal(x_shape)
    v = _R.standard_normal(x_shape[:v_ndim])
    out = tensor_jacobian_product(fun)(a, v)
    expected = onp.tensordot(v, jacobian(fun)(a), axes=v_ndim)
    assert out.shape == x_shape[v_ndim:] + x_shape
    check_equivalent(out, expected)


def test_tensor_jacobian_product_is_differentiable_in_a_partial_v():
    fun = lambda a: np.sin(a) * a[0]   # noqa: E731
    a = _R.standard_normal((3, 2))
    check_grads(lambda a, v: tensor_jacobian_product(fun)(a, v), argnum=(0, 1),
                modes=["rev"], order=1)(a, _R.standard_normal(3))


def test_boolean_output_of_grad_raises_for_python_and_numpy_bools():
    x = onp.array([1.0, 2.0])
    for f in (lambda x: np.allclose(x, x * 3.0 / 3.0), lambda x: np.all(x > 0),
              lambda x: x[0] > 0):
        with pytest.raises(TypeError, match="boolean"):
            grad(f)(x)
