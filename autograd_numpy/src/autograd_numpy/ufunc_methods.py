"""Ufunc methods of ``autograd.numpy``'s ufuncs: ``reduce``, ``accumulate``,
``outer``, ``reduceat`` and ``at``, traced.

``autograd.numpy.add`` is a primitive wrapping ``numpy.add`` (a function, so
that the tracer's fast path stays one call deep).  :func:`attach` gives each
such wrapper the methods and attributes of the ufunc it wraps
(``np.add.reduce``, ``np.add.nin``, ``np.add.identity`` ...).  The same traced
implementations serve ``numpy.add.reduce(box)`` through ``__array_ufunc__``
(:func:`traced_method`).

On values that are not traced a method is NumPy's own, called with the
arguments as given.  On traced values it is composed from primitives that
have rules, so forward mode and higher orders come for free:

* ``add``/``multiply``/``maximum``/``minimum``/``fmax``/``fmin``.reduce are
  ``sum``/``prod``/``max``/``min``/``nanmax``/``nanmin``;
  ``add``/``multiply``.accumulate are ``cumsum``/``cumprod``;
* the ``accumulate`` of ``maximum``, ``minimum``, ``fmax``, ``fmin`` gathers
  the running extremum with ``take_along_axis`` (a tie sends the gradient to
  the later element);
* ``logaddexp``/``logaddexp2``.reduce use the max-shifted log-sum-exp;
* every other binary ufunc folds its traced ``__call__`` along the axis, as
  NumPy does (one primitive call per step);
* ``outer`` is the ufunc on broadcast operands; ``reduceat`` reduces each
  segment (``add.reduceat`` in one scatter-add).

Traced results carry NumPy's exact values: where a composition rounds
differently (log-sum-exp, a multi-axis fold), the difference is added as a
constant, which changes no derivative.  ``at`` works in place: on a traced
array it is :func:`autograd_numpy.assignment.ufunc_at` (installed with the
``autograd.numpy`` namespace, :func:`set_method`).  Ufuncs without a derivative (``floor``, comparisons, bit
operations) run their methods on the raw values, as they run themselves.
"""

import functools
import inspect
import warnings

import numpy as onp

from autograd.extend import Box, getval

from .util import contains_boxed
from .wrapping import wrapper_for
from .wrappers import arguments as _reductions
from .wrappers.creation import array as _array
from .wrappers.creation import astype as _astype
from .wrappers.selection import untake as _untake
from .wrappers.selection import where as _where
from .wrappers.shapes import stack as _stack

__all__ = ["attach", "traced_method"]

_NoValue = onp._NoValue
_AxisError = getattr(onp, "exceptions", onp).AxisError
# the traced operations the methods are composed of (autograd.numpy's wrappers)
_reshape, _transpose, _moveaxis, _take_along_axis, _exp, _log, _exp2, _log2 = (
    wrapper_for(f) for f in (onp.reshape, onp.transpose, onp.moveaxis, onp.take_along_axis,
                             onp.exp, onp.log, onp.exp2, onp.log2))
_ATTRIBUTES = ("nin", "nout", "nargs", "ntypes", "types", "identity", "signature")

_P = inspect.Parameter
_SIGNATURES = {
    "reduce": [("array", _P.POSITIONAL_ONLY, _P.empty), ("axis", _P.POSITIONAL_OR_KEYWORD, 0),
               ("dtype", _P.POSITIONAL_OR_KEYWORD, None),
               ("out", _P.POSITIONAL_OR_KEYWORD, None),
               ("keepdims", _P.POSITIONAL_OR_KEYWORD, False),
               ("initial", _P.POSITIONAL_OR_KEYWORD, _NoValue),
               ("where", _P.POSITIONAL_OR_KEYWORD, True)],
    "accumulate": [("array", _P.POSITIONAL_ONLY, _P.empty),
                   ("axis", _P.POSITIONAL_OR_KEYWORD, 0),
                   ("dtype", _P.POSITIONAL_OR_KEYWORD, None),
                   ("out", _P.POSITIONAL_OR_KEYWORD, None)],
    "reduceat": [("array", _P.POSITIONAL_ONLY, _P.empty),
                 ("indices", _P.POSITIONAL_OR_KEYWORD, _P.empty),
                 ("axis", _P.POSITIONAL_OR_KEYWORD, 0),
                 ("dtype", _P.POSITIONAL_OR_KEYWORD, None),
                 ("out", _P.POSITIONAL_OR_KEYWORD, None)],
    "outer": [("A", _P.POSITIONAL_ONLY, _P.empty), ("B", _P.POSITIONAL_ONLY, _P.empty),
              ("kwargs", _P.VAR_KEYWORD, _P.empty)],
    "at": [("a", _P.POSITIONAL_ONLY, _P.empty), ("indices", _P.POSITIONAL_ONLY, _P.empty),
           ("b", _P.POSITIONAL_ONLY, None)],
}
METHODS = tuple(_SIGNATURES)


