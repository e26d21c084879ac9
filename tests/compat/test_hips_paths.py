"""HIPS autograd 1.9.1 import paths that downstream code uses, and their behaviour."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads


def test_numpy_submodule_paths_are_the_add_on_modules():
    import autograd_numpy
    from autograd.numpy import numpy_boxes, numpy_vjps, numpy_vspaces, numpy_wrapper

    assert np is autograd_numpy
    assert numpy_boxes is autograd_numpy.numpy_boxes
    assert callable(numpy_vjps.unbroadcast_f)
    assert hasattr(numpy_vspaces, "ArrayVSpace")
    assert numpy_wrapper.sin is np.sin


def test_arraybox_is_the_box_of_arrays():
    from autograd.numpy.numpy_boxes import ArrayBox

    seen = []
    grad(lambda x: seen.append(isinstance(x, ArrayBox)) or np.sum(x))(onp.ones(2))
    assert seen == [True]


def test_unbroadcast_f_sums_over_broadcast_axes():
    from autograd.numpy.numpy_vjps import unbroadcast_f

    target = onp.zeros(3)
    out = unbroadcast_f(target, lambda g: 2 * g)(onp.ones((4, 3)))
    assert onp.allclose(out, [8.0, 8.0, 8.0])


def test_core_tracer_builtins_and_wrap_util_paths():
    from autograd.builtins import DictBox, SequenceBox
    from autograd.core import make_vjp, primitive_vjps, vspace
    from autograd.tracer import Box, getval, isbox, primitive
    from autograd.wrap_util import unary_to_nary

    vjp, ans = make_vjp(lambda x: x * x, 3.0)
    assert (vjp(1.0), ans) == (6.0, 9.0)
    assert vspace(onp.ones(3)).shape == (3,)
    grad(np.sin)(1.0)                       # loads the numpy rule set
    assert onp.sin in primitive_vjps()      # keyed by the raw numpy function
    assert issubclass(DictBox, Box) and issubclass(SequenceBox, Box)
    assert getval(3.0) == 3.0 and not isbox(3.0)
    assert callable(primitive(lambda x: x))

    @unary_to_nary
    def twice(fun, x):
        return 2 * fun(x)

    assert twice(lambda a, b: a + b, 1)(1.0, 2.0) == 6.0


def test_make_jvp_reversemode_matches_forward_mode():
    from autograd.differential_operators import make_jvp, make_jvp_reversemode

    f = lambda x: np.sin(x) * x
    x, v = onp.array([0.3, 0.7]), onp.array([1.0, -2.0])
    assert onp.allclose(make_jvp_reversemode(f)(x)(v), make_jvp(f)(x)(v)[1])


def test_misc_flatten_round_trip_and_gradient():
    from autograd.misc import flatten

    value = {"b": [onp.ones(2), (onp.zeros((2, 2)), 3.0)], "a": onp.arange(3.0)}
    vec, unflatten = flatten(value)
    assert vec.shape == (10,)
    back = unflatten(vec)
    assert onp.allclose(back["a"], value["a"]) and onp.allclose(back["b"][1][0], 0.0)
    g = grad(lambda v: np.sum(flatten(v)[0] ** 2))(value)
    assert onp.allclose(g["a"], 2 * value["a"]) and onp.allclose(g["b"][0], 2.0)


@pytest.mark.parametrize("name", ["sgd", "rmsprop", "adam"])
def test_misc_optimizers_minimise_a_quadratic(name):
    from autograd.misc import optimizers

    target = {"w": onp.array([1.0, -2.0]), "b": 0.5}
    objective = lambda p, i: np.sum((p["w"] - target["w"]) ** 2) + (p["b"] - target["b"]) ** 2
    opt = getattr(optimizers, name)
    kwargs = {"num_iters": 2000, "step_size": 0.05 if name != "sgd" else 0.1}
    out = opt(grad(objective), {"w": onp.zeros(2), "b": 0.0}, **kwargs)
    assert onp.allclose(out["w"], target["w"], atol=1e-2) and abs(out["b"] - 0.5) < 1e-2


def test_misc_fixed_point_gradients_use_the_implicit_function_theorem():
    from autograd.misc.fixed_points import fixed_point

    def sqrt_iter(a):
        return lambda x: 0.5 * (x + a / x)

    def distance(x, y):
        return np.max(np.abs(x - y))

    sqrt = lambda a: fixed_point(sqrt_iter, a, onp.ones(2), distance, 1e-12)
    a = onp.array([2.0, 9.0])
    assert onp.allclose(sqrt(a), onp.sqrt(a))
    assert onp.allclose(grad(lambda a: np.sum(sqrt(a)))(a), 0.5 / onp.sqrt(a))
    check_grads(sqrt, modes=["fwd", "rev"], order=1)(a)


def test_misc_const_graph_replays_the_recorded_graph():
    from autograd.misc import const_graph

    calls = []

    def f(x, y):
        calls.append(1)
        return np.sum(np.sin(x) * y)

    fast = const_graph(f)
    x, y = onp.array([0.1, 0.2]), onp.array([1.0, 2.0])
    first = fast(x, y)
    second = fast(2 * x, y)
    assert onp.allclose(first, f(x, y)) and onp.allclose(second, f(2 * x, y))
    assert len(calls) == 3   # traced once by const_graph, twice by the checks above
