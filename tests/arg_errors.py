"""Argument conversion errors as PyO3 0.29 raises them: the converter's own exception (type,
message, `__cause__` unchanged) with the note `while processing '<name>'`, which exceptions can
hold from Python 3.11 (`add_note`; PyPy 3.9/3.10 and CPython 3.10 get the bare error)."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest


@contextmanager
def argument_error(name: str, match: str | None = None, exc: type[BaseException] = TypeError):
    """`pytest.raises(exc, match=match)` for a call whose argument `name` failed to convert; `match`
    is searched in the message alone (pytest's own `match` also reads the notes)."""
    with pytest.raises(exc) as info:
        yield info
    if match is not None:
        assert re.search(match, str(info.value)), f"{match!r} not in {str(info.value)!r}"
    assert_names_argument(info.value, name)


def assert_names_argument(error: BaseException, name: str) -> None:
    if hasattr(error, "add_note"):
        assert f"while processing '{name}'" in getattr(error, "__notes__", []), error
