"""The ``scipy.fft`` rule set (loader declared by the plugin).

Every transform of ``scipy.fft`` is linear over the reals: its JVP is the
transform of the tangent, its VJP the transpose (the project's complex
convention: no conjugation for a complex-linear map).

* The ``fft`` family computes what ``numpy.fft``'s functions do, with two
  more options (``overwrite_x``, ``workers``): those take numpy.fft's rules
  (:func:`autograd.extend.share_rules`, :func:`_numpy_call`).  ``hfft2``/
  ``hfftn`` and ``ihfft2``/``ihfftn``, which NumPy lacks, are ``irfftn`` of
  the conjugate and the conjugate of ``rfftn`` with the normalisation reversed,
  so they transpose through numpy.fft's ``irfftn``/``rfftn`` rules.
* ``dct``/``dst`` of type ``t``, with normalisation ``norm`` and
  ``orthogonalize``, are ``M = s * D_out @ C_t @ D_in`` along the axis: ``C_t``
  SciPy's unnormalised matrix, ``s`` the scalar of ``norm`` and ``D_out``,
  ``D_in`` the diagonal boundary factors of ``orthogonalize``.  ``C_1`` (DCT),
  ``C_4``, and DST ``S_1``, ``S_4`` are symmetric up to boundary weights, and
  ``C_2``/``C_3`` (``S_2``/``S_3``) are each other's transposes up to the weight
  of the one boundary term type 3 counts once (:func:`_transpose_weights`), so
  ``M^T g = post * T_other(pre * g)`` with ``T_other`` an unnormalised
  transform of the same family.  The inverses are forward transforms of the
  inverse type with the normalisation reversed (:func:`_forward_spec`).  A
  length ``n``/shape ``s`` that pads or truncates the input is transposed by
  truncating or padding the cotangent back.
* ``fht``/``ifht`` (FFTLog) are symmetric matrices along the last axis for
  every ``mu``, ``offset`` and ``bias``: a reversed circular convolution (its
  entries depend on ``i + j`` only) between two power-law weights whose ratio
  is constant, so each is its own transpose.
* ``fftshift``/``ifftshift`` are each other's transposes.

Each rule is written with the primitives of :mod:`autograd.scipy.fft` and
``autograd.numpy``, so derivatives of any order are exact.
"""

import numpy as onp

from autograd.extend import (apply_vjp, defjvp, defnondiff, defvia, defvjp_fast, getval,
                             once_per_registry, share_rules)
from autograd_numpy import fft as anfft
from autograd_numpy import numpy_wrapper as anp
from autograd_numpy.broadcasting import fit_cotangent
from autograd_numpy.rules.fft import REVERSED_NORM, fit_to
from autograd_numpy.util import shape_of

from .. import fft as asfft

__all__ = ["register"]

# ----------------------------------------------------------------- arguments

def _tuple(v):
    return None if v is None else (v,) if onp.ndim(v) == 0 else tuple(v)


def _axes_and_sizes(x, s, axes, ans):
    """Normalised ``(axes, sizes)`` of an n-dimensional transform of ``x`` (SciPy's
    reading: ``s`` alone names the last ``len(s)`` axes); the sizes transformed
    are read off the output ``ans``."""
    nd = len(shape_of(x))
    s, axes = _tuple(s), _tuple(axes)
    if axes is None:
        axes = range(nd) if s is None else range(nd - len(s), nd)
    axes = [int(a) % nd for a in axes]
    return axes, [shape_of(ans)[a] for a in axes]


# ----------------------------------------------------------------- fft family: numpy.fft's rules

def _numpy_call(x, n=None, axis=-1, norm=None, *options, **kw_options):
    return (x, n, axis, norm), {}


def _numpy_call_nd(default_axes):
    def call(x, s=None, axes=default_axes, norm=None, *options, **kw_options):
        return (x, _tuple(s), _tuple(axes), norm), {}
    return call