def _signature(method):
    """The ``inspect.Signature`` of ``method``, made on first use (not at import)."""
    sig = _SIGNATURES[method]
    if not isinstance(sig, inspect.Signature):
        sig = _SIGNATURES[method] = inspect.Signature([_P(n, k, default=d) for n, k, d in sig])
    return sig


# ----------------------------------------------------------------- helpers

def _as_array(x):
    """A list/tuple holding traced values as one traced array; anything else as is."""
    if type(x) in (list, tuple) and contains_boxed(x, object_arrays=False):
        return _array(x)
    return x


def _given(value):
    return value is not _NoValue


def _no_out(ufunc, method, out):
    if out is not None and not (type(out) is tuple and all(o is None for o in out)):
        raise TypeError(
            f"numpy.{ufunc.__name__}.{method}(..., out=...) with traced values: in-place "
            "output cannot be differentiated. Use the returned value instead (y = f(x)).")


def _binary(ufunc, method):
    if ufunc.nin != 2 or ufunc.nout != 1:
        what = "outer product" if method == "outer" else method
        raise ValueError(f"{what} only supported for binary functions")


def _axes(ndim, axis):
    """``axis`` (None, int or tuple) as a tuple of non-negative axes, in the order given."""
    if axis is None:
        return tuple(range(ndim))
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    return tuple(_normalize(int(a), ndim) for a in axis)


def _normalize(a, ndim):
    if not -ndim <= a < ndim:
        raise _AxisError(a, ndim)
    return a % ndim


def _exactly(y, exact, ufunc, method, x):
    """``y`` (traced) with NumPy's exact values ``exact``: the rounding difference
    between a composition and NumPy's own loop is added as a constant.

    A difference beyond rounding means NumPy's loop does not compute what the
    method is defined as (NumPy 2.x's ``power.reduce`` and ``arctan2.reduce``
    on contiguous float data); the traced result then keeps the definition's
    values, which its derivatives belong to, and says so.
    """
    v = getval(y)
    if onp.array_equal(v, exact, equal_nan=True):
        return y
    v = onp.asarray(v)
    ok = onp.isfinite(v) & onp.isfinite(exact)
    dtype = onp.result_type(exact)
    if dtype.kind in "fc":
        xv = onp.abs(onp.asarray(getval(x)))
        finite = xv[onp.isfinite(xv)]
        scale = max(1.0, float(finite.max())) if finite.size else 1.0
        with onp.errstate(invalid="ignore", over="ignore"):
            err = onp.abs(onp.where(ok, v - exact, 0))
            tol = onp.finfo(dtype).eps ** 0.5 * onp.maximum(onp.abs(exact), scale)
        if not onp.all(err <= onp.where(ok, tol, onp.inf)):
            warnings.warn(
                f"numpy.{ufunc.__name__}.{method} returned values that differ from its "
                f"definition (numpy.{ufunc.__name__} applied step by step) by more than "
                "rounding; on traced values autograd returns the definition's values, to "
                "which the derivatives belong.", RuntimeWarning, stacklevel=4)
            return y
    with onp.errstate(invalid="ignore", over="ignore"):
        y = y + onp.where(ok, exact - onp.where(ok, v, 0), 0).astype(dtype)
    if not ok.all():
        # infinities and NaNs: NumPy's value, with no gradient there
        y = _where(ok | (v == exact), y, exact)
    return y


