"""autograd.scipy.fft: every transform in both modes to second order, over lengths,
axes, norms and dtypes; the DCT/DST transposes checked against SciPy's matrices for
every type x norm x orthogonalize (the adjoint identity <A x, y> = <x, A^T y>), and
the FFTLog transforms for several orders, offsets and biases."""

import itertools

import numpy as onp
import pytest
import scipy.fft as sfft

import autograd.numpy as np
import autograd.scipy.fft as afft
from autograd import grad, make_jvp, make_vjp
from autograd.test_util import check_grads

MODES = ["fwd", "rev"]
R, C, F = "float64", "complex128", "float32"


def rand(shape, dtype=R, seed=0):
    rng = onp.random.default_rng(seed)
    x = rng.standard_normal(shape)
    if onp.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


# fmt: off
# (name, keyword arguments, input shape, dtype)
ROWS = [
    ("fft",    {},                                        (5,),      R),
    ("fft",    {"n": 7, "norm": "ortho", "workers": 2},   (2, 5),    C),
    ("fft",    {"n": 3, "axis": 0},                       (5, 2),    R),
    ("fft",    {"norm": "forward"},                       (4,),      F),
    ("ifft",   {},                                        (6,),      C),
    ("ifft",   {"n": 4, "axis": 0, "norm": "forward"},    (6, 2),    R),
    ("fft2",   {},                                        (3, 4),    C),
    ("fft2",   {"s": (2, 5), "norm": "ortho"},            (2, 3, 4), R),
    ("ifft2",  {"axes": (0, 2)},                          (3, 2, 4), C),
    ("fftn",   {},                                        (2, 3, 2), C),
    ("fftn",   {"s": (3, 5), "axes": (0, 1)},             (4, 3),    R),
    ("fftn",   {"axes": 1},                               (2, 4),    C),
    ("ifftn",  {"axes": (1,), "norm": "ortho"},           (2, 5),    C),
    ("rfft",   {},                                        (6,),      R),
    ("rfft",   {},                                        (5,),      R),
    ("rfft",   {"n": 8, "axis": 0, "norm": "ortho"},      (5, 2),    R),
    ("rfft",   {},                                        (6,),      F),
    ("irfft",  {},                                        (4,),      C),
    ("irfft",  {"n": 7},                                  (4,),      C),
    ("irfft",  {"n": 3, "norm": "forward"},               (2, 5),    C),
    ("rfft2",  {},                                        (4, 5),    R),
    ("irfft2", {"s": (4, 5), "axes": (0, 2)},             (3, 2, 3), C),
    ("rfftn",  {"s": (5, 3), "axes": (1, 0), "norm": "forward"}, (4, 4), R),
    ("irfftn", {},                                        (2, 3, 3), C),
    ("hfft",   {},                                        (4,),      C),
    ("hfft",   {"n": 7, "norm": "ortho"},                 (2, 4),    C),
    ("ihfft",  {},                                        (6,),      R),
    ("ihfft",  {"n": 5, "axis": 0, "norm": "forward"},    (4, 2),    R),
    ("hfft2",  {},                                        (3, 4),    C),
    ("hfft2",  {"s": (4, 5), "norm": "ortho"},            (2, 3, 3), C),
    ("hfftn",  {},                                        (2, 3, 3), C),
    ("hfftn",  {"s": (3, 4), "axes": (0, 1), "norm": "forward"}, (2, 4), C),
    ("ihfft2", {},                                        (4, 5),    R),
    ("ihfftn", {"s": (3, 6), "axes": (1, 0), "norm": "ortho"}, (4, 4), R),
    ("ihfftn", {},                                        (2, 3, 4), R),
    ("dct",    {},                                        (6,),      R),
    ("dct",    {"type": 1, "norm": "ortho"},              (5,),      R),
    ("dct",    {"type": 3, "n": 8, "axis": 0},            (5, 2),    R),
    ("dct",    {"type": 4, "norm": "forward", "n": 3},    (2, 5),    C),
    ("dct",    {"type": 2, "orthogonalize": True},        (4,),      F),
    ("idct",   {"type": 1, "n": 7},                       (2, 5),    R),
    ("idct",   {"type": 2, "norm": "ortho", "axis": 0},   (4, 3),    C),
    ("idct",   {"type": 3, "norm": "forward"},            (6,),      R),
    ("dst",    {},                                        (5,),      R),
    ("dst",    {"type": 1, "norm": "forward", "n": 7},    (2, 4),    R),
    ("dst",    {"type": 3, "norm": "ortho"},              (6,),      C),
    ("dst",    {"type": 4, "axis": 0},                    (4, 2),    F),
    ("idst",   {"type": 2, "n": 3},                       (5,),      R),
    ("idst",   {"type": 4, "norm": "ortho"},              (2, 5),    R),
    ("dctn",   {},                                        (3, 4),    R),
    ("dctn",   {"type": 1, "s": (4, 5), "norm": "ortho"}, (2, 3, 4), R),
    ("dctn",   {"type": 3, "axes": (0, 2)},               (3, 2, 4), C),
    ("idctn",  {"type": 2, "s": (2, 6), "axes": (1, 0), "norm": "forward"}, (4, 4), R),
    ("idctn",  {"type": 4},                               (3, 3),    F),
    ("dstn",   {"type": 2, "norm": "ortho"},              (3, 4),    R),
    ("dstn",   {"type": 1, "axes": 1},                    (2, 5),    R),
    ("idstn",  {"type": 3, "s": (5, 3)},                  (4, 4),    R),
    ("fht",    {"dln": 0.1, "mu": 0.5},                   (8,),      R),
    ("fht",    {"dln": 0.05, "mu": 1.5, "offset": 0.3, "bias": 0.4}, (3, 7), R),
    ("ifht",   {"dln": 0.1, "mu": -0.3, "bias": -0.5},    (6,),      R),
    ("ifht",   {"dln": 0.2, "mu": 0.0, "offset": -0.1},   (2, 5),    R),
    ("fftshift",  {},                                     (5,),      R),
    ("fftshift",  {"axes": 1},                            (2, 5),    C),
    ("ifftshift", {"axes": (0,)},                         (5, 2),    R),
]
# fmt: on

