"""Containers as differentiable values: tuples, lists, dicts, namedtuples, dataclasses.

A container is differentiated leaf by leaf.  Its :class:`VSpace` is the
product of its leaves' spaces, and gradients come back with the input's
structure (a namedtuple for a namedtuple, a dataclass instance for a
dataclass).  Reading an item of a boxed container is the primitive
:func:`container_take`; its cotangent is sparse (one leaf), and all the
sparse cotangents of one container are summed into a single dense value only
when a rule needs it, so reading N items costs O(N), not O(N^2).

Dataclass fields that hold non-differentiable values (ints, strings, None,
...) are static: they are copied into gradients unchanged.

This module also provides HIPS autograd's ``autograd.builtins`` API: ``tuple``,
``list`` and ``dict`` build boxed containers from boxes, and ``isinstance`` /
``type`` look through boxes.
"""

import builtins as _b

from .rules import defvjp_argnum, defvjp_fast, defjvp
from .tracing import Box, getval, primitive, isbox
from .vspace import (SparseObject, VSpace, add_values, register_value_family, register_vspace,
                     vspace)

__all__ = [
    "SequenceBox", "DictBox", "DataclassBox", "container_take", "make_sequence",
    "make_dict", "make_dataclass", "pack", "isinstance", "type", "tuple", "list",
    "dict", "SequenceVSpace", "DictVSpace", "DataclassVSpace",
]

_tuple, _list, _dict, _isinstance, _type = _b.tuple, _b.list, _b.dict, _b.isinstance, _b.type


# ----------------------------------------------------------------- raw helpers

def _is_dataclass_instance(x):
    # dataclasses (and the inspect module it pulls in) is imported only once a
    # dataclass actually shows up: `import autograd` stays cheap.
    return hasattr(_type(x), "__dataclass_fields__") and not _isinstance(x, _type)


def _fields(x):
    import dataclasses
    return dataclasses.fields(x)


def _build_sequence(seq_type, items):
    if seq_type is _tuple or seq_type is _list:
        return seq_type(items)
    if hasattr(seq_type, "_make"):
        return seq_type._make(items)
    return seq_type(items)


def _dataclass_with(template, values):
    import copy
    new = copy.copy(template)
    for name, v in values.items():
        object.__setattr__(new, name, v)
    return new


def _is_differentiable_leaf(v):
    try:
        vspace(v)
        return True
    except TypeError:
        return False


def _dataclass_fields(x):
    return [f.name for f in _fields(x) if _is_differentiable_leaf(getattr(x, f.name))]


# ----------------------------------------------------------------- vector spaces

class _ContainerVSpace(VSpace):
    """Common code: a container space is a tuple of child spaces plus a builder."""

    __slots__ = ("keys", "children")

    def _make(self, values):
        raise NotImplementedError

    def _items(self, x):
        raise NotImplementedError

    def zeros(self):
        return self._make([c.zeros() for c in self.children])

    def ones(self):
        return self._make([c.ones() for c in self.children])

    def randn(self, rng=None):
        return self._make([c.randn(rng) for c in self.children])

    def standard_basis(self):
        zeros = [c.zeros() for c in self.children]
        for i, c in enumerate(self.children):
            for b in c.standard_basis():
                vals = _list(zeros)
                vals[i] = b
                yield self._make(vals)

    def add(self, x, y):
        return self._make([add_values(a, b) for a, b in zip(self._items(x), self._items(y))])

    def scalar_mul(self, x, a):
        return self._make([c.scalar_mul(v, a) for c, v in zip(self.children, self._items(x))])

    def inner_prod(self, x, y):
        return sum(c.inner_prod(a, b) for c, a, b in zip(self.children, self._items(x), self._items(y)))

    def covector(self, x):
        return self._make([c.covector(v) for c, v in zip(self.children, self._items(x))])

    def as_element(self, x):
        # a traced container (a higher derivative) is left to the outer derivative
        if _isinstance(x, Box) or not self._has_layout():
            return x
        return self._make([c.as_element(v) for c, v in zip(self.children, self._items(x))])

    def _has_layout(self):
        """Does a leaf space fit derivatives to a layout (``as_element``)?"""
        for c in self.children:
            if _isinstance(c, _ContainerVSpace):
                if c._has_layout():
                    return True
            elif _type(c).as_element is not VSpace.as_element:
                return True
        return False

    @property
    def size(self):
        return sum(c.size for c in self.children)

    @property
    def iscomplex(self):
        return any(c.iscomplex for c in self.children)

    def flatten(self, x):
        out = []
        for c, v in zip(self.children, self._items(x)):
            out.extend(c.flatten(v))
        return out

    def unflatten(self, reals):
        vals, k = [], 0
        for c in self.children:
            n = c.size
            vals.append(c.unflatten(reals[k:k + n]))
            k += n
        return self._make(vals)

    def densify_items(self, items):
        """Sum sparse/dense cotangents into one value, building the container once."""
        acc = {}
        dense = None
        for s in items:
            if _isinstance(s, _TakeCotangent):
                for key, v in s.parts():
                    acc[key] = v if key not in acc else add_values(acc[key], v)
            elif _isinstance(s, SparseObject):
                dense = s.mut_add(self.zeros() if dense is None else dense)
            else:
                dense = s if dense is None else self.add(dense, s)
        if not acc:
            return dense
        vals = []
        for key, c in zip(self.keys, self.children):
            v = acc.get(key)
            vals.append(c.zeros() if v is None else v)
        built = self._make(vals)
        return built if dense is None else self.add(dense, built)

    def _key(self):
        return (self.keys, self.children)


