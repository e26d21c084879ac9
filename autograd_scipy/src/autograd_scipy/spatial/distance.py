"""``autograd.scipy.spatial.distance``: SciPy's distances, differentiable in their inputs.

* ``cdist``, ``pdist`` and the distance functions (``euclidean(u, v, w)`` ...)
  of the metrics with a derivative — ``euclidean``, ``sqeuclidean``,
  ``cityblock``, ``chebyshev``, ``minkowski`` (``p``), ``seuclidean`` (``V``),
  ``mahalanobis`` (``VI``), ``cosine``, ``correlation``, ``canberra``,
  ``braycurtis``, ``jensenshannon`` — are primitives whose values are SciPy's;
  their rules differentiate an equivalent written with ``autograd.numpy``
  (:data:`KERNELS`, one formula per metric evaluated on broadcast pairs of
  rows; the (squared) Euclidean ``cdist``/``pdist`` by matrix products, see
  :mod:`._rules`), in every input: the points, and the weights ``w``, variances ``V``,
  inverse covariance ``VI`` where given.  When ``V``/``VI`` are left out
  SciPy computes them from the points, and so does the equivalent: the
  gradient includes that dependence.
* At points where a metric is not differentiable the derivative is the
  subgradient 0, never NaN: coincident points for ``euclidean``,
  ``minkowski``, ``seuclidean``, ``mahalanobis`` and ``jensenshannon`` (the
  square root or ``1/p``-th root at 0), zero components for ``cityblock`` and
  ``canberra``, zero probabilities in ``jensenshannon``.  Where SciPy's value
  is NaN (``cosine``/``correlation`` of a zero or constant vector,
  ``braycurtis`` of two zero vectors), the value stays NaN and its
  derivative is 0.
* The boolean metrics (``hamming``, ``jaccard``, ``dice``, ``rogerstanimoto``,
  ``russellrao``, ``sokalsneath``, ``yule``, and ``kulczynski1``/
  ``sokalmichener`` where SciPy has them) count coordinates that differ or are
  nonzero: piecewise constant in the inputs, so they run on raw values and
  their results are constants (derivative 0 almost everywhere, as for
  ``numpy.round``).
* ``cdist``/``pdist`` with a callable metric call it on every pair of rows
  (traced, so it must be written with ``autograd.numpy``).
* ``squareform`` (both directions) is linear: an indexing of its input.
  ``directed_hausdorff`` returns the Euclidean distance of the pair SciPy
  selects (the indices are constants).
* ``is_valid_dm``, ``is_valid_y``, ``num_obs_dm``, ``num_obs_y`` run on raw values.

Untraced calls are SciPy's own.  Real inputs only (SciPy's distances are).

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.spatial.distance import cdist
>>> grad(lambda x: np.sum(cdist(x, np.zeros((1, 2)))))(np.array([[3.0, 4.0], [0.0, 0.0]]))
array([[0.6, 0.8],
       [0. , 0. ]])
"""

import numpy as _onp
import scipy.spatial.distance as _ssd

from autograd.extend import getval, primitive
from autograd_numpy import linalg as _anla
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.numpy_wrapper import notrace as _notrace
from autograd_numpy.util import any_boxed as _traced

__all__ = []

NONDIFF_METRICS = {"dice", "hamming", "jaccard", "kulczynski1", "rogerstanimoto",
                   "russellrao", "sokalmichener", "sokalsneath", "yule", "matching"}


# ----------------------------------------------------------------- safe pieces
# Each takes the branch that keeps derivatives finite: the unselected branch of
# ``where`` gets a zero cotangent, and its argument is replaced by 1 so that no
# 0 * inf appears.

def _sqrt0(s):
    """``sqrt(s)``, derivative 0 where ``s == 0`` (coincident points)."""
    pos = getval(s) > 0
    return anp.where(pos, anp.sqrt(anp.where(pos, s, 1.0)), 0.0)


def _root0(s, p):
    """``s ** (1/p)``, derivative 0 where ``s == 0``."""
    pos = getval(s) > 0
    return anp.where(pos, anp.where(pos, s, 1.0) ** (1.0 / p), 0.0)


def _abspow0(d, p):
    """``|d| ** p``, derivative 0 where ``d == 0`` (also for ``p < 1``)."""
    a = anp.abs(d)
    pos = getval(a) > 0
    return anp.where(pos, anp.where(pos, a, 1.0) ** p, 0.0)


def _div0(num, den, fill):
    """``num / den`` where ``den != 0``, else ``fill`` (a constant)."""
    ok = getval(den) != 0
    return anp.where(ok, num / anp.where(ok, den, 1.0), fill)


