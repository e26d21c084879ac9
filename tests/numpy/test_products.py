"""dot, matmul, tensordot, einsum, inner, outer, vdot, kron: both arguments, both modes, order 2."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

# fmt: off
# (function, shape of a, shape of b); None = a Python scalar
ROWS = [
    (np.dot, None, (3,)),         (np.dot, (3,), (3,)),         (np.dot, (2, 3), (3,)),
    (np.dot, (3,), (3, 2)),       (np.dot, (2, 3), (3, 4)),     (np.dot, (2, 2, 3), (4, 3, 2)),
    (np.dot, (2, 3), None),
    (np.matmul, (3,), (3,)),      (np.matmul, (2, 3), (3,)),    (np.matmul, (3,), (3, 2)),
    (np.matmul, (2, 3), (3, 4)),  (np.matmul, (2, 2, 3), (3, 4)), (np.matmul, (2, 1, 2, 3), (3, 3, 2)),
    (np.matmul, (3,), (2, 3, 2)),
    (np.inner, (3,), (3,)),       (np.inner, (2, 3), (4, 3)),   (np.inner, None, (2, 3)),
    (np.outer, (3,), (2,)),       (np.outer, (2, 2), (3,)),
    (np.vdot, (3,), (3,)),        (np.vdot, (2, 3), (3, 2)),
    (np.kron, (2,), (3,)),        (np.kron, (2, 2), (3, 1)),    (np.kron, (2,), (2, 3)),
]

TENSORDOT = [
    ((2, 3), (3, 4), 1),   ((2, 3), (2, 3), 2),   ((2,), (3,), 0),
    ((2, 3, 4), (4, 3, 2), ([1, 2], [1, 0])),     ((3, 2), (2, 3), ([0], [1])),
    ((2, 3, 4), (3, 4), ([-2, -1], [0, 1])),
]

EINSUM = [
    ("ij,jk->ik", (2, 3), (3, 4)),   ("ij,ij->", (2, 3), (2, 3)),   ("i,j->ij", (2,), (3,)),
    ("ij,j", (2, 3), (3,)),          ("ii->i", (3, 3)),             ("ii", (3, 3)),
    ("ij->", (2, 3)),                ("...j,j->...", (2, 2, 3), (3,)),
    ("bij,bjk->bik", (2, 2, 3), (2, 3, 2)), ("ij,kj->ikj", (2, 3), (4, 3)),
    ("ij,j->ij", (2, 3), (1,)),      ("ijk->kji", (2, 3, 4)),       ("ij,jk,kl->il", (2, 3), (3, 2), (2, 2)),
]
# fmt: on

# the functions checked here (see test_meta.py)
TESTED = {row[0].__name__ for row in ROWS} | {"tensordot", "einsum"}


def _argnums(n):
    return list(range(n))


@pytest.mark.parametrize("fun, sa, sb", ROWS, ids=[f"{f.__name__}-{a}-{b}" for f, a, b in ROWS])
@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_product(fun, sa, sb, dtype, arg):
    a, b = arg(sa, dtype, seed=1), arg(sb, dtype, seed=2)
    check_grads(fun, argnum=[0, 1], modes=MODES, order=2)(a, b)


@pytest.mark.parametrize("fun", [np.dot, np.matmul, np.vdot, np.outer, np.inner, np.kron],
                         ids=lambda f: f.__name__)
def test_product_float32_and_mixed(fun, arg):
    a32, b32, b64 = arg((3,), "float32"), arg((3,), "float32", seed=3), arg((3,), seed=4)
    check_grads(fun, argnum=[0, 1], modes=MODES, order=2)(a32, b32)
    check_grads(fun, argnum=[0, 1], modes=MODES, order=2)(a32, b64)


@pytest.mark.parametrize("sa, sb, axes", TENSORDOT, ids=str)
def test_tensordot(sa, sb, axes, arg):
    check_grads(lambda a, b: np.tensordot(a, b, axes), argnum=[0, 1], modes=MODES,
                order=2)(arg(sa, seed=1), arg(sb, seed=2))


@pytest.mark.parametrize("row", EINSUM, ids=[r[0] for r in EINSUM])
def test_einsum(row, arg):
    spec, shapes = row[0], row[1:]
    ops = [arg(s, seed=i) for i, s in enumerate(shapes)]
    check_grads(lambda *xs: np.einsum(spec, *xs), argnum=_argnums(len(ops)), modes=MODES,
                order=2)(*ops)


def test_einsum_interleaved_form_and_complex(arg):
    a, b = arg((2, 3), "complex128"), arg((3, 4), "complex128", seed=1)
    check_grads(lambda x, y: np.einsum(x, [0, 1], y, [1, 2], [0, 2]), argnum=[0, 1],
                modes=MODES, order=2)(a, b)


def test_matmul_operator_both_sides(arg):
    a, b = arg((2, 3)), arg((3, 2), seed=1)
    check_grads(lambda x: x @ b, modes=MODES, order=2)(a)
    check_grads(lambda x: a @ x, modes=MODES, order=2)(b)
    check_grads(lambda x: onp.ones((2, 2)) @ (x @ x.T), modes=MODES, order=2)(a)
