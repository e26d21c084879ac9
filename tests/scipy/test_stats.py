"""autograd.scipy.stats: values equal to scipy.stats', gradients in every parameter
(both modes, order 2), parameters passed positionally and by keyword."""

import numpy as onp
import pytest
import scipy.stats as sst

import autograd.numpy as np
from autograd import grad
from autograd.extend import MissingRuleError
from autograd.scipy import stats
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
CONTINUOUS_METHODS = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"]
DISCRETE_METHODS = ["pmf", "logpmf", "cdf", "logcdf", "sf", "logsf"]

POS = onp.array([0.3, 1.2, 3.4])
REAL = onp.array([-1.2, 0.3, 2.1])
COUNTS = onp.array([0.0, 1.0, 3.0, 6.0])

# fmt: off
# (distribution, x, parameters in SciPy's order); every parameter is differentiated
# in every method (beta's a and b and t's df in the cdfs through the incomplete
# beta function's parameter derivatives)
CONTINUOUS = [
    ("norm",        REAL,                     dict(loc=0.3, scale=1.7)),
    ("t",           REAL,                     dict(df=3.5, loc=0.2, scale=1.3)),
    ("beta",        onp.array([0.1, 0.4, 0.9]), dict(a=2.5, b=1.7, loc=-0.1, scale=1.3)),
    ("gamma",       POS,                      dict(a=2.3, loc=-0.1, scale=1.4)),
    ("chi2",        POS,                      dict(df=3.3, loc=-0.1, scale=1.2)),
    ("expon",       POS,                      dict(loc=-0.1, scale=1.4)),
    ("laplace",     REAL,                     dict(loc=0.25, scale=1.7)),
    ("logistic",    REAL,                     dict(loc=0.3, scale=1.7)),
    ("cauchy",      REAL,                     dict(loc=0.3, scale=1.7)),
    ("lognorm",     POS,                      dict(s=0.7, loc=-0.1, scale=1.4)),
    ("uniform",     onp.array([0.1, 0.5, 0.9]), dict(loc=-0.1, scale=1.3)),
    ("invgamma",    POS,                      dict(a=2.3, loc=-0.1, scale=1.4)),
    ("weibull_min", POS,                      dict(c=1.7, loc=-0.1, scale=1.4)),
    ("gumbel_r",    REAL,                     dict(loc=0.3, scale=1.7)),
    ("halfnorm",    POS,                      dict(loc=-0.1, scale=1.4)),
    ("skewnorm",    REAL,                     dict(a=2.5, loc=0.3, scale=1.7)),
    ("truncnorm",   REAL,                     dict(a=-1.2, b=1.5, loc=0.3, scale=1.7)),
    ("vonmises",    REAL,                     dict(kappa=2.5, loc=0.3, scale=1.3)),
    ("pareto",      onp.array([1.3, 2.0, 5.0]), dict(b=2.3, loc=-0.1, scale=1.2)),
    ("rayleigh",    POS,                      dict(loc=-0.1, scale=1.4)),
    ("genextreme",  REAL,                     dict(c=0.3, loc=0.3, scale=1.7)),
    ("gompertz",    POS,                      dict(c=0.7, loc=-0.1, scale=1.4)),
    ("loggamma",    REAL,                     dict(c=1.7, loc=0.3, scale=1.4)),
    ("exponweib",   POS,                      dict(a=2.3, c=1.6, loc=-0.1, scale=1.4)),
    ("gennorm",     REAL,                     dict(beta=1.6, loc=0.25, scale=1.4)),
    ("rice",        POS,                      dict(b=1.3, loc=-0.1, scale=1.4)),
]

# (distribution, k, parameters, differentiable parameters)
DISCRETE = [
    ("poisson",   COUNTS,                dict(mu=2.3),          ("mu",)),
    ("binom",     COUNTS,                dict(n=8.0, p=0.35),   ("n", "p")),
    ("nbinom",    COUNTS,                dict(n=2.5, p=0.35),   ("n", "p")),
    ("geom",      onp.array([1.0, 2.0, 4.0]), dict(p=0.3),      ("p",)),
    ("bernoulli", onp.array([0.0, 1.0]), dict(p=0.3),           ("p",)),
    ("betabinom", COUNTS,                dict(n=8.0, a=2.3, b=1.7), ("n", "a", "b")),
    ("zipf",      onp.array([1.0, 2.0, 4.0]), dict(a=2.5),      ("a",)),
]
# fmt: on

