"""The ``scipy.signal`` rule set (loader declared by the plugin).

Every convolution here is bilinear: its JVP in one input is the function
itself with the tangent in that input's slot, and its VJP is a convolution
of the cotangent with the other input flipped.  A ``'valid'`` or ``'same'``
result is a centred crop of the ``'full'`` one; the cotangent is first put
back in place inside a zero ``'full'``-shaped array, then

    in1_bar = conv(g_full, flip(in2), 'valid')    (and symmetrically for in2)

with ``conv`` the function itself.  ``correlate(a, b)`` is
``convolve(a, flip(b))`` (for real ``b``), so the same line holds for
``in1``, and ``in2_bar = flip(correlate(g_full, in1, 'valid'))``; the crop of
``correlate2d``'s ``'same'`` mode is rounded the other way.

The windows/fold pair behind HIPS-style ``convolve(A, B, axes, dot_axes)``
are linear and each other's adjoint.
"""

import numpy as onp

from autograd.extend import (defjvp, defjvp_argnum, defvjp_argnum,
                             defvjp_fast, getval)
from autograd.extend import once_per_registry, subval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent, fit_tangent
from autograd_numpy.util import ndim_of as _ndim
from autograd_numpy.util import shape_of as _shape

from .. import signal as asig
from .._composites import register_names

__all__ = ["register"]


def _embed(g, full, axes, ceil):
    """``g`` placed in the centre of a zero array of ``full`` sizes along ``axes``."""
    shape = list(_shape(g))
    for ax, n in zip(axes, full):
        extra = n - shape[ax]
        if not extra:
            continue
        lo = (extra + 1) // 2 if ceil else extra // 2
        dtype = onp.result_type(getval(g))
        parts = []
        if lo:
            parts.append(onp.zeros(shape[:ax] + [lo] + shape[ax + 1:], dtype))
        parts.append(g)
        if extra - lo:
            parts.append(onp.zeros(shape[:ax] + [extra - lo] + shape[ax + 1:], dtype))
        g = anp.concatenate(parts, ax)
        shape[ax] = n
    return g


def _conv_rule(conv, flip_in2, nd_axes, ceil=False, check=None, takes_axes=False):
    """VJP maker of a convolution-like ``conv(in1, in2, mode, ...)``.

    ``flip_in2``: the function convolves with ``flip(in2)`` (a correlation);
    ``nd_axes(args, kwargs)``: the convolved axes; ``ceil``: a ``'same'`` crop
    that starts at the rounded-up centre; ``takes_axes``: ``conv`` has ``axes=``.
    """
    def vjp(argnum, ans, args, kwargs):
        if check is not None:
            check(args, kwargs)
        a, b = args[0], args[1]
        axes = nd_axes(args, kwargs)
        full = [_shape(a)[i] + _shape(b)[i] - 1 for i in axes]

        def flip(x):
            return anp.flip(x, tuple(axes))

        def run(x, y):
            return conv(x, y, "valid", axes=axes) if takes_axes else conv(x, y, "valid")

        def ct(g):
            gf = _embed(g, full, axes, ceil)
            if argnum == 0:
                return fit_cotangent(run(gf, flip(b)), a)
            if flip_in2:    # correlate(gf, a) is convolve(gf, flip(a))
                return fit_cotangent(flip(run(gf, a)), b)
            return fit_cotangent(run(gf, flip(a)), b)
        return ct
    return vjp


def _same(fun):
    def jvp(argnum, t, ans, args, kwargs):
        return fit_tangent(fun(*subval(args, argnum, t), **kwargs), ans)
    return jvp


def _all_axes(args, kwargs):
    return list(range(max(_ndim(args[0]), _ndim(args[1]))))


def _fft_axes(args, kwargs):
    axes = args[3] if len(args) > 3 else kwargs.get("axes")
    nd = _ndim(args[0])
    if axes is None:
        return list(range(nd))
    if onp.ndim(axes) == 0:
        axes = [axes]
    return sorted(int(i) % nd for i in axes)


def _check_fill(args, kwargs):
    names = ("mode", "boundary", "fillvalue")
    opts = dict(zip(names, args[2:]))
    opts.update(kwargs)
    if opts.get("boundary", "fill") != "fill" or opts.get("fillvalue", 0) != 0:
        raise NotImplementedError("Gradient of convolve2d/correlate2d is implemented for "
                                  "boundary='fill' with fillvalue=0 only.")


# ----------------------------------------------------------------- windows / fold

def _windows_vjp(g, ans, x, axes, sizes, starts, counts):
    return asig.fold(g, axes, sizes, starts, counts, _shape(x))


def _fold_vjp(g, ans, w, axes, sizes, starts, counts, shape):
    return asig.windows(g, axes, sizes, starts, counts)


# ----------------------------------------------------------------- linear filtering
#
# fir, allpole and lagcorr (see :mod:`autograd_scipy.signal`) act along the
# last axis.  The transpose of a causal filter is the same filter run
# backwards in time (``flip(filter(flip(g)))``); with ``A y = v`` the all-pole
# output moves as ``dy = -allpole(a, fir(da, y))``; the derivative of a filter
# in its coefficients is a lag correlation of the signal, whose transposes
# are filters again.

