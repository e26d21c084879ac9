"""Rules of elementwise functions: unary and binary ufuncs, ``where``, ``clip``,
``i0`` (whose derivative is :data:`bessel_i1`, a primitive of this module) and
``nextafter`` (derivative 1 in ``x``, none in ``y``).

Conventions at the corners (documented in the README):

* ``sqrt`` at 0: the derivative is ``+inf`` (the one-sided limit), as NumPy
  computes ``0.5 / sqrt(0)``; ``cbrt`` likewise;
* ``abs``/``absolute``/``fabs`` at 0: 0, a valid subgradient (also for
  complex input);
* ``maximum``/``minimum``/``fmax``/``fmin`` on ties: the gradient is split
  evenly between the two arguments;
* ``sinc`` at 0: 0; ``power(x, y)`` at ``x == 0``: no gradient flows to ``y``.
"""

import math

import numpy as onp

from autograd.extend import defjvp, defvjp_fast, getval, primitive

from .. import numpy_wrapper as anp
from ..broadcasting import ArrayMeta, fit_cotangent, fit_tangent
from . import def_binary, def_unary, is_complex, raw, safe_div

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_D2R = math.pi / 180.0
_R2D = 180.0 / math.pi


def _reciprocal_partial(g, ans, x):
    # NumPy's reciprocal of an integer array is an integer (1/2 -> 0): the
    # derivative of 1/x comes from x then, as in HIPS autograd
    if getattr(getval(ans), "dtype", onp.dtype(float)).kind in "iub":
        return -g / x ** 2
    return -g * ans ** 2


def _sinc_partial(g, ans, x):
    zero = x == 0
    xs = anp.where(zero, 1.0, x)
    return g * anp.where(zero, 0.0, (anp.cos(math.pi * xs) - ans) / xs)


def _balanced_eq(x, z, y):
    """1 where ``x == z`` (the argument that won), halved where ``x == y`` (a tie)."""
    return (x == z) / (1.0 + (x == y))


def _pow_partial_x(g, ans, x, y):
    return g * y * x ** anp.where(y, y - 1, 1.0)


def _pow_partial_y(g, ans, x, y):
    return g * anp.log(anp.where(x == 0, 1.0, x)) * ans


_ndarray = onp.ndarray


def _tanh_partial(g, ans, x):
    if (type(g) is _ndarray and type(ans) is _ndarray and g.shape == ans.shape
            and g.dtype == ans.dtype):
        # Raw arrays: g * (1 - ans**2) in one buffer of our own -- no cosh and
        # no temporaries (as PyTorch and JAX do; for |x| > ~19 it gives 0
        # where 1/cosh(x)**2 gives < 1e-16).  Boxes keep the cosh form.
        t = onp.multiply(ans, ans)
        onp.subtract(1.0, t, out=t)
        return onp.multiply(g, t, out=t)
    return g / anp.cosh(x) ** 2


# fmt: off
# Unary functions: partial(g, ans, x) = g * f'(x); the VJP and the JVP both.
UNARY = [
    (anp.sin,         lambda g, ans, x: g * anp.cos(x)),
    (anp.cos,         lambda g, ans, x: -g * anp.sin(x)),
    (anp.tan,         lambda g, ans, x: g / anp.cos(x) ** 2),
    (anp.arcsin,      lambda g, ans, x: g / anp.sqrt(1 - x ** 2)),
    (anp.arccos,      lambda g, ans, x: -g / anp.sqrt(1 - x ** 2)),
    (anp.arctan,      lambda g, ans, x: g / (1 + x ** 2)),
    (anp.sinh,        lambda g, ans, x: g * anp.cosh(x)),
    (anp.cosh,        lambda g, ans, x: g * anp.sinh(x)),
    (anp.tanh,        _tanh_partial),
    (anp.arcsinh,     lambda g, ans, x: g / anp.sqrt(x ** 2 + 1)),
    (anp.arccosh,     lambda g, ans, x: g / anp.sqrt(x ** 2 - 1)),
    (anp.arctanh,     lambda g, ans, x: g / (1 - x ** 2)),
    (anp.exp,         lambda g, ans, x: g * ans),
    (anp.exp2,        lambda g, ans, x: g * ans * _LN2),
    (anp.expm1,       lambda g, ans, x: g * (ans + 1)),
    (anp.log,         lambda g, ans, x: g / x),
    (anp.log2,        lambda g, ans, x: g / (x * _LN2)),
    (anp.log10,       lambda g, ans, x: g / (x * _LN10)),
    (anp.log1p,       lambda g, ans, x: g / (x + 1)),
    (anp.sqrt,        lambda g, ans, x: g * 0.5 / ans),
    (anp.cbrt,        lambda g, ans, x: g / (3 * ans ** 2)),
    (anp.square,      lambda g, ans, x: g * 2 * x),
    (anp.reciprocal,  _reciprocal_partial),
    (anp.negative,    lambda g, ans, x: -g),
    (anp.positive,    lambda g, ans, x: +g),
    (anp.deg2rad,     lambda g, ans, x: g * _D2R),
    (anp.radians,     lambda g, ans, x: g * _D2R),
    (anp.rad2deg,     lambda g, ans, x: g * _R2D),
    (anp.degrees,     lambda g, ans, x: g * _R2D),
    (anp.fabs,        lambda g, ans, x: g * anp.sign(x)),
    (anp.sinc,        _sinc_partial),
]

