"""Tune a regularisation strength by gradient descent through scipy.optimize.minimize.

A bilevel problem: the inner problem fits an L2-regularised logistic
regression with SciPy's L-BFGS-B; the outer problem chooses the strength
``exp(log_lam)`` that minimises the loss on held-out data.  The gradient of
the held-out loss with respect to ``log_lam`` goes *through the optimiser*:
autograd differentiates the optimum implicitly (``dw*/dlam = -H^{-1}
d(grad)/dlam``, H the Hessian of the training loss at the optimum), and the
training objective simply closes over the traced ``log_lam``.

    python examples/implicit_optimize.py
"""

import numpy as onp

import autograd.numpy as np
from autograd import grad, value_and_grad
from autograd.scipy.optimize import minimize


def make_data(n_train=40, n_valid=200, dim=10, seed=0):
    rng = onp.random.default_rng(seed)
    w_true = rng.standard_normal(dim) * (rng.random(dim) < 0.4)
    X = rng.standard_normal((n_train + n_valid, dim))
    y = (X @ w_true + 0.8 * rng.standard_normal(n_train + n_valid) > 0).astype(float)
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def log_loss(w, X, y):
    z = np.dot(X, w)
    return np.mean(np.logaddexp(0.0, z) - y * z)


def fit(log_lam, X, y):
    """The regularised fit; its objective closes over the traced log_lam."""
    lam = np.exp(log_lam)

    def objective(w):
        return log_loss(w, X, y) + 0.5 * lam * np.sum(w * w)
    res = minimize(objective, np.zeros(X.shape[1]), jac=grad(objective), method="L-BFGS-B",
                   options={"gtol": 1e-10, "ftol": 1e-14})
    return res.x


def validation_loss(log_lam, data):
    X, y, Xv, yv = data
    return log_loss(fit(log_lam, X, y), Xv, yv)


def main():
    data = make_data()
    log_lam = np.log(1e-2)
    loss_and_grad = value_and_grad(validation_loss)

    # the implicit gradient agrees with a finite difference of re-fitting
    g = loss_and_grad(log_lam, data)[1]
    h = 1e-4
    fd = (validation_loss(log_lam + h, data) - validation_loss(log_lam - h, data)) / (2 * h)
    print(f"d loss / d log_lam: implicit {g:.8f}   finite difference {fd:.8f}")
    assert abs(g - fd) < 1e-4 * max(1.0, abs(fd))

    start = validation_loss(log_lam, data)
    for step in range(25):
        value, g = loss_and_grad(log_lam, data)
        log_lam = log_lam - 2.0 * g / max(1.0, abs(g))      # a bounded step in log space
        if step % 5 == 0:
            print(f"step {step:2d}  lambda {np.exp(log_lam):.4g}  held-out loss {value:.5f}")
    end = validation_loss(log_lam, data)
    print(f"held-out loss {start:.5f} -> {end:.5f} at lambda = {np.exp(log_lam):.4g}")
    assert end < start
    print("OK")


if __name__ == "__main__":
    main()
