"""``autograd.numpy.fft``: every public callable of ``numpy.fft``, wrapped for tracing.

The rules live in :mod:`autograd_numpy.rules.fft`.  ``fftfreq`` and
``rfftfreq`` return sample frequencies that do not depend on traced values in
any differentiable way: they run on raw values (they are in
:mod:`autograd_numpy.wrapping`'s non-differentiable set, so that
``numpy.fft.fftfreq`` reached through NumPy's protocol gets the same wrapper).
"""

import numpy.fft as _npfft

from .numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_npfft), globals(), set(getattr(_npfft, "__all__", ())) or None)
