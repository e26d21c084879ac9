"""Differential test of array assignment: generated programs, plain NumPy against traced.

A fixed random generator writes a few hundred small programs ``program(lib, x)``
at collection time.  Each one makes arrays with the creation functions
(``zeros``, ``empty``, ``full_like``, ``x.copy()``, ``array`` of an
intermediate, ...) or writes into its input itself, and mixes

* writes ``a[idx] = v`` with every index form NumPy has: integers (negative
  too), slices with steps (negative too), ``...``, ``None``, integer lists
  (repeated and negative entries, broadcast against each other), boolean
  masks of one axis or of the whole array, and mixtures of them, the value
  broadcast to the region written (scalars, lower rank, length-1 axes);
* augmented writes ``a[idx] op= v`` and whole-array ``a op= v``;
* ``a.fill(v)``, ``a.sort()``, shifts ``a[1:] = a[:-1]`` (overlapping);
* reads between writes (elements, reductions, fancy copies) and recurrences
  ``a[i] = f(a[i - 1])`` written as loops;
* arithmetic with the arrays kept for the output while the arrays are written
  again (the values saved for the backward pass must not change);

in float64, float32 and complex128.  Indices are built from the shapes
generated, so every program is valid NumPy; values stay away from
non-differentiable points (smooth functions only, denominators ``exp(.)``,
well separated inputs where a program sorts).  No program keeps a view of an
array across a write to it (views are tested in test_assignment.py).

Every program runs (1) in plain NumPy on a copy of the input, (2) traced with
``autograd.numpy`` inside ``grad``: each output must have NumPy's dtype and
shape and exactly NumPy's values (the same NumPy operations on the same
numbers, so no tolerance; complex: see below), and the caller's input must be unchanged; (3)
``check_grads`` in forward and reverse mode on the concatenated outputs,
order 2 for every fifth program.  A failure shows the program's source.

Not generated:

* ``a[idx] = a``, an array written with itself as the value (shifts, with
  a view of itself, are generated): the library gets its gradient wrong (zero in reverse
  mode; an AttributeError once ``a`` has pending writes) -- to be fixed;
* ``a[idx] = <a view of a>`` other than the shifts above: NumPy copies a
  value overlapping the target first, except in a boolean write and in a
  one-dimensional target whose stride differs from the value's but has its
  sign (``a[0:8:2] = a[1:5]``, ``a[:, 1] = a.ravel()[1:5]``), where it reads
  elements it has already overwritten; the library always copies first.

NumPy computes some operations on its scalars (``x[i]``) with C code of their
own that rounds differently from the ufunc loop a traced program runs (a traced
scalar is a box; its operations are ufunc calls): ``s ** 2`` (C's ``pow``) and
the product of two complex scalars.  Programs square scalars with
``lib.power(s, 2)`` (a ufunc call in both runs); complex outputs are compared
to 1e-14 relative (see :func:`_check`).
"""

import linecache
import math
import re

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.extend import getval
from autograd.test_util import check_grads

TESTED = {"autograd_numpy.assignment:write"}

SEED = 20261203
COUNT = 600
COMPLEX_RTOL = 1e-14      # see _check
NUMPY2 = int(onp.__version__.split(".")[0]) >= 2
STATEMENTS = (2, 6)       # statements per program after the first creation: [low, high)

DTYPES = {"f64": "float64", "f32": "float32", "c128": "complex128"}
X_SHAPES = [(6,), (7,), (8,), (3, 4), (4, 3), (3, 5), (4, 5), (2, 3, 4)]
ARRAY_SHAPES = [(5,), (6,), (3, 4), (4, 3), (2, 5), (4, 4), (2, 3, 4), (3, 2, 3)]
SOURCE_CREATIONS = ("x.copy()", "copy", "array")
CREATIONS = ("zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like",
             "full_like") + SOURCE_CREATIONS + ("intermediate", "input")


_OPS = {"+=": "add", "-=": "sub", "*=": "mul", "/=": "div", "**=": "pow"}


def _prod(shape):
    return math.prod(shape)


