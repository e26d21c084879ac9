"""Characteristic values of the Mathieu and spheroidal equations (first derivatives in
q and c against Richardson-extrapolated differences of SciPy's functions, both modes;
the second derivative refused), and the functions whose derivatives are refused by name."""

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.scipy.special as sp
from autograd import grad, make_jvp
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

from .differences import richardson

MODES = ["fwd", "rev"]


# fmt: off
# (name, leading integer arguments, the parameter differentiated)
ROWS = [
    ("mathieu_a", (0,), 0.5), ("mathieu_a", (1,), 1.3), ("mathieu_a", (5,), 20.0),
    ("mathieu_a", (10,), 100.0), ("mathieu_a", (1,), -2.0), ("mathieu_a", (3,), 0.0),
    ("mathieu_b", (1,), 1.3), ("mathieu_b", (2,), 5.0), ("mathieu_b", (10,), 100.0),
    ("pro_cv", (0, 0), 0.5), ("pro_cv", (1, 2), 1.5), ("pro_cv", (2, 3), 4.0), ("pro_cv", (0, 5), 8.0),
    ("obl_cv", (0, 0), 0.5), ("obl_cv", (1, 2), 1.5), ("obl_cv", (2, 3), 4.0), ("obl_cv", (0, 5), 8.0),
]
# fmt: on


@pytest.mark.parametrize("name, lead, p", ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_parameter_derivative(name, lead, p):
    raw, fun = getattr(ssp, name), getattr(sp, name)
    want = richardson(lambda t: raw(*lead, t), p)
    rev = grad(lambda t: fun(*lead, t))(p)
    fwd = make_jvp(lambda t: fun(*lead, t))(p)(1.0)[1]
    assert abs(rev - want) <= 1e-9 * (1 + abs(want)), (name, lead, p, rev, want)
    assert fwd == pytest.approx(rev, rel=1e-14, abs=1e-15)


def test_arrays_both_modes():
    check_grads(lambda q: sp.mathieu_a(onp.array([0, 1, 4]), q), modes=MODES, order=1)(
        onp.array([0.3, 2.0, 7.5]))
    check_grads(lambda c: sp.pro_cv(1, onp.array([1, 2]), c), modes=MODES, order=1)(onp.array([0.7, 2.2]))


@pytest.mark.parametrize("name, args", [("mathieu_b", (1.0, 1.3)), ("obl_cv", (1.0, 2.0, 1.5))])
def test_second_derivative_refused(name, args):
    fun = getattr(sp, name)

    def f(p):
        return fun(*args[:-1], p)

    with pytest.raises(MissingRuleError, match="second derivative"):
        grad(grad(f))(args[-1])
    with pytest.raises(MissingRuleError, match="second derivative"):
        make_jvp(grad(f))(args[-1])(1.0)


# (name, args, position, what): every derivative refused by name
REFUSED = [
    ("mathieu_a", (1.0, 1.3), 0, "the order m"),
    ("pro_cv", (1.0, 2.0, 1.5), 1, "the degree n"),
    ("mathieu_even_coef", (2.0, 1.3), 1, "the parameter q"),
    ("mathieu_odd_coef", (1.0, 1.3), 1, "the parameter q"),
    ("ellip_harm", (5.0, 8.0, 1, 1, 2.5), 4, "the coordinate s"),
    ("ellip_harm", (5.0, 8.0, 1, 1, 2.5), 0, "the parameter h2"),
    ("ellip_harm_2", (5.0, 8.0, 1, 1, 3.5), 4, "the coordinate s"),
    ("ellip_normal", (5.0, 8.0, 1, 1), 1, "the parameter k2"),
]


@pytest.mark.filterwarnings("ignore:The occurrence of roundoff")     # ellip_harm_2's own quadrature
@pytest.mark.parametrize("name, args, pos, what", REFUSED, ids=[f"{r[0]}-{r[2]}" for r in REFUSED])
def test_refused(name, args, pos, what):
    import autograd.numpy as np
    fun = getattr(sp, name)

    def f(v):
        return np.sum(fun(*args[:pos], v, *args[pos + 1:]))

    for run in (lambda: grad(f)(args[pos]), lambda: make_jvp(f)(args[pos])(1.0)):
        with pytest.raises(MissingRuleError, match=f"scipy.special.{name} with respect to {what}"):
            run()
