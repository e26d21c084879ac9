"""``autograd.vmap`` on NumPy code, and the jacobians and hessians built on it.

* the batching rule table: for every row, ``vmap(f)`` equals stacking ``f``
  over the examples, and the primitive the row is about was batched by its
  rule, not by the loop (``autograd.batching.loop_counts``);
* per-example gradients (``vmap(grad(f))``) and ``grad(vmap(f))`` against loops;
* ``in_axes``/``out_axes`` conventions (ints, negative, ``None``, per-argument,
  nested containers) against explicit loops;
* composition with ``make_jvp``, ``jacobian`` and nested ``vmap``;
* ``jacobian``/``jacfwd``/``hessian``/``make_hvp`` in one batched pass against
  the one-pass-per-row loop and finite differences, with ``chunk_size``;
* functions the batch cannot follow (Python control flow on a batched value)
  raise ``BatchingError`` inside ``vmap`` and fall back to the loop in
  ``jacobian``/``hessian``.
"""

import numpy as onp
import numpy.fft  # noqa: F401
import numpy.linalg  # noqa: F401
import pytest

import autograd.numpy as np
from autograd import batching, grad, hessian, jacfwd, jacobian, make_hvp, make_jvp, vmap
from autograd.differential_operators import _hessian_loop, _jacobian_loop
from autograd.extend import BatchingError
from autograd.rules import active, raw_of

R = onp.random.RandomState(0)
B = 3


def _pos(*shape):
    return R.uniform(0.5, 1.5, size=shape)


def _any(*shape):
    return R.randn(*shape)


def _spd(n):
    a = R.randn(B, n, n)
    return a @ onp.swapaxes(a, -1, -2) + n * onp.eye(n)


M34 = R.randn(3, 4)