# x outside the support (and on its edges) for the value tests
OUTSIDE = {"beta": [-0.5, 1.5], "gamma": [-1.0, -0.1], "chi2": [-1.0], "expon": [-1.0],
           "lognorm": [-1.0, -0.1], "uniform": [-0.5, 1.5], "invgamma": [-1.0],
           "weibull_min": [-1.0], "halfnorm": [-1.0], "truncnorm": [-3.0, -1.74, 2.85, 4.0],
           "vonmises": [-3.0, 3.0], "pareto": [0.5, 1.0], "rayleigh": [-1.0, -0.1],
           "genextreme": [-10.0, 10.0], "gompertz": [-1.0], "exponweib": [-1.0],
           "gennorm": [0.25], "rice": [-1.0, -0.1]}
COUNTS_OUTSIDE = [-2.0, -1.0, 1.5, 7.0, 10.0, 25.0]


def _close(got, want):
    onp.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-13)


def _continuous_cases():
    for dist, x, params in CONTINUOUS:
        for method in CONTINUOUS_METHODS:
            yield pytest.param(dist, method, x, params, id=f"{dist}.{method}")


def _discrete_cases():
    for dist, k, params, diff in DISCRETE:
        for method in DISCRETE_METHODS:
            yield pytest.param(dist, method, k, params, diff, id=f"{dist}.{method}")


@pytest.mark.parametrize("dist, method, x, params", list(_continuous_cases()))
def test_continuous_values(dist, method, x, params):
    fun, ref = getattr(getattr(stats, dist), method), getattr(getattr(sst, dist), method)
    xs = onp.concatenate([x, OUTSIDE.get(dist, [])])
    _close(fun(xs, **params), ref(xs, **params))
    _close(fun(xs, *params.values()), ref(xs, **params))
    if "scale" in params:   # SciPy's defaults for loc and scale
        shape = {k: v for k, v in params.items() if k not in ("loc", "scale")}
        _close(fun(xs, **shape), ref(xs, **shape))
    _close(fun(float(x[1]), **params), ref(float(x[1]), **params))


@pytest.mark.parametrize("dist, method, x, params", list(_continuous_cases()))
def test_continuous_gradients(dist, method, x, params):
    fun = getattr(getattr(stats, dist), method)
    names = list(params)

    def f(x, *values):      # every parameter passed by keyword
        return fun(x, **dict(params, **dict(zip(names, values))))

    args = [x] + [params[n] for n in names]
    check_grads(f, argnum=list(range(len(args))), modes=MODES, order=2)(*args)


@pytest.mark.parametrize("dist, method, k, params, diff", list(_discrete_cases()))
def test_discrete_values(dist, method, k, params, diff):
    fun, ref = getattr(getattr(stats, dist), method), getattr(getattr(sst, dist), method)
    ks = onp.concatenate([k, COUNTS_OUTSIDE])
    _close(fun(ks, **params), ref(ks, **params))
    _close(fun(ks, *params.values()), ref(ks, **params))
    _close(fun(ks, **params, loc=1), ref(ks, **params, loc=1))


@pytest.mark.parametrize("dist, method, k, params, diff", list(_discrete_cases()))
def test_discrete_gradients(dist, method, k, params, diff):
    fun = getattr(getattr(stats, dist), method)
    names = list(diff)
    k = k[onp.isfinite(fun(k, **params))]    # log(0) has no derivative

    def f(*values):
        return fun(k, **dict(params, **dict(zip(names, values))))

    check_grads(f, argnum=list(range(len(names))), modes=MODES, order=2)(
        *[params[n] for n in names])


