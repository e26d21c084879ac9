"""Batching: ``vmap`` and the trace that carries a batch axis.

``vmap(f)(xs)`` opens a :class:`BatchTrace` and boxes each batched argument
with its batch axis moved to the front.  The box presents the value *of one
example*: ``x.shape`` is the stacked value's shape without its first axis, and
``vspace(x)`` the space of one example, so user code and gradient rules see
the shapes they would see without ``vmap``.  Every primitive called on such a
box is handed to :meth:`BatchTrace.record`, which applies the primitive's
*batching rule* (``autograd.extend.defbatch``) to the stacked values: one call
for the whole batch.  A primitive without a rule is called once per example
and the results stacked (correct, only slower); ``python -m autograd
coverage`` says which primitives batch natively.

The batch axis is always the first axis inside the trace, so a rule never
has to look for it.  Rules are written with differentiable functions: under
``grad(vmap(f))`` the stacked values are themselves boxes of the enclosing
reverse trace, and under ``vmap(grad(f))`` the gradient rules of ``f``'s
primitives run on batch boxes -- both compose like any two traces (see the
levels in :mod:`autograd.tracing`).

A value type takes part through its *batch hooks* (:func:`register_batch_type`):
how to stack examples, take one example, move an axis and read a shape.  The
core registers none for NumPy; autograd-numpy registers them for arrays.
Without hooks, stacking falls back to the type's ``VSpace.stack``.

What cannot be batched raises :class:`BatchingError` (a ``TypeError``):
Python control flow on a batched value (``if x > 0``, ``float(x)``), or a
primitive returning Python values that differ between examples.
"""

from . import rules as _rules
from .rules import fun_name
from . import tracing as _tracing
from .tracing import (
    Box, SelfRecording, Trace, _passthrough, _run, _runs_below_trace, box_types, getval,
    new_box, primitive,
)
from .vspace import register_vspace, vspace

__all__ = ["vmap", "BatchTrace", "BatchingError", "BatchHooks", "register_batch_type",
           "register_batch_box", "batch_size_of", "is_batched", "example_vspace", "hooks_for",
           "has_batch_hooks", "batch_only", "stacked_value"]


class BatchingError(TypeError):
    """Something inside ``vmap`` needs one example's value, which a batch does not have."""


# ----------------------------------------------------------------- value-type hooks

class BatchHooks:
    """How ``vmap`` handles raw values of one type; override what the defaults get wrong.

    ``stack(values)`` -- the examples (raw or boxed) stacked along a new first axis;
    ``take(value, i)`` -- example ``i`` of a stacked value (axis 0);
    ``moveaxis(value, src, dst)`` -- one axis moved (differentiable on boxes);
    ``shape(value)`` -- the shape (of a raw value, or the per-example one of a box);
    ``concat(values)``, ``reshape(value, shape)`` -- for jacobians (optional).
    """

    def stack(self, values):
        return vspace(values[0]).stack(list(values), (len(values),))

    def take(self, value, i):
        return value[i]

    def moveaxis(self, value, src, dst):
        if src == dst:
            return value
        raise BatchingError(f"vmap cannot move the axes of a {type(getval(value)).__name__}: "
                            "register batch hooks for it (autograd.extend.register_batch_type)")

    def shape(self, value):
        shape = getattr(value, "shape", None)
        if shape is None:
            return ()
        return tuple(shape)

    # The type a stacked raw value is marked with when a rule reads it with
    # ``getval`` (``mark_stacked`` gives it); None: no marking.
    stacked_type = None

    def mark_stacked(self, value):
        return value

    def concat(self, values):
        """Stacked values joined along their first axis (``chunk_size``)."""
        raise BatchingError(f"no batch hooks join {type(getval(values[0])).__name__} values")

    def reshape(self, value, shape):
        raise BatchingError(f"no batch hooks reshape {type(getval(value)).__name__} values")


_DEFAULT_HOOKS = BatchHooks()
_hooks = {}


def register_batch_type(value_type, hooks):
    """Use ``hooks`` (a :class:`BatchHooks`) for raw values of ``value_type`` (and subclasses)."""
    _hooks[value_type] = hooks
    if hooks.stacked_type is not None:
        _tracing.stacked_marks[value_type] = hooks.mark_stacked
        _stacked_types.add(hooks.stacked_type)


# the types of stacks read by getval: never a per-example value
_stacked_types = set()