# Binary broadcasting functions: (fun, g * df/dx, g * df/dy); None = no gradient.
BINARY = [
    (anp.add,         lambda g, ans, x, y: g,
                      lambda g, ans, x, y: g),
    (anp.subtract,    lambda g, ans, x, y: g,
                      lambda g, ans, x, y: -g),
    (anp.multiply,    lambda g, ans, x, y: g * y,
                      lambda g, ans, x, y: g * x),
    (anp.divide,      lambda g, ans, x, y: g / y,
                      lambda g, ans, x, y: -g * x / y ** 2),
    (anp.power,       _pow_partial_x,
                      _pow_partial_y),
    (anp.float_power, _pow_partial_x,
                      _pow_partial_y),
    (anp.maximum,     lambda g, ans, x, y: g * _balanced_eq(x, ans, y),
                      lambda g, ans, x, y: g * _balanced_eq(y, ans, x)),
    (anp.minimum,     lambda g, ans, x, y: g * _balanced_eq(x, ans, y),
                      lambda g, ans, x, y: g * _balanced_eq(y, ans, x)),
    (anp.fmax,        lambda g, ans, x, y: g * _balanced_eq(x, ans, y),
                      lambda g, ans, x, y: g * _balanced_eq(y, ans, x)),
    (anp.fmin,        lambda g, ans, x, y: g * _balanced_eq(x, ans, y),
                      lambda g, ans, x, y: g * _balanced_eq(y, ans, x)),
    (anp.logaddexp,   lambda g, ans, x, y: g * anp.exp(x - ans),
                      lambda g, ans, x, y: g * anp.exp(y - ans)),
    (anp.logaddexp2,  lambda g, ans, x, y: g * 2.0 ** (x - ans),
                      lambda g, ans, x, y: g * 2.0 ** (y - ans)),
    (anp.arctan2,     lambda g, ans, x, y: g * y / (x ** 2 + y ** 2),
                      lambda g, ans, x, y: -g * x / (x ** 2 + y ** 2)),
    (anp.hypot,       lambda g, ans, x, y: g * x / ans,
                      lambda g, ans, x, y: g * y / ans),
    (anp.copysign,    lambda g, ans, x, y: g * anp.copysign(1.0, x) * anp.copysign(1.0, y),
                      None),
    (anp.fmod,        lambda g, ans, x, y: g,
                      lambda g, ans, x, y: -g * anp.trunc(x / y)),
    (anp.remainder,   lambda g, ans, x, y: g,
                      lambda g, ans, x, y: -g * anp.floor(x / y)),
    (anp.ldexp,       lambda g, ans, x, y: anp.ldexp(g, y),
                      None),
]
# fmt: on


# The VJPs of the commonest binary functions in one call each (the rows above
# give the same cotangents through the partials: the reference, and what runs
# where a registration drops these).  fit_cotangent's first test (a raw array
# of its argument's shape and dtype is returned as it is) is inlined.