# (distribution, method, parameter, its value, x): shape-parameter derivatives of the
# distribution functions (the incomplete beta function's), against SciPy's values
SHAPE_DERIVATIVES = [
    ("t", "cdf", "df", 3.0, -0.4),     ("t", "sf", "df", 0.7, 2.5),
    ("t", "logcdf", "df", 25.0, -3.0), ("beta", "cdf", "a", 2.0, 0.4),
    ("beta", "sf", "b", 2.0, 0.4),     ("beta", "logcdf", "a", 0.3, 0.01),
    ("beta", "logsf", "b", 40.0, 0.2), ("nbinom", "cdf", "n", 0.7, 1.0),
    ("nbinom", "logsf", "n", 2.0, 3.0),
]


@pytest.mark.parametrize("dist, method, param, value, x", SHAPE_DERIVATIVES,
                         ids=[f"{r[0]}.{r[1]}-{r[2]}" for r in SHAPE_DERIVATIVES])
def test_shape_parameter_derivatives_match_scipy(dist, method, param, value, x):
    fun, ref = getattr(getattr(stats, dist), method), getattr(getattr(sst, dist), method)
    base = {"t": dict(df=3.0), "beta": dict(a=2.0, b=3.0), "binom": dict(n=8.0, p=0.3),
            "nbinom": dict(n=2.0, p=0.3)}[dist]

    def at(v, f):
        return f(x, **dict(base, **{param: v}))

    # Richardson-extrapolated central differences of SciPy's own values
    h = 1e-3 * value
    d1 = (at(value + h, ref) - at(value - h, ref)) / (2 * h)
    d2 = (at(value + 2 * h, ref) - at(value - 2 * h, ref)) / (4 * h)
    onp.testing.assert_allclose(grad(lambda v: at(v, fun))(value), (4 * d1 - d2) / 3,
                                rtol=1e-7, atol=1e-13)
    check_grads(lambda v: at(v, fun), modes=MODES, order=2)(value)


def test_gamma_cdf_in_a_matches_differences():
    x, h = 1.7, 1e-6
    expected = (sst.gamma.cdf(x, 2.3 + h) - sst.gamma.cdf(x, 2.3 - h)) / (2 * h)
    onp.testing.assert_allclose(grad(lambda a: stats.gamma.cdf(x, a))(2.3), expected, rtol=1e-7)


# ----------------------------------------------------------------- multivariate

def _spd(d, seed):
    A = onp.random.default_rng(seed).standard_normal((d, d))
    return A @ A.T + d * onp.eye(d)


def _needs_linalg(f):
    """Run ``f``; skip when numpy.linalg has no rules yet (the numpy add-on's phase 2)."""
    try:
        return f()
    except MissingRuleError as e:
        if "numpy.linalg" in str(e) or "linalg" in str(e):
            pytest.skip(f"numpy.linalg rules are not available: {e}")
        raise


X3 = onp.random.default_rng(1).standard_normal((4, 3))
M3 = onp.array([0.1, -0.2, 0.3])
COVS = {"full": _spd(3, 2), "diag": onp.array([0.7, 1.3, 2.0]), "scalar": 1.7}


@pytest.mark.parametrize("form", list(COVS))
@pytest.mark.parametrize("method", ["logpdf", "pdf"])
def test_multivariate_normal(form, method):
    fun, ref = getattr(stats.multivariate_normal, method), getattr(sst.multivariate_normal, method)
    cov = COVS[form]
    _close(fun(X3, M3, cov), ref(X3, M3, cov))
    _close(fun(X3, mean=M3, cov=cov), ref(X3, mean=M3, cov=cov))
    _close(fun(X3[0], mean=M3, cov=cov), ref(X3[0], mean=M3, cov=cov))

    def f(x, mean, cov):
        return fun(x, mean=mean, cov=cov)

    _needs_linalg(lambda: check_grads(f, argnum=[0, 1, 2], modes=MODES, order=2)(X3, M3, cov))


def test_multivariate_normal_defaults_and_entropy():
    _close(stats.multivariate_normal.logpdf(X3[:, 0]), sst.multivariate_normal.logpdf(X3[:, 0]))
    _close(stats.multivariate_normal.logpdf(0.3, cov=2.0),
           sst.multivariate_normal.logpdf(0.3, cov=2.0))
    for cov in COVS.values():
        _close(stats.multivariate_normal.entropy(M3, cov), sst.multivariate_normal.entropy(M3, cov))
    check_grads(lambda c: stats.multivariate_normal.entropy(M3, c), modes=MODES,
                order=2)(COVS["diag"])


