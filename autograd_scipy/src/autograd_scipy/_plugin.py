"""The autograd plugin declaration of autograd-scipy (thin: imports only autograd.plugins).

One rule set per SciPy submodule, each loaded only once its target module has
been imported by the user, so a SciPy API change in one submodule cannot break
the others.  Every submodule is a package: ``<submodule>/__init__.py`` is the
namespace users import (``autograd.scipy.<submodule>``), ``<submodule>/_rules.py``
its loader (``register``) and the package's other private modules its rules by topic.
"""

from autograd.plugins import hookimpl

# (target module, loader module) for each rule set
RULE_SETS = [
    ("scipy.special", "autograd_scipy.special._rules"),
    ("scipy.stats", "autograd_scipy.stats._rules"),
    ("scipy.signal", "autograd_scipy.signal._rules"),
    ("scipy.linalg", "autograd_scipy.linalg._rules"),
    ("scipy.integrate", "autograd_scipy.integrate._rules"),
    ("scipy.interpolate", "autograd_scipy.interpolate._rules"),
    ("scipy.ndimage", "autograd_scipy.ndimage._rules"),
    ("scipy.optimize", "autograd_scipy.optimize._rules"),
    ("scipy.fft", "autograd_scipy.fft._rules"),
    ("scipy.spatial", "autograd_scipy.spatial._rules"),
]


@hookimpl
def autograd_register(registry):
    registry.add_namespace("scipy", "autograd_scipy")
    for target, loader in RULE_SETS:
        registry.add_rule_set(target, loader + ":register", name=target)
