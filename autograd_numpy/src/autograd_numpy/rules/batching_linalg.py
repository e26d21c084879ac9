"""Batching rules (``autograd.vmap``) of products, ``numpy.linalg``, convolutions,
polynomials, and ``cov``/``corrcoef``.

NumPy's generalized ufuncs (``matvec``, ``vecmat``, ``vecdot``) and most of
``numpy.linalg`` already work on stacks: they loop over leading axes and act on
the last one or two.  Their rule (:func:`stacked`) only aligns the operands'
leading axes, so that the batch axis of one operand meets the batch axis of
another, never one of its per-example axes.  The array-API spellings in
``numpy.linalg`` (``matmul``, ``tensordot``, ``outer``) reuse the rules of
their ``numpy`` twins.  Convolutions and polynomial arithmetic are rewritten
with batched gathers, pads and products (NumPy has no batched ``convolve``),
computing the same sums as NumPy, possibly in another order (values equal to
rounding).
"""

import numpy as onp

from autograd.extend import Box, defbatch, getval

from .. import numpy_wrapper as anp
from ..util import shape_of, size_of
from ..wrapping import wrapper_for
from .batching import (
    _batch_size, _full_batch, _lift, _matmul_rule, _nd, _outer_rule, _shift_axes, _solve_rule,
    _tensordot_rule, numpy_function,
)

__all__ = ["register", "stacked"]


def stacked(fun, cores, params_batched=False):
    """The rule of ``fun``, which acts on the last ``cores[i]`` axes of argument ``i``
    and loops over (broadcasts) the leading ones, as NumPy's gufuncs do.

    Batched operands get unit axes after the batch axis so that every operand
    has as many leading axes as the one with most.
    """
    k = len(cores)

    def rule(batched, *args, **kwargs):
        if (not params_batched and any(batched[k:])) or "axes" in kwargs or "axis" in kwargs \
                or kwargs.get("out") is not None:
            return NotImplemented
        loops = []
        for a, b, c in zip(args, batched, cores):
            n = _nd(a, b) - c
            if n < 0:
                return NotImplemented
            loops.append(n)
        top = max(loops)
        args = list(args)
        for i, (b, c) in enumerate(zip(batched[:k], cores)):
            if b and loops[i] < top:
                args[i] = _lift(args[i], top + c)
        return wrapper_for(fun)(*args, **kwargs)
    return rule


def _cores(ufunc):
    """Core ranks of each input from a gufunc's signature (``(n),(n)->()``)."""
    ins = ufunc.signature.split("->")[0]
    return tuple(0 if not part.strip("()") else len(part.strip("()").split(","))
                 for part in ins.split("),"))


# ----------------------------------------------------------------- numpy.linalg

def _vector_norm(batched, x, axis=None, keepdims=False, ord=2):
    vector_norm = wrapper_for(onp.linalg.vector_norm)
    nd = _nd(x, True)
    if axis is None:
        out = vector_norm(anp.reshape(x, (shape_of(x)[0], -1)), axis=1, ord=ord)
        return anp.reshape(out, (-1,) + (1,) * nd) if keepdims else out
    return vector_norm(x, axis=_shift_axes(axis, nd), keepdims=keepdims, ord=ord)


def _vecdot(batched, x1, x2, axis=-1):
    if axis != -1:
        return NotImplemented
    return stacked(onp.linalg.vecdot, (1, 1))(batched, x1, x2)


def _linalg_cross(batched, x1, x2, axis=-1):
    from .batching_arrays import _cross
    return _cross(batched, x1, x2, axis=axis)


def _tensorinv(batched, a, ind=2):
    if any(batched[1:]) or ind <= 0:
        return NotImplemented
    shape = shape_of(a)[1:]
    rows = int(onp.prod(shape[ind:], dtype=onp.int64))
    inv = wrapper_for(onp.linalg.inv)(anp.reshape(a, (shape_of(a)[0], rows, -1)))
    return anp.reshape(inv, (shape_of(a)[0],) + tuple(shape[ind:]) + tuple(shape[:ind]))


