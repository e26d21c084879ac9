"""Every NumPy batching rule against a Python loop over the examples.

One table row per function (or per argument form worth a row): ``vmap(f)``
must equal stacking ``f`` over the examples -- values and dtype -- with the
batch axis first and with it last (``in_axes=-1``, ``out_axes=-1``), and the
function must have been batched by its rule, not by the loop
(``autograd.batching.loop_counts``).  Differentiable rows also compare
``vmap(grad(f))`` and ``grad`` of a vmapped loss against loops.  Every ufunc
with a rule gets a generated row.  The last tests read ``python -m autograd
coverage``: every function it marks as batching natively has a row here (or
in test_vmap.py), and every differentiable function that is still batched by
the loop is listed, with its reason, in docs/vmap.md.
"""

import functools
import importlib
import importlib.util
import operator
import pathlib
import warnings

import numpy as onp
import numpy.fft  # noqa: F401
import numpy.linalg  # noqa: F401
import pytest

import autograd.numpy as np
from autograd import batching, grad, jacobian, make_vjp, vmap
from autograd.differential_operators import _jacobian_loop
from autograd.extend import getval
from autograd.plugins import report
from autograd.rules import active, raw_of

B = 3
R = onp.random.RandomState(1)


def _any(*shape):
    return R.randn(*shape)


def _pos(*shape):
    return R.uniform(0.5, 1.5, size=shape)


def _int(*shape, hi=4):
    return R.randint(0, hi, size=shape)


def _spd(n, batch=B):
    a = R.randn(batch, n, n)
    return a @ onp.swapaxes(a, -1, -2) + n * onp.eye(n)


def _c(*shape):
    return R.randn(*shape) + 1j * R.randn(*shape)


NAN = onp.where(R.rand(B, 3, 4) > 0.8, onp.nan, R.randn(B, 3, 4))
XP = onp.array([-1.0, -0.2, 0.4, 1.3])
FP = onp.array([0.5, 2.0, -1.0, 0.3])
M53 = R.randn(5, 3)
IDX = onp.array([[0, 1, 0, 1], [1, 0, 0, 1], [1, 1, 0, 0]])

