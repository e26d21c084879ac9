"""Rules of selection and rearrangement: ``take``, ``take_along_axis``,
``compress``, ``extract``, ``choose``, ``select``, ``insert``, ``delete``,
``append``, ``pad``, ``diff``, ``ediff1d``, ``tile``, ``roll``, ``rot90``,
``tril``/``triu``, ``diag``, ``diagflat``, ``diagonal``, ``trace``, ``repeat``,
``resize``, and the functions whose derivative is a mask or the identity: ``unwrap``,
``nan_to_num``, ``real_if_close``, ``modf``, ``divmod``, ``frexp``.

Almost all of these copy elements of their array arguments to new places
(and fill the rest with constants), so they are linear in each array: the JVP
applies the function to the tangent and the VJP sends the cotangent back.

Where the element mapping has a simple inverse (``roll``, ``rot90``,
``tril``, ``tile``, ...) the VJP is that inverse.  For the others (``insert``,
``pad``, ``choose``, ...) the rule asks NumPy where each output
element comes from, by applying the function to the *positions*
``arange(x.size).reshape(x.shape)`` with -1 for the fill values (the
``_*_source`` functions below).  The VJP then adds the cotangent back at those positions
(:func:`_pull`, a scatter-add that sums repeated reads), and the JVP reads the
tangent at them (:func:`_push`).  That follows NumPy's exact semantics for
every argument form (negative or repeated indices, broadcasting values, pad
modes) without reimplementing them.  ``select`` is a chain of ``where`` (its
conditions may differ per example inside ``vmap``).
"""

import numpy as onp

from autograd.extend import batch_only, defjvp, defvjp_fast, getval, is_batched, primitive

from .. import numpy_wrapper as anp
from ..broadcasting import as_array, fit_cotangent, fit_tangent
from ..util import ndim_of, plain_value, shape_of, size_of
from . import def_composite

__all__ = ["register"]


def _axis(axis, ndim):
    return int(axis) % ndim if ndim else 0


# ----------------------------------------------------------------- scatter and gather helpers

def _real_for(g, x):
    """``g`` without its imaginary part when ``x`` is real (so it can be added into ``x``)."""
    if onp.iscomplexobj(getval(g)) and not onp.iscomplexobj(getval(x)):
        return anp.real(g)
    return g


def _scatter(g, idx, like):
    """Zeros shaped like the raw ``like`` with ``g`` added at ``idx`` (repeats add up)."""
    return anp.untake(_real_for(g, like), idx, like if is_batched(like) else getval(like))


def _positions(x):
    """Each element's flat position: the 'values' NumPy moves around in :func:`_source`."""
    shape = shape_of(x)
    return onp.arange(int(onp.prod(shape)), dtype=onp.intp).reshape(shape)


def _fill(x):
    """-1 in ``x``'s shape: marks elements that do not come from the argument traced."""
    return onp.full(shape_of(x), -1, dtype=onp.intp)


def _pull(g, src, x):
    """The cotangent of ``x`` from the output's cotangent ``g``.

    ``src`` holds, for each output element, the flat position in ``x`` it was
    copied from, or -1.
    """
    if getval(x) is None or size_of(x) == 0:
        return None
    mask = src >= 0
    flat = anp.reshape(g, (-1,))
    if not mask.all():
        flat = flat[onp.flatnonzero(mask)]
    ct = _scatter(flat, src[mask], anp.ravel(x) if is_batched(x) else onp.ravel(getval(x)))
    return fit_cotangent(anp.reshape(ct, shape_of(x)), x)


def _push(t, src, ans):
    """The tangent of the output from the tangent ``t`` of the argument ``src`` indexes."""
    flat = anp.reshape(t, (-1,))
    mask = src >= 0
    if flat.shape[0] == 0:
        return None
    out = flat[onp.where(mask, src, 0)]
    if not mask.all():
        out = anp.where(mask, out, 0)
    return fit_tangent(out, ans)


