"""The less common NumPy functions (rules/extra.py): one row per function and variant,
both modes, order 2.

Each row differentiates with respect to every argument its function takes;
constant arguments (knots, shapes, modes) are closed over in the lambda.
"""

import warnings

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]

F = ("float64", "float32")
C = ("float64", "float32", "complex128")
D = ("float64",)
KNOTS = onp.array([-1.0, -0.2, 0.5, 1.5, 2.0])
X5 = onp.array([-1.0, -0.3, 0.4, 1.1, 2.0])
PKNOTS = onp.array([2.4, 0.1, 1.6, 0.9])
I1 = "autograd_numpy.rules.elementwise:bessel_i1"


def _bessel_i1(x):
    from autograd_numpy.rules.elementwise import bessel_i1
    return bessel_i1(x)


def _cross_2d(a, b):
    """``cross`` of 2-vectors (deprecated in NumPy 2, still supported)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return np.cross(a, b)


def _sum_pieces(pieces):
    return sum(np.sum(p * (i + 1.0)) for i, p in enumerate(pieces))


# fmt: off
# (id: the function's name in autograd.numpy, then a variant; function; shapes of its
#  differentiated arguments (None: a Python scalar); input domain; dtypes)
ROWS = [
    ("i0",               np.i0,                                          [None], "real", F),
    ("i0-vector",        np.i0,                                          [(3,)], "real", F),
    ("i0-matrix",        np.i0,                                          [(2, 3)], "real", D),
    ("i0-large",         lambda x: np.i0(x + 27.0) * 1e-11,              [(3,)], "real", D),
    (I1,                 _bessel_i1,                                     [(2, 3)], "real", D),
    ("nextafter",        lambda x: np.nextafter(x, 10.0),                [(3,)], "real", F),
    ("vecdot",           np.vecdot,                                      [(3,), (3,)], "real", C),
    ("vecdot-broadcast", np.vecdot,                                      [(2, 3), (4, 1, 3)], "real", C),
    ("vecdot-axis",      lambda a, b: np.vecdot(a, b, axis=0),           [(3, 2), (3, 2)], "real", D),
    ("matvec",           np.matvec,                                      [(2, 3), (3,)], "real", C),
    ("matvec-batch",     np.matvec,                                      [(4, 2, 3), (4, 3)], "real", D),
    ("vecmat",           np.vecmat,                                      [(2,), (2, 3)], "real", C),
    ("vecmat-batch",     np.vecmat,                                      [(4, 2), (2, 3)], "real", D),
    ("cross",            np.cross,                                       [(3,), (3,)], "real", C),
    ("cross-broadcast",  np.cross,                                       [(2, 3), (3,)], "real", D),
    ("cross-2d",         _cross_2d,                                      [(4, 2), (2,)], "real", D),
    ("cross-2d-3d",      _cross_2d,                                      [(2,), (2, 3)], "real", D),
    ("cross-axis",       lambda a, b: np.cross(a, b, axis=0),            [(3, 2), (3, 2)], "real", D),
    ("cross-axisc",      lambda a, b: np.cross(a, b, axisa=0, axisc=0),  [(3, 2), (2, 3)], "real", D),
    # joining and splitting
    ("block",            lambda a, b: np.block([[a, b], [b, a]]),        [(2, 2), (2, 2)], "real", C),
    ("block-1d",         lambda a, b: np.block([a, 1.0, b]),             [(3,), None], "real", F),
    ("block-mixed",      lambda a: np.block([[a, onp.ones((2, 1))], [onp.zeros((1, 2)), 2]]),
                                                                         [(2, 2)], "real", D),
    ("block-3d",         lambda a: np.block([[[a], [a]]]),                [(2, 3)], "real", D),
    ("unstack",          lambda a: _sum_pieces(np.unstack(a)),           [(2, 3)], "real", C),
    ("unstack-axis",     lambda a: np.unstack(a, axis=-1)[1] ** 2,       [(2, 3)], "real", D),
    ("split",            lambda a: _sum_pieces(np.split(a, 3)),          [(6,)], "real", C),
    ("split-indices",    lambda a: np.split(a, [1, 2], axis=1)[1] ** 2,  [(2, 4)], "real", D),
    ("array_split",      lambda a: _sum_pieces(np.array_split(a, 3)),    [(5,)], "real", F),
    ("hsplit",           lambda a: _sum_pieces(np.hsplit(a, 2)),         [(2, 4)], "real", D),
    ("vsplit",           lambda a: _sum_pieces(np.vsplit(a, [1])),       [(3, 2)], "real", D),
    ("dsplit",           lambda a: _sum_pieces(np.dsplit(a, 2)),         [(1, 2, 4)], "real", D),
    ("meshgrid",         lambda a, b: _sum_pieces(np.meshgrid(a, b)),    [(3,), (2,)], "real", C),
    ("meshgrid-ij",      lambda a, b, c: _sum_pieces(np.meshgrid(a, b, c, indexing="ij")),
                                                                         [(3,), (2,), (2,)], "real", D),
    ("meshgrid-sparse",  lambda a, b: np.meshgrid(a, b, sparse=True)[0] * np.meshgrid(a, b)[1],
                                                                         [(3,), (2,)], "real", D),
    ("broadcast_arrays", lambda a, b: _sum_pieces(np.broadcast_arrays(a, b)),
                                                                         [(2, 1), (3,)], "real", C),
    ("rollaxis",         lambda a: np.rollaxis(a, 2),                    [(2, 3, 4)], "real", D),
    ("rollaxis-start",   lambda a: np.rollaxis(a, 0, 3),                 [(2, 3, 4)], "real", D),
    ("trim_zeros",       lambda a: np.trim_zeros(a * onp.array([0, 1, 1, 0.0])),
                                                                         [(4,)], "nonzero", F),
    ("copy",             np.copy,                                        [(2, 3)], "real", C),
    ("asfortranarray",   np.asfortranarray,                              [(2, 3)], "real", D),
    ("asarray_chkfinite", np.asarray_chkfinite,                          [(2, 3)], "real", D),
    ("require",          lambda a: np.require(a, requirements="F"),      [(2, 3)], "real", D),
    # signals and statistics
    ("convolve",         np.convolve,                                    [(5,), (3,)], "real", C),
    ("convolve-short",   np.convolve,                                    [(2,), (4,)], "real", D),
    ("convolve-same",    lambda a, v: np.convolve(a, v, "same"),         [(5,), (2,)], "real", C),
    ("convolve-same-short", lambda a, v: np.convolve(a, v, mode="same"), [(2,), (5,)], "real", D),
    ("convolve-valid",   lambda a, v: np.convolve(a, v, "valid"),        [(3,), (5,)], "real", D),
    ("correlate",        np.correlate,                                   [(5,), (3,)], "real", C),
    ("correlate-full",   lambda a, v: np.correlate(a, v, "full"),        [(3,), (4,)], "real", C),
    ("correlate-same",   lambda a, v: np.correlate(a, v, "same"),        [(2,), (5,)], "real", C),
    ("correlate-same-long", lambda a, v: np.correlate(a, v, "same"),     [(6,), (3,)], "real", D),
    ("cov",              np.cov,                                         [(2, 4)], "real", C),
    ("cov-1d",           np.cov,                                         [(4,)], "real", F),
    ("cov-y",            lambda a, b: np.cov(a, b, rowvar=False),        [(4, 2), (4,)], "real", D),
    ("cov-bias",         lambda a: np.cov(a, bias=True),                 [(2, 4)], "real", D),
    ("cov-ddof",         lambda a: np.cov(a, ddof=2),                    [(3, 5)], "real", D),
    ("cov-fweights",     lambda a: np.cov(a, fweights=onp.array([1, 2, 1, 3])), [(2, 4)], "real", D),
    ("cov-aweights",     lambda a, w: np.cov(a, aweights=w),             [(2, 4), (4,)], "pos", D),
    ("cov-both-weights", lambda a, w: np.cov(a, fweights=onp.array([1, 2, 1, 3]), aweights=w),
                                                                         [(2, 4), (4,)], "pos", D),
    ("corrcoef",         np.corrcoef,                                    [(3, 4)], "real", C),
    ("corrcoef-y",       lambda a, b: np.corrcoef(a, b),                 [(4,), (4,)], "real", D),
    ("corrcoef-rowvar",  lambda a: np.corrcoef(a, rowvar=False),         [(5, 2)], "real", F),
    ("trapezoid",        np.trapezoid,                                   [(5,)], "real", C),
    ("trapezoid-dx",     lambda y, dx: np.trapezoid(y, dx=dx),           [(2, 3), None], "real", D),
    ("trapezoid-x",      lambda y, x: np.trapezoid(y, x),                [(2, 4), (4,)], "real", D),
    ("trapezoid-xnd",    lambda y, x: np.trapezoid(y, x, axis=0),        [(3, 2), (3, 2)], "real", D),
    ("interp",           lambda x, fp: np.interp(x, KNOTS, fp),          [(4,), (5,)], "small", D),
    ("interp-outside",   lambda fp: np.interp(onp.array([-3.0, 0.1, 5.0]), KNOTS, fp),
                                                                         [(5,)], "real", F),
    ("interp-left-right", lambda x, lo, hi: np.interp(x * 4, KNOTS, X5, left=lo, right=hi),
                                                                         [(4,), None, None], "real", D),
    ("interp-xp",        lambda xp: np.interp(onp.array([-0.5, 0.7, 1.9]), KNOTS + 0.01 * xp, X5),
                                                                         [(5,)], "small", D),
    ("interp-scalar",    lambda x: np.interp(x, KNOTS, X5),              [None], "small", D),
    ("interp-complex",   lambda fp: np.interp(onp.array([0.1, 1.7]), KNOTS, fp),
                                                                         [(5,)], "real", ("complex128",)),
    ("interp-period",    lambda x, fp: np.interp(x, PKNOTS, fp, period=3.0), [(4,), (4,)], "real", D),
    ("gradient",         np.gradient,                                    [(5,)], "real", C),
    ("gradient-2d",      lambda f: _sum_pieces(np.gradient(f)),          [(3, 4)], "real", D),
    ("gradient-spacing", lambda f, h: np.gradient(f, h, axis=1),         [(3, 4), None], "pos", D),
    ("gradient-edge2",   lambda f: _sum_pieces(np.gradient(f, 0.5, 2.0, edge_order=2)),
                                                                         [(3, 4)], "real", D),
    # polynomials
    ("polyval",          np.polyval,                                     [(3,), (4,)], "real", C),
    ("polyval-scalar",   np.polyval,                                     [(4,), None], "real", D),
    ("polyfit",          lambda y: np.polyfit(X5, y, 2),                 [(5,)], "real", F),
    ("polyfit-2d",       lambda y: np.polyfit(X5, y, 1),                 [(5, 2)], "real", D),
    ("polyfit-weights",  lambda y: np.polyfit(X5, y, 2, w=onp.arange(1.0, 6.0)), [(5,)], "real", D),
    ("polyadd",          np.polyadd,                                     [(3,), (5,)], "real", C),
    ("polysub",          np.polysub,                                     [(4,), (2,)], "real", D),
    ("polymul",          np.polymul,                                     [(3,), (2,)], "real", C),
    ("polyder",          np.polyder,                                     [(4,)], "real", D),
    ("polyder-m",        lambda p: np.polyder(p, 2),                     [(5,)], "real", D),
    ("polyint",          np.polyint,                                     [(3,)], "real", D),
    ("polyint-k",        lambda p, k: np.polyint(p, 2, k),               [(3,), (2,)], "real", D),
    ("polydiv",          lambda u, v: _sum_pieces(np.polydiv(u, v)),    [(5,), (3,)], "nonzero", D),
    ("poly",             np.poly,                                        [(3,)], "real", C),
    ("vander",           np.vander,                                      [(3,)], "real", C),
    ("vander-N",         lambda x: np.vander(x, 4, increasing=True),     [(3,)], "real", D),
    # cumulative
    ("cumulative_sum",   np.cumulative_sum,                              [(4,)], "real", C),
    ("cumulative_sum-axis", lambda x: np.cumulative_sum(x, axis=1, include_initial=True),
                                                                         [(2, 3)], "real", D),
    ("cumulative_prod",  np.cumulative_prod,                             [(4,)], "real", C),
    ("cumulative_prod-axis", lambda x: np.cumulative_prod(x, axis=0, include_initial=True),
                                                                         [(2, 3)], "real", D),
    # ranges and filled arrays
    ("linspace",         lambda a, b: np.linspace(a, b, 5),              [None, None], "real", D),
    ("linspace-arrays",  lambda a, b: np.linspace(a, b, 4, axis=1),      [(2,), (3, 1)], "real", C),
    ("linspace-open",    lambda a, b: np.linspace(a, b, 4, endpoint=False), [(3,), (3,)], "real", D),
    ("linspace-retstep", lambda a, b: _sum_pieces(np.linspace(a, b, 3, retstep=True)),
                                                                         [None, (2,)], "real", D),
    ("logspace",         lambda a, b: np.logspace(a, b, 4),              [None, None], "small", D),
    ("logspace-base",    lambda a, b, base: np.logspace(a, b, 3, base=base),
                                                                         [(2,), (2,), (2,)], "pos", D),
    ("geomspace",        lambda a, b: np.geomspace(a, b, 4),             [(2,), (2,)], "pos", D),
    ("geomspace-negative", lambda a, b: np.geomspace(-a, -b, 3, axis=-1), [(2,), (2,)], "pos", D),
    ("geomspace-complex", lambda a, b: np.geomspace(a, b, 3),            [None, None], "pos",
                                                                         ("complex128",)),
    ("arange",           lambda a, b: np.arange(a, 3.0, b),              [None, None], "pos", D),
    ("arange-stop",      lambda a: np.arange(a) * a,                     [None], "gt1", D),
    ("kaiser",           lambda beta: np.kaiser(6, beta),                [None], "pos", D),
    ("kaiser-odd",       lambda beta: np.kaiser(5, beta),                [None], "gt1", D),
    ("full",             lambda v: np.full((2, 3), v),                   [None], "real", C),
    ("full-broadcast",   lambda v: np.full((2, 3), v),                   [(3,)], "real", D),
    ("full_like",        lambda a, v: np.full_like(a, v),                [(2, 3), (3,)], "real", F),
    ("full_like-scalar", lambda a, v: np.full_like(a, v) * a,            [(2, 3), None], "real", D),
]
# fmt: on

# NumPy 1.x only: deprecated spellings of functions above
if hasattr(onp, "trapz"):
    ROWS.append(("trapz", np.trapz, [(5,)], "real", D))


def _deprecated(name):
    def f(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return getattr(np, name)(*args, **kwargs)
    return f


if hasattr(onp, "product"):
    ROWS.append(("product", lambda x: _deprecated("product")(x, axis=0), [(2, 3)], "real", D))
if hasattr(onp, "cumproduct"):
    ROWS.append(("cumproduct", _deprecated("cumproduct"), [(4,)], "real", D))

TESTED = {row[0].split("-")[0] for row in ROWS}


def _cases():
    for name, f, shapes, domain, dtypes in ROWS:
        for dtype in dtypes:
            yield pytest.param(f, shapes, domain, dtype, id=f"{name}-{dtype}")


@pytest.mark.parametrize("f, shapes, domain, dtype", list(_cases()))
def test_extra(f, shapes, domain, dtype, arg):
    args = [arg(s, dtype, domain, seed=i) for i, s in enumerate(shapes)]
    check_grads(f, argnum=list(range(len(args))), modes=MODES, order=2)(*args)


def test_values_match_numpy(arg):
    """The wrappers return NumPy's own values (the composites only serve derivatives)."""
    a, b = arg((2, 2)), arg((2, 2), seed=1)
    assert onp.array_equal(np.block([[a, b], [b, a]]), onp.block([[a, b], [b, a]]))
    from autograd_numpy.rules.elementwise import bessel_i1
    x = onp.array([-3.0, 0.0, 1e-3, 2.0, 24.9, 25.1, 40.0])
    # I1 = I0' : compare with a central difference of NumPy's i0
    h = 1e-6 * onp.maximum(1.0, onp.abs(x))
    assert onp.allclose(bessel_i1(x), (onp.i0(x + h) - onp.i0(x - h)) / (2 * h), rtol=1e-6)


