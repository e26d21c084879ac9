"""Samples of this package's primitives for ``autograd.plugins.testing.check_plugin``."""

import numpy as onp
import sparse

from autograd.plugins.testing import sample

from . import rules

_dense = onp.array([[0.5, 0.0, -1.2], [0.0, 2.0, 0.0], [0.3, 0.0, 0.7]])
_A = sparse.COO.from_numpy(_dense)
_G = sparse.GCXS.from_numpy(_dense, compressed_axes=(1,))
_B = sparse.COO.from_numpy(onp.array([[0.0, 1.5, 0.0], [0.4, 0.0, 0.0], [0.0, -0.8, 0.9]]))

SAMPLES = [
    sample(rules.project_onto, onp.arange(9.0).reshape(3, 3) / 7, _A),
    sample(rules.project_onto, _B, _G),
    sample(rules.todense, _A),
    sample(rules.todense, _G),
    sample(rules.stored_values, _A),
    sample(rules.stored_values, _G),
    sample(rules.with_data, _A, onp.array([0.1, -0.2, 0.3, 0.4, -0.5])),
    sample(rules.with_data, _G, onp.array([0.1, -0.2, 0.3, 0.4, -0.5])),
]
