"""``convolve`` in SciPy's and in HIPS autograd's call style (see
:mod:`autograd_scipy.signal`), and HIPS's N-d tensor convolution.

The other convolutions are SciPy's functions as primitives, with rules in
:mod:`._rules`.
"""


import numpy as onp
import scipy.signal as _sps

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.numpy_wrapper import wrapper_for
from autograd_numpy.util import shape_of

from .._overridable import make_overridable
from ._primitives import windows


__all__ = ["convolve", "hips_convolve"]


_scipy_convolve = wrapper_for(_sps.convolve)   # (the namespace's primitive of SciPy's)


# ----------------------------------------------------------------- HIPS-style N-d convolution

def _pad_zeros(x, axis, before, after):
    if not before and not after:
        return x
    shape = list(shape_of(x))
    parts = []
    dtype = onp.result_type(getval(x))
    if before:
        shape[axis] = before
        parts.append(onp.zeros(shape, dtype))
    parts.append(x)
    if after:
        shape[axis] = after
        parts.append(onp.zeros(shape, dtype))
    return anp.concatenate(parts, axis)


def _conv_windowed(small, big, ax_s, ax_b, dot_s, dot_b, out, start):
    """``small`` convolved with ``big`` (sliding windows over ``big``): positions
    ``start ... start + out`` of the full convolution along each axis pair.

    Full position ``k`` is ``sum_w flip(small)[w] * big[k + w - (s - 1)]``, so
    ``big`` is zero-padded only as far as the requested positions reach."""
    sizes = [shape_of(small)[a] for a in ax_s]
    padded = big
    starts = []
    for a, s, st, o in zip(ax_b, sizes, start, out):
        # pad only as far as the requested positions reach
        n = shape_of(big)[a]
        lo = max(0, (s - 1) - st)
        hi = max(0, st + o - n)
        padded = _pad_zeros(padded, a, lo, hi)
        starts.append(st - (s - 1) + lo)
    w = windows(padded, tuple(ax_b), tuple(sizes), tuple(starts), tuple(out))
    flipped = anp.flip(small, tuple(ax_s)) if ax_s else small
    return anp.tensordot(flipped, w, (list(ax_s) + list(dot_s), list(ax_b) + list(dot_b)))


def hips_convolve(A, B, axes=None, dot_axes=((), ()), mode="full"):
    """HIPS autograd's N-d convolution (see the module docstring)."""
    nd_a, nd_b = anp.ndim(A), anp.ndim(B)
    if axes is None:
        axes = (list(range(nd_a)), list(range(nd_a)))
    ax_a = [int(i) % nd_a for i in axes[0]]
    ax_b = [int(i) % nd_b for i in axes[1]]
    dot_a = [int(i) % nd_a for i in dot_axes[0]]
    dot_b = [int(i) % nd_b for i in dot_axes[1]]
    sa, sb = shape_of(A), shape_of(B)
    na = [sa[i] for i in ax_a]
    nb = [sb[i] for i in ax_b]
    full = [p + q - 1 for p, q in zip(na, nb)]
    if mode == "full":
        out = full
    elif mode == "same":
        out = na
    elif mode == "valid":
        if not (all(p >= q for p, q in zip(na, nb)) or all(p <= q for p, q in zip(na, nb))):
            raise ValueError("convolve(mode='valid'): one array must be at least as large "
                             "as the other along every convolved axis")
        out = [abs(p - q) + 1 for p, q in zip(na, nb)]
    else:
        raise ValueError(f"convolve: unknown mode {mode!r} (use 'full', 'valid' or 'same')")
    start = [(f - o) // 2 for f, o in zip(full, out)]
    if onp.prod(na) <= onp.prod(nb):
        return _conv_windowed(A, B, ax_a, ax_b, dot_a, dot_b, out, start)
    # window the larger array; the result's axes come out as B's, then A's
    res = _conv_windowed(B, A, ax_b, ax_a, dot_b, dot_a, out, start)
    n_free_a = nd_a - len(ax_a) - len(dot_a)
    n_free_b = nd_b - len(ax_b) - len(dot_b)
    order = (list(range(n_free_b, n_free_b + n_free_a)) + list(range(n_free_b))
             + list(range(n_free_a + n_free_b, n_free_a + n_free_b + len(ax_a))))
    return anp.transpose(res, order)


def convolve(in1, in2, *args, **kwargs):
    hips = ("axes" in kwargs or "dot_axes" in kwargs
            or (args and isinstance(args[0], (list, tuple))))
    if hips:
        opts = dict(zip(("axes", "dot_axes", "mode"), args))
        opts.update(kwargs)
        if opts.get("dot_axes") is None:
            opts["dot_axes"] = ((), ())
        return hips_convolve(in1, in2, **opts)
    return _scipy_convolve(in1, in2, *args, **kwargs)


convolve.__doc__ = (
    "SciPy's ``convolve(in1, in2, mode='full', method='auto')``, or HIPS autograd's\n"
    "``convolve(A, B, axes=None, dot_axes=((), ()), mode='full')`` when ``axes`` or\n"
    "``dot_axes`` is given (see :mod:`autograd_scipy.signal`).\n\n"
    "SciPy's documentation:\n" + (_sps.convolve.__doc__ or ""))
convolve.__wrapped__ = _sps.convolve


make_overridable(globals())     # every public function takes a user's rule
