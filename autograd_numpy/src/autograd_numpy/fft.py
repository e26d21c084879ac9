"""``autograd.numpy.fft``: every public callable of ``numpy.fft``, wrapped for tracing.

The rules live in :mod:`autograd_numpy.fft_rules`.
"""

import numpy.fft as _npfft

from .numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_npfft), globals(), set(getattr(_npfft, "__all__", ())) or None)