def _tensorsolve(batched, a, b, axes=None):
    ba, bb = batched[0], batched[1]
    if any(batched[2:]):
        return NotImplemented
    an = _nd(a, ba)
    if axes is not None:
        order = list(range(an))
        for k in axes:
            order.remove(k)
            order.insert(an, k)
        a = anp.transpose(a, [0] + [i + 1 for i in order]) if ba else onp.transpose(a, order) \
            if not isinstance(a, Box) else anp.transpose(a, order)
    a_shape = shape_of(a)[1:] if ba else shape_of(a)
    out_shape = tuple(a_shape[-(an - _nd(b, bb)):])
    rows = int(onp.prod(out_shape, dtype=onp.int64))
    a = anp.reshape(a, ((shape_of(a)[0],) if ba else ()) + (rows, rows))
    b = anp.reshape(b, ((shape_of(b)[0],) if bb else ()) + (-1,))
    x = _solve_rule((ba, bb), a, b)
    if x is NotImplemented:
        return x
    return anp.reshape(x, (shape_of(x)[0],) + out_shape)


def _columns(b):
    """A batched right-hand side ``(n, M)`` or ``(n, M, K)`` as columns ``(M, K * n)``."""
    moved = anp.moveaxis(b, 0, -1)
    return anp.reshape(moved, (shape_of(moved)[0], -1))


def _uncolumn(x, n, k):
    """Columns ``(N, K * n)`` (``k`` None: ``(N, n)``) back to a batch ``(n, N[, K])``."""
    if k is None:
        return anp.swapaxes(x, 0, 1)
    return anp.moveaxis(anp.reshape(x, (shape_of(x)[0], k, n)), -1, 0)


def _lstsq(batched, a, b, rcond=None):
    """One shared matrix, a batch of right-hand sides: one solve with them all as
    columns (NumPy's lstsq does not take stacks of matrices: those loop)."""
    if batched[0] or any(batched[2:]) or _nd(b, True) not in (1, 2):
        return NotImplemented
    from ..linalg import lstsq
    n = shape_of(b)[0]
    k = shape_of(b)[2] if _nd(b, True) == 2 else None
    x, resid, rank, sv = lstsq(a, _columns(b), rcond)
    x = _uncolumn(x, n, k)
    if size_of(resid):      # one per column: (n,) or (n, K) per example, as NumPy's
        resid = _uncolumn(anp.reshape(resid, (1, -1)), n, k)
        resid = anp.reshape(resid, (n, 1) if k is None else (n, k))
    else:
        resid = onp.zeros((n, 0), dtype=_dtype_of(resid))
    return (x, resid, anp.broadcast_to(rank, (n,)),
            anp.broadcast_to(sv, (n,) + tuple(shape_of(sv))))