# (label, function names, f, args, in_axes, differentiable)
# fmt: off
ROWS = [
    # elementwise in one argument
    ("angle", ["angle"], np.angle, (_c(B, 4),), 0, True),
    ("angle-deg", ["angle"], lambda z: np.angle(z, deg=True), (_c(B, 4),), 0, True),
    ("sinc", ["sinc"], np.sinc, (_any(B, 4),), 0, True),
    ("i0", ["i0"], np.i0, (_any(B, 2, 3),), 0, True),
    ("nan_to_num", ["nan_to_num"], lambda x: np.nan_to_num(x, nan=2.0), (NAN,), 0, True),
    ("real_if_close", ["real_if_close"], np.real_if_close, (_any(B, 4) + 0j,), 0, True),
    ("asarray_chkfinite", ["asarray_chkfinite"], np.asarray_chkfinite, (_any(B, 4),), 0, True),
    ("asfortranarray", ["asfortranarray"], np.asfortranarray, (_any(B, 2, 3),), 0, True),
    ("require", ["require"], lambda x: np.require(x, requirements="C"), (_any(B, 4),), 0, True),
    ("copy", ["copy"], np.copy, (_any(B, 4),), 0, True),
    ("interp", ["interp"], lambda x: np.interp(x, XP, FP), (_any(B, 5),), 0, True),
    ("interp-period", ["interp"], lambda x: np.interp(x, XP, FP, period=2.0), (_any(B, 5),), 0, True),
    ("divmod", ["divmod"], np.divmod, (_pos(B, 4) * 3, _pos(4)), (0, None), True),
    ("modf", ["modf"], np.modf, (_any(B, 4) * 3,), 0, True),
    ("frexp", ["frexp"], lambda x: np.frexp(x)[0], (_any(B, 4) * 3,), 0, True),
    ("frexp-exponent", ["frexp"], lambda x: np.frexp(x)[1], (_any(B, 4) * 3,), 0, False),
    ("isnat", ["isnat"], np.isnat, (onp.array([["2020-01-01", "NaT"]] * B, "datetime64[D]"),), 0, False),
    ("searchsorted", ["searchsorted"], lambda v: np.searchsorted(XP, v), (_any(B, 5),), 0, False),
    # one array with an axis
    ("unwrap", ["unwrap"], lambda p: np.unwrap(p * 4, axis=0), (_any(B, 4, 3),), 0, True),
    ("partition", ["partition"], lambda a: np.partition(a, 2), (_any(B, 3, 5),), 0, True),
    ("partition-none", ["partition"], lambda a: np.partition(a, 2, axis=None), (_any(B, 3, 5),), 0, True),
    ("roll", ["roll"], lambda a: np.roll(a, 2), (_any(B, 3, 4),), 0, True),
    ("roll-axis", ["roll"], lambda a: np.roll(a, (1, -1), axis=(0, -1)), (_any(B, 3, 4),), 0, True),
    ("rot90", ["rot90"], lambda m: np.rot90(m, 1, axes=(1, -1)), (_any(B, 2, 3, 4),), 0, True),
    ("rot90-k", ["rot90"], lambda m: np.rot90(m, 3), (_any(B, 2, 3),), 0, True),
    ("rollaxis", ["rollaxis"], lambda a: np.rollaxis(a, 2, 0), (_any(B, 2, 3, 4),), 0, True),
    ("rollaxis-end", ["rollaxis"], lambda a: np.rollaxis(a, 0, 3), (_any(B, 2, 3, 4),), 0, True),
    ("fliplr", ["fliplr"], np.fliplr, (_any(B, 2, 3),), 0, True),
    ("flipud", ["flipud"], np.flipud, (_any(B, 2, 3),), 0, True),
    ("trace", ["trace"], lambda a: np.trace(a, 1, 0, 2), (_any(B, 3, 2, 3),), 0, True),
    ("split", ["split"], lambda a: np.split(a, 2, axis=1)[1], (_any(B, 3, 4),), 0, True),
    ("array_split", ["array_split"], lambda a: np.array_split(a, 3), (_any(B, 4, 2),), 0, True),
    ("hsplit", ["hsplit"], lambda a: np.hsplit(a, 2), (_any(B, 3, 4),), 0, True),
    ("hsplit-1d", ["hsplit"], lambda a: np.hsplit(a, [1]), (_any(B, 4),), 0, True),
    ("vsplit", ["vsplit"], lambda a: np.vsplit(a, [1]), (_any(B, 3, 4),), 0, True),
    ("dsplit", ["dsplit"], lambda a: np.dsplit(a, 2), (_any(B, 2, 3, 4),), 0, True),
    ("unstack", ["unstack"], lambda x: np.unstack(x, axis=1), (_any(B, 2, 3),), 0, True),
    ("delete", ["delete"], lambda a: np.delete(a, [0, 2]), (_any(B, 2, 3),), 0, True),
    ("delete-axis", ["delete"], lambda a: np.delete(a, 1, axis=-1), (_any(B, 2, 3),), 0, True),
    ("insert", ["insert"], lambda a: np.insert(a, [1, 2], 5.0), (_any(B, 2, 3),), 0, True),
    ("insert-axis", ["insert"], lambda a: np.insert(a, 1, 5.0, axis=0), (_any(B, 2, 3),), 0, True),
    ("append", ["append"], np.append, (_any(B, 2, 3), _any(B, 4)), 0, True),
    ("append-axis", ["append"], lambda a, v: np.append(a, v, axis=0), (_any(B, 2, 3), _any(1, 3)), (0, None), True),
    ("repeat", ["repeat"], lambda a: np.repeat(a, 2), (_any(B, 2, 3),), 0, True),
    ("repeat-axis", ["repeat"], lambda a: np.repeat(a, [1, 0, 2], axis=1), (_any(B, 2, 3),), 0, True),
    ("resize", ["resize"], lambda a: np.resize(a, (2, 5)), (_any(B, 2, 3),), 0, True),
    ("compress", ["compress"], lambda a: np.compress([True, False, True], a, axis=1), (_any(B, 2, 3),), 0, True),
    ("compress-flat", ["compress"], lambda a: np.compress([False, True, True], a), (_any(B, 2, 3),), 0, True),
    ("extract", ["extract"], lambda a: np.extract(IDX[0].reshape(2, 2) > 0, a), (_any(B, 2, 2),), 0, True),
    ("diff", ["diff"], lambda a: np.diff(a, 2, axis=0), (_any(B, 4, 3),), 0, True),
    ("diff-prepend", ["diff"], lambda a: np.diff(a, 1, -1, 0.5, a[:, :1]), (_any(B, 2, 4),), 0, True),
    ("diff-unbatched-append", ["diff"], lambda a, v: np.diff(a, append=v), (_any(B, 2, 3), _any(2, 1)), (0, None), True),
    ("ediff1d", ["ediff1d"], lambda a: np.ediff1d(a, to_begin=[1.0, 2.0], to_end=0.5), (_any(B, 2, 3),), 0, True),
    ("gradient", ["gradient"], lambda f: np.gradient(f, 0.5), (_any(B, 3, 4),), 0, True),
    ("gradient-axis", ["gradient"], lambda f: np.gradient(f, axis=-1, edge_order=2), (_any(B, 3, 4),), 0, True),
    ("trapezoid", ["trapezoid"], lambda y: np.trapezoid(y, dx=0.5, axis=0), (_any(B, 3, 4),), 0, True),
    ("trapezoid-x", ["trapezoid"], lambda y: np.trapezoid(y, XP), (_any(B, 3, 4),), 0, True),
    ("cumulative_sum", ["cumulative_sum"], lambda x: np.cumulative_sum(x, axis=1, include_initial=True), (_any(B, 2, 3),), 0, True),
    ("cumulative_prod", ["cumulative_prod"], np.cumulative_prod, (_any(B, 4),), 0, True),
    ("average", ["average"], np.average, (_any(B, 2, 3),), 0, True),
    ("average-weights", ["average"], lambda a, w: np.average(a, axis=1, weights=w), (_any(B, 2, 3), _pos(3)), (0, None), True),
    ("average-batched-weights", ["average"], lambda a, w: np.average(a, weights=w, keepdims=True), (_any(B, 2, 3), _pos(B, 2, 3)), 0, True),
    ("percentile", ["percentile"], lambda a: np.percentile(a, [20.0, 70.0], axis=0), (_any(B, 4, 3),), 0, True),
    ("percentile-none", ["percentile"], lambda a: np.percentile(a, 40.0, keepdims=True), (_any(B, 4, 3),), 0, True),
    ("quantile", ["quantile"], lambda a: np.quantile(a, onp.array([[0.2], [0.9]]), method="hazen"), (_any(B, 5),), 0, True),
    ("nanpercentile", ["nanpercentile"], lambda a: np.nanpercentile(a, 30.0, axis=1), (NAN,), 0, True),
    ("nanquantile", ["nanquantile"], lambda a: np.nanquantile(a, [0.3, 0.5]), (NAN,), 0, True),
    ("median", ["median"], lambda a: np.median(a, axis=(0, 1)), (_any(B, 3, 4, 2),), 0, True),
    ("nanmedian", ["nanmedian"], lambda a: np.nanmedian(a, axis=0), (NAN,), 0, True),
    ("sort_complex", ["sort_complex"], np.sort_complex, (_c(B, 2, 4),), 0, True),
    # building from a batched value
    ("tril", ["tril"], lambda m: np.tril(m, -1), (_any(B, 3, 4),), 0, True),
    ("triu-vector", ["triu"], lambda m: np.triu(m, 1), (_any(B, 4),), 0, True),
    ("tril-vector-int", ["tril"], np.tril, (_int(B, 3),), 0, False),
    ("diag-matrix", ["diag"], lambda v: np.diag(v, 1), (_any(B, 3, 4),), 0, True),
    ("diag-vector", ["diag"], lambda v: np.diag(v, -2), (_any(B, 3),), 0, True),
    ("diagflat", ["diagflat"], lambda v: np.diagflat(v, 1), (_any(B, 2, 2),), 0, True),
    ("pad", ["pad"], lambda a: np.pad(a, ((1, 0), (2, 1)), constant_values=((0.5, 1.0), (2.0, 3.0))), (_any(B, 2, 3),), 0, True),
    ("pad-reflect", ["pad"], lambda a: np.pad(a, 2, mode="reflect"), (_any(B, 3, 4),), 0, True),
    ("pad-edge", ["pad"], lambda a: np.pad(a, (1, 2), mode="edge"), (_any(B, 3),), 0, True),
    ("pad-mean", ["pad"], lambda a: np.pad(a, 1, mode="mean", stat_length=2), (_any(B, 4),), 0, False),
    ("kron", ["kron"], np.kron, (_any(B, 2, 3), _any(2, 2)), (0, None), True),
    ("kron-both", ["kron"], np.kron, (_any(B, 2), _any(B, 2, 3)), 0, True),
    ("kron-unbatched-first", ["kron"], np.kron, (_any(3), _any(B, 2)), (None, 0), True),
    ("broadcast_arrays", ["broadcast_arrays"], lambda a, b: np.broadcast_arrays(a, b), (_any(B, 3), _any(2, 1)), (0, None), True),
    ("meshgrid", ["meshgrid"], lambda x, y: np.meshgrid(x, y), (_any(B, 3), _any(2)), (0, None), True),
    ("meshgrid-ij-sparse", ["meshgrid"], lambda x, y, z: np.meshgrid(x, y, z, indexing="ij", sparse=True), (_any(B, 3), _any(2), _any(B, 2)), (0, None, 0), True),
    ("choose", ["choose"], lambda i, c: np.choose(i, c), (IDX, _any(2, 4)), (0, None), False),
    ("choose-batched-choices", ["choose"], lambda c: np.choose(onp.array([1, 0, 1]), c), (_any(B, 2, 3),), 0, True),
    ("cross", ["cross"], np.cross, (_any(B, 3), _any(3)), (0, None), True),
    ("cross-axes", ["cross"], lambda a, b: np.cross(a, b, axisa=0, axisc=0), (_any(B, 3, 2), _any(B, 2, 3)), 0, True),
    ("linspace", ["linspace"], lambda a, b: np.linspace(a, b, 5), (_any(B), _any(B) + 3), 0, True),
    ("linspace-axis", ["linspace"], lambda a: np.linspace(a, 4.0, 4, axis=-1, endpoint=False), (_any(B, 2),), 0, True),
    ("logspace", ["logspace"], lambda a: np.logspace(a, 1.0, 4, base=onp.array([2.0, 3.0])), (_any(B, 2),), 0, True),
    ("geomspace", ["geomspace"], lambda a: np.geomspace(a, 10.0, 3), (_pos(B),), 0, True),
    ("full", ["full"], lambda v: np.full((2, 3), v), (_any(B),), 0, True),
    ("full-row", ["full"], lambda v: np.full((2, 3), v), (_any(B, 3),), 0, True),
    ("kaiser", ["kaiser"], lambda beta: np.kaiser(5, beta), (_pos(B) * 3,), 0, True),
    # statistics
    ("cov", ["cov"], np.cov, (_any(B, 3, 5),), 0, True),
    ("cov-y", ["cov"], lambda m, y: np.cov(m, y, rowvar=False, ddof=0), (_any(B, 5, 2), _any(5, 1)), (0, None), True),
    ("cov-1d", ["cov"], lambda m: np.cov(m, bias=True), (_any(B, 5),), 0, True),
    ("corrcoef", ["corrcoef"], np.corrcoef, (_any(B, 3, 5),), 0, True),
    ("corrcoef-y", ["corrcoef"], lambda x, y: np.corrcoef(x, y), (_any(B, 5), _any(B, 5)), 0, True),
    ("corrcoef-complex", ["corrcoef"], np.corrcoef, (_c(B, 2, 5),), 0, False),
    # products, convolutions, polynomials
    ("vdot", ["vdot"], np.vdot, (_c(B, 2, 2), _c(4)), (0, None), True),
    ("vdot-both", ["vdot"], np.vdot, (_any(B, 3), _any(B, 3)), 0, True),
    ("matvec", ["matvec"], np.matvec, (_any(B, 2, 3), _any(3)), (0, None), True),
    ("matvec-stack", ["matvec"], np.matvec, (_any(B, 4, 2, 3), _any(B, 3)), 0, True),
    ("vecmat", ["vecmat"], np.vecmat, (_any(2), _any(B, 2, 3)), (None, 0), True),
    ("vecdot", ["vecdot"], np.vecdot, (_any(B, 2, 3), _any(B, 3)), 0, True),
    ("matrix_transpose", ["matrix_transpose"], np.matrix_transpose, (_any(B, 2, 3),), 0, True),
    ("convolve", ["convolve"], np.convolve, (_any(B, 5), _any(3)), (0, None), True),
    ("convolve-same", ["convolve"], lambda a, v: np.convolve(a, v, "same"), (_any(B, 3), _any(B, 5)), 0, True),
    ("convolve-valid", ["convolve"], lambda a, v: np.convolve(a, v, "valid"), (_any(4), _any(B, 2)), (None, 0), True),
    ("correlate", ["correlate"], np.correlate, (_any(B, 5), _any(3)), (0, None), True),
    ("correlate-full-longer-v", ["correlate"], lambda a, v: np.correlate(a, v, "full"), (_c(B, 3), _c(B, 5)), 0, True),
    ("correlate-same", ["correlate"], lambda a, v: np.correlate(a, v, "same"), (_any(B, 4), _any(B, 4)), 0, True),
    ("polyadd", ["polyadd"], np.polyadd, (_any(B, 2), _any(4)), (0, None), True),
    ("polysub", ["polysub"], np.polysub, (_any(B, 4), _any(B, 3)), 0, True),
    ("polymul", ["polymul"], np.polymul, (_any(B, 3), _any(2)), (0, None), True),
    ("polyder", ["polyder"], lambda p: np.polyder(p, 2), (_any(B, 5),), 0, True),
    ("polyint", ["polyint"], lambda p: np.polyint(p, 2, k=[1.0, 2.0]), (_any(B, 3),), 0, True),
    ("polyval", ["polyval"], np.polyval, (_any(B, 4), _any(3)), (0, None), True),
    ("polyval-x", ["polyval"], np.polyval, (_any(4), _any(B, 2, 3)), (None, 0), True),
    ("vander", ["vander"], lambda x: np.vander(x, 4), (_any(B, 3),), 0, True),
    ("vander-increasing", ["vander"], lambda x: np.vander(x, increasing=True), (_int(B, 3),), 0, False),
    ("polyfit", ["polyfit"], lambda y: np.polyfit(XP, y, 2), (_any(B, 4),), 0, True),
    ("polyfit-columns-weights", ["polyfit"], lambda y: np.polyfit(XP, y, 1, w=FP + 2), (_any(B, 4, 2),), 0, True),
    ("roots", ["roots"], np.roots, (_any(B, 4),), 0, False),
    ("polydiv", ["polydiv"], np.polydiv, (_any(B, 5), _any(B, 2)), 0, True),
    ("polydiv-unbatched-divisor", ["polydiv"], lambda u, v: np.polydiv(u, v)[1], (_any(B, 4), _any(3)), (0, None), True),
    ("polydiv-longer-divisor", ["polydiv"], np.polydiv, (_any(B, 2), _any(3)), (0, None), True),
    ("polydiv-exact", ["polydiv"], lambda u: np.polydiv(np.polymul(u, FP[:2]), FP[:2]), (_any(B, 3),), 0, True),
    ("trim_zeros", ["trim_zeros"], lambda x: np.trim_zeros(x * onp.array([0.0, 1.0, 1.0, 0.0, 0.0])), (_pos(B, 5),), 0, True),
    ("trim_zeros-front", ["trim_zeros"], lambda x: np.trim_zeros(x * onp.array([0.0, 1.0, 1.0, 0.0]), "f"), (_pos(B, 4),), 0, True),
    ("poly", ["poly"], np.poly, (_any(B, 3),), 0, True),
    ("poly-conjugate-roots", ["poly"], np.poly, (onp.stack([[1 + 1j, 1 - 1j, 2]] * B) * _pos(B, 1),), 0, False),
    ("poly-complex", ["poly"], np.poly, (_c(B, 2),), 0, False),
    # numpy.linalg on stacks
    ("linalg.lstsq", ["linalg.lstsq"], lambda b: np.linalg.lstsq(M53, b, rcond=None), (_any(B, 5),), 0, True),
    ("linalg.lstsq-columns", ["linalg.lstsq"], lambda b: np.linalg.lstsq(M53, b)[0], (_any(B, 5, 2),), 0, True),
    ("linalg.lstsq-rank-deficient", ["linalg.lstsq"], lambda b: np.linalg.lstsq(onp.ones((3, 2)), b), (_any(B, 3),), 0, True),
    ("linalg.matmul", ["linalg.matmul"], np.linalg.matmul, (_any(B, 2, 3), _any(3)), (0, None), True),
    ("linalg.tensordot", ["linalg.tensordot"], lambda a, b: np.linalg.tensordot(a, b, axes=1), (_any(B, 2, 3), _any(3, 2)), (0, None), True),
    ("linalg.outer", ["linalg.outer"], np.linalg.outer, (_any(B, 3), _any(2)), (0, None), True),
    ("linalg.vecdot", ["linalg.vecdot"], np.linalg.vecdot, (_any(B, 2, 3), _any(3)), (0, None), True),
    ("linalg.cross", ["linalg.cross"], np.linalg.cross, (_any(B, 3), _any(B, 2, 3)), 0, True),
    ("linalg.vector_norm", ["linalg.vector_norm"], np.linalg.vector_norm, (_any(B, 2, 3),), 0, True),
    ("linalg.vector_norm-axis", ["linalg.vector_norm"], lambda x: np.linalg.vector_norm(x, axis=0, ord=3, keepdims=True), (_any(B, 2, 3),), 0, True),
    ("linalg.vector_norm-keepdims", ["linalg.vector_norm"], lambda x: np.linalg.vector_norm(x, keepdims=True), (_any(B, 2, 3),), 0, True),
    ("linalg.matrix_transpose", ["linalg.matrix_transpose"], np.linalg.matrix_transpose, (_any(B, 2, 3),), 0, True),
    ("linalg.diagonal", ["linalg.diagonal"], lambda x: np.linalg.diagonal(x, offset=1), (_any(B, 3, 3),), 0, True),
    ("linalg.trace", ["linalg.trace"], np.linalg.trace, (_any(B, 2, 3, 3),), 0, True),
    ("linalg.svdvals", ["linalg.svdvals"], np.linalg.svdvals, (_any(B, 3, 2),), 0, True),
    ("linalg.matrix_norm", ["linalg.matrix_norm"], lambda x: np.linalg.matrix_norm(x, ord=1, keepdims=True), (_any(B, 3, 3),), 0, True),
    ("linalg.cond", ["linalg.cond"], np.linalg.cond, (_spd(3),), 0, True),
    ("linalg.cond-p", ["linalg.cond"], lambda x: np.linalg.cond(x, "fro"), (_spd(3),), 0, True),
    ("linalg.matrix_power", ["linalg.matrix_power"], lambda a: np.linalg.matrix_power(a, 3), (_any(B, 2, 2),), 0, True),
    ("linalg.matrix_power-inverse", ["linalg.matrix_power"], lambda a: np.linalg.matrix_power(a, -2), (_spd(2),), 0, True),
    ("linalg.tensorinv", ["linalg.tensorinv"], lambda a: np.linalg.tensorinv(a, 1), (_spd(4).reshape(B, 4, 2, 2),), 0, True),
    ("linalg.tensorsolve", ["linalg.tensorsolve"], np.linalg.tensorsolve, (_spd(4).reshape(B, 2, 2, 4), _any(B, 2, 2)), 0, True),
    ("linalg.tensorsolve-axes", ["linalg.tensorsolve"], lambda a, b: np.linalg.tensorsolve(a, b, axes=(0,)), (_spd(4).reshape(B, 4, 2, 2), _any(2, 2)), (0, None), True),
    ("linalg.inv", ["linalg.inv"], np.linalg.inv, (_spd(3),), 0, True),
    ("linalg.pinv", ["linalg.pinv"], np.linalg.pinv, (_any(B, 3, 2),), 0, True),
    ("linalg.eig", ["linalg.eig"], lambda a: np.linalg.eig(a)[0], (_spd(3),), 0, True),
    ("linalg.eigvals", ["linalg.eigvals"], np.linalg.eigvals, (_spd(3),), 0, True),
    ("linalg.eigvalsh", ["linalg.eigvalsh"], np.linalg.eigvalsh, (_spd(3),), 0, True),
    ("linalg.svd", ["linalg.svd"], lambda a: np.linalg.svd(a, compute_uv=False), (_any(B, 3, 2),), 0, True),
    ("linalg.qr", ["linalg.qr"], lambda a: np.linalg.qr(a)[1], (_any(B, 3, 3),), 0, True),
    # numpy.fft
    ("fftshift", ["fft.fftshift"], np.fft.fftshift, (_any(B, 3, 4),), 0, True),
    ("ifftshift-axes", ["fft.ifftshift"], lambda x: np.fft.ifftshift(x, axes=-1), (_any(B, 3, 5),), 0, True),
    ("ifft", ["fft.ifft"], np.fft.ifft, (_c(B, 4),), 0, True),
    ("irfft", ["fft.irfft"], lambda x: np.fft.irfft(x, 6), (_c(B, 4),), 0, True),
    ("hfft", ["fft.hfft"], np.fft.hfft, (_c(B, 4),), 0, True),
    ("ihfft", ["fft.ihfft"], np.fft.ihfft, (_any(B, 4),), 0, True),
    ("ifft2", ["fft.ifft2"], np.fft.ifft2, (_c(B, 3, 4),), 0, True),
    ("rfft2", ["fft.rfft2"], np.fft.rfft2, (_any(B, 3, 4),), 0, True),
    ("irfft2", ["fft.irfft2"], np.fft.irfft2, (_c(B, 3, 4),), 0, True),
    ("ifftn", ["fft.ifftn"], lambda x: np.fft.ifftn(x, axes=(0,)), (_c(B, 3, 4),), 0, True),
    ("rfftn", ["fft.rfftn"], np.fft.rfftn, (_any(B, 3, 4),), 0, True),
    ("irfftn", ["fft.irfftn"], lambda x: np.fft.irfftn(x, s=(3, 4), axes=(0, 1)), (_c(B, 3, 3),), 0, True),
    # reductions and sorts not in test_vmap.py's table
    ("amax", ["amax"], lambda x: np.amax(x, axis=1), (_any(B, 2, 3),), 0, True),
    ("amin", ["amin"], np.amin, (_any(B, 2, 3),), 0, True),
    ("ptp", ["ptp"], lambda x: np.ptp(x, axis=0), (_any(B, 2, 3),), 0, True),
    ("all", ["all"], lambda x: np.all(x > 0, axis=1), (_any(B, 2, 3),), 0, False),
    ("any", ["any"], lambda x: np.any(x > 0), (_any(B, 2, 3),), 0, False),
    ("count_nonzero", ["count_nonzero"], lambda x: np.count_nonzero(x > 0, axis=-1), (_any(B, 2, 3),), 0, False),
    ("nansum", ["nansum"], lambda x: np.nansum(x, axis=1), (NAN,), 0, True),
    ("nanprod", ["nanprod"], np.nanprod, (NAN,), 0, True),
    ("nanmax", ["nanmax"], lambda x: np.nanmax(x, axis=-1), (NAN,), 0, True),
    ("nanmin", ["nanmin"], np.nanmin, (NAN,), 0, True),
    ("nanmean", ["nanmean"], lambda x: np.nanmean(x, axis=0), (NAN,), 0, True),
    ("nanstd", ["nanstd"], lambda x: np.nanstd(x, axis=1), (NAN,), 0, True),
    ("nanvar", ["nanvar"], np.nanvar, (NAN,), 0, True),
    ("nancumsum", ["nancumsum"], lambda x: np.nancumsum(x, axis=1), (NAN,), 0, True),
    ("nancumprod", ["nancumprod"], np.nancumprod, (NAN,), 0, True),
    ("cumprod", ["cumprod"], lambda x: np.cumprod(x, axis=0), (_any(B, 2, 3),), 0, True),
    ("argmin", ["argmin"], lambda x: np.argmin(x, axis=0), (_any(B, 2, 3),), 0, False),
    ("nanargmax", ["nanargmax"], lambda x: np.nanargmax(x, axis=1), (NAN,), 0, False),
    ("nanargmin", ["nanargmin"], np.nanargmin, (NAN[:, :1],), 0, False),
    ("size", ["size"], lambda x: x * np.size(x), (_any(B, 2, 3),), 0, True),
    ("imag", ["imag"], np.imag, (_c(B, 3),), 0, True),
    ("empty_like", ["empty_like"], lambda x: np.empty_like(x).shape[0] + x, (_any(B, 3),), 0, False),
    ("full_like", ["full_like"], lambda x: np.full_like(x, 2.0) * x, (_any(B, 3),), 0, True),
    # creation and joining (through the primitives they call)
    ("array", ["array"], lambda x: np.array([x, 2 * x]), (_any(B, 3),), 0, True),
    ("asarray", ["asarray"], lambda x: np.asarray(x, dtype=onp.float32), (_any(B, 3),), 0, True),
    ("asanyarray", ["asanyarray"], np.asanyarray, (_any(B, 3),), 0, True),
    ("ascontiguousarray", ["ascontiguousarray"], np.ascontiguousarray, (_any(B, 3),), 0, True),
    ("astype", ["astype"], lambda x: np.astype(x, onp.complex128), (_any(B, 3),), 0, True),
    ("atleast_1d", ["atleast_1d"], np.atleast_1d, (_any(B),), 0, True),
    ("atleast_2d", ["atleast_2d"], np.atleast_2d, (_any(B, 3),), 0, True),
    ("atleast_3d", ["atleast_3d"], np.atleast_3d, (_any(B, 3),), 0, True),
    ("concatenate", ["concatenate"], lambda x, y: np.concatenate([x, y]), (_any(B, 2, 3), _any(B, 1, 3)), 0, True),
    ("concat", ["concat"], lambda x, y: np.concat([x, y], axis=None), (_any(B, 2, 3), _any(1, 3)), (0, None), True),
    ("stack-axis", ["stack"], lambda x, y: np.stack([x, y], axis=-1), (_any(B, 2, 3), _any(2, 3)), (0, None), True),
    ("hstack", ["hstack"], lambda x, y: np.hstack([x, y]), (_any(B, 3), _any(B, 2)), 0, True),
    ("vstack", ["vstack"], lambda x, y: np.vstack([x, y]), (_any(B, 3), _any(2, 3)), (0, None), True),
    ("row_stack", ["row_stack"], lambda x, y: np.row_stack([x, y]), (_any(B, 3), _any(B, 3)), 0, True),
    ("dstack", ["dstack"], lambda x, y: np.dstack([x, y]), (_any(B, 2, 3), _any(B, 2, 3)), 0, True),
    ("column_stack", ["column_stack"], lambda x, y: np.column_stack([x, y]), (_any(B, 3), _any(3, 2)), (0, None), True),
    ("permute_dims", ["permute_dims"], lambda x: np.permute_dims(x, (2, 0, 1)), (_any(B, 2, 3, 4),), 0, True),
    # list arguments: computed with batched dot / concatenate by the wrapper ([]: nothing loops)
    ("linalg.multi_dot", [], lambda a, b: np.linalg.multi_dot([a, b, b.T, a.T]), (_any(B, 2, 3), _any(3, 4)), (0, None), True),
    ("linalg.multi_dot-vectors", [], lambda v, b: np.linalg.multi_dot([v, b, b.T, b[:, 0]]), (_any(B, 3), _any(3, 5)), (0, None), True),
    ("linalg.multi_dot-two", [], lambda a, b: np.linalg.multi_dot([a, b]), (_any(B, 2, 3), _any(B, 3)), 0, True),
    ("block", [], lambda a, b: np.block([[a, b], [b, a]]), (_any(B, 2, 2), _any(2, 2)), (0, None), True),
    ("block-scalar-leaf", [], lambda a: np.block([a, 1.0, a]), (_any(B, 3),), 0, True),
    ("block-3d", [], lambda a: np.block([[[a]], [[a]]]), (_any(B, 2),), 0, True),
    # non-differentiable: comparisons and queries per example
    ("isclose", ["isclose"], lambda a, b: np.isclose(a, b, atol=0.5), (_any(B, 4), _any(2, 1)), (0, None), False),
    ("allclose", ["allclose"], lambda a, b: np.allclose(a, b, atol=1.0), (_any(B, 4), _any(2, 1)), (0, None), False),
    ("array_equal", ["array_equal"], np.array_equal, (_int(B, 3, hi=2), _int(B, 3, hi=2)), 0, False),
    ("array_equal-nan", ["array_equal"], lambda a: np.array_equal(a, a, equal_nan=True), (NAN,), 0, False),
    ("array_equal-shapes", ["array_equal"], np.array_equal, (_any(B, 3), _any(2, 3)), (0, None), False),
    ("array_equiv", ["array_equiv"], np.array_equiv, (_int(B, 3, hi=2), _int(2, 1, hi=2)), (0, None), False),
    ("iscomplex", ["iscomplex"], np.iscomplex, (_c(B, 3) * (_any(B, 3) > 0),), 0, False),
    ("isreal", ["isreal"], np.isreal, (_c(B, 3) * (_any(B, 3) > 0),), 0, False),
    ("isneginf", ["isneginf"], np.isneginf, (onp.where(NAN > 0.5, -onp.inf, NAN),), 0, False),
    ("isposinf", ["isposinf"], np.isposinf, (onp.where(NAN > 0.5, onp.inf, NAN),), 0, False),
    ("fix", ["fix"], np.fix, (_any(B, 4) * 3,), 0, False),
    ("round", ["round"], lambda x: np.round(x, 1), (_any(B, 4),), 0, False),
    ("around", ["around"], np.around, (_any(B, 4) * 3,), 0, False),
    ("digitize", ["digitize"], lambda x: np.digitize(x, XP), (_any(B, 5),), 0, False),
    ("isin", ["isin"], lambda x: np.isin(x, [0, 2]), (_int(B, 4),), 0, False),
    ("unravel_index", ["unravel_index"], lambda i: np.unravel_index(i, (2, 3)), (_int(B, 4, hi=6),), 0, False),
    ("argpartition", ["argpartition"], lambda x: np.argpartition(x, 1, axis=0), (_any(B, 3, 2),), 0, False),
    ("linalg.matrix_rank", ["linalg.matrix_rank"], np.linalg.matrix_rank, (_any(B, 3, 2),), 0, False),
    ("select", ["select"], lambda x: np.select([x > 0.5, x < 0], [x, -x], 0.25), (_any(B, 4),), 0, True),
    ("select-unbatched-conditions", ["select"], lambda x, y: np.select([onp.array([True, False, False])], [x], y), (_any(B, 3), _any(3)), 0, True),
]
# NumPy 1.x's aliases (cumproduct, product, round_, msort, trapz), deprecated there:
# batched as the functions they alias
def _quiet(f):
    def call(*args):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return f(*args)
    return call


