"""Helpers the distribution modules share: standardizing, supports, log of cdfs,
and the forms a distribution derives from another one (:func:`from_log`,
:func:`to_log`, :func:`complement`), so that each module states only its formulas.

Everything here works on boxes: the modules are composites of traced functions.
"""

import functools
import importlib
import inspect
import math

import numpy as onp

from autograd.extend import defjvp_argnum, defvjp_argnum, getval, overridable, primitive
from autograd_numpy import numpy_wrapper as anp

from .._implicit import def_implicit_inverse

LOG_2PI = math.log(2 * math.pi)
LOG_SQRT_2PI = 0.5 * LOG_2PI
NEG_INF = -onp.inf


def standardize(x, loc, scale):
    """``(x - loc) / scale``."""
    return (x - loc) / scale


def supported(inside, fn, z, fill, safe=1.0):
    """``fn(z)`` where ``inside``, ``fill`` elsewhere.

    Outside the support ``fn`` is evaluated at ``safe`` instead of ``z``, so no
    NaN or infinity reaches the derivative of the branch that is not taken.
    """
    inside = onp.asarray(getval(inside))
    if inside.all():
        return fn(z)
    zs = anp.where(inside, z, safe)
    return anp.where(inside, fn(zs), fill)


def is_count(k):
    """Where ``k`` is a non-negative integer (the support of a count distribution)."""
    kv = getval(k)
    return (kv >= 0) & (onp.floor(kv) == kv)


def counts(k, loc, low=0, high=None):
    """``(inside, ks)`` for the count argument of a discrete distribution: where
    ``k - loc`` is an integer in ``[low, high]`` (the support), and ``k - loc``
    there, ``low`` elsewhere (a point where the formula is finite; its value is
    replaced there).  Counts are constants (never differentiated)."""
    k = getval(k) - getval(loc)
    inside = is_count(k)
    if low:
        inside = inside & (k >= low)
    if high is not None:
        inside = inside & (k <= getval(high))
    return inside, onp.where(inside, k, low)


def floor(k):
    """``floor(k)`` as a constant (a count argument is never differentiated)."""
    return onp.floor(getval(k))


def log_of(p):
    """``log(p)`` of a probability, quietly ``-inf`` where it is 0 (as SciPy returns it)."""
    with onp.errstate(divide="ignore"):
        return anp.log(p)


def array_args(fn):
    """Let ``fn`` take lists and tuples wherever SciPy takes array_like (as arrays).

    In HIPS autograd the densities are primitives, and code gives them rules of
    its own (``defvjp(norm.logpdf, ...)``).  Here they are composites, wrapped
    with the public :func:`autograd.extend.overridable`: a rule registered for
    one (keyed by ``fn``) sends its calls through a primitive of ``fn``, so that
    rule is used, as in HIPS.  Lists become arrays *before* that primitive, so a
    user's rule sees arrays, as every other call of ``fn`` does.
    """
    routed = overridable(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        args = [onp.asarray(a) if type(a) in (list, tuple) else a for a in args]
        for key, v in kwargs.items():
            if type(v) in (list, tuple):
                kwargs[key] = onp.asarray(v)
        return routed(*args, **kwargs)

    wrapper.__autograd_rule_key__ = fn
    wrapper.routed = routed     # the call without the conversion (for _derived)
    return wrapper


def from_log(log_fn):
    """``exp(log_fn(...))``, named ``log_fn``'s name without ``log``: the density from
    its log (``pdf = from_log(logpdf)``), or ``sf`` from ``logsf``.

    The result takes the same arguments as ``log_fn`` and is made like a density
    written out (``array_args``, user rules); see :func:`_derived`.
    """
    name = log_fn.__name__
    if not name.startswith("log"):
        raise ValueError(f"from_log needs a log-function (logpdf, logcdf, ...), not {name!r}")
    return _derived(anp.exp, log_fn, name[3:], f"``exp({name}(...))``.")


def to_log(fn):
    """``log(fn(...))``, quietly ``-inf`` where ``fn`` is 0 (:func:`log_of`), named
    ``"log" + fn``'s name: ``logcdf = to_log(cdf)``.  See :func:`_derived`."""
    return _derived(log_of, fn, "log" + fn.__name__, f"``log({fn.__name__}(...))``.")


def complement(log_fn):
    """``1 - exp(log_fn(...))``, as ``-expm1`` (accurate where it is small): the cdf
    from ``logsf`` (``cdf = complement(logsf)``), or ``sf`` from ``logcdf``."""
    name = {"logsf": "cdf", "logcdf": "sf"}[log_fn.__name__]
    return _derived(_one_minus_exp, log_fn, name, f"``-expm1({log_fn.__name__}(...))``.")


def _one_minus_exp(log_p):
    return -anp.expm1(log_p)


_NO_DEFAULT = inspect.Parameter.empty


def _derived(outer, inner, name, doc):
    """``outer(inner(...))`` as a function called ``name`` with ``inner``'s parameters.

    ``inner`` receives every argument by position, its defaults filled in, as a
    function written out by hand (``def pdf(x, loc=0.0, scale=1.0): return
    exp(logpdf(x, loc, scale))``) passes them: a user's rule for ``inner`` (which
    takes traced arguments only by position) is then used here too.
    """
    sig = inspect.signature(inner)      # (through array_args, the raw parameters)
    call = getattr(inner, "routed", inner)      # fn's own array_args converts lists
    names = tuple(sig.parameters)
    index = {key: i for i, key in enumerate(names)}
    defaults = tuple(p.default for p in sig.parameters.values())
    n = len(names)
    required = sum(d is _NO_DEFAULT for d in defaults)

    def fn(*args, **kwargs):
        if kwargs or len(args) != n:
            args = _by_position(name, index, defaults, required, args, kwargs)
        return outer(call(*args))

    fn.__name__ = fn.__qualname__ = name
    fn.__module__ = inner.__module__
    fn.__doc__ = doc
    fn.__signature__ = sig
    return array_args(fn)


def _by_position(name, index, defaults, required, args, kwargs):
    """``args`` and ``kwargs`` as one tuple in parameter order (``index``: name ->
    position), ``defaults`` filled in; a call Python would refuse raises its
    ``TypeError``.  The first ``required`` parameters have no default."""
    given = len(args)
    if given > len(defaults):
        raise TypeError(f"{name}() takes {len(defaults)} arguments but {given} were given")
    full = args + defaults[given:]
    if kwargs:
        full = list(full)
        for key, value in kwargs.items():
            i = index.get(key, -1)
            if i < given:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}" if i < 0
                                else f"{name}() got multiple values for argument {key!r}")
            full[i] = value
        full = tuple(full)
    for i in range(given, required):
        if full[i] is _NO_DEFAULT:
            raise TypeError(f"{name}() missing required argument: {list(index)[i]!r}")
    return full


