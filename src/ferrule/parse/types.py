"""Rust type syntax → TypeRef."""

from __future__ import annotations

import tree_sitter

from .model import TypeRef
from .source import SourceFile


def type_ref(src: SourceFile, node: tree_sitter.Node) -> TypeRef:
    text = " ".join(src.text(node).split())
    kind = node.type
    if kind == "reference_type":
        inner = node.child_by_field_name("type")
        mutable = any(c.type == "mutable_specifier" for c in node.children)
        args = (type_ref(src, inner),) if inner is not None else ()
        return TypeRef("ref", text, args=args, mutable=mutable)
    if kind == "unit_type":
        return TypeRef("unit", text)
    if kind == "tuple_type":
        elems = tuple(type_ref(src, c) for c in node.named_children)
        return TypeRef("tuple", text, args=elems) if elems else TypeRef("unit", text)
    if kind in ("array_type", "slice_type"):
        # tree-sitter-rust parses both `[T; N]` and `[T]` as `array_type`; only
        # the array has a `length` field.
        elem = node.child_by_field_name("element")
        if elem is None and node.named_children:
            elem = node.named_children[0]
        args = (type_ref(src, elem),) if elem is not None else ()
        is_array = kind == "array_type" and node.child_by_field_name("length") is not None
        return TypeRef("array" if is_array else "slice", text, args=args)
    if kind == "type_identifier":  # `PyBound` of `use pyo3::Bound as PyBound;` is classified as `Bound`
        return TypeRef("path", text, name=_renames(src).get(text, text))
    if kind == "primitive_type":
        return TypeRef("path", text, name=text)
    if kind == "scoped_type_identifier":
        name = node.child_by_field_name("name")
        return TypeRef("path", text, name=src.text(name) if name is not None else text)
    if kind == "generic_type":
        base = node.child_by_field_name("type")
        base_ref = type_ref(src, base) if base is not None else TypeRef("other", text)
        args_node = node.child_by_field_name("type_arguments")
        args: list[TypeRef] = []
        if args_node is not None:
            for arg in args_node.named_children:
                if arg.type in ("lifetime", "type_binding", "constrained_type_parameter", "block"):
                    continue
                args.append(type_ref(src, arg))
        return TypeRef("path", text, name=base_ref.name, args=tuple(args))
    return TypeRef("other", text)


def _renames(src: SourceFile) -> dict[str, str]:
    """`use path::Name as Alias;` in the file: Alias -> Name, so a renamed import of the runtime's (or std's, or
    the crate's own) type is recognised by its own name, as rustc resolves it. The text written stays as is
    (glue repeats it where the rename is in scope). An alias given two names in one file is left alone."""
    cached = getattr(src, "_type_renames", None)
    if cached is not None:
        return cached
    found: dict[str, str | None] = {}
    stack = [src.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "use_as_clause":
            path, alias = node.child_by_field_name("path"), node.child_by_field_name("alias")
            if path is not None and alias is not None:
                original = src.text(path).split("::")[-1].strip()
                name = src.text(alias)
                if original not in ("self", "*", "") and name != "_":
                    found[name] = original if found.get(name, original) == original else None
            continue
        stack.extend(node.children)
    renames = {k: v for k, v in found.items() if v is not None}
    src._type_renames = renames  # type: ignore[attr-defined]
    return renames


def look_through_aliases(crate) -> None:
    """Parameters and results written with one of the crate's `type` aliases (`x: &Obj<'py>` after
    `type Obj<'py> = Bound<'py, PyAny>;`) are classified as what the alias names, as rustc sees them, so the glue
    borrows `&Obj` like `&Bound`. Each replaced node keeps the text written, which is what is in scope."""
    # Aliases are known by name crate-wide: one that shares its name with a class or a derived type is left alone.
    own = {c.rust_name for c in crate.classes} | {d.rust_name for d in crate.derives}
    aliases = {name: alias for name, alias in crate.type_aliases.items() if alias is not None and name not in own}
    if not aliases:
        return
    for fn in [*crate.functions, *(m.fn for block in crate.method_blocks for m in block.methods)]:
        for param in fn.params:
            param.ty = _expand(param.ty, aliases, frozenset())
        if fn.ret is not None:
            fn.ret = _expand(fn.ret, aliases, frozenset())


def _expand(ty: TypeRef, aliases: dict, expanding: frozenset[str]) -> TypeRef:
    import dataclasses

    args = tuple(_expand(a, aliases, expanding) for a in ty.args)
    alias = aliases.get(ty.name) if ty.kind == "path" and ty.name not in expanding else None
    if alias is None:
        return dataclasses.replace(ty, args=args) if args != ty.args else ty
    params, target = alias
    expanded = _expand(_substitute(target, dict(zip(params, args))), aliases, expanding | {ty.name})
    return dataclasses.replace(expanded, text=ty.text)


def _substitute(ty: TypeRef, mapping: dict[str, TypeRef]) -> TypeRef:
    import dataclasses

    if ty.kind == "path" and not ty.args and ty.name in mapping and ty.text == ty.name:
        return mapping[ty.name]
    return dataclasses.replace(ty, args=tuple(_substitute(a, mapping) for a in ty.args))
