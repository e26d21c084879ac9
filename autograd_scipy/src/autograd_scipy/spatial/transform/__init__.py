"""``autograd.scipy.spatial.transform``: a differentiable ``Rotation``.

:class:`Rotation` has SciPy's constructors and conversions (``from_quat``/
``as_quat``, ``from_matrix``/``as_matrix``, ``from_rotvec``/``as_rotvec``,
``from_mrp``/``as_mrp``, ``from_euler``/``as_euler``), ``apply``, ``inv``,
composition (``*``), powers, ``magnitude``, ``mean``, ``align_vectors`` and indexing, on single or stacked
rotations, with arrays that may be traced (see
:mod:`autograd_scipy.spatial.transform._rotation`); :class:`Slerp` interpolates
between traced rotations at traced times.  ``RotationSpline`` and
``RigidTransform`` are SciPy's own (not differentiable).
"""

from scipy.spatial.transform import RigidTransform, RotationSpline

from ._rotation import Rotation, Slerp

__all__ = ["Rotation", "Slerp", "RotationSpline", "RigidTransform"]
