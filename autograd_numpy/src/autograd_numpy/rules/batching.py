"""Batching rules of the NumPy primitives (``autograd.vmap``).

A rule gets the arguments of one call as they are inside ``vmap``: an
argument that carries the batch has it as its first axis (``batched[i]``),
the others are per-example values.  It returns the output for the whole
batch, batch axis first.  Rules call ``autograd.numpy`` functions (under
``grad(vmap(f))`` the stacked values are themselves traced) and read shapes
with :func:`~autograd_numpy.util.shape_of`, which looks through every box
but a batch's (a batch box shows one example, so a stacked value *inside* a
box shows its batch axis): either way, a batched argument's first axis is the
batch.

Families: elementwise (every differentiable ufunc, ``where``, ``clip``; the
operands are aligned by their per-example ranks, so broadcasting between
batched and unbatched operands is NumPy's per example), reductions (axes
moved past the batch axis; ``axis=None`` means every per-example axis),
shape functions, indexing (a batched array, or a batched integer index),
products (``matmul``, ``dot``, ``einsum``), sorting, ``numpy.linalg``
functions that already broadcast over leading axes, and ``numpy.fft``.
:mod:`.batching_arrays` (functions with an ``axis``, rearranging, creation,
statistics) and :mod:`.batching_linalg` (stacked gufuncs and ``numpy.linalg``,
convolutions, polynomials) hold the other families, on these helpers.  A
primitive without a rule is batched by a loop over the examples.
"""

import string

import numpy as onp
from numpy.linalg import norm as ola_norm
from numpy.linalg import solve as ola_solve

from autograd.extend import Box, defbatch, raw_of

from .. import numpy_wrapper as anp
from ..util import shape_of
from ..wrappers import array_api
from ..wrapping import wrapper_for
from .selection import untake_along_axis

__all__ = ["register", "BATCHED_UFUNCS"]

_ndarray = onp.ndarray


def _nd(x, b):
    """The per-example number of axes of argument ``x`` (batched: ``b``)."""
    n = len(shape_of(x))
    return n - 1 if b else n


def _batch_size(args, batched):
    for a, b in zip(args, batched):
        if b:
            return shape_of(a)[0]
    raise AssertionError("a batching rule called with no batched argument")  # pragma: no cover


def _lift(x, nd):
    """Batched ``x`` with unit axes after the batch axis up to ``nd`` per-example axes."""
    shape = shape_of(x)
    k = len(shape) - 1
    if k >= nd:
        return x
    return anp.reshape(x, shape[:1] + (1,) * (nd - k) + shape[1:])


def _any_box(args):
    for a in args:
        if isinstance(a, Box):
            return True
    return False


# ----------------------------------------------------------------- elementwise

def elementwise(fun):
    """The rule of an elementwise (broadcasting) function of its positional arguments."""
    wrapped = wrapper_for(fun)

    def rule(batched, *args, **kwargs):
        if kwargs and kwargs.get("where", True) is not True:
            return NotImplemented        # a mask argument: per example, by the loop
        nds = []
        boxed = False
        for a, b in zip(args, batched):
            if type(a) is _ndarray:
                n = a.ndim
            elif isinstance(a, Box):
                boxed = True
                n = len(shape_of(a))
            else:
                n = onp.ndim(a)
            nds.append(n - 1 if b else n)
        nd = max(nds)
        for k, b in enumerate(batched):
            if b and nds[k] < nd:       # NumPy would align it with the batch axis
                if not isinstance(args, list):
                    args = list(args)
                args[k] = _lift(args[k], nd)
        if not boxed:
            return fun(*args, **kwargs)
        return wrapped(*args, **kwargs)
    return rule


# ----------------------------------------------------------------- reductions

def _shift_axes(axis, nd):
    """Per-example ``axis`` (None, int or tuple) as axes of the batched value."""
    if axis is None:
        return tuple(range(1, nd + 1))
    if isinstance(axis, (tuple, list)):
        return tuple(int(a) % nd + 1 if nd else 0 for a in axis)
    axis = int(axis)
    if not -nd <= axis < max(nd, 1):
        raise onp.exceptions.AxisError(axis, nd)
    return axis % nd + 1 if nd else 1


