"""autograd-scipy: this package is ``autograd.scipy``.

Its submodules (``special``, ``stats``, ``signal``, ``linalg``, ``integrate``, ``optimize``,
``misc``, ``fft``, ``spatial``,
``interpolate``, ``ndimage``) are imported only when asked for: ``import autograd.scipy.special``
imports ``scipy.special`` and nothing else of SciPy.
"""

import importlib as _importlib

__version__ = "2.0.0"

_SUBMODULES = ("special", "stats", "signal", "linalg", "integrate", "optimize", "misc", "fft", "spatial",
               "interpolate", "ndimage")


def __getattr__(name):
    if name in _SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'autograd.scipy' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