# (label, names of the functions under test, f, batched args, in_axes)
ROWS = [
    # elementwise: unary, binary with batched and unbatched operands, broadcasting
    ("sin", ["sin"], np.sin, (_any(B, 4),), 0),
    ("tanh", ["tanh"], np.tanh, (_any(B, 2, 3),), 0),
    ("exp", ["exp"], np.exp, (_any(B, 4),), 0),
    ("log", ["log"], np.log, (_pos(B, 4),), 0),
    ("sqrt", ["sqrt"], np.sqrt, (_pos(B, 4),), 0),
    ("abs", ["abs"], np.abs, (_any(B, 4),), 0),
    ("negative", ["negative"], np.negative, (_any(B, 4),), 0),
    ("add-both", ["add"], np.add, (_any(B, 4), _any(B, 4)), 0),
    ("subtract-unbatched", ["subtract"], np.subtract, (_any(B, 4), _any(4)), (0, None)),
    ("multiply-scalar-examples", ["multiply"], np.multiply, (_any(B), _any(3, 4)), (0, None)),
    ("multiply-broadcast", ["multiply"], np.multiply, (_any(B, 3, 1), _any(B, 4)), 0),
    ("divide", ["divide"], np.divide, (_any(B, 4), _pos(B, 4)), 0),
    ("power", ["power"], np.power, (_pos(B, 4), _any(B, 4)), 0),
    ("maximum", ["maximum"], np.maximum, (_any(B, 4), _any(4)), (0, None)),
    ("logaddexp", ["logaddexp"], np.logaddexp, (_any(B, 4), _any(B, 1)), 0),
    ("arctan2", ["arctan2"], np.arctan2, (_any(2, 3), _any(B, 3)), (None, 0)),
    ("greater", ["greater"], lambda x: np.where(x > 0.1, x, -x), (_any(B, 4),), 0),
    ("where", ["where"], np.where, (_any(B, 4) > 0, _any(B, 4), _any(4)), (0, 0, None)),
    ("clip", ["clip"], lambda x: np.clip(x, -0.5, 0.5), (_any(B, 4),), 0),
    ("real", ["real"], lambda x: np.real(x * 1.0), (_any(B, 4),), 0),
    # reductions: axis remapping, keepdims, axis=None, negative axes
    ("sum", ["sum"], np.sum, (_any(B, 3, 4),), 0),
    ("sum-axis", ["sum"], lambda x: np.sum(x, axis=-1, keepdims=True), (_any(B, 3, 4),), 0),
    ("sum-tuple", ["sum"], lambda x: np.sum(x, axis=(0, 1)), (_any(B, 3, 4, 2),), 0),
    ("mean", ["mean"], lambda x: np.mean(x, 0), (_any(B, 3, 4),), 0),
    ("prod", ["prod"], lambda x: np.prod(x, axis=1), (_pos(B, 3, 4),), 0),
    ("max", ["max"], np.max, (_any(B, 5),), 0),
    ("min", ["min"], lambda x: np.min(x, axis=0), (_any(B, 3, 4),), 0),
    ("var", ["var"], lambda x: np.var(x, axis=1, ddof=1), (_any(B, 3, 4),), 0),
    ("std", ["std"], np.std, (_any(B, 3, 4),), 0),
    ("cumsum", ["cumsum"], np.cumsum, (_any(B, 3, 4),), 0),
    ("cumsum-axis", ["cumsum"], lambda x: np.cumsum(x, axis=1), (_any(B, 3, 4),), 0),
    ("argmax", ["argmax"], lambda x: np.argmax(x), (_any(B, 3, 4),), 0),
    ("sort", ["sort"], np.sort, (_any(B, 5),), 0),
    ("sort-axis", ["sort"], lambda x: np.sort(x, axis=0), (_any(B, 5, 2),), 0),
    ("argsort", ["argsort"], np.argsort, (_any(B, 5),), 0),
    # shape functions
    ("reshape", ["reshape"], lambda x: np.reshape(x, (2, -1)), (_any(B, 3, 4),), 0),
    ("method-reshape", ["reshape"], lambda x: x.reshape(12), (_any(B, 3, 4),), 0),
    ("ravel", ["ravel"], np.ravel, (_any(B, 3, 4),), 0),
    ("transpose", ["transpose"], np.transpose, (_any(B, 2, 3, 4),), 0),
    ("transpose-axes", ["transpose"], lambda x: np.transpose(x, (1, 0, 2)), (_any(B, 2, 3, 4),), 0),
    ("T", ["transpose"], lambda x: x.T, (_any(B, 3, 4),), 0),
    ("swapaxes", ["swapaxes"], lambda x: np.swapaxes(x, 0, -1), (_any(B, 2, 3, 4),), 0),
    ("moveaxis", ["moveaxis"], lambda x: np.moveaxis(x, 0, -1), (_any(B, 2, 3, 4),), 0),
    ("expand_dims", ["expand_dims"], lambda x: np.expand_dims(x, -1), (_any(B, 3),), 0),
    ("squeeze", ["squeeze"], np.squeeze, (_any(B, 1, 3, 1),), 0),
    ("squeeze-axis", ["squeeze"], lambda x: np.squeeze(x, axis=-1), (_any(B, 1, 3, 1),), 0),
    ("broadcast_to", ["broadcast_to"], lambda x: np.broadcast_to(x, (2, 3)), (_any(B, 3),), 0),
    ("concatenate", ["concatenate_args"], lambda x, y: np.concatenate([x, y], axis=-1),
     (_any(B, 2, 3), _any(2, 2)), (0, None)),
    ("stack", ["stack_args"], lambda x, y: np.stack([x, y], axis=1), (_any(B, 2, 3), _any(B, 2, 3)), 0),
    ("flip", ["flip"], lambda x: np.flip(x, 0), (_any(B, 3, 2),), 0),
    ("tile", ["tile"], lambda x: np.tile(x, (2, 1)), (_any(B, 3),), 0),
    ("diagonal", ["diagonal"], np.diagonal, (_any(B, 3, 3),), 0),
    ("astype", ["autograd_numpy.wrappers.creation:astype_prim"], lambda x: x.astype(onp.float32), (_any(B, 3),), 0),
    ("zeros_like", ["zeros_like"], lambda x: np.zeros_like(x) + x, (_any(B, 3),), 0),
    ("ones_like", ["ones_like"], lambda x: np.ones_like(x) * x, (_any(B, 3),), 0),
    ("shape", ["shape"], lambda x: x * np.shape(x)[0], (_any(B, 3),), 0),
    ("ndim", ["ndim"], lambda x: x * np.ndim(x), (_any(B, 3),), 0),
    # indexing: batched array, batched index
    ("getitem-basic", ["getitem"], lambda x: x[1:, ::-1], (_any(B, 3, 4),), 0),
    ("getitem-int", ["getitem"], lambda x: x[1] + x[-1], (_any(B, 3, 4),), 0),
    ("getitem-newaxis", ["getitem"], lambda x: x[None, ..., 0], (_any(B, 3, 4),), 0),
    ("getitem-array", ["getitem"], lambda x: x[onp.array([0, 2, 2])], (_any(B, 3, 4),), 0),
    ("take-batched-index", ["take"], lambda table, i: np.take(table, i, axis=1),
     (_any(2, 5), onp.array([[4, 1], [0, 0], [2, 3]])), (None, 0)),
    ("take", ["take"], lambda x: np.take(x, [0, 2], axis=1), (_any(B, 3, 4),), 0),
    ("take_along_axis", ["take_along_axis"],
     lambda x, i: np.take_along_axis(x, i, axis=0), (_any(B, 4), onp.array([[1, 0, 3]] * B)), 0),
    # products
    ("matmul-mv", ["matmul"], lambda x: M34 @ x, (_any(B, 4),), 0),
    ("matmul-vm", ["matmul"], lambda x: x @ M34, (_any(B, 3),), 0),
    ("matmul-mm", ["matmul"], np.matmul, (_any(B, 2, 3), _any(B, 3, 4)), 0),
    ("matmul-vv", ["matmul"], np.matmul, (_any(B, 3), _any(B, 3)), 0),
    ("matmul-mixed", ["matmul"], np.matmul, (_any(2, 2, 3), _any(B, 3, 4)), (None, 0)),
    ("dot", ["dot"], np.dot, (_any(B, 3), _any(3, 4)), (0, None)),
    ("dot-vv", ["dot"], np.dot, (_any(B, 3), _any(B, 3)), 0),
    ("dot-scalar", ["dot"], np.dot, (_any(B), _any(3)), (0, None)),
    ("tensordot", ["tensordot"], lambda a, b: np.tensordot(a, b, axes=([1], [0])),
     (_any(B, 2, 3), _any(3, 4)), (0, None)),
    ("tensordot-int", ["tensordot"], lambda a, b: np.tensordot(a, b, 2),
     (_any(2, 3, 4), _any(B, 3, 4)), (None, 0)),
    ("einsum", ["einsum"], lambda a, b: np.einsum("ij,jk->ik", a, b), (_any(B, 2, 3), _any(3, 4)),
     (0, None)),
    ("einsum-implicit", ["einsum"], lambda a, b: np.einsum("ij,j", a, b),
     (_any(B, 2, 3), _any(B, 3)), 0),
    ("inner", ["inner"], np.inner, (_any(B, 3), _any(2, 3)), (0, None)),
    ("outer", ["outer"], np.outer, (_any(B, 3), _any(B, 2)), 0),
    # linalg and fft on stacked matrices
    ("inv", ["linalg.inv"], np.linalg.inv, (_spd(3),), 0),
    ("det", ["linalg.det"], np.linalg.det, (_spd(3),), 0),
    ("slogdet", ["linalg.slogdet"], lambda a: np.linalg.slogdet(a)[1], (_spd(3),), 0),
    ("cholesky", ["linalg.cholesky"], np.linalg.cholesky, (_spd(3),), 0),
    ("eigh", ["linalg.eigh"], lambda a: np.linalg.eigh(a)[0], (_spd(3),), 0),
    ("solve", ["linalg.solve"], np.linalg.solve, (_spd(3), _any(B, 3)), 0),
    ("solve-unbatched-a", ["linalg.solve"], np.linalg.solve, (_spd(3)[0], _any(B, 3)), (None, 0)),
    ("norm", ["linalg.norm"], np.linalg.norm, (_any(B, 3, 4),), 0),
    ("norm-axis", ["linalg.norm"], lambda x: np.linalg.norm(x, axis=-1), (_any(B, 3, 4),), 0),
    ("fft", ["fft.fft"], lambda x: np.real(np.fft.fft(x)), (_any(B, 4, 6),), 0),
    ("rfft-axis", ["fft.rfft"], lambda x: np.abs(np.fft.rfft(x, axis=0)), (_any(B, 4, 6),), 0),
    ("fftn", ["fft.fftn"], lambda x: np.real(np.fft.fftn(x)), (_any(B, 4, 6),), 0),
    ("fft2", ["fft.fft2"], lambda x: np.imag(np.fft.fft2(x)), (_any(B, 4, 6),), 0),
]

