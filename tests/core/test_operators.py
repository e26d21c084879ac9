"""The differential operators of ``autograd`` on scalar and container functions.

Each row of a table computes one derivative and names the value it must equal;
expected values are worked out by hand from the function next to them.
"""

import math
import warnings
from collections import namedtuple
from dataclasses import dataclass

import pytest

from autograd import (
    checkpoint, deriv, elementwise_grad, grad, grad_and_aux, grad_named, hessian,
    hessian_tensor_product, hessian_vector_product, holomorphic_grad, jacfwd, jacobian,
    jacrev, linearize, make_ggnvp, make_hvp, make_jvp, make_vjp, multigrad_dict,
    stop_gradient, tensor_jacobian_product, value_and_grad, vector_jacobian_product,
)
from autograd.extend import defjvp, defvjp, primitive


def assert_tree_close(actual, expected, tol=1e-9):
    """Same container types and structure; leaves equal within ``tol``."""
    assert type(actual) is type(expected), f"{actual!r} is not a {type(expected).__name__}"
    if isinstance(expected, (tuple, list)):
        assert len(actual) == len(expected), (actual, expected)
        for a, e in zip(actual, expected):
            assert_tree_close(a, e, tol)
    elif isinstance(expected, dict):
        assert list(actual) == list(expected), (actual, expected)
        for k in expected:
            assert_tree_close(actual[k], expected[k], tol)
    elif hasattr(expected, "__dataclass_fields__"):
        for name in expected.__dataclass_fields__:
            assert_tree_close(getattr(actual, name), getattr(expected, name), tol)
    elif isinstance(expected, (float, complex)):
        assert abs(actual - expected) <= tol * max(1.0, abs(expected)), (actual, expected)
    else:
        assert actual == expected


# A differentiable exp made here so these tests need nothing beyond the engine.
@primitive
def exp(x):
    return math.exp(x)


defvjp(exp, lambda ans, x: lambda g: g * ans)
defjvp(exp, lambda t, ans, x: t * ans)


def cube(x):            # f = x^3, f' = 3x^2, f'' = 6x
    return x * x * x


def mul3(x, y, z):      # gradients: (yz, xz, xy)
    return x * y * z


def pair(t):            # (t0 t1, t0 + t1): jacobian [[t1, t0], [1, 1]]
    return (t[0] * t[1], t[0] + t[1])


P = namedtuple("P", "a b")


@dataclass
class Params:
    w: float
    b: float
    label: str = "static"

    def predict(self, x):
        return self.w * x + self.b


X = 2.0

