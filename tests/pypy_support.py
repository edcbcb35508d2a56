"""What the e2e tests allow PyPy to do differently; README's PyPy section lists each reason.

Only differences of PyPy itself are allowed: its own error messages, its
collector, interpreter internals it does not have. Behaviour that ferrule's
runtime produces must match on every interpreter.
"""

from __future__ import annotations

import gc
import sys

import pytest

PYPY = sys.implementation.name == "pypy"
# Bookworm's PyPy 3.9 (7.3.11): its cpyext differs from PyPy 3.11's (8.0) in a few places.
PYPY39 = PYPY and sys.version_info < (3, 10)


def pypy_cannot(reason: str):
    """Skips a test on PyPy for a reason that is PyPy's, not ferrule's."""
    return pytest.mark.skipif(PYPY, reason=f"PyPy: {reason}")


def interpreter_type_error(cpython_message: str):
    """`pytest.raises(TypeError, match=...)` for a TypeError the interpreter words itself:
    PyPy says `'Num'` where CPython says `'fe_protocols.Num'` and spells some operators
    differently, so on PyPy only the exception type is checked."""
    return pytest.raises(TypeError) if PYPY else pytest.raises(TypeError, match=cpython_message)


def collect() -> None:
    """Runs the collector until unreachable objects are gone: PyPy frees nothing on `del`,
    and cpyext objects may take more than one collection."""
    for _ in range(3 if PYPY else 1):
        gc.collect()


def not_yet_on_pypy(what: str):
    """Skips a test on PyPy for a ferrule bug there that is not fixed yet (README lists it)."""
    return pytest.mark.skipif(PYPY, reason=f"not yet working on PyPy: {what}")
