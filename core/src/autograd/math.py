"""Differentiable counterparts of Python's :mod:`math` module (no NumPy needed).

>>> from autograd import grad
>>> import autograd.math as m
>>> grad(lambda x: m.log(x, 2.0) + m.hypot(x, 4.0))(3.0)   # doctest: +ELLIPSIS
1.080...

This module owns the gradient rules of the raw :mod:`math` functions.  Every
public name of :mod:`math` is available here:

* each differentiable function is ``primitive(math.xxx)``, so its VJP and JVP
  rules are keyed by the raw ``math`` function itself;
* functions whose value is piecewise constant or integer-valued (``floor``,
  ``isnan``, ``comb``, ``frexp``, ...) run on raw values and return constants;
* the constants ``pi``, ``e``, ``tau``, ``inf`` and ``nan`` are re-exported.

``fsum``, ``prod`` and ``dist`` take sequences: a list or tuple holding traced
values is packed into one traced container first, so that the whole sequence
is a single differentiable argument.

Conventions at points where a function is not differentiable:

* ``fabs`` has derivative 0 at 0; so has ``copysign(x, y)`` in ``x`` at
  ``x == 0``.  ``copysign``, ``fmod`` and ``remainder`` are treated as smooth
  between their jumps: their derivative in ``y`` (``copysign``) or the integer
  quotient (``fmod``, ``remainder``) is taken as locally constant.
* ``hypot``, ``dist`` and ``atan2`` have derivative 0 at the origin.
* vertical tangents give an infinite derivative: ``sqrt`` and ``cbrt`` at 0,
  ``asin``/``acos`` at +-1, ``acosh`` at 1, ``pow(x, y)`` at ``x == 0`` for
  ``0 < y < 1``.
* ``pow(x, y)`` with ``x < 0`` (defined only at integer ``y``) has derivative
  ``nan`` in ``y``; with ``x == 0`` the derivative in ``y`` is taken as 0.
* ``modf(x)`` returns ``(fractional, integral)``: derivative 1 and 0 (the
  integral part is piecewise constant).  ``ldexp(x, i)`` is linear in ``x``.
* ``gamma`` and ``lgamma`` are differentiable to any order through a
  pure-Python polygamma function (``lgamma'`` is the digamma function, also
  for negative ``x``, where ``lgamma`` is ``log|gamma|``).
"""

import math as _math

from .builtins import make_sequence, pack
from .rules import defjvp, defjvp_argnum, defvjp_argnum, defvjp_fast
from .scalars import _fit
from .tracing import getval, isbox, notrace_primitive, primitive
from .vspace import densify

_LN2 = _math.log(2.0)
_LN10 = _math.log(10.0)
_TWO_OVER_SQRT_PI = 2.0 / _math.sqrt(_math.pi)


def _fallback(name, impl):
    """``math.<name>`` where this Python has it, else a pure-Python stand-in.

    ``cbrt`` and ``exp2`` are new in Python 3.11; the rules are keyed by
    whichever raw function is in use.
    """
    return getattr(_math, name, None) or impl


def _cbrt(x):
    return _math.copysign(abs(x) ** (1.0 / 3.0), x)


def _exp2(x):
    return 2.0 ** x


# ----------------------------------------------------------------- primitives

sin = primitive(_math.sin)
cos = primitive(_math.cos)
tan = primitive(_math.tan)
asin = primitive(_math.asin)
acos = primitive(_math.acos)
atan = primitive(_math.atan)
atan2 = primitive(_math.atan2)
sinh = primitive(_math.sinh)
cosh = primitive(_math.cosh)
tanh = primitive(_math.tanh)
asinh = primitive(_math.asinh)
acosh = primitive(_math.acosh)
atanh = primitive(_math.atanh)
exp = primitive(_math.exp)
exp2 = primitive(_fallback("exp2", _exp2))
expm1 = primitive(_math.expm1)
log = primitive(_math.log)
log1p = primitive(_math.log1p)
log2 = primitive(_math.log2)
log10 = primitive(_math.log10)
sqrt = primitive(_math.sqrt)
cbrt = primitive(_fallback("cbrt", _cbrt))
pow = primitive(_math.pow)
hypot = primitive(_math.hypot)
erf = primitive(_math.erf)
erfc = primitive(_math.erfc)
gamma = primitive(_math.gamma)
lgamma = primitive(_math.lgamma)
fabs = primitive(_math.fabs)
copysign = primitive(_math.copysign)
degrees = primitive(_math.degrees)
radians = primitive(_math.radians)
fmod = primitive(_math.fmod)
remainder = primitive(_math.remainder)
ldexp = primitive(_math.ldexp)
modf = primitive(_math.modf)
_fsum = primitive(_math.fsum)
_prod = primitive(_math.prod)
_dist = primitive(_math.dist)


