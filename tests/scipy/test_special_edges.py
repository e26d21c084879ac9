"""Derivatives of scipy.special functions at points where the function is smooth but a
textbook formula for the derivative is 0/0, 0 * inf or needs a limit (found by probing
every rule at 0, +-1, 1/2, 2, 3): each row is checked against a Richardson-extrapolated
central difference of SciPy's own function, in both modes, and to second order with
``check_grads`` where the second derivative is smooth too."""

import warnings

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.scipy.special as sp
from autograd import grad, make_jvp
from autograd.test_util import check_grads


def _pick(value, out):
    return value if out is None else value[out]


def _central(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


def reference(name, args, argnum, out):
    """d/d args[argnum] of scipy.special.<name>(*args)[out], by Richardson extrapolation."""
    raw = getattr(ssp, name)

    def f(t):
        a = list(args)
        a[argnum] = t
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _pick(raw(*a), out)

    x, h = args[argnum], 1e-3
    d1, d2 = _central(f, x, h), _central(f, x, h / 2)
    return (4 * d2 - d1) / 3


# fmt: off
# (name, args, argnum, output index (tuple-valued functions) or None, second order smooth)
ROWS = [
    ("sici",        (0.0,),           0, 0,    True),    # Si'(0) = 1 (sin x / x)
    ("shichi",      (0.0,),           0, 0,    True),    # Shi'(0) = 1 (sinh x / x); Chi'(0) infinite
    ("sici",        (1e-3,),          0, 0,    True),
    ("shichi",      (-2e-3,),         0, 0,    True),
    ("iti0k0",      (0.0,),           0, 0,    False),   # K0(0) infinite: its output unused
    ("itj0y0",      (0.0,),           0, 0,    False),
    ("it2i0k0",     (0.0,),           0, 0,    True),    # (I0(x) - 1) / x -> 0
    ("it2j0y0",     (0.0,),           0, 0,    True),
    ("it2i0k0",     (-1.0,),          0, 0,    False),   # K0(-1) is NaN, its output unused
    ("it2struve0",  (0.0,),           0, None, False),   # -H0(x) / x -> -2/pi
    ("airye",       (1.0,),           0, 0,    True),    # a Python float: the mask was a bool
    ("airye",       (0.5,),           0, 1,    True),
    ("airye",       (2.0,),           0, 2,    True),
    ("airye",       (3.0,),           0, 3,    True),
    ("berp",        (0.0,),           0, None, False),   # ber'(x) / x -> 0
    ("beip",        (0.0,),           0, None, False),   # bei'(x) / x -> 1/2
    ("spence",      (1.0,),           0, None, True),    # log(x) / (1 - x) -> -1
    ("spence",      (1.00001,),       0, None, True),
    ("rgamma",      (0.0,),           0, None, True),    # poles of Gamma: 1/Gamma is smooth
    ("rgamma",      (-1.0,),          0, None, False),   # (second order: test below; differences
                                                         # of psi * 1/Gamma near a pole lose digits)
    ("rgamma",      (-3.0,),          0, None, False),
    ("poch",        (0.0, 1.0),       0, None, False),   # Gamma(z + m) / Gamma(z) at z = 0
    ("poch",        (-1.0, 0.5),      0, None, False),
    ("binom",       (0.0, 1.0),       0, None, False),   # 1/Gamma(x - y + 1) at a pole
    ("binom",       (0.0, 2.0),       1, None, False),
    ("binom",       (0.5, -1.0),      1, None, False),   # 1/Gamma(y + 1) at a pole
    ("powm1",       (0.0, 2.0),       1, None, False),   # (x^y) log x -> 0
    ("boxcox",      (0.0, 0.5),       1, None, False),   # x^l log x -> 0
    ("boxcox1p",    (-1.0, 2.0),      1, None, False),
    ("kn",          (1.5, 1.0),       1, None, True),    # SciPy truncates the order
    ("yn",          (2.5, 2.0),       1, None, True),
    ("pdtr",        (0.5, 2.0),       1, None, True),    # SciPy floors the count
    ("pdtrc",       (1.5, 3.0),       1, None, True),
    ("bdtr",        (1, 3, 0.5),      2, None, True),
    ("gdtr",        (1.0, 0.5, 0.0),  0, None, False),   # x f(a x) -> 0 at x = 0
    ("gdtr",        (0.0, 0.5, 1.0),  2, None, False),   # a f(a x) -> 0 at a = 0
    ("gdtrc",       (2.0, 0.5, 0.0),  0, None, False),
    ("gammaincinv", (2.0, 0.0),       0, None, False),   # the inverse at y = 0 is 0 for every a
    ("gammainccinv", (3.0, 1.0),      0, None, False),
    ("betaincinv",  (2.0, 3.0, 0.0),  0, None, False),
    ("betaincinv",  (2.0, 3.0, 1.0),  1, None, False),
    ("betainccinv", (2.0, 3.0, 1.0),  0, None, False),
    ("chdtri",      (3.0, 1.0),       0, None, False),
    ("fdtr",        (1.0, 2.0, 0.0),  0, None, False),
    ("fdtri",       (3.0, 2.0, 0.0),  1, None, False),
    ("ellipkinc",   (2.0, 0.0),       1, None, True),    # dF/dm at m = 0: a series
    ("ellipeinc",   (-1.0, 0.0),      1, None, True),
    ("ellipkinc",   (0.7, 1e-9),      1, None, True),
    ("agm",         (0.0, 1.0),       1, None, False),   # agm(0, b) = 0 for every b
    ("agm",         (2.0, 0.0),       0, None, False),
    ("elliprc",     (1.0, -1.0),      0, None, True),    # the Cauchy principal value (y < 0)
    ("elliprc",     (2.0, -0.5),      1, None, True),
    ("elliprd",     (0.0, 1.0, 1.0),  1, None, False),   # an argument 0 times an infinite partial
    ("elliprd",     (0.0, 2.0, 3.0),  2, None, False),
    ("elliprg",     (0.0, 0.0, 2.0),  2, None, False),   # R_G(0, 0, z) = sqrt(z) / 2
    ("eval_legendre", (0, -1.0),      1, None, False),   # P_0 = 1 (the 2F1 factor is infinite)
    ("eval_chebyu", (-1, 0.3),        1, None, True),    # U_-1 = 0
    ("eval_chebyu", (-3, 0.3),        1, None, True),    # U_-3 = -U_1
    ("eval_chebys", (-1, 2.0),        1, None, True),
    ("eval_gegenbauer", (-1, 1.0, 0.5), 2, None, True),  # SciPy's C_n is 0 for n < 0
    ("eval_chebyu", (0.5, 0.5),       1, None, True),    # a real degree still works
]
# fmt: on


def _fun(name, args, argnum, out):
    f = getattr(sp, name)

    def fun(t):
        a = list(args)
        a[argnum] = t
        return _pick(f(*a), out)
    return fun


@pytest.mark.parametrize("name, args, argnum, out, second", ROWS,
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ROWS])
def test_derivative_where_the_formula_needs_a_limit(name, args, argnum, out, second):
    fun = _fun(name, args, argnum, out)
    x = args[argnum]
    want = reference(name, args, argnum, out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        rev = grad(fun)(x)
        fwd = make_jvp(fun)(x)(1.0)[1]
    assert onp.isfinite(rev) and onp.isfinite(fwd)
    onp.testing.assert_allclose(rev, want, rtol=1e-6, atol=1e-7)
    onp.testing.assert_allclose(fwd, want, rtol=1e-6, atol=1e-7)
    if second:
        check_grads(fun, modes=["fwd", "rev"], order=2)(x)


def test_rgamma_second_derivative_at_poles():
    # 1/Gamma(-n + e) = (-1)^n n! e (1 - psi(n + 1) e + ...): f''(-n) = -2 (-1)^n n! psi(n + 1)
    for n in range(4):
        want = -2 * (-1) ** n * ssp.gamma(n + 1) * ssp.psi(n + 1)
        onp.testing.assert_allclose(grad(grad(sp.rgamma))(float(-n)), want, rtol=1e-10)


@pytest.mark.parametrize("name", ["sici", "shichi"])
def test_unused_output_with_infinite_derivative_gives_no_nan(name):
    # Ci'(0) and Chi'(0) are infinite; when only Si / Shi are used that must not matter
    f = getattr(sp, name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert grad(lambda x: f(x)[0])(0.0) == pytest.approx(1.0)
