"""Differential operators: grad, jacobian, hessian, make_vjp, make_jvp and friends.

Every operator is written against :class:`~autograd.vspace.VSpace`, so the
same code differentiates floats, containers and (with autograd-numpy) arrays.
Operators take ``(fun, argnum=0)`` and return a function of ``fun``'s
arguments; ``argnum`` may be a tuple, in which case the derivative is taken
with respect to the tuple of those arguments.

Functions may return containers of traced values (``return (a, b)``): they
are packed into one differentiable value automatically.
"""

import functools
import warnings

from . import rules as _rules
from .batching import (
    BatchingError, batch_only, example_vspace, has_batch_hooks, hooks_for, vmap,
)
from .builtins import (
    _ContainerVSpace, _dataclass_with, _fields, _is_dataclass_instance, check_input, pack,
)
from .tracing import Box, backward_pass, getval, primitive, trace_forward, trace_reverse
from .vspace import densify, vspace
from .wrap_util import unary_to_nary

__all__ = [
    "grad", "value_and_grad", "grad_and_aux", "elementwise_grad", "deriv",
    "jacobian", "jacrev", "jacfwd", "hessian", "make_vjp", "make_jvp", "make_hvp",
    "hessian_tensor_product", "hessian_vector_product", "tensor_jacobian_product",
    "vector_jacobian_product", "make_ggnvp", "grad_named", "multigrad_dict",
    "holomorphic_grad", "checkpoint", "linearize", "stop_gradient",
    "make_jvp_reversemode",
]


# ----------------------------------------------------------------- plumbing

def _map_leaves(fn, x):
    """``x`` with ``fn`` applied to each leaf of its tuples, lists, namedtuples,
    dicts and dataclasses (the containers a function may return unboxed)."""
    t = type(x)
    if t is tuple or t is list:
        return t(_map_leaves(fn, v) for v in x)
    if isinstance(x, tuple) and hasattr(t, "_make"):
        return t._make(_map_leaves(fn, v) for v in x)
    if t is dict:
        return {k: _map_leaves(fn, v) for k, v in x.items()}
    if _is_dataclass_instance(x):
        return _dataclass_with(x, {f.name: _map_leaves(fn, getattr(x, f.name))
                                   for f in _fields(x)})
    return fn(x)


def _strip(x, trace):
    """``x`` with the boxes of ``trace`` replaced by their values (recursively)."""
    def unbox(v):
        return v._value if isinstance(v, Box) and v._trace is trace else v
    return _map_leaves(unbox, x)


def _run_reverse(fun, x):
    """Trace ``fun`` at ``x``; returns ``(trace, root, out_node or None, ans, x's space)``."""
    # Validate the input up front: a value type may have a box but no space
    # (an integer ndarray), and its VSpace's TypeError says what to do.
    x_vs = vspace(x)
    check_input(x_vs)
    trace, root, out = trace_reverse(lambda b: pack(fun(b)), x)
    if isinstance(out, Box) and out._trace is trace:
        return trace, root, out._node, out._value, x_vs
    return trace, root, None, out, x_vs


def _gradient(x_vs, ct):
    """The cotangent that reached the input, as handed to the user: zeros if none
    did, else in the layout of the input's space (:meth:`VSpace.as_element`:
    a Dask gradient gets the input's chunks)."""
    return x_vs.zeros() if ct is None else x_vs.as_element(ct)


def _vjp_maker(fun, x, keep):
    trace, root, out_node, ans, x_vs = _run_reverse(fun, x)
    if out_node is None:
        warnings.warn("Output seems independent of input: the gradient is zero.",
                      UserWarning, stacklevel=4)

        def vjp(g):
            return x_vs.zeros()
        return vjp, ans

    tape = trace.tape

    def vjp(g):
        if keep:
            trace.tape = tape
        ct = backward_pass(trace, out_node, g, root, release=not keep)
        return _gradient(x_vs, ct)

    vjp.tape = tape
    return vjp, ans


# The distributions whose rules are written with primitives only (so a batched
# cotangent or tangent flows through them, or they raise BatchingError).  A rule
# from anywhere else (a user's defvjp, a third-party plugin: PennyLane's rules
# read their cotangent as a plain array) may take a stack of cotangents for one:
# the derivative operators then use one pass per coordinate instead.
_BATCH_SAFE_RULES = frozenset({"autograd-core", "autograd-numpy", "autograd-scipy"})