# fmt: off
# scipy.fft function -> (numpy.fft function with its rules, how a call translates)
_SHARED = [
    ("fft",    anfft.fft,    _numpy_call),
    ("ifft",   anfft.ifft,   _numpy_call),
    ("fft2",   anfft.fft2,   _numpy_call_nd((-2, -1))),
    ("ifft2",  anfft.ifft2,  _numpy_call_nd((-2, -1))),
    ("fftn",   anfft.fftn,   _numpy_call_nd(None)),
    ("ifftn",  anfft.ifftn,  _numpy_call_nd(None)),
    ("rfft",   anfft.rfft,   _numpy_call),
    ("irfft",  anfft.irfft,  _numpy_call),
    ("rfft2",  anfft.rfft2,  _numpy_call_nd((-2, -1))),
    ("irfft2", anfft.irfft2, _numpy_call_nd((-2, -1))),
    ("rfftn",  anfft.rfftn,  _numpy_call_nd(None)),
    ("irfftn", anfft.irfftn, _numpy_call_nd(None)),
    ("hfft",   anfft.hfft,   _numpy_call),
    ("ihfft",  anfft.ihfft,  _numpy_call),
]
# fmt: on


def _hfftn_vjp(default_axes):
    def vjp(g, ans, x, s=None, axes=default_axes, norm=None, *options, **kw_options):
        args = (x, _tuple(s), _tuple(axes), REVERSED_NORM[norm])
        return anp.conj(apply_vjp(anfft.irfftn, 0, g, ans, args))
    return vjp


def _ihfftn_vjp(default_axes):
    def vjp(g, ans, x, s=None, axes=default_axes, norm=None, *options, **kw_options):
        args = (x, _tuple(s), _tuple(axes), REVERSED_NORM[norm])
        return apply_vjp(anfft.rfftn, 0, anp.conj(g), ans, args)
    return vjp


# ----------------------------------------------------------------- dct / dst

_INVERSE_TYPE = {1: 1, 2: 3, 3: 2, 4: 4}


def _forward_spec(name, type, norm, orthogonalize):
    """``(kind, type, norm, orthogonalize)`` of the forward transform equal to ``name``'s
    (``idct(x, t, norm)`` is ``dct(x, t', reversed norm)``, ``t'`` the inverse type)."""
    norm = "backward" if norm is None else norm
    orth = norm == "ortho" if orthogonalize is None else bool(orthogonalize)
    kind = name.lstrip("i")[:3]
    if name.startswith("i"):
        return kind, _INVERSE_TYPE[int(type)], REVERSED_NORM[norm], orth
    return kind, int(type), norm, orth


def _transpose_weights(kind, type, norm, orth, n):
    """``(pre, other, post)`` with ``M^T g = post * T(pre * g, type=other)`` along the
    axis, ``T`` the unnormalised, unorthogonalised transform of ``kind``."""
    pre, post, other = onp.ones(n), onp.ones(n), type
    # The unnormalised matrices: C^T = diag(post) C_other diag(pre).
    # DCT-I counts x_0, x_{N-1} once, DCT-III x_0 once, DST-III x_{N-1} once.
    if (kind, type) == ("dct", 1):
        pre[[0, -1]], post[[0, -1]] = 2.0, 0.5
    elif type == 2:
        pre[0 if kind == "dct" else -1], other = 2.0, 3
    elif type == 3:
        post[0 if kind == "dct" else -1], other = 0.5, 2
    # orthogonalize: M = D_out C D_in  =>  M^T g = D_in C^T (D_out g)
    if orth:
        r2 = onp.sqrt(2.0)
        if (kind, type) == ("dct", 1):
            pre[[0, -1]] /= r2
            post[[0, -1]] *= r2
        elif type == 2:
            pre[0 if kind == "dct" else -1] /= r2
        elif type == 3:
            post[0 if kind == "dct" else -1] *= r2
    m = n - 1 if (kind, type) == ("dct", 1) else n + 1 if (kind, type) == ("dst", 1) else n
    post *= {"backward": 1.0, "ortho": 1.0 / onp.sqrt(2.0 * m), "forward": 0.5 / m}[norm]
    return pre, other, post