def test_ufunc_outer_on_boxes(arg):
    x, y = arg((3,)), arg((2,), seed=1)
    check_grads(lambda a, b: onp.multiply.outer(a, b), argnum=[0, 1], modes=MODES,
                order=2)(x, y)
    check_grads(lambda a: onp.subtract.outer(a, a[:2]), modes=MODES, order=2)(x)


def test_heaviside_has_zero_gradient(arg):
    g = grad(lambda x: np.sum(np.heaviside(x, 0.5) * x))(arg((4,), domain="nonzero"))
    assert onp.allclose(g, onp.heaviside(arg((4,), domain="nonzero"), 0.5))


def test_polyfit_gradient_is_with_respect_to_y_only(arg):
    from autograd.extend import MissingRuleError
    with pytest.raises(MissingRuleError, match="argument 0"):
        grad(lambda x: np.sum(np.polyfit(x, X5, 1)))(X5 + 0.1)


def test_numpy2_names_exist_on_every_version(arg):
    x = arg((2, 3))
    for name in ["matrix_transpose", "permute_dims", "concat", "vecdot", "matvec", "vecmat",
                 "unstack", "cumulative_sum", "cumulative_prod", "astype", "trapezoid",
                 "acos", "asin", "atan", "atan2", "pow"]:
        assert callable(getattr(np, name)), name
    assert onp.allclose(np.cumulative_sum(x, axis=1, include_initial=True),
                        onp.concatenate([onp.zeros((2, 1)), onp.cumsum(x, 1)], 1))
    assert onp.allclose(np.vecdot(x, x), onp.sum(x * x, -1))
    assert [u.shape for u in np.unstack(x, axis=1)] == [(2,)] * 3
