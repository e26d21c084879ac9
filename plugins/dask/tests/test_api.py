"""Every differential operator on dask inputs (lazy), mixed NumPy/dask inputs, rechunk, errors."""

import dask.array as da
import numpy as onp
import pytest

import autograd.numpy as np
from autograd import (
    elementwise_grad, grad, hessian, hessian_tensor_product, jacobian, make_hvp, make_jvp,
    make_vjp, value_and_grad,
)
from autograd.test_util import check_grads

RS = onp.random.RandomState(0)
X = RS.randn(40, 3)
Y = (RS.rand(40) > 0.5).astype(float)
W = RS.randn(3)


def loss(w, X, y):
    """Logistic regression: sum(log(1 + exp(X w)) - y X w)."""
    z = X @ w
    return np.sum(np.log1p(np.exp(z)) - y * z)


def close(a, b):
    onp.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


@pytest.fixture
def data(lazy):
    return lazy(X, (10, 3)), lazy(Y, 10), lazy(W, 3)


# ----------------------------------------------------------------- every operator, lazily

# (name, operator applied to the dask arrays (dX, dy, dw), the same on NumPy arrays)
# fmt: off
OPERATORS = [
    ("grad",             lambda X, y, w: grad(loss)(w, X, y)),
    ("grad_data",        lambda X, y, w: grad(loss, 1)(w, X, y)),
    ("grad_tuple",       lambda X, y, w: grad(loss, (0, 1))(w, X, y)),
    ("value_and_grad",   lambda X, y, w: value_and_grad(loss)(w, X, y)),
    ("make_vjp",         lambda X, y, w: make_vjp(lambda X: np.tanh(X @ W), 0)(X)[0](y)),
    ("make_jvp",         lambda X, y, w: make_jvp(loss, 1)(W, X, y)(X * 0.5)),
    ("jacobian",         lambda X, y, w: jacobian(lambda w: np.tanh(X[:3] @ w))(w)),
    ("hessian",          lambda X, y, w: hessian(lambda w: loss(w, X, y))(w)),
    ("hvp",              lambda X, y, w: hessian_tensor_product(loss)(w, X, y, w)),
    ("make_hvp",         lambda X, y, w: make_hvp(loss)(w, X, y)[0](w * 2.0)),
    ("grad_of_grad",     lambda X, y, w: grad(lambda x: np.sum(grad(lambda x: np.sum(np.sin(x) ** 3))(x) ** 2))(X)),
    ("elementwise_grad", lambda X, y, w: elementwise_grad(np.tanh)(X)),
]
# fmt: on


def _leaves(x):
    return [v for item in x for v in _leaves(item)] if isinstance(x, (tuple, list)) else [x]


@pytest.mark.parametrize("name, op", OPERATORS, ids=[r[0] for r in OPERATORS])
def test_operator_is_lazy_and_equals_numpy(name, op, data, no_compute, compute):
    with no_compute():
        out = op(*data)
    ref = op(X, Y, W)
    got, want = _leaves(out), _leaves(ref)
    assert len(got) == len(want)
    for g, r in zip(got, want):
        assert isinstance(g, da.Array), type(g)
        close(compute(g), r)


def test_gradients_have_the_inputs_chunks(data, no_compute):
    dX, dy, dw = data
    with no_compute():
        gw, gX, gy = grad(loss, (0, 1, 2))(dw, dX, dy)
        hvp = hessian_tensor_product(loss)(dw, dX, dy, dw)
    assert (gw.chunks, gX.chunks, gy.chunks, hvp.chunks) == (dw.chunks, dX.chunks, dy.chunks, dw.chunks)


def test_forward_mode_is_lazy_at_second_order(data, no_compute, compute):
    dX, dy, dw = data
    f = lambda X: np.sum(np.sin(X) * X)
    jvp_of_grad = lambda X, t: make_jvp(grad(f))(X)(t)[1]
    with no_compute():
        out = jvp_of_grad(dX, dX)
    assert isinstance(out, da.Array) and out.chunks == dX.chunks
    close(compute(out), jvp_of_grad(X, X))


def test_second_order_check_grads_small(lazy):
    check_grads(lambda w: loss(w, lazy(X, (10, 3)), lazy(Y, 10)), modes=["fwd", "rev"],
                order=2)(lazy(W, 3))


# ----------------------------------------------------------------- NumPy parameters, dask data

def test_numpy_parameter_dask_data(data, no_compute, compute):
    dX, dy, _ = data
    with no_compute():
        g = grad(loss)(W, dX, dy)
    # a reduction over the chunks of X, kept lazy: a 1-d dask array of w's shape, one chunk
    assert isinstance(g, da.Array) and g.shape == W.shape and g.numblocks == (1,)
    close(compute(g), grad(loss)(W, X, Y))
    check_grads(lambda w: loss(w, dX, dy), modes=["fwd", "rev"], order=2)(W)