# fmt: off
SCALAR_CASES = [
    # (id,                         computation,                                     expected)
    ("grad",                       lambda: grad(cube)(X),                           12.0),
    ("grad-argnum",                lambda: grad(mul3, 1)(2.0, 3.0, 4.0),            8.0),
    ("grad-argnum-negative",       lambda: grad(mul3, -1)(2.0, 3.0, 4.0),           6.0),
    ("grad-argnum-tuple",          lambda: grad(mul3, (0, 2))(2.0, 3.0, 4.0),       (12.0, 6.0)),
    ("grad-argnum-list",           lambda: grad(mul3, [2, 0])(2.0, 3.0, 4.0),       (6.0, 12.0)),
    ("grad-kwargs-passed-through", lambda: grad(lambda x, k=1.0: x * k)(X, k=5.0),  5.0),
    ("grad-of-grad",               lambda: grad(grad(cube))(X),                     12.0),
    ("value_and_grad",             lambda: value_and_grad(cube)(X),                 (8.0, 12.0)),
    ("value_and_grad-argnum",      lambda: value_and_grad(mul3, 2)(2.0, 3.0, 4.0),  (24.0, 6.0)),
    ("grad_and_aux-str", lambda: grad_and_aux(lambda x: (cube(x), "aux"))(X), (12.0, "aux")),
    ("grad_and_aux-none", lambda: grad_and_aux(lambda x: (cube(x), None))(X), (12.0, None)),
    ("elementwise_grad",           lambda: elementwise_grad(cube)(X),               12.0),
    ("deriv",                      lambda: deriv(cube)(X),                          12.0),
    ("deriv-argnum",               lambda: deriv(mul3, 1)(2.0, 3.0, 4.0),           8.0),
    ("jacobian",                   lambda: jacobian(cube)(X),                       12.0),
    ("jacrev",                     lambda: jacrev(cube)(X),                         12.0),
    ("jacfwd",                     lambda: jacfwd(cube)(X),                         12.0),
    ("hessian",                    lambda: hessian(cube)(X),                        12.0),
    ("make_vjp",                   lambda: (lambda v, y: (v(1.0), v(2.0), y))(*make_vjp(cube)(X)),
                                   (12.0, 24.0, 8.0)),
    ("make_jvp",                   lambda: make_jvp(cube)(X)(0.5),                  (8.0, 6.0)),
    ("make_hvp",                   lambda: (lambda h, g: (h(2.0), g))(*make_hvp(cube)(X)),
                                   (24.0, 12.0)),
    ("hessian_tensor_product",     lambda: hessian_tensor_product(cube)(X, 3.0),    36.0),
    ("hessian_vector_product", lambda: hessian_vector_product(lambda x, y: x * y * y, 1)(
                                       2.0, 3.0, 1.5),
                                   6.0),
    ("tensor_jacobian_product",    lambda: tensor_jacobian_product(cube)(X, 3.0),   36.0),
    ("vector_jacobian_product", lambda: vector_jacobian_product(mul3, 0)(2.0, 3.0, 4.0, 2.0), 24.0),
    # ggnvp(v) = J^T H_g J v; default g(y) = y^2/2 so H_g = 1 and the result is J^2 v
    ("make_ggnvp-default",         lambda: make_ggnvp(cube)(X)(1.0),                144.0),
    # f = x^2 (J = 2x = 4), g = y^3 (H_g = 6y = 24): 4 * 24 * 4
    ("make_ggnvp-g",               lambda: make_ggnvp(lambda x: x * x, lambda y: y * y * y)(X)(1.0),
                                   384.0),
    # f = k x^2 with k = 3 (J = 2kx = 12, y = 12), g = y^3 (H_g = 72): 12 * 72 * 12
    ("make_ggnvp-f_argnum",        lambda: make_ggnvp(lambda k, x: k * x * x,
                                                      lambda y: y * y * y, 1)(3.0, X)(1.0),
                                   10368.0),
    ("grad_named",                 lambda: grad_named(mul3, "z")(2.0, 3.0, 4.0),    6.0),
    ("multigrad_dict",             lambda: multigrad_dict(mul3)(2.0, 3.0, 4.0),
                                   {"x": 12.0, "y": 8.0, "z": 6.0}),
    ("multigrad_dict-defaults", lambda: multigrad_dict(
                                       lambda x, n, y=2.0, name="s": x * y * n)(3.0, 4),
                                   {"x": 8.0, "y": 12.0}),
    ("holomorphic_grad-z^2", lambda: holomorphic_grad(lambda z: z * z)(1 + 2j), 2 * (1 + 2j)),
    ("holomorphic_grad-z**2", lambda: holomorphic_grad(lambda z: z ** 2)(1 + 2j), 2 * (1 + 2j)),
    ("holomorphic_grad-1/z", lambda: holomorphic_grad(lambda z: 1 / z)(1 + 2j), -1 / (1 + 2j) ** 2),
    ("checkpoint-grad",            lambda: grad(checkpoint(cube))(X),               12.0),
    ("checkpoint-deriv",           lambda: deriv(checkpoint(cube))(X),              12.0),
    ("checkpoint-second-order",    lambda: grad(grad(checkpoint(cube)))(X),         12.0),
    ("checkpoint-fwd-over-rev",    lambda: deriv(grad(checkpoint(cube)))(X),        12.0),
    ("checkpoint-argnums", lambda: grad(checkpoint(mul3), (0, 1))(2.0, 3.0, 4.0), (12.0, 8.0)),
    ("linearize",                  lambda: (lambda y, f: (y, f(1.0), f(2.0)))(*linearize(cube)(X)),
                                   (8.0, 12.0, 24.0)),
    ("linearize-argnums", lambda: (lambda y, f: (y, f((1.0, 0.0, 0.0)), f((0.0, 0.0, 1.0))))(
                                       *linearize(mul3, (0, 1, 2))(2.0, 3.0, 4.0)),
                                   (24.0, 12.0, 6.0)),
    ("stop_gradient",              lambda: grad(lambda x: x * stop_gradient(x))(3.0),  3.0),
    ("stop_gradient-tuple",        lambda: grad(lambda x: x * stop_gradient((x, x))[1])(3.0), 3.0),
    ("stop_gradient-namedtuple",   lambda: grad(lambda x: x * stop_gradient(P(x, x)).a)(3.0), 3.0),
    ("stop_gradient-dict", lambda: grad(lambda x: x * stop_gradient({"k": [x]})["k"][0])(3.0), 3.0),
    ("stop_gradient-dataclass", lambda: grad(lambda x: x * stop_gradient(Params(x, x)).w)(3.0),
                                   3.0),
    ("exp-primitive",              lambda: grad(lambda x: exp(2.0 * x))(0.5),      2.0 * math.e),
]

