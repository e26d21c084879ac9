"""Batching rules (``autograd.vmap``) of NumPy's array-manipulating functions:
the ones that take an ``axis``, rearrange or copy elements (``roll``, ``rot90``,
``split``, ``insert``, ``pad``, ``diag`` ...), build arrays from batched values
(``linspace``, ``full``, ``meshgrid``), order statistics (``percentile``,
``average``) and whole-example comparisons (``allclose``, ``array_equal``).

Conventions are those of :mod:`.batching`: a batched argument has the batch
as its first axis, a rule returns the output for the whole batch, batch axis
first, and returns ``NotImplemented`` for the calls it does not cover (then
the call is looped over the examples, correctly).  Most rules here read the
call's arguments by NumPy's parameter names (:class:`_Call`), rewrite the
per-example ``axis`` as an axis of the batched array (``axis=None``: every
per-example axis, or the flattened example), and call the same function once.
Rules call ``autograd.numpy`` functions, so ``grad(vmap(f))`` differentiates
through them.
"""

import inspect

import numpy as onp

from autograd.extend import Box, defbatch, is_batched

from .. import numpy_wrapper as anp
from ..util import shape_of
from ..wrapping import wrapper_for
from .batching import (_batch_size, _full_batch, _lift, _nd, _shift_axes, elementwise,
                       numpy_function)

__all__ = ["register"]

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class _Call:
    """One call's arguments by NumPy's parameter names, and which are batched."""

    __slots__ = ("bound", "params", "batched")

    def __init__(self, sig, batched, args, kwargs):
        self.bound = sig.bind(*args, **kwargs)
        self.params = sig.parameters
        names = [p.name for p in sig.parameters.values() if p.kind in _POSITIONAL]
        self.batched = {name: b for name, b in zip(names, batched)}
        for v in kwargs.values():
            if isinstance(v, Box) and is_batched(v):       # pragma: no cover (vmap
                raise NotImplementedError                   # batches positionals only)

    def __getitem__(self, name):
        if name not in self.params:      # a parameter this NumPy lacks (weights= before 2.0)
            return None
        return self.bound.arguments.get(name, self.params[name].default)

    def __setitem__(self, name, value):
        self.bound.arguments[name] = value

    def is_batched(self, name):
        return self.batched.get(name, False)

    def only(self, *names):
        """Are the batched arguments among ``names``?"""
        return all(n in names for n, b in self.batched.items() if b)

    def call(self, fun):
        return fun(*self.bound.args, **self.bound.kwargs)


def _asfortranarray(a, dtype=None, *, like=None): ...
def _unravel_index(indices, shape, order="C"): ...


# NumPy 1.26's C functions without a text signature: the parameters NumPy documents
_DOCUMENTED = {"asfortranarray": _asfortranarray, "unravel_index": _unravel_index}


def _signature(fun):
    try:
        return inspect.signature(fun)
    except ValueError:
        return inspect.signature(_DOCUMENTED[fun.__name__])


def _rule(fun, body):
    """A rule ``body(call, wrapped)`` reading ``fun``'s arguments by name."""
    found = []      # the signature and the traced function, on first use (not at import)

    def rule(batched, *args, **kwargs):
        if not found:
            found.append((_signature(fun), wrapper_for(fun)))
        sig, wrapped = found[0]
        try:
            call = _Call(sig, batched, args, kwargs)
        except (TypeError, NotImplementedError):
            return NotImplemented
        return body(call, wrapped)
    return rule


def _flat(a):
    """The batched ``a`` with each example flattened: ``(n, -1)``."""
    return anp.reshape(a, (shape_of(a)[0], -1))


def _norm_axis(axis, nd):
    axis = int(axis)
    if not -nd <= axis < max(nd, 1):
        raise onp.exceptions.AxisError(axis, nd)
    return axis % nd if nd else 0


# ----------------------------------------------------------------- one array, elementwise