if hasattr(onp, "cumproduct"):
    ROWS += [
        ("cumproduct", ["cumproduct"], _quiet(lambda a: np.cumproduct(a, axis=1)), (_any(B, 3, 4),), 0, True),
        ("cumproduct-flat", ["cumproduct"], _quiet(np.cumproduct), (_any(B, 2, 3),), 0, True),
        ("product", ["product"], _quiet(lambda a: np.product(a, axis=0)), (_any(B, 3, 4),), 0, True),
        ("round_", ["round_"], _quiet(lambda a: np.round_(a, 1)), (_any(B, 4),), 0, True),
        ("msort", ["msort"], _quiet(np.msort), (_any(B, 4, 3),), 0, True),
        ("trapz", ["trapz"], _quiet(lambda y: np.trapz(y, dx=0.5)), (_any(B, 2, 5),), 0, True),
    ]
# fmt: on

TESTED = {name for row in ROWS for name in row[1]}


def _take(a, i, ax):
    return a if ax is None else onp.take(a, i, axis=ax)


def _stack(outs):
    if isinstance(outs[0], (tuple, list)):
        return [_stack([o[k] for o in outs]) for k in range(len(outs[0]))]
    return onp.stack([onp.asarray(o) for o in outs])


def _loop(f, args, in_axes):
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    return _stack([f(*[_take(a, i, ax) for a, ax in zip(args, axes)]) for i in range(B)])