def _axis_arg(args, kwargs, pos=1, name="axis", default=None):
    """``(axis, other args, kwargs without it)`` of a call that takes ``axis``
    positionally at ``pos`` or by keyword."""
    args = list(args)
    if len(args) > pos:
        axis = args.pop(pos)
    else:
        axis = kwargs.pop(name, default)
    return axis, args, kwargs


def reduction(fun, flat_none=False):
    """``fun(a, axis=None, ...)`` reducing over ``axis`` (``flat_none``: with
    ``axis=None`` it works on the flattened array: argmax, cumsum, sort)."""
    wrapped = wrapper_for(fun)

    def rule(batched, a, *args, **kwargs):
        if any(batched[1:]):
            return NotImplemented
        kwargs = dict(kwargs)
        axis, args, kwargs = _axis_arg((a,) + args, kwargs)
        nd = _nd(a, True)
        if axis is None and flat_none:
            a = anp.reshape(a, (shape_of(a)[0], -1))
            axis = 1
        elif axis is None and nd == 0 and not flat_none:
            axis = ()
        else:
            axis = _shift_axes(axis, nd)
        if axis == () and nd == 0:
            # NumPy reduces a 0-d array over "all" of its axes: per example, nothing
            return wrapped(a, *args[1:], axis=(), **kwargs)
        return wrapped(a, *args[1:], axis=axis, **kwargs)
    return rule


def numpy_function(name):
    """NumPy's function ``name``; on NumPy 1.x, for a NumPy 2 function, the
    implementation autograd.numpy provides (:mod:`autograd_numpy.wrappers.array_api`); else None."""
    fun = getattr(onp, name, None)
    if fun is None and name in array_api.__all__:
        fun = raw_of(getattr(array_api, name))
    return fun


_REDUCTIONS = ("sum", "mean", "prod", "product", "max", "min", "amax", "amin", "std", "var",
               "all", "any", "nansum", "nanmean", "nanprod", "nanmax", "nanmin", "nanstd", "nanvar",
               "ptp", "count_nonzero", "median", "nanmedian")
_FLAT_REDUCTIONS = ("argmax", "argmin", "cumsum", "cumprod", "cumproduct", "nancumsum",
                    "nancumprod", "sort", "argsort", "nanargmax", "nanargmin")


# ----------------------------------------------------------------- shapes

def _reshape_rule(batched, a, *args, **kwargs):
    if any(batched[1:]):
        return NotImplemented
    shape, args, kwargs = _axis_arg((a,) + args, dict(kwargs), name="newshape")
    if shape is None:
        shape = kwargs.pop("shape")
    shape = (shape,) if isinstance(shape, (int, onp.integer)) else tuple(shape)
    return anp.reshape(a, shape_of(a)[:1] + shape, *args[1:], **kwargs)


def _ravel_rule(batched, a, order="C"):
    return anp.reshape(a, (shape_of(a)[0], -1), order=order)


def _transpose_rule(batched, a, axes=None):
    nd = _nd(a, True)
    if axes is None:
        axes = tuple(range(nd, 0, -1))
    else:
        axes = tuple(int(x) % nd + 1 for x in axes)
    return anp.transpose(a, (0,) + axes)


def _swapaxes_rule(batched, a, axis1, axis2):
    nd = _nd(a, True)
    return anp.swapaxes(a, _shift_axes(axis1, nd), _shift_axes(axis2, nd))


def _moveaxis_rule(batched, a, source, destination):
    nd = _nd(a, True)
    return anp.moveaxis(a, _shift_axes(source, nd), _shift_axes(destination, nd))


def _expand_dims_rule(batched, a, axis):
    nd = _nd(a, True)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    out_nd = nd + len(axes)
    return anp.expand_dims(a, tuple(int(x) % out_nd + 1 for x in axes))


def _squeeze_rule(batched, a, axis=None):
    nd = _nd(a, True)
    if axis is None:
        shape = shape_of(a)
        axis = tuple(i for i in range(1, nd + 1) if shape[i] == 1)
    else:
        axis = _shift_axes(axis, nd)
    return anp.squeeze(a, axis)


def _broadcast_to_rule(batched, a, shape, **kwargs):
    if any(batched[1:]):
        return NotImplemented
    shape = (shape,) if isinstance(shape, (int, onp.integer)) else tuple(shape)
    a = _lift(a, len(shape))
    return anp.broadcast_to(a, shape_of(a)[:1] + shape, **kwargs)