def test_numpy_constants_in_a_dask_function(lazy, no_compute, compute):
    x = lazy(X, (10, 3))
    f = lambda x: np.sum(np.exp(x * W)) + np.sum((x @ onp.ones(3)) * Y)
    with no_compute():
        g = grad(f)(x)
    close(compute(g), grad(f)(X))


def test_float_box_times_dask_array(lazy, no_compute, compute):
    x = lazy(X, (10, 3))
    f = lambda s: np.sum(s * x + x * s ** 2)
    with no_compute():
        g = grad(f)(1.5)
    close(compute(g), grad(lambda s: np.sum(s * X + X * s ** 2))(1.5))


def test_jacobian_of_a_numpy_parameter(data, no_compute, compute):
    dX, dy, _ = data
    f = lambda w: np.tanh(dX[:4] @ w)
    with no_compute():
        J = jacobian(f)(W)
    assert isinstance(J, da.Array) and J.shape == (4, 3)
    close(compute(J), jacobian(lambda w: np.tanh(X[:4] @ w))(W))


# ----------------------------------------------------------------- rechunk, box attributes

def test_rechunk_is_differentiable(lazy, no_compute, compute):
    import autograd_dask
    x = lazy(X, (10, 3))
    f = lambda x: np.sum(autograd_dask.rechunk(x ** 2, (20, 1)) * x.rechunk({0: 40}))
    with no_compute():
        g = grad(f)(x)
    assert g.chunks == x.chunks
    close(compute(g), grad(lambda x: np.sum(x ** 2 * x))(X))
    check_grads(lambda x: autograd_dask.rechunk(np.sin(x), (5, 3)), modes=["fwd", "rev"], order=2)(x)


def test_box_shows_the_dask_attributes(lazy):
    x = lazy(X, (10, 3))
    seen = {}

    def f(x):
        seen.update(chunks=x.chunks, numblocks=x.numblocks, npartitions=x.npartitions,
                    chunksize=x.chunksize, shape=x.shape)
        return np.sum(x)

    grad(f)(x)
    assert seen == dict(chunks=x.chunks, numblocks=x.numblocks, npartitions=x.npartitions,
                        chunksize=x.chunksize, shape=x.shape)


def test_vector_space(lazy, compute):
    from autograd.extend import vspace
    from autograd_dask import DaskArrayVSpace
    x = lazy(X, (10, 3))
    vs = vspace(x)
    assert isinstance(vs, DaskArrayVSpace) and vs == vspace(X) and hash(vs) == hash(vspace(X))
    for v in (vs.zeros(), vs.ones(), vs.randn(), vs.unflatten(list(range(120)))):
        assert isinstance(v, da.Array) and v.chunks == x.chunks
    assert vs.flatten(x) == X.ravel().tolist()
    assert vspace(lazy(X.astype(complex), 10)) == vspace(X.astype(complex))
    assert vspace(lazy(onp.arange(4), 2)) == vspace(onp.zeros(4))        # integer: float64 space


# ----------------------------------------------------------------- errors

def test_no_writes_into_a_traced_dask_array(lazy):
    def f(x):
        x[0] = 1.0
        return np.sum(x)

    with pytest.raises(TypeError, match="can't be written in place"):
        grad(f)(lazy(X, (10, 3)))


def test_compute_inside_the_function_is_refused(lazy):
    with pytest.raises(TypeError, match="compute afterwards"):
        grad(lambda x: np.sum(x).compute())(lazy(X, (10, 3)))


def test_unknown_shape_is_refused(lazy):
    x = lazy(X, (10, 3))
    with pytest.raises(TypeError, match="unknown shape"):
        grad(lambda x: np.sum(x))(x[x[:, 0] > 0])


def test_integer_array_index_says_what_to_do(lazy):
    with pytest.raises(TypeError, match="numpy.add.at, which that library does not implement"):
        grad(lambda x: np.sum(x[[0, 2, 2]] ** 2))(lazy(X, (10, 3)))


def test_mixing_with_another_array_library_names_both(lazy):
    sparse = pytest.importorskip("sparse")
    S = sparse.COO.from_numpy(onp.eye(40, 3))
    x = lazy(X, (10, 3))
    # dask would build a dask array of sparse chunks (its gradient would mix the two):
    # refused where the two meet, in one error naming both
    with pytest.raises(TypeError) as info:
        grad(lambda x: np.sum(x * S))(x)
    assert "dask" in str(info.value) and "sparse" in str(info.value) and "COO" in str(info.value)
    with pytest.raises(TypeError, match=r"dask\.array\.Array has chunks of type sparse\.COO"):
        grad(lambda x: np.sum(x))(da.from_array(S, chunks=(10, 3)))
