"""autograd.scipy.special: one row per function with its domain, both modes, order 2;
the namespace, the refusals for order arguments, and values equal to SciPy's."""

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.numpy as np
import autograd.scipy.special as sp
from autograd import grad, jacobian, make_jvp
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

# Each domain maps a standard-normal draw into a region where the function is smooth.
DOMAINS = {
    "real": lambda z: z,
    "small": lambda z: 0.5 * onp.tanh(z),
    "unit": lambda z: 0.8 * onp.tanh(z),
    "unit01": lambda z: 0.5 + 0.4 * onp.tanh(z),
    "unit02": lambda z: 1.0 + 0.8 * onp.tanh(z),
    "pos": lambda z: 0.5 + onp.abs(z),
    "big": lambda z: 2.0 + onp.abs(z),
    "gt1": lambda z: 1.5 + onp.abs(z),
    "neg": lambda z: -0.3 - onp.abs(z),
    "nonzero": lambda z: onp.sign(z + 1e-3) * (0.3 + onp.abs(z)),
    "nonint": lambda z: onp.floor(3 * z) + 0.3 + 0.4 * onp.abs(onp.tanh(z)),
}


def draw(shape, domain, seed=0):
    z = onp.random.default_rng(seed).standard_normal(() if shape is None else shape)
    x = DOMAINS[domain](z)
    return float(x) if shape is None else x


# fmt: off
# (name, domain): f(x)
UNARY = [
    ("gamma", "pos"),       ("gammaln", "pos"),     ("loggamma", "pos"),    ("rgamma", "pos"),
    ("psi", "pos"),         ("digamma", "pos"),
    ("erf", "real"),        ("erfc", "real"),       ("erfinv", "unit"),     ("erfcinv", "unit02"),
    ("erfcx", "real"),      ("erfi", "small"),      ("dawsn", "real"),
    ("logit", "unit01"),    ("expit", "real"),      ("log_expit", "real"),
    ("ndtr", "real"),       ("log_ndtr", "real"),   ("ndtri", "unit01"),    ("ndtri_exp", "neg"),
    ("j0", "real"),         ("j1", "real"),         ("y0", "pos"),          ("y1", "pos"),
    ("i0", "real"),         ("i1", "real"),         ("i0e", "nonzero"),     ("i1e", "nonzero"),
    ("k0", "pos"),          ("k1", "pos"),          ("k0e", "pos"),         ("k1e", "pos"),
    ("exp1", "pos"),        ("expi", "pos"),        ("entr", "pos"),
    ("exp10", "small"),     ("exp2", "real"),       ("expm1", "real"),      ("log1p", "pos"),
    ("cosm1", "real"),      ("cbrt", "pos"),        ("sindg", "real"),      ("cosdg", "real"),
    ("tandg", "real"),      ("cotdg", "pos"),       ("spence", "gt1"),      ("softplus", "real"),
    ("zetac", "gt1"),       ("zeta", "small"),      ("exprel", "real"),     ("exprel", "small"),
    ("sinc", "nonzero"),
]

