"""What PennyLane (and other code written against HIPS autograd) relies on in autograd.numpy.

No PennyLane here: each test states the behaviour in our own terms.
``tests/downstream/run_pennylane.sh`` runs PennyLane's own tests.

* ``autograd.numpy.numpy_boxes.ArrayBox`` is the one box of arrays *and* NumPy
  scalars, with ndarray behaviour (indexing, ``len``, iteration, ``copy``),
  constructible directly, patchable at run time, and its module path is
  ``autograd.numpy.numpy_boxes`` (autoray picks a backend from it);
* ``autograd.numpy.__dict__`` is a plain module dict (copied and star-imported);
* ``numpy.array([box, box])`` is an object array, and ``autograd.numpy.array`` /
  ``stack`` / ``concatenate`` of such arrays are differentiable;
* an ndarray subclass with its own ``__array_ufunc__`` (PennyLane's
  ``tensor``) meets boxes on either side of an operator.
"""

import copy
import inspect
import subprocess
import sys

import numpy as onp
import pytest

import autograd
import autograd.numpy as np
from autograd import grad, jacobian, make_jvp
from autograd.extend import Box, VJPNode, vspace
from autograd.numpy.numpy_boxes import ArrayBox
from autograd.test_util import check_grads
from autograd.tracing import Trace

MODES = ["fwd", "rev"]
# functions whose rules these tests differentiate (see test_meta.py)
TESTED = {"array", "asarray", "stack", "concatenate", "hstack", "vstack", "copy", "getitem"}


def _boxed(value):
    """A box of ``value`` on a fresh trace, built the way PennyLane builds one."""
    return ArrayBox(value, Trace(), VJPNode.new_root())


# ----------------------------------------------------------------- one array box

@pytest.mark.parametrize("value", [onp.ones(3), onp.ones((2, 2)), onp.float64(2.0),
                                   onp.float32(2.0), onp.array(2.0), onp.complex128(1j)],
                         ids=["vector", "matrix", "float64", "float32", "0-d", "complex"])
def test_arrays_and_numpy_scalars_share_the_one_array_box(value):
    seen = []
    grad(lambda x: seen.append(type(x)) or np.sum(np.abs(x)))(value)
    assert seen == [ArrayBox]
    assert np.numpy_boxes.NDArrayBox is ArrayBox


def test_box_classes_report_hips_module_paths():
    from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace
    assert ArrayBox.__module__ == "autograd.numpy.numpy_boxes"
    assert ArrayVSpace.__module__ == ComplexArrayVSpace.__module__ == "autograd.numpy.numpy_vspaces"
    ours = [m for name, m in list(sys.modules.items())
            if name.split(".")[0] in ("autograd", "autograd_numpy", "autograd_scipy")]
    boxes = {obj for m in ours for obj in vars(m).values()
             if isinstance(obj, type) and issubclass(obj, Box)}
    assert ArrayBox in boxes and len(boxes) > 3
    for cls in boxes:
        assert cls.__module__.split(".")[0] == "autograd", cls


def test_a_directly_constructed_box_indexes_iterates_and_has_len():
    b = _boxed(onp.arange(6.0).reshape(3, 2))
    assert len(b) == 3 and b.shape == (3, 2)
    rows = list(b)
    assert len(rows) == 3 and all(type(r) is ArrayBox for r in rows)
    assert rows[1]._value.tolist() == [2.0, 3.0]
    assert b[1, 0]._value == 2.0 and b[:, 1]._value.tolist() == [1.0, 3.0, 5.0]


def test_scalar_boxes_have_no_len_and_do_not_iterate():
    b = _boxed(onp.float64(2.0))
    with pytest.raises(TypeError):
        len(b)
    with pytest.raises(TypeError, match="0-d"):
        iter(b)


@pytest.mark.parametrize("f", [
    lambda x: np.sum(x ** 2)[None] * x,                  # traced float64 scalar, indexed
    lambda x: np.sum(x)[None, None] + x[0][()],
    lambda x: np.sum(np.sin(x))[...] * 2.0,
], ids=["None", "None-None", "ellipsis"])
def test_indexing_a_traced_numpy_scalar(f, arg):
    check_grads(f, modes=MODES, order=2)(arg((3,)))


def test_copy_is_differentiable_and_independent(arg):
    def f(x):
        y = x.copy()
        if isinstance(x, Box):   # (check_grads also calls f on raw values)
            assert type(y) is ArrayBox and y is not x and y._value is not x._value
        return np.sum(np.sin(y) * x)
    check_grads(f, modes=MODES, order=2)(arg((2, 3)))
    s = onp.float64(2.0)
    assert grad(lambda x: x.copy() * x)(s) == 4.0


