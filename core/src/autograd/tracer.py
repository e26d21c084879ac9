"""HIPS autograd compatibility: the ``autograd.tracer`` import path.

The engine lives in :mod:`autograd.tracing`; this module only re-exports the
names downstream code imports from here.
"""

from .tracing import Box, getval, isbox, new_box, notrace_primitive, primitive, trace_reverse

__all__ = ["Box", "getval", "isbox", "new_box", "notrace_primitive", "primitive", "trace_reverse"]
