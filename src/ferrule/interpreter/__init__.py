"""The target interpreter: found, probed once, described by one dataclass."""

from .discover import find_interpreter, probe
from .model import Interpreter

__all__ = ["Interpreter", "find_interpreter", "probe"]