def _source_rules(source):
    """VJP and JVP of an argument whose index map is ``source(args, kwargs)``."""
    def vjp(argnum):
        return lambda g, ans, *args, **kwargs: _pull(g, source(argnum, args, kwargs),
                                                     args[argnum])

    def jvp(argnum):
        return lambda t, ans, *args, **kwargs: _push(t, source(argnum, args, kwargs), ans)
    return vjp, jvp


def _def_moves(fun, source, argnums):
    """Rules of ``fun``, which copies the elements of the arguments ``argnums``.

    ``source(argnum, args, kwargs)`` runs ``fun`` on the positions of argument
    ``argnum`` (and -1 in the other arrays): the output's index map.
    """
    vjp, jvp = _source_rules(source)
    n = 1 + max(argnums)
    defvjp_fast(fun, *[vjp(i) if i in argnums else None for i in range(n)])
    defjvp(fun, *[jvp(i) if i in argnums else None for i in range(n)])


def _def_linear(fun, vjp, argnum=0, n=None):
    """``fun`` is linear in argument ``argnum``; the others get no gradient."""
    n = argnum + 1 if n is None else n
    defvjp_fast(fun, *[vjp if i == argnum else None for i in range(n)])
    defjvp(fun, *["same" if i == argnum else None for i in range(n)])


# ----------------------------------------------------------------- take and friends

def _wrapped_indices(indices, n, mode):
    idx = as_array(getval(indices))
    if mode == "wrap":
        return idx % n
    if mode == "clip":
        return onp.clip(idx, 0, n - 1)
    return idx


def _take_from(g, a, idx, axis):
    """The cotangent of ``a`` from that of ``take(a, idx, axis)`` (``idx`` in range)."""
    if axis is None:
        flat = anp.ravel(a) if is_batched(a) else onp.ravel(getval(a))
        return fit_cotangent(anp.reshape(_scatter(g, idx, flat), shape_of(a)), a)
    ax = _axis(axis, ndim_of(a))
    return fit_cotangent(_scatter(g, (slice(None),) * ax + (idx,), a), a)


def _take_vjp(g, ans, a, indices, axis=None, out=None, mode="raise"):
    n = size_of(a) if axis is None else shape_of(a)[_axis(axis, ndim_of(a))]
    return _take_from(g, a, _wrapped_indices(indices, n, mode), axis)


def _compress_vjp(g, ans, condition, a, axis=None, out=None):
    return _take_from(g, a, onp.flatnonzero(condition), axis)


def _extract_vjp(g, ans, condition, arr):
    return _take_from(g, arr, onp.flatnonzero(condition), None)


def _along_axis_index(indices, axis, shape):
    """The fancy index of ``take_along_axis(x, indices, axis)`` into ``x`` of ``shape``."""
    nd = len(shape)
    index = []
    for d in range(nd):
        if d == axis:
            index.append(indices)
        else:
            index.append(onp.arange(shape[d]).reshape(tuple(-1 if i == d else 1 for i in range(nd))))
    return tuple(index)


def _untake_along_axis_raw(x, indices, axis, like):
    """Zeros shaped like ``like`` with ``x`` added where ``take_along_axis(like,
    indices, axis)`` reads (repeats add up): that function's adjoint."""
    out = onp.zeros_like(like)
    onp.add.at(out, _along_axis_index(indices, axis, out.shape), x)
    return out


# A primitive of its own, not untake with an index built from ``indices``: inside
# vmap the indices may differ per example, and its batching rule keeps them batched.
untake_along_axis = primitive(_untake_along_axis_raw)


