"""Callbacks that close over traced values: found, and turned into arguments.

SciPy's solvers and integrators call a user's function with plain numbers
from compiled code.  Inside ``grad(loss)(k)``, ``solve_ivp(lambda t, y: -k * y,
...)`` hands SciPy a function that captures ``k``, a box: it would return
boxes to SciPy, and the derivative in ``k`` would be lost.  The wrappers of
``autograd.scipy.integrate`` and ``autograd.scipy.optimize`` therefore pass
their callbacks through :class:`Captures` first:

* it walks what a callback can reach without running it: closure cells,
  default arguments (positional and keyword-only), a bound method's
  ``__self__``, a callable object's attributes (``__dict__`` and
  ``__slots__``), ``functools.partial``'s
  function and arguments, recursively through tuples, lists, dicts and other
  functions, and collects every box it meets (the *captured* values);
* :meth:`Captures.at` rebuilds the callbacks with other values in those
  places (plain values for the solver, or boxes again for a rule), leaving
  the user's objects untouched (copies are made along the path to each box).

The wrappers pass the captured values to their primitives as extra trailing
arguments, so the primitives' rules differentiate through them exactly as
through ``args=``.  A traced value the walk cannot see (a global variable, an
attribute of an object reached through a module, ...) would come back from
the rebuilt callback as a box: the plain callback (:meth:`Captures.plain_call`)
checks every result and raises :class:`UndetectedCaptureError` then, so such
a value is never silently treated as a constant.

Constant boxes (arrays made with ``autograd.numpy`` inside the differentiated
function) carry no derivative: they are replaced by their values, not lifted.
"""

import copy
import functools
import types

from autograd.extend import Box, getval, is_constant, isbox

__all__ = ["Captures", "UndetectedCaptureError", "unbox_result", "checked", "lift"]

# containers longer than this are not searched (their boxes would be found by
# the check on results instead, with a clear error)
_MAX_ITEMS = 10000
_MAX_DEPTH = 12
_ATOMS = (int, float, complex, str, bytes, bool, type(None), type, types.ModuleType,
          types.BuiltinFunctionType, types.CodeType)


class UndetectedCaptureError(TypeError):
    """A callback returned a traced value that it reached in a way autograd cannot see."""


_UNDETECTED = (
    "{name}: the function passed to it returned a traced value when called with plain "
    "numbers and with every traced value found in its closure, default arguments and "
    "bound object replaced by plain values. It uses a value being differentiated that "
    "autograd cannot find without running it (a global variable, a value reached through "
    "a module or a class attribute, a container of more than {limit} items, ...), whose "
    "derivative would be lost. Pass that value through args=(...) or make it a "
    "variable of an enclosing function (a closure).")


def _has_dict(obj):
    try:
        d = object.__getattribute__(obj, "__dict__")
    except AttributeError:
        return None
    return d if isinstance(d, dict) else None


def _slot_items(obj):
    """``(name, value)`` of the ``__slots__`` attributes ``obj`` has set."""
    out = []
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name in ("__dict__", "__weakref__"):
                continue
            try:
                out.append((name, object.__getattribute__(obj, name)))
            except AttributeError:
                pass
    return out


