"""Ridge regression on a sparse design matrix with pydata/sparse (needs autograd-pydata-sparse).

The data X is a sparse.COO matrix (1,000 samples, 200 features, 2% of the
entries stored); the weights w are a dense NumPy array fitted by gradient
descent with autograd's grad, X @ w running in sparse.  Then the gradient with
respect to the data itself: how the fitted loss changes with each *stored*
entry of X (a sparse array with X's coordinates), checked against a finite
difference.

    pip install ./core ./autograd_numpy ./plugins/sparse
    python examples/sparse_regression.py
"""

import numpy as onp
import sparse

import autograd.numpy as np
from autograd import grad, value_and_grad

rng = onp.random.RandomState(0)
n, d = 1000, 200
X = sparse.random((n, d), density=0.02, random_state=0)
w_true = rng.randn(d)
y = X @ w_true + 0.01 * rng.randn(n)        # sparse @ dense: a dense vector
lam = 1e-2


def loss(w, X):
    r = X @ w - y
    return np.mean(r ** 2) + lam * np.sum(w ** 2)


# 1. Fit the dense weights: the gradient w.r.t. w is a dense ndarray.
w = onp.zeros(d)
step = 5.0
loss_and_grad = value_and_grad(loss)
for it in range(101):
    value, g = loss_and_grad(w, X)
    w = w - step * g
    if it % 25 == 0:
        print(f"iteration {it:3d}  loss {value:.6f}")
# the exact minimiser (normal equations, dense: the problem is small)
Xd = X.todense()
w_opt = onp.linalg.solve(Xd.T @ Xd / n + lam * onp.eye(d), Xd.T @ y / n)
print(f"final loss {loss(w, X):.6f}, optimum {loss(w_opt, X):.6f}")

# 2. The gradient w.r.t. the stored values of X, at the fitted w.
gX = grad(loss, argnum=1)(w, X)
assert isinstance(gX, sparse.COO) and gX.nnz == X.nnz
assert onp.array_equal(gX.coords, X.coords)           # X's pattern, entry for entry
k = int(onp.argmax(onp.abs(gX.data)))                  # the most influential stored entry
eps = 1e-6
bump = sparse.COO(X.coords, onp.where(onp.arange(X.nnz) == k, eps, 0.0), shape=X.shape)
numeric = (loss(w, X + bump) - loss(w, X - bump)) / (2 * eps)
print(f"d loss / d X{tuple(int(c) for c in X.coords[:, k])}: {gX.data[k]:.6e} "
      f"(finite difference {numeric:.6e})")
assert abs(numeric - gX.data[k]) < 1e-6 * max(1.0, abs(numeric))
assert loss(w, X) < 1.01 * loss(w_opt, X)
print("OK")