def _polyfit(batched, x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Shared sample points, a batch of values: NumPy fits many columns at once."""
    if batched[0] or any(batched[2:]) or full or cov or _nd(y, True) not in (1, 2):
        return NotImplemented
    n = shape_of(y)[0]
    k = shape_of(y)[2] if _nd(y, True) == 2 else None
    coef = wrapper_for(onp.polyfit)(x, _columns(y), deg, rcond, full, w, cov)
    return _uncolumn(coef, n, k)


def _roots(batched, p):
    """The eigenvalues of each example's companion matrix, when no example has leading
    or trailing zeros to strip (NumPy's roots strips them: lengths of their own)."""
    if _nd(p, True) != 1:
        return NotImplemented
    n, m = shape_of(p)[0], shape_of(p)[1]
    raw = onp.asarray(getval(p)).reshape(-1, m)      # every example (of every batch)
    if m < 2 or not onp.all(onp.isfinite(raw)) or onp.any(raw[:, 0] == 0) \
            or onp.any(raw[:, -1] == 0):
        return NotImplemented
    first = -p[:, 1:] / p[:, :1]                                   # (n, m - 1)
    below = onp.broadcast_to(onp.eye(m - 2, m - 1, dtype=raw.dtype), (n, m - 2, m - 1))
    companion = anp.concatenate([anp.expand_dims(first, 1), below], axis=1)
    return wrapper_for(onp.linalg.eigvals)(companion)


def _poly(batched, seq_of_zeros):
    """Each example's roots multiplied out (NumPy's successive convolutions)."""
    z = seq_of_zeros
    if _nd(z, True) != 1:
        return NotImplemented
    n, m = shape_of(z)[0], shape_of(z)[1]
    dtype = _dtype_of(z)
    a = onp.ones((n, 1), dtype=dtype)
    for i in range(m):
        factor = anp.concatenate([onp.ones((n, 1), dtype=dtype), -z[:, i:i + 1]], axis=1)
        a = _convolve_full(a, factor, True, True)
    if onp.issubdtype(dtype, onp.complexfloating):
        rows = onp.asarray(getval(z)).reshape(-1, m).astype(complex)
        if all(onp.all(onp.sort(r) == onp.sort(r.conjugate())) for r in rows):
            a = anp.real(a)       # every example's roots come in conjugate pairs
    return a


def _polydiv(batched, u, v):
    """NumPy's long division on every example at once; its remainder is trimmed of
    leading (near-)zeros, which must be as many in every example (else: the loop)."""
    bu, bv = batched[0], batched[1]
    if _nd(u, bu) > 1 or _nd(v, bv) > 1:
        return NotImplemented
    n = _batch_size((u, v), (bu, bv))
    cols = []
    for x, b in ((u, bu), (v, bv)):
        if _nd(x, b) == 0:
            x = anp.reshape(x, (n, 1) if b else (1,))
        length = shape_of(x)[1 if b else 0]
        cols.append([x[:, i] if b else x[i] for i in range(length)])
    u_cols, v_cols = cols
    dtype = onp.result_type(_dtype_of(u), _dtype_of(v), 1.0)
    m, k_v = len(u_cols) - 1, len(v_cols) - 1
    scale = 1.0 / (v_cols[0] + onp.zeros((), dtype))
    r = [c + onp.zeros((), dtype) for c in u_cols]
    q = []
    for k in range(m - k_v + 1):
        d = scale * r[k]
        q.append(d)
        for j in range(k_v + 1):
            r[k + j] = r[k + j] - d * v_cols[j]
    if not q:
        q = [onp.zeros((), dtype)]
    # NumPy drops leading entries while allclose(r[0], 0, rtol=1e-14), keeping one
    raw = [onp.reshape(onp.asarray(getval(c)), (-1,)) for c in r]
    small = [onp.all(onp.abs(c) <= 1e-8) for c in raw]
    some = [onp.any(onp.abs(c) <= 1e-8) for c in raw]
    drop = 0
    while drop < len(r) - 1 and small[drop]:
        drop += 1
    if drop < len(r) - 1 and some[drop]:
        return NotImplemented       # examples trim differently: lengths of their own
    full = _full_batch
    q = anp.stack(full(q, [_batched_col(c) for c in q], n), axis=1)
    r = r[drop:]
    r = anp.stack(full(r, [_batched_col(c) for c in r], n), axis=1)
    return q, r


def _batched_col(c):
    return isinstance(c, Box) or onp.ndim(c) == 1


def _trim_zeros(batched, filt, trim="fb", axis=None):
    """The same slice for every example, when their zeros end where the others' do."""
    if any(batched[1:]) or _nd(filt, True) != 1 or axis not in (None, 0, -1):
        return NotImplemented
    trim = trim.lower()
    if trim not in ("fb", "bf", "f", "b"):
        return NotImplemented
    length = shape_of(filt)[1]
    rows = onp.asarray(getval(filt)).reshape(-1, length)
    bounds = set()
    for row in rows:
        nz = onp.flatnonzero(row)
        if nz.size == 0:
            bounds.add((0, 0))
        else:
            bounds.add((nz[0] if "f" in trim else 0, nz[-1] + 1 if "b" in trim else length))
    if len(bounds) != 1:
        return NotImplemented
    start, stop = bounds.pop()
    return filt[:, int(start):int(stop)]


def _dtype_of(x):
    return onp.result_type(getval(x).dtype if hasattr(getval(x), "dtype") else getval(x))


# ----------------------------------------------------------------- vdot, convolve

def _vdot(batched, a, b):
    n = _batch_size((a, b), batched)
    a = anp.reshape(a, (n, -1)) if batched[0] else anp.reshape(a, (-1,))
    b = anp.reshape(b, (n, -1)) if batched[1] else anp.reshape(b, (-1,))
    spec = ("ni," if batched[0] else "i,") + ("ni" if batched[1] else "i") + "->n"
    return anp.einsum(spec, anp.conj(a), b)


def _convolve_full(a, v, ba, bv):
    """The full convolution of 1-D examples (batched: ``(n, L)``) as a gather and a sum."""
    la, lv = shape_of(a)[-1], shape_of(v)[-1]
    width = [(0, 0)] if ba else []
    a = anp.pad(a, width + [(lv - 1, lv - 1)])
    k = onp.arange(la + lv - 1)[:, None] - onp.arange(lv)[None, :] + (lv - 1)
    gathered = anp.take(a, k, axis=-1)                    # (..., la + lv - 1, lv)
    v = anp.expand_dims(v, -2)
    return anp.sum(gathered * v, axis=-1)


def _conv_mode(full, la, lv, mode):
    if mode == "full":
        return full
    big, small = max(la, lv), min(la, lv)
    if mode == "same":
        start = (small - 1) // 2
        return full[..., start:start + big]
    if mode == "valid":
        return full[..., small - 1:big]
    return None


def _one_d_pair(batched, a, v):
    """``(ba, bv, la, lv)`` of a convolution's two non-empty 1-d examples (mode not
    batched), or None."""
    if len(batched) > 2 and batched[2]:
        return None
    ba, bv = batched[0], batched[1]
    if _nd(a, ba) != 1 or _nd(v, bv) != 1:
        return None
    la, lv = shape_of(a)[-1], shape_of(v)[-1]
    return None if la == 0 or lv == 0 else (ba, bv, la, lv)


def _convolve(batched, a, v, mode="full"):
    pair = _one_d_pair(batched, a, v)
    if pair is None:
        return NotImplemented
    ba, bv, la, lv = pair
    out = _conv_mode(_convolve_full(a, v, ba, bv), la, lv, mode)
    if out is None:
        return NotImplemented
    n = _batch_size((a, v), (ba, bv))
    return _full_batch([out], [True], n)[0] if (ba or bv) else out


def _correlate(batched, a, v, mode="valid"):
    pair = _one_d_pair(batched, a, v)
    if pair is None:
        return NotImplemented
    ba, bv, la, lv = pair
    # correlate(a, v)[k] = sum_n a[n + k] conj(v[n]): a convolution with v reversed;
    # NumPy returns it reversed (and conjugated) when v is the longer one
    if lv <= la:
        full = _convolve_full(a, anp.conj(anp.flip(v, -1)), ba, bv)
    else:
        full = anp.conj(anp.flip(_convolve_full(v, anp.conj(anp.flip(a, -1)), bv, ba), -1))
    return _conv_mode(full, la, lv, mode)


# ----------------------------------------------------------------- polynomials

def _poly_operands(batched, a1, a2):
    """Both coefficient vectors batched, ``(n, length)`` (NumPy's ``atleast_1d``)."""
    n = _batch_size((a1, a2), batched)
    out = []
    for a, b in zip((a1, a2), batched):
        if _nd(a, b) == 0:
            a = anp.reshape(a, (n, 1) if b else (1,))
        if not b:
            a = anp.broadcast_to(a, (n,) + tuple(shape_of(a)))
        if _nd(a, True) != 1:
            return None
        out.append(a)
    return out


def _polyadd_like(op):
    def rule(batched, a1, a2):
        ops = _poly_operands(batched, a1, a2)
        if ops is None:
            return NotImplemented
        a1, a2 = ops
        l1, l2 = shape_of(a1)[1], shape_of(a2)[1]
        # the shorter one gets leading zeros (NumPy concatenates them)
        if l1 < l2:
            a1 = anp.pad(a1, [(0, 0), (l2 - l1, 0)])
        elif l2 < l1:
            a2 = anp.pad(a2, [(0, 0), (l1 - l2, 0)])
        return op(a1, a2)
    return rule


def _polymul(batched, a1, a2):
    ops = _poly_operands(batched, a1, a2)
    if ops is None:
        return NotImplemented
    return _convolve((True, True), ops[0], ops[1])


def _polyder(batched, p, m=1):
    if any(batched[1:]) or _nd(p, True) != 1 or int(m) < 0:
        return NotImplemented
    for _ in range(int(m)):
        n = shape_of(p)[1] - 1
        p = p[:, :-1] * onp.arange(n, 0, -1)
    return p


def _polyint(batched, p, m=1, k=None):
    if any(batched[1:]) or _nd(p, True) != 1 or int(m) < 0:
        return NotImplemented
    m = int(m)
    if k is None:
        k = onp.zeros(m, float)
    k = onp.atleast_1d(k)
    if len(k) == 1 and m > 1:
        k = k[0] * onp.ones(m, float)
    if len(k) < m:
        return NotImplemented
    nb = shape_of(p)[0]
    for i in range(m):
        const = onp.broadcast_to(onp.asarray([k[i]]), (nb, 1))
        p = anp.concatenate([p / onp.arange(shape_of(p)[1], 0, -1), const], axis=1)
    return p


def _polyval(batched, p, x):
    bp, bx = batched
    if not bp and not isinstance(p, Box):
        p = onp.asarray(p)
    if _nd(p, bp) != 1:
        return NotImplemented
    xnd = _nd(x, bx)
    y = anp.zeros_like(x) if isinstance(x, Box) else onp.zeros_like(x)
    for i in range(shape_of(p)[1 if bp else 0]):
        pv = p[:, i] if bp else p[i]
        if bp:
            pv = _lift(pv, xnd)
        y = y * x + pv
    return y


def _vander(batched, x, N=None, increasing=False):
    if any(batched[1:]) or _nd(x, True) != 1:
        return NotImplemented
    n, length = shape_of(x)[0], shape_of(x)[1]
    N = length if N is None else int(N)
    dtype = onp.promote_types(x.dtype, int)
    ones = onp.ones((n, length, min(N, 1)), dtype=dtype)
    if N > 1:
        x = anp.astype(x, dtype) if x.dtype != dtype else x
        powers = anp.cumprod(anp.broadcast_to(anp.expand_dims(x, -1), (n, length, N - 1)), -1)
        out = anp.concatenate([ones, powers], axis=-1)
    else:
        out = anp.broadcast_to(ones, (n, length, N)) if N == 1 else \
            onp.empty((n, length, 0), dtype=dtype)
    return out if increasing else anp.flip(out, -1)


# ----------------------------------------------------------------- cov, corrcoef

def _cov_rows(x, b, rowvar, dtype):
    """``x`` as NumPy's cov reads it: (n, variables, observations)."""
    nd = _nd(x, b)
    if nd > 2:
        return None
    x = anp.astype(x, dtype) if _dtype_of(x) != dtype else x
    if b:
        if nd < 2:
            x = anp.reshape(x, (shape_of(x)[0], 1, -1))
        elif not rowvar and shape_of(x)[1] != 1:
            x = anp.swapaxes(x, 1, 2)
        return x
    x = onp.array(x, ndmin=2, dtype=dtype) if not isinstance(x, Box) else \
        anp.reshape(x, (1, -1)) if nd < 2 else x
    if not rowvar and shape_of(x)[0] != 1:
        x = anp.swapaxes(x, 0, 1)
    return x


def _cov_batched(batched, m, y=None, rowvar=True, bias=False, ddof=None, dtype=None):
    if ddof is not None and ddof != int(ddof):
        return None
    n = _batch_size((m, y), batched)
    if dtype is None:
        dtype = onp.result_type(_dtype_of(m), onp.float64) if y is None else \
            onp.result_type(_dtype_of(m), _dtype_of(y), onp.float64)
    x = _cov_rows(m, batched[0], rowvar, dtype)
    if x is None:
        return None
    parts = [x]
    if y is not None:
        yy = _cov_rows(y, batched[1], rowvar, dtype)
        if yy is None:
            return None
        parts.append(yy)
    parts = _full_batch(parts, [batched[0]] + ([batched[1]] if y is not None else []), n)
    x = anp.concatenate(parts, axis=1) if len(parts) > 1 else parts[0]
    if ddof is None:
        ddof = 0 if bias else 1
    fact = max(shape_of(x)[2] - ddof, 0)
    x = x - anp.mean(x, axis=2, keepdims=True)
    c = anp.matmul(x, anp.conj(anp.swapaxes(x, 1, 2)))
    c = c * onp.true_divide(1, fact)
    return anp.squeeze(c)


def _cov(batched, m, y=None, rowvar=True, bias=False, ddof=None, fweights=None,
         aweights=None, *, dtype=None):
    if any(batched[3:]) or fweights is not None or aweights is not None:
        return NotImplemented
    out = _cov_batched(batched[:2] if len(batched) > 1 else (batched[0], False),
                       m, y, rowvar, bias, ddof, dtype)
    return NotImplemented if out is None else out


def _corrcoef(batched, x, y=None, rowvar=True, *, dtype=None):
    if any(batched[2:]):
        return NotImplemented
    c = _cov_batched(batched[:2] if len(batched) > 1 else (batched[0], False),
                     x, y, rowvar, False, None, dtype)
    if c is None:
        return NotImplemented
    if len(shape_of(c)) == 1:       # one variable: NumPy's c / c
        return c / c
    d = anp.diagonal(c, 0, 1, 2)
    s = anp.sqrt(anp.real(d))
    c = c / anp.expand_dims(s, 2)
    c = c / anp.expand_dims(s, 1)
    if onp.iscomplexobj(onp.empty(0, _dtype_of(c))):
        return anp.clip(anp.real(c), -1, 1) + 1j * anp.clip(anp.imag(c), -1, 1)
    return anp.clip(c, -1, 1)


# ----------------------------------------------------------------- registration

def register():
    """Register the rules (part of the ``numpy`` rule set, :mod:`autograd_numpy.numpy_vjps`)."""
    import numpy.linalg as ola
    for name, cores in (("matvec", (2, 1)), ("vecmat", (1, 2)), ("vecdot", (1, 1))):
        fun = numpy_function(name)      # a gufunc on NumPy >= 2.2, else autograd.numpy's own
        if isinstance(fun, onp.ufunc) and fun.signature:
            defbatch(fun, stacked(fun, _cores(fun)))
        elif fun is not None and not hasattr(onp, name):
            defbatch(fun, stacked(fun, cores))
    def matrices(fun):
        return stacked(fun, (2,))
    # fmt: off
    table = [
        ("matmul",           lambda fun: lambda b, x1, x2: _matmul_rule(b, x1, x2)),
        ("tensordot",        lambda fun: lambda b, x1, x2, axes=2:
                             _tensordot_rule(b, x1, x2, axes)),
        ("outer",            lambda fun: _outer_rule),
        ("vecdot",           lambda fun: _vecdot),
        ("cross",            lambda fun: _linalg_cross),
        ("vector_norm",      lambda fun: _vector_norm),
        ("tensorinv",        lambda fun: _tensorinv),
        ("tensorsolve",      lambda fun: _tensorsolve),
        ("lstsq",            lambda fun: _lstsq),
        ("matrix_transpose", matrices), ("diagonal", matrices), ("trace", matrices),
        ("svdvals",          matrices), ("matrix_norm", matrices), ("cond", matrices),
        ("matrix_power",     matrices), ("matrix_rank", matrices),
    ]
    # fmt: on
    for name, make in table:
        fun = getattr(ola, name, None)
        if fun is not None:
            defbatch(fun, make(fun))
    for fun, rule in [(onp.vdot, _vdot), (onp.convolve, _convolve), (onp.correlate, _correlate),
                      (onp.polyadd, _polyadd_like(anp.add)),
                      (onp.polysub, _polyadd_like(anp.subtract)), (onp.polymul, _polymul),
                      (onp.polyder, _polyder), (onp.polyint, _polyint),
                      (onp.polyval, _polyval), (onp.vander, _vander),
                      (onp.polyfit, _polyfit), (onp.roots, _roots), (onp.poly, _poly),
                      (onp.polydiv, _polydiv), (onp.trim_zeros, _trim_zeros),
                      (onp.cov, _cov), (onp.corrcoef, _corrcoef)]:
        defbatch(fun, rule)
