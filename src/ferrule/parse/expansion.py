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


def expand_invocation(walk: "Walk", src: SourceFile, node: tree_sitter.Node, context: tuple,
                      pend: bool = True) -> bool:
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
        if local and name not in KNOWN and pend:
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
    site = src.site if isinstance(src, ExpandedSource) else src.span(node)
    expansion = ExpandedSource(src.path, data, offsets, spans, site)
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


def separate_shared_keys(walk: "Walk") -> None:
    """Expansions of one macro that write an item with a fixed name share its key
    (keyword and name both come from the definition): such items get the
    invocation's place too, which the attribute reads with `file!()`/`line!()`."""
    import dataclasses

    crate = walk.crate
    # A `#[pymethods]` block on its class's line: ferrule-macros looks for `<key>-impl` first.
    class_keys = {c.key.relpath() for c in crate.classes}
    for block in crate.method_blocks:
        if block.key.relpath() in class_keys:
            block.key = dataclasses.replace(block.key, suffix="-impl")
    keyed = [*crate.functions, *crate.classes, *crate.method_blocks, *crate.modules]
    by_key: dict[str, list] = {}
    for item in keyed:
        by_key.setdefault(item.key.relpath(), []).append(item)
    for items in by_key.values():
        if len(items) < 2 or not all(i.key.site for i in items):
            continue
        sites: dict[str, object] = {}
        for item in items:
            item.key = dataclasses.replace(item.key, dynamic=True)
            if item.key.site in sites:
                walk.error("one macro invocation writes two items that ferrule cannot tell apart", item.span,
                           "give them names taken from the invocation (`$name`), or invoke the macro once per item")
            sites[item.key.site] = item


def expand_statements(walk: "Walk", src: SourceFile, node: tree_sitter.Node):
    """A crate macro invoked in a `#[pymodule]` function's body (for example one
    writing `m.add_class::<T>()?;` lines): its expansion as a block to scan, or None."""
    macro_node = node.child_by_field_name("macro")
    tokens = child_of_type(node, "token_tree")
    if macro_node is None or tokens is None or walk.depth >= MAX_DEPTH:
        return None
    definitions = walk.macros.get(src.text(macro_node).split("::")[-1].strip())
    if not definitions:
        return None
    try:
        trees = expand(definitions[-1], read_trees(src, tokens))
    except NoMatch:
        return None
    data, offsets, spans = render(trees)
    prefix = b"fn __ferrule_expansion() { "
    site = src.site if isinstance(src, ExpandedSource) else src.span(node)
    expansion = ExpandedSource(src.path, prefix + data + b" }", [o + len(prefix) for o in offsets], spans, site)
    fn = expansion.tree.root_node.named_children[0] if expansion.tree.root_node.named_children else None
    body = fn.child_by_field_name("body") if fn is not None else None
    return (expansion, body) if body is not None else None