def _first_only(call, wrapped):
    """Elementwise in the first argument (the others are parameters)."""
    first = next(iter(call.params))
    if not call.only(first):
        return NotImplemented
    return call.call(wrapped)


# ----------------------------------------------------------------- the axis family

def _axis_rule(array="a", axis="axis", none="all", extra=()):
    """``f(array, ..., axis=...)`` with only ``array`` (and ``extra``) batched.

    ``none`` says what ``axis=None`` means: ``"all"`` (every per-example axis),
    ``"flat"`` (the flattened example), or ``"keep"`` (passed on unchanged).
    """
    def body(call, wrapped):
        if not call.only(array, *extra) or not call.is_batched(array):
            return NotImplemented
        a = call[array]
        nd = _nd(a, True)
        ax = call[axis]
        if ax is None or ax is onp._NoValue:
            if none == "keep" or ax is onp._NoValue:
                return call.call(wrapped)
            if none == "flat":
                call[array] = _flat(a)
                call[axis] = 1
                return call.call(wrapped)
            call[axis] = tuple(range(1, nd + 1))
            return call.call(wrapped)
        call[axis] = _shift_axes(ax, nd)
        return call.call(wrapped)
    return body


def _axes_rule(array, *axes):
    """Several axis parameters (``trace``'s ``axis1``/``axis2``), none of them None."""
    def body(call, wrapped):
        if not call.only(array):
            return NotImplemented
        nd = _nd(call[array], True)
        for name in axes:
            call[name] = _shift_axes(call[name], nd)
        return call.call(wrapped)
    return body


def _roll(call, wrapped):
    if not call.only("a"):
        return NotImplemented
    a = call["a"]
    if call["axis"] is None:        # rolled flat, then given back its shape
        call["a"], call["axis"] = _flat(a), 1
        return anp.reshape(call.call(wrapped), shape_of(a))
    call["axis"] = _shift_axes(call["axis"], _nd(a, True))
    return call.call(wrapped)


def _split_at(axis_of):
    """``hsplit``/``vsplit``/``dsplit``: ``split`` along the axis they pick per example."""
    def body(call, wrapped):
        if not call.only("ary"):
            return NotImplemented
        a = call["ary"]
        axis = axis_of(_nd(a, True))
        if axis is None:
            return NotImplemented       # NumPy's own error, from the loop
        return wrapper_for(onp.split)(a, call["indices_or_sections"], axis=axis + 1)
    return body


def _cumulative(call, wrapped):
    if not call.only("x"):
        return NotImplemented
    nd = _nd(call["x"], True)
    if call["axis"] is None:
        if nd != 1:
            return NotImplemented       # NumPy's own error, from the loop
        call["axis"] = 1
    else:
        call["axis"] = _shift_axes(call["axis"], nd)
    return call.call(wrapped)


def _quantile_rule(call, wrapped):
    """``percentile``/``quantile`` and nan-variants: the q axes come first in the output."""
    if not call.only("a") or call["weights"] is not None:
        return NotImplemented
    a = call["a"]
    nd = _nd(a, True)
    axis = call["axis"]
    call["axis"] = tuple(range(1, nd + 1)) if axis is None else _shift_axes(axis, nd)
    if nd == 0:
        call["axis"] = None if axis is None else call["axis"]
        return NotImplemented
    out = call.call(wrapped)
    q_nd = onp.ndim(call["q"])
    return anp.moveaxis(out, q_nd, 0) if q_nd else out


def _average(call, wrapped):
    if not call.only("a", "weights") or call["returned"]:
        return NotImplemented
    a, w = call["a"], call["weights"]
    nd = _nd(a, True)
    n = shape_of(a)[0]
    if w is not None:
        if call.is_batched("weights"):
            if _nd(w, True) != nd:
                return NotImplemented
        elif onp.ndim(w) == nd:
            call["weights"] = anp.broadcast_to(w, (n,) + tuple(shape_of(w)))
        elif call["axis"] is None:
            return NotImplemented
    if nd == 0:
        return NotImplemented
    axis = call["axis"]
    call["axis"] = tuple(range(1, nd + 1)) if axis is None else _shift_axes(axis, nd)
    return call.call(wrapped)