def _broadcast_copy_rule(batched, x, shape):
    if batched[1]:
        return NotImplemented
    shape = tuple(shape)
    return anp.broadcast_copy(_lift(x, len(shape)), shape_of(x)[:1] + shape)


def _full_batch(arrays, batched, n):
    """Every array of a join batched: the unbatched ones repeated ``n`` times."""
    out = []
    for a, b in zip(arrays, batched):
        if not b:
            a = anp.broadcast_to(a, (n,) + tuple(shape_of(a)))
        out.append(a)
    return out


def _concatenate_rule(batched, axis, *arrays, **kwargs):
    if batched[0]:
        return NotImplemented
    n = _batch_size(arrays, batched[1:])
    arrays = _full_batch(arrays, batched[1:], n)
    if axis is None:
        arrays = [anp.reshape(a, (n, -1)) for a in arrays]
        axis = 0
    nd = len(shape_of(arrays[0])) - 1
    return anp.concatenate_args(_shift_axes(axis, nd), *arrays, **kwargs)


def _stack_rule(batched, axis, *arrays, **kwargs):
    if batched[0]:
        return NotImplemented
    n = _batch_size(arrays, batched[1:])
    arrays = _full_batch(arrays, batched[1:], n)
    nd = len(shape_of(arrays[0])) - 1 + 1      # the stacked result's per-example axes
    return anp.stack_args(int(axis) % nd + 1, *arrays, **kwargs)


def _astype_rule(batched, x, dtype, **kwargs):
    if batched[1]:
        return NotImplemented
    return anp.astype_prim(x, dtype, **kwargs)


def _array_copy_rule(batched, x, *args, **kwargs):
    return anp.array_copy(x, *args, **kwargs)


# ----------------------------------------------------------------- indexing

def _is_advanced(i):
    return not isinstance(i, (int, onp.integer, slice, type(None), type(Ellipsis))) or \
        isinstance(i, bool)


def _batched_index(idx):
    """``idx`` for the batched array (batch axis first), or None when NumPy
    would move the batch axis (advanced indices separated by others)."""
    idx = idx if type(idx) is tuple else (idx,)
    positions = [k for k, i in enumerate(idx) if _is_advanced(i)]
    if positions and positions[-1] - positions[0] + 1 != len(positions):
        return None
    return (slice(None),) + idx


def _getitem_rule(batched, A, idx):
    if batched[1]:
        if batched[0]:
            return NotImplemented
        if shape_of(idx)[1:] != () or not onp.issubdtype(_dtype(idx), onp.integer):
            return NotImplemented
        # one integer per example: a gather along A's first axis
        return anp.getitem(A, idx)
    new = _batched_index(idx)
    if new is None:
        return NotImplemented
    return anp.getitem(A, new)


def _dtype(x):
    return getattr(x, "dtype", None) or onp.result_type(x)


def _untake_rule(batched, x, idx, like):
    if batched[1]:
        return NotImplemented
    new = _batched_index(idx)
    if new is None:
        return NotImplemented
    n = _batch_size((x, like), batched[::2])
    like = _full_batch([like], [batched[2]], n)[0]
    if not batched[0]:
        x = anp.broadcast_to(x, (n,) + tuple(shape_of(x)))
    else:
        # x broadcasts against the indexed region per example: align its rank
        region = len(shape_of(anp.getitem(like, new))) - 1
        x = _lift(x, region)
    return anp.untake(x, new, like)


# ----------------------------------------------------------------- products

def _matmul_rule(batched, a, b, **kwargs):
    ba, bb = batched[0], batched[1]
    na, nb = _nd(a, ba), _nd(b, bb)
    if na == 0 or nb == 0:
        return NotImplemented
    # vectors become matrices (a row, b a column) and their axis is dropped after
    if na == 1:
        a = anp.expand_dims(a, 1 if ba else 0)
    if nb == 1:
        b = anp.expand_dims(b, -1)
    nd = max(max(na, 2), max(nb, 2))
    if ba:
        a = _lift(a, nd)
    if bb:
        b = _lift(b, nd)
    out = anp.matmul(a, b, **kwargs)
    if nb == 1:
        out = anp.squeeze(out, -1)
    if na == 1:
        out = anp.squeeze(out, -2 if nb != 1 else -1)
    return out


