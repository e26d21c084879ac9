"""Selection, rearrangement and masking functions: both modes, order 2."""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad, make_jvp
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
F64, F32, C128 = "float64", "float32", "complex128"
ALL = (F64, F32, C128)
REAL = (F64, F32)

BOOL_ROWS = onp.array([True, False, True])
CHOICE = onp.array([[0, 2, 1, 2], [1, 0, 0, 2], [2, 2, 1, 0]])
COND = [onp.array([[True, False, False, True]] * 3), onp.array([[False, True, False, True]] * 3)]
WITH_NANS = onp.array([[onp.nan, 0, 0, onp.inf], [0, -onp.inf, 0, 0], [0, 0, onp.nan, 0]])

# fmt: off
# (id, autograd.numpy name, function of a (3, 4) array x, dtypes)
CASES = [
    ("take",             "take",            lambda x: np.take(x, [0, 5, 5, -1]),                     ALL),
    ("take-axis",        "take",            lambda x: np.take(x, [[0, 3], [3, 3]], axis=1),           ALL),
    ("take-wrap",        "take",            lambda x: np.take(x, [1, 4, -5], axis=0, mode="wrap"),   REAL),
    ("take-clip",        "take",            lambda x: np.take(x, [-2, 1, 7], axis=1, mode="clip"),   REAL),
    ("take-scalar",      "take",            lambda x: np.take(x, 2, axis=0),                          REAL),
    ("take-method",      "take",            lambda x: x.take([1, 1], axis=1),                         REAL),
    ("take_along_axis",  "take_along_axis", lambda x: np.take_along_axis(x, CHOICE, axis=1),          ALL),
    ("take_along_axis-0", "take_along_axis", lambda x: np.take_along_axis(x, CHOICE[:2, :1], axis=0), REAL),
    ("take_along_axis-None", "take_along_axis", lambda x: np.take_along_axis(x, onp.array([11, 0, 0]), axis=None), REAL),
    ("compress",         "compress",        lambda x: np.compress(BOOL_ROWS, x, axis=0),              ALL),
    ("compress-short",   "compress",        lambda x: np.compress([False, True], x, axis=1),          REAL),
    ("compress-None",    "compress",        lambda x: np.compress([True, False, True, True], x),      REAL),
    ("extract",          "extract",         lambda x: np.extract(CHOICE == 2, x),                     ALL),
    ("choose",           "choose",          lambda x: np.choose(CHOICE, x[:, None] * onp.ones((3, 4))), ALL),
    ("choose-broadcast", "choose",          lambda x: np.choose(CHOICE, x[:, :1, None]),              REAL),
    ("choose-wrap",      "choose",          lambda x: np.choose(CHOICE + 1, x, mode="wrap"),          REAL),
    ("select",           "select",          lambda x: np.select(COND, np.stack([x, x ** 2]), x[0] * 3), ALL),
    ("select-default",   "select",          lambda x: np.select(COND, onp.ones((2, 3, 4)), x),        REAL),
    ("insert",           "insert",          lambda x: np.insert(x, [1, 1, 3], x[0, :3] ** 2),         ALL),
    ("insert-axis",      "insert",          lambda x: np.insert(x, 1, 5.0 * x[:, 0], axis=1),         ALL),
    ("insert-broadcast", "insert",          lambda x: np.insert(x, [0, 2], x[0, 0], axis=0),          REAL),
    ("insert-const",     "insert",          lambda x: np.insert(x, slice(1, 3), 7.0, axis=1),          REAL),
    ("delete",           "delete",          lambda x: np.delete(x, [0, 2], axis=1),                   ALL),
    ("delete-None",      "delete",          lambda x: np.delete(x, slice(2, 9, 3)),                   REAL),
    ("append",           "append",          lambda x: np.append(x, x[:1] * 2, axis=0),                ALL),
    ("append-None",      "append",          lambda x: np.append(x[0], x),                             REAL),
    ("pad-constant",     "pad",             lambda x: np.pad(x, ((1, 2), (0, 1)), constant_values=3.0), ALL),
    ("pad-edge",         "pad",             lambda x: np.pad(x, 2, mode="edge"),                      ALL),
    ("pad-reflect",      "pad",             lambda x: np.pad(x, ((2, 1), (3, 0)), "reflect"),         ALL),
    ("pad-symmetric",    "pad",             lambda x: np.pad(x, 3, mode="symmetric"),                 REAL),
    ("pad-wrap",         "pad",             lambda x: np.pad(x, ((1, 5), (2, 3)), mode="wrap"),       REAL),
    ("diff",             "diff",            lambda x: np.diff(x),                                     ALL),
    ("diff-n2-axis0",    "diff",            lambda x: np.diff(x, 2, axis=0),                          REAL),
    ("diff-n3",          "diff",            lambda x: np.diff(x, n=3),                                REAL),
    ("diff-constants",   "diff",            lambda x: np.diff(x, axis=0, prepend=1.0, append=onp.ones((1, 4))), REAL),
    ("diff-traced-ends", "diff",            lambda x: np.diff(x, 1, 0, x[:1] * 2.0, x[:2] ** 2),      ALL),
    ("diff-scalar-end",  "diff",            lambda x: np.diff(x, 2, -1, x[0, 0] ** 2),                REAL),
    ("ediff1d",          "ediff1d",         lambda x: np.ediff1d(x),                                  ALL),
    ("ediff1d-ends",     "ediff1d",         lambda x: np.ediff1d(x, x[:, 0], x[0, 0] ** 2),           REAL),
    ("ediff1d-const",    "ediff1d",         lambda x: np.ediff1d(x, to_begin=[1.0, 2.0]),             REAL),
    ("tile",             "tile",            lambda x: np.tile(x, (2, 1, 3)),                          ALL),
    ("tile-int",         "tile",            lambda x: np.tile(x, 2),                                  REAL),
    ("tile-vector",      "tile",            lambda x: np.tile(x[0], (3, 2)),                          REAL),
    ("roll",             "roll",            lambda x: np.roll(x, 5),                                  ALL),
    ("roll-axes",        "roll",            lambda x: np.roll(x, (1, -2), (0, 1)),                    REAL),
    ("rot90",            "rot90",           lambda x: np.rot90(x),                                    ALL),
    ("rot90-k3",         "rot90",           lambda x: np.rot90(x, 3, axes=(1, 0)),                    REAL),
    ("tril",             "tril",            lambda x: np.tril(x),                                     ALL),
    ("tril-k",           "tril",            lambda x: np.tril(x, -1),                                 REAL),
    ("tril-vector",      "tril",            lambda x: np.tril(x[0], 1),                               REAL),
    ("triu",             "triu",            lambda x: np.triu(x, 1),                                  ALL),
    ("triu-batch",       "triu",            lambda x: np.triu(x[:, None] * x[:, :, None]),               REAL),
    ("diag",             "diag",            lambda x: np.diag(x),                                     ALL),
    ("diag-k",           "diag",            lambda x: np.diag(x, 1) + np.diag(x, -2)[0],              REAL),
    ("diag-vector",      "diag",            lambda x: np.diag(x[0], -1),                              ALL),
    ("diagflat",         "diagflat",        lambda x: np.diagflat(x[:2], 1),                          ALL),
    ("diagonal",         "diagonal",        lambda x: np.diagonal(x),                                 ALL),
    ("diagonal-3d",      "diagonal",        lambda x: np.diagonal(x[None] * x[:, None], 1, 2, 0),     REAL),
    ("diagonal-method",  "diagonal",        lambda x: x.diagonal(-1),                                 REAL),
    ("trace",            "trace",           lambda x: np.trace(x),                                    ALL),
    ("trace-offset",     "trace",           lambda x: np.trace(x, 1),                                 REAL),
    ("trace-3d",         "trace",           lambda x: np.trace(x[None] * x[:, None], 0, 0, 2),        REAL),
    ("trace-method",     "trace",           lambda x: x.trace(-1),                                    REAL),
    ("repeat",           "repeat",          lambda x: np.repeat(x, 2, axis=1),                        ALL),
    ("repeat-counts",    "repeat",          lambda x: np.repeat(x, [1, 0, 3], axis=0),                REAL),
    ("repeat-None",      "repeat",          lambda x: np.repeat(x, 3),                                REAL),
    ("repeat-method",    "repeat",          lambda x: x.repeat(2),                                    REAL),
    ("resize",           "resize",          lambda x: np.resize(x, (5, 7)),                           ALL),
    ("resize-smaller",   "resize",          lambda x: np.resize(x, 5),                                REAL),
    ("unwrap",           "unwrap",          lambda x: np.unwrap(5 * x),                               REAL),
    ("unwrap-axis",      "unwrap",          lambda x: np.unwrap(5 * x, axis=0, period=3.0),           REAL),
    ("nan_to_num",       "nan_to_num",      lambda x: np.nan_to_num(x + WITH_NANS, posinf=3.0),       ALL),
    ("real_if_close",    "real_if_close",   lambda x: np.real_if_close(x + 0j) * x,                   REAL),
    ("real_if_close-keeps", "real_if_close", lambda x: np.real_if_close(x + 1j),                      ALL),
    ("modf",             "modf",            lambda x: np.modf(3 * x)[0] * np.modf(3 * x)[1],          REAL),
    ("divmod",           "divmod",          lambda x: np.divmod(x, 0.3 + x[0] ** 2)[1],               REAL),
    ("divmod-both",      "divmod",          lambda x: np.sum(np.divmod(3 * x, 0.7)[1] * x),           REAL),
]
# fmt: on