# ----------------------------------------------------------------- helpers

def _over(g, d):
    """``g / d``; at ``d == 0`` the limit of a vertical tangent, ``g * inf``."""
    return g * _math.inf if getval(d) == 0 else g / d


def _quotient(x, y, ans):
    """The integer ``n`` with ``ans == x - n * y`` (``fmod``, ``remainder``), as a float."""
    return float(round((getval(x) - getval(ans)) / getval(y)))


def _sign(x):
    x = getval(x)
    return float((x > 0) - (x < 0))


# ----------------------------------------------------------------- digamma and polygamma
# The derivatives of gamma and lgamma need the polygamma functions, which
# :mod:`math` lacks.  ``_polygamma(n, x)`` is a primitive whose derivative is
# ``_polygamma(n + 1, x)``, so gamma/lgamma are differentiable to any order.

# B_2, B_4, ..., B_20
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510,
              43867 / 798, -174611 / 330)


def _inv_pow(x, m):
    """``x ** -m`` for ``x > 0``, overflowing to ``inf`` instead of raising."""
    try:
        return x ** -m
    except OverflowError:
        return _math.inf


def _polygamma_asymptotic(n, x):
    """The asymptotic series, accurate to double precision for ``x >= 12 + n``."""
    if n == 0:
        s = _math.log(x) - 0.5 / x
        for k, b in enumerate(_BERNOULLI, 1):
            s -= b / (2 * k) * _inv_pow(x, 2 * k)
        return s
    fact = _math.factorial
    s = fact(n - 1) * _inv_pow(x, n) + fact(n) / 2 * _inv_pow(x, n + 1)
    for k, b in enumerate(_BERNOULLI, 1):
        s += b * (fact(2 * k + n - 1) / fact(2 * k)) * _inv_pow(x, 2 * k + n)
    return s if n % 2 else -s


def _cot_derivative(n, x):
    """``d^n/dx^n cot(pi x)``: ``pi^n P_n(cot(pi x))`` with ``P_{k+1} = -(1 + c^2) P_k'``."""
    poly = [0.0, 1.0]                    # coefficients of P_0(c) = c, lowest first
    for _ in range(n):
        deriv = [i * a for i, a in enumerate(poly)][1:] or [0.0]
        nxt = [0.0] * (len(deriv) + 2)
        for i, a in enumerate(deriv):
            nxt[i] -= a
            nxt[i + 2] -= a
        poly = nxt
    r = x - round(x)                     # cot(pi x) has period 1; reduce exactly
    c = _math.cos(_math.pi * r) / _math.sin(_math.pi * r)
    value = 0.0
    for a in reversed(poly):             # Horner: c may be huge near a pole
        value = value * c + a
    return _math.pi ** n * value


def _raw_polygamma(n, x):
    """The ``n``-th derivative of the digamma function at a real ``x`` (``nan`` at poles)."""
    if x <= 0 and x == _math.floor(x):
        return _math.nan
    if x < 0:
        # Reflection: psi_n(x) = (-1)^n psi_n(1 - x) - pi d^n/dx^n cot(pi x).
        sign = -1.0 if n % 2 else 1.0
        return sign * _raw_polygamma(n, 1.0 - x) - _math.pi * _cot_derivative(n, x)
    # Recurrence: psi_n(x) = psi_n(x + 1) - (-1)^n n! / x^(n + 1).
    step = -1.0 if n % 2 == 0 else 1.0
    fact = _math.factorial(n)
    acc = 0.0
    while x < 12 + n:
        acc += step * fact * _inv_pow(x, n + 1)
        x += 1.0
    return acc + _polygamma_asymptotic(n, x)


_polygamma = primitive(_raw_polygamma)


# ----------------------------------------------------------------- rules
# Each rule is written with the primitives above, so it is itself
# differentiable: nested derivatives run these same lines on boxes.

def _log_dx(g, ans, x, base=None):
    return g / x if base is None else g / (x * log(base))


def _log_dbase(g, ans, x, base):
    return -g * ans / (base * log(base))


def _pow_dx(g, ans, x, y):
    xv, yv = getval(x), getval(y)
    if xv == 0:  # vertical tangent (0 < y < 1), slope 1 (y == 1), flat otherwise
        return g * (_math.inf if 0 < yv < 1 else 1.0 if yv == 1 else 0.0)
    return g * y * pow(x, y - 1.0)


