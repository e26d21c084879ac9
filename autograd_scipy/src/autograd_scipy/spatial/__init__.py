"""``autograd.scipy.spatial``: ``scipy.spatial`` with differentiable distances and rotations.

* :mod:`autograd.scipy.spatial.distance`: ``cdist``, ``pdist``, ``squareform``
  and the distance functions, differentiable in their inputs;
* :mod:`autograd.scipy.spatial.transform`: ``Rotation``, a differentiable
  counterpart of SciPy's class (quaternions held as traced arrays);
* ``distance_matrix``, ``minkowski_distance`` and ``minkowski_distance_p`` are
  differentiable (through the Minkowski formulas of ``distance``);
* the rest (``KDTree``, ``ConvexHull``, ``Delaunay``, ``procrustes`` ...) is
  SciPy's own: classes as they are, functions as primitives without rules, so
  differentiating one raises the missing-rule error naming it.

The rules live in :mod:`autograd_scipy.spatial._rules`.
"""

import scipy.spatial as _ssp

from autograd.extend import getval, primitive
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


for _f in (minkowski_distance_p, minkowski_distance, distance_matrix):
    _f.__doc__ = getattr(_ssp, _f.__name__).__doc__
    _f.__autograd_composite__ = True
del _f
