"""Vector spaces: what the engine and the generic operators know about a value type.

A :class:`VSpace` describes the space a value lives in: its zeros and ones,
addition, scaling, the real inner product used to check gradients, the
covector map (complex conjugation for complex spaces), a standard basis and
random elements, and flattening to a list of real numbers.  Everything generic
(``jacobian``, ``check_grads``, ``flatten``) is written against this class, so
the core needs no NumPy: the NumPy add-on registers array spaces and the same
operators work on arrays.

This module is also the registry of value types, the bottom layer of the
core (it imports nothing of autograd but the hook helper): the box class of
each value type (``box_types``, filled by ``Box.register``) and its space.  A
value type gets them by one of three routes, tried in this order:

* :func:`register_value_type` (or ``Box.register`` and :func:`register_vspace`
  separately) for a type (``float`` here, ``ndarray`` in the
  NumPy add-on), subclasses included unless ``exact``;
* ``type_miss_hooks``: called with a type nobody registered yet, so the
  plugin manager can load an add-on's value types (installed by
  :mod:`autograd._lazy`);
* :func:`register_value_family`: types known by their shape rather than
  their class (namedtuples, dataclasses: :mod:`autograd.builtins`), each with
  the box maker the engine uses for them.

Complex convention (the one HIPS autograd uses): the cotangent of a complex
value ``z = x + iy`` under a real loss ``L`` is ``dL/dx - i dL/dy``, so VJPs of
holomorphic functions are simply ``g * f'(z)``.
"""

from ._hooks import call_hook

__all__ = ["VSpace", "vspace", "SparseObject", "add_values", "register_vspace",
           "register_value_type", "register_value_family", "register_fast_add", "box_types"]

_vspace_makers = {}
# value type -> Box class (or callable ``(value, trace, node) -> box``): the table
# the engine boxes values with (``Box.register`` fills it; HIPS's
# ``Box.type_mappings`` is this dict).
box_types = {}
# Called with a type nobody registered yet; return True after registering
# something (the plugin manager loads add-ons' value types this way).
type_miss_hooks = []


def type_miss(value_type):
    """Give the miss hooks a chance to register ``value_type``; True if any did."""
    loaded = False
    for hook in list(type_miss_hooks):
        loaded = bool(call_hook(hook, "value-type miss", value_type)) or loaded
    return loaded


# Called with a type that has no space, for the error to say which add-on would
# give it one (installed by autograd._lazy: the plugin manager's hints).
type_hint_hooks = []


def type_hint(value_type):
    """What the hooks say about a type with no space (which plugin would add it), or None."""
    for hook in list(type_hint_hooks):
        hint = call_hook(hook, "value-type hint", value_type)
        if hint:
            return hint
    return None


# (vspace_of(value) -> VSpace or None, box(value, trace, node)) per family.
value_families = []


def register_value_family(vspace_of, box):
    """Register a family of value types recognised by ``vspace_of(value)``
    (a :class:`VSpace`, or None for values outside the family); ``box(value,
    trace, node)`` makes the box the engine traces them with."""
    value_families.append((vspace_of, box))


def family_of(value):
    """``(vspace, box maker)`` of the family ``value`` belongs to, or None."""
    for vspace_of, box in value_families:
        vs = vspace_of(value)
        if vs is not None:
            return vs, box
    return None


def vspace(value):
    """The :class:`VSpace` of ``value`` (a raw value or a box)."""
    maker = _vspace_makers.get(type(value))
    if maker is not None:
        return maker(value)
    if type_miss_hooks and type_miss(type(value)):
        maker = _vspace_makers.get(type(value))
        if maker is not None:
            return maker(value)
    inner = getattr(value, "_value", _MISSING)
    if inner is not _MISSING and getattr(type(value), "_is_autograd_box", False):
        return vspace(inner)
    for cls in type(value).__mro__[1:]:
        maker = _vspace_makers.get(cls)
        if maker is not None and not _exact_only.get(cls, False):
            return maker(value)
    family = family_of(value)
    if family is not None:
        return family[0]
    hint = type_hint(type(value))
    if hint:
        raise TypeError(f"Can't differentiate w.r.t. type {type(value).__name__!r}: {hint}")
    raise TypeError(
        f"Can't differentiate w.r.t. type {type(value).__name__!r} "
        f"(value {value!r:.60}). Differentiable inputs are floats, complex numbers, "
        "arrays (with autograd-numpy), and tuples/lists/dicts/namedtuples/dataclasses "
        "of those. Pass a float (e.g. 1.0 instead of 1)."
    )


_MISSING = object()
_exact_only = {}


def register_vspace(value_type, maker, exact=False):
    """Register ``maker(value) -> VSpace`` for ``value_type`` (and subclasses unless ``exact``)."""
    _vspace_makers[value_type] = maker
    _exact_only[value_type] = exact


def register_value_type(value_type, box=None, vspace=None, exact=False):
    """Make ``value_type`` differentiable: ``box`` (a Box subclass) traces its
    values, ``vspace`` (``maker(value) -> VSpace``) describes them (subclasses
    included unless ``exact``).  Either may be given alone."""
    if box is not None:
        box.register(value_type)
    if vspace is not None:
        register_vspace(value_type, vspace, exact)


