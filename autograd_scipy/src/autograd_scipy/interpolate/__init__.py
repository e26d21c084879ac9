"""``autograd.scipy.interpolate``: every public callable of ``scipy.interpolate``, wrapped for tracing.

Differentiable (both modes):

* ``interp1d`` (every ``kind``), ``CubicSpline``, ``make_interp_spline`` and
  ``BSpline``: in the data values / coefficients and the query points (and
  through ``derivative``, ``antiderivative``, ``integrate``); knots are constants,
  except for the piecewise-linear ``interp1d`` (``'linear'``, ``'slinear'``);
* ``PchipInterpolator``, ``Akima1DInterpolator`` (``'akima'``, ``'makima'``),
  ``CubicHermiteSpline``, ``pchip_interpolate``: in ``x``, ``y`` (the slopes are
  computed with traced operations by SciPy's formulas) and the query points;
* ``RegularGridInterpolator`` and ``interpn``: in the values and the query
  points (``'linear'`` also in the grid coordinates; ``'pchip'`` is refused
  on traced arguments);
* ``griddata``: in the values; ``RBFInterpolator``: in the data values and
  the query points.

The classes are subclasses of SciPy's (``isinstance`` works, every attribute
is there); an object built from traced data carries the gradient to each
evaluation.  Everything calls SciPy when nothing is traced.  See
docs/scipy-interpolate-ndimage.md.

This module builds the namespace; the functions live in private topic modules
(``_splines``, ``_grid``), the primitives they use in ``_primitives``, and the
rules in ``_rules``.

>>> import numpy as onp
>>> from autograd import grad
>>> from autograd.scipy.interpolate import CubicSpline
>>> x = onp.linspace(0.0, 3.0, 7)
>>> d = grad(lambda y: CubicSpline(x, y)(1.2))(onp.sin(x))
>>> round(float(d.sum()), 6)     # a spline reproduces constants: its weights sum to one
1.0
"""

import scipy.interpolate as _spi

from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_spi), globals(), set(getattr(_spi, "__all__", ())) or None)

# Our functions and classes, from the topic modules, replace SciPy's of the same
# name; _rules reads COMPOSITES and NONDIFF here.
from ._common import COMPOSITES  # noqa: E402,F401
from ._grid import *  # noqa: E402,F403
from ._splines import *  # noqa: E402,F403
from . import _grid, _splines  # noqa: E402

for _m in (_grid, _splines):
    __all__ += [n for n in _m.__all__ if n not in __all__]
del _m

NONDIFF = []