def _rules_batch_safely(tape):
    """Whether every primitive recorded on ``tape`` has its rules from a distribution
    in ``_BATCH_SAFE_RULES`` (rules that code outside autograd registered with
    ``defvjp`` & co. are attributed to the core but listed as the user's)."""
    registry = _rules.active()
    provenance, user = registry.provenance, registry.user_rules
    for node in tape:
        fun = getattr(node, "fun", None)
        if fun is None:
            continue
        origin = provenance.get(fun)
        if (origin is None or origin[0] not in _BATCH_SAFE_RULES
                or ("vjp", fun) in user or ("jvp", fun) in user):
            return False
    return True


def _traced_rules_batch_safely(fun, x):
    """:func:`_rules_batch_safely` for the primitives ``fun`` calls at ``x`` (one trace)."""
    trace, _, _, _, _ = _run_reverse(fun, x)
    return _rules_batch_safely(trace.tape)


def _is_boolean(value):
    """A Python bool, a NumPy bool_ or a boolean array (no NumPy import needed)."""
    return isinstance(value, bool) or getattr(getattr(value, "dtype", None), "kind", "") == "b"


def _check_scalar_output(ans, opname):
    value = getval(ans)
    if _is_boolean(value):
        raise TypeError(
            f"{opname} needs a real scalar output, but the function returned a boolean "
            f"({type(value).__name__}), which has no gradient. Return the quantity the "
            "condition is computed from (e.g. a loss, not loss < tol)."
        )
    try:
        vs = example_vspace(ans)
    except TypeError:
        raise TypeError(
            f"{opname} needs a real scalar output, but the function returned a "
            f"{type(value).__name__}."
        ) from None
    if vs.iscomplex:
        raise TypeError(
            f"{opname} needs a real scalar output, but the function returned a complex "
            "value. Use holomorphic_grad for holomorphic functions, or differentiate "
            "a real quantity such as abs(f(x))**2 or f(x).real."
        )
    if vs.size != 1 or isinstance(vs, _ContainerVSpace):
        what = (f"a {type(value).__name__}" if isinstance(vs, _ContainerVSpace) else
                f"a value of shape {getattr(vs, 'shape', '?')} ({type(value).__name__})")
        raise TypeError(
            f"{opname} needs a real scalar output, but the function returned {what}. "
            "Use jacobian, elementwise_grad, or reduce the output to a scalar."
        )
    return vs


# ----------------------------------------------------------------- reverse mode

def _make_vjp(fun, x):
    """``(vjp, fun(x))`` for a one-argument ``fun`` (HIPS's private name; the
    public, n-ary form is :func:`make_vjp`)."""
    return _vjp_maker(fun, x, keep=True)


def _make_jvp(fun, x):
    """``jvp`` with ``jvp(t) == (fun(x), J t)`` for a one-argument ``fun``."""
    def jvp(t):
        return _forward(fun, x, t)
    return jvp


@unary_to_nary
def make_vjp(fun, x):
    """``make_vjp(f)(x)`` -> ``(vjp, f(x))`` where ``vjp(g)`` pulls ``g`` back to ``x``.

    >>> vjp, y = make_vjp(lambda x: x * x)(3.0); vjp(1.0)
    6.0
    """
    return _vjp_maker(fun, x, keep=True)


@unary_to_nary
def grad(fun, x):
    """
    Returns a function which computes the gradient of ``fun`` with respect to
    positional argument number ``argnum`` (an int, or a tuple of ints for the
    tuple of those arguments). It takes the same arguments as ``fun``, which must
    return a real scalar, and the gradient has the type and shape of the argument.

    >>> grad(lambda x: x ** 3)(2.0)
    12.0
    """
    trace, root, out_node, ans, x_vs = _run_reverse(fun, x)
    if out_node is None:
        # a constant number is fine; a str is not, and neither is a bool: a
        # boolean has no gradient, whether a Python bool or NumPy's bool_
        if not isinstance(ans, (int, float)) or _is_boolean(ans):
            _check_scalar_output(ans, "grad")
        warnings.warn("Output seems independent of input: the gradient is zero.",
                      UserWarning, stacklevel=3)
        return x_vs.zeros()
    vs = _check_scalar_output(ans, "grad")
    return _gradient(x_vs, backward_pass(trace, out_node, vs.ones(), root))


