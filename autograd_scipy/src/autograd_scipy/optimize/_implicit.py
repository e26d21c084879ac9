"""The solution of ``F(z, params) = 0`` as a primitive of ``params``: implicit differentiation.

Every differentiable function of ``autograd.scipy.optimize`` runs SciPy's
solver on plain values, then hands its answer ``z*`` to
:data:`implicit_solution` together with a *residual* ``F`` that vanishes
there (the objective's gradient for a minimizer, the function itself for a
root finder) and the values the solution depends on (``params``: the
``args``, and the traced values the callbacks close over, see
:mod:`autograd_scipy._closures`).  By the implicit function theorem

    dz*/dparams = -J^{-1} dF/dparams,       J = dF/dz at (z*, params)

(``J`` is the objective's Hessian for a minimizer), so the rules in
:mod:`._rules` solve one linear system with ``J`` (or its transpose) and
differentiate ``F`` in ``params`` with autograd, on the user's own functions.
Starting points and brackets are arguments too, with a zero derivative.

Components held at a bound (``free=`` lists the others) have a zero
derivative; the system is solved on the free components only.

Guards, so that a derivative is never silently wrong:

* a wrapper that found, at the call, why its solution has no derivative (a
  constrained minimum that is not a strict KKT point, see
  :mod:`._constrained`) passes ``error=``: raised when a derivative is taken;

* a solver that reported failure (``converged=False``) gives a warning at the
  call, and :class:`ImplicitDiffError` when a derivative is taken unless one
  Newton step shows the point is a solution anyway (to ``STEP_UNCONVERGED``,
  relative: a solver that stopped on rounding at a tight tolerance);
* ``J`` singular or too ill-conditioned (condition number above
  ``COND_ERROR``) raises :class:`ImplicitDiffError` naming the condition
  number; above ``COND_WARN`` it warns (:class:`ImplicitDiffWarning`);
* a point that is not a solution to the solver's accuracy: one Newton step
  ``J^{-1} F(z*)`` longer than ``STEP_WARN`` (relative to ``1 + |z*|``) warns,
  since the derivative's error is of that size.
"""

import inspect
import warnings

import numpy as onp

from autograd.extend import getval, isbox, primitive

from .._closures import Captures, unbox_result

__all__ = ["implicit_solution", "ImplicitDiffError", "ImplicitDiffWarning", "Callbacks",
           "COND_ERROR", "COND_WARN", "STEP_WARN", "STEP_UNCONVERGED"]

COND_ERROR = 1e13
COND_WARN = 1e9
STEP_WARN = 1e-4
STEP_UNCONVERGED = 1e-8


class ImplicitDiffError(onp.linalg.LinAlgError):
    """A solution whose derivative the implicit function theorem does not give."""


class ImplicitDiffWarning(RuntimeWarning):
    """A derivative of a solution that may be inaccurate (see the message)."""


def _solution_raw(residual, z, *starts_and_params, n_starts=0, name="", converged=True,
                  message="", free=None, jac_name="Jacobian", error=""):
    """The solution ``z`` itself (computed by SciPy before the call)."""
    return onp.array(z, dtype=float) if onp.ndim(z) else float(z)


implicit_solution = primitive(_solution_raw)


def as_tuple(args):
    """SciPy's ``args``: a tuple, a traced tuple, or one value standing for ``(value,)``
    (a list too, as in SciPy's solvers)."""
    if args is None:
        return ()
    if isinstance(getval(args), tuple):
        return args if isinstance(args, tuple) else tuple(args[i] for i in range(len(args)))
    return (args,)


def traced(*values):
    return any(isbox(v) for v in values)


class Callbacks:
    """A solver's callbacks and ``args``, with the traced values they hold lifted out.

    ``objs`` are the user's callables (and anything else holding traced values
    SciPy must not see, such as ``constraints``) followed by the ``args``
    tuple.  ``plain(i)`` is callback ``i`` for SciPy (plain values in, checked
    plain values out), ``plain_args`` the plain ``args``; ``values`` the traced
    values found (the primitive's ``params``) and ``at(values)`` the callbacks
    and args rebuilt around other values, for the residual.
    """

    def __init__(self, name, *objs, args=()):
        self.name = name
        self.caps = Captures(*objs, as_tuple(args))
        self.values = tuple(self.caps.values)
        self.plain_args = self.caps.plain()[-1]

    def __bool__(self):
        return bool(self.values)

    def plain(self, i):
        """Object ``i`` with plain values; a callable also checked to return plain values."""
        obj = self.caps.objs[i]
        if not callable(obj) or isinstance(obj, type):
            return self.caps.plain()[i]
        name = self.name

        def call(*a, **kw):
            return unbox_result(self.caps.plain()[i](*a, **kw), name)
        try:    # SciPy reads signatures (curve_fit's parameter count, callback styles)
            call.__signature__ = inspect.signature(obj)
        except (TypeError, ValueError):
            pass
        return call

    def at(self, values):
        return self.caps.at(values)


def solve_result(name, residual, z, starts, cb, converged=True, message="", free=None,
                 jac_name="Jacobian", error=""):
    """``z`` (SciPy's solution, plain) as a traced value of ``cb.values`` and ``starts``.

    ``residual(z_flat, *values)`` is ``F`` flattened.  Warns at once when the
    solver reported failure; the rules raise if a derivative is then taken.
    ``error`` (a message) says the solution has no derivative: the rules raise
    it as :class:`ImplicitDiffError` when one is taken.
    """
    if not converged:
        warnings.warn(f"{name} did not converge ({message}); differentiating its result "
                      "raises ImplicitDiffError unless the point is a solution anyway (to "
                      f"{STEP_UNCONVERGED:.0e}, relative, by one Newton step).",
                      ImplicitDiffWarning, stacklevel=4)
    return implicit_solution(residual, z, *starts, *cb.values, n_starts=len(starts), name=name,
                             converged=bool(converged), message=str(message), free=free,
                             jac_name=jac_name, error=error)


def active_bounds(x, lower, upper, gradient, tol=1e-6):
    """Indices of the components of ``x`` that are free (``None``: all are).

    A component is held at a bound when it is within ``tol`` (relative) of it
    and the objective's ``gradient`` (a function of the plain ``x``) pushes it
    outwards there, so that an interior minimum next to a bound stays free.
    """
    x = onp.ravel(onp.asarray(x, dtype=float))
    lo = onp.broadcast_to(onp.asarray(lower, dtype=float), x.shape)
    hi = onp.broadcast_to(onp.asarray(upper, dtype=float), x.shape)
    with onp.errstate(invalid="ignore"):
        at_lo = onp.isfinite(lo) & (onp.abs(x - lo) <= tol * (1.0 + onp.abs(lo)))
        at_hi = onp.isfinite(hi) & (onp.abs(x - hi) <= tol * (1.0 + onp.abs(hi)))
    if not (at_lo | at_hi).any():
        return None
    g = onp.ravel(onp.asarray(getval(gradient(x)), dtype=float))
    small = 1e-10 * max(1.0, float(onp.max(onp.abs(g))))
    fixed = (at_lo & (g > small)) | (at_hi & (g < -small))
    return None if not fixed.any() else onp.flatnonzero(~fixed)