def _pow_dy(g, ans, x, y):
    xv = getval(x)
    if xv > 0:
        return g * ans * log(x)
    return g * (0.0 if xv == 0 else _math.nan)  # x < 0: pow exists only at integer y


def _atan2_dy(g, ans, y, x):
    r2 = x * x + y * y
    return g * 0.0 if getval(r2) == 0 else g * x / r2


def _atan2_dx(g, ans, y, x):
    r2 = x * x + y * y
    return g * 0.0 if getval(r2) == 0 else -g * y / r2


def _copysign_dx(g, ans, x, y):
    xv = getval(x)
    if xv == 0:
        return g * 0.0
    return g * (_math.copysign(1.0, xv) * _math.copysign(1.0, getval(y)))


def _hypot_vjp(argnum, ans, args, kwargs):
    x = args[argnum]
    if getval(ans) == 0:
        return lambda g: g * 0.0
    return lambda g: g * x / ans


def _hypot_jvp(argnum, t, ans, args, kwargs):
    return t * 0.0 if getval(ans) == 0 else t * args[argnum] / ans


def _modf_jvp(t, ans, x):
    # The fractional part moves with x, the integral part is piecewise constant.
    return make_sequence(tuple, t, t * 0.0)


# fmt: off
# -- trigonometric
defvjp_fast(sin,   lambda g, ans, x: g * cos(x))
defjvp(sin,        lambda t, ans, x: t * cos(x))
defvjp_fast(cos,   lambda g, ans, x: -g * sin(x))
defjvp(cos,        lambda t, ans, x: -t * sin(x))
defvjp_fast(tan,   lambda g, ans, x: g * (1.0 + ans * ans))
defjvp(tan,        lambda t, ans, x: t * (1.0 + ans * ans))
defvjp_fast(asin,  lambda g, ans, x: _over(g, sqrt(1.0 - x * x)))
defjvp(asin,       lambda t, ans, x: _over(t, sqrt(1.0 - x * x)))
defvjp_fast(acos,  lambda g, ans, x: _over(-g, sqrt(1.0 - x * x)))
defjvp(acos,       lambda t, ans, x: _over(-t, sqrt(1.0 - x * x)))
defvjp_fast(atan,  lambda g, ans, x: g / (1.0 + x * x))
defjvp(atan,       lambda t, ans, x: t / (1.0 + x * x))
defvjp_fast(atan2, _atan2_dy, _atan2_dx)
defjvp(atan2,      _atan2_dy, _atan2_dx)
defvjp_fast(degrees, lambda g, ans, x: degrees(g))
defjvp(degrees,    "same")
defvjp_fast(radians, lambda g, ans, x: radians(g))
defjvp(radians,    "same")

# -- hyperbolic
defvjp_fast(sinh,  lambda g, ans, x: g * cosh(x))
defjvp(sinh,       lambda t, ans, x: t * cosh(x))
defvjp_fast(cosh,  lambda g, ans, x: g * sinh(x))
defjvp(cosh,       lambda t, ans, x: t * sinh(x))
defvjp_fast(tanh,  lambda g, ans, x: g * (1.0 - ans * ans))
defjvp(tanh,       lambda t, ans, x: t * (1.0 - ans * ans))
defvjp_fast(asinh, lambda g, ans, x: g / sqrt(x * x + 1.0))
defjvp(asinh,      lambda t, ans, x: t / sqrt(x * x + 1.0))
defvjp_fast(acosh, lambda g, ans, x: _over(g, sqrt(x * x - 1.0)))
defjvp(acosh,      lambda t, ans, x: _over(t, sqrt(x * x - 1.0)))
defvjp_fast(atanh, lambda g, ans, x: g / (1.0 - x * x))
defjvp(atanh,      lambda t, ans, x: t / (1.0 - x * x))

# -- exponentials and logarithms
defvjp_fast(exp,   lambda g, ans, x: g * ans)
defjvp(exp,        lambda t, ans, x: t * ans)
defvjp_fast(exp2,  lambda g, ans, x: g * ans * _LN2)
defjvp(exp2,       lambda t, ans, x: t * ans * _LN2)
defvjp_fast(expm1, lambda g, ans, x: g * (ans + 1.0))
defjvp(expm1,      lambda t, ans, x: t * (ans + 1.0))
defvjp_fast(log,   _log_dx, _log_dbase)
defjvp(log,        _log_dx, _log_dbase)
defvjp_fast(log1p, lambda g, ans, x: g / (1.0 + x))
defjvp(log1p,      lambda t, ans, x: t / (1.0 + x))
defvjp_fast(log2,  lambda g, ans, x: g / (x * _LN2))
defjvp(log2,       lambda t, ans, x: t / (x * _LN2))
defvjp_fast(log10, lambda g, ans, x: g / (x * _LN10))
defjvp(log10,      lambda t, ans, x: t / (x * _LN10))