# fmt: off
# Rank-deficient covariances (allow_singular=True): (orthonormal basis Q of the range,
# covariance B on it, the form SciPy is given: C = Q B Q^T as a matrix, or its diagonal)
_Q = onp.linalg.qr(onp.random.default_rng(3).standard_normal((3, 2)))[0]
_B = onp.array([[1.3, 0.4], [0.4, 0.8]])
SINGULAR = {
    "full":      (_Q, _B, "matrix"),
    "diag":      (onp.eye(3)[:, [0, 2]], onp.diag([0.7, 2.0]), "diag"),
    "hips-rank2": (onp.eye(4)[:, :2], onp.eye(2), "matrix"),   # HIPS's test_mvn_sing_cov
}
# fmt: on


def _singular_cov(Q, B, form):
    C = np.dot(np.dot(Q, 0.5 * (B + B.T)), Q.T)
    return np.diag(C) if form == "diag" else C


@pytest.mark.parametrize("form", list(SINGULAR))
@pytest.mark.parametrize("method", ["logpdf", "pdf"])
def test_multivariate_normal_singular(form, method):
    """Points on the support ``mean + Q z``: SciPy's values (-inf / 0 off it), and
    derivatives in z, the mean and B (the range held fixed) of order 2."""
    fun, ref = getattr(stats.multivariate_normal, method), getattr(sst.multivariate_normal, method)
    Q, B, kind = SINGULAR[form]
    dim, rank = Q.shape
    mean = onp.linspace(-0.3, 0.4, dim)
    z = onp.random.default_rng(4).standard_normal((5, rank))
    x = mean + z @ Q.T
    x[0] += onp.linalg.svd(Q, full_matrices=True)[0][:, -1]     # off the support
    cov = _singular_cov(Q, B, kind)
    _close(fun(x, mean, cov, allow_singular=True), ref(x, mean, cov, allow_singular=True))
    _close(fun(x[1], mean=mean, cov=cov, allow_singular=True),
           ref(x[1], mean=mean, cov=cov, allow_singular=True))
    assert fun(x[0], mean, cov, allow_singular=True) == ref(x[0], mean, cov, allow_singular=True)
    _close(stats.multivariate_normal.entropy(mean, cov), sst.multivariate_normal.entropy(mean, cov))

    def f(z, mean, B):
        return fun(mean + np.dot(z, Q.T), mean, _singular_cov(Q, B, kind), allow_singular=True)

    check_grads(f, argnum=[0, 1, 2], modes=MODES, order=2)(z[1:], mean, B)
    check_grads(lambda B: stats.multivariate_normal.entropy(mean, _singular_cov(Q, B, kind)),
                modes=MODES, order=2)(B)


def test_multivariate_normal_hips_singular():
    """HIPS's test_mvn_sing_cov: x varies along the support, tied to the mean off it."""
    cov = onp.diag([1.0, 1.0, 0.0, 0.0])
    rs = onp.random.default_rng(5)
    x, mean = (onp.concatenate([rs.standard_normal(2), onp.zeros(2)]) for _ in range(2))

    def pdf(x, mean):
        x = np.concatenate([x[:2], mean[2:]])
        return stats.multivariate_normal.pdf(x, mean, cov, allow_singular=True)

    _close(pdf(x, mean), sst.multivariate_normal.pdf(x, mean, cov, allow_singular=True))
    check_grads(pdf, argnum=[0, 1], modes=MODES, order=2)(x, mean)


@pytest.mark.parametrize("form", list(COVS))
def test_multivariate_t(form):
    shape = COVS[form]
    _close(stats.multivariate_t.logpdf(X3, loc=M3, shape=shape, df=4.5),
           sst.multivariate_t.logpdf(X3, loc=M3, shape=shape, df=4.5))
    _close(stats.multivariate_t.pdf(X3[0], M3, shape, 4.5),
           sst.multivariate_t.pdf(X3[0], M3, shape, 4.5))

    def f(x, loc, shape, df):
        return stats.multivariate_t.logpdf(x, loc=loc, shape=shape, df=df)

    _needs_linalg(lambda: check_grads(f, argnum=[0, 1, 2, 3], modes=MODES, order=2)(
        X3, M3, shape, 4.5))


