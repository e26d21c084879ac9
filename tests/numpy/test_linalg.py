"""numpy.linalg: every differentiable function, both modes, second order.

One row per (function, variant): the function under test wrapped as ``f(*args)``,
its inputs (square, rectangular, batched; float64, float32, complex128), the
arguments to differentiate.  Eigen- and singular vectors enter only through
gauge-invariant functions (``|V|^2``, ``U @ Vh``), with well-separated spectra.
"""

import inspect

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.test_util import check_grads

la = np.linalg
MODES = ["fwd", "rev"]
NP2 = int(onp.__version__.split(".")[0]) >= 2


# ----------------------------------------------------------------- inputs

def rand(shape, dtype="float64", seed=0):
    rng = onp.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if onp.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def wellcond(shape, dtype="float64", seed=0):
    """A random square matrix (stack) kept away from singular: x + n I."""
    n = shape[-1]
    return (rand(shape, dtype, seed) + n * onp.eye(n)).astype(dtype)


def spd(shape, dtype="float64", seed=0):
    """Hermitian positive definite with a well-separated spectrum."""
    x = rand(shape, dtype, seed)
    n = shape[-1]
    a = x @ onp.conj(onp.swapaxes(x, -1, -2)) + onp.diag(onp.arange(1.0, n + 1) * n)
    return a.astype(dtype)


def real_spectrum(shape, seed=0):
    """A non-symmetric matrix with distinct real eigenvalues: P diag(d) P^-1."""
    n = shape[-1]
    p = wellcond(shape, seed=seed)
    d = onp.arange(1.0, n + 1) * 1.5
    return p @ (d[:, None] * onp.linalg.inv(p))


def absq(x):
    return np.real(x * np.conj(x))


# ----------------------------------------------------------------- gauge-invariant views

def eigh_view(uplo="L"):
    def f(a):
        w, v = la.eigh(a, UPLO=uplo)
        return w, absq(v)
    return f


def eig_view(a):
    w, v = la.eig(a)
    return w, absq(v)


def svd_view(a):
    u, s, vh = la.svd(a, full_matrices=False)
    return s, absq(u), absq(vh), u @ vh


# ----------------------------------------------------------------- table