TESTED = {name for row in ROWS for name in row[1]} | {
    # the adjoint of take_along_axis with per-example indices (its gradient test below)
    "autograd_numpy.rules.selection:untake_along_axis"}


def _loop(f, args, in_axes):
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    outs = []
    for i in range(B):
        outs.append(f(*[a if ax is None else onp.take(a, i, axis=ax) for a, ax in zip(args, axes)]))
    return onp.stack([onp.asarray(o) for o in outs])


def _resolve(name):
    if ":" in name:
        import importlib
        module, attr = name.split(":")
        obj = getattr(importlib.import_module(module), attr)
    else:
        obj = np
        for part in name.split("."):
            obj = getattr(obj, part)
    return {raw_of(obj), raw_of(getattr(obj, "__wrapped__", obj))}


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_batching_rule_matches_the_loop(row):
    label, names, f, args, in_axes = row
    batching.loop_counts.clear()
    out = vmap(f, in_axes)(*args)
    assert onp.allclose(out, _loop(f, args, in_axes), atol=1e-10)
    looped = {raw for raw in batching.loop_counts}
    for name in names:
        raws = _resolve(name)
        assert not (raws & looped), f"{name} was batched by the loop, not by its rule"
        assert any(r in active().batches for r in raws), f"{name} has no batching rule"


