"""Run lifelines' own tests against the autograd installed in this environment.

lifelines declares ``autograd>=1.5``, which our ``autograd`` meta distribution
(2.x) satisfies; it is installed with ``--no-deps`` all the same, so that pip
can never pull HIPS autograd over our ``autograd`` package.  Its wheel ships
no tests: they come, unmodified, from lifelines' source distribution on the
package index (``pip download --no-binary :all:``), unpacked into a temporary
directory.

Usage (from anywhere, in an environment where our distributions are installed)::

    python tests/downstream/run_lifelines.py                   # install, then "fitters"
    python tests/downstream/run_lifelines.py -s all -- -x      # everything, pytest args after --
    python tests/downstream/run_lifelines.py --no-install --sdist lifelines-0.30.3.tar.gz

Selections (lifelines' ``tests`` directory is the working directory):

* ``fitters`` (the default: 164 tests, 5-7.5 minutes measured on two shared cores): the
  test classes of ``test_estimation.py`` whose models are fitted with autograd
  -- every parametric univariate fitter, the parametric, AFT, piecewise, spline
  and custom regression models, cure models, and Cox models with spline or
  piecewise baselines (``TestRegressionFitters``);
* ``all``: every test module except ``test_plotting.py`` (it imports
  ``lifelines.tests``, which the wheel does not have; lifelines skips 73 of
  its 74 tests anyway): 551 tests, 6.5 minutes measured on two lightly loaded
  cores, over 25 minutes on two busy ones.

Deselected, each for its reason (``DESELECT``): three statistical tests that
draw unseeded random data and fail now and then, with HIPS autograd as with
ours (seeded, both give bit-identical fits and fail on the same seeds).

The exit status is non-zero if pytest failed.  Needs access to the package
index for the installation and the download of the tests (or ``--sdist``).
"""

import argparse
import glob
import os
import subprocess
import sys
import tarfile
import tempfile
import time

from _runner import check_autograd, pip, split_argv

LIFELINES_VERSION = "0.30.3"
# lifelines' other requirements (its metadata, less autograd), then what its
# test-suite imports (its dev requirements).
REQUIREMENTS = [
    "numpy>=1.14.0", "scipy>=1.7.0", "pandas>=2.1,<3.0", "matplotlib>=3.0", "formulaic>=0.2.2",
    "pytest", "pytest-timeout", "flaky", "dill>=0.3.6", "joblib", "Jinja2",
]
NO_DEPS = [f"lifelines=={LIFELINES_VERSION}", "autograd-gamma>=0.3"]

FITTERS = " or ".join([
    "TestParametricUnivariateFitters", "TestUnivariateFitters", "TestPiecewiseExponentialFitter",
    "TestLogNormalFitter", "TestLogLogisticFitter", "TestWeibullFitter",
    "TestGeneralizedGammaFitter", "TestExponentialFitter", "TestParametricRegressionFitter",
    "TestCustomRegressionModel", "TestRegressionFitters", "TestPiecewiseExponentialRegressionFitter",
    "TestAFTFitters", "TestLogNormalAFTFitter", "TestLogLogisticAFTFitter", "TestWeibullAFTFitter",
    "TestMixtureCureFitter",
])
SELECTIONS = {
    "fitters": ["test_estimation.py", "-k", FITTERS],
    "all": [".", "--ignore=test_plotting.py"],
}
DESELECT = [
    # unseeded: T, D ~ Exponential(10) and |lambda/10 - 1| < 0.01 fails now and then
    "test_estimation.py::TestWeibullFitter::test_weibull_with_delayed_entries",
    # unseeded: T ~ randint(1, 20); for 3 seeds in 40 (4, 15, 20) the generalized
    # gamma fit's variance matrix is not positive definite and its CI is NaN --
    # the same seeds with HIPS autograd 1.9.1 -- so even @flaky's retry fails
    # now and then
    "test_estimation.py::TestUnivariateFitters::test_cumulative_density_ci_is_ordered_correctly",
    # unseeded: 5 * 10^5 piecewise-exponential times, and the fitted scale of the
    # middle piece must be within 1% of 10; the fit is the closed-form MLE
    # (exposure / events, to 1e-6) and that MLE's own sampling error is about 1%:
    # 5 of numpy seeds 0-9 miss it (ours and HIPS 1.9.1 fit bit-identically on
    # seeds 0 and 1, both 9.79 and 9.90), so @flaky's three runs all fail about
    # one time in eight (it did in CI on 2026-12-04)
    "test_estimation.py::TestPiecewiseExponentialFitter::test_fit_on_simulated_data",
]






def unpack_tests(sdist, into):
    """lifelines' ``tests`` directory from its source distribution, under ``into``."""
    with tarfile.open(sdist) as archive:
        members = [m for m in archive.getmembers() if "/lifelines/tests/" in m.name + "/"]
        try:
            archive.extractall(into, members=members, filter="data")
        except TypeError:   # Python without extraction filters (before 3.11.4)
            archive.extractall(into, members=members)
    (tests,) = glob.glob(os.path.join(into, "*", "lifelines", "tests"))
    return tests


def main(argv=None):
    argv, pytest_args = split_argv(argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--selection", choices=sorted(SELECTIONS), default="fitters",
                        help="which tests to run (default: %(default)s)")
    parser.add_argument("--no-install", action="store_true",
                        help="lifelines and its requirements are already installed")
    parser.add_argument("--sdist", help="lifelines' source distribution (default: download it)")
    parser.add_argument("--timeout", default="600", help="pytest-timeout per test, seconds")
    opts = parser.parse_args(argv)

    if not opts.no_install:
        pip(["install", *REQUIREMENTS])
        pip(["install", "--no-deps", *NO_DEPS])
    version = check_autograd()

    with tempfile.TemporaryDirectory(prefix="lifelines-tests-") as tmp:
        sdist = opts.sdist
        if sdist is None:
            pip(["download", "--no-deps", "--no-binary", ":all:",
                 f"lifelines=={LIFELINES_VERSION}", "-d", tmp])
            (sdist,) = glob.glob(os.path.join(tmp, "lifelines-*.tar.gz"))
        tests = unpack_tests(sdist, os.path.join(tmp, "src"))
        print(f"autograd {version}; lifelines tests from {os.path.basename(sdist)}", flush=True)
        deselect = [f"--deselect={node}" for node in DESELECT]
        cmd = [sys.executable, "-m", "pytest", *SELECTIONS[opts.selection], *deselect,
               "-q", "-p", "no:cacheprovider", "--timeout", opts.timeout, "-rfE", *pytest_args]
        print(f"=== lifelines selection {opts.selection!r}: {' '.join(cmd[1:])}", flush=True)
        env = dict(os.environ, MPLBACKEND="Agg")
        start = time.monotonic()
        rc = subprocess.run(cmd, cwd=tests, env=env).returncode
        print(f"=== {opts.selection!r}: exit status {rc}, {time.monotonic() - start:.0f} s", flush=True)
    return rc


if __name__ == "__main__":
    sys.exit(main())
