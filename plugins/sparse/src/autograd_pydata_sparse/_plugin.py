"""The autograd plugin declaration of autograd-pydata-sparse.

Thin on purpose: autograd imports this module at discovery, so it imports
only ``autograd.plugins`` and *declares* what the package provides:

* the value types (the box and vector space of ``sparse.COO`` and
  ``sparse.GCXS``), registered the first time autograd meets a value of a
  type it does not know while ``sparse`` is imported;
* an import loader that makes sparse's operators defer to traced operands
  (``A @ w`` with a plain ``A`` and a traced ``w``); it must be in place before
  the user's first such expression, so it runs as soon as ``sparse`` is
  imported (see :mod:`autograd_pydata_sparse.operators`);
* one rule set: the few primitives that are specific to sparse arrays
  (projection onto a sparsity pattern, ``todense``, the stored values).
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    registry.add_value_types("sparse", "autograd_pydata_sparse.values:register")
    registry.add_import_loader("sparse", "autograd_pydata_sparse.operators:install")
    registry.add_rule_set("sparse", "autograd_pydata_sparse.rules:register", name="pydata-sparse",
                          samples="autograd_pydata_sparse.samples:SAMPLES")
