"""scipy.special functions returning a value and its derivative (Mathieu, spheroidal,
parabolic cylinder, Riccati-Bessel, Legendre Q, modified Fresnel): one row each, both
modes to second order, first and second derivatives against Richardson-extrapolated
differences of SciPy's own outputs, and the refused parameters."""

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.numpy as np
import autograd.scipy.special as sp
from autograd import grad, make_jvp
from autograd.extend import MissingRuleError
from autograd.test_util import check_grads

from .differences import richardson

MODES = ["fwd", "rev"]


CV_P = ssp.pro_cv(1, 2, 1.5)
CV_O = ssp.obl_cv(1, 2, 1.5)
ANG = onp.array([-0.6, 0.4])
RAD = onp.array([1.6, 2.5])

# fmt: off
# (name, leading constant arguments, x): f(*lead, x) -> (y, y'), differentiated in x
ROWS = [
    ("mathieu_cem",     (2, 1.3),            onp.array([20.0, 37.0, 130.0])),
    ("mathieu_cem",     (0, 0.4),            15.0),
    ("mathieu_sem",     (1, 2.5),            onp.array([20.0, 37.0])),
    ("mathieu_modcem1", (2, 1.3),            onp.array([0.3, 0.7])),
    ("mathieu_modcem2", (2, 1.3),            onp.array([0.3, 0.7])),
    ("mathieu_modsem1", (1, 0.8),            onp.array([0.3, 0.7])),
    ("mathieu_modsem2", (1, 0.8),            onp.array([0.3, 0.7])),
    ("pro_ang1",        (1, 2, 1.5),         ANG),
    ("pro_rad1",        (1, 2, 1.5),         RAD),
    ("pro_rad2",        (1, 2, 1.5),         2.5),
    ("obl_ang1",        (1, 2, 1.5),         ANG),
    ("obl_rad1",        (1, 2, 1.5),         RAD),
    ("obl_rad2",        (1, 2, 1.5),         2.5),
    ("pro_ang1_cv",     (1, 2, 1.5, CV_P),   ANG),
    ("pro_rad1_cv",     (1, 2, 1.5, CV_P),   RAD),
    ("pro_rad2_cv",     (1, 2, 1.5, CV_P),   2.5),
    ("obl_ang1_cv",     (1, 2, 1.5, CV_O),   ANG),
    ("obl_rad1_cv",     (1, 2, 1.5, CV_O),   RAD),
    ("obl_rad2_cv",     (1, 2, 1.5, CV_O),   2.5),
    ("pbwa",            (0.7,),              onp.array([-0.9, 0.4, 1.8])),
    ("pbvv",            (1.3,),              onp.array([-0.9, 0.4, 1.8])),
    ("pbdv_seq",        (2.3,),              0.9),
    ("pbvv_seq",        (1.3,),              -0.7),
    ("lmbda",           (2.5,),              0.9),
    ("riccati_jn",      (3,),                0.9),
    ("riccati_yn",      (3,),                1.4),
    ("lqn",             (3,),                onp.array([-0.3, 0.5, 1.7])),
    ("lqmn",            (2, 3),              onp.array([0.3, 1.7])),
    ("modfresnelp",     (),                  onp.array([0.3, 0.8, 2.5])),
    ("modfresnelm",     (),                  onp.array([0.3, 0.8, 2.5])),
]
# fmt: on
IDS = [f"{r[0]}-{i}" for i, r in enumerate(ROWS)]
DEG = onp.pi / 180


def _real_parts(out):
    return [np.real(o) for o in out] + ([np.imag(o) for o in out]
                                        if onp.iscomplexobj(out[0]) else [])


@pytest.mark.parametrize("name, lead, x", ROWS, ids=IDS)
def test_value_and_derivative_both_modes(name, lead, x):
    fun = getattr(sp, name)
    n = len(_real_parts(getattr(ssp, name)(*lead, x)))
    for i in range(n):
        check_grads(lambda x, i=i: _real_parts(fun(*lead, x))[i], modes=MODES, order=2)(x)


