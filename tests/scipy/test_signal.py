"""autograd.scipy.signal: the convolutions in both inputs and every mode, the
filters (lfilter, filtfilt, sosfilt, ...) in signal and coefficients, and the
linear / quadratic spectral functions; VJP and JVP to second order, values
against SciPy's (and HIPS-style N-d convolve against a direct sum)."""

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


# ----------------------------------------------------------------- filtering and spectral analysis

B2, A2 = sps.butter(2, 0.3)
SOS = sps.butter(4, 0.25, output="sos")
XC = randn(6, 2, 3) + 1j * randn(6, 2, 3)


def unit_a0(s):
    """``sos`` with ``a0 = 1`` in every section (as SciPy requires), differentiably."""
    import autograd.numpy as anp
    return anp.concatenate([s[:, :3], onp.ones((s.shape[0], 1)), s[:, 4:]], 1)


# (name, fun(*args) using our module or SciPy's, arguments, argnums to differentiate)
# fmt: off
FILTER_ROWS = [
    ("lfilter",       lambda m, b, a, x: m.lfilter(b, a, x),                 (B2, A2, randn(10)),        [0, 1, 2]),
    ("lfilter",       lambda m, b, a, x: m.lfilter(b, a, x, axis=0),         (randn(3), A2, randn(7, 2)), [0, 1, 2]),
    ("lfilter",       lambda m, b, a, x, zi: m.lfilter(b, a, x, zi=zi),      (B2, A2, randn(2, 9), randn(2, 2)), [0, 1, 2, 3]),
    ("lfilter",       lambda m, b, a, x, zi: m.lfilter(b, a, x, 0, zi),      (randn(4), A2, randn(2, 3), randn(3, 3)), [0, 1, 2, 3]),
    ("lfilter",       lambda m, b, x: m.lfilter(b, [2.0], x),                (randn(3), randn(8)),        [0, 1]),
    ("lfilter_zi",    lambda m, b, a: m.lfilter_zi(b, a),                    (B2, A2),                    [0, 1]),
    ("filtfilt",      lambda m, b, a, x: m.filtfilt(b, a, x),                (B2, A2, randn(12)),         [0, 1, 2]),
    ("filtfilt",      lambda m, b, a, x: m.filtfilt(b, a, x, 0, "even", 4),  (B2, A2, randn(9, 2)),       [0, 1, 2]),
    ("filtfilt",      lambda m, b, a, x: m.filtfilt(b, a, x, padtype="constant"), (B2, A2, randn(11)),    [2]),
    ("sosfilt",       lambda m, s, x: m.sosfilt(unit_a0(s), x),                       (SOS, randn(10)),            [0, 1]),
    ("sosfilt",       lambda m, s, x, zi: m.sosfilt(unit_a0(s), x, zi=zi),            (SOS, randn(2, 7), randn(2, 2, 2)), [0, 1, 2]),
    ("sosfilt_zi",    lambda m, s: m.sosfilt_zi(s),                          (SOS,),                      [0]),
    ("sosfiltfilt",   lambda m, s, x: m.sosfiltfilt(unit_a0(s), x, padlen=5),         (SOS, randn(2, 9)),          [0, 1]),
    ("hilbert",       lambda m, x: m.hilbert(x),                             (randn(7),),                 [0]),
    ("hilbert",       lambda m, x: m.hilbert(x, 8, axis=0),                  (randn(6, 2),),              [0]),
    ("detrend",       lambda m, x: m.detrend(x),                             (randn(8),),                 [0]),
    ("detrend",       lambda m, x: m.detrend(x, axis=0, type="constant"),    (randn(5, 2),),              [0]),
    ("detrend",       lambda m, x: m.detrend(x, bp=[3]),                     (randn(2, 8),),              [0]),
    ("detrend",       lambda m, x: m.detrend(x, axis=0, bp=[0, 1, 5]),       (randn(9, 2),),              [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 5, 2),                 (randn(11),),                [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 5, 3, 1, 0.5, 0, "constant", 1.5), (randn(9, 2),), [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 4, 2, 1, 0.5, mode="interp"), (randn(2, 9),), [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 5, 2, mode="mirror"),  (randn(7),),                 [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 6, 3, 2, mode="nearest"), (randn(8),),              [0]),
    ("savgol_filter", lambda m, x: m.savgol_filter(x, 7, 2, axis=0, mode="wrap"), (randn(5, 2),),         [0]),
    ("resample",      lambda m, x: m.resample(x, 7),                         (randn(10),),                [0]),
    ("resample",      lambda m, x: m.resample(x, 13, axis=1),                (randn(2, 9),),              [0]),
    ("resample",      lambda m, x: m.resample(x, 5),                         (randn(8) + 1j * randn(8),), [0]),
    ("resample",      lambda m, x: m.resample(x, 12, window="hann"),          (randn(8),),                 [0]),
    ("resample",      lambda m, x: m.resample(x, 6, window=("kaiser", 2.0)), (randn(9) + 1j * randn(9),), [0]),
    ("resample",      lambda m, x: m.resample(x, 10),                        (randn(6) + 1j * randn(6),), [0]),
    ("resample",      lambda m, x: m.resample(x, 4, domain="freq"),          (randn(7) + 1j * randn(7),), [0]),
    ("resample_poly", lambda m, x: m.resample_poly(x, 3, 2),                 (randn(10),),                [0]),
    ("resample_poly", lambda m, x: m.resample_poly(x, 2, 3, padtype="line"), (randn(11),),                [0]),
    ("resample_poly", lambda m, x: m.resample_poly(x, 3, 1, axis=1, padtype="mean"), (randn(2, 6),),      [0]),
    ("resample_poly", lambda m, x: m.resample_poly(x, 1, 2, cval=1.5),       (randn(9),),                 [0]),
    ("resample_poly", lambda m, x: m.resample_poly(x, 2, 1, window=[0.5, 1.0, 0.5], padtype="edge"), (randn(7),), [0]),
    ("decimate",      lambda m, x: m.decimate(x, 2, n=2),                    (randn(2, 24),),             [0]),
    ("decimate",      lambda m, x: m.decimate(x, 3, ftype="fir", axis=0),    (randn(30),),                [0]),
    ("decimate",      lambda m, x: m.decimate(x, 2, 4, "fir", zero_phase=False), (randn(2, 13),),         [0]),
    ("decimate",      lambda m, x: m.decimate(x, 2, 2, zero_phase=False),    (randn(11),),                [0]),
    ("periodogram",   lambda m, x: m.periodogram(x)[1],                      (randn(9),),                 [0]),
    ("periodogram",   lambda m, x: m.periodogram(x, 2.0, "hann", 12, "linear", axis=0, scaling="spectrum")[1], (randn(10, 2),), [0]),
    ("periodogram",   lambda m, x: m.periodogram(x, nfft=6)[1],              (randn(2, 8),),              [0]),
    ("welch",         lambda m, x: m.welch(x, nperseg=8)[1],                 (randn(20),),                [0]),
    ("welch",         lambda m, x: m.welch(x, nperseg=6, noverlap=2, axis=0, detrend="linear", nfft=9)[1], (randn(16, 2),), [0]),
    ("welch",         lambda m, x: m.welch(x, window=onp.hanning(5), average="median")[1], (randn(2, 17),), [0]),
    ("welch",         lambda m, x: m.welch(x, nperseg=4, return_onesided=False)[1], (randn(10),),     [0]),
    ("welch",         lambda m, x: m.welch(x, nperseg=4)[1],                 (randn(9) + 1j * randn(9),), [0]),
    ("stft",          lambda m, x: m.stft(x, nperseg=8)[2],                  (randn(12),),                [0]),
    ("stft",          lambda m, x: m.stft(x, nperseg=4, axis=0)[2],          (randn(9, 2),),              [0]),
    ("stft",          lambda m, x: m.stft(x, nperseg=6, noverlap=4, nfft=9, boundary="odd")[2], (randn(2, 11),), [0]),
    ("stft",          lambda m, x: m.stft(x, nperseg=5, boundary="even", padded=False, detrend="linear")[2], (randn(12),), [0]),
    ("stft",          lambda m, x: m.stft(x, nperseg=4, boundary=None, return_onesided=False, scaling="psd")[2], (randn(10),), [0]),
    ("stft",          lambda m, x: m.stft(x, window=onp.hanning(5), nperseg=5, axis=1)[2], ((randn(7) + 1j * randn(7))[None],), [0]),
    ("istft",         lambda m, z: m.istft(z, nperseg=8)[1],                 (randn(5, 4) + 1j * randn(5, 4),), [0]),
    ("istft",         lambda m, z: m.istft(z, nperseg=4, time_axis=0, freq_axis=2)[1], (XC,),          [0]),
    ("istft",         lambda m, z: m.istft(z, nperseg=7, noverlap=5, nfft=9)[1], (randn(5, 5) + 1j * randn(5, 5),), [0]),
    ("istft",         lambda m, z: m.istft(z, nperseg=6, input_onesided=False, boundary=False)[1], (randn(6, 4) + 1j * randn(6, 4),), [0]),
    ("istft",         lambda m, z: m.istft(z, 2.0, nperseg=6, time_axis=1, freq_axis=0, scaling="psd")[1], (XC[:4],), [0]),
]
# fmt: on

