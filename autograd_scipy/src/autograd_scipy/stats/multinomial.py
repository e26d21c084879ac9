"""The multinomial distribution ``multinomial(n, p)``, differentiable in ``p``.

As in SciPy, the categories run along the *last* axis of ``x`` and ``p``, and
the last probability is taken to be ``1 - sum(p[..., :-1])`` (so a gradient
reaches the others through it, and never ``p[..., -1]`` itself).  The counts
``x`` are constants, and so is the number of trials ``n``: it must equal
``sum(x)``, so there is no neighbouring ``n`` to differentiate towards.
"""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import NEG_INF, array_args, from_log
from ._mv import squeeze

__all__ = ["pmf", "logpmf"]


def _last_from_rest(p):
    head = p[..., :-1]
    return anp.concatenate([head, 1 - anp.sum(head, axis=-1, keepdims=True)], axis=-1)


@array_args
def logpmf(x, n, p):
    x = onp.asarray(getval(x), float)
    n = onp.asarray(getval(n), float)
    p = _last_from_rest(p)
    inside = (onp.all((x >= 0) & (onp.floor(x) == x), axis=-1)
              & (onp.sum(x, axis=-1) == n))
    xs = onp.where(inside[..., None], x, 0.0)
    value = (sp.gammaln(n + 1) - onp.sum(sp.gammaln(xs + 1), axis=-1)
             + anp.sum(sp.xlogy(xs, p), axis=-1))
    return squeeze(anp.where(inside, value, NEG_INF))


pmf = from_log(logpmf)