# fmt: off
# (id, tested name, function, inputs, argnums, order)
ROWS = [
    ("det",            "det",      la.det,                        [wellcond((3, 3))],                  [0], 2),
    ("det-batch",      "det",      la.det,                        [wellcond((2, 3, 3))],               [0], 2),
    ("det-c128",       "det",      la.det,                        [wellcond((3, 3), "complex128")],    [0], 2),
    ("det-f32",        "det",      la.det,                        [wellcond((2, 3, 3), "float32")],    [0], 2),
    ("slogdet",        "slogdet",  lambda a: la.slogdet(a)[1],    [wellcond((3, 3))],                  [0], 2),
    ("slogdet-batch",  "slogdet",  lambda a: la.slogdet(a)[1],    [wellcond((2, 3, 3))],               [0], 2),
    ("slogdet-c128",   "slogdet",  lambda a: la.slogdet(a)[1],    [wellcond((3, 3), "complex128")],    [0], 2),
    ("slogdet-neg",    "slogdet",  lambda a: la.slogdet(a)[1],    [-wellcond((3, 3))],                 [0], 2),
    ("inv",            "inv",      la.inv,                        [wellcond((3, 3))],                  [0], 2),
    ("inv-batch",      "inv",      la.inv,                        [wellcond((2, 3, 3))],               [0], 2),
    ("inv-c128",       "inv",      la.inv,                        [wellcond((3, 3), "complex128")],    [0], 2),
    ("inv-f32",        "inv",      la.inv,                        [wellcond((3, 3), "float32")],       [0], 2),
    ("solve-vec",      "solve",    la.solve,                      [wellcond((3, 3)), rand(3, seed=1)], [0, 1], 2),
    ("solve-mat",      "solve",    la.solve,                      [wellcond((3, 3)), rand((3, 2), seed=1)], [0, 1], 2),
    ("solve-batch",    "solve",    la.solve,                      [wellcond((2, 3, 3)), rand((2, 3, 2), seed=1)], [0, 1], 2),
    ("solve-bcast",    "solve",    la.solve,                      [wellcond((3, 3)), rand((2, 3, 2), seed=1)], [0, 1], 2),
    ("solve-c128",     "solve",    la.solve,                      [wellcond((3, 3), "complex128"), rand((3, 2), "complex128", 1)], [0, 1], 2),
    ("pinv-tall",      "pinv",     la.pinv,                       [rand((4, 3))],                      [0], 2),
    ("pinv-wide",      "pinv",     la.pinv,                       [rand((3, 4))],                      [0], 2),
    ("pinv-batch",     "pinv",     la.pinv,                       [rand((2, 4, 3))],                   [0], 2),
    ("pinv-c128",      "pinv",     la.pinv,                       [rand((3, 2), "complex128")],        [0], 2),
    ("pinv-herm",      "pinv",     lambda a: la.pinv(a, hermitian=True), [spd((3, 3))],                [0], 2),
    ("eigh-L",         "eigh",     eigh_view("L"),                [spd((3, 3))],                       [0], 2),
    ("eigh-U",         "eigh",     eigh_view("U"),                [spd((3, 3))],                       [0], 2),
    ("eigh-nonsym",    "eigh",     eigh_view("L"),                [rand((3, 3)) + onp.diag([0., 3, 6])], [0], 2),
    ("eigh-batch",     "eigh",     eigh_view("U"),                [spd((2, 3, 3))],                    [0], 2),
    ("eigh-c128",      "eigh",     eigh_view("L"),                [spd((3, 3), "complex128")],         [0], 2),
    ("eigh-c128-U",    "eigh",     eigh_view("U"),                [spd((3, 3), "complex128") + 0.3j * onp.eye(3)], [0], 2),
    ("eigh-f32",       "eigh",     eigh_view("L"),                [spd((3, 3), "float32")],            [0], 2),
    ("eigvalsh",       "eigvalsh", la.eigvalsh,                   [spd((3, 3))],                       [0], 2),
    ("eigvalsh-U-b",   "eigvalsh", lambda a: la.eigvalsh(a, "U"), [spd((2, 3, 3))],                    [0], 2),
    ("eigvalsh-c128",  "eigvalsh", la.eigvalsh,                   [spd((3, 3), "complex128")],         [0], 2),
    ("eig-real",       "eig",      eig_view,                      [real_spectrum((3, 3))],             [0], 2),
    ("eig-cplxspec",   "eig",      eig_view,                      [rand((3, 3), seed=3)],              [0], 2),
    ("eig-c128",       "eig",      eig_view,                      [rand((3, 3), "complex128")],        [0], 2),
    ("eig-batch",      "eig",      eig_view,                      [onp.stack([real_spectrum((3, 3)), real_spectrum((3, 3), 1)])], [0], 2),
    ("eigvals",        "eigvals",  la.eigvals,                    [real_spectrum((3, 3))],             [0], 2),
    ("eigvals-c128",   "eigvals",  la.eigvals,                    [rand((3, 3), "complex128")],        [0], 2),
    ("cholesky",       "cholesky", la.cholesky,                   [spd((3, 3))],                       [0], 2),
    ("cholesky-batch", "cholesky", la.cholesky,                   [spd((2, 3, 3))],                    [0], 2),
    ("cholesky-c128",  "cholesky", la.cholesky,                   [spd((3, 3), "complex128")],         [0], 2),
    ("cholesky-f32",   "cholesky", la.cholesky,                   [spd((3, 3), "float32")],            [0], 2),
    ("svd-square",     "svd",      svd_view,                      [rand((3, 3))],                      [0], 2),
    ("svd-tall",       "svd",      svd_view,                      [rand((4, 3))],                      [0], 2),
    ("svd-wide",       "svd",      svd_view,                      [rand((2, 4))],                      [0], 2),
    ("svd-batch",      "svd",      svd_view,                      [rand((2, 4, 3))],                   [0], 2),
    ("svd-c128",       "svd",      svd_view,                      [rand((4, 3), "complex128")],        [0], 2),
    ("svd-c128-wide",  "svd",      svd_view,                      [rand((2, 3), "complex128")],        [0], 2),
    ("svd-s",          "svd",      lambda a: la.svd(a, compute_uv=False), [rand((4, 3))],              [0], 2),
    ("svd-s-c128",     "svd",      lambda a: la.svd(a, compute_uv=False), [rand((2, 3, 2), "complex128")], [0], 2),
    ("svd-herm",       "svd",      lambda a: la.svd(a, hermitian=True)[1], [spd((3, 3))],              [0], 2),
    ("qr-square",      "qr",       la.qr,                         [rand((3, 3))],                      [0], 2),
    ("qr-tall",        "qr",       la.qr,                         [rand((4, 3))],                      [0], 2),
    ("qr-wide",        "qr",       la.qr,                         [rand((3, 4))],                      [0], 2),
    ("qr-batch",       "qr",       la.qr,                         [rand((2, 4, 3))],                   [0], 2),
    ("qr-c128",        "qr",       la.qr,                         [rand((4, 3), "complex128")],        [0], 2),
    ("qr-c128-wide",   "qr",       la.qr,                         [rand((2, 3), "complex128")],        [0], 2),
    ("qr-r",           "qr",       lambda a: la.qr(a, mode="r"),  [rand((4, 3))],                      [0], 2),
    ("lstsq-x",        "lstsq",    lambda a, b: la.lstsq(a, b)[0], [rand((4, 3)), rand(4, seed=1)],    [0, 1], 2),
    ("lstsq-res",      "lstsq",    lambda a, b: la.lstsq(a, b)[1], [rand((4, 3)), rand((4, 2), seed=1)], [0, 1], 2),
    ("lstsq-s",        "lstsq",    lambda a, b: la.lstsq(a, b)[3], [rand((4, 3)), rand(4, seed=1)],    [0], 2),
    ("matrix_power-3", "matrix_power", lambda a: la.matrix_power(a, 3),  [rand((3, 3))],               [0], 2),
    ("matrix_power-0", "matrix_power", lambda a: la.matrix_power(a, 0),  [rand((2, 3, 3))],            [0], 2),
    ("matrix_power--2", "matrix_power", lambda a: la.matrix_power(a, -2), [wellcond((3, 3), "complex128")], [0], 2),
    ("multi_dot",      "multi_dot", lambda a, b, c: la.multi_dot([a, b, c]), [rand((2, 3)), rand((3, 4), seed=1), rand((4, 2), seed=2)], [0, 1, 2], 2),
    ("multi_dot-vec",  "multi_dot", lambda a, b, c: la.multi_dot([a, b, c]), [rand(3), rand((3, 4), seed=1), rand(4, seed=2)], [0, 1, 2], 2),
    ("tensorsolve",    "tensorsolve", la.tensorsolve,             [wellcond((6, 6)).reshape(2, 3, 6), rand((2, 3), seed=1)], [0, 1], 2),
    ("tensorinv",      "tensorinv", lambda a: la.tensorinv(a, ind=1), [wellcond((4, 4)).reshape(4, 2, 2)], [0], 2),
    ("cond",           "cond",     la.cond,                       [rand((3, 3))],                      [0], 2),
    ("cond-fro",       "cond",     lambda a: la.cond(a, "fro"),   [wellcond((2, 3, 3))],               [0], 2),
    ("cond-1",         "cond",     lambda a: la.cond(a, 1),       [wellcond((3, 3))],                  [0], 2),
    ("svdvals",        "svdvals",  la.svdvals,                    [rand((2, 4, 3))],                   [0], 2),
    ("vector_norm",    "vector_norm", la.vector_norm,             [rand((2, 3))],                      [0], 2),
    ("vector_norm-ax", "vector_norm", lambda x: la.vector_norm(x, axis=(0, 2), keepdims=True, ord=3), [rand((2, 3, 2))], [0], 2),
    ("vector_norm-inf", "vector_norm", lambda x: la.vector_norm(x, axis=-1, ord=onp.inf), [rand((2, 3), "complex128")], [0], 2),
    ("matrix_norm",    "matrix_norm", la.matrix_norm,             [rand((2, 3, 4))],                   [0], 2),
    ("matrix_norm-nuc", "matrix_norm", lambda x: la.matrix_norm(x, ord="nuc", keepdims=True), [rand((2, 3, 4))], [0], 2),
    ("matrix_norm-1",  "matrix_norm", lambda x: la.matrix_norm(x, ord=1), [rand((3, 4))],              [0], 2),
    ("matmul",         "matmul",   la.matmul,                     [rand((2, 3, 4)), rand((4, 2), seed=1)], [0, 1], 2),
    ("outer",          "outer",    la.outer,                      [rand(3), rand(2, seed=1)],          [0, 1], 2),
    ("cross",          "cross",    la.cross,                      [rand((2, 3)), rand(3, seed=1)],     [0, 1], 2),
    ("cross-axis",     "cross",    lambda a, b: la.cross(a, b, axis=0), [rand((3, 2), "complex128"), rand((3, 2), seed=1)], [0, 1], 2),
    ("trace",          "trace",    la.trace,                      [rand((2, 3, 3))],                   [0], 2),
    ("trace-offset",   "trace",    lambda x: la.trace(x, offset=1), [rand((3, 4))],                    [0], 2),
    ("diagonal",       "diagonal", la.diagonal,                   [rand((2, 3, 4))],                   [0], 2),
    ("diagonal-off",   "diagonal", lambda x: la.diagonal(x, offset=-1), [rand((4, 3), "complex128")], [0], 2),
    ("vecdot",         "vecdot",   la.vecdot,                     [rand((2, 3), "complex128"), rand(3, "complex128", 1)], [0, 1], 2),
    ("matrix_transpose", "matrix_transpose", la.matrix_transpose, [rand((2, 3, 4))],                   [0], 2),
    ("tensordot",      "tensordot", lambda a, b: la.tensordot(a, b, axes=1), [rand((2, 3)), rand((3, 2), seed=1)], [0, 1], 2),
]
# fmt: on

