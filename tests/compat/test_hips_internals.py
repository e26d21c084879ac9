"""HIPS autograd 1.9.1 internals that downstream code and HIPS's own tests use (issue 8).

Private helpers (``_make_vjp``, ``numpy_wrapper._astype``, ``linalg._dot``),
``autograd.util``'s names, ``flatten_func``, the one-argument
``SequenceBox(data)``, the deprecated rule methods of ``autograd.core.primitive``,
operator names and docstrings, HIPS's complex ``ones()`` and ``check_grads``
accepting what HIPS's ``check_grads`` accepts.
"""

import importlib.util
import inspect
import warnings

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import deriv, elementwise_grad, grad, holomorphic_grad, jacobian, make_jvp
from autograd.extend import defvjp, primitive
from autograd.test_util import check_grads

R = onp.random.default_rng(8)
# tests/compat runs with and without SciPy and autograd-scipy installed (tox
# envs numpy and full); the SciPy rows run in the latter.  (Not find_spec of
# "autograd_scipy": from the repository root its source folder would pass for
# a namespace package.)
needs_scipy = pytest.mark.skipif(importlib.util.find_spec("scipy") is None,
                                 reason="SciPy and autograd-scipy are not installed in this env")


# ----------------------------------------------------------------- operators' internals

def test_private_unary_make_vjp_and_make_jvp():
    from autograd.differential_operators import _make_jvp, _make_vjp

    vjp, ans = _make_vjp(lambda x: x * x * x, 2.0)
    assert (ans, vjp(1.0)) == (8.0, 12.0)
    assert _make_jvp(lambda x: x * x * x, 2.0)(0.5) == (8.0, 6.0)
    x = R.standard_normal(3)
    vjp, ans = _make_vjp(np.sin, x)
    assert onp.allclose(vjp(onp.ones(3)), onp.cos(x))


def test_make_jvp_reversemode_of_a_multi_argument_function():
    from autograd.differential_operators import make_jvp_reversemode

    f = lambda a, x: np.tanh(a @ x)
    a, x, v = R.standard_normal((2, 3)), R.standard_normal(3), R.standard_normal(3)
    expected = make_jvp(f, 1)(a, x)(v)[1]
    assert onp.allclose(make_jvp_reversemode(f, 1)(a, x)(v), expected)
    assert onp.allclose(make_jvp_reversemode(f, 1)(a, x)(v), jacobian(f, 1)(a, x) @ v)


def test_operators_have_hips_names_docstrings_and_signatures():
    def foo(x, y):
        """Foo."""

    assert grad.__name__ == "grad"
    assert grad.__doc__.startswith("\n    Returns a function which")
    g = grad(foo, 1)
    assert g.__name__ == "grad_of_foo_wrt_argnum_1"
    assert g.__doc__.startswith("    grad of function foo with respect to argument number 1")
    assert jacobian(foo, [0, 1]).__name__ == "jacobian_of_foo_wrt_argnum_[0, 1]"
    assert list(inspect.signature(g).parameters) == ["x", "y"]


def test_util_names():
    from autograd.util import func, quick_grad_check, subval, subvals

    assert func(np.sin) is np.sin
    assert subvals((1, 2, 3), [(0, "a"), (2, "c")]) == ("a", 2, "c")
    assert subval([1, 2, 3], 1, "b") == (1, "b", 3)
    assert callable(quick_grad_check)


class _N:
    def __init__(self, name, *parents):
        self.name, self.parents = name, parents


def test_util_toposort_puts_every_node_after_all_its_children():
    from autograd.util import toposort

    a = _N("a")
    b, c = _N("b", a), _N("c", a)
    d = _N("d", b, c, b)          # b twice: two edges, as HIPS counts them
    e = _N("e", d, a)
    order = [n.name for n in toposort(e)]
    assert sorted(order) == ["a", "b", "c", "d", "e"]
    pos = {n: i for i, n in enumerate(order)}
    for child in (b, c, d, e):
        for p in child.parents:
            assert pos[child.name] < pos[p.name]
    assert [n.name for n in toposort(a)] == ["a"]
    # a custom parents function
    assert [n for n in toposort(3, lambda k: [k - 1] if k else [])] == [3, 2, 1, 0]


