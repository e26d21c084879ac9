"""Rules of shape functions, joining and splitting, indexing, copying and casting.

Joining and splitting: ``concatenate``/``stack`` (and the functions routed to
them), ``block``, ``unstack``, ``split`` and friends, ``meshgrid``,
``broadcast_arrays``; axis moves (``rollaxis``), ``trim_zeros``, and copies
(``copy``, ``asfortranarray``, ``asarray_chkfinite``, ``require``).
Functions that return several arrays (``meshgrid``, ``split``, ``unstack``)
are single primitives with a tuple or list output; their cotangents and
tangents have the same structure.  ``block`` takes nested lists:
:func:`autograd.numpy.block` packs the traced values in them into one
differentiable list (``autograd.builtins.pack``).  The less common of these
take their rules from an equivalent written with indexing, ``reshape`` and
``concatenate`` (:func:`~autograd_numpy.rules.def_composite`).

All of these are linear, so each JVP is the function itself applied to the
tangent and each VJP moves the cotangent back to the argument's layout.

Indexing (``x[idx]``) returns a *sparse* cotangent: a
:class:`~autograd.extend.SparseObject` that adds ``g`` at ``idx`` into a
buffer of ``x``'s shape the engine owns.  Reading many elements of one array
therefore costs one dense buffer in total, created once when a rule needs it.
"""

import numpy as onp

from autograd.extend import (
    BatchingError, SparseObject, defjvp, defjvp_argnums, defvjp_argnum, defvjp_fast, getval,
    is_batched, isbox, stacked_value, vspace,
)

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent, unbroadcast
from ..util import ndim_of, shape_of, size_of
from . import along, def_composite, def_linear, is_complex, raw

__all__ = ["register"]


def _order(args, kwargs, pos):
    return args[pos] if len(args) > pos else kwargs.get("order", "C")


# ----------------------------------------------------------------- reshaping

def _reshape_to(g, shape, order):
    # order="C" is left out: Dask's reshape takes no order argument
    return anp.reshape(g, shape) if order == "C" else anp.reshape(g, shape, order=order)


def _reshape_vjp(g, ans, a, *args, **kwargs):
    return _reshape_to(g, shape_of(a), _order(args, kwargs, 1))


def _ravel_vjp(g, ans, a, order="C"):
    return _reshape_to(g, shape_of(a), order)


def _transpose_vjp(g, ans, a, axes=None):
    if axes is None:
        return anp.transpose(g)
    return anp.transpose(g, tuple(onp.argsort(axes)))


def _same_shape_vjp(g, ans, a, *args, **kwargs):
    return anp.reshape(g, shape_of(a))


def _moveaxis_vjp(g, ans, a, source, destination):
    return anp.moveaxis(g, destination, source)


def _swapaxes_vjp(g, ans, a, axis1, axis2):
    return anp.swapaxes(g, axis1, axis2)


def _flip_vjp(g, ans, a, axis=None):
    return anp.flip(g, axis)


def _broadcast_to_vjp(g, ans, a, shape, subok=False):
    return unbroadcast(g, a)


def _broadcast_copy_vjp(g, ans, a, shape):
    return unbroadcast(g, a)


# ----------------------------------------------------------------- joining

def _concat_axis(axis, args):
    """The concatenation axis as a non-negative int, and the arrays' shapes along it."""
    arrays = args[1:]
    if axis is None:
        return 0, [size_of(a) for a in arrays]
    nd = ndim_of(arrays[0])
    ax = axis % nd
    return ax, [shape_of(a)[ax] for a in arrays]


def _concatenate_vjp(argnum, ans, args, kwargs):
    axis = args[0]
    ax, sizes = _concat_axis(axis, args)
    start = sum(sizes[:argnum - 1])
    a = args[argnum]

    def vjp(g):
        idx = (slice(None),) * ax + (slice(start, start + sizes[argnum - 1]),)
        piece = g[idx]
        if axis is None:
            piece = anp.reshape(piece, shape_of(a))
        return fit_cotangent(piece, a)
    return vjp


def _zeros_or(t, a):
    if t is None:
        return anp.zeros_like(getval(a))
    return t


def _concatenate_jvp(argnums, tangents, ans, args, kwargs):
    ts = dict(zip(argnums, tangents))
    pieces = [_zeros_or(ts.get(i), a) for i, a in enumerate(args) if i > 0]
    return fit_tangent(anp.concatenate_args(args[0], *pieces, **kwargs), ans)


def _stack_vjp(argnum, ans, args, kwargs):
    ax = args[0] % ndim_of(ans)
    a = args[argnum]

    def vjp(g):
        return fit_cotangent(g[(slice(None),) * ax + (argnum - 1,)], a)
    return vjp


def _stack_jvp(argnums, tangents, ans, args, kwargs):
    ts = dict(zip(argnums, tangents))
    pieces = [_zeros_or(ts.get(i), a) for i, a in enumerate(args) if i > 0]
    return fit_tangent(anp.stack_args(args[0], *pieces, **kwargs), ans)


