"""The ``autograd.numpy`` namespace: every public callable of NumPy, wrapped for tracing.

* differentiable functions and ufuncs become ``primitive(numpy_function)``:
  called on boxes they record one tape entry, whose rule is looked up by the
  raw NumPy callable (``autograd.numpy.sin.fun is numpy.sin``);
* functions with integer/boolean or piecewise-constant results (``argmax``,
  ``floor``, ``sign``, comparisons, ``isnan``, shape queries, ...) become
  :func:`~autograd_numpy.wrapping.notrace` wrappers: they run on the raw values
  and return constants;
* classes, dtypes and constants are passed through unchanged;
* the functions that need a wrapper of their own (``array``, ``concatenate``
  and friends, ``where``, ``unique``, ``apply_along_axis`` ...) come from the
  topic modules of :mod:`autograd_numpy.wrappers`, bound here over the
  mechanical wrappers, with NumPy 2's names added on NumPy 1.x.

The wrapper of a ufunc also carries the ufunc's methods and attributes
(``np.add.reduce``, ``np.multiply.outer``, ``np.add.nin``): see
:mod:`autograd_numpy.ufunc_methods`.

This module only builds the namespace.  How a callable becomes its wrapper
(``wrap_namespace``, ``notrace``, ``wrapper_for``, ...) is in
:mod:`autograd_numpy.wrapping`, the dispatch behind ``__array_ufunc__`` and
``__array_function__`` in :mod:`autograd_numpy.dispatch`.  HIPS autograd's
``autograd.numpy.numpy_wrapper`` held all of these, and code imports them
from here (``wrap_namespace``, ``metadata``, ``array_from_args``, ``_astype``
...), so every such name is re-exported below.
"""

import builtins as _builtins  # noqa: F401  (the namespace shadows any/sum/min/max/abs/round)
import operator as _operator  # noqa: F401

import numpy as onp

from autograd.extend import Box, getval, isbox, mark_primitive, primitive  # noqa: F401

from . import ufunc_methods as _ufunc_methods
from .util import contains_boxed as _contains_boxed  # noqa: F401
from .util import deep_getval as _deep_getval  # noqa: F401
from .util import is_boxes_array as _is_boxes_array  # noqa: F401
from .util import is_sequence_box as _is_sequence_box  # noqa: F401
from .util import normalize_axis as _normalize_axis  # noqa: F401
from .util import traced_sequence as _traced_sequence  # noqa: F401
from .wrapping import (_composite, _handles_nested, _notrace, _own,  # noqa: F401
                       _primitive_like, _wrap, _wrappers, nondiff_functions, notrace,
                       register_wrappers, wrap_namespace, wrapper_for)
from .wrappers import arguments, array_api, creation, functional, selection, sets, shapes

# HIPS autograd's helpers and the earlier homes of this add-on's own helpers:
# importable here as they were (tests/numpy/test_numpy_wrapper_names.py lists them)
from .wrappers.shapes import _reshape  # noqa: F401
from .wrappers.arguments import _average_prim, _keywords_positional, _packs_sequences  # noqa: F401
from .wrappers.creation import (_IndexConcatenator, _array_copy, _astype, _astype_raw,  # noqa: F401
                                _make_diagonal_raw, _refuse_matrix, array_copy, astype_prim)
from .wrappers.functional import (_broadcast_to, _expand_dims, _moveaxis,  # noqa: F401
                                  _transpose)
from .wrappers.selection import (_broadcast_copy_raw, _getitem_raw, _is_numpy_value,  # noqa: F401
                                 _refuse_traced, _select_prim, _untake_raw, _where_prim)
from .wrappers.selection import _where_prim as _where  # noqa: F401
from .wrappers.sets import (_set_operation, _unique_api, _unique_gather_raw,  # noqa: F401
                            _unique_sorted, _values_at)
from .wrappers.shapes import (_array_from_nested, _as_list, _block_prim,  # noqa: F401
                              _concatenate_raw, _inexact_leaves, _joinable, _leaves, _stack_raw)
from .wrappers.array_api import (_cumulative_prod_raw, _cumulative_raw,  # noqa: F401
                                 _cumulative_sum_raw, _matrix_transpose_raw, _matvec_raw,
                                 _unstack_raw, _vecdot_raw, _vecmat_raw)
from .wrappers.array_api import NUMPY2_ALIASES as _ALIASES_2  # noqa: F401

__all__ = []   # filled below with every wrapped name (``from ... import *`` works)

# ----------------------------------------------------------------- the wrapped namespace

_public = set(getattr(onp, "__all__", ())) or None
if _public is not None and not hasattr(onp, "concat"):
    # NumPy 1.x leaves some public names out of __all__ (abs, max, min, round,
    # test, ...); the namespace holds every public callable, as downstream
    # code that copies it expects
    _public |= {n for n, o in vars(onp).items() if not n.startswith("_") and callable(o)}
__all__.extend(wrap_namespace(vars(onp), globals(), _public))

# the hand-written wrappers, over the mechanical ones (a set for the names
# already listed: ``in __all__`` of ~500 names, per name, was ~3 M instructions)
_listed = set(__all__)
for _module in (creation, arguments, shapes, selection, functional, sets, array_api):
    for _name in _module.__all__:
        globals()[_name] = getattr(_module, _name)
        if _name not in _listed:
            _listed.add(_name)
            __all__.append(_name)
del _listed

# the primitives of NumPy 2's functions on NumPy 1.x are the wrappers of their
# implementations (rules written with wrapper_for(raw) call these)
for _name in array_api.__all__:
    _wrappers.setdefault(getattr(array_api, _name).fun, getattr(array_api, _name))

# NumPy 2 names on NumPy 1.x: the same wrappers under the new names
for _new, _old in array_api.NUMPY2_ALIASES.items():
    if _new not in globals() and _old in globals():
        globals()[_new] = globals()[_old]
        __all__.append(_new)

# ufunc methods (``np.add.reduce`` ...) on the wrappers of ufuncs
for _raw, _w in list(_wrappers.items()):
    if isinstance(_raw, onp.ufunc):
        _ufunc_methods.attach(_w, _raw, _w not in _notrace)

__all__.extend(["metadata", "wrap_namespace"])


def metadata(A):
    """``(shape, ndim, dtype, iscomplex)`` of a raw or boxed value (HIPS compatible).

    (Rules use :func:`autograd_numpy.broadcasting.metadata`, a faster form that
    reads ``dtype`` from the value; for Python ints beyond int64 it says int64
    where this, as HIPS's, says object.)
    """
    v = getval(A)
    shape = onp.shape(v)
    dtype = onp.result_type(v)
    return shape, len(shape), dtype, dtype.kind == "c"
