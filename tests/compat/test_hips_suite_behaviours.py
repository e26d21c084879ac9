"""API behaviours that HIPS autograd 1.9.1's own test-suite relies on (see docs/compatibility.md)."""

import pytest

from autograd import grad
from autograd.extend import primitive
from autograd.misc.tracers import const_graph


def test_const_graph_records_primitives_without_vjp_rules():
    calls = []

    @primitive
    def tag(v, name):          # no VJP: const_graph only replays, never differentiates
        calls.append(name)
        return v

    def f(x, y):
        return tag(x, "x") + 2.0 * tag(y, "y")

    g = const_graph(f, 1.0)
    assert g(2.0) == 5.0 and g(3.0) == 7.0
    assert calls == ["x", "y", "y"]


def test_numpy_facade_version_is_numpy_version():
    numpy = pytest.importorskip("numpy")
    import autograd.numpy as anp
    assert anp.__version__ == numpy.__version__


def test_traced_python_scalar_has_0d_array_metadata():
    def f(x):
        assert (x.shape, x.ndim, x.size) == ((), 0, 1)
        return x * x

    assert grad(f)(3.0) == 6.0


def test_dirichlet_rvs_is_available():
    pytest.importorskip("scipy")
    import numpy as onp
    from autograd.scipy.stats import dirichlet
    x = dirichlet.rvs(onp.array([1.0, 2.0, 3.0]), size=2, random_state=0)
    assert x.shape == (2, 3) and onp.allclose(x.sum(axis=1), 1.0)


# ----------------------------------------------------------------- autograd.core.primitive_vjps / jvps

def _cube():
    @primitive
    def cube(x):
        return x * x * x

    from autograd.extend import defjvp, defvjp
    defvjp(cube, lambda ans, x: lambda g: 3.0 * g * x * x)
    defjvp(cube, lambda t, ans, x: 3.0 * t * x * x)
    return cube


def test_primitive_vjps_is_a_mapping_over_the_active_registry():
    from autograd import deriv
    from autograd.core import primitive_jvps, primitive_vjps
    from autograd.extend import MissingRuleError, isolated

    with isolated():
        cube = _cube()
        assert cube in primitive_vjps and cube.fun in primitive_vjps   # wrapper or raw
        assert cube in primitive_jvps
        rule = primitive_vjps[cube]
        assert primitive_vjps.get(cube) is rule and cube.fun in primitive_vjps.keys()
        assert cube.fun in list(primitive_vjps) and len(primitive_vjps) >= 1
        assert primitive_vjps()[cube.fun] is rule        # the older call form: a read-only view

        # HIPS-style "remove the rule, then put it back"
        assert primitive_vjps.pop(cube) is rule
        assert cube not in primitive_vjps and primitive_vjps.pop(cube, None) is None
        with pytest.raises(MissingRuleError):
            grad(cube)(2.0)
        primitive_vjps[cube] = rule
        assert grad(cube)(2.0) == 12.0

        del primitive_jvps[cube]
        with pytest.raises(KeyError):
            primitive_jvps[cube]
        with pytest.raises(MissingRuleError):
            deriv(cube)(2.0)

        # a HIPS {argnum: maker} dict is accepted on store
        primitive_vjps[cube] = {0: lambda ans, x: lambda g: 5.0 * g}
        assert grad(cube)(2.0) == 5.0

    # the view follows the active registry: changes made under isolated() stayed there
    assert cube not in primitive_vjps


# ----------------------------------------------------------------- autograd.util.quick_grad_check

def test_quick_grad_check_accepts_right_and_rejects_wrong_gradients(capsys):
    import warnings

    from autograd.extend import defvjp, isolated
    from autograd.util import quick_grad_check

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        quick_grad_check(lambda x, y: x ** 2 + y, 1.0, (2.0,))
        assert "OK" in capsys.readouterr().out
        quick_grad_check(lambda x, k=1.0: k * x ** 3, 0.5, kwargs={"k": 2.0}, verbose=False)
        assert capsys.readouterr().out == ""

        with isolated():
            cube = _cube()
            defvjp(cube, lambda ans, x: lambda g: 2.0 * g * x * x)    # wrong on purpose
            with pytest.raises(AssertionError, match="gradient check failed"):
                quick_grad_check(cube, 1.3, verbose=False)


def test_quick_grad_check_is_deprecated():
    from autograd.util import quick_grad_check

    with pytest.warns(DeprecationWarning, match="check_grads"):
        quick_grad_check(lambda x: x * x, 1.0, verbose=False)
