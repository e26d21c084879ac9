"""Align two point clouds whose points are not matched, by gradient descent.

A cloud ``Y`` is the cloud ``X`` rotated, moved and shuffled, plus noise.  The
rotation (a rotation vector) and the translation are recovered by minimising
the symmetric Chamfer distance between the moved ``X`` and ``Y`` — every point
to its nearest neighbour in the other cloud — written with SciPy's
``cdist`` and ``Rotation`` as one would write it without derivatives;
``autograd.scipy.spatial`` differentiates both.  Runs in about a second:

    python examples/point_cloud_alignment.py
"""

import numpy as onp
from scipy.spatial.transform import Rotation as SciPyRotation

import autograd.numpy as np
from autograd import value_and_grad
from autograd.scipy.spatial.distance import cdist
from autograd.scipy.spatial.transform import Rotation

TRUE_ROTVEC = onp.array([0.4, -0.3, 0.5])
TRUE_SHIFT = onp.array([0.5, -0.2, 0.3])


def make_clouds(n=60, noise=0.01, seed=0):
    rng = onp.random.default_rng(seed)
    X = rng.standard_normal((n, 3)) * [2.0, 1.0, 0.5]      # an elongated cloud
    Y = SciPyRotation.from_rotvec(TRUE_ROTVEC).apply(X) + TRUE_SHIFT
    Y = Y[rng.permutation(n)] + noise * rng.standard_normal((n, 3))
    return X, Y


def chamfer(params, X, Y):
    """Mean squared distance of each point to the nearest point of the other cloud."""
    moved = Rotation.from_rotvec(params[:3]).apply(X) + params[3:]
    d = cdist(moved, Y, "sqeuclidean")
    return np.mean(np.min(d, axis=1)) + np.mean(np.min(d, axis=0))


def fit(X, Y, steps=300, rate=0.05):
    """Adam on the six parameters (rotation vector, translation)."""
    params = onp.zeros(6)
    m, v = onp.zeros(6), onp.zeros(6)
    loss_and_grad = value_and_grad(chamfer)
    for step in range(1, steps + 1):
        loss, g = loss_and_grad(params, X, Y)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        params = params - rate * (m / (1 - 0.9 ** step)) / (onp.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        if step % 50 == 0:
            print(f"step {step:3d}  chamfer {loss:.5f}")
    return params


if __name__ == "__main__":
    X, Y = make_clouds()
    params = fit(X, Y)
    print("rotation vector", onp.round(params[:3], 3), "true", TRUE_ROTVEC)
    print("translation    ", onp.round(params[3:], 3), "true", TRUE_SHIFT)
    ok = (onp.allclose(params[:3], TRUE_ROTVEC, atol=0.02)
          and onp.allclose(params[3:], TRUE_SHIFT, atol=0.02))
    print("OK" if ok else "not converged")
