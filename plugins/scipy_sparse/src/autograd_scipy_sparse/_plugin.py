"""The autograd plugin declaration of autograd-scipy-sparse.

Thin on purpose: autograd imports this module at discovery, so it imports only
``autograd.plugins`` and *declares* two rule sets and one import loader.  A
rule set's loader runs the first time a rule lookup misses while its target
module is imported, which happens as soon as the user calls one of this
package's functions on a traced value (the functions live in modules that
import ``scipy.sparse`` / ``scipy.sparse.linalg`` themselves).  The import
loader lets scipy's sparse operators take traced operands (``A @ x``): it
runs as soon as ``scipy.sparse`` is imported, because scipy answers ``A @ x``
before autograd could load anything (see :mod:`autograd_scipy_sparse.operators`).
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    # scipy's sparse operators taking traced operands (A @ x), in place as soon as
    # scipy.sparse is imported: see operators.py
    registry.add_import_loader("scipy.sparse", "autograd_scipy_sparse.operators:install")
    # and a LinearOperator applied to a traced array, once scipy.sparse.linalg is imported
    registry.add_import_loader("scipy.sparse.linalg",
                               "autograd_scipy_sparse.operators:install_linear_operator")
    registry.add_rule_set("scipy.sparse", "autograd_scipy_sparse.rules:register_sparse",
                          name="scipy.sparse",
                          samples="autograd_scipy_sparse.samples:SPARSE_SAMPLES")
    registry.add_rule_set("scipy.sparse.linalg", "autograd_scipy_sparse.rules:register_linalg",
                          name="scipy.sparse.linalg",
                          samples="autograd_scipy_sparse.samples:LINALG_SAMPLES")