def _has_vspace(v):
    try:
        vspace(v)
        return True
    except TypeError:
        return False


@unary_to_nary
def value_and_grad(fun, x):
    """``(f(x), grad(f)(x))`` from one forward and one backward pass."""
    trace, root, out_node, ans, x_vs = _run_reverse(fun, x)
    if out_node is None:
        if _is_boolean(ans):
            _check_scalar_output(ans, "value_and_grad")
        warnings.warn("Output seems independent of input: the gradient is zero.",
                      UserWarning, stacklevel=3)
        return ans, x_vs.zeros()
    vs = _check_scalar_output(ans, "value_and_grad")
    return ans, _gradient(x_vs, backward_pass(trace, out_node, vs.ones(), root))


@unary_to_nary
def grad_and_aux(fun, x):
    """For ``f`` returning ``(value, aux)``: ``(grad of value, aux)``; ``aux`` may be anything."""
    aux_box = []

    def value_only(b):
        out = fun(b)
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise TypeError("grad_and_aux: the function must return a pair (value, aux)")
        aux_box.append(out[1])
        return out[0]

    trace, root, out_node, ans, x_vs = _run_reverse(value_only, x)
    aux = _strip(aux_box[0], trace)
    if out_node is None:
        warnings.warn("Output seems independent of input: the gradient is zero.",
                      UserWarning, stacklevel=3)
        return x_vs.zeros(), aux
    vs = _check_scalar_output(ans, "grad_and_aux")
    return _gradient(x_vs, backward_pass(trace, out_node, vs.ones(), root)), aux


@unary_to_nary
def elementwise_grad(fun, x):
    """Sum over outputs of their gradients: the diagonal of the jacobian for
    elementwise functions.  ``fun`` must be real-valued (as in HIPS autograd);
    for the derivative of a holomorphic function use :func:`holomorphic_grad`.
    """
    vjp, ans = _vjp_maker(fun, x, keep=False)
    vs = vspace(ans)
    if vs.iscomplex:
        raise TypeError(
            "elementwise_grad needs a real-valued function, but this one returned a "
            f"complex {type(getval(ans)).__name__}. Use holomorphic_grad for the derivative "
            "of a holomorphic function, or differentiate the real and imaginary parts "
            "separately.")
    return vjp(vs.ones())


def _real_ones(vs):
    """The all-ones element with zero imaginary parts: ``ones()`` of a complex
    space is ``1+1j`` (HIPS's convention, the sum of its standard basis), and
    ``(o + conj(o)) / 2`` keeps its real part."""
    o = vs.ones()
    return vs.scalar_mul(vs.add(o, vs.covector(o)), 0.5) if vs.iscomplex else o


@unary_to_nary
def holomorphic_grad(fun, x):
    """The complex derivative ``f'(z)`` of a holomorphic function.

    This is the gradient of ``real(fun)``: under the convention that the
    cotangent of ``z = x + iy`` is ``dL/dx - i dL/dy``, that gradient is
    ``f'(z)`` by the Cauchy-Riemann equations.

    >>> holomorphic_grad(lambda z: z * z)(1 + 2j)
    (2+4j)
    """
    if not vspace(x).iscomplex:
        warnings.warn("Input to holomorphic_grad is not complex", stacklevel=3)
    vjp, ans = _vjp_maker(fun, x, keep=False)
    return vjp(_real_ones(vspace(ans)))


@unary_to_nary
def jacobian(fun, x, chunk_size=None):
    """The jacobian, shaped ``out.shape + in.shape`` (reverse mode).

    The function is traced once and its backward pass runs once, on the whole
    identity basis of the output at a time (``vmap`` of the VJP);
    ``chunk_size`` bounds how many output coordinates one pass takes (memory).
    A function whose backward pass cannot be batched (Python control flow on
    the cotangent) gets one pass per output coordinate instead.

    Containers on either side give nested results: for each output leaf, the
    structure of the input with the leaf's jacobian blocks.
    """
    vjp, ans = _vjp_maker(fun, x, keep=True)
    ans_vs, x_vs = vspace(ans), vspace(x)
    if ans_vs.iscomplex:
        # an error of the function's own backward pass comes first, as in HIPS
        # (which fails only later, reshaping); PennyLane's tests rely on it
        vjp(next(iter(ans_vs.standard_basis())))
        _no_complex_jacobian(ans_vs)
    if (_batchable(ans_vs, x_vs) and has_batch_hooks(ans) and has_batch_hooks(x)
            and _rules_batch_safely(getattr(vjp, "tape", ()))):
        try:
            rows = _rows_batched(vjp, ans_vs, chunk_size)
            return hooks_for(rows).reshape(rows, tuple(ans_vs.shape) + tuple(x_vs.shape))
        except BatchingError:
            pass            # one pass per output coordinate, below
    return _assemble_rows(ans_vs, x_vs, [vjp(b) for b in ans_vs.standard_basis()])


