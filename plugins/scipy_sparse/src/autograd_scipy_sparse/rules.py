"""The gradient rules: two loaders, declared lazily by the plugin module.

``register_sparse`` (target ``scipy.sparse``) covers :func:`sparse_matmul` and
:func:`sparse_todense`; ``register_linalg`` (target ``scipy.sparse.linalg``)
covers :func:`sparse_solve`.  Each loader imports only the module that
defines its primitives.

Every rule is written with primitives (``sparse_matmul``, ``sparse_solve`` and
``autograd.numpy``), so it can be differentiated again.  Notation: ``S`` is the
sparse matrix with values ``data`` at ``pattern``; entry ``k`` of ``data`` sits
at ``(pattern.rows[k], pattern.cols[k])``.

* ``y = S @ x`` is bilinear: ``dx = S.T @ g`` and ``ddata[k] = g[row k] . x[col k]``.
* ``x = S^-1 b``: with ``gb = S^-T g``, ``db = gb`` and ``ddata[k] = -gb[row k] . x[col k]``;
  forward, ``dx = S^-1 (db - dS @ x)``.
"""

import numpy as onp

import autograd.numpy as anp
from autograd.extend import Box, defjvp, defvjp_argnums, defvjp_fast, getval, once_per_registry


def _fit(ct, arg):
    """The real part of a complex cotangent for a real argument."""
    if onp.iscomplexobj(getval(ct)) and not onp.iscomplexobj(getval(arg)):
        return anp.real(ct)
    return ct


def _sampled(u, v, pattern):
    """``(u @ v.T)`` read at the stored entries: ``u[row k] . v[col k]`` for each ``k``."""
    prod = u[pattern.rows] * v[pattern.cols]
    return anp.sum(prod, axis=1) if anp.ndim(prod) == 2 else prod


# ----------------------------------------------------------------- scipy.sparse

@once_per_registry
def register_sparse():
    from .matrix import sparse_matmul, sparse_todense
    # fmt: off
    defvjp_fast(sparse_matmul,
                lambda g, ans, data, pattern, x: _fit(_sampled(g, x, pattern), data),
                None,
                lambda g, ans, data, pattern, x: _fit(sparse_matmul(data, pattern.T, g), x))
    defjvp(sparse_matmul, "same", None, "same")
    defvjp_fast(sparse_todense,
                lambda g, ans, data, pattern: _fit(g[pattern.rows, pattern.cols], data),
                None)
    defjvp(sparse_todense, "same", None)
    # fmt: on


# ----------------------------------------------------------------- scipy.sparse.linalg

@once_per_registry
def register_linalg():
    from .linalg import sparse_solve
    from .matrix import sparse_matmul

    def solve_vjp(argnums, ans, args, kwargs):
        data, pattern, b = args

        def vjp(g):
            gb = sparse_solve(data, pattern.T, g, **kwargs)      # one transposed solve for all
            cts = {0: lambda: _fit(-_sampled(gb, ans, pattern), data),
                   2: lambda: _fit(anp.reshape(gb, onp.shape(getval(b))), b)}
            return tuple(cts[i]() if i in cts else None for i in argnums)
        return vjp

    def solve_data_jvp(t, ans, data, pattern, b, **kwargs):
        return -sparse_solve(data, pattern, sparse_matmul(t, pattern, ans), **kwargs)

    defvjp_argnums(sparse_solve, solve_vjp)
    defjvp(sparse_solve, solve_data_jvp, None, "same")
    _register_iterative()


