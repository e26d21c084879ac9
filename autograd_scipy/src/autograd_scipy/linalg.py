"""``autograd.scipy.linalg``: every public callable of ``scipy.linalg``, wrapped for tracing.

Most functions are ``primitive(scipy_function)``; the rules live in
:mod:`autograd_scipy.linalg_rules` and are keyed by SciPy's own callables.
A few functions take or return values the tracer cannot follow as they are
(arrays inside tuples, integer pivots, flags), so they get a wrapper of their
own that calls a primitive with the arrays as positional arguments:

* ``cho_factor(a, lower)`` returns ``(c, lower)``: ``c`` is traced;
* ``cho_solve((c, lower), b)`` and ``lu_solve((lu, piv), b)`` are
  differentiable in ``c`` / ``lu`` and ``b``;
* ``lu_factor(a)`` returns ``(lu, piv)``: ``lu`` is traced, ``piv`` is constant;
* ``expm_frechet(A, E)`` returns ``(expm(A), L(A, E))`` as two traced values;
* ``pinv(a, return_rank=True)`` returns a traced pseudo-inverse and a constant rank.

Derivatives are defined where the function is smooth: real symmetric input
for ``cholesky``/``eigh``, distinct singular values for ``svd``, full column
rank for ``qr`` and ``pinv``.  Functions that read only one triangle of their
input (``cholesky``, ``eigh``, ``solve(assume_a="sym")``, ``solve_triangular``)
give gradients on that triangle only, exactly like the finite differences of
the SciPy function.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.linalg import sqrtm
>>> grad(lambda a: np.sum(sqrtm(a)))(np.eye(2) * 4.0)
array([[0.25, 0.25],
       [0.25, 0.25]])
"""

import scipy.linalg as _sla

from autograd.extend import getval, primitive
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_sla), globals(), set(getattr(_sla, "__all__", ())) or None)


def _raw_doc(fun, raw):
    fun.__doc__ = getattr(raw, "__doc__", None)
    fun.__wrapped__ = raw
    return fun


# ----------------------------------------------------------------- factorizations in tuples

def _cho_factor_c(a, lower=False, overwrite_a=False, check_finite=True):
    """The matrix ``c`` of ``scipy.linalg.cho_factor`` (its other triangle is ``a``'s)."""
    return _sla.cho_factor(a, lower=lower, overwrite_a=False, check_finite=check_finite)[0]


cho_factor_c = primitive(_cho_factor_c)


def cho_factor(a, lower=False, overwrite_a=False, check_finite=True):
    return cho_factor_c(a, lower, check_finite=check_finite), lower


def _cho_solve(c, b, lower=False, overwrite_b=False, check_finite=True):
    """``scipy.linalg.cho_solve((c, lower), b)`` with ``c`` and ``b`` positional."""
    return _sla.cho_solve((c, lower), b, overwrite_b=False, check_finite=check_finite)


cho_solve_args = primitive(_cho_solve)


def cho_solve(c_and_lower, b, overwrite_b=False, check_finite=True):
    c, lower = c_and_lower
    return cho_solve_args(c, b, lower, check_finite=check_finite)


def _lu_factor_lu(a, overwrite_a=False, check_finite=True):
    """The packed ``L + U - I`` of ``scipy.linalg.lu_factor``."""
    return _sla.lu_factor(a, overwrite_a=False, check_finite=check_finite)[0]


lu_factor_lu = primitive(_lu_factor_lu)


def lu_factor(a, overwrite_a=False, check_finite=True):
    raw = getval(a)
    if raw is a:
        return _sla.lu_factor(a, overwrite_a=overwrite_a, check_finite=check_finite)
    # The pivots are piecewise constant: computed on the raw value.
    piv = _sla.lu_factor(raw, check_finite=check_finite)[1]
    return lu_factor_lu(a, check_finite=check_finite), piv


def _lu_solve(lu, piv, b, trans=0, overwrite_b=False, check_finite=True):
    """``scipy.linalg.lu_solve((lu, piv), b)`` with ``lu``, ``piv`` and ``b`` positional."""
    return _sla.lu_solve((lu, piv), b, trans=trans, overwrite_b=False,
                         check_finite=check_finite)


lu_solve_args = primitive(_lu_solve)


def lu_solve(lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True):
    lu, piv = lu_and_piv
    return lu_solve_args(lu, getval(piv), b, trans, check_finite=check_finite)


# ----------------------------------------------------------------- tuple-returning options

_expm_frechet_prim = globals()["expm_frechet"]
_expm = globals()["expm"]


def expm_frechet(A, E, method=None, compute_expm=True, check_finite=True):
    L = _expm_frechet_prim(A, E, method=method, compute_expm=False, check_finite=check_finite)
    if compute_expm:
        return _expm(A), L
    return L


_pinv_prim = globals()["pinv"]


def pinv(a, *, atol=None, rtol=None, return_rank=False, check_finite=True):
    p = _pinv_prim(a, atol=atol, rtol=rtol, check_finite=check_finite)
    if return_rank:
        rank = _sla.pinv(getval(a), atol=atol, rtol=rtol, return_rank=True,
                         check_finite=check_finite)[1]
        return p, rank
    return p


for _f, _raw in [(cho_factor, _sla.cho_factor), (cho_solve, _sla.cho_solve),
                 (lu_factor, _sla.lu_factor), (lu_solve, _sla.lu_solve),
                 (expm_frechet, _sla.expm_frechet), (pinv, _sla.pinv)]:
    _raw_doc(_f, _raw)
del _f, _raw

__all__ += ["cho_factor_c", "cho_solve_args", "lu_factor_lu", "lu_solve_args"]