# (name, domain of x, domain of y, arguments differentiated, constant value for the others)
BINARY = [
    ("beta", "pos", "pos", [0, 1]),          ("betaln", "pos", "pos", [0, 1]),
    ("xlogy", "real", "pos", [0, 1]),        ("xlog1py", "real", "pos", [0, 1]),
    ("rel_entr", "pos", "pos", [0, 1]),      ("kl_div", "pos", "pos", [0, 1]),
    ("powm1", "pos", "real", [0, 1]),
    ("gammainc", "pos", "pos", [0, 1]),      ("gammaincc", "pos", "pos", [0, 1]),
    ("gammaincinv", "pos", "unit01", [0, 1]), ("gammainccinv", "pos", "unit01", [0, 1]),
    ("chdtr", "big", "pos", [0, 1]),         ("chdtrc", "big", "pos", [0, 1]),
    ("jv", 1.5, "pos", [1]),                 ("jn", 2, "pos", [1]),
    ("yv", 0.5, "pos", [1]),                 ("yn", 1, "pos", [1]),
    ("iv", 1.5, "pos", [1]),                 ("ive", 0.5, "pos", [1]),      ("ive", 1, "nonzero", [1]),
    ("kv", 1.5, "pos", [1]),                 ("kn", 2, "pos", [1]),
    ("kve", 0.5, "pos", [1]),                ("jve", 1.5, "pos", [1]),
    ("yve", 0.5, "pos", [1]),                ("poch", "pos", "small", [0, 1]),
    ("boxcox", "pos", "small", [0, 1]),      ("boxcox1p", "pos", "small", [0, 1]),
    ("boxcox", "pos", 0.0, [0]),
    ("polygamma", 2, "pos", [1]),            ("polygamma", onp.array([0, 1, 3]), "pos", [1]),
    ("expn", 2, "pos", [1]),                 ("expn", onp.array([0, 1, 3]), "pos", [1]),
    ("pdtr", onp.array([0.0, 2.0, 5.0]), "pos", [1]),
    ("pdtrc", onp.array([0.0, 2.0, 5.0]), "pos", [1]),
    ("stdtr", 3.5, "real", [1]),
    ("zeta", "gt1", "pos", [0, 1]),          ("multigammaln", "big", 3, [0]),
    ("jvp", 1.5, "pos", [1]),                ("yvp", 0.5, "pos", [1]),
    ("ivp", 1.5, "pos", [1]),                ("kvp", 1.5, "pos", [1]),
]

# (name, a, b, domain of x): differentiated in x
BETAINC = [
    ("betainc", 2.5, 1.5, "unit01"),     ("betaincc", 2.5, 1.5, "unit01"),
    ("betaincinv", 2.5, 1.5, "unit01"),  ("betainccinv", 2.5, 1.5, "unit01"),
]

# (name, argument position, scipy argument name): derivatives that are refused
REFUSED = [
    ("jv", 0, "order"), ("yv", 0, "order"), ("iv", 0, "order"), ("ive", 0, "order"),
    ("kv", 0, "order"), ("kve", 0, "order"), ("yn", 0, "order"), ("kn", 0, "order"),
    ("polygamma", 0, "order"), ("expn", 0, "order"),
    ("betainc", 0, "a"), ("betainc", 1, "b"), ("betaincc", 0, "a"), ("stdtr", 0, "df"),
]
# fmt: on

SHAPES = [None, (3,), (2, 3)]


def _arg(spec, shape, seed):
    return draw(shape, spec, seed) if isinstance(spec, str) else spec


def _unary_cases():
    for name, domain in UNARY:
        for shape in SHAPES:
            yield pytest.param(name, domain, shape, id=f"{name}-{shape}")


@pytest.mark.parametrize("name, domain, shape", list(_unary_cases()))
def test_unary(name, domain, shape):
    if not hasattr(ssp, name):
        pytest.skip(f"scipy.special.{name} is not in this SciPy")
    x = draw(shape, domain)
    check_grads(getattr(sp, name), modes=MODES, order=2)(x)


def _binary_cases():
    for name, dx, dy, argnums in BINARY:
        for shape in [(3,), None] if not isinstance(dx, onp.ndarray) else [(3,)]:
            yield pytest.param(name, dx, dy, argnums, shape, id=f"{name}-{dx}-{shape}".replace(" ", ""))


@pytest.mark.parametrize("name, dx, dy, argnums, shape", list(_binary_cases()))
def test_binary(name, dx, dy, argnums, shape):
    x, y = _arg(dx, shape, 1), _arg(dy, shape, 2)
    check_grads(getattr(sp, name), argnum=argnums, modes=MODES, order=2)(x, y)


def test_binary_broadcasting():
    a = draw((2, 1), "pos", 1)
    x = draw((3,), "pos", 2)
    for name in ("gammainc", "beta", "xlogy"):
        check_grads(getattr(sp, name), argnum=[0, 1], modes=MODES, order=2)(a, x)