# -- powers and roots
defvjp_fast(sqrt,  lambda g, ans, x: _over(0.5 * g, ans))
defjvp(sqrt,       lambda t, ans, x: _over(0.5 * t, ans))
defvjp_fast(cbrt,  lambda g, ans, x: _over(g, 3.0 * ans * ans))
defjvp(cbrt,       lambda t, ans, x: _over(t, 3.0 * ans * ans))
defvjp_fast(pow,   _pow_dx, _pow_dy)
defjvp(pow,        _pow_dx, _pow_dy)
defvjp_argnum(hypot, _hypot_vjp)
defjvp_argnum(hypot, _hypot_jvp)

# -- special functions
defvjp_fast(erf,    lambda g, ans, x: g * _TWO_OVER_SQRT_PI * exp(-x * x))
defjvp(erf,         lambda t, ans, x: t * _TWO_OVER_SQRT_PI * exp(-x * x))
defvjp_fast(erfc,   lambda g, ans, x: -g * _TWO_OVER_SQRT_PI * exp(-x * x))
defjvp(erfc,        lambda t, ans, x: -t * _TWO_OVER_SQRT_PI * exp(-x * x))
defvjp_fast(gamma,  lambda g, ans, x: g * ans * _polygamma(0, x))
defjvp(gamma,       lambda t, ans, x: t * ans * _polygamma(0, x))
defvjp_fast(lgamma, lambda g, ans, x: g * _polygamma(0, x))
defjvp(lgamma,      lambda t, ans, x: t * _polygamma(0, x))
defvjp_fast(_polygamma, None, lambda g, ans, n, x: g * _polygamma(n + 1, x))
defjvp(_polygamma,      None, lambda t, ans, n, x: t * _polygamma(n + 1, x))

# -- sign, rounding and scaling
defvjp_fast(fabs,      lambda g, ans, x: g * _sign(x))
defjvp(fabs,           lambda t, ans, x: t * _sign(x))
defvjp_fast(copysign,  _copysign_dx, lambda g, ans, x, y: g * 0.0)
defjvp(copysign,       _copysign_dx, lambda t, ans, x, y: t * 0.0)
defvjp_fast(fmod,      lambda g, ans, x, y: g, lambda g, ans, x, y: -g * _quotient(x, y, ans))
defjvp(fmod,           lambda t, ans, x, y: t, lambda t, ans, x, y: -t * _quotient(x, y, ans))
defvjp_fast(remainder, lambda g, ans, x, y: g, lambda g, ans, x, y: -g * _quotient(x, y, ans))
defjvp(remainder,      lambda t, ans, x, y: t, lambda t, ans, x, y: -t * _quotient(x, y, ans))
defvjp_fast(ldexp,     lambda g, ans, x, i: ldexp(g, i), None)
defjvp(ldexp,          "same", None)
defvjp_fast(modf,      lambda g, ans, x: g[0])
defjvp(modf,           _modf_jvp)
# fmt: on


# ----------------------------------------------------------------- sequences
# fsum, prod and dist take whole sequences.  The primitives receive one traced
# container; their cotangents are containers of the same type.

def _traceable(xs):
    """``xs`` as one argument a sequence primitive can trace.

    A traced container is used as it is; a plain list or tuple holding traced
    values becomes one traced list (ints become floats: a gradient needs a
    vector space, and an int has none); other iterables are materialized.
    """
    if isbox(xs):
        return xs
    if not isinstance(xs, (list, tuple)):
        xs = tuple(xs)
    if any(isbox(v) for v in xs):
        return pack([float(v) if type(v) in (int, bool) else v for v in xs])
    return xs


def _like(xs, items):
    """A cotangent for the sequence ``xs``: ``items`` in a container of ``xs``'s type."""
    return make_sequence(type(getval(xs)), *[_fit(c, x) for c, x in zip(items, getval(xs))])


def _others_products(xs, start):
    """``[start * prod(xs[j] for j != i) for i]`` in O(n), without dividing."""
    xs = list(xs)
    suffix = [1.0] * (len(xs) + 1)
    for i in range(len(xs) - 1, -1, -1):
        suffix[i] = xs[i] * suffix[i + 1]
    out, prefix = [], start
    for i, x in enumerate(xs):
        out.append(prefix * suffix[i + 1])
        prefix = prefix * x
    return out


