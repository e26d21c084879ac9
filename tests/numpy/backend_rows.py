"""One gradient table for every array backend: the NumPy rules on arrays that are not ndarrays.

Each row is ``(id, fun, inputs, argnums)``: ``fun`` is written with
``autograd.numpy``, ``inputs`` are ndarrays (or Python values) that a backend
converts to its own arrays, and the gradient is checked with respect to the
inputs at ``argnums``.  The rows cover each family of rules: elementwise,
broadcasting, reductions, shapes, indexing, products (dot, matmul, tensordot,
einsum), linear algebra, FFT and sorting; the linear-algebra rows are those of
``test_linalg.py`` (the same table, run on another backend).

``CANNOT_RUN`` lists the rows that cannot run on a backend array, with the
reason (the table of docs/backends.md); ``HOST_DATA_ROWS`` the rows whose
functions themselves mix host NumPy constants with their input (the caller's
error on CuPy), which the backend tests leave out.

Used by ``tests/numpy/test_backend_conformance.py`` (a strict CPU stand-in for
CuPy) and by ``plugins/cupy/tests`` (CuPy on a GPU), which load this file by
path: it imports nothing from the test tree but ``test_linalg.py`` beside it.
"""

import importlib.util
import pathlib

import numpy as onp

import autograd.numpy as np
from autograd.extend import getval

__all__ = ["ROWS", "TESTED", "CANNOT_RUN", "CANNOT_RUN_UNTRACED", "HOST_DATA_ROWS", "rand", "pos",
           "leaves", "cotangents", "weighted_loss", "in_slot", "tangent_like"]


