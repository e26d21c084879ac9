"""Hook lists: how a lower layer lets a higher one (the plugin manager) fill a gap.

The value-type registry (:mod:`autograd.vspace`) and the rule registry
(:mod:`autograd.rules`) call hooks when a lookup misses, or to explain a
missing rule; :mod:`autograd._lazy` installs the hooks that reach the plugin
manager.  A hook that raises must not break differentiation, but neither may
its error vanish: it is reported as one warning per hook, naming it.  (Errors
inside a plugin's own loader are caught earlier, by the plugin manager, and
reported naming the plugin.)
"""

__all__ = ["HookError", "call_hook"]

_reported = set()


class HookError(RuntimeWarning):
    """A hook installed into autograd's registries raised; the lookup went on without it."""


def hook_name(hook):
    mod = getattr(hook, "__module__", None) or "?"
    return f"{mod}.{getattr(hook, '__qualname__', None) or repr(hook)}"


def call_hook(hook, what, *args):
    """``hook(*args)``; an exception becomes a warning (once per hook) and None.

    ``what`` says what the hook was doing, for the warning.  Exceptions that
    are meant to stop the run (``RuleConflictError`` in strict mode, which
    subclasses RuntimeError with ``stops_run = True``) are re-raised.
    """
    try:
        return hook(*args)
    except Exception as e:  # noqa: BLE001 - reported below, never swallowed silently
        if getattr(e, "stops_run", False):
            raise
        name = hook_name(hook)
        if name not in _reported:
            _reported.add(name)
            import warnings
            warnings.warn(f"autograd: the {what} hook {name} raised "
                          f"{type(e).__name__}: {e}; carrying on without it. Further "
                          "errors of this hook are not reported.", HookError, stacklevel=3)
        return None
