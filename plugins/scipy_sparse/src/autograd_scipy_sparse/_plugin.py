"""The autograd plugin declaration of autograd-scipy-sparse.

Thin on purpose: autograd imports this module at discovery, so it imports only
``autograd.plugins`` and *declares* two rule sets.  Each loader runs the first
time a rule lookup misses while its target module is imported, which happens
as soon as the user calls one of this package's functions on a traced value
(the functions live in modules that import ``scipy.sparse`` /
``scipy.sparse.linalg`` themselves).
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    registry.add_rule_set("scipy.sparse", "autograd_scipy_sparse.rules:register_sparse",
                          name="scipy.sparse",
                          samples="autograd_scipy_sparse.samples:SPARSE_SAMPLES")
    registry.add_rule_set("scipy.sparse.linalg", "autograd_scipy_sparse.rules:register_linalg",
                          name="scipy.sparse.linalg",
                          samples="autograd_scipy_sparse.samples:LINALG_SAMPLES")
