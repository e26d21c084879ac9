"""The hand-written wrappers of ``autograd.numpy``, one module per topic.

Most of the namespace is made mechanically (:mod:`autograd_numpy.wrapping`);
these functions need a wrapper of their own, because NumPy takes their arrays
inside lists or by keyword, because they take user callables, or because
their result is computed from the values in a way no single rule covers:

* :mod:`.creation` -- ``array``, ``asarray``, ``astype``, ``make_diagonal``,
  ``r_``/``c_``, the refused ``numpy.matrix`` constructors;
* :mod:`.shapes` -- joining: ``concatenate``, ``stack``, ``hstack`` ...,
  ``atleast_*d``, ``block``;
* :mod:`.selection` -- ``getitem``/``untake`` (indexing and its adjoint),
  ``select``, ``where``, the refused in-place writers (``put``, ``copyto`` ...);
* :mod:`.functional` -- ``apply_along_axis``, ``apply_over_axes``,
  ``piecewise``, ``fromfunction``;
* :mod:`.sets` -- ``unique`` and the set operations;
* :mod:`.arguments` -- arrays given by keyword or inside lists (``average``,
  ``cov``, ``linspace`` ..., the reductions of lists of traced values);
* :mod:`.array_api` -- NumPy 2's array-API names on NumPy 1.x.

Each module's ``__all__`` lists the names it gives the namespace;
:mod:`autograd_numpy.numpy_wrapper` binds them over the mechanical wrappers.
The rules of these functions are in :mod:`autograd_numpy.rules` (the
composites need none).
"""