def _gradient(batched, f, *varargs, axis=None, edge_order=1):
    if any(batched[1:]):
        return NotImplemented
    nd = _nd(f, True)
    if axis is None:
        axes = tuple(range(1, nd + 1))
    else:
        axes = _shift_axes(axis if isinstance(axis, (tuple, list)) else (axis,), nd)
    out = anp.gradient(f, *varargs, axis=axes, edge_order=edge_order)
    return out


def _trapezoid(call, wrapped):
    if not call.only("y", "x") or not call.is_batched("y"):
        return NotImplemented
    y, x = call["y"], call["x"]
    nd = _nd(y, True)
    if call.is_batched("x") and _nd(x, True) != nd:
        return NotImplemented
    if x is not None and not call.is_batched("x") and onp.ndim(x) not in (1, nd):
        return NotImplemented
    call["axis"] = _shift_axes(call["axis"], nd)
    return call.call(wrapped)


def _diff(call, wrapped):
    if not call.only("a", "prepend", "append") or not call.is_batched("a"):
        return NotImplemented
    a = call["a"]
    nd = _nd(a, True)
    shape = shape_of(a)
    ax = _shift_axes(call["axis"], nd)
    call["axis"] = ax
    for name in ("prepend", "append"):
        v = call[name]
        if v is onp._NoValue:
            continue
        if call.is_batched(name):
            vnd = _nd(v, True)
            if vnd == 0:     # one number per example: along the axis, as NumPy would
                v = anp.broadcast_to(_lift(v, nd), shape[:ax] + (1,) + shape[ax + 1:])
            elif vnd != nd:
                return NotImplemented
        elif onp.ndim(v) == 0:
            v = onp.broadcast_to(v, shape[:ax] + (1,) + shape[ax + 1:])
        else:
            v = anp.broadcast_to(v, shape[:1] + onp.shape(v))
        call[name] = v
    return call.call(wrapped)


# ----------------------------------------------------------------- rearranging

def _fliplr(batched, m):
    if _nd(m, True) < 2:
        return NotImplemented
    return anp.flip(m, 2)


def _flipud(batched, m):
    if _nd(m, True) < 1:
        return NotImplemented
    return anp.flip(m, 1)


def _rot90(call, wrapped):
    if not call.only("m"):
        return NotImplemented
    nd = _nd(call["m"], True)
    axes = tuple(call["axes"])
    if len(axes) != 2 or nd < 2:
        return NotImplemented
    call["axes"] = tuple(_norm_axis(x, nd) + 1 for x in axes)
    return call.call(wrapped)


def _rollaxis(call, wrapped):
    if not call.only("a"):
        return NotImplemented
    nd = _nd(call["a"], True)
    axis, start = call["axis"], call["start"]
    start = int(start)
    if start < 0:
        start += nd
    if not 0 <= start < nd + 1:
        return NotImplemented
    call["axis"] = _norm_axis(axis, nd) + 1
    call["start"] = start + 1
    return call.call(wrapped)


def _matrix_transpose(batched, x):
    if _nd(x, True) < 2:
        return NotImplemented
    return anp.swapaxes(x, -1, -2)


def _msort(batched, a):
    if _nd(a, True) < 1:
        return NotImplemented
    return anp.sort(a, axis=1)


def _sort_complex(batched, a):
    if _nd(a, True) < 1:
        return NotImplemented
    return anp.sort_complex(a)


def _fftshift(fun):
    def rule(batched, x, axes=None):
        if any(batched[1:]):
            return NotImplemented
        nd = _nd(x, True)
        axes = tuple(range(1, nd + 1)) if axes is None else _shift_axes(axes, nd)
        return wrapper_for(fun)(x, axes)
    return rule