# norm: (id, args as ord/axis/keepdims, input)
# fmt: off
NORM_ROWS = [
    ("vec",            {},                                  rand(4)),
    ("vec-c128",       {},                                  rand(4, "complex128")),
    ("vec-f32",        {"axis": -1},                        rand((2, 4), "float32")),
    ("all-3d",         {},                                  rand((2, 3, 2))),
    ("fro",            {"ord": "fro"},                      rand((3, 4))),
    ("vec-1",          {"ord": 1},                          rand(4)),
    ("vec-inf",        {"ord": onp.inf},                    rand(4)),
    ("vec--inf",       {"ord": -onp.inf},                   rand(4, "complex128")),
    ("vec-3",          {"ord": 3},                          rand(4)),
    ("vec-0.5",        {"ord": 0.5},                        rand(4)),
    ("vec--2",         {"ord": -2},                         rand(4)),
    ("vec-axis",       {"axis": 1},                         rand((2, 3))),
    ("vec-axis-keep",  {"ord": 3, "axis": 0, "keepdims": True}, rand((3, 2), "complex128")),
    ("mat-nuc",        {"ord": "nuc"},                      rand((3, 4))),
    ("mat-2",          {"ord": 2},                          rand((4, 3))),
    ("mat--2",         {"ord": -2},                         rand((3, 3))),
    ("mat-1",          {"ord": 1},                          rand((3, 4))),
    ("mat--1",         {"ord": -1},                         rand((3, 4), "complex128")),
    ("mat-inf",        {"ord": onp.inf},                    rand((3, 4))),
    ("mat--inf",       {"ord": -onp.inf},                   rand((3, 4))),
    ("mat-axes",       {"ord": "fro", "axis": (0, 2)},      rand((2, 3, 4))),
    ("mat-axes-nuc",   {"ord": "nuc", "axis": (2, 0), "keepdims": True}, rand((2, 3, 3), "complex128")),
    ("mat-axes-2",     {"ord": 2, "axis": (-1, -2)},        rand((2, 3, 4))),
    ("mat-axes-inf",   {"ord": onp.inf, "axis": (0, 1), "keepdims": True}, rand((3, 4, 2))),
]
# fmt: on

