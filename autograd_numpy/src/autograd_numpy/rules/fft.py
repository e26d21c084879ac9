"""The ``numpy.fft`` rule set (loader declared by the plugin).

:func:`register` installs a VJP and a JVP for every differentiable function of
``numpy.fft``; ``fftfreq`` and ``rfftfreq`` are non-differentiable.

Every transform is linear over the reals, so its JVP is the transform of the
tangent.  The VJPs are transposes (the project's complex convention: no
conjugation for a complex-linear map):

* the DFT matrix is symmetric, so ``fft``/``ifft``/``fftn``/... are their own
  transposes; a length ``n`` that pads or truncates the input is transposed
  by truncating or padding the cotangent back;
* ``rfft`` keeps the first ``n//2 + 1`` outputs of an ``fft`` of a real
  signal: its transpose zero-pads the cotangent to ``n``, applies ``fft`` and
  keeps the real part;
* ``irfft`` reads a half spectrum as the full Hermitian one: an entry other
  than the zero-frequency (and, for even ``n``, Nyquist) one stands for two,
  so its transpose is the ``ifft`` of the cotangent with those entries doubled;
* ``hfft`` is ``irfft`` of the conjugate, ``ihfft`` the conjugate of ``rfft``
  (with the normalisation reversed), so their transposes conjugate too.

:func:`fit_to` (the transpose of a length change) and ``REVERSED_NORM`` are
public: ``scipy.fft``'s rules transpose the same padding and normalisations.
"""

import numpy as onp

from autograd.extend import defjvp, defnondiff, defvjp_fast, getval, once_per_registry

from .. import fft as afft
from .. import numpy_wrapper as anp
from ..broadcasting import fit_cotangent
from ..util import shape_of

__all__ = ["register", "fit_length", "fit_to", "REVERSED_NORM"]


# hfft/ihfft are irfft/rfft with the normalisation reversed (public: scipy.fft's rules use
# it and the two helpers below for the same transforms)
REVERSED_NORM = {None: "forward", "backward": "forward", "forward": "backward", "ortho": "ortho"}


# ----------------------------------------------------------------- helpers

def _axes_and_sizes(x, s, axes, last_default=None):
    """Normalised ``(axes, sizes)`` of an n-dimensional transform of ``x``.

    ``last_default(m)`` gives the length of the last axis when ``s`` does not
    (``irfftn``: ``2 (m - 1)``).
    """
    shape = shape_of(x)
    nd = len(shape)
    if axes is None:
        axes = range(nd) if s is None else range(-len(s), 0)
    axes = [int(a) % nd for a in axes]
    sizes = [shape[a] for a in axes]
    if last_default is not None and axes:
        sizes[-1] = last_default(sizes[-1])
    if s is not None:
        sizes = [n if m is None or m == -1 else int(m) for n, m in zip(sizes, s)]
    return axes, sizes


def _slice(x, axis, start, stop):
    index = [slice(None)] * len(shape_of(x))
    index[axis] = slice(start, stop)
    return x[tuple(index)]


def fit_length(x, axis, n):
    """``x`` truncated or zero-padded to length ``n`` along ``axis``."""
    m = shape_of(x)[axis]
    if m > n:
        return _slice(x, axis, 0, n)
    if m < n:
        pad_shape = list(shape_of(x))
        pad_shape[axis] = n - m
        zeros = onp.zeros_like(getval(x), shape=tuple(pad_shape))
        return anp.concatenate([x, zeros], axis=axis)
    return x


def fit_to(h, target, axes):
    """The transpose of the padding/truncation the transform applied to ``target``."""
    shape = shape_of(target)
    for axis in axes:
        h = fit_length(h, axis, shape[axis])
    return fit_cotangent(h, target)


