"""Walks a crate from its root file through `mod` declarations and collects bindings."""

from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter

from ..errors import Diagnostic
from .attributes import Attribute, doc_value, expand_cfg_attr, read_attribute, string_value
from .classes import link_classes, read_pyclass, read_pymethods
from .derives import derived_traits, read_derive
from .functions import classify_ref_params, read_function
from .model import Crate, GlueKey, PyModuleDecl, Span
from .module_values import read_macro_item
from .expansion import expand_invocation, expand_pending, register_macro, separate_shared_keys
from .modules import read_module_fn, read_module_mod, resolve_members
from .old_api import check_trait_impl
from .blocks import is_local, mark_local_keys, walk_const_value, walk_fn_bodies
from .resolve import Binding, Scope, extern_root, read_use
from .cfg import ACTIVE, CfgSet, cfg_enabled, compiled
from .std_types import check_slot_results, check_std_types
from .source import ExpandedSource, SourceFile, child_of_type
from .shape import folder_names, shape_digest
from .types import look_through_aliases, type_ref

ITEM_KEYWORDS = {
    "function_item": "fn",
    "mod_item": "mod",
    "struct_item": "struct",
    "enum_item": "enum",
    "impl_item": "impl",
    "union_item": "union",
}


@dataclass
class Item:
    """An item with the attributes and doc comments written above it."""

    node: tree_sitter.Node
    attrs: list[Attribute]
    doc: str
    nul_doc: Span | None = None  # a `#[doc = "..."]` holding `\0`, which a Python docstring cannot
    conditional: bool = False  # written under `#[cfg]` or `#[cfg_attr]`: it may be in some builds only


@dataclass(frozen=True, eq=False)
class PlainFn:
    """A function without a binding attribute: a `#[pymodule]` may hand it the module to fill."""

    src: SourceFile
    node: tree_sitter.Node
    module_path: tuple[str, ...]


@dataclass
class Walk:
    """State of one parse: the crate so far and the problems found."""

    crate: Crate
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scopes: dict[tuple[str, ...], Scope] = field(default_factory=dict)
    declarative: dict[tuple[str, ...], PyModuleDecl] = field(default_factory=dict)  # by the `mod`'s path
    macros: dict[str, list] = field(default_factory=dict)  # macro_rules! by name, in textual order
    pending: list = field(default_factory=list)  # invocations of macros not defined yet
    depth: int = 0  # macro expansion depth
    async_enabled: bool = False  # the runtime's `experimental-async` feature is on for this build
    externs: dict[str, Crate] = field(default_factory=dict)  # dependency crates read, by the name paths use
    unread: dict[str, str] = field(default_factory=dict)  # dependencies not read: name -> why

    def scope(self, module_path: tuple[str, ...], span: Span) -> Scope:
        if module_path not in self.scopes:
            self.scopes[module_path] = Scope(module_path, span)
        return self.scopes[module_path]

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(message, span.path, span.line, span.col, hint))

    def warn(self, message: str, span: Span, hint: str | None = None) -> None:
        self.crate.warnings.append(Diagnostic(message, span.path, span.line, span.col, hint))

    def glue_key(self, src: SourceFile, node: tree_sitter.Node) -> GlueKey:
        """The attribute's key: file and line of the item's keyword, plus, when the
        item's name was written elsewhere (a macro substituted it), the name's place."""
        keyword = child_of_type(node, ITEM_KEYWORDS.get(node.type, "")) or node
        at = src.span(keyword)
        file = rustc_file_name(at.path, self.crate.workspace_root)
        site = ""
        if isinstance(src, ExpandedSource):
            site = f"{rustc_file_name(src.site.path, self.crate.workspace_root)}/L{src.site.line}"
        name = _first_ident_after(src, node, keyword)
        named = src.span(name) if name is not None else at
        if (named.path, named.line) == (at.path, at.line):
            return GlueKey(file, at.line, site=site)
        name_at = f"/{rustc_file_name(named.path, self.crate.workspace_root)}/L{named.line}C{named.col}"
        return GlueKey(file, at.line, name_at, site=site)


