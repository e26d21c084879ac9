"""``autograd.scipy.integrate``: every public callable of ``scipy.integrate``, wrapped for tracing.

Differentiable here:

* ``odeint(func, y0, t, args=(), **options)`` (HIPS autograd's signature):
  derivatives with respect to ``y0``, the times ``t`` and every entry of
  ``args`` (a plain tuple or an ``autograd.builtins.tuple``).  Reverse mode
  solves the adjoint ODE backwards in time, forward mode the forward
  sensitivity equations; ``func(y, t, *args)`` must be written with
  ``autograd.numpy``.
* ``solve_ivp(fun, t_span, y0, ..., t_eval=None, args=None, **options)``:
  returns SciPy's result object in which ``.y`` (and ``.t`` when ``t_eval``
  is traced) are differentiable values: the states at the output times as
  functions of ``y0``, ``t_span[0]``, ``t_eval`` and ``args``.  Without
  ``t_eval`` the output times are those the solver chose at the given
  inputs, held fixed (they are piecewise constant in the inputs).  Events,
  ``dense_output`` and ``sol`` are not differentiated.
* ``trapezoid``, ``simpson``, ``cumulative_trapezoid``, ``cumulative_simpson``
  and ``romb``: in ``y``, ``x``, ``dx`` and ``initial`` (to any order).
* ``quad(func, a, b, args=(), ...)`` and ``quad_vec(f, a, b, ..., args=())``:
  return SciPy's ``(value, abserr)`` with ``value`` differentiable in the
  limits (``d/db = f(b)``, ``d/da = -f(a)``; zero at an infinite limit) and
  in every entry of ``args`` (the integral of the integrand's derivative,
  integrated by the same routine with the same options, so higher orders
  work too).  ``abserr`` and ``full_output``'s extra items are constants.
  ``weight=`` integrals are differentiable in ``args`` only; ``complex_func``
  is not differentiated.
* ``dblquad``, ``tplquad`` and ``nquad``: in every limit given as a number
  (traced or not), in ``args``, and through limits given as functions of
  ``args`` (``nquad``'s ranges): iterated quads, as SciPy computes them, each
  differentiated by quad's rules, so higher orders work as for ``quad``.
  ``nquad`` options with ``weight=`` are refused when differentiating.
* ``fixed_quad``: Gauss-Legendre written with traced operations, so in
  ``a``, ``b``, ``args`` and also values the integrand closes over.

Every callback may close over traced values (``solve_ivp(lambda t, y: -k * y,
...)`` inside ``grad(loss)(k)``): the values it captures (closure cells,
default arguments, a bound method's object, ``functools.partial`` arguments,
through containers and nested functions) are found and passed to the
primitives as extra ``args``, so they are differentiated exactly as ``args``
are (see :mod:`autograd_scipy._closures`).  A traced value reached another
way (a global variable) raises :class:`~autograd_scipy._closures.UndetectedCaptureError`
rather than being treated as a constant.

This module builds the namespace; the functions live in private topic modules
(``_ode``, ``_quadrature`` for functions, ``_samples`` for sampled values) and
their rules in ``_rules``.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.integrate import odeint
>>> decay = lambda y, t, k: -k * y
>>> round(float(grad(lambda k: odeint(decay, np.ones(1), np.array([0.0, 1.0]), (k,))[-1, 0])(1.0)), 4)
-0.3679
>>> from autograd.scipy.integrate import quad
>>> round(float(grad(lambda k: quad(lambda x, k: np.exp(-k * x), 0.0, 1.0, args=(k,))[0])(1.0)), 4)
-0.2642
"""

import scipy.integrate as _spi

from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_spi), globals(), set(getattr(_spi, "__all__", ())) or None)

# Our functions, from the topic modules, replace the namespace's primitives of SciPy's.
from ._ode import *  # noqa: E402,F403
from ._quadrature import *  # noqa: E402,F403
from ._samples import *  # noqa: E402,F403
from . import _ode, _quadrature, _samples  # noqa: E402

for _m in (_ode, _quadrature, _samples):
    __all__ += [n for n in _m.__all__ if n not in __all__]
del _m
