"""Helpers shared by the topic modules of ``autograd.scipy.ndimage``: the
``_composite`` marker, argument normalisation, and the boundary extension of
every mode written as a gather (``take_axis``), whose transpose is the fold
that sends the padded contributions back onto the input."""

import numpy as onp

from autograd.extend import getval
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.util import any_boxed as _traced  # noqa: F401  (used by the topic modules)
from autograd_numpy.util import shape_of

from .._composites import composite
from ._primitives import take_axis

__all__ = []

COMPOSITES = []    # names whose wrapper is written with traced operations

# ndimage's filter modes as numpy.pad modes ('constant' modes are handled apart)
PAD_MODES = {"reflect": "symmetric", "grid-mirror": "symmetric", "mirror": "reflect",
             "nearest": "edge", "wrap": "wrap", "grid-wrap": "wrap",
             "constant": "constant", "grid-constant": "constant"}


def _composite(raw):
    """Decorator: the wrapper replacing SciPy's ``raw``, written by composition."""
    return composite(raw, COMPOSITES)


def no_output(output, name):
    if output is not None:
        raise TypeError(f"autograd.scipy.ndimage.{name}: output= cannot be used on traced "
                        "arrays (the result is a new array)")


def seq(value, n, name="argument"):
    """``value`` repeated ``n`` times, or the sequence itself checked for length ``n``."""
    if isinstance(value, str) or onp.ndim(getval(value)) == 0 and not isinstance(value,
                                                                              (list, tuple)):
        return [value] * n
    value = list(value)
    if len(value) != n:
        raise RuntimeError(f"{name}: sequence argument must have length equal to input rank")
    return value


def norm_axes(axes, ndim):
    if axes is None:
        return list(range(ndim))
    if onp.ndim(axes) == 0:
        axes = [axes]
    axes = [int(a) % ndim if -ndim <= int(a) < ndim else None for a in axes]
    if None in axes:
        raise ValueError("axes out of range")
    if len(set(axes)) != len(axes):
        raise ValueError("axes must be unique")
    return axes


def check_mode(mode):
    if mode not in PAD_MODES:
        raise RuntimeError(f"boundary mode not supported: {mode!r}")
    return mode


def pad_index(n, before, after, mode):
    """For each position of the extended axis, the input index it copies (``-1``: the constant)."""
    base = onp.arange(n)
    npmode = PAD_MODES[check_mode(mode)]
    if npmode == "constant":
        return onp.pad(base, (before, after), constant_values=-1)
    if n == 1:
        return onp.zeros(n + before + after, dtype=int)
    return onp.pad(base, (before, after), mode=npmode)


def pad(x, widths, modes, cval):
    """``x`` extended along every axis by ``widths[axis] = (before, after)`` as ndimage extends it."""
    for axis, ((before, after), mode) in enumerate(zip(widths, modes)):
        if not before and not after:
            continue
        n = shape_of(x)[axis]
        idx = pad_index(n, before, after, mode)
        x = take_axis(x, idx, axis)
        if PAD_MODES[mode] == "constant" and cval != 0:
            shape = [1] * len(shape_of(x))
            shape[axis] = len(idx)
            fill = onp.reshape(idx < 0, shape)
            x = x + onp.where(fill, onp.asarray(cval), 0).astype(onp.result_type(getval(x), cval))
    return x


def flip_all(w):
    return anp.flip(w, tuple(range(len(shape_of(w)))))
