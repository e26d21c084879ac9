"""Rules of the less common differentiable NumPy functions.

Families: the Bessel function ``i0``; vector products (``vecdot``,
``matvec``, ``vecmat``, ``cross``); joining and splitting (``block``,
``unstack``, ``split`` and friends, ``meshgrid``, ``broadcast_arrays``);
copies and axis moves; signals and statistics (``convolve``, ``correlate``,
``cov``, ``corrcoef``, ``trapezoid``, ``interp``, ``gradient``);
polynomials; cumulative sums and products with ``include_initial``; ranges
and filled arrays (``linspace``, ``logspace``, ``geomspace``, ``arange``,
``full``, ``full_like``) and the ``kaiser`` window (in ``beta``).

Most rules come from :func:`~autograd_numpy.rules.def_composite`: a short
equivalent of the function written with primitives that have rules, which
the VJP and JVP differentiate (exact to any order).  The equivalents only
serve the derivatives; values always come from NumPy itself.  Functions
linear in every argument (``convolve``, ``vecdot``, ...) take their JVP from
the function itself applied to the tangent.

Functions that return several arrays (``meshgrid``, ``split``, ``unstack``,
``gradient`` over several axes ...) are single primitives with a tuple or
list output; their cotangents and tangents have the same structure.
``block`` takes nested lists: :func:`autograd.numpy.block` packs the traced
values in them into one differentiable list (``autograd.builtins.pack``).

Conventions: ``interp`` is differentiable in ``x``, ``xp`` and ``fp``
(piecewise linear: at a knot the derivative is the one of the interval to
its right); ``polyfit`` is differentiable in ``y`` only; ``full`` and
``full_like`` in ``fill_value`` only.
"""

import math

import numpy as onp

from autograd.extend import (
    defjvp, defjvp_argnum, defvjp_argnum, defvjp_fast, getval, make_jvp, make_vjp, primitive,
    subval,
)

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent, unbroadcast
from ..util import ndim_of, shape_of
from . import def_binary, def_unary

__all__ = ["register", "bessel_i1"]


def _zeros(like, n):
    """``n`` zeros of ``like``'s dtype (and array type), as a 1-D array."""
    return onp.zeros_like(getval(like), shape=(n,))


def _along(axis, ndim, index):
    """An index tuple selecting ``index`` along ``axis``."""
    return (slice(None),) * (axis % ndim) + (index,)


def _fit_out(t, ans):
    """``fit_tangent`` for one array or for each array of a tuple/list output."""
    if type(getval(ans)) in (tuple, list):
        return type(getval(ans))(_fit_out(ti, ai) for ti, ai in zip(t, getval(ans)))
    return fit_tangent(t, ans)


def _def_composite(fun, impl):
    """:func:`~autograd_numpy.rules.def_composite`, with derivatives fitted to the
    dtypes NumPy gives (``cov`` of float32 data is float64, for instance)."""
    def vjp(argnum, ans, args, kwargs):
        f = make_vjp(impl, argnum)(*args, **kwargs)[0]
        if type(getval(args[argnum])) in (tuple, list):   # block's nested lists
            return f
        return lambda g: fit_cotangent(f(g), args[argnum])

    def jvp(argnum, t, ans, args, kwargs):
        return _fit_out(make_jvp(impl, argnum)(*args, **kwargs)(t)[1], ans)

    defvjp_argnum(fun, vjp)
    defjvp_argnum(fun, jvp)


def _def_multilinear(fun, impl):
    """``fun`` is linear in each argument: JVP ``fun`` on the tangent, VJP from ``impl``."""
    def vjp(argnum, ans, args, kwargs):
        return make_vjp(impl, argnum)(*args, **kwargs)[0]

    def jvp(argnum, t, ans, args, kwargs):
        return fit_tangent(fun(*subval(args, argnum, t), **kwargs), ans)

    defvjp_argnum(fun, vjp)
    defjvp_argnum(fun, jvp)


