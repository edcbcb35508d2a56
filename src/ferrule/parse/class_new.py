"""`#[pyclass(new = "from_fields")]`: a constructor taking every field in order, as PyO3 writes it.

The parser adds a `#[pymethods]` block of its own (`MethodsBlock.generated`) holding a `#[new]`
method `__ferrule_from_fields`; the class's glue defines that method (`impl T { fn ... -> Self }`)
and the block's glue beside it, so the constructor, its text signature and the stub come from
the same paths as a hand-written `#[new]`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .attributes import string_value
from .model import Function, Method, MethodKind, MethodsBlock, Param, PyClassDecl

if TYPE_CHECKING:
    from .crate import Walk

FROM_FIELDS = "__ferrule_from_fields"


def add_from_fields(walk: "Walk", decl: PyClassDecl) -> None:
    if "new" not in decl.options:
        return
    where = decl.option_spans["new"]
    if string_value(decl.options["new"]) != "from_fields":
        walk.error('expected "from_fields"', where, 'write `new = "from_fields"`')
        return
    if "extends" in decl.options:
        walk.error('The `new="from_fields"` option cannot be used with `extends`.', where,
                   "write the constructor as a `#[new]` method, building the base's part too")
        return
    if decl.kind != "struct":
        walk.error('`new = "from_fields"` is for structs', where, "write a `#[new]` method")
        return
    params = [Param(f.rust_name if not f.rust_name.isdigit() else f"_{f.rust_name}", f.ty, f.span)
              for f in decl.fields]
    fn = Function(FROM_FIELDS, decl.py_name, params, None, "", where, decl.key, decl.module_path)
    key = dataclasses.replace(decl.key, suffix=decl.key.suffix + "-fields")
    block = MethodsBlock(decl.rust_name, decl.rust_name, where, key, decl.module_path, generated=True)
    block.methods.append(Method(fn, MethodKind.NEW))
    decl.blocks.append(block)


def from_fields_impl(decl: PyClassDecl) -> str:
    """The method the generated block's `#[new]` calls: `Self { a, b }` (or `Self(_0, _1)`)."""
    params = ", ".join(f"{p.name}: {p.ty.text}" for p in _block(decl).methods[0].fn.params)
    names = ", ".join(p.name for p in _block(decl).methods[0].fn.params)
    tuple_like = any(f.rust_name.isdigit() for f in decl.fields)
    body = f"Self({names})" if tuple_like else f"Self {{ {names} }}"
    return (f"    impl {decl.rust_name} {{\n        #[doc(hidden)]\n"
            f"        fn {FROM_FIELDS}({params}) -> Self {{ {body} }}\n    }}\n")


def _block(decl: PyClassDecl) -> MethodsBlock:
    return next(b for b in decl.blocks if b.generated)
