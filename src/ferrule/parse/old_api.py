"""Trait impls written for PyO3's older API, which the runtime (PyO3 0.27+'s traits) cannot take: one error
at the impl, saying what to write, instead of rustc's E0107/E0407 in the user's code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import tree_sitter

from .source import SourceFile

if TYPE_CHECKING:
    from .crate import Walk

_FROM_PY_OBJECT_HINT = (
    "write PyO3 0.27's form: `impl<'a, 'py> FromPyObject<'a, 'py> for {ty} {{ type Error = PyErr; "
    "fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {{ ... }} }}`; `ob` derefs to "
    "`&Bound<'py, PyAny>`, so the body of `extract_bound` mostly stays as it is")


def check_trait_impl(walk: "Walk", src: SourceFile, node: tree_sitter.Node) -> None:
    """`impl<'py> FromPyObject<'py> for T` (PyO3 0.22-0.26: one lifetime, `extract_bound`)."""
    trait = node.child_by_field_name("trait")
    if trait is None or trait.type != "generic_type":
        return
    name = trait.child_by_field_name("type")
    if name is None or src.text(name).split("::")[-1].strip() != "FromPyObject":
        return
    args = trait.child_by_field_name("type_arguments")
    lifetimes = [a for a in args.named_children if a.type == "lifetime"] if args is not None else []
    if args is None or len(lifetimes) != 1 or len(args.named_children) != 1:
        return
    target = node.child_by_field_name("type")
    ty = src.text(target) if target is not None else "T"
    walk.error(f"`{src.text(trait)}` has one lifetime: that is the `FromPyObject` of PyO3 0.26 and before "
               "(`extract_bound`, or `extract(&PyAny)`), and ferrule's runtime has PyO3 0.27's "
               "`FromPyObject<'a, 'py>`", src.span(trait),
               _FROM_PY_OBJECT_HINT.format(ty=ty))