def _hermitian_weights(h, axis, n):
    """The first ``n//2 + 1`` entries of ``h`` along ``axis``, doubled where they
    stand for two entries of a Hermitian spectrum of length ``n``."""
    k = (n - 1) // 2            # entries 1..k have a mirror image
    parts = [_slice(h, axis, 0, 1)]
    if k:
        parts.append(2 * _slice(h, axis, 1, k + 1))
    if n % 2 == 0:
        parts.append(_slice(h, axis, n // 2, n // 2 + 1))
    return anp.concatenate(parts, axis=axis) if len(parts) > 1 else parts[0]


# ----------------------------------------------------------------- 1-D transforms

def _fft_vjp(fun):
    def vjp(g, ans, a, n=None, axis=-1, norm=None, out=None):
        return fit_to(fun(g, None, axis, norm), a, [axis % len(shape_of(a))])
    return vjp


def _rfft_vjp(g, ans, a, n=None, axis=-1, norm=None, out=None):
    axis = axis % len(shape_of(a))
    n = shape_of(a)[axis] if n is None else n
    return fit_to(afft.fft(g, n, axis, norm), a, [axis])


def _irfft_vjp(g, ans, a, n=None, axis=-1, norm=None, out=None):
    axis = axis % len(shape_of(a))
    n = shape_of(ans)[axis]
    h = _hermitian_weights(afft.ifft(g, None, axis, norm), axis, n)
    return fit_to(h, a, [axis])


def _hfft_vjp(g, ans, a, n=None, axis=-1, norm=None, out=None):
    return anp.conj(_irfft_vjp(g, ans, a, n, axis, REVERSED_NORM[norm]))


def _ihfft_vjp(g, ans, a, n=None, axis=-1, norm=None, out=None):
    return _rfft_vjp(anp.conj(g), ans, a, n, axis, REVERSED_NORM[norm])


# ----------------------------------------------------------------- n-D transforms

def _fftn_vjp(fun, default_axes=None):
    def vjp(g, ans, a, s=None, axes=default_axes, norm=None, out=None):
        axes, _ = _axes_and_sizes(a, s, axes)
        return fit_to(fun(g, None, axes, norm), a, axes)
    return vjp


def _rfftn_vjp(default_axes=None):
    def vjp(g, ans, a, s=None, axes=default_axes, norm=None, out=None):
        axes, sizes = _axes_and_sizes(a, s, axes)
        return fit_to(afft.fftn(g, sizes, axes, norm), a, axes)
    return vjp


def _irfftn_vjp(default_axes=None):
    def vjp(g, ans, a, s=None, axes=default_axes, norm=None, out=None):
        axes, _ = _axes_and_sizes(a, s, axes)
        h = afft.ifftn(g, None, axes, norm)
        h = _hermitian_weights(h, axes[-1], shape_of(ans)[axes[-1]])
        return fit_to(h, a, axes)
    return vjp


# ----------------------------------------------------------------- shifts

def _shift_vjp(inverse):
    return lambda g, ans, x, axes=None: inverse(g, axes)


# ----------------------------------------------------------------- registration

# fmt: off
_RULES = [
    (afft.fft,       _fft_vjp(afft.fft)),
    (afft.ifft,      _fft_vjp(afft.ifft)),
    (afft.fft2,      _fftn_vjp(afft.fftn, (-2, -1))),
    (afft.ifft2,     _fftn_vjp(afft.ifftn, (-2, -1))),
    (afft.fftn,      _fftn_vjp(afft.fftn)),
    (afft.ifftn,     _fftn_vjp(afft.ifftn)),
    (afft.rfft,      _rfft_vjp),
    (afft.irfft,     _irfft_vjp),
    (afft.rfft2,     _rfftn_vjp((-2, -1))),
    (afft.irfft2,    _irfftn_vjp((-2, -1))),
    (afft.rfftn,     _rfftn_vjp()),
    (afft.irfftn,    _irfftn_vjp()),
    (afft.hfft,      _hfft_vjp),
    (afft.ihfft,     _ihfft_vjp),
    (afft.fftshift,  _shift_vjp(afft.ifftshift)),
    (afft.ifftshift, _shift_vjp(afft.fftshift)),
]
# fmt: on


@once_per_registry
def register():
    """Register the numpy.fft rules into the active registry (idempotent)."""
    for fun, vjp in _RULES:
        defvjp_fast(fun, vjp)
        defjvp(fun, "same")       # linear: the JVP is the transform of the tangent
    defnondiff(onp.fft.fftfreq)
    defnondiff(onp.fft.rfftfreq)
