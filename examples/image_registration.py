"""Register two images and fit a spline, with derivatives through SciPy.

1. Image registration.  ``target`` is ``image`` rotated by an unknown angle and
   moved by an unknown shift, plus noise.  The angle and the shift are
   recovered by minimising the squared difference between the target and
   ``image`` resampled at the transformed pixel grid with
   ``scipy.ndimage.map_coordinates`` (cubic splines), after a Gaussian blur of
   both (``gaussian_filter``) that widens the basin of attraction.
   ``autograd.scipy.ndimage`` differentiates the resampling in the coordinates
   and the blur in the image; SciPy's BFGS does the rest.

2. Spline fit.  The values of a ``CubicSpline`` at a few knots are fitted to
   noisy samples of a curve (least squares plus a curvature penalty, the
   spline's second derivative at many points): the spline is built from the
   traced knot values, so both terms are differentiable.

Runs in a few seconds:

    python examples/image_registration.py
"""

import numpy as onp
from scipy.optimize import minimize

import autograd.numpy as np
from autograd import value_and_grad
from autograd.scipy.interpolate import CubicSpline
from autograd.scipy.ndimage import gaussian_filter, map_coordinates

TRUE_ANGLE, TRUE_SHIFT = 0.15, onp.array([1.8, -2.6])   # radians, pixels


def make_image(n=48, seed=0):
    """A smooth test image: a few anisotropic Gaussian blobs."""
    rng = onp.random.default_rng(seed)
    yy, xx = onp.mgrid[0:n, 0:n].astype(float)
    img = onp.zeros((n, n))
    for _ in range(6):
        cy, cx = rng.uniform(0.25 * n, 0.75 * n, 2)
        sy, sx = rng.uniform(2.0, 6.0, 2)
        img += rng.uniform(0.5, 1.5) * onp.exp(-0.5 * (((yy - cy) / sy) ** 2
                                                      + ((xx - cx) / sx) ** 2))
    return img


def warp(img, angle, shift):
    """``img`` sampled at the grid rotated by ``angle`` about the centre and moved by ``shift``."""
    n = img.shape[0]
    c = (n - 1) / 2.0
    yy, xx = onp.mgrid[0:n, 0:n].astype(float)
    cos, sin = np.cos(angle), np.sin(angle)
    ys = cos * (yy - c) - sin * (xx - c) + c + shift[0]
    xs = sin * (yy - c) + cos * (xx - c) + c + shift[1]
    return map_coordinates(img, np.stack([ys, xs]), order=3, mode="nearest")


def register(image, target):
    blurred_target = gaussian_filter(target, 1.5)

    def loss(p):
        moved = gaussian_filter(warp(image, p[0], p[1:]), 1.5)
        return np.mean((moved - blurred_target) ** 2)

    res = minimize(value_and_grad(loss), onp.zeros(3), jac=True, method="BFGS")
    return res.x, res.fun


def fit_spline(seed=0):
    rng = onp.random.default_rng(seed)
    xs = onp.sort(rng.uniform(0.0, 2 * onp.pi, 80))
    ys = onp.sin(xs) + 0.1 * rng.standard_normal(80)
    knots = onp.linspace(0.0, 2 * onp.pi, 9)
    fine = onp.linspace(0.0, 2 * onp.pi, 200)

    def loss(v):
        spline = CubicSpline(knots, v, bc_type="natural")
        misfit = np.mean((spline(xs) - ys) ** 2)
        curvature = np.mean(spline(fine, 2) ** 2)
        return misfit + 1e-3 * curvature

    res = minimize(value_and_grad(loss), onp.zeros(9), jac=True, method="BFGS")
    err = onp.max(onp.abs(CubicSpline(knots, res.x, bc_type="natural")(fine) - onp.sin(fine)))
    return err


def main():
    image = make_image()
    rng = onp.random.default_rng(1)
    target = warp(image, TRUE_ANGLE, TRUE_SHIFT) + 0.01 * rng.standard_normal(image.shape)
    p, final = register(image, target)
    print(f"angle: true {TRUE_ANGLE:.4f}, recovered {p[0]:.4f}")
    print(f"shift: true {TRUE_SHIFT}, recovered {onp.round(p[1:], 4)}   (loss {final:.2e})")
    assert abs(p[0] - TRUE_ANGLE) < 5e-3 and onp.allclose(p[1:], TRUE_SHIFT, atol=5e-2)

    err = fit_spline()
    print(f"spline fit to noisy sin(x): max error {err:.3f}")
    assert err < 0.15
    print("OK")


if __name__ == "__main__":
    main()