@pytest.mark.parametrize("method", ["logpdf", "pdf"])
def test_dirichlet(method):
    fun, ref = getattr(stats.dirichlet, method), getattr(sst.dirichlet, method)
    alpha = onp.array([1.5, 2.0, 3.0])
    x = onp.array([0.2, 0.3, 0.5])
    xs = onp.array([[0.2, 0.1, 0.6], [0.3, 0.6, 0.1], [0.5, 0.3, 0.3]])
    _close(fun(x, alpha), ref(x, alpha))
    _close(fun(xs, alpha=alpha), ref(xs, alpha=alpha))
    _close(fun(x[:2], alpha), ref(x[:2], alpha))
    _close(fun(list(x), list(alpha)), ref(x, alpha))
    check_grads(fun, argnum=[0, 1], modes=MODES, order=2)(x, alpha)
    check_grads(fun, argnum=[0, 1], modes=MODES, order=2)(xs, alpha)


# ----------------------------------------------------------------- HIPS-style use

def test_hips_style_imports():
    from autograd.scipy.stats import norm
    import autograd.scipy.stats.norm as norm2
    import autograd.scipy.stats.multivariate_normal as mvn
    assert norm is norm2
    assert mvn.logpdf is stats.multivariate_normal.logpdf
    x = onp.array([0.1, 0.5])
    _close(norm.logpdf(x, 0.2, 1.5), sst.norm.logpdf(x, 0.2, 1.5))
    g = grad(lambda mu: np.sum(norm.logpdf(x, mu, 1.5)))(0.2)
    _close(g, onp.sum(x - 0.2) / 1.5 ** 2)


def test_list_arguments():
    _close(stats.norm.pdf([0.1, 0.5], loc=[0.0, 1.0]), sst.norm.pdf([0.1, 0.5], loc=[0.0, 1.0]))
    _close(stats.poisson.pmf([0, 2], [1.0, 2.0]), sst.poisson.pmf([0, 2], [1.0, 2.0]))


def test_broadcast_parameters():
    x = onp.array([[0.3], [1.2]])
    scale = onp.array([1.0, 2.0, 3.0])
    _close(stats.gamma.logpdf(x, 2.0, scale=scale), sst.gamma.logpdf(x, 2.0, scale=scale))
    check_grads(lambda s: stats.gamma.logpdf(x, 2.0, scale=s), modes=MODES, order=2)(scale)


# ----------------------------------------------------------------- other regimes

# (distribution, x, parameters): values only, in branches the table above does not reach
REGIMES = [
    ("truncnorm",  onp.array([2.2, 2.6, 3.5]),   dict(a=1.5, b=4.0, loc=0.3, scale=0.5)),
    ("truncnorm",  onp.array([-2.0, -1.5, -1.1]), dict(a=-6.0, b=-2.5, loc=0.3, scale=0.5)),
    ("truncnorm",  REAL,                          dict(a=-onp.inf, b=1.0)),
    ("truncnorm",  REAL,                          dict(a=-1.0, b=onp.inf)),
    ("vonmises",   REAL * 3,                      dict(kappa=80.0, loc=0.3)),
    ("vonmises",   REAL * 3,                      dict(kappa=0.05, loc=0.3)),
    ("genextreme", REAL,                          dict(c=-0.3, loc=0.3, scale=1.7)),
    ("genextreme", REAL,                          dict(c=0.0, loc=0.3, scale=1.7)),
    ("rice",       POS * 4,                       dict(b=9.0, loc=-0.1, scale=1.4)),
]


