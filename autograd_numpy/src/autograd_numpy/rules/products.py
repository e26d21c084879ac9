"""Rules of products: dot, matmul, tensordot, einsum, inner, outer, vdot, kron,
the vector products ``vecdot``, ``matvec``, ``vecmat``, ``cross``, and
``convolve``/``correlate``.

All are (multi)linear: the JVP puts the tangent in one argument's slot, and the
VJP for an argument contracts ``g`` with the other arguments.  No conjugation
appears (VJPs of holomorphic maps are ``g * f'``), except in ``vdot`` and
``vecdot``/``vecmat``, which conjugate their first argument.  ``vecdot``,
``matvec``, ``vecmat``, ``cross`` and ``correlate`` take their VJPs from an
equivalent written with ``matmul``/``convolve``
(:func:`~autograd_numpy.rules.def_composite`).
"""

import string

import numpy as onp

from autograd.extend import (defjvp, defjvp_argnum, defvjp_argnum, defvjp_fast, getval,
                             make_vjp, subval)

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent, unbroadcast
from ..util import ndim_of, shape_of
from . import def_composite, raw, zeros_1d

__all__ = ["register", "tensordot_adjoints"]


def _multilinear_jvp(fun):
    def jvp(argnum, t, ans, args, kwargs):
        return fit_tangent(fun(*subval(args, argnum, t), **kwargs), ans)
    return jvp


# ----------------------------------------------------------------- tensordot

def _normalize_axes(axes, a_nd, b_nd):
    if isinstance(axes, int):
        return list(range(a_nd - axes, a_nd)), list(range(axes))
    axes_a, axes_b = axes
    if isinstance(axes_a, int):
        axes_a = [axes_a]
    if isinstance(axes_b, int):
        axes_b = [axes_b]
    return [int(i) % a_nd for i in axes_a], [int(i) % b_nd for i in axes_b]


def tensordot_adjoints(g, a, b, axes_a, axes_b, which):
    """Cotangent of ``a`` (``which == 0``) or ``b`` for ``tensordot(a, b, (axes_a, axes_b))``."""
    a_nd, b_nd = ndim_of(a), ndim_of(b)
    free_a = [i for i in range(a_nd) if i not in axes_a]
    free_b = [i for i in range(b_nd) if i not in axes_b]
    g_nd = len(free_a) + len(free_b)
    if which == 0:
        out = anp.tensordot(g, b, (list(range(len(free_a), g_nd)), free_b))
        # out's axes: a's free axes, then a's contracted axes in the order of b's
        by_b = [axes_a[j] for j in onp.argsort(axes_b)]
        return anp.transpose(out, list(onp.argsort(free_a + by_b)))
    out = anp.tensordot(a, g, (free_a, list(range(len(free_a)))))
    by_a = [axes_b[j] for j in onp.argsort(axes_a)]
    return anp.transpose(out, list(onp.argsort(by_a + free_b)))


def _tensordot_vjp(argnum, ans, args, kwargs):
    a, b = args[0], args[1]
    axes = args[2] if len(args) > 2 else kwargs.get("axes", 2)
    axes_a, axes_b = _normalize_axes(axes, ndim_of(a), ndim_of(b))
    return lambda g: fit_cotangent(tensordot_adjoints(g, a, b, axes_a, axes_b, argnum),
                                   args[argnum])


# ----------------------------------------------------------------- dot, inner, outer, vdot

def _dot_vjp_a(g, ans, a, b, out=None):
    a_nd, b_nd = ndim_of(a), ndim_of(b)
    if a_nd == 0 or b_nd == 0:
        return fit_cotangent(g * b, a)
    if b_nd == 1:
        return fit_cotangent(anp.tensordot(g, b, 0), a)
    contract = list(range(a_nd - 1, a_nd - 1 + b_nd - 2)) + [a_nd - 1 + b_nd - 2]
    b_axes = list(range(b_nd - 2)) + [b_nd - 1]
    return fit_cotangent(anp.tensordot(g, b, (contract, b_axes)), a)


