"""The ``scipy.spatial`` rule set (loader declared by the plugin).

The distance primitives compute SciPy's values; each one's VJP and JVP
differentiate its formula written with ``autograd.numpy``
(:func:`autograd.extend.def_composite`), so derivatives of any order are exact
and follow the subgradient conventions of :mod:`autograd_scipy.spatial.distance`;
``cdist``/``pdist`` with the (squared) Euclidean metric have rules of their own by
matrix products (no ``(m, n, d)`` intermediate), written with ``autograd.numpy`` too.
The wrappers written with traced operations only (``squareform``,
``directed_hausdorff``, ``minkowski_distance`` ...) are linked to SciPy's
functions for coverage reports; the boolean metrics are non-differentiable.
``Rotation`` (:mod:`autograd_scipy.spatial.transform`) is a class written with
``autograd.numpy``: it needs no rule.
"""

import numpy as _onp
import scipy.spatial as _ssp
import scipy.spatial.distance as _ssd

from autograd.extend import (def_composite, defjvp_argnum, defnondiff, defvia, defvjp_argnum,
                             getval, make_jvp, make_vjp, once_per_registry)
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent

from .. import spatial as asp
from . import distance as adist
from . import transform as atr

__all__ = ["register"]

# ----------------------------------------------------------------- cdist / pdist
# Euclidean and squared Euclidean distances (the common case) have rules of
# their own, by matrix products: with S_ij = sum_k w_k (a_ik - b_jk)^2,
#   dS/dA = 2 (rowsum(H) * A w - H @ (B w)),   H = g (sqeuclidean) or g / (2 D),
# where a zero distance gets the subgradient 0.  Every other metric (and the
# weights, variances ... as arguments) is differentiated through its formula.

def _fast_metric(metric, p, V, VI):
    if metric == "minkowski" and (p is None or p == 2) and V is None and VI is None:
        return "euclidean"
    return metric if metric in ("euclidean", "sqeuclidean") and p is None else None


def _weighted(X, w):
    X = anp.asarray(X)
    return X if w is None else X * w


def _scale(g, ans, metric):
    """The cotangent of S from that of the distance (D = sqrt(S) for euclidean)."""
    return g if metric == "sqeuclidean" else adist._div0(g, 2 * ans, 0.0)


def _cdist_vjp(argnum, ans, args, kwargs):
    XA, XB, metric, p, w, V, VI = (list(args) + [None] * 7)[:7]
    fast = _fast_metric(metric, p, V, VI)
    if fast is None or argnum > 1:
        return make_vjp(adist.cdist_impl, argnum)(*args, **kwargs)[0]

    def vjp(g):
        H = _scale(g, ans, fast)
        if argnum == 0:
            ct = 2 * (anp.expand_dims(anp.sum(H, 1), 1) * _weighted(XA, w)
                      - anp.matmul(H, _weighted(XB, w)))
        else:
            ct = 2 * (anp.expand_dims(anp.sum(H, 0), 1) * _weighted(XB, w)
                      - anp.matmul(anp.transpose(H), _weighted(XA, w)))
        return fit_cotangent(ct, args[argnum])
    return vjp


def _cdist_jvp(argnum, t, ans, args, kwargs):
    XA, XB, metric, p, w, V, VI = (list(args) + [None] * 7)[:7]
    fast = _fast_metric(metric, p, V, VI)
    if fast is None or argnum > 1:
        return fit_tangent(make_jvp(adist.cdist_impl, argnum)(*args, **kwargs)(t)[1], ans)
    Aw, Bw = _weighted(XA, w), _weighted(XB, w)
    if argnum == 0:
        dS = 2 * (anp.expand_dims(anp.sum(Aw * t, 1), 1) - anp.matmul(t, anp.transpose(Bw)))
    else:
        dS = 2 * (anp.expand_dims(anp.sum(Bw * t, 1), 0) - anp.matmul(Aw, anp.transpose(t)))
    return fit_tangent(dS if fast == "sqeuclidean" else adist._div0(dS, 2 * ans, 0.0), ans)


def _pdist_vjp(argnum, ans, args, kwargs):
    X, metric, p, w, V, VI = (list(args) + [None] * 6)[:6]
    fast = _fast_metric(metric, p, V, VI)
    if fast is None or argnum > 0:
        return make_vjp(adist.pdist_impl, argnum)(*args, **kwargs)[0]

    def vjp(g):
        H = adist.squareform(_scale(g, ans, fast), checks=False)     # symmetric, zero diagonal
        Xw = _weighted(X, w)
        ct = 2 * (anp.expand_dims(anp.sum(H, 1), 1) * Xw - anp.matmul(H, Xw))
        return fit_cotangent(ct, X)
    return vjp


def _pdist_jvp(argnum, t, ans, args, kwargs):
    X, metric, p, w, V, VI = (list(args) + [None] * 6)[:6]
    fast = _fast_metric(metric, p, V, VI)
    if fast is None or argnum > 0:
        return fit_tangent(make_jvp(adist.pdist_impl, argnum)(*args, **kwargs)(t)[1], ans)
    i, j = _onp.triu_indices(_onp.shape(getval(X))[0], 1)
    X = anp.asarray(X)
    dS = 2 * anp.sum(_weighted(X[i] - X[j], w) * (t[i] - t[j]), axis=-1)
    return fit_tangent(dS if fast == "sqeuclidean" else adist._div0(dS, 2 * ans, 0.0), ans)


_NONDIFF = ("dice", "hamming", "jaccard", "kulczynski1", "rogerstanimoto", "russellrao",
            "sokalmichener", "sokalsneath", "yule", "is_valid_dm", "is_valid_y", "num_obs_dm",
            "num_obs_y")


@once_per_registry
def register():
    """Register the scipy.spatial rules into the active registry (idempotent)."""
    defvjp_argnum(adist.cdist_args, _cdist_vjp)
    defjvp_argnum(adist.cdist_args, _cdist_jvp)
    defvjp_argnum(adist.pdist_args, _pdist_vjp)
    defjvp_argnum(adist.pdist_args, _pdist_jvp)
    defvia(_ssd.cdist, adist.cdist_args)
    defvia(_ssd.pdist, adist.pdist_args)
    prims = adist.primitives()
    for name, impl in adist.IMPLS.items():
        def_composite(prims[name], impl, fit=fit_tangent)
    def_composite(prims["jensenshannon"], adist.jensenshannon_impl, fit=fit_tangent)
    for name in ("squareform", "directed_hausdorff"):
        defvia(getattr(_ssd, name), getattr(adist, name))
    for name in ("distance_matrix", "minkowski_distance", "minkowski_distance_p", "procrustes",
                 "geometric_slerp"):
        defvia(getattr(_ssp, name), getattr(asp, name))
    for name in ("tsearch", "convex_hull_plot_2d", "delaunay_plot_2d", "voronoi_plot_2d"):
        if hasattr(_ssp, name):
            defnondiff(getattr(_ssp, name))
    import scipy.spatial.transform as _sst
    for name in ("Rotation", "Slerp"):       # classes of their own, written with autograd.numpy
        defvia(getattr(_sst, name), getattr(atr, name))
    for name in _NONDIFF:
        if hasattr(_ssd, name):
            defnondiff(getattr(_ssd, name))