def _tri(fun):
    def rule(batched, m, k=0):
        if any(batched[1:]):
            return NotImplemented
        nd = _nd(m, True)
        if nd >= 2:
            return wrapper_for(fun)(m, k)
        if nd != 1:
            return NotImplemented
        # a vector is taken as every row of a square matrix (NumPy's broadcasting)
        n = shape_of(m)[1]
        mask = onp.tri(n, n, k, dtype=bool)
        if fun is onp.triu:
            mask = ~onp.tri(n, n, k - 1, dtype=bool)
        return anp.where(mask, anp.expand_dims(m, 1), onp.zeros(1, _dtype(m)))
    return rule


def _dtype(x):
    return onp.result_type(x.dtype) if hasattr(x, "dtype") else onp.result_type(x)


def _diag_of_vectors(v, k):
    """Each row of the batched ``v`` (n, L) on diagonal ``k`` of an (n, m, m) stack."""
    n_len = shape_of(v)[1]
    m = n_len + abs(k)
    rows, cols = onp.indices((m, m))
    src = rows if k >= 0 else cols
    mask = onp.eye(m, m, k, dtype=bool)
    src = onp.where(mask, onp.minimum(src, max(n_len - 1, 0)), 0)
    if n_len == 0:
        return anp.zeros_like(v, shape=(shape_of(v)[0], m, m))
    return anp.where(mask, anp.take(v, src, axis=1), onp.zeros(1, _dtype(v)))


def _diag(batched, v, k=0):
    if any(batched[1:]):
        return NotImplemented
    nd = _nd(v, True)
    if nd == 2:
        return anp.diagonal(v, k, 1, 2)
    if nd != 1:
        return NotImplemented
    return _diag_of_vectors(v, int(k))


def _diagflat(batched, v, k=0):
    if any(batched[1:]):
        return NotImplemented
    return _diag_of_vectors(_flat(v), int(k))


def _unstack(call, wrapped):
    if not call.only("x"):
        return NotImplemented
    call["axis"] = _shift_axes(call["axis"], _nd(call["x"], True))
    return call.call(wrapped)


def _append(call, wrapped):
    arr, values = call["arr"], call["values"]
    flags = (call.is_batched("arr"), call.is_batched("values"))
    n = _batch_size((arr, values), flags)
    arr, values = _full_batch((arr, values), flags, n)
    if call["axis"] is None:
        return anp.concatenate([_flat(arr), _flat(values)], axis=1)
    nd = len(shape_of(arr)) - 1
    if len(shape_of(values)) - 1 != nd:
        return NotImplemented
    return anp.concatenate([arr, values], axis=_shift_axes(call["axis"], nd))


def _along_axis_or_flat(call, wrapped, array):
    """Call with the per-example ``axis`` shifted past the batch axis; ``axis=None``
    (NumPy flattens) as axis 1 of the examples flattened."""
    if call["axis"] is None:
        call[array], call["axis"] = _flat(call[array]), 1
    else:
        call["axis"] = _shift_axes(call["axis"], _nd(call[array], True))
    return call.call(wrapped)


def _insert(call, wrapped):
    if not call.only("arr") or onp.ndim(call["values"]) != 0:
        return NotImplemented
    return _along_axis_or_flat(call, wrapped, "arr")


def _extract(batched, condition, arr):
    if batched[0]:
        return NotImplemented
    idx = onp.flatnonzero(onp.ravel(condition))
    return anp.take(_flat(arr), idx, axis=1)


def _ediff1d(batched, ary, to_end=None, to_begin=None):
    if any(batched[1:]):
        return NotImplemented
    flat = _flat(ary)
    n = shape_of(flat)[0]
    dtype = _dtype(ary)
    pieces = [anp.diff(flat, axis=1)]
    for end, first in ((to_begin, True), (to_end, False)):
        if end is None:
            continue
        end = onp.ravel(end)
        if not onp.can_cast(end, dtype, casting="same_kind"):
            return NotImplemented       # NumPy's TypeError, from the loop
        end = onp.broadcast_to(end.astype(dtype), (n, end.size))
        pieces.insert(0, end) if first else pieces.append(end)
    return anp.concatenate(pieces, axis=1) if len(pieces) > 1 else pieces[0]


