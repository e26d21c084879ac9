"""The ``scipy.spatial`` rule set (loader declared by the plugin).

The distance primitives compute SciPy's values; each one's VJP and JVP
differentiate its formula written with ``autograd.numpy``
(:func:`autograd.extend.def_composite`), so derivatives of any order are exact
and follow the subgradient conventions of :mod:`autograd_scipy.spatial.distance`.
The wrappers written with traced operations only (``squareform``,
``directed_hausdorff``, ``minkowski_distance`` ...) are linked to SciPy's
functions for coverage reports; the boolean metrics are non-differentiable.
``Rotation`` (:mod:`autograd_scipy.spatial.transform`) is a class written with
``autograd.numpy``: it needs no rule.
"""

import scipy.spatial as _ssp
import scipy.spatial.distance as _ssd

from autograd.extend import def_composite, defnondiff, defvia, once_per_registry
from autograd_numpy.broadcasting import fit_tangent

from .. import spatial as asp
from . import distance as adist

__all__ = ["register"]

_NONDIFF = ("dice", "hamming", "jaccard", "kulczynski1", "rogerstanimoto", "russellrao",
            "sokalmichener", "sokalsneath", "yule", "is_valid_dm", "is_valid_y", "num_obs_dm",
            "num_obs_y")


@once_per_registry
def register():
    """Register the scipy.spatial rules into the active registry (idempotent)."""
    def_composite(adist.cdist_args, adist.cdist_impl, fit=fit_tangent)
    def_composite(adist.pdist_args, adist.pdist_impl, fit=fit_tangent)
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
    for name in _NONDIFF:
        if hasattr(_ssd, name):
            defnondiff(getattr(_ssd, name))
