"""How a NumPy callable becomes its ``autograd.numpy`` wrapper.

* :func:`wrap_namespace` fills a namespace dict with one wrapper per public
  callable (aliases share it): ``primitive(f)`` for a differentiable function,
  :func:`notrace` for one with integer/boolean or piecewise-constant results
  (the sets below), types and constants as they are;
* ``_own(raw)`` marks a hand-written function as the wrapper of ``raw``
  (the modules of :mod:`autograd_numpy.wrappers` hold those), ``_composite``
  one that is differentiable by composition, ``_primitive_like`` one that
  rules may be registered through;
* :func:`wrapper_for` gives the wrapper of any raw callable (the array-protocol
  dispatch uses it), :func:`register_wrappers` records other add-ons' wrappers.

:mod:`autograd_numpy.numpy_wrapper` re-exports these names (HIPS code imports
``wrap_namespace`` from there).
"""

import inspect as _inspect
import re as _re
import types as _types

import numpy as onp

from autograd.extend import mark_primitive, nondiff_call, primitive

__all__ = ["notrace", "nondiff_functions", "wrap_namespace", "register_wrappers", "wrapper_for"]

# ----------------------------------------------------------------- non-differentiable set

# Ufuncs whose every loop has an integer or boolean output are non-differentiable
# automatically; these have floating outputs but are piecewise constant.
_NONDIFF_UFUNCS = {"ceil", "floor", "trunc", "rint", "sign", "floor_divide", "heaviside",
                   "spacing"}

_NONDIFF_FUNCTIONS = {
    # rounding and sign
    "fix", "round", "around",
    # predicates and comparisons
    "all", "any", "allclose", "isclose", "array_equal", "array_equiv", "iscomplex",
    "isreal", "iscomplexobj", "isrealobj", "isscalar", "isneginf", "isposinf", "isin",
    "isfortran", "iterable", "isdtype", "issubdtype", "may_share_memory", "shares_memory",
    # integer-valued results: indices and counts
    "argmax", "argmin", "argsort", "argpartition", "argwhere", "nonzero", "flatnonzero",
    "count_nonzero", "searchsorted", "digitize", "lexsort", "nanargmax", "nanargmin",
    "unravel_index", "ravel_multi_index", "indices", "tril_indices", "triu_indices",
    "tril_indices_from", "triu_indices_from", "diag_indices", "diag_indices_from",
    "mask_indices", "bincount",
    # shapes, dtypes and other metadata
    "ndim", "shape", "size", "result_type", "can_cast", "min_scalar_type",
    "promote_types", "common_type", "mintypecode", "typename", "get_printoptions",
    # constant arrays shaped like the input
    "zeros_like", "ones_like", "empty_like",
    # sample frequencies (numpy.fft)
    "fftfreq", "rfftfreq",
}


# a loop (``"dd->d"``) whose outputs include a floating type (and no object type),
# searched in all of a ufunc's loops joined by "|": one call, not one per loop.
# (No loop of NumPy or SciPy takes objects and gives floats.)
_FLOAT_LOOP = _re.compile(r"->[^|O]*[efdgFDG]")


def _is_nondiff_ufunc(ufunc, types):
    """``types``: the ufunc's ``types`` list, read once by the caller."""
    if ufunc.__name__ in _NONDIFF_UFUNCS:
        return True
    return _FLOAT_LOOP.search("|".join(types)) is None


# ----------------------------------------------------------------- wrapping

# raw NumPy callable -> its wrapper; used by the array-protocol dispatch (dispatch.py)
_wrappers = {}
# wrappers that take care of boxes nested in list arguments themselves
_handles_nested = set()
# wrappers that run on raw values (non-differentiable functions)
_notrace = set()


def notrace(fun):
    """Wrap ``fun`` to run on raw values: its result is a constant for every trace.

    Unlike the core's ``notrace_primitive`` this registers nothing; the rule-set
    loader marks these functions non-differentiable (with this add-on's
    provenance), see :func:`nondiff_functions`.
    """
    def f_wrapped(*args, **kwargs):
        # inside vmap a batched argument keeps its batch (a comparison per example)
        return nondiff_call(fun, args, kwargs)

    try:    # (the usual case in one go: the namespace makes ~90 of these at import)
        f_wrapped.__name__ = fun.__name__
        f_wrapped.__qualname__ = fun.__qualname__
        f_wrapped.__doc__ = fun.__doc__
    except (AttributeError, TypeError):
        for attr in ("__name__", "__qualname__", "__doc__"):
            try:
                setattr(f_wrapped, attr, getattr(fun, attr))
            except (AttributeError, TypeError):
                pass
    f_wrapped.__module__ = getattr(fun, "__module__", None) or "numpy"
    f_wrapped.__wrapped__ = fun
    mark_primitive(f_wrapped, fun)
    return f_wrapped


def nondiff_functions():
    """The raw NumPy callables wrapped as non-differentiable."""
    return [w.fun for w in _notrace]


def _wrap(name, obj):
    """The wrapper of NumPy callable ``obj`` (one per callable: aliases share it)."""
    wrapper = _wrappers.get(obj)
    if wrapper is not None:
        return wrapper
    if isinstance(obj, onp.ufunc):
        types = obj.types       # (NumPy builds this list anew on each read)
        if _is_nondiff_ufunc(obj, types):
            wrapper = notrace(obj)
            _notrace.add(wrapper)
        else:
            wrapper = _ufunc_wrapper(obj)
        wrapper.types = types   # the ufunc's attribute (ufunc_methods.attach adds the rest)
        if not _UFUNCS_HAVE_SIGNATURES:
            _give_ufunc_signature(wrapper, obj)
    elif name in _NONDIFF_FUNCTIONS:
        wrapper = notrace(obj)
        _notrace.add(wrapper)
    else:
        wrapper = primitive(obj)
    _wrappers[obj] = wrapper
    return wrapper