def _take_along_axis_vjp(g, ans, arr, indices, axis=-1):
    if axis is not None and is_batched(indices):
        ax = _axis(axis, ndim_of(arr))
        like = arr if is_batched(arr) else getval(arr)
        return fit_cotangent(untake_along_axis(_real_for(g, arr), indices, ax, like), arr)
    indices = as_array(getval(indices))
    if axis is None:
        flat = onp.ravel(getval(arr))
        return fit_cotangent(anp.reshape(_scatter(g, (indices,), flat), shape_of(arr)), arr)
    ax = _axis(axis, ndim_of(arr))
    return fit_cotangent(_scatter(g, _along_axis_index(indices, ax, shape_of(arr)), arr), arr)


def _choose_source(argnum, args, kwargs):
    a, choices = args[0], args[1]
    mode = args[3] if len(args) > 3 else kwargs.get("mode", "raise")
    return onp.choose(a, _positions(choices), mode=mode)


def _select_impl(condlist, choicelist, default=0):
    # the first true condition wins: a chain of where from the last condition
    # back (differentiable in the choices and default, and batched inside vmap
    # where the conditions differ per example)
    out = default
    for k in reversed(range(len(condlist))):
        out = anp.where(condlist[k], choicelist[k], out)
    return out


# ----------------------------------------------------------------- insert, delete, append, pad

def _insert_source(argnum, args, kwargs):
    arr, obj, values = args[:3]
    axis = args[3] if len(args) > 3 else kwargs.get("axis")
    if argnum == 0:
        return onp.insert(_positions(arr), obj, _fill(values), axis=axis)
    return onp.insert(_fill(arr), obj, _positions(values), axis=axis)


def _delete_source(argnum, args, kwargs):
    return onp.delete(_positions(args[0]), *args[1:], **kwargs)


def _append_source(argnum, args, kwargs):
    arr, values = args[:2]
    axis = args[2] if len(args) > 2 else kwargs.get("axis")
    if argnum == 0:
        return onp.append(_positions(arr), _fill(values), axis=axis)
    return onp.append(_fill(arr), _positions(values), axis=axis)


_PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")


def _pad_source(argnum, args, kwargs):
    array, pad_width = args[:2]
    mode = args[2] if len(args) > 2 else kwargs.pop("mode", "constant")
    if mode not in _PAD_MODES:
        raise NotImplementedError(
            f"The gradient of pad(..., mode={mode!r}) is not implemented; the modes "
            f"{', '.join(map(repr, _PAD_MODES))} are.")
    if kwargs.get("reflect_type", "even") != "even":
        raise NotImplementedError("The gradient of pad(..., reflect_type='odd') is not implemented.")
    if mode == "constant":
        kwargs = {"constant_values": -1}
    return onp.pad(_positions(array), pad_width, mode, **kwargs)


# kwargs are passed on by copy: _pad_source edits its own dict
_pad_vjp, _pad_jvp = _source_rules(lambda argnum, args, kwargs: _pad_source(argnum, args,
                                                                            dict(kwargs)))


def _resize_source(argnum, args, kwargs):
    return onp.resize(_positions(args[0]), *args[1:], **kwargs)


# ----------------------------------------------------------------- diff, ediff1d

def _diff_adjoint(g, n, axis):
    """The transpose of ``diff`` taken ``n`` times along ``axis``."""
    for _ in range(n):
        z = anp.zeros_like(plain_value(g)[(slice(None),) * axis + (slice(0, 1),)])
        g = -anp.diff(anp.concatenate([z, g, z], axis), axis=axis)
    return g


def _diff_args(a, n=1, axis=-1, prepend=onp._NoValue, append=onp._NoValue):
    ax = _axis(axis, ndim_of(a))
    shape = shape_of(a)

    def length(v):    # how many slices a prepended/appended value adds along axis
        if v is onp._NoValue:
            return 0
        return shape_of(v)[ax] if ndim_of(v) else 1
    return ax, shape[ax], length(prepend), length(append)