# ----------------------------------------------------------------- Bessel i0

def _i1_series(x):
    """I1 by its power series sum (x/2)^(2k+1) / (k! (k+1)!) (positive terms: no cancellation)."""
    half = x / 2.0
    term = half.copy()
    total = term.copy()
    q = half * half
    for k in range(1, 80):
        term = term * q / (k * (k + 1))
        total = total + term
    return total


def _i1_asymptotic(x):
    """I1 for large x: e^x / sqrt(2 pi x) * sum_k (-1)^k prod_j (4 - (2j-1)^2) / (k! (8x)^k)."""
    total = onp.ones_like(x)
    term = onp.ones_like(x)
    for k in range(1, 30):
        term = term * -(4.0 - (2 * k - 1) ** 2) / (k * 8.0 * x)
        total = total + term
    return onp.exp(x) / onp.sqrt(2 * math.pi * x) * total


def _bessel_i1_raw(x):
    x = onp.asarray(x, dtype=onp.result_type(x, 1.0))
    ax = onp.abs(x)
    small = ax <= 25.0
    out = onp.where(small, _i1_series(onp.where(small, ax, 0.0)),
                    _i1_asymptotic(onp.where(small, 30.0, ax)))
    return (onp.sign(x) * out)[()]


bessel_i1 = primitive(_bessel_i1_raw)
bessel_i1.__doc__ = "The modified Bessel function of the first kind of order 1 (i0's derivative)."


def _i1_partial(g, ans, x):
    # I1'(x) = I0(x) - I1(x) / x, which tends to 1/2 at 0
    zero = x == 0
    safe = anp.where(zero, 1.0, x)
    return g * anp.where(zero, 0.5, anp.i0(x) - ans / safe)


# ----------------------------------------------------------------- vector products

def _no_axes(kwargs, name):
    if kwargs.get("axes") is not None:
        raise NotImplementedError(f"The gradient of {name}(..., axes=...) is not implemented.")


def _vecdot_impl(x1, x2, axis=-1, **kwargs):
    _no_axes(kwargs, "vecdot")
    x1, x2 = anp.moveaxis(x1, axis, -1), anp.moveaxis(x2, axis, -1)
    return anp.sum(anp.conj(x1) * x2, axis=-1)


def _matvec_impl(x1, x2, **kwargs):
    _no_axes(kwargs, "matvec")
    return anp.matmul(x1, anp.expand_dims(x2, -1))[..., 0]


def _vecmat_impl(x1, x2, **kwargs):
    _no_axes(kwargs, "vecmat")
    return anp.matmul(anp.expand_dims(anp.conj(x1), -2), x2)[..., 0, :]


def _cross_impl(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    if axis is not None:
        axisa = axisb = axisc = axis
    a, b = anp.moveaxis(a, axisa, -1), anp.moveaxis(b, axisb, -1)
    a0, a1, b0, b1 = a[..., 0], a[..., 1], b[..., 0], b[..., 1]
    z = a0 * b1 - a1 * b0
    if shape_of(a)[-1] == 2 and shape_of(b)[-1] == 2:
        return z
    # a 2-vector is a 3-vector with a zero third component
    a2 = a[..., 2] if shape_of(a)[-1] == 3 else 0.0
    b2 = b[..., 2] if shape_of(b)[-1] == 3 else 0.0
    out = anp.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, z], axis=-1)
    return anp.moveaxis(out, -1, axisc)


# ----------------------------------------------------------------- joining and splitting

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
    return tuple(x[_along(axis, nd, i)] for i in range(shape_of(x)[axis]))


def _split_impl(raw_split, axis_of):
    """Rules of a ``split``-like function from the sizes NumPy's own split gives."""
    def impl(ary, *args, **kwargs):
        pieces = raw_split(getval(ary), *args, **kwargs)
        nd = ndim_of(ary)
        axis = axis_of(nd, args, kwargs)
        out, start = [], 0
        for p in pieces:
            n = onp.shape(p)[axis]
            out.append(ary[_along(axis, nd, slice(start, start + n))])
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
    sizes = [onp.size(getval(x)) for x in xi]
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


