"""Differentiable counterparts of Python's :mod:`cmath` module (no NumPy needed).

>>> from autograd import grad
>>> import autograd.cmath as cm
>>> grad(lambda x: cm.exp(1j * x).imag)(0.0)
1.0

This module owns the gradient rules of the raw :mod:`cmath` functions.  Every
public name of :mod:`cmath` is available here: each differentiable function is
``primitive(cmath.xxx)`` (rules keyed by the raw ``cmath`` function), the
predicates ``isclose``/``isfinite``/``isinf``/``isnan`` return constants, and
the constants (``pi``, ``e``, ``tau``, ``inf``, ``infj``, ``nan``, ``nanj``)
are re-exported.

Complex convention (see :mod:`autograd.vspace`): the cotangent of
``z = x + iy`` under a real loss ``L`` is ``dL/dx - i dL/dy``.  For a
holomorphic ``f`` the VJP is then ``g * f'(z)`` and the JVP ``t * f'(z)``.
A real argument (``cmath`` accepts floats) receives the real part of its
complex cotangent.

``phase`` and ``polar`` are not holomorphic.  With ``r = |z|``:

* ``phase``: the VJP is ``-1j * g / z`` and the JVP ``Im(t / z)``;
* ``abs`` (the first output of ``polar``): the VJP is ``g * conj(z) / r`` and
  the JVP ``Re(conj(z) * t) / r``;
* both have derivative 0 at ``z == 0``, where they are not differentiable.

Derivatives follow the principal branches that :mod:`cmath` uses, so they are
correct off the branch cuts (for instance ``acosh'(z)`` is computed as
``1 / (sqrt(z - 1) * sqrt(z + 1))``, not ``1 / sqrt(z * z - 1)``, which has a
cut of its own).  Vertical tangents (``sqrt`` at 0, ``asin``/``acos``/
``acosh`` at their branch points) give ``g * inf``.
"""

import cmath as _cmath
import math as _math

from .builtins import make_sequence
from .rules import defjvp, defvjp_fast
from .scalars import _fit
from .tracing import getval, notrace_primitive, primitive

_LN10 = _math.log(10.0)


# ----------------------------------------------------------------- primitives

sin = primitive(_cmath.sin)
cos = primitive(_cmath.cos)
tan = primitive(_cmath.tan)
asin = primitive(_cmath.asin)
acos = primitive(_cmath.acos)
atan = primitive(_cmath.atan)
sinh = primitive(_cmath.sinh)
cosh = primitive(_cmath.cosh)
tanh = primitive(_cmath.tanh)
asinh = primitive(_cmath.asinh)
acosh = primitive(_cmath.acosh)
atanh = primitive(_cmath.atanh)
exp = primitive(_cmath.exp)
log = primitive(_cmath.log)
log10 = primitive(_cmath.log10)
sqrt = primitive(_cmath.sqrt)
phase = primitive(_cmath.phase)
polar = primitive(_cmath.polar)
rect = primitive(_cmath.rect)


# ----------------------------------------------------------------- helpers

def _over(g, d):
    """``g / d``; at ``d == 0`` the limit of a vertical tangent, ``g * inf``."""
    return g * _math.inf if getval(d) == 0 else g / d


def _as_complex(t):
    """A tangent of a complex output: complex even where ``f'(x)`` is real."""
    return t if type(getval(t)) is complex else t + 0j


def _holo(deriv):
    """VJP and JVP of a holomorphic function from ``deriv(ct, ans, z) = ct * f'(z)``.

    The VJP projects onto a real argument's space; the JVP's tangent is
    complex, like the output, even for a real input.
    """
    def vjp(g, ans, z):
        return _fit(deriv(g, ans, z), z)

    def jvp(t, ans, z):
        return _as_complex(deriv(t, ans, z))

    return vjp, jvp


def _log_dz(g, ans, z, base=None):
    return _fit(g / z if base is None else g / (z * log(base)), z)


def _log_dbase(g, ans, z, base):
    return _fit(-g * ans / (base * log(base)), base)


def _log_dz_jvp(t, ans, z, base=None):
    return _as_complex(t / z if base is None else t / (z * log(base)))


def _log_dbase_jvp(t, ans, z, base):
    return _as_complex(-t * ans / (base * log(base)))


def _phase_vjp(g, ans, z):
    if getval(z) == 0:
        return _fit(0j * g, z)
    return _fit(-1j * g / z, z)


def _phase_jvp(t, ans, z):
    if getval(z) == 0:
        return t.real * 0.0
    return (t / z).imag


def _polar_vjp(g, ans, z):
    if getval(z) == 0:
        return _fit(0j * g[0], z)
    return _fit(g[0] * z.conjugate() / abs(z) - 1j * g[1] / z, z)


def _polar_jvp(t, ans, z):
    if getval(z) == 0:
        return make_sequence(tuple, t.real * 0.0, t.real * 0.0)
    return make_sequence(tuple, (z.conjugate() * t).real / abs(z), (t / z).imag)


