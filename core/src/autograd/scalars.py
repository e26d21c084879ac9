"""Python ``float`` and ``complex`` as traced values: boxes, operators and their rules.

The arithmetic operators of a box are primitives wrapping the functions of the
:mod:`operator` module, so ``x * y`` on boxes records ``operator.mul``.  Rules
here must stay differentiable themselves (they run on boxes when derivatives
are nested), so they are written with operators and primitives only, and they
look through boxes (``getval``) before branching on a value.

Operands of other types (NumPy arrays, say) are handed to a handler that the
add-on owning that type registers with :func:`register_operand_type`; with
none registered the operator returns ``NotImplemented`` so Python can try the
other operand.
"""

import math as _math
import operator as op

from .rules import defjvp, defnondiff, defvjp_fast
from .tracing import Box, getval, primitive

__all__ = ["FloatBox", "ComplexBox", "register_operand_type", "register_array_protocol"]

_SCALARS = {int, float, complex, bool}
_foreign = {}           # operand type -> handler(opname, box, other, reflected)
_array_protocol = {}    # "ufunc"/"function" -> handler installed by an array add-on


def register_operand_type(value_type, handler):
    """Route ``scalar_box <op> value`` to ``handler(opname, box, value, reflected)``.

    Used by array add-ons so that ``float_box * ndarray`` becomes an array
    operation that they differentiate.
    """
    _foreign[value_type] = handler


def register_array_protocol(kind, handler):
    """Install the handler for ``__array_ufunc__`` / ``__array_function__`` on scalar boxes.

    ``kind`` is ``"ufunc"`` (``handler(box, ufunc, method, inputs, kwargs)``) or
    ``"function"`` (``handler(box, func, types, args, kwargs)``).
    """
    if kind not in ("ufunc", "function"):
        raise ValueError("kind must be 'ufunc' or 'function'")
    _array_protocol[kind] = handler


def _is_complex(x):
    # isinstance, not ``type(...) is complex``: NumPy's complex128 scalars (a
    # subclass of complex) share this space and meet Python scalars here.
    return isinstance(getval(x), complex)


def _fit(ct, x):
    """Project a cotangent onto the argument's space (real part for a real argument)."""
    if _is_complex(ct) and not _is_complex(x):
        return ct.real
    return ct


def _fit_tangent(t, ans):
    """A tangent in the output's space: complex for a complex output (``x + 1j``, real ``x``)."""
    if _is_complex(ans) and not _is_complex(t):
        return t + 0j
    return t


# ----------------------------------------------------------------- primitives

add = primitive(op.add)
sub = primitive(op.sub)
mul = primitive(op.mul)
truediv = primitive(op.truediv)
floordiv = primitive(op.floordiv)
mod = primitive(op.mod)
power = primitive(op.pow)
neg = primitive(op.neg)
pos = primitive(op.pos)
absolute = primitive(op.abs)


def _real(x):
    return x.real


def _imag(x):
    return x.imag


def _conj(x):
    return x.conjugate()


def _log(x):
    if type(x) is complex or x < 0:
        import cmath   # (an extension module: loaded when first needed)
        return cmath.log(x)
    return _math.log(x)


real = primitive(_real)
imag = primitive(_imag)
conj = primitive(_conj)
log = primitive(_log)


# ----------------------------------------------------------------- rules
# fmt: off
defvjp_fast(add, lambda g, ans, x, y: _fit(g, x),      lambda g, ans, x, y: _fit(g, y))
defjvp(add, lambda t, ans, x, y: _fit_tangent(t, ans), lambda t, ans, x, y: _fit_tangent(t, ans))
defvjp_fast(sub, lambda g, ans, x, y: _fit(g, x),      lambda g, ans, x, y: _fit(-g, y))
defjvp(sub, lambda t, ans, x, y: _fit_tangent(t, ans), lambda t, ans, x, y: _fit_tangent(-t, ans))
defvjp_fast(mul, lambda g, ans, x, y: _fit(g * y, x),  lambda g, ans, x, y: _fit(g * x, y))
defjvp(mul, lambda t, ans, x, y: t * y,                lambda t, ans, x, y: x * t)
defvjp_fast(truediv, lambda g, ans, x, y: _fit(g / y, x),
                     lambda g, ans, x, y: _fit(-g * x / (y * y), y))
