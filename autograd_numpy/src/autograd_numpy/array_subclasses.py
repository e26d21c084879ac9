"""ndarray subclasses that override ``__array_ufunc__`` (PennyLane's ``tensor``):
:func:`adopt_array_subclass` lets traced operands through their override.

The vector space of such a value adopts its class (:mod:`.numpy_vspaces`);
:mod:`.numpy_boxes` re-exports the function, its earlier home.
"""

import numpy as onp

from .util import any_boxed

__all__ = ["adopt_array_subclass"]

_adopted = set()


def adopt_array_subclass(cls):
    """Let traced operands through the ``__array_ufunc__`` of ndarray subclass ``cls``.

    ``t * box`` with ``t`` an ndarray subclass that defines its own
    ``__array_ufunc__`` (PennyLane's ``tensor``) is a ufunc call that NumPy
    offers to ``t`` first.  Such an override typically unwraps its inputs and
    calls ``ndarray.__array_ufunc__``, which declines because of the box, and
    then wraps the ``NotImplemented`` it got as if it were data.  Adopted, the
    override returns ``NotImplemented`` itself when a box is among the inputs
    or outputs, so NumPy asks the box next, which records the traced
    operation (on ``t``'s raw value, where the override runs as usual).  That
    is the result HIPS autograd 1.8 gave, whose boxes had no
    ``__array_ufunc__``.

    Called once per class, when a value of it first gets a vector space (every
    differentiated input does); calling it again does nothing.
    """
    if cls in _adopted:
        return
    _adopted.add(cls)
    original = getattr(cls, "__array_ufunc__", None)
    if original is None or original is onp.ndarray.__array_ufunc__:
        return

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if any_boxed(*inputs) or any_boxed(*kwargs.get("out", ())):
            return NotImplemented
        return original(self, ufunc, method, *inputs, **kwargs)

    __array_ufunc__.__wrapped__ = original
    __array_ufunc__.__doc__ = original.__doc__
    cls.__array_ufunc__ = __array_ufunc__