def _select(batched, condlist, choicelist, default=0):
    """A chain of ``where`` from the last condition back (the first true one wins)."""
    flags = batched + (False,) * (3 - len(batched))
    if not flags[1] and type(choicelist) in (list, tuple):
        if any(isinstance(c, Box) for c in choicelist):
            return NotImplemented
    count = shape_of(condlist)[1] if flags[0] else len(condlist)
    if count != (shape_of(choicelist)[1] if flags[1] else len(choicelist)) or count == 0:
        return NotImplemented           # NumPy's error, from the loop
    where = elementwise(onp.where)

    def item(seq, b, k):
        return seq[:, k] if b else seq[k]
    dtypes = [_dtype(item(choicelist, flags[1], k)) for k in range(count)]
    dtype = onp.result_type(*dtypes, default if isinstance(default, (int, float, complex))
                            else _dtype(default))
    out, b_out = default, flags[2]
    for k in reversed(range(count)):
        out = where((flags[0], flags[1], b_out), item(condlist, flags[0], k),
                    item(choicelist, flags[1], k), out)
        b_out = b_out or flags[0] or flags[1]
    n = _batch_size((condlist, choicelist, default), flags)
    out = _full_batch([out], [b_out], n)[0]
    return anp.astype(out, dtype) if _dtype(out) != dtype else out


def _resize(call, wrapped):
    if not call.only("a"):
        return NotImplemented
    a = call["a"]
    shape = call["new_shape"]
    shape = (int(shape),) if isinstance(shape, (int, onp.integer)) else tuple(shape)
    flat = _flat(a)
    size = shape_of(flat)[1]
    total = int(onp.prod(shape, dtype=onp.int64))
    if size == 0 or any(d < 0 for d in shape):
        return NotImplemented
    # NumPy repeats the flattened example until the new shape is full
    return anp.reshape(anp.take(flat, onp.arange(total) % size, axis=1),
                       (shape_of(a)[0],) + shape)


def _pairs(v, nd):
    """A pad argument broadcast to one pair per per-example axis, and the batch axis's."""
    pairs = onp.broadcast_to(onp.asarray(v), (nd, 2))
    first = onp.zeros((1, 2), dtype=pairs.dtype)
    return onp.concatenate([first, pairs])


def _pad(batched, array, pad_width, mode="constant", **kwargs):
    if any(batched[1:]) or callable(mode):
        return NotImplemented
    nd = _nd(array, True)
    if nd == 0:
        return NotImplemented
    pad_width = _pairs(pad_width, nd).astype(onp.intp)
    for name in ("constant_values", "end_values"):
        if name in kwargs:
            if isinstance(kwargs[name], Box):
                return NotImplemented
            kwargs[name] = _pairs(kwargs[name], nd)
    if kwargs.get("stat_length") is not None:
        lengths = onp.broadcast_to(onp.asarray(kwargs["stat_length"]), (nd, 2))
        kwargs["stat_length"] = onp.concatenate([onp.ones((1, 2), lengths.dtype), lengths])
    return anp.pad(array, pad_width, mode, **kwargs)


def _kron(batched, a, b):
    n = _batch_size((a, b), batched)
    na, nb = _nd(a, batched[0]), _nd(b, batched[1])
    d = max(na, nb)
    sa = (1,) * (d - na) + tuple(shape_of(a)[1:] if batched[0] else shape_of(a))
    sb = (1,) * (d - nb) + tuple(shape_of(b)[1:] if batched[1] else shape_of(b))
    # interleave: a's axes at even places, b's at odd ones, then merge each pair
    a = anp.reshape(a, ((n,) if batched[0] else (1,)) + sum(((s, 1) for s in sa), ()))
    b = anp.reshape(b, ((n,) if batched[1] else (1,)) + sum(((1, s) for s in sb), ()))
    out = anp.multiply(a, b)
    return anp.reshape(out, (n,) + tuple(x * y for x, y in zip(sa, sb)))