def test_flatten_func_flattens_inputs_and_outputs():
    from autograd.misc.flatten import flatten_func

    params = {"w": R.standard_normal((2, 2)), "b": R.standard_normal(2)}

    def f(p, scale):
        return {"y": scale * np.tanh(p["w"] @ p["b"]), "z": [p["b"] ** 2]}

    flat_f, unflatten, x = flatten_func(f, params)
    assert x.shape == (6,)
    assert onp.allclose(unflatten(x)["w"], params["w"])
    out = flat_f(x, 2.0)
    assert out.shape == (4,)
    assert onp.allclose(out, onp.concatenate([f(params, 2.0)["y"], params["b"] ** 2]))
    check_grads(lambda v: np.sum(flat_f(v, 2.0) ** 2), modes=["fwd", "rev"], order=2)(x)


# ----------------------------------------------------------------- containers

def test_sequence_box_with_one_argument_builds_the_sequence():
    from autograd.builtins import SequenceBox

    assert SequenceBox((1.0, 2.0)) == (1.0, 2.0) and type(SequenceBox((1.0,))) is tuple
    assert SequenceBox([1.0]) == [1.0] and type(SequenceBox([1.0])) is list
    assert SequenceBox(iter([1.0, 2.0])) == (1.0, 2.0)
    seen = []

    def f(x):
        s = SequenceBox((x, 2.0 * x))
        seen.append(isinstance(s, SequenceBox))
        return s[0] * s[1]

    assert grad(f)(3.0) == 12.0 and seen == [True]


def test_sequence_box_round_trip_like_pennylane_pytrees():
    # pennylane.pytrees: flatten = list(obj); unflatten = SequenceBox(data)
    from autograd.builtins import SequenceBox
    from autograd.builtins import tuple as atuple

    def f(x):
        t = atuple((x, np.sin(x)))
        leaves = list(t)
        rebuilt = SequenceBox(tuple(2.0 * v for v in leaves))
        return np.sum(rebuilt[0] * rebuilt[1])

    x = R.standard_normal(3)
    check_grads(f, modes=["fwd", "rev"], order=2)(x)


def test_builtins_dict_is_a_generic():
    import autograd.builtins as ab

    alias = ab.dict[str, float]
    assert alias.__origin__ is ab.dict and alias.__args__ == (str, float)
    assert alias(a=1.0) == {"a": 1.0}

    def annotated(d: ab.dict[str, float]) -> float:
        return d["a"] * d["a"]

    assert grad(lambda x: annotated(ab.dict(a=x)))(3.0) == 6.0


# ----------------------------------------------------------------- NumPy add-on internals

def test_numpy_wrapper_astype_is_traced():
    from autograd.numpy.numpy_wrapper import _astype

    x = R.standard_normal(3)
    y = _astype(x, onp.float32)
    assert y.dtype == onp.float32 and onp.allclose(y, x, atol=1e-6)
    assert _astype(onp.arange(3), float, "C", "unsafe", True, False).dtype == onp.float64
    g = grad(lambda x: np.sum(_astype(x, onp.float32) ** 2))(x)
    assert g.dtype == onp.float64 and onp.allclose(g, 2 * x, rtol=1e-6)
    assert grad(lambda x: np.sum(_astype(x, int)))(x).tolist() == [0.0, 0.0, 0.0]
    check_grads(lambda x: _astype(x, onp.complex128) * (1 + 2j), modes=["fwd", "rev"])(x)


def test_numpy_jvps_broadcast_and_vjps_unbroadcast_f():
    from autograd.numpy.numpy_jvps import broadcast
    from autograd.numpy.numpy_vjps import unbroadcast_f

    target = onp.zeros((2, 3), complex)
    out = broadcast(onp.array([1.0, 2.0, 3.0]), target)
    assert out.shape == (2, 3) and out.dtype == complex and onp.allclose(out[1], [1, 2, 3])
    assert onp.allclose(unbroadcast_f(onp.zeros((1, 3)), lambda g: g)(onp.ones((2, 3))), [[2, 2, 2]])


def test_linalg_dot_and_transpose_helpers():
    a, b = R.standard_normal((2, 3, 4)), R.standard_normal((2, 4, 3))
    assert onp.allclose(np.linalg._dot(a, b), onp.einsum("...ij,...jk->...ik", a, b))
    assert np.linalg.T(a).shape == (2, 4, 3)
    check_grads(lambda a: np.linalg._dot(np.linalg.T(a), a), modes=["fwd", "rev"])(a)


# ----------------------------------------------------------------- extension API

