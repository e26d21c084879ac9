"""Composites users may give rules of their own.

HIPS autograd made most functions of its SciPy namespaces primitives, and code
written for it gives them rules (``defvjp(autograd.scipy.special.logsumexp,
...)``).  Ours are often composites of primitives instead (differentiated
through what they are made of, exact to any order); each public one is wrapped
with :func:`autograd.extend.overridable`, so such a rule is accepted and used.
"""

import types

from autograd.extend import is_primitive, overridable


def make_overridable(namespace):
    """Wrap the public composites (``__all__``) defined in module dict ``namespace``."""
    module = namespace["__name__"]
    for name in namespace.get("__all__", ()):
        f = namespace.get(name)
        if (isinstance(f, types.FunctionType) and f.__module__ == module
                and not is_primitive(f)
                and not hasattr(f, "__autograd_rule_key__")):
            namespace[name] = overridable(f)
