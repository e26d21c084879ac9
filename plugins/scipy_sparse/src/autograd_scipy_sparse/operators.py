"""``A @ x``, ``A.dot(x)`` and ``x @ A`` for a plain scipy sparse ``A`` and a traced ``x``.

Why this module patches operators
---------------------------------
scipy answers ``A @ x`` itself: its ``__matmul__`` hands the operation back
to ``x.__rmatmul__`` only when ``numpy.asanyarray(x)`` gives a 0-d object
array, which a traced array does not (it converts to an array of its traced
elements, as in HIPS autograd), so scipy calls its compiled kernel on the
box and fails.  No protocol of scipy's lets another array type take part,
and no change on autograd's side can make scipy return ``NotImplemented``.
In the other order, ``x @ A`` runs the traced array's own ``__matmul__``
first, i.e. ``numpy.matmul``, which cannot read a sparse operand.

So :func:`install` wraps these operators, in the one class that defines
each of them:

* ``__matmul__``, ``__rmatmul__`` and ``dot`` of scipy's sparse base classes,
  and ``__mul__``/``__rmul__`` of ``spmatrix`` (where ``*`` is the matrix
  product);
* ``__matmul__`` and ``__rmatmul__`` of autograd's ``ArrayBox``
  (run-time patching of box methods is part of autograd's public surface,
  as in HIPS autograd).

A wrapper sends the call to :func:`autograd_scipy_sparse.matmul` only when
the other operand is traced (scipy's side) or sparse (the box's side);
everything else reaches the original method unchanged.  :func:`uninstall`
puts the originals back.

When it runs: the plugin declares :func:`install` as an *import loader*
for ``scipy.sparse`` (``registry.add_import_loader``), so it runs as soon as
both autograd's plugins are discovered and ``scipy.sparse`` is imported, in
either order; loading this package's public names (``autograd_scipy_sparse.matmul``,
``autograd_scipy_sparse.with_data``, ...) runs it too.  :func:`install` builds on
:mod:`autograd_scipy_sparse.matrix` (its :func:`matmul` answers the operators),
which does not import this module back.
"""

import threading

import numpy as onp

from autograd.extend import Box, getval

__all__ = ["install", "uninstall", "installed"]

_lock = threading.RLock()
_patched = []     # (class, name, original)
_installed_sparse = []      # non-empty once install() has run


def _check_dense(other, op):
    if onp.ndim(getval(other)) == 0:
        raise TypeError(
            f"sparse {op} traced scalar: scale the stored values instead, e.g. "
            "autograd_scipy_sparse.with_data(A, A.data * s) (differentiable in s).")


def _routed(original, matmul, takes, reflected, op=None):
    """``original`` (a binary operator method), answered by ``matmul`` when the
    other operand is a ``takes`` instance: ``self @ other``, or ``other @ self``
    for a ``reflected`` method.  ``op`` names the operator for scipy's side,
    where a traced scalar operand is refused."""
    def method(self, other, *args, **kwargs):
        if isinstance(other, takes) and not args and not kwargs:
            if op is not None:
                _check_dense(other, op)
            return matmul(other, self) if reflected else matmul(self, other)
        return original(self, other, *args, **kwargs)
    return method


def _owner(classes, name):
    """The classes among the MROs of ``classes`` that define ``name`` themselves."""
    owners = []
    for cls in classes:
        for base in cls.__mro__:
            if name in vars(base):
                if base not in owners:
                    owners.append(base)
                break
    return owners


def _patch(cls, name, make):
    original = vars(cls)[name]
    if getattr(original, "_autograd_scipy_sparse", False):
        return
    method = make(original)
    method.__name__ = getattr(original, "__name__", name)
    method.__qualname__ = getattr(original, "__qualname__", name)
    method.__doc__ = getattr(original, "__doc__", None)
    method.__wrapped__ = original
    method._autograd_scipy_sparse = True
    setattr(cls, name, method)
    _patched.append((cls, name, original))


def install():
    """Make ``A @ x``, ``A.dot(x)``, ``x @ A`` (and ``A * x`` for ``spmatrix``) work for
    scipy sparse ``A`` and traced ``x``.  Idempotent; returns None."""
    # Imported here, not at the top: importing these can start plugin discovery
    # or scipy.sparse's import loader, i.e. this function, which then must find
    # this module complete.
    import scipy.sparse as sps

    from autograd.numpy.numpy_boxes import ArrayBox   # the public (HIPS) path

    from .matrix import SparseMatrix, matmul
    sparse = (sps.sparray, sps.spmatrix, SparseMatrix)
    with _lock:
        if _installed_sparse:
            return
        _installed_sparse.append(True)
        public = [getattr(sps, n) for n in dir(sps)
                  if n.endswith(("_matrix", "_array")) and isinstance(getattr(sps, n), type)
                  and issubclass(getattr(sps, n), (sps.spmatrix, sps.sparray))]
        matrices = [c for c in public if issubclass(c, sps.spmatrix)]
        for name, reflected in (("__matmul__", False), ("dot", False), ("__rmatmul__", True)):
            for cls in _owner(public, name):
                _patch(cls, name, lambda orig, r=reflected: _routed(orig, matmul, Box, r, "@"))
        for name, reflected in (("__mul__", False), ("__rmul__", True)):
            for cls in _owner(matrices, name):
                if issubclass(cls, sps.spmatrix):     # '*' is the matrix product here only
                    _patch(cls, name, lambda orig, r=reflected: _routed(orig, matmul, Box, r, "*"))
        # (not ArrayBox.dot: ndarray.dot(sparse) is NumPy's object-array product,
        # not a matrix product, and a traced x.dot(A) must not differ from it silently)
        for name, reflected in (("__matmul__", False), ("__rmatmul__", True)):
            for cls in _owner([ArrayBox], name):
                _patch(cls, name, lambda orig, r=reflected: _routed(orig, matmul, sparse, r))


def uninstall():
    """Put back every operator :func:`install` wrapped."""
    with _lock:
        while _patched:
            cls, name, original = _patched.pop()
            setattr(cls, name, original)
        _installed_sparse.clear()


def installed():
    """Whether :func:`install` is in effect."""
    return bool(_patched)



def _linear_operator_method(original, apply):
    """``original`` (a LinearOperator method taking one array), answered by ``apply``
    (a primitive) when the array is traced."""
    def method(self, x, *args, **kwargs):
        if isinstance(x, Box) and not args and not kwargs:
            return apply(self, x)
        return original(self, x, *args, **kwargs)
    return method


def install_linear_operator():
    """Make ``op @ x``, ``op(x)``, ``op.dot(x)``, ``op.matvec(x)``, ``op.matmat(X)``,
    ``op.rmatvec(x)`` and ``op.rmatmat(X)`` work for a ``scipy.sparse.linalg.LinearOperator``
    and a traced ``x`` (declared as the import loader of ``scipy.sparse.linalg``)."""
    import scipy.sparse.linalg as spla

    from .iterative import linop_apply, linop_apply_adjoint
    with _lock:
        cls = spla.LinearOperator
        for name, apply in (("dot", linop_apply), ("matvec", linop_apply), ("matmat", linop_apply),
                            ("rmatvec", linop_apply_adjoint), ("rmatmat", linop_apply_adjoint)):
            if name in vars(cls):
                _patch(cls, name, lambda orig, a=apply: _linear_operator_method(orig, a))