def _dot_rule(batched, a, b):
    na, nb = _nd(a, batched[0]), _nd(b, batched[1])
    if na == 0 or nb == 0:
        return elementwise(onp.multiply)(batched, a, b)
    if na <= 2 and nb <= 2:
        return _matmul_rule(batched, a, b)
    return NotImplemented


def _einsum_rule(batched, subscripts, *operands, **kwargs):
    if batched[0] or not isinstance(subscripts, str) or "." in subscripts:
        return NotImplemented
    spec = subscripts.replace(" ", "")
    if "->" in spec:
        ins, out = spec.split("->")
    else:
        ins = spec
        letters = ins.replace(",", "")
        out = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    ins = ins.split(",")
    free = [c for c in string.ascii_letters if c not in spec]
    if not free or len(ins) != len(operands):
        return NotImplemented
    z = free[0]
    ins = [z + s if b else s for s, b in zip(ins, batched[1:])]
    return anp.einsum(",".join(ins) + "->" + z + out, *operands, **kwargs)


def _tensordot_rule(batched, a, b, axes=2):
    na, nb = _nd(a, batched[0]), _nd(b, batched[1])
    if isinstance(axes, (int, onp.integer)):
        axes_a, axes_b = list(range(na - axes, na)), list(range(axes))
    else:
        axes_a, axes_b = axes
        axes_a = [axes_a] if isinstance(axes_a, (int, onp.integer)) else list(axes_a)
        axes_b = [axes_b] if isinstance(axes_b, (int, onp.integer)) else list(axes_b)
    axes_a = [int(x) % na for x in axes_a] if na else []
    axes_b = [int(x) % nb for x in axes_b] if nb else []
    letters = iter(string.ascii_letters)
    sa = [next(letters) for _ in range(na)]
    sb = [next(letters) for _ in range(nb)]
    for i, j in zip(axes_a, axes_b):
        sb[j] = sa[i]
    out = [c for k, c in enumerate(sa) if k not in axes_a] + \
          [c for k, c in enumerate(sb) if k not in axes_b]
    spec = "".join(sa) + "," + "".join(sb) + "->" + "".join(out)
    return _einsum_rule((False,) + tuple(batched), spec, a, b)


def _inner_rule(batched, a, b):
    na, nb = _nd(a, batched[0]), _nd(b, batched[1])
    if na == 0 or nb == 0:
        return elementwise(onp.multiply)(batched, a, b)
    return _tensordot_rule(batched, a, b, ([-1], [-1]))


def _outer_rule(batched, a, b):
    n = _batch_size((a, b), batched)
    a = anp.reshape(a, (n, -1, 1)) if batched[0] else anp.reshape(a, (-1, 1))
    b = anp.reshape(b, (n, 1, -1)) if batched[1] else anp.reshape(b, (1, -1))
    return anp.multiply(a, b)


# ----------------------------------------------------------------- selection

def _clip_rule(batched, a, *args, **kwargs):
    if kwargs:
        return NotImplemented
    return elementwise(onp.clip)(batched, a, *args)


def _where_rule(batched, cond, x, y):
    return elementwise(onp.where)(batched, cond, x, y)


def _flip_rule(batched, m, axis=None):
    nd = _nd(m, True)
    return anp.flip(m, _shift_axes(axis, nd) if axis is not None else tuple(range(1, nd + 1)))


def _take_rule(batched, a, indices, axis=None, **kwargs):
    if kwargs.get("out") is not None or (batched[1] and batched[0]):
        return NotImplemented
    if batched[1]:
        # one index array per example into the same array: the batch axis of
        # the indices lands where the taken axis was
        out = anp.take(a, indices, axis=axis, **kwargs)
        if axis is None:
            return out
        return anp.moveaxis(out, int(axis) % len(shape_of(a)), 0)
    if axis is None:
        a = anp.reshape(a, (shape_of(a)[0], -1))
        axis = 1
    else:
        axis = _shift_axes(axis, _nd(a, True))
    return anp.take(a, indices, axis=axis, **kwargs)


