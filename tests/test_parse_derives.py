"""The parser's view of derived conversions, and PyO3's errors for bad ones."""

from __future__ import annotations

from pathlib import Path

from test_parse_crate import parse


def _messages(diags) -> list[str]:
    return [d.message for d in diags]


def test_shapes_and_options(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[derive(Debug, FromPyObject, pyo3::IntoPyObject)]
        #[pyo3(rename_all = "camelCase")]
        struct A<'py, T: Clone> { #[pyo3(item("k"), default = 3)] a: T, b_c: Bound<'py, PyAny> }
        #[derive(FromPyObject)]
        enum E { #[pyo3(annotation = "int")] I(i64), S { #[pyo3(attribute("n"))] s: String }, T(u8, u8) }
        """})
    assert diags == []
    a, e = crate.derives
    assert a.traits == ["FromPyObject", "IntoPyObject"] and a.lifetimes == ["'py"]
    assert a.type_params == [("T", "Clone")]
    shape = a.shapes[0]
    assert shape.style == "struct" and shape.rename_all == "camelCase"
    assert [(f.name, f.getter, f.key, f.default) for f in shape.fields] == [
        ("a", "item", '"k"', "3"), ("b_c", "", None, None)]
    assert [(s.path, s.style, s.err_name) for s in e.shapes] == [
        ("E::I", "tuple_newtype", "int"), ("E::S", "struct", "S"), ("E::T", "tuple", "T")]


def test_pyo3_errors(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[derive(FromPyObject)]
        enum Empty {}
        #[derive(FromPyObject)]
        struct Unit;
        #[derive(FromPyObject)]
        struct OnlyDefaults { #[pyo3(default)] a: i32 }
        #[derive(FromPyObject)]
        #[pyo3(transparent)]
        struct Two { a: i32, b: i32 }
        #[derive(FromPyObject)]
        struct Tup(#[pyo3(item)] i32, i32);
        #[derive(FromPyObject)]
        #[pyo3(annotation = "x")]
        struct Ann { a: i32 }
        #[derive(FromPyObject)]
        struct Bad { #[pyo3(getter)] a: i32 }
        #[derive(IntoPyObject)]
        enum V { A }
        """})
    assert _messages(diags) == [
        "cannot derive FromPyObject for empty enum",
        "cannot derive FromPyObject for empty structs and variants",
        "cannot derive FromPyObject for structs and variants with only default values",
        "transparent structs and variants can only have 1 field",
        "`item` and `attribute` are not permitted on tuple struct elements.",
        "`annotation` is unsupported for structs",
        "unknown option `getter` for a field of a derived conversion",
        "cannot derive `IntoPyObject` for empty variants",
    ]
    assert all(d.line > 0 for d in diags)