def _raw_args(values):
    return [getval(v) for v in values]


# ----------------------------------------------------------------- reduce

_REDUCTIONS = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
               "fmax": "nanmax", "fmin": "nanmin"}


def _reduce(ufunc, call, array, axis=0, dtype=None, out=None, keepdims=False,
            initial=_NoValue, where=True):
    _no_out(ufunc, "reduce", out)
    _binary(ufunc, "reduce")
    x = _as_array(array)
    mask = None if where is True else where
    if isinstance(mask, Box):
        raise TypeError(f"numpy.{ufunc.__name__}.reduce: where= must not be traced")
    name = _REDUCTIONS.get(ufunc.__name__)
    if name is not None and not isinstance(initial, Box):
        if dtype is not None:
            if name in ("sum", "prod"):
                kwargs = {"dtype": dtype}
            else:
                x, kwargs = _astype(x, dtype), {}
        else:
            kwargs = {}
        if _given(initial):
            kwargs["initial"] = initial
        if mask is not None:
            kwargs["where"] = mask
        fun = getattr(_reductions, name)
        if name.startswith("nan"):
            # fmax.reduce of an all-NaN slice is NaN without a warning
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                return fun(x, axis, keepdims=bool(keepdims), **kwargs)
        return fun(x, axis, keepdims=bool(keepdims), **kwargs)

    raw_kwargs = {"axis": axis, "dtype": dtype, "keepdims": keepdims, "where": where}
    if _given(initial):
        raw_kwargs["initial"] = getval(initial)
    exact = ufunc.reduce(getval(x), **raw_kwargs)     # also NumPy's argument checks
    if dtype is not None:
        x = _astype(x, dtype)
    with onp.errstate(all="ignore"):    # NumPy's own call above has warned already
        if ufunc.__name__ in ("logaddexp", "logaddexp2"):
            y = _logsumexp(ufunc, x, axis, mask, initial)
        else:
            y = _fold_reduce(ufunc, call, x, axis, mask, initial, exact)
    if keepdims:
        y = _reshape(y, onp.shape(exact))
    return _exactly(y, exact, ufunc, "reduce", x)


def _logsumexp(ufunc, x, axis, mask, initial):
    """``log(sum(exp(x)))`` (base 2 for logaddexp2) over ``axis``, shifted by the
    maximum so that nothing overflows."""
    base2 = ufunc is onp.logaddexp2
    exp, log = (_exp2, _log2) if base2 else (_exp, _log)
    xv = getval(x)
    m = onp.max(xv, axis=axis, initial=-onp.inf,
                where=True if mask is None else mask)
    if _given(initial):
        m = onp.maximum(m, getval(initial))
    m = onp.where(onp.isfinite(m), m, 0)
    shape = onp.shape(xv)
    kept = [1 if i in _axes(len(shape), axis) else n for i, n in enumerate(shape)]
    mk = onp.reshape(m, kept)
    with onp.errstate(divide="ignore", invalid="ignore"):
        e = exp(x - mk)
        s = _reductions.sum(e, axis) if mask is None else _reductions.sum(e, axis, where=mask)
        if _given(initial):
            s = s + exp(initial - m)
        return log(s) + m


def _fold_reduce(ufunc, call, x, axis, mask, initial, exact):
    """``ufunc`` applied step by step along the reduced axes (flattened in C order)."""
    xv = getval(x)
    shape = onp.shape(xv)
    axes = _axes(len(shape), axis)
    rest = [i for i in range(len(shape)) if i not in axes]
    rest_shape = tuple(shape[i] for i in rest)
    order = list(axes) + rest
    xs = _reshape(_transpose(x, order), (-1,) + rest_shape)
    if mask is not None:
        ms = onp.reshape(onp.transpose(onp.broadcast_to(mask, shape), order),
                         (-1,) + rest_shape)
    acc = initial if _given(initial) else None
    if acc is None and mask is not None:
        acc = ufunc.identity
    for i in range(onp.shape(getval(xs))[0]):
        xi = xs[i]
        if acc is None:
            acc = xi
            continue
        new = call(acc, xi)
        acc = new if mask is None else _where(ms[i], new, acc)
    if acc is None or not isinstance(acc, Box) and not contains_boxed(acc, object_arrays=False):
        # nothing traced reached the result (an empty reduction): NumPy's constant
        return exact
    return acc