def _take_along_axis_rule(batched, arr, indices, axis=-1):
    if axis is None or not batched[0]:
        return NotImplemented
    nd = _nd(arr, True)
    if batched[1]:
        indices = _lift(indices, nd)
    else:
        indices = indices[None]
    return anp.take_along_axis(arr, indices, axis=_shift_axes(axis, nd))


def _untake_along_axis_rule(batched, x, indices, axis, like):
    if batched[2]:
        return NotImplemented
    n = _batch_size((x, indices, like), batched[:2] + batched[3:])
    x, indices, like = _full_batch((x, indices, like), batched[:2] + batched[3:], n)
    return untake_along_axis(x, indices, int(axis) + 1, like)


def _searchsorted_rule(batched, a, v, side="left", sorter=None):
    if batched[0] or (len(batched) > 3 and batched[3]):
        return NotImplemented
    return anp.searchsorted(a, v, side, sorter)        # elementwise in v


def _diagonal_rule(batched, a, offset=0, axis1=0, axis2=1):
    if any(batched[1:]):
        return NotImplemented
    nd = _nd(a, True)
    return anp.diagonal(a, offset, _shift_axes(axis1, nd), _shift_axes(axis2, nd))


def _tile_rule(batched, A, reps):
    if batched[1]:
        return NotImplemented
    reps = (int(reps),) if isinstance(reps, (int, onp.integer)) else tuple(reps)
    d = max(_nd(A, True), len(reps))
    A = _lift(A, d)
    return anp.tile(A, (1,) + (1,) * (d - len(reps)) + reps)


def _like_rule(fun):
    wrapped = wrapper_for(fun)

    def rule(batched, a, *args, **kwargs):
        if any(batched[1:]) or kwargs.get("shape") is not None:
            return NotImplemented
        return wrapped(a, *args, **kwargs)
    return rule


def _shape_rule(batched, a):
    return tuple(shape_of(a)[1:])


def _ndim_rule(batched, a):
    return len(shape_of(a)) - 1


def _size_rule(batched, a, axis=None):
    if axis is not None:
        return NotImplemented
    return int(onp.prod(shape_of(a)[1:], dtype=onp.int64))


def _real_imag_rule(fun):
    wrapped = wrapper_for(fun)
    return lambda batched, x: wrapped(x)


# ----------------------------------------------------------------- linalg, fft

def _wrapped(fun):
    return wrapper_for(fun)


def _norm_rule(batched, x, ord=None, axis=None, keepdims=False):
    if any(batched[1:]):
        return NotImplemented
    nd = _nd(x, True)
    if axis is None:
        if ord is None:
            out = _wrapped(ola_norm)(anp.reshape(x, (shape_of(x)[0], -1)), axis=1)
            return anp.reshape(out, (-1,) + (1,) * nd) if keepdims else out
        if nd not in (1, 2):
            return NotImplemented
        axis = tuple(range(nd))
    return _wrapped(ola_norm)(x, ord, _shift_axes(axis, nd), keepdims)


def _solve_rule(batched, a, b):
    na, nb = _nd(a, batched[0]), _nd(b, batched[1])
    if na != 2 or nb not in (1, 2):
        return NotImplemented
    # b always as stacked matrices (..., M, K): NumPy 1.x reads a b with one axis
    # fewer than a as stacked vectors, NumPy 2 a 1-d b as one vector
    if nb == 1:
        b = anp.expand_dims(b, -1)
    if not batched[1]:
        b = anp.expand_dims(b, 0)
    x = _wrapped(ola_solve)(a, b)
    return x[..., 0] if nb == 1 else x


def _leading(fun, nargs=1):
    """A function of stacked matrices (NumPy's linalg functions broadcast over
    leading axes): the batch axis is one more leading axis."""
    wrapped = wrapper_for(fun)

    def rule(batched, *args, **kwargs):
        if any(batched[nargs:]) or not all(batched[:nargs]):
            return NotImplemented
        return wrapped(*args, **kwargs)
    return rule


_LINALG_LEADING = ("inv", "det", "slogdet", "cholesky", "eigh", "eigvalsh", "eig", "eigvals",
                   "pinv", "svd", "qr")


