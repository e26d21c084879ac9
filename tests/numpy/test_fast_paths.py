"""Shortcuts the rules take for raw arrays give what their general path gives.

Each row runs a rule on plain NumPy values as the backward pass calls it
(the shortcut applies) and compares it with the general path (an argument
that forces it and means the same thing) or with NumPy by hand: equal
values, dtype and shape.  (Gradients themselves are checked in the rule
tables.)
"""

import numpy as onp
import pytest

from autograd.rules import active

from autograd_numpy.broadcasting import fit_cotangent, unbroadcast
from autograd_numpy.rules.reductions import _mean_vjp

TESTED = {"mean", "add", "subtract", "multiply", "divide", "power", "maximum", "matmul",
          "tanh", "sin", "exp"}

_rng = onp.random.RandomState(0)
_ARRAYS = [onp.linspace(-1.0, 1.0, 10), _rng.randn(3, 7), _rng.randn(5).astype(onp.float32),
           onp.arange(6), _rng.randn(4).astype(onp.float16), _rng.randn(2, 3) + 1j]


@pytest.mark.parametrize("x", _ARRAYS, ids=lambda x: f"{x.dtype}{x.shape}")
@pytest.mark.parametrize("g", [0.37, onp.float64(1.3), 1e-300, 3.0])
def test_mean_of_a_whole_array(x, g):
    fast = _mean_vjp(g, None, x)
    general = _mean_vjp(g, None, x, where=True)     # a where= argument: the general path
    assert fast.dtype == general.dtype and fast.shape == general.shape
    assert onp.array_equal(fast, general)


@pytest.mark.parametrize("ct, target", [
    (_rng.randn(16, 64), onp.zeros(64)),
    (_rng.randn(16, 64), onp.zeros((1, 64))),
    (_rng.randn(3, 4, 5).astype(onp.float32), onp.zeros((4, 1), onp.float32)),
    (_rng.randn(3, 4) + 1j, onp.zeros(4)),
    (_rng.randn(2, 3), onp.zeros(3, onp.float32)),
    (onp.ones((3, 4), bool), onp.zeros(4)),
], ids=["bias", "keepdims", "float32", "complex-to-real", "to-float32", "bool"])
def test_fitting_a_raw_cotangent(ct, target):
    # NumPy by hand: sum the leading axes away, then the axes of length 1
    ref = ct
    while ref.ndim > target.ndim:
        ref = ref.sum(axis=0)
    for i, n in enumerate(target.shape):
        if n == 1 and ref.shape[i] != 1:
            ref = ref.sum(axis=i, keepdims=True)
    if ref.dtype.kind == "c" and target.dtype.kind != "c":
        ref = ref.real
    ref = ref.astype(target.dtype)
    for fitted in (fit_cotangent(ct, target), unbroadcast(ct, target)):
        assert fitted.dtype == ref.dtype and fitted.shape == target.shape
        assert onp.array_equal(fitted, ref)


# ----------------------------------------------------------------- joint VJPs
# The backward pass calls a rule's joint form (all arguments in one call) where
# it has one; the per-argument rules are the reference it must equal exactly
# (type, dtype, shape and every value), for every subset of traced arguments.

def _same(a, b):
    if a is None or b is None:
        return a is b
    return (type(a) is type(b) and onp.shape(a) == onp.shape(b)
            and onp.result_type(a) == onp.result_type(b) and onp.array_equal(a, b))


def _check_joint(raw, args, argnums_list=((0,), (1,), (0, 1))):
    rule = active().vjp_rule(raw)
    assert rule.joint is not None
    ans = raw(*args)
    g = onp.asarray(_rng.randn(*onp.shape(ans)) + 0.0, dtype=onp.result_type(ans))[()]
    if onp.iscomplexobj(ans):
        g = g + 0.5j
    for argnums in argnums_list:
        argnums = tuple(i for i in argnums if i < len(args))
        joint = rule.joint(g, ans, list(args), {}, argnums)
        reference = [rule.rules[i](g, ans, *args) for i in argnums]
        assert len(joint) == len(reference)
        for j, r in zip(joint, reference):
            assert _same(j, r), (argnums, j, r)


