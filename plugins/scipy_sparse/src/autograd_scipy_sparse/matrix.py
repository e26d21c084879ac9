"""Sparse matrices whose stored values can be traced, and sparse-times-dense products.

A scipy sparse matrix cannot hold a traced array as its values, so a matrix
whose values are differentiated is split in two:

* a :class:`Pattern`: where the values are stored (format, shape and index
  arrays), never differentiated;
* ``data``: the 1-D array of stored values, in the pattern's storage order
  (``A.data`` for a CSR, CSC or COO matrix ``A``), which may be traced.

:class:`SparseMatrix` pairs the two and supports ``M @ x``, ``x @ M``,
``M.dot(x)``, ``M.T`` and ``M.toarray()``.  The primitives underneath are
:func:`sparse_matmul` (``S @ x``) and :func:`sparse_todense`; their rules are
in :mod:`autograd_scipy_sparse.rules`.

>>> import autograd.numpy as np
>>> import scipy.sparse as sp
>>> from autograd import grad
>>> A = sp.csr_matrix(np.array([[2.0, 0.0], [1.0, 3.0]]))
>>> x = np.array([1.0, -1.0])
>>> grad(lambda d: np.sum(with_data(A, d) @ x))(A.data)   # d(sum(A @ x)) / d(A.data)
array([ 1.,  1., -1.])

``A @ x`` on a plain scipy matrix with a traced ``x`` reaches :func:`matmul`
through the operator wrappers of :mod:`autograd_scipy_sparse.operators`.
"""

import numpy as onp
import scipy.sparse as sps

import autograd.numpy as anp
from autograd.extend import getval, isbox, primitive

__all__ = [
    "Pattern", "SparseMatrix", "wrap", "with_data", "csr_matrix", "csc_matrix", "coo_matrix",
    "matmul", "dot", "toarray", "sparse_matmul", "sparse_todense",
]

_BUILD = {"csr": sps.csr_array, "csc": sps.csc_array, "coo": sps.coo_array}
_TRANSPOSED = {"csr": "csc", "csc": "csr", "coo": "coo"}


class Pattern:
    """Where a sparse matrix stores its values: format, shape and index arrays.

    ``index`` is ``(indices, indptr)`` for ``"csr"`` and ``"csc"`` and
    ``(row, col)`` for ``"coo"``, exactly as scipy holds them.  A pattern
    plus a 1-D ``data`` array of length :attr:`nnz` make a matrix
    (:meth:`build`).  :attr:`rows` and :attr:`cols` give the coordinates of
    each stored value, which is what the gradient with respect to ``data``
    needs.  The index arrays are shared with the matrix they came from, not
    copied.
    """

    __slots__ = ("format", "shape", "index", "_coords", "_T")

    def __init__(self, format, shape, index):
        if format not in _BUILD:
            raise ValueError(f"format must be 'csr', 'csc' or 'coo', not {format!r}")
        a, b = (onp.asarray(i) for i in index)
        if format == "coo" and a.shape != b.shape:
            raise ValueError("coo: row and col must have the same length")
        if format != "coo" and (b.ndim != 1 or len(b) < 1 or b[-1] != len(a)):
            raise ValueError(f"{format}: indptr[-1] must equal len(indices) "
                             "(call A.prune() on the scipy matrix first)")
        self.format = format
        self.shape = (int(shape[0]), int(shape[1]))
        self.index = (a, b)
        self._coords = None
        self._T = None

    @classmethod
    def of(cls, A):
        """``(pattern, data)`` of a scipy sparse matrix or array in CSR, CSC or COO format."""
        fmt = getattr(A, "format", None)
        if len(A.shape) != 2:
            raise ValueError(f"only 2-D sparse matrices are supported, not shape {A.shape}")
        if fmt in ("csr", "csc"):
            return cls(fmt, A.shape, (A.indices, A.indptr)), A.data
        if fmt == "coo":
            return cls(fmt, A.shape, (A.row, A.col)), A.data
        raise ValueError(f"a {fmt!r} matrix has no storage order for its values: convert it "
                         "with A.tocsr() (or tocsc/tocoo) first, so that data lines up with A.data")

    @property
    def nnz(self):
        """The number of stored values (duplicates in a COO pattern counted separately)."""
        return len(self.index[0])

    @property
    def rows(self):
        """The row of each stored value, in storage order."""
        return self._coordinates()[0]

    @property
    def cols(self):
        """The column of each stored value, in storage order."""
        return self._coordinates()[1]

    def _coordinates(self):
        if self._coords is None:
            a, b = self.index
            if self.format == "coo":
                self._coords = (a, b)
            else:
                major = onp.repeat(onp.arange(len(b) - 1), onp.diff(b))
                self._coords = (major, a) if self.format == "csr" else (a, major)
        return self._coords

    @property
    def T(self):
        """The transposed pattern: same data order (CSR <-> CSC, COO swaps row and col)."""
        if self._T is None:
            a, b = self.index
            index = (b, a) if self.format == "coo" else (a, b)
            t = Pattern(_TRANSPOSED[self.format], self.shape[::-1], index)
            if self._coords is not None:
                t._coords = self._coords[::-1]
            t._T = self
            self._T = t
        return self._T

    def build(self, data, copy=False):
        """The scipy sparse array with this pattern and the (raw) values ``data``."""
        a, b = self.index
        arg = (data, (a, b)) if self.format == "coo" else (data, a, b)
        return _BUILD[self.format](arg, shape=self.shape, copy=copy)

    def __repr__(self):
        return f"Pattern({self.format!r}, shape={self.shape}, nnz={self.nnz})"