TESTED = {"fft." + row[0] for row in ROWS}


def _call(name, kwargs):
    fun = getattr(afft, name)
    if name in ("fht", "ifht"):
        kw = dict(kwargs)
        dln, mu = kw.pop("dln"), kw.pop("mu")
        return lambda x: fun(x, dln, mu, **kw)
    return lambda x: fun(x, **kwargs)


def _id(row):
    name, kwargs, shape, dtype = row
    return f"{name}({','.join(f'{k}={v}' for k, v in kwargs.items())})-{shape}-{dtype}"


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_values_are_scipys(row):
    name, kwargs, shape, dtype = row
    x = rand(shape, dtype)
    ours = _call(name, kwargs)(x)
    kw = dict(kwargs)
    if name in ("fht", "ifht"):
        theirs = getattr(sfft, name)(x, kw.pop("dln"), kw.pop("mu"), **kw)
    else:
        theirs = getattr(sfft, name)(x, **kw)
    assert ours.dtype == theirs.dtype
    onp.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_grads(row):
    name, kwargs, shape, dtype = row
    # every transform is linear: the second-order check is cheap and exact
    check_grads(_call(name, kwargs), modes=MODES, order=2)(rand(shape, dtype))


# ----------------------------------------------------------------- adjoint identity

def _matrix(fun, n):
    """The matrix of the 1-D linear map ``fun`` on length-``n`` vectors."""
    return onp.stack([fun(e) for e in onp.eye(n)], axis=1)


def _vjp_matrix(fun, n, m):
    """The matrix of the VJP of ``fun`` (``A^T`` when ``fun`` is ``A``)."""
    vjp = make_vjp(fun)(onp.zeros(n))[0]
    return onp.stack([vjp(e) for e in onp.eye(m)], axis=1)


TRIG = list(itertools.product(["dct", "idct", "dst", "idst"], [1, 2, 3, 4],
                              [None, "backward", "ortho", "forward"], [None, False, True]))


