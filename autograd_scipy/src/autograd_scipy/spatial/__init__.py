"""``autograd.scipy.spatial``: ``scipy.spatial`` with differentiable distances and rotations.

* :mod:`autograd.scipy.spatial.distance`: ``cdist``, ``pdist``, ``squareform``
  and the distance functions, differentiable in their inputs;
* :mod:`autograd.scipy.spatial.transform`: ``Rotation``, a differentiable
  counterpart of SciPy's class (quaternions held as traced arrays);
* ``distance_matrix``, ``minkowski_distance`` and ``minkowski_distance_p`` are
  differentiable (through the Minkowski formulas of ``distance``), and so is
  ``procrustes`` (through an SVD: distinct singular values) and
  ``geometric_slerp`` (in ``t``, and in ``start``/``end`` along the sphere);
* ``tsearch`` (simplex indices) and the plotting functions are non-differentiable;
* the rest (``KDTree``, ``ConvexHull``, ``Delaunay`` ...) is
  SciPy's own: classes as they are, functions as primitives without rules, so
  differentiating one raises the missing-rule error naming it.

The rules live in :mod:`autograd_scipy.spatial._rules`.
"""

import scipy.spatial as _ssp

from autograd.extend import getval, primitive
from autograd_numpy import linalg as _anla
from autograd_numpy import numpy_wrapper as _anp
from autograd_numpy.util import any_boxed as _traced

from . import distance, transform
from .distance import _abspow0, _minkowski

__all__ = ["distance", "transform"]

for _name in getattr(_ssp, "__all__", ()):
    _obj = getattr(_ssp, _name)
    if _name in __all__ or type(_obj) is type(_ssp):
        continue
    globals()[_name] = _obj if isinstance(_obj, type) or not callable(_obj) else primitive(_obj)
    __all__.append(_name)
del _name, _obj


def minkowski_distance_p(x, y, p=2.0):
    if not _traced(x, y):
        return _ssp.minkowski_distance_p(x, y, p)
    _ssp.minkowski_distance_p(getval(x), getval(y), p)       # SciPy's checks
    d = _anp.asarray(x) - _anp.asarray(y)
    if p == _anp.inf:
        return _anp.max(_anp.abs(d), axis=-1)
    if p == 1:
        return _anp.sum(_anp.abs(d), axis=-1)
    return _anp.sum(_abspow0(d, p), axis=-1)


def minkowski_distance(x, y, p=2.0):
    if not _traced(x, y):
        return _ssp.minkowski_distance(x, y, p)
    _ssp.minkowski_distance(getval(x), getval(y), p)         # SciPy's checks
    return _minkowski(_anp.asarray(x), _anp.asarray(y), p)


def distance_matrix(x, y, p=2.0, threshold=1000000):
    if not _traced(x, y):
        return _ssp.distance_matrix(x, y, p, threshold)
    x, y = _anp.asarray(x), _anp.asarray(y)
    return minkowski_distance(_anp.expand_dims(x, 1), _anp.expand_dims(y, 0), p)


def procrustes(data1, data2):
    if not _traced(data1, data2):
        return _ssp.procrustes(data1, data2)
    _ssp.procrustes(getval(data1), getval(data2))             # SciPy's checks
    mtx1, mtx2 = _anp.asarray(data1) * 1.0, _anp.asarray(data2) * 1.0
    mtx1 = mtx1 - _anp.mean(mtx1, 0)
    mtx2 = mtx2 - _anp.mean(mtx2, 0)
    mtx1 = mtx1 / _anp.sqrt(_anp.sum(mtx1 * mtx1))
    mtx2 = mtx2 / _anp.sqrt(_anp.sum(mtx2 * mtx2))
    # scipy.linalg.orthogonal_procrustes(mtx1, mtx2): R = U V^T, s = sum of the
    # singular values of mtx1^T mtx2 (distinct singular values for a derivative)
    u, w, vt = _anla.svd(_anp.matmul(_anp.transpose(mtx1), mtx2), full_matrices=False)
    mtx2 = _anp.matmul(mtx2, _anp.transpose(_anp.matmul(u, vt))) * _anp.sum(w)
    return mtx1, mtx2, _anp.sum((mtx1 - mtx2) ** 2)


def geometric_slerp(start, end, t, tol=1e-7):
    if not _traced(start, end, t):
        return _ssp.geometric_slerp(start, end, t, tol)
    raw = _ssp.geometric_slerp(getval(start), getval(end), getval(t), tol)   # checks, shape
    start, end = _anp.asarray(start) * 1.0, _anp.asarray(end) * 1.0
    if _anp.size(raw) == 0 or _anp.array_equal(getval(start), getval(end)):
        return raw          # start repeated: SciPy's special case, a constant
    # SciPy's orthonormal basis of span(start, end) (QR of [start, end]^T, positive
    # diagonal), the angle between them, and the great circle through both
    c = _anp.sum(start * end)
    q1 = start / _anp.sqrt(_anp.sum(start * start))
    v = end - _anp.sum(q1 * end) * q1
    nv = _anp.sqrt(_anp.sum(v * v))
    omega = _anp.arctan2(_anp.sqrt(_anp.sum(start * start)) * nv, c)
    tt = _anp.reshape(_anp.asarray(t) * 1.0, (-1, 1))
    out = q1 * _anp.cos(tt * omega) + (v / nv) * _anp.sin(tt * omega)
    return _anp.reshape(out, _anp.shape(raw))


for _f in (minkowski_distance_p, minkowski_distance, distance_matrix, procrustes,
           geometric_slerp):
    _f.__doc__ = getattr(_ssp, _f.__name__).__doc__
    _f.__autograd_composite__ = True
del _f
