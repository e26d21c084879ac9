"""Shared helpers for the NumPy add-on tests: inputs drawn from a function's domain."""

import numpy as onp
import pytest

# Each domain maps a standard-normal draw into the function's region of
# smoothness (away from branch points, kinks and poles).
DOMAINS = {
    "real": lambda z: z,
    "small": lambda z: 0.5 * onp.tanh(z),
    "unit": lambda z: 0.8 * onp.tanh(z),
    "pos": lambda z: 0.5 + onp.abs(z),
    "gt1": lambda z: 1.5 + onp.abs(z),
    "nonzero": lambda z: onp.sign(z + 1e-3) * (0.3 + onp.abs(z)),
}


def draw(shape, dtype="float64", domain="real", seed=0):
    """An input of ``shape`` and ``dtype`` from ``domain``; ``shape=None`` is a Python scalar."""
    rng = onp.random.default_rng(seed)
    f = DOMAINS[domain]
    size = () if shape is None else shape
    x = f(rng.standard_normal(size))
    if onp.dtype(dtype).kind == "c":
        x = x + 0.3j * f(rng.standard_normal(size))
    if shape is None:
        return complex(x) if onp.dtype(dtype).kind == "c" else float(x)
    return onp.asarray(x).astype(dtype)


@pytest.fixture
def arg():
    return draw