@pytest.mark.parametrize("dist, x, params", REGIMES,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(REGIMES)])
def test_other_regimes(dist, x, params):
    for method in CONTINUOUS_METHODS:
        fun, ref = getattr(getattr(stats, dist), method), getattr(getattr(sst, dist), method)
        xs = onp.concatenate([x, [-20.0, 20.0]])
        with onp.errstate(all="ignore"):
            _close(fun(xs, **params), ref(xs, **params))


@pytest.mark.parametrize("method", ["logpdf", "cdf"])
@pytest.mark.parametrize("c", [-0.3, 0.0, 1e-4])
def test_genextreme_gradients_in_c(c, method):
    fun = getattr(stats.genextreme, method)
    x = onp.array([-1.2, 0.3, 2.1])
    check_grads(lambda c, loc: fun(x, c=c, loc=loc), argnum=[0, 1], modes=MODES,
                order=2)(c, 0.3)


def test_vonmises_cdf_gradients_in_both_regimes():
    x = onp.array([-2.0, 0.4, 7.5])
    check_grads(lambda k: stats.vonmises.cdf(x, kappa=k), modes=MODES, order=2)(60.0)
    check_grads(lambda x, k: stats.vonmises.cdf(x, kappa=k), modes=MODES, order=2)(
        x, onp.array([0.5, 2.0, 10.0]))


def test_truncnorm_tail_gradients():
    x = onp.array([2.2, 2.6, 3.5])
    check_grads(lambda a, b: stats.truncnorm.logcdf(x, a=a, b=b, loc=0.3, scale=0.5),
                modes=MODES, order=2)(1.5, 8.0)


# ----------------------------------------------------------------- discrete multivariate

COUNT_ROWS = onp.array([[2.0, 1.0, 3.0], [0.0, 0.0, 6.0], [3.0, 3.0, 1.0]])


@pytest.mark.parametrize("method", ["logpmf", "pmf"])
def test_multinomial(method):
    fun, ref = getattr(stats.multinomial, method), getattr(sst.multinomial, method)
    p = onp.array([0.2, 0.3, 0.5])
    x = onp.concatenate([COUNT_ROWS, [[2.0, 1.5, 2.5]]])
    _close(fun(x, 6, p), ref(x, 6, p))
    _close(fun(x[0], n=6, p=p), ref(x[0], n=6, p=p))
    _close(fun(list(x[0]), 6, list(p)), ref(x[0], 6, p))
    check_grads(lambda p: fun(COUNT_ROWS[0], n=6, p=p), modes=MODES, order=2)(p)


@pytest.mark.parametrize("method", ["logpmf", "pmf"])
def test_dirichlet_multinomial(method):
    fun = getattr(stats.dirichlet_multinomial, method)
    ref = getattr(sst.dirichlet_multinomial, method)
    alpha = onp.array([1.5, 0.7, 2.2])
    _close(fun(COUNT_ROWS, alpha, 6), ref(COUNT_ROWS, alpha, 6))
    _close(fun(COUNT_ROWS[0], alpha=alpha, n=6), ref(COUNT_ROWS[0], alpha=alpha, n=6))
    check_grads(lambda a: fun(COUNT_ROWS[:2], alpha=a, n=6), modes=MODES, order=2)(alpha)
    with pytest.raises(ValueError):
        fun([2.0, 1.5, 2.5], alpha, 6)


# ----------------------------------------------------------------- random matrices

WISHART_X = {"one": _spd(3, 5), "stack": onp.stack([_spd(3, s) for s in (5, 6, 7)], axis=-1)}
WISHART_SCALE = {"full": _spd(3, 8), "diag": onp.array([0.7, 1.3, 2.0])}


@pytest.mark.parametrize("dist", ["wishart", "invwishart"])
@pytest.mark.parametrize("xform", list(WISHART_X))
@pytest.mark.parametrize("sform", list(WISHART_SCALE))
def test_wishart_family(dist, xform, sform):
    fun, ref = getattr(stats, dist), getattr(sst, dist)
    x, scale = WISHART_X[xform], WISHART_SCALE[sform]
    for method in ("logpdf", "pdf"):
        _close(getattr(fun, method)(x, df=5.5, scale=scale),
               getattr(ref, method)(x, df=5.5, scale=scale))
        _close(getattr(fun, method)(x, 5.5, scale), getattr(ref, method)(x, 5.5, scale))

    def f(x, df, scale):
        return fun.logpdf(x, df=df, scale=scale)

    _needs_linalg(lambda: check_grads(f, argnum=[0, 1, 2], modes=MODES, order=2)(x, 5.5, scale))