DIFF_ROWS = [r for r in ROWS if r[0] not in (
    "greater", "argmax", "argsort", "shape", "ndim",
    "take-batched-index", "take_along_axis", "where")]


@pytest.mark.parametrize("row", DIFF_ROWS, ids=[r[0] for r in DIFF_ROWS])
def test_per_example_gradients_match_the_loop(row):
    """``vmap(grad(f))``: the gradient rules run on batched values."""
    label, names, f, args, in_axes = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    k = next(i for i, ax in enumerate(axes) if ax == 0)

    def loss(*a):
        out = f(*a)
        return np.sum(np.sin(out) * np.cos(out + 0.3))

    got = vmap(grad(loss, k), in_axes)(*args)
    want = onp.stack([grad(loss, k)(*[a if ax is None else a[i] for a, ax in zip(args, axes)])
                      for i in range(B)])
    assert onp.allclose(got, want, atol=1e-9)


XP, FP = onp.array([-1.0, 0.2, 0.5, 1.0]), onp.array([1.0, 2.0, 0.0, -0.5])
STACK_READERS = [
    ("median", lambda x: np.median(x)),
    ("median-axis", lambda x: np.median(x, axis=0, keepdims=True)),
    ("percentile", lambda x: np.percentile(x, 30.0)),
    ("percentile-q", lambda x: np.percentile(x, [10.0, 65.0], axis=1, method="hazen")),
    ("quantile", lambda x: np.quantile(x, onp.array([0.2, 0.7]))),
    ("nanquantile", lambda x: np.nanquantile(np.where(x > 1.2, np.nan, x), 0.4, axis=-1)),
    ("nanmedian", lambda x: np.nanmedian(np.where(x > 1.2, np.nan, x), axis=1)),
    ("nanmean", lambda x: np.nanmean(np.where(x > 1.2, np.nan, x))),
    ("nanmean-axis", lambda x: np.nanmean(np.where(x > 1.2, np.nan, x), axis=0)),
    ("nanvar", lambda x: np.nanvar(np.where(x > 1.2, np.nan, x), axis=1)),
    ("interp", lambda x: np.interp(x, XP, FP)),
    ("interp-period", lambda x: np.interp(x, XP, FP, period=1.7)),
    ("interp-left-right", lambda x: np.interp(x * 3, XP, FP, left=-2.0, right=5.0)),
    ("select", lambda x: np.select([x > 0.5, x < -0.5], [x, x ** 2], 0.3)),
    ("select-default", lambda x: np.select([x > 0], [np.sin(x)], default=x[0])),
]


@pytest.mark.parametrize("f", [r[1] for r in STACK_READERS], ids=[r[0] for r in STACK_READERS])
def test_per_example_gradients_of_order_statistics_nanmean_interp_select(f):
    """Their gradient rules compute indices and counts per example inside vmap
    (they were refused with BatchingError before): vmap(grad), vmap of a JVP and
    jacobian equal the loop."""
    X = _any(B, 3, 4)
    loss = lambda x: np.sum(np.sin(f(x)) ** 2)     # noqa: E731
    want = onp.stack([grad(loss)(x) for x in X])
    assert onp.allclose(vmap(grad(loss))(X), want, atol=1e-12)
    T = _any(B, 3, 4)
    got = vmap(lambda x, t: make_jvp(f)(x)(t)[1])(X, T)
    assert onp.allclose(got, onp.stack([make_jvp(f)(x)(t)[1] for x, t in zip(X, T)]))
    assert onp.allclose(jacobian(f)(X[0]), _jacobian_loop(f)(X[0]))


def test_per_example_gradients_of_polynomials_and_least_squares():
    """vmap(grad) equals the loop where the gradient rules batch (poly, polyfit, lstsq,
    polydiv, trim_zeros whose examples trim alike), and is refused -- never wrong --
    where a rule reads raw coefficients (roots); jacobian then takes its loop."""
    X = _any(B, 4)
    t = onp.arange(4.0)
    works = [lambda z: np.poly(z), lambda y: np.polyfit(t, y, 2),
             lambda b: np.linalg.lstsq(onp.vander(t, 2), b, rcond=None)[0],
             lambda u: np.polydiv(u, onp.array([1.0, 2.0]))[1],
             lambda x: np.trim_zeros(x * onp.array([0.0, 1.0, 1.0, 0.0]))]
    for f in works:
        loss = lambda x, f=f: np.sum(np.real(f(x)) ** 2)     # noqa: E731
        assert onp.allclose(vmap(grad(loss))(X), onp.stack([grad(loss)(x) for x in X]))
    roots = lambda p: np.real(np.roots(p))     # noqa: E731
    with pytest.raises(BatchingError):
        vmap(grad(lambda p: np.sum(roots(p) ** 2)))(X)
    assert onp.allclose(jacobian(roots)(X[0]), _jacobian_loop(roots)(X[0]))