def _broadcast_arrays(batched, *args, subok=False):
    n = _batch_size(args, batched)
    shapes = [tuple(shape_of(a)[1:]) if b else tuple(shape_of(a)) for a, b in zip(args, batched)]
    shape = onp.broadcast_shapes(*shapes)
    outs = []
    for a, b in zip(args, batched):
        if b:
            a = _lift(a, len(shape))
        outs.append(anp.broadcast_to(a, (n,) + shape))
    return type(onp.broadcast_arrays(onp.zeros(1)))(outs)


def _meshgrid(batched, *xi, copy=True, sparse=False, indexing="xy"):
    if indexing not in ("xy", "ij"):
        return NotImplemented
    n = _batch_size(xi, batched)
    k = len(xi)
    xs = [_flat(x) if b else anp.reshape(x, (1, -1)) for x, b in zip(xi, batched)]
    lengths = [shape_of(x)[1] for x in xs]
    outs = []
    for i, x in enumerate(xs):
        shape = [1] * k
        shape[i] = lengths[i]
        if indexing == "xy" and k > 1 and i < 2:
            shape[0], shape[1] = shape[1], shape[0]
        outs.append(anp.reshape(x, (shape_of(x)[0],) + tuple(shape)))
    full = [1] * k
    for i, m in enumerate(lengths):
        full[i] = m
    if indexing == "xy" and k > 1:
        full[0], full[1] = full[1], full[0]
    outs = [anp.broadcast_to(o, (n,) + (tuple(shape_of(o)[1:]) if sparse else tuple(full)))
            for o in outs]
    return type(onp.meshgrid(onp.zeros(1)))(outs)


def _choose(batched, a, choices, out=None, mode="raise"):
    if out is not None:
        return NotImplemented
    if not batched[1] and type(choices) in (list, tuple):
        if any(isinstance(c, Box) for c in choices):
            return NotImplemented
        choices = onp.asarray(onp.broadcast_arrays(*choices))
    n = _batch_size((a, choices), batched[:2])
    ca = shape_of(choices)
    c_nd = len(ca) - 2 if batched[1] else len(ca) - 1
    nd = max(_nd(a, batched[0]), c_nd)
    if batched[1]:
        choices = anp.moveaxis(_lift(choices, nd + 1), 1, 0)       # (K, n, ...)
    if batched[0]:
        a = _lift(a, nd)
    elif batched[1] and onp.ndim(a) < nd:
        a = onp.reshape(a, (1,) * (nd - onp.ndim(a)) + onp.shape(a))
    if not batched[1]:
        choices = onp.reshape(choices, (shape_of(choices)[0], 1) + tuple(shape_of(choices)[1:]))
    out = anp.choose(a, choices, mode=mode)
    return anp.broadcast_to(out, (n,) + tuple(shape_of(out)[1:]))


def _compress(call, wrapped):
    if not call.only("a") or call["out"] is not None:
        return NotImplemented
    return _along_axis_or_flat(call, wrapped, "a")


