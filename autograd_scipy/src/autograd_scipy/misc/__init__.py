"""``autograd.scipy.misc``: HIPS autograd kept ``logsumexp`` here.

It is :func:`autograd.scipy.special.logsumexp`, imported on first access (so
importing this module imports no part of SciPy).
"""

__all__ = ["logsumexp"]  # noqa: F822 - provided lazily by __getattr__


def __getattr__(name):
    if name == "logsumexp":
        from ..special import logsumexp
        return logsumexp
    raise AttributeError(f"module 'autograd.scipy.misc' has no attribute {name!r}")