class StaticVSpace(VSpace):
    """A non-differentiable item of a container (an int, a string, an integer
    array...): a zero-dimensional space whose only element is the item itself.

    Primitives may return such containers (``frexp`` gives an integer exponent,
    ``lstsq`` an integer rank); derivatives pass the item through unchanged.
    As a *differentiation input* it is refused (see :func:`check_input`).
    """

    __slots__ = ("value",)
    size = 0

    def __init__(self, value):
        self.value = value

    def zeros(self):
        return self.value

    ones = zeros

    def randn(self, rng=None):
        return self.value

    def covector(self, x):
        return x

    def standard_basis(self):
        return iter(())

    def add(self, x, y):
        return x

    mut_add = add

    def scalar_mul(self, x, a):
        return x

    def inner_prod(self, x, y):
        return 0.0

    def flatten(self, x):
        return []

    def unflatten(self, reals):
        return self.value

    def _key(self):
        return (_type(self.value).__name__,)


def _is_data_leaf(v):
    if v is None or _isinstance(v, (int, str, bytes)):   # bool is an int
        return True
    dtype = getattr(v, "dtype", None)
    return getattr(dtype, "kind", None) in ("i", "u", "b", "U", "S", "O")


def _leaf_vspace(v):
    try:
        return vspace(v)
    except TypeError:
        if _is_data_leaf(v):
            return StaticVSpace(v)
        raise


def check_input(vs):
    """Refuse an input whose space holds non-differentiable items (``(1.0, 2)``)."""
    if _isinstance(vs, StaticVSpace):
        vspace(vs.value)          # raises the standard, explanatory TypeError
        raise TypeError(f"Can't differentiate w.r.t. type {_type(vs.value).__name__!r}")
    # a space may hold intermediates but refuse inputs (a NumPy integer scalar)
    err = getattr(vs, "input_error", None)
    if err is not None:
        raise err
    for c in getattr(vs, "children", ()):
        check_input(c)


class SequenceVSpace(_ContainerVSpace):
    __slots__ = ("seq_type",)

    def __init__(self, value):
        self.seq_type = _type(value)
        self.children = _tuple(_leaf_vspace(v) for v in value)
        self.keys = _tuple(range(len(self.children)))

    def _make(self, values):
        return _build_sequence(self.seq_type, values)

    def _items(self, x):
        return x

    def _key(self):
        return (self.seq_type, self.children)


