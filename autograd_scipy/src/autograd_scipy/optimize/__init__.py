"""``autograd.scipy.optimize``: every public callable of ``scipy.optimize``, wrapped for tracing.

Differentiable here, by implicit differentiation (docs/scipy-optimize.md):
SciPy solves on plain values and the solution is made a function of the
parameters with the implicit function theorem, ``dz*/dθ = -J^{-1} dF/dθ`` at
the solution ``z*`` of ``F(z, θ) = 0``, with ``J`` and ``dF/dθ`` computed by
autograd on the user's own functions (written with ``autograd.numpy``):

* ``minimize`` (every method; ``F`` is the objective's gradient, ``J`` its
  Hessian) and ``minimize_scalar``: ``.x`` (and ``.fun``) of the returned
  ``OptimizeResult``; components at an active bound are held fixed (and move
  with a traced bound); with ``constraints`` (dicts, ``NonlinearConstraint``,
  ``LinearConstraint``) ``F`` is the KKT conditions of the active set and ``J``
  the KKT matrix (``_constrained``);
* ``least_squares`` (the named losses, bounds): ``.x``, ``.fun``, ``.cost``;
* ``curve_fit``: ``popt`` in ``xdata``, ``ydata`` and ``sigma`` (``pcov`` is
  a constant);
* ``root``, ``fsolve``, ``newton`` (scalar and array), ``fixed_point``, ``root_scalar``
  (``.root``) and the bracketing ``brentq``, ``brenth``, ``ridder``,
  ``bisect``, ``toms748``.

The derivatives are in ``args`` and in traced values the callbacks close over
(found automatically, see :mod:`autograd_scipy._closures`); starting points
and brackets have a zero derivative.  Both modes.  A solver that reports
failure, a singular or badly conditioned Jacobian/Hessian at the solution, or
a point that is not a solution to the solver's accuracy give
:class:`ImplicitDiffError` or :class:`ImplicitDiffWarning` instead of a wrong
derivative.  Every other function of ``scipy.optimize`` is wrapped as a
primitive without rules: calling it on traced values raises an error naming it.

This module builds the namespace; the functions live in private topic modules
(``_minimize`` with ``_constrained``, ``_roots``), the primitive in
``_implicit`` and its rules in ``_rules``.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.optimize import minimize, brentq
>>> argmin = lambda a: minimize(lambda x: np.sum((x - a) ** 2), np.zeros(2)).x
>>> [round(float(v), 6) for v in grad(lambda a: np.sum(argmin(a)))(np.array([1.0, 2.0]))]
[1.0, 1.0]
>>> round(float(grad(lambda c: brentq(lambda x: x ** 3 - c, 0.0, 3.0))(8.0)), 6)
0.083333
"""

import scipy.optimize as _spo

from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_spo), globals(), set(getattr(_spo, "__all__", ())) or None)

# Our functions, from the topic modules, replace the namespace's primitives of SciPy's.
from ._implicit import ImplicitDiffError, ImplicitDiffWarning  # noqa: E402
from ._minimize import *  # noqa: E402,F403
from ._roots import *  # noqa: E402,F403
from . import _minimize, _roots  # noqa: E402

DIFFERENTIABLE = tuple(_minimize.__all__) + tuple(_roots.__all__)
__all__ += [n for n in DIFFERENTIABLE if n not in __all__]
__all__ += ["ImplicitDiffError", "ImplicitDiffWarning"]