def test_trimming_that_differs_per_example():
    """polydiv and trim_zeros give each example its own length when their values
    say so: NumPy's error about stacking, from the loop (never a wrong trim)."""
    with pytest.raises(ValueError):
        vmap(np.trim_zeros)(onp.array([[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]]))
    u = onp.array([[1.0, 2.0, 2.0, 2.0], [1.0, 2.0, 3.0, 2.0]])  # remainders 1 and x + 1
    with pytest.raises(ValueError):
        vmap(lambda u: np.polydiv(u, onp.array([1.0, 1.0, 1.0]))[1])(u)


def test_a_gradient_through_take_along_axis_with_indices_per_example():
    """The adjoint of take_along_axis with batched indices scatters each example
    into its own row (it used to add every example's indices into each row)."""
    X, idx = _any(B, 4), onp.array([[1, 1], [2, 0], [0, 3]])
    f = lambda x, i: np.sum(np.take_along_axis(np.sort(x), i, -1) ** 2)     # noqa: E731
    want = onp.stack([grad(f)(x, i) for x, i in zip(X, idx)])
    assert onp.allclose(vmap(grad(f))(X, idx), want)


def test_a_batched_index_into_a_traced_array_and_into_a_plain_one():
    table, idx = _any(5, 2), onp.array([4, 0, 2])
    batching.loop_counts.clear()
    g = grad(lambda t: np.sum(vmap(lambda i: t[i] ** 2)(idx)))(table)
    want = onp.zeros_like(table)
    for i in idx:
        want[i] += 2 * table[i]
    assert onp.allclose(g, want)
    assert raw_of(np.getitem) not in batching.loop_counts     # gathered in one call
    # a plain ndarray indexed by a batched index: a clear error (np.take batches it)
    with pytest.raises(BatchingError):
        vmap(lambda i: table[i])(idx)
    assert onp.allclose(vmap(lambda i: np.take(table, i, axis=0))(idx), table[idx])


@pytest.mark.parametrize("f", [np.diff, lambda x: np.pad(x, 1), lambda x: np.convolve(x, x),
                               lambda x: np.insert(x, 1, 5.0), lambda x: np.delete(x, 1),
                               lambda x: np.resize(x, (2, 3)),
                               lambda x: np.append(x, x), lambda x: np.repeat(x, 2),
                               lambda x: np.split(x, 2)[1]])
def test_per_example_gradients_of_more_functions(f):
    X = _pos(B, 4)
    loss = lambda x: np.sum(np.sin(f(x)) ** 2)     # noqa: E731
    want = onp.stack([grad(loss)(r) for r in X])
    assert onp.allclose(vmap(grad(loss))(X), want)


def test_a_mask_selecting_different_counts_per_example_cannot_be_stacked():
    with pytest.raises(ValueError):
        vmap(lambda x: x[x > 0])(onp.array([[1.0, -1.0], [1.0, 2.0]]))


@pytest.mark.parametrize("row", DIFF_ROWS[::3], ids=[r[0] for r in DIFF_ROWS[::3]])
def test_grad_of_vmap_matches_the_loop(row):
    label, names, f, args, in_axes = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    k = next(i for i, ax in enumerate(axes) if ax == 0)

    def batched_loss(*a):
        return np.sum(np.sin(vmap(f, in_axes)(*a)))

    def looped_loss(*a):
        return sum(np.sum(np.sin(f(*[v if ax is None else v[i] for v, ax in zip(a, axes)])))
                   for i in range(B))

    assert onp.allclose(grad(batched_loss, k)(*args), grad(looped_loss, k)(*args), atol=1e-9)


# ----------------------------------------------------------------- conventions

def test_in_axes_ints_negative_and_none():
    x, y = _any(4, B), _any(3)
    got = vmap(lambda a, b: a[:3] * b, in_axes=(-1, None))(x, y)
    assert onp.allclose(got, onp.stack([x[:3, i] * y for i in range(B)]))
    got = vmap(lambda a, b: a[:3] * b, in_axes=(1, None), out_axes=1)(x, y)
    assert got.shape == (3, B)
    assert onp.allclose(got, onp.stack([x[:3, i] * y for i in range(B)], axis=1))
    got = vmap(lambda a: a * 2, out_axes=-1)(_any(B, 2, 3))
    assert got.shape == (2, 3, B)


