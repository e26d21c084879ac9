"""sparse's operators defer to traced operands.

Why this module patches operators
---------------------------------
NumPy's protocols let an array type step aside for another: ``__array_ufunc__``
and ``__array_function__`` may return ``NotImplemented`` for operand types they
do not know, and NumPy then asks the next operand.  pydata/sparse does not:
its ``__array_ufunc__``, ``__array_function__`` and ``__matmul__`` run on
whatever they are given.  So with a plain sparse ``A`` and a traced ``w``,
``A @ w``, ``A * w`` or ``numpy.sum(A * w)``'s ``A * w`` reach sparse's own
code with autograd's box inside and fail there (numba cannot compile for it),
before autograd is asked.

:func:`install` wraps those four methods of ``sparse.SparseArray`` (the class
that defines them for every format): when an operand is a traced value they
return ``NotImplemented``, so that NumPy or Python hands the operation to the
box, whose ``autograd.numpy`` function is recorded and then runs sparse's code
on plain values.  Every other call reaches the original method unchanged.
:func:`uninstall` puts the originals back.

It runs as soon as ``sparse`` is imported and autograd's plugins are
discovered (the plugin declares it with ``registry.add_import_loader``), and
whenever this package's value types are registered.
"""

import threading

from autograd.extend import Box

__all__ = ["install", "uninstall", "installed"]

_lock = threading.RLock()
_patched = []     # (class, name, original)


def _has_box(values):
    for v in values:
        if isinstance(v, Box):
            return True
        if type(v) in (list, tuple) and _has_box(v):
            return True
    return False


def _binary(original):
    def method(self, other):
        if isinstance(other, Box):
            return NotImplemented
        return original(self, other)
    return method


def _ufunc(original):
    def method(self, ufunc, method_name, *inputs, **kwargs):
        if _has_box(inputs) or _has_box(kwargs.get("out") or ()):
            return NotImplemented
        return original(self, ufunc, method_name, *inputs, **kwargs)
    return method


def _function(original):
    def method(self, func, types, args, kwargs):
        if any(issubclass(t, Box) for t in types) or _has_box(args) or _has_box(kwargs.values()):
            return NotImplemented
        return original(self, func, types, args, kwargs)
    return method


_WRAPPERS = {"__matmul__": _binary, "__rmatmul__": _binary,
             "__array_ufunc__": _ufunc, "__array_function__": _function}


def _patch(cls, name, make):
    original = vars(cls)[name]
    if getattr(original, "_autograd_pydata_sparse", False):
        return
    method = make(original)
    method.__name__ = getattr(original, "__name__", name)
    method.__qualname__ = getattr(original, "__qualname__", name)
    method.__doc__ = getattr(original, "__doc__", None)
    method.__wrapped__ = original
    method._autograd_pydata_sparse = True
    setattr(cls, name, method)
    _patched.append((cls, name, original))


def _owners(classes, name):
    owners = []
    for cls in classes:
        for base in cls.__mro__:
            if name in vars(base):
                if base not in owners:
                    owners.append(base)
                break
    return owners


def install():
    """Make sparse's operators return ``NotImplemented`` for traced operands.  Idempotent."""
    import sparse

    with _lock:
        if _patched:
            return
        for name, make in _WRAPPERS.items():
            for cls in _owners([sparse.COO, sparse.GCXS, sparse.SparseArray], name):
                _patch(cls, name, make)


def uninstall():
    """Put back every method :func:`install` wrapped."""
    with _lock:
        while _patched:
            cls, name, original = _patched.pop()
            setattr(cls, name, original)


def installed():
    """Whether :func:`install` is in effect."""
    return bool(_patched)