class VSpace:
    """Base class of vector spaces.  Subclasses implement the ``_``-free methods."""

    __slots__ = ()
    iscomplex = False
    shape = ()
    dtype = None
    # HIPS name for the table: ``VSpace.mappings[value_type] = maker`` takes
    # effect for ``vspace()`` (and for subclasses of ``value_type``).
    mappings = _vspace_makers

    def __init__(self, value=None):
        pass   # HIPS calls a registered class with the value: ``cls(value)``

    @classmethod
    def register(cls, value_type, vspace_maker=None):
        register_vspace(value_type, vspace_maker or cls)

    # -- construction
    def zeros(self):
        raise NotImplementedError

    def ones(self):
        raise NotImplementedError

    def standard_basis(self):
        raise NotImplementedError

    def randn(self, rng=None):
        raise NotImplementedError

    # -- arithmetic (on raw values; rules use primitives instead)
    # Subclasses override these.  A space written for HIPS autograd implements
    # the underscored forms instead (``_add``, ``_scalar_mul``, ``_inner_prod``,
    # ``_covector``), which the defaults call; their value types often define
    # ``__add__`` through ``vs.add``, so the defaults must not use operators.
    def add(self, x, y):
        return self._add(x, y)

    def mut_add(self, x, y):
        """``x + y``, allowed to reuse ``x``'s storage (the engine owns ``x``)."""
        return self.add(x, y)

    def scalar_mul(self, x, a):
        return self._scalar_mul(x, a)

    def inner_prod(self, x, y):
        return self._inner_prod(x, y)

    def covector(self, x):
        return self._covector(x)

    def _add(self, x, y):
        return x + y

    def _scalar_mul(self, x, a):
        return x * a

    def _inner_prod(self, x, y):
        raise NotImplementedError

    def _covector(self, x):
        return x

    def norm_sq(self, x):
        return self.inner_prod(x, x)

    # -- flattening to reals
    @property
    def size(self):
        return len(self.flatten(self.zeros()))

    def flatten(self, x):
        """A list of the real coordinates of ``x``."""
        raise NotImplementedError

    def unflatten(self, reals):
        raise NotImplementedError

    # -- assembling jacobians
    def stack(self, rows, outer_shape):
        """Assemble per-output-coordinate cotangents ``rows`` into a jacobian of
        shape ``outer_shape + self.shape``."""
        if outer_shape == ():
            return rows[0]
        try:
            import numpy as onp
        except ImportError:  # pragma: no cover - depends on the install
            raise TypeError("jacobian of a non-scalar function needs NumPy "
                            "(pip install autograd-numpy)") from None
        # onp.stack, not onp.asarray per row: rows are boxes when the jacobian
        # is itself differentiated, and stack traces through __array_function__.
        arr = onp.stack(rows)
        return arr.reshape(tuple(outer_shape) + tuple(self.shape))

    def standard_basis_stacked(self):
        """The standard basis stacked along a new first axis (``vmap`` over it
        computes a whole jacobian in one pass)."""
        return self.stack(list(self.standard_basis()), (self.size,))

    def leading_cotangents(self, v):
        """Cotangents that contract ``v`` with this space's leading axes.

        ``None`` when ``v`` is an element of this space (the ordinary case).
        Otherwise ``(trailing_shape, cotangents)``: ``v`` covers the leading
        axes only, and the k-th cotangent is ``v`` times the k-th unit vector
        of the trailing axes (used by ``tensor_jacobian_product``).  Spaces
        without axes accept only their own elements.
        """
        return None

    def as_element(self, v):
        """``v``, a derivative computed for a value of this space, in the layout of
        that value: what ``grad`` and a VJP hand back.  The identity here; a space
        whose values have a layout beyond shape and dtype (Dask's chunks) gives
        ``v`` that layout."""
        return v

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented   # the other space may know it equals this one
        return self._key() == other._key()

    def __hash__(self):
        try:
            return hash((type(self), self._key()))
        except TypeError:   # a HIPS-style space holding unhashable attributes
            return hash(type(self))

    def _key(self):
        # Spaces written for HIPS keep their parameters as instance attributes.
        attrs = getattr(self, "__dict__", None)
        return tuple(sorted(attrs.items())) if attrs else ()

    def __repr__(self):
        return f"{type(self).__name__}{self._key()}"


def _rng(rng):
    if rng is None:
        import random
        return random
    return rng


class FloatVSpace(VSpace):
    """Python ``float``: a one-dimensional real space."""

    __slots__ = ()
    size = 1

    def zeros(self):
        return 0.0

    def ones(self):
        return 1.0

    def standard_basis(self):
        yield 1.0

    def randn(self, rng=None):
        return _rng(rng).gauss(0.0, 1.0)

    def inner_prod(self, x, y):
        return (x * y).real

    def flatten(self, x):
        return [float(x)]

    def unflatten(self, reals):
        return float(reals[0])