def _cross(batched, a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    moved = []
    for x, bx, ax in ((a, batched[0], axisa), (b, batched[1], axisb)):
        nd = _nd(x, bx)
        if nd == 0:
            return NotImplemented
        moved.append(anp.moveaxis(x, _norm_axis(ax, nd) + (1 if bx else 0), -1)
                     if bx else onp.moveaxis(x, _norm_axis(ax, nd), -1))
    a, b = moved
    loop = max(_nd(a, batched[0]), _nd(b, batched[1])) - 1
    if batched[0]:
        a = _lift(a, loop + 1)
    if batched[1]:
        b = _lift(b, loop + 1)
    out = anp.cross(a, b)
    if shape_of(a)[-1] == 2 and shape_of(b)[-1] == 2:
        return out                   # 2-vectors: one number per pair, no vector axis
    out_nd = len(shape_of(out)) - 1
    return anp.moveaxis(out, -1, _norm_axis(axisc, out_nd) + 1)


# ----------------------------------------------------------------- creation from batched values

def _spaced(call, wrapped, names):
    """``linspace``/``logspace``/``geomspace`` with batched endpoints (NumPy
    broadcasts array endpoints; the new axis is moved past the batch)."""
    if not call.only(*names):
        return NotImplemented
    vals = [call[nm] for nm in names]
    flags = [call.is_batched(nm) for nm in names]
    nds = [_nd(v, b) for v, b in zip(vals, flags)]
    nd = max(nds)
    for nm, v, b, k in zip(names, vals, flags, nds):
        if b and k < nd:
            call[nm] = _lift(v, nd)
    call["axis"] = _norm_axis(call["axis"], nd + 1) + 1
    return call.call(wrapped)


def _full(call, wrapped):
    if not call.only("fill_value"):
        return NotImplemented
    shape = call["shape"]
    shape = (int(shape),) if isinstance(shape, (int, onp.integer)) else tuple(shape)
    fill = call["fill_value"]
    if _nd(fill, True) > len(shape):
        return NotImplemented
    call["fill_value"] = _lift(fill, len(shape))
    call["shape"] = (shape_of(fill)[0],) + shape
    return call.call(wrapped)


def _kaiser(batched, M, beta):
    if batched[0]:
        return NotImplemented
    # NumPy's formula, with one beta per example along a new first axis
    M = int(M)
    if M == 1:
        return anp.ones_like(beta, shape=(shape_of(beta)[0], 1), dtype=float)
    n = onp.arange(0, M)
    alpha = (M - 1) / 2.0
    b = anp.reshape(beta, (-1, 1))
    return anp.i0(b * onp.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / anp.i0(b)


# ----------------------------------------------------------------- whole-example comparisons

def _every(x):
    """``all`` over each example's axes: one bool per example."""
    nd = len(shape_of(x)) - 1
    return anp.all(x, axis=tuple(range(1, nd + 1))) if nd else x


def _allclose(batched, a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    if any(batched[2:]):
        return NotImplemented
    return _every(elementwise(onp.isclose)(batched[:2], a, b, rtol=rtol, atol=atol,
                                           equal_nan=equal_nan))


def _array_equal(batched, a1, a2, equal_nan=False):
    if any(batched[2:]):
        return NotImplemented
    shapes = [tuple(shape_of(a)[1:]) if b else onp.shape(a) for a, b in zip((a1, a2), batched)]
    n = _batch_size((a1, a2), batched)
    if shapes[0] != shapes[1]:
        return onp.zeros(n, dtype=bool)
    return _equal_everywhere(batched, a1, a2, equal_nan)


def _array_equiv(batched, a1, a2):
    shapes = [tuple(shape_of(a)[1:]) if b else onp.shape(a) for a, b in zip((a1, a2), batched)]
    try:
        onp.broadcast_shapes(*shapes)
    except ValueError:
        return onp.zeros(_batch_size((a1, a2), batched), dtype=bool)
    return _equal_everywhere(batched, a1, a2, False)


def _equal_everywhere(batched, a1, a2, equal_nan):
    eq = elementwise(onp.equal)(batched[:2], a1, a2)
    if equal_nan:
        both = elementwise(onp.logical_and)((batched[0], batched[1]),
                                            anp.isnan(a1), anp.isnan(a2))
        eq = anp.logical_or(eq, both)
    n = _batch_size((a1, a2), batched)
    return _full_batch([_every(eq)], [True], n)[0]


# ----------------------------------------------------------------- registration

def register():
    """Register the rules (part of the ``numpy`` rule set, :mod:`autograd_numpy.numpy_vjps`)."""
    for name in ("angle", "sinc", "i0", "nan_to_num", "real_if_close", "asarray_chkfinite",
                 "asfortranarray", "require", "copy"):
        fun = getattr(onp, name)
        defbatch(fun, _rule(fun, _first_only))
    for name in ("interp", "digitize", "isin", "unravel_index"):
        fun = getattr(onp, name)
        defbatch(fun, _rule(fun, _first_only))
    for name in ("isclose", "iscomplex", "isreal", "isneginf", "isposinf", "fix", "round",
                 "around", "round_"):
        fun = getattr(onp, name, None)
        if fun is not None:
            defbatch(fun, elementwise(fun))
    for fun, rule in ((onp.allclose, _allclose), (onp.array_equal, _array_equal),
                      (onp.array_equiv, _array_equiv)):
        defbatch(fun, rule)
    axis_rules = [
        ("unwrap", _axis_rule("p")), ("partition", _axis_rule(none="flat")),
        ("argpartition", _axis_rule(none="flat")),
        ("array_split", _axis_rule("ary")), ("split", _axis_rule("ary")),
        ("delete", _axis_rule("arr", none="flat")), ("repeat", _axis_rule(none="flat")),
        ("trace", _axes_rule("a", "axis1", "axis2")), ("rot90", _rot90),
        ("rollaxis", _rollaxis), ("roll", _roll), ("unstack", _unstack),
        ("append", _append), ("insert", _insert), ("resize", _resize),
        ("compress", _compress), ("trapezoid", _trapezoid), ("trapz", _trapezoid),
        ("diff", _diff),
        ("average", _average), ("full", _full),
        ("linspace", lambda c, w: _spaced(c, w, ("start", "stop"))),
        ("logspace", lambda c, w: _spaced(c, w, ("start", "stop", "base"))),
        ("geomspace", lambda c, w: _spaced(c, w, ("start", "stop"))),
        ("hsplit", _split_at(lambda nd: None if nd == 0 else 1 if nd > 1 else 0)),
        ("vsplit", _split_at(lambda nd: 0 if nd >= 2 else None)),
        ("dsplit", _split_at(lambda nd: 2 if nd >= 3 else None)),
    ]
    for name in ("percentile", "quantile", "nanpercentile", "nanquantile"):
        axis_rules.append((name, _quantile_rule))
    for name in ("cumulative_sum", "cumulative_prod"):
        axis_rules.append((name, _cumulative))
    for name, body in axis_rules:
        fun = numpy_function(name)
        if fun is not None:
            defbatch(fun, _rule(fun, body))
    import numpy.fft as offt
    table = [
        (onp.fliplr, _fliplr), (onp.flipud, _flipud), (onp.tril, _tri(onp.tril)),
        (onp.triu, _tri(onp.triu)), (onp.diag, _diag), (onp.diagflat, _diagflat),
        (onp.extract, _extract), (onp.pad, _pad), (onp.kron, _kron),
        (onp.broadcast_arrays, _broadcast_arrays), (onp.meshgrid, _meshgrid),
        (onp.choose, _choose), (onp.cross, _cross), (onp.gradient, _gradient),
        (onp.sort_complex, _sort_complex), (onp.kaiser, _kaiser),
        (onp.ediff1d, _ediff1d), (onp.select, _select),
        (offt.fftshift, _fftshift(offt.fftshift)), (offt.ifftshift, _fftshift(offt.ifftshift)),
    ]
    table.append((numpy_function("matrix_transpose"), _matrix_transpose))
    if hasattr(onp, "msort"):       # NumPy 1.x: sort along the first axis
        table.append((onp.msort, _msort))
    for fun, rule in table:
        defbatch(fun, rule)
    for ufunc in (onp.divmod, onp.modf, onp.frexp):       # two outputs, elementwise
        defbatch(ufunc, elementwise(ufunc))
