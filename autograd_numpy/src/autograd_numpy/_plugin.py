"""The autograd plugin declaration of autograd-numpy (kept thin: imports only autograd.plugins).

Nothing here imports NumPy.  The declared loaders run on demand: the value
types the first time an array (or NumPy scalar) is differentiated, the rule
sets the first time a rule lookup misses while their target module is
already imported.
"""

from autograd.plugins import hookimpl


@hookimpl
def autograd_register(registry):
    registry.add_namespace("numpy", "autograd_numpy")
    registry.add_value_types("numpy", "autograd_numpy.numpy_boxes:register")
    registry.add_rule_set("numpy", "autograd_numpy.numpy_vjps:register", name="numpy")
    registry.add_rule_set("numpy.linalg", "autograd_numpy.rules.linalg:register",
                          name="numpy.linalg")
    registry.add_rule_set("numpy.fft", "autograd_numpy.rules.fft:register", name="numpy.fft")
