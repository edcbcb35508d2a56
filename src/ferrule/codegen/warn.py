"""The lines a `#[pyo3(warn(...))]` function's glue runs before each call, as PyO3 emits them:
after the arguments are converted, `PyErr::warn` with stack level 1 (an error raised by a
warnings filter propagates)."""

from __future__ import annotations

from ..parse.model import Function


def warn_lines(fn: Function) -> list[str]:
    from .glue import c_string

    lines = []
    for message, category in fn.warnings:
        cat = category or "_ferrule::exceptions::PyUserWarning"
        lines.append(f"_ferrule::PyErr::warn(py, <{cat} as _ferrule::PyTypeInfo>::type_object(py).as_any(), "
                     f"{c_string(message)}, 1)?;")
    return lines


def names_user_paths(fn: Function) -> bool:
    """A category written as the user's module sees it (`PyFutureWarning` imported there)."""
    return any(cat and not cat.startswith(("::", "crate::")) for _, cat in fn.warnings)
