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
first attribute access (``np.sin``, ``from autograd.numpy import *``) -- or
``import autograd.numpy``, which asks for ``__all__`` -- loads NumPy and fills
the namespace once.  Then the lazy-loading hooks remove themselves: the module
dict is a plain one, as HIPS autograd's is, holding every NumPy callable,
``ndarray``, the dtypes, the ``fft``/``linalg``/``random`` submodules,
HIPS's helper modules (``numpy_boxes``, ``numpy_vjps``, ...) and
``builtins`` (``autograd.builtins``).  Downstream packages copy it
(PennyLane: ``wrap_arrays(autograd.numpy.__dict__, globals())``) and
star-import it.
"""

import os as _os

# ``autograd.numpy.__version__`` is NumPy's version, as in HIPS autograd (code
# gates on it); it is served lazily by ``__getattr__`` so that importing this
# package does not import NumPy.  The add-on's own version is the
# distribution's: ``importlib.metadata.version("autograd-numpy")``.

_HERE = _os.path.dirname(__file__)

# Names of the package that are not part of the namespace: removed once it is
# filled (``__getattr__``/``__dir__`` would otherwise also be copied along).
_LAZY_MACHINERY = ("__getattr__", "__dir__", "_load", "_fill", "_is_submodule", "_HERE", "_os",
                   "_LAZY_MACHINERY", "_lazy_module", "_OnFirstUse", "_MODULE", "_ON_FIRST_USE")
# HIPS autograd's helper modules, attributes of ``autograd.numpy`` there too
_HELPER_MODULES = ("numpy_boxes", "numpy_jvps", "numpy_vjps", "numpy_vspaces",
                   "numpy_wrapper", "fft", "linalg", "random")


def _load():
    g = globals()
    if "_load" not in g:      # already filled
        return
    import numpy

    from autograd.extend import few_collections

    # the namespace's ~6000 objects (wrappers, closures, ufunc methods) live as
    # long as the program: no collection during the fill would find anything
    with few_collections():
        _fill(g, numpy)


def _fill(g, numpy):
    import importlib

    import autograd.builtins
    from . import numpy_wrapper
    for name in _HELPER_MODULES:
        full = f"{__name__}.{name}"
        # (numpy_boxes registers the boxes on import)
        g[name] = _lazy_module(full) if name in _ON_FIRST_USE else importlib.import_module(full)
    # numpy.linalg's functions reached by the array protocol get linalg's wrappers
    from .wrapping import _wrapped_on_first_use
    linalg = g["linalg"]
    _wrapped_on_first_use["numpy.linalg"] = lambda: linalg.__all__
    for name in numpy_wrapper.__all__:
        g[name] = getattr(numpy_wrapper, name)
    from .assignment import install
    install(g)    # writing into arrays: creation functions, in-place functions, ufunc.at
    g["builtins"] = autograd.builtins
    g["__version__"] = numpy.__version__
    g["__all__"] = list(numpy_wrapper.__all__) + list(_HELPER_MODULES) + ["builtins"]
    for name in _LAZY_MACHINERY:
        g.pop(name, None)


# Helper modules executed on first attribute access: ``numpy.random`` loads a
# dozen extension modules, ``numpy.fft`` one more (NumPy itself imports neither
# until asked), ``numpy_vjps`` every rule module and ``linalg`` wraps ~30
# functions, and none of them is needed before a random draw, a transform, a
# linear-algebra call or a first derivative (the rule set is loaded through the
# plugin manager, which then executes the module).
_ON_FIRST_USE = ("numpy_vjps", "numpy_jvps", "random", "fft", "linalg")


def _lazy_module(fullname):
    import sys
    if fullname in sys.modules:
        return sys.modules[fullname]
    module = _OnFirstUse(fullname)
    module.__package__ = __name__
    sys.modules[fullname] = module
    return module


_MODULE = type(_os)


class _OnFirstUse(_MODULE):
    """A submodule that is found and executed on its first attribute access (any
    but ``__class__``), then is a plain module: what ``importlib.util.LazyLoader``
    does, without importing ``importlib.util`` (two modules, 1 M instructions),
    and without searching for the file before it is needed.  (Its methods reach
    nothing of the package's globals, which ``_load`` prunes.)"""

    def __getattribute__(self, attr, _module=_MODULE):
        cls = _module.__getattribute__(self, "__class__")
        if attr == "__class__":
            return cls
        import sys
        from importlib.machinery import PathFinder
        name = _module.__getattribute__(self, "__name__")
        self.__class__ = _module       # first: the module's own code reads its attributes
        try:
            spec = PathFinder.find_spec(name, sys.modules[self.__package__].__path__)
            self.__spec__, self.__loader__ = spec, spec.loader
            self.__file__, self.__cached__ = spec.origin, spec.cached
            spec.loader.exec_module(self)
        except BaseException:
            self.__class__ = cls       # (the next access tries again)
            raise
        return getattr(self, attr)

    def __delattr__(self, attr):
        self.__getattribute__("__dict__")
        delattr(self, attr)


def _is_submodule(name):
    return (_os.path.exists(_os.path.join(_HERE, name + ".py"))
            or _os.path.isdir(_os.path.join(_HERE, name)))


def __getattr__(name):
    # Dunders other than __all__ are not ours; a submodule asked for as an
    # attribute (``np.random``, or ``from . import x`` inside the package) is
    # imported; anything else fills the namespace first.
    if name == "__version__":   # before the namespace is filled
        import numpy
        return numpy.__version__
    if name.startswith("__") and name != "__all__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _is_submodule(name):     # ``np.random`` before anything else was loaded
        import importlib
        return importlib.import_module(f"{__name__}.{name}")
    g = globals()
    _load()
    try:
        return g[name]
    except KeyError:
        raise AttributeError(f"module 'autograd.numpy' has no attribute {name!r}") from None


def __dir__():
    _load()
    return sorted(globals())
