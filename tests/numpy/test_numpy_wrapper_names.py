"""``autograd.numpy.numpy_wrapper`` keeps every name code imports from it.

The module only builds the namespace now; the hand-written wrappers live in
``autograd_numpy.wrappers`` (one module per topic), the wrapping mechanism in
``autograd_numpy.wrapping`` and shared helpers in ``autograd_numpy.util``.
HIPS autograd's ``numpy_wrapper`` held all of these, and downstream code,
autograd-scipy and earlier versions of this add-on import them from there, so
each name below stays importable from it (the loop variables of the module's
old body excepted).
"""

import importlib

import numpy as onp
import pytest

import autograd.numpy as np
from autograd.numpy import numpy_wrapper
from autograd_numpy import array_subclasses, numpy_boxes, util, wrapping
from autograd_numpy.wrappers import arguments, array_api, creation, functional, selection, sets, shapes

TESTED = set()   # names only: no rule of a function is checked here (see test_meta.py)

# the public helpers HIPS autograd's numpy_wrapper had, or this module added
PUBLIC = ["wrap_namespace", "metadata", "array_from_args", "concatenate_args", "stack_args",
          "make_diagonal", "astype", "astype_prim", "array_copy", "getitem", "untake",
          "broadcast_copy", "unique_gather", "notrace", "nondiff_functions", "register_wrappers",
          "wrapper_for", "Box", "getval", "isbox", "mark_primitive", "primitive", "onp", "r_", "c_"]

# private names importable from the module before the wrappers moved out of it
PRIVATE = ["_astype", "_ALIASES_2", "_IndexConcatenator", "_array_copy", "_array_from_nested",
           "_as_list", "_astype_raw", "_average_prim", "_block_prim", "_broadcast_copy_raw",
           "_broadcast_to", "_builtins", "_composite", "_concatenate_raw", "_contains_boxed",
           "_cumulative_prod_raw", "_cumulative_raw", "_cumulative_sum_raw", "_deep_getval",
           "_expand_dims", "_getitem_raw", "_handles_nested", "_inexact_leaves", "_is_boxes_array",
           "_is_numpy_value", "_is_sequence_box", "_joinable", "_keywords_positional", "_leaves",
           "_make_diagonal_raw", "_matrix_transpose_raw", "_matvec_raw", "_moveaxis",
           "_normalize_axis", "_notrace", "_operator", "_own", "_packs_sequences", "_primitive_like",
           "_public", "_refuse_matrix", "_refuse_traced", "_reshape", "_select_prim",
           "_set_operation", "_stack_raw", "_traced_sequence", "_transpose", "_ufunc_methods",
           "_unique_api", "_unique_gather_raw", "_unique_sorted", "_unstack_raw", "_untake_raw",
           "_values_at", "_vecdot_raw", "_vecmat_raw", "_where", "_where_prim", "_wrap",
           "_wrappers"]


@pytest.mark.parametrize("name", PUBLIC + PRIVATE)
def test_the_name_is_importable_from_numpy_wrapper(name):
    module = importlib.import_module("autograd.numpy.numpy_wrapper")
    assert hasattr(module, name)
    exec(f"from autograd.numpy.numpy_wrapper import {name}", {})


def test_names_are_the_objects_of_their_new_homes():
    assert numpy_wrapper._wrappers is wrapping._wrappers
    assert numpy_wrapper.wrap_namespace is wrapping.wrap_namespace
    assert numpy_wrapper._deep_getval is util.deep_getval
    assert numpy_wrapper.array_copy is creation.array_copy
    assert numpy_wrapper.astype_prim is creation.astype_prim
    assert numpy_wrapper._astype is creation._astype
    assert numpy_wrapper.getitem is selection.getitem
    assert numpy_wrapper.unique_gather is sets.unique_gather
    assert numpy_wrapper._packs_sequences is arguments._packs_sequences
    assert numpy_wrapper._ALIASES_2 is array_api.NUMPY2_ALIASES
    assert numpy_boxes.adopt_array_subclass is array_subclasses.adopt_array_subclass


@pytest.mark.parametrize("module", [creation, arguments, shapes, selection, functional, sets,
                                    array_api], ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_the_namespace_holds_each_hand_written_wrapper(module):
    for name in module.__all__:
        assert getattr(numpy_wrapper, name) is getattr(module, name), name
        assert name in numpy_wrapper.__all__ and name in np.__all__, name
        raw = getattr(onp, name, None)
        if raw is not None and getattr(getattr(module, name), "__wrapped__", None) is raw:
            # the array-protocol dispatch finds the same wrapper for NumPy's function
            assert wrapping.wrapper_for(raw) is getattr(module, name), name


def test_hips_helpers_work_from_numpy_wrapper():
    x = onp.array([[1.0, 2.0]], dtype=onp.float32)
    assert numpy_wrapper.metadata(x) == ((1, 2), 2, onp.dtype(onp.float32), False)
    assert numpy_wrapper._astype(x, onp.float64).dtype == onp.float64
    onp.testing.assert_array_equal(numpy_wrapper.array_from_args((), {}, 1.0, 2.0), [1.0, 2.0])
    onp.testing.assert_array_equal(numpy_wrapper.concatenate_args(0, x[0], x[0]), [1, 2, 1, 2])