class _Program:
    """Writes the source of one program; ``rng`` decides everything."""

    def __init__(self, number, rng):
        self.rng = rng
        self.number = number
        r = rng.random()
        self.dt = "f64" if r < 0.74 else "f32" if r < 0.87 else "c128"
        self.xshape = X_SHAPES[rng.integers(len(X_SHAPES))]
        self.xsize = _prod(self.xshape)
        self.lines = []
        self.shapes = {}          # array name -> shape
        self.outputs = []         # names returned, in order
        self.scalars = []         # scalar names usable in values
        self.kinds = []           # statement kinds, for the test id
        self.counter = 0
        self.sorted_ok = set()    # arrays holding x itself (well separated values)
        self.traced = {"x", "xf"}  # names whose values depend on x
        self.aliases = {}         # array name -> the names bound to the same array
        self.order = 2 if number % 5 == 0 else 1
        # NumPy's ndarray ** 2 is np.square, a traced one np.power(z, 2): for
        # complex z the two differ in the last bit, so complex programs cube
        self.power = "3" if self.dt == "c128" else "2"

    # ------------------------------------------------------------- small pieces

    def choice(self, seq, p=None):
        return seq[self.rng.choice(len(seq), p=p)]

    def emit(self, line, indent=1):
        self.lines.append("    " * indent + line)

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self):
        if self.dt == "c128" and self.rng.random() < 0.5:
            return self.choice(["(0.5-0.25j)", "(-0.75+0.5j)", "0.5j"])
        return self.choice(["0.5", "-0.75", "1.25", "0.0", "2.0"])

    def wrote(self, name, rhs):
        """After ``name[...] = rhs``: the array depends on x if ``rhs`` does."""
        if self.depends(rhs):
            self.traced.update(self.aliases.get(name, {name}))

    def depends(self, expr):
        return any(n in self.traced for n in re.findall(r"[A-Za-z_]\w*", expr))

    def dtype_arg(self):
        if self.dt == "f32":
            return ", dtype=lib.float32"
        if self.dt == "c128":
            return ", dtype=lib.complex128"
        return self.choice(["", "", ", dtype=float"])

    # ------------------------------------------------------------- values

    def value_shape(self, region, leading_one=True):
        """A shape NumPy broadcasts to ``region`` (as ``__setitem__`` does)."""
        r = self.rng.random()
        if not region or r < 0.22:
            return ()
        if r < 0.62:
            return region
        if r < 0.78:
            return tuple(1 if self.rng.random() < 0.5 else d for d in region)
        if r < 0.93 or not leading_one:
            return region[self.rng.integers(1, len(region) + 1):]
        return (1,) + region

    def flat_term(self, source, size, shape):
        """``shape`` worth of elements of ``source`` (``size`` elements), read flat."""
        n = _prod(shape)
        flat = source if source == "xf" else f"{source}.ravel()"
        if n <= size:
            start = int(self.rng.integers(0, size - n + 1))
            flat = f"{flat}[{start}:{start + n}]"
        else:
            flat = f"lib.concatenate([{flat}] * {-(-n // size)})[:{n}]"
        return flat if len(shape) == 1 else f"{flat}.reshape({shape})"

    def x_term(self, shape):
        if shape == ():
            r = self.rng.random()
            if r < 0.6:
                return f"x[{self.int_tuple(self.xshape)}]"
            stop = int(self.rng.integers(2, self.xsize + 1))
            return f"lib.mean(xf[:{stop}])"
        if shape == self.xshape and self.rng.random() < 0.5:
            return "x"
        return self.flat_term("xf", self.xsize, shape)

    def array_term(self, shape):
        """A read of one of the arrays (None if none is large enough)."""
        n = _prod(shape)
        names = [a for a, s in self.shapes.items() if _prod(s) >= n or shape == ()]
        if not names:
            return None
        name = self.choice(names)
        if shape == ():
            return f"{name}[{self.int_tuple(self.shapes[name])}]"
        if shape == self.shapes[name]:
            return name
        return self.flat_term(name, _prod(self.shapes[name]), shape)

    def value(self, shape, reads=True, avoid=()):
        """A smooth expression of shape ``shape`` depending on x (and, if
        ``reads``, on the arrays' current values); never the arrays ``avoid``
        (the target and its aliases) or views of them as they are (see the
        module docstring)."""
        r = self.rng.random()
        if r < 0.08:
            return self.constant()
        is_read = False
        if shape == () and self.scalars and r < 0.2:
            base = self.choice(self.scalars)
        else:
            base = None
            if reads and self.rng.random() < 0.3:
                base = self.array_term(shape)
            is_read = base is not None
            if base is None:
                base = self.x_term(shape)
        other = self.x_term(shape)
        forms = [f"lib.sin({base})", f"lib.tanh({base})", f"lib.exp(0.3 * {base})",
                 f"{base} * {other}", f"lib.cos({base}) * {other}", f"0.5 * {base} + 0.25",
                 # NumPy's scalar ** calls C's pow, which can round differently
                 # from the ufunc (0-d or not) a traced program calls
                 f"lib.power({base}, {self.power})" if shape == () else f"{base} ** {self.power}"]
        own = shape != () and re.match(r"\w+", base).group() in avoid
        if not own and (not is_read or shape == () or self.rng.random() < 0.3):
            # the value as it is: for a read of another array, that array or a
            # view of it; it is not kept, and may be written again afterwards
            forms.append(base)
        expr = self.choice(forms)
        if self.dt == "c128" and self.rng.random() < 0.25:
            expr = f"(0.6+0.8j) * ({expr})"
        if self.scalars and self.rng.random() < 0.15:
            expr = f"({expr}) * {self.choice(self.scalars)}"
        return expr

    def denominator(self, shape):
        term = self.x_term(shape)
        if self.dt == "c128" or self.rng.random() < 0.5:
            return f"lib.exp(0.3 * {term})"
        return f"(1.5 + 0.5 * lib.tanh({term}))"

    # ------------------------------------------------------------- indices

    def int_tuple(self, shape):
        return ", ".join(str(int(self.rng.integers(-n, n))) for n in shape)

    def index(self, shape):
        """``(source, region shape, kinds)`` of a random index into ``shape``."""
        for _ in range(100):
            made = self._index(shape)
            if made is not None:
                return made
        raise AssertionError("no index found")   # pragma: no cover

    def _index(self, shape):
        rng = self.rng
        ndim = len(shape)
        if rng.random() < 0.08:             # one mask of the whole array (or leading axes)
            lead = ndim if ndim == 1 or rng.random() < 0.7 else ndim - 1
            mask = rng.random(shape[:lead]) < 0.5
            if not mask.any():
                return None
            parts = [repr(mask.tolist())]
            objs = [mask]
            return self._finish(shape, parts, objs, {"mask"})
        k = int(rng.integers(1, 5))
        column = rng.random() < 0.25        # first integer list as a column: outer broadcast
        has_mask = False
        parts, objs, kinds = [], [], set()
        n_fancy = 0
        for n in shape:
            kind = self.choice(["int", "slice", "all", "fancy", "mask"],
                               p=[0.22, 0.3, 0.18, 0.2, 0.1])
            if kind == "mask" and (has_mask or n_fancy):
                kind = "slice"
            if kind == "fancy" and has_mask:
                kind = "int"
            if kind == "int":
                i = int(rng.integers(-n, n))
                parts.append(str(i))
                objs.append(i)
            elif kind == "all":
                parts.append(":")
                objs.append(slice(None))
            elif kind == "slice":
                step = self.choice([None, None, 1, 2, -1, -2, 3])
                start = self.choice([None] + list(range(-n, n)))
                stop = self.choice([None] + list(range(-n, n + 1)))
                s = slice(start, stop, step)
                parts.append(":".join("" if v is None else str(v) for v in (start, stop))
                             + ("" if step is None else f":{step}"))
                objs.append(s)
            elif kind == "fancy":
                length = k if not (column and n_fancy == 1) else int(rng.integers(1, 4))
                vals = [int(v) for v in rng.integers(-n, n, size=length)]
                if column and n_fancy == 0:
                    lst = [[v] for v in vals]
                else:
                    lst = vals
                n_fancy += 1
                parts.append(repr(lst))
                objs.append(onp.array(lst))
            else:
                mask = rng.random(n) < 0.5
                if not mask.any():
                    return None
                has_mask = True
                parts.append(repr(mask.tolist()))
                objs.append(mask)
            kinds.add(kind)
        if rng.random() < 0.2:                 # a run of whole axes written as ...
            full = [i for i, p in enumerate(parts) if p == ":"]
            if full:
                i = self.choice(full)
                j = i + 1
                while j < len(parts) and parts[j] == ":":
                    j += 1
                parts[i:j] = ["..."]
                objs[i:j] = [Ellipsis]
            else:
                at = int(rng.integers(0, len(parts) + 1))
                parts.insert(at, "...")
                objs.insert(at, Ellipsis)
            kinds.add("ellipsis")
        elif rng.random() < 0.5:               # trailing whole axes left out
            while parts and parts[-1] == ":" and len(parts) > 1:
                parts.pop()
                objs.pop()
        if rng.random() < 0.15:
            at = int(rng.integers(0, len(parts) + 1))
            parts.insert(at, "None")
            objs.insert(at, None)
            kinds.add("None")
        return self._finish(shape, parts, objs, kinds)

    def _finish(self, shape, parts, objs, kinds):
        try:
            region = onp.empty(shape)[tuple(objs)].shape
        except IndexError:
            return None
        if _prod(region) == 0:
            return None
        return ", ".join(parts), region, kinds

    # ------------------------------------------------------------- statements

    def create(self, name, first):
        rng = self.rng
        how = self.choice(CREATIONS)
        if how.endswith("_like") or how in SOURCE_CREATIONS or how in ("intermediate", "input"):
            shape = self.xshape
        else:
            shape = ARRAY_SHAPES[rng.integers(len(ARRAY_SHAPES))]
        if not first and rng.random() < 0.4:
            # a second array from the first: a copy (independent) or an alias (the same)
            src = self.choice(list(self.shapes))
            shape = self.shapes[src]
            how = self.choice(["alias", "copy", "array", f"{src}.copy()"])
            rhs = {"alias": src, "copy": f"lib.copy({src})",
                   "array": f"lib.array({src})"}.get(how, how)
            self.emit(f"{name} = {rhs}")
            self.kinds.append("alias" if how == "alias" else "copyof")
            self.shapes[name] = shape
            self.outputs.append(name)
            if how == "alias":
                group = self.aliases.setdefault(src, {src})
                group.add(name)
                self.aliases[name] = group
            self.wrote(name, src)
            return
        if how in ("zeros", "ones", "empty"):
            self.emit(f"{name} = lib.{how}({shape}{self.dtype_arg()})")
        elif how == "full":
            self.emit(f"{name} = lib.full({shape}, {self.constant()}{self.dtype_arg()})")
        elif how == "full_like":
            self.emit(f"{name} = lib.full_like(x, {self.constant()})")
        elif how.endswith("_like"):
            self.emit(f"{name} = lib.{how}(x)")
        elif how == "x.copy()":
            self.emit(f"{name} = x.copy()")
        elif how in ("copy", "array"):
            self.emit(f"{name} = lib.{how}(x)")
        elif how == "input":
            # the function writes into its own argument: NumPy's semantics inside,
            # the caller's array unchanged (checked); xf is then a copy, not a view
            self.lines[0] = "    xf = x.flatten()"
            self.emit(f"{name} = x")
            self.aliases["x"] = self.aliases[name] = {"x", name}
        else:
            y = self.fresh("y")
            self.emit(f"{y} = {self.choice(['lib.sin(x)', 'x * 0.5 + 0.1', 'lib.tanh(x) * x'])}")
            self.emit(f"{name} = {self.choice([f'lib.array({y})', f'{y}.copy()', f'lib.copy({y})'])}")
            self.outputs.append(y)      # the intermediate must not see the writes
        self.kinds.append("xcopy" if how == "x.copy()" else how)
        self.shapes[name] = shape
        self.outputs.append(name)
        if how in SOURCE_CREATIONS or how == "input":
            self.sorted_ok.add(name)
        if how in SOURCE_CREATIONS or how in ("intermediate", "input"):
            self.traced.add(name)
        if how.startswith("empty"):      # NumPy's empty holds anything: write it all first
            self.whole_write(name)

    def whole_write(self, name):
        shape = self.shapes[name]
        if self.rng.random() < 0.3:
            v = self.value((), reads=False)
            self.emit(f"{name}.fill({v})")
        else:
            idx = self.choice(["...", ":"])
            v = self.value(self.value_shape(shape), reads=False)
            self.emit(f"{name}[{idx}] = {v}")
        self.wrote(name, v)

    def target(self):
        return self.choice(list(self.shapes))

    def st_set(self):
        a = self.target()
        idx, region, kinds = self.index(self.shapes[a])
        # a boolean write takes values of at most one dimension
        mask = "mask" in kinds
        v = self.value(self.value_shape(region, leading_one=not mask),
                       avoid=self.aliases.get(a, {a}))
        self.emit(f"{a}[{idx}] = {v}")
        self.wrote(a, v)
        return "set[" + ",".join(sorted(kinds)) + "]"

    def st_aug(self):
        a = self.target()
        idx, region, kinds = self.index(self.shapes[a])
        op = self.choice(["+=", "-=", "*=", "/=", "**="])
        if op == "**=" and region == ():
            op = "*="      # a scalar's **= is C's pow: see value()
        if op == "/=":
            v = self.denominator(self.value_shape(region, leading_one=False))
        elif op == "**=":
            v = self.power
        else:
            v = self.value(self.value_shape(region, leading_one=False))
        self.emit(f"{a}[{idx}] {op} {v}")
        self.wrote(a, v)
        return f"aug{_OPS[op]}[" + ",".join(sorted(kinds)) + "]"

    def st_whole(self):
        a = self.target()
        shape = self.shapes[a]
        op = self.choice(["+=", "-=", "*=", "/="])
        vshape = self.value_shape(shape, leading_one=False)
        v = self.denominator(vshape) if op == "/=" else self.value(vshape)
        self.emit(f"{a} {op} {v}")
        self.wrote(a, v)
        return f"whole{_OPS[op]}"

    def st_fill(self):
        a = self.target()
        v = self.value(())
        self.emit(f"{a}.fill({v})")
        self.wrote(a, v)
        self.sorted_ok.discard(a)
        return "fill"

    def st_shift(self):
        a = self.target()
        shape = self.shapes[a]
        form = self.choice([f"{a}[1:] = {a}[:-1]", f"{a}[:-1] = {a}[1:]", f"{a}[...] = {a}[::-1]",
                            f"{a}[::2] = {a}[1::2]" if shape[0] % 2 == 0 else f"{a}[1:] = {a}[:-1]"])
        self.emit(form)
        self.sorted_ok.discard(a)
        return "shift"

    def st_loop(self):
        a = self.target()
        shape = self.shapes[a]
        n, m = shape[0], self.xsize
        sub = "i" if len(shape) == 1 or self.rng.random() < 0.6 else None
        if sub is None:                          # along the last axis
            n = shape[-1]
            cur, prev, prev2 = f"{a}[..., i]", f"{a}[..., i - 1]", f"{a}[..., i - 2]"
        else:
            cur, prev, prev2 = f"{a}[i]", f"{a}[i - 1]", f"{a}[i - 2]"
        xi, xj = f"xf[i % {m}]", f"xf[(i + 1) % {m}]"
        templates = [
            (1, f"{cur} = lib.sin({prev}) * {xi} + 0.5 * {cur}"),
            (1, f"{cur} = lib.tanh({prev} * {xi}) + {xj}"),
            (2, f"{cur} = 0.5 * {prev} + lib.tanh({prev2}) * {xi}"),
            (0, f"{cur} += lib.sin({xi}) * {prev}"),
            (0, f"{cur} *= 0.5 + 0.25 * lib.cos({xi})"),
            (0, f"{cur} = lib.sin({xi}) * {xj}"),
        ]
        start, body = templates[self.rng.integers(len(templates))]
        if n <= start:
            start, body = templates[-1]
        self.emit(f"for i in range({start}, {n}):" if start else f"for i in range({n}):")
        self.emit(body, indent=2)
        self.wrote(a, body)
        self.sorted_ok.discard(a)
        return "loop"

    def st_save(self):
        a = self.target()
        shape = self.shapes[a]
        t = self.fresh("t")
        r = self.rng.random()
        if r < 0.45:
            rhs = f"{a} * {self.value(self.value_shape(shape, leading_one=False), reads=False)}"
        elif r < 0.65:
            rhs = f"lib.sin({a}) * {a}"
        elif r < 0.85:
            idx = [int(v) for v in self.rng.integers(-shape[0], shape[0], size=3)]
            rhs = f"{a}[{idx}] ** {self.power}"   # a fancy read: a copy
        else:
            rhs = f"lib.sum({a} ** {self.power}, axis=0)"
        self.emit(f"{t} = {rhs}")
        self.wrote(t, rhs)
        self.outputs.append(t)
        return "save"

    def st_read(self):
        a = self.target()
        s = self.fresh("s")
        if self.rng.random() < 0.5:
            self.emit(f"{s} = {a}[{self.int_tuple(self.shapes[a])}]")
        else:
            idx, _, _ = self.index(self.shapes[a])
            self.emit(f"{s} = lib.mean(lib.sin({a}[{idx}]))")
        self.wrote(s, a)
        self.scalars.append(s)
        self.outputs.append(s)
        return "read"

    def st_sort(self, a):
        if len(self.shapes[a]) > 1 and self.rng.random() < 0.3:
            self.emit(f"{a}.sort(axis=0)")
        else:
            self.emit(f"{a}.sort()")
        return "sort"

    def st_second(self):
        name = "b" if "b" not in self.shapes else "c"
        self.create(name, first=False)
        return None

    # ------------------------------------------------------------- whole program

    def build(self):
        rng = self.rng
        self.emit("xf = x.ravel()")
        self.create("a", first=True)
        if self.dt != "c128" and self.sorted_ok and rng.random() < 0.35:
            self.kinds.append(self.st_sort("a"))
        steps = {"set": self.st_set, "aug": self.st_aug, "whole": self.st_whole,
                 "fill": self.st_fill, "shift": self.st_shift, "loop": self.st_loop,
                 "save": self.st_save, "read": self.st_read, "second": self.st_second}
        weights = {"set": 0.3, "aug": 0.16, "whole": 0.1, "fill": 0.03, "shift": 0.04,
                   "loop": 0.1, "save": 0.12, "read": 0.08, "second": 0.07}
        names = list(weights)
        p = onp.array([weights[k] for k in names])
        loops = 0
        for _ in range(int(rng.integers(*STATEMENTS))):
            kind = names[rng.choice(len(names), p=p / p.sum())]
            if (kind == "loop" and loops) or (kind == "second" and len(self.shapes) > 2):
                kind = "set"
            loops += kind == "loop"
            label = steps[kind]()
            if label:
                self.kinds.append(label)
        while not any(self.depends(o) for o in self.outputs):
            # a program whose outputs do not depend on x checks nothing: one more write
            v = self.value(self.value_shape(self.shapes["a"], leading_one=False), reads=False)
            if self.depends(v):
                self.emit(f"a[...] = {v}")
                self.wrote("a", v)
        if "save" not in self.kinds and rng.random() < 0.5:
            # values saved for the backward pass, then the array written again
            self.kinds.append(self.st_save())
            self.kinds.append(self.st_set())
        self.emit(f"return [{', '.join(self.outputs)}]")
        source = "def program(lib, x):\n" + "\n".join(self.lines) + "\n"
        ident = f"p{self.number:03d}-{self.dt}-" + ".".join(self.kinds)
        return ident, source

    def input(self):
        """Well separated values (a sort's order is the same after a small step)."""
        n = self.xsize
        grid = onp.linspace(-1.2, 1.2, n) + self.rng.uniform(-0.01, 0.01, n)
        x = self.rng.permutation(grid).reshape(self.xshape)
        if self.dt == "c128":
            x = x + 0.5j * self.rng.uniform(-1, 1, self.xshape)
        return x.astype(DTYPES[self.dt])


