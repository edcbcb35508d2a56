"""`#[pyo3(warn(message = "...", category = path))]`: a Python warning each call emits, as in PyO3."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attributes import Option_, split_options, string_value

if TYPE_CHECKING:
    from .crate import Walk


def read_warnings(walk: "Walk", options: list[Option_]) -> list[tuple[str, str]]:
    """(message, category path or "" for `UserWarning`) of each `warn(...)` option, in order."""
    out = []
    for option in options:
        if option.key != "warn":
            continue
        if not option.called:
            walk.error("`warn` takes `(message = \"...\", category = path)`", option.span,
                       "write `warn(message = \"this is deprecated\")`")
            continue
        message, category, ok = None, "", True
        inner_col = option.span.col + len("warn(")
        for part in split_options(option.value or "", option.span.path, option.span.line, inner_col):
            if part.key == "message" and string_value(part.value) is not None:
                message = string_value(part.value)
            elif part.key == "category" and part.value:
                category = part.value.strip()
            else:
                walk.error(f"expected `message` or `category` in `warn`, found `{part.key}`", part.span,
                           "write `warn(message = \"...\", category = pyo3::exceptions::PyDeprecationWarning)`")
                ok = False
        if message is None and ok:
            walk.error("missing `message` in `warn` attribute", option.span,
                       "write `warn(message = \"...\")`: the text of the warning")
        elif message is not None and "\0" in message:
            walk.error("a warning message cannot hold a nul character (`\\0`)", option.span)
        elif message is not None:
            out.append((message, category))
    return out
