"""Vector spaces of NumPy arrays and NumPy scalars.

* :class:`ArrayVSpace`: real floating arrays (float16, float32, float64,
  longdouble) of one shape and dtype;
* :class:`ComplexArrayVSpace`: complex arrays, seen as real spaces of twice
  the size (the core's complex convention: the cotangent of ``z = x + iy`` is
  ``dL/dx - i dL/dy``).

Gradients keep the dtype of the value they belong to: the space of a float32
array is float32, and ``zeros``/``randn``/``unflatten`` produce float32.

A ``numpy.float64`` (``complex128``) scalar lives in the core's space of
Python floats (complex numbers): it *is* a ``float``.  A 0-d float64 array
has an :class:`ArrayVSpace` of shape ``()``, so what the space creates -- the
zero gradient of a function that ignores its input, a jacobian -- is a 0-d
array like the input, as in HIPS autograd; and that space *equals* the float
space (rules return ``numpy.float64`` for 0-d arguments, and ``check_grads``
compares spaces), as HIPS has one space for all of these values.

Integer and boolean arrays are differentiated as HIPS autograd does: as points
of a real space (:class:`IntegerArrayVSpace`) whose elements -- gradients,
tangents -- are float64 arrays of the same shape.  ``elementwise_grad(f)(T)``
with integer durations ``T`` gives float gradients.  NumPy integer scalars get
the same space when a computation produces them (``np.sum(int_array)``), but
are refused as the input of a derivative, as are Python ints.
"""

import numpy as onp

from autograd.extend import VSpace, getval, isbox, register_fast_add, register_vspace, vspace

from .array_subclasses import adopt_array_subclass

__all__ = ["ArrayVSpace", "ComplexArrayVSpace", "IntegerArrayVSpace", "array_vspace", "register"]

_FLOAT_VS = vspace(0.0)
_COMPLEX_VS = vspace(0j)
_F64 = onp.dtype(onp.float64)
_C128 = onp.dtype(onp.complex128)


def _array_like(x):
    """An ndarray, or another library's array that NumPy's functions dispatch to
    (Dask, CuPy): ``numpy.asarray`` would compute it or copy it to the host."""
    return type(x) is onp.ndarray or hasattr(type(x), "__array_function__")


def _generator(rng):
    """A NumPy generator seeded from a ``random.Random`` (fresh entropy without one).

    Something that draws normals itself (a NumPy ``Generator`` or ``RandomState``,
    or ``check_grads``'s view of NumPy's global random state) is used as is.
    """
    if hasattr(rng, "standard_normal"):
        return rng
    return onp.random.default_rng(None if rng is None else rng.getrandbits(64))