class Case:
    def __init__(self, number, rng):
        gen = _Program(number, rng)
        self.id, self.source = gen.build()
        self.x = gen.input()
        self.order = gen.order
        filename = f"<differential {self.id}>"
        # register the source so that tracebacks show the program's lines
        linecache.cache[filename] = (len(self.source), None,
                                     self.source.splitlines(True), filename)
        scope = {}
        exec(compile(self.source, filename, "exec"), scope)
        self.program = scope["program"]


def _tame(case):
    """Do the program's values stay moderate?  (Cubes of cubes overflow a complex
    sin; finite differences lose their digits on huge values.)"""
    with onp.errstate(all="ignore"):
        outs = case.program(onp, case.x.copy())
    return all(onp.all(onp.abs(o) < 1e4) for o in outs)


def _cases():
    rng = onp.random.default_rng(SEED)
    cases = []
    for k in range(COUNT):
        case = Case(k, rng)
        while not _tame(case):
            case = Case(k, rng)
        cases.append(case)
    return cases


CASES = _cases()


def _check(case):
    x = case.x
    program = case.program
    expected = program(onp, x.copy())
    caller = x.copy()
    seen = []

    def loss(v):
        outs = program(np, v)
        seen.append([getval(o) for o in outs])
        return sum(np.sum(np.real(o)) + np.sum(np.imag(o)) for o in outs)

    grad(loss)(x)
    onp.testing.assert_array_equal(x, caller, err_msg="grad modified the caller's input")
    assert len(seen[0]) == len(expected)
    for k, (got, want) in enumerate(zip(seen[0], expected)):
        got, want = onp.asarray(got), onp.asarray(want)
        assert got.dtype == want.dtype, f"output {k}: dtype {got.dtype}, NumPy's {want.dtype}"
        assert got.shape == want.shape, f"output {k}: shape {got.shape}, NumPy's {want.shape}"
        if got.dtype.kind == "c":
            # NumPy multiplies two complex scalars (x[i] * x[j]) in C scalar code
            # and arrays (also 0-d boxes' values) in its ufunc loop; the two
            # round differently in the last bit.  The traced program runs the
            # loop, so complex outputs may be some bits off NumPy's own.
            scale = max(1.0, float(onp.abs(want).max(initial=0.0)))
            onp.testing.assert_allclose(got, want, rtol=COMPLEX_RTOL, atol=COMPLEX_RTOL * scale,
                                        err_msg=f"output {k} differs from NumPy's")
        elif not NUMPY2:
            # NumPy 1.x's ``ndarray ** 2`` runs ``square`` (its fast scalar power),
            # a traced ``x ** 2`` the ``power`` loop, which rounds the last bit
            # differently; NumPy 2's power loop special-cases 2 itself.
            # (a last-bit difference grows through later operations: a few ulps
            # of the largest value, not of each element)
            eps = onp.finfo(got.dtype).eps if got.dtype.kind == "f" else 0
            scale = float(onp.abs(want).max(initial=0.0))
            onp.testing.assert_allclose(got, want, rtol=16 * eps, atol=16 * eps * scale,
                                        err_msg=f"output {k} differs from NumPy's")
        else:
            onp.testing.assert_array_equal(got, want, err_msg=f"output {k} differs from NumPy's")

    def flat(v):
        if type(v) is onp.ndarray:
            # check_grads also calls flat untraced (finite differences, and
            # f(x) for the output's space): a program that writes into its
            # argument would then write into x itself, as NumPy does
            v = v.copy()
        return np.concatenate([np.ravel(o) for o in program(np, v)])

    check_grads(flat, modes=["fwd", "rev"], order=case.order)(x)
    onp.testing.assert_array_equal(x, caller, err_msg="check_grads modified the caller's input")