TESTED = {f"autograd.numpy.{name}" for _, name, _, _ in CASES} | {"autograd.numpy.frexp"}
if hasattr(onp, "round_"):   # NumPy 1.x alias, given a zero-gradient rule
    TESTED.add("autograd.numpy.round_")


def _cases():
    for id_, _, f, dtypes in CASES:
        for dtype in dtypes:
            yield pytest.param(f, dtype, id=f"{id_}-{dtype}")


@pytest.mark.parametrize("f, dtype", list(_cases()))
def test_selection(f, dtype, arg):
    check_grads(f, modes=MODES, order=2)(arg((3, 4), dtype, seed=5))


def test_several_arguments(arg):
    x, y = arg((3, 4)), arg((2, 4), seed=1)
    check_grads(lambda x, y: np.insert(x, [0, 2], y, axis=0), argnum=[0, 1], modes=MODES,
                order=2)(x, y)
    check_grads(lambda x, y: np.append(x, y, axis=0), argnum=[0, 1], modes=MODES, order=2)(x, y)
    check_grads(lambda x, y: np.select(COND, np.stack([x, x * x]), y[0]), argnum=[0, 1],
                modes=MODES, order=2)(x, y)
    check_grads(lambda x, y: np.divmod(x, y[0] ** 2 + 0.5)[1], argnum=[0, 1], modes=MODES,
                order=2)(x, y)


