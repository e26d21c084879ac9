"""Sparse arrays as differentiable values: their box and vector space.

The convention
--------------
A sparse input is a function of its *stored values*: the derivative of
``f(A)`` with respect to a ``sparse.COO`` or ``sparse.GCXS`` array ``A`` is a
sparse array of ``A``'s format with exactly ``A``'s stored entries (the same
coordinates, explicit zeros included), holding ``df/dA[i, j]`` at each of
them.  Entries that ``A`` does not store are not variables: they are zero
whatever the values, so they get no derivative.

How it is kept
--------------
autograd-numpy's rules compute the cotangent of every entry, dense or sparse
as the computation gives it (``sum`` gives a dense one, ``A * w`` a sparse
one).  Where a sparse input enters a reverse trace, its box is the output
of :func:`~autograd_pydata_sparse.rules.project_onto` applied to the input,
so the cotangent that reaches the input is restricted to its stored entries
(once, whatever accumulated there).  Intermediate sparse values are not
projected: their patterns depend on the values (sparse drops computed
zeros), the input's does not.

The vector space of a sparse array (:class:`SparseArrayVSpace`) has one real
coordinate per stored value (two if complex): ``zeros``, ``ones``,
``randn``, the standard basis and ``unflatten`` give arrays of its pattern;
``flatten`` reads any array of its shape at that pattern.  Spaces of one
format, shape and dtype are equal whatever the pattern (an output's pattern
may differ between nearby inputs where sparse drops computed zeros).  A 0-d
sparse array (``np.sum`` of a sparse array gives one) is a scalar: its space
is a NumPy 0-d array's.
"""

import numpy as onp

import autograd.numpy as anp
from autograd.extend import Box, VJPNode, VSpace, getval, register_vspace
from autograd.numpy.numpy_boxes import ArrayBox
from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace

from . import pattern
from .rules import project_onto, stored_values, todense

__all__ = ["SparseBox", "SparseArrayVSpace", "SparseScalarVSpace", "sparse_vspace", "register"]

_IMMUTABLE = ("pydata/sparse arrays are immutable: write A = A + B (or build a new array) "
              "instead of assigning into {what}.")


def _generator(rng):
    if hasattr(rng, "standard_normal"):
        return rng
    return onp.random.default_rng(None if rng is None else rng.getrandbits(64))


class SparseArrayVSpace(VSpace):
    """Sparse arrays of one format, shape and dtype; coordinates: the stored values
    of the array the space was made from (its *pattern*)."""

    __slots__ = ("shape", "dtype", "format", "_like", "_coords")

    def __init__(self, value):
        self.shape = value.shape
        self.dtype = value.dtype
        self.format = value.format
        self._like = value
        self._coords = None

    @property
    def iscomplex(self):
        return self.dtype.kind == "c"

    @property
    def nnz(self):
        return self._like.nnz

    @property
    def size(self):
        return self.nnz * (2 if self.iscomplex else 1)

    @property
    def ndim(self):
        return len(self.shape)

    def coords(self):
        if self._coords is None:
            self._coords = pattern.coords_of(self._like)
        return self._coords

    def _of(self, values):
        return pattern.with_values(self._like, values)

    # -- construction
    def zeros(self):
        return self._of(onp.zeros(self.nnz, self.dtype))

    def ones(self):
        return self._of(onp.full(self.nnz, 1 + 1j if self.iscomplex else 1, self.dtype))

    def standard_basis(self):
        units = (1.0, 1j) if self.iscomplex else (1.0,)
        for k in range(self.nnz):
            for unit in units:
                v = onp.zeros(self.nnz, self.dtype)
                v[k] = unit
                yield self._of(v)

    def randn(self, rng=None):
        gen = _generator(rng)
        v = gen.standard_normal(self.nnz)
        if self.iscomplex:
            v = v + 1j * gen.standard_normal(self.nnz)
        return self._of(v)

    # -- arithmetic (x and y may be sparse of any pattern, or dense)
    def add(self, x, y):
        rx, ry = getval(x), getval(y)
        if pattern.is_sparse(rx) and pattern.is_sparse(ry) and rx.format == ry.format:
            return x + y
        # a sparse and a dense array: sparse would store every entry; keep it dense
        # (todense, a primitive: x and y are boxes in higher derivatives)
        return todense(x) + todense(y)

    def mut_add(self, x, y):
        return self.add(x, y)

    def scalar_mul(self, x, a):
        return x * a

    def inner_prod(self, x, y):
        # with primitives: hessian_tensor_product differentiates it (x a box)
        out = todense(anp.sum(anp.multiply(anp.conj(x) if self.iscomplex else x, y)))
        return anp.real(out) if self.iscomplex else out

    def covector(self, x):
        return anp.conj(x) if self.iscomplex else x

    # -- flattening: the values at this space's pattern
    def flatten(self, x):
        values = pattern.read_at(getval(x), self.coords(), self.shape)
        if self.iscomplex:
            return onp.stack([values.real, values.imag], axis=-1).ravel().astype(onp.float64).tolist()
        return values.astype(onp.float64).tolist()

    def unflatten(self, reals):
        reals = onp.asarray(reals, dtype=onp.float64)
        if self.iscomplex:
            pairs = reals.reshape(self.nnz, 2)
            return self._of(pairs[:, 0] + 1j * pairs[:, 1])
        return self._of(reals)

    def as_element(self, v):
        """``v`` on this space's pattern (a no-op for what the projection made)."""
        raw = getval(v)
        if pattern.is_sparse(raw) and raw.format == self.format and pattern.same_pattern(raw, self._like):
            return v
        return project_onto(v, self._like)

    def stack(self, rows, outer_shape):
        outer_shape = tuple(outer_shape)
        if outer_shape == ():
            return rows[0]
        return onp.stack(rows).reshape(outer_shape + tuple(self.shape))

    def _key(self):
        return (self.format, self.shape, self.dtype)


