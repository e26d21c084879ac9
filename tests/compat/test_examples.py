"""The runnable examples run and reach their stated result."""

import os
import runpy

import pytest

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")


@pytest.mark.parametrize("name", ["curve_fit.py", "neural_net.py", "point_cloud_alignment.py",
                                  "implicit_optimize.py", "image_registration.py",
                                  "per_example_gradients.py"])
def test_example_runs(name, capsys):
    runpy.run_path(os.path.join(EXAMPLES, name), run_name="__main__")
    assert "OK" in capsys.readouterr().out
