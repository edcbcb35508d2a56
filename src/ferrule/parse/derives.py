"""`#[derive(FromPyObject)]`, `#[derive(IntoPyObject)]` and `#[derive(IntoPyObjectRef)]`
on structs and enums: the shape of each struct or variant and its `#[pyo3(...)]` options.

PyO3's rules and messages: a struct is read by attribute (or by item), a tuple
struct from a tuple, a one-field tuple struct (or a `transparent` one) as its
field; an enum tries its variants in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attributes import string_value
from .classes import RENAME_RULES, struct_fields
from .functions import check_options, collect_options
from .model import GlueKey, Span, TypeRef
from .source import SourceFile
from .types import type_ref

if TYPE_CHECKING:
    from .crate import Item, Walk

DERIVES = ("FromPyObject", "IntoPyObject", "IntoPyObjectRef")
CONTAINER_OPTIONS = ("transparent", "from_item_all", "annotation", "rename_all", "crate")
FIELD_OPTIONS = ("attribute", "item", "from_py_with", "into_py_with", "default")


@dataclass
class DeriveField:
    name: str  # the field's Rust name (`r#type` kept), or its index in a tuple struct
    ty: TypeRef
    span: Span
    getter: str = ""  # "attribute" or "item"; "" reads by attribute under the field's name
    key: str | None = None  # `attribute("x")`'s name or `item(key)`'s key, as written
    from_py_with: str | None = None
    into_py_with: str | None = None
    default: str | None = None  # "" for `default` alone (Default::default())


@dataclass
class DeriveShape:
    """A struct, or one variant of an enum."""

    path: str  # `Point` or `Shape::Circle`
    style: str  # "struct", "tuple", "newtype" (named, transparent) or "tuple_newtype"
    fields: list[DeriveField]
    err_name: str  # in the enum error: the variant's name or its `annotation`
    rename_all: str | None = None
    span: Span | None = None

    @property
    def variant(self) -> str:
        return self.path.rsplit("::", 1)[-1]


@dataclass
class DeriveDecl:
    rust_name: str
    kind: str  # "struct" or "enum"
    traits: list[str]
    span: Span
    key: GlueKey
    module_path: tuple[str, ...]
    lifetimes: list[str] = field(default_factory=list)
    type_params: list[tuple[str, str]] = field(default_factory=list)  # (name, bounds as written)
    where_predicates: list[str] = field(default_factory=list)  # `T: Clone` of `where T: Clone`, as written
    shapes: list[DeriveShape] = field(default_factory=list)
    annotation: str | None = None

    def glue_path(self, trait: str) -> str:
        return self.key.relpath(f"-{trait}")  # as ferrule-macros' derive_glue


def derived_traits(item: "Item") -> list[str]:
    found: list[str] = []
    for attr in item.attrs:
        if attr.name == "derive" and attr.args:
            for part in attr.args.split(","):
                name = part.strip().split("::")[-1].strip()
                if name in DERIVES and name not in found:
                    found.append(name)
    return found


def read_derive(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...],
                traits: list[str], pyclass: bool = False) -> DeriveDecl | None:
    """`pyclass`: the struct is a `#[pyclass]` too, whose attribute (expanded first, in PyO3)
    takes the fields' `#[pyo3(...)]` options: the derive sees none."""
    node = item.node
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return None
    name = src.text(name_node)
    span = src.span(name_node)
    kind = {"struct_item": "struct", "enum_item": "enum"}.get(node.type)
    if kind is None:
        for trait in traits:
            walk.error(f"#[derive({trait})] is not supported for unions", span)
        return None
    decl = DeriveDecl(name, kind, traits, span, walk.glue_key(src, node), module_path)
    _read_generics(walk, src, node, decl)
    options = _container_options(walk, collect_options(item, "pyo3"))
    body = node.child_by_field_name("body")
    what = " and ".join(t if t == "FromPyObject" else f"`{t}`" for t in traits)  # PyO3's spellings
    if kind == "enum":
        if "transparent" in options or "annotation" in options:
            walk.error("`transparent` or `annotation` is not supported at top level for enums", span)
        variants = [v for v in _items_of(src, body) if v.node.type == "enum_variant"] if body is not None else []
        if not variants:
            walk.error(f"cannot derive {what} for empty enum", span)
        for variant in variants:
            vname = src.text(variant.node.child_by_field_name("name"))
            vopts = _container_options(walk, collect_options(variant, "pyo3"))
            if "rename_all" in options:
                if "rename_all" in vopts:
                    walk.error("Useless variant `rename_all` - enum is already annotated with `rename_all",
                               src.span(variant.node))
                vopts["rename_all"] = options["rename_all"]
            shape = _shape(walk, src, variant.node.child_by_field_name("body"), f"{name}::{vname}", vopts,
                           src.span(variant.node), what)
            if shape is not None:
                decl.shapes.append(shape)
    else:
        if "annotation" in options and "FromPyObject" in traits:
            walk.error("`annotation` is unsupported for structs", span)
        shape = _shape(walk, src, body, name, options, span, what, pyclass)
        if shape is not None:
            decl.shapes.append(shape)
    return decl


def _items_of(src: SourceFile, body):
    from .crate import _items

    return _items(src, body)


