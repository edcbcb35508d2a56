"""`#[pymodule]` in both forms, and what each module exposes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter

from .attributes import string_value
from .functions import check_options, collect_options, read_params
from .cfg import attribute_off
from .model import ModuleForm, ModuleMember, ParamKind, PyModuleDecl
from .module_values import read_add_call
from .blocks import NESTED_ITEMS, block_path, opens_scope
from .resolve import Binding, Resolver, Unresolved, read_use, where_exactly
from .source import SourceFile, child_of_type
from .types import type_ref

if TYPE_CHECKING:
    from .crate import Item, Walk

MODULE_OPTIONS = ("name", "crate", "module", "submodule", "gil_used")


def _module_name(walk: "Walk", item: "Item", default: str) -> str:
    options = collect_options(item, "pymodule", "pyo3")
    check_options(walk, options, MODULE_OPTIONS, "`#[pymodule]`")
    for opt in options:
        if opt.key == "name":
            return string_value(opt.value) or opt.value or default
    return default


def _name_and_vis(src: SourceFile, node) -> tuple[str, str]:
    name_node = node.child_by_field_name("name")
    vis = child_of_type(node, "visibility_modifier")
    return (src.text(name_node) if name_node is not None else "",
            src.text(vis) if vis is not None else "")


def read_module_fn(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...],
                   parent: PyModuleDecl | None) -> PyModuleDecl | None:
    node = item.node
    rust_name, vis = _name_and_vis(src, node)
    params = read_params(walk, src, node)
    decl = PyModuleDecl(rust_name, _module_name(walk, item, rust_name.removeprefix("r#")), ModuleForm.FUNCTION,
                        item.doc, src.span(node.child_by_field_name("name")), walk.glue_key(src, node),
                        module_path, params=params, parent=parent, visibility=vis)
    visible = [p for p in params if p.kind != ParamKind.PYTHON]
    if len(visible) != 1 or len(params) > 2:
        walk.error(f"`#[pymodule] fn {rust_name}` must take the module: `(m: &Bound<'_, PyModule>)`",
                   decl.span, "optionally preceded by `py: Python<'_>`")
    body = node.child_by_field_name("body")
    if body is not None:
        _scan_function_body(walk, src, body, decl, visible[0].name if visible else None, module_path)
    return decl


def _pyfn_member(walk: "Walk", src: SourceFile, node: tree_sitter.Node, decl: PyModuleDecl,
                 module_var: str | None, scope: tuple[str, ...]) -> None:
    """`#[pyfn(m)] fn f` in the body: `#[pymodule]` adds `f` to `m` where it is written (PyO3's rewrite)."""
    from .attributes import read_attribute

    attrs = []
    sibling = node.prev_named_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment", "block_comment"):
        read = read_attribute(src, sibling) if sibling.type == "attribute_item" else None
        attrs.extend([read] if read is not None else [])
        sibling = sibling.prev_named_sibling
    pyfn = next((a for a in attrs if a.name == "pyfn"), None)
    name = node.child_by_field_name("name")
    if pyfn is None or name is None:
        return
    target = (pyfn.args or "").split(",")[0].strip()
    if module_var is None or target == module_var:
        decl.members.append(ModuleMember("function", "", src.text(name), span=src.span(node), scope=scope))


def _scan_function_body(walk: "Walk", src: SourceFile, body: tree_sitter.Node, decl: PyModuleDecl,
                        module_var: str | None = None, scope: tuple[str, ...] | None = None) -> None:
    """Finds `wrap_pyfunction!(path, ...)` in the body: the functions the module adds; and calls
    handing the module (`module_var`) to a plain function, whose body adds more (see `resolve_members`)."""
    from .expansion import expand_statements

    scope = _block_scope(walk, src, body, scope if scope is not None else decl.module_path)
    stack = [body]
    while stack:
        node = stack.pop()
        if node is not body and node.type == "block" and opens_scope(node, src, walk.macros):
            _scan_function_body(walk, src, node, decl, module_var, scope)
            continue
        if node.type == "function_item" and node.parent is not None and node.parent.id == body.id:
            _pyfn_member(walk, src, node, decl, module_var, scope)
        if node.type in NESTED_ITEMS:
            continue  # an item's code runs only where it is called (helpers are followed)
        if node.type == "macro_invocation":
            macro = node.child_by_field_name("macro")
            name = src.text(macro).split("::")[-1].strip() if macro is not None else ""
            expanded = expand_statements(walk, src, node) if name in walk.macros else None
            if expanded is not None:
                walk.depth += 1
                try:
                    _scan_function_body(walk, *expanded, decl, module_var, scope)
                finally:
                    walk.depth -= 1
                continue
            tokens = child_of_type(node, "token_tree")
            if name in ("wrap_pyfunction", "wrap_pymodule") and tokens is not None:
                path = src.text(tokens)[1:-1].split(",")[0].strip()
                kind = "function" if name == "wrap_pyfunction" else "module"
                # Errors point at the path, where rustc points for a name it cannot find.
                inner = tokens.children[1] if tokens.child_count > 2 else node
                decl.members.append(ModuleMember(kind, "", path, span=src.span(inner), scope=scope))
            continue
        if node.type == "generic_function":
            # `m.add_class::<T>()`: the class belongs to this module.
            function = node.child_by_field_name("function")
            args = node.child_by_field_name("type_arguments")
            if function is not None and args is not None and src.text(function).endswith("add_class"):
                path = src.text(args).strip()[1:-1].strip()
                inner = args.named_children[0] if args.named_children else node
                decl.members.append(ModuleMember("class", "", path, span=src.span(inner), scope=scope))
        if node.type == "call_expression":
            read_add_call(src, node, decl, module_var, body)
            _helper_call(src, node, decl, module_var, scope)
        stack.extend(reversed(_compiled_children(src, node)))


def _block_scope(walk: "Walk", src: SourceFile, block: tree_sitter.Node, outer: tuple[str, ...]) -> tuple[str, ...]:
    """A block with items or `use`s is a scope below `outer` (rustc). The crate walk declares its
    names; a block only the scan sees (a macro's expansion) gets its `use`s here."""
    if not opens_scope(block, src, walk.macros):
        return outer
    path = block_path(src, block, outer)
    if path not in walk.scopes:
        walk.scope(path, src.span(block)).uses[:] = [
            u for node in block.named_children
            if node.type == "use_declaration" and not _off(src, node) for u in read_use(src, node)]
    return path


def _off(src: SourceFile, node: tree_sitter.Node) -> bool:
    """A statement a `#[cfg]` that is off removes."""
    prev = node.prev_named_sibling
    while prev is not None and prev.type == "attribute_item":
        if attribute_off(src, prev):
            return True
        prev = prev.prev_named_sibling
    return False


def _helper_call(src: SourceFile, node: tree_sitter.Node, decl: PyModuleDecl, module_var: str | None,
                 scope: tuple[str, ...] | None) -> None:
    function, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if module_var is None or function is None or args is None or function.type not in ("identifier", "scoped_identifier"):
        return
    if any(src.text(a).lstrip("&").strip() == module_var for a in args.named_children):
        decl.helpers.append((src.text(function), src.span(node), scope if scope is not None else decl.module_path))


def _follow_helpers(walk: "Walk", resolver: Resolver, decl: PyModuleDecl) -> None:
    """Scans the plain functions a module's init code hands the module to, as rustc would run them."""
    from .crate import PlainFn

    seen: set[int] = set()
    while decl.helpers:
        path, span, scope = decl.helpers.pop(0)
        try:
            found = resolver.resolve(scope, tuple(p.strip() for p in path.split("::")), "")
        except Unresolved:
            continue  # a function of another crate, or not a function: nothing ferrule can read
        target = found.target
        if not isinstance(target, PlainFn) or id(target.node) in seen:
            continue
        seen.add(id(target.node))
        body = target.node.child_by_field_name("body")
        if body is not None:
            _scan_function_body(walk, target.src, body, decl, _first_param(target.src, target.node), target.module_path)


def _first_param(src: SourceFile, node: tree_sitter.Node) -> str | None:
    params = node.child_by_field_name("parameters")
    for child in params.named_children if params is not None else []:
        if child.type == "parameter":
            pattern = child.child_by_field_name("pattern")
            ty = child.child_by_field_name("type")
            if pattern is not None and ty is not None and "Python" not in src.text(ty):
                return src.text(pattern).split()[-1]
    return None


def _compiled_children(src: SourceFile, node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """A block's statements without those a `#[cfg]` that is off removes."""
    out, skip = [], False
    for child in node.named_children:
        if child.type == "attribute_item":
            skip = skip or attribute_off(src, child)
            continue
        if skip:
            skip = False
            continue
        out.append(child)
    return out


def read_module_mod(walk: "Walk", src: SourceFile, item: "Item", module_path: tuple[str, ...],
                    parent: PyModuleDecl | None) -> PyModuleDecl | None:
    from .crate import _items, attribute_named

    node = item.node
    rust_name, vis = _name_and_vis(src, node)
    decl = PyModuleDecl(rust_name, _module_name(walk, item, rust_name.removeprefix("r#")), ModuleForm.DECLARATIVE,
                        item.doc, src.span(node.child_by_field_name("name")), walk.glue_key(src, node),
                        module_path + (rust_name,), parent=parent, visibility=vis)
    module_opt = next((o for o in collect_options(item, "pymodule", "pyo3") if o.key == "module"), None)
    if module_opt is not None:  # `#[pyo3(module = "pkg")]`: its full name is `pkg.<name>`, as in PyO3
        decl.module_option = string_value(module_opt.value) or ""
    body = node.child_by_field_name("body")
    for inner in _items(src, body) if body is not None else []:
        inner_node = inner.node
        start = len(decl.members)
        export = attribute_named(inner, "pymodule_export")
        if export is not None and inner_node.type not in ("use_declaration", "const_item"):
            walk.error(f"`#[pymodule_export]` goes on a `use` or a `const`, not on a `{src.text(inner_node).split()[0]}`",
                       export.span, "export the item with `#[pymodule_export] use path::to::Item;`")
        if inner_node.type == "mod_item" and attribute_named(inner, "pymodule") is not None and any(
                o.key == "submodule" for o in attribute_named(inner, "pymodule").options()):
            walk.error("`submodule` is implied for a `#[pymodule]` nested in another", src.span(inner_node),
                       "remove `submodule`")
        if inner_node.type == "use_declaration" and export is not None:
            for path, alias in _use_paths(src, inner_node.child_by_field_name("argument")):
                decl.members.append(ModuleMember("", alias, path, span=src.span(inner_node),
                                                 imported=alias or path.split("::")[-1].strip()))
        elif inner_node.type == "const_item" and attribute_named(inner, "pymodule_export"):
            name, _ = _name_and_vis(src, inner_node)
            ty = inner_node.child_by_field_name("type")
            decl.members.append(ModuleMember("constant", name.removeprefix("r#"), name, span=src.span(inner_node),
                                             const_type=type_ref(src, ty) if ty is not None else None,
                                             doc=inner.doc))
        elif inner_node.type == "function_item":
            name, _ = _name_and_vis(src, inner_node)
            if attribute_named(inner, "pyfunction"):
                decl.members.append(ModuleMember("function", "", name, span=src.span(inner_node)))
            elif attribute_named(inner, "pymodule_init"):
                if decl.init_fn is not None and not any(a.name == "cfg" for a in inner.attrs):
                    walk.error(f"module `{decl.rust_name}` has a second `#[pymodule_init]`, `{name}`",
                               src.span(inner_node), f"only one runs at import: merge it into `{decl.init_fn}`")
                decl.init_fn = name
                init_body = inner_node.child_by_field_name("body")
                if init_body is not None:
                    _scan_function_body(walk, src, init_body, decl, _first_param(src, inner_node),
                                        decl.module_path)
        elif inner_node.type in ("struct_item", "enum_item") and attribute_named(inner, "pyclass"):
            name, _ = _name_and_vis(src, inner_node)
            decl.members.append(ModuleMember("class", "", name, span=src.span(inner_node)))
        elif inner_node.type == "mod_item" and attribute_named(inner, "pymodule"):
            name, _ = _name_and_vis(src, inner_node)
            decl.members.append(ModuleMember("module", "", name, span=src.span(inner_node)))
        # rustc decides `#[cfg]`: the glue adds the member under the same predicates.
        cfg = tuple(a.args for a in inner.attrs if a.name == "cfg" and a.args)
        for member in decl.members[start:]:
            member.cfg = cfg
    return decl


def _use_paths(src: SourceFile, node, prefix: str = "") -> list[tuple[str, str]]:
    """`use a::{b, c as d}` → [("a::b", ""), ("a::c", "d")]."""
    if node is None:
        return []
    if node.type == "use_as_clause":
        path = node.child_by_field_name("path")
        alias = node.child_by_field_name("alias")
        return [(prefix + src.text(path), src.text(alias) if alias is not None else "")]
    if node.type == "scoped_use_list":
        base = node.child_by_field_name("path")
        new_prefix = prefix + (src.text(base) + "::" if base is not None else "")
        return _use_paths(src, node.child_by_field_name("list"), new_prefix)
    if node.type == "use_list":
        out: list[tuple[str, str]] = []
        for child in node.named_children:
            out.extend(_use_paths(src, child, prefix))
        return out
    return [(prefix + src.text(node), "")]


KIND_WORDS = {"function": "`#[pyfunction]`", "class": "`#[pyclass]`", "module": "`#[pymodule]`",
              "": "`#[pyfunction]`, `#[pyclass]`, `#[pymodule]` or exception", "exception": "exception"}


def resolve_members(walk: "Walk", package: str = "") -> None:
    """Links every module member to the item its path names, following `use` as rustc does."""
    crate = walk.crate
    resolver = Resolver(walk.scopes, walk.unread)
    for decl in crate.modules:
        _follow_helpers(walk, resolver, decl)
        # A function-form module's paths are written inside the fn, in its module.
        for member in decl.members:
            if member.kind == "constant":
                continue
            span = member.span or decl.span
            segments = tuple(p.strip() for p in member.rust_path.split("::"))
            try:
                if member.imported:  # `#[pymodule_export] use`: what the import binds in the module
                    found = resolver.lookup(decl.module_path, member.imported, member.kind, decl.module_path)
                else:
                    found = resolver.resolve(member.scope or decl.module_path, segments, member.kind)
            except Unresolved as e:
                walk.error(f"cannot find the {KIND_WORDS[member.kind]} `{member.rust_path}`: {e}", span)
                continue
            problem = _link(walk, decl, member, found)
            if problem:
                walk.error(f"`{member.rust_path}` {problem}", span)
    for decl in crate.modules:
        if decl.parent is None:
            decl.package = package
    _assign_class_modules(crate, [c for dep in walk.externs.values() for c in dep.classes])


def _link(walk: "Walk", decl: PyModuleDecl, member: ModuleMember, found: Binding) -> str:
    """Makes `member` name `found`; else says why it cannot."""
    kind, target = found.kind, found.target
    if kind == "mod":
        target = walk.declarative.get(found.target)  # type: ignore[arg-type]
        if target is None:
            return f"is the module `crate::{'::'.join(found.target)}`, which has no `#[pymodule]`"  # type: ignore[arg-type]
        kind = "module"
    elif kind == "pymodule":
        kind = "module"
    if kind == "item":
        where = f"{found.span.path.name}:{found.span.line}"
        if found.macros:  # e.g. an attribute macro of another crate that would write `#[pyclass]`
            named = " and ".join(f"`{m}` ({where_exactly(at)})" for m, at in found.macros)
            whose = "another crate's macro" if len(found.macros) == 1 else "other crates' macros"
            return (f"is `{found.what} {found.name}` ({where}), which has no {KIND_WORDS[member.kind]}; {named} on it "
                    f"may be {whose}, which ferrule cannot expand: write {KIND_WORDS[member.kind]} on "
                    f"`{found.name}` in this crate's source")
        return f"is `{found.what} {found.name}` ({where}), which has no {KIND_WORDS[member.kind]}"
    if member.kind and member.kind != kind:
        return f"is a {KIND_WORDS[kind]}, not a {KIND_WORDS[member.kind]}"
    member.kind, member.target = kind, target  # type: ignore[assignment]
    # A `use x as y` alias renames the Rust item only: Python sees the name the
    # item registers itself under, so that is the member's name.
    member.py_name = target.name if kind == "exception" else target.py_name  # type: ignore[union-attr]
    if kind == "module" and target is not decl:
        target.parent = decl  # type: ignore[union-attr]
    return ""


def _assign_class_modules(crate, dependency_classes=()) -> None:
    """A class's `__module__`: `#[pyclass(module = "...")]`, else the full dotted
    name of the first module that exports it, else the top module."""
    exporters: dict[int, str] = {}
    for decl in crate.modules:
        for member in decl.members:
            if member.kind == "class" and member.target is not None:
                name = decl.qualified_name
                # The shallowest exporter: a class added to a package and its submodule belongs to the package.
                if id(member.target) not in exporters or name.count(".") < exporters[id(member.target)].count("."):
                    exporters[id(member.target)] = name
    top = crate.top_module()
    for cls in crate.classes:
        explicit = string_value(cls.options.get("module"))
        cls.python_module = explicit or exporters.get(id(cls)) or (top.qualified_name if top is not None else crate.lib_name)
    # A dependency's class belongs to the extension module that exports it.
    for cls in dependency_classes:
        explicit = string_value(cls.options.get("module"))
        cls.python_module = explicit or exporters.get(id(cls)) or (top.qualified_name if top is not None else cls.python_module)