def _register_iterative():
    from .iterative import (
        deflated_pinv_solve, gauss_nodes, iterative_solve, linop_apply, linop_apply_adjoint,
        second_order_refused, sparse_eigsh, sparse_expm_multiply, transposed_solve,
    )
    from .matrix import sparse_matmul

    # x = A^-1 b by an iterative method: as for spsolve, with the same method's transposed solve
    def iterative_vjp(argnums, ans, args, kwargs):
        data, pattern, b, options = args[:4]

        def vjp(g):
            gb = transposed_solve(data, pattern, g, options)
            cts = {0: lambda: _fit(-_sampled(gb, ans, pattern), data),
                   2: lambda: _fit(anp.reshape(gb, onp.shape(getval(b))), b)}
            return tuple(cts[i]() if i in cts else None for i in argnums)
        return vjp

    def iterative_data_jvp(t, ans, data, pattern, b, options, solution=None):
        return -iterative_solve(data, pattern, sparse_matmul(t, pattern, ans), options)

    def iterative_b_jvp(t, ans, data, pattern, b, options, solution=None):
        return iterative_solve(data, pattern, t, options)

    defvjp_argnums(iterative_solve, iterative_vjp)
    defjvp(iterative_solve, iterative_data_jvp, None, iterative_b_jvp)

    # e^A B: linear in B; in A the Frechet derivative by Gauss-Legendre quadrature
    def expm_data_vjp(g, ans, data, pattern, B):
        s, w = gauss_nodes(data, pattern)
        total = 0.0
        for si, wi in zip(s, w):
            left = sparse_expm_multiply(si * data, pattern.T, g)
            right = sparse_expm_multiply((1 - si) * data, pattern, B)
            total = total + wi * _sampled(left, right, pattern)
        return _fit(total, data)

    def expm_data_jvp(t, ans, data, pattern, B):
        s, w = gauss_nodes(data, pattern)
        total = 0.0
        for si, wi in zip(s, w):
            inner = sparse_expm_multiply((1 - si) * data, pattern, B)
            total = total + wi * sparse_expm_multiply(si * data, pattern,
                                                      sparse_matmul(t, pattern, inner))
        return total

    defvjp_fast(sparse_expm_multiply, expm_data_vjp, None,
                lambda g, ans, data, pattern, B: _fit(sparse_expm_multiply(data, pattern.T, g), B))
    defjvp(sparse_expm_multiply, expm_data_jvp, None, "same")

    # eigsh: dw_i = v_i' dA v_i, dv_i = -(A - w_i)^+ dA v_i (first order)
    def _pinv_columns(data, pattern, w, V, R):
        A = pattern.build(data).tocsr()
        cols = []
        for i in range(V.shape[1]):
            if not onp.any(R[:, i]):
                cols.append(onp.zeros(V.shape[0]))
                continue
            same = [V[:, j] for j in range(V.shape[1])
                    if j != i and abs(w[j] - w[i]) <= 1e-10 * max(1.0, abs(w[i]))]
            cols.append(deflated_pinv_solve(A, w[i], V[:, i], same, R[:, i]))
        return onp.column_stack(cols)

    def eigsh_vjp(g, ans, data, pattern, k, which):
        if any(isinstance(v, Box) for v in (data, g[0], g[1], ans[0], ans[1])):
            second_order_refused("eigsh")
        w, V = ans
        gw, gV = g
        U = _pinv_columns(data, pattern, w, V, onp.asarray(gV))
        return _fit(_sampled(V * gw, V, pattern) - _sampled(U, V, pattern), data)

    def eigsh_jvp(t, ans, data, pattern, k, which):
        if any(isinstance(v, Box) for v in (data, t, ans[0], ans[1])):
            second_order_refused("eigsh")
        w, V = ans
        dAV = sparse_matmul(t, pattern, V)
        dw = onp.sum(V * dAV, axis=0)
        dV = -_pinv_columns(data, pattern, w, V, dAV)
        return dw, dV

    defvjp_fast(sparse_eigsh, eigsh_vjp, None, None, None)
    defjvp(sparse_eigsh, eigsh_jvp, None, None, None)

    # a constant LinearOperator applied to a traced array: linear, adjoint op.H
    defvjp_fast(linop_apply, None, lambda g, ans, op, x: linop_apply_adjoint(op, g))
    defjvp(linop_apply, None, "same")
    defvjp_fast(linop_apply_adjoint, None, lambda g, ans, op, x: linop_apply(op, g))
    defjvp(linop_apply_adjoint, None, "same")