def _assert_same(got, want):
    if isinstance(want, list):
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for g, w in zip(got, want):
            _assert_same(g, w)
        return
    got = onp.asarray(got)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert onp.allclose(got, want, rtol=1e-10, atol=1e-12, equal_nan=True)


def _resolve(name):
    obj, raw = np, onp
    for part in name.split("."):
        obj, raw = getattr(obj, part), getattr(raw, part, None)
    return _resolve_obj(obj) | (_resolve_obj(raw) if raw is not None else set())


def _resolve_obj(obj):
    raws = {raw_of(obj), raw_of(getattr(obj, "__wrapped__", obj))}
    return raws | {active().via.get(r, r) for r in raws}


def _check_rule_used(names):
    looped = set(batching.loop_counts)
    if not names:       # built from other functions: none of them loops
        assert not looped, f"batched by the loop: {looped}"
    for name in names:
        raws = _resolve(name)
        if any(getattr(r, "__autograd_composite__", False) for r in raws):
            continue        # built from traced operations: each batched by its own rule
        assert not (raws & looped), f"{name} was batched by the loop, not by its rule"
        assert any(r in active().batches for r in raws), f"{name} has no batching rule"


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rule_matches_the_loop(row):
    label, names, f, args, in_axes, _ = row
    batching.loop_counts.clear()
    got = vmap(f, in_axes)(*args)
    _check_rule_used(names)
    _assert_same(got, _loop(f, args, in_axes))


