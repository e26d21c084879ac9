"""Shortcuts the rules take for raw arrays give what their general path gives.

Each row runs a rule on plain NumPy values as the backward pass calls it
(the shortcut applies) and compares it with the general path (an argument
that forces it and means the same thing) or with NumPy by hand: equal
values, dtype and shape.  (Gradients themselves are checked in the rule
tables.)
"""

import numpy as onp
import pytest

from autograd_numpy.broadcasting import fit_cotangent, unbroadcast
from autograd_numpy.rules.reductions import _mean_vjp

TESTED = {"mean"}

_rng = onp.random.RandomState(0)
_ARRAYS = [onp.linspace(-1.0, 1.0, 10), _rng.randn(3, 7), _rng.randn(5).astype(onp.float32),
           onp.arange(6), _rng.randn(4).astype(onp.float16), _rng.randn(2, 3) + 1j]


@pytest.mark.parametrize("x", _ARRAYS, ids=lambda x: f"{x.dtype}{x.shape}")
@pytest.mark.parametrize("g", [0.37, onp.float64(1.3), 1e-300, 3.0])
def test_mean_of_a_whole_array(x, g):
    fast = _mean_vjp(g, None, x)
    general = _mean_vjp(g, None, x, where=True)     # a where= argument: the general path
    assert fast.dtype == general.dtype and fast.shape == general.shape
    assert onp.array_equal(fast, general)


@pytest.mark.parametrize("ct, target", [
    (_rng.randn(16, 64), onp.zeros(64)),
    (_rng.randn(16, 64), onp.zeros((1, 64))),
    (_rng.randn(3, 4, 5).astype(onp.float32), onp.zeros((4, 1), onp.float32)),
    (_rng.randn(3, 4) + 1j, onp.zeros(4)),
    (_rng.randn(2, 3), onp.zeros(3, onp.float32)),
    (onp.ones((3, 4), bool), onp.zeros(4)),
], ids=["bias", "keepdims", "float32", "complex-to-real", "to-float32", "bool"])
def test_fitting_a_raw_cotangent(ct, target):
    # NumPy by hand: sum the leading axes away, then the axes of length 1
    ref = ct
    while ref.ndim > target.ndim:
        ref = ref.sum(axis=0)
    for i, n in enumerate(target.shape):
        if n == 1 and ref.shape[i] != 1:
            ref = ref.sum(axis=i, keepdims=True)
    if ref.dtype.kind == "c" and target.dtype.kind != "c":
        ref = ref.real
    ref = ref.astype(target.dtype)
    for fitted in (fit_cotangent(ct, target), unbroadcast(ct, target)):
        assert fitted.dtype == ref.dtype and fitted.shape == target.shape
        assert onp.array_equal(fitted, ref)