class ArrayVSpace(VSpace):
    """Real floating arrays of a fixed shape and dtype.

    What the space creates (``zeros``, ``ones``, the basis vectors) comes from
    ``array_module``: NumPy here; the space of another library's arrays (CuPy)
    subclasses this one and sets its own module, which has NumPy's functions.
    """

    __slots__ = ("shape", "dtype")
    iscomplex = False
    array_module = onp

    def __init__(self, value):
        self.shape = value.shape
        self.dtype = value.dtype
        if type(value) is not onp.ndarray and isinstance(value, onp.ndarray):
            adopt_array_subclass(type(value))

    @property
    def size(self):
        return int(onp.prod(self.shape, dtype=onp.int64))

    @property
    def ndim(self):
        return len(self.shape)

    def zeros(self):
        return self.array_module.zeros(self.shape, self.dtype)

    def ones(self):
        return self.array_module.ones(self.shape, self.dtype)

    def standard_basis(self):
        for idx in onp.ndindex(*self.shape):
            v = self.array_module.zeros(self.shape, self.dtype)
            v[idx] = 1
            yield v

    def randn(self, rng=None):
        return _generator(rng).standard_normal(self.shape).astype(self.dtype)

    def inner_prod(self, x, y):
        # Written with autograd.numpy primitives: hessian_tensor_product
        # differentiates through it (x is then a box).
        from . import numpy_wrapper as anp
        return anp.vdot(x, y)

    def mut_add(self, x, y):
        """``x + y``, in place into ``x`` (a buffer the engine owns) when shape and dtype allow."""
        return _mut_add(x, y)

    def scalar_mul(self, x, a):
        out = x * a
        # NumPy 1.x: a float32 scalar times a Python float is a float64 scalar
        if not isbox(out) and getattr(out, "dtype", self.dtype) != self.dtype:
            out = out.astype(self.dtype)
        return out

    def flatten(self, x):
        return onp.ravel(getval(x)).astype(onp.float64).tolist()

    def unflatten(self, reals):
        return onp.asarray(reals, dtype=onp.float64).reshape(self.shape).astype(self.dtype)

    def stack(self, rows, outer_shape):
        outer_shape = tuple(outer_shape)
        if outer_shape == ():
            # a jacobian is an array, also of a 0-d input (rules return scalars)
            r = rows[0]
            return r if isbox(r) or _array_like(r) else onp.asarray(r, self.dtype)
        # boxed rows (a jacobian being differentiated) trace through onp.stack, and
        # another library's arrays (Dask rows of a NumPy input) stack in that library
        arr = onp.stack([r if isbox(r) or _array_like(r) else onp.asarray(r, dtype=self.dtype)
                         for r in rows])
        return arr.reshape(outer_shape + tuple(self.shape))

    def standard_basis_stacked(self):
        n = self.size
        return onp.eye(n, dtype=self.dtype).reshape((n,) + tuple(self.shape))

    def leading_cotangents(self, v):
        v_shape = onp.shape(getval(v))
        k = len(v_shape)
        if k >= len(self.shape) or tuple(self.shape[:k]) != v_shape:
            return None   # v is (or should be) an element of this space
        trailing = tuple(self.shape[k:])
        # onp.reshape and * trace through the array protocols when v is a box
        lead = onp.reshape(v, v_shape + (1,) * len(trailing))

        def cotangents():
            for idx in onp.ndindex(*trailing):
                unit = self.array_module.zeros(trailing, self.dtype)
                unit[idx] = 1
                yield lead * unit

        return trailing, cotangents()

    def _key(self):
        return (self.shape, self.dtype)

    def _scalar_twin(self):
        """The core's scalar space equal to this one (0-d float64/complex128), else None."""
        if self.shape == ():
            if self.dtype == _F64 and not self.iscomplex:
                return _FLOAT_VS
            if self.dtype == _C128 and self.iscomplex:
                return _COMPLEX_VS
        return None

    def __eq__(self, other):
        if type(other) is type(self):
            return self._key() == other._key()
        twin = self._scalar_twin()
        if twin is not None and type(other) is type(twin):
            return True
        return NotImplemented   # (the scalar spaces ask us back: equality is symmetric)

    def __hash__(self):
        twin = self._scalar_twin()
        return hash(twin) if twin is not None else hash((type(self), self._key()))


class ComplexArrayVSpace(ArrayVSpace):
    """Complex arrays: a real space with two coordinates per element."""

    __slots__ = ()
    iscomplex = True

    @property
    def size(self):
        return 2 * int(onp.prod(self.shape, dtype=onp.int64))

    def ones(self):
        # 1+1j in every element: the sum of the standard basis (HIPS's convention)
        return self.array_module.full(self.shape, 1 + 1j, self.dtype)

    standard_basis_stacked = VSpace.standard_basis_stacked   # 2n real directions

    def standard_basis(self):
        for idx in onp.ndindex(*self.shape):
            for unit in (1.0, 1j):
                v = self.array_module.zeros(self.shape, self.dtype)
                v[idx] = unit
                yield v

    def randn(self, rng=None):
        gen = _generator(rng)
        return (gen.standard_normal(self.shape)
                + 1j * gen.standard_normal(self.shape)).astype(self.dtype)

    def inner_prod(self, x, y):
        from . import numpy_wrapper as anp
        return anp.real(anp.vdot(x, y))

    def covector(self, x):
        from . import numpy_wrapper as anp
        return anp.conj(x)

    def flatten(self, x):
        x = onp.ravel(getval(x))
        return onp.stack([x.real, x.imag], axis=-1).ravel().astype(onp.float64).tolist()

    def unflatten(self, reals):
        pairs = onp.asarray(reals, dtype=onp.float64).reshape(tuple(self.shape) + (2,))
        return (pairs[..., 0] + 1j * pairs[..., 1]).astype(self.dtype)


