"""Fit a damped oscillation to noisy measurements with Newton's method, in plain Python.

The model, the loss and the optimiser are ordinary Python (floats, lists,
dicts, loops); autograd supplies the exact gradient and Hessian.  Runs with
the core alone (no NumPy):

    python examples/curve_fit.py
"""

import random

import autograd.math as m
from autograd import grad, hessian, value_and_grad

TRUE = {"amp": 2.0, "decay": 0.3, "freq": 1.7}


def model(p, t):
    return p["amp"] * m.exp(-p["decay"] * t) * m.cos(p["freq"] * t)


def make_data(n=60, noise=0.05, seed=0):
    rng = random.Random(seed)
    ts = [0.1 * i for i in range(n)]
    return ts, [model(TRUE, t) + rng.gauss(0.0, noise) for t in ts]


def loss(p, ts, ys):
    return sum((model(p, t) - y) ** 2 for t, y in zip(ts, ys)) / len(ts)


KEYS = ("amp", "decay", "freq")


def newton(p, ts, ys, steps=25):
    """Damped Newton steps on the 3 parameters (solving the 3x3 system by hand)."""
    def f3(v):
        return loss(dict(zip(KEYS, v)), ts, ys)

    x = [p[k] for k in KEYS]
    for step in range(steps):
        value, g = value_and_grad(f3)(tuple(x))
        H = hessian(f3)(tuple(x))
        H = [[H[i][j] + (1e-6 if i == j else 0.0) for j in range(3)] for i in range(3)]
        dx = _solve3(H, [-gi for gi in g])
        lam = 1.0
        while f3(tuple(xi + lam * di for xi, di in zip(x, dx))) > value and lam > 1e-4:
            lam /= 2
        x = [xi + lam * di for xi, di in zip(x, dx)]
        if step % 5 == 0:
            print(f"step {step:2d}  loss {value:.6f}  |grad| {sum(gi * gi for gi in g) ** 0.5:.2e}")
    return dict(zip(KEYS, x))


def _solve3(A, b):
    """Gaussian elimination with partial pivoting for a 3x3 system."""
    M = [row[:] + [bi] for row, bi in zip(A, b)]
    for c in range(3):
        piv = max(range(c, 3), key=lambda r: abs(M[r][c]))
        M[c], M[piv] = M[piv], M[c]
        for r in range(c + 1, 3):
            f = M[r][c] / M[c][c]
            M[r] = [a - f * bcol for a, bcol in zip(M[r], M[c])]
    x = [0.0] * 3
    for r in (2, 1, 0):
        x[r] = (M[r][3] - sum(M[r][k] * x[k] for k in range(r + 1, 3))) / M[r][r]
    return x


def main():
    ts, ys = make_data()
    start = {"amp": 1.0, "decay": 0.1, "freq": 1.5}
    # A first look at the gradient with respect to a dict of parameters:
    print("gradient at start:", {k: round(v, 4) for k, v in grad(loss)(start, ts, ys).items()})
    fit = newton(start, ts, ys)
    print("fitted:", {k: round(v, 3) for k, v in fit.items()})
    print("true:  ", TRUE)
    for k in KEYS:
        assert abs(fit[k] - TRUE[k]) < 0.1, (k, fit[k])
    print("OK: recovered the parameters")


if __name__ == "__main__":
    main()