def test_methods_patched_on_the_class_take_effect_for_arrays_and_scalars(monkeypatch):
    calls = []
    monkeypatch.setattr(ArrayBox, "__copy__", lambda self: calls.append("copy") or self,
                        raising=False)
    monkeypatch.setattr(ArrayBox, "__deepcopy__",
                        lambda self, memo: calls.append("deepcopy") or self, raising=False)
    monkeypatch.setattr(ArrayBox, "real", property(lambda self: calls.append("real") or self))
    seen_ufunc = []
    original = ArrayBox.__array_ufunc__

    def spy(self, ufunc, method, *inputs, **kwargs):
        seen_ufunc.append(ufunc.__name__)
        return original(self, ufunc, method, *inputs, **kwargs)
    monkeypatch.setattr(ArrayBox, "__array_ufunc__", spy)

    def f(x):
        copy.copy(x)
        copy.deepcopy(x)
        _ = x.real
        return np.sum(onp.sin(x))

    grad(f)(onp.ones(2))
    grad(f)(onp.float64(1.0))
    assert calls == ["copy", "deepcopy", "real"] * 2
    assert seen_ufunc == ["sin", "sin"]


# ----------------------------------------------------------------- object arrays of boxes

def test_numpy_array_of_boxes_is_an_object_array_as_in_hips():
    def f(x):
        scalars = onp.array([np.sum(x), np.sum(x ** 2)])
        rows = onp.array([x, 2.0 * x])
        assert scalars.dtype == object and scalars.shape == (2,)
        assert rows.dtype == object and rows.shape == (2, 3)   # element boxes, like NumPy
        assert all(type(v) is ArrayBox for v in rows.flat)
        return np.sum(scalars) + np.sum(rows)
    assert onp.allclose(grad(f)(onp.arange(3.0)), 1.0 + 2.0 * onp.arange(3.0) + 3.0)


@pytest.mark.parametrize("join", [
    lambda a: np.array(a),
    lambda a: np.asarray(a),
    lambda a: np.stack(list(a)),
    lambda a: np.stack([a, a]),
    lambda a: np.concatenate([a, a]),
    lambda a: np.hstack((a, onp.ones(2))),
    lambda a: np.array([a, a]),
], ids=["array", "asarray", "stack-list", "stack-objarrays", "concatenate", "hstack",
        "array-of-objarrays"])
def test_object_arrays_of_boxes_become_traced_arrays(join, arg):
    def f(x):
        a = onp.array([np.sum(np.sin(x)), np.prod(x)])
        out = join(a)
        assert out.dtype == onp.float64 and isinstance(out, Box) == isinstance(x, Box)
        return out
    check_grads(f, modes=MODES, order=2)(arg((3,)))


@pytest.mark.parametrize("join", [
    lambda x: np.concatenate([(x[0], x[1]), x]),
    lambda x: np.concatenate(((x[0], 2.0), x[1:])),
    lambda x: np.hstack([(x[0], x[1]), x]),
    lambda x: np.hstack(((x, x),)),
    lambda x: np.vstack([(x[0], x[1], x[2]), x]),
    lambda x: np.stack([(x[0], x[1], x[2]), x]),
    lambda x: np.stack((onp.array([x[0], x[1], x[2]]), x), axis=1),
], ids=["concatenate", "concatenate-mixed", "hstack", "hstack-nested", "vstack", "stack",
        "stack-objarray"])
def test_joining_sequences_that_hold_boxes(join, arg):
    # each item is followed into the gradient (NumPy alone would make the tuple
    # an object array that the primitive cannot see into)
    check_grads(join, modes=MODES, order=2)(arg((3,)))


def test_asking_for_a_numeric_array_of_a_box_says_what_to_do():
    def f(x):
        return onp.asarray(x, dtype=float)
    with pytest.raises(TypeError, match="autograd.numpy.array"):
        grad(f)(onp.ones(2))


# ----------------------------------------------------------------- a op= box

def _iadd(a, x):
    a += x
    return a


def _isub(a, x):
    a -= x
    return a


def _imul(a, x):
    a *= x
    return a


def _itruediv(a, x):
    a /= x
    return a


def _ipow(a, x):
    a **= x
    return a


@pytest.mark.parametrize("update", [_iadd, _isub, _imul, _itruediv, _ipow],
                         ids=["+=", "-=", "*=", "/=", "**="])