@pytest.mark.parametrize("dist", ["wishart", "invwishart"])
def test_wishart_family_one_dimension(dist):
    fun, ref = getattr(stats, dist), getattr(sst, dist)
    _close(fun.logpdf(1.3, df=3.1, scale=2.0), ref.logpdf(1.3, df=3.1, scale=2.0))
    x = onp.array([1.3, 0.4])
    _close(fun.pdf(x, df=3.1, scale=2.0), ref.pdf(x, df=3.1, scale=2.0))
    check_grads(lambda x, df, s: fun.logpdf(x, df=df, scale=s), argnum=[0, 1, 2],
                modes=MODES, order=2)(x, 3.1, 2.0)


MN_MEAN = onp.random.default_rng(3).standard_normal((3, 2))
MN_X = onp.random.default_rng(4).standard_normal((4, 3, 2))


@pytest.mark.parametrize("covs", ["full", "scalar-diag"])
@pytest.mark.parametrize("method", ["logpdf", "pdf"])
def test_matrix_normal(covs, method):
    fun, ref = getattr(stats.matrix_normal, method), getattr(sst.matrix_normal, method)
    rowcov, colcov = (_spd(3, 9), _spd(2, 10)) if covs == "full" else (1.7, onp.array([0.5, 2.0]))
    kw = dict(mean=MN_MEAN, rowcov=rowcov, colcov=colcov)
    _close(fun(MN_X, **kw), ref(MN_X, **kw))
    _close(fun(MN_X[0], MN_MEAN, rowcov, colcov), ref(MN_X[0], MN_MEAN, rowcov, colcov))
    if covs == "full":
        _close(fun(MN_X, rowcov=rowcov, colcov=colcov), ref(MN_X, rowcov=rowcov, colcov=colcov))

    def f(X, mean, rowcov, colcov):
        return fun(X, mean=mean, rowcov=rowcov, colcov=colcov)

    _needs_linalg(lambda: check_grads(f, argnum=[0, 1, 2, 3], modes=MODES, order=2)(
        MN_X, MN_MEAN, rowcov, colcov))


# ----------------------------------------------------------------- plain functions

PK = onp.random.default_rng(5).random((3, 4)) + 0.1
QK = onp.random.default_rng(6).random((3, 4)) + 0.1


@pytest.mark.parametrize("kw", [dict(), dict(base=2.0), dict(axis=1), dict(base=3.0, axis=-1)],
                         ids=["default", "base", "axis", "base-axis"])
def test_entropy(kw):
    _close(stats.entropy(PK, **kw), sst.entropy(PK, **kw))
    _close(stats.entropy(PK, QK, **kw), sst.entropy(PK, QK, **kw))
    _close(stats.entropy(pk=PK, qk=QK, **kw), sst.entropy(PK, QK, **kw))
    check_grads(lambda p, q: stats.entropy(p, qk=q, **kw), argnum=[0, 1], modes=MODES,
                order=2)(PK, QK)
    check_grads(lambda p: stats.entropy(p, **kw), modes=MODES, order=2)(PK)


@pytest.mark.parametrize("kw", [dict(), dict(axis=1), dict(axis=None, ddof=1)],
                         ids=["default", "axis", "all-ddof"])
def test_zscore(kw):
    _close(stats.zscore(PK, **kw), sst.zscore(PK, **kw))
    check_grads(lambda a: stats.zscore(a, **kw), modes=MODES, order=2)(PK)