CONTAINER_CASES = [
    ("grad-tuple",          lambda: grad(lambda t: t[0] * t[1])((2.0, 3.0)),          (3.0, 2.0)),
    ("grad-list", lambda: grad(lambda l: l[0] * l[2])([2.0, 3.0, 4.0]), [4.0, 0.0, 2.0]),
    ("grad-dict",           lambda: grad(lambda d: d["a"] * d["b"])({"a": 2.0, "b": 3.0}),
                            {"a": 3.0, "b": 2.0}),
    ("grad-namedtuple",     lambda: grad(lambda p: p.a * p.b)(P(2.0, 3.0)),           P(3.0, 2.0)),
    ("grad-dataclass",      lambda: grad(lambda p: p.predict(2.0) ** 2)(Params(1.0, 0.5)),
                            # L = (2w + b)^2: dL/dw = 4(2w + b) = 10, dL/db = 2(2w + b) = 5
                            Params(10.0, 5.0, "static")),
    ("grad-nested",         lambda: grad(lambda d: d["x"][0]["y"] * d["z"][1].b)(
                                {"x": [{"y": 2.0}], "z": (1.0, P(0.0, 5.0))}),
                            {"x": [{"y": 5.0}], "z": (0.0, P(0.0, 2.0))}),
    ("grad-unused-leaves", lambda: grad(lambda t: t[0] * 2.0)((1.0, {"k": 3.0})),
                            (2.0, {"k": 0.0})),
    ("grad-complex-leaf",   lambda: grad(lambda t: t[0] * abs(t[1]) ** 2)((2.0, 1 + 1j)),
                            (2.0, 2.0 * 2 * (1 - 1j))),
    ("jacobian-tuple-tuple", lambda: jacobian(pair)((2.0, 3.0)), ((3.0, 2.0), (1.0, 1.0))),
    ("jacfwd-tuple-tuple", lambda: jacfwd(pair)((2.0, 3.0)), ((3.0, 2.0), (1.0, 1.0))),
    ("jacobian-float-dict",  lambda: jacobian(lambda x: {"a": x, "b": (x * x, 3.0 * x)})(2.0),
                             {"a": 1.0, "b": (4.0, 3.0)}),
    ("jacfwd-float-dict",    lambda: jacfwd(lambda x: {"a": x, "b": (x * x, 3.0 * x)})(2.0),
                             {"a": 1.0, "b": (4.0, 3.0)}),
    ("jacobian-tuple-dict", lambda: jacobian(lambda t: {"p": t[0] * t[1], "q": [t[1]]})((2.0, 3.0)),
                             {"p": (3.0, 2.0), "q": [(0.0, 1.0)]}),
    ("jacfwd-tuple-dict",    lambda: jacfwd(lambda t: {"p": t[0] * t[1], "q": [t[1]]})((2.0, 3.0)),
                             {"p": (3.0, 2.0), "q": [(0.0, 1.0)]}),
    ("jacobian-namedtuple-out", lambda: jacobian(lambda x: P(x, x * x))(3.0),         P(1.0, 6.0)),
    ("jacobian-identity", lambda: jacobian(lambda t: t)((1.0, 2.0)), ((1.0, 0.0), (0.0, 1.0))),
    ("jacobian-swap",        lambda: jacobian(lambda t: (t[1], t[0]))((1.0, 2.0)),
                             ((0.0, 1.0), (1.0, 0.0))),
    ("jacobian-argnums",     lambda: jacobian(lambda x, y: (x * y, x + y), (0, 1))(2.0, 3.0),
                             ((3.0, 2.0), (1.0, 1.0))),
    ("jacfwd-argnums",       lambda: jacfwd(lambda x, y: (x * y, x + y), (0, 1))(2.0, 3.0),
                             ((3.0, 2.0), (1.0, 1.0))),
    ("hessian-tuple",        lambda: hessian(lambda t: t[0] * t[0] * t[1])((2.0, 3.0)),
                             ((6.0, 4.0), (4.0, 0.0))),
    ("hessian-argnums",      lambda: hessian(lambda x, y: x * x * y, (0, 1))(2.0, 3.0),
                             ((6.0, 4.0), (4.0, 0.0))),
    ("hessian-dict", lambda: hessian(lambda d: d["x"] * d["y"] * d["y"])({"x": 1.0, "y": 2.0}),
                             {"x": {"x": 0.0, "y": 4.0}, "y": {"x": 4.0, "y": 2.0}}),
    ("make_vjp-containers",  lambda: make_vjp(lambda d: (d["a"] * d["b"], [d["a"]]))(
                                 {"a": 2.0, "b": 3.0})[0]((1.0, [1.0])),
                             {"a": 4.0, "b": 2.0}),
    ("make_jvp-containers",  lambda: make_jvp(lambda d: (d["a"] * d["b"], [d["a"]]))(
                                 {"a": 2.0, "b": 3.0})({"a": 1.0, "b": 1.0}),
                             ((6.0, [2.0]), (5.0, [1.0]))),
    ("make_jvp-namedtuple",  lambda: make_jvp(lambda x: P(x, x * x))(3.0)(1.0),
                             (P(3.0, 9.0), P(1.0, 6.0))),
    ("make_jvp-dataclass",   lambda: make_jvp(lambda p: p.w * p.b)(Params(2.0, 3.0))(
                                 Params(1.0, 0.0)),
                             (6.0, 3.0)),
    ("elementwise_grad-tuple-out", lambda: elementwise_grad(lambda x: (x, x * x))(3.0), 7.0),
    ("deriv-tuple-in",       lambda: deriv(lambda t: t[0] * t[1])((2.0, 3.0)),        5.0),
    ("linearize-containers", lambda: (lambda y, f: (y, f((1.0, 1.0))))(
                                 *linearize(lambda t: {"p": t[0] * t[1], "q": t[1]})((2.0, 3.0))),
                             ({"p": 6.0, "q": 3.0}, {"p": 5.0, "q": 1.0})),
    ("grad_and_aux-dict-aux", lambda: grad_and_aux(
                                 lambda x: (x * x, {"a": x, "b": [x * 2.0]}))(3.0),
                             (6.0, {"a": 3.0, "b": [6.0]})),
    ("grad_and_aux-namedtuple-aux", lambda: grad_and_aux(lambda x: (x * x, P(x, "s")))(3.0),
                             (6.0, P(3.0, "s"))),
    ("grad_and_aux-dataclass-aux", lambda: grad_and_aux(lambda x: (x * x, Params(x, 1.0)))(3.0),
                             (6.0, Params(3.0, 1.0))),
    ("grad_and_aux-input-as-aux", lambda: grad_and_aux(lambda t: (t[0] * t[1], t))((2.0, 3.0)),
                             ((3.0, 2.0), (2.0, 3.0))),
    ("multigrad_dict-containers", lambda: multigrad_dict(lambda p, s: p[0] * s["k"])(
                                 (2.0, 1.0), {"k": 3.0}),
                             {"p": (3.0, 0.0), "s": {"k": 2.0}}),
    ("checkpoint-containers", lambda: grad(lambda t: checkpoint(lambda t: t[0] * t[1])(t))(
                                 (2.0, 3.0)),
                             (3.0, 2.0)),
]
# fmt: on


