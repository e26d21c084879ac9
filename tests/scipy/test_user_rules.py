"""Every function of the SciPy namespaces takes a rule of the user's own (issue 8).

HIPS autograd made them primitives; ours may be composites, wrapped with
``autograd.extend.overridable`` so that ``defvjp`` on them is accepted and used.
"""

import types
import warnings

import numpy as onp
import pytest

import autograd.numpy as np
import autograd.scipy.integrate as integrate
import autograd.scipy.linalg as linalg
import autograd.scipy.signal as signal
import autograd.scipy.special as special
from autograd import grad, make_jvp
from autograd.extend import defjvp, defvjp, isolated

R = onp.random.default_rng(3)
A = R.standard_normal((3, 3)) + 3 * onp.eye(3)


@pytest.mark.parametrize("module", [special, linalg, signal, integrate],
                         ids=lambda m: m.__name__)
def test_every_public_function_can_take_a_rule(module):
    for name in module.__all__:
        f = getattr(module, name)
        if isinstance(f, (type, types.ModuleType)) or not callable(f):
            continue
        assert (getattr(f, "_is_autograd_primitive", False)
                or getattr(f, "__autograd_rule_key__", None) is not None), name


def test_every_stats_function_can_take_a_rule():
    import importlib
    import pkgutil

    import autograd.scipy.stats as stats
    for info in pkgutil.iter_modules(stats.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"autograd.scipy.stats.{info.name}")
        for name in module.__all__:
            f = getattr(module, name)
            if isinstance(f, (type, types.ModuleType)) or not callable(f):
                continue
            assert (getattr(f, "_is_autograd_primitive", False)
                    or getattr(f, "__autograd_rule_key__", None) is not None), (info.name, name)


# (function, argument, how to call it with the traced argument, a sum to differentiate)
CASES = [
    ("linalg.det", linalg.det, A, lambda f, x: f(x)),
    ("linalg.pinv", linalg.pinv, A, lambda f, x: np.sum(f(x))),
    ("signal.convolve", signal.convolve, onp.arange(1.0, 4.0), lambda f, x: np.sum(f(x, onp.ones(2)))),
    ("special.logsumexp", special.logsumexp, onp.arange(3.0), lambda f, x: f(x)),
    ("integrate.trapezoid", integrate.trapezoid, onp.arange(4.0), lambda f, x: f(x)),
]


@pytest.mark.parametrize("name, f, x, call", CASES, ids=[c[0] for c in CASES])
def test_a_users_rule_is_used_in_both_modes(name, f, x, call):
    plain = grad(lambda x: call(f, x))(x)
    with isolated():
        with warnings.catch_warnings():
            warnings.simplefilter("error")    # no "the rule is never used" warning
            defvjp(f, lambda ans, x, *args, **kwargs: lambda g: onp.full(onp.shape(x), 7.0))
            defjvp(f, lambda t, ans, x, *args, **kwargs: onp.full(onp.shape(ans), 5.0))
        used = grad(lambda x: call(f, x))(x)
        assert onp.all(used != plain) and onp.all(onp.isin(used, [7.0, 14.0]))
        if name == "special.logsumexp":
            assert make_jvp(f)(x)(onp.ones(3))[1] == 5.0
    onp.testing.assert_allclose(grad(lambda x: call(f, x))(x), plain)   # isolated: gone
