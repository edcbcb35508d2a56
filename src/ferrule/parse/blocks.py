"""Items declared inside function bodies: each block that declares items or
imports names is a scope `{block …}` below the enclosing one (rustc's block
scope: seen in that block only, shadowing the module's names), walked like a
module's items so its `#[pyfunction]`/`#[pyclass]`/`#[pymethods]` get glue."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import tree_sitter

from .model import ModuleForm
from .resolve import BLOCK
from .source import SourceFile, child_of_type

if TYPE_CHECKING:
    from .crate import Walk
    from .model import PyModuleDecl

# Statements that make a block a scope of its own: items and imports.
BLOCK_ITEMS = frozenset({
    "function_item", "mod_item", "struct_item", "enum_item", "union_item", "const_item", "static_item",
    "type_item", "trait_item", "impl_item", "use_declaration", "macro_definition",
})
# Nodes whose blocks are not this body's code: their own items, walked where they are declared.
NESTED_ITEMS = BLOCK_ITEMS - {"use_declaration"}
# The keywords that start those statements: a body without any (most) is not walked node by node.
_ITEM_KEYWORD = re.compile(rb"\b(?:fn|mod|struct|enum|union|const|static|type|trait|impl|use|macro_rules)\b")


def opens_scope(block: tree_sitter.Node, src: SourceFile | None = None, macros: dict | None = None) -> bool:
    """Whether the block declares items: written in it, or by a statement invoking one of the
    crate's `macro_rules!` (`macros`, those visible there)."""
    for child in block.named_children:
        if child.type in BLOCK_ITEMS:
            return True
        if macros and src is not None and _invoked_macro(src, child) in macros:
            return True
    return False


def _invoked_macro(src: SourceFile, node: tree_sitter.Node) -> str:
    if node.type == "expression_statement":
        node = child_of_type(node, "macro_invocation") or node
    macro = node.child_by_field_name("macro") if node.type == "macro_invocation" else None
    return src.text(macro).split("::")[-1].strip() if macro is not None else ""


def _may_declare(src: SourceFile, block: tree_sitter.Node, macros: dict) -> bool:
    """A cheap look at the text first: most bodies have no item keyword and call no crate macro."""
    if _ITEM_KEYWORD.search(src.data, block.start_byte, block.end_byte) is not None:
        return True
    text = src.data[block.start_byte:block.end_byte]
    return any(name.encode() + b"!" in text for name in macros)


def block_path(src: SourceFile, block: tree_sitter.Node, outer: tuple[str, ...]) -> tuple[str, ...]:
    """The scope a block is, below `outer` (the same for the walk and the module-body scan)."""
    span = src.span(block)
    return outer + (f"{BLOCK}block {span.path.name}:{span.line}:{span.col}}}",)


def is_local(module_path: tuple[str, ...]) -> bool:
    """Whether an item is declared inside a function body (not reachable by path)."""
    return any(part.startswith(BLOCK) for part in module_path)


def walk_fn_bodies(walk: "Walk", src: SourceFile, node: tree_sitter.Node, outer: tuple[str, ...],
                   mod_dir: Path, parent: "PyModuleDecl | None", seen: set[Path]) -> dict | None:
    """The items in the body of the function `node`, or of each method of the `impl` `node`. For a
    function, returns the macros its body sees at its end (a `#[pymodule]` body's statements use them)."""
    if node.type == "impl_item":
        body = node.child_by_field_name("body")
        for child in body.named_children if body is not None else []:
            if child.type == "function_item":
                walk_fn_bodies(walk, src, child, outer, mod_dir, parent, seen)
        return None
    body = node.child_by_field_name("body")
    return _walk_block(walk, src, body, outer, mod_dir, parent, seen) if body is not None else None


def walk_const_value(walk: "Walk", src: SourceFile, node: tree_sitter.Node, outer: tuple[str, ...],
                     mod_dir: Path, parent: "PyModuleDecl | None", seen: set[Path]) -> None:
    """The items in the blocks of a `const`/`static` value (`const _: () = { ... };`, a macro's
    favourite hiding place): each block is a scope, as a function body is."""
    value = node.child_by_field_name("value")
    stack = [value] if value is not None else []
    while stack:
        current = stack.pop()
        if current.type == "block":
            _walk_block(walk, src, current, outer, mod_dir, parent, seen)
        elif current.type not in NESTED_ITEMS:
            stack.extend(reversed(current.named_children))


def _walk_block(walk: "Walk", src: SourceFile, block: tree_sitter.Node, outer: tuple[str, ...],
                mod_dir: Path, parent: "PyModuleDecl | None", seen: set[Path]) -> dict | None:
    from .crate import _walk_items

    if not _may_declare(src, block, walk.macros):
        return None
    current = outer
    # A `macro_rules!` written in the block is gone after it (rustc's textual scope).
    outer_macros = {name: list(defs) for name, defs in walk.macros.items()}
    if opens_scope(block, src, walk.macros):
        current = block_path(src, block, outer)
        # The walk is the authority on a block's names (a module-body scan may have made the scope first).
        walk.scope(current, src.span(block)).uses.clear()
        _walk_items(walk, src, block, current, mod_dir, parent, seen)
    stack = [c for c in reversed(block.named_children) if c.type not in NESTED_ITEMS]
    while stack:
        node = stack.pop()
        if node.type == "block":
            _walk_block(walk, src, node, current, mod_dir, parent, seen)
        elif node.type not in NESTED_ITEMS:
            stack.extend(reversed(node.named_children))
    inner, walk.macros = walk.macros, outer_macros
    return inner


def mark_local_keys(walk: "Walk") -> None:
    """Glue of items in function bodies goes to `<key>.local.rs` (see `GlueKey.local`)."""
    import dataclasses

    crate = walk.crate
    for item in [*crate.functions, *crate.classes, *crate.method_blocks, *crate.derives, *crate.modules]:
        # A declarative `mod`'s glue goes inside it, where items are in item position and paths work.
        if is_local(item.module_path) and getattr(item, "form", None) != ModuleForm.DECLARATIVE:
            item.key = dataclasses.replace(item.key, local=True)
