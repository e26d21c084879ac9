"""Finite differences the scipy tests compare derivatives with."""


def richardson(f, x, h=1e-3):
    """``f'(x)`` by Richardson extrapolation of central differences at steps ``h`` and ``h / 2``
    (error ``O(h^4)``)."""
    d1 = (f(x + h) - f(x - h)) / (2 * h)
    d2 = (f(x + h / 2) - f(x - h / 2)) / h
    return (4 * d2 - d1) / 3