class Captures:
    """The traced values reachable from ``objs`` (callables, containers), in a fixed order.

    ``values`` lists them (boxes, outermost first); :meth:`at` returns ``objs``
    rebuilt with ``values`` replaced by others.  ``bool(captures)`` says whether
    anything was found.
    """

    def __init__(self, *objs):
        self.objs = objs
        self.values = []
        self._index = {}       # id(box) -> position in values
        self._holds = {}       # id(obj) -> does obj reach a lifted box
        self._keep = []        # objects whose ids are keys above stay alive
        self._constants = False
        for obj in objs:
            self._scan(obj, 0)
        self._cache = None

    def __bool__(self):
        return bool(self.values) or self._constants

    def __len__(self):
        return len(self.values)

    # ------------------------------------------------------------- finding

    def _scan(self, obj, depth):
        if isbox(obj):
            if is_constant(obj):
                self._constants = True
                return True
            if id(obj) not in self._index:
                self._index[id(obj)] = len(self.values)
                self.values.append(obj)
            return True
        if isinstance(obj, _ATOMS) or depth > _MAX_DEPTH:
            return False
        key = id(obj)
        if key in self._holds:
            return self._holds[key]
        self._holds[key] = False           # cycles: in progress counts as no box
        self._keep.append(obj)
        found = False
        for child in self._children(obj):
            found = self._scan(child, depth + 1) or found
        self._holds[key] = found
        return found

    @staticmethod
    def _children(obj):
        if isinstance(obj, (tuple, list)):
            return obj if len(obj) <= _MAX_ITEMS else ()
        if isinstance(obj, dict):
            return list(obj.values()) if len(obj) <= _MAX_ITEMS else ()
        if isinstance(obj, types.FunctionType):
            cells = []
            for cell in obj.__closure__ or ():
                try:
                    cells.append(cell.cell_contents)
                except ValueError:      # an empty cell (a name not yet assigned)
                    pass
            return cells + list(obj.__defaults__ or ()) + list((obj.__kwdefaults__ or {}).values())
        if isinstance(obj, types.MethodType):
            return [obj.__func__, obj.__self__]
        if isinstance(obj, functools.partial):
            return [obj.func, obj.args, obj.keywords]
        if type(obj).__module__ == "numpy" or type(obj).__module__.startswith("numpy."):
            return ()       # arrays, dtypes, ufuncs: plain data
        d = _has_dict(obj)
        attrs = list(d.values()) if d is not None and len(d) <= _MAX_ITEMS else []
        return attrs + [v for _, v in _slot_items(obj)]

    # ------------------------------------------------------------- rebuilding

    def at(self, values):
        """``objs`` with the captured values replaced by ``values`` (same order)."""
        values = tuple(values)
        cache = self._cache
        if cache is not None and len(cache[0]) == len(values) and all(
                a is b for a, b in zip(cache[0], values)):
            return cache[1]
        memo = {}
        out = tuple(self._rebuild(obj, values, memo) for obj in self.objs)
        self._cache = (values, out)
        return out

    def plain(self):
        """``objs`` with every captured value replaced by its plain value."""
        return self.at([getval(v) for v in self.values])

    def _rebuild(self, obj, values, memo):
        if isbox(obj):
            if is_constant(obj):
                return getval(obj)
            i = self._index.get(id(obj))
            return obj if i is None else values[i]
        if not self._holds.get(id(obj), False):
            return obj
        key = id(obj)
        if key in memo:
            return memo[key]
        if isinstance(obj, tuple):
            items = [self._rebuild(v, values, memo) for v in obj]
            new = type(obj)(*items) if hasattr(obj, "_fields") else type(obj)(items)
        elif isinstance(obj, list):
            new = memo[key] = type(obj)()
            new.extend(self._rebuild(v, values, memo) for v in obj)
        elif isinstance(obj, dict):
            new = memo[key] = copy.copy(obj)
            for k, v in obj.items():
                new[k] = self._rebuild(v, values, memo)
        elif isinstance(obj, types.FunctionType):
            cells = tuple(types.CellType() for _ in obj.__closure__ or ())
            new = memo[key] = types.FunctionType(obj.__code__, obj.__globals__, obj.__name__,
                                                 None, cells or None)
            for new_cell, cell in zip(cells, obj.__closure__ or ()):
                try:
                    contents = cell.cell_contents
                except ValueError:
                    continue
                new_cell.cell_contents = self._rebuild(contents, values, memo)
            if obj.__defaults__:
                new.__defaults__ = tuple(self._rebuild(v, values, memo) for v in obj.__defaults__)
            if obj.__kwdefaults__:
                new.__kwdefaults__ = {k: self._rebuild(v, values, memo)
                                      for k, v in obj.__kwdefaults__.items()}
            new.__dict__.update(obj.__dict__)
            new.__qualname__ = obj.__qualname__
            new.__doc__ = obj.__doc__
        elif isinstance(obj, types.MethodType):
            new = memo[key] = types.MethodType(self._rebuild(obj.__func__, values, memo),
                                               self._rebuild(obj.__self__, values, memo))
        elif isinstance(obj, functools.partial):
            new = memo[key] = functools.partial(
                self._rebuild(obj.func, values, memo),
                *self._rebuild(obj.args, values, memo),
                **self._rebuild(obj.keywords, values, memo))
        else:
            try:
                new = copy.copy(obj)
            except Exception as e:   # pragma: no cover - depends on the user's class
                raise TypeError(
                    f"cannot copy a {type(obj).__name__} object to replace the traced values "
                    f"it holds ({e}); pass those values through args=(...)") from e
            memo[key] = new
            d = _has_dict(new)
            if d is not None and d is _has_dict(obj):
                raise TypeError(
                    f"cannot replace the traced values held by a {type(obj).__name__} "
                    "object; pass them through args=(...)")
            for k, v in (_has_dict(obj) or {}).items():
                d[k] = self._rebuild(v, values, memo)
            for k, v in _slot_items(obj):
                object.__setattr__(new, k, self._rebuild(v, values, memo))
        memo[key] = new
        return new

    # ------------------------------------------------------------- calling

    def trailing(self, i=0, name="the solver"):
        """``objs[i]`` as a function taking the captured values as its last arguments.

        Called with plain values only (as SciPy calls it), it must return plain
        values: a box then comes from a traced value the walk did not find.
        """
        n = len(self.values)

        def call(*args, **kwargs):
            out = self.at(args[len(args) - n:])[i](*args[:len(args) - n], **kwargs)
            return checked(out, args, name)
        return call

    def plain_call(self, i, name):
        """``objs[i]`` with plain captured values, checked to return plain values."""
        def call(*args, **kwargs):
            return unbox_result(self.plain()[i](*args, **kwargs), name)
        return call


def lift(func, args, name):
    """``(func2, args2)``: ``func2(*call_args, *args2)`` computes ``func(*call_args, *args)``
    with the traced values ``func`` captures passed as extra trailing ``args2``.

    Without captured values ``func2`` is ``func`` checked to return plain values
    for plain inputs (with constants it closes over made plain).
    """
    caps = Captures(func)
    if caps.values:
        return caps.trailing(0, name), tuple(args) + tuple(caps.values)
    plain = caps.plain()[0] if caps else func
    if not callable(plain):
        return plain, tuple(args)

    def call(*a, **kw):
        return checked(plain(*a, **kw), a, name)
    return call, tuple(args)


def checked(out, inputs, name):
    """``out``, a callback's result for ``inputs``: for plain inputs it must be plain
    (see :func:`unbox_result`).  Cheap in the common case (a plain, non-tuple result)."""
    if isinstance(out, Box) or type(out) in (tuple, list):
        if not any(isinstance(v, Box) for v in inputs):
            return unbox_result(out, name)
    return out


def unbox_result(out, name):
    """``out`` (a callback's result) checked to hold no traced value; constants unboxed."""
    if isbox(out):
        if is_constant(out):
            return getval(out)
        raise UndetectedCaptureError(_UNDETECTED.format(name=name, limit=_MAX_ITEMS))
    if isinstance(out, (tuple, list)) and any(isbox(v) for v in out):
        return type(out)(unbox_result(v, name) for v in out)
    return out
