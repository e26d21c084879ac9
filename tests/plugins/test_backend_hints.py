"""Array-backend errors: a backend array whose plugin is missing, and arrays of two
backends in one call.  The backends are known by their types' modules, so the
arrays here are stand-ins (classes whose ``__module__`` is ``cupy``,
``dask.array.core``, ``sparse._coo.core``): nothing of CuPy, Dask or sparse is
imported, and no NumPy is needed."""

import pytest

import autograd.plugins as plugins
from autograd import grad, make_vjp
from autograd.extend import defvjp, primitive
from autograd.plugins import hookimpl


def _array_type(module, name):
    """A stand-in array type of ``module`` that implements NumPy's function protocol."""
    return type(name, (), {"__module__": module, "__qualname__": name,
                           "__array_function__": lambda self, *a: NotImplemented,
                           "__repr__": lambda self: f"<{name}>"})


CUPY = _array_type("cupy", "ndarray")
DASK = _array_type("dask.array.core", "Array")
COO = _array_type("sparse._coo.core", "COO")
GCXS = _array_type("sparse._compressed.compressed", "GCXS")
OTHER = _array_type("somelib", "Tensor")

# fmt: off
# (array type, the distribution the error names, what it says to install)
MISSING = [
    (CUPY, "autograd-cupy",          'pip install "autograd-cupy[cuda12]"'),
    (DASK, "autograd-dask",          "pip install autograd-dask"),
    (COO,  "autograd-pydata-sparse", "pip install autograd-pydata-sparse"),
    (GCXS, "autograd-pydata-sparse", "pip install autograd-pydata-sparse"),
]
# fmt: on


@pytest.mark.parametrize("cls, dist, install", MISSING, ids=[r[1] + "-" + r[0].__name__ for r in MISSING])
def test_a_backend_array_without_its_plugin_names_the_plugin(cls, dist, install):
    with plugins.isolated():          # no plugin installed
        with pytest.raises(TypeError) as info:
            grad(lambda x: x)(cls())
    msg = str(info.value)
    assert msg.count("Can't differentiate") == 1
    assert f"{cls.__module__}.{cls.__name__}" in msg and dist in msg and install in msg


def test_an_unknown_array_type_gets_the_general_message():
    with plugins.isolated():
        with pytest.raises(TypeError, match="Can't differentiate w.r.t. type 'Tensor'") as info:
            grad(lambda x: x)(OTHER())
    assert "pip install" not in str(info.value)


class _Named:
    """An empty plugin that passes for an installed distribution."""

    @hookimpl
    def autograd_register(self, registry):
        registry.add_value_types("cupy", "autograd_cupy.types:register")


def test_an_installed_but_disabled_plugin_says_so():
    with plugins.isolated() as manager:
        manager.register(_Named(), name="cupy", distribution="autograd-cupy", version="0.1.0")
        plugins.disable("cupy")
        with pytest.raises(TypeError, match=r"autograd-cupy plugin, which is installed but disabled"):
            grad(lambda x: x)(CUPY())


# ----------------------------------------------------------------- two backends in one call

@primitive
def combine(s, a, b):
    """A primitive whose libraries refuse each other's arrays, as CuPy and Dask do."""
    raise TypeError(f"operand type(s) all returned NotImplemented: {type(a).__name__!r}, "
                    f"{type(b).__name__!r}")


@primitive
def misuse(s, a, b):
    raise TypeError("misuse() got an unexpected keyword argument 'axes'")


defvjp(combine, lambda ans, s, a, b: lambda g: g)
defvjp(misuse, lambda ans, s, a, b: lambda g: g)


@pytest.mark.parametrize("a, b", [(CUPY, DASK), (DASK, COO), (COO, CUPY), (CUPY, OTHER)],
                         ids=["cupy-dask", "dask-sparse", "sparse-cupy", "cupy-other"])
def test_two_backends_in_one_call_give_one_error_naming_both(a, b):
    with pytest.raises(TypeError) as info:
        grad(lambda s: combine(s, a(), b()))(1.0)
    msg = str(info.value)
    assert "different array libraries" in msg and msg.count("different array libraries") == 1
    for cls in (a, b):
        assert f"{cls.__module__}.{cls.__name__}" in msg
    assert "combine" in msg
    assert isinstance(info.value.__cause__, TypeError)      # the library's own words, kept


def test_nested_derivatives_explain_once():
    with pytest.raises(TypeError) as info:
        grad(lambda t: grad(lambda s: combine(s * t, CUPY(), DASK()))(1.0))(2.0)
    assert str(info.value).count("different array libraries") == 1
    assert "different array libraries" not in str(info.value.__cause__)


def test_other_errors_and_one_backend_are_left_alone():
    with pytest.raises(TypeError, match="unexpected keyword"):
        grad(lambda s: misuse(s, CUPY(), DASK()))(1.0)
    with pytest.raises(TypeError, match="NotImplemented: 'ndarray', 'ndarray'"):
        make_vjp(lambda s: combine(s, CUPY(), CUPY()))(1.0)


def test_the_hint_without_a_trace():
    assert plugins.mixed_backends_hint([CUPY(), 1.0]) is None
    assert "cupy.ndarray and dask.array.core.Array" in plugins.mixed_backends_hint([CUPY(), DASK()])
