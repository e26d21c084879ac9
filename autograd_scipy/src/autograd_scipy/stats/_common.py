"""Helpers the distribution modules share: standardizing, supports, log of cdfs.

Everything here works on boxes: the modules are composites of traced functions.
"""

import functools
import math

import numpy as onp

from autograd.extend import getval, overridable
from autograd_numpy import numpy_wrapper as anp

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
    return wrapper
