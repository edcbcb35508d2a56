"""`#[pyclass]`/`#[pymethods]` in the parser: options, fields, variants, method
kinds and receivers, linking blocks to classes, module membership, errors."""

from __future__ import annotations

from pathlib import Path

from ferrule.parse.model import MethodKind

from test_glue_golden import parse_fixture
from test_parse_crate import parse


def _messages(diags) -> list[str]:
    return [d.message for d in diags]


def test_fixture_classes_options_and_fields() -> None:
    crate = parse_fixture("classes")
    classes = {c.py_name: c for c in crate.classes}
    assert sorted(classes) == ["Counter", "Event", "Light", "Shape", "ShapeError", "Tile"]
    shape = classes["Shape"]
    assert shape.has("subclass") and shape.has("dict") and not shape.frozen and shape.doc.startswith("A shape")
    assert [(f.rust_name, f.py_name, f.get, f.set) for f in shape.fields] == [
        ("side_len", "sideLen", True, True), ("tag", "label", True, False), ("hidden", "hidden", False, False)]
    tile = classes["Tile"]
    assert tile.rust_name == "SquareTile" and tile.options["extends"] == "Shape"
    assert tile.python_module == "classes.tiles"  # module = "..." wins over the exporting module
    assert classes["Counter"].python_module == "classes" and classes["Counter"].module_path == ("more",)
    assert classes["Counter"].frozen and [f.get for f in classes["Counter"].fields] == [True]  # get_all
    light = classes["Light"]
    assert light.simple_enum and [(v.rust_name, v.py_name) for v in light.variants] == [
        ("Red", "RED"), ("Amber", "AMBER"), ("Green", "GO")]
    assert classes["ShapeError"].options["extends"] == "PyValueError"
    event = classes["Event"]
    assert event.complex_enum and event.frozen and not event.simple_enum
    key, click = event.variants
    assert not key.tuple_like and [(f.rust_name, f.py_name, f.get, f.set) for f in key.fields] == [
        ("code", "code", True, False), ("r#char", "char", True, False)]
    assert click.tuple_like and [f.rust_name for f in click.fields] == ["0", "1"]


def test_fixture_methods_kinds_receivers_and_blocks() -> None:
    crate = parse_fixture("classes")
    shape = crate.class_named("Shape")
    methods = {m.fn.rust_name: m for m in shape.methods()}
    assert methods["new"].kind == MethodKind.NEW and methods["new"].receiver is None
    assert [p.default for p in methods["new"].fn.params] == [None, '"s".to_string()']
    assert (methods["area"].receiver, methods["grow"].receiver) == ("ref", "mut")
    assert methods["same_as"].receiver == "pyref" and methods["same_as"].fn.py_name == "same"
    assert [p.name for p in methods["same_as"].fn.params] == ["other"]  # `slf` is the receiver
    assert (methods["perimeter"].kind, methods["perimeter"].attr_name) == (MethodKind.GETTER, "perimeter")
    assert (methods["read_hidden"].kind, methods["read_hidden"].attr_name) == (MethodKind.GETTER, "hidden")
    assert (methods["set_hidden"].kind, methods["set_hidden"].attr_name) == (MethodKind.SETTER, "hidden")
    assert methods["unit"].kind == MethodKind.STATIC
    assert methods["describe"].kind == MethodKind.CLASS and [p.name for p in methods["describe"].fn.params] == ["verbose"]
    assert methods["SIDES"].kind == MethodKind.CLASSATTR and methods["SIDES"].is_const
    assert methods["origin"].kind == MethodKind.CLASSATTR and not methods["origin"].is_const
    counter = crate.class_named("Counter")
    assert len(counter.blocks) == 2 and counter.method_named("__hash__") is not None
    top = crate.top_module()
    assert [(m.kind, m.py_name) for m in top.members] == [
        ("class", "Shape"), ("class", "Tile"), ("class", "Light"), ("class", "ShapeError"), ("class", "Event"),
            ("class", "Counter")]


def test_declarative_module_exports_and_declares_classes(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        mod shapes;
        #[pymodule]
        mod demo {
            #[pymodule_export]
            use super::shapes::{Circle, Square as Sq};
            #[pyclass]
            struct Inside;
        }
    """, "src/shapes.rs": """
        #[pyclass]
        pub struct Circle;
        #[pyclass(name = "Box")]
        pub struct Square;
    """})
    assert diags == []
    (module,) = crate.modules
    assert [(m.kind, m.py_name, m.imported) for m in module.members] == [
        ("class", "Circle", "Circle"), ("class", "Box", "Sq"), ("class", "Inside", "")]
    assert {c.py_name: c.python_module for c in crate.classes} == {"Circle": "demo", "Box": "demo", "Inside": "demo"}


def test_empty_struct_variant_makes_a_complex_enum(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyclass]
        enum Only { Empty {} }
        #[pyclass]
        enum Mixed { Data(i32), Empty {} }
    """})
    assert diags == []
    classes = {c.py_name: c for c in crate.classes}
    assert classes["Only"].complex_enum and not classes["Only"].simple_enum
    (empty,) = classes["Only"].variants
    assert not empty.unit and not empty.tuple_like and empty.fields == []
    assert classes["Mixed"].complex_enum


