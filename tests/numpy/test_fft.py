"""numpy.fft: every transform, both modes, second order, over lengths, axes and norms.

One row per (function, variant): keyword arguments (``n``/``s`` padding and
truncating, ``axis``/``axes``, ``norm``) and the input (real or complex,
float32 where meaningful, odd and even lengths: the Nyquist entry of
``rfft``/``irfft`` exists only for even lengths).
"""

import numpy as onp
import pytest

import autograd.numpy as np
from autograd import grad
from autograd.test_util import check_grads

ff = np.fft
MODES = ["fwd", "rev"]


def rand(shape, dtype="float64", seed=0):
    rng = onp.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if onp.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


R, C = "float64", "complex128"

# fmt: off
# (tested name, keyword arguments, input shape, dtype)
ROWS = [
    ("fft",       {},                                   (5,),      R),
    ("fft",       {},                                   (4,),      C),
    ("fft",       {"n": 7, "norm": "ortho"},            (2, 5),    C),
    ("fft",       {"n": 3, "axis": 0},                  (5, 2),    R),
    ("fft",       {"norm": "forward"},                  (4,),      "float32"),
    ("ifft",      {},                                   (6,),      C),
    ("ifft",      {"n": 4, "axis": 0, "norm": "forward"}, (6, 2),  R),
    ("ifft",      {"n": 8, "norm": "backward"},         (5,),      C),
    ("fft2",      {},                                   (3, 4),    C),
    ("fft2",      {"s": (2, 5), "norm": "ortho"},       (2, 3, 4), R),
    ("ifft2",     {"axes": (0, 2)},                     (3, 2, 4), C),
    ("ifft2",     {"s": (4, 2), "norm": "forward"},     (3, 3),    C),
    ("fftn",      {},                                   (2, 3, 2), C),
    ("fftn",      {"s": (3, 5), "axes": (0, 1)},        (4, 3),    R),
    ("ifftn",     {"axes": (1,), "norm": "ortho"},      (2, 5),    C),
    ("ifftn",     {"s": (2, 3, 3), "axes": (0, 1, 2)},  (3, 2, 2), C),
    ("rfft",      {},                                   (6,),      R),
    ("rfft",      {},                                   (5,),      R),
    ("rfft",      {"n": 8, "axis": 0, "norm": "ortho"}, (5, 2),    R),
    ("rfft",      {"n": 3, "norm": "forward"},          (2, 6),    R),
    ("rfft",      {},                                   (6,),      "float32"),
    ("irfft",     {},                                   (4,),      C),
    ("irfft",     {"n": 7},                             (4,),      C),
    ("irfft",     {"n": 10, "axis": 0, "norm": "ortho"}, (4, 2),   C),
    ("irfft",     {"n": 3, "norm": "forward"},          (2, 5),    C),
    ("irfft",     {"n": 6},                             (4,),      R),
    ("rfft2",     {},                                   (4, 5),    R),
    ("rfft2",     {"s": (3, 6), "norm": "ortho"},       (2, 4, 4), R),
    ("irfft2",    {},                                   (3, 4),    C),
    ("irfft2",    {"s": (4, 5), "axes": (0, 2)},        (3, 2, 3), C),
    ("rfftn",     {},                                   (2, 3, 4), R),
    ("rfftn",     {"s": (5, 3), "axes": (1, 0), "norm": "forward"}, (4, 4), R),
    ("irfftn",    {},                                   (2, 3, 3), C),
    ("irfftn",    {"s": (3, 4), "axes": (0, 1), "norm": "ortho"}, (2, 4), C),
    ("hfft",      {},                                   (4,),      C),
    ("hfft",      {"n": 7, "norm": "ortho"},            (2, 4),    C),
    ("hfft",      {"n": 4, "axis": 0, "norm": "forward"}, (5, 2),  C),
    ("ihfft",     {},                                   (6,),      R),
    ("ihfft",     {"n": 5, "axis": 0, "norm": "forward"}, (4, 2),  R),
    ("ihfft",     {"n": 8, "norm": "ortho"},            (7,),      R),
    ("fftshift",  {},                                   (5,),      R),
    ("fftshift",  {"axes": 1},                          (2, 5),    C),
    ("fftshift",  {"axes": (0, 1)},                     (3, 4),    R),
    ("ifftshift", {},                                   (2, 5),    C),
    ("ifftshift", {"axes": (0,)},                       (5, 2),    R),
]
# fmt: on

TESTED = {f"autograd.numpy.fft.{row[0]}" for row in ROWS}


def _id(row):
    name, kwargs, shape, dtype = row
    args = ",".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{name}({args})-{shape}-{dtype}"


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_fft(row):
    name, kwargs, shape, dtype = row
    fun = getattr(ff, name)
    x = rand(shape, dtype)
    # the transforms are linear: the second-order check is cheap and exact
    check_grads(lambda x: fun(x, **kwargs), modes=MODES, order=2)(x)


def test_gradient_of_real_input_is_real():
    g = grad(lambda x: np.sum(np.abs(ff.fft(x)) ** 2))(rand(4))
    assert g.dtype == onp.float64
    assert onp.allclose(g, 2 * 4 * rand(4))        # Parseval: |F x|^2 = n |x|^2


def test_irfft_of_rfft_is_identity():
    x = rand(6)
    g = grad(lambda x: np.sum(ff.irfft(ff.rfft(x)) * onp.arange(6.0)))(x)
    assert onp.allclose(g, onp.arange(6.0))


def test_frequencies_are_constants():
    def f(d):
        return np.sum(ff.fftfreq(4, d)) + np.sum(ff.rfftfreq(4, d)) + d
    assert grad(f)(0.5) == 1.0
