"""The Dirichlet distribution, differentiable in ``x`` and ``alpha``.

As in SciPy, the components of ``x`` run along its *first* axis (``x`` of
shape ``(K,)`` or ``(K, N)``); ``K - 1`` components may be given, the last
being ``1 - sum``.
"""

from autograd.extend import getval, overridable
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import ndim_of, shape_of

from .. import special as sp
from ._common import array_args, from_log

__all__ = ["pdf", "logpdf", "rvs"]


@array_args
def logpdf(x, alpha):
    k = shape_of(alpha)[0]
    if shape_of(x)[0] == k - 1:
        x = anp.concatenate([x, 1 - anp.sum(x, axis=0, keepdims=True)], axis=0)
    a = anp.reshape(alpha, (k,) + (1,) * (ndim_of(x) - 1))
    return (anp.sum(sp.xlogy(a - 1, x), axis=0)
            + sp.gammaln(anp.sum(alpha)) - anp.sum(sp.gammaln(alpha)))


pdf = from_log(logpdf)


@overridable   # a constant here; a user may give it a rule (HIPS made it a primitive)
def rvs(alpha, size=1, random_state=None):
    """Samples from SciPy's ``dirichlet.rvs`` (not differentiable: a constant)."""
    import scipy.stats   # here, not at import: the module's densities need only special

    return scipy.stats.dirichlet.rvs(getval(alpha), size=size, random_state=random_state)