def _dense(x):
    x = getval(x) if isinstance(x, Box) else x
    return x.todense() if pattern.is_sparse(x) else x


class _ScalarMixin:
    """A 0-d sparse array: a scalar, flattened through its dense value."""

    __slots__ = ()

    def flatten(self, x):
        return super().flatten(_dense(x))

    def inner_prod(self, x, y):
        return super().inner_prod(todense(x), todense(y))

    def __eq__(self, other):
        if isinstance(other, ArrayVSpace) and other.iscomplex == self.iscomplex:
            return self._key() == other._key()
        twin = self._scalar_twin()
        if twin is not None and type(other) is type(twin):
            return True
        return NotImplemented

    def __hash__(self):
        twin = self._scalar_twin()
        return hash(twin) if twin is not None else hash((ArrayVSpace, self._key()))


class SparseScalarVSpace(_ScalarMixin, ArrayVSpace):
    """A real 0-d sparse array: the space of a NumPy 0-d array of its dtype."""

    __slots__ = ()


class SparseComplexScalarVSpace(_ScalarMixin, ComplexArrayVSpace):
    """A complex 0-d sparse array."""

    __slots__ = ()


def sparse_vspace(value):
    """The space of a ``sparse.COO``/``GCXS`` (floating or complex dtypes only)."""
    if isinstance(value, Box):
        value = getval(value)
    kind = value.dtype.kind
    if kind not in "fc":
        raise TypeError(
            f"Can't differentiate w.r.t. a sparse array of dtype {value.dtype}: only "
            "floating and complex arrays have gradients. Convert it first, e.g. "
            "A.astype(float).")
    if value.ndim == 0:
        return (SparseComplexScalarVSpace if kind == "c" else SparseScalarVSpace)(value)
    return SparseArrayVSpace(value)


