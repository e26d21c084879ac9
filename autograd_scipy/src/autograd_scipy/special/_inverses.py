"""Rules of the inverse distribution functions of ``scipy.special`` that solve for a
parameter (``gdtria``, ``btdtrib``, ``chdtriv``, ``stdtridf``, ``bdtrik`` ...).

Each solves ``forward(...) = p`` for one argument of a traced ``forward`` whose rules
exist here; the derivatives come from the implicit function theorem
(:func:`autograd_scipy._implicit.def_implicit_inverse`).  The discrete families
(``bdtr``, ``nbdtr``, ``pdtr``) are solved by SciPy for a continuous count, through
the incomplete beta and gamma functions they are built on; those continuous forms
are the ``forward`` used here.
"""

from autograd.extend import MissingRuleError, defjvp, defvjp_fast

from .. import special as sp
from .._implicit import LEVEL, def_implicit_inverse

__all__ = ["INVERSES", "register"]


def _bdtr_continuous(k, n, p):
    return sp.betainc(n - k, k + 1, 1 - p)


def _nbdtr_continuous(k, n, p):
    return sp.betainc(n, k + 1, p)


def _pdtr_continuous(k, m):
    return sp.gammaincc(k + 1, m)


def _normal_cdf(mean, std, x):
    return sp.ndtr((x - mean) / std)


P = LEVEL
# fmt: off
# (inverse, forward, the forward argument it solves for, what each argument of the inverse is:
#  the level P or the forward argument it fills)
INVERSES = [
    ("gdtrix",    lambda a, b, x: sp.gdtr(a, b, x),        2, (0, 1, P)),
    ("gdtria",    lambda a, b, x: sp.gdtr(a, b, x),        0, (P, 1, 2)),
    ("gdtrib",    lambda a, b, x: sp.gdtr(a, b, x),        1, (0, P, 2)),
    ("btdtria",   lambda a, b, x: sp.betainc(a, b, x),     0, (P, 1, 2)),
    ("btdtrib",   lambda a, b, x: sp.betainc(a, b, x),     1, (0, P, 2)),
    ("chdtriv",   lambda v, x: sp.chdtr(v, x),             0, (P, 1)),
    ("fdtridfd",  lambda m, n, x: sp.fdtr(m, n, x),        1, (0, P, 2)),
    ("stdtridf",  lambda df, t: sp.stdtr(df, t),           0, (P, 1)),
    ("nrdtrimn",  _normal_cdf,                             0, (P, 1, 2)),
    ("nrdtrisd",  _normal_cdf,                             1, (0, P, 2)),
    ("chndtrix",  lambda x, df, nc: sp.chndtr(x, df, nc),  0, (P, 1, 2)),
    ("chndtrinc", lambda x, df, nc: sp.chndtr(x, df, nc),  2, (0, 1, P)),
    ("bdtrik",    _bdtr_continuous,                        0, (P, 1, 2)),
    ("bdtrin",    _bdtr_continuous,                        1, (0, P, 2)),
    ("nbdtrik",   _nbdtr_continuous,                       0, (P, 1, 2)),
    ("nbdtrin",   _nbdtr_continuous,                       1, (0, P, 2)),
    ("pdtrik",    _pdtr_continuous,                        0, (P, 1)),
    ("kolmogi",   lambda y: sp.kolmogorov(y),              0, (P,)),
]
# fmt: on


def _refuse(name, what):
    def rule(*args, **kwargs):
        raise MissingRuleError(
            f"The derivative of scipy.special.{name} with respect to {what} is not implemented "
            "(autograd-scipy): chndtr has no derivative in its degrees of freedom.")
    return rule


def register():
    """Register the rules of ``INVERSES`` (into the active registry)."""
    for name, forward, solved, roles in INVERSES:
        if hasattr(sp, name):
            def_implicit_inverse(getattr(sp, name).fun, forward, solved, roles)
    if hasattr(sp, "chndtridf"):
        rule = _refuse("chndtridf", "any argument")
        defvjp_fast(sp.chndtridf.fun, rule, rule, rule)
        defjvp(sp.chndtridf.fun, rule, rule, rule)
