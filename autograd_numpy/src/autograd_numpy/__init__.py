"""autograd-numpy: NumPy for autograd; this package is ``autograd.numpy``.

>>> import autograd.numpy as np
>>> from autograd import grad
>>> grad(lambda x: np.sum(np.sin(x) ** 2))(np.array([0.0, 1.0]))
array([0.        , 0.90929743])

Every public callable of ``numpy`` is available here under its own name and
signature (see :mod:`autograd_numpy.numpy_wrapper`), with ``linalg``, ``fft``
and ``random`` as submodules.  Loading the namespace registers the array
boxes and vector spaces; the gradient rules are a rule set that the plugin
manager loads the first time one is needed.

Why the namespace loads on first use: the plugin declaration
(:mod:`autograd_numpy._plugin`) lives in this package, and plugin discovery
must not import NumPy.  So importing the package itself is cheap, and the
first attribute access (``np.sin``, ``from autograd.numpy import *``) loads
NumPy and fills the namespace once; later accesses are plain attribute reads.
"""

import os as _os

# ``autograd.numpy.__version__`` is NumPy's version, as in HIPS autograd (code
# gates on it); it is served lazily by ``__getattr__`` so that importing this
# package does not import NumPy.  The add-on's own version is the
# distribution's: ``importlib.metadata.version("autograd-numpy")``.

_HERE = _os.path.dirname(__file__)
_loaded = False


def _load():
    global _loaded
    if _loaded:
        return
    from . import numpy_boxes  # noqa: F401  (registers boxes and spaces)
    from . import numpy_wrapper
    g = globals()
    for name in numpy_wrapper.__all__:
        g[name] = getattr(numpy_wrapper, name)
    from . import fft, linalg, random  # noqa: F401  (submodules become attributes)
    g["__all__"] = list(numpy_wrapper.__all__) + ["fft", "linalg", "random"]
    _loaded = True


def _is_submodule(name):
    return (_os.path.exists(_os.path.join(_HERE, name + ".py"))
            or _os.path.isdir(_os.path.join(_HERE, name)))


def __getattr__(name):
    # Dunders other than __all__ are not ours; a submodule asked for as an
    # attribute (``np.random``, or ``from . import x`` inside the package) is
    # imported; anything else fills the namespace first.
    if name == "__version__":
        import numpy
        return numpy.__version__
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _is_submodule(name):     # ``np.random`` before anything else was loaded
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    _load()
    try:
        return globals()[name]
    except KeyError:
        raise AttributeError(f"module 'autograd.numpy' has no attribute {name!r}") from None


def __dir__():
    _load()
    return sorted(globals())
