"""``autograd.scipy.signal``: every public callable of ``scipy.signal``, wrapped for tracing.

The convolutions (``convolve``, ``correlate``, ``fftconvolve``, ``oaconvolve``,
``convolve2d``, ``correlate2d``) are differentiable in both inputs, in every
mode; their rules live in :mod:`autograd_scipy.signal._rules`.

``convolve`` takes two call styles:

* SciPy's, ``convolve(in1, in2, mode='full', method='auto')``;
* HIPS autograd's N-d tensor convolution,
  ``convolve(A, B, axes=None, dot_axes=((), ()), mode='full')``, chosen when
  ``axes`` or ``dot_axes`` is given (by keyword, or a list/tuple in third
  position).  ``axes = (axes_of_A, axes_of_B)`` are convolved pairwise,
  ``dot_axes`` are summed over (as in ``tensordot``), and every other axis
  is kept as an outer product.  The result's axes are: A's other axes, B's
  other axes, then one axis per convolved pair.  ``mode`` is ``'full'``,
  ``'valid'`` or ``'same'`` (the centre part with A's sizes, as in SciPy).

Filtering (``lfilter`` with ``axis`` and ``zi``, ``lfilter_zi``, ``filtfilt``
with ``method='pad'``, ``sosfilt``, ``sosfilt_zi``, ``sosfiltfilt``) is
differentiable in the signal, the coefficients and the initial state: the
wrappers are compositions of three filtering primitives (``fir``,
``allpole``, ``lagcorr``) whose adjoints are filters run backwards in time.
``hilbert``, ``detrend``, ``welch`` and ``periodogram`` are compositions of
traced NumPy operations.  ``savgol_filter``, ``resample``, ``resample_poly``,
``decimate``, ``stft``, ``istft`` and ``detrend`` with breakpoints are written
as the structured steps they take (index gathers, FIR filters, FFTs, small
constant matrices, overlap-adds), so their derivatives cost O(N * window) or
O(N log N).  The few options without such a form (``decimate`` with a
``dlti`` filter, ``resample_poly``'s anti-symmetric extensions longer than the
signal) fall back to ``linear_map``, whose VJP builds the map's matrix and
refuses to go past ``signal._rules.MATRIX_LIMIT`` entries.  Filter design,
windows and peak finding are constants (marked non-differentiable).

Without those keywords both styles agree on arrays of equal dimension, so
HIPS code that called ``convolve(A, B, mode='valid')`` runs unchanged.

This module builds the namespace; the functions live in private topic modules:
``_convolution``, ``_filtering`` (``lfilter`` ... ``detrend``), ``_resampling``,
``_spectral``, the primitives they are made of in ``_primitives``, shared
helpers in ``_common``, and the rules in ``_rules``.

>>> import numpy as onp
>>> from autograd.scipy.signal import convolve
>>> convolve(onp.ones((2, 3, 3)), onp.ones((2, 4, 2, 2)), axes=([1, 2], [2, 3]),
...          dot_axes=([0], [0]), mode="valid").shape
(4, 2, 2)
"""

import scipy.signal as _sps

from autograd_numpy.numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_sps), globals(), set(getattr(_sps, "__all__", ())) or None)

# Our functions, from the topic modules, replace the namespace's primitives of
# SciPy's of the same name; _rules reads COMPOSITES, NONDIFF and _scipy_convolve here.
from ._common import COMPOSITES  # noqa: E402,F401
from ._convolution import *  # noqa: E402,F403
from ._convolution import _scipy_convolve  # noqa: E402,F401
from ._filtering import *  # noqa: E402,F403
from ._primitives import *  # noqa: E402,F403
from ._resampling import *  # noqa: E402,F403
from ._spectral import *  # noqa: E402,F403
from . import _convolution, _filtering, _primitives, _resampling, _spectral  # noqa: E402

for _m in (_convolution, _filtering, _primitives, _resampling, _spectral):
    __all__ += [n for n in _m.__all__ if n not in __all__]
del _m

# filter design, windows, peak finding: constants for differentiation
NONDIFF = [
    "get_window", "butter", "cheby1", "cheby2", "ellip", "bessel", "iirfilter", "iirdesign",
    "iirnotch", "iirpeak", "iircomb", "buttord", "cheb1ord", "cheb2ord", "ellipord",
    "firwin", "firwin2", "firls", "remez", "kaiserord", "kaiser_beta", "kaiser_atten",
    "savgol_coeffs", "gammatone", "minimum_phase", "buttap", "cheb1ap", "cheb2ap", "ellipap",
    "besselap", "find_peaks", "find_peaks_cwt", "argrelmax", "argrelmin", "argrelextrema",
    "peak_prominences", "peak_widths", "check_COLA", "check_NOLA", "unit_impulse",
    "max_len_seq", "band_stop_obj", "lp2lp", "lp2hp", "lp2bp", "lp2bs", "lp2lp_zpk",
    "lp2hp_zpk", "lp2bp_zpk", "lp2bs_zpk", "bilinear", "bilinear_zpk", "tf2sos", "zpk2sos",
    "tf2zpk", "zpk2tf", "sos2tf", "sos2zpk", "tf2ss", "ss2tf", "zpk2ss", "ss2zpk",
    "cont2discrete", "normalize", "unique_roots",
]
