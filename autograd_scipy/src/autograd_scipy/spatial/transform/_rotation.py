"""``Rotation``: SciPy's rotation class, differentiable in its parameters.

A ``Rotation`` holds unit quaternions, scalar-last ``(x, y, z, w)`` as SciPy
stores them, in an array of shape ``(4,)`` (one rotation) or ``(..., 4)`` (a
stack), which may be traced.  Every conversion is a formula written with
``autograd.numpy``, so ``grad`` of a function of ``Rotation.from_rotvec(v)
.apply(x)`` is exact in ``v`` and ``x``, to any order.

What is constant for differentiation, decided on raw values as SciPy decides:
the sign flips of canonical quaternions (``as_quat(canonical=True)``,
``as_rotvec``, ``as_mrp``), the branch of the matrix-to-quaternion formula,
and whether a matrix is projected onto the rotations first.  Small rotation
vectors use the Taylor series SciPy uses (``|v| <= 1e-3``), written in
``|v|^2``, so derivatives at the identity are exact too.  ``magnitude()`` at
the identity has derivative 0 (the subgradient of a norm at 0).
"""

import warnings

import numpy as _onp
from scipy.spatial.transform import Rotation as _SciPyRotation

from autograd.extend import getval, isbox
from autograd_numpy import linalg as _anla
from autograd_numpy import numpy_wrapper as anp

__all__ = ["Rotation", "Slerp"]

_AXES = {"x": 0, "y": 1, "z": 2}
_SMALL = 1e-3          # SciPy's threshold for the small-angle series


def _normalize(q):
    norms = getval(anp.sqrt(anp.sum(q * q, axis=-1)))
    if _onp.any(norms == 0):
        raise ValueError("Found zero norm quaternions in `quat`.")
    if not _onp.all(_onp.isfinite(norms)):
        raise ValueError("Found non-finite quaternions in `quat`.")
    return q / anp.sqrt(anp.sum(q * q, axis=-1, keepdims=True))


def _parts(q):
    return q[..., 0], q[..., 1], q[..., 2], q[..., 3]


def _compose(p, q):
    """The quaternion of ``p`` after ``q`` (scalar-last Hamilton product ``p q``)."""
    pv, pw = p[..., :3], p[..., 3:]
    qv, qw = q[..., :3], q[..., 3:]
    v = pw * qv + qw * pv + anp.cross(pv, qv)
    w = pw * qw - anp.sum(pv * qv, axis=-1, keepdims=True)
    return anp.concatenate([v, w], axis=-1)


def _canonical_sign(q):
    """``+1`` or ``-1`` per quaternion (a constant): the sign making it canonical
    (``w > 0``, or on ``w == 0`` the first nonzero of ``x, y, z`` positive)."""
    raw = getval(q)
    sign = _onp.ones(raw.shape[:-1])
    undecided = _onp.ones(raw.shape[:-1], dtype=bool)
    for i in (3, 0, 1, 2):
        c = raw[..., i]
        sign = _onp.where(undecided & (c < 0), -1.0, sign)
        undecided &= c == 0
    return sign[..., None]


def _flip_negative_w(q):
    return q * _onp.where(getval(q)[..., 3:] < 0, -1.0, 1.0)


