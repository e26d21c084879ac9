"""autograd.scipy.signal: the convolutions in both inputs and every mode, VJP and
JVP to second order, values against SciPy's (and HIPS-style N-d convolve
against a direct sum)."""

import itertools

import numpy as onp
import pytest
import scipy.signal as sps

import autograd.scipy.signal as sig
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
RNG = onp.random.default_rng(0)


def randn(*shape):
    return RNG.standard_normal(shape)


# fmt: off
# (name, our function, SciPy's, shape of in1, shape of in2, keyword arguments)
ROWS = [
    ("convolve",    sig.convolve,    sps.convolve,    (5,),   (3,),   {}),
    ("convolve",    sig.convolve,    sps.convolve,    (3,),   (5,),   {"mode": "valid"}),
    ("convolve",    sig.convolve,    sps.convolve,    (4, 3), (2, 2), {"mode": "same"}),
    ("convolve",    sig.convolve,    sps.convolve,    (2, 3), (3, 4), {"mode": "same", "method": "fft"}),
    ("correlate",   sig.correlate,   sps.correlate,   (5,),   (2,),   {}),
    ("correlate",   sig.correlate,   sps.correlate,   (4, 4), (2, 3), {"mode": "valid"}),
    ("correlate",   sig.correlate,   sps.correlate,   (4, 3), (2, 2), {"mode": "same"}),
    ("fftconvolve", sig.fftconvolve, sps.fftconvolve, (5,),   (3,),   {}),
    ("fftconvolve", sig.fftconvolve, sps.fftconvolve, (4, 3), (2, 3), {"mode": "valid"}),
    ("fftconvolve", sig.fftconvolve, sps.fftconvolve, (2, 5), (1, 3), {"mode": "same", "axes": 1}),
    ("fftconvolve", sig.fftconvolve, sps.fftconvolve, (3, 4), (3, 2), {"axes": [1]}),
    ("oaconvolve",  sig.oaconvolve,  sps.oaconvolve,  (6,),   (3,),   {"mode": "same"}),
    ("convolve2d",  sig.convolve2d,  sps.convolve2d,  (4, 3), (2, 2), {}),
    ("convolve2d",  sig.convolve2d,  sps.convolve2d,  (4, 4), (2, 3), {"mode": "valid"}),
    ("convolve2d",  sig.convolve2d,  sps.convolve2d,  (5, 4), (2, 3), {"mode": "same"}),
    ("correlate2d", sig.correlate2d, sps.correlate2d, (4, 3), (2, 2), {}),
    ("correlate2d", sig.correlate2d, sps.correlate2d, (2, 3), (4, 4), {"mode": "valid"}),
    ("correlate2d", sig.correlate2d, sps.correlate2d, (5, 4), (2, 3), {"mode": "same"}),
]

# HIPS-style N-d convolve: (shape of A, shape of B, axes, dot_axes, mode)
HIPS_ROWS = [
    ((5,), (3,), None, None, "full"),
    ((3,), (5,), None, None, "valid"),
    ((4, 3), (2, 2), None, None, "same"),
    ((2, 4, 4), (2, 3, 2, 2), ([1, 2], [2, 3]), ([0], [0]), "valid"),  # a convnet layer
    ((2, 3, 3), (4, 2, 2), ([1, 2], [1, 2]), ([], []), "full"),
    ((3, 4), (2, 2, 3), ([1], [1]), ([0], [2]), "same"),
    ((2, 2), (4, 3), ([0, 1], [0, 1]), None, "valid"),
]
# fmt: on

TESTED = {"signal." + r[0] for r in ROWS}


def _ids(rows):
    return [f"{r[0]}-{r[3]}-{r[4]}-{'-'.join(f'{k}={v}' for k, v in r[5].items())}" for r in rows]


@pytest.mark.parametrize("name, fun, ref, sa, sb, kw", ROWS, ids=_ids(ROWS))
def test_values(name, fun, ref, sa, sb, kw):
    a, b = randn(*sa), randn(*sb)
    onp.testing.assert_allclose(fun(a, b, **kw), ref(a, b, **kw), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name, fun, ref, sa, sb, kw", ROWS, ids=_ids(ROWS))
def test_grads(name, fun, ref, sa, sb, kw):
    a, b = randn(*sa), randn(*sb)
    check_grads(lambda a, b: fun(a, b, **kw), argnum=[0, 1], modes=MODES, order=2)(a, b)


def test_complex_convolve():
    a = randn(4) + 1j * randn(4)
    b = randn(3) + 1j * randn(3)
    check_grads(lambda a, b: sig.convolve(a, b, "same"), argnum=[0, 1], modes=MODES)(a, b)


def direct_nd(A, B, axes, dot_axes, mode):
    """HIPS-style convolution by its definition: a plain loop over all indices."""
    if axes is None:
        axes = (list(range(A.ndim)), list(range(A.ndim)))
    dot_axes = dot_axes or ([], [])
    na = [A.shape[i] for i in axes[0]]
    nb = [B.shape[i] for i in axes[1]]
    full = [p + q - 1 for p, q in zip(na, nb)]
    out = {"full": full, "same": na, "valid": [abs(p - q) + 1 for p, q in zip(na, nb)]}[mode]
    start = [(f - o) // 2 for f, o in zip(full, out)]
    free_a = [i for i in range(A.ndim) if i not in axes[0] and i not in dot_axes[0]]
    free_b = [i for i in range(B.ndim) if i not in axes[1] and i not in dot_axes[1]]
    res = onp.zeros([A.shape[i] for i in free_a] + [B.shape[i] for i in free_b] + out)
    for ia in itertools.product(*[range(n) for n in A.shape]):
        for ib in itertools.product(*[range(n) for n in B.shape]):
            if any(ia[p] != ib[q] for p, q in zip(*dot_axes)):
                continue
            pos = [ia[p] + ib[q] - s for p, q, s in zip(axes[0], axes[1], start)]
            if any(k < 0 or k >= o for k, o in zip(pos, out)):
                continue
            idx = tuple(ia[i] for i in free_a) + tuple(ib[i] for i in free_b) + tuple(pos)
            res[idx] += A[ia] * B[ib]
    return res


@pytest.mark.parametrize("sa, sb, axes, dot_axes, mode", HIPS_ROWS)
def test_hips_convolve(sa, sb, axes, dot_axes, mode):
    A, B = randn(*sa), randn(*sb)
    kw = {"mode": mode}
    if axes is not None:
        kw["axes"] = axes
    if dot_axes is not None:
        kw["dot_axes"] = dot_axes
    out = sig.convolve(A, B, **kw)
    onp.testing.assert_allclose(out, direct_nd(A, B, axes, dot_axes, mode), atol=1e-12)
    if axes is None and dot_axes is None:
        onp.testing.assert_allclose(sig.hips_convolve(A, B, mode=mode), out, atol=1e-12)
    check_grads(lambda A, B: sig.convolve(A, B, **kw), argnum=[0, 1], modes=MODES,
                order=2)(A, B)


def test_hips_positional_call():
    A, B = randn(3, 2, 4, 4), randn(2, 3, 2, 2)
    axes, dot_axes = ([2, 3], [2, 3]), ([1], [0])
    out = sig.convolve(A, B, axes, dot_axes, mode="valid")
    assert out.shape == (3, 3, 3, 3)
    onp.testing.assert_allclose(out, direct_nd(A, B, axes, dot_axes, "valid"), atol=1e-12)


def test_hips_bad_mode():
    with pytest.raises(ValueError):
        sig.convolve(randn(3, 2), randn(2, 3), axes=([0, 1], [0, 1]), mode="valid")