def _rev(x):
    return anp.flip(x, -1)


def _fir_vjp_b(g, ans, b, x):
    return fit_cotangent(asig.lagcorr(g, x, _shape(b)[0]), b)


def _fir_vjp_x(g, ans, b, x):
    return fit_cotangent(_rev(asig.fir(b, _rev(g))), x)


def _allpole_vjp_a(g, ans, a, v):
    w = _rev(asig.allpole(a, _rev(g)))
    return fit_cotangent(-asig.lagcorr(w, ans, _shape(a)[0]), a)


def _allpole_vjp_v(g, ans, a, v):
    return fit_cotangent(_rev(asig.allpole(a, _rev(g))), v)


def _allpole_jvp_a(t, ans, a, v):
    return fit_tangent(-asig.allpole(a, asig.fir(t, ans)), ans)


def _lagcorr_vjp_g(c, ans, g, x, L):
    return fit_cotangent(asig.fir(c, x), g)


def _lagcorr_vjp_x(c, ans, g, x, L):
    return fit_cotangent(_rev(asig.fir(c, _rev(g))), x)


def _same_fit(fun, argnum):
    def jvp(t, ans, *args):
        args = list(args)
        args[argnum] = t
        return fit_tangent(fun(*args), ans)
    return jvp


# ----------------------------------------------------------------- linear maps by matrix
#
# The fallback for the few options of a linear function that have no
# structured gradient: the transpose is read off the function's matrix, so it
# is refused past MATRIX_LIMIT entries instead of exhausting memory.

MATRIX_LIMIT = 2e7

def _linear_map_vjp(g, ans, x, fun, core=1):
    """The transpose of the real-linear ``fun`` on ``x``'s last ``core`` axes, from its
    matrix: ``fun`` applied to the unit vectors (and ``1j`` times them for complex ``x``)."""
    xs = _shape(x)
    core_shape = xs[len(xs) - core:]
    k = int(onp.prod(core_shape))
    entries = k * int(onp.prod(_shape(ans)[len(xs) - core:]))   # batch axes lead in ans
    if entries > MATRIX_LIMIT:
        name = getattr(getattr(fun, "func", fun), "__name__", repr(fun))
        raise NotImplementedError(
            f"The gradient of {name} along an axis of length {k} would build its dense "
            f"{k} x {entries // k} matrix ({entries:.3g} entries, limit {MATRIX_LIMIT:.0e}); "
            "this option has no structured gradient yet.")
    basis = onp.eye(k).reshape((k,) + core_shape)
    m_re = fun(basis)
    c = int(onp.prod(m_re.shape[1:]))
    g2 = anp.reshape(g, (-1, c))
    out = anp.dot(g2, m_re.reshape(k, c).T)
    if anp.iscomplexobj(x):
        # real-linear: x_bar = Re(A^T g) - i Re(B^T g), A = fun(e_j), B = fun(i e_j)
        m_im = fun(1j * basis)
        out = anp.real(out) - 1j * anp.real(anp.dot(g2, m_im.reshape(k, c).T))
    return fit_cotangent(anp.reshape(out, xs[:len(xs) - core] + core_shape), x)


# ----------------------------------------------------------------- registration


@once_per_registry
def register():
    """Register the scipy.signal rules into the active registry (idempotent)."""
    # fmt: off
    # function                 flip in2  convolved axes  'same' crop  check        axes=
    table = [
        (asig._scipy_convolve,  False,    _all_axes,      False,       None,        False),
        (asig.correlate,        True,     _all_axes,      False,       None,        False),
        (asig.fftconvolve,      False,    _fft_axes,      False,       None,        True),
        (asig.oaconvolve,       False,    _fft_axes,      False,       None,        True),
        (asig.convolve2d,       False,    _all_axes,      False,       _check_fill, False),
        (asig.correlate2d,      True,     _all_axes,      True,        _check_fill, False),
    ]
    # fmt: on
    for fun, flip_in2, axes, ceil, check, takes_axes in table:
        defvjp_argnum(fun, _conv_rule(fun, flip_in2, axes, ceil, check, takes_axes))
        defjvp_argnum(fun, _same(fun))
    defvjp_fast(asig.windows, _windows_vjp)
    defjvp(asig.windows, "same")
    defvjp_fast(asig.fold, _fold_vjp)
    defjvp(asig.fold, "same")

    defvjp_fast(asig.fir, _fir_vjp_b, _fir_vjp_x)
    defjvp(asig.fir, _same_fit(asig.fir, 0), _same_fit(asig.fir, 1))
    defvjp_fast(asig.allpole, _allpole_vjp_a, _allpole_vjp_v)
    defjvp(asig.allpole, _allpole_jvp_a, _same_fit(asig.allpole, 1))
    defvjp_fast(asig.lagcorr, _lagcorr_vjp_g, _lagcorr_vjp_x)
    defjvp(asig.lagcorr, _same_fit(asig.lagcorr, 0), _same_fit(asig.lagcorr, 1))
    defvjp_fast(asig.linear_map, _linear_map_vjp)
    defjvp(asig.linear_map, "same")

    register_names(asig, asig._sps)