# ``ufunc(..., out=a)``: set by autograd_numpy.assignment (which writes into a
# traced ``a``); until then, and for plain outputs, the primitive runs as it is.
_out_handler = [None]


def set_out_handler(handler):
    """``handler(ufunc, primitive, args, kwargs)`` runs ufunc calls given an output array."""
    _out_handler[0] = handler


def _ufunc_wrapper(ufunc):
    """The wrapper of a differentiable ufunc: its primitive, unless outputs are given.

    The wrapper is declared first (``mark_primitive``), so that it, not the
    inner primitive, is what HIPS-style tracers see and ``np.sin`` names.
    """
    nin = ufunc.nin

    def ufunc_call(*args, **kwargs):
        if (kwargs and "out" in kwargs or len(args) > nin) and _out_handler[0] is not None:
            return _out_handler[0](ufunc, prim, args, kwargs)
        return prim(*args, **kwargs)

    mark_primitive(ufunc_call, ufunc)
    prim = primitive(ufunc)
    ufunc_call.__name__ = prim.__name__
    ufunc_call.__qualname__ = prim.__qualname__
    ufunc_call.__module__ = prim.__module__
    ufunc_call.__doc__ = prim.__doc__
    ufunc_call.__wrapped__ = prim.__wrapped__
    ufunc_call.primitive = prim
    return ufunc_call


def _ufuncs_have_signatures():
    try:
        _inspect.signature(onp.add)
        return True
    except (TypeError, ValueError):
        return False


_UFUNCS_HAVE_SIGNATURES = _ufuncs_have_signatures()


def _give_ufunc_signature(wrapper, ufunc):
    """NumPy 1.x ufuncs have no introspectable signature (2.x's do), and
    ``inspect.signature`` of a wrapper follows ``__wrapped__`` to the ufunc;
    code that inspects what it differentiates (``qml.grad(np.sin)``) needs one,
    so spell out the ufunc calling convention NumPy 2 reports."""
    if _UFUNCS_HAVE_SIGNATURES:     # NumPy 2: computing one per ufunc here costs ms at import
        return
    P = _inspect.Parameter
    names = ["x"] if ufunc.nin == 1 else [f"x{i + 1}" for i in range(ufunc.nin)]
    params = [P(n, P.POSITIONAL_ONLY) for n in names]
    params.append(P("out", P.POSITIONAL_OR_KEYWORD, default=None))
    params += [P(n, P.KEYWORD_ONLY, default=d) for n, d in (
        ("where", True), ("casting", "same_kind"), ("order", "K"), ("dtype", None),
        ("subok", True), ("signature", None))]
    wrapper.__signature__ = _inspect.Signature(params)


def wrap_namespace(old, new, names=None, wrap=None):
    """Fill dict ``new`` with wrapped versions of the public callables in dict ``old``.

    Types and constants are copied as they are; modules are skipped.  ``wrap``
    (default: this module's own) turns ``(name, callable)`` into the wrapper;
    other add-ons (autograd.scipy.special) pass theirs.  Returns the list of
    names written.
    """
    wrap = wrap or _wrap
    written = []
    for name, obj in old.items():
        if name.startswith("_") or (names is not None and name not in names):
            continue
        if isinstance(obj, _types.ModuleType):
            continue
        if isinstance(obj, type) or not callable(obj):
            new[name] = obj
        else:
            new[name] = wrap(name, obj)
        written.append(name)
    return written


def register_wrappers(mapping):
    """Record ``{raw numpy callable: wrapper}`` for the array-protocol dispatch."""
    _wrappers.update(mapping)


# NumPy module name -> what makes autograd.numpy's wrappers of its functions,
# for a module of ours executed on first use (autograd_numpy.linalg): a function
# of it reached by the array protocol before then (``numpy.linalg.matrix_rank``
# called on a box) must get that module's wrapper, not a generic one.
_wrapped_on_first_use = {}


def wrapper_for(func):
    """The autograd.numpy wrapper of a raw NumPy callable (created on first use)."""
    w = _wrappers.get(func)
    if w is None:
        if _wrapped_on_first_use:
            module = getattr(func, "__module__", None)
            load = _wrapped_on_first_use.pop(module, None) if type(module) is str else None
            if load is not None:
                load()
                return wrapper_for(func)
        w = _wrap(getattr(func, "__name__", ""), func)
    return w


def _own(raw, handles_nested=True):
    """Decorator: ``fn`` is autograd.numpy's version of NumPy's ``raw``."""
    def deco(fn):
        fn.__name__ = getattr(raw, "__name__", fn.__name__)
        fn.__doc__ = getattr(raw, "__doc__", None)
        fn.__wrapped__ = raw
        _wrappers[raw] = fn
        if handles_nested:
            _handles_nested.add(fn)
        return fn
    return deco


def _composite(raw):
    """Decorator: ``fn`` is autograd.numpy's version of ``raw``, differentiable by composition.

    Such a wrapper is written with traced operations only, so it needs no rule
    of its own; ``__autograd_composite__`` tells ``python -m autograd coverage``
    so (the rule set links NumPy's function to the wrapper with ``defvia``).
    """
    def deco(fn):
        fn = _own(raw)(fn)
        fn.__autograd_composite__ = True
        return fn
    return deco


def _primitive_like(wrapper, raw):
    """Mark ``wrapper`` as standing for the primitive of ``raw``: rules registered
    through it (``defvjp(anp.mean, ...)``) are keyed by ``raw``."""
    return mark_primitive(wrapper, raw)