def _add_joint(g, ans, args, kwargs, argnums):
    if type(g) is _ndarray:
        shape, dtype = g.shape, g.dtype
        out = []
        for i in argnums:
            x = args[i]
            out.append(g if type(x) in _SHAPED and x.shape == shape and x.dtype == dtype
                       else fit_cotangent(g, x))
        return out
    out = []
    for i in argnums:
        out.append(fit_cotangent(g, args[i]))
    return out


def _subtract_joint(g, ans, args, kwargs, argnums):
    out = []
    for i in argnums:
        out.append(fit_cotangent(g if i == 0 else -g, args[i]))
    return out


def _multiply_joint(g, ans, args, kwargs, argnums):
    out = []
    for i in argnums:
        ct, x = g * args[1 - i], args[i]
        out.append(ct if type(ct) is _ndarray and type(x) is _ndarray and ct.shape == x.shape
                   and ct.dtype == x.dtype else fit_cotangent(ct, x))
    return out


_SHAPED = frozenset({_ndarray, ArrayMeta})
_KEEP_BYTES = 4096    # smaller arrays cost more to replace than they weigh


def _shapes_only(args, ans):
    """add's and subtract's VJPs read neither ``ans`` nor their arguments' values,
    only the shapes and dtypes: a raw array argument of some size is kept as its
    ArrayMeta, so that a chain ``(x @ W + h @ U) + b`` does not hold every
    intermediate until the backward pass (less memory; fewer page faults)."""
    if len(args) == 2:
        x, y = args
        if type(x) is _ndarray and x.nbytes >= _KEEP_BYTES:
            args[0] = ArrayMeta(x)
        if type(y) is _ndarray and y.nbytes >= _KEEP_BYTES:
            args[1] = ArrayMeta(y)
    return args, None


JOINT = {anp.add: _add_joint, anp.subtract: _subtract_joint, anp.multiply: _multiply_joint}
KEEP = {anp.add: _shapes_only, anp.subtract: _shapes_only}


# ----------------------------------------------------------------- complex parts

def _abs_vjp(g, ans, x):
    if is_complex(x):
        return safe_div(g * anp.conj(x), ans)
    return g * anp.sign(x)


def _abs_jvp(t, ans, x):
    if is_complex(x):
        return safe_div(anp.real(anp.conj(x) * t), ans)
    return t * anp.sign(x)


def _angle_vjp(g, ans, x, deg=False):
    if not is_complex(x):
        return fit_cotangent(g * 0.0, x)
    scale = _R2D if deg else 1.0
    return safe_div(-1j * g * scale * anp.conj(x), anp.real(x * anp.conj(x)))


def _angle_jvp(t, ans, x, deg=False):
    if not is_complex(x):
        return fit_tangent(anp.real(t) * 0.0, ans)
    scale = _R2D if deg else 1.0
    return safe_div(anp.imag(anp.conj(x) * t) * scale, anp.real(x * anp.conj(x)))


# ----------------------------------------------------------------- where, clip

def _where_vjp(argnum):
    def vjp(g, ans, c, x, y):
        picked = anp.where(c, g, 0) if argnum == 1 else anp.where(c, 0, g)
        return fit_cotangent(picked, (x, y)[argnum - 1])
    return vjp


def _where_jvp(argnum):
    def jvp(t, ans, c, x, y):
        picked = anp.where(c, t, 0) if argnum == 1 else anp.where(c, 0, t)
        return fit_tangent(picked, ans)
    return jvp


def _clip_bounds(a_min, a_max, kwargs):
    lo = a_min if a_min is not None else kwargs.get("min")
    hi = a_max if a_max is not None else kwargs.get("max")
    return lo, hi


def _clip_mask(argnum, a, lo, hi):
    """Where the output of ``clip`` equals argument ``argnum`` (a, a_min or a_max)."""
    if argnum == 0:
        inside = True
        if lo is not None:
            inside = anp.logical_and(inside, a >= lo)
        if hi is not None:
            inside = anp.logical_and(inside, a <= hi)
        return inside
    if argnum == 1:
        below = a < lo
        return below if hi is None else anp.logical_and(below, lo <= hi)
    above = a > hi
    return above if lo is None else anp.logical_or(above, lo > hi)


