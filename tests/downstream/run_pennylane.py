"""Run PennyLane's own tests against the autograd installed in this environment.

PennyLane 0.45.1 pins ``autograd<1.9``; installed with ``--no-deps`` next to
our distributions it imports ``autograd`` from us.  Its wheels ship no tests,
so its test files (unmodified, from the v0.45.1 tag) come from
``shared/downstream/pennylane-0.45.1-tests.tar.xz`` beside the checkout
(``../shared`` from the repository root, where CI puts it).

Usage (from anywhere, in an environment where our distributions are installed)::

    python tests/downstream/run_pennylane.py                 # install, then both selections
    python tests/downstream/run_pennylane.py --no-install -s core -- -x

Selections (PennyLane's test directory is the working directory):

* ``core``: its tests of ``pennylane.numpy``, pytrees, optimizers and
  ``qml.grad``/``qml.jacobian``: ``numpy pytrees optimize test_grad.py
  test_autograd_grad.py``;
* ``autograd``: every test marked ``autograd`` (``-m autograd``), the autograd
  interface across devices, gradients, transforms and templates.

Arguments after ``--`` go to pytest.  The exit status is non-zero if any
selection failed.  Needs network access (or a configured index / wheel
directory, ``PIP_FIND_LINKS``) for the installation step.
"""

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time

from _runner import check_autograd, pip, split_argv

PENNYLANE = ["pennylane==0.45.1", "pennylane-lightning==0.45.0"]
# PennyLane's and PennyLane-Lightning's other requirements (their metadata,
# less autograd), then what PennyLane's test-suite uses (its conftest.py).
REQUIREMENTS = [
    "numpy>=2.0", "scipy", "networkx", "rustworkx>=0.14.0", "appdirs", "autoray==0.8.4",
    "cachetools", "requests", "tomlkit", "typing_extensions", "packaging", "diastatic-malt",
    "gast", "scipy-openblas32>=0.3.26",
    "pytest", "pytest-rng", "flaky", "pytest-mock", "pytest-timeout",
]
SELECTIONS = {
    "core": ["numpy", "pytrees", "optimize", "test_grad.py", "test_autograd_grad.py"],
    "autograd": ["-m", "autograd"],
}
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TESTS = os.path.join(os.path.dirname(REPO), "shared", "downstream",
                             "pennylane-0.45.1-tests.tar.xz")






def main(argv=None):
    argv, pytest_args = split_argv(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--selection", action="append", choices=sorted(SELECTIONS),
                        help="which tests to run (repeatable; default: core and autograd)")
    parser.add_argument("--no-install", action="store_true",
                        help="PennyLane and its requirements are already installed")
    parser.add_argument("--tests", default=DEFAULT_TESTS,
                        help="PennyLane's test archive (default: %(default)s)")
    parser.add_argument("--timeout", default="300", help="pytest-timeout per test, seconds")
    opts = parser.parse_args(argv)

    if not opts.no_install:
        pip(["install", *REQUIREMENTS])
        pip(["install", "--no-deps", *PENNYLANE])
    version = check_autograd()
    print(f"autograd {version}; PennyLane tests from {opts.tests}", flush=True)

    status = 0
    with tempfile.TemporaryDirectory(prefix="pennylane-tests-") as tmp:
        with tarfile.open(opts.tests) as archive:
            try:
                archive.extractall(tmp, filter="data")
            except TypeError:   # Python without extraction filters (before 3.11.4)
                archive.extractall(tmp)
        tests = os.path.join(tmp, "tests")
        for name in opts.selection or ["core", "autograd"]:
            cmd = [sys.executable, "-m", "pytest", *SELECTIONS[name], "-q", "-p",
                   "no:cacheprovider", "--timeout", opts.timeout, "-rfE", *pytest_args]
            print(f"\n=== PennyLane selection {name!r}: {' '.join(cmd[1:])}", flush=True)
            start = time.monotonic()
            rc = subprocess.run(cmd, cwd=tests).returncode
            print(f"=== {name!r}: exit status {rc}, {time.monotonic() - start:.0f} s", flush=True)
            status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main())
