"""What a function-form module adds besides functions: `m.add("NAME", value)`
constants and `create_exception!` types, for the stub."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import tree_sitter

from .attributes import split_top_level, string_value
from .model import ExceptionDecl, ModuleMember, PyModuleDecl
from .source import SourceFile, child_of_type

if TYPE_CHECKING:
    from .crate import Walk

_GET_TYPE = re.compile(r"get_type::<\s*([A-Za-z_][A-Za-z0-9_]*)\s*>")


def read_add_call(src: SourceFile, node: tree_sitter.Node, decl: PyModuleDecl, module_var: str | None = None,
                  body: tree_sitter.Node | None = None) -> None:
    """`m.add("NAME", value)`: a named value the module exposes; `m.add_submodule(&local)`: a module
    object made in the body (`PyModule::new(py, "name")`). Calls on other modules are not this one's."""
    function = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if function is None or args is None or function.type != "field_expression":
        return
    receiver = function.child_by_field_name("value")
    if module_var is not None and receiver is not None and src.text(receiver).lstrip("&*").strip() != module_var:
        return
    field = src.text(function.child_by_field_name("field") or function)
    if field == "add_submodule" and len(args.named_children) == 1 and body is not None:
        local = src.text(args.named_children[0]).lstrip("&").strip()
        made = re.search(rf"let\s+{re.escape(local)}\s*=\s*PyModule::new(?:_bound)?\(\s*[^,]+,\s*(\"[^\"]*\")",
                         src.text(body))
        if made is not None and string_value(made.group(1)):
            decl.members.append(ModuleMember("constant", string_value(made.group(1)) or "", "<module>",
                                             span=src.span(node)))
        return
    if field != "add" or len(args.named_children) != 2:
        return
    name = string_value(src.text(args.named_children[0]))
    if name is None:
        return
    decl.members.append(ModuleMember("constant", name, src.text(args.named_children[1]), span=src.span(node)))


def read_macro_item(walk: "Walk", src: SourceFile, node: tree_sitter.Node) -> ExceptionDecl | None:
    """`create_exception!(module, Name, Base, "doc")` or `import_exception!(module, Name)` at item level."""
    macro = node.child_by_field_name("macro")
    tokens = child_of_type(node, "token_tree")
    name = src.text(macro).split("::")[-1].strip() if macro is not None else ""
    if tokens is None or name not in ("create_exception", "import_exception"):
        return None
    parts = [p.strip() for p, _ in split_top_level(src.text(tokens)[1:-1])]
    if name == "import_exception":
        # A Python exception referred to by name: the module exports the existing type.
        return ExceptionDecl(parts[1], parts[0], "PyException", "") if len(parts) >= 2 else None
    if len(parts) < 3:
        return None
    doc = string_value(parts[3]) if len(parts) > 3 else None
    exc = ExceptionDecl(parts[1], parts[0], parts[2].split("::")[-1], doc or "")
    walk.crate.exceptions[parts[1]] = exc
    return exc


def constant_type(value: str, exceptions: dict[str, ExceptionDecl]) -> str | ExceptionDecl:
    """The Python type of an added value, or the exception it names."""
    value = value.strip().removeprefix("&")
    if value == "<module>":
        return "types.ModuleType"
    found = _GET_TYPE.search(value)
    if found:
        return exceptions.get(found.group(1)) or "type"
    if value in ("true", "false"):
        return "bool"
    if string_value(value) is not None or value.endswith(".to_string()") and string_value(value[:-12]) is not None:
        return "str"
    number = value.replace("_", "")
    if re.fullmatch(r"-?\d+(i\d+|u\d+|isize|usize)?", number):
        return "int"
    if re.fullmatch(r"-?\d+\.\d*([eE][+-]?\d+)?(f32|f64)?|-?\d+(f32|f64)", number):
        return "float"
    return "Any"


def builtin_exception_name(base: str) -> str:
    """`PyValueError` → `ValueError`; a user exception keeps its name."""
    return base[2:] if base.startswith("Py") and base[2:3].isupper() else base