def _jacobian_loop(fun, argnum=0):
    """``jacobian`` by one backward pass per output coordinate (as HIPS autograd
    does; kept for tests comparing it with the batched pass)."""
    @unary_to_nary
    def jac(fun, x):
        vjp, ans = _vjp_maker(fun, x, keep=True)
        ans_vs, x_vs = vspace(ans), vspace(x)
        _no_complex_jacobian(ans_vs)
        return _assemble_rows(ans_vs, x_vs, [vjp(b) for b in ans_vs.standard_basis()])
    return jac(fun, argnum)


def _batchable(*spaces):
    """Can the derivative over these spaces be taken in one batched pass?"""
    for vs in spaces:
        if isinstance(vs, _ContainerVSpace) or vs.iscomplex:
            return False
    return True


def _rows_batched(f, vs, chunk_size):
    """``f`` applied to each vector of ``vs``'s standard basis, stacked: one
    ``vmap`` (or one per ``chunk_size`` vectors)."""
    basis = vs.standard_basis_stacked()
    n = vs.size
    if chunk_size is None or chunk_size >= n:
        return vmap(f)(basis)
    if int(chunk_size) < 1:
        raise ValueError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    chunk_size = int(chunk_size)
    parts = [vmap(f)(basis[i:i + chunk_size]) for i in range(0, n, chunk_size)]
    return hooks_for(parts[0]).concat(parts)


jacrev = jacobian


def _no_complex_jacobian(vs):
    if vs.iscomplex:
        raise TypeError("jacobian of a complex-valued function: take the real and "
                        "imaginary parts separately, or use holomorphic_grad / "
                        "elementwise_grad for holomorphic functions.")


def _leaves(vs):
    if isinstance(vs, _ContainerVSpace):
        for c in vs.children:
            yield from _leaves(c)
    else:
        yield vs


def _leaf_values(vs, x):
    if isinstance(vs, _ContainerVSpace):
        for c, v in zip(vs.children, vs._items(x)):
            yield from _leaf_values(c, v)
    else:
        yield x


def _build(vs, leaf_iter):
    """Rebuild ``vs``'s structure, taking its leaves from ``leaf_iter``."""
    if isinstance(vs, _ContainerVSpace):
        return vs._make([_build(c, leaf_iter) for c in vs.children])
    return next(leaf_iter)


def _assemble_rows(out_vs, in_vs, rows):
    """``rows[k]`` is the input cotangent for output basis vector ``k``."""
    if not isinstance(out_vs, _ContainerVSpace) and not isinstance(in_vs, _ContainerVSpace):
        return in_vs.stack(rows, out_vs.shape)
    blocks = []
    k = 0
    for o in _leaves(out_vs):
        n = o.size
        leaf_rows = [list(_leaf_values(in_vs, r)) for r in rows[k:k + n]]
        k += n
        per_in = [leaf.stack([lr[i] for lr in leaf_rows], o.shape)
                  for i, leaf in enumerate(_leaves(in_vs))]
        blocks.append(_build(in_vs, iter(per_in)) if isinstance(in_vs, _ContainerVSpace)
                      else per_in[0])
    return _build(out_vs, iter(blocks)) if isinstance(out_vs, _ContainerVSpace) else blocks[0]


@unary_to_nary
def hessian(fun, x, chunk_size=None):
    """The hessian: ``jacobian(jacobian(fun))``, shaped ``out.shape + in.shape + in.shape``.

    For a scalar function it is computed forward-over-reverse in one pass:
    ``make_jvp`` of ``grad`` with a batch of tangents (the identity basis of
    the input, ``chunk_size`` of them at a time if given).
    """
    x_vs = vspace(x)
    if _batchable(x_vs) and has_batch_hooks(x) and _traced_rules_batch_safely(fun, x):
        try:
            return _hessian_batched(fun, x, x_vs, chunk_size)
        except (BatchingError, _NotScalar):
            pass
    return jacobian(jacobian(fun, chunk_size=chunk_size), chunk_size=chunk_size)(x)


