"""autograd_scipy._closures: finding the traced values a callback captures and rebuilding it.

The solvers' tests (test_integrate, test_optimize) check the derivatives
through captured values; these check the walk itself: every place a value can
be captured, cycles, constants, the user's objects left untouched, and the
error for a value that cannot be found.
"""

import functools

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.extend import isbox
from autograd_scipy._closures import Captures, UndetectedCaptureError, lift


class Holder:
    def __init__(self, k):
        self.k = k
        self.data = {"scale": [k, 2.0]}

    def method(self, x):
        return self.k * x * self.data["scale"][1]

    def __call__(self, x):
        return self.method(x)


class Slotted:
    __slots__ = ("k",)

    def __init__(self, k):
        self.k = k

    def __call__(self, x):
        return self.k * x


def recursive(k):
    def f(x, n=2):
        return k * x if n == 0 else f(x, n - 1)
    return f


def kwonly(k):
    def f(x, *, k=k):
        return k * x
    return f


# fmt: off
# (name, callback capturing k, its value at x=3 for k, as a function of k)
WHERE = [
    ("cell",           lambda k: (lambda x: k * x),                   lambda k: 3 * k),
    ("default",        lambda k: (lambda x, k=k: k * x),               lambda k: 3 * k),
    ("kw-default",     kwonly,                                         lambda k: 3 * k),
    ("bound-method",   lambda k: Holder(k).method,                    lambda k: 6 * k),
    ("callable",       lambda k: Holder(k),                           lambda k: 6 * k),
    ("slots",          lambda k: Slotted(k),                          lambda k: 3 * k),
    ("partial",        lambda k: functools.partial(lambda x, k: k * x, k=k), lambda k: 3 * k),
    ("container",      lambda k: (lambda x, d={"a": (1.0, [k])}: d["a"][1][0] * x), lambda k: 3 * k),
    ("nested",         lambda k: (lambda g: lambda x: g(x) + 1.0)(lambda x: k * x), lambda k: 3 * k + 1),
    ("recursive",      recursive,                                      lambda k: 3 * k),
]
# fmt: on


@pytest.mark.parametrize("name, make, value", WHERE, ids=[r[0] for r in WHERE])
def test_found_and_rebuilt(name, make, value):
    def f(k):
        cb = make(k)
        caps = Captures(cb)
        assert len(caps) == 1 and caps.values[0] is k
        (plain,) = caps.plain()
        out = plain(3.0)
        assert not isbox(out) and out == pytest.approx(value(0.5))
        (again,) = caps.at([k])
        assert isbox(again(3.0))
        # as an argument: the derivative passes through it
        g, args = lift(cb, (), name)
        assert args == (k,)
        return g(3.0, k)
    assert grad(f)(0.5) == pytest.approx(grad(value)(0.5))


def test_nothing_captured():
    caps = Captures(lambda x: x * 2.0, onp.ones(3), (1, "a"), None)
    assert not caps and caps.values == []
    f = lambda x: x    # noqa: E731
    assert caps.at([])[0] is caps.objs[0]
    assert lift(f, (1.0,), "x")[1] == (1.0,)


def test_user_objects_unchanged_and_rebuild_cached():
    def f(k):
        h = Holder(k)
        caps = Captures(h.method)
        plain = caps.plain()[0]
        assert h.k is k and h.data["scale"][0] is k            # untouched
        assert plain.__self__ is not h and plain.__self__.k == 0.5
        assert caps.plain()[0] is plain                         # same values: same rebuild
        return plain(1.0) * k
    grad(f)(0.5)


def test_each_box_once_and_in_order():
    def f(a, b):
        cb = lambda x, a2=a: a * x + b * a2          # noqa: E731
        caps = Captures(cb, (b, [a]))
        assert caps.values[0] is a and caps.values[1] is b and len(caps) == 2
        return a * b
    grad(f, (0, 1))(1.0, 2.0)


def test_constants_are_made_plain():
    def f(k):
        c = np.zeros(2)                                  # a constant box
        caps = Captures(lambda x: c + x)
        assert caps and not caps.values
        g, args = lift(lambda x: c + x, (), "t")
        assert not isbox(g(onp.ones(2))) and args == ()
        return k
    grad(f)(1.0)


_GLOBAL_BOX = []


def _uses_global(x):
    return _GLOBAL_BOX[0] * x


def test_undetected_value_is_an_error():
    uses_box = _uses_global

    def f(k):
        _GLOBAL_BOX[:] = [k]     # reached through a global variable: not part of the walk
        g, args = lift(uses_box, (), "quad")
        assert args == ()
        with pytest.raises(UndetectedCaptureError, match="quad.*args="):
            g(1.0)
        _GLOBAL_BOX.clear()
        return k
    grad(f)(1.0)