# ----------------------------------------------------------------- accumulate

_RUNNING_EXTREMA = ("maximum", "minimum", "fmax", "fmin")


def _accumulate(ufunc, call, array, axis=0, dtype=None, out=None):
    _no_out(ufunc, "accumulate", out)
    _binary(ufunc, "accumulate")
    x = _as_array(array)
    name = ufunc.__name__
    if name in ("add", "multiply") and axis is not None and onp.ndim(getval(x)) > 0:
        fun = _reductions.cumsum if name == "add" else _reductions.cumprod
        return fun(x, axis=_normalize(int(axis), onp.ndim(getval(x))), dtype=dtype)
    exact = ufunc.accumulate(getval(x), axis=axis, dtype=dtype)   # NumPy's checks
    axis = _normalize(int(axis), onp.ndim(getval(x)))
    if dtype is not None:
        x = _astype(x, dtype)
    xv = getval(x)
    if name in _RUNNING_EXTREMA:
        # where each running extremum came from: the last position it was met
        n = onp.shape(xv)[axis]
        hit = (xv == exact) | (onp.isnan(xv) & onp.isnan(exact))
        pos = onp.reshape(onp.arange(n), [n if i == axis else 1 for i in range(xv.ndim)])
        idx = onp.maximum.accumulate(onp.where(hit, pos, 0), axis=axis)
        return _take_along_axis(x, idx, axis=axis)
    xs = _moveaxis(x, axis, 0)
    acc = xs[0]
    steps = [acc]
    with onp.errstate(all="ignore"):    # NumPy's own call above has warned already
        for i in range(1, onp.shape(xv)[axis]):
            acc = call(acc, xs[i])
            steps.append(acc)
    return _exactly(_stack(steps, axis=axis), exact, ufunc, "accumulate", x)


# ----------------------------------------------------------------- outer, reduceat, at

def _outer(ufunc, call, A, B, **kwargs):
    _no_out(ufunc, "outer", kwargs.pop("out", None))
    _binary(ufunc, "outer")
    A, B = _as_array(A), _as_array(B)
    a = _reshape(A, onp.shape(getval(A)) + (1,) * onp.ndim(getval(B)))
    return call(a, B, **kwargs)


def _reduceat(ufunc, call, array, indices, axis=0, dtype=None, out=None):
    _no_out(ufunc, "reduceat", out)
    _binary(ufunc, "reduceat")
    if contains_boxed(indices, object_arrays=False):
        raise TypeError(f"numpy.{ufunc.__name__}.reduceat: indices must not be traced")
    x = _as_array(array)
    exact = ufunc.reduceat(getval(x), indices, axis=axis, dtype=dtype)   # NumPy's checks
    xv = getval(x)
    axis = _normalize(int(axis), onp.ndim(xv))
    if dtype is not None:
        x = _astype(x, dtype)
    indices = onp.asarray(indices, dtype=onp.intp).ravel()
    n = onp.shape(xv)[axis]
    ends = onp.append(indices[1:], n)
    xs = _moveaxis(x, axis, 0)
    if ufunc is onp.add:
        # each segment is indices[i]:ends[i], or the single element indices[i]
        # when that range is empty: one gather and one scatter-add
        lengths = onp.where(indices < ends, ends - indices, 1)
        seg = onp.repeat(onp.arange(len(indices)), lengths)
        start = onp.repeat(indices, lengths)
        elem = start + onp.arange(len(seg)) - onp.repeat(onp.cumsum(lengths) - lengths,
                                                         lengths)
        like = onp.zeros((len(indices),) + onp.shape(getval(xs))[1:],
                         dtype=onp.result_type(getval(xs)))
        y = _untake(xs[elem], seg, like)
    else:
        parts = [_reduce(ufunc, call, xs[s:e], axis=0) if s < e else xs[s]
                 for s, e in zip(indices, ends)]
        y = _stack(parts, axis=0)
    return _exactly(_moveaxis(y, 0, axis), exact, ufunc, "reduceat", x)