def test_scatter_adds_repeated_reads():
    x = onp.arange(4.0)
    assert onp.array_equal(grad(lambda x: np.sum(np.take(x, [0, 0, 3, 0])))(x), [3, 0, 0, 1])
    assert onp.array_equal(grad(lambda x: np.sum(np.pad(x, 2, mode="wrap")))(x), [2, 2, 2, 2])
    assert onp.array_equal(grad(lambda x: np.sum(np.resize(x, 10)))(x), [3, 3, 2, 2])


def test_gradient_dtype_follows_input():
    x = onp.linspace(0.1, 1.0, 12).reshape(3, 4).astype(onp.float32)
    for f in (lambda x: np.take(x, [1, 1]), lambda x: np.pad(x, 1, "reflect"),
              lambda x: np.insert(x, 1, 2.0), np.trace, lambda x: np.repeat(x, [1, 2, 0], 0)):
        assert grad(lambda x, f=f: np.sum(f(x)))(x).dtype == onp.float32


def test_frexp_mantissa_forward(arg):
    # reverse mode needs a tuple cotangent with an integer leaf (see the report)
    x = arg((3, 4))
    m, e = onp.frexp(x)
    _, t = make_jvp(lambda x: np.frexp(x)[0])(x)(onp.ones_like(x))
    assert onp.allclose(t, onp.ldexp(1.0, -e))


@pytest.mark.parametrize("mode", ["mean", "linear_ramp", "maximum"])
def test_pad_unsupported_modes_say_so(mode, arg):
    with pytest.raises(NotImplementedError, match=mode):
        grad(lambda x: np.sum(np.pad(x, 1, mode=mode)))(arg((3,)))


@pytest.mark.filterwarnings("ignore:.*round_.*:DeprecationWarning")
@pytest.mark.parametrize("name", ["round", "around"] + (["round_"] if hasattr(onp, "round_") else []))
def test_rounding_has_zero_gradient(name, arg):
    f = getattr(np, name)
    x = arg((4,))
    assert onp.array_equal(grad(lambda x: np.sum(f(x, 1) * x))(x), onp.round(x, 1))


@pytest.mark.parametrize("name, call", [
    ("put_along_axis", lambda y, x: np.put_along_axis(y, onp.array([0, 2]), x[:2], 0)),
    ("put", lambda y, x: np.put(y, [0, 2], x[:2])),
    ("copyto", lambda y, x: np.copyto(y, x)),
    ("place", lambda y, x: onp.place(x, x > 0, 1.0)),
])
def test_in_place_writers_refuse_traced_values(name, call, arg):
    def f(x):
        call(onp.zeros(3), x)
        return np.sum(x)
    with pytest.raises(TypeError, match=f"{name} writes into an array in place"):
        grad(f)(arg((3,)))