def _dot(ts, xs):
    total = 0.0
    for t, x in zip(ts, xs):
        total = total + t * x
    return total


def _fsum_vjp(g, ans, xs):
    return _like(xs, [g] * len(xs))


def _prod_vjp(g, ans, xs, start=1):
    return _like(xs, [g * p for p in _others_products(xs, start)])


def _prod_jvp(t, ans, xs, start=1):
    return _dot(densify(t), _others_products(xs, start))


def _dist_vjp(sign):
    def vjp(g, ans, p, q):
        if getval(ans) == 0:
            return _like(p if sign > 0 else q, [0.0] * len(p))
        return _like(p if sign > 0 else q, [sign * g * (a - b) / ans for a, b in zip(p, q)])
    return vjp


def _dist_jvp(sign):
    def jvp(t, ans, p, q):
        if getval(ans) == 0:
            return 0.0
        return sign * _dot(densify(t), [a - b for a, b in zip(p, q)]) / ans
    return jvp


# fmt: off
defvjp_fast(_fsum, _fsum_vjp)
defjvp(_fsum,      lambda t, ans, xs: fsum(densify(t)))
defvjp_fast(_prod, _prod_vjp)
defjvp(_prod,      _prod_jvp)
defvjp_fast(_dist, _dist_vjp(1.0), _dist_vjp(-1.0))
defjvp(_dist,      _dist_jvp(1.0), _dist_jvp(-1.0))
# fmt: on


def fsum(iterable):
    """``math.fsum``: an accurate sum, differentiable in each item.

    >>> fsum([0.1] * 10)
    1.0
    """
    return _fsum(_traceable(iterable))


def prod(iterable, *, start=1):
    """``math.prod``: the product of ``start`` and the items.

    The result is differentiable in the items, and in ``start`` when it is a
    traced value.

    >>> prod([2.0, 3.0], start=0.5)
    3.0
    """
    xs = _traceable(iterable)
    if isbox(start):
        return _prod(xs) * start
    return _prod(xs, start=start)


def dist(p, q):
    """``math.dist``: the Euclidean distance between two points (sequences).

    >>> dist((0.0, 0.0), (3.0, 4.0))
    5.0
    """
    return _dist(_traceable(p), _traceable(q))



# ----------------------------------------------------------------- newer Pythons

if hasattr(_math, "sumprod"):  # Python 3.12
    _sumprod = primitive(_math.sumprod)
    # fmt: off
    defvjp_fast(_sumprod, lambda g, ans, p, q: _like(p, [g * b for b in q]),
                          lambda g, ans, p, q: _like(q, [g * a for a in p]))
    defjvp(_sumprod,      lambda t, ans, p, q: _dot(densify(t), q),
                          lambda t, ans, p, q: _dot(densify(t), p))
    # fmt: on

    def sumprod(p, q):
        """``math.sumprod``: the sum of products of two equal-length sequences."""
        return _sumprod(_traceable(p), _traceable(q))

if hasattr(_math, "fma"):  # Python 3.13
    fma = primitive(_math.fma)
    # fmt: off
    defvjp_fast(fma, lambda g, ans, x, y, z: g * y, lambda g, ans, x, y, z: g * x,
                     lambda g, ans, x, y, z: g)
    defjvp(fma,      lambda t, ans, x, y, z: t * y, lambda t, ans, x, y, z: x * t,
                     lambda t, ans, x, y, z: t)
    # fmt: on


# ----------------------------------------------------------------- not differentiable
# Integer-valued, boolean or piecewise constant: they run on raw values and
# their results are constants.  frexp belongs here because its exponent is an
# int, which no tuple cotangent can hold; ulp and nextafter move by one ulp.

_NONDIFF = ("ceil", "floor", "trunc", "isnan", "isinf", "isfinite", "isclose",
            "factorial", "comb", "perm", "gcd", "lcm", "isqrt", "frexp", "nextafter", "ulp")

for _name in _NONDIFF:
    if hasattr(_math, _name):
        globals()[_name] = notrace_primitive(getattr(_math, _name))

pi = _math.pi
e = _math.e
tau = _math.tau
inf = _math.inf
nan = _math.nan

# Anything a later Python adds is re-exported as it is, so no name is
# missing; calling it on a traced value raises (a box refuses float()).
for _name in dir(_math):
    if not _name.startswith("_") and _name not in globals():
        globals()[_name] = getattr(_math, _name)

__all__ = sorted(n for n in dir(_math) if not n.startswith("_"))

del _name
