"""NumPy gradient rules, one module per family, plus the shapes rule tables share.

Families: :mod:`.elementwise` (unary and binary ufuncs, ``where``, ``clip``),
:mod:`.reductions` (``sum`` ... ``cumprod``, nan-reductions), :mod:`.shapes`
(reshaping, joining, indexing, casting), :mod:`.products` (``dot``,
``matmul``, ``tensordot``, ``einsum``, ...), :mod:`.linalg` (``numpy.linalg``)
and :mod:`.fft` (``numpy.fft``).  Each module has a ``register()``
that installs its rules in the active registry; importing it registers
nothing.  Every rule has a VJP and a JVP, side by side.

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
"""

from autograd.extend import def_composite as _def_composite
from autograd.extend import defjvp, defvjp_fast

from ..broadcasting import fit_cotangent, fit_tangent

__all__ = ["def_unary", "def_binary", "def_linear", "def_composite"]


def def_unary(fun, partial):
    """Rules of an elementwise ``fun`` from ``partial(g, ans, x) = g * f'(x)``.

    The same expression is the VJP (``g`` a cotangent; ``f`` holomorphic or
    real, so no conjugation) and the JVP (``g`` a tangent).

    >>> def_unary(anp.sin, lambda g, ans, x: g * anp.cos(x))
    """
    defvjp_fast(fun, lambda g, ans, x, *args, **kwargs: partial(g, ans, x))
    defjvp(fun, lambda t, ans, x, *args, **kwargs: partial(t, ans, x))


def def_binary(fun, partial_x, partial_y):
    """Rules of an elementwise, broadcasting ``fun(x, y)`` from its two partials.

    ``partial_x(g, ans, x, y) = g * df/dx`` (``None``: no gradient).  The VJP
    sums the result over broadcast axes; the JVP broadcasts it to the output.
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

    defvjp_fast(fun, vjp(partial_x, 0), vjp(partial_y, 1))
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


def def_composite(fun, impl):
    """Rules of ``fun`` from ``impl``, an equivalent built from primitives that have rules:
    :func:`autograd.extend.def_composite`, with JVPs fitted to the dtype NumPy gives
    (``impl`` may compute in another precision, NumPy 1.x casting)."""
    _def_composite(fun, impl, fit=fit_tangent)
