"""The inverse Wishart distribution ``invwishart(df, scale)``, differentiable
in ``x``, ``df`` and ``scale``.

Arguments follow SciPy (see :mod:`._wishart`): several matrices are stacked
along the last axis of ``x``.
"""

import math

from autograd_numpy import linalg as anpla
from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log
from ._mv import squeeze
from ._wishart import matrices

__all__ = ["pdf", "logpdf"]


@array_args
def logpdf(x, df, scale):
    xs, s, p = matrices(x, scale)
    trace = anp.sum(anpla.inv(xs) * anp.transpose(s), axis=(-2, -1))
    return squeeze(0.5 * df * anpla.slogdet(s)[1] - 0.5 * (df + p + 1) * anpla.slogdet(xs)[1]
                   - 0.5 * trace - 0.5 * df * p * math.log(2.0)
                   - sp.multigammaln(0.5 * df, p))


pdf = from_log(logpdf)
