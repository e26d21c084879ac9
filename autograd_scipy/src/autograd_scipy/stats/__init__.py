"""``autograd.scipy.stats``: differentiable densities and distribution functions.

One module per distribution, each loaded on first use::

    from autograd.scipy.stats import norm          # HIPS autograd style
    import autograd.scipy.stats.norm               # also works
    norm.logpdf(x, loc=mu, scale=sigma)            # every parameter differentiable

Every function is a composite of ``autograd.numpy`` and
``autograd.scipy.special`` primitives, so it is differentiable in every
argument (to any order) and takes its parameters positionally or by keyword,
with SciPy's names and defaults.  Cumulative distribution functions use the
special functions' rules; where those have no derivative (the shape
parameters of the incomplete beta function) the error says so.

``entropy`` and ``zscore`` (plain functions of ``scipy.stats``) are here too.

Importing this package imports ``scipy.special`` but not ``scipy.stats``,
``scipy.signal`` or ``scipy.integrate``.
"""

import importlib as _importlib

DISTRIBUTIONS = (
    "norm", "t", "beta", "gamma", "chi2", "poisson", "multivariate_normal", "dirichlet",
    "expon", "laplace", "logistic", "cauchy", "lognorm", "uniform", "invgamma",
    "weibull_min", "gumbel_r", "halfnorm", "binom", "nbinom", "geom", "bernoulli",
    "multivariate_t", "skewnorm", "truncnorm", "vonmises", "pareto", "rayleigh", "genextreme",
    "gompertz", "loggamma", "exponweib", "gennorm", "rice", "betabinom", "zipf", "multinomial",
    "dirichlet_multinomial", "wishart", "invwishart", "matrix_normal",
)
# Plain functions of scipy.stats (not distributions), each loaded from the module
# named here on first use.
FUNCTIONS = {"entropy": "_summary", "zscore": "_summary"}
__all__ = list(DISTRIBUTIONS) + list(FUNCTIONS)


def __getattr__(name):
    if name in DISTRIBUTIONS:
        return _importlib.import_module(f"{__name__}.{name}")
    if name in FUNCTIONS:
        return getattr(_importlib.import_module(f"{__name__}.{FUNCTIONS[name]}"), name)
    raise AttributeError(f"module 'autograd.scipy.stats' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
