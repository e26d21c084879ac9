"""``autograd.scipy.special``: every public callable of ``scipy.special``, wrapped for tracing.

* ufuncs and the functions with rules in :mod:`autograd_scipy.special._rules`
  are primitives keyed by the raw SciPy callable
  (``autograd.scipy.special.gammaln.fun is scipy.special.gammaln``);
  differentiating one that has no rule raises the missing-rule error naming it;
* functions of integer arguments or with constant results (zeros of Bessel
  functions, quadrature roots, ``factorial``, ``comb``, polynomial
  constructors, error-state helpers) run on raw values: their results are
  constants for every trace;
* ``logsumexp`` passes ``b`` to its primitive positionally, so a traced ``b``
  given by keyword is differentiated too.

Importing this module imports ``scipy.special`` and no other SciPy submodule.

>>> from autograd import grad
>>> from autograd.scipy.special import gammaln
>>> print(f"{grad(gammaln)(3.0):.6f}")     # digamma(3)
0.922784
"""


import numpy as _onp
import scipy.special as _sp

from autograd.extend import primitive
from autograd_numpy.numpy_wrapper import notrace, register_wrappers, wrap_namespace, wrapper_for

__all__ = []

# Functions (not ufuncs) whose results do not depend differentiably on their
# arguments: zeros, quadrature nodes, integer-valued combinatorics, polynomial
# constructors (of an integer degree) and the error-state helpers.
_CONSTANT = {
    "ai_zeros", "bi_zeros", "bei_zeros", "beip_zeros", "ber_zeros", "berp_zeros",
    "kei_zeros", "keip_zeros", "ker_zeros", "kerp_zeros", "kelvin_zeros", "erf_zeros",
    "fresnel_zeros", "fresnelc_zeros", "fresnels_zeros", "jn_zeros", "jnp_zeros",
    "jnjnp_zeros", "jnyn_zeros", "yn_zeros", "ynp_zeros", "y0_zeros", "y1_zeros",
    "y1p_zeros", "obl_cv_seq", "pro_cv_seq",
    "bernoulli", "euler", "factorial", "factorial2", "factorialk", "comb", "perm",
    "stirling2", "geterr", "seterr",
    "chebyc", "chebys", "chebyt", "chebyu", "gegenbauer", "genlaguerre", "hermite",
    "hermitenorm", "jacobi", "laguerre", "legendre", "sh_chebyt", "sh_chebyu",
    "sh_jacobi", "sh_legendre",
}
# Ufuncs with floating outputs that are piecewise constant.
_CONSTANT_UFUNCS = {"round"}
_SKIP = {"test"}


def _is_constant(name):
    # roots_legendre, p_roots, ... are Gauss quadrature nodes and weights
    return (name in _CONSTANT or name in _CONSTANT_UFUNCS or name.startswith("roots_")
            or name.endswith("_roots"))


_wrapped = {}       # raw SciPy callable -> its wrapper
_constant = []      # raw SciPy callables wrapped to run on raw values


def _wrap(name, obj):
    w = _wrapped.get(obj)
    if w is not None:
        return w
    if getattr(obj, "__module__", None) == "numpy":
        w = wrapper_for(obj)       # NumPy's own function re-exported (``sinc``)
    elif _is_constant(name):
        w = notrace(obj)
        w.__module__ = "scipy.special"
        _constant.append(obj)
    else:
        w = primitive(obj)
        w.__qualname__ = name       # ufuncs have no __qualname__ of their own
    _wrapped[obj] = w
    return w


def constant_functions():
    """The raw SciPy callables wrapped as non-differentiable (for the rule set)."""
    return list(_constant)


def _fill():
    g = globals()
    names = getattr(_sp, "__all__", None) or [n for n in dir(_sp) if not n.startswith("_")]
    __all__.extend(wrap_namespace(vars(_sp), g, set(names) - _SKIP, wrap=_wrap))
    # ``scipy.special.gamma(box)`` reaches NumPy's ufunc dispatch: use these wrappers.
    register_wrappers({raw: w for raw, w in _wrapped.items() if isinstance(raw, _onp.ufunc)})


_fill()


# ----------------------------------------------------------------- keyword arrays

_logsumexp_prim = _wrapped[_sp.logsumexp]


def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """``log(sum(b * exp(a), axis))``, computed stably (SciPy's signature), traced in ``a`` and ``b``.

    >>> import numpy as onp
    >>> float(logsumexp(onp.array([0.0, 0.0])))  # log 2
    0.6931471805599453
    """
    return _logsumexp_prim(a, axis, b, keepdims, return_sign)


# A rule given to logsumexp (HIPS made it a primitive) is the primitive's
logsumexp.__autograd_rule_key__ = _sp.logsumexp


logsumexp.__wrapped__ = _sp.logsumexp
