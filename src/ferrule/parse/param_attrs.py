"""`#[pyo3(...)]` on a function parameter: what ferrule reads there, and every other option refused at its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attributes import read_attribute
from .source import SourceFile

if TYPE_CHECKING:
    from .crate import Walk

PARAM_OPTIONS = ("cancel_handle", "from_py_with")


def read_param_attribute(walk: "Walk", src: SourceFile, node) -> tuple[bool, str | None]:
    """Checks one `attribute_item` before a parameter: (marks a cancel handle, the `from_py_with`
    function's path). Attributes other than `pyo3` (`cfg`, lints) are rustc's business."""
    attr = read_attribute(src, node)
    if attr is None or attr.path not in ("pyo3", "ferrule"):
        return False, None
    cancel_handle, seen, reader = False, set(), None
    for opt in attr.options():
        if opt.key in seen:
            walk.error(f"`{opt.key}` is given twice for one parameter", opt.span, "keep one of them")
            continue
        seen.add(opt.key)
        if opt.key == "cancel_handle" and opt.value is None and not opt.called:
            cancel_handle = True
        elif opt.key == "from_py_with":
            if opt.value is None or opt.called:
                walk.error("`from_py_with` needs a function: `from_py_with = path::to::function`", opt.span,
                           "the function takes `&Bound<'_, PyAny>` and returns `PyResult<T>` for the parameter's `T`")
            elif opt.value.lstrip().startswith(("\"", "r\"", "r#")):
                walk.error(f"`from_py_with` takes a path to a function, not the string {opt.value.strip()}",
                           opt.span, f"write `from_py_with = {opt.value.strip().strip('r#').strip(chr(34))}`")
            else:
                reader = opt.value.strip()
        else:
            shown = opt.key or "this"
            walk.error(f"unknown option `{shown}` for a parameter's `#[pyo3(...)]`", opt.span,
                       "a parameter takes `cancel_handle` or `from_py_with = function`")
    return cancel_handle, reader