class SparseBox(ArrayBox):
    """A traced ``sparse.COO`` or ``sparse.GCXS``.

    It has the operators and methods of autograd's array box (they call
    ``autograd.numpy`` functions, which run on sparse arrays through NumPy's
    array protocols), minus what does not exist for an immutable array
    without views (item assignment, in-place writes), plus ``todense()``,
    ``data`` (the stored values, differentiable) and the pattern's metadata.
    """

    __slots__ = ()

    # -- sparse metadata (no derivative)
    @property
    def nnz(self):
        return self._value.nnz

    @property
    def format(self):
        return getval(self._value).format

    @property
    def fill_value(self):
        return getval(self._value).fill_value

    @property
    def coords(self):
        return pattern.coords_of(getval(self._value))

    @property
    def density(self):
        return self._value.density

    # -- values
    @property
    def data(self):
        return stored_values(self)

    def todense(self):
        return todense(self)

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError(
            "Cannot convert a traced sparse array to a NumPy array implicitly (as sparse "
            "refuses for its own arrays): call A.todense(), which is differentiable.")

    # -- no views: shape methods are plain functions of the value
    @property
    def T(self):
        return anp.transpose(self)

    @property
    def mT(self):
        return anp.swapaxes(self, -1, -2)

    def _real(self):
        return anp.real(self)

    def _imag(self):
        return anp.imag(self)

    def reshape(self, *shape, order="C", copy=None):
        shape = shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape
        return anp.reshape(self, shape, order=order)

    def transpose(self, *axes):
        axes = axes[0] if len(axes) == 1 and isinstance(axes[0], (tuple, list)) else axes
        return anp.transpose(self, axes or None)

    def swapaxes(self, axis1, axis2):
        return anp.swapaxes(self, axis1, axis2)

    def squeeze(self, axis=None):
        return anp.squeeze(self, axis)

    def ravel(self, order="C"):
        return anp.reshape(self, (-1,), order=order)

    flatten = ravel

    def copy(self, order="C"):
        return self      # immutable: a copy is the same value

    # -- immutable: no writes; a += b rebinds a, as for sparse's own arrays
    def __setitem__(self, idx, value):
        raise TypeError(_IMMUTABLE.format(what="A[...]"))

    def fill(self, value):
        raise TypeError(_IMMUTABLE.format(what="A"))

    def sort(self, *args, **kwargs):
        raise TypeError(_IMMUTABLE.format(what="A (A.sort())"))

    def view(self, dtype=None, type=None):
        raise TypeError("pydata/sparse arrays have no views")

    __iadd__ = ArrayBox.__add__
    __isub__ = ArrayBox.__sub__
    __imul__ = ArrayBox.__mul__
    __itruediv__ = ArrayBox.__truediv__
    __ifloordiv__ = ArrayBox.__floordiv__
    __imod__ = ArrayBox.__mod__
    __ipow__ = ArrayBox.__pow__
    __imatmul__ = ArrayBox.__matmul__

    @property
    def flat(self):
        raise TypeError("pydata/sparse arrays have no .flat; use A.data (the stored values)")


def _checked(method):
    """``method`` (a binary operator of the array box), refusing operands that a
    sparse array cannot meet: sparse itself would accept a scipy.sparse matrix
    going forward, but the derivative could not come back to it."""
    def checked(self, other):
        pattern.check_operand(getval(other), "a traced pydata/sparse array")
        return method(self, other)
    checked.__name__ = method.__name__
    return checked


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul"):
    for _form in (f"__{_name}__", f"__r{_name}__", f"__i{_name}__"):
        setattr(SparseBox, _form, _checked(getattr(SparseBox, _form)))
del _name, _form


def _make_box(value, trace, node):
    """The engine's box maker for sparse values: a :class:`SparseBox`, and where
    the value is the input of a reverse trace (a root node), the projection of
    that box onto its own pattern (see the module docstring)."""
    box = SparseBox(value, trace, node)
    if type(node) is VJPNode and node.rule is None and not node.parents \
            and getval(value).ndim > 0:
        return project_onto(box, getval(value))
    return box


def register():
    """Register the box and vector space of ``sparse.COO`` and ``sparse.GCXS`` (idempotent).

    Also makes sparse's operators defer to traced operands
    (:func:`autograd_pydata_sparse.operators.install`)."""
    from . import operators
    operators.install()
    for t in pattern.SPARSE_TYPES:
        register_vspace(t, sparse_vspace)
        SparseBox.register(t)
        Box.type_mappings[t] = _make_box
    # nested derivatives box a box: the inner trace's input is projected too
    Box.type_mappings[SparseBox] = _make_box


register()