def _dot_vjp_b(g, ans, a, b, out=None):
    a_nd, b_nd = ndim_of(a), ndim_of(b)
    if a_nd == 0 or b_nd == 0:
        return fit_cotangent(g * a, b)
    lead = list(range(a_nd - 1))
    out = anp.tensordot(a, g, (lead, lead))
    if b_nd >= 2:
        out = anp.moveaxis(out, 0, b_nd - 2)
    return fit_cotangent(out, b)


def _inner_vjp(argnum, ans, args, kwargs):
    a, b = args
    if ndim_of(a) == 0 or ndim_of(b) == 0:
        other = args[1 - argnum]
        return lambda g: fit_cotangent(g * other, args[argnum])
    axes_a, axes_b = [ndim_of(a) - 1], [ndim_of(b) - 1]
    return lambda g: fit_cotangent(tensordot_adjoints(g, a, b, axes_a, axes_b, argnum),
                                   args[argnum])


def _outer_vjp_a(g, ans, a, b, out=None):
    return fit_cotangent(anp.reshape(anp.dot(g, anp.ravel(b)), shape_of(a)), a)


def _outer_vjp_b(g, ans, a, b, out=None):
    return fit_cotangent(anp.reshape(anp.dot(anp.ravel(a), g), shape_of(b)), b)


def _vdot_vjp_a(g, ans, a, b):
    return fit_cotangent(anp.reshape(anp.conj(g * b), shape_of(a)), a)


def _vdot_vjp_b(g, ans, a, b):
    return fit_cotangent(anp.reshape(g * anp.conj(a), shape_of(b)), b)


# ----------------------------------------------------------------- matmul

_ndarray = onp.ndarray


def _last_two_swapped(x):
    # transpose for a matrix: pydata/sparse's GCXS has transpose but no swapaxes
    return anp.transpose(x) if ndim_of(x) == 2 else anp.swapaxes(x, -1, -2)


def _matmul_vjp(argnum):
    def vjp(g, ans, a, b, *args, **kwargs):
        if (not args and not kwargs and type(g) is _ndarray and type(a) is _ndarray
                and type(b) is _ndarray and a.ndim == 2 and b.ndim == 2
                and a.dtype == b.dtype == g.dtype):
            # Raw 2-D operands of one dtype (the MLP case): the GEMM alone, with
            # no shape or dtype fitting to do.  ((g.T @ a).T would be ~2% faster
            # here but returns Fortran-ordered gradients; we keep C order.)
            if argnum == 0:
                return onp.matmul(g, b.T)
            return onp.matmul(a.T, g)
        if kwargs.get("axes") is not None or kwargs.get("axis") is not None:
            raise NotImplementedError("The gradient of matmul(..., axes=...) is not implemented.")
        a_nd, b_nd = ndim_of(a), ndim_of(b)
        a2 = a if a_nd >= 2 else anp.reshape(a, (1,) + shape_of(a))
        b2 = b if b_nd >= 2 else anp.reshape(b, shape_of(b) + (1,))
        g2 = g
        if a_nd == 1:
            g2 = anp.expand_dims(g2, -2 if b_nd >= 2 else -1)
        if b_nd == 1:
            g2 = anp.expand_dims(g2, -1)
        if argnum == 0:
            ct = anp.matmul(g2, _last_two_swapped(b2))
            ct = unbroadcast(ct, a2)
            return fit_cotangent(anp.reshape(ct, shape_of(a)), a)
        ct = anp.matmul(_last_two_swapped(a2), g2)
        ct = unbroadcast(ct, b2)
        return fit_cotangent(anp.reshape(ct, shape_of(b)), b)
    return vjp


_MATMUL_VJPS = (_matmul_vjp(0), _matmul_vjp(1))


