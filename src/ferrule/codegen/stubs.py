"""Model → `.pyi`: the same model as the glue, so the stub cannot disagree."""

from __future__ import annotations

import keyword
import re

from ..parse.model import Crate, Function, ModuleForm, ParamKind, PyClassDecl, PyModuleDecl
from ..parse.model import ExceptionDecl
from ..parse.module_values import builtin_exception_name, constant_type
from .class_stubs import class_stub, python_names
from .pytypes import KNOWN_TYPES, crate_types, expand_aliases, python_type, stub_imports, type_aliases
from .signature import parameter_list

from . import HEADER


def _param_annotation(param) -> str:
    """For `*args`/`**kwargs` the annotation is that of one item, as Python spells it."""
    ty = expand_aliases(param.ty)
    if param.annotation is not None:  # written in `signature`: the user's word wins
        return param.annotation
    if param.from_py_with:  # the user's function takes whatever it can read
        return "Any"
    if param.kind == ParamKind.VARARGS:
        # `Vec<T>` collects the items; a tuple object (`&Bound<PyTuple>`) holds Any.
        if ty.kind == "path" and ty.name in ("Vec", "VecDeque") and ty.args:
            return python_type(ty.args[0])
        return "Any"
    if param.kind == ParamKind.VARKEYWORDS:
        inner = ty.args[0] if ty.is_named("Option") and ty.args else ty
        if inner.kind == "path" and inner.name in ("HashMap", "BTreeMap", "IndexMap") and len(inner.args) == 2:
            return python_type(inner.args[1])
        return "Any"
    return python_type(ty)


def _docstring(doc: str, indent: str) -> list[str]:
    if not doc:
        return []
    body = doc.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):  # would close the docstring early: `""""`
        body = body[:-1] + '\\"'
    lines = body.split("\n")
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    return [f'{indent}"""{lines[0]}'] + [f"{indent}{line}" if line else "" for line in lines[1:]] + [f'{indent}"""']


def function_stub(fn: Function) -> tuple[list[str], list[str]]:
    """The stub lines of a function, and the annotations used (for imports)."""
    params = parameter_list(fn, annotate=_param_annotation)
    ret = fn.return_annotation or python_type(fn.ret, returning=True)
    annotations = [_param_annotation(p) for p in fn.visible_params()] + [ret]
    doc = _docstring(fn.doc, "    ")
    if keyword.iskeyword(fn.py_name):  # not valid Python source; reachable only through getattr
        return [f"# `{fn.py_name}`: a Python keyword, reachable only through getattr()"], []
    head = f"{'async ' if fn.is_async else ''}def {fn.py_name}({', '.join(params)}) -> {ret}:"
    lines = [head] + doc if doc else [head + " ..."]
    return lines, annotations


def module_members(crate: Crate, module: PyModuleDecl) -> list[Function]:
    functions: list[Function] = []
    for member in module.members:
        # A member exported twice (once under a `#[cfg]`) is one name in Python.
        if member.kind == "function" and isinstance(member.target, Function) \
                and not any(f is member.target for f in functions):
            # Of two functions added under one Python name, the module keeps the later one.
            same = [i for i, f in enumerate(functions) if f.py_name == member.target.py_name]
            if same:
                functions[same[0]] = member.target
            else:
                functions.append(member.target)
    return functions


def constant_stub(crate: Crate, name: str, value: str) -> tuple[list[str], list[str]]:
    """`m.add(name, value)`: an exception class, or a name with its type."""
    kind = constant_type(value, crate.exceptions)
    if isinstance(kind, ExceptionDecl):
        base = builtin_exception_name(kind.base)
        doc = _docstring(kind.doc, "    ")
        return ([f"class {name}({base}):"] + doc if doc else [f"class {name}({base}): ..."]), []
    return [f"{name}: {kind}"], [kind]