@pytest.mark.parametrize("name, type, norm, orth", TRIG)
@pytest.mark.parametrize("n_in, n", [(5, None), (6, 4), (4, 7)])
def test_trig_adjoint_identity(name, type, norm, orth, n_in, n):
    """<A x, y> = <x, A^T y> with A read off SciPy: the VJP is the transpose of
    exactly what SciPy computes, and the JVP is A itself."""
    raw = getattr(sfft, name)
    ours = getattr(afft, name)
    A = _matrix(lambda e: raw(e, type=type, n=n, norm=norm, orthogonalize=orth), n_in)
    f = lambda x: ours(x, type=type, n=n, norm=norm, orthogonalize=orth)  # noqa: E731
    onp.testing.assert_allclose(_vjp_matrix(f, n_in, A.shape[0]), A.T, atol=1e-12)
    x, y = rand(n_in, seed=1), rand(A.shape[0], seed=2)
    vjp = make_vjp(f)(x)[0]
    onp.testing.assert_allclose(onp.dot(A @ x, y), onp.dot(x, vjp(y)), rtol=1e-12)
    onp.testing.assert_allclose(make_jvp(f)(x)(x)[1], A @ x, atol=1e-12)


@pytest.mark.parametrize("name", ["fht", "ifht"])
@pytest.mark.parametrize("n, mu, offset, bias", [(6, 0.5, 0.0, 0.0), (7, 1.0, 0.3, 0.4),
                                                 (8, -0.3, 0.1, 0.2), (5, 2.0, -0.2, 1.1)])
def test_fht_adjoint_identity(name, n, mu, offset, bias):
    raw, ours = getattr(sfft, name), getattr(afft, name)
    A = _matrix(lambda e: raw(e, 0.1, mu, offset=offset, bias=bias), n)
    f = lambda x: ours(x, 0.1, mu, offset=offset, bias=bias)  # noqa: E731
    onp.testing.assert_allclose(_vjp_matrix(f, n, n), A.T, rtol=1e-10, atol=1e-12)


def test_fft_family_adjoints_against_matrices():
    """The transposes numpy.fft's rules give match SciPy's matrices (the complex-linear
    transforms on complex input: A^T, no conjugation)."""
    for name, n in [("fft", 5), ("ifft", 4), ("fftshift", 5)]:
        raw, ours = getattr(sfft, name), getattr(afft, name)
        A = onp.stack([raw(e) for e in onp.eye(n, dtype=complex)], axis=1)
        vjp = make_vjp(ours)(onp.zeros(n, complex))[0]
        y = rand(A.shape[0], C, seed=3)
        onp.testing.assert_allclose(vjp(y), A.T @ y, atol=1e-12)


# ----------------------------------------------------------------- options and helpers

def test_overwrite_x_never_destroys_a_traced_input():
    x = rand(8)
    keep = x.copy()

    def loss(x):
        y = afft.dct(x, overwrite_x=True) + afft.fft(x, None, -1, None, True).real
        return np.sum(y * x)

    check_grads(loss, modes=MODES)(x)
    onp.testing.assert_array_equal(x, keep)


def test_helpers_are_constants():
    def f(d):
        n = afft.next_fast_len(7) + afft.prev_fast_len(9, real=True)
        return np.sum(afft.fftfreq(4, d)) + np.sum(afft.rfftfreq(4, d)) + d * n
    assert grad(f)(0.5) == afft.next_fast_len(7) + afft.prev_fast_len(9, real=True)
    assert grad(lambda mu: afft.fhtoffset(0.1, mu) + mu)(0.5) == 1.0


def test_parseval_orthonormal_dct():
    x = rand(6)
    g = grad(lambda x: np.sum(afft.dct(x, norm="ortho") ** 2))(x)
    onp.testing.assert_allclose(g, 2 * x)


def test_gradient_of_real_input_is_real():
    for fun in (afft.fft, afft.rfft, afft.dct, afft.ihfft):
        g = grad(lambda x, fun=fun: np.sum(np.abs(fun(x)) ** 2))(rand(5, F))
        assert g.dtype == onp.float32, fun


def test_coverage_shows_every_transform():
    from autograd.plugins.report import coverage
    rows = {r["name"]: r for r in coverage("scipy.fft")["rows"]}
    for name in ["fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "irfft", "rfft2",
                 "irfft2", "rfftn", "irfftn", "hfft", "ihfft", "hfft2", "ihfft2", "hfftn",
                 "ihfftn", "dct", "idct", "dst", "idst", "dctn", "idctn", "dstn", "idstn",
                 "fht", "ifht", "fftshift", "ifftshift"]:
        assert rows[name]["vjp"] and rows[name]["jvp"], name
    for name in ["fftfreq", "rfftfreq", "next_fast_len", "prev_fast_len", "fhtoffset"]:
        assert rows[name]["nondiff"], name
