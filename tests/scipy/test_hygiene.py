"""Laziness of autograd.scipy: each submodule imports only its own part of SciPy.

Each check runs in a fresh interpreter, so what earlier tests imported does not count.
"""

import json
import subprocess
import sys
import textwrap

import pytest

FORBIDDEN = ("scipy.stats", "scipy.signal", "scipy.integrate", "scipy.spatial", "scipy.ndimage",
             "scipy.interpolate")
# scipy.fft itself imports scipy.special (FFTLog); importing special must not import it
NOT_FROM_SPECIAL = FORBIDDEN + ("scipy.fft", "scipy.optimize")


def _imported_after(code):
    """The ``scipy.*`` submodules loaded once ``code`` has run in a fresh interpreter."""
    script = textwrap.dedent(code) + textwrap.dedent("""
        import json, sys
        print(json.dumps(sorted(m for m in sys.modules if m == "scipy" or m.startswith("scipy."))))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _top(mods, prefix):
    return [m for m in mods if m == prefix or m.startswith(prefix + ".")]


def test_import_autograd_scipy_imports_no_scipy():
    assert _imported_after("import autograd.scipy") == set()


@pytest.mark.parametrize("code", [
    "import autograd.scipy.special",
    "from autograd.scipy.special import logsumexp, gammaln",
    # differentiating loads the rule set: still nothing more
    """
    import numpy as np
    from autograd import grad, make_jvp
    from autograd.scipy.special import gammaln, gammainc, logsumexp
    grad(lambda x: gammaln(x) + gammainc(x, 1.0))(2.0)
    make_jvp(lambda x: logsumexp(x))(np.ones(3))(np.ones(3))
    """,
])
def test_special_imports_only_scipy_special(code):
    mods = _imported_after(code)
    for name in NOT_FROM_SPECIAL:
        assert not _top(mods, name), f"{code!r} imported {_top(mods, name)}"


def test_stats_imports_neither_signal_nor_integrate():
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy import stats
        from autograd.scipy.stats import norm, t, gamma, beta, poisson, multivariate_normal
        for name in stats.DISTRIBUTIONS:
            getattr(stats, name)
        import autograd.scipy.stats.dirichlet
        grad(lambda a: norm.logpdf(1.0, scale=a) + gamma.cdf(1.0, a) + t.cdf(0.5, 3.0, scale=a))(2.0)
        grad(lambda m: multivariate_normal.logpdf(np.zeros(2), m, np.eye(2)).sum())(np.ones(2))
    """)
    for name in FORBIDDEN:
        assert not _top(mods, name), f"autograd.scipy.stats imported {_top(mods, name)}"


def test_fft_imports_only_scipy_fft():
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy.fft import dct, fft, fht
        grad(lambda x: np.sum(np.abs(fft(x)) ** 2 + dct(x) + fht(x, 0.1, 0.5)))(np.ones(4))
    """)
    for name in FORBIDDEN:
        assert not _top(mods, name), f"autograd.scipy.fft imported {_top(mods, name)}"


def test_optimize_imports_neither_stats_signal_nor_integrate():
    # scipy.optimize itself imports scipy.spatial (and fft, sparse, linalg)
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy.optimize import minimize, brentq
        grad(lambda a: brentq(lambda x: x ** 3 - a, 0.0, 3.0)
             + np.sum(minimize(lambda x: np.sum((x - a) ** 2), np.zeros(2)).x))(2.0)
    """)
    for name in ("scipy.stats", "scipy.signal", "scipy.integrate"):
        assert not _top(mods, name), f"autograd.scipy.optimize imported {_top(mods, name)}"


def test_spatial_imports_neither_fft_nor_stats():
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy.spatial.distance import cdist, pdist
        from autograd.scipy.spatial.transform import Rotation
        f = lambda v: np.sum(cdist(Rotation.from_rotvec(v).apply(np.eye(3)), np.eye(3)))
        grad(lambda v: f(v) + np.sum(pdist(np.eye(3) * v)))(np.ones(3))
    """)
    for name in ("scipy.stats", "scipy.signal", "scipy.integrate", "scipy.fft"):
        assert not _top(mods, name), f"autograd.scipy.spatial imported {_top(mods, name)}"


def test_ndimage_imports_neither_interpolate_nor_signal():
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy.ndimage import gaussian_filter, map_coordinates, shift
        grad(lambda s: np.sum(gaussian_filter(shift(np.eye(4), s), 1.0)))(0.3)
        grad(lambda x: np.sum(map_coordinates(x, [[0.5, 1.5], [1.2, 2.0]])))(np.eye(4))
    """)
    for name in ("scipy.interpolate", "scipy.signal", "scipy.stats", "scipy.integrate"):
        assert not _top(mods, name), f"autograd.scipy.ndimage imported {_top(mods, name)}"


def test_interpolate_imports_neither_signal_nor_stats():
    mods = _imported_after("""
        import numpy as np
        from autograd import grad
        from autograd.scipy.interpolate import CubicSpline, RegularGridInterpolator
        x = np.linspace(0, 1, 5)
        grad(lambda y: CubicSpline(x, y)(0.3) + RegularGridInterpolator((x,), y)([0.4])[0])(x)
    """)
    for name in ("scipy.signal", "scipy.stats", "scipy.integrate"):
        assert not _top(mods, name), f"autograd.scipy.interpolate imported {_top(mods, name)}"


TESTED = set()
