"""``autograd.scipy.ndimage``: every public callable of ``scipy.ndimage``, wrapped for tracing.

Differentiable (both modes, every boundary ``mode``: ``reflect``, ``constant``,
``nearest``, ``mirror``, ``wrap``, ``grid-mirror``, ``grid-constant``, ``grid-wrap``):

* linear filters, in the input and (for the correlations and convolutions) the
  weights: ``correlate``, ``convolve``, ``correlate1d``, ``convolve1d``,
  ``gaussian_filter``, ``gaussian_filter1d``, ``uniform_filter``,
  ``uniform_filter1d``, ``sobel``, ``prewitt``, ``laplace``, ``gaussian_laplace``
  (``sigma``, ``size`` and ``order`` are constants);
* rank filters, in the input (subgradient: the cotangent goes to the selected
  element, split evenly among equal elements of a window): ``minimum_filter``,
  ``maximum_filter``, ``median_filter``, ``minimum_filter1d``, ``maximum_filter1d``;
* spline interpolation, in the input and in the coordinates (``matrix``,
  ``offset``, ``shift``, ``angle``): ``map_coordinates``, ``shift``,
  ``affine_transform``, ``rotate``, ``zoom`` (in the input; the zoom factor
  only sets the output grid), ``spline_filter``, ``spline_filter1d``.

Every wrapper calls SciPy when nothing is traced.  The other functions
(morphology, labels, measurements, Fourier filters, distance transforms) are
SciPy's, not differentiated.  See docs/scipy-interpolate-ndimage.md.

This module builds the namespace; the functions live in private topic modules
(``_filters``, ``_interpolation``), the primitives they are made of in
``_primitives``, and the rules in ``_rules``.

>>> import numpy as onp
>>> from autograd import grad
>>> from autograd.scipy.ndimage import shift
>>> img = onp.exp(-0.5 * (onp.arange(9.0) - 4) ** 2)
>>> d = grad(lambda s: shift(img, s, order=3, mode="nearest")[5])(0.0)
>>> bool(d > 0)
True
"""

import scipy.ndimage as _ndi

from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_ndi), globals(), set(getattr(_ndi, "__all__", ())) or None)

# Our functions, from the topic modules, replace the namespace's wrappers of
# SciPy's of the same name; _rules reads COMPOSITES and NONDIFF here.
from ._common import COMPOSITES  # noqa: E402,F401
from ._filters import *  # noqa: E402,F403
from ._interpolation import *  # noqa: E402,F403
from . import _filters, _interpolation  # noqa: E402

for _m in (_filters, _interpolation):
    __all__ += [n for n in _m.__all__ if n not in __all__]
del _m

# integer-valued or set-valued results: constants for differentiation
NONDIFF = [
    "label", "find_objects", "value_indices", "generate_binary_structure", "iterate_structure",
    "binary_closing", "binary_dilation", "binary_erosion", "binary_fill_holes",
    "binary_hit_or_miss", "binary_opening", "binary_propagation", "distance_transform_bf",
    "distance_transform_cdt", "distance_transform_edt", "watershed_ift", "minimum_position",
    "maximum_position", "histogram",
]