def _diff_vjp(argnum):
    def vjp(g, ans, a, *args, **kwargs):
        bound = dict(zip(("n", "axis", "prepend", "append"), args), **kwargs)
        ax, m, before, after = _diff_args(a, **bound)
        full = _diff_adjoint(g, bound.get("n", 1), ax)
        start, stop = {0: (before, before + m), 3: (0, before),
                       4: (before + m, before + m + after)}[argnum]
        piece = full[(slice(None),) * ax + (slice(start, stop),)]
        return fit_cotangent(piece, a if argnum == 0 else args[argnum - 1])
    return vjp


def _diff_jvp(argnum):
    def jvp(t, ans, a, *args, **kwargs):
        bound = dict(zip(("n", "axis", "prepend", "append"), args), **kwargs)
        ax, m, before, after = _diff_args(a, **bound)
        shape = list(shape_of(a))
        pieces = []
        for i, size in ((3, before), (0, m), (4, after)):
            shape[ax] = size
            if size == 0:
                continue
            if i == argnum:
                pieces.append(anp.broadcast_to(t, tuple(shape)) if i else t)
            else:
                pieces.append(onp.zeros_like(getval(t), shape=tuple(shape)))
        if not pieces:   # nothing along ``axis`` (diff of an empty axis): a zero tangent
            pieces.append(onp.zeros_like(getval(t), shape=tuple(shape)))
        full = anp.concatenate(pieces, ax) if len(pieces) > 1 else pieces[0]
        return fit_tangent(anp.diff(full, bound.get("n", 1), ax), ans)
    return jvp


def _ediff1d_impl(ary, to_end=None, to_begin=None):
    dtype = onp.result_type(getval(ary))    # NumPy casts the ends to it

    def end(v):
        v = anp.ravel(v)
        return v if onp.result_type(getval(v)) == dtype else anp.astype(v, dtype)
    pieces = [anp.diff(anp.ravel(ary))]
    if to_begin is not None:
        pieces.insert(0, end(to_begin))
    if to_end is not None:
        pieces.append(end(to_end))
    return anp.concatenate(pieces) if len(pieces) > 1 else pieces[0]


# ----------------------------------------------------------------- tile, roll, rot90, repeat

def _tile_vjp(g, ans, A, reps):
    shape = shape_of(A)
    reps = tuple(onp.atleast_1d(reps).tolist())
    d = max(len(shape), len(reps))
    full = (1,) * (d - len(shape)) + shape
    reps = (1,) * (d - len(reps)) + reps
    split = sum(((r, n) for r, n in zip(reps, full)), ())
    summed = anp.sum(anp.reshape(g, split), axis=tuple(range(0, 2 * d, 2)))
    return fit_cotangent(anp.reshape(summed, shape), A)


def _roll_vjp(g, ans, a, shift, axis=None):
    return anp.roll(g, onp.negative(shift), axis)


def _rot90_vjp(g, ans, m, k=1, axes=(0, 1)):
    return anp.rot90(g, -k, axes)


def _repeat_vjp(g, ans, a, repeats, axis=None):
    shape = shape_of(a)
    batched = is_batched(a)         # inside vmap: a itself gives each example's zeros
    if axis is None:
        like, ax = (anp.ravel(a) if batched else onp.ravel(getval(a))), 0
        n = size_of(a)
    else:
        like, ax = (a if batched else getval(a)), _axis(axis, len(shape))
        n = shape[ax]
    reps = onp.asarray(repeats)
    if reps.size == 1:    # equal repeats: fold the copies into an axis and sum it
        gshape = shape_of(g)
        r = int(reps.reshape(()))
        ct = anp.sum(anp.reshape(g, gshape[:ax] + (n, r) + gshape[ax + 1:]), ax + 1)
    else:
        src = onp.repeat(onp.arange(n), reps)
        ct = _scatter(g, (slice(None),) * ax + (src,), like)
    return fit_cotangent(anp.reshape(ct, shape), a)


# ----------------------------------------------------------------- triangles and diagonals

