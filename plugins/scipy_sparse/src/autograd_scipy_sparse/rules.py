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
from autograd.extend import defjvp, defvjp_argnums, defvjp_fast, getval, once_per_registry


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
