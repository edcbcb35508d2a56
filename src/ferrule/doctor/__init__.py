"""`ferrule doctor`: checks the runtime's hand-written ffi declarations against an interpreter's headers.

A C program compiled against the interpreter's headers and a Rust program using
the runtime's `ffi` module print sizes, alignments, field offsets and constant
values from one list (`layout.py`); any difference is reported by name.
"""

from .cfg import DoctorError, Target, make_target
from .check import Comparison, DoctorReport, check_target, compare, run_doctor

__all__ = ["Comparison", "DoctorError", "DoctorReport", "Target", "check_target", "compare", "make_target",
           "run_doctor"]
