"""Reliability: threads, very long chains, memory release and deep nesting."""

import gc
import math
import sys
import threading
import weakref
from contextlib import contextmanager

import pytest

from autograd import (
    checkpoint, deriv, elementwise_grad, grad, grad_and_aux, hessian, holomorphic_grad,
    jacobian, jacfwd, linearize, make_hvp, make_jvp, make_vjp, value_and_grad,
)
from autograd.extend import defjvp, defvjp, primitive


# Local primitives, so these tests depend only on the engine.
@primitive
def exp(x):
    return math.exp(x)


@primitive
def sin(x):
    return math.sin(x)


@primitive
def cos(x):
    return math.cos(x)


defvjp(exp, lambda ans, x: lambda g: g * ans)
defjvp(exp, lambda t, ans, x: t * ans)
defvjp(sin, lambda ans, x: lambda g: g * cos(x))
defjvp(sin, lambda t, ans, x: t * cos(x))
defvjp(cos, lambda ans, x: lambda g: -g * sin(x))
defjvp(cos, lambda t, ans, x: -t * sin(x))


# ----------------------------------------------------------------- threads

def family(k):
    """A different function for every k: loops, branches and nested grads."""
    a = 1.0 + 0.01 * k

    def f(x):
        y = x
        for j in range(k % 5 + 1):
            y = sin(y * a) + x * y / (1.0 + j)
        if k % 3 == 0:
            y = y * exp(-x * x)
        return y
    return f


def compute(k, x):
    f = family(k)
    return (grad(f)(x), grad(grad(f))(x), deriv(f)(x),
            grad(lambda t: f(t[0]) * t[1])((x, 0.5)), make_jvp(grad(f))(x)(1.0))


def test_threads_compute_exactly_the_single_threaded_gradients():
    jobs = [(k, 0.1 + 0.003 * k) for k in range(200)]
    expected = [compute(k, x) for k, x in jobs]
    results = {}
    errors = []
    start = threading.Barrier(8)

    def worker(tid):
        try:
            start.wait()
            order = jobs[tid * 25:] + jobs[:tid * 25]     # threads work out of phase
            results[tid] = {k: compute(k, x) for k, x in order}
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)      # switch threads as often as possible
    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    for tid in range(8):
        assert [results[tid][k] for k, _ in jobs] == expected


# ----------------------------------------------------------------- a very long chain

def test_a_chain_of_a_million_primitives_has_no_recursion_limit():
    n = 10 ** 6

    def chain(x):
        for _ in range(n):
            x = x * 1.0000001
        return x

    # far deeper than the recursion limit: the backward pass must be a loop
    assert n > 100 * sys.getrecursionlimit()
    g = grad(chain)(1.0)
    assert g == pytest.approx(1.0000001 ** n, rel=1e-9)


def test_a_long_chain_in_forward_mode_and_with_make_vjp():
    n = 10 ** 5

    def chain(x):
        for _ in range(n):
            x = -x
        return x

    assert deriv(chain)(1.0) == 1.0
    vjp, ans = make_vjp(chain)(1.0)
    assert ans == 1.0 and vjp(2.0) == 2.0 and vjp(3.0) == 3.0


# ----------------------------------------------------------------- memory

class Big:
    """A big object handed to a primitive as a (non-differentiable) argument."""

    def __init__(self):
        self.payload = bytearray(10 ** 6)


@primitive
def scale(x, big):
    return x * 2.0


defvjp(scale, lambda ans, x, big: lambda g: g * 2.0, None)
defjvp(scale, lambda t, ans, x, big: t * 2.0, None)