def _clip_vjp(argnum):
    def vjp(g, ans, a, a_min=None, a_max=None, out=None, **kwargs):
        lo, hi = _clip_bounds(a_min, a_max, kwargs)
        target = (a, lo, hi)[argnum]
        return fit_cotangent(anp.where(_clip_mask(argnum, a, lo, hi), g, 0), target)
    return vjp


def _clip_jvp(argnum):
    def jvp(t, ans, a, a_min=None, a_max=None, out=None, **kwargs):
        lo, hi = _clip_bounds(a_min, a_max, kwargs)
        return fit_tangent(anp.where(_clip_mask(argnum, a, lo, hi), t, 0), ans)
    return jvp


# ----------------------------------------------------------------- Bessel i0

def _i1_series(x):
    """I1 by its power series sum (x/2)^(2k+1) / (k! (k+1)!) (positive terms: no cancellation)."""
    half = x / 2.0
    term = half.copy()
    total = term.copy()
    q = half * half
    for k in range(1, 80):
        term = term * q / (k * (k + 1))
        total = total + term
    return total


def _i1_asymptotic(x):
    """I1 for large x: e^x / sqrt(2 pi x) * sum_k (-1)^k prod_j (4 - (2j-1)^2) / (k! (8x)^k)."""
    total = onp.ones_like(x)
    term = onp.ones_like(x)
    for k in range(1, 30):
        term = term * -(4.0 - (2 * k - 1) ** 2) / (k * 8.0 * x)
        total = total + term
    return onp.exp(x) / onp.sqrt(2 * math.pi * x) * total


def _bessel_i1_raw(x):
    dtype = onp.result_type(getattr(x, "dtype", type(x)), 1.0)
    # (astype, not asarray: a CuPy/Dask array stays in its library)
    x = x.astype(dtype) if hasattr(x, "astype") else onp.asarray(x, dtype=dtype)
    ax = onp.abs(x)
    small = ax <= 25.0
    out = onp.where(small, _i1_series(onp.where(small, ax, 0.0)),
                    _i1_asymptotic(onp.where(small, 30.0, ax)))
    return (onp.sign(x) * out)[()]


bessel_i1 = primitive(_bessel_i1_raw)
bessel_i1.__doc__ = "The modified Bessel function of the first kind of order 1 (i0's derivative)."


def _i1_partial(g, ans, x):
    # I1'(x) = I0(x) - I1(x) / x, which tends to 1/2 at 0
    zero = x == 0
    safe = anp.where(zero, 1.0, x)
    return g * anp.where(zero, 0.5, anp.i0(x) - ans / safe)


def register():
    for fun, partial in UNARY:
        def_unary(fun, partial)
    for fun, px, py in BINARY:
        def_binary(fun, px, py, JOINT.get(fun), KEEP.get(fun))
    defvjp_fast(anp.absolute, _abs_vjp)
    defjvp(anp.absolute, _abs_jvp)
    defvjp_fast(anp.real, lambda g, ans, x: fit_cotangent(anp.real(g), x))
    defjvp(anp.real, lambda t, ans, x: anp.real(t))
    defvjp_fast(anp.imag, lambda g, ans, x: fit_cotangent(-1j * anp.real(g), x))
    defjvp(anp.imag, lambda t, ans, x: anp.imag(t))
    defvjp_fast(anp.conjugate, lambda g, ans, x, *a, **k: anp.conj(g))
    defjvp(anp.conjugate, lambda t, ans, x, *a, **k: anp.conj(t))
    defvjp_fast(anp.angle, _angle_vjp)
    defjvp(anp.angle, _angle_jvp)
    defvjp_fast(anp.where, None, _where_vjp(1), _where_vjp(2))
    defjvp(anp.where, None, _where_jvp(1), _where_jvp(2))
    defvjp_fast(anp.clip, _clip_vjp(0), _clip_vjp(1), _clip_vjp(2))
    defjvp(anp.clip, _clip_jvp(0), _clip_jvp(1), _clip_jvp(2))
    def_unary(raw("i0"), lambda g, ans, x: g * bessel_i1(x))
    def_unary(bessel_i1, _i1_partial)
    def_binary(raw("nextafter"), lambda g, ans, x, y: g, None)