def _wsum(x, w):
    return anp.sum(x if w is None else x * w, axis=-1)


# ----------------------------------------------------------------- metric formulas
# ``kernel(U, V, **params)``: the distance between the rows of ``U`` and ``V``
# (broadcast against each other, coordinates on the last axis).

def _sqeuclidean(U, V, w=None):
    d = U - V
    return _wsum(d * d, w)


def _euclidean(U, V, w=None):
    return _sqrt0(_sqeuclidean(U, V, w))


def _cityblock(U, V, w=None):
    return _wsum(anp.abs(U - V), w)


def _chebyshev(U, V, w=None):
    a = anp.abs(U - V)
    if w is not None:         # SciPy takes the maximum over the positively weighted coordinates
        a = a * (_onp.asarray(getval(w)) > 0)
    return anp.max(a, axis=-1)


def _minkowski(U, V, p=2, w=None):
    if p == 1:
        return _cityblock(U, V, w)
    if p == 2:
        return _euclidean(U, V, w)
    if _onp.isinf(p):
        return _chebyshev(U, V, w)
    return _root0(_wsum(_abspow0(U - V, p), w), p)


def _seuclidean(U, V, V_var):
    d = U - V
    return _sqrt0(anp.sum(d * d / V_var, axis=-1))


def _mahalanobis(U, V, VI):
    d = U - V
    return _sqrt0(anp.sum(anp.matmul(d, VI) * d, axis=-1))


def _correlation(U, V, w=None, centered=True):
    if centered:
        if w is None:
            U = U - anp.mean(U, axis=-1, keepdims=True)
            V = V - anp.mean(V, axis=-1, keepdims=True)
        else:
            sw = anp.sum(w)
            U = U - anp.sum(U * w, axis=-1, keepdims=True) / sw
            V = V - anp.sum(V * w, axis=-1, keepdims=True) / sw
    uv, uu, vv = _wsum(U * V, w), _wsum(U * U, w), _wsum(V * V, w)
    # a zero (or, centred, constant) vector: SciPy's NaN, derivative 0
    return anp.clip(1.0 - _div0(uv, _sqrt0(uu * vv), _onp.nan), 0.0, 2.0)


def _cosine(U, V, w=None):
    return _correlation(U, V, w, centered=False)


def _canberra(U, V, w=None):
    den = anp.abs(U) + anp.abs(V)
    return _wsum(_div0(anp.abs(U - V), den, 0.0), w)       # 0/0 terms count 0, as in SciPy


def _braycurtis(U, V, w=None):
    return _div0(_wsum(anp.abs(U - V), w), _wsum(anp.abs(U + V), w), _onp.nan)


def _rel_entr0(p, m):
    """``p log(p/m)``, 0 (and derivative 0) where ``p == 0``."""
    pos = getval(p) > 0
    ps = anp.where(pos, p, 1.0)
    return anp.where(pos, ps * anp.log(ps / anp.where(pos, m, 1.0)), 0.0)


def _jensenshannon(U, V, base=None):
    su, sv = anp.sum(U, axis=-1, keepdims=True), anp.sum(V, axis=-1, keepdims=True)
    ok = (getval(su) != 0) & (getval(sv) != 0)     # else SciPy's NaN, derivative 0
    P = U / anp.where(ok, su, 1.0)
    Q = V / anp.where(ok, sv, 1.0)
    M = (P + Q) / 2.0
    js = anp.sum(_rel_entr0(P, M), axis=-1) + anp.sum(_rel_entr0(Q, M), axis=-1)
    if base is not None:
        js = js / _onp.log(base)
    return anp.where(ok[..., 0], _sqrt0(js / 2.0), _onp.nan)


# fmt: off
KERNELS = {
    "braycurtis":    _braycurtis,
    "canberra":      _canberra,
    "chebyshev":     _chebyshev,
    "cityblock":     _cityblock,
    "correlation":   _correlation,
    "cosine":        _cosine,
    "euclidean":     _euclidean,
    "jensenshannon": _jensenshannon,
    "mahalanobis":   _mahalanobis,
    "minkowski":     _minkowski,
    "seuclidean":    _seuclidean,
    "sqeuclidean":   _sqeuclidean,
}
# fmt: on


def canonical_metric(metric):
    """SciPy's canonical name of the metric string ``metric`` (aliases, ``test_`` names)."""
    name = metric.lower()
    if name.startswith("test_"):
        name = name[5:]
    info = getattr(_ssd, "_METRIC_ALIAS", {}).get(name)
    return info.canonical_name if info is not None else name


# ----------------------------------------------------------------- cdist / pdist

_PARAMS = ("p", "w", "V", "VI")


