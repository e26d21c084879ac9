"""NumPy gradient rules, one module per family, plus the shapes rule tables share.

Families: :mod:`.elementwise` (unary and binary ufuncs, ``where``, ``clip``),
:mod:`.reductions` (``sum`` ... ``cumprod``, nan-reductions), :mod:`.shapes`
(reshaping, joining, indexing, casting), :mod:`.products` (``dot``,
``matmul``, ``tensordot``, ``einsum``, ``convolve``, ...), :mod:`.calculus`
(``gradient``, ``trapezoid``, ``interp``), :mod:`.polynomials`,
:mod:`.creation` (``linspace``, ``arange``, ``full``, ...), :mod:`.sorting`
(sorts and order statistics), :mod:`.selection` (``take``, ``pad``,
``diag``, ...), :mod:`.functional` (callables, sets, ``roots``),
:mod:`.linalg` (``numpy.linalg``) and :mod:`.fft` (``numpy.fft``).  Each
module has a ``register()`` that installs its rules in the active registry;
importing it registers nothing.  Every rule has a VJP and a JVP, side by side.

Rules run on boxes when derivatives are nested, so they are written with
``autograd.numpy`` functions only (never ``numpy`` directly on a value that
may be traced) and look through boxes (``getval``) before branching on a
value.  They dispatch through NumPy's array protocols: ``zeros_like(x)``, not
``zeros(shape)``.

The helpers below are the shapes of rule that recur:

* :func:`def_unary` -- an elementwise function given by ``g * f'(x)``;
* :func:`def_binary` -- an elementwise function of two broadcast arguments;
* :func:`def_linear` -- a function linear in its first argument, given its VJP;
* :func:`def_composite` -- rules obtained by differentiating an equivalent
  written with primitives that have rules (for the less common functions).

and small pieces the modules share: :func:`raw` (the raw function behind an
``autograd.numpy`` name), :func:`along` (an index along one axis),
:func:`zeros_1d`, :func:`safe_div` (a quotient that is 0 where the divisor
is), :func:`is_complex`.  Helpers the whole add-on shares (``shape_of``, ...) are in
:mod:`autograd_numpy.util`.
"""

import numpy as onp

from autograd.extend import def_composite as _def_composite
from autograd.extend import (batch_only, defjvp, defjvp_argnum, defvjp_argnum, defvjp_fast, getval,
                             is_batched, make_jvp, make_vjp)

from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent, fit_tangent

__all__ = ["def_unary", "def_binary", "def_linear", "def_composite", "raw", "along", "zeros_1d",
           "safe_div", "is_complex"]


def def_unary(fun, partial):
    """Rules of an elementwise ``fun`` from ``partial(g, ans, x) = g * f'(x)``.

    The same expression is the VJP (``g`` a cotangent; ``f`` holomorphic or
    real, so no conjugation) and the JVP (``g`` a tangent).

    >>> def_unary(anp.sin, lambda g, ans, x: g * anp.cos(x))
    """
    def joint(g, ans, args, kwargs, argnums):   # the one argument: one call per tape entry
        return [partial(g, ans, args[0])]

    defvjp_fast(fun, lambda g, ans, x, *args, **kwargs: partial(g, ans, x), joint=joint)
    defjvp(fun, lambda t, ans, x, *args, **kwargs: partial(t, ans, x))


_ndarray = onp.ndarray


def def_binary(fun, partial_x, partial_y, joint=None, keep=None):
    """Rules of an elementwise, broadcasting ``fun(x, y)`` from its two partials.

    ``partial_x(g, ans, x, y) = g * df/dx`` (``None``: no gradient).  The VJP
    sums the result over broadcast axes; the JVP broadcasts it to the output.
    ``joint`` (see :func:`autograd.extend.defvjp_fast`) replaces the VJP made
    of the partials for speed; it must give the same cotangents.  ``keep``
    (with ``joint`` only) says what ``joint`` needs of a recorded call.
    """
    def vjp(partial, argnum):
        if partial is None:
            return None
        return lambda g, ans, x, y, *args, **kwargs: fit_cotangent(
            partial(g, ans, x, y), (x, y)[argnum])

    def jvp(partial):
        if partial is None:
            return None
        return lambda t, ans, x, y, *args, **kwargs: fit_tangent(partial(t, ans, x, y), ans)

    if joint is None:
        partials = (partial_x, partial_y)

        def joint(g, ans, args, kwargs, argnums):
            # the per-argument rules above in one call, with fit_cotangent's
            # first test inlined (a raw array that already fits)
            x, y = args[0], args[1]
            out = []
            for i in argnums:
                partial = partials[i]
                if partial is None:
                    out.append(None)
                    continue
                ct, target = partial(g, ans, x, y), args[i]
                if not (type(ct) is _ndarray and type(target) is _ndarray
                        and ct.shape == target.shape and ct.dtype == target.dtype):
                    ct = fit_cotangent(ct, target)
                out.append(ct)
            return out

    defvjp_fast(fun, vjp(partial_x, 0), vjp(partial_y, 1), joint=joint, keep=keep)
    defjvp(fun, jvp(partial_x), jvp(partial_y))