def _weigh(x, w, axis):
    if onp.all(w == 1.0):
        return x
    nd = len(shape_of(x))
    real = onp.empty(0, onp.result_type(getval(x))).real.dtype
    return x * onp.asarray(w, real).reshape((-1,) + (1,) * (nd - 1 - axis))


def _transpose_along(g, name, type, axis, norm, orthogonalize):
    """``M^T g`` along ``axis`` for ``M`` the 1-D transform ``name`` (length of ``g``)."""
    kind, type, norm, orth = _forward_spec(name, type, norm, orthogonalize)
    pre, other, post = _transpose_weights(kind, type, norm, orth, shape_of(g)[axis])
    fun = asfft.dct if kind == "dct" else asfft.dst
    h = fun(_weigh(g, pre, axis), other, None, axis, "backward", orthogonalize=False)
    return _weigh(h, post, axis)


def _trig_vjp(name):
    def vjp(g, ans, x, type=2, n=None, axis=-1, norm=None, overwrite_x=False, workers=None,
            orthogonalize=None):
        axis = int(axis) % len(shape_of(x))
        return fit_to(_transpose_along(g, name, type, axis, norm, orthogonalize), x, [axis])
    return vjp


def _trig_n_vjp(name):
    def vjp(g, ans, x, type=2, s=None, axes=None, norm=None, overwrite_x=False, workers=None,
            orthogonalize=None):
        axes, _ = _axes_and_sizes(x, s, axes, ans)
        for axis in axes:
            g = _transpose_along(g, name[:-1], type, axis, norm, orthogonalize)
        return fit_to(g, x, axes)
    return vjp


# ----------------------------------------------------------------- fht, shifts

def _fht_vjp(fun):
    def vjp(g, ans, a, dln, mu, offset=0.0, bias=0.0):
        return fit_cotangent(fun(g, dln, mu, offset=offset, bias=bias), a)
    return vjp


def _shift_vjp(inverse):
    return lambda g, ans, x, axes=None: inverse(g, axes)


# ----------------------------------------------------------------- registration

# fmt: off
_OWN = [
    ("hfft2",     _hfftn_vjp((-2, -1))),
    ("hfftn",     _hfftn_vjp(None)),
    ("ihfft2",    _ihfftn_vjp((-2, -1))),
    ("ihfftn",    _ihfftn_vjp(None)),
    *[(name, _trig_vjp(name)) for name in ("dct", "idct", "dst", "idst")],
    *[(name, _trig_n_vjp(name)) for name in ("dctn", "idctn", "dstn", "idstn")],
    ("fht",       _fht_vjp(asfft.fht)),
    ("ifht",      _fht_vjp(asfft.ifht)),
    ("fftshift",  _shift_vjp(asfft.ifftshift)),
    ("ifftshift", _shift_vjp(asfft.fftshift)),
]
# fmt: on


@once_per_registry
def register():
    """Register the scipy.fft rules into the active registry (idempotent)."""
    import scipy.fft as sfft

    for name, source, adapt in _SHARED:
        share_rules(getattr(asfft, name), source, adapt)
    for name, vjp in _OWN:
        defvjp_fast(getattr(asfft, name), vjp)
        defjvp(getattr(asfft, name), "same")     # linear: the transform of the tangent
    for name, raw in asfft.raw_callables().items():
        if raw is not getattr(sfft, name):
            defvia(getattr(sfft, name), getattr(asfft, name))
    for name in asfft._CONSTANT + asfft._AS_IS:     # lengths, frequencies; backend controls
        defnondiff(getattr(sfft, name))