def _options(p, w, V, VI):
    return {k: v for k, v in zip(_PARAMS, (p, w, V, VI)) if v is not None}


def _kernel_call(metric, X, p, w, V, VI):
    """The kernel of ``metric`` and its parameters, defaults computed from the
    stacked points ``X`` as SciPy does (``X()`` builds them)."""
    kernel = KERNELS[metric]
    if metric == "minkowski":
        return kernel, {"p": 2 if p is None else p, "w": w}
    if metric == "seuclidean":
        return kernel, {"V_var": anp.var(X(), axis=0, ddof=1) if V is None else V}
    if metric == "mahalanobis":
        if VI is None:
            VI = anp.transpose(_anla.inv(anp.cov(anp.transpose(X()))))
        return kernel, {"VI": VI}
    if metric == "jensenshannon":
        return kernel, {}
    return kernel, {"w": w}


def _cdist_raw(XA, XB, metric, p=None, w=None, V=None, VI=None):
    """``scipy.spatial.distance.cdist`` with its metric parameters positional."""
    return _ssd.cdist(XA, XB, metric, **_options(p, w, V, VI))


def _pdist_raw(X, metric, p=None, w=None, V=None, VI=None):
    """``scipy.spatial.distance.pdist`` with its metric parameters positional."""
    return _ssd.pdist(X, metric, **_options(p, w, V, VI))


cdist_args = primitive(_cdist_raw)
pdist_args = primitive(_pdist_raw)


def cdist_impl(XA, XB, metric, p=None, w=None, V=None, VI=None):
    """``cdist`` written with ``autograd.numpy`` (the rules of :func:`cdist_args`)."""
    XA, XB = anp.asarray(XA), anp.asarray(XB)
    kernel, params = _kernel_call(metric, lambda: anp.concatenate([XA, XB], 0), p, w, V, VI)
    return kernel(anp.expand_dims(XA, 1), anp.expand_dims(XB, 0), **params)


def pdist_impl(X, metric, p=None, w=None, V=None, VI=None):
    """``pdist`` written with ``autograd.numpy`` (the rules of :func:`pdist_args`)."""
    X = anp.asarray(X)
    kernel, params = _kernel_call(metric, lambda: X, p, w, V, VI)
    i, j = _onp.triu_indices(_onp.shape(getval(X))[0], 1)
    return kernel(X[i], X[j], **params)


def _metric_or_raise(metric, out, traced):
    if out is not None and traced:
        raise TypeError("cdist/pdist of traced points cannot write into out=: use the result")
    return metric if callable(metric) else canonical_metric(metric)


def _raw_kwargs(kwargs):
    return {k: getval(v) for k, v in kwargs.items()}


def cdist(XA, XB, metric="euclidean", *, out=None, **kwargs):
    if not _traced(XA, XB, *kwargs.values()):
        return _ssd.cdist(XA, XB, metric, out=out, **kwargs)
    name = _metric_or_raise(metric, out, True)
    if callable(name):
        return anp.stack([anp.stack([name(a, b, **kwargs) for b in XB]) for a in XA])
    if name in NONDIFF_METRICS:
        return _ssd.cdist(getval(XA), getval(XB), metric, **_raw_kwargs(kwargs))
    if name not in KERNELS or set(kwargs) - set(_PARAMS):
        return _ssd.cdist(getval(XA), getval(XB), metric, **_raw_kwargs(kwargs))  # SciPy's error
    return cdist_args(XA, XB, name, *(kwargs.get(k) for k in _PARAMS))


def pdist(X, metric="euclidean", *, out=None, **kwargs):
    if not _traced(X, *kwargs.values()):
        return _ssd.pdist(X, metric, out=out, **kwargs)
    name = _metric_or_raise(metric, out, True)
    if callable(name):
        m = len(X)
        return anp.stack([name(X[i], X[j], **kwargs) for i in range(m) for j in range(i + 1, m)])
    if name in NONDIFF_METRICS:
        return _ssd.pdist(getval(X), metric, **_raw_kwargs(kwargs))
    if name not in KERNELS or set(kwargs) - set(_PARAMS):
        return _ssd.pdist(getval(X), metric, **_raw_kwargs(kwargs))    # SciPy's error
    return pdist_args(X, name, *(kwargs.get(k) for k in _PARAMS))


# ----------------------------------------------------------------- the distance functions
# One primitive per SciPy function (its value is SciPy's); the public function
# passes every array positionally so that a traced ``w``/``V``/``VI`` is seen.