_f32 = _rng.randn(16, 64).astype(onp.float32)
_BINARY_ARGS = {
    "same": (_rng.randn(16, 64), _rng.randn(16, 64)),
    "bias": (_rng.randn(16, 64), _rng.randn(64)),
    "keepdims": (_rng.randn(3, 4), _rng.randn(3, 1)),
    "python-float": (_rng.randn(10), 0.9),
    "numpy-scalar": (_rng.randn(10), onp.float64(0.3)),
    "scalar-first": (onp.float64(0.01), _rng.randn(10)),
    "float32-float64": (_f32, _rng.randn(16, 64)),
    "float32-python": (_f32, 2.0),
    "complex-real": (_rng.randn(5) + 1j, _rng.randn(5)),
    "int-array": (onp.arange(1, 6), _rng.randn(5)),
    "0-d": (onp.array(1.5), onp.array(2.5)),
}


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "divide", "power", "maximum"])
@pytest.mark.parametrize("case", list(_BINARY_ARGS))
def test_binary_joint_vjp_equals_the_per_argument_rules(name, case):
    x, y = _BINARY_ARGS[case]
    if name == "power":
        x = onp.abs(x) + 0.5
    _check_joint(getattr(onp, name), (x, y))


@pytest.mark.parametrize("args", [
    (_rng.randn(16, 64), _rng.randn(64, 64)),
    (_f32, _rng.randn(64, 8).astype(onp.float32)),
    (_f32, _rng.randn(64, 8)),
    (_rng.randn(64), _rng.randn(64, 8)),
    (_rng.randn(3, 4), _rng.randn(4)),
    (_rng.randn(2, 3, 4), _rng.randn(4, 5)),
    (_rng.randn(3, 4) + 1j, _rng.randn(4, 2)),
], ids=["2d", "float32", "mixed-dtype", "vector-matrix", "matrix-vector", "batched", "complex"])
def test_matmul_joint_vjp_equals_the_per_argument_rules(args):
    _check_joint(onp.matmul, args)


@pytest.mark.parametrize("name", ["tanh", "sin", "exp"])
@pytest.mark.parametrize("x", [_rng.randn(16, 64), _f32, _rng.randn(4) + 1j, onp.float64(0.4)],
                         ids=["float64", "float32", "complex", "scalar"])
def test_unary_joint_vjp_equals_the_per_argument_rule(name, x):
    _check_joint(getattr(onp, name), (x,), [(0,)])


# ----------------------------------------------------------------- ndarray op box
# ``ndarray @ box`` and ``numpy.<ufunc>(box)`` reach the box's __array_ufunc__,
# which calls the ufunc's primitive directly for a plain call (no keywords).

def test_plain_numpy_ufunc_calls_on_boxes_differentiate_as_autograd_numpy():
    import autograd.numpy as anp
    from autograd import grad
    from autograd.test_util import check_grads

    A = _rng.randn(3, 4)

    def plain(x):       # NumPy's own ufuncs and operators on a box
        h = onp.tanh(A @ x)
        return anp.sum(onp.multiply(h, h) + onp.sin(x[0]))

    def ours(x):
        h = anp.tanh(anp.matmul(A, x))
        return anp.sum(h * h + anp.sin(x[0]))

    x = _rng.randn(4, 2)
    assert onp.array_equal(grad(plain)(x), grad(ours)(x))
    check_grads(plain, modes=["fwd", "rev"], order=2)(x)
    # ufuncs without a differentiable primitive still take the general dispatch
    assert grad(lambda x: anp.sum(x * onp.isfinite(x)))(x).shape == x.shape
    assert grad(lambda x: anp.sum(x * onp.floor(x)))(x).shape == x.shape


# ----------------------------------------------------------------- what add and matmul keep
# add's and subtract's VJPs read only their arguments' shapes and dtypes, and
# matmul's never its result: a large raw argument is kept as its ArrayMeta, so
# intermediates of a chain are freed during the forward pass.  Gradients are
# those of the full values, in every mode.