defjvp(truediv, lambda t, ans, x, y: t / y,            lambda t, ans, x, y: -t * x / (y * y))
defvjp_fast(floordiv, None, None)
defjvp(floordiv, None, None)
defvjp_fast(mod, lambda g, ans, x, y: g,               lambda g, ans, x, y: -g * (getval(x) // getval(y)))
defjvp(mod, lambda t, ans, x, y: t,                    lambda t, ans, x, y: -t * (getval(x) // getval(y)))
defvjp_fast(neg, lambda g, ans, x: -g)
defjvp(neg, "same")
defvjp_fast(pos, lambda g, ans, x: g)
defjvp(pos, "same")
defvjp_fast(real, lambda g, ans, x: g.real + 0j if _is_complex(x) else g.real * 1.0)
defjvp(real, lambda t, ans, x: t.real)
defvjp_fast(imag, lambda g, ans, x: _fit(-1j * g.real, x))
defjvp(imag, lambda t, ans, x: t.imag)
defvjp_fast(conj, lambda g, ans, x: _fit(conj(g), x))
defjvp(conj, lambda t, ans, x: conj(t))
defvjp_fast(log, lambda g, ans, x: _fit(g / x, x))
defjvp(log, lambda t, ans, x: t / x)
# fmt: on


def _pow_dx(g, ans, x, y):
    xv, yv = getval(x), getval(y)
    if xv == 0 and type(yv) is not complex:
        # d/dx x**y at 0: 0 for y > 1 or y == 0, 1 for y == 1, infinite for 0 < y < 1
        d = 0.0 if (yv > 1 or yv == 0) else (1.0 if yv == 1 else _math.inf)
        return g * d
    return _fit(g * y * x ** (y - 1), x)


def _pow_dy(g, ans, x, y):
    xv = getval(x)
    if xv == 0:
        return _fit(g * 0.0, y)
    return _fit(g * ans * log(x), y)


defvjp_fast(power, _pow_dx, _pow_dy)
defjvp(power, lambda t, ans, x, y: _pow_dx(t, ans, x, y),
       lambda t, ans, x, y: _pow_dy(t, ans, x, y))


def _sign(x):
    x = getval(x)
    return (x > 0) - (x < 0)


def _abs_vjp(g, ans, x):
    if _is_complex(x):
        return 0j * g if getval(ans) == 0 else g * conj(x) / ans
    return g * _sign(x)


def _abs_jvp(t, ans, x):
    if _is_complex(x):
        return 0.0 * real(t) if getval(ans) == 0 else real(conj(x) * t) / ans
    return t * _sign(x)


defvjp_fast(absolute, _abs_vjp)
defjvp(absolute, _abs_jvp)

for _f in (op.lt, op.le, op.gt, op.ge, op.eq, op.ne):
    defnondiff(_f)


# ----------------------------------------------------------------- boxes

def _binary(name, prim):
    def forward(self, other):
        if type(other) in _SCALARS or isinstance(other, ScalarBox):
            return prim(self, other)
        h = _foreign.get(type(other))
        return NotImplemented if h is None else h(name, self, other, False)

    def reflected(self, other):
        if type(other) in _SCALARS or isinstance(other, ScalarBox):
            return prim(other, self)
        h = _foreign.get(type(other))
        return NotImplemented if h is None else h(name, self, other, True)

    return forward, reflected


def _compare(fn):
    def compare(self, other):
        return fn(self._value, getval(other))
    return compare


class ScalarBox(Box):
    """Operators shared by the float and complex boxes."""

    __slots__ = ()

    __add__, __radd__ = _binary("add", add)
    __sub__, __rsub__ = _binary("subtract", sub)
    __mul__, __rmul__ = _binary("multiply", mul)
    __truediv__, __rtruediv__ = _binary("true_divide", truediv)
    __floordiv__, __rfloordiv__ = _binary("floor_divide", floordiv)
    __mod__, __rmod__ = _binary("remainder", mod)
    __pow__, __rpow__ = _binary("power", power)

    def __neg__(self):
        return neg(self)

    def __pos__(self):
        return pos(self)

    def __abs__(self):
        return absolute(self)

    def __divmod__(self, other):
        return (self // other, self % other)

    def __rdivmod__(self, other):
        return (other // self, other % self)

    __lt__ = _compare(op.lt)
    __le__ = _compare(op.le)
    __gt__ = _compare(op.gt)
    __ge__ = _compare(op.ge)
    __eq__ = _compare(op.eq)
    __ne__ = _compare(op.ne)
    __hash__ = Box.__hash__

    def __float__(self):
        raise TypeError(
            "float() of a traced value would silently drop its gradient. Keep the "
            "value as it is, use autograd.math / autograd.numpy functions instead of "
            "math/numpy ones, or call autograd.stop_gradient(x) if a constant is meant."
        )

    def __complex__(self):
        raise TypeError(
            "complex() of a traced value would silently drop its gradient. Build it "
            "as x + 1j * y instead."
        )

    def __int__(self):
        return int(self._value)

    def __round__(self, ndigits=None):
        return round(self._value, ndigits)

    def __trunc__(self):
        return _math.trunc(self._value)

    def __floor__(self):
        return _math.floor(self._value)

    def __ceil__(self):
        return _math.ceil(self._value)

    _real = real   # Box.real / Box.imag call these
    _imag = imag

    def conjugate(self):
        return conj(self)

    # Array metadata of a 0-d value: HIPS autograd boxes Python scalars as
    # arrays, and code written for it reads x.shape / x.ndim / x.dtype.
    # (NumPy's own mean/var of a list of boxes cast their result through
    # ``.dtype``, which would drop the gradient; autograd.numpy packs such
    # lists into one traced array first, see numpy_wrapper._packs_sequences.)
    shape = ()
    ndim = 0
    size = 1

    @property
    def dtype(self):
        """NumPy's dtype of the value (float64 / complex128); needs NumPy."""
        dtype = getattr(self._value, "dtype", None)
        if dtype is not None:
            return dtype
        try:
            import numpy
        except ImportError:   # pragma: no cover - depends on the install
            raise AttributeError("dtype of a traced Python number needs NumPy") from None
        return numpy.dtype(type(self._value))

    # NumPy interoperability is delegated to whichever add-on registered it.
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        h = _array_protocol.get("ufunc")
        return NotImplemented if h is None else h(self, ufunc, method, inputs, kwargs)

    def __array_function__(self, func, types, args, kwargs):
        h = _array_protocol.get("function")
        return NotImplemented if h is None else h(self, func, types, args, kwargs)


class FloatBox(ScalarBox):
    """A traced Python ``float``."""

    __slots__ = ()

    def is_integer(self):
        return self._value.is_integer()


class ComplexBox(ScalarBox):
    """A traced Python ``complex``."""

    __slots__ = ()


FloatBox.register(float)
ComplexBox.register(complex)
