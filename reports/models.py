"""The reports app's models, each defined in its own module."""

from .risks import Risk

__all__ = ["Risk"]
