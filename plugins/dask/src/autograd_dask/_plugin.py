"""The autograd plugin declaration of autograd-dask.

Thin on purpose: autograd imports this module at discovery, so it imports
only ``autograd.plugins`` and *declares* what the plugin provides.  The value
types (the box and vector spaces of ``dask.array.Array``) load the first time
autograd meets a value of a type it does not know while ``dask.array`` is
imported, i.e. the first time a dask array is differentiated.  The rule set
(``rechunk``) loads the first time a rule lookup misses while ``dask.array``
is imported.
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    registry.add_value_types("dask.array", "autograd_dask.types:register")
    registry.add_rule_set("dask.array", "autograd_dask.rules:register", name="dask.array",
                          samples="autograd_dask.samples:SAMPLES")
