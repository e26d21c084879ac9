"""HIPS autograd compatibility: the ``autograd.tracer`` import path.

The engine lives in :mod:`autograd.tracing`.  This module gives the tracer API
of HIPS autograd 1.9.1 on top of it, for code that builds its own tracers or
boxes values by hand:

* ``trace(start_node, fun, x)`` -> ``(end_value, end_node)``, with a root made
  by ``SomeNode.new_root(...)``.  The root's type picks the mode: the engine's
  ``VJPNode`` (reverse; see :func:`autograd.core.backward_pass`), ``JVPNode``
  (forward), or a user subclass of :class:`Node`, whose constructor is then
  called for every primitive call, as HIPS does (a printing or graph-drawing
  tracer needs nothing else).
* ``trace_stack.new_trace()`` and ``new_box(value, trace, node)``; a trace may
  also be named by an integer, as HIPS traces are.
* ``toposort``, ``Box`` (with ``types`` and ``type_mappings``), ``isbox``,
  ``getval``, ``primitive``, ``notrace_primitive``, ``register_notrace``.

Traces made here keep no tape: as in HIPS, the graph is held by the nodes
(each node's ``parents``), and it lives exactly as long as the boxes do.
"""

import warnings
from contextlib import contextmanager

from .tracing import (
    Box, JVPNode, Node, Trace, VJPNode, getval, isbox, notrace_primitive, primitive,
    register_notrace, trace_reverse,
)
from .tracing import new_box as _engine_new_box

__all__ = [
    "Box", "Node", "getval", "isbox", "new_box", "notrace_primitive", "primitive",
    "register_notrace", "toposort", "trace", "trace_reverse", "trace_stack",
]

box_type_mappings = Box.type_mappings
box_types = Box.types


class _NoTape:
    """The tape of a compatibility trace: nodes are reached through ``parents``."""

    __slots__ = ()

    def append(self, node):
        pass

    def __len__(self):
        return 0


_NO_TAPE = _NoTape()


def _new_trace():
    trace = Trace()
    trace.tape = _NO_TAPE
    return trace


def _set_mode(trace, node):
    """Make ``trace`` record what ``node``'s type records (HIPS: the node type
    of a trace's boxes decides what a primitive call builds)."""
    kind = type(node)
    if kind is JVPNode:
        if not trace.forward or trace.node_type is not None:
            trace.forward, trace.node_type, trace.tape = True, None, None
    elif kind is VJPNode or node is None:
        if trace.forward:
            trace.forward, trace.node_type, trace.tape = False, None, _NO_TAPE
    elif trace.node_type is not kind:
        trace.forward, trace.node_type, trace.tape = True, kind, None


class TraceStack:
    """HIPS's ``trace_stack``: ``with trace_stack.new_trace() as t`` opens a trace.

    ``t`` is a trace object (HIPS uses the integer ``top``); an integer given
    to :func:`new_box` in its place names the same trace while it is open,
    and otherwise one kept per integer.
    """

    def __init__(self):
        self.top = -1
        self._by_number = {}

    @contextmanager
    def new_trace(self):
        self.top += 1
        number = self.top
        trace = _new_trace()
        outer = self._by_number.get(number)
        self._by_number[number] = trace
        try:
            yield trace
        finally:
            if outer is None:
                self._by_number.pop(number, None)
            else:
                self._by_number[number] = outer
            self.top -= 1

    def trace_for(self, key):
        trace = self._by_number.get(key)
        if trace is None:
            trace = self._by_number[key] = _new_trace()
        return trace


trace_stack = TraceStack()


def new_box(value, trace, node):
    """Box ``value`` on ``trace`` (a trace object or an integer) with tape entry ``node``."""
    if not isinstance(trace, Trace):
        trace = trace_stack.trace_for(trace)
    _set_mode(trace, node)
    return _engine_new_box(value, trace, node)


def trace(start_node, fun, x):
    """Run ``fun(x)`` on a new trace rooted at ``start_node``.

    Returns ``(end_value, end_node)``; ``end_node`` is ``None`` (with a
    warning, as in HIPS) when the output does not depend on ``x``.
    """
    if type(start_node) is VJPNode and start_node.ans is None:
        start_node.ans = x   # lets backward_pass return a zero of x's space
    with trace_stack.new_trace() as t:
        start_box = new_box(x, t, start_node)
        end_box = fun(start_box)
        if isbox(end_box) and end_box._trace is start_box._trace:
            return end_box._value, end_box._node
        warnings.warn("Output seems independent of input.", stacklevel=2)
        return end_box, None


def _parents_of(node):
    return node.parents


def toposort(end_node, parents=_parents_of):
    """Yield ``end_node`` and every node it depends on, each after all nodes
    that depend on it (children before parents), without recursion.

    ``parents(node)`` lists a node's parents (default: ``node.parents``); a
    parent listed twice by one node counts twice, as in HIPS autograd.

    >>> class N:
    ...     def __init__(self, name, *parents): self.name, self.parents = name, parents
    >>> a = N("a"); b = N("b", a); c = N("c", a, b)
    >>> [n.name for n in toposort(c)]
    ['c', 'b', 'a']
    """
    # How many edges reach each node from nodes that depend on end_node.
    pending = {}
    stack = [end_node]
    while stack:
        node = stack.pop()
        if node in pending:
            pending[node] += 1
        else:
            pending[node] = 1
            stack.extend(parents(node))
    ready = [end_node]
    while ready:
        node = ready.pop()
        yield node
        for p in parents(node):
            pending[p] -= 1
            if pending[p] == 0:
                ready.append(p)
