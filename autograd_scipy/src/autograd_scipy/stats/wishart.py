"""The Wishart distribution ``wishart(df, scale)``, differentiable in ``x``,
``df`` and ``scale``.

Arguments follow SciPy (see :mod:`._wishart`): several matrices are stacked
along the last axis of ``x``.

>>> import numpy as onp
>>> round(float(logpdf(onp.eye(2), df=3, scale=onp.eye(2))), 6)
-3.531024
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
    trace = anp.sum(anp.transpose(anpla.inv(s)) * xs, axis=(-2, -1))
    return squeeze(0.5 * (df - p - 1) * anpla.slogdet(xs)[1] - 0.5 * trace
                   - 0.5 * df * p * math.log(2.0) - 0.5 * df * anpla.slogdet(s)[1]
                   - sp.multigammaln(0.5 * df, p))


pdf = from_log(logpdf)