def test_new_classmethod_takes_the_class(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyclass]
        struct K;
        #[pymethods]
        impl K {
            #[new]
            #[classmethod]
            fn new(cls: &Bound<'_, PyType>, x: i32) -> Self { K }
        }
    """})
    assert diags == []
    (new,) = crate.classes[0].methods()
    assert new.kind == MethodKind.NEW and new.cls_type == "&Bound<'_,PyType>"
    assert [p.name for p in new.fn.params] == ["x"]


def test_class_errors(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyclass(rename_all = "shouty")]
        struct A<T> { x: T }
        #[pyclass]
        enum E { Unit, Data(i32) }
        #[pyclass]
        enum Fine { A(), B { x: i32 }, C {} }
        #[pyclass]
        enum AlsoFine { Only {} }
        #[pyclass(frozen)]
        struct F { #[pyo3(set)] x: i32 }
        #[pymethods]
        impl Missing {}
        #[pyclass]
        struct G;
        #[pymethods]
        impl G {
            #[staticmethod]
            #[classmethod]
            fn both() {}
            fn no_self() {}
            fn by_value(self) {}
            #[new]
            fn new(&self) -> Self { G }
        }
    """})
    messages = _messages(diags)
    assert any('unknown `rename_all` rule "shouty"' in m for m in messages)
    assert any("generic `#[pyclass]` `A` is not supported" in m for m in messages)
    assert any("unit variant `E::Unit` in a `#[pyclass]` enum whose other variants have fields" in m
               for m in messages)
    assert not any("Fine" in m for m in messages)  # `C {}` is an empty struct variant, not a unit one
    assert any("field `x` of frozen class `F` cannot have a setter" in m for m in messages)
    assert any("`#[pymethods]` for `Missing`, which is not a `#[pyclass]`" in m for m in messages)
    assert any("`both` has conflicting attributes: #[staticmethod], #[classmethod]" in m for m in messages)
    assert any("method `no_self` has no `self`" in m for m in messages)
    assert any("method `by_value` takes `self` by value" in m for m in messages)
    assert any("`new` takes `self` but is a #[new]" in m for m in messages)


def test_function_module_add_class_unknown(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Nowhere>()?;
            Ok(())
        }
    """})
    assert _messages(diags) == [
        "cannot find the `#[pyclass]` `Nowhere`: no item `Nowhere` is declared or imported in `crate` (lib.rs)"]


def test_pyclass_reference_parameters(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        #[pyo3(signature = (a, b, c, d=None, e=0, f=None))]
        fn early(a: &P, b: &mut crate::m::Q, c: &'_ i32, d: Option<&P>, e: i64, f: Option<&mut Vec<i32>>) {}
        #[pyfunction]
        #[pyo3(signature = (p=&P_DEFAULT))]
        fn defaulted(p: &P) {}
        #[pyfunction]
        fn bad(v: &mut i32, w: &mut Self) {}
        #[pyclass]
        struct P;
        mod m {
            #[pyclass]
            pub struct Q;
            #[pymethods]
            impl Q {
                fn merge(&mut self, other: &Self, p: &super::P, maybe: Option<&Self>) {}
                fn __eq__(&self, other: &Self) -> bool { true }
            }
        }
    """})
    holders = {f.rust_name: [p.holder for p in f.params] for f in crate.functions}
    assert holders["early"] == ["ref", "mut", "", "ref", "", ""]
    methods = {m.fn.rust_name: m for m in crate.class_named("Q").methods()}
    assert [p.holder for p in methods["merge"].fn.params] == ["ref", "ref", "ref"]
    assert [p.holder for p in methods["__eq__"].fn.params] == ["ref"]
    mut_errors = [d for d in diags if "`&mut` parameters have no conversion from Python" in d.message]
    # `&mut i32`, `&mut Self` outside `#[pymethods]`, and `Option<&mut Vec<i32>>`.
    assert sorted(d.message.split("`")[1] for d in mut_errors) == ["f", "v", "w"]
    assert all("`&mut T` works only when `T` is a `#[pyclass]`" in d.hint for d in mut_errors)
    # A borrowed class may default to a reference (PyO3 evaluates it only when `p` is missing).
    assert [p.holder for p in next(f for f in crate.functions if f.rust_name == "defaulted").params] == ["ref"]
    assert len(diags) == 3


def test_doc_attributes_written_with_concat_join_the_docstring(tmp_path: Path) -> None:
    """`#[doc = concat!(...)]` of literals among `///` lines, as rustc (and so PyO3) reads them."""
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass]
        /// The class.
        #[doc = concat!("Built by ", "a macro, ", 2, " parts.")]
        /// Last line.
        struct Documented {}
        #[pymethods]
        impl Documented {
            #[doc = concat!("A macro ", "example.")]
            /// Then a comment line.
            fn method(&self) {}
        }
    """})
    assert diags == [], _messages(diags)
    (cls,) = crate.classes
    assert cls.doc == "The class.\nBuilt by a macro, 2 parts.\nLast line."
    assert cls.methods()[0].fn.doc == "A macro example.\nThen a comment line."