def test_defvjp_with_none_means_a_zero_gradient_for_that_argument():
    @primitive
    def mul(x, y):
        return x * y

    defvjp(mul, None, lambda ans, x, y: lambda g: g * x)
    assert grad(mul, 1)(3.0, 4.0) == 3.0
    assert grad(mul, 0)(3.0, 4.0) == 0.0
    assert grad(lambda x: mul(x, x))(3.0) == 3.0      # only the second slot counts
    assert onp.allclose(grad(lambda x: np.sum(mul(x, 2.0 * x)))(onp.ones(2)), [2.0, 2.0])


def test_deprecated_rule_methods_of_core_primitive_warn_and_work():
    from autograd.core import primitive as core_primitive

    @core_primitive
    def mul(x, y):
        return x * y

    with pytest.warns(DeprecationWarning, match="defgrad"):
        mul.defgrad(lambda ans, x, y: lambda g: g * y)
    with pytest.warns(DeprecationWarning, match="defvjp"):
        mul.defvjp(lambda g, ans, vs, gvs, x, y: g * x * vs.ones(), argnum=1)
    a, b = R.standard_normal(2), R.standard_normal(2)
    check_grads(mul, (0, 1), modes=["rev"], order=1)(a, b)

    @core_primitive
    def flat(x, y):
        return 0.0 * x * y

    with pytest.warns(DeprecationWarning, match="defvjp_is_zero"):
        flat.defvjp_is_zero([0, 1])
    assert grad(lambda x: np.sum(flat(x, b)))(a).tolist() == [0.0, 0.0]
    # autograd.extend.primitive stays lean, as in HIPS
    assert not hasattr(primitive(lambda x: x), "defgrad")


