"""Items declared inside function bodies, scoped as rustc scopes them: bound when a
module adds them, seen only in their block, shadowing the module's items of the
same name; their glue goes to `<key>.local.rs`, which the attribute pastes in."""

from __future__ import annotations

from pathlib import Path

from ferrule.codegen.glue import generate_glue

from test_parse_crate import parse


def _targets(crate, module: str) -> list[tuple[str, str, int]]:
    decl = next(m for m in crate.modules if m.rust_name == module)
    return [(m.kind, m.py_name, m.target.span.line) for m in decl.members if m.target is not None]


def test_items_in_the_module_function_body_are_bound_and_shadow_the_modules(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        fn inner() -> i32 { 0 }
        #[pyclass]
        struct Local;
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            #[pyfunction]
            fn inner() -> i32 { 1 }
            #[pyclass]
            struct Local;
            #[pymethods]
            impl Local {
                fn get(&self) -> i32 { 2 }
            }
            m.add_function(wrap_pyfunction!(inner, m)?)?;
            m.add_class::<Local>()?;
            m.add_function(wrap_pyfunction!(self::inner, m)?)?;
            Ok(())
        }
    """})
    assert diags == [], [d.render() for d in diags]
    # The body's `inner` and `Local` (lines 8 and 10), not the module's; `self::inner` is the module's.
    assert _targets(crate, "demo") == [("function", "inner", 8), ("class", "Local", 10), ("function", "inner", 2)]
    body_cls = next(c for c in crate.classes if c.span.line == 10)
    assert [b.key.line for b in body_cls.blocks] == [12]
    assert [c.blocks for c in crate.classes if c.span.line == 4] == [[]]
    files = generate_glue(crate)
    assert {"src/lib.rs/L8.local.rs", "src/lib.rs/L10.local.rs", "src/lib.rs/L12.local.rs",
            "src/lib.rs/L2.rs", "src/lib.rs/L4.rs"} <= set(files)
    # The body's glue names its items lexically, never through `super::`.
    assert "super::inner" not in files["src/lib.rs/L8.local.rs"]
    assert "type T = Local;" in files["src/lib.rs/L12.local.rs"]


def test_items_in_a_plain_function_body_are_seen_only_in_that_body(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            #[pyclass]
            struct Hidden;
            if true {
                #[pyfunction]
                fn deeper() -> i32 { 3 }
                m.add_function(wrap_pyfunction!(deeper, m)?)?;
            }
            m.add_class::<Hidden>()
        }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            register(m)?;
            m.add_class::<Hidden>()?;
            Ok(())
        }
    """})
    assert _targets(crate, "demo") == [("function", "deeper", 6), ("class", "Hidden", 3)]
    assert [(d.line, d.message) for d in diags] == [
        (14, "cannot find the `#[pyclass]` `Hidden`: no item `Hidden` is declared or imported in `crate` (lib.rs)")]


def test_body_uses_and_items_and_the_init_function_of_a_declarative_module(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        mod shapes {
            #[pyclass]
            pub struct Circle;
        }
        #[pymodule]
        mod demo {
            use super::*;
            #[pymodule_init]
            fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
                use crate::shapes::Circle as Round;
                #[pyclass]
                struct Square;
                m.add_class::<Round>()?;
                m.add_class::<Square>()
            }
        }
    """})
    assert diags == [], [d.render() for d in diags]
    assert _targets(crate, "demo") == [("class", "Circle", 3), ("class", "Square", 12)]
    # The init function adds them when it runs: the module's own glue does not add them again.
    glue = generate_glue(crate)["src/lib.rs/L6.rs"]
    assert "add_class" not in glue and "super::init(m)" in glue


def test_what_ferrule_does_not_bind_in_a_body_is_one_error_at_the_item(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyclass]
        struct Outer;
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            #[pymethods]
            impl Outer {
                fn get(&self) -> i32 { 1 }
            }
            m.add_class::<Outer>()?;
            Ok(())
        }
        const _: () = {
            #[pymethods]
            impl Outer {
                fn put(&self) {}
            }
        };
    """})
    # The class's glue cannot name a module inside a body or a `const` block.
    message = ("`#[pymethods]` for `Outer` is inside a function body (or a `const` block) that does not declare "
               "`Outer`; ferrule binds such a block only in the body (or block) declaring its class")
    assert sorted((d.line, d.col, d.message) for d in diags) == [(6, 10, message), (14, 10, message)], \
        [d.render() for d in diags]


def test_a_declarative_module_in_a_body_is_bound_inside_its_mod(tmp_path: Path) -> None:
    """`#[pymodule] mod` in a test's body: its glue goes inside the `mod` (item position, `super::`
    is the file's module), it gets no `PyInit_`, and it is no candidate for the top module."""
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        fn double(x: i64) -> i64 { x * 2 }
        #[pymodule]
        fn demo(_m: &Bound<'_, PyModule>) -> PyResult<()> { Ok(()) }
        fn make() {
            #[pymodule]
            mod nested {
                #[pymodule_export]
                use super::double;
                #[pyfunction]
                fn inner() -> i64 { 1 }
            }
        }
        const _: () = {
            #[pyfunction]
            fn hidden() -> i64 { 2 }
        };
    """})
    assert diags == [], [d.render() for d in diags]
    nested = next(m for m in crate.modules if m.rust_name == "nested")
    assert nested.in_body and not nested.key.local
    assert [m.rust_name for m in crate.top_level_modules()] == ["demo"]
    glue = generate_glue(crate)
    text = glue["src/lib.rs/L7.rs"]
    assert "PyInit_" not in text and "super::double::__FERRULE_DEF" in text and "super::inner::__FERRULE_DEF" in text
    assert "src/lib.rs/L11.local.rs" in glue  # `inner` is in a `mod` in a body: the body-item glue
    assert "src/lib.rs/L16.local.rs" in glue  # a `const` block's function, likewise


def test_a_macro_rules_in_a_body_is_expanded_there_and_only_there(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! make {
            ($name:ident) => { #[pyfunction] fn $name() -> i32 { 100 } };
        }
        make!(outer);
        fn helper() -> i32 {
            macro_rules! make { ($name:ident) => { #[pyfunction] fn $name() -> i32 { 3 } }; }
            0
        }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            macro_rules! make {
                ($name:ident) => { #[pyfunction] fn $name() -> i32 { 1 } };
            }
            macro_rules! add_all {
                ($($f:ident),*) => { $( m.add_function(wrap_pyfunction!($f, m)?)?; )* };
            }
            make!(one);
            add_all!(one, outer);
            Ok(())
        }
        make!(after);
    """})
    assert diags == [], [d.render() for d in diags]
    # `one` comes from the body's own `make` (the item is the body's), `outer` from the module's; the
    # statement macro's adds are read; after the body, `make` is the module's again (`after` is top-level).
    assert [(kind, name) for kind, name, _ in _targets(crate, "demo")] == [("function", "one"), ("function", "outer")]
    local = {f.rust_name: f for f in crate.functions}
    assert set(local) == {"outer", "one", "after"}
    assert local["one"].key.local and not local["outer"].key.local and not local["after"].key.local
    # Its return type is written in the module's `make` (line 2), not in a body's.
    assert local["after"].ret_span.line == 2 and local["one"].ret_span.line == 12