class Rotation:
    """A rotation or stack of rotations, differentiable in its quaternions.

    The constructors and conversions are SciPy's (same names, arguments and
    conventions); the arrays they take and return may be traced.

    >>> import autograd.numpy as np
    >>> from autograd import grad
    >>> from autograd.scipy.spatial.transform import Rotation
    >>> f = lambda v: Rotation.from_rotvec(v).apply(np.array([1.0, 0.0, 0.0]))[1]
    >>> print(f"{grad(f)(np.array([0.0, 0.0, 0.5]))[2]:.6f}")    # d sin(t) / dt
    0.877583
    """

    __slots__ = ("_quat",)
    __autograd_composite__ = True      # written with traced operations (coverage reports)

    def __init__(self, quat, normalize=True, copy=True, *, scalar_first=False):
        q = anp.asarray(quat)
        if q.ndim < 1 or anp.shape(q)[-1] != 4:
            raise ValueError(f"Expected `quat` to have shape (..., 4), got {anp.shape(q)}.")
        if scalar_first:
            q = anp.roll(q, -1, axis=-1)
        if not _onp.issubdtype(_onp.result_type(getval(q)), _onp.floating):
            q = q * 1.0
        self._quat = _normalize(q) if normalize else q

    # ------------------------------------------------------------- structure

    @property
    def single(self):
        return anp.ndim(self._quat) == 1

    @property
    def shape(self):
        return tuple(anp.shape(self._quat)[:-1])

    def __len__(self):
        if self.single:
            raise TypeError("Single rotation has no len().")
        return anp.shape(self._quat)[0]

    def __getitem__(self, index):
        if self.single:
            raise TypeError("Single rotation is not subscriptable.")
        return Rotation(self._quat[index], normalize=False)

    def __iter__(self):
        if self.single:
            raise TypeError("Single rotation is not iterable.")
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return f"Rotation.from_quat({getval(self._quat)!r})"

    @classmethod
    def from_scipy(cls, rotation):
        """The same rotation(s) as SciPy's ``Rotation`` object ``rotation`` (constants)."""
        return cls(rotation.as_quat(), normalize=False)

    def to_scipy(self):
        """SciPy's ``Rotation`` of the current values (no longer traced)."""
        return _SciPyRotation.from_quat(getval(self._quat))

    @classmethod
    def identity(cls, num=None, *, shape=None):
        return cls.from_scipy(_SciPyRotation.identity(num, shape=shape))

    @classmethod
    def random(cls, num=None, rng=None, *, shape=None, random_state=None):
        kw = {} if random_state is None else {"random_state": random_state}
        return cls.from_scipy(_SciPyRotation.random(num, rng, shape=shape, **kw))

    @classmethod
    def concatenate(cls, rotations):
        if isinstance(rotations, Rotation):
            return cls(rotations._quat, normalize=False)
        quats = [anp.reshape(r._quat, (-1, 4)) for r in rotations]
        return cls(anp.concatenate(quats, axis=0), normalize=False)

    # ------------------------------------------------------------- quaternions

    @classmethod
    def from_quat(cls, quat, *, scalar_first=False):
        return cls(quat, normalize=True, scalar_first=scalar_first)

    def as_quat(self, canonical=False, *, scalar_first=False):
        q = self._quat * _canonical_sign(self._quat) if canonical else self._quat
        return anp.roll(q, 1, axis=-1) if scalar_first else q

    # ------------------------------------------------------------- matrices

    def as_matrix(self):
        x, y, z, w = _parts(self._quat)
        x2, y2, z2, w2 = x * x, y * y, z * z, w * w
        xy, zw, xz, yw, yz, xw = x * y, z * w, x * z, y * w, y * z, x * w
        rows = [[x2 - y2 - z2 + w2, 2 * (xy - zw), 2 * (xz + yw)],
                [2 * (xy + zw), -x2 + y2 - z2 + w2, 2 * (yz - xw)],
                [2 * (xz - yw), 2 * (yz + xw), -x2 - y2 + z2 + w2]]
        return anp.stack([anp.stack(r, axis=-1) for r in rows], axis=-2)

    @classmethod
    def from_matrix(cls, matrix, *, assume_valid=False):
        m = anp.asarray(matrix)
        if anp.shape(m)[-2:] != (3, 3):
            raise ValueError(f"Expected `matrix` to have shape (..., 3, 3), got {anp.shape(m)}")
        if not isbox(m):        # SciPy's own value
            return cls(_SciPyRotation.from_matrix(m, assume_valid=assume_valid).as_quat(),
                       normalize=False)
        raw = _onp.asarray(getval(m), dtype=float)
        if not assume_valid:
            if _onp.any(_onp.linalg.det(raw) <= 0):
                raise ValueError("Non-positive determinant (left-handed or null coordinate "
                                 "frame) in rotation matrix.")
            m = _polar(m)
            raw = getval(m)
        d = [m[..., 0, 0], m[..., 1, 1], m[..., 2, 2]]
        trace = d[0] + d[1] + d[2]
        choice = _onp.argmax(_onp.stack([raw[..., 0, 0], raw[..., 1, 1], raw[..., 2, 2],
                                         raw[..., 0, 0] + raw[..., 1, 1] + raw[..., 2, 2]],
                                        axis=-1), axis=-1)
        cases = []
        for i in range(3):
            j, k = (i + 1) % 3, (i + 2) % 3
            q = [None] * 4
            q[i] = 1 - trace + 2 * d[i]
            q[j] = m[..., j, i] + m[..., i, j]
            q[k] = m[..., k, i] + m[..., i, k]
            q[3] = m[..., k, j] - m[..., j, k]
            cases.append(anp.stack(q, axis=-1))
        cases.append(anp.stack([m[..., 2, 1] - m[..., 1, 2], m[..., 0, 2] - m[..., 2, 0],
                                m[..., 1, 0] - m[..., 0, 1], 1 + trace], axis=-1))
        quat = sum(c * (choice == n)[..., None] for n, c in enumerate(cases))
        return cls(quat, normalize=True)

    # ------------------------------------------------------------- rotation vectors

    @classmethod
    def from_rotvec(cls, rotvec, degrees=False):
        v = anp.asarray(rotvec)
        if anp.shape(v)[-1:] != (3,):
            raise ValueError(f"Expected `rot_vec` to have shape (..., 3), got {anp.shape(v)}")
        if degrees:
            v = v * (_onp.pi / 180)
        if not _onp.issubdtype(_onp.result_type(getval(v)), _onp.floating):
            v = v * 1.0
        t2 = anp.sum(v * v, axis=-1, keepdims=True)
        big = getval(t2) > _SMALL ** 2
        angle = anp.sqrt(anp.where(big, t2, 1.0))
        scale = anp.where(big, anp.sin(angle / 2) / angle, 0.5 - t2 / 48 + t2 * t2 / 3840)
        w = anp.where(big, anp.cos(angle / 2), 1 - t2 / 8 + t2 * t2 / 384)
        return cls(anp.concatenate([scale * v, w], axis=-1), normalize=False)

    def as_rotvec(self, degrees=False):
        q = _flip_negative_w(self._quat)
        xyz, w = q[..., :3], q[..., 3:]
        n2 = anp.sum(xyz * xyz, axis=-1, keepdims=True)
        pos = getval(n2) > 0
        angle = 2 * anp.arctan2(anp.where(pos, anp.sqrt(anp.where(pos, n2, 1.0)), 0.0), w)
        big = getval(angle) > _SMALL
        safe = anp.where(big, angle, 1.0)
        a2 = angle * angle
        scale = anp.where(big, safe / anp.sin(safe / 2), 2 + a2 / 12 + 7 * a2 * a2 / 2880)
        rv = scale * xyz
        return rv * (180 / _onp.pi) if degrees else rv

    # ------------------------------------------------------------- modified Rodrigues parameters

    @classmethod
    def from_mrp(cls, mrp):
        p = anp.asarray(mrp)
        if anp.shape(p)[-1:] != (3,):
            raise ValueError(f"Expected `mrp` to have shape (..., 3), got {anp.shape(p)}")
        p2 = anp.sum(p * p, axis=-1, keepdims=True)
        q = anp.concatenate([2 * p, 1 - p2], axis=-1) / (1 + p2)
        return cls(q, normalize=False)

    def as_mrp(self):
        q = _flip_negative_w(self._quat)
        return q[..., :3] / (1 + q[..., 3:])

    # ------------------------------------------------------------- Euler angles

    @classmethod
    def from_euler(cls, seq, angles, degrees=False):
        num_axes = len(seq)
        if num_axes < 1 or num_axes > 3:
            raise ValueError("Expected axis specification to be a non-empty string of upto 3 "
                             f"characters, got {seq}")
        intrinsic, extrinsic = _check_seq(seq)
        a = anp.asarray(angles)
        if not _onp.issubdtype(_onp.result_type(getval(a)), _onp.floating):
            a = a * 1.0
        if degrees:
            a = a * (_onp.pi / 180)
        if anp.ndim(a) == 0:
            a = anp.reshape(a, (1,))
        if anp.shape(a)[-1] != num_axes:
            raise ValueError("Expected last dimension of `angles` to match number of sequence "
                             f"axes specified, got {anp.shape(a)[-1]}.")
        quat = None
        for i, c in enumerate(seq.lower()):
            half = a[..., i] / 2
            zero = 0.0 * half
            parts = [zero, zero, zero]
            parts[_AXES[c]] = anp.sin(half)
            e = anp.stack(parts + [anp.cos(half)], axis=-1)
            # intrinsic: each rotation about the moving axes, applied after the previous
            quat = e if quat is None else _compose(quat, e) if intrinsic else _compose(e, quat)
        return cls(quat, normalize=False)

    def as_euler(self, seq, degrees=False, *, suppress_warnings=False):
        """SciPy's Euler angles (its quaternion-based algorithm); whether a rotation
        is gimbal-locked is decided on raw values (the third angle is then 0)."""
        if len(seq) != 3:
            raise ValueError(f"Expected 3 axes, got {seq}.")
        intrinsic, extrinsic = _check_seq(seq)
        axes = [_AXES[c] for c in seq.lower()]
        i, j, k = axes if extrinsic else axes[::-1]
        symmetric = i == k
        if symmetric:
            k = 3 - i - j
        sign = float((i - j) * (j - k) * (k - i) // 2)
        q = self._quat
        if symmetric:
            a, b, c, d = q[..., 3], q[..., i], q[..., j], q[..., k] * sign
        else:
            a, b = q[..., 3] - q[..., j], q[..., i] + q[..., k] * sign
            c, d = q[..., j] + q[..., 3], q[..., k] * sign - q[..., i]
        half_sum, half_diff = anp.arctan2(b, a), anp.arctan2(d, c)
        middle = 2 * anp.arctan2(_hypot0(c, d), _hypot0(a, b))
        raw = getval(middle)
        regular = ~((_onp.abs(raw) <= 1e-7) | (_onp.abs(raw - _onp.pi) <= 1e-7))
        if not suppress_warnings and not _onp.all(regular):
            warnings.warn("Gimbal lock detected. Setting third angle to zero since it is not "
                          "possible to uniquely determine all angles.", stacklevel=2)
        locked = anp.where(_onp.abs(raw) <= 1e-7, 2 * half_sum,
                           2 * half_diff * (-1.0 if extrinsic else 1.0))
        zero = 0.0 * half_sum
        first = anp.where(regular, half_sum - half_diff, locked if extrinsic else zero)
        third = anp.where(regular, half_sum + half_diff, zero if extrinsic else locked)
        if not symmetric:
            third = third * sign
            middle = middle - _onp.pi / 2
        angles = [first, middle, third] if extrinsic else [third, middle, first]
        out = _wrap_angles(anp.stack(angles, axis=-1))
        return out * (180 / _onp.pi) if degrees else out

    # ------------------------------------------------------------- fitting

    @classmethod
    def align_vectors(cls, a, b, weights=None, return_sensitivity=False):
        """SciPy's ``align_vectors`` (Kabsch: the rotation ``R`` minimising
        ``sum w_i |a_i - R b_i|^2``, and the root of that minimum), differentiable in
        ``a``, ``b`` and ``weights`` through an SVD of ``sum w_i a_i b_i^T``
        (distinct singular values); the sign fixing a reflection is a constant.
        One vector pair or an infinite weight (SciPy's other branch) is not
        differentiable here."""
        raw = _SciPyRotation.align_vectors(getval(a), getval(b), getval(weights),
                                           return_sensitivity)
        if not any(isbox(x) for x in (a, b, weights)):
            return (cls.from_scipy(raw[0]),) + tuple(raw[1:])
        A = anp.reshape(anp.asarray(a) * 1.0, (-1, 3))
        B = anp.reshape(anp.asarray(b) * 1.0, (-1, 3))
        n = anp.shape(A)[0]
        w = _onp.ones(n) if weights is None else anp.asarray(weights) * 1.0
        if n == 1 or _onp.any(_onp.isinf(getval(w))):
            raise NotImplementedError("The derivative of align_vectors with one vector pair "
                                      "or an infinite weight is not implemented.")
        H = anp.matmul(anp.transpose(anp.expand_dims(w, 1) * A), B)
        u, sv, vh = _anla.svd(H)
        if _onp.linalg.det(getval(u) @ getval(vh)) < 0:       # a reflection: flip the last axis
            flip = _onp.array([1.0, 1.0, -1.0])
            u, sv = u * flip, sv * flip
        rotation = cls.from_matrix(anp.matmul(u, vh), assume_valid=True)
        ssd = anp.sum(w * anp.sum(B * B + A * A, axis=-1)) - 2 * anp.sum(sv)
        pos = getval(ssd) > 0
        rssd = anp.where(pos, anp.sqrt(anp.where(pos, ssd, 1.0)), 0.0)
        if not return_sensitivity:
            return rotation, rssd
        zeta = (sv[0] + sv[1]) * (sv[1] + sv[2]) * (sv[2] + sv[0])
        kappa = sv[0] * sv[1] + sv[1] * sv[2] + sv[2] * sv[0]
        sens = anp.mean(w) / zeta * (kappa * _onp.eye(3) + anp.matmul(H, anp.transpose(H)))
        return rotation, rssd, sens

    def mean(self, weights=None, axis=None):
        """SciPy's mean (the chordal L2 mean: the eigenvector of the largest eigenvalue
        of ``sum w q q^T``), differentiable in the rotations and ``weights`` where that
        eigenvalue is simple."""
        raw = _SciPyRotation.from_quat(getval(self._quat)).mean(getval(weights), axis)
        if not (isbox(self._quat) or isbox(weights)):
            return Rotation.from_scipy(raw)
        q = self._quat
        nd = anp.ndim(q) - 1
        axes = tuple(range(nd)) if axis is None else (axis,) if _onp.ndim(axis) == 0 else axis
        axes = tuple(sorted({a % nd for a in axes}))
        outer = anp.expand_dims(q, -1) * anp.expand_dims(q, -2)
        if weights is not None:
            outer = outer * anp.expand_dims(anp.expand_dims(anp.asarray(weights) * 1.0, -1), -1)
        K = anp.sum(outer, axis=axes)
        vecs = _anla.eigh(K)[1]
        return Rotation(vecs[..., -1], normalize=False)

    # ------------------------------------------------------------- acting, composing

    def apply(self, vectors, inverse=False):
        v = anp.asarray(vectors)
        if anp.shape(v)[-1:] != (3,):
            raise ValueError(f"Expected input of shape (..., 3), got {anp.shape(v)}.")
        m = self.as_matrix()
        if inverse:
            m = anp.swapaxes(m, -1, -2)
        return anp.matmul(m, anp.expand_dims(v, -1))[..., 0]

    def inv(self):
        return Rotation(self._quat * _onp.array([-1.0, -1.0, -1.0, 1.0]), normalize=False)

    def __mul__(self, other):
        if not isinstance(other, Rotation):
            return NotImplemented
        return Rotation(_compose(self._quat, other._quat), normalize=False)

    def __pow__(self, n, modulus=None):
        if modulus is not None:
            raise NotImplementedError("modulus not supported")
        return Rotation.from_rotvec(self.as_rotvec() * n)

    def approx_equal(self, other, atol=None, degrees=False):
        """SciPy's comparison on the current values (booleans: constants)."""
        return self.to_scipy().approx_equal(other.to_scipy(), atol, degrees)

    def magnitude(self):
        q = self._quat
        n2 = anp.sum(q[..., :3] * q[..., :3], axis=-1)
        pos = getval(n2) > 0
        n = anp.where(pos, anp.sqrt(anp.where(pos, n2, 1.0)), 0.0)
        return 2 * anp.arctan2(n, anp.abs(q[..., 3]))


def _polar(m):
    """The orthogonal factor of the polar decomposition of ``m`` (SciPy projects a
    non-orthogonal matrix onto it), by Newton's iteration ``Q <- (Q + Q^-T) / 2``.
    Unlike an SVD it is differentiable at an orthogonal ``m`` too (repeated
    singular values), where its derivative projects a tangent onto the rotations,
    as the derivative of SciPy's function (projection, then conversion) does."""
    q, extra = m, None
    for _ in range(100):
        nxt = (q + anp.swapaxes(_anla.inv(q), -1, -2)) / 2
        step = _onp.max(_onp.abs(getval(nxt) - getval(q)))
        q = nxt
        if extra is None and step < 1e-14:
            # the value has converged; its derivatives converge a step behind
            # per order, so a few more steps make them exact too
            extra = 3
        if extra is not None:
            extra -= 1
            if extra < 0:
                break
    return q


def _check_seq(seq):
    """``(intrinsic, extrinsic)`` of an axis sequence, checked as SciPy checks it."""
    intrinsic = all(c in "XYZ" for c in seq)
    extrinsic = all(c in "xyz" for c in seq)
    if not (intrinsic or extrinsic):
        raise ValueError("Expected axes from `seq` to be from ['x', 'y', 'z'] or "
                         f"['X', 'Y', 'Z'], got {seq}")
    if any(seq[i] == seq[i + 1] for i in range(len(seq) - 1)):
        raise ValueError(f"Expected consecutive axes to be different, got {seq}")
    return intrinsic, extrinsic


def _hypot0(x, y):
    """``hypot(x, y)``, derivative 0 where both are 0."""
    s = x * x + y * y
    pos = getval(s) > 0
    return anp.where(pos, anp.sqrt(anp.where(pos, s, 1.0)), 0.0)


def _wrap_angles(a):
    """``a`` moved into ``[-pi, pi]`` as SciPy does (a constant shift of ``2 pi``)."""
    raw = getval(a)
    return a + _onp.where(raw < -_onp.pi, 2 * _onp.pi, _onp.where(raw > _onp.pi, -2 * _onp.pi, 0.0))


class Slerp:
    """SciPy's spherical linear interpolation between rotations, differentiable in the
    key rotations, the key times and the query times (the interval of each query time
    is a constant, found on raw values as SciPy finds it).

    >>> s = Slerp([0.0, 1.0], Rotation.from_rotvec([[0.0, 0.0, 0.0], [0.0, 0.0, 1.0]]))
    >>> s(0.25).as_rotvec()
    array([0.  , 0.  , 0.25])
    """

    __autograd_composite__ = True

    def __init__(self, times, rotations):
        if isinstance(rotations, _SciPyRotation):
            rotations = Rotation.from_scipy(rotations)
        if not isinstance(rotations, Rotation):
            raise TypeError("`rotations` must be a `Rotation` instance.")
        if rotations.single or len(rotations) <= 1:
            raise ValueError("`rotations` must be a sequence of at least 2 rotations.")
        if anp.ndim(rotations._quat) > 2:
            raise ValueError("Rotations with more than 1 leading dimension are not supported.")
        times = anp.asarray(times) * 1.0
        if anp.ndim(times) != 1:
            raise ValueError("Expected times to be specified in a 1 dimensional array, got "
                             f"{anp.ndim(times)} dimensions.")
        if anp.shape(times)[0] != len(rotations):
            raise ValueError("Expected number of rotations to be equal to number of timestamps "
                             f"given, got {len(rotations)} rotations and "
                             f"{anp.shape(times)[0]} timestamps.")
        if _onp.any(_onp.diff(getval(times)) <= 0):
            raise ValueError("Times must be in strictly increasing order.")
        self.times = times
        self.timedelta = times[1:] - times[:-1]
        self.rotations = rotations[:-1]
        self.rotvecs = (self.rotations.inv() * rotations[1:]).as_rotvec()

    def __call__(self, times):
        t = anp.asarray(times) * 1.0
        if anp.ndim(t) > 1:
            raise ValueError("`times` must be at most 1-dimensional.")
        single = anp.ndim(t) == 0
        t = anp.reshape(t, (-1,))
        key, raw_t = getval(self.times), getval(t)
        ind = _onp.searchsorted(key, raw_t) - 1
        ind[raw_t == key[0]] = 0
        if _onp.any((ind < 0) | (ind > len(self.rotations) - 1)):
            raise ValueError(f"Interpolation times must be within the range [{key[0]}, "
                             f"{key[-1]}], both inclusive.")
        alpha = (t - self.times[ind]) / self.timedelta[ind]
        step = Rotation.from_rotvec(self.rotvecs[ind] * anp.expand_dims(alpha, 1))
        result = self.rotations[ind] * step
        return result[0] if single else result
