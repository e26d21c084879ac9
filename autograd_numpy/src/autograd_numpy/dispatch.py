"""The array-protocol dispatch of traced values: ``__array_ufunc__`` and
``__array_function__`` of the array boxes call :func:`dispatch_ufunc` and
:func:`dispatch_function`, which run the ``autograd.numpy`` wrapper of the
NumPy callable (:func:`autograd_numpy.wrapping.wrapper_for`), so code
written against plain ``numpy`` (``numpy.sin(box)``) traces too.

Traced values NumPy cannot follow (inside lists, or only as keyword arguments
of a function without a wrapper of its own) raise a ``TypeError`` that says
so; ``a op= box`` on an ndarray ``a`` returns the traced result (see
:func:`_augmented_assignment`).
"""

import dis as _dis
import sys as _sys

from autograd.extend import Box

from . import ufunc_methods as _ufunc_methods
from .assignment import ufunc_out
from .util import any_boxed
from .util import deep_getval as _deep_getval
from .wrapping import _handles_nested, _notrace, wrapper_for

__all__ = ["dispatch_ufunc", "dispatch_function"]


def _nested_error(name):
    return TypeError(
        f"numpy.{name} received traced values only inside lists/tuples or as keyword "
        "arguments, which autograd cannot follow there. Pass the arrays as positional "
        f"arguments, or use autograd.numpy.{name} if it has its own support."
    )


def dispatch_ufunc(ufunc, method, inputs, kwargs):
    """``__array_ufunc__`` of traced values: run the traced version of ``ufunc``."""
    out = kwargs.pop("out", None)
    if out is not None and method == "__call__" and any(isinstance(o, Box) for o in out):
        if not any_boxed(*inputs):
            # a primitive's raw call with out= (the ufunc wrappers take out= before that)
            raise TypeError(
                f"numpy.{ufunc.__name__}(..., out=a) into a traced array a, from code that "
                f"runs below the trace: write a[...] = autograd.numpy.{ufunc.__name__}(...).")
        # numpy.add(x, y, out=traced_array): written into it (autograd_numpy.assignment)
        return ufunc_out(ufunc, wrapper_for(ufunc), inputs, out if len(out) > 1 else out[0],
                         kwargs)
    if out is not None and not _augmented_assignment(method, inputs, out):
        raise TypeError(
            f"numpy.{ufunc.__name__}(..., out=...) with traced values: a plain output array "
            "cannot hold them. Use the returned value instead (y = f(x)), or create the "
            "output inside the differentiated function with autograd.numpy "
            "(autograd.numpy.zeros, copy, array, ...).")
    w = wrapper_for(ufunc)
    if method != "__call__":   # reduce, accumulate, outer, reduceat, at
        return _ufunc_methods.traced_method(ufunc, method, w, w not in _notrace)(
            *inputs, **kwargs)
    if w not in _handles_nested and not any_boxed(*inputs):
        raise _nested_error(ufunc.__name__)
    return w(*inputs, **kwargs)


def _augmented_assignment(method, inputs, out):
    """Is this ufunc call ``a op= box`` on an ndarray ``a`` (Python code, not an ``out=``)?

    NumPy runs ``a += box`` as ``add(a, box, out=a)``.  An array cannot hold a
    traced value, but Python binds ``a`` to whatever the operator returns, so
    the traced ``a + box`` is returned and ``a`` itself is left as it was: the
    result HIPS autograd 1.8 gave (its boxes made NumPy defer to ``__radd__``).
    An explicit ``numpy.add(a, box, out=a)`` still raises: there the caller may
    rely on ``a`` being written.
    """
    if method != "__call__" or len(inputs) != 2 or len(out) != 1 or out[0] is not inputs[0] \
            or isinstance(out[0], Box):
        return False
    frame = _sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("autograd"):
        frame = frame.f_back          # the user's frame, below our dispatch
    if frame is None:
        return False
    code, i = frame.f_code.co_code, frame.f_lasti
    name = _dis.opname[code[i]]
    if name == "BINARY_OP":           # Python 3.11+: the operator is the argument
        ops = getattr(_dis, "_nb_ops", None)
        return ops is not None and ops[code[i + 1]][1].endswith("=")
    return name.startswith("INPLACE_")


def dispatch_function(func, args, kwargs):
    """``__array_function__`` of traced values: run the traced version of ``func``."""
    w = wrapper_for(func)
    if w in _handles_nested or any_boxed(*args):
        return w(*args, **kwargs)
    if w in _notrace:
        return func(*_deep_getval(list(args)),
                    **{k: _deep_getval(v) for k, v in kwargs.items()})
    raise _nested_error(getattr(func, "__name__", repr(func)))