# ----------------------------------------------------------------- quantile functions

def quantiles(name, cdf, sf):
    """``(ppf, isf)`` of the continuous distribution ``scipy.stats.<name>``, whose
    ``cdf`` and ``sf`` (traced, same parameters) are given.

    SciPy computes the value; the derivative comes from the implicit function
    theorem at the answer ``x`` (:mod:`autograd_scipy._implicit`): ``cdf(x, theta) = q``
    gives ``dx/dq = 1 / pdf(x)`` and ``dx/dtheta = -(d cdf / d theta)(x) / pdf(x)``
    (``isf`` the same with ``sf``), with autograd's own derivatives of ``cdf``.
    """
    def rules(forward):
        def add(prim):
            n = len(inspect.signature(cdf).parameters)
            def_implicit_inverse(prim, forward, 0, ("p",) + tuple(range(1, n)))
        return add

    doc = "differentiable in ``q`` and every parameter (implicit function theorem on ``{}``)."
    return (_quantile(name, "ppf", cdf, rules(cdf), doc.format("cdf")),
            _quantile(name, "isf", cdf, rules(sf), doc.format("sf")))


def discrete_quantiles(name, cdf):
    """``(ppf, isf)`` of the discrete distribution ``scipy.stats.<name>``: integer-valued
    and piecewise constant, so their derivative is 0 wherever it exists (in ``q`` and in
    every parameter), which is what they give."""
    def rules(prim):
        defvjp_argnum(prim, lambda argnum, ans, args, kwargs: lambda g: _float_zeros(args[argnum]))
        defjvp_argnum(prim, lambda argnum, t, ans, args, kwargs: _float_zeros(ans))

    doc = "piecewise constant: derivative 0 in every argument."
    return (_quantile(name, "ppf", cdf, rules, doc), _quantile(name, "isf", cdf, rules, doc))


def _quantile(name, kind, cdf, add_rules, doc):
    """``scipy.stats.<name>.<kind>`` as a primitive (rules from ``add_rules(primitive)``),
    taking ``q`` and then ``cdf``'s parameters, by position or by name."""
    def raw(q, *params):
        return getattr(_scipy_distribution(name), kind)(q, *params)

    raw.__name__ = raw.__qualname__ = f"{name}_{kind}"
    prim = primitive(raw)
    add_rules(prim)

    sig = inspect.signature(cdf)
    params = list(sig.parameters.values())[1:]
    index = {p.name: i for i, p in enumerate(params)}
    defaults = tuple(p.default for p in params)
    required = sum(d is _NO_DEFAULT for d in defaults)

    @array_args
    def quantile(q, *args, **kwargs):
        if kwargs or len(args) != len(params):
            args = _by_position(f"{name}.{kind}", index, defaults, required, args, kwargs)
        return prim(q, *args)

    quantile.__name__ = quantile.__qualname__ = kind
    quantile.__doc__ = f"``scipy.stats.{name}.{kind}(q, {', '.join(index)})``, {doc}"
    q = inspect.Parameter("q", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    quantile.__signature__ = sig.replace(parameters=[q] + params)
    return quantile


def _float_zeros(like):
    return onp.zeros_like(getval(like), dtype=float)


def _scipy_distribution(name):
    """``scipy.stats.<name>``, imported on first use (importing this package does not
    import ``scipy.stats``)."""
    return getattr(importlib.import_module("scipy.stats"), name)