@pytest.mark.filterwarnings("error:Output seems independent of input")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_program(case):
    try:
        _check(case)
    except Exception as e:
        e.add_note(f"program {case.id}, x = {case.x!r}:\n{case.source}")
        raise


def test_the_programs_cover_what_they_should():
    """The generator reaches every creation, index form, statement and dtype, often."""
    counts = {}
    for case in CASES:
        _, dt, labels = case.id.split("-", 2)
        for label in {dt, *re.split(r"[.\[\],]", labels)} - {""}:
            counts[label] = counts.get(label, 0) + 1
    wanted = {"int": 100, "slice": 100, "all": 50, "fancy": 100, "mask": 50, "ellipsis": 50,
              "None": 50, "loop": 50, "save": 100, "read": 50, "fill": 20, "shift": 20,
              "sort": 20, "alias": 5, "copyof": 10, "f64": 300, "f32": 40, "c128": 40}
    wanted.update({c: 4 for c in ("zeros", "ones", "empty", "full", "zeros_like", "ones_like",
                                  "empty_like", "full_like", "xcopy", "copy", "array",
                                  "intermediate", "input")})
    wanted.update({f"{kind}{op}": 20 for kind in ("aug", "whole") for op in _OPS.values()
                   if kind == "aug" or op != "pow"})
    short = {k: counts.get(k, 0) for k, n in wanted.items() if counts.get(k, 0) < n}
    assert not short, f"too few programs with {short}"
    assert len(CASES) >= 300
    assert sum(c.order == 2 for c in CASES) >= 60
