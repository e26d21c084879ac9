"""Names and settings shared by every layer: the ``AUTOGRAD_PLUGINS_*`` variables,
how distribution / plugin names are matched, and the add-ons known by name.

This is the one place the environment is parsed: the rule registry reads
``PREFER`` / ``STRICT`` (conflict policy) and the plugin manager the rest,
both through the helpers here.  It imports nothing of autograd.

=============================  ===================================================
``AUTOGRAD_PLUGINS_BLOCK``     comma-separated plugin or distribution names never
                               to load; checked before the plugin module is
                               imported, and wins over everything else
``AUTOGRAD_PLUGINS_ALLOW``     if set, only these plugins load
``AUTOGRAD_PLUGINS_NO_AUTOLOAD`` ``1``: load no installed plugin unless it is in
                               the allow-list (or enabled / registered in code)
``AUTOGRAD_PLUGINS_PREFER``    distributions whose rules win conflicts, most
                               preferred first
``AUTOGRAD_PLUGINS_STRICT``    ``1``: a rule conflict that nothing settles raises
``AUTOGRAD_PLUGINS_EAGER``     ``1``: load every rule set at discovery (importing
                               the libraries they target, when installed), so a
                               broken loader shows up at once, not on first use
``AUTOGRAD_PLUGINS_TRACE``     ``1``: log discovery and every load to stderr
=============================  ===================================================

Precedence: block > allow-list > autoload.  Names match entry-point names and
distribution names alike, case-insensitively, with ``-``, ``_`` and ``.``
treated as the same character.
"""

import os

ENV_PREFIX = "AUTOGRAD_PLUGINS_"
_FALSE = ("", "0", "false", "no", "off")


def norm(name):
    """A plugin or distribution name in the form used for matching."""
    return (name or "").strip().lower().replace("_", "-").replace(".", "-")


# Add-ons we know by name (``autograd.<namespace>`` -> distribution), for the
# errors that say what to install.
KNOWN_NAMESPACES = {"numpy": "autograd-numpy", "scipy": "autograd-scipy"}
# The module each of these add-ons declares for its namespace: ``import
# autograd.numpy`` finds it without plugin discovery when nothing could make
# another plugin's module win (see autograd._lazy.early_namespace).
KNOWN_NAMESPACE_MODULES = {"numpy": "autograd_numpy", "scipy": "autograd_scipy"}
# Array libraries whose values a plugin of this project makes differentiable
# (top-level module of the type -> distribution), for the "can't differentiate
# w.r.t. type" error.
KNOWN_VALUE_TYPES = {"sparse": "autograd-pydata-sparse", "dask": "autograd-dask",
                     "cupy": "autograd-cupy"}


def _names(value):
    return tuple(norm(v) for v in (value or "").split(",") if v.strip())


def _flag(value):
    return (value or "").strip().lower() not in _FALSE


def env_flag(key):
    """Is ``AUTOGRAD_PLUGINS_<key>`` set to a true value (now)?"""
    return _flag(os.environ.get(ENV_PREFIX + key))


def env_names(key):
    """The normalised names listed in ``AUTOGRAD_PLUGINS_<key>`` (now)."""
    return _names(os.environ.get(ENV_PREFIX + key))


class Settings:
    """A snapshot of the ``AUTOGRAD_PLUGINS_*`` variables (or of a given mapping)."""

    __slots__ = ("block", "allow", "autoload", "prefer", "strict", "eager", "trace")

    def __init__(self, environ=None):
        env = os.environ if environ is None else environ

        def get(key):
            return env.get(ENV_PREFIX + key)

        self.block = frozenset(_names(get("BLOCK")))
        allow = get("ALLOW")
        self.allow = None if allow is None or not allow.strip() else frozenset(_names(allow))
        self.autoload = not _flag(get("NO_AUTOLOAD"))
        self.prefer = _names(get("PREFER"))
        self.strict = _flag(get("STRICT"))
        self.eager = _flag(get("EAGER"))
        self.trace = _flag(get("TRACE"))

    @classmethod
    def from_env(cls, overrides=None):
        """Settings from ``os.environ``, with ``overrides`` (a mapping) applied on top."""
        if not overrides:
            return cls()
        env = dict(os.environ)
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = str(value)
        return cls(env)

    def as_dict(self):
        return {
            "block": sorted(self.block),
            "allow": None if self.allow is None else sorted(self.allow),
            "autoload": self.autoload,
            "prefer": list(self.prefer),
            "strict": self.strict,
            "eager": self.eager,
            "trace": self.trace,
        }
