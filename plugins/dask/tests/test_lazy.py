"""autograd.numpy code over dask arrays: the NumPy rules run on them unchanged and stay lazy.

One row per function: the gradient (reverse mode) and a directional derivative
(forward mode) are built with computing forbidden (:func:`conftest.no_compute`),
the gradient is a dask array with the input's chunks, and once computed both
equal the derivatives of the same function on the NumPy array (to 1e-12).
"""

import dask
import dask.array as da
import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.test_util import check_grads

A = onp.random.RandomState(0).rand(6, 4) + 0.5          # the input (positive: log, sqrt)
C = onp.random.RandomState(1).randn(6, 4)               # a NumPy constant of the same shape
B = onp.random.RandomState(2).rand(4, 3) + 0.5
V = onp.random.RandomState(3).rand(4) + 0.5
CHUNKS = (2, 2)

# fmt: off
ROWS = [
    # elementwise and broadcasting
    ("sin",            lambda x: np.sum(np.sin(x))),
    ("log_exp",        lambda x: np.sum(np.log(np.exp(x) + 1))),
    ("tanh_squared",   lambda x: np.sum(np.tanh(x) ** 2)),
    ("times_numpy",    lambda x: np.sum(x * C)),
    ("reciprocal",     lambda x: np.sum(1.0 / x)),
    ("power",          lambda x: np.sum(x ** 3)),
    ("sqrt",           lambda x: np.sum(np.sqrt(x))),
    ("softplus",       lambda x: np.sum(np.logaddexp(0, x))),
    ("abs",            lambda x: np.sum(np.abs(x - 1.0))),
    ("maximum",        lambda x: np.sum(np.maximum(x, 1.0))),
    ("clip",           lambda x: np.sum(np.clip(x, 0.7, 1.2) ** 2)),
    ("where",          lambda x: np.sum(np.where(x > 1.0, x, 2 * x))),
    ("broadcast_row",  lambda x: np.sum((x + V) ** 2)),
    ("broadcast_col",  lambda x: np.sum((x + x[:, :1]) ** 2)),
    ("astype_float32", lambda x: np.sum(x.astype(np.float32) * 2)),
    ("real",           lambda x: np.sum(np.real(x) * C)),
    # reductions
    ("mean",           lambda x: np.mean(x)),
    ("mean_axis",      lambda x: np.sum(np.mean(x, axis=0) ** 2)),
    ("sum_keepdims",   lambda x: np.sum(x / np.sum(x, axis=1, keepdims=True))),
    ("var",            lambda x: np.var(x)),
    ("std_axis",       lambda x: np.sum(np.std(x, axis=1))),
    ("max",            lambda x: np.max(x)),
    ("max_axis",       lambda x: np.sum(np.max(x, axis=1))),
    ("min_keepdims",   lambda x: np.sum(np.min(x, axis=0, keepdims=True))),
    ("prod",           lambda x: np.prod(x)),
    ("prod_axis",      lambda x: np.sum(np.prod(x, axis=1))),
    ("cumsum",         lambda x: np.sum(np.cumsum(x, axis=0) ** 2)),
    ("cumprod",        lambda x: np.sum(np.cumprod(x, axis=1))),
    ("nansum",         lambda x: np.nansum(x)),
    ("average",        lambda x: np.sum(np.average(x, axis=0))),
    ("logsumexp",      lambda x: np.sum(np.log(np.sum(np.exp(x), axis=1)))),
    ("norm",           lambda x: np.linalg.norm(x)),
    ("norm_axis",      lambda x: np.sum(np.linalg.norm(x, axis=1))),
    ("methods",        lambda x: (x ** 2).mean(axis=0).sum()),
    # products
    ("matmul",         lambda x: np.sum(np.tanh(x @ B))),
    ("dot_vector",     lambda x: np.sum(np.dot(x, V) ** 2)),
    ("tensordot",      lambda x: np.sum(np.tensordot(x, B, axes=1) ** 2)),
    ("einsum",         lambda x: np.sum(np.einsum("ij,jk->ik", x, B) ** 2)),
    ("gram",           lambda x: np.sum(x @ x.T)),
    ("outer",          lambda x: np.sum(np.outer(x[0], x[1]))),
    ("vdot",           lambda x: np.vdot(x, x)),
    # shapes and indexing
    ("transpose",      lambda x: np.sum(x.T @ C)),
    ("ravel",          lambda x: np.sum(np.ravel(x) ** 2)),
    ("ravel_method",   lambda x: np.sum(x.ravel() * C.ravel())),
    ("reshape_merge",  lambda x: np.sum(np.reshape(x, (24,)) ** 2)),
    ("expand_dims",    lambda x: np.sum(np.expand_dims(x, 0) ** 2)),
    ("squeeze",        lambda x: np.sum(np.squeeze(x[None]) ** 2)),
    ("slice",          lambda x: np.sum(x[1:3, ::2] ** 2)),
    ("integer_index",  lambda x: np.sum(x[2] ** 2)),
    ("negative_steps", lambda x: np.sum(x[5:0:-2, ::-1] * C[5:0:-2])),
    ("ellipsis_index", lambda x: np.sum(np.sin(x[..., 1]))),
    ("newaxis_index",  lambda x: np.sum(x[None, 2:, -1] ** 3)),
    ("concatenate",    lambda x: np.sum(np.concatenate([x, x * 2], axis=0) ** 2)),
    ("stack",          lambda x: np.sum(np.stack([x, x ** 2]) ** 2)),
    ("repeat",         lambda x: np.sum(np.repeat(x, 2, axis=0) ** 2)),
    ("tile",           lambda x: np.sum(np.tile(x, (2, 1)) ** 2)),
    ("flip",           lambda x: np.sum(np.flip(x, 0) * C)),
    ("roll",           lambda x: np.sum(np.roll(x, 1, axis=0) * C)),
    ("moveaxis",       lambda x: np.sum(np.moveaxis(x, 0, 1) ** 2)),
    ("triu",           lambda x: np.sum(np.triu(x) ** 2)),
    ("in_place_add",   lambda x: np.sum(_add_in_place(x))),
]
# fmt: on