NEEDS_NP2 = {"svdvals", "vector_norm", "matrix_norm", "matmul", "outer", "cross", "trace",
             "diagonal", "vecdot", "matrix_transpose", "tensordot"}

TESTED = {f"autograd.numpy.linalg.{row[1]}" for row in ROWS} | {"autograd.numpy.linalg.norm"}


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_linalg(row):
    _, name, fun, args, argnums, order = row
    if name in NEEDS_NP2 and not hasattr(onp.linalg, name):
        # NumPy 1.26 has no such function: autograd.numpy.linalg provides it as a
        # composition of differentiable functions, tested here all the same.
        assert getattr(la, name) is not None
    check_grads(fun, argnum=argnums, modes=MODES, order=order)(*args)


@pytest.mark.parametrize("row", NORM_ROWS, ids=[r[0] for r in NORM_ROWS])
def test_norm(row):
    _, kwargs, x = row
    # (float32 rows give array outputs: on NumPy 1.26 a float32 *scalar* output
    # turns into float64 in check_grads' finite differences.)
    check_grads(lambda x: la.norm(x, **kwargs), modes=MODES, order=2)(x)


@pytest.mark.parametrize("kwargs", [{}, {"ord": 1}, {"ord": onp.inf}, {"ord": 3},
                                    {"ord": "fro"}, {"ord": "nuc"}, {"ord": 2}],
                         ids=str)