def module_stub(crate: Crate, module: PyModuleDecl, places: dict[int, str] | None = None) -> str:
    """`places`: each module's stub as a dotted path below the package (`""` for the top one)."""
    blocks: list[list[str]] = []
    annotations: list[str] = []
    names = python_names(crate)
    for fn in module_members(crate, module):
        lines, used = function_stub(fn)
        blocks.append([names(line) for line in lines])
        annotations.extend(names(u) for u in used)
    seen: list[object] = []
    for member in module.members:
        if member.target is not None and member.kind in ("module", "class"):
            if any(member.target is t for t in seen):
                continue
            seen.append(member.target)
        if member.kind == "module" and isinstance(member.target, PyModuleDecl):
            blocks.append([f"from . import {member.target.py_name} as {member.target.py_name}"]
                          if module.form == ModuleForm.DECLARATIVE else [])
        elif member.kind == "class" and isinstance(member.target, PyClassDecl):
            lines, used = class_stub(member.target, crate, _param_annotation, _docstring)
            blocks.append(lines)
            annotations.extend(used)
        elif member.kind == "constant" and member.const_type is not None:
            kind = python_type(member.const_type, returning=True)
            blocks.append([f"{member.py_name}: Final[{kind}]"] + _docstring(member.doc, ""))
            annotations.extend(["Final", kind])
        elif member.kind == "constant":
            lines, used = constant_stub(crate, member.py_name, member.rust_path)
            blocks.append(lines)
            annotations.extend(used)
        elif member.kind == "exception" and isinstance(member.target, ExceptionDecl):
            base = builtin_exception_name(member.target.base)
            doc = _docstring(member.target.doc, "    ")
            blocks.append([f"class {member.py_name}({base}):"] + doc if doc else [f"class {member.py_name}({base}): ..."])
    out = [HEADER.rstrip("\n")]
    out.extend(_docstring(module.doc, ""))
    imports = stub_imports(" ".join(annotations))
    imports.extend(_foreign_class_imports(crate, module, places or {}, " ".join(annotations), seen))
    if imports:
        out.append("")
        out.extend(imports)
    # `m.add*` appends every name to the module's `__all__`, in the order added.
    exported = [m.py_name for m in module.members if m.py_name and m.target is not None or m.kind == "constant"]
    if exported:
        out += ["", "__all__ = [" + ", ".join(repr(n) for n in dict.fromkeys(exported)) + "]"]
    for block in blocks:
        if block:
            out.append("")
            out.extend(block)
    return "\n".join(out) + "\n"


def _foreign_class_imports(crate: Crate, module: PyModuleDecl, places: dict[int, str], text: str,
                           here: list[object]) -> list[str]:
    """`from .other import Cls` for each class an annotation names that another module's stub defines."""
    exporters: dict[int, str] = {}
    for decl in crate.modules:
        for member in decl.members:
            if member.kind == "class" and member.target is not None and id(decl) in places:
                where = places[id(decl)]
                if id(member.target) not in exporters or where.count(".") < exporters[id(member.target)].count("."):
                    exporters[id(member.target)] = where
    own = places.get(id(module), "")
    dots = "." * max(1, len(own.split("."))) if own else "."
    lines = []
    for cls in crate.classes:
        where = exporters.get(id(cls))
        if where is None or any(cls is t for t in here) or not re.search(rf"\b{re.escape(cls.py_name)}\b", text):
            continue
        lines.append(f"from {dots}{where} import {cls.py_name}" if where else f"from {dots} import {cls.py_name}")
    return sorted(set(lines))


def generate_stubs(crate: Crate) -> dict[str, str]:
    """Stub files keyed by their path inside the package folder (`__init__.pyi`, `sub.pyi`)."""
    own_names = [c.rust_name for c in crate.classes] + [d.rust_name for d in crate.derives]
    crates = [crate, *crate.dependencies]
    token = KNOWN_TYPES.set(frozenset({c.rust_name for k in crates for c in k.classes}
                                      | {d.rust_name for k in crates for d in k.derives}))
    try:
        with crate_types(own_names), type_aliases(crate.type_aliases):
            return _generate_stubs(crate)
    finally:
        KNOWN_TYPES.reset(token)


def _generate_stubs(crate: Crate) -> dict[str, str]:
    top = crate.top_module()
    if top is None:
        return {}
    places: dict[int, str] = {id(top): ""}
    order = [(top, "")]
    pending = [(m.target, m.target.py_name) for m in top.members
               if m.kind == "module" and isinstance(m.target, PyModuleDecl)]
    while pending:
        sub, rel = pending.pop()
        if id(sub) in places:
            continue
        places[id(sub)] = rel
        order.append((sub, rel))
        pending.extend((m.target, f"{rel}.{m.target.py_name}") for m in sub.members
                       if m.kind == "module" and isinstance(m.target, PyModuleDecl))
    return {(f"{rel.replace('.', '/')}.pyi" if rel else "__init__.pyi"): module_stub(crate, decl, places)
            for decl, rel in order}