def _ids(cases):
    return [c[0] for c in cases]


@pytest.mark.parametrize("name, compute, expected", SCALAR_CASES, ids=_ids(SCALAR_CASES))
def test_operator_on_scalar_functions(name, compute, expected):
    assert_tree_close(compute(), expected)


@pytest.mark.parametrize("name, compute, expected", CONTAINER_CASES, ids=_ids(CONTAINER_CASES))
def test_operator_on_containers(name, compute, expected):
    assert_tree_close(compute(), expected)


def test_results_are_raw_values_not_boxes():
    from autograd.tracing import Box

    def no_boxes(x):
        if isinstance(x, (tuple, list)):
            return all(no_boxes(v) for v in x)
        if isinstance(x, dict):
            return all(no_boxes(v) for v in x.values())
        return not isinstance(x, Box)

    results = [compute() for _, compute, _ in SCALAR_CASES + CONTAINER_CASES]
    assert all(no_boxes(r) for r in results)


def test_grad_and_aux_keeps_outer_traces_differentiable():
    # The aux output holds a box of the OUTER trace: it must stay differentiable.
    def outer(x):
        g, aux = grad_and_aux(lambda y: (y * x, x * x))(2.0)
        return aux + g          # x^2 + x
    assert grad(outer)(3.0) == 7.0


