"""``cupy.ndarray`` as a value type of autograd: its box and its vector spaces.

The box is the NumPy add-on's array box (``autograd.numpy.numpy_boxes.ArrayBox``):
its operators and methods call ``autograd.numpy`` functions, whose primitives
call NumPy's functions on the raw values, and NumPy hands a CuPy array to CuPy
through ``__array_ufunc__``/``__array_function__``.  The rules are NumPy's,
unchanged; what runs is CuPy's kernels.

The vector spaces are the add-on's array spaces with their elements on the
device: zeros, ones and basis vectors are CuPy arrays, so a gradient that no
rule reached (a zero cotangent) or the seed of a backward pass never comes
from the host.  Only ``randn``/``flatten``/``unflatten``, which
``check_grads`` uses and ``grad`` does not, copy between host and device, on
purpose and explicitly.

Importing this module imports CuPy; without it, an ``ImportError`` says what
to install.
"""

import numpy as onp

from autograd.extend import getval, register_operand_type, register_vspace
from autograd.numpy.numpy_boxes import ArrayBox, array_operand
from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace, IntegerArrayVSpace

from . import INSTALL_HINT

try:
    import cupy
except ImportError as e:  # pragma: no cover - the message is tested
    raise ImportError(
        f"autograd-cupy needs CuPy, which could not be imported ({e}). Install the CuPy wheel "
        f"for your CUDA version: {INSTALL_HINT}.") from e

__all__ = ["CupyArrayVSpace", "CupyComplexArrayVSpace", "CupyIntegerArrayVSpace",
           "cupy_vspace", "register"]


class _OnDevice:
    """What an array space creates, created by CuPy on the current device."""

    __slots__ = ()
    array_module = cupy     # zeros, ones and basis vectors of the NumPy spaces, by CuPy

    def mut_add(self, x, y):
        return x + y

    def as_element(self, v):
        """The gradient handed to the user: a CuPy array, or a clear error.

        A 0-d result a rule gave as a number becomes a 0-d CuPy array; an array of
        another library means arrays of two libraries were mixed on the way (Dask
        takes CuPy arrays in as chunks without complaint), which is refused.
        """
        raw = getval(v)
        if type(raw) is cupy.ndarray:
            return v
        if self.shape == () and isinstance(raw, (int, float, complex, onp.generic)):
            return cupy.asarray(raw, dtype=self.dtype)
        t = type(raw)
        raise TypeError(
            f"The derivative for a cupy.ndarray came out as {t.__module__}.{t.__qualname__}: "
            "arrays of another library were mixed with CuPy arrays in the function. Keep "
            "every array of the computation on the GPU (cupy.asarray) or convert the other "
            "library's arrays first.")

    # check_grads' random directions and flat views: explicit copies, never used by grad
    def randn(self, rng=None):
        return cupy.asarray(super().randn(rng))

    def flatten(self, x):
        return super().flatten(cupy.asnumpy(getval(x)))

    def unflatten(self, reals):
        return cupy.asarray(super().unflatten(reals))

    def stack(self, rows, outer_shape):
        import autograd.numpy as anp
        outer_shape = tuple(outer_shape)
        if outer_shape == ():
            return rows[0]
        return anp.reshape(anp.stack(rows), outer_shape + tuple(self.shape))


class CupyArrayVSpace(_OnDevice, ArrayVSpace):
    """Real floating CuPy arrays of one shape and dtype."""

    __slots__ = ()


class CupyComplexArrayVSpace(_OnDevice, ComplexArrayVSpace):
    """Complex CuPy arrays (a real space with two coordinates per element)."""

    __slots__ = ()


class CupyIntegerArrayVSpace(_OnDevice, IntegerArrayVSpace):
    """Integer and boolean CuPy arrays: points of a real space of float64 CuPy arrays."""

    __slots__ = ()


def cupy_vspace(value):
    """The space of a CuPy array (``TypeError`` for dtypes without one)."""
    value = getval(value)
    kind = value.dtype.kind
    if kind == "f":
        return CupyArrayVSpace(value)
    if kind == "c":
        return CupyComplexArrayVSpace(value)
    if kind in "iub":
        if value.shape == ():
            return CupyArrayVSpace(cupy.zeros((), onp.float64))
        return CupyIntegerArrayVSpace(value)
    raise TypeError(f"Can't differentiate w.r.t. a CuPy array of dtype {value.dtype}: only "
                    "numeric arrays have gradients. Convert it first, e.g. x.astype(float).")


_registered = []


def register():
    """Register ``cupy.ndarray`` with autograd (idempotent); the plugin's value-types loader."""
    if _registered:
        return
    ArrayBox.register(cupy.ndarray)
    register_vspace(cupy.ndarray, cupy_vspace)
    register_operand_type(cupy.ndarray, array_operand)   # traced_float * cupy_array
    _registered.append(True)