def _fft_axis_rule(fun):
    wrapped = wrapper_for(fun)

    def rule(batched, a, n=None, axis=-1, norm=None):
        if any(batched[1:]):
            return NotImplemented
        return wrapped(a, n, _shift_axes(axis, _nd(a, True)), norm)
    return rule


def _fft_axes_rule(fun, default):
    wrapped = wrapper_for(fun)

    def rule(batched, a, s=None, axes=default, norm=None):
        if any(batched[1:]):
            return NotImplemented
        nd = _nd(a, True)
        if axes is None:
            axes = tuple(range(nd)) if s is None else tuple(range(nd - len(s), nd))
        return wrapped(a, s, _shift_axes(tuple(axes), nd), norm)
    return rule


# ----------------------------------------------------------------- registration

def _def(fun, rule):
    defbatch(fun, rule)


BATCHED_UFUNCS = []


def register():
    """Register the batching rules of the NumPy primitives (idempotent per registry)."""
    import numpy.fft as offt
    import numpy.linalg as ola
    # the module's dict, not dir(): getattr would import NumPy's lazy submodules
    for obj in list(vars(onp).values()):
        if isinstance(obj, onp.ufunc) and obj.nout == 1 and obj.signature is None \
                and obj not in BATCHED_UFUNCS:
            _def(obj, elementwise(obj))
            BATCHED_UFUNCS.append(obj)
    for name in _REDUCTIONS:
        f = getattr(onp, name, None)
        if f is not None:
            _def(f, reduction(f))
    for name in _FLAT_REDUCTIONS:
        f = getattr(onp, name, None)
        if f is not None:
            _def(f, reduction(f, flat_none=True))
    table = [
        (onp.reshape, _reshape_rule), (onp.ravel, _ravel_rule),
        (onp.transpose, _transpose_rule), (onp.swapaxes, _swapaxes_rule),
        (onp.moveaxis, _moveaxis_rule), (onp.expand_dims, _expand_dims_rule),
        (onp.squeeze, _squeeze_rule), (onp.broadcast_to, _broadcast_to_rule),
        (anp.broadcast_copy, _broadcast_copy_rule),
        (anp.concatenate_args, _concatenate_rule), (anp.stack_args, _stack_rule),
        (anp.astype_prim, _astype_rule), (anp.array_copy, _array_copy_rule),
        (anp.getitem, _getitem_rule), (anp.untake, _untake_rule),
        (onp.dot, _dot_rule), (onp.einsum, _einsum_rule), (onp.tensordot, _tensordot_rule),
        (onp.inner, _inner_rule), (onp.outer, _outer_rule),
        (onp.clip, _clip_rule), (onp.where, _where_rule),
    ]
    table += [
        (onp.flip, _flip_rule), (onp.take, _take_rule),
        (onp.take_along_axis, _take_along_axis_rule),
        (untake_along_axis, _untake_along_axis_rule), (onp.searchsorted, _searchsorted_rule),
        (onp.diagonal, _diagonal_rule),
        (onp.tile, _tile_rule), (onp.shape, _shape_rule), (onp.ndim, _ndim_rule),
        (onp.size, _size_rule), (onp.real, _real_imag_rule(onp.real)),
        (onp.imag, _real_imag_rule(onp.imag)), (ola.norm, _norm_rule),
        (ola.solve, _solve_rule),
    ]
    for name in ("zeros_like", "ones_like", "empty_like", "full_like"):
        table.append((getattr(onp, name), _like_rule(getattr(onp, name))))
    if isinstance(onp.matmul, onp.ufunc):
        table.append((onp.matmul, _matmul_rule))   # a gufunc: not in the elementwise set
    for fun, rule in table:
        _def(fun, rule)
    for name in _LINALG_LEADING:
        f = getattr(ola, name, None)
        if f is not None:
            _def(f, _leading(f))
    for name in ("fft", "ifft", "rfft", "irfft", "hfft", "ihfft"):
        _def(getattr(offt, name), _fft_axis_rule(getattr(offt, name)))
    for name, default in (("fft2", (-2, -1)), ("ifft2", (-2, -1)), ("rfft2", (-2, -1)),
                          ("irfft2", (-2, -1)), ("fftn", None), ("ifftn", None),
                          ("rfftn", None), ("irfftn", None)):
        _def(getattr(offt, name), _fft_axes_rule(getattr(offt, name), default))