def test_value_and_grad_nested():
    # inner: v = 4x, g = 4x (y = 2)
    assert grad(lambda x: value_and_grad(lambda y: y * y * x)(2.0)[0])(3.0) == 4.0
    assert grad(lambda x: value_and_grad(lambda y: y * y * x)(2.0)[1])(3.0) == 4.0


def test_checkpoint_recomputes_forward_once_in_backward():
    calls = []

    def counted(x):
        calls.append(x)
        return x * x

    assert grad(checkpoint(counted))(3.0) == 6.0
    assert len(calls) == 2     # the forward pass, then one recomputation


def test_stop_gradient_blocks_every_level():
    # x is a constant for the outer derivative too
    def outer(x):
        return grad(lambda y: y * stop_gradient(x) * y)(2.0)
    with pytest.warns(UserWarning, match="independent"):
        assert grad(outer)(3.0) == 0.0
    assert stop_gradient(2.5) == 2.5


def test_make_vjp_can_be_called_repeatedly():
    vjp, ans = make_vjp(lambda t: (t[0] * t[1], t[0]))((2.0, 3.0))
    assert ans == (6.0, 2.0)
    for _ in range(3):
        assert vjp((1.0, 0.0)) == (3.0, 2.0)
        assert vjp((0.0, 1.0)) == (1.0, 0.0)


def test_linearize_traces_once():
    calls = []

    def f(x):
        calls.append(x)
        return exp(x) * x

    y, f_jvp = linearize(f)(1.0)
    assert y == pytest.approx(math.e)
    for t in (1.0, 2.0, -0.5):
        assert f_jvp(t) == pytest.approx(2 * math.e * t)
    assert len(calls) == 1


def test_linearize_agrees_with_make_jvp():
    f = lambda t: {"p": exp(t[0]) * t[1], "q": [t[1] * t[1], t[0]]}  # noqa: E731
    x, v = (0.3, -1.2), (0.7, 0.4)
    _, lin = linearize(f)(x)
    assert_tree_close(lin(v), make_jvp(f)(x)(v)[1])


def test_jacfwd_equals_jacrev_on_mixed_containers():
    def f(d):
        return [d["a"] * d["b"][0], {"s": exp(d["b"][1]) * d["a"]}]
    x = {"a": 0.5, "b": (2.0, -1.0)}
    assert_tree_close(jacfwd(f)(x), jacrev(f)(x), tol=1e-12)


def test_hessian_vector_product_matches_hessian():
    f = lambda t: t[0] * t[0] * t[1] + exp(t[1])  # noqa: E731
    x, v = (1.5, 0.5), (1.0, -2.0)
    H = hessian(f)(x)
    expected = tuple(H[i][0] * v[0] + H[i][1] * v[1] for i in range(2))
    assert_tree_close(hessian_tensor_product(f)(x, v), expected)
    assert_tree_close(make_hvp(f)(x)[0](v), expected)


def test_tensor_jacobian_product_matches_jacobian():
    x, v = (2.0, 3.0), (1.0, -1.0)
    J = jacobian(pair)(x)
    expected = tuple(v[0] * J[0][j] + v[1] * J[1][j] for j in range(2))
    assert_tree_close(tensor_jacobian_product(pair)(x, v), expected)


def test_holomorphic_grad_warns_on_real_input():
    with pytest.warns(UserWarning, match="not complex"):
        assert holomorphic_grad(cube)(2.0) == 12.0


# ----------------------------------------------------------------- forward-mode parity