class DictVSpace(_ContainerVSpace):
    __slots__ = ("dict_type",)

    def __init__(self, value):
        self.dict_type = _type(value)
        self.keys = _tuple(value.keys())
        self.children = _tuple(_leaf_vspace(value[k]) for k in self.keys)

    def _make(self, values):
        d = self.dict_type()
        for k, v in zip(self.keys, values):
            d[k] = v
        return d

    def _items(self, x):
        return [x[k] for k in self.keys]


class DataclassVSpace(_ContainerVSpace):
    __slots__ = ("template",)

    def __init__(self, value):
        self.template = value
        self.keys = _tuple(_dataclass_fields(value))
        self.children = _tuple(vspace(getattr(value, k)) for k in self.keys)

    def _make(self, values):
        return _dataclass_with(self.template, _dict(zip(self.keys, values)))

    def _items(self, x):
        return [getattr(x, k) for k in self.keys]

    def _key(self):
        return (_type(self.template), self.keys, self.children)


def container_vspace(value):
    if _isinstance(value, (_tuple, _list)):
        return SequenceVSpace(value)
    if _isinstance(value, _dict):
        return DictVSpace(value)
    if _is_dataclass_instance(value):
        return DataclassVSpace(value)
    return None


register_vspace(_tuple, SequenceVSpace)
register_vspace(_list, SequenceVSpace)
register_vspace(_dict, DictVSpace)


# ----------------------------------------------------------------- take (indexing)

class _TakeCotangent(SparseObject):
    """Cotangent of ``container[idx]``: the value ``g`` at key(s) ``idx``.

    It keeps the (raw) container and builds its space only when densified:
    building it costs O(len), and one of these is made for every item read.
    """

    __slots__ = ("container", "idx", "g", "_vs")

    def __init__(self, container, idx, g):
        self.container = container
        self.idx = idx
        self.g = g
        self._vs = None

    @property
    def vs(self):
        if self._vs is None:
            self._vs = vspace(self.container)
        return self._vs

    def parts(self):
        if _isinstance(self.idx, slice):
            keys = range(len(self.container))[self.idx]
            return zip(keys, self.g)
        return ((self.idx, self.g),)

    # A method, not an instance attribute holding a bound method: that would
    # be a reference cycle, keeping every cotangent alive until gc runs.
    def mut_add(self, dense):
        return self.vs.densify_items([dense, self])


def _take(A, idx):
    # A may be a box when the JVP rule below indexes a tangent of an outer trace.
    if _is_dataclass_instance(getval(A)):
        return getattr(A, idx)
    return A[idx]


container_take = primitive(_take)


def _take_vjp(g, ans, A, idx):
    A = getval(A)
    if _isinstance(A, (_tuple, _list)) and _isinstance(idx, int) and idx < 0:
        idx += len(A)
    return _TakeCotangent(A, idx, g)


defvjp_fast(container_take, _take_vjp)
defjvp(container_take, lambda t, ans, A, idx: _take(_dense(t, A), idx))


def _dense(t, value):
    """A tangent as a full value (``None`` means zero)."""
    if t is None:
        return vspace(value).zeros()
    if _isinstance(t, SparseObject):
        from .vspace import densify
        return densify(t)
    return t


# ----------------------------------------------------------------- building containers

def _make_sequence(seq_type, *items):
    """``seq_type(items)`` (tuple or list) as one traced value when items are boxes:
    ``make_sequence(tuple, a, b)``; rules index its cotangent per item."""
    return _build_sequence(seq_type, items)


make_sequence = primitive(_make_sequence)
defvjp_argnum(make_sequence, lambda argnum, ans, args, kwargs: lambda g: g[argnum - 1])


def _make_sequence_jvp(argnums, ts, ans, args, kwargs):
    items = [vspace(a).zeros() for a in args[1:]]
    for i, t in zip(argnums, ts):
        if t is not None:
            items[i - 1] = _dense(t, args[i])
    return _build_sequence(args[0], items)


from .rules import defjvp_argnums  # noqa: E402  (kept next to its use)

defjvp_argnums(make_sequence, _make_sequence_jvp)


def _make_dict(keys, *values):
    return _dict(zip(keys, values))


make_dict = primitive(_make_dict)
defvjp_argnum(make_dict, lambda argnum, ans, args, kwargs: lambda g: g[args[0][argnum - 1]])