def _last(a, ax):
    return a if ax is None else onp.moveaxis(a, ax, -1)


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rule_with_the_batch_axis_last(row):
    """in_axes=-1 and out_axes=-1: the batch axis moved in and out around the rule."""
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    moved = [_last(a, ax) for a, ax in zip(args, axes)]
    new_axes = tuple(None if ax is None else -1 for ax in axes)
    got = vmap(f, new_axes, out_axes=-1)(*moved)
    want = _loop(f, args, in_axes)
    move = (lambda w: [move(x) for x in w] if isinstance(w, list)   # noqa: E731
            else onp.moveaxis(w, 0, -1))
    _assert_same(got, move(want))


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rule_under_nested_vmap(row):
    """vmap(vmap(f)): the rule runs on values batched twice (an outer batch of 2)."""
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    other = [a if ax is None else onp.flip(a, ax) for a, ax in zip(args, axes)]
    twice = [a if ax is None else onp.stack([a, b]) for a, b, ax in zip(args, other, axes)]
    got = vmap(vmap(f, in_axes), in_axes)(*twice)
    want = [_loop(f, args, in_axes), _loop(f, other, in_axes)]
    _assert_same(got, [onp.stack(w) for w in zip(*want)] if isinstance(want[0], list)
                 else onp.stack(want))