def test_in_axes_nested_containers_and_dicts():
    xs = {"w": _any(B, 2), "b": _any(2, B)}
    got = vmap(lambda d, s: d["w"] * d["b"] + s, in_axes=({"w": 0, "b": 1}, None))(xs, 1.5)
    want = onp.stack([xs["w"][i] * xs["b"][:, i] + 1.5 for i in range(B)])
    assert onp.allclose(got, want)
    pair = (_any(B, 2), [_any(2), _any(B, 2)])
    got = vmap(lambda p: p[0] * p[1][0] + p[1][1], in_axes=((0, [None, 0]),))(pair)
    want = onp.stack([pair[0][i] * pair[1][0] + pair[1][1][i] for i in range(B)])
    assert onp.allclose(got, want)


def test_container_outputs_and_out_axes():
    x = _any(B, 3)
    a, b = vmap(lambda v: (v * 2, np.sum(v)), out_axes=(1, 0))(x)
    assert a.shape == (3, B) and onp.allclose(a, (x * 2).T)
    assert onp.allclose(b, x.sum(1))
    d = vmap(lambda v: {"s": np.sum(v), "c": 1.0})(x)
    assert onp.allclose(d["c"], onp.ones(B))         # unbatched output repeated
    c = vmap(lambda v: (np.sum(v), 7.0), out_axes=(0, None))(x)
    assert c[1] == 7.0
    with pytest.raises(ValueError, match="depends on the batch"):
        vmap(lambda v: v, out_axes=None)(x)


def test_keyword_arguments_are_batched_along_their_first_axis():
    x, y = _any(B, 3), _any(B, 3)
    assert onp.allclose(vmap(lambda a, b=None: a * b)(x, b=y), x * y)


def test_bad_axes_are_clear_errors():
    with pytest.raises(ValueError, match="different sizes"):
        vmap(np.add)(_any(3, 2), _any(4, 2))
    with pytest.raises(ValueError, match="no argument is batched"):
        vmap(np.sin, in_axes=None)(_any(3))
    with pytest.raises(ValueError, match="out of range"):
        vmap(np.sin, in_axes=2)(_any(3, 2))
    with pytest.raises(ValueError, match="entries"):
        vmap(np.add, in_axes=(0,))(_any(3), _any(3))


def test_inside_vmap_shapes_are_per_example():
    seen = []

    def f(x):
        seen.append((x.shape, x.ndim, len(x), np.shape(x), x.size))
        return x

    vmap(f)(_any(B, 4, 2))
    assert seen == [((4, 2), 2, 4, (4, 2), 8)]


def test_python_control_flow_on_a_batched_value_raises():
    def f(x):
        return x if np.sum(x) > 0 else -x
    with pytest.raises(BatchingError, match="control"):
        vmap(f)(_any(B, 3))
    with pytest.raises(BatchingError):
        vmap(lambda x: float(x[0]))(_any(B, 3))
    with pytest.raises(BatchingError, match="writing"):
        def write(x):
            x[0] = 1.0
            return x
        vmap(write)(_any(B, 3))


def test_a_primitive_without_a_batching_rule_is_looped_correctly():
    from autograd.extend import defvjp, primitive

    @primitive
    def cube_sum(x):
        return onp.sum(x ** 3)

    defvjp(cube_sum, lambda ans, x: lambda g: 3 * g * x ** 2)
    xs = _any(B, 4)
    batching.loop_counts.clear()
    assert onp.allclose(vmap(cube_sum)(xs), (xs ** 3).sum(1))
    assert batching.loop_counts.get(cube_sum.fun) == 1
    assert onp.allclose(vmap(grad(cube_sum))(xs), 3 * xs ** 2)


# ----------------------------------------------------------------- composition

def test_composition_with_forward_mode_and_nested_vmap():
    x, t = _any(B, 3), _any(B, 3)

    def f(v):
        return np.tanh(v) * np.sum(v ** 2)

    got = vmap(lambda a, b: make_jvp(f)(a)(b)[1])(x, t)
    want = onp.stack([make_jvp(f)(x[i])(t[i])[1] for i in range(B)])
    assert onp.allclose(got, want)
    # forward mode outside: the jvp of a vmapped function
    _, tan = make_jvp(vmap(f))(x)(t)
    assert onp.allclose(tan, want)
    xx = _any(2, B, 3)
    assert onp.allclose(vmap(vmap(f))(xx), onp.stack([[f(xx[i, j]) for j in range(B)]
                                                     for i in range(2)]))
    assert onp.allclose(vmap(vmap(f), in_axes=1)(xx),
                        onp.stack([[f(xx[j, i]) for j in range(2)] for i in range(B)]))
    # grad of a nested vmap, and vmap of a jacobian
    g = grad(lambda a: np.sum(vmap(vmap(f))(a) ** 2))(xx)
    g0 = grad(lambda a: sum(np.sum(f(a[i, j]) ** 2) for i in range(2) for j in range(B)))(xx)
    assert onp.allclose(g, g0)
    J = vmap(jacobian(f))(x)
    assert onp.allclose(J, onp.stack([_jacobian_loop(f)(x[i]) for i in range(B)]))