@pytest.mark.parametrize("name, lead, x", ROWS, ids=IDS)
def test_against_differences_of_scipy(name, lead, x):
    """d y = SciPy's y' (in radians for the angular Mathieu functions), and the
    derivative of y' (from the differential equation) = differences of SciPy's y'."""
    raw, fun = getattr(ssp, name), getattr(sp, name)
    for x0 in onp.atleast_1d(x):
        x0 = float(x0)
        for i in range(2):
            want = richardson(lambda t, i=i: raw(*lead, t)[i], x0)
            for part in (np.real, np.imag):
                got = grad(lambda t, i=i, part=part: np.sum(part(fun(*lead, t)[i])))(x0)
                fwd = make_jvp(lambda t, i=i, part=part: np.sum(part(fun(*lead, t)[i])))(x0)(1.0)[1]
                scale = onp.sum(onp.abs(want)) + 1.0
                assert abs(got - onp.sum(part(want))) <= 1e-7 * scale, (name, x0, i, got, want)
                assert abs(fwd - got) <= 1e-12 * scale


def test_mathieu_derivative_output_is_in_radians():
    y, yp = ssp.mathieu_cem(2, 1.3, 37.0)
    assert grad(lambda x: sp.mathieu_cem(2, 1.3, x)[0])(37.0) == pytest.approx(yp * DEG, rel=1e-12)


def test_pbdn_seq_real_argument_and_complex_refused():
    # SciPy returns complex values (D_0..D_n) of a real z; at a non-real z its values
    # are not D_n(z), so that derivative is refused
    for i in range(2):
        check_grads(lambda z, i=i: np.real(sp.pbdn_seq(2, z)[i]), modes=MODES, order=2)(0.9)
        want = richardson(lambda t, i=i: ssp.pbdn_seq(2, t)[i].real, 0.9)
        got = make_jvp(lambda t, i=i: np.real(sp.pbdn_seq(2, t)[i]))(0.9)(1.0)[1]
        onp.testing.assert_allclose(got, want, rtol=1e-8)
    with pytest.raises(MissingRuleError, match="non-real z"):
        grad(lambda z: np.real(sp.pbdn_seq(2, z)[0][1]))(0.9 + 0.3j)


def test_lqn_complex_argument():
    z = onp.array([0.3 + 0.2j, 1.5 - 0.4j])
    for i in range(2):
        check_grads(lambda z, i=i: sp.lqn(2, z)[i], modes=MODES, order=2)(z)


def test_gradient_of_a_sum_of_outputs():
    check_grads(lambda x: sum(sp.mathieu_cem(2, 1.3, x)), modes=MODES, order=1)(37.0)
    check_grads(lambda x: np.sum(sp.riccati_jn(3, x)[0] * sp.riccati_jn(3, x)[1]),
                modes=MODES, order=2)(0.9)


# fmt: off
# (name, args, position refused, words in the message)
REFUSED = [
    ("mathieu_cem", (2.0, 1.3, 37.0), 1, "parameter q"),
    ("mathieu_modsem2", (1.0, 0.8, 0.5), 1, "parameter q"),
    ("pro_ang1", (1.0, 2.0, 1.5, 0.4), 2, "spheroidal parameter c"),
    ("obl_rad1_cv", (1.0, 2.0, 1.5, CV_O, 1.6), 3, "characteristic value cv"),
    ("pbwa", (0.7, 0.9), 0, "parameter a"),
    ("pbvv", (1.3, 0.9), 0, "order v"),
    ("lmbda", (2.5, 0.9), 0, "order v"),
]
# fmt: on


@pytest.mark.parametrize("name, args, pos, what", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_parameters(name, args, pos, what):
    def f(p):
        full = list(args)
        full[pos] = p
        return np.sum(getattr(sp, name)(*full)[0])

    with pytest.raises(MissingRuleError, match=f"scipy.special.{name} with respect to the {what}"):
        grad(f)(args[pos])
    with pytest.raises(MissingRuleError, match=f"scipy.special.{name} with respect to the {what}"):
        make_jvp(f)(args[pos])(1.0)


@pytest.mark.parametrize("name", ["modfresnelp", "modfresnelm"])
def test_modfresnel_negative_argument_is_refused(name):
    with pytest.raises(MissingRuleError, match="negative x"):
        grad(lambda x: np.real(getattr(sp, name)(x)[0]))(-0.5)


@pytest.mark.parametrize("name", ["pbdv_seq", "pbvv_seq"])
def test_negative_order_sequences_are_refused(name):
    with pytest.raises(MissingRuleError, match="negative order"):
        grad(lambda x: np.sum(getattr(sp, name)(-1.3, x)[0]))(0.5)