def _container_options(walk: "Walk", options) -> dict[str, str | None]:
    check_options(walk, options, CONTAINER_OPTIONS, "a derived conversion")
    out: dict[str, str | None] = {}
    for opt in options:
        out[opt.key] = opt.value
        if opt.key == "rename_all" and string_value(opt.value) not in RENAME_RULES:
            walk.error(f"unknown `rename_all` rule {opt.value}", opt.span, "rules: " + ", ".join(RENAME_RULES))
        if opt.key == "annotation" and string_value(opt.value) is None:
            walk.error("`annotation` takes a string: `annotation = \"str\"`", opt.span)
    return out


def _read_generics(walk: "Walk", src: SourceFile, node, decl: DeriveDecl) -> None:
    for clause in (c for c in node.named_children if c.type == "where_clause"):
        decl.where_predicates += [src.text(p) for p in clause.named_children if p.type == "where_predicate"]
    params = node.child_by_field_name("type_parameters")
    if params is None:
        return
    for param in params.named_children:
        if param.type == "lifetime_parameter" or param.type == "lifetime":
            lifetime = param.child_by_field_name("name") if param.type == "lifetime_parameter" else param
            decl.lifetimes.append(src.text(lifetime if lifetime is not None else param))
        elif param.type in ("type_parameter", "type_identifier", "constrained_type_parameter"):
            text = src.text(param)
            pname, _, bounds = text.partition(":")
            if "=" in bounds or "=" in pname:
                walk.error("a derived conversion cannot have a default type parameter", src.span(param))
            decl.type_params.append((pname.strip(), bounds.strip()))
        else:
            walk.error(f"generic parameter `{src.text(param)}` is not supported on a derived conversion",
                       src.span(param))
    if "FromPyObject" in decl.traits and len(decl.lifetimes) > 1:
        walk.error("FromPyObject can be derived with at most one lifetime parameter", src.span(params))


def _shape(walk: "Walk", src: SourceFile, body, path: str, options: dict[str, str | None], span: Span,
           what: str, pyclass: bool = False) -> DeriveShape | None:
    err_name = string_value(options.get("annotation")) or path.rsplit("::", 1)[-1]
    rename_all = string_value(options.get("rename_all"))
    transparent = "transparent" in options
    fields = _fields(walk, src, body, pyclass) if body is not None else []
    is_enum_variant = "::" in path
    if not fields:
        if "IntoPyObject" in what and is_enum_variant:
            walk.error("cannot derive `IntoPyObject` for empty variants", span)
        else:
            walk.error(f"cannot derive {what} for empty structs and variants", span)
        return None
    if body.type == "ordered_field_declaration_list":
        if rename_all:
            walk.error("`rename_all` is useless on tuple structs and variants.", span)
        for f in fields:
            if f.getter:
                walk.error("`item` and `attribute` are not permitted on tuple struct elements.", f.span)
            if f.default is not None:
                walk.error("`default` is not permitted on tuple struct elements.", f.span)
        if len(fields) == 1:  # a one-field tuple struct is always transparent (PyO3's rule)
            return DeriveShape(path, "tuple_newtype", fields, err_name, None, span)
        if transparent:
            walk.error("transparent structs and variants can only have 1 field", span)
        return DeriveShape(path, "tuple", fields, err_name, None, span)
    if "from_item_all" in options:
        for f in fields:
            if f.getter == "attribute":
                walk.error("The struct is already annotated with `from_item_all`, `attribute` is not allowed",
                           f.span)
            elif f.getter == "item" and f.key is None:
                walk.error("Useless `item` - the struct is already annotated with `from_item_all`", f.span)
            f.getter = "item"
    if "FromPyObject" in what and all(f.default is not None for f in fields):
        walk.error("cannot derive FromPyObject for structs and variants with only default values", span)
    if transparent:
        if len(fields) != 1:
            walk.error("transparent structs and variants can only have 1 field", span)
            return None
        if rename_all:
            walk.error("`rename_all` is not permitted on `transparent` structs and variants", span)
        if fields[0].getter:
            walk.error("`transparent` structs may not have a `getter` for the inner field", fields[0].span)
        return DeriveShape(path, "newtype", fields, err_name, None, span)
    return DeriveShape(path, "struct", fields, err_name, rename_all, span)


def _fields(walk: "Walk", src: SourceFile, body, pyclass: bool = False) -> list[DeriveField]:
    out: list[DeriveField] = []
    for item, name, ty_node in struct_fields(src, body):
        node = item.node
        f = DeriveField(name, type_ref(src, ty_node), src.span(node))
        options = [] if pyclass else collect_options(item, "pyo3")
        check_options(walk, options, FIELD_OPTIONS, "a field of a derived conversion")
        for opt in options:
            if opt.key in ("attribute", "item"):
                if f.getter:
                    walk.error("only one of `attribute` or `item` can be provided", opt.span)
                f.getter = opt.key
                if opt.called and opt.value is not None and opt.value.strip():
                    f.key = opt.value.strip()
                    if opt.key == "attribute" and string_value(f.key) is None:
                        walk.error("`attribute` takes a string: `attribute(\"name\")`", opt.span)
                    if opt.key == "attribute" and string_value(f.key) == "":
                        walk.error("attribute name cannot be empty", opt.span)
            elif opt.key in ("from_py_with", "into_py_with"):
                value = (opt.value or "").strip()
                if not value:
                    walk.error(f"`{opt.key}` needs a function: `{opt.key} = path::to::function`", opt.span)
                setattr(f, opt.key, string_value(value) or value)
            elif opt.key == "default":
                f.default = (opt.value or "").strip()
        out.append(f)
    return out