# name -> the formula of SciPy's function, ``kernel(u, v, *params)`` in SciPy's argument order
IMPLS = {
    "braycurtis": _braycurtis, "canberra": _canberra, "chebyshev": _chebyshev,
    "cityblock": _cityblock, "euclidean": _euclidean, "sqeuclidean": _sqeuclidean,
    "minkowski": _minkowski, "seuclidean": _seuclidean, "mahalanobis": _mahalanobis,
    "cosine": _cosine, "correlation": _correlation,
}

_prims = {name: primitive(getattr(_ssd, name)) for name in IMPLS}
_prims["jensenshannon"] = primitive(_ssd.jensenshannon)


def braycurtis(u, v, w=None):
    return _prims["braycurtis"](u, v, w)


def canberra(u, v, w=None):
    return _prims["canberra"](u, v, w)


def chebyshev(u, v, w=None):
    return _prims["chebyshev"](u, v, w)


def cityblock(u, v, w=None):
    return _prims["cityblock"](u, v, w)


def correlation(u, v, w=None, centered=True):
    return _prims["correlation"](u, v, w, centered)


def cosine(u, v, w=None):
    return _prims["cosine"](u, v, w)


def euclidean(u, v, w=None):
    return _prims["euclidean"](u, v, w)


def jensenshannon(p, q, base=None, *, axis=0, keepdims=False):
    return _prims["jensenshannon"](p, q, base, axis=axis, keepdims=keepdims)


def jensenshannon_impl(p, q, base=None, *, axis=0, keepdims=False):
    """``jensenshannon`` written with ``autograd.numpy`` (along ``axis``)."""
    p, q = anp.asarray(p), anp.asarray(q)
    out = _jensenshannon(anp.moveaxis(p, axis, -1), anp.moveaxis(q, axis, -1), base)
    return anp.expand_dims(out, axis) if keepdims else out


def mahalanobis(u, v, VI):
    return _prims["mahalanobis"](u, v, VI)


def minkowski(u, v, p=2, w=None):
    return _prims["minkowski"](u, v, p, w)


def seuclidean(u, v, V):
    return _prims["seuclidean"](u, v, V)


def sqeuclidean(u, v, w=None):
    return _prims["sqeuclidean"](u, v, w)


def primitives():
    """``{name: primitive}`` of the distance functions (for the rule set)."""
    return dict(_prims)


# ----------------------------------------------------------------- linear and selecting

def squareform(X, force="no", checks=True):
    if not _traced(X):
        return _ssd.squareform(X, force=force, checks=checks)
    raw = _ssd.squareform(getval(X), force=force, checks=checks)     # SciPy's checks and shape
    if _onp.ndim(raw) == 2:         # vector -> matrix: X[k] at (i, j) and (j, i), zeros on the diagonal
        d = raw.shape[0]
        k = _onp.full((d, d), len(getval(X)))
        i, j = _onp.triu_indices(d, 1)
        k[i, j] = k[j, i] = _onp.arange(len(i))
        padded = anp.concatenate([anp.reshape(X, (-1,)), _onp.zeros(1, raw.dtype)])
        return padded[k]
    d = _onp.shape(getval(X))[0]      # matrix -> vector: the upper triangle, as SciPy reads it
    return X[_onp.triu_indices(d, 1)]


def directed_hausdorff(u, v, *args, **kwargs):     # (u, v, rng=0, *, seed=None) in SciPy 1.17
    if not _traced(u, v):
        return _ssd.directed_hausdorff(u, v, *args, **kwargs)
    _, i, j = _ssd.directed_hausdorff(getval(u), getval(v), *args, **kwargs)
    return _euclidean(u[i], v[j]), i, j


# The boolean metrics and the checks: constants for every trace.
for _name in ("dice", "hamming", "jaccard", "kulczynski1", "rogerstanimoto", "russellrao",
              "sokalmichener", "sokalsneath", "yule", "is_valid_dm", "is_valid_y",
              "num_obs_dm", "num_obs_y"):
    if hasattr(_ssd, _name):
        globals()[_name] = _notrace(getattr(_ssd, _name))
        globals()[_name].__module__ = "scipy.spatial.distance"
        __all__.append(_name)


def _raw_doc(fun, raw):
    fun.__doc__ = raw.__doc__
    fun.__wrapped__ = raw
    return fun


for _name in ("cdist", "pdist", "squareform", "directed_hausdorff", "jensenshannon",
              *IMPLS):
    _raw_doc(globals()[_name], getattr(_ssd, _name))
    __all__.append(_name)
squareform.__autograd_composite__ = True
directed_hausdorff.__autograd_composite__ = True
# anything a later SciPy adds: SciPy's own, no gradient
for _name in getattr(_ssd, "__all__", ()):
    if _name not in __all__:
        globals()[_name] = getattr(_ssd, _name)
        __all__.append(_name)
del _name
__all__ += ["cdist_args", "pdist_args"]
