"""The logistic distribution ``logistic(loc, scale)``, differentiable in every argument."""

from autograd_numpy import numpy_wrapper as anp

from .. import special as sp
from ._common import array_args, from_log, quantiles, standardize

__all__ = ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf", "ppf", "isf"]


@array_args
def logpdf(x, loc=0.0, scale=1.0):
    z = standardize(x, loc, scale)
    # log(e^-z / (1 + e^-z)^2) = log_expit(z) + log_expit(-z), stable for all z
    return sp.log_expit(z) + sp.log_expit(-z) - anp.log(scale)


pdf = from_log(logpdf)


@array_args
def cdf(x, loc=0.0, scale=1.0):
    return sp.expit(standardize(x, loc, scale))


@array_args
def logcdf(x, loc=0.0, scale=1.0):
    return sp.log_expit(standardize(x, loc, scale))


@array_args
def sf(x, loc=0.0, scale=1.0):
    return sp.expit(-standardize(x, loc, scale))


@array_args
def logsf(x, loc=0.0, scale=1.0):
    return sp.log_expit(-standardize(x, loc, scale))


ppf, isf = quantiles("logistic", cdf, sf)
