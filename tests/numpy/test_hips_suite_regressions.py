"""Maths bugs found by running HIPS autograd 1.9.1's test-suite against this library."""

import numpy as onp

import autograd.numpy as np
from autograd import grad, jacobian, make_vjp
from autograd.test_util import check_grads

# the rules these regressions exercise (tests/numpy/test_meta.py convention)
TESTED = {"autograd.numpy.angle", "autograd.numpy.diff"}


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
