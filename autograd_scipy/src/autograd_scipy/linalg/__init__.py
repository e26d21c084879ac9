"""``autograd.scipy.linalg``: every public callable of ``scipy.linalg``, wrapped for tracing.

Most functions are ``primitive(scipy_function)``; the rules live in
:mod:`autograd_scipy.linalg._rules` and are keyed by SciPy's own callables.
A few functions take or return values the tracer cannot follow as they are
(arrays inside tuples, integer pivots, flags), so they get a wrapper of their
own that calls a primitive with the arrays as positional arguments:

* ``cho_factor(a, lower)`` returns ``(c, lower)``: ``c`` is traced;
* ``cho_solve((c, lower), b)`` and ``lu_solve((lu, piv), b)`` are
  differentiable in ``c`` / ``lu`` and ``b``;
* ``lu_factor(a)`` returns ``(lu, piv)``: ``lu`` is traced, ``piv`` is constant;
* ``expm_frechet(A, E)`` returns ``(expm(A), L(A, E))`` as two traced values;
* ``pinv``/``pinvh(a, return_rank=True)`` return a traced pseudo-inverse and a constant rank;
* ``lstsq(a, b)`` returns a traced solution, residues and singular values and a
  constant rank;
* ``matmul_toeplitz((c, r), x)`` and ``solve_toeplitz((c, r), b)`` are, when
  traced, the product with / solve against ``toeplitz(c, r)``;
* ``cho_solve_banded((cb, lower), b)`` is differentiable in ``cb`` and ``b``;
* ``det`` of a traced matrix is ``autograd.numpy.linalg.det`` (after SciPy's
  input checks), so numpy.linalg's rules differentiate both.

Derivatives are defined where the function is smooth: symmetric (Hermitian)
input for ``cholesky``/``eigh``, distinct singular values for ``svd``, full column
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

import numpy as _onp
import scipy.linalg as _sla

from autograd.extend import Box as _Box
from autograd.extend import getval, primitive
from autograd_numpy import linalg as _anla
from autograd_numpy import numpy_wrapper as _anp
from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace
from autograd_numpy.util import any_boxed as _traced

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


_pinvh_prim = globals()["pinvh"]


def pinvh(a, atol=None, rtol=None, lower=True, return_rank=False, check_finite=True):
    p = _pinvh_prim(a, atol=atol, rtol=rtol, lower=lower, check_finite=check_finite)
    if return_rank:
        rank = _sla.pinvh(getval(a), atol=atol, rtol=rtol, lower=lower, return_rank=True,
                          check_finite=check_finite)[1]
        return p, rank
    return p


# ----------------------------------------------------------------- shared with numpy.linalg
# scipy.linalg.det is numpy.linalg.det (the same LU determinant, equal up to
# the last bits of rounding) plus two flags that change no value, so a traced
# call is autograd.numpy.linalg.det: numpy.linalg's rules are the one
# derivation of both.  Untraced calls, and SciPy's input checks, stay SciPy's.

def det(a, overwrite_a=False, check_finite=True):
    if not isinstance(a, _Box):
        return _sla.det(a, overwrite_a, check_finite)
    raw = getval(a)
    shape = _onp.shape(raw)
    if len(shape) < 2 or shape[-1] != shape[-2]:
        return _sla.det(raw, check_finite=check_finite)      # SciPy's own error
    if check_finite:
        _onp.asarray_chkfinite(raw)     # SciPy refuses inf/nan where NumPy returns them
        return _anla.det(a)
    with _onp.errstate(invalid="ignore"):     # and is silent where NumPy warns
        return _anla.det(a)


_raw_doc(det, _sla.det)


# ----------------------------------------------------------------- least squares

def _lstsq_x(a, b, cond=None, check_finite=True, lapack_driver=None):
    """The solution ``x`` of ``scipy.linalg.lstsq``."""
    return _sla.lstsq(a, b, cond=cond, check_finite=check_finite, lapack_driver=lapack_driver)[0]


lstsq_x = primitive(_lstsq_x)
_svdvals, _toeplitz, _solve = (globals()[n] for n in ("svdvals", "toeplitz", "solve"))


def lstsq(a, b, cond=None, overwrite_a=False, overwrite_b=False, check_finite=True,
          lapack_driver=None):
    if getval(a) is a and getval(b) is b:
        return _sla.lstsq(a, b, cond=cond, overwrite_a=overwrite_a, overwrite_b=overwrite_b,
                          check_finite=check_finite, lapack_driver=lapack_driver)
    # the rank is piecewise constant, computed on the raw values
    res, rank = _sla.lstsq(getval(a), getval(b), cond=cond, check_finite=check_finite,
                           lapack_driver=lapack_driver)[1:3]
    x = lstsq_x(a, b, cond, check_finite=check_finite, lapack_driver=lapack_driver)
    if _anp.size(res):
        res = _anp.sum(_anp.abs(b - _anp.matmul(a, x)) ** 2, axis=0)
    return x, res, rank, _svdvals(a, check_finite=check_finite)


# ----------------------------------------------------------------- (c, r) and (cb, lower) pairs

def _c_r(c_or_cr):
    if isinstance(c_or_cr, tuple):
        return c_or_cr
    return c_or_cr, None


def matmul_toeplitz(c_or_cr, x, check_finite=False, workers=None):
    c, r = _c_r(c_or_cr)
    if not _traced(c, r, x):
        return _sla.matmul_toeplitz(c_or_cr, x, check_finite=check_finite, workers=workers)
    return _anp.matmul(_toeplitz(c, r), x)


def solve_toeplitz(c_or_cr, b, check_finite=True):
    c, r = _c_r(c_or_cr)
    if not _traced(c, r, b):
        return _sla.solve_toeplitz(c_or_cr, b, check_finite=check_finite)
    return _solve(_toeplitz(c, r), b)


matmul_toeplitz.__autograd_composite__ = True
solve_toeplitz.__autograd_composite__ = True


def _cho_solve_banded(cb, b, lower=False, overwrite_b=False, check_finite=True):
    """``scipy.linalg.cho_solve_banded((cb, lower), b)`` with ``cb`` and ``b`` positional."""
    return _sla.cho_solve_banded((cb, lower), b, check_finite=check_finite)


cho_solve_banded_args = primitive(_cho_solve_banded)


def cho_solve_banded(cb_and_lower, b, overwrite_b=False, check_finite=True):
    cb, lower = cb_and_lower
    return cho_solve_banded_args(cb, b, lower, check_finite=check_finite)


for _f, _raw in [(cho_factor, _sla.cho_factor), (cho_solve, _sla.cho_solve),
                 (lu_factor, _sla.lu_factor), (lu_solve, _sla.lu_solve),
                 (expm_frechet, _sla.expm_frechet), (pinv, _sla.pinv), (pinvh, _sla.pinvh),
                 (lstsq, _sla.lstsq), (matmul_toeplitz, _sla.matmul_toeplitz),
                 (solve_toeplitz, _sla.solve_toeplitz),
                 (cho_solve_banded, _sla.cho_solve_banded)]:
    _raw_doc(_f, _raw)
del _f, _raw

__all__ += ["cho_factor_c", "cho_solve_args", "lu_factor_lu", "lu_solve_args", "lstsq_x",
            "cho_solve_banded_args"]


from .._overridable import make_overridable as _make_overridable  # noqa: E402

_make_overridable(globals())
