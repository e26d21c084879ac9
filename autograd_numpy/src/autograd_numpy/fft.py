"""``autograd.numpy.fft``: every public callable of ``numpy.fft``, wrapped for tracing.

The rules live in :mod:`autograd_numpy.rules.fft`.  ``fftfreq`` and
``rfftfreq`` return sample frequencies that do not depend on traced values in
any differentiable way: they run on raw values.
"""

import numpy.fft as _npfft

from . import numpy_wrapper as _anp
from .numpy_wrapper import wrap_namespace as _wrap_namespace

__all__ = _wrap_namespace(vars(_npfft), globals(), set(getattr(_npfft, "__all__", ())) or None)

fftfreq = _anp.notrace(_npfft.fftfreq)
rfftfreq = _anp.notrace(_npfft.rfftfreq)
_anp.register_wrappers({_npfft.fftfreq: fftfreq, _npfft.rfftfreq: rfftfreq})