@needs_scipy
def test_a_scipy_function_without_a_rule_is_a_primitive_a_user_can_extend():
    import autograd.scipy.linalg as spla
    import autograd.scipy.signal as sps
    from autograd import rules

    x = onp.array([3.0, 1.0, 4.0, 1.0, 5.0])
    assert getattr(sps.medfilt, "_is_autograd_primitive", False)
    with pytest.raises(rules.MissingRuleError, match="medfilt"):
        grad(lambda x: np.sum(sps.medfilt(x)))(x)
    with rules.isolated():
        defvjp(sps.medfilt, lambda ans, x, *a, **k: lambda g: 2.0 * g)
        assert grad(lambda x: np.sum(sps.medfilt(x)))(x).tolist() == [2.0] * 5
        # a user's rule replaces the add-on's, silently (last definition wins, as in HIPS)
        ab = onp.array([[0.0, 1.0, 1.0], [4.0, 4.0, 4.0], [1.0, 1.0, 0.0]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            defvjp(spla.solve_banded, None, None, lambda ans, lu, ab, b: lambda g: 7.0 * g)
            assert grad(lambda b: np.sum(spla.solve_banded((1, 1), ab, b)))(onp.ones(3)).tolist() == [7.0] * 3
    with pytest.raises(rules.MissingRuleError, match="medfilt"):
        grad(lambda x: np.sum(sps.medfilt(x)))(x)


# ----------------------------------------------------------------- complex numbers: HIPS's numbers

def test_complex_ones_is_one_plus_one_j_as_in_hips():
    from autograd.extend import vspace

    assert vspace(2j).ones() == 1 + 1j
    ones = vspace(onp.zeros((2, 1), complex)).ones()
    assert ones.dtype == complex and onp.all(ones == 1 + 1j)
    assert vspace(onp.zeros(2, onp.complex64)).ones().dtype == onp.complex64
    vs = vspace(onp.zeros(3, complex))
    assert onp.array_equal(sum(vs.standard_basis()), vs.ones())


def test_elementwise_grad_deriv_and_holomorphic_grad_of_complex_values():
    z = onp.array([1.0 + 2.0j, -0.5 + 0.3j])
    # real-valued function of complex input: cotangent dL/dx - i dL/dy
    assert onp.allclose(elementwise_grad(lambda z: np.abs(z) ** 2)(z), 2 * onp.conj(z))
    # deriv pushes ones() = 1+1j forward, as HIPS does
    assert onp.allclose(deriv(lambda z: z * z)(z), 2 * z * (1 + 1j))
    assert deriv(lambda z: z * z)(1 + 2j) == pytest.approx(2 * (1 + 2j) * (1 + 1j))
    # holomorphic_grad is f'(z) (HIPS: the gradient of its real part)
    assert onp.allclose(holomorphic_grad(lambda z: np.sum(z ** 3))(z), 3 * z ** 2)
    assert holomorphic_grad(lambda z: z ** 3)(1 + 2j) == pytest.approx(3 * (1 + 2j) ** 2)
    with pytest.raises(TypeError, match="holomorphic_grad"):
        elementwise_grad(lambda z: z * z)(z)


# ----------------------------------------------------------------- check_grads accepts what HIPS's accepts

def _square_with_rule_error(error):
    @primitive
    def sq(x):
        return onp.sum(x * x)

    defvjp(sq, lambda ans, x: lambda g: g * (2 * x + error))
    return sq


def test_check_grads_accepts_what_hips_check_grads_accepts():
    # HIPS checks <x_v, vjp(y_v)> along x_v, y_v = numpy.random.randn(...) draws.
    # A VJP error orthogonal to HIPS's x_v passes HIPS's check; ours must pass it too.
    x = onp.array([0.3, -0.7])
    seed = 5
    x_v = onp.random.RandomState(seed).randn(2)          # HIPS's first draw
    sq = _square_with_rule_error(1e-2 * onp.array([-x_v[1], x_v[0]]))
    with pytest.raises(AssertionError):                   # along our own direction: wrong
        check_grads(sq, modes=["rev"], order=1, rng=__import__("random").Random(1))(x)
    onp.random.seed(seed)
    check_grads(sq, modes=["rev"], order=1)(x)
    # the same error along HIPS's direction is rejected
    sq_bad = _square_with_rule_error(1e-2 * x_v)
    onp.random.seed(seed)
    with pytest.raises(AssertionError, match="VJP"):
        check_grads(sq_bad, modes=["rev"], order=1)(x)


@needs_scipy
def test_second_derivatives_through_odeint():
    from autograd.scipy.integrate import odeint

    def func(y, t, a, b):
        return -np.sqrt(t) - y + a - np.mean((y + b) ** 2)

    y0, a, b = R.standard_normal(3), R.standard_normal(3), R.standard_normal(3)
    t = onp.linspace(0.1, 0.2, 4)
    tol = {"rtol": 1e-11, "atol": 1e-11}
    f = lambda y0, t, a, b: odeint(func, y0, t, (a, b), **tol)
    check_grads(f, (0, 1, 2, 3), modes=["rev"], order=2, rng=__import__("random").Random(3))(
        y0, t, a, b)
    # the hessian-vector product agrees with finite differences of the gradient
    loss = lambda a: np.sum(odeint(func, y0, t, (a, b), **tol) ** 2)
    v, eps = R.standard_normal(3), 1e-5
    hvp = grad(lambda a: np.dot(grad(loss)(a), v))(a)
    fd = (grad(loss)(a + eps * v) - grad(loss)(a - eps * v)) / (2 * eps)
    assert onp.allclose(hvp, fd, rtol=1e-4, atol=1e-6)


def test_a_user_rule_stays_when_a_rule_set_loads_later():
    from autograd import rules

    f = primitive(lambda x: 2.0 * x)
    with rules.isolated() as reg, warnings.catch_warnings():
        warnings.simplefilter("error")
        defvjp(f, lambda ans, x: lambda g: 5.0 * g)              # user code
        with rules.provenance("some-add-on", "1.0"):             # its rule set loads later
            defvjp(f, lambda ans, x: lambda g: 2.0 * g)
        assert grad(f)(1.0) == 5.0
        assert [c.decided_by for c in reg.conflicts] == ["user"]
        defvjp(f, lambda ans, x: lambda g: 3.0 * g)              # the user's last word wins
        assert grad(f)(1.0) == 3.0


def test_a_rule_for_one_of_our_composites_warns_that_it_is_never_used():
    # np.concatenate is differentiated through the primitive it routes to, so a
    # rule given to it (a silent no-op in HIPS too) would never be used.
    from autograd import rules

    with rules.isolated():
        with pytest.warns(UserWarning, match="not a primitive here"):
            defvjp(np.concatenate, lambda ans, xs: lambda g: g)
        wrapped = primitive(lambda x: np.concatenate([x, x]))   # what the warning suggests
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            defvjp(wrapped, lambda ans, x: lambda g: 3.0 * g[:2])
        assert grad(lambda x: np.sum(wrapped(x)))(onp.ones(2)).tolist() == [3.0, 3.0]


@needs_scipy
def test_stats_densities_take_rules_of_their_own_as_in_hips():
    # In HIPS autograd norm.logpdf is a primitive, and code gives it its own rule
    import autograd.scipy.stats.norm as norm
    from autograd import rules

    x = onp.array([0.5, -1.0])
    assert onp.allclose(grad(lambda x: np.sum(norm.logpdf(x)))(x), -x)
    with rules.isolated():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            defvjp(norm.logpdf, lambda ans, x, loc=0.0, scale=1.0: lambda g: 7.0 * g)
        assert grad(lambda x: np.sum(norm.logpdf(x)))(x).tolist() == [7.0, 7.0]
        assert onp.allclose(norm.logpdf(x), -0.5 * x ** 2 - 0.5 * onp.log(2 * onp.pi))
        with pytest.raises(TypeError, match="positionally"):
            grad(lambda s: np.sum(norm.logpdf(x, scale=s)))(2.0)
    # outside the isolated registry the composite is differentiated again
    assert onp.allclose(grad(lambda x: np.sum(norm.logpdf(x)))(x), -x)
    check_grads(lambda s: norm.logpdf(x, 0.1, s), modes=["fwd", "rev"])(1.5)


def test_test_util_make_numerical_jvp():
    from autograd.test_util import make_numerical_jvp

    x = onp.array([0.2, 0.5])
    jvp = make_numerical_jvp(lambda x: np.sin(x) * x, x)
    assert onp.allclose(jvp(onp.array([1.0, 0.0])), [onp.cos(0.2) * 0.2 + onp.sin(0.2), 0.0])


@needs_scipy
def test_odeint_with_nested_container_args_like_hips_ode_net():
    # examples/ode_net.py passes a list of (W, b) tuples through odeint's args
    from autograd.scipy.integrate import odeint

    params = [(0.5 * R.standard_normal((2, 3)), R.standard_normal(3)),
              (0.5 * R.standard_normal((3, 2)), R.standard_normal(2))]

    def nn_dynamics(y, t, params):
        h = np.tanh(np.dot(y, params[0][0]) + params[0][1])
        return np.dot(h, params[1][0]) + params[1][1]

    y0, t = onp.array([0.3, -0.2]), onp.linspace(0.0, 0.5, 3)
    tol = {"rtol": 1e-10, "atol": 1e-10}
    loss = lambda p: np.sum(odeint(nn_dynamics, y0, t, tuple((p,)), **tol) ** 2)
    g = grad(loss)(params)
    assert type(g) is list and type(g[0]) is tuple and g[0][0].shape == (2, 3)
    check_grads(loss, modes=["rev"], order=1, rng=__import__("random").Random(4))(params)


@needs_scipy
def test_ode_derivatives_beyond_first_order_work_or_say_why():
    from autograd.scipy.integrate import odeint, solve_ivp

    decay = lambda y, t, k: -k * y
    tol = {"rtol": 1e-11, "atol": 1e-11}
    g = lambda k: np.sum(odeint(decay, onp.ones(2), onp.array([0.0, 1.0]), (k,), **tol))
    exact = 2 * onp.exp(-1.0)                      # d2/dk2 of 2 exp(-k) at k = 1
    assert grad(grad(g))(1.0) == pytest.approx(exact, rel=1e-7)
    assert make_jvp(grad(g))(1.0)(1.0)[1] == pytest.approx(exact, rel=1e-7)   # fwd over rev
    with pytest.raises(NotImplementedError, match="first derivatives only"):
        grad(lambda k: make_jvp(g)(k)(1.0)[1])(1.0)                          # rev over fwd
    ivp = lambda k: np.sum(solve_ivp(lambda t, y, k: -k * y, (0.0, 1.0), onp.ones(2),
                                     t_eval=onp.array([1.0]), args=(k,), **tol).y)
    assert grad(ivp)(1.0) == pytest.approx(-2 * onp.exp(-1.0), rel=1e-6)
    with pytest.raises(NotImplementedError, match="solve_ivp gives first derivatives only"):
        grad(grad(ivp))(1.0)


def test_library_rules_keep_the_plugin_conflict_policy():
    # Only user code's rules win unconditionally; a rule of the library's own
    # modules still yields to an add-on rule of higher priority.
    from autograd import rules

    f = primitive(lambda x: 2.0 * x)
    with rules.isolated() as reg:
        exec("defvjp(f, lambda ans, x: lambda g: 5.0 * g)",
             {"__name__": "autograd.some_module", "defvjp": defvjp, "f": f})
        with rules.provenance("some-add-on", "1.0", priority=1):
            defvjp(f, lambda ans, x: lambda g: 2.0 * g)
        assert grad(f)(1.0) == 2.0
        assert [c.decided_by for c in reg.conflicts] == ["priority"]