def _refuse_stacked(fun, values):
    for v in values:
        if type(v) in _stacked_types:
            raise BatchingError(
                f"vmap: {fun_name(fun) if fun else 'the function'} got the raw value of a "
                "batched value (the whole stack, read with getval) beside batched values; "
                "this rule is not batch-aware. jacobian and hessian fall back to one pass "
                "per row; inside vmap, compute without it.")


def hooks_for(value):
    """The :class:`BatchHooks` of ``value``'s raw type."""
    return _hooks_for(value)


def has_batch_hooks(value):
    """Has ``value``'s raw type batch hooks of its own (registered by its add-on)?"""
    return _hooks_for(value) is not _DEFAULT_HOOKS


def _hooks_for(value):
    t = type(getval(value))
    h = _hooks.get(t)
    if h is not None:
        return h
    for cls in t.__mro__[1:]:
        h = _hooks.get(cls)
        if h is not None:
            _hooks[t] = h
            return h
    return _DEFAULT_HOOKS


def _is_seq(v):
    return type(v) is tuple or type(v) is list or (isinstance(v, tuple) and hasattr(v, "_make"))


def _rebuild(like, items):
    t = type(like)
    if t is tuple or t is list:
        return t(items)
    return t._make(items)


def _stack(values):
    first = getval(values[0])
    if _is_seq(first):
        # a primitive returning a tuple: stack item by item
        n = len(first)
        return _rebuild(first, [_stack([v[k] for v in values]) for k in range(n)])
    return _hooks_for(values[0]).stack(values)


def _take(value, i):
    raw = getval(value)
    if _is_seq(raw):
        return _rebuild(raw, [_take(v, i) for v in value])
    return _hooks_for(value).take(value, i)


# ----------------------------------------------------------------- batch boxes

class _BatchedMixin:
    """What a box of a batching trace changes: it shows one example."""

    __slots__ = ()

    @property
    def shape(self):
        return tuple(self._value.shape[1:])

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    def __len__(self):
        shape = self.shape
        if not shape:
            raise TypeError("len() of unsized object (one example of the batch is a scalar)")
        return shape[0]

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __bool__(self):
        raise BatchingError(_CONTROL_FLOW.format(what="bool() (an if or while on it)"))

    def __float__(self):
        raise BatchingError(_CONTROL_FLOW.format(what="float()"))

    def __complex__(self):
        raise BatchingError(_CONTROL_FLOW.format(what="complex()"))

    def __int__(self):
        raise BatchingError(_CONTROL_FLOW.format(what="int()"))

    def __index__(self):
        raise BatchingError(_CONTROL_FLOW.format(what="an index"))

    def __array__(self, dtype=None, copy=None):
        raise BatchingError(_CONTROL_FLOW.format(what="a plain array"))

    def item(self, *args):
        raise BatchingError(_CONTROL_FLOW.format(what=".item()"))

    def tolist(self):
        raise BatchingError(_CONTROL_FLOW.format(what=".tolist()"))

    def __repr__(self):
        return (f"Batched {type(self)._unbatched.__name__} of {self._trace.size} examples, "
                f"one example of shape {self.shape}")

    __str__ = __repr__


_CONTROL_FLOW = (
    "vmap: a batched value was converted to {what}, which needs the value of a single "
    "example. Inside a vmapped function use array operations instead of Python control "
    "flow (numpy.where instead of if/else), or leave the argument unbatched "
    "(in_axes=None). jacobian and hessian fall back to one pass per row for such functions.")

_batched_classes = {}      # box class -> its batched subclass
_box_by_type = {}          # stacked value's type -> the batched box class for it


def register_batch_box(box_class, methods=None):
    """The class of batched values of ``box_class``, with ``methods`` (a dict) added.

    Batched values are boxed by a subclass of their box class that shows one
    example's ``shape``, ``ndim``, ``size``, ``len`` and iteration and refuses
    conversions to Python values; ``methods`` replaces what else must differ
    (autograd-numpy: indexing without view tracking, no writes).
    """
    cls = type(f"Batched{box_class.__name__}", (_BatchedMixin, box_class),
               {"__slots__": (), **(methods or {})})
    cls.__module__ = box_class.__module__
    cls._unbatched = box_class
    _batched_classes[box_class] = cls
    _box_by_type.clear()
    box_types[cls] = box_class        # a batch box traced by another trace: a plain box
    register_vspace(cls, _example_vspace, exact=True)
    return cls


def _batched_class(box_class):
    cls = _batched_classes.get(box_class)
    if cls is None:
        cls = register_batch_box(box_class)
    return cls


