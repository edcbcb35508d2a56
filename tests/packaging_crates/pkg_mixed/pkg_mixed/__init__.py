"""A Python package with a Rust extension inside it."""

from ._native import add
from .helpers import greeting, twice

__all__ = ["add", "greeting", "twice"]