class _NotScalar(Exception):
    """The function's output is not a real scalar: the hessian is not grad's jacobian."""


def _hessian_batched(fun, x, x_vs, chunk_size):
    def scalar_grad(y):
        trace, root, out_node, ans, y_vs = _run_reverse(fun, y)
        vs = example_vspace(ans)
        if (isinstance(vs, _ContainerVSpace) or vs.iscomplex or vs.size != 1
                or _is_boolean(getval(ans)) or not has_batch_hooks(ans)):
            raise _NotScalar
        if out_node is None:
            return y_vs.zeros()
        return _gradient(y_vs, backward_pass(trace, out_node, vs.ones(), root))

    def column(v):
        return _forward(scalar_grad, x, v)[1]

    cols = _rows_batched(column, x_vs, chunk_size)
    shape = tuple(x_vs.shape)
    return hooks_for(cols).reshape(cols, shape + shape)


def _hessian_loop(fun, argnum=0):
    """``hessian`` as ``jacobian(jacobian(fun))`` with one pass per coordinate."""
    return _jacobian_loop(_jacobian_loop(fun), argnum)


@unary_to_nary
def make_hvp(fun, x):
    """``(hvp, grad(f)(x))``: ``hvp(v)`` is the hessian-vector product at ``x``."""
    return _vjp_maker(grad(fun), x, keep=True)


def _inner(a, b):
    return example_vspace(a).inner_prod(a, b)


def hessian_tensor_product(fun, argnum=0):
    """``H(x) @ v`` as a function of ``(*args, v)``, without forming ``H``."""
    fun_grad = grad(fun, argnum)

    def vector_dot_grad(*args, **kwargs):
        args, vector = args[:-1], args[-1]
        return _inner(fun_grad(*args, **kwargs), vector)

    return grad(vector_dot_grad, argnum)


hessian_vector_product = hessian_tensor_product


class _OuterShape:
    """Stands in for an output space in :func:`_assemble_rows`: only its shape counts."""

    __slots__ = ("shape", "size")

    def __init__(self, shape):
        self.shape = tuple(shape)
        self.size = 1
        for n in self.shape:
            self.size *= n


def tensor_jacobian_product(fun, argnum=0):
    """``v`` contracted with the jacobian of ``fun``, as a function of ``(*args, v)``.

    When ``v`` is shaped like the output this is ``v^T J(x)``: one reverse
    pass.  A ``v`` with fewer axes (HIPS semantics) is contracted with the
    *leading* axes of the output, giving an array shaped
    ``out.shape[v.ndim:] + x.shape``: one reverse pass per trailing output
    coordinate (the output's space builds those cotangents, see
    :meth:`autograd.vspace.VSpace.leading_cotangents`).
    """
    def vector_dot_jacobian(*args, **kwargs):
        args, vector = args[:-1], args[-1]
        vjp, ans = make_vjp(fun, argnum)(*args, **kwargs)
        split = vspace(ans).leading_cotangents(vector)
        if split is None:
            return vjp(vector)
        trailing, cotangents = split
        x = args[argnum] if isinstance(argnum, int) else tuple(args[i] for i in argnum)
        rows = [vjp(c) for c in cotangents]
        return _assemble_rows(_OuterShape(trailing), vspace(getval(x)), rows)

    return vector_dot_jacobian


vector_jacobian_product = tensor_jacobian_product


def _half_sq_norm(y):
    return 0.5 * _inner(y, y)


def make_ggnvp(f, g=_half_sq_norm, f_argnum=0):
    """Generalized Gauss-Newton vector products ``J^T H_g J v`` for ``g(f(x))``.

    HIPS signature: ``make_ggnvp(f, g, f_argnum)(*args)`` -> ``ggnvp(v)``.

    >>> make_ggnvp(lambda x: x * x, lambda y: y * y * y)(2.0)(1.0)   # (2x)^2 * 6y
    384.0
    """
    return _make_ggnvp(f, f_argnum, g)


