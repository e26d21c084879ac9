"""Per-example gradients and the Jacobian of a small network, each in one batched pass.

A two-layer network is fitted to a toy regression problem.  ``vmap(grad(loss),
in_axes=(None, 0, 0))`` gives the gradient of every example's loss at once (for
gradient clipping per example, as differentially private training does, or to
look at gradient noise); ``jacobian`` gives the network's input-output
Jacobian at a point, computed with one backward pass over the whole identity
basis.  Both are checked against plain loops.

    python examples/per_example_gradients.py
"""

import numpy as onp

import autograd.numpy as np
from autograd import grad, jacobian, vmap


def predict(params, x):
    W1, b1, W2, b2 = params
    return np.tanh(x @ W1 + b1) @ W2 + b2


def loss(params, x, y):
    return np.sum((predict(params, x) - y) ** 2)


def main():
    rng = onp.random.RandomState(0)
    n, d, h, k = 64, 3, 16, 2
    X = rng.randn(n, d)
    Y = onp.stack([onp.sin(X[:, 0]) + X[:, 1], X[:, 1] * X[:, 2]], axis=1)
    params = [rng.randn(d, h) * 0.5, onp.zeros(h), rng.randn(h, k) * 0.5, onp.zeros(k)]

    per_example = vmap(grad(loss), in_axes=(None, 0, 0))
    for step in range(300):
        grads = per_example(params, X, Y)              # each: (n,) + the parameter's shape
        # clip each example's gradient to norm 1, then average (DP-SGD style)
        norms = onp.sqrt(sum(onp.sum(g.reshape(n, -1) ** 2, axis=1) for g in grads))
        factor = onp.minimum(1.0, 1.0 / (norms + 1e-12))
        params = [p - 0.1 * onp.mean(g * factor.reshape((n,) + (1,) * (g.ndim - 1)), axis=0)
                  for p, g in zip(params, grads)]
        if step % 100 == 0:
            print(f"step {step:3d}  mean loss {loss(params, X, Y) / n:.4f}")
    print(f"final      mean loss {loss(params, X, Y) / n:.4f}")

    # the batched per-example gradients are those of a loop over the examples
    grads = per_example(params, X, Y)
    for i in (0, 17, 63):
        for g, g_loop in zip(grads, grad(loss)(params, X[i], Y[i])):
            assert onp.allclose(g[i], g_loop)

    # the network's Jacobian at one input: (k outputs) x (d inputs)
    J = jacobian(predict, 1)(params, X[0])
    eps = 1e-6
    J_fd = onp.stack([(predict(params, X[0] + eps * e) - predict(params, X[0] - eps * e)) / (2 * eps)
                      for e in onp.eye(d)], axis=1)
    assert onp.allclose(J, J_fd, atol=1e-6)
    print("Jacobian at X[0]:\n", onp.round(J, 4))
    # Jacobians at every input at once: vmap of jacobian
    Js = vmap(jacobian(predict, 1), in_axes=(None, 0))(params, X)
    assert Js.shape == (n, k, d) and onp.allclose(Js[0], J)
    print("per-example gradients and Jacobians agree with loops: OK")


if __name__ == "__main__":
    main()