def _example_vspace(box):
    """The space of one example of a batch box (nested batches: of the innermost)."""
    k = 0
    v = box
    while isinstance(v, Box):
        if type(v._trace) is BatchTrace:
            k += 1
        v = v._value
    for _ in range(k):
        v = _take(v, 0)
    return vspace(v)


def _box_class_of(value):
    t = type(value)
    base = t.__dict__.get("_unbatched")
    if base is not None:
        return base
    cls = box_types.get(t)
    if isinstance(cls, type):
        return cls
    probe = new_box(value, None, None)      # type-miss hooks, value families
    return type(probe)


# ----------------------------------------------------------------- the trace

class BatchTrace(Trace):
    """The trace of one ``vmap`` call: ``size`` examples, batch axis first."""

    __slots__ = ("size",)

    def __init__(self, size):
        Trace.__init__(self, forward=True)
        self.node_type = SelfRecording
        self.size = size

    def __repr__(self):
        return f"<BatchTrace level={self.level} size={self.size}>"

    def box(self, value):
        """``value`` (stacked, batch axis first) as a batch box of this trace."""
        cls = _box_by_type.get(type(value))
        if cls is None:
            raw = getval(value)
            if _is_seq(raw):
                return _rebuild(raw, [self.box(value[k]) for k in range(len(raw))])
            cls = _batched_class(_box_class_of(value))
            _box_by_type[type(value)] = cls
        return cls(value, self, None)

    def record(self, fun, callee, argvals, kwargs, argnums):
        """Run primitive ``fun`` on the batch: its batching rule, or a loop."""
        batched = [False] * len(argvals)
        for i in argnums:
            batched[i] = True
        batched = tuple(batched)
        if _stacked_types:
            for a, b in zip(argvals, batched):
                if not b and type(a) in _stacked_types:
                    _refuse_stacked(fun, (a,))
            if kwargs:
                _refuse_stacked(fun, kwargs.values())
        registry = _rules._state.registry
        rule = registry.batches.get(fun) or registry.batch_rule(fun)
        out = NotImplemented if rule is None else rule(batched, argvals, kwargs)
        if out is NotImplemented:       # no rule, or none for this call: one call per example
            out = _loop(self.size, fun, callee, argvals, kwargs, batched)
            if type(out) is _Static:
                return out.value
        if type(out) in _passthrough or (type(out) is tuple and _is_static(out)):
            return out          # the same for every example (a shape, a count)
        return self.box(out)


_runs_below_trace(BatchTrace.record.__code__)


class _Static:
    """The same non-array Python value from every example (a shape, a flag)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _is_static(v):
    if type(v) in _passthrough:
        return True
    return type(v) is tuple and all(_is_static(x) for x in v)


# raw function -> how many batched calls went through the loop (for tests and
# for finding the primitives that most need a rule)
loop_counts = {}


def _loop(n, fun, callee, argvals, kwargs, batched):
    """``fun`` called once per example and the results stacked (no batching rule)."""
    try:
        loop_counts[fun] = loop_counts.get(fun, 0) + 1
    except TypeError:           # unhashable callable
        pass
    if n == 0:
        raise BatchingError(f"vmap over an empty batch: {fun_name(fun)} has no batching rule")
    outs = []
    for i in range(n):
        args = [_take(a, i) if b else a for a, b in zip(argvals, batched)]
        outs.append(callee(*args, **kwargs))
    first = outs[0]
    if _is_static(first):
        for o in outs:
            if o != first:
                raise BatchingError(
                    f"vmap: {fun_name(fun)} returned Python values that differ between "
                    f"examples ({first!r}, {o!r}); they cannot be batched.")
        return _Static(first)
    return _stack(outs)


def example_vspace(x):
    """The space of ``x`` as the code running sees it: one example's inside ``vmap``."""
    if isinstance(x, Box) and is_batched(x):
        return _example_vspace(x)
    return vspace(getval(x))


def is_batched(x):
    """Is ``x`` a batch box (a value inside ``vmap`` that carries the batch)?"""
    while isinstance(x, Box):
        if type(x._trace) is BatchTrace:
            return True
        x = x._value
    return False


def batch_size_of(x):
    """The size of the innermost batch ``x`` belongs to (None outside ``vmap``)."""
    while isinstance(x, Box):
        if type(x._trace) is BatchTrace:
            return x._trace.size
        x = x._value
    return None


# ----------------------------------------------------------------- non-differentiable calls