def _scalar(out):
    """A scalar loss of any output: every item, complex parts included."""
    if isinstance(getval(out), (tuple, list)):      # a traced tuple is a SequenceBox
        return functools.reduce(operator.add, [_scalar(out[k]) for k in range(len(out))])
    if onp.issubdtype(onp.asarray(out if not hasattr(out, "dtype") else onp.empty(0, out.dtype)
                                  ).dtype, onp.complexfloating):
        return np.sum(np.sin(np.real(out)) + np.cos(np.imag(out)) ** 2)
    return np.sum(np.sin(out) * np.cos(out + 0.3))


DIFF_ROWS = [r for r in ROWS if r[5]]


def _diff_arg(args, axes):
    """The first batched argument with an inexact dtype (the one differentiated)."""
    for k, (a, ax) in enumerate(zip(args, axes)):
        if ax is not None and onp.issubdtype(onp.asarray(a).dtype, onp.inexact):
            return k
    return None


@pytest.mark.parametrize("row", DIFF_ROWS, ids=[r[0] for r in DIFF_ROWS])
def test_per_example_gradients_match_the_loop(row):
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    k = _diff_arg(args, axes)
    loss = lambda *a: _scalar(f(*a))       # noqa: E731
    got = vmap(grad(loss, k), in_axes)(*args)
    want = onp.stack([grad(loss, k)(*[_take(a, i, ax) for a, ax in zip(args, axes)])
                      for i in range(B)])
    assert got.shape == want.shape and got.dtype == want.dtype
    assert onp.allclose(got, want, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("row", DIFF_ROWS, ids=[r[0] for r in DIFF_ROWS])
def test_gradient_through_the_rule_matches_the_loop(row):
    """``grad`` of a vmapped loss differentiates the rule's own operations."""
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    k = _diff_arg(args, axes)

    def batched(*a):
        return _scalar(vmap(f, in_axes)(*a))

    def looped(*a):
        return sum(_scalar(f(*[v if ax is None else v[i] for v, ax in zip(a, axes)]))
                   for i in range(B))

    assert onp.allclose(grad(batched, k)(*args), grad(looped, k)(*args), rtol=1e-8, atol=1e-10)


def _one_example(f, args, axes, k):
    """``f`` as a function of argument ``k`` of example 0 (the others fixed), and that value."""
    example = [_take(a, 0, ax) for a, ax in zip(args, axes)]

    def g(x):
        return f(*example[:k], x, *example[k + 1:])
    return g, example[k]


def _real_array_function(row):
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    g, x = _one_example(f, args, axes, _diff_arg(args, axes))
    out = g(x)
    return not (isinstance(out, (tuple, list)) or onp.iscomplexobj(out) or onp.iscomplexobj(x))


# jacobian takes its one-pass path for real arrays (tuples and complex values: one
# pass per coordinate, the loop itself)
JAC_ROWS = [r for r in DIFF_ROWS if _real_array_function(r)]


@pytest.mark.parametrize("row", JAC_ROWS, ids=[r[0] for r in JAC_ROWS])
def test_jacobian_in_one_pass_matches_the_loop(row):
    """jacobian's batched pass (vmap of the VJP over the identity basis) runs the
    rows' gradient rules on batched cotangents: it equals one pass per row."""
    label, names, f, args, in_axes, _ = row
    axes = in_axes if isinstance(in_axes, tuple) else (in_axes,) * len(args)
    g, x = _one_example(f, args, axes, _diff_arg(args, axes))
    vjp, ans = make_vjp(g)(x)
    ans = onp.asarray(ans)
    basis = onp.eye(ans.size).reshape((ans.size,) + ans.shape)
    rows = vmap(vjp)(basis)         # what jacobian's one pass computes (no fallback here)
    assert onp.allclose(rows, onp.stack([vjp(b) for b in basis]), rtol=1e-8, atol=1e-10)
    assert onp.allclose(jacobian(g)(x), _jacobian_loop(g)(x), rtol=1e-8, atol=1e-10)


# ----------------------------------------------------------------- every ufunc

def _ufunc_args(u):
    """Inputs a ufunc accepts: floats in (0.2, 0.8) (inside every float domain's
    interior but arccosh's, which gives NaN both ways), else small integers."""
    floats = any(t.split("->")[0] == "d" * u.nin for t in u.types)
    if floats:
        lo = 1.2 if u.__name__ == "arccosh" else 0.2
        return [R.uniform(lo, lo + 0.6, (B, 3, 1)), R.uniform(lo, lo + 0.6, (4,))][:u.nin]
    return [R.randint(1, 5, (B, 3, 1)), R.randint(1, 5, (4,))][:u.nin]


def _numeric(u):
    return any(set(t.split("->")[0]) <= set("?bBhHiIlLqQefdgFDG") for t in u.types)


# every ufunc of NumPy's namespace (isnat takes only datetimes)
UFUNCS = sorted({u for u in vars(onp).values()
                 if isinstance(u, onp.ufunc) and u.signature is None and _numeric(u)},
                key=lambda u: u.__name__)


@pytest.mark.parametrize("u", UFUNCS, ids=[u.__name__ for u in UFUNCS])
def test_every_ufunc_batches_like_the_loop(u):
    args = _ufunc_args(u)
    in_axes = (0, None)[:u.nin]
    f = getattr(np, u.__name__, None) or u
    batching.loop_counts.clear()
    got = vmap(f, in_axes)(*args)
    assert u in active().batches and u not in batching.loop_counts
    _assert_same(got, _loop(f, args, in_axes))
    if u.nin == 2:      # both operands batched
        args = [args[0], R.uniform(0.2, 0.8, (B, 4)) if args[1].dtype.kind == "f"
                else R.randint(1, 5, (B, 4))]
        _assert_same(vmap(f)(*args), _loop(f, args, 0))


# ----------------------------------------------------------------- coverage

def _test_vmap_rows():
    path = pathlib.Path(__file__).with_name("test_vmap.py")
    spec = importlib.util.spec_from_file_location("_vmap_rows", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TESTED


MODULES = {"numpy": "", "numpy.linalg": "linalg.", "numpy.fft": "fft."}


def _tested_raws():
    raws = set(UFUNCS)
    for name in TESTED | _test_vmap_rows():
        try:
            raws |= _resolve(name)
        except AttributeError:       # a "module:attribute" name of test_vmap.py
            pass
    return raws


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_function_batched_natively_has_a_row(module):
    cov = report.coverage(module)
    tested = _tested_raws()
    namespace = np if module == "numpy" else getattr(np, module.split(".")[1])
    missing = []
    for r in cov["rows"]:
        if not r["batch"] or r["composite"]:
            continue
        fun = getattr(namespace, r["name"], None)
        raw_numpy = raw_of(getattr(importlib.import_module(module), r["name"]))
        if raw_numpy not in tested and (fun is None or not (_resolve_obj(fun) & tested)):
            missing.append(r["name"])
    assert not missing, f"batched natively without a loop-comparison row: {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_differentiable_function_batched_by_the_loop_is_documented(module):
    cov = report.coverage(module)
    doc = (pathlib.Path(__file__).parents[2] / "docs" / "vmap.md").read_text()
    section = doc.split("## Functions without a batching rule", 1)[1].split("\n## ", 1)[0]
    missing = [r["name"] for r in cov["rows"] if r["vjp"] and not r["batch"]
               and f"`{MODULES[module]}{r['name']}`" not in section]
    assert not missing, f"differentiable, looped, and not listed in docs/vmap.md: {missing}"