def _first_ident_after(src: SourceFile, node: tree_sitter.Node, keyword: tree_sitter.Node) -> tree_sitter.Node | None:
    """The first identifier-like token after the keyword, as ferrule-macros finds it."""
    stack = [c for c in reversed(node.children) if c.start_byte >= keyword.end_byte]
    while stack:
        child = stack.pop()
        if child.child_count == 0 or child.type in ("identifier", "type_identifier"):
            if IDENT_TOKEN.match(src.text(child)):
                return child
            continue
        stack.extend(reversed(child.children))
    return None


IDENT_TOKEN = re.compile(r"(r#)?[A-Za-z_][A-Za-z0-9_]*$")


@functools.lru_cache(maxsize=256)  # one call per bound item, few distinct files
def rustc_file_name(path: Path, workspace_root: Path) -> str:
    """The file's name as rustc reports it (and `Span::file()` returns it).

    cargo passes the crate root relative to the workspace root, and rustc joins
    `mod` file paths onto it without normalising, so `#[path = "../x.rs"]` in
    `src/lib.rs` is `src/../x.rs`. The paths the walk builds are lexical joins
    onto the resolved workspace root, so stripping that prefix gives rustc's name.
    """
    try:
        return path.relative_to(workspace_root.resolve()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(workspace_root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def parse_crate(root: Path, lib_path: Path, *, package: str, lib_name: str,
                workspace_root: Path | None = None, runtime_crate: str = "ferrule",
                module_name: str = "", async_enabled: bool = False,
                externs: dict[str, Crate] | None = None, unread: dict[str, str] | None = None,
                dependency: bool = False, cfg: CfgSet | None = None) -> tuple[Crate, list[Diagnostic]]:
    """Parses the library crate whose root file is `lib_path`; `module_name` is the dotted Python name.
    `async_enabled`: the runtime's `experimental-async` feature is on (else `async fn` is an error).
    `externs`: dependency crates already parsed, whose items paths may name (`dep::Class`);
    `unread`: dependencies that are not, with the reason; `dependency`: this crate is one of them.
    With `cfg`, items its `#[cfg(...)]` turns off are left out, as rustc leaves them out."""
    token = ACTIVE.set(cfg)
    try:
        return _parse_crate(root, lib_path, package=package, lib_name=lib_name, workspace_root=workspace_root,
                            runtime_crate=runtime_crate, module_name=module_name, async_enabled=async_enabled,
                            externs=externs, unread=unread, dependency=dependency)
    finally:
        ACTIVE.reset(token)


def _parse_crate(root: Path, lib_path: Path, *, package: str, lib_name: str, workspace_root: Path | None,
                 runtime_crate: str, module_name: str, async_enabled: bool, externs: dict[str, Crate] | None,
                 unread: dict[str, str] | None, dependency: bool) -> tuple[Crate, list[Diagnostic]]:
    crate = Crate(package=package, lib_name=lib_name, root=root,
                  workspace_root=workspace_root or root, runtime_crate=runtime_crate, dependency=dependency,
                  module_name=module_name)
    walk = Walk(crate, async_enabled=async_enabled, externs=dict(externs or {}), unread=dict(unread or {}))
    ws = crate.workspace_root.resolve()
    try:
        lib_path = ws / lib_path.resolve().relative_to(ws)
    except ValueError:
        lib_path = lib_path.resolve()
    _walk_file(walk, lib_path, (), lib_path.parent, seen=set())
    expand_pending(walk)
    _forget_expanded_macros(walk)
    mark_local_keys(walk)
    separate_shared_keys(walk)
    look_through_aliases(crate)
    link_classes(walk)
    classify_ref_params(walk)
    crate.scopes = dict(walk.scopes)
    for name, dep in walk.externs.items():
        _add_extern_scopes(walk, name, dep)
    resolve_members(walk, module_name.rpartition(".")[0])
    check_std_types(walk)
    check_slot_results(walk)
    return crate, walk.diagnostics


def _add_extern_scopes(walk: Walk, name: str, dep: Crate) -> None:
    """A dependency's modules, under `("::name", ...)`, so paths through it resolve as rustc's do."""
    root = extern_root(name)
    for path, scope in dep.scopes.items():
        moved = Scope(root + path, scope.span, uses=scope.uses)
        for bindings in scope.items.values():
            for b in bindings:
                if b.kind == "mod":
                    b = Binding(b.kind, b.name, b.vis, b.span, root + tuple(b.target), b.what)  # type: ignore[arg-type]
                moved.declare(b)
        walk.scopes[root + path] = moved


def _walk_file(walk: Walk, path: Path, module_path: tuple[str, ...], mod_dir: Path, seen: set[Path]) -> None:
    resolved = path.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    try:  # before the read: a file added to the folder later changes it (parse/model.py, `inputs`)
        folder = os.path.dirname(path)
        if folder not in walk.crate.inputs:
            walk.crate.inputs[folder] = os.stat(folder).st_mtime_ns
            walk.crate.shapes[folder] = folder_names(folder)
    except OSError:
        pass
    src = SourceFile.read(path)
    walk.crate.files.append(path)
    walk.crate.inputs[str(path)] = hashlib.sha1(src.data).hexdigest()
    shape = shape_digest(src.data, src.tree)
    if shape is not None:
        walk.crate.shapes[str(path)] = shape
    for bad in src.syntax_errors():
        walk.error(syntax_error_message(src, bad), src.span(bad),
                   "fix the syntax here; `cargo check` shows rustc's explanation")
    walk.scope(module_path, Span(path, 1, 1))
    _walk_items(walk, src, src.tree.root_node, module_path, mod_dir, None, seen)


def syntax_error_message(src: SourceFile, node: tree_sitter.Node) -> str:
    """What tree-sitter could not parse, in a few words: rustc is not run on a crate that fails here."""
    if node.is_missing:
        return f"syntax error: expected `{node.type}`"
    text = src.text(node).strip()
    first = text.split(None, 1)[0] if text else ""
    if not first:
        return "syntax error"
    if len(first) > 20:
        first = first[:20] + "…"
    return f"syntax error: unexpected `{first}`"


def _items(src: SourceFile, container: tree_sitter.Node) -> list[Item]:
    items: list[Item] = []
    attrs: list[Attribute] = []
    docs: list[str] = []
    nul_doc = None
    conditional = False
    for child in container.named_children:
        if child.type == "attribute_item":
            read = read_attribute(src, child)
            conditional = conditional or read is None or read.name in ("cfg", "cfg_attr")
            for attr in expand_cfg_attr(read, cfg_enabled) if read is not None else ():
                if attr.name == "doc" and attr.value is not None:
                    docs.append(doc_value(attr.value) or "")
                    if "\0" in docs[-1] and nul_doc is None:
                        value = child.named_children[0].child_by_field_name("value")
                        nul_doc = src.span(value) if value is not None else attr.span
                else:
                    attrs.append(attr)
            continue
        if child.type in ("line_comment", "block_comment"):
            doc = _doc_text(src, child)
            if doc is not None:
                docs.append(doc)
            continue
        if child.type == "inner_attribute_item":
            continue
        if compiled(attrs):  # an item `#[cfg]` removes is not in this build at all
            items.append(Item(child, attrs, _join_doc(docs), nul_doc, conditional))
        attrs, docs, nul_doc, conditional = [], [], None, False
    return items


def check_doc(walk: Walk, item: Item) -> None:
    if item.nul_doc is not None:
        walk.error("a Python docstring cannot hold a nul character (`\\0`)", item.nul_doc,
                   "remove the `\\0` from the doc: CPython keeps docstrings as C strings")


def _doc_text(src: SourceFile, node: tree_sitter.Node) -> str | None:
    if child_of_type(node, "outer_doc_comment_marker") is None:
        return None
    doc = node.child_by_field_name("doc")
    text = src.text(doc) if doc is not None else ""
    if node.type == "block_comment":  # rustc hands macros its text as written, `*`s and indents included
        return text
    return text.rstrip("\n")


def _join_doc(lines: list[str]) -> str:
    """The docstring PyO3 makes of an item's `#[doc]` lines: each loses one leading space (`/// text` is
    `#[doc = " text"]`), whatever the others have, and the lines are joined with newlines, blank ones
    included, so `///  indented` keeps one space of its indent."""
    return "\n".join(line[1:] if line.startswith(" ") else line for line in lines)


def attribute_named(item: Item, *names: str) -> Attribute | None:
    return next((a for a in item.attrs if a.name in names), None)


def _walk_items(walk: Walk, src: SourceFile, container: tree_sitter.Node, module_path: tuple[str, ...],
                mod_dir: Path, parent_module: PyModuleDecl | None, seen: set[Path]) -> None:
    scope = walk.scope(module_path, src.span(container))
    in_block = is_local(module_path)
    for item in _items(src, container):
        node = item.node
        _check_placement(walk, src, item)
        if any(attribute_named(item, a) for a in ("pyfunction", "pyfn", "pymodule", "pyclass")):
            check_doc(walk, item)
        bound: object = None
        kind = "item"
        if node.type in ("function_item", "impl_item"):
            # Before the item is read: a `#[pymodule] fn`'s body scan finds the body's items declared.
            body_macros = walk_fn_bodies(walk, src, node, module_path, mod_dir, parent_module, seen)
        elif node.type in ("const_item", "static_item"):
            walk_const_value(walk, src, node, module_path, mod_dir, parent_module, seen)
        if node.type == "function_item":
            if attribute_named(item, "pyfunction", "pyfn"):
                bound = read_function(walk, src, item, module_path)
                if bound is not None:
                    walk.crate.functions.append(bound)
                    kind = "function"
            elif attribute_named(item, "pymodule"):
                outer_macros, walk.macros = walk.macros, body_macros or walk.macros
                try:
                    bound = read_module_fn(walk, src, item, module_path, parent_module)
                finally:
                    walk.macros = outer_macros
                if bound is not None:
                    walk.crate.modules.append(bound)
                    kind = "pymodule"
            else:
                bound = PlainFn(src, node, module_path)
        elif node.type == "mod_item":
            _walk_mod(walk, src, item, module_path, mod_dir, parent_module, seen)
        elif node.type in ("struct_item", "enum_item") and attribute_named(item, "pyclass"):
            bound = read_pyclass(walk, src, item, module_path)
            if bound is not None:
                walk.crate.classes.append(bound)
                kind = "class"
            traits = derived_traits(item)
            derive = read_derive(walk, src, item, module_path, traits, pyclass=True) if traits else None
            if derive is not None:  # `#[derive(FromPyObject)]` on a class too, as PyO3 allows
                walk.crate.derives.append(derive)
        elif node.type in ("struct_item", "enum_item", "union_item") and derived_traits(item):
            derive = read_derive(walk, src, item, module_path, derived_traits(item))
            if derive is not None:
                walk.crate.derives.append(derive)
        elif node.type == "use_declaration":
            scope.uses.extend(read_use(src, node))
        elif node.type == "type_item":
            _read_type_alias(walk, src, node)
        if node.type in DECLARES:
            _declare(scope, src, node, kind, bound, module_path, item.attrs)
        if node.type == "impl_item" and attribute_named(item, "pymethods"):
            block = read_pymethods(walk, src, item, module_path)
            if block is not None:
                walk.crate.method_blocks.append(block)
        elif node.type == "impl_item":
            check_trait_impl(walk, src, node)
        elif node.type == "macro_definition":  # a body's macros: visible to the rest of its block only
            register_macro(walk, src, item)
        elif node.type in ("macro_invocation", "expression_statement"):
            macro = node if node.type == "macro_invocation" else child_of_type(node, "macro_invocation")
            context = (module_path, mod_dir, parent_module, seen)
            # In a body only macros defined above in it or outside are expanded (textual scope, no pending).
            if macro is not None and not expand_invocation(walk, src, macro, context, pend=not in_block):
                exc = read_macro_item(walk, src, macro)
                if exc is not None:
                    scope.declare(Binding("exception", exc.name, "pub", src.span(macro), exc))
                elif not in_block:
                    scope.macros.append((_macro_path(src, macro), src.span(macro)))


def _macro_path(src: SourceFile, macro: tree_sitter.Node) -> str:
    path = macro.child_by_field_name("macro")
    return "".join(src.text(path).split()) if path is not None else ""


# Item-level macros of std that write no bindings: not named as a possible source of a missing item.
STD_ITEM_MACROS = {"thread_local", "compile_error", "include", "assert", "const_assert", "static_assertions"}


def _forget_expanded_macros(walk: Walk) -> None:
    """After every expansion: what stays is another crate's macro, or one ferrule does not know."""
    for scope in walk.scopes.values():
        scope.macros = [(path, at) for path, at in scope.macros
                        if path.split("::")[-1] not in walk.macros and path.split("::")[-1] not in STD_ITEM_MACROS]


def _read_type_alias(walk: Walk, src: SourceFile, node: tree_sitter.Node) -> None:
    name, target = node.child_by_field_name("name"), node.child_by_field_name("type")
    if name is None or target is None:
        return
    params_node = node.child_by_field_name("type_parameters")
    params = []
    for param in params_node.named_children if params_node is not None else []:
        if param.type == "type_identifier":
            params.append(src.text(param))
        elif param.type != "lifetime_parameter":  # `T`, `T: Bound`, `T = Default`
            ident = param.child_by_field_name("name") or child_of_type(param, "type_identifier")
            if ident is not None:
                params.append(src.text(ident))
    alias = (tuple(params), type_ref(src, target))
    aliases = walk.crate.type_aliases
    key = src.text(name)
    aliases[key] = alias if key not in aliases or aliases[key] == alias else None


# What each binding attribute goes on (the attribute macros say the same under a plain `cargo check`).
PLACEMENT = {"pyfunction": (("function_item",), "a `fn`"), "pyfn": (("function_item",), "a `fn`"),
             "pyclass": (("struct_item", "enum_item"), "a `struct` or an `enum`"),
             "pymethods": (("impl_item",), "an `impl` block of a `#[pyclass]`"),
             "pymodule": (("function_item", "mod_item"), "a `fn` taking the module, or an inline `mod`")}


def _check_placement(walk: Walk, src: SourceFile, item: Item) -> None:
    node = item.node
    keyword = child_of_type(node, ITEM_KEYWORDS.get(node.type, ""))
    if keyword is None:
        return
    for attr, (kinds, goes_on) in PLACEMENT.items():
        if attribute_named(item, attr) and node.type not in kinds:
            walk.error(f"`#[{attr}]` goes on {goes_on}, not on a `{ITEM_KEYWORDS[node.type]}`", src.span(keyword))


# Item kinds that declare a name in their module (`impl` and `use` do not).
DECLARES = {"function_item": "fn", "mod_item": "mod", "struct_item": "struct", "enum_item": "enum",
            "union_item": "union", "const_item": "const", "static_item": "static", "type_item": "type",
            "trait_item": "trait", "macro_definition": "macro"}


# Attributes that are rustc's own, or inert helpers of common derives: never a macro that writes items.
INERT_ATTRIBUTES = frozenset({
    "cfg", "cfg_attr", "derive", "doc", "allow", "warn", "deny", "forbid", "expect", "must_use", "deprecated",
    "inline", "repr", "non_exhaustive", "path", "cold", "track_caller", "no_mangle", "export_name", "link_name",
    "test", "ignore", "should_panic", "macro_export", "macro_use", "automatically_derived", "rustfmt", "clippy",
    "serde", "pyo3", "default",
})
STD_DERIVES = frozenset({"Clone", "Copy", "Debug", "Default", "PartialEq", "Eq", "PartialOrd", "Ord", "Hash",
                         "FromPyObject", "IntoPyObject", "IntoPyObjectRef"})
# PyO3's own attributes (an item with a binding one is bound, so only options remain here).
PYO3_ATTRIBUTES = frozenset({"pyfunction", "pyclass", "pymethods", "pymodule", "pyo3", "pymodule_export",
                             "pymodule_init", "pyfn"})


def _foreign_macros(attrs) -> tuple[tuple[str, Span], ...]:
    """`#[make_class]`, `#[derive(other::PyLike)]` on an item: what may be another crate's macro, and where."""
    found = [(f"#[{a.path or a.name}]", a.span) for a in attrs
             if a.name not in INERT_ATTRIBUTES and a.name not in PYO3_ATTRIBUTES]
    for a in attrs:
        if a.name == "derive" and a.args:
            found += [(f"#[derive({d.strip()})]", a.span) for d in a.args.split(",")
                      if d.strip() and d.strip().split("::")[-1] not in STD_DERIVES]
    return tuple(found)


def _declare(scope: Scope, src: SourceFile, node: tree_sitter.Node, kind: str, bound: object,
             module_path: tuple[str, ...], attrs=()) -> None:
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return
    vis_node = child_of_type(node, "visibility_modifier")
    vis = src.text(vis_node) if vis_node is not None else ""
    name = src.text(name_node)
    if node.type == "mod_item":
        kind, bound = "mod", module_path + (name,)
    scope.declare(Binding(kind, name, vis, src.span(name_node), bound, DECLARES[node.type],
                          _foreign_macros(attrs) if kind == "item" else ()))


def _walk_mod(walk: Walk, src: SourceFile, item: Item, module_path: tuple[str, ...], mod_dir: Path,
              parent_module: PyModuleDecl | None, seen: set[Path]) -> None:
    node = item.node
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return
    name = src.text(name_node)
    file_name = name.removeprefix("r#")  # `mod r#async;` is async.rs or async/mod.rs, as rustc finds it
    body = node.child_by_field_name("body")
    child_path = module_path + (name,)
    if body is not None:
        decl = None
        if attribute_named(item, "pymodule"):
            decl = read_module_mod(walk, src, item, module_path, parent_module)
            if decl is not None:
                walk.crate.modules.append(decl)
                walk.declarative[child_path] = decl
        _walk_items(walk, src, body, child_path, mod_dir / file_name, decl or None, seen)
        return
    if attribute_named(item, "pymodule"):
        walk.error("`#[pymodule]` on a module declared in another file is not supported",
                   src.span(node), "write the module inline: `#[pymodule] mod name { ... }`")
    explicit = attribute_named(item, "path")
    explicit_path = string_value(explicit.value) if explicit is not None else None
    if explicit_path is not None:
        # At a file's top level `#[path]` is relative to the file's folder; inside
        # an inline `mod { }` it is relative to that module's folder.
        inline = node.parent is not None and node.parent.type != "source_file"
        candidates = [(mod_dir if inline else src.path.parent) / explicit_path]
    else:
        candidates = [mod_dir / f"{file_name}.rs", mod_dir / file_name / "mod.rs"]
    for candidate in candidates:
        if candidate.is_file():
            # A file named by `#[path]` owns its folder, like a `mod.rs`.
            is_mod_rs = candidate.name == "mod.rs" or explicit_path is not None
            next_dir = candidate.parent if is_mod_rs else candidate.parent / candidate.stem
            _walk_file(walk, candidate, child_path, next_dir, seen)
            return
    # rustc reports a missing module file itself; nothing to bind there.
