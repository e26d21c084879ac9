"""SciPy's Legendre functions with ``diff_n`` (legendre_p, assoc_legendre_p,
sph_legendre_p, sph_harm_y and the *_all forms): every diff_n SciPy allows, both
modes to second order, against Richardson-extrapolated differences of SciPy's own
function; the degree and order refused by name."""

import numpy as onp
import pytest
import scipy.special as ssp

import autograd.numpy as np
import autograd.scipy.special as sp
from autograd import grad, make_jvp
from autograd.test_util import check_grads

from .differences import richardson

MODES = ["fwd", "rev"]


Z = onp.array([0.3, -0.5])
THETA = onp.array([0.7, 2.0])
PHI = onp.array([0.4, -1.1])

# fmt: off
# (name, leading integer arguments, keywords, x): differentiated in x (z or theta)
STACKED = [
    ("legendre_p",           (3,),   {},                  Z),
    ("legendre_p",           (4,),   {},                  onp.array([1.5, -2.2])),
    ("legendre_p_all",       (3,),   {},                  Z),
    ("assoc_legendre_p",     (3, 1), {},                  Z),
    ("assoc_legendre_p",     (3, 2), {"branch_cut": 3},   onp.array([1.5, 2.0])),
    ("assoc_legendre_p",     (3, -1), {"norm": True},     Z),
    ("assoc_legendre_p_all", (3, 2), {},                  Z),
    ("sph_legendre_p",       (3, 2), {},                  THETA),
    ("sph_legendre_p_all",   (3, 2), {},                  THETA),
]
HARM = [("sph_harm_y", (3, 2)), ("sph_harm_y", (3, -1)), ("sph_harm_y_all", (3, 2))]
# fmt: on


def _close(got, want, name):
    err = onp.max(onp.abs(got - want)) / (1 + onp.max(onp.abs(want)))
    assert err < 1e-8, (name, err)


@pytest.mark.parametrize("diff_n", [0, 1, 2])
@pytest.mark.parametrize("name, lead, kw, x", STACKED, ids=[f"{r[0]}-{i}" for i, r in enumerate(STACKED)])
def test_stacked_derivatives(name, lead, kw, x, diff_n):
    kw = {**kw, "diff_n": diff_n}

    def f(x):
        return getattr(sp, name)(*lead, x, **kw)

    check_grads(f, modes=MODES, order=2)(x)
    for x0 in x:
        want = richardson(lambda t: getattr(ssp, name)(*lead, t, **kw), x0)
        _close(make_jvp(f)(x0)(1.0)[1], want, name)
        _close(grad(lambda t: np.sum(f(t)))(x0), onp.sum(want), name)


def _pick(out, i, diff_n):
    return out if diff_n == 0 else out[i]


def _compare(g, r, t0, p0, name):
    """``g``'s derivatives in theta and phi at one point against differences of ``r``."""
    _close(make_jvp(lambda t: g(t, p0))(t0)(1.0)[1], richardson(lambda t: r(t, p0), t0), name)
    _close(make_jvp(lambda p: g(t0, p))(p0)(1.0)[1], richardson(lambda p: r(t0, p), p0), name)
    _close(grad(lambda p: np.sum(g(t0, p)))(p0), onp.sum(richardson(lambda p: r(t0, p), p0)), name)


@pytest.mark.parametrize("diff_n", [0, 1, 2])
@pytest.mark.parametrize("name, lead", HARM, ids=[f"{r[0]}-{r[1][1]}" for r in HARM])
def test_sph_harm_y_in_theta_and_phi(name, lead, diff_n):
    raw, fun = getattr(ssp, name), getattr(sp, name)
    for i in range(diff_n + 1):
        for part in (np.real, np.imag):
            def g(t, p, i=i, part=part):
                return part(_pick(fun(*lead, t, p, diff_n=diff_n), i, diff_n))

            check_grads(g, argnum=[0, 1], modes=MODES, order=2)(THETA, PHI)
            for t0, p0 in zip(THETA, PHI):
                _compare(g, lambda t, p, i=i, part=part: part(
                    _pick(raw(*lead, t, p, diff_n=diff_n), i, diff_n)), t0, p0, name)


def test_sum_of_sph_harm_outputs_reverse():
    def f(t):
        y, jac, hess = sp.sph_harm_y(3, 1, t, 0.3, diff_n=2)
        return np.real(np.sum(y) + np.sum(jac) + np.sum(hess))
    check_grads(f, modes=MODES, order=2)(THETA)


def test_degree_and_order_are_integers():
    """SciPy takes integer degrees and orders only (a float one is a TypeError there),
    so they can never carry a derivative; the rules refuse them by name all the same."""
    from autograd.rules import active
    grad(sp.gammaln)(2.0)
    rule = active().vjp_rule(sp.legendre_p.fun)
    assert rule is not None
    with pytest.raises(TypeError):
        ssp.legendre_p(3.0, 0.3)
