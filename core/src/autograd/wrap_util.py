"""Turning operators on one-argument functions into operators on n-ary functions.

``unary_to_nary(op)`` lets a differential operator be written for ``f(x)``
and used as ``op(f, argnum)(*args, **kwargs)``; ``argnum`` may be an int or
a tuple of ints (then ``x`` is the tuple of those arguments).

The returned function is named as in HIPS autograd (``grad(f, 1).__name__ ==
"grad_of_f_wrt_argnum_1"``) and records ``f`` as ``__wrapped__``, so
``inspect.signature`` reports ``f``'s parameters.
"""

from functools import wraps as _functools_wraps

__all__ = ["unary_to_nary", "wraps", "wrap_nary_f", "subvals", "get_name", "get_doc"]


def subvals(x, ivs):
    """``x`` (a tuple) with ``x[i] = v`` for each ``(i, v)`` in ``ivs``."""
    out = list(x)
    for i, v in ivs:
        out[i] = v
    return tuple(out)


def _check_argnum(argnum, nargs, opname):
    for a in (argnum if isinstance(argnum, tuple) else (argnum,)):
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError(f"{opname}: argnum must be an int or a tuple of ints, got {a!r}")
        if not -nargs <= a < nargs:
            raise IndexError(
                f"{opname}: argnum {a} is out of range for a call with {nargs} "
                "positional argument(s); pass the argument positionally")


# Called with an error a differential operator raised: a hook returns a clearer
# exception, raised instead (from the original), or None.  autograd._lazy installs
# the one that names two array libraries meeting in one primitive call.
error_hooks = []


def _explain(error):
    if getattr(error, "_autograd_explained", False):
        return
    for hook in list(error_hooks):
        try:
            better = hook(error)
        except Exception:  # noqa: BLE001 - the original error is the one to see then
            better = None
        if better is not None:
            better._autograd_explained = True
            raise better from error


def unary_to_nary(unary_operator):
    @_functools_wraps(unary_operator)
    def nary_operator(fun, argnum=0, *nary_op_args, **nary_op_kwargs):
        shown = argnum      # named as given (a list stays a list in the name)
        if isinstance(argnum, list):
            argnum = tuple(argnum)

        @wrap_nary_f(fun, unary_operator, shown)
        def nary_f(*args, **kwargs):
            _check_argnum(argnum, len(args), unary_operator.__name__)

            @_functools_wraps(fun)
            def unary_f(x):
                if isinstance(argnum, int):
                    subargs = subvals(args, [(argnum, x)])
                else:
                    subargs = subvals(args, zip(argnum, x))
                return fun(*subargs, **kwargs)

            if isinstance(argnum, int):
                x = args[argnum]
            else:
                x = tuple(args[i] for i in argnum)
            try:
                return unary_operator(unary_f, x, *nary_op_args, **nary_op_kwargs)
            except (TypeError, ValueError) as e:
                if error_hooks:
                    _explain(e)
                raise

        return nary_f

    return nary_operator


def get_name(f):
    """``f.__name__``, or a placeholder for callables without one (partials)."""
    return getattr(f, "__name__", "[unknown name]")


def get_doc(f):
    return getattr(f, "__doc__", "") or ""


def wraps(fun, namestr="{fun}", docstr="{doc}", **kwargs):
    """Name the decorated function after ``fun`` (``namestr`` and ``docstr`` are
    format strings over ``fun``, ``doc`` and ``kwargs``) and record ``fun`` as
    its ``__wrapped__``."""
    def _wraps(f):
        try:
            f.__name__ = namestr.format(fun=get_name(fun), **kwargs)
            f.__doc__ = docstr.format(fun=get_name(fun), doc=get_doc(fun), **kwargs)
            f.__wrapped__ = fun
        finally:
            return f  # noqa: B012 - naming is cosmetic, never fatal
    return _wraps


_NARY_DOC = """\
    {op} of function {fun} with respect to argument number {argnum}: call it with
    the arguments of {fun} to get the {op} there.
    """


def wrap_nary_f(fun, op, argnum):
    """Name an operator's result ``{op}_of_{fun}_wrt_argnum_{argnum}`` (HIPS's names)."""
    return wraps(fun, "{op}_of_{fun}_wrt_argnum_{argnum}", _NARY_DOC,
                 op=get_name(op), argnum=argnum)