class IntegerArrayVSpace(ArrayVSpace):
    """Integer and boolean arrays (of at least one dimension), seen as points of
    a real space: the space of float64 arrays of their shape.

    Derivatives with respect to them are float64 arrays (an integer gradient
    would truncate ``d(1.5 * x)/dx`` and wrap ``-1`` around for unsigned
    dtypes), so ``dtype`` here is float64 and the space equals that of float64
    arrays of the shape; ``value_dtype`` is the dtype of the values themselves.
    Rules produce the gradients, so their precision follows NumPy's promotion:
    ``sin`` of a uint8 array is float16, and so is its gradient, as in HIPS
    autograd.
    """

    __slots__ = ("value_dtype",)

    def __init__(self, value):
        self.shape = value.shape
        self.dtype = _F64
        self.value_dtype = value.dtype

    def stack(self, rows, outer_shape):
        # A jacobian keeps the precision its rules computed in (float16 for
        # ``sin`` of a uint8 array, as in HIPS autograd): no cast to float64.
        outer_shape = tuple(outer_shape)
        if outer_shape == ():
            return rows[0]
        return onp.stack(rows).reshape(outer_shape + tuple(self.shape))

    # Equal to the float64 space of the shape: a gradient (a float array) lives
    # in it, and ``check_grads`` compares spaces.  ``ArrayVSpace == self`` asks
    # this subclass first, so equality is symmetric.
    def __eq__(self, other):
        return isinstance(other, ArrayVSpace) and not other.iscomplex and \
            other._key() == self._key()

    def __hash__(self):
        return hash((ArrayVSpace, self._key()))


class IntegerScalarVSpace(type(_FLOAT_VS)):
    """A NumPy integer or boolean scalar: a traced intermediate, not an input.

    ``np.sum(int_array)`` is a ``numpy.int64``; it needs a space to carry a
    cotangent back to the array (a real number, like a float's).  As the input
    of a derivative it is refused, like a Python int and as HIPS autograd does.
    """

    __slots__ = ("value_type",)

    def __init__(self, value):
        self.value_type = type(value)

    @property
    def input_error(self):
        return TypeError(
            f"Can't differentiate w.r.t. type 'numpy.{self.value_type.__name__}': NumPy "
            "integer scalars are not differentiable inputs (integer arrays are). Pass a "
            "float, e.g. float(x), or an array, e.g. numpy.asarray(x)."
        )


def _no_space(dtype):
    return TypeError(
        f"Can't differentiate w.r.t. an array of dtype {dtype}: only numeric arrays "
        "have gradients. Convert the input to float first, e.g. "
        "x.astype(float) or numpy.array(..., dtype=float)."
    )


def array_vspace(value):
    """The space of an ndarray or NumPy scalar (raises ``TypeError`` for non-numeric dtypes)."""
    if isbox(value):
        value = getval(value)
    dtype = value.dtype
    kind = dtype.kind
    if kind == "f":
        if dtype == _F64 and value.shape == ():
            return _FLOAT_VS if isinstance(value, onp.generic) else ArrayVSpace(value)
        return ArrayVSpace(value)
    if kind == "c":
        if dtype == _C128 and value.shape == ():
            return _COMPLEX_VS if isinstance(value, onp.generic) else ComplexArrayVSpace(value)
        return ComplexArrayVSpace(value)
    if kind in "iub":
        if isinstance(value, onp.generic):
            return IntegerScalarVSpace(value)
        if value.shape == ():     # the space a float64 0-d array has
            return array_vspace(onp.zeros((), _F64))
        return IntegerArrayVSpace(value)
    raise _no_space(dtype)


FLOAT_SCALAR_TYPES = (onp.float16, onp.float32, onp.float64, onp.longdouble)
COMPLEX_SCALAR_TYPES = (onp.complex64, onp.complex128, onp.clongdouble)
INT_SCALAR_TYPES = (onp.bool_, onp.int8, onp.int16, onp.int32, onp.int64, onp.uint8,
                    onp.uint16, onp.uint32, onp.uint64, onp.intc, onp.uintc,
                    onp.longlong, onp.ulonglong)
SCALAR_TYPES = FLOAT_SCALAR_TYPES + COMPLEX_SCALAR_TYPES + INT_SCALAR_TYPES


# The classes report HIPS autograd's module path (``autograd.numpy.numpy_vspaces``,
# which is this module): downstream code dispatches on ``type(x).__module__``.
for _cls in list(globals().values()):
    if isinstance(_cls, type) and issubclass(_cls, VSpace) and _cls.__module__ == __name__:
        _cls.__module__ = "autograd.numpy.numpy_vspaces"


def _mut_add(x, y):
    if (type(x) is onp.ndarray and type(y) is onp.ndarray and x.shape == y.shape
            and x.dtype == y.dtype and x.flags.writeable):
        return onp.add(x, y, out=x)
    return x + y


def register():
    """Register the array spaces (idempotent)."""
    register_vspace(onp.ndarray, array_vspace)
    # every array space adds with ``+``: the engine accumulates without asking for one
    register_fast_add(onp.ndarray, _mut_add)
    for t in SCALAR_TYPES:
        register_vspace(t, array_vspace, exact=True)


register()
