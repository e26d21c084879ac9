"""``autograd.scipy.fft``: every public callable of ``scipy.fft``, wrapped for tracing.

* The transforms (the ``fft`` family, ``dct``/``dst`` and their inverses and
  n-dimensional forms, ``fht``/``ifht``) are primitives, one per SciPy
  function, whose rules live in :mod:`autograd_scipy.fft._rules`.  They call
  SciPy with ``overwrite_x=False`` whatever is asked: overwriting is only a
  permission, and an input destroyed in place would still be read by the
  rules of the other operations that use it.  ``workers`` and ``plan`` are
  passed on.
* ``fftshift``/``ifftshift`` are primitives too (a permutation of entries).
* ``fftfreq``, ``rfftfreq``, ``next_fast_len``, ``prev_fast_len`` and
  ``fhtoffset`` give sample frequencies, lengths and offsets: they run on raw
  values, their results are constants for every trace.
* The backend and worker controls (``set_backend``, ``set_workers`` ...) are
  SciPy's own functions.

Importing this module imports ``scipy.fft`` and no other SciPy submodule.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> from autograd.scipy.fft import dct
>>> grad(lambda x: np.sum(dct(x, norm="ortho") ** 2))(np.array([1.0, 2.0]))
array([2., 4.])
"""

import scipy.fft as _sfft

from autograd.extend import primitive
from autograd_numpy.numpy_wrapper import notrace as _notrace

__all__ = []

# name -> position of ``overwrite_x`` among the positional arguments
_FFT_FAMILY = ["fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "irfft", "rfft2",
               "irfft2", "rfftn", "irfftn", "hfft", "ihfft", "hfft2", "ihfft2", "hfftn",
               "ihfftn"]
_REAL_TRIG = ["dct", "idct", "dst", "idst", "dctn", "idctn", "dstn", "idstn"]
_OVERWRITE_AT = {**dict.fromkeys(_FFT_FAMILY, 4), **dict.fromkeys(_REAL_TRIG, 5)}
_PRIMITIVES = ["fftshift", "ifftshift", "fht", "ifht"]
_CONSTANT = ["fftfreq", "rfftfreq", "next_fast_len", "prev_fast_len", "fhtoffset"]
_AS_IS = ["set_backend", "skip_backend", "set_global_backend", "register_backend",
          "get_workers", "set_workers"]


def _no_overwrite(name, raw, pos):
    """``raw`` called with ``overwrite_x=False`` (positional slot ``pos`` or keyword)."""
    def call(*args, **kwargs):
        if len(args) > pos:
            args = args[:pos] + (False,) + args[pos + 1:]
        kwargs["overwrite_x"] = False
        return raw(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = raw.__doc__
    call.__module__ = __name__
    call.__wrapped__ = raw
    return call


def _constant(name, raw):
    w = _notrace(raw)
    w.__module__ = "scipy.fft"
    return w


_raw_of = {}        # public name -> the raw callable its primitive runs (for the rule set)

for _name in _OVERWRITE_AT:
    _raw = _no_overwrite(_name, getattr(_sfft, _name), _OVERWRITE_AT[_name])
    _raw_of[_name] = _raw
    globals()[_name] = primitive(_raw)
for _name in _PRIMITIVES:
    _raw_of[_name] = getattr(_sfft, _name)
    globals()[_name] = primitive(_raw_of[_name])
for _name in _CONSTANT:
    globals()[_name] = _constant(_name, getattr(_sfft, _name))
for _name in _AS_IS:
    globals()[_name] = getattr(_sfft, _name)
__all__ += list(_OVERWRITE_AT) + _PRIMITIVES + _CONSTANT + _AS_IS
for _name in getattr(_sfft, "__all__", ()):     # a function of a later SciPy: no rule yet
    if _name not in __all__ and callable(getattr(_sfft, _name)):
        globals()[_name] = primitive(getattr(_sfft, _name))
        __all__.append(_name)
del _name, _raw


def raw_callables():
    """``{name: raw callable}`` of the primitives (the rule set keys its rules by these)."""
    return dict(_raw_of)