def nondiff_call(fun, args, kwargs):
    """``fun`` (a function with constant results: comparisons, ``argmax``...) on raw values.

    Values of every trace are looked through, except a batch's: a comparison
    inside ``vmap`` is computed per example, by ``fun``'s batching rule or a
    loop, and gives a batched result.
    """
    for a in args:
        if isinstance(a, Box) and is_batched(a):
            break
    else:
        for v in kwargs.values():
            if isinstance(v, Box) and is_batched(v):
                raise BatchingError(
                    f"vmap: a batched value passed by keyword to {fun_name(fun)}; pass it "
                    "positionally")
        return fun(*[getval(a) for a in args], **{k: getval(v) for k, v in kwargs.items()})
    kwargs = {k: getval(v) for k, v in kwargs.items()}
    return _nondiff_primitive(fun)(*[_batch_only(a) for a in args], **kwargs)


def batch_only(x):
    """``x`` with every box removed except those of batching traces (``getval``
    outside ``vmap``)."""
    return _batch_only(x)


def stacked_value(x):
    """``(raw, rebatch)``: ``x``'s raw value with the axes of every batch it belongs
    to leading (the outermost ``vmap``'s first), and the way back.

    ``rebatch(r)`` makes a raw value computed from ``raw``, with the same
    leading batch axes, a value batched like ``x`` (constant for every other
    trace).  Outside ``vmap`` it is ``(getval(x), identity)``.  For rules that
    compute index data (ranks, positions, masks) with plain NumPy along the
    trailing axes, which handles leading axes independently::

        raw, rebatch = stacked_value(rows)
        ranks = rebatch(onp.argsort(raw, axis=-1))
    """
    traces = []
    while isinstance(x, Box):
        if type(x._trace) is BatchTrace:
            traces.append(x._trace)
        x = x._value
    if not traces:
        return x, _same

    def rebatch(r):
        for trace in reversed(traces):
            r = trace.box(r)
        return r
    return x, rebatch


def _same(x):
    return x


def _batch_only(x):
    """``x`` with every box removed except those of batching traces."""
    if not isinstance(x, Box):
        return x
    if type(x._trace) is BatchTrace:
        return type(x)(_batch_only(x._value), x._trace, None)
    return _batch_only(x._value)


_nondiff_prims = {}


_tracing.nondiff_call[0] = nondiff_call


def _nondiff_primitive(fun):
    try:
        p = _nondiff_prims.get(fun)
    except TypeError:
        return primitive(fun)
    if p is None:
        p = _nondiff_prims[fun] = primitive(fun)
    return p


# ----------------------------------------------------------------- vmap

def _tree_axes(axes, value, where):
    """Pair every leaf of ``value`` with its axis from ``axes`` (an int/None for
    the whole subtree, or a container of the same structure)."""
    if axes is None or isinstance(axes, int):
        if _is_container(value):
            return [pair for v in _children(value) for pair in _tree_axes(axes, v, where)]
        return [(value, axes)]
    if type(axes) in (tuple, list) and _is_container(value) and not isinstance(value, dict):
        items = list(value)
        if len(axes) != len(items):
            raise ValueError(f"vmap: {where} has {len(axes)} entries for a container of "
                             f"{len(items)} items")
        return [pair for a, v in zip(axes, items) for pair in _tree_axes(a, v, where)]
    if isinstance(axes, dict) and isinstance(value, dict):
        if set(axes) != set(value):
            raise ValueError(f"vmap: {where} has keys {sorted(axes)} for a dict with keys "
                             f"{sorted(value)}")
        return [pair for k in value for pair in _tree_axes(axes[k], value[k], where)]
    raise ValueError(f"vmap: {where} {axes!r} does not match the structure of the value "
                     f"({type(value).__name__})")


def _is_container(v):
    return type(v) in (tuple, list, dict) or (isinstance(v, tuple) and hasattr(v, "_make"))


def _children(v):
    return list(v.values()) if isinstance(v, dict) else list(v)


def _rebuild_tree(value, leaves):
    """``value``'s structure with its leaves taken in order from iterator ``leaves``."""
    if not _is_container(value):
        return next(leaves)
    if isinstance(value, dict):
        return type(value)((k, _rebuild_tree(v, leaves)) for k, v in value.items())
    items = [_rebuild_tree(v, leaves) for v in value]
    return _rebuild(value, items)


def _norm_axis(axis, ndim, what):
    if not -ndim <= axis < ndim:
        raise ValueError(f"vmap: {what} {axis} is out of range for a value with {ndim} axes")
    return axis % ndim


