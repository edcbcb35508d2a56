"""A source file's shape: its bytes with the bodies of bindings that cannot change any glue blanked out.

Editing such a body (the usual edit: the code of a `#[pyfunction]` or of a `#[pymethods]` method)
leaves the glue and the stubs as they were, so a develop whose files kept their shapes reuses them
without parsing (glue_stamp.py). Only bindings' bodies are blanked: a plain function may be a helper a
`#[pymodule]` hands the module to, whose body the parser reads. A binding's body is blanked only when
its text shows none of what the parser reads inside bodies: items and `use` (`fn`, `struct`, `impl`,
`macro_rules`, ... anywhere in it), attributes and inner docs (`#`, `//!`), a macro other than the
standard library's expression macros (a user's macro may expand to items), and module building (`add`,
`setattr`, `PyModule`, `wrap_py`, `__all__`; and a signature taking a `PyModule`). The test is on text, so a
word in a string or a comment only keeps the body in the shape. Newlines are kept: the glue is keyed by
line, so a body that grew by a line shifts what follows.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache

import tree_sitter
import tree_sitter_rust

_BLOCKERS = re.compile(
    rb"#|//!|/\*!|\b(?:fn|mod|struct|enum|union|const|static|type|trait|impl|use|macro_rules|extern)\b"
    rb"|add|setattr|PyModule|wrap_py|__all__")
_MACRO = re.compile(rb"([A-Za-z_][A-Za-z0-9_]*)\s*!\s*[(\[{]")
# Expression macros of std/core: their expansion declares no item a binding could come from.
_INERT_MACROS = frozenset(
    b"assert assert_eq assert_ne debug_assert debug_assert_eq debug_assert_ne panic todo unimplemented "
    b"unreachable format format_args print println eprint eprintln write writeln vec matches dbg concat "
    b"stringify line column file module_path cfg env option_env include_str include_bytes".split())


@lru_cache(maxsize=1)
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_rust.language()))


def shape_digest(data: bytes, tree: tree_sitter.Tree | None = None) -> str | None:
    """sha1 of `data` with its inert bodies blanked; None for a file with syntax errors (never matched).
    `tree`: `data`'s parse, when the caller has it."""
    tree = tree or _parser().parse(data)
    if tree.root_node.has_error:
        return None
    out, pos = bytearray(), 0
    for start, end in _inert_bodies(tree.root_node, data):
        out += data[pos:start]
        out += b"\n" * data.count(b"\n", start, end)
        pos = end
    out += data[pos:]
    return hashlib.sha1(bytes(out)).hexdigest()


def _inert_bodies(root: tree_sitter.Node, data: bytes) -> list[tuple[int, int]]:
    """Byte ranges inside the braces of the inert bodies of the file's `#[pyfunction]`s and
    `#[pymethods]` methods (items at module level, in inline modules and in impls; functions
    elsewhere stay whole)."""
    ranges, stack = [], [(root, False)]
    while stack:
        parent, in_methods = stack.pop()
        for child in parent.named_children:
            if child.type == "function_item" and (in_methods or _attributed(child, data, b"pyfunction")):
                body = child.child_by_field_name("body")
                if body is not None and _inert(data[body.start_byte + 1:body.end_byte - 1]) \
                        and b"PyModule" not in data[child.start_byte:body.start_byte]:
                    ranges.append((body.start_byte + 1, body.end_byte - 1))
            elif child.type in ("impl_item", "mod_item"):
                body = child.child_by_field_name("body")
                if body is not None:
                    stack.append((body, child.type == "impl_item" and _attributed(child, data, b"pymethods")))
    return sorted(ranges)


def _attributed(item: tree_sitter.Node, data: bytes, name: bytes) -> bool:
    """Whether an attribute written just before `item` names `name` (`#[pyfunction]`, `#[pyo3::pyfunction]`)."""
    prev = item.prev_named_sibling
    while prev is not None and prev.type in ("attribute_item", "line_comment", "block_comment"):
        if prev.type == "attribute_item" and name in data[prev.start_byte:prev.end_byte]:
            return True
        prev = prev.prev_named_sibling
    return False


def _inert(body: bytes) -> bool:
    if _BLOCKERS.search(body):
        return False
    return all(m.group(1) in _INERT_MACROS for m in _MACRO.finditer(body))


def folder_names(folder: str) -> str:
    """A folder's entry names, sorted: an editor that saves by renaming a new file over the old one
    changes the folder's mtime but not these, while a new file a `mod` could find changes them."""
    return "\n".join(sorted(os.listdir(folder)))
