"""Train a small neural network classifier written in plain NumPy.

The network, the loss and the data are ordinary ``autograd.numpy`` code; the
parameters are a list of ``(W, b)`` tuples; ``autograd.misc.optimizers.adam``
updates that structure directly.  Needs the NumPy add-on:

    python examples/neural_net.py
"""

import autograd.numpy as np
import autograd.numpy.random as npr
from autograd import grad
from autograd.misc.optimizers import adam


def make_spirals(n_per_class=100, noise=0.15, seed=0):
    """Two interleaved spirals: a classic problem a linear model cannot solve."""
    rs = npr.RandomState(seed)
    t = np.sqrt(rs.rand(n_per_class)) * 3 * np.pi
    a = np.stack([t * np.cos(t), t * np.sin(t)], axis=1) / (3 * np.pi)
    X = np.concatenate([a, -a]) + noise * rs.randn(2 * n_per_class, 2) / 3
    y = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)]).astype(int)
    return X, y


def init_params(sizes, seed=1):
    rs = npr.RandomState(seed)
    return [(rs.randn(m, n) / np.sqrt(m), np.zeros(n)) for m, n in zip(sizes[:-1], sizes[1:])]


def predict_logits(params, X):
    h = X
    for W, b in params[:-1]:
        h = np.tanh(h @ W + b)
    W, b = params[-1]
    return h @ W + b


def log_softmax(z):
    z = z - np.max(z, axis=1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))


def loss(params, X, y, l2=1e-4):
    logp = log_softmax(predict_logits(params, X))
    nll = -np.mean(logp[np.arange(len(y)), y])
    return nll + l2 * sum(np.sum(W ** 2) for W, _ in params)


def accuracy(params, X, y):
    return np.mean(np.argmax(predict_logits(params, X), axis=1) == y)


def main():
    X, y = make_spirals()
    params = init_params([2, 32, 32, 2])
    objective_grad = grad(lambda p, i: loss(p, X, y))

    def report(p, i, g):
        if i % 100 == 0:
            print(f"iteration {i:4d}  loss {loss(p, X, y):.4f}  accuracy {accuracy(p, X, y):.2f}")

    params = adam(objective_grad, params, callback=report, num_iters=800, step_size=0.02)
    acc = accuracy(params, X, y)
    print(f"final accuracy {acc:.2f}")
    assert acc > 0.95, acc
    print("OK: the network separates the spirals")


if __name__ == "__main__":
    main()