def vmap(fun, in_axes=0, out_axes=0):
    """Vectorise ``fun`` over a batch axis of its arguments.

    ``vmap(f)(xs)`` is ``stack([f(x) for x in xs])``, computed in one pass:
    each primitive runs once on the whole batch.  The conventions are JAX's:
    ``in_axes`` is an int (the batch axis of every argument, negative counting
    from the end), ``None`` (not batched), or a tuple with one entry per
    positional argument, each an int, ``None`` or a container of the
    argument's structure (lists, tuples, dicts) giving its leaves' axes.
    Keyword arguments are batched along their first axis.  ``out_axes`` says
    where the batch axis goes in the output, with the same conventions for a
    container output; an output that does not depend on the batch is
    repeated, unless its axis is ``None``.

    It composes with ``grad``, ``make_jvp``, ``jacobian`` and itself:
    ``vmap(grad(loss), in_axes=(None, 0))(w, examples)`` gives per-example
    gradients.

    >>> import autograd.numpy as np
    >>> vmap(lambda x: np.sum(x ** 2))(np.arange(6.0).reshape(3, 2))
    array([ 1., 13., 41.])
    """
    def batched_fun(*args, **kwargs):
        if isinstance(in_axes, (tuple, list)):
            if len(in_axes) != len(args):
                raise ValueError(f"vmap: in_axes has {len(in_axes)} entries for "
                                 f"{len(args)} positional arguments")
            axes = tuple(in_axes)
        elif in_axes is None or isinstance(in_axes, int):
            axes = (in_axes,) * len(args)
        else:
            raise TypeError(f"vmap: in_axes must be an int, None or a tuple, not {in_axes!r}")
        pairs = _tree_axes(tuple(axes), tuple(args), "in_axes")
        kw_pairs = _tree_axes(0, kwargs, "in_axes") if kwargs else []
        sizes = set()
        moved = []
        for leaf, axis in pairs + kw_pairs:
            if axis is None:
                moved.append(None)
                continue
            hooks = _hooks_for(leaf)
            shape = hooks.shape(leaf)
            axis = _norm_axis(axis, len(shape), "in_axes")
            sizes.add(shape[axis])
            moved.append((hooks, axis))
        if not sizes:
            raise ValueError("vmap: no argument is batched (every in_axes is None)")
        if len(sizes) > 1:
            raise ValueError(f"vmap: the batched arguments have different sizes along their "
                             f"batch axes: {sorted(sizes)}")
        n = sizes.pop()
        trace = BatchTrace(n)
        leaves = []
        for (leaf, _), m in zip(pairs + kw_pairs, moved):
            if m is None:
                leaves.append(leaf)
            else:
                hooks, axis = m
                leaves.append(trace.box(hooks.moveaxis(leaf, axis, 0)))
        it = iter(leaves)
        bargs = _rebuild_tree(tuple(args), it)
        bkwargs = _rebuild_tree(kwargs, it) if kwargs else {}
        out = _run(trace, lambda _: fun(*bargs, **bkwargs), None)
        return _unbatch_output(out, trace, out_axes)

    try:
        batched_fun.__name__ = f"vmap({getattr(fun, '__name__', 'fun')})"
        batched_fun.__doc__ = getattr(fun, "__doc__", None)
        batched_fun.__wrapped__ = fun
    except (AttributeError, TypeError):
        pass
    return batched_fun


_PLAIN = {float, int, complex, bool, type(None)}


def _unbatch_output(out, trace, out_axes):
    if isinstance(out_axes, (tuple, list)) and not _is_container(out):
        raise ValueError(f"vmap: out_axes {out_axes!r} given for a single output")
    pairs = _tree_axes(out_axes, out, "out_axes")
    n = trace.size
    leaves = []
    for leaf, axis in pairs:
        if isinstance(leaf, Box) and leaf._trace is trace:
            value = leaf._value
            if axis is None:
                raise ValueError("vmap: out_axes is None for an output that depends on the "
                                 "batch")
        else:
            # the output does not depend on the batch: one copy per example --
            # unless it is an object that may hold batch boxes inside it
            raw = getval(leaf)
            _refuse_stacked(None, [raw])
            if not (type(raw) in _PLAIN or has_batch_hooks(raw)):
                raise BatchingError(
                    f"vmap: the function returned a {type(raw).__name__}, which vmap cannot "
                    "tell apart from a value that holds batched values; return arrays, "
                    "numbers or containers of them")
            if axis is None:
                leaves.append(leaf)
                continue
            value = _stack([leaf] * n)
        hooks = _hooks_for(value)
        shape = hooks.shape(value)
        axis = _norm_axis(axis, len(shape), "out_axes")
        leaves.append(hooks.moveaxis(value, 0, axis))
    return _rebuild_tree(out, iter(leaves))