TESTED = ({f"stats.{d}.{m}" for d, *_ in CONTINUOUS for m in CONTINUOUS_METHODS}
          | {f"stats.{d}.{m}" for d, *_ in DISCRETE for m in DISCRETE_METHODS}
          | {"stats.multivariate_normal.logpdf", "stats.multivariate_normal.pdf",
             "stats.multivariate_normal.entropy", "stats.multivariate_t.logpdf",
             "stats.multivariate_t.pdf", "stats.dirichlet.logpdf", "stats.dirichlet.pdf",
             "stats.multinomial.logpmf", "stats.multinomial.pmf",
             "stats.dirichlet_multinomial.logpmf", "stats.dirichlet_multinomial.pmf",
             "stats.wishart.logpdf", "stats.wishart.pdf", "stats.invwishart.logpdf",
             "stats.invwishart.pdf", "stats.matrix_normal.logpdf", "stats.matrix_normal.pdf",
             "stats.entropy", "stats.zscore"})


# ---------------------------------------------------- forms derived from another one
# (pdf = exp(logpdf), logcdf = log(cdf), cdf = -expm1(logsf), ...: stats/_common.py
# from_log, to_log, complement)

def _derived_forms():
    import importlib
    for name in stats.DISTRIBUTIONS:
        module = importlib.import_module(f"autograd.scipy.stats.{name}")
        for fname in module.__all__:
            f = getattr(module, fname)
            if (f.__doc__ or "").startswith(("``exp(", "``log(", "``-expm1(")):
                yield pytest.param(module, fname, id=f"{name}.{fname}")


@pytest.mark.parametrize("module, fname", list(_derived_forms()))
def test_derived_forms_look_written_out(module, fname):
    import inspect
    f = getattr(module, fname)
    base = getattr(module, fname[3:] if fname.startswith("log") else "log" + fname)
    assert (f.__name__, f.__qualname__, f.__module__) == (fname, fname, module.__name__)
    assert inspect.signature(f) == inspect.signature(base)


def test_derived_forms_take_arguments_as_python_does():
    x = onp.array([0.5, 1.5])
    expected = onp.exp(stats.gamma.logpdf(x, 2.0, 0.0, 3.0))
    for args, kwargs in [((x, 2.0, 0.0, 3.0), {}), ((x, 2.0), {"scale": 3.0}),
                         ((), {"x": x, "a": 2.0, "scale": 3.0}), ((list(x), 2.0, 0.0, 3.0), {})]:
        assert onp.array_equal(stats.gamma.pdf(*args, **kwargs), expected)
    for args, kwargs, message in [
            ((x,), {}, r"pdf\(\) missing required argument: 'a'"),
            ((x, 2.0, 0.0, 3.0, 1.0), {}, r"pdf\(\) takes 4 arguments but 5 were given"),
            ((x, 2.0), {"x": x}, r"pdf\(\) got multiple values for argument 'x'"),
            ((x, 2.0), {"shape": 1.0}, r"pdf\(\) got an unexpected keyword argument 'shape'")]:
        with pytest.raises(TypeError, match=message):
            stats.gamma.pdf(*args, **kwargs)
    assert onp.array_equal(stats.poisson.logcdf(3, mu=2.0), onp.log(stats.poisson.cdf(3, 2.0, 0)))
    assert onp.array_equal(stats.expon.cdf(x, scale=2.0), -onp.expm1(stats.expon.logsf(x, 0.0, 2.0)))
    check_grads(lambda s: stats.gompertz.cdf(1.5, 0.7, scale=s), modes=["fwd", "rev"], order=2)(2.0)
    check_grads(lambda s: stats.norm.pdf(0.5, scale=s), modes=["fwd", "rev"], order=2)(2.0)
    check_grads(lambda mu: stats.poisson.logsf(3, mu=mu), modes=["fwd", "rev"], order=2)(2.0)


def test_a_users_rule_for_logpdf_reaches_pdf_with_keyword_arguments():
    # pdf hands logpdf every argument by position (defaults filled in), as a
    # pdf written out by hand does, so a rule of the user's for logpdf (which
    # takes traced arguments only by position) is used under pdf too
    from autograd.extend import defvjp, isolated
    with isolated():
        defvjp(stats.norm.logpdf, None, None,
               lambda ans, x, loc, scale: lambda g: g * 7.0)
        g = grad(lambda s: stats.norm.pdf(0.5, scale=s))(2.0)
    assert onp.isclose(g, stats.norm.pdf(0.5, 0.0, 2.0) * 7.0)