def test_augmented_assignment_to_an_array_rebinds_it_to_the_traced_result(update, arg):
    def f(x):
        a = onp.full(3, 1.5)
        out = update(a, x)
        assert isinstance(out, Box) == isinstance(x, Box)
        assert (a == 1.5).all() or not isinstance(x, Box)   # the array is not written
        return out

    check_grads(f, modes=MODES, order=2)(arg((3,), domain="pos"))


def test_an_explicit_out_argument_still_raises():
    def f(x):
        a = onp.ones(2)
        onp.add(a, x, out=a)
        return np.sum(a)
    with pytest.raises(TypeError, match="out="):
        grad(f)(onp.ones(2))


# ----------------------------------------------------------------- gradients w.r.t. 0-d arrays

@pytest.mark.parametrize("f", [lambda x: 3.0, lambda x: np.sum(x), lambda x: x[()] * 2.0,
                               lambda x: np.stop_gradient(x) if hasattr(np, "stop_gradient")
                               else 1.0],
                         ids=["constant", "sum", "index", "no-path"])
def test_gradient_wrt_a_0d_array_is_a_0d_array(f):
    g = grad(f)(onp.array(1.5))
    assert type(g) is onp.ndarray and g.shape == () and g.dtype == onp.float64
    j = jacobian(f)(onp.array(1.5))
    assert type(j) is onp.ndarray and j.shape == ()


def test_0d_arrays_and_float64_scalars_share_a_space():
    assert vspace(onp.array(1.5)) == vspace(onp.float64(1.5)) == vspace(1.5)
    assert vspace(onp.array(1j)) == vspace(1j)
    check_grads(np.sin, modes=MODES, order=2)(onp.array(0.3))
    _, t = make_jvp(lambda x: x * 2.0)(onp.array(1.5))(onp.array(1.0))
    assert t == 2.0


# ----------------------------------------------------------------- the namespace

def test_the_module_dict_is_plain_and_complete():
    d = np.__dict__
    for name in ("__getattr__", "__dir__", "_load"):
        assert name not in d
    for name, obj in vars(onp).items():
        if not name.startswith("_") and callable(obj):
            assert name in d, name
    assert d["ndarray"] is onp.ndarray and d["float64"] is onp.float64
    assert d["fft"] is np.fft and d["linalg"] is np.linalg and d["random"] is np.random
    assert d["builtins"] is autograd.builtins
    assert d["numpy_boxes"].ArrayBox is ArrayBox
    assert np.random.Generator is onp.random.Generator
    assert np.__version__ == onp.__version__