@unary_to_nary
def _make_ggnvp(f, x, g):
    f_vjp, f_x = _vjp_maker(f, x, keep=True)
    g_hvp, grad_g_x = _vjp_maker(grad(g), f_x, keep=True)
    f_jvp, _ = _vjp_maker(f_vjp, vspace(grad_g_x).zeros(), keep=True)

    def ggnvp(v):
        return f_vjp(g_hvp(f_jvp(v)))

    return ggnvp


def grad_named(fun, argname):
    """``grad`` with respect to the argument called ``argname``."""
    import inspect
    params = list(inspect.signature(fun).parameters)
    if argname not in params:
        raise ValueError(f"grad_named: {getattr(fun, '__name__', fun)!r} has no argument {argname!r}")
    return grad(fun, params.index(argname))


def multigrad_dict(fun):
    """Gradients with respect to all differentiable arguments, as a dict by name.

    >>> multigrad_dict(lambda x, y=2.0: x * y)(3.0)
    {'x': 2.0, 'y': 3.0}

    Arguments whose values are not differentiable (ints, strings, ...) are
    held constant and left out of the result.
    """
    import inspect
    sig = inspect.signature(fun)

    def gradfun(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = dict(bound.arguments)
        diff = {k: v for k, v in arguments.items() if _has_vspace(v)}

        def call_with(d):
            merged = dict(arguments)
            for k in diff:
                merged[k] = d[k]
            b = sig.bind_partial()
            b.arguments.update(merged)
            return fun(*b.args, **b.kwargs)

        grads = grad(call_with)(diff)
        return {k: grads[k] for k in arguments if k in diff}

    return gradfun


def _call_checkpointed(fun, *args, **kwargs):
    return fun(*args, **kwargs)


# One primitive for every checkpointed function, which travels as its first
# (never boxed) argument: registering a rule per checkpoint() call would keep
# each function, and everything its closure holds, alive in the registry.
_checkpointed = primitive(_call_checkpointed)


def _checkpoint_vjp(argnum, ans, args, kwargs):
    return make_vjp(args[0], argnum - 1)(*args[1:], **kwargs)[0]


def _checkpoint_jvp(argnum, t, ans, args, kwargs):
    return make_jvp(args[0], argnum - 1)(*args[1:], **kwargs)(t)[1]


_rules.defvjp_argnum(_checkpointed, _checkpoint_vjp)
_rules.defjvp_argnum(_checkpointed, _checkpoint_jvp)


def checkpoint(fun):
    """Differentiate ``fun`` by recomputing it in the backward pass (saves memory).

    >>> grad(checkpoint(lambda x: x * x * x))(2.0)
    12.0
    """
    @functools.wraps(fun)
    def checkpointed(*args, **kwargs):
        return _checkpointed(fun, *args, **kwargs)

    return checkpointed


def stop_gradient(x):
    """``x`` as a constant: no derivative flows through it, at any nesting level.
    Inside ``vmap`` it stays batched (a constant per example)."""
    return _map_leaves(batch_only, x)


# ----------------------------------------------------------------- forward mode

def _forward(fun, x, t):
    check_input(vspace(x))
    trace, out = trace_forward(lambda b: pack(fun(b)), x, t)
    if isinstance(out, Box) and out._trace is trace:
        ans = out._value
        tangent = out._node.g
        return ans, (vspace(ans).zeros() if tangent is None else densify(tangent))
    return out, vspace(out).zeros()


@unary_to_nary
def make_jvp(fun, x):
    """``make_jvp(f)(x)`` -> ``jvp`` with ``jvp(t) == (f(x), J(x) t)`` (forward mode).

    >>> make_jvp(lambda x: x * x)(3.0)(1.0)
    (9.0, 6.0)
    """
    def jvp(t):
        return _forward(fun, x, t)
    return jvp


@unary_to_nary
def deriv(fun, x):
    """Forward-mode derivative along the all-ones direction."""
    return _forward(fun, x, vspace(x).ones())[1]


@unary_to_nary
def jacfwd(fun, x, chunk_size=None):
    """The jacobian by forward mode: one pass with the whole identity basis of
    the input as a batch of tangents (``chunk_size`` at a time if given)."""
    x_vs = vspace(x)
    if x_vs.iscomplex:
        raise TypeError("jacfwd of a function of a complex input: split it into real and imaginary parts")
    if _batchable(x_vs) and has_batch_hooks(x) and _traced_rules_batch_safely(fun, x):
        try:
            return _jacfwd_batched(fun, x, x_vs, chunk_size)
        except (BatchingError, _NotArray):
            pass
    cols = []
    ans = None
    for b in x_vs.standard_basis():
        ans, t = _forward(fun, x, b)
        cols.append(t)
    if ans is None:
        ans = fun(x)
    out_vs = vspace(ans)
    _no_complex_jacobian(out_vs)
    if not isinstance(out_vs, _ContainerVSpace) and not isinstance(x_vs, _ContainerVSpace):
        stacked = out_vs.stack(cols, x_vs.shape)
        n_in, n_out = len(x_vs.shape), len(out_vs.shape)
        if n_in == 0 or n_out == 0:
            return stacked
        axes = tuple(range(n_in, n_in + n_out)) + tuple(range(n_in))
        return stacked.transpose(axes)
    # Containers: turn columns into rows coordinate by coordinate.
    out_flat = [out_vs.flatten(c) for c in cols]
    rows = []
    for k in range(out_vs.size):
        rows.append(x_vs.unflatten([col[k] for col in out_flat]))
    return _assemble_rows(out_vs, x_vs, rows)


class _NotArray(Exception):
    """The output is a container or complex: columns are assembled one by one."""


def _jacfwd_batched(fun, x, x_vs, chunk_size):
    def column(t):
        ans, tangent = _forward(fun, x, t)
        if not (_batchable(example_vspace(ans)) and has_batch_hooks(ans)):
            raise _NotArray
        return tangent

    cols = _rows_batched(column, x_vs, chunk_size)        # in.size + out.shape
    hooks = hooks_for(cols)
    n_out = len(hooks.shape(cols)) - 1
    moved = hooks.moveaxis(cols, 0, n_out)
    return hooks.reshape(moved, tuple(hooks.shape(moved)[:n_out]) + tuple(x_vs.shape))


def linearize(fun, argnum=0):
    """``linearize(f)(x)`` -> ``(f(x), f_jvp)``: ``f_jvp(t)`` gives ``J(x) t``.

    ``f`` is traced once; each ``f_jvp`` call replays the recorded tape with
    the JVP rules instead of running ``f`` again.
    """
    def linearized(*args, **kwargs):
        holder = {}

        def unary(x):
            sub = list(args)
            if isinstance(argnum, int):
                sub[argnum] = x
            else:
                for i, v in zip(argnum, x):
                    sub[i] = v
            return fun(*sub, **kwargs)

        x = args[argnum] if isinstance(argnum, int) else tuple(args[i] for i in argnum)
        trace, root, out_node, ans, _ = _run_reverse(unary, x)
        tape = list(trace.tape)
        holder["tape"] = tape
        out_vs = vspace(ans)

        def f_jvp(t):
            if out_node is None:
                return out_vs.zeros()
            tangents = {id(root): t}
            registry = _rules.active()
            for node in tape:
                ts = [tangents.get(id(p)) for p in node.parents]
                if all(v is None for v in ts):
                    continue
                rule = registry.jvp_rule(node.fun)
                if rule is None:
                    raise _rules.MissingRuleError(
                        f"JVP of {_rules.fun_name(node.fun)} is not defined (needed by linearize)")
                tangents[id(node)] = rule(ts, node.ans, node.args, node.kwargs, node.argnums)
            out = tangents.get(id(out_node))
            return out_vs.zeros() if out is None else densify(out)

        return ans, f_jvp

    return linearized


@unary_to_nary
def make_jvp_reversemode(fun, x):
    """``make_jvp_reversemode(f)(x)`` -> ``jvp`` with ``jvp(v) == J(x) v``, from two
    reverse passes: the VJP is linear in its cotangent, so the VJP of the VJP
    (taken at a zero cotangent) is the JVP.  ``make_jvp`` (forward mode) is
    cheaper; this form is kept for HIPS autograd compatibility.

    >>> make_jvp_reversemode(lambda x: x * x)(3.0)(1.0)
    6.0
    """
    vjp, y = _vjp_maker(fun, x, keep=True)
    vjp_vjp, _ = _vjp_maker(vjp, vspace(y).zeros(), keep=True)
    return vjp_vjp