def _matmul_joint(g, ans, args, kwargs, argnums):
    """Both of matmul's VJPs in one call (the RNN's backward pass is mostly these)."""
    if len(args) == 2 and not kwargs and type(g) is _ndarray:
        a, b = args
        if (type(a) is _ndarray and type(b) is _ndarray and a.ndim == 2 and b.ndim == 2
                and a.dtype == b.dtype == g.dtype):
            # the raw 2-D case of _matmul_vjp, as there (no comprehension: a
            # function call of its own before Python 3.12)
            if len(argnums) == 2:
                return [onp.matmul(g, b.T), onp.matmul(a.T, g)]
            return [onp.matmul(g, b.T) if argnums[0] == 0 else onp.matmul(a.T, g)]
    return [_MATMUL_VJPS[i](g, ans, *args, **kwargs) for i in argnums]


def _without_ans(args, ans):
    # matmul's VJPs read its arguments, never its result
    return args, None


# ----------------------------------------------------------------- kron

def _kron_vjp(argnum, ans, args, kwargs):
    a, b = args
    nd = max(ndim_of(a), ndim_of(b))
    a_s = (1,) * (nd - ndim_of(a)) + shape_of(a)
    b_s = (1,) * (nd - ndim_of(b)) + shape_of(b)
    inter = tuple(n for pair in zip(a_s, b_s) for n in pair)
    even, odd = list(range(0, 2 * nd, 2)), list(range(1, 2 * nd, 2))

    def vjp(g):
        gr = anp.reshape(g, inter)
        if argnum == 0:
            ct = anp.tensordot(gr, anp.reshape(b, b_s), (odd, list(range(nd))))
            return fit_cotangent(anp.reshape(ct, shape_of(a)), a)
        ct = anp.tensordot(anp.reshape(a, a_s), gr, (list(range(nd)), even))
        return fit_cotangent(anp.reshape(ct, shape_of(b)), b)
    return vjp


# ----------------------------------------------------------------- einsum

_LETTERS = string.ascii_letters


def parse_einsum(args):
    """``(input subscripts, output subscript, operand positions)`` of an einsum call.

    Both calling forms are understood (``'ij,jk->ik', A, B`` and the interleaved
    ``A, [0, 1], B, [1, 2], [0, 2]``); ellipses are expanded into letters of
    their own, and an implicit output is made explicit.
    """
    if isinstance(args[0], str):
        spec = args[0].replace(" ", "")
        positions = list(range(1, len(args)))
        ins, arrow, out = spec.partition("->")
        ins = ins.split(",")
        explicit = bool(arrow)
    else:
        positions = list(range(0, len(args) - 1, 2))
        subs = [args[i + 1] for i in positions]
        explicit = len(args) % 2 == 1
        out_list = args[-1] if explicit else None

        def letters(sub):
            return "".join("..." if s is Ellipsis else _LETTERS[s] for s in sub)
        ins = [letters(s) for s in subs]
        out = letters(out_list) if explicit else ""
    used = set("".join(ins) + out) - set(".")
    spare = [c for c in _LETTERS if c not in used]
    ell_nd = 0
    for sub, pos in zip(ins, positions):
        if "..." in sub:
            ell_nd = max(ell_nd, ndim_of(args[pos]) - (len(sub) - 3))
    ell = "".join(spare[:ell_nd])
    full_ins = []
    for sub, pos in zip(ins, positions):
        if "..." in sub:
            k = ndim_of(args[pos]) - (len(sub) - 3)
            sub = sub.replace("...", ell[ell_nd - k:] if k else "")
        full_ins.append(sub)
    if explicit:
        out = out.replace("...", ell)
    else:
        counts = {}
        for c in "".join(full_ins):
            counts[c] = counts.get(c, 0) + 1
        out = ell + "".join(sorted(c for c, n in counts.items() if n == 1 and c not in ell))
    return full_ins, out, positions