def _add_in_place(x):
    y = x * 2
    y += x          # rebinds y (dask arrays have no in-place operators)
    return y


@pytest.mark.parametrize("name, f", ROWS, ids=[r[0] for r in ROWS])
def test_gradient_is_lazy_and_equals_numpy(name, f, no_compute, lazy, compute):
    x = lazy(A, CHUNKS)
    t = lazy(C, CHUNKS)
    with no_compute():
        g = grad(f)(x)
        value, jvp = make_jvp(f)(x)(t)
    assert isinstance(g, da.Array) and g.chunks == x.chunks and g.dtype == x.dtype
    assert isinstance(jvp, da.Array)
    onp.testing.assert_allclose(compute(g), grad(f)(A), rtol=1e-12, atol=1e-12)
    ref_value, ref_jvp = make_jvp(f)(A)(C)
    # (dask sums chunk by chunk: float32 results differ in the last bits)
    tol = 1e-12 if onp.result_type(ref_jvp) == onp.float64 else 1e-6
    onp.testing.assert_allclose(compute(value), ref_value, rtol=tol)
    onp.testing.assert_allclose(compute(jvp), ref_jvp, rtol=tol, atol=tol)


# fmt: off
CHECKED = [
    ("sin",        lambda x: np.sin(x) * x),
    ("reductions", lambda x: np.sum(x, axis=0) * np.max(x, axis=1)[:4] + np.mean(x ** 2)),
    ("matmul",     lambda x: np.tanh(x @ B)),
    ("slices",     lambda x: x[1:3] * x[::3]),
    ("prod",       lambda x: np.prod(x, axis=0)),
    ("where",      lambda x: np.where(x > 1.0, np.exp(x), x ** 2)),
]
# fmt: on


@pytest.mark.parametrize("name, f", CHECKED, ids=[r[0] for r in CHECKED])
def test_check_grads_on_dask_inputs(name, f, lazy):
    # finite differences on dask inputs, both modes, second order: the vector
    # spaces' directions and the derivatives are all dask arrays
    check_grads(f, modes=["fwd", "rev"], order=2)(lazy(A, CHUNKS))


def test_one_graph_for_value_and_gradient(lazy):
    x = lazy(A, CHUNKS)
    f = lambda x: np.sum(np.tanh(x @ B))
    calls = []

    def counting(dsk, keys, **kwargs):
        calls.append(len(keys) if isinstance(keys, list) else 1)
        return dask.get(dsk, keys, **kwargs)

    with dask.config.set(scheduler=counting):
        value, g = dask.compute(f(x), grad(f)(x))
    assert len(calls) == 1                 # one pass of the scheduler for both
    onp.testing.assert_allclose(value, f(A), rtol=1e-12)
    onp.testing.assert_allclose(g, grad(f)(A), rtol=1e-12)
