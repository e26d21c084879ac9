"""nctdtr, ncfdtr, smirnov and their inverses: rows in both modes to second order,
derivatives against Richardson-extrapolated differences of SciPy's own functions
(and SciPy's private smirnov derivative), refusals by name."""

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
# (name, args, argnums differentiated, relative tolerance against differences)
ROWS = [
    ("nctdtr",     (3.0, 1.2, 0.8),              [1, 2],       1e-9),
    ("nctdtr",     (5.5, -0.7, 1.5),             [1, 2],       1e-9),
    ("nctdtr",     (2.5, 2.0, -1.0),             [1, 2],       1e-9),
    ("nctdtr",     (10.0, 0.0, 0.3),             [1, 2],       1e-9),
    ("nctdtr",     (4.0, 1.0, 0.0),              [1, 2],       1e-9),
    ("nctdtr",     (4.0, 3.0, -2.0),             [1, 2],       1e-7),
    ("ncfdtr",     (3.0, 7.0, 2.0, 1.2),         [0, 1, 2, 3], 1e-9),
    ("ncfdtr",     (2.5, 12.0, 20.0, 3.0),       [0, 1, 2, 3], 1e-9),
    ("ncfdtr",     (5.5, 4.0, 0.0, 0.8),         [0, 1, 3],    1e-9),
    ("smirnov",    (5, 0.3),                     [1],          1e-9),
    ("smirnov",    (20, 0.1234),                 [1],          1e-9),
    ("nctdtrit",   (3.0, 1.2, 0.4),              [1, 2],       1e-8),
    ("nctdtrinc",  (3.0, 0.4, 0.8),              [1, 2],       1e-7),
    ("ncfdtri",    (3.0, 7.0, 2.0, 0.4),         [0, 1, 2, 3], 1e-8),
    ("smirnovi",   (5, 0.4),                     [1],          1e-8),
]
# fmt: on
IDS = [f"{r[0]}-{i}" for i, r in enumerate(ROWS)]

# SciPy solves these three with CDFLIB's own noncentral F, which differs from its
# ncfdtr (Boost) by about 1e-6: differences of the inverse itself are that noisy.
# The rules differentiate the exact inverse of ncfdtr; they are checked against
# differences of that inverse, solved to full precision here.
# (name, args, position of the argument solved for in ncfdtr, role of each argument)
LOOSE = [
    ("ncfdtridfd", (3.0, 0.4, 2.0, 1.2), 1),
    ("ncfdtridfn", (0.4, 7.0, 2.0, 1.2), 0),
    ("ncfdtrinc",  (3.0, 7.0, 0.4, 1.2), 2),
]


@pytest.mark.parametrize("name, args, argnums, rtol", ROWS, ids=IDS)
def test_against_differences_of_scipy(name, args, argnums, rtol):
    raw, fun = getattr(ssp, name), getattr(sp, name)
    for i in argnums:
        h = 1e-3 * max(1.0, abs(args[i]))
        want = richardson(lambda v, i=i: raw(*args[:i], v, *args[i + 1:]), args[i], h)
        rev = grad(fun, i)(*args)
        fwd = make_jvp(lambda v, i=i: fun(*args[:i], v, *args[i + 1:]))(args[i])(1.0)[1]
        assert abs(rev - want) <= rtol * (abs(want) + 1e-12), (name, i, rev, want)
        assert abs(fwd - rev) <= 1e-12 * (abs(rev) + 1e-12)


@pytest.mark.parametrize("name, args, argnums, rtol", ROWS, ids=IDS)
def test_both_modes_second_order(name, args, argnums, rtol):
    check_grads(getattr(sp, name), argnum=argnums, modes=MODES, order=2)(*args)


def _exact_inverse(args, solved):
    """The inverse of SciPy's ncfdtr to full precision (brentq around SciPy's answer)."""
    from scipy.optimize import brentq
    p = args[solved]
    rest = [a for k, a in enumerate(args) if k != solved]

    def forward(v):
        full = list(rest)
        full.insert(solved, v)
        return ssp.ncfdtr(*full) - p
    guess = getattr(ssp, {0: "ncfdtridfn", 1: "ncfdtridfd", 2: "ncfdtrinc"}[solved])(*args)
    return brentq(forward, guess * 0.8, guess * 1.25, xtol=1e-15, rtol=1e-15)


@pytest.mark.parametrize("name, args, solved", LOOSE, ids=[r[0] for r in LOOSE])
def test_ncf_parameter_inverses(name, args, solved):
    fun = getattr(sp, name)
    for i in range(4):
        h = 1e-3 * max(1.0, abs(args[i]))
        want = richardson(lambda v, i=i: _exact_inverse(args[:i] + (v,) + args[i + 1:], solved),
                          args[i], h)
        rev = grad(fun, i)(*args)
        fwd = make_jvp(lambda v, i=i: fun(*args[:i], v, *args[i + 1:]))(args[i])(1.0)[1]
        assert abs(rev - want) <= 1e-4 * abs(want), (name, i, rev, want)    # at SciPy's answer, 1e-6 off
        assert abs(fwd - rev) <= 1e-12 * abs(rev)
        # second order: forward over reverse equals reverse over reverse
        rr = grad(grad(fun, i), i)(*args)
        fr = make_jvp(lambda v, i=i: grad(fun, i)(*args[:i], v, *args[i + 1:]))(args[i])(1.0)[1]
        assert abs(rr - fr) <= 1e-9 * abs(rr)


def test_arrays_broadcast():
    t = onp.array([-1.0, 0.2, 1.5])
    check_grads(sp.nctdtr, argnum=[1, 2], modes=MODES, order=1)(4.0, onp.array([0.5, 1.0, 0.0]), t)
    check_grads(sp.ncfdtr, argnum=[2, 3], modes=MODES, order=1)(3.0, 7.0, onp.array([0.5, 1.0, 5.0]), t + 2)


def test_ncfdtr_at_zero_noncentrality():
    # the product form of the Poisson weights (nc = 0) joins the logarithmic one
    for i in range(4):
        at0 = grad(sp.ncfdtr, i)(3.0, 7.0, 0.0, 1.2)
        near = grad(sp.ncfdtr, i)(3.0, 7.0, 1e-9, 1.2)
        assert at0 == pytest.approx(near, rel=1e-7, abs=1e-12)
    check_grads(sp.smirnov, argnum=1, modes=MODES, order=2)(onp.array([3, 10, 40]), onp.array([0.2, 0.3, 0.0537]))


def test_smirnov_derivative_matches_scipys():
    from scipy.special import _ufuncs
    for n, d in [(20, 0.1), (7, 0.5), (1000, 0.01), (3, 0.9)]:
        assert grad(sp.smirnov, 1)(n, d) == pytest.approx(_ufuncs._smirnovp(n, d), rel=1e-10)


@pytest.mark.parametrize("name, args, argnum, what", [
    ("nctdtr", (3.0, 1.2, 0.8), 0, "degrees of freedom df"),
    ("smirnov", (5.0, 0.3), 0, "number of samples n"),
    ("nctdtridf", (0.4, 1.2, 0.8), 1, "nctdtridf"),
    ("nctdtrit", (3.0, 1.2, 0.4), 0, "degrees of freedom df"),
])
def test_refused(name, args, argnum, what):
    fun = getattr(sp, name)
    with pytest.raises(MissingRuleError, match=what):
        grad(fun, argnum)(*args)
    with pytest.raises(MissingRuleError, match=what):
        make_jvp(lambda v: fun(*args[:argnum], v, *args[argnum + 1:]))(args[argnum])(1.0)