def _tri_vjp(tri):
    def vjp(g, ans, m, k=0):
        ct = tri(g, k)
        if ndim_of(m) == 1:   # NumPy stacked the vector into the rows of a matrix
            ct = anp.sum(ct, axis=0)
        return fit_cotangent(ct, m)
    return vjp


def _diagonal_index(n, offset):
    rows = onp.arange(n) + max(-offset, 0)
    return rows, rows + offset


def _diagonal_vjp(g, ans, a, offset=0, axis1=0, axis2=1):
    nd = ndim_of(a)
    axes = (_axis(axis1, nd), _axis(axis2, nd))
    moved = (anp.moveaxis(a, axes, (-2, -1)) if is_batched(a)
             else onp.moveaxis(getval(a), axes, (-2, -1)))
    rows, cols = _diagonal_index(shape_of(g)[-1], offset)
    ct = _scatter(g, (Ellipsis, rows, cols), moved)
    return fit_cotangent(anp.moveaxis(ct, (-2, -1), axes), a)


def _make_diagonal_vjp(g, ans, D, offset=0, axis1=0, axis2=1):
    # make_diagonal is the adjoint of diagonal (each puts what the other reads)
    return fit_cotangent(anp.diagonal(g, offset, axis1, axis2), D)


def _trace_vjp(g, ans, a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    probe = onp.broadcast_to(onp.zeros((), onp.int8), shape_of(a))   # one example's shape
    diag_shape = onp.diagonal(probe, offset, axis1, axis2).shape
    gd = anp.broadcast_to(anp.expand_dims(g, -1), diag_shape)
    return _diagonal_vjp(gd, None, a, offset, axis1, axis2)


def _diag_vjp(g, ans, v, k=0):
    if ndim_of(v) == 1:
        return fit_cotangent(anp.diagonal(g, k), v)
    return fit_cotangent(_scatter(g, _diagonal_index(shape_of(g)[0], k), v), v)


def _diagflat_vjp(g, ans, v, k=0):
    return fit_cotangent(anp.reshape(anp.diagonal(g, k), shape_of(v)), v)


# ----------------------------------------------------------------- masks and identities

def _finite_only(g, x):
    """``g`` where ``x`` is finite, else 0 (real and imaginary parts separately)."""
    xv = batch_only(x)          # the masks keep a vmap batch (per example)
    if onp.iscomplexobj(getval(x)):
        if not onp.iscomplexobj(getval(g)):
            g = g + 0j
        re = anp.where(anp.isfinite(anp.real(xv)), anp.real(g), 0)
        im = anp.where(anp.isfinite(anp.imag(xv)), anp.imag(g), 0)
        return re + 1j * im
    return anp.where(anp.isfinite(xv), g, 0)


def _nan_to_num_vjp(g, ans, x, *args, **kwargs):
    return fit_cotangent(_finite_only(g, x), x)


def _nan_to_num_jvp(t, ans, x, *args, **kwargs):
    return fit_tangent(_finite_only(t, x), ans)


def _identity_vjp(g, ans, x, *args, **kwargs):
    return fit_cotangent(g, x)


def _identity_jvp(t, ans, x, *args, **kwargs):
    return fit_tangent(t, ans)


# Two-output ufuncs: the cotangent is a pair, the tangent must be one.

def _zero_like(x):
    return anp.zeros_like(x if is_batched(x) else getval(x))


def _modf_jvp(t, ans, x, *args, **kwargs):
    return (fit_tangent(t, ans[0]), _zero_like(ans[1]))


def _divmod_vjp_x(g, ans, x, y, *args, **kwargs):
    return fit_cotangent(g[1], x)


def _divmod_vjp_y(g, ans, x, y, *args, **kwargs):
    return fit_cotangent(-g[1] * batch_only(ans[0]), y)


def _divmod_jvp_x(t, ans, x, y, *args, **kwargs):
    return (_zero_like(ans[0]), fit_tangent(t, ans[1]))


def _divmod_jvp_y(t, ans, x, y, *args, **kwargs):
    return (_zero_like(ans[0]), fit_tangent(-t * batch_only(ans[0]), ans[1]))


def _frexp_scale(ans):
    """``2 ** -exponent`` in the mantissa's dtype: d mantissa / dx."""
    mantissa, exponent = batch_only(ans[0]), batch_only(ans[1])
    return anp.ldexp(anp.ones_like(mantissa), anp.negative(exponent))


def _frexp_vjp(g, ans, x, *args, **kwargs):
    return fit_cotangent(g[0] * _frexp_scale(ans), x)


def _frexp_jvp(t, ans, x, *args, **kwargs):
    return (fit_tangent(t * _frexp_scale(ans), ans[0]), _zero_like(ans[1]))


def register():
    # fmt: off
    _def_linear(anp.take,            _take_vjp)
    _def_linear(anp.take_along_axis, _take_along_axis_vjp)
    _def_linear(untake_along_axis,   lambda g, ans, x, indices, axis, like:
                anp.take_along_axis(g, indices, axis))
    _def_linear(anp.compress,        _compress_vjp, argnum=1)
    _def_linear(anp.extract,         _extract_vjp, argnum=1)
    _def_linear(anp.tile,            _tile_vjp)
    _def_linear(anp.roll,            _roll_vjp)
    _def_linear(anp.rot90,           _rot90_vjp)
    _def_linear(anp.repeat,          _repeat_vjp)
    _def_linear(anp.tril,            _tri_vjp(anp.tril))
    _def_linear(anp.triu,            _tri_vjp(anp.triu))
    _def_linear(anp.diag,            _diag_vjp)
    _def_linear(anp.make_diagonal,   _make_diagonal_vjp)
    _def_linear(anp.diagflat,        _diagflat_vjp)
    _def_linear(anp.diagonal,        _diagonal_vjp)
    _def_linear(anp.trace,           _trace_vjp)
    _def_moves(anp.choose,           _choose_source, argnums=(1,))
    def_composite(anp.select,        _select_impl, fit_vjps=True)
    _def_moves(anp.insert,           _insert_source, argnums=(0, 2))
    _def_moves(anp.delete,           _delete_source, argnums=(0,))
    _def_moves(anp.append,           _append_source, argnums=(0, 1))
    _def_moves(anp.resize,           _resize_source, argnums=(0,))
    defvjp_fast(anp.pad,             _pad_vjp(0))
    defjvp(anp.pad,                  _pad_jvp(0))
    defvjp_fast(anp.diff,            _diff_vjp(0), None, None, _diff_vjp(3), _diff_vjp(4))
    defjvp(anp.diff,                 _diff_jvp(0), None, None, _diff_jvp(3), _diff_jvp(4))
    def_composite(anp.ediff1d,       _ediff1d_impl)
    defvjp_fast(anp.nan_to_num,      _nan_to_num_vjp)
    defjvp(anp.nan_to_num,           _nan_to_num_jvp)
    for fun in (anp.unwrap, anp.real_if_close):
        defvjp_fast(fun,             _identity_vjp)
        defjvp(fun,                  _identity_jvp)
    defvjp_fast(anp.modf,            lambda g, ans, x, *args, **kwargs: fit_cotangent(g[0], x))
    defjvp(anp.modf,                 _modf_jvp)
    defvjp_fast(anp.divmod,          _divmod_vjp_x, _divmod_vjp_y)
    defjvp(anp.divmod,               _divmod_jvp_x, _divmod_jvp_y)
    defvjp_fast(anp.frexp,           _frexp_vjp)
    defjvp(anp.frexp,                _frexp_jvp)
    if hasattr(onp, "round_"):       # NumPy 1.x alias of round: zero gradient, like round
        defvjp_fast(onp.round_,      None)
        defjvp(onp.round_,           None)
    # fmt: on
