"""The primitives of ``autograd.scipy.interpolate``, whose rules are in :mod:`._rules`.

* ``evaluate(data, xq, spec, nu)``: an interpolant built by SciPy from ``data``
  (values or coefficients, with ``spec.data_ndim`` leading data axes and any
  trailing axes), evaluated at the query points ``xq`` with derivative order
  ``nu``.  Every interpolant routed here is linear (or affine: a boundary
  value, a fill value) in its data for fixed knots, so the derivative in the
  data is the same interpolant applied to the basis (``spec.linear()``, the
  affine part removed), and the derivative in the query points is the
  interpolant's own derivative (``nu + 1``; for N-d points, ``nu + e_k``).
* ``linear_in_data(data, fun, lead)``: ``fun(data)`` for a function ``fun``
  linear in ``data`` (coefficients of an interpolating spline, values of a
  scattered-data interpolant); its transpose is read off ``fun`` applied to the
  basis, which is refused past ``MATRIX_LIMIT`` entries.
"""

import numpy as onp

from autograd.extend import primitive

__all__ = ["evaluate", "linear_in_data", "MATRIX_LIMIT", "basis", "check_size"]

MATRIX_LIMIT = 2e7


def check_size(n_basis, n_out, what):
    if n_basis * n_out > MATRIX_LIMIT:
        raise NotImplementedError(
            f"The derivative of {what} in its data would build a {n_out} x {n_basis} matrix "
            f"({n_basis * n_out:.3g} entries, limit {MATRIX_LIMIT:.0e}).")


def basis(lead):
    """The unit vectors of data with leading shape ``lead``: shape ``lead + (N,)``."""
    n = int(onp.prod(lead))
    return onp.eye(n).reshape(tuple(lead) + (n,))


def _evaluate_raw(data, xq, spec, nu):
    return spec.value(data, xq, nu)


evaluate = primitive(_evaluate_raw)


def _linear_in_data_raw(data, fun, lead=1):
    return fun(data)


linear_in_data = primitive(_linear_in_data_raw)