TESTED |= {"signal." + r[0] for r in FILTER_ROWS}


def _fids(rows):
    return [f"{r[0]}-{i}" for i, r in enumerate(rows)]


def _traced_value(f, args):
    """The value computed along the differentiable path (not SciPy's direct call)."""
    from autograd import make_vjp
    return make_vjp(lambda a0: f(a0, *args[1:]))(args[0])[1]


@pytest.mark.parametrize("name, f, args, argnums", FILTER_ROWS, ids=_fids(FILTER_ROWS))
def test_filter_values(name, f, args, argnums):
    ref = f(sps, *args)
    for ours in (f(sig, *args), _traced_value(lambda *a: f(sig, *a), args)):
        for o, r in zip(ours if isinstance(ref, tuple) else [ours], ref if isinstance(ref, tuple) else [ref]):
            onp.testing.assert_allclose(o, r, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("name, f, args, argnums", FILTER_ROWS, ids=_fids(FILTER_ROWS))
def test_filter_grads(name, f, args, argnums):
    check_grads(lambda *a: f(sig, *a), argnum=argnums, modes=MODES, order=2)(*args)


def test_filter_design_is_constant():
    from autograd import grad
    from autograd.rules import active
    assert grad(lambda c: sig.lfilter(*sig.butter(2, 0.3), c * onp.ones(4)).sum())(1.0) != 0
    for raw in (sps.butter, sps.get_window, sps.firwin, sps.cheby1, sps.find_peaks):
        assert raw in active().nondiff


# ----------------------------------------------------------------- cost of the linear maps

def test_long_signal_gradients():
    """savgol_filter, stft and istft of a 200,000-sample signal differentiate in
    O(N * window): a dense (N x N) matrix would need 4e10 entries."""
    from autograd import grad
    n = 200_000
    x = randn(n)
    weights = randn(n)
    g = grad(lambda v: (sig.savgol_filter(v, 11, 3) * weights).sum())(x)
    # savgol_filter is linear: its gradient is its transpose applied to the weights
    probe = onp.zeros(n)
    for i in (0, 3, n // 2, n - 2):
        probe[:] = 0
        probe[i] = 1.0
        assert onp.isclose(g[i], sps.savgol_filter(probe, 11, 3) @ weights)
    spec_w = randn(*sps.stft(x, nperseg=256)[2].shape)
    g = grad(lambda v: (sig.stft(v, nperseg=256)[2].real * spec_w).sum())(x)
    for i in (0, 1000, n - 1):
        probe[:] = 0
        probe[i] = 1.0
        assert onp.isclose(g[i], (sps.stft(probe, nperseg=256)[2].real * spec_w).sum())
    z = sps.stft(x, nperseg=256)[2]
    out_w = randn(sps.istft(z, nperseg=256)[1].shape[0])
    g = grad(lambda z: (sig.istft(z, nperseg=256)[1] * out_w).sum())(z)
    assert g.shape == z.shape and onp.all(onp.isfinite(g))
    probe = onp.zeros(z.shape, complex)
    probe[3, 700] = 1.0
    assert onp.isclose(g[3, 700].real, sps.istft(probe, nperseg=256)[1] @ out_w)


def test_matrix_fallback_is_guarded():
    """Options without a structured gradient use ``linear_map``, which refuses to
    build a huge matrix rather than exhausting memory."""
    from autograd import grad
    system = sps.dlti(*sps.butter(3, 0.4))
    with pytest.raises(NotImplementedError, match="decimate"):
        grad(lambda v: sig.decimate(v, 2, ftype=system).sum())(randn(10_000))
    small = randn(9)
    check_grads(lambda v: sig.resample_poly(v, 1, 4, padtype="antisymmetric"), modes=MODES)(small)
