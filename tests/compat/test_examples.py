"""The runnable examples run and reach their stated result."""

import os
import runpy

import pytest

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")


# (example, the distribution it needs beyond the core and autograd-numpy, or None)
EXAMPLE_ROWS = [
    ("curve_fit.py", None), ("neural_net.py", None), ("per_example_gradients.py", None),
    ("point_cloud_alignment.py", "scipy"), ("implicit_optimize.py", "scipy"),
    ("image_registration.py", "scipy"),
]


@pytest.mark.parametrize("name, needs", EXAMPLE_ROWS, ids=[r[0] for r in EXAMPLE_ROWS])
def test_example_runs(name, needs, capsys):
    if needs is not None:
        # the tox envs without SciPy (numpy, numpy126) run the others; `full` runs these
        pytest.importorskip(needs, reason=f"{name} needs {needs} (tox env full runs it)")
    runpy.run_path(os.path.join(EXAMPLES, name), run_name="__main__")
    assert "OK" in capsys.readouterr().out
