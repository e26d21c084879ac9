"""Small helpers shared by the NumPy (and SciPy) add-on: the shape of a possibly
traced value, whether arguments are traced, raw values, axes, rule tables.

This is the one home of these helpers; rule modules, wrappers and the SciPy
add-on import them from here (it is public: ``autograd_numpy.util``).

* :func:`shape_of`, :func:`ndim_of`, :func:`size_of` -- ``numpy.shape``/``ndim``/
  ``size`` of a value that may be a box (no trace is recorded; inside ``vmap``
  the shape of one example);
* :func:`any_boxed` -- is any of the arguments itself a box (a shallow test,
  for arguments that are arrays or numbers);
* :func:`contains_boxed` -- is any of the arguments a box, or a list or tuple
  (at any depth) holding one, or -- unless ``object_arrays=False`` -- a NumPy
  object array holding one (``numpy.array([box, box])`` builds such arrays,
  :func:`is_boxes_array` tells them);
* :func:`is_sequence_box`, :func:`traced_sequence` -- is a value a traced list
  or tuple (a container box), or a list or tuple holding traced values;
* :func:`deep_getval` -- the raw value of a box, or of the boxes in a list or
  tuple at any depth;
* :func:`normalize_axis` -- an axis index checked against ``ndim`` and made
  non-negative (NumPy's ``AxisError`` when out of range);
* :func:`def_rule_table` -- register a table of rules, one row per primitive;
* :func:`is_backend_array`, :func:`like` -- is a value another library's array
  (CuPy, Dask, pydata/sparse: not an ndarray, but implementing NumPy's
  ``__array_function__``), and a host array a rule builds (a ramp of powers)
  moved into the library of its operands, which would refuse it (CuPy does).
"""

import operator as _operator

import numpy as _onp

from autograd.extend import Box as _Box
from autograd.extend import defjvp as _defjvp
from autograd.extend import defvjp_fast as _defvjp_fast
from autograd.extend import batch_only as _batch_only
from autograd.extend import getval as _getval

__all__ = ["StackedArray", "plain_value", "shape_of", "ndim_of", "size_of", "any_boxed",
           "contains_boxed", "is_boxes_array",
           "is_sequence_box", "traced_sequence", "deep_getval", "normalize_axis",
           "def_rule_table", "is_backend_array", "like"]


class StackedArray(_onp.ndarray):
    """The raw value of a batched array read with ``getval`` inside ``vmap``: the
    whole stack of examples.  Marked so that a rule using it beside batched
    values is refused (``autograd.extend.BatchingError``), never mistaken for
    one example."""


def plain_value(x):
    """``x`` without the boxes of derivative traces: its raw value, except that a
    value carrying a ``vmap`` batch stays batched (rules computing integer
    indices or masks from a value use it, with ``autograd.numpy`` functions)."""
    if isinstance(x, _Box):
        return _batch_only(x)
    return x


def shape_of(x):
    """``numpy.shape`` of ``x``, looking through a box (no trace is recorded).

    A box's own ``shape`` is read, so a value inside ``vmap`` gives the shape
    of one example (a batch box hides its batch axis), as rules need.
    """
    if type(x) is _onp.ndarray:
        return x.shape
    if isinstance(x, _Box):
        shape = getattr(x, "shape", None)
        if shape is not None:
            return tuple(shape)
    return _onp.shape(_getval(x))


def ndim_of(x):
    """``numpy.ndim`` of ``x``, looking through a box (one example's, inside ``vmap``)."""
    if isinstance(x, _Box):
        return len(shape_of(x))
    return _onp.ndim(x)


def size_of(x):
    """``numpy.size`` of ``x``, looking through a box (one example's, inside ``vmap``)."""
    if type(x) is _onp.ndarray:
        return x.size
    # from the shape: Dask does not implement numpy.size (it would compute the array)
    n = 1
    for d in shape_of(x):
        n *= d
    return n


def any_boxed(*values):
    """Whether any of ``values`` is a box (lists and tuples are not searched)."""
    for v in values:
        if isinstance(v, _Box):
            return True
    return False


def contains_boxed(*values, object_arrays=True):
    """Whether any of ``values`` is a box or holds one: in a list or tuple at any
    depth, or (``object_arrays=True``) in a NumPy object array."""
    for v in values:
        if _contains(v, object_arrays):
            return True
    return False


def _contains(x, object_arrays):
    if isinstance(x, _Box):
        return True
    if type(x) in (list, tuple):
        for v in x:
            if _contains(v, object_arrays):
                return True
        return False
    return object_arrays and is_boxes_array(x)


def is_boxes_array(x):
    """Whether ``x`` is a NumPy object array holding a box (``numpy.array([box, box])``)."""
    if type(x) is not _onp.ndarray or x.dtype != object:
        return False
    for v in x.flat:
        if isinstance(v, _Box):
            return True
    return False



def is_sequence_box(x):
    """Whether ``x`` is a traced list or tuple (a container box, e.g. a list being differentiated)."""
    return isinstance(x, _Box) and type(_getval(x)) in (list, tuple)


def traced_sequence(x):
    """Whether ``x`` is a traced list or tuple, or a list or tuple holding traced values."""
    if isinstance(x, _Box):
        return type(_getval(x)) in (list, tuple)
    return type(x) in (list, tuple) and contains_boxed(x)


def deep_getval(x):
    """The raw value of ``x``: a box's value, or a list or tuple (at any depth) of raw values."""
    if isinstance(x, _Box):
        return _getval(x)
    if type(x) in (list, tuple):
        return type(x)(deep_getval(v) for v in x)
    return x


def normalize_axis(axis, ndim):
    """``axis`` (an integer in ``[-ndim, ndim)``) as a non-negative index.

    >>> normalize_axis(-1, 3)
    2
    """
    axis = _operator.index(axis)
    if not -ndim <= axis < ndim:
        raise _onp.exceptions.AxisError(axis, ndim)
    return axis % ndim


def def_rule_table(rows):
    """Register rows ``(primitive, vjps, jvps)``: ``defvjp_fast(primitive, *vjps)``
    and ``defjvp(primitive, *jvps)``, one rule per argument (``None``: no
    derivative in that argument).  Rule sets keep their rules in such a table,
    one scannable line per primitive.

    >>> def_rule_table([(sin, [lambda g, ans, x: g * cos(x)], [lambda t, ans, x: t * cos(x)])])
    """
    for fun, vjps, jvps in rows:
        _defvjp_fast(fun, *vjps)
        _defjvp(fun, *jvps)


def is_backend_array(x):
    """Is ``x`` another library's array (CuPy, Dask, ...): not an ndarray, but implementing
    NumPy's ``__array_function__``?  (Boxes are not: look at their raw values.)"""
    return not isinstance(x, _onp.ndarray) and hasattr(type(x), "__array_function__") \
        and not isinstance(x, _Box)


def like(host, *values):
    """``host`` (a NumPy array a rule built) in the library of the first of ``values``
    (raw or traced) that is another library's array, else ``host`` itself.

    >>> powers = like(numpy.arange(n), x)     # a CuPy array when x is one
    """
    for v in values:
        v = _getval(v)
        if is_backend_array(v):
            return _onp.asarray(host, like=v)
    return host