def _make_dict_jvp(argnums, ts, ans, args, kwargs):
    out = {k: vspace(v).zeros() for k, v in zip(args[0], args[1:])}
    for i, t in zip(argnums, ts):
        if t is not None:
            out[args[0][i - 1]] = _dense(t, args[i])
    return out


defjvp_argnums(make_dict, _make_dict_jvp)


def _make_dataclass(template, names, *values):
    return _dataclass_with(template, _dict(zip(names, values)))


make_dataclass = primitive(_make_dataclass)
defvjp_argnum(make_dataclass,
              lambda argnum, ans, args, kwargs: lambda g: getattr(g, args[1][argnum - 2]))


def _make_dataclass_jvp(argnums, ts, ans, args, kwargs):
    vals = {n: vspace(v).zeros() for n, v in zip(args[1], args[2:])}
    for i, t in zip(argnums, ts):
        if t is not None:
            vals[args[1][i - 2]] = _dense(t, args[i])
    return _dataclass_with(args[0], vals)


defjvp_argnums(make_dataclass, _make_dataclass_jvp)


def _contains_box(x):
    if _isinstance(x, Box):
        return True
    if _isinstance(x, (_tuple, _list)):
        return any(_contains_box(v) for v in x)
    if _isinstance(x, _dict):
        return any(_contains_box(v) for v in x.values())
    if _is_dataclass_instance(x):
        return any(_contains_box(getattr(x, f.name)) for f in _fields(x))
    return False


def pack(x):
    """A plain container holding boxes, turned into one boxed container.

    Differential operators call this on function outputs, so ``f`` may
    simply ``return (a, b)`` or ``return {"loss": l}``.
    """
    if _isinstance(x, Box) or not _contains_box(x):
        return x
    if _isinstance(x, (_tuple, _list)):
        return make_sequence(_type(x), *[pack(v) for v in x])
    if _isinstance(x, _dict):
        keys = _tuple(x.keys())
        return make_dict(keys, *[pack(x[k]) for k in keys])
    names = _tuple(f.name for f in _fields(x) if _contains_box(getattr(x, f.name))
                   or _is_differentiable_leaf(getattr(x, f.name)))
    return make_dataclass(x, names, *[pack(getattr(x, n)) for n in names])


# ----------------------------------------------------------------- boxes

_ONE_ARGUMENT = object()


class _SequenceBoxType(_type):
    """Lets ``SequenceBox(items)`` take one argument (see :class:`SequenceBox`);
    the three-argument call of the engine goes straight to ``type.__call__``."""

    def __call__(cls, value, trace=_ONE_ARGUMENT, node=None):
        if trace is _ONE_ARGUMENT:
            return _sequence_of(value)
        return _type.__call__(cls, value, trace, node)


class SequenceBox(Box, metaclass=_SequenceBoxType):
    """A boxed tuple, list or namedtuple.

    ``SequenceBox(items)`` with one argument (PennyLane's pytrees rebuild a
    container this way) gives the sequence ``items`` as one value: a traced
    container when an item is traced, else a plain tuple (a list stays a list).
    """

    __slots__ = ()

    def __getitem__(self, idx):
        return container_take(self, idx)

    def __len__(self):
        return len(self._value)

    def __iter__(self):
        for i in range(len(self._value)):
            yield container_take(self, i)

    # The raw type is read through every box: under nested derivatives
    # ``self._value`` is itself a box of an enclosing trace.
    def __add__(self, other):
        return make_sequence(_type(getval(self)), *self, *other)

    def __radd__(self, other):
        return make_sequence(_type(getval(self)), *other, *self)

    def __getattr__(self, name):
        seq_type = _type(getval(self))
        fields = getattr(seq_type, "_fields", ())
        if name in fields:
            return container_take(self, fields.index(name))
        raise AttributeError(f"{seq_type.__name__!r} box has no attribute {name!r}")

    def index(self, value):
        return self._value.index(getval(value))

    def count(self, value):
        return self._value.count(getval(value))


