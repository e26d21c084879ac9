"""Sample calls of this plugin's rules, for ``autograd.plugins.testing.check_plugin``."""

import dask.array as da
import numpy as onp

from autograd.plugins.testing import sample

from .rules import rechunk

_X = da.from_array(onp.random.RandomState(0).randn(6, 4), chunks=(2, 4))

SAMPLES = [
    sample(rechunk, _X, chunks=(3, 2)),
    sample(rechunk, _X, chunks={0: 6}),
]