class ComplexVSpace(VSpace):
    """Python ``complex``: a two-dimensional real space."""

    __slots__ = ()
    iscomplex = True
    size = 2

    def zeros(self):
        return 0j

    def ones(self):
        # The sum of the standard basis, as in HIPS autograd (so elementwise_grad
        # and deriv give HIPS's numbers); holomorphic_grad uses the real part.
        return 1 + 1j

    def standard_basis(self):
        yield 1 + 0j
        yield 1j

    def randn(self, rng=None):
        r = _rng(rng)
        return complex(r.gauss(0.0, 1.0), r.gauss(0.0, 1.0))

    def inner_prod(self, x, y):
        return (x.conjugate() * y).real

    def covector(self, x):
        return x.conjugate()

    def flatten(self, x):
        x = complex(x)
        return [x.real, x.imag]

    def unflatten(self, reals):
        return complex(reals[0], reals[1])


_FLOAT_VS = FloatVSpace()
_COMPLEX_VS = ComplexVSpace()
register_vspace(float, lambda x: _FLOAT_VS, exact=True)
register_vspace(complex, lambda x: _COMPLEX_VS, exact=True)


class SparseObject:
    """A cotangent that is mostly zeros (e.g. from indexing one element).

    ``mut_add(dense)`` adds it into a dense value of space ``vs`` (which the
    engine owns, so it may be modified in place) and returns the result.
    Several sparse cotangents for one value are collected and densified once,
    only when a rule actually needs the dense value.
    """

    __slots__ = ("vs", "mut_add")

    def __init__(self, vs, mut_add):
        self.vs = vs
        self.mut_add = mut_add


class _SparsePile:
    """Sparse cotangents waiting for a single densification."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    @property
    def vs(self):
        # Read only when densifying: asking every item for its space as it is
        # added would cost O(len) per item for container cotangents.
        for s in self.items:
            if isinstance(s, SparseObject):
                return s.vs
        return None


_SPARSE = (SparseObject, _SparsePile)


def densify(g):
    """A dense value for a cotangent that may be sparse (or a pile of them)."""
    if not isinstance(g, _SPARSE):
        return g
    items = g.items if type(g) is _SparsePile else [g]
    vs = g.vs
    custom = getattr(vs, "densify_items", None)
    if custom is not None:
        return custom(items)
    dense = vs.zeros()
    for s in items:
        dense = s.mut_add(dense) if isinstance(s, SparseObject) else vs.mut_add(dense, s)
    return dense


_adders = {float: float.__add__, complex: complex.__add__}
# value type -> (its space maker when registered, mut_add): types whose values
# add with ``+`` and in place with ``mut_add(x, y)`` whatever space their maker
# gives, so accumulating cotangents skips building a space per addition (the
# arrays of an RNN's backward pass: a few microseconds each).  A maker
# registered later (``VSpace.mappings[t] = ...``) turns the shortcut off.
_fast_adders = {}


def register_fast_add(value_type, mut_add):
    """Declare that values of exactly ``value_type`` add with ``+`` and that
    ``mut_add(x, y)`` adds ``y`` into ``x`` where it can (``x`` is a buffer the
    engine owns), as every space of the registered maker would do."""
    _fast_adders[value_type] = (_vspace_makers.get(value_type), mut_add)


register_fast_add(float, float.__add__)       # (immutable: "in place" is a new float)
register_fast_add(complex, complex.__add__)


def _fast_add(value_type):
    entry = _fast_adders.get(value_type)
    if entry is not None and entry[0] is _vspace_makers.get(value_type):
        return entry[1]
    return None


def add_values(a, b):
    """Sum of two cotangents/tangents of the same space (either may be sparse)."""
    ta = type(a)
    tb = type(b)
    if ta is tb and (ta in _adders or _fast_add(ta) is not None):
        return a + b
    if isinstance(a, _SPARSE) or isinstance(b, _SPARSE):
        items = []
        for x in (a, b):
            if type(x) is _SparsePile:
                items.extend(x.items)
            else:
                items.append(x)
        return _SparsePile(items)
    if (ta is float or ta is complex or ta is int) and (tb is float or tb is complex or tb is int):
        return a + b
    return vspace(a).add(a, b)


def accumulate(prev, ct, owned):
    """``(prev + ct, owned)`` where ``prev`` may be updated in place if ``owned``."""
    if prev is None:
        return ct, False
    if owned and type(prev) is _SparsePile:
        # Grow our own pile in place: copying it on every addition made reading
        # the N items of a container cost O(N^2).
        if type(ct) is _SparsePile:
            prev.items.extend(ct.items)
        else:
            prev.items.append(ct)
        return prev, True
    if owned and not isinstance(ct, _SPARSE) and not isinstance(prev, _SPARSE):
        t = type(prev)
        if t is float or t is complex:
            return prev + ct, True
        mut_add = _fast_add(t)
        if mut_add is not None:
            return mut_add(prev, ct), True
        return vspace(prev).mut_add(prev, ct), True
    # add_values always builds a new value (or a new pile), which we now own.
    return add_values(prev, ct), True