def def_linear(fun, vjp, nondiff_args=()):
    """``fun`` is linear in its first argument: give its VJP ``vjp(g, ans, x, *args, **kw)``.

    The JVP is ``fun`` itself applied to the tangent.  Arguments listed in
    ``nondiff_args`` (positions) get no gradient.
    """
    n = 1 + max(nondiff_args, default=0)
    vjps = [vjp] + [None] * (n - 1)
    defvjp_fast(fun, *vjps)
    defjvp(fun, "same", *([None] * (n - 1)))


def def_composite(fun, impl, fit_vjps=False):
    """Rules of ``fun`` from ``impl``, an equivalent built from primitives that have rules:
    :func:`autograd.extend.def_composite`, with JVPs fitted to the dtype NumPy gives
    (``impl`` may compute in another precision, NumPy 1.x casting).

    ``fit_vjps=True`` also fits each VJP's result to its argument (an argument
    that is a list or tuple, as ``block``'s nested lists, excepted) and each item
    of a tuple or list output's JVP: for functions whose NumPy dtypes differ
    from ``impl``'s (``cov`` of float32 data is float64, for instance).
    """
    if not fit_vjps:
        _def_composite(fun, impl, fit=fit_tangent)
        return

    def vjp(argnum, ans, args, kwargs):
        f = make_vjp(impl, argnum)(*args, **kwargs)[0]
        if type(getval(args[argnum])) in (tuple, list):
            return f
        return lambda g: fit_cotangent(f(g), args[argnum])

    def jvp(argnum, t, ans, args, kwargs):
        return _fit_items(make_jvp(impl, argnum)(*args, **kwargs)(t)[1], ans)

    defvjp_argnum(fun, vjp)
    defjvp_argnum(fun, jvp)


def _fit_items(t, ans):
    """``fit_tangent`` for one array, or for each array of a tuple/list output."""
    if type(getval(ans)) in (tuple, list):
        return type(getval(ans))(_fit_items(ti, ai) for ti, ai in zip(t, getval(ans)))
    return fit_tangent(t, ans)


def raw(name):
    """The raw function behind ``autograd.numpy.<name>`` (None on NumPy versions without it)."""
    f = getattr(anp, name, None)
    return getattr(f, "__wrapped__", f)


def along(axis, ndim, index):
    """An index tuple selecting ``index`` along ``axis`` of an ``ndim``-dimensional array."""
    return (slice(None),) * (axis % ndim) + (index,)


def zeros_1d(like, n):
    """``n`` zeros of ``like``'s dtype (and array type), as a 1-D array."""
    if is_batched(like):            # inside vmap: n zeros per example
        return anp.zeros_like(batch_only(like), shape=(n,))
    return onp.zeros_like(getval(like), shape=(n,))


def safe_div(num, den):
    """``num / den`` where ``den != 0``, else 0 (subgradients at 0; also for derivatives)."""
    # a traced den compares as a traced value (inside vmap: per example)
    zero = den == 0
    return anp.where(zero, 0, num / anp.where(zero, 1, den))


def is_complex(x):
    """Whether ``x`` (raw or boxed) has a complex dtype."""
    v = getval(x)
    dtype = getattr(v, "dtype", None)   # (pydata/sparse has no numpy.iscomplexobj)
    return dtype.kind == "c" if isinstance(dtype, onp.dtype) else onp.iscomplexobj(v)