def test_importing_the_facade_fills_the_namespace_and_star_imports_it():
    code = ("import autograd.numpy as np, json\n"
            "d = np.__dict__\n"
            "ok = ['sin' in d, 'ndarray' in d, '__getattr__' not in d]\n"
            "ns = {}\n"
            "exec('from autograd.numpy import *', ns)\n"
            "ok += [ns['sin'] is np.sin, ns['builtins'].SequenceBox is not None,\n"
            "       ns['random'] is np.random, 'numpy_boxes' in ns]\n"
            "print(json.dumps(ok))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[true, true, true, true, true, true, true]"


def _callables(namespace):
    return [(name, obj) for name, obj in vars(namespace).items()
            if not name.startswith("_") and callable(obj) and not isinstance(obj, type)]


@pytest.mark.parametrize("module", ["numpy", "numpy.linalg", "numpy.fft", "numpy.random"])
def test_signatures_of_wrapped_functions_are_numpys(module):
    import importlib
    raw = importlib.import_module(module)
    ours = {"numpy": np, "numpy.linalg": np.linalg, "numpy.fft": np.fft,
            "numpy.random": np.random}[module]
    checked = 0
    for name, obj in _callables(ours):
        try:
            expected = inspect.signature(getattr(raw, name, obj))
        except (ValueError, TypeError):
            continue   # NumPy itself has none (a few C functions)
        assert inspect.signature(obj) == expected, name
        checked += 1
    if checked == 0 and module == "numpy.random" and onp.lib.NumpyVersion(onp.__version__) < "2.0.0":
        pytest.skip("NumPy 1.x gives its random functions no signatures to compare with")
    assert checked > 10


def test_signature_of_a_differential_operator_of_a_wrapped_function():
    g = grad(np.sin)
    inspect.signature(g)
    assert g(0.0) == 1.0


# ----------------------------------------------------------------- ndarray subclasses

def _tagged_class():
    """A fresh ndarray subclass with its own ``__array_ufunc__``, in the style of
    PennyLane's ``tensor``: it unwraps its inputs, calls ``ndarray``'s
    implementation and re-wraps whatever comes back -- ``NotImplemented`` too,
    which is the flaw that boxes with an ``__array_ufunc__`` run into."""

    class Tagged(onp.ndarray):
        def __new__(cls, value, tag=True):
            obj = onp.asarray(value).view(cls)
            obj.tag = tag
            return obj

        def __array_finalize__(self, obj):
            self.tag = getattr(obj, "tag", None)

        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            args = [i.view(onp.ndarray) if isinstance(i, Tagged) else i for i in inputs]
            res = super().__array_ufunc__(ufunc, method, *args, **kwargs)
            return Tagged(res)

    return Tagged


@pytest.fixture
def tagged(monkeypatch):
    """A :func:`_tagged_class` registered as PennyLane registers its tensor."""
    from autograd.numpy.numpy_vspaces import ArrayVSpace, ComplexArrayVSpace
    from autograd.vspace import VSpace
    cls = _tagged_class()
    monkeypatch.setitem(Box.type_mappings, cls,
                        lambda value, trace, node: ArrayBox(value, trace, node))
    monkeypatch.setitem(VSpace.mappings, cls, lambda x: ComplexArrayVSpace(x)
                        if onp.iscomplexobj(x) else ArrayVSpace(x))
    return cls


@pytest.mark.parametrize("f", [
    lambda x, t: t * x, lambda x, t: x * t, lambda x, t: t + x, lambda x, t: t / (x + 2.0),
    lambda x, t: t - x, lambda x, t: t ** x, lambda x, t: onp.sin(t) * x,
    lambda x, t: np.sin(t * x), lambda x, t: t @ x,
], ids=["t*x", "x*t", "t+x", "t/x", "t-x", "t**x", "numpy-sin", "anp-sin", "matmul"])
def test_an_ndarray_subclass_with_its_own_array_ufunc_meets_boxes(f, tagged):
    t = tagged([0.5, 1.5])

    def loss(x):
        out = f(x, t)
        assert isinstance(out, Box) == isinstance(x, Box)
        return np.sum(out)

    x = tagged([0.3, 0.7])   # the differentiated input is of the subclass too
    check_grads(loss, modes=MODES, order=2)(x)
    plain = onp.array([0.3, 0.7])
    expected = grad(lambda v: np.sum(f(v, t.view(onp.ndarray))))(plain)
    assert onp.allclose(onp.asarray(grad(loss)(x)), expected)
    # without boxes the subclass's own override still runs
    assert type(t * t) is tagged and (t * t).tag is True


def test_the_subclass_is_adopted_once_its_values_get_a_vector_space(tagged):
    t = tagged([0.5, 1.5])
    traced = []

    def loss(x):
        traced.append(isinstance(t * x, Box))
        return np.sum(x * t)   # (the box on the left is always fine)

    # before: the subclass's override turned NumPy's NotImplemented into data
    grad(loss)(onp.array([1.0, 2.0]))
    assert traced == [False]
    # the output (a value of the subclass) got a vector space: adopted
    assert onp.allclose(grad(loss)(onp.array([1.0, 2.0])), [0.5, 1.5])
    assert traced == [False, True]


# ----------------------------------------------------------------- engine behaviour PennyLane meets

def test_a_vjp_rule_may_compute_with_boxes_of_its_own_trace():
    # PennyLane's parameter-shift VJP re-runs its circuits with shifted copies
    # of the traced parameters: boxes of the trace whose backward pass runs
    from autograd.extend import defvjp, getval, isolated, primitive
    seen = {}

    @primitive
    def circuit(x):
        return onp.sin(x)

    def circuit_vjp(ans, x):
        def vjp(g):
            shifted = seen["param"] + onp.pi / 2   # a box: recorded nowhere
            return g * onp.sin(getval(shifted))
        return vjp

    with isolated():
        defvjp(circuit, circuit_vjp)

        def f(x):
            seen["param"] = x
            return np.sum(circuit(x))

        x = onp.array([0.3, 0.8])
        assert onp.allclose(grad(f)(x), onp.cos(x))
        assert onp.allclose(jacobian(f)(x), onp.cos(x))   # a kept tape too


def test_jacobian_of_a_complex_function_reports_its_backward_pass_error_first():
    from autograd.extend import defvjp, isolated, primitive

    @primitive
    def to_complex(x):
        return x * 1j

    def refuse(ans, x):
        def vjp(g):
            raise ValueError("this backward pass is not supported")
        return vjp

    with isolated():
        defvjp(to_complex, refuse)
        with pytest.raises(ValueError, match="not supported"):
            jacobian(to_complex)(onp.ones(2))
        defvjp(to_complex, lambda ans, x: lambda g: g * -1j)
        with pytest.raises(TypeError, match="complex-valued"):
            jacobian(to_complex)(onp.ones(2))