def _big(*shape, dtype=onp.float64):
    return _rng.randn(*shape).astype(dtype)


def test_intermediates_of_add_and_matmul_are_freed_during_the_forward_pass():
    import gc
    import weakref

    import autograd.numpy as anp
    from autograd import grad
    from autograd.extend import getval

    X, Y, b = _big(16, 64), _big(16, 64), _big(64)

    def step(W, U, keep_refs):      # one RNN step: tanh(X W + Y U + b)
        a, c = anp.matmul(X, W), anp.matmul(Y, U)
        d = a + c
        if keep_refs is not None:
            keep_refs += [weakref.ref(getval(v)) for v in (a, c, d)]
        return anp.tanh(d + b)

    def f(W, U):
        refs = []
        h = step(W, U, refs)
        gc.collect()
        assert all(r() is None for r in refs)   # a, c and X W + Y U: gone already
        return anp.sum(h * h)

    W, U = _big(64, 64) * 0.1, _big(64, 64) * 0.1
    g = grad(f, (0, 1))(W, U)
    ref = grad(lambda W, U: anp.sum(step(W, U, None) ** 2), (0, 1))(W, U)
    assert all(onp.array_equal(a, r) for a, r in zip(g, ref))
    # by hand: tanh' = 1 - h**2, the cotangent of d is 2 h (1 - h**2)
    h = onp.tanh(X @ W + Y @ U + b)
    gd = 2 * h * (1 - h * h)
    assert onp.allclose(g[0], X.T @ gd, rtol=1e-12) and onp.allclose(g[1], Y.T @ gd, rtol=1e-12)


@pytest.mark.parametrize("x, y", [
    (_big(10, 600), _big(1, 600)),
    (_big(10, 600), _big(600)),
    (_big(8, 600, dtype=onp.float32), _big(8, 600)),
    (_big(8, 600), _big(8, 600) + 1j * _big(8, 600)),
    (_big(8, 600), 2.5),
], ids=["keepdims", "leading", "float32", "complex", "python-float"])
@pytest.mark.parametrize("name", ["add", "subtract"])
def test_a_kept_shape_fits_the_cotangent_as_the_array_would(name, x, y):
    rule = active().vjp_rule(getattr(onp, name))
    ans = getattr(onp, name)(x, y)
    g = onp.asarray(_rng.randn(*ans.shape), dtype=ans.dtype)
    args, kept_ans = rule.keep([x, y], ans)
    assert kept_ans is None
    assert all(type(a) is not onp.ndarray for a in args if onp.ndim(a))   # both replaced
    for argnums in ((0,), (1,), (0, 1)):
        joint = rule.joint(g, None, args, {}, argnums)
        reference = [rule.rules[i](g, ans, x, y) for i in argnums]
        for j, r in zip(joint, reference):
            assert _same(j, r)


def test_kept_shapes_under_jacobian_hessian_and_forward_mode():
    import autograd.numpy as anp
    from autograd import grad, hessian_vector_product, jacobian
    from autograd.test_util import check_grads

    B = _big(1, 600)

    def f(x):                    # three outputs, through large adds
        h = anp.tanh(x + B) - x * 0.5
        return anp.stack([anp.sum(h), anp.sum(h * h), anp.sum(anp.sin(h + 1.0))])

    x = _big(4, 600)
    jac = jacobian(f)(x)        # one batched backward pass through the kept shapes
    loop = onp.stack([grad(lambda x, i=i: f(x)[i])(x) for i in range(3)])
    assert onp.allclose(jac, loop, rtol=1e-12, atol=1e-14)
    check_grads(lambda x: anp.sum(f(x)), modes=["fwd", "rev"], order=2)(x)
    v = _big(4, 600)
    hvp = hessian_vector_product(lambda x: f(x)[1])(x, v)
    eps = 1e-6
    fd = (grad(lambda x: f(x)[1])(x + eps * v) - grad(lambda x: f(x)[1])(x - eps * v)) / (2 * eps)
    assert onp.allclose(hvp, fd, rtol=1e-5, atol=1e-8)
