"""The ``scipy.optimize`` rule set (loader declared by the plugin).

One primitive carries every derivative: :data:`._implicit.implicit_solution`
``(residual, z, *starts, *params)``, the solution ``z*`` of
``residual(z, *params) = 0``.  With ``J = d residual/dz`` at ``(z*, params)``:

* VJP: ``v = J^{-T} g``, and ``params`` get ``-v . d residual/dparams``
  (one reverse pass through the residual);
* JVP: ``zdot = -J^{-1} (d residual/dparams . paramsdot)`` (one forward pass).

Starting points and brackets get no cotangent and contribute no tangent.  The
rules are written with traced operations (``J`` from :func:`autograd.jacobian`,
the solve with ``autograd.numpy.linalg.solve``, both at ``ans``), so the
solution of the linear system is itself differentiable where ``ans`` and
``params`` are traced by an enclosing derivative.
"""

import warnings

import numpy as onp
import scipy.optimize as _so

from autograd import jacobian
from autograd.extend import (defjvp_argnums, defvia, defvjp_argnums, getval, make_jvp, make_vjp,
                             once_per_registry)
from autograd_numpy import linalg as alinalg
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_tangent

from .. import optimize as aopt
from ._implicit import (COND_ERROR, COND_WARN, STEP_UNCONVERGED, STEP_WARN, ImplicitDiffError,
                        ImplicitDiffWarning, implicit_solution)

__all__ = ["register"]


def _with(params, diff, values):
    params = list(params)
    for i, v in zip(diff, values):
        params[i] = v
    return params


def _system(ans, args, kwargs):
    """``(zf, params, J restricted to the free components, free indices or None)``, checked.

    A solver that reported failure is accepted only when its point is a solution
    to ``STEP_UNCONVERGED`` anyway (BFGS's "precision loss" at a tight ``gtol``).
    """
    name = kwargs.get("name", "the solver")
    if kwargs.get("error"):
        raise ImplicitDiffError(kwargs["error"])
    converged = kwargs.get("converged", True)
    residual = args[0]
    params = args[2 + kwargs.get("n_starts", 0):]
    zf = anp.ravel(ans)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)     # a residual independent of some z
        J = jacobian(lambda z: residual(z, *params))(zf)
    free = kwargs.get("free")
    if free is not None:
        J = anp.take(anp.take(J, free, 0), free, 1)
    Jr = onp.asarray(getval(J), dtype=float)
    jname = kwargs.get("jac_name", "Jacobian")
    if not Jr.size and not converged:
        raise ImplicitDiffError(f"{name} did not converge ({kwargs.get('message', '')}): its "
                                "result has no derivative.")
    if Jr.size:
        with onp.errstate(all="ignore"):
            cond = onp.linalg.cond(Jr) if onp.all(onp.isfinite(Jr)) else onp.inf
        if not onp.isfinite(cond) or cond > COND_ERROR:
            raise ImplicitDiffError(
                f"{name}: the {jname} at the solution is singular or too ill-conditioned to "
                f"differentiate the solution (condition number {cond:.3g}, limit "
                f"{COND_ERROR:.0e}): the solution is not locally unique, or not isolated, in "
                "the parameters.")
        if cond > COND_WARN:
            warnings.warn(f"{name}: the {jname} at the solution is ill-conditioned (condition "
                          f"number {cond:.3g}); its derivative may be inaccurate.",
                          ImplicitDiffWarning, stacklevel=2)
        # one Newton step from the returned point: how far it is from a solution
        F = onp.ravel(onp.asarray(getval(residual(getval(zf), *[getval(p) for p in params])),
                                  dtype=float))
        if free is not None:
            F = F[free]
        step = onp.linalg.solve(Jr, F)
        zr = onp.ravel(getval(zf))
        rel = onp.linalg.norm(step) / (1.0 + onp.linalg.norm(zr if free is None else zr[free]))
        if not converged and not rel <= STEP_UNCONVERGED:
            raise ImplicitDiffError(
                f"{name} did not converge ({kwargs.get('message', '')}) and the point it "
                f"returned is about {rel:.1e} (relative, one Newton step) from a solution, so "
                "the implicit function theorem gives it no derivative. Tighten the solver "
                "(tol, maxiter, another method) until it succeeds.")
        if rel > STEP_WARN:
            warnings.warn(f"{name}: the returned point is about {rel:.1e} (relative, one Newton "
                          "step) from a solution; its derivative has an error of about that "
                          "size. Tighten the solver's tolerance.", ImplicitDiffWarning,
                          stacklevel=2)
    return zf, params, J, free


def _scatter(v, free, n):
    """``v`` on the ``free`` components of a length-``n`` vector, zero elsewhere."""
    if free is None:
        return v
    mask = onp.zeros((len(free), n))
    mask[onp.arange(len(free)), free] = 1.0
    return anp.dot(v, mask)


def _solution_vjp(argnums, ans, args, kwargs):
    n_starts = kwargs.get("n_starts", 0)
    first = 2 + n_starts
    diff = [i - first for i in argnums if i >= first]

    def vjp(g):
        out = {}
        if diff:
            zf, params, J, free = _system(ans, args, kwargs)
            residual = args[0]
            gf = anp.ravel(g)
            if free is not None:
                gf = anp.take(gf, free, 0)
            v = _scatter(alinalg.solve(anp.transpose(J), gf), free, onp.size(getval(zf)))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                pull = make_vjp(lambda *ps: residual(zf, *_with(params, diff, ps)),
                                tuple(range(len(diff))))(*[params[i] for i in diff])[0]
                cts = pull(-v)
            out = {i + first: ct for i, ct in zip(diff, cts)}
        return tuple(out.get(i) for i in argnums)
    return vjp


def _solution_jvp(argnums, tangents, ans, args, kwargs):
    first = 2 + kwargs.get("n_starts", 0)
    tan = {i - first: t for i, t in zip(argnums, tangents) if i >= first and t is not None}
    if not tan:
        return fit_tangent(onp.zeros_like(onp.asarray(getval(ans))), ans)
    zf, params, J, free = _system(ans, args, kwargs)
    residual = args[0]
    diff = sorted(tan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        rdot = make_jvp(lambda *ps: residual(zf, *_with(params, diff, ps)),
                        tuple(range(len(diff))))(*[params[i] for i in diff])(
                            tuple(tan[i] for i in diff))[1]
    rdot = anp.ravel(rdot)
    if free is not None:
        rdot = anp.take(rdot, free, 0)
    zdot = _scatter(-alinalg.solve(J, rdot), free, onp.size(getval(zf)))
    shape = onp.shape(getval(ans))
    return fit_tangent(anp.reshape(zdot, shape) if shape else zdot[0], ans)


@once_per_registry
def register():
    """Register the scipy.optimize rules into the active registry (idempotent)."""
    defvjp_argnums(implicit_solution, _solution_vjp)
    defjvp_argnums(implicit_solution, _solution_jvp)
    # the public SciPy functions are differentiated through implicit_solution by
    # wrappers written with traced operations around it
    for name in aopt.DIFFERENTIABLE:
        defvia(getattr(_so, name), getattr(aopt, name))