@contextmanager
def gc_disabled():
    """Memory must be returned by reference counting alone, with no cycles."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assert_released(run):
    """``run(big)`` differentiates something that records ``big`` on the tape."""
    with gc_disabled():
        big = Big()
        ref = weakref.ref(big)
        result = run(big)
        del big
        assert ref() is None, "the tape (or something on it) is still alive"
    return result


# fmt: off
RELEASE_CASES = [
    ("grad",             lambda big: grad(lambda x: scale(x, big) * x)(3.0),              12.0),
    ("value_and_grad", lambda big: value_and_grad(lambda x: scale(x, big) * x)(3.0), (18.0, 12.0)),
    ("grad_and_aux",     lambda big: grad_and_aux(lambda x: (scale(x, big) * x, "a"))(3.0),
                         (12.0, "a")),
    ("elementwise_grad", lambda big: elementwise_grad(lambda x: scale(x, big) * x)(3.0),  12.0),
    ("jacobian",         lambda big: jacobian(lambda x: scale(x, big) * x)(3.0),          12.0),
    ("jacfwd",           lambda big: jacfwd(lambda x: scale(x, big) * x)(3.0),            12.0),
    ("hessian",          lambda big: hessian(lambda x: scale(x, big) * x)(3.0),           4.0),
    ("deriv",            lambda big: deriv(lambda x: scale(x, big) * x)(3.0),             12.0),
    ("holomorphic_grad", lambda big: holomorphic_grad(lambda z: scale(z, big) * z)(3j),   12j),
    ("checkpoint",       lambda big: grad(checkpoint(lambda x: scale(x, big) * x))(3.0),  12.0),
    ("nested",           lambda big: grad(grad(lambda x: scale(x, big) * x * x))(3.0),    36.0),
    ("container-input",  lambda big: grad(lambda t: scale(t[0], big) * t[1])((3.0, 2.0)),
                         (4.0, 6.0)),
    ("container-output", lambda big: jacobian(lambda x: (scale(x, big), x))(3.0), (2.0, 1.0)),
    ("dict-reads",       lambda big: grad(lambda d: sum(scale(d[k], big) for k in d))(
                             {"a": 1.0, "b": 2.0}),
                         {"a": 2.0, "b": 2.0}),
]
# fmt: on


@pytest.mark.parametrize("name, run, expected", RELEASE_CASES, ids=[c[0] for c in RELEASE_CASES])
def test_tape_memory_is_released_when_the_operator_returns(name, run, expected):
    assert assert_released(run) == expected


def test_make_vjp_keeps_the_tape_until_vjp_is_dropped():
    with gc_disabled():
        big = Big()
        ref = weakref.ref(big)
        vjp, ans = make_vjp(lambda x: scale(x, big) * x)(3.0)  # noqa: F821
        del big
        assert vjp(1.0) == 12.0 and vjp(2.0) == 24.0      # reusable
        assert ref() is not None
        del vjp
        assert ref() is None


def test_make_hvp_and_linearize_release_when_dropped():
    with gc_disabled():
        big = Big()
        ref = weakref.ref(big)
        hvp, g = make_hvp(lambda x: scale(x, big) * x * x)(3.0)  # noqa: F821
        ans, f_jvp = linearize(lambda x: scale(x, big) * x)(3.0)  # noqa: F821
        del big
        assert (hvp(1.0), g, ans, f_jvp(1.0)) == (36.0, 54.0, 18.0, 12.0)
        del hvp, f_jvp
        assert ref() is None


def test_tape_is_released_when_the_function_raises():
    def broken(x, big):
        scale(x, big)
        raise RuntimeError("user error")

    def run(big):
        with pytest.raises(RuntimeError):
            grad(broken)(1.0, big)

    assert_released(run)


def test_dataclass_cotangents_are_freed_without_gc():
    # The cotangent of a read item keeps the container (and here its static field).
    from dataclasses import dataclass

    @dataclass
    class Model:
        w: float
        cache: object

    def run(big):
        return grad(lambda m: m.w * m.w)(Model(3.0, big)).w

    assert assert_released(run) == 6.0


# ----------------------------------------------------------------- deep nesting

def tanh_derivative_polynomial(order):
    """Coefficients (in u = tanh(x/2)) of the order-th derivative of tanh(x/2).

    d/dx tanh(x/2) = (1 - u^2) / 2, so for P(u): d/dx P(u) = P'(u) (1 - u^2) / 2.
    """
    p = [0.0, 1.0]                     # u
    for _ in range(order):
        dp = [i * p[i] for i in range(1, len(p))] or [0.0]
        out = [0.0] * (len(dp) + 2)
        for i, c in enumerate(dp):     # dp * (1 - u^2) / 2
            out[i] += c / 2
            out[i + 2] -= c / 2
        p = out
    return p


def eval_poly(p, u):
    return sum(c * u ** i for i, c in enumerate(p))


def test_polynomial_helper_against_known_derivatives():
    x = 0.4
    u = math.tanh(x / 2)
    assert eval_poly(tanh_derivative_polynomial(1), u) == pytest.approx(0.5 / math.cosh(x / 2) ** 2)
    # second derivative of tanh(x/2): -(1/2) tanh(x/2) sech^2(x/2)
    assert eval_poly(tanh_derivative_polynomial(2), u) == pytest.approx(
        -0.5 * u / math.cosh(x / 2) ** 2)


def tanh_half(x):
    # (1 - e^-x) / (1 + e^-x) == tanh(x / 2)
    return (1.0 - exp(-x)) / (1.0 + exp(-x))


@pytest.mark.parametrize("x", [-1.3, 0.0, 0.7, 2.1])
def test_six_nested_grads_match_the_closed_form(x):
    d = tanh_half
    for order in range(1, 7):
        d = grad(d)
        expected = eval_poly(tanh_derivative_polynomial(order), math.tanh(x / 2))
        assert d(x) == pytest.approx(expected, rel=1e-9, abs=1e-12), order


def test_six_nested_mixed_modes_match_the_closed_form():
    x = 0.7
    d = tanh_half
    for op in (grad, deriv, grad, deriv, deriv, grad):
        d = op(d)
    expected = eval_poly(tanh_derivative_polynomial(6), math.tanh(x / 2))
    assert d(x) == pytest.approx(expected, rel=1e-9)


def test_checkpointed_closures_are_not_kept_alive():
    # checkpoint() is often called inside the function being differentiated:
    # each call must not leave its closure behind (in the rule registry, say).
    from autograd.rules import active

    def run(big):
        def loss(x):
            inner = checkpoint(lambda y: scale(y, big) * y)
            return inner(x) + x
        return grad(loss)(3.0)

    before = len(active().vjps)
    assert assert_released(run) == 13.0
    assert len(active().vjps) == before
