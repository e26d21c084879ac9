"""Shape functions, joining, indexing and casting: both modes, order 2."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

# fmt: off
# (id, function of one (2, 3) array)
UNARY_SHAPE = [
    ("reshape",        lambda x: np.reshape(x, (3, 2))),
    ("reshape-F",      lambda x: np.reshape(x, (3, 2), order="F")),
    ("reshape-method", lambda x: x.reshape(6)),
    ("reshape-args",   lambda x: x.reshape(3, 2)),
    ("ravel",          np.ravel),
    ("ravel-F",        lambda x: np.ravel(x, order="F")),
    ("flatten",        lambda x: x.flatten()),
    ("transpose",      np.transpose),
    ("transpose-axes", lambda x: np.transpose(x[None], (2, 0, 1))),
    ("T",              lambda x: x.T),
    ("permute_dims",   lambda x: np.permute_dims(x, (1, 0))),
    ("matrix_transpose", np.matrix_transpose),
    ("swapaxes",       lambda x: np.swapaxes(x, 0, 1)),
    ("moveaxis",       lambda x: np.moveaxis(x[None], 0, -1)),
    ("squeeze",        lambda x: np.squeeze(x[:1])),
    ("squeeze-axis",   lambda x: np.squeeze(x[None], axis=0)),
    ("expand_dims",    lambda x: np.expand_dims(x, 1)),
    ("flip",           lambda x: np.flip(x, 1)),
    ("flip-all",       np.flip),
    ("fliplr",         np.fliplr),
    ("flipud",         np.flipud),
    ("broadcast_to",   lambda x: np.broadcast_to(x, (4, 2, 3))),
    ("atleast_3d",     np.atleast_3d),
    ("astype",         lambda x: x.astype(onp.complex128) * 2.0),
    ("np.astype",      lambda x: np.astype(x, onp.complex128)),
    ("array-copy",     lambda x: np.array(x)),
    ("asarray",        np.asarray),
    # indexing
    ("int",            lambda x: x[1]),
    ("int-int",        lambda x: x[1, 2]),
    ("negative",       lambda x: x[-1, ::-2]),
    ("slices",         lambda x: x[:, 1:]),
    ("ellipsis",       lambda x: x[..., None, 0]),
    ("fancy-repeats",  lambda x: x[[0, 0, 1], [2, 2, 0]]),
    ("bool-mask",      lambda x: x[onp.array([[True, False, True], [False, True, True]])]),
    ("bool-rows",      lambda x: x[onp.array([True, False])]),
    ("iterate",        lambda x: np.stack([row * i for i, row in enumerate(x)])),
    ("many-reads",     lambda x: sum(x[i % 2, i % 3] * i for i in range(12))),
    # joining
    ("concatenate-0",  lambda x: np.concatenate([x, 2 * x, onp.ones((1, 3))])),
    ("concatenate-1",  lambda x: np.concatenate([x, x[:, :1]], axis=1)),
    ("concatenate-None", lambda x: np.concatenate([x, x[0]], axis=None)),
    ("concat",         lambda x: np.concat([x, x], axis=-1)),
    ("stack",          lambda x: np.stack([x, onp.ones((2, 3)), x ** 2])),
    ("stack-neg",      lambda x: np.stack([x, x ** 2], axis=-1)),
    ("hstack",         lambda x: np.hstack([x, x])),
    ("hstack-1d",      lambda x: np.hstack([x[0], x[1], 1.0])),
    ("vstack",         lambda x: np.vstack([x, x[0]])),
    ("dstack",         lambda x: np.dstack([x, x])),
    ("column_stack",   lambda x: np.column_stack([x[0], x[1]])),
    ("array-of-boxes", lambda x: np.array([x[0, 0], x[1, 1] * 2.0, 3.0])),
    ("array-nested",   lambda x: np.array([[x[0, 0], 1.0], [x[1, 2], x[0, 1]]])),
    ("array-rows",     lambda x: np.array([x[0], x[1] ** 2])),
]
# fmt: on

# The functions checked here (see test_meta.py): each row's id starts with the
# function's name; indexing, joining, array() and astype() rows go through the
# helper primitives named below (untake: getitem's VJP at second order).
TESTED = {row[0].split("-")[0] for row in UNARY_SHAPE if hasattr(np, row[0].split("-")[0])} | {
    "getitem", "untake", "concatenate_args", "stack_args",
    "autograd_numpy.numpy_wrapper:array_copy", "autograd_numpy.numpy_wrapper:astype_prim"}


@pytest.mark.parametrize("f", [r[1] for r in UNARY_SHAPE], ids=[r[0] for r in UNARY_SHAPE])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
def test_shape_function(f, dtype, arg):
    check_grads(f, modes=MODES, order=2)(arg((2, 3), dtype))


def test_joining_differentiates_every_piece(arg):
    check_grads(lambda a, b: np.concatenate([a, b], axis=1), argnum=[0, 1], modes=MODES,
                order=2)(arg((2, 3)), arg((2, 2), seed=1))
    check_grads(lambda a, b: np.stack([a, b], axis=1), argnum=[0, 1], modes=MODES,
                order=2)(arg((2, 3)), arg((2, 3), seed=1))
    check_grads(lambda a, b: np.array([a, b, a * b]), argnum=[0, 1], modes=MODES,
                order=2)(1.5, 0.5)


def test_indexing_cotangent_accumulates_repeats():
    g = grad(lambda x: np.sum(x[[0, 0, 2]]) + x[0] + np.sum(x[1:]))(onp.zeros(3))
    assert onp.allclose(g, [3.0, 1.0, 2.0])


def test_boxed_indices_are_constants(arg):
    x = arg((4,))
    f = lambda a: a[np.argmax(a)] + a[a.argmin()] * 2.0
    check_grads(f, modes=MODES, order=2)(x)


def test_integer_casts_carry_no_gradient(arg):
    def f(x):
        k = (x * 0).astype(int)           # an integer-valued traced array
        return np.sum(x[k] * x)
    check_grads(f, modes=MODES, order=2)(arg((3,)))