# fmt: off
SECOND_DERIVATIVE_CASES = [
    # (id,          f,                                     x,    f''(x))
    ("cube",        cube,                                  2.0,  12.0),
    ("x*exp(x)",    lambda x: x * exp(x),                  0.5,  (2 + 0.5) * math.exp(0.5)),
    ("1/(1+x)",     lambda x: 1 / (1 + x),                 0.5,  2 / 1.5 ** 3),
    ("x**3/(1+x*x)", lambda x: x ** 3 / (1 + x * x),       0.7,  None),
    ("exp(-x*x)",   lambda x: exp(-x * x),                 0.3,  (4 * 0.09 - 2) * math.exp(-0.09)),
    ("abs(x)**2.5", lambda x: abs(x) ** 2.5,               -1.3, 2.5 * 1.5 * 1.3 ** 0.5),
]
# fmt: on


@pytest.mark.parametrize("name, f, x, expected", SECOND_DERIVATIVE_CASES,
                         ids=_ids(SECOND_DERIVATIVE_CASES))
def test_forward_mode_parity_second_derivative(name, f, x, expected):
    rev_rev = grad(grad(f))(x)
    fwd_rev = deriv(grad(f))(x)           # forward over reverse
    rev_fwd = grad(deriv(f))(x)           # reverse over forward
    fwd_fwd = deriv(deriv(f))(x)
    hvp = make_jvp(grad(f))(x)(1.0)[1]
    for value in (fwd_rev, rev_fwd, fwd_fwd, hvp):
        assert value == pytest.approx(rev_rev, rel=1e-12, abs=1e-12)
    if expected is not None:
        assert rev_rev == pytest.approx(expected, rel=1e-12)


def test_forward_over_reverse_hessian_on_containers():
    f = lambda t: t[0] * t[0] * t[1] + exp(t[0] * t[1])  # noqa: E731
    x = (0.4, 0.9)
    assert_tree_close(jacfwd(grad(f))(x), hessian(f)(x), tol=1e-12)
    assert_tree_close(jacobian(lambda t: grad(f)(t))(x), hessian(f)(x), tol=1e-12)


# ----------------------------------------------------------------- argnum handling

def test_argnum_out_of_range_is_a_clear_error():
    with pytest.raises(IndexError, match="argnum 2"):
        grad(lambda x, y: x * y, 2)(1.0, 2.0)


def test_argnum_must_be_int_or_tuple():
    with pytest.raises(TypeError, match="argnum"):
        grad(lambda x, y: x * y, 1.0)(1.0, 2.0)


def test_operators_keep_the_function_name():
    def loss(x):
        return x * x
    assert "loss" in grad(loss).__name__


def test_independent_output_of_operators_warns_and_gives_zeros():
    with pytest.warns(UserWarning, match="independent"):
        assert value_and_grad(lambda x: 3.0)(1.0) == (3.0, 0.0)
    with pytest.warns(UserWarning, match="independent"):
        assert grad_and_aux(lambda x: (3.0, "a"))((1.0, 2.0)) == ((0.0, 0.0), "a")
    with pytest.warns(UserWarning, match="independent"):
        assert make_vjp(lambda t: 2.0)({"a": 1.0})[0](1.0) == {"a": 0.0}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert make_jvp(lambda x: 3.0)(1.0)(1.0) == (3.0, 0.0)


@pytest.mark.parametrize("outer", [grad, deriv], ids=["grad", "deriv"])
@pytest.mark.parametrize("inner", [grad, deriv], ids=["grad", "deriv"])
def test_no_perturbation_confusion(outer, inner):
    # d/dx [x * d/dy (x + y)] = d/dx [x] = 1: the inner derivative must not see x's tangent
    assert outer(lambda x: x * inner(lambda y: x + y)(1.0))(2.0) == 1.0
    # d/dx [d/dy (x y) at y = x] = d/dx [x] = 1
    assert outer(lambda x: inner(lambda y: x * y)(x))(3.0) == 1.0


def test_identity_and_passthrough_functions():
    assert grad(lambda x: x)(2.0) == 1.0
    assert deriv(lambda x: x)(2.0) == 1.0
    assert grad(lambda t: t[1])((1.0, 2.0)) == (0.0, 1.0)
    assert make_vjp(lambda x: x)(2.0)[0](5.0) == 5.0