def test_other_operators_inside_vmap():
    from autograd import elementwise_grad, stop_gradient, value_and_grad
    x = _any(B, 3)

    def f(v):
        return np.sum(np.sin(v) * stop_gradient(v) ** 2)

    vals, grads = vmap(value_and_grad(f))(x)
    assert onp.allclose(vals, [f(r) for r in x])
    assert onp.allclose(grads, [grad(f)(r) for r in x])
    assert onp.allclose(grads, onp.cos(x) * x ** 2)          # stop_gradient kept per example
    assert onp.allclose(vmap(elementwise_grad(np.tanh))(x), 1 / onp.cosh(x) ** 2)


def test_per_example_gradients_of_a_small_network():
    W1, W2 = _any(4, 5), _any(5)
    X, y = _any(6, 4), _any(6)

    def loss(params, xi, yi):
        w1, w2 = params
        return (np.tanh(xi @ w1) @ w2 - yi) ** 2

    g1, g2 = vmap(grad(loss), in_axes=(None, 0, 0))((W1, W2), X, y)
    for i in range(6):
        e1, e2 = grad(loss)((W1, W2), X[i], y[i])
        assert onp.allclose(g1[i], e1) and onp.allclose(g2[i], e2)


# ----------------------------------------------------------------- jacobians and hessians

def _fd_jacobian(f, x, eps=1e-6):
    x = onp.asarray(x, float)
    cols = []
    for k in range(x.size):
        e = onp.zeros(x.size)
        e[k] = eps
        e = e.reshape(x.shape)
        cols.append((onp.asarray(f(x + e)) - onp.asarray(f(x - e))) / (2 * eps))
    out = onp.stack(cols, axis=-1)
    return out.reshape(onp.shape(f(x)) + x.shape)


A4 = R.randn(4, 4) / 2


def _lse(x):
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


JAC_CASES = [
    ("vector", lambda x: np.tanh(A4 @ np.tanh(A4 @ x)), _any(4)),
    ("scalar-out", _lse, _any(5)),
    ("matrix-in", lambda x: np.sum(x ** 2, axis=0) * x[0], _any(3, 2)),
    ("matrix-out", lambda x: np.outer(x, np.sin(x)), _any(3)),
    ("scalar-in", lambda x: np.array([np.sin(x), x ** 2]), 0.7),
    ("indexing", lambda x: x[1:] / (1 + x[:-1] ** 2), _any(5)),
    ("float32", lambda x: np.exp(x) * 2, _any(3).astype(onp.float32)),
]


@pytest.mark.parametrize("case", JAC_CASES, ids=[c[0] for c in JAC_CASES])
def test_jacobian_batched_equals_loop_and_finite_differences(case):
    _, f, x = case
    J, J0 = jacobian(f)(x), _jacobian_loop(f)(x)
    assert J.shape == J0.shape and J.dtype == J0.dtype
    assert onp.allclose(J, J0, atol=1e-12)
    tol = 1e-3 if getattr(x, "dtype", None) == onp.float32 else 1e-6
    assert onp.allclose(J, _fd_jacobian(f, onp.asarray(x, float)), atol=tol)
    assert onp.allclose(jacfwd(f)(x), J0, atol=1e-12)
    assert onp.allclose(jacobian(f, chunk_size=2)(x), J0, atol=1e-12)
    assert onp.allclose(jacfwd(f, chunk_size=1)(x), J0, atol=1e-12)


HESS_CASES = [
    ("logsumexp", _lse, _any(6)),
    ("matrix-in", lambda x: np.sum(np.sin(x) * x[::-1]) + np.prod(x[0]), _any(2, 3)),
    ("quadratic", lambda x: x @ A4 @ x + np.sum(x ** 4), _any(4)),
    ("vector-out", lambda x: np.tanh(A4 @ x), _any(4)),     # jacobian(jacobian(f))
]


