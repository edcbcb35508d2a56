"""Items written by the crate's own `macro_rules!` macros: each invocation at
item level is expanded (macro_rules.py) and the expansion walked as items of
the invoking module, so the classes, methods, functions and exceptions it
writes are bound like hand-written ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter

from .macro_rules import NoMatch, expand, read_macro_def, read_trees, render
from .source import ExpandedSource, SourceFile, child_of_type

if TYPE_CHECKING:
    from .crate import Item, Walk

MAX_DEPTH = 64  # rustc's default recursion_limit is 128; ferrule stops earlier
# Macros of the runtime that module_values.py reads without expanding.
KNOWN = {"create_exception", "import_exception"}


def register_macro(walk: "Walk", src: SourceFile, item: "Item") -> None:
    from .crate import attribute_named

    macro = read_macro_def(src, item.node, exported=attribute_named(item, "macro_export") is not None)
    if macro is not None:
        walk.macros.setdefault(macro.name, []).append(macro)


def expand_invocation(walk: "Walk", src: SourceFile, node: tree_sitter.Node, context: tuple) -> bool:
    """Expands an item-level invocation of a crate macro; False if it is not one (yet)."""
    macro_node = node.child_by_field_name("macro")
    tokens = child_of_type(node, "token_tree")
    if macro_node is None or tokens is None:
        return False
    path = src.text(macro_node)
    name = path.split("::")[-1]
    definitions = walk.macros.get(name)
    if not definitions:
        local = "::" not in path or path.startswith(("crate::", "self::", "super::"))
        if local and name not in KNOWN:
            # `#[macro_export]` macros may be used by path before their definition.
            walk.pending.append((src, node, context))
        return False
    try:
        trees = expand(definitions[-1], read_trees(src, tokens))
    except NoMatch:
        return True  # rustc reports it; items it would write get ferrule-macros' explanation
    if walk.depth >= MAX_DEPTH:
        walk.error(f"`{name}!` expands recursively more than {MAX_DEPTH} times", src.span(node))
        return True
    data, offsets, spans = render(trees)
    expansion = ExpandedSource(src.path, data, offsets, spans)
    from .crate import _walk_items

    walk.depth += 1
    try:
        _walk_items(walk, expansion, expansion.tree.root_node, *context)
    finally:
        walk.depth -= 1
    return True


def expand_pending(walk: "Walk") -> None:
    """Invocations whose macro was defined later in the crate (used by `crate::` path)."""
    while walk.pending:
        pending, walk.pending = walk.pending, []
        progress = False
        for src, node, context in pending:
            if expand_invocation(walk, src, node, context):
                progress = True
        if not progress:
            walk.pending = []
            return