# ----------------------------------------------------------------- indexing

_BASIC = (int, slice, type(None), type(Ellipsis))


def _is_basic(idx):
    """Basic indexing never selects an element twice, so ``+=`` is safe."""
    if type(idx) is tuple:
        return all(isinstance(i, _BASIC) or (type(i) is onp.ndarray and i.dtype == bool)
                   for i in idx)
    return isinstance(idx, _BASIC) or (type(idx) is onp.ndarray and idx.dtype == bool)


class _IndexedCotangent(SparseObject):
    """The cotangent of ``A[idx]``: ``g`` at ``idx``, zero elsewhere."""

    __slots__ = ("idx", "g")

    def __init__(self, vs, idx, g):
        self.vs = vs
        self.idx = idx
        self.g = g

    # A method, not the instance slot SparseObject fills: a bound method kept on
    # the instance would be a reference cycle, freed only by the cycle collector
    # (one per indexing in the backward pass of a loop).
    def mut_add(self, dense):
        if isbox(dense):   # a traced cotangent came first (higher derivatives)
            like = dense if is_batched(dense) else getval(dense)
            return dense + anp.untake(self.g, self.idx, like)
        if _is_basic(self.idx):
            dense[self.idx] += self.g
        else:
            onp.add.at(dense, self.idx, self.g)
        return dense


def _getitem_vjp(g, ans, A, idx):
    if is_batched(A):
        # inside vmap: scatter into zeros of each example (A itself gives the shape)
        return fit_cotangent(anp.untake(g, idx, A), A)
    Av = getval(A)
    if is_complex(g) and not is_complex(Av):
        g = anp.real(g)
    kind = onp.result_type(Av).kind
    if kind not in "fciub":     # object or string arrays carry no gradient
        return None
    if isbox(g) or type(Av) is not onp.ndarray or Av.ndim == 0:
        # an integer array's cotangent is float: scatter into float zeros
        like = Av if kind in "fc" else onp.zeros_like(Av, dtype=onp.float64)
        return fit_cotangent(anp.untake(g, idx, like), A)
    return _IndexedCotangent(vspace(Av), idx, g)


def _untake_vjp(g, ans, x, idx, like):
    return fit_cotangent(anp.getitem(g, idx), x)


# ----------------------------------------------------------------- copying and casting

def _copy_vjp(g, ans, x, *args, **kwargs):
    return fit_cotangent(g, x)


def _cast_vjp(g, ans, x, *args, **kwargs):
    # Rounding a float to an integer or bool is piecewise constant: no gradient.
    # A cast between integer and float dtypes of integer values is the identity.
    if _is_inexact(x) and not _is_inexact(ans):
        return None
    return fit_cotangent(g, x)


def _is_inexact(v):
    return onp.result_type(getval(v)).kind in "fc"


def _copy_jvp(t, ans, x, *args, **kwargs):
    return fit_tangent(t, ans)


def _cast_jvp(t, ans, x, *args, **kwargs):
    if _is_inexact(x) and not _is_inexact(ans):
        return None
    return fit_tangent(t, ans)


# ----------------------------------------------------------------- block, split, meshgrid, ...

def _block_impl(arrays):
    def depth(x):
        x = getval(x)
        return 1 + depth(x[0]) if type(x) is list and x else (1 if type(x) is list else 0)

    def leaf_ndims(x):
        x = getval(x)
        if type(x) is list:
            return [n for v in x for n in leaf_ndims(v)]
        return [onp.ndim(x)]

    d = depth(arrays)
    nd = max([d] + leaf_ndims(arrays))

    def build(x, remaining):
        if type(getval(x)) is list:
            return anp.concatenate([build(v, remaining - 1) for v in x], axis=-remaining)
        return anp.reshape(x, (1,) * (nd - ndim_of(x)) + shape_of(x))
    return build(arrays, d)


def _unstack_impl(x, axis=0):
    nd = ndim_of(x)
    return tuple(x[along(axis, nd, i)] for i in range(shape_of(x)[axis]))


def _split_impl(raw_split, axis_of):
    """Rules of a ``split``-like function from the sizes NumPy's own split gives."""
    def impl(ary, *args, **kwargs):
        # only the sizes count: inside vmap split a stand-in of one example's shape
        probe = (onp.broadcast_to(onp.zeros((), onp.int8), shape_of(ary)) if is_batched(ary)
                 else getval(ary))
        pieces = raw_split(probe, *args, **kwargs)
        nd = ndim_of(ary)
        axis = axis_of(nd, args, kwargs)
        out, start = [], 0
        for p in pieces:
            n = onp.shape(p)[axis]
            out.append(ary[along(axis, nd, slice(start, start + n))])
            start += n
        return type(pieces)(out)
    return impl


def _split_axis(nd, args, kwargs):
    return (args[1] if len(args) > 1 else kwargs.get("axis", 0)) % nd


