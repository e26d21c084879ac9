"""The version of autograd-core (kept in step with core/pyproject.toml).

Its own module so that any layer can read it without importing the package.
"""

__version__ = "2.0.0"
