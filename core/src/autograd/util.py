"""HIPS autograd 1.x compatibility: the ``autograd.util`` import path.

The small helpers HIPS keeps here (``subvals``, ``subval``, ``func``,
``toposort``) and ``quick_grad_check``, for old code that still imports it;
new code should use :func:`autograd.test_util.check_grads`, which checks both
modes and higher orders.
"""

import random as _random
import warnings

from .differential_operators import grad
from .test_util import numerical_jvp
from .rules import subval  # the one helper; rule authors get it from autograd.extend
from .tracer import toposort  # HIPS keeps it here too
from .vspace import vspace
from .wrap_util import subvals

__all__ = ["subvals", "subval", "func", "toposort", "quick_grad_check"]


def func(f):
    """``f`` itself (HIPS keeps this identity as a decorator for examples)."""
    return f


def quick_grad_check(fun, arg0, extra_args=(), kwargs={}, verbose=True,  # noqa: B006
                     eps=1e-4, rtol=1e-4, atol=1e-6, rs=None):
    """Compare ``grad(fun)`` at ``arg0`` with a central difference along a random direction.

    ``fun(arg0, *extra_args, **kwargs)`` must return a scalar.  ``rs`` is a
    ``random.Random`` or ``numpy.random.RandomState`` for the direction (a
    fixed seed when omitted).  Raises ``AssertionError`` on a mismatch.

    >>> quick_grad_check(lambda x, y: x * x + y, 1.0, (2.0,), verbose=False)
    """
    warnings.warn("autograd.util.quick_grad_check is deprecated; use "
                  "autograd.test_util.check_grads", DeprecationWarning, stacklevel=2)
    if verbose:
        print(f"Checking gradient of {getattr(fun, '__name__', fun)} at {arg0}")

    def f(x):
        return fun(x, *extra_args, **kwargs)

    x_vs = vspace(arg0)
    if rs is None or not hasattr(rs, "getrandbits"):
        seed = 0 if rs is None else int(rs.randint(0, 2 ** 31 - 1))
        rs = _random.Random(seed)
    direction = x_vs.randn(rs)
    analytic = x_vs.inner_prod(grad(f)(arg0), direction)
    numeric = numerical_jvp(f, arg0, eps)(direction)
    analytic, numeric = float(analytic), float(getattr(numeric, "real", numeric))
    if abs(analytic - numeric) > atol + rtol * abs(numeric):
        raise AssertionError(f"gradient check failed: analytic projection {analytic}, "
                             f"numerical {numeric}")
    if verbose:
        print(f"Gradient projection OK (numeric grad: {numeric}, analytic grad: {analytic})")