def _einsum_vjp(argnum, ans, args, kwargs):
    ins, out, positions = parse_einsum(args)
    k = positions.index(argnum)
    operands = [args[p] for p in positions]
    sizes = {}
    for sub, op in zip(ins, operands):
        for c, n in zip(sub, shape_of(op)):
            sizes[c] = max(sizes.get(c, 1), n)
    target = ins[k]
    # constants below are made in the operand's array library (NEP 35 ``like=``)
    ref = getval(operands[k])
    like = {"like": ref} if hasattr(type(ref), "__array_function__") else {}
    others = [(s, op) for j, (s, op) in enumerate(zip(ins, operands)) if j != k]
    spare = iter(c for c in _LETTERS if c not in sizes)
    # Repeated letters in the target (a diagonal): give each repeat a letter of
    # its own and tie it to the first with an identity matrix.
    new_target, extra = "", []
    for c in target:
        if c in new_target:
            d = next(spare)
            extra.append((c + d, onp.eye(sizes[c], **like)))
            new_target += d
        else:
            new_target += c
    # Letters only the target has were summed away: broadcast g back over them.
    elsewhere = set(out + "".join(s for s, _ in others) + "".join(s for s, _ in extra))
    for c in set(new_target) - elsewhere:
        extra.append((c, onp.ones(sizes[c], **like)))
    # Axes where the target has length 1 but was broadcast: sum them back.
    squeeze = [i for i, (c, n) in enumerate(zip(target, shape_of(operands[k])))
               if n == 1 and sizes[c] != 1]
    opt = {key: kwargs[key] for key in ("optimize",) if key in kwargs}

    def vjp(g):
        subs = ",".join([out] + [s for s, _ in others] + [s for s, _ in extra])
        ct = anp.einsum(subs + "->" + new_target, g, *[op for _, op in others],
                        *[e for _, e in extra], **opt)
        if squeeze:
            ct = anp.sum(ct, axis=tuple(squeeze), keepdims=True)
        return fit_cotangent(ct, operands[k])
    return vjp


# ----------------------------------------------------------------- vecdot, matvec, vecmat, cross

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


def _def_multilinear(fun, impl):
    """``fun`` is linear in each argument: JVP ``fun`` on the tangent, VJP from ``impl``."""
    def vjp(argnum, ans, args, kwargs):
        return make_vjp(impl, argnum)(*args, **kwargs)[0]

    defvjp_argnum(fun, vjp)
    defjvp_argnum(fun, _multilinear_jvp(fun))


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
    return anp.concatenate([zeros_1d(g, start), g, zeros_1d(g, m + n - 1 - start - length)])


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


def register():
    defvjp_fast(anp.dot, _dot_vjp_a, _dot_vjp_b)
    defjvp(anp.dot, "same", "same")
    defvjp_fast(anp.matmul, *_MATMUL_VJPS, joint=_matmul_joint, keep=_without_ans)
    defjvp(anp.matmul, "same", "same")
    defvjp_argnum(anp.tensordot, _tensordot_vjp)
    defjvp_argnum(anp.tensordot, _multilinear_jvp(anp.tensordot))
    defvjp_argnum(anp.inner, _inner_vjp)
    defjvp_argnum(anp.inner, _multilinear_jvp(anp.inner))
    defvjp_fast(anp.outer, _outer_vjp_a, _outer_vjp_b)
    defjvp(anp.outer, "same", "same")
    defvjp_fast(anp.vdot, _vdot_vjp_a, _vdot_vjp_b)
    defjvp(anp.vdot, "same", "same")
    defvjp_argnum(anp.kron, _kron_vjp)
    defjvp_argnum(anp.kron, _multilinear_jvp(anp.kron))
    defvjp_argnum(anp.einsum, _einsum_vjp)
    defjvp_argnum(anp.einsum, _multilinear_jvp(anp.einsum))
    for name, impl in (("vecdot", _vecdot_impl), ("matvec", _matvec_impl),
                       ("vecmat", _vecmat_impl), ("correlate", _correlate_impl)):
        fun = raw(name)
        if fun is not None:
            def_composite(fun, impl, fit_vjps=True)
    _def_multilinear(raw("cross"), _cross_impl)
    defvjp_argnum(raw("convolve"), _convolve_vjp)
    defjvp_argnum(raw("convolve"), _multilinear_jvp(anp.convolve))