def _sibling(stem):
    path = pathlib.Path(__file__).with_name(f"{stem}.py")
    spec = importlib.util.spec_from_file_location(f"_backend_rows_{stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_LINALG = _sibling("test_linalg")
rand = _LINALG.rand     # random inputs as the linalg and fft tables draw them


def pos(shape, seed=0):
    return 0.5 + onp.abs(rand(shape, seed=seed))


def unit(shape, seed=0):
    return 0.8 * onp.tanh(rand(shape, seed=seed))


def _bind(f, **kwargs):
    return lambda *xs: f(*xs, **kwargs)


_TABLES = []   # the test modules whose tables are reused (their TESTED sets count here too)


def _table_rows():
    """The rows of the add-on's own test tables, as ``(id, fun, inputs, argnums)``."""
    draw = _sibling("conftest").draw
    rows = []
    m = _sibling("test_elementwise")
    _TABLES.append(m)
    for name, domain, cplx in m.UNARY:
        rows.append((f"elementwise.{name}", getattr(np, name), [draw((2, 3), domain=domain)], [0]))
        if cplx:
            rows.append((f"elementwise.{name}-c128", getattr(np, name),
                         [draw((3,), "complex128", domain)], [0]))
    for name, dx, dy, _ in m.BINARY:
        rows.append((f"elementwise.{name}", getattr(np, name),
                     [draw((2, 3), domain=dx), draw((3,), domain=dy, seed=1)], [0, 1]))
    m = _sibling("test_reductions")
    _TABLES.append(m)
    for name, _, extra in m.REDUCTIONS:
        for kw in ({}, {"axis": 1}, {"axis": 0, "keepdims": True}):
            rows.append((f"reductions.{name}-{extra}-{kw}", _bind(getattr(np, name), **extra, **kw),
                         [draw((2, 3))], [0]))
    for name in m.CUMULATIVE:
        rows.append((f"reductions.{name}", _bind(getattr(np, name), axis=1), [draw((2, 3))], [0]))
    for name, kw in m.WHERE:     # (the mask is an input: a backend array like the data)
        rows.append((f"reductions.{name}-where-{kw}", _masked(getattr(np, name), **kw),
                     [draw((3, 3)), m.MASK], [0]))
    m = _sibling("test_shapes")
    _TABLES.append(m)
    for id_, f in m.UNARY_SHAPE:
        rows.append((f"shapes.{id_}", f, [draw((2, 3))], [0]))
    m = _sibling("test_selection")
    _TABLES.append(m)
    for id_, _, f, _ in m.CASES:
        rows.append((f"selection.{id_}", f, [draw((3, 4), seed=5)], [0]))
    m = _sibling("test_sorting")
    _TABLES.append(m)
    for id_, _, f, shape, _ in m.CASES:
        rows.append((f"sorting.{id_}", f, [m.distinct(shape, "float64")], [0]))
    for name in ("extra", "functional"):
        m = _sibling(f"test_{name}")
        _TABLES.append(m)
        for id_, f, shapes, domain, _ in m.ROWS:
            args = [draw(s, "float64", domain, seed=i) for i, s in enumerate(shapes)]
            rows.append((f"{name}.{id_}", f, args, list(range(len(args)))))
    m = _sibling("test_products")
    _TABLES.append(m)
    for f, sa, sb in m.ROWS:
        rows.append((f"products.{f.__name__}-{sa}-{sb}", f, [draw(sa, seed=1), draw(sb, seed=2)], [0, 1]))
    for sa, sb, axes in m.TENSORDOT:
        rows.append((f"products.tensordot-{sa}-{sb}-{axes}", _bind(np.tensordot, axes=axes),
                     [draw(sa, seed=1), draw(sb, seed=2)], [0, 1]))
    for row in m.EINSUM:
        spec_, shapes = row[0], row[1:]
        rows.append((f"products.einsum-{spec_}", _einsum(spec_),
                     [draw(s, seed=i) for i, s in enumerate(shapes)], list(range(len(shapes)))))
    m = _sibling("test_fft")
    _TABLES.append(m)
    for name, kwargs, shape, dtype in m.ROWS:
        rows.append((f"fft.{m._id((name, kwargs, shape, dtype))}", _bind(getattr(np.fft, name), **kwargs),
                     [rand(shape, dtype)], [0]))
    m = _LINALG
    _TABLES.append(m)
    rows += [(f"linalg.{row[0]}", row[2], row[3], row[4]) for row in m.ROWS
             if row[1] not in m.NEEDS_NP2 or hasattr(onp.linalg, row[1])]
    for name, kwargs, x in m.NORM_ROWS:
        rows.append((f"linalg.norm-{name}", _bind(np.linalg.norm, **kwargs), [x], [0]))
    return rows


def _masked(f, **kwargs):
    return lambda x, mask: f(x, where=mask, **kwargs)


def _einsum(spec):
    return lambda *xs: np.einsum(spec, *xs)


A, B, C = rand((2, 3)), rand((2, 3), seed=1), rand((3, 4), seed=2)
V3 = rand(3, seed=3)
IDX = onp.array([2, 0, 2])
MASK = A > 0

# fmt: off
ROWS = [
    # ---- elementwise
    ("sin",          np.sin,                                   [A],                  [0]),
    ("exp",          np.exp,                                   [A],                  [0]),
    ("log",          np.log,                                   [pos((2, 3))],        [0]),
    ("sqrt",         np.sqrt,                                  [pos((2, 3))],        [0]),
    ("tanh",         np.tanh,                                  [A],                  [0]),
    ("arcsin",       np.arcsin,                                [unit((2, 3))],       [0]),
    ("log1p",        np.log1p,                                 [pos((2, 3))],        [0]),
    ("abs",          np.abs,                                   [A],                  [0]),
    ("sinc",         np.sinc,                                  [A],                  [0]),
    ("reciprocal",   np.reciprocal,                            [pos((2, 3))],        [0]),
    ("power",        np.power,                                 [pos((2, 3)), B],     [0, 1]),
    ("divide",       np.divide,                                [A, pos((2, 3))],     [0, 1]),
    ("maximum",      np.maximum,                               [A, B],               [0, 1]),
    ("arctan2",      np.arctan2,                               [A, pos((2, 3))],     [0, 1]),
    ("hypot",        np.hypot,                                 [A, B],               [0, 1]),
    ("logaddexp",    np.logaddexp,                             [A, B],               [0, 1]),
    ("where",        lambda x, y: np.where(x > 0, x, y),       [A, B],               [0, 1]),
    ("clip",         lambda x: np.clip(x, -0.5, 0.5),          [A],                  [0]),
    ("complex-abs2", lambda z: np.real(z * np.conj(z)),        [rand(3, "complex128")], [0]),
    ("angle",        np.angle,                                 [rand(3, "complex128")], [0]),
    ("float32",      lambda x: np.sin(x) * x,                  [rand(3, "float32")], [0]),
    # ---- broadcasting
    ("bcast-add",    np.add,                                   [A, V3],              [0, 1]),
    ("bcast-mul",    np.multiply,                              [rand((2, 1)), rand((1, 3))], [0, 1]),
    ("bcast-scalar", lambda x: 2.0 * x - x / 3.0 + x ** 2,     [A],                  [0]),
    ("broadcast_to", lambda x: np.broadcast_to(x, (4, 3)),     [V3],                 [0]),
    # ---- reductions
    ("sum-axis",     lambda x: np.sum(x, axis=1),              [A],                  [0]),
    ("mean-keep",    lambda x: np.mean(x, axis=0, keepdims=True), [A],               [0]),
    ("prod",         lambda x: np.prod(x, axis=1),             [A],                  [0]),
    ("max",          lambda x: np.max(x, axis=0),              [A],                  [0]),
    ("min",          np.min,                                   [A],                  [0]),
    ("std",          lambda x: np.std(x, axis=1),              [A],                  [0]),
    ("var",          np.var,                                   [A],                  [0]),
    ("cumsum",       lambda x: np.cumsum(x, axis=1),           [A],                  [0]),
    ("cumprod",      lambda x: np.cumprod(x, axis=0),          [A],                  [0]),
    ("average",      lambda x: np.average(x, axis=0),          [A],                  [0]),
    ("trace",        np.trace,                                 [rand((3, 3))],       [0]),
    # ---- shapes
    ("reshape",      lambda x: np.reshape(x, (3, 2)),          [A],                  [0]),
    ("transpose",    np.transpose,                             [rand((2, 3, 4))],    [0]),
    ("swapaxes",     lambda x: np.swapaxes(x, 0, 2),           [rand((2, 3, 4))],    [0]),
    ("moveaxis",     lambda x: np.moveaxis(x, 0, -1),          [rand((2, 3, 4))],    [0]),
    ("expand_dims",  lambda x: np.expand_dims(x, 1),           [A],                  [0]),
    ("squeeze",      np.squeeze,                               [rand((2, 1, 3))],    [0]),
    ("ravel",        np.ravel,                                 [A],                  [0]),
    ("concatenate",  lambda x, y: np.concatenate([x, y], axis=1), [A, B],            [0, 1]),
    ("stack",        lambda x, y: np.stack([x, y]),            [A, B],               [0, 1]),
    ("hstack",       lambda x, y: np.hstack([x, y]),           [A, B],               [0, 1]),
    ("tile",         lambda x: np.tile(x, (2, 1)),             [A],                  [0]),
    ("repeat",       lambda x: np.repeat(x, 2, axis=1),        [A],                  [0]),
    ("flip",         lambda x: np.flip(x, 1),                  [A],                  [0]),
    ("roll",         lambda x: np.roll(x, 1, axis=1),          [A],                  [0]),
    ("triu",         np.triu,                                  [rand((3, 3))],       [0]),
    ("diag",         np.diag,                                  [V3],                 [0]),
    ("diagonal",     np.diagonal,                              [rand((3, 3))],       [0]),
    ("pad",          lambda x: np.pad(x, 1),                   [A],                  [0]),
    ("split",        lambda x: np.split(x, 3, axis=1)[1],      [A],                  [0]),
    # ---- indexing
    ("slice",        lambda x: x[1:, ::2],                     [rand((3, 4))],       [0]),
    ("int-index",    lambda x: x[:, IDX],                      [A],                  [0]),
    ("mask",         lambda x: x[MASK],                        [A],                  [0]),
    ("newaxis",      lambda x: x[..., None] * x[None],         [V3],                 [0]),
    ("take",         lambda x: np.take(x, IDX),                [V3],                 [0]),
    ("take_along",   lambda x: np.take_along_axis(x, onp.array([[0, 2], [1, 1]]), axis=1), [A], [0]),
    # ---- products
    ("dot",          np.dot,                                   [A, C],               [0, 1]),
    ("matmul",       np.matmul,                                [rand((4, 2, 3)), C], [0, 1]),
    ("matmul-vec",   lambda x, v: x @ v,                       [A, V3],              [0, 1]),
    ("tensordot",    lambda x, y: np.tensordot(x, y, axes=([1], [0])), [A, C],       [0, 1]),
    ("einsum",       lambda x, y: np.einsum("ij,jk->ik", x, y), [A, C],              [0, 1]),
    ("einsum-trace", lambda x: np.einsum("ii", x),             [rand((3, 3))],       [0]),
    ("outer",        np.outer,                                 [V3, rand(2, seed=4)], [0, 1]),
    ("inner",        np.inner,                                 [A, B],               [0, 1]),
    ("vdot",         np.vdot,                                  [A, B],               [0, 1]),
    ("kron",         np.kron,                                  [rand((2, 2)), rand((2, 2), seed=5)], [0, 1]),
    # ---- fft
    ("fft",          lambda x: np.real(np.fft.fft(x)),         [rand(4)],            [0]),
    ("ifft-c128",    lambda z: np.imag(np.fft.ifft(z)),        [rand(4, "complex128")], [0]),
    ("rfft",         lambda x: np.abs(np.fft.rfft(x)),         [rand(6)],            [0]),
    ("irfft",        lambda z: np.fft.irfft(z),                [rand(4, "complex128")], [0]),
    ("fft2",         lambda x: np.real(np.fft.fft2(x)),        [rand((3, 4))],       [0]),
    ("fftshift",     np.fft.fftshift,                          [rand(5)],            [0]),
    # ---- sorting
    ("sort",         lambda x: np.sort(x, axis=1),             [A],                  [0]),
    ("partition",    lambda x: np.partition(x, 1),             [V3],                 [0]),
]
# fmt: on

ROWS += _table_rows()

# the functions these rows exercise (tests/numpy/test_meta.py): those of the hand-written
# rows above and those of every table reused
TESTED = set().union(*(m.TESTED for m in _TABLES)) | {
    "sin", "exp", "log", "sqrt", "tanh", "arcsin", "log1p", "abs", "sinc", "reciprocal", "power",
    "divide", "maximum", "arctan2", "hypot", "logaddexp", "where", "clip", "real", "conj", "angle",
    "add", "multiply", "broadcast_to", "sum", "mean", "prod", "max", "min", "std", "var",
    "cumsum", "cumprod", "average", "trace", "reshape", "transpose", "swapaxes", "moveaxis",
    "expand_dims", "squeeze", "ravel", "concatenate", "stack", "hstack", "tile", "repeat", "flip",
    "roll", "triu", "diag", "diagonal", "pad", "split", "take", "take_along_axis", "dot",
    "matmul", "tensordot", "einsum", "outer", "inner", "vdot", "kron", "fft.fft", "fft.ifft",
    "fft.rfft", "fft.irfft", "fft.fft2", "fft.fftshift", "sort", "partition",
}

# row id -> why it cannot run on a backend array (docs/backends.md, "Rules that cannot run")
_CONVERTS = "a NumPy conversion function: its result is an ndarray by definition"
_PY_NUMBERS = ("numpy.array of a nested list mixing numbers and backend arrays converts "
               "every item to the host (traced, the items are joined in their library)")
_HOST_RAMP = "numpy.fromfunction calls the function on host index grids (numpy.indices)"
_HOST_LOOP = "collects per-slice results in a host ndarray (Python loop over slices)"
CANNOT_RUN = {
    "extra.asarray_chkfinite": _CONVERTS, "extra.asfortranarray": _CONVERTS,
    "extra.require": _CONVERTS,
    "shapes.array-nested": _PY_NUMBERS, "shapes.array-of-boxes": _PY_NUMBERS,
    "extra.full-broadcast": "numpy.full with an array fill value creates a host ndarray",
    "functional.fromfunction": _HOST_RAMP,
    "functional.apply_along_axis": _HOST_LOOP, "functional.apply_along_axis-scalar": _HOST_LOOP,
    "functional.apply_along_axis-resize": _HOST_LOOP,
    "functional.piecewise": _HOST_LOOP, "functional.piecewise-otherwise": _HOST_LOOP,
}
# untraced calls only (check_grads' finite differences); traced, they run on the backend
CANNOT_RUN_UNTRACED = {"functional.apply_along_axis", "functional.apply_along_axis-scalar",
                       "functional.apply_along_axis-resize", "shapes.array-nested",
                       "shapes.array-of-boxes"}

# Rows of the add-on's tables that themselves mix host ndarray constants (onp.ones, knots,
# weights) with the input: on CuPy that is the caller's error, not the rule's.  Left out.
HOST_DATA_ROWS = {
    "extra.block-mixed", "extra.cov-fweights", "extra.cov-both-weights", "extra.interp",
    "extra.interp-complex", "extra.interp-left-right", "extra.interp-outside",
    "extra.interp-period", "extra.interp-xp", "extra.polyfit", "extra.polyfit-2d",
    "extra.polyfit-weights", "extra.trim_zeros", "functional.apply_along_axis-closure",
    "functional.roots-leading-zero", "selection.choose", "selection.diff-constants",
    "selection.nan_to_num", "selection.select-default", "shapes.concatenate-0", "shapes.stack",
    "sorting.nanmedian", "sorting.nanmedian-all", "sorting.nanpercentile", "sorting.nanquantile",
    "sorting.nanquantile-axis0",
}


# ----------------------------------------------------------------- what the backend tests share

def leaves(out):
    """The arrays of a row's output (a tuple or list output, flattened)."""
    # (a traced tuple is a box of a tuple: indexed, not iterated as a tuple)
    if isinstance(getval(out), (tuple, list)):
        return [leaf for i in range(len(getval(out))) for leaf in leaves(out[i])]
    return [out]


def cotangents(out, seed=7):
    """A random cotangent (a host ndarray) per output leaf of ``out``."""
    rng = onp.random.default_rng(seed)
    ws = []
    for leaf in leaves(out):
        leaf = onp.asarray(leaf)
        w = rng.standard_normal(leaf.shape)
        if leaf.dtype.kind == "c":
            w = w + 1j * rng.standard_normal(leaf.shape)
        ws.append(onp.asarray(w, leaf.dtype))
    return ws


def weighted_loss(fun, weights):
    """The real scalar ``sum(real(leaf * w))`` of ``fun``'s output: its gradient is the VJP."""
    def loss(*args):
        total = 0.0
        for leaf, w in zip(leaves(fun(*args)), weights):
            total = total + np.real(np.sum(leaf * w))
        return total
    return loss


def in_slot(fun, args, argnum):
    """``fun`` of its argument ``argnum`` alone, the others fixed to ``args``."""
    def f(x):
        a = list(args)
        a[argnum] = x
        return fun(*a)
    return f


def tangent_like(x):
    """A random tangent (a host ndarray) of ``x``'s shape and dtype."""
    t = onp.random.default_rng(11).standard_normal(onp.shape(x))
    if onp.iscomplexobj(x):
        t = t + 1j * onp.random.default_rng(12).standard_normal(onp.shape(x))
    return onp.asarray(t, dtype=onp.asarray(x).dtype)