# ----------------------------------------------------------------- primitives

@primitive
def sparse_matmul(data, pattern, x):
    """``S @ x`` for the sparse matrix ``S`` with values ``data`` stored at ``pattern``.

    ``x`` is a dense vector or matrix.  Differentiable with respect to
    ``data`` and ``x``.
    """
    return pattern.build(data) @ x


@primitive
def sparse_todense(data, pattern):
    """The dense ndarray of the sparse matrix with values ``data`` stored at ``pattern``.

    Duplicate COO entries are summed.  Differentiable with respect to ``data``.
    """
    return pattern.build(data).toarray()


# ----------------------------------------------------------------- the matrix type

class SparseMatrix:
    """A sparse matrix whose stored values ``data`` may be traced.

    Build one with :func:`with_data`, :func:`wrap`, :func:`csr_matrix`,
    :func:`csc_matrix` or :func:`coo_matrix`.

    >>> M = with_data(A, values)        # A's pattern, these values
    >>> y = M @ x                       # differentiable w.r.t. values and x
    >>> z = x @ M                       # x plain or traced
    """

    __slots__ = ("data", "pattern")

    # NumPy's binary operators give way to an operand that sets this, so
    # ``ndarray @ M`` calls ``M.__rmatmul__`` instead of converting M.
    __array_ufunc__ = None
    ndim = 2

    def __init__(self, data, pattern):
        shape = onp.shape(getval(data))
        if shape != (pattern.nnz,):
            raise ValueError(f"data must be a 1-D array of the pattern's {pattern.nnz} stored "
                             f"values, not of shape {shape}")
        self.data = data
        self.pattern = pattern

    @property
    def shape(self):
        return self.pattern.shape

    @property
    def format(self):
        return self.pattern.format

    @property
    def nnz(self):
        return self.pattern.nnz

    @property
    def dtype(self):
        return onp.asarray(getval(self.data)).dtype

    @property
    def T(self):
        return SparseMatrix(self.data, self.pattern.T)

    def transpose(self):
        return self.T

    def __matmul__(self, other):
        return matmul(self, other)

    def __rmatmul__(self, other):
        return matmul(other, self)

    def dot(self, other):
        return matmul(self, other)

    def toarray(self):
        """The dense matrix (differentiable with respect to the values)."""
        return sparse_todense(self.data, self.pattern)

    def to_scipy(self):
        """The scipy sparse array (not traced: raises if the values are traced)."""
        if isbox(self.data):
            raise TypeError("the values of this SparseMatrix are traced; a scipy sparse "
                            "array would silently drop their gradient")
        return self.pattern.build(self.data)

    def __repr__(self):
        traced = ", traced" if isbox(self.data) else ""
        return (f"<SparseMatrix {self.shape[0]}x{self.shape[1]} {self.format}, "
                f"{self.nnz} stored values{traced}>")