class DictBox(Box):
    """A boxed dict."""

    __slots__ = ()

    def __getitem__(self, key):
        return container_take(self, key)

    def __len__(self):
        return len(self._value)

    def __iter__(self):
        return iter(self._value)

    def __contains__(self, key):
        return key in self._value

    def keys(self):
        return self._value.keys()

    def values(self):
        return [self[k] for k in self._value]

    def items(self):
        return [(k, self[k]) for k in self._value]

    def get(self, key, default=None):
        return self[key] if key in self._value else default


class DataclassBox(Box):
    """A boxed dataclass instance: field reads are traced; methods see the box."""

    __slots__ = ()

    def __getattr__(self, name):
        value = getval(self)    # the raw instance, under any number of boxes
        field_names = {f.name for f in _fields(value)}
        if name in field_names:
            if _is_differentiable_leaf(getattr(value, name)):
                return container_take(self, name)
            return getattr(value, name)
        attr = getattr(_type(value), name, None)
        if attr is not None and hasattr(attr, "__get__"):
            return attr.__get__(self, _type(value))
        return getattr(value, name)

    def __call__(self, *args, **kwargs):
        # Special methods are looked up on the type, so __getattr__ never sees
        # this one: models written as callable dataclasses need it forwarded.
        cls = _type(getval(self))
        for klass in cls.__mro__:
            if "__call__" in vars(klass):
                return vars(klass)["__call__"](self, *args, **kwargs)
        raise TypeError(f"{cls.__name__!r} object is not callable")


_object_new = object.__new__


def _sequence_box(value, trace, node):
    """A :class:`SequenceBox` made directly: the engine's path, which skips the
    metaclass's one-argument dispatch (boxing stays as cheap as for other types)."""
    box = _object_new(SequenceBox)
    box._value = value
    box._trace = trace
    box._node = node
    return box


def _sequence_of(items):
    seq_type = _list if _isinstance(items, _list) else _tuple
    items = _list(items)
    return make_sequence(seq_type, *items) if any(map(isbox, items)) else seq_type(items)


SequenceBox.register(_tuple)
SequenceBox.register(_list)
Box.type_mappings[_tuple] = Box.type_mappings[_list] = _sequence_box
DictBox.register(_dict)


def box_container(value, trace, node):
    raw = getval(value)     # under nested derivatives, value is an outer box
    if _isinstance(raw, (_tuple, _list)):
        return _sequence_box(value, trace, node)
    if _isinstance(raw, _dict):
        return DictBox(value, trace, node)
    if _is_dataclass_instance(raw):
        return DataclassBox(value, trace, node)
    raise TypeError(f"Can't box a value of type {_type(value).__name__!r}")


# namedtuples, tuple/list/dict subclasses and dataclasses: known by shape, not class
register_value_family(container_vspace, box_container)


# ----------------------------------------------------------------- HIPS builtins API

class _ContainerMeta(_type):
    def __instancecheck__(cls, instance):
        return _isinstance(getval(instance), cls._base)


class tuple(_tuple, metaclass=_ContainerMeta):
    """``tuple(iterable)`` that stays differentiable when items are boxes."""

    _base = _tuple

    def __new__(cls, xs=()):
        xs = _list(xs)
        return make_sequence(_tuple, *xs) if any(map(isbox, xs)) else _tuple(xs)


class list(_list, metaclass=_ContainerMeta):
    """``list(iterable)`` that stays differentiable when items are boxes."""

    _base = _list

    def __new__(cls, xs=()):
        xs = _list(xs)
        return make_sequence(_list, *xs) if any(map(isbox, xs)) else xs


class dict(_dict, metaclass=_ContainerMeta):
    """``dict(...)`` that stays differentiable when values are boxes."""

    _base = _dict

    def __new__(cls, *args, **kwargs):
        d = _dict(*args, **kwargs)
        if any(map(isbox, d.values())):
            keys = _tuple(d.keys())
            return make_dict(keys, *[d[k] for k in keys])
        return d


def isinstance(obj, classinfo):
    """``isinstance`` that looks through boxes."""
    return _isinstance(getval(obj), classinfo)


def type(obj):
    """``type`` that looks through boxes."""
    return _type(getval(obj))