def test_norm_at_zero_is_a_subgradient(kwargs):
    x = onp.zeros((3,) if kwargs.get("ord") not in ("fro", "nuc", 2) else (2, 2))
    if kwargs.get("ord") == 2:
        x = onp.zeros(3)
    g = grad(lambda x: la.norm(x, **kwargs))(x)
    assert onp.all(onp.isfinite(g)) and onp.all(g == 0)
    _, t = make_jvp(lambda x: la.norm(x, **kwargs))(x)(onp.ones_like(x))
    assert onp.isfinite(t)


def test_vector_norm_at_zero():
    g = grad(lambda x: np.sum(la.vector_norm(x, axis=-1)))(onp.zeros((2, 3)))
    assert onp.all(g == 0)


def test_gradient_keeps_dtype():
    a = wellcond((3, 3), "float32")
    assert grad(lambda a: la.det(a))(a).dtype == onp.float32
    assert grad(lambda a: np.sum(la.inv(a)))(a).dtype == onp.float32


def test_eigh_reads_one_triangle():
    a = spd((3, 3))
    gl = grad(lambda a: np.sum(la.eigvalsh(a) ** 2))(a)
    gu = grad(lambda a: np.sum(la.eigvalsh(a, "U") ** 2))(a)
    assert onp.allclose(onp.triu(gl, 1), 0) and onp.allclose(onp.tril(gu, -1), 0)
    # d trace(S^2) = 2 S: an off-diagonal entry that was read stands for two of S's
    assert onp.allclose(gl, onp.tril(4 * a, -1) + onp.diag(onp.diag(2 * a)))
    assert onp.allclose(gu, gl.T)


def test_cholesky_upper():
    if "upper" not in inspect.signature(onp.linalg.cholesky).parameters:
        pytest.skip("numpy.linalg.cholesky has no upper= before NumPy 2")
    check_grads(lambda a: la.cholesky(a, upper=True), modes=MODES, order=2)(spd((2, 3, 3)))


def test_svd_full_matrices_rectangular_is_refused():
    with pytest.raises(NotImplementedError, match="full_matrices=False"):
        grad(lambda a: np.sum(la.svd(a)[1]))(rand((4, 3)))


def test_matrix_rank_is_constant():
    assert grad(lambda a: la.matrix_rank(a) * np.sum(a))(rand((3, 3))).shape == (3, 3)


def test_lstsq_rank_is_a_constant():
    ranks = []

    def f(a):
        x, res, rank, s = la.lstsq(a, rand(4))
        ranks.append(rank)
        return np.sum(x)
    grad(f)(rand((4, 3)))
    assert int(ranks[0]) == 3 and not hasattr(ranks[0], "_trace")