@pytest.mark.parametrize("name, a, b, dx", BETAINC, ids=[r[0] for r in BETAINC])
def test_betainc_family(name, a, b, dx):
    x = draw((3,), dx, 3)
    check_grads(lambda x: getattr(sp, name)(a, b, x), modes=MODES, order=2)(x)
    check_grads(lambda x: getattr(sp, name)(onp.array([1.5, 2.0, 4.0]), b, x), modes=MODES,
                order=1)(x)


@pytest.mark.parametrize("name, argnum, what", REFUSED, ids=[f"{r[0]}-{r[1]}" for r in REFUSED])
def test_refused_derivatives(name, argnum, what):
    args = {"betainc": [2.0, 3.0, 0.4], "betaincc": [2.0, 3.0, 0.4], "zeta": [3.0, 1.5],
            "stdtr": [3.0, 0.5], "yn": [1.0, 0.7], "kn": [1.0, 0.7], "expn": [1.0, 0.7],
            "polygamma": [1.0, 0.7]}.get(name, [1.5, 0.7])
    fun = getattr(sp, name)

    def f(v):
        return fun(*args[:argnum], v, *args[argnum + 1:])

    with pytest.raises(MissingRuleError, match=f"scipy.special.{name} with respect to"):
        grad(f)(args[argnum])
    with pytest.raises(MissingRuleError, match=f"scipy.special.{name} with respect to"):
        make_jvp(f)(args[argnum])(1.0)


def test_zeta_derivative_in_x_known_values():
    # zeta'(2) and zeta'(1/2) (analytic continuation)
    onp.testing.assert_allclose(grad(sp.zeta)(2.0), -0.93754825431584375, rtol=1e-12)
    onp.testing.assert_allclose(grad(sp.zeta)(0.5), -3.9226461392091517, rtol=1e-12)
    onp.testing.assert_allclose(grad(lambda s: sp.zeta(s, 0.3))(1.5), 3.29203776173,
                                rtol=1e-9)


def test_exprel_and_boxcox_at_zero():
    onp.testing.assert_allclose(grad(sp.exprel)(0.0), 0.5)
    onp.testing.assert_allclose(grad(lambda lm: sp.boxcox(2.0, lm))(0.0), 0.5 * onp.log(2.0) ** 2)
    check_grads(lambda x: sp.exprel(x), modes=MODES, order=2)(onp.array([0.0, 1e-3, -0.5]))


def test_gammasgn_gradient_is_zero():
    x = onp.array([-2.5, -0.5, 1.5])
    assert onp.all(jacobian(sp.gammasgn)(x) == 0)


def test_gammainc_derivative_in_a_matches_differences():
    a = onp.array([0.3, 2.0, 50.0, 1000.0])
    x = onp.array([0.01, 1.5, 45.0, 1030.0])
    h = 1e-6 * a
    expected = (ssp.gammainc(a + h, x) - ssp.gammainc(a - h, x)) / (2 * h)
    got = grad(lambda a: np.sum(sp.gammainc(a, x)))(a)
    onp.testing.assert_allclose(got, expected, rtol=1e-6)


# ----------------------------------------------------------------- logsumexp and softmax

LSE_CASES = [
    dict(axis=None), dict(axis=0), dict(axis=1), dict(axis=-1, keepdims=True),
    dict(axis=(0, 1)), dict(axis=0, keepdims=True),
]


@pytest.mark.parametrize("kwargs", LSE_CASES, ids=[str(k) for k in LSE_CASES])
def test_logsumexp(kwargs):
    a = draw((2, 3), "real", 4)
    b = draw((2, 3), "pos", 5)
    onp.testing.assert_allclose(sp.logsumexp(a, **kwargs), ssp.logsumexp(a, **kwargs))
    check_grads(lambda a: sp.logsumexp(a, **kwargs), modes=MODES, order=2)(a)
    check_grads(lambda a, b: sp.logsumexp(a, b=b, **kwargs), argnum=[0, 1], modes=MODES,
                order=2)(a, b)


