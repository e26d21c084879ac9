"""Fit a pendulum's damping and length by simulating it into a preallocated array.

The simulation is what one writes in plain NumPy: allocate the trajectory,
then fill it step by step (``traj[i] = ...``), with in-place updates of the
state.  autograd differentiates those writes; no list-and-stack rewrite is
needed.

    python examples/fill_loop.py
"""

import numpy as onp

import autograd.numpy as np
from autograd import value_and_grad

DT, STEPS = 0.05, 200


def simulate(params, theta0=1.0):
    damping, length = params[0], params[1]
    traj = np.zeros((STEPS, 2))            # (angle, angular velocity) per step
    state = np.zeros(2)
    state[0] = theta0
    for i in range(STEPS):
        accel = -9.81 / length * np.sin(state[0]) - damping * state[1]
        state[1] += DT * accel             # in-place updates of the state ...
        state[0] += DT * state[1]
        traj[i, :] = state                 # ... and of the trajectory
    return traj


def loss(params, observed):
    return np.mean((simulate(params)[:, 0] - observed) ** 2)


def main():
    true = onp.array([0.3, 1.2])
    observed = simulate(true)[:, 0] + onp.random.RandomState(0).normal(0, 0.01, STEPS)
    params = onp.array([0.1, 1.0])
    step = onp.array([0.05, 0.5])
    for it in range(120):
        value, g = value_and_grad(loss)(params, observed)
        params = params - step * g / (onp.linalg.norm(g) + 1e-12) * min(1.0, 5 * value)
        if it % 30 == 0:
            print(f"iteration {it:3d}  loss {value:.5f}  damping {params[0]:.3f}  "
                  f"length {params[1]:.3f}")
    # the gradient agrees with finite differences
    eps = 1e-6
    numeric = [(loss(params + eps * e, observed) - loss(params - eps * e, observed)) / (2 * eps)
               for e in onp.eye(2)]
    print("gradient", value_and_grad(loss)(params, observed)[1], "finite differences", numeric)
    print(f"fitted damping {params[0]:.3f} (true {true[0]}), length {params[1]:.3f} "
          f"(true {true[1]})")


if __name__ == "__main__":
    main()
