"""The ``scipy.interpolate`` rule set (loader declared by the plugin).

``evaluate(data, xq, spec, nu)`` (see :mod:`._primitives`):

* in the data: linear, so ``JVP = evaluate(t, xq, spec.linear(), nu)`` and
  ``data_bar = tensordot(A, g)`` with ``A = evaluate(basis, xq, spec.linear(), nu)``,
  the interpolant of every unit data vector at the query points (itself a
  call of ``evaluate``, so traced query points give second derivatives);
  outputs that are NaN (no extrapolation) have no derivative;
* in the query points: ``evaluate(data, xq, spec, nu + 1)`` times the tangent
  (N-d points: one partial derivative per coordinate).

``linear_in_data(data, fun)``: JVP ``fun(t)``; VJP the transpose of ``fun``'s
matrix ``fun(basis)``.
"""

import numpy as onp

from autograd.extend import defjvp, defvjp_fast, getval, once_per_registry
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.util import shape_of

from .. import interpolate as aint
from .._composites import register_names
from ._primitives import basis, check_size, evaluate, linear_in_data

__all__ = ["register"]


def _query_shape(xq, spec):
    shape = shape_of(xq)
    return shape if spec.ncomp is None else shape[:-1]


def _eval_vjp_data(g, ans, data, xq, spec, nu):
    lead = shape_of(data)[:spec.data_ndim]
    trail = shape_of(data)[spec.data_ndim:]
    q = _query_shape(xq, spec)
    n = int(onp.prod(lead))
    check_size(n, int(onp.prod(q)), spec.name)
    a = evaluate(basis(lead), xq, spec.linear(), nu)       # q + (n,)
    finite = onp.isfinite(getval(a))
    if not finite.all():
        a = anp.where(finite, a, 0.0)
    g = anp.where(onp.isfinite(getval(ans)), g, 0.0) if not onp.isfinite(getval(ans)).all() else g
    axes = list(range(len(q)))
    out = anp.tensordot(a, g, (axes, axes))                  # (n,) + trail
    return fit_cotangent(anp.reshape(out, tuple(lead) + tuple(trail)), data)


def _eval_jvp_data(t, ans, data, xq, spec, nu):
    return fit_tangent(evaluate(t, xq, spec.linear(), nu), ans)


def _partials(data, xq, spec, nu):
    """The derivatives of the output along each query coordinate."""
    if spec.ncomp is None:
        return [evaluate(data, xq, spec, nu + 1)]
    out = []
    for k in range(spec.ncomp):
        step = list(nu)
        step[k] += 1
        out.append(evaluate(data, xq, spec, tuple(step)))
    return out


def _trail_ndim(data, spec):
    return len(shape_of(data)) - spec.data_ndim


def _eval_vjp_xq(g, ans, data, xq, spec, nu):
    extra = tuple(range(-_trail_ndim(data, spec), 0))
    parts = []
    for d in _partials(data, xq, spec, nu):
        prod = g * d
        parts.append(anp.sum(prod, extra) if extra else prod)
    out = parts[0] if spec.ncomp is None else anp.stack(parts, -1)
    if anp.iscomplexobj(out) and not anp.iscomplexobj(xq):
        out = anp.real(out)
    return fit_cotangent(out, xq)


def _eval_jvp_xq(t, ans, data, xq, spec, nu):
    k = _trail_ndim(data, spec)
    out = None
    for i, d in enumerate(_partials(data, xq, spec, nu)):
        ti = t if spec.ncomp is None else t[..., i]
        if k:
            ti = anp.reshape(ti, shape_of(ti) + (1,) * k)
        term = d * ti
        out = term if out is None else out + term
    return fit_tangent(out, ans)


def _lin_vjp(g, ans, data, fun, lead=1):
    shape = shape_of(data)
    lead_shape, trail = shape[:lead], shape[lead:]
    n = int(onp.prod(lead_shape))
    out_core = shape_of(ans)[:len(shape_of(ans)) - len(trail)]
    check_size(n, int(onp.prod(out_core)), getattr(fun, "__name__", "an interpolant"))
    m = fun(basis(lead_shape))                                 # out_core + (n,)
    axes = list(range(len(out_core)))
    out = anp.tensordot(m, g, (axes, axes))
    return fit_cotangent(anp.reshape(out, shape), data)


def _lin_jvp(t, ans, data, fun, lead=1):
    return fit_tangent(linear_in_data(t, fun, lead), ans)


@once_per_registry
def register():
    """Register the scipy.interpolate rules into the active registry (idempotent)."""
    defvjp_fast(evaluate, _eval_vjp_data, _eval_vjp_xq)
    defjvp(evaluate, _eval_jvp_data, _eval_jvp_xq)
    defvjp_fast(linear_in_data, _lin_vjp)
    defjvp(linear_in_data, _lin_jvp)

    register_names(aint, aint._spi)