# ----------------------------------------------------------------- copies and axis moves

def _identity_vjp(g, ans, x, *args, **kwargs):
    return fit_cotangent(g, x)


def _identity_jvp(t, ans, x, *args, **kwargs):
    return fit_tangent(t, ans)


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
    v = getval(filt)
    if onp.ndim(v) != 1:
        raise NotImplementedError("The gradient of trim_zeros is implemented for 1-D input.")
    nz = onp.flatnonzero(v)
    if nz.size == 0:
        return filt[:0]
    trim = trim.lower()
    start = nz[0] if "f" in trim else 0
    stop = nz[-1] + 1 if "b" in trim else len(v)
    return filt[start:stop]


# ----------------------------------------------------------------- convolve, correlate

def _mode_slice(mode, m, n, correlate=False):
    """``(start, length)`` of a ``mode`` result inside the full result of sizes ``m``, ``n``."""
    lo, hi = min(m, n), max(m, n)
    if mode == "full":
        return 0, m + n - 1
    if mode == "valid":
        return lo - 1, hi - lo + 1
    if mode == "same":
        return (lo // 2 if correlate and m < n else (lo - 1) // 2), hi
    raise ValueError(f"unknown mode {mode!r}")


def _mode(args, kwargs, default):
    return args[0] if args else kwargs.get("mode", default)


def _pad_to_full(g, start, m, n):
    length = shape_of(g)[0]
    return anp.concatenate([_zeros(g, start), g, _zeros(g, m + n - 1 - start - length)])


def _convolve_vjp(argnum, ans, args, kwargs):
    a, v = args[0], args[1]
    m, n = shape_of(a)[0], shape_of(v)[0]
    start, _ = _mode_slice(_mode(args[2:], kwargs, "full"), m, n)
    other = v if argnum == 0 else a

    def vjp(g):
        full = _pad_to_full(g, start, m, n)
        return fit_cotangent(anp.convolve(full, anp.flip(other), "valid"), args[argnum])
    return vjp


def _correlate_impl(a, v, mode="valid"):
    m, n = shape_of(a)[0], shape_of(v)[0]
    start, length = _mode_slice(mode, m, n, correlate=True)
    full = anp.convolve(a, anp.conj(anp.flip(v)), "full")
    return full[start:start + length]


# ----------------------------------------------------------------- statistics

def _as_rows(x, rowvar):
    x = anp.reshape(x, (1, -1)) if ndim_of(x) < 2 else x
    if not rowvar and shape_of(x)[0] != 1:
        x = anp.transpose(x)
    return x


def _cov_matrix(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None,
                dtype=None):
    X = _as_rows(m, rowvar)
    if y is not None:
        X = anp.concatenate([X, _as_rows(y, rowvar)], axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    w = None
    if fweights is not None:
        w = onp.asarray(getval(fweights), dtype=float)
    if aweights is not None:
        w = aweights if w is None else w * aweights
    if w is None:
        avg = anp.mean(X, axis=1)
        fact = shape_of(X)[1] - ddof
    else:
        w_sum = anp.sum(w)
        avg = anp.sum(X * w, axis=1) / w_sum
        if ddof == 0:
            fact = w_sum
        elif aweights is None:
            fact = w_sum - ddof
        else:
            fact = w_sum - ddof * anp.sum(w * aweights) / w_sum
    X = X - avg[:, None]
    X_T = anp.transpose(X if w is None else X * w)
    return anp.dot(X, anp.conj(X_T)) / fact


def _cov_impl(*args, **kwargs):
    return anp.squeeze(_cov_matrix(*args, **kwargs))


def _corrcoef_impl(x, y=None, rowvar=True, bias=onp._NoValue, ddof=onp._NoValue, *, dtype=None):
    c = _cov_matrix(x, y, rowvar)
    if ndim_of(c) == 0 or shape_of(c) == (1, 1):
        return anp.squeeze(c / c)
    sd = anp.sqrt(anp.real(anp.einsum("ii->i", c)))
    return c / sd[:, None] / sd[None, :]


def _trapezoid_impl(y, x=None, dx=1.0, axis=-1):
    nd = ndim_of(y)
    ax = axis % nd
    hi, lo = _along(ax, nd, slice(1, None)), _along(ax, nd, slice(None, -1))
    if x is None:
        d = dx
    elif ndim_of(x) == 1:
        d = x[1:] - x[:-1]
        d = anp.reshape(d, tuple(-1 if i == ax else 1 for i in range(nd)))
    else:
        xnd = ndim_of(x)
        xa = axis % xnd
        d = x[_along(xa, xnd, slice(1, None))] - x[_along(xa, xnd, slice(None, -1))]
    return anp.sum(d * (y[hi] + y[lo]) / 2.0, axis=ax)


def _interp_impl(x, xp, fp, left=None, right=None, period=None):
    # sample points given as lists are indexed below with indices computed from
    # x: make them arrays of x's own type (NEP 35 ``like=``: CuPy, Dask, ...)
    xv = getval(x)
    like = {"like": xv} if hasattr(type(xv), "__array_function__") else {}
    if type(xp) in (list, tuple):
        xp = anp.array(xp, **like)
    if type(fp) in (list, tuple):
        fp = anp.array(fp, **like)
    if period is not None:
        period = abs(period)
        x = x % period
        xp = xp % period
        order = onp.argsort(getval(xp), kind="stable")
        xp, fp = xp[order], fp[order]
        xp = anp.concatenate([xp[-1:] - period, xp, xp[:1] + period])
        fp = anp.concatenate([fp[-1:], fp, fp[:1]])
        left = right = None
    xv, xpv = getval(x), getval(xp)
    n = onp.shape(xpv)[0]
    if n == 1:
        out = fp[0] + 0.0 * x
    else:
        j = onp.clip(onp.searchsorted(xpv, xv, side="right") - 1, 0, n - 2)
        x0, x1, f0, f1 = xp[j], xp[j + 1], fp[j], fp[j + 1]
        out = f0 + (x - x0) / (x1 - x0) * (f1 - f0)
    lo = fp[0] if left is None else left
    hi = fp[-1] if right is None else right
    return anp.where(xv < xpv[0], lo, anp.where(xv > xpv[-1], hi, out))


def _gradient_impl(f, *varargs, axis=None, edge_order=1):
    nd = ndim_of(f)
    axes = tuple(range(nd)) if axis is None else \
        tuple(a % nd for a in (axis if isinstance(axis, (tuple, list)) else (axis,)))
    if len(varargs) == 0:
        spacing = [1.0] * len(axes)
    elif len(varargs) == 1:
        spacing = list(varargs) * len(axes)
    else:
        spacing = list(varargs)
    outs = []
    for ax, h in zip(axes, spacing):
        if ndim_of(h) != 0:
            raise NotImplementedError(
                "The gradient of numpy.gradient with coordinate arrays is not implemented; "
                "pass scalar spacings.")
        def s(i, ax=ax):
            return f[_along(ax, nd, i)]
        inner = (s(slice(2, None)) - s(slice(None, -2))) / (2.0 * h)
        if edge_order == 1:
            first = (s(slice(1, 2)) - s(slice(0, 1))) / h
            last = (s(slice(-1, None)) - s(slice(-2, -1))) / h
        else:
            first = (-1.5 * s(slice(0, 1)) + 2.0 * s(slice(1, 2)) - 0.5 * s(slice(2, 3))) / h
            last = (0.5 * s(slice(-3, -2)) - 2.0 * s(slice(-2, -1)) + 1.5 * s(slice(-1, None))) / h
        outs.append(anp.concatenate([first, inner, last], axis=ax))
    if len(outs) == 1:
        return outs[0]
    return type(onp.gradient(onp.zeros((3, 3))))(outs)


# ----------------------------------------------------------------- polynomials

def _polyval_impl(p, x):
    y = anp.zeros_like(getval(x)) + 0 * x
    for i in range(shape_of(p)[0]):
        y = y * x + p[i]
    return y


def _leading_zeros(a, n):
    return anp.concatenate([_zeros(a, n), a]) if n > 0 else a


def _polyadd_impl(a1, a2):
    a1, a2 = anp.atleast_1d(a1), anp.atleast_1d(a2)
    d = shape_of(a2)[0] - shape_of(a1)[0]
    return _leading_zeros(a1, d) + _leading_zeros(a2, -d)


def _polysub_impl(a1, a2):
    a1, a2 = anp.atleast_1d(a1), anp.atleast_1d(a2)
    d = shape_of(a2)[0] - shape_of(a1)[0]
    return _leading_zeros(a1, d) - _leading_zeros(a2, -d)


def _polymul_impl(a1, a2):
    return anp.convolve(anp.atleast_1d(a1), anp.atleast_1d(a2))


def _polyder_impl(p, m=1):
    for _ in range(m):
        n = shape_of(p)[0] - 1
        p = p[:-1] * onp.arange(n, 0, -1)
    return p


def _polyint_impl(p, m=1, k=None):
    if k is None:
        k = [0.0] * m
    elif ndim_of(k) == 0:
        k = [k] * m
    for i in range(m):
        n = shape_of(p)[0]
        ki = anp.reshape(k[i], (1,))
        p = anp.concatenate([p / onp.arange(n, 0, -1), ki])
    return p


def _poly_impl(seq_of_zeros):
    z = anp.atleast_1d(seq_of_zeros)
    if ndim_of(z) != 1:
        raise NotImplementedError("The gradient of poly of a matrix (its eigenvalues) is "
                                  "not implemented; pass the roots.")
    a = anp.ones_like(getval(z)[:1])
    for i in range(shape_of(z)[0]):
        a = anp.convolve(a, anp.stack([anp.ones_like(getval(z)[0]), -z[i]]))
    if not onp.iscomplexobj(onp.poly(getval(seq_of_zeros))):
        a = anp.real(a)
    return a


def _polydiv_impl(u, v):
    u, v = anp.atleast_1d(u) + 0.0, anp.atleast_1d(v) + 0.0
    m, n = shape_of(u)[0] - 1, shape_of(v)[0] - 1
    r = [u[i] for i in range(m + 1)]
    q = []
    for k in range(max(m - n + 1, 0)):
        d = r[k] / v[0]
        q.append(d)
        for j in range(n + 1):
            r[k + j] = r[k + j] - d * v[j]
    q = anp.stack(q) if q else anp.zeros_like(getval(u)[:1])
    raw_r = onp.polydiv(getval(u), getval(v))[1]
    return q, anp.stack(r[len(r) - len(raw_r):])


def _vander_impl(x, N=None, increasing=False):
    n = shape_of(x)[0] if N is None else N
    powers = onp.arange(n) if increasing else onp.arange(n - 1, -1, -1)
    return anp.expand_dims(x, -1) ** powers


def _polyfit_map(x, deg, rcond=None, w=None):
    """The matrix M with ``polyfit(x, y, deg) == M @ y`` (NumPy's scaled least squares)."""
    x = onp.asarray(getval(x)) + 0.0
    lhs = onp.vander(x, deg + 1)
    weights = onp.ones_like(x) if w is None else onp.asarray(getval(w), dtype=float)
    lhs = lhs * weights[:, None]
    if rcond is None:
        rcond = len(x) * onp.finfo(x.dtype).eps
    scale = onp.sqrt((lhs * lhs).sum(axis=0))
    sol = onp.linalg.lstsq(lhs / scale, onp.diag(weights), rcond=rcond)[0]
    return sol / scale[:, None]


def _polyfit_args(x, y, deg, rcond=None, full=False, w=None, cov=False):
    if full or cov:
        raise NotImplementedError("The gradient of polyfit(..., full=True / cov=...) is "
                                  "not implemented.")
    return _polyfit_map(x, deg, rcond, w)


def _polyfit_vjp(g, ans, x, y, *args, **kwargs):
    M = _polyfit_args(x, y, *args, **kwargs)
    return fit_cotangent(anp.dot(M.T, g), y)


def _polyfit_jvp(t, ans, x, y, *args, **kwargs):
    M = _polyfit_args(x, y, *args, **kwargs)
    return fit_tangent(anp.dot(M, t), ans)


# ----------------------------------------------------------------- cumulative

def _cumulative_impl(accumulate, fill):
    def impl(x, axis=None, dtype=None, out=None, include_initial=False):
        if axis is None:
            x = anp.reshape(x, (-1,))
            axis = 0
        c = accumulate(x, axis=axis)
        if dtype is not None:
            c = anp.astype_prim(c, dtype)
        if include_initial:
            shape = list(shape_of(c))
            shape[axis] = 1
            first = onp.full_like(getval(c), fill, shape=tuple(shape))
            c = anp.concatenate([first, c], axis=axis)
        return c
    return impl


# ----------------------------------------------------------------- ranges and filled arrays

def _lin_frac(num, endpoint):
    div = (num - 1) if endpoint else num
    return onp.arange(num) / div if div > 0 else onp.zeros(num), div


def _linspace_impl(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0,
                   **kwargs):
    frac, div = _lin_frac(num, endpoint)
    nd = max(ndim_of(start), ndim_of(stop))
    frac = onp.reshape(frac, (-1,) + (1,) * nd)
    y = start + frac * (stop - start)
    if axis != 0:
        y = anp.moveaxis(y, 0, axis)
    if dtype is not None:
        y = anp.astype_prim(y, dtype)
    if retstep:
        return y, (stop - start) / div if div > 0 else (stop - start) * onp.nan
    return y


def _logspace_impl(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    nd = max(ndim_of(start), ndim_of(stop), ndim_of(base))
    lift = lambda a: anp.reshape(a, (1,) * (nd - ndim_of(a)) + shape_of(a))   # noqa: E731
    y = _linspace_impl(lift(start), lift(stop), num, endpoint, axis=axis)
    y = anp.power(anp.expand_dims(lift(base), axis), y)
    return y if dtype is None else anp.astype_prim(y, dtype)


def _geomspace_impl(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    if onp.iscomplexobj(getval(start)) or onp.iscomplexobj(getval(stop)):
        y = anp.exp(_linspace_impl(anp.log(start), anp.log(stop), num, endpoint, axis=axis))
    else:
        sign = onp.sign(getval(start))
        y = anp.exp(_linspace_impl(anp.log(anp.abs(start)), anp.log(anp.abs(stop)), num,
                                   endpoint, axis=axis))
        if onp.ndim(sign):
            sign = anp.expand_dims(sign, axis)
        y = sign * y
    return y if dtype is None else anp.astype_prim(y, dtype)


def _arange_impl(*args, dtype=None, **kwargs):
    raw = onp.arange(*[getval(a) for a in args], dtype=dtype)
    k = onp.arange(raw.shape[0])
    if len(args) == 1:
        return k + 0.0 * args[0]
    start, step = args[0], (args[2] if len(args) > 2 else 1.0)
    return start + step * k + 0.0 * args[1]


def _kaiser_impl(M, beta):
    if M == 1:
        return onp.ones(1) + 0.0 * beta
    alpha = (M - 1) / 2.0
    r = onp.sqrt(1.0 - ((onp.arange(M) - alpha) / alpha) ** 2)
    return anp.i0(beta * r) / anp.i0(beta)


def _fill_vjp(g, ans, *args, **kwargs):
    return fit_cotangent(unbroadcast(g, args[1]), args[1])


def _fill_jvp(t, ans, *args, **kwargs):
    return fit_tangent(t, ans)


# ----------------------------------------------------------------- register

# fmt: off
COMPOSITES = [
    ("vecdot",            _vecdot_impl),
    ("matvec",            _matvec_impl),
    ("vecmat",            _vecmat_impl),
    ("unstack",           _unstack_impl),
    ("split",             _split_impl(onp.split, _split_axis)),
    ("array_split",       _split_impl(onp.array_split, _split_axis)),
    ("hsplit",            _split_impl(onp.hsplit, lambda nd, a, k: 1 if nd > 1 else 0)),
    ("vsplit",            _split_impl(onp.vsplit, lambda nd, a, k: 0)),
    ("dsplit",            _split_impl(onp.dsplit, lambda nd, a, k: 2)),
    ("meshgrid",          _meshgrid_impl),
    ("broadcast_arrays",  _broadcast_arrays_impl),
    ("rollaxis",          _rollaxis_impl),
    ("trim_zeros",        _trim_zeros_impl),
    ("correlate",         _correlate_impl),
    ("cov",               _cov_impl),
    ("corrcoef",          _corrcoef_impl),
    ("trapezoid",         _trapezoid_impl),
    ("interp",            _interp_impl),
    ("gradient",          _gradient_impl),
    ("polyval",           _polyval_impl),
    ("polyadd",           _polyadd_impl),
    ("polysub",           _polysub_impl),
    ("polymul",           _polymul_impl),
    ("polyder",           _polyder_impl),
    ("polyint",           _polyint_impl),
    ("polydiv",           _polydiv_impl),
    ("poly",              _poly_impl),
    ("vander",            _vander_impl),
    ("cumulative_sum",    _cumulative_impl(anp.cumsum, 0)),
    ("cumulative_prod",   _cumulative_impl(anp.cumprod, 1)),
    ("linspace",          _linspace_impl),
    ("logspace",          _logspace_impl),
    ("geomspace",         _geomspace_impl),
    ("arange",            _arange_impl),
    ("kaiser",            _kaiser_impl),
    ("block",             _block_impl),
    # NumPy 1.x only: deprecated spellings
    ("product",           lambda *a, **k: anp.prod(*a, **k)),
    ("cumproduct",        lambda *a, **k: anp.cumprod(*a, **k)),
]
MULTILINEAR = [
    ("cross",             _cross_impl),
]
IDENTITIES = ["copy", "asfortranarray", "asarray_chkfinite", "require"]
# fmt: on


def _fun(name):
    """The raw function behind ``autograd.numpy.<name>`` (None on NumPy versions without it)."""
    f = getattr(anp, name, None)
    return getattr(f, "__wrapped__", f)


def register():
    def_unary(_fun("i0"), lambda g, ans, x: g * bessel_i1(x))
    def_unary(bessel_i1, _i1_partial)
    def_binary(_fun("nextafter"), lambda g, ans, x, y: g, None)
    for name, impl in COMPOSITES:
        fun = _fun(name)
        if fun is not None:
            _def_composite(fun, impl)
    for name, impl in MULTILINEAR:
        _def_multilinear(_fun(name), impl)
    defvjp_argnum(_fun("convolve"), _convolve_vjp)
    defjvp_argnum(_fun("convolve"), lambda argnum, t, ans, args, kwargs: fit_tangent(
        anp.convolve(*subval(args, argnum, t), **kwargs), ans))
    for name in IDENTITIES:
        defvjp_fast(_fun(name), _identity_vjp)
        defjvp(_fun(name), _identity_jvp)
    defvjp_fast(_fun("polyfit"), _polyfit_vjp, argnums=[1])
    defjvp(_fun("polyfit"), _polyfit_jvp, argnums=[1])
    for name in ("full", "full_like"):
        defvjp_fast(_fun(name), None, _fill_vjp)
        defjvp(_fun(name), None, _fill_jvp)
