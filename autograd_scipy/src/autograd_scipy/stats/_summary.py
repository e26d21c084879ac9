"""Plain functions of ``scipy.stats`` (not distributions): ``entropy`` and ``zscore``.

Both are composites of ``autograd.numpy`` and ``autograd.scipy.special``, so
they are differentiable in their array arguments.
"""

import numpy as onp

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args

__all__ = ["entropy", "zscore"]


@array_args
def entropy(pk, qk=None, base=None, axis=0, *, nan_policy="propagate", keepdims=False):
    """Shannon entropy of ``pk`` or, given ``qk``, the relative entropy
    ``sum(pk log(pk/qk))``, after normalizing each to sum to 1 along ``axis``
    (``scipy.stats.entropy``).

    >>> import numpy as onp
    >>> round(float(entropy(onp.array([1.0, 1.0]), base=2)), 12)
    1.0
    """
    if nan_policy != "propagate":
        raise NotImplementedError("entropy supports nan_policy='propagate' only")
    pk = pk / anp.sum(pk, axis=axis, keepdims=True)
    if qk is None:
        terms = sp.entr(pk)
    else:
        qk = qk / anp.sum(qk, axis=axis, keepdims=True)
        terms = sp.rel_entr(pk, qk)
    out = anp.sum(terms, axis=axis, keepdims=keepdims)
    if base is not None:
        out = out / onp.log(base)
    return out


@array_args
def zscore(a, axis=0, ddof=0, nan_policy="propagate"):
    """``(a - mean) / std`` along ``axis`` (``scipy.stats.zscore``; ``axis=None`` uses all of ``a``).

    >>> import numpy as onp
    >>> zscore(onp.array([1.0, 2.0, 3.0])).round(6).tolist()
    [-1.224745, 0.0, 1.224745]
    """
    if nan_policy != "propagate":
        raise NotImplementedError("zscore supports nan_policy='propagate' only")
    if axis is None:
        mean, std = anp.mean(a), anp.std(a, ddof=ddof)
    else:
        mean = anp.mean(a, axis=axis, keepdims=True)
        std = anp.std(a, axis=axis, ddof=ddof, keepdims=True)
    return (a - mean) / std