@pytest.mark.parametrize("case", HESS_CASES, ids=[c[0] for c in HESS_CASES])
def test_hessian_batched_equals_loop_and_finite_differences(case):
    _, f, x = case
    H, H0 = hessian(f)(x), _hessian_loop(f)(x)
    assert H.shape == H0.shape and H.dtype == H0.dtype
    assert onp.allclose(H, H0, atol=1e-10)
    assert onp.allclose(H, _fd_jacobian(_jacobian_loop(f), x), atol=1e-5)
    assert onp.allclose(hessian(f, chunk_size=3)(x), H0, atol=1e-10)


def test_hessian_vector_products_over_many_vectors():
    x, V = _any(5), _any(4, 5)
    hvp, g = make_hvp(_lse)(x)
    H = _hessian_loop(_lse)(x)
    assert onp.allclose(vmap(hvp)(V), V @ H.T)
    assert onp.allclose(g, grad(_lse)(x))


def test_functions_the_batch_cannot_follow_fall_back_to_the_loop():
    """A VJP rule with Python control flow on its cotangent cannot take a batch of
    cotangents: jacobian and hessian fall back to one pass per row, correctly."""
    from autograd.extend import defjvp, defvjp, primitive

    @primitive
    def twice(x):
        return 2.0 * x

    def twice_vjp(ans, x):
        def vjp(g):
            if onp.all(g == 0):          # bool() of a batched value inside vmap
                return 0.0 * g
            return 2.0 * g
        return vjp

    defvjp(twice, twice_vjp)
    defjvp(twice, lambda t, ans, x: 2.0 * t)

    def f(x):
        return np.sin(twice(x)) * x[0]

    x = onp.array([0.5, -1.0, 2.0])
    with pytest.raises(BatchingError, match="bool"):
        vmap(grad(lambda v: np.sum(f(v))))(onp.stack([x, x]))
    J0 = _jacobian_loop(f)(x)
    assert onp.allclose(jacobian(f)(x), J0)
    assert onp.allclose(J0, _fd_jacobian(f, x), atol=1e-6)
    g = lambda v: np.sum(f(v) ** 2)   # noqa: E731
    assert onp.allclose(hessian(g)(x), _hessian_loop(g)(x))


def test_a_rule_reading_the_stack_with_getval_is_refused_not_mistaken():
    """A VJP rule that uses ``getval`` of its batched argument beside batched values
    is refused inside vmap (and jacobian falls back to the loop): never a wrong answer."""
    from autograd.extend import defvjp, getval, primitive

    @primitive
    def f(x):
        return onp.sin(x)

    defvjp(f, lambda ans, x: lambda g: g * onp.cos(getval(x)))
    xs = _any(B, 3)
    with pytest.raises(BatchingError, match="getval"):
        vmap(grad(lambda x: np.sum(f(x))))(xs)
    x = xs[0]
    assert onp.allclose(jacobian(f)(x), onp.diag(onp.cos(x)))


def test_jacobian_under_grad_and_of_a_jacobian():
    x = _any(3)

    def f(v):
        return np.tanh(A4[:3, :3] @ v) * v

    g = grad(lambda v: np.sum(jacobian(f)(v) ** 2))(x)
    g0 = grad(lambda v: np.sum(_jacobian_loop(f)(v) ** 2))(x)
    assert onp.allclose(g, g0)
    assert onp.allclose(jacobian(jacobian(f))(x), _jacobian_loop(_jacobian_loop(f))(x))


def test_chunk_size_must_be_positive():
    with pytest.raises(ValueError, match="chunk_size"):
        jacobian(np.sin, chunk_size=0)(_any(3))


def test_derivative_operators_use_the_loop_for_rules_registered_outside_autograd():
    # A user's (or a third-party library's, PennyLane's) rule may read its cotangent or
    # tangent as one plain array; handed a batch of them it would answer silently wrong,
    # so jacobian/jacfwd/hessian take one pass per coordinate when such a rule is on the tape.
    from autograd.extend import defjvp, defvjp, getval, primitive

    @primitive
    def wave(x):
        return onp.sin(x) * 2.0

    defvjp(wave, lambda ans, x: lambda g: onp.asarray(getval(g)) * 2.0 * onp.cos(getval(x)))
    defjvp(wave, lambda t, ans, x: onp.asarray(getval(t)) * 2.0 * onp.cos(getval(x)))
    x = onp.linspace(0.1, 1.0, 4)
    want = onp.diag(2.0 * onp.cos(x))
    onp.testing.assert_allclose(jacobian(wave)(x), want)
    onp.testing.assert_allclose(jacfwd(wave)(x), want)
    onp.testing.assert_allclose(hessian(lambda x: np.sum(wave(x) ** 2))(x),
                                _hessian_loop(lambda x: np.sum(wave(x) ** 2))(x))