# fmt: off
_sin_vjp,   _sin_jvp   = _holo(lambda g, ans, z: g * cos(z))
_cos_vjp,   _cos_jvp   = _holo(lambda g, ans, z: -g * sin(z))
_tan_vjp,   _tan_jvp   = _holo(lambda g, ans, z: g * (1.0 + ans * ans))
_asin_vjp,  _asin_jvp  = _holo(lambda g, ans, z: _over(g, sqrt(1.0 - z * z)))
_acos_vjp,  _acos_jvp  = _holo(lambda g, ans, z: _over(-g, sqrt(1.0 - z * z)))
_atan_vjp,  _atan_jvp  = _holo(lambda g, ans, z: g / (1.0 + z * z))
_sinh_vjp,  _sinh_jvp  = _holo(lambda g, ans, z: g * cosh(z))
_cosh_vjp,  _cosh_jvp  = _holo(lambda g, ans, z: g * sinh(z))
_tanh_vjp,  _tanh_jvp  = _holo(lambda g, ans, z: g * (1.0 - ans * ans))
_asinh_vjp, _asinh_jvp = _holo(lambda g, ans, z: _over(g, sqrt(1.0 + z * z)))
_acosh_vjp, _acosh_jvp = _holo(lambda g, ans, z: _over(g, sqrt(z - 1.0) * sqrt(z + 1.0)))
_atanh_vjp, _atanh_jvp = _holo(lambda g, ans, z: g / (1.0 - z * z))
_exp_vjp,   _exp_jvp   = _holo(lambda g, ans, z: g * ans)
_log10_vjp, _log10_jvp = _holo(lambda g, ans, z: g / (z * _LN10))
_sqrt_vjp,  _sqrt_jvp  = _holo(lambda g, ans, z: _over(0.5 * g, ans))
# fmt: on


# ----------------------------------------------------------------- rules

# fmt: off
# -- trigonometric
defvjp_fast(sin,   _sin_vjp)
defjvp(sin,        _sin_jvp)
defvjp_fast(cos,   _cos_vjp)
defjvp(cos,        _cos_jvp)
defvjp_fast(tan,   _tan_vjp)
defjvp(tan,        _tan_jvp)
defvjp_fast(asin,  _asin_vjp)
defjvp(asin,       _asin_jvp)
defvjp_fast(acos,  _acos_vjp)
defjvp(acos,       _acos_jvp)
defvjp_fast(atan,  _atan_vjp)
defjvp(atan,       _atan_jvp)

# -- hyperbolic
defvjp_fast(sinh,  _sinh_vjp)
defjvp(sinh,       _sinh_jvp)
defvjp_fast(cosh,  _cosh_vjp)
defjvp(cosh,       _cosh_jvp)
defvjp_fast(tanh,  _tanh_vjp)
defjvp(tanh,       _tanh_jvp)
defvjp_fast(asinh, _asinh_vjp)
defjvp(asinh,      _asinh_jvp)
defvjp_fast(acosh, _acosh_vjp)
defjvp(acosh,      _acosh_jvp)
defvjp_fast(atanh, _atanh_vjp)
defjvp(atanh,      _atanh_jvp)

# -- exponential, logarithms, square root
defvjp_fast(exp,   _exp_vjp)
defjvp(exp,        _exp_jvp)
defvjp_fast(log,   _log_dz, _log_dbase)
defjvp(log,        _log_dz_jvp, _log_dbase_jvp)
defvjp_fast(log10, _log10_vjp)
defjvp(log10,      _log10_jvp)
defvjp_fast(sqrt,  _sqrt_vjp)
defjvp(sqrt,       _sqrt_jvp)

# -- polar coordinates (not holomorphic: see the module docstring)
defvjp_fast(phase, _phase_vjp)
defjvp(phase,      _phase_jvp)
defvjp_fast(polar, _polar_vjp)
defjvp(polar,      _polar_jvp)
defvjp_fast(rect,  lambda g, ans, r, phi: _fit(g * rect(1.0, phi), r),
                   lambda g, ans, r, phi: _fit(1j * g * ans, phi))
defjvp(rect,       lambda t, ans, r, phi: t * rect(1.0, phi),
                   lambda t, ans, r, phi: 1j * t * ans)
# fmt: on


# ----------------------------------------------------------------- not differentiable

isclose = notrace_primitive(_cmath.isclose)
isfinite = notrace_primitive(_cmath.isfinite)
isinf = notrace_primitive(_cmath.isinf)
isnan = notrace_primitive(_cmath.isnan)

pi = _cmath.pi
e = _cmath.e
tau = _cmath.tau
inf = _cmath.inf
infj = _cmath.infj
nan = _cmath.nan
nanj = _cmath.nanj

# Anything a later Python adds is re-exported as it is, so no name is
# missing; calling it on a traced value raises (a box refuses complex()).
for _name in dir(_cmath):
    if not _name.startswith("_") and _name not in globals():
        globals()[_name] = getattr(_cmath, _name)

__all__ = sorted(n for n in dir(_cmath) if not n.startswith("_"))

del _name