def wrap(A):
    """A scipy sparse matrix as a :class:`SparseMatrix` with constant values, so that
    ``wrap(A) @ x`` works for a traced ``x`` (other formats are converted to CSR)."""
    if isinstance(A, SparseMatrix):
        return A
    if getattr(A, "format", None) not in _BUILD:
        A = A.tocsr()
    pattern, data = Pattern.of(A)
    return SparseMatrix(data, pattern)


def with_data(A, data):
    """``A``'s sparsity pattern with the stored values ``data`` (which may be traced).

    ``A`` is a scipy sparse matrix or array in CSR, CSC or COO format, or a
    :class:`SparseMatrix`; ``data`` lines up with ``A.data``.

    >>> grad(lambda d: np.sum(with_data(A, d) @ x))(A.data)
    """
    if isinstance(A, SparseMatrix):
        return SparseMatrix(data, A.pattern)
    pattern, _ = Pattern.of(A)
    return SparseMatrix(data, pattern)


def _compressed(fmt, arg, shape):
    data, indices, indptr = arg
    indices, indptr = onp.asarray(indices), onp.asarray(indptr)
    if shape is None:
        minor = int(indices.max()) + 1 if len(indices) else 0
        shape = (len(indptr) - 1, minor) if fmt == "csr" else (minor, len(indptr) - 1)
    return SparseMatrix(data, Pattern(fmt, shape, (indices, indptr)))


def csr_matrix(arg, shape=None):
    """``csr_matrix((data, indices, indptr), shape)`` as in scipy, with ``data`` traceable."""
    return _compressed("csr", arg, shape)


def csc_matrix(arg, shape=None):
    """``csc_matrix((data, indices, indptr), shape)`` as in scipy, with ``data`` traceable."""
    return _compressed("csc", arg, shape)


def coo_matrix(arg, shape=None):
    """``coo_matrix((data, (row, col)), shape)`` as in scipy, with ``data`` traceable."""
    data, (row, col) = arg
    row, col = onp.asarray(row), onp.asarray(col)
    if shape is None:
        shape = (int(row.max()) + 1, int(col.max()) + 1) if len(row) else (0, 0)
    return SparseMatrix(data, Pattern("coo", shape, (row, col)))


# ----------------------------------------------------------------- functional forms

def _is_sparse(x):
    return isinstance(x, SparseMatrix) or sps.issparse(x)


def _traced(x):
    return isbox(x.data) if isinstance(x, SparseMatrix) else False


def _dense(x):
    """The dense operand as an array (lists too), checked to be a vector or a matrix."""
    if not isbox(x):
        x = onp.asarray(x)
    ndim = onp.ndim(getval(x))
    if ndim not in (1, 2):
        raise ValueError(f"the dense operand must be a vector or a matrix, not {ndim}-D")
    return x


def matmul(a, b):
    """``a @ b`` where one operand is sparse (scipy or :class:`SparseMatrix`) and the
    other a dense vector or matrix; differentiable with respect to the dense operand
    and the values of a :class:`SparseMatrix`.

    >>> grad(lambda x: np.sum(matmul(A, x) ** 2))(x)
    """
    if _is_sparse(a):
        if _is_sparse(b):
            if _traced(a) or _traced(b):
                raise NotImplementedError("sparse @ sparse with traced values is not supported")
            return wrap(a).to_scipy() @ wrap(b).to_scipy()
        m = wrap(a)
        return sparse_matmul(m.data, m.pattern, _dense(b))
    if _is_sparse(b):
        m = wrap(b)
        pt = m.pattern.T
        a = _dense(a)
        if onp.ndim(getval(a)) == 1:
            return sparse_matmul(m.data, pt, a)
        return anp.transpose(sparse_matmul(m.data, pt, anp.transpose(a)))
    raise TypeError("matmul: neither operand is sparse (use autograd.numpy.matmul)")


dot = matmul


def toarray(A):
    """The dense ndarray of a sparse matrix (differentiable for a :class:`SparseMatrix`)."""
    return wrap(A).toarray()