def test_logsumexp_broadcast_b_and_return_sign():
    a = draw((2, 3), "real", 6)
    b = onp.array([1.0, -2.0, 0.5])
    lse, sign = sp.logsumexp(a, axis=1, b=b, return_sign=True)
    lse0, sign0 = ssp.logsumexp(a, axis=1, b=b, return_sign=True)
    onp.testing.assert_allclose(lse, lse0)
    onp.testing.assert_array_equal(sign, sign0)
    check_grads(lambda a, b: sp.logsumexp(a, axis=1, b=b, return_sign=True)[0], argnum=[0, 1],
                modes=MODES, order=2)(a, b)
    check_grads(lambda a: sp.logsumexp(a, b=b, return_sign=True)[0] * 1.0, modes=MODES,
                order=2)(a[0])


def test_logsumexp_positional_and_scalar():
    check_grads(lambda a: sp.logsumexp(a, 0), modes=MODES, order=2)(draw((4,), "real"))
    assert abs(grad(sp.logsumexp)(onp.array([0.0, 0.0]))[0] - 0.5) < 1e-15


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_softmax(name, axis):
    x = draw((2, 3), "real", 7)
    onp.testing.assert_allclose(getattr(sp, name)(x, axis=axis), getattr(ssp, name)(x, axis=axis))
    check_grads(lambda x: getattr(sp, name)(x, axis=axis), modes=MODES, order=2)(x)


# ----------------------------------------------------------------- the namespace

def test_namespace_has_every_public_callable():
    for name in ssp.__all__:
        obj = getattr(ssp, name)
        if name == "test" or isinstance(obj, type(ssp)):
            continue
        assert hasattr(sp, name), name


def test_wrappers_are_keyed_by_the_raw_function():
    assert sp.gammaln.fun is ssp.gammaln
    assert sp.psi is sp.digamma
    assert sp.jn is sp.jv


@pytest.mark.parametrize("name, args", [("gammaln", (2.5,)), ("jv", (1.0, 2.0)),
                                        ("logsumexp", (onp.array([1.0, 2.0]),)),
                                        ("factorial", (4,)), ("roots_legendre", (3,))])
def test_values_equal_scipy(name, args):
    got, want = getattr(sp, name)(*args), getattr(ssp, name)(*args)
    for g, w in zip(onp.atleast_1d(got) if not isinstance(got, tuple) else got,
                    onp.atleast_1d(want) if not isinstance(want, tuple) else want):
        onp.testing.assert_allclose(g, w)


def test_constant_functions_are_constants():
    f = lambda x: x * sp.factorial(3) + sp.comb(5, 2)
    assert grad(f)(1.0) == 6.0


def test_function_without_rule_raises_naming_it():
    with pytest.raises(MissingRuleError, match="struve"):
        grad(lambda x: sp.struve(1.0, x))(1.0)


def test_plain_scipy_ufunc_on_a_box_is_traced():
    onp.testing.assert_allclose(grad(lambda x: ssp.gammaln(x))(3.0), ssp.psi(3.0))
    x = onp.array([1.0, 2.0])
    onp.testing.assert_allclose(grad(lambda x: np.sum(ssp.erf(x)))(x),
                                2 / onp.sqrt(onp.pi) * onp.exp(-x ** 2))


def test_hips_style_imports():
    from autograd.scipy.special import expit, logsumexp  # noqa: F401
    import autograd.scipy.special as s2
    assert s2 is sp


def test_every_covered_function_has_vjp_and_jvp():
    from autograd.rules import active
    grad(sp.gammaln)(2.0)    # make sure the rule set is loaded
    reg = active()
    for entry in sorted(TESTED):
        name = entry.split(".", 1)[1]
        fun = getattr(sp, name, None)
        if fun is None or name in ("sinc",):
            continue
        raw = getattr(fun, "fun", None) or fun.__wrapped__
        assert reg.vjp_rule(raw) is not None, name
        assert reg.jvp_rule(raw) is not None, name


TESTED = {f"special.{row[0]}" for row in UNARY + BINARY + BETAINC} | {
    "special.logsumexp", "special.softmax", "special.log_softmax", "special.gammasgn",
}