def _meshgrid_impl(*xi, copy=True, sparse=False, indexing="xy"):
    n = len(xi)
    pos = list(range(n))
    if indexing == "xy" and n > 1:
        pos[0], pos[1] = 1, 0
    sizes = [size_of(x) for x in xi]
    full = [1] * n
    for p, s in zip(pos, sizes):
        full[p] = s
    out = []
    for x, p in zip(xi, pos):
        shape = [1] * n
        shape[p] = -1
        y = anp.reshape(x, tuple(shape))
        out.append(y if sparse else anp.broadcast_to(y, tuple(full)))
    return type(onp.meshgrid(*[onp.zeros(1)] * max(n, 1)))(out)


def _broadcast_arrays_impl(*args, subok=False):
    shape = onp.broadcast_shapes(*[shape_of(a) for a in args])
    out = [anp.broadcast_to(a, shape) for a in args]
    return type(onp.broadcast_arrays(*[onp.zeros(())] * len(args)))(out)


# ----------------------------------------------------------------- rollaxis, trim_zeros

def _rollaxis_impl(a, axis, start=0):
    nd = ndim_of(a)
    axis = axis % nd
    start = start + nd if start < 0 else start
    if start > axis:
        start -= 1
    perm = [i for i in range(nd) if i != axis]
    perm.insert(start, axis)
    return anp.transpose(a, perm)


def _trim_zeros_impl(filt, trim="fb", axis=None):
    if ndim_of(filt) != 1:
        raise NotImplementedError("The gradient of trim_zeros is implemented for 1-D input.")
    raw, _ = stacked_value(filt)          # inside vmap: every example, one per row
    trim = trim.lower()
    bounds = set()
    for v in onp.reshape(raw, (-1, shape_of(filt)[0])):
        nz = onp.flatnonzero(v)
        if nz.size == 0:
            bounds.add((0, 0))
        else:
            bounds.add((nz[0] if "f" in trim else 0, nz[-1] + 1 if "b" in trim else len(v)))
    if len(bounds) != 1:
        raise BatchingError("vmap: trim_zeros trims each example by its own values; "
                            "jacobian and hessian take one pass per row")
    start, stop = bounds.pop()
    return filt[int(start):int(stop)]


def register():
    # fmt: off
    def_linear(anp.reshape,         _reshape_vjp)
    def_linear(anp.ravel,           _ravel_vjp)
    def_linear(anp.transpose,       _transpose_vjp)
    def_linear(anp.matrix_transpose, lambda g, ans, a: anp.matrix_transpose(g))
    def_linear(anp.swapaxes,        _swapaxes_vjp)
    def_linear(anp.moveaxis,        _moveaxis_vjp)
    def_linear(anp.squeeze,         _same_shape_vjp)
    def_linear(anp.expand_dims,     _same_shape_vjp)
    def_linear(anp.flip,            _flip_vjp)
    def_linear(anp.fliplr,          lambda g, ans, a: anp.fliplr(g))
    def_linear(anp.flipud,          lambda g, ans, a: anp.flipud(g))
    def_linear(anp.broadcast_to,    _broadcast_to_vjp)
    def_linear(anp.broadcast_copy,  _broadcast_copy_vjp)
    def_linear(anp.getitem,         _getitem_vjp, nondiff_args=(1,))
    def_linear(anp.untake,          _untake_vjp, nondiff_args=(1, 2))
    # fmt: on
    defvjp_argnum(anp.concatenate_args, _concatenate_vjp)
    defjvp_argnums(anp.concatenate_args, _concatenate_jvp)
    defvjp_argnum(anp.stack_args, _stack_vjp)
    defjvp_argnums(anp.stack_args, _stack_jvp)
    defvjp_fast(anp.array_copy, _cast_vjp)
    defjvp(anp.array_copy, _cast_jvp)
    defvjp_fast(anp.astype_prim, _cast_vjp)
    defjvp(anp.astype_prim, _cast_jvp)
    # fmt: off
    composites = [
        ("unstack",          _unstack_impl),
        ("split",            _split_impl(onp.split, _split_axis)),
        ("array_split",      _split_impl(onp.array_split, _split_axis)),
        ("hsplit",           _split_impl(onp.hsplit, lambda nd, a, k: 1 if nd > 1 else 0)),
        ("vsplit",           _split_impl(onp.vsplit, lambda nd, a, k: 0)),
        ("dsplit",           _split_impl(onp.dsplit, lambda nd, a, k: 2)),
        ("meshgrid",         _meshgrid_impl),
        ("broadcast_arrays", _broadcast_arrays_impl),
        ("rollaxis",         _rollaxis_impl),
        ("trim_zeros",       _trim_zeros_impl),
        ("block",            _block_impl),
    ]
    # fmt: on
    for name, impl in composites:
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
    for name in ("copy", "asfortranarray", "asarray_chkfinite", "require"):
        defvjp_fast(raw(name), _copy_vjp)
        defjvp(raw(name), _copy_jvp)