def _at(ufunc, call, a, indices, b=None):
    # replaced by autograd_numpy.assignment when the namespace loads
    raise TypeError(
        f"numpy.{ufunc.__name__}.at on traced values needs the autograd.numpy namespace "
        "loaded (import autograd.numpy), which writes into traced arrays.")


_TRACED = {"reduce": _reduce, "accumulate": _accumulate, "outer": _outer,
           "reduceat": _reduceat, "at": _at}


def set_method(method, impl):
    """Use ``impl(ufunc, call, *args, **kwargs)`` for traced ``ufunc.<method>`` calls
    (:mod:`autograd_numpy.assignment` installs ``at``, which writes in place)."""
    _TRACED[method] = impl


# ----------------------------------------------------------------- entry points

def traced_method(ufunc, method, call, differentiable):
    """The traced ``ufunc.<method>``: a function of the method's own arguments.

    ``call`` is the traced ufunc itself (autograd.numpy's wrapper);
    ``differentiable`` False runs the method on raw values (a constant result),
    as the ufunc itself does.
    """
    raw_method = getattr(ufunc, method)
    sig = _signature(method)

    if (not differentiable or ufunc.signature is not None) and method != "at":
        # (a generalized ufunc refuses these methods: NumPy's own error)
        def run(*args, **kwargs):
            return raw_method(*_raw_args(args), **{k: getval(v) for k, v in kwargs.items()})
        return run

    def run(*args, **kwargs):
        impl = _TRACED[method]      # looked up per call: set_method may replace it
        if method != "outer":
            bound = sig.bind(*args, **kwargs)
            return impl(ufunc, call, *bound.args, **bound.kwargs)
        return impl(ufunc, call, *args, **kwargs)
    return run


def _call_method(ufunc, method, call, differentiable, *args, **kwargs):
    if not contains_boxed(*args, *kwargs.values(), object_arrays=False):
        return getattr(ufunc, method)(*args, **kwargs)
    return traced_method(ufunc, method, call, differentiable)(*args, **kwargs)


class UfuncMethod(functools.partial):
    """``np.add.reduce`` and the other methods of autograd.numpy's ufuncs: NumPy's
    own method on values that are not traced, :func:`traced_method` on traced ones.

    A ``partial(_call_method, ufunc, method, call, differentiable)`` whose name,
    docstring and signature are the method's, computed when asked for: the
    namespace holds ~450 of these, made at import (two objects each).
    """

    __slots__ = ()
    __module__ = "autograd.numpy"

    @property
    def __name__(self):
        return self.args[1]

    def __getattr__(self, name):
        # (a class cannot hold a ``__qualname__`` property: its own is a string)
        if name == "__qualname__":
            return f"{self.args[0].__name__}.{self.args[1]}"
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def __doc__(self):
        return getattr(self.args[0], self.args[1]).__doc__

    @property
    def __signature__(self):
        return _signature(self.args[1])

    def __reduce__(self):
        # pickled by name, as a function would be: autograd.numpy.add.reduce
        return self.__qualname__

    def __repr__(self):
        return f"<autograd.numpy method {self.__qualname__}>"


def attach(wrapper, ufunc, differentiable):
    """Give ``wrapper`` (autograd.numpy's function for ``ufunc``) the ufunc's
    methods, traced, and its descriptive attributes."""
    attrs = wrapper.__dict__
    for name in _ATTRIBUTES:
        if name not in attrs:      # (``types``: set where the wrapper was made)
            attrs[name] = getattr(ufunc, name)
    for method in _UFUNC_METHODS:
        attrs[method] = UfuncMethod(_call_method, ufunc, method, wrapper, differentiable)


# (every ufunc has the same methods: asked once of the type, not per ufunc)
_UFUNC_METHODS = tuple(m for m in METHODS if hasattr(onp.ufunc, m))
