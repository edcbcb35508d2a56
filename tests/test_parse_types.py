"""Rust type syntax → TypeRef structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from ferrule.parse.model import TypeRef
from ferrule.parse.source import SourceFile
from ferrule.parse.types import type_ref


def ty(text: str) -> TypeRef:
    src = SourceFile(Path("t.rs"), f"fn f(x: {text}) {{}}".encode())
    param = src.tree.root_node.named_children[0].child_by_field_name("parameters").named_children[0]
    return type_ref(src, param.child_by_field_name("type"))


def shape(t: TypeRef):
    """A compact view: (kind, name, [args...]) with `mut` marked on references."""
    kind = "mut_ref" if t.kind == "ref" and t.mutable else t.kind
    return (kind, t.name, [shape(a) for a in t.args])


def test_slice_and_array_are_told_apart() -> None:
    assert shape(ty("&[u8]")) == ("ref", "", [("slice", "", [("path", "u8", [])])])
    assert shape(ty("[u8; 4]")) == ("array", "", [("path", "u8", [])])
    assert shape(ty("&'a [f64; N]")) == ("ref", "", [("array", "", [("path", "f64", [])])])
    assert shape(ty("Cow<'_, [u8]>")) == ("path", "Cow", [("slice", "", [("path", "u8", [])])])


def test_nested_generics_keep_only_type_arguments() -> None:
    assert shape(ty("std::collections::HashMap<String, Vec<(i32, f64)>>")) == (
        "path", "HashMap", [("path", "String", []),
                            ("path", "Vec", [("tuple", "", [("path", "i32", []), ("path", "f64", [])])])])
    assert shape(ty("&'py Bound<'py, PyAny>")) == ("ref", "", [("path", "Bound", [("path", "PyAny", [])])])
    assert shape(ty("Option<&'a str>")) == ("path", "Option", [("ref", "", [("path", "str", [])])])
    assert shape(ty("PyResult<Option<Vec<Option<u8>>>>")) == (
        "path", "PyResult", [("path", "Option", [("path", "Vec", [("path", "Option", [("path", "u8", [])])])])])


def test_references_record_mutability() -> None:
    assert shape(ty("&mut Vec<u8>")) == ("mut_ref", "", [("path", "Vec", [("path", "u8", [])])])
    assert not ty("&Vec<u8>").mutable


@pytest.mark.parametrize("text, expected", [
    ("()", ("unit", "", [])),
    ("(i32,)", ("tuple", "", [("path", "i32", [])])),
    ("(String, (bool, char))", ("tuple", "", [("path", "String", []),
                                             ("tuple", "", [("path", "bool", []), ("path", "char", [])])])),
    ("crate::types::Thing", ("path", "Thing", [])),
    ("impl Fn()", ("other", "", [])),
    ("*const u8", ("other", "", [])),
])
def test_other_shapes(text: str, expected) -> None:
    assert shape(ty(text)) == expected


def test_text_is_normalised_whitespace() -> None:
    assert ty("Vec<\n    u8\n>").text == "Vec< u8 >"


def test_u8_sequences_are_bytes_in_stubs() -> None:
    from ferrule.codegen.pytypes import python_type
    for text in ("Vec<u8>", "[u8; 4]", "&[u8]", "Cow<'_, [u8]>", "PyResult<Vec<u8>>"):
        assert python_type(ty(text), returning=True) == "bytes", text
    # Parameters take bytes or any sequence of ints for Vec<u8> and [u8; N]; other element types stay lists.
    assert python_type(ty("Vec<u8>")) == "bytes | list[int]" == python_type(ty("[u8; 4]"))
    assert python_type(ty("Option<Vec<u8>>")) == "bytes | list[int] | None"
    assert python_type(ty("Vec<u16>")) == "list[int]"
    assert python_type(ty("Vec<u16>"), returning=True) == "list[int]"
    assert python_type(ty("VecDeque<u8>"), returning=True) == "list[int]"


def test_std_and_datetime_types_in_stubs() -> None:
    from ferrule.codegen.pytypes import python_type, stub_imports
    assert python_type(ty("Duration"), returning=True) == "datetime.timedelta"
    assert python_type(ty("Bound<'py, PyDateTime>")) == "datetime.datetime"
    assert python_type(ty("std::net::IpAddr")) == "ipaddress.IPv4Address | ipaddress.IPv6Address"
    assert python_type(ty("PyBuffer<f64>")) == "Any"
    assert stub_imports("x: datetime.date, y: ipaddress.IPv4Address") == ["import datetime", "import ipaddress"]


def _param_types(source: str) -> list[TypeRef]:
    src = SourceFile(Path("t.rs"), source.encode())
    fn = next(n for n in src.tree.root_node.named_children if n.type == "function_item")
    return [type_ref(src, p.child_by_field_name("type")) for p in fn.child_by_field_name("parameters").named_children]


def test_a_use_as_name_is_known_by_the_original_name_and_written_as_is() -> None:
    (handle, maybe, mapping) = _param_types(
        "use pyo3::Bound as PyBound;\nuse std::collections::{HashMap as Map, HashSet};\n"
        "fn f(a: &PyBound<'_, PyAny>, b: Option<PyBound<'_, PyDict>>, c: Map<String, i64>) {}")
    assert shape(handle) == ("ref", "", [("path", "Bound", [("path", "PyAny", [])])])
    assert handle.text == "&PyBound<'_, PyAny>"
    assert shape(maybe)[2] == [("path", "Bound", [("path", "PyDict", [])])]
    assert shape(mapping) == ("path", "HashMap", [("path", "String", []), ("path", "i64", [])])


def test_an_alias_naming_two_things_in_one_file_is_left_alone() -> None:
    (first,) = _param_types("mod a { use x::One as It; }\nmod b { use y::Two as It; }\nfn f(v: It) {}")
    assert first.name == "It"
