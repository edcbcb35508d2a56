"""Module members resolved as rustc resolves paths: `use` (renames, groups, globs,
re-exports), `self::`/`super::`/`crate::`, modules across files; and the one error
an unresolvable or ambiguous path gets, at the line that names it."""

from __future__ import annotations

from pathlib import Path

from ferrule.parse import parse_crate

from test_parse_crate import parse

CRATE = Path(__file__).parent / "crates" / "fe_resolution"
GOLDEN = Path(__file__).parent / "golden" / "resolution" / "model.txt"


def _model(crate) -> str:
    """The resolved model, one line per member: module, kind, Python name, where the target is declared."""
    lines = []
    for module in sorted(crate.modules, key=lambda m: m.qualified_name):
        lines.append(f"module {module.qualified_name} ({module.form.value}, {module.key.relpath()})")
        for member in module.members:
            target = member.target
            where = f"{target.key.relpath()}" if target is not None and hasattr(target, "key") else "-"
            lines.append(f"  {member.kind:9} {member.py_name:12} {member.rust_path:40} -> {where}")
    for cls in sorted(crate.classes, key=lambda c: c.rust_name):
        lines.append(f"class {cls.rust_name} as {cls.py_name} in {cls.python_module}")
    return "\n".join(lines) + "\n"


def test_resolved_model_of_the_multi_file_crate_matches_golden() -> None:
    from test_glue_golden import check_golden

    crate, diags = parse_crate(CRATE, CRATE / "src/lib.rs", package="fe_resolution", lib_name="fe_resolution_native",
                               module_name="fe_resolution._native")
    assert diags == [], [d.render() for d in diags]
    check_golden(GOLDEN, _model(crate))


def test_use_chains_globs_renames_and_later_items(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod a;
            mod b {
                pub use super::a::deep::*;
                pub(crate) use crate::a::Other as Renamed;
            }
            use b::{Renamed as R, Thing};
            #[pymodule]
            fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_class::<Thing>()?;
                m.add_class::<R>()?;
                m.add_class::<self::later::Late>()?;
                m.add_function(wrap_pyfunction!(b::helper, m)?)?;
                Ok(())
            }
            mod later {
                #[pyclass]
                pub struct Late;
            }
        """,
        "src/a/mod.rs": "pub mod deep;\n#[pyclass]\npub struct Other;\n",
        "src/a/deep.rs": "#[pyclass]\npub struct Thing;\n#[pyfunction]\npub fn helper() {}\n",
    })
    assert diags == [], [d.render() for d in diags]
    (module,) = crate.modules
    assert [(m.kind, m.py_name, m.target.module_path) for m in module.members] == [
        ("class", "Thing", ("a", "deep")), ("class", "Other", ("a",)), ("class", "Late", ("later",)),
        ("function", "helper", ("a", "deep"))]


def test_raw_identifier_modules_live_in_files_without_the_prefix(tmp_path: Path) -> None:
    """`mod r#async;` is `async.rs` (or `async/mod.rs`), as rustc finds it; paths keep writing `r#async`."""
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod r#async;
            mod r#type { pub mod r#impl; }
            #[pymodule]
            fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_class::<r#async::Client>()?;
                m.add_class::<r#type::r#impl::Kind>()?;
                Ok(())
            }
        """,
        "src/async/mod.rs": "#[pyclass]\npub struct Client;\n",
        "src/type/impl.rs": "#[pyclass]\npub struct Kind;\n",
    })
    assert diags == [], [d.render() for d in diags]
    (module,) = crate.modules
    assert [(m.py_name, m.target.module_path) for m in module.members] == [
        ("Client", ("r#async",)), ("Kind", ("r#type", "r#impl"))]


def test_unresolved_path_names_the_step_that_failed(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod types;
            use crate::types::{Sheet, Book};
            #[pymodule]
            fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_class::<Sheet>()?;
                m.add_class::<Book>()?;
                m.add_class::<types::nested::Cell>()?;
                Ok(())
            }
        """,
        "src/types.rs": "#[pyclass]\npub struct Sheet;\npub struct Book;\n",
    })
    assert [(d.message, d.line, d.col) for d in diags] == [
        ("`Book` is `struct Book` (types.rs:3), which has no `#[pyclass]`", 6, 19),
        ("cannot find the `#[pyclass]` `types::nested::Cell`: `crate::types` (types.rs) has no item `nested`", 7, 19)]


def test_ambiguous_glob_is_one_error_at_the_class_path(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod x { #[pyclass] pub struct Item; }
        mod y { #[pyclass] pub struct Item; }
        use x::*;
        use y::*;
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Item>()?;
            Ok(())
        }
    """})
    assert [(d.line, d.col) for d in diags] == [(7, 19)]  # at `Item`, as rustc
    assert diags[0].message == ("cannot find the `#[pyclass]` `Item`: `Item` is ambiguous in `crate`: both "
                                "`use x::*;` (lib.rs:3) and `use y::*;` (lib.rs:4) bring one in")
    assert "macro" not in diags[0].message


def test_missing_functions_and_modules_are_reported_at_their_path(tmp_path: Path) -> None:
    """The column is the path's inside `wrap_pyfunction!`/`wrap_pymodule!` (rustc's), also behind `pyo3::`."""
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod shapes {}
        #[pymodule]
        fn demo(module: &Bound<'_, PyModule>) -> PyResult<()> {
            module.add_function(wrap_pyfunction!(hidden, module)?)?;
            module.add_function(pyo3::wrap_pyfunction!(shapes::area, module)?)?;
            module.add_wrapped(wrap_pymodule!(nowhere))?;
            Ok(())
        }
    """})
    assert [(d.line, d.col, d.message.split(": ")[0]) for d in diags] == [
        (4, 42, "cannot find the `#[pyfunction]` `hidden`"),
        (5, 48, "cannot find the `#[pyfunction]` `shapes::area`"),
        (6, 39, "cannot find the `#[pymodule]` `nowhere`")]


def test_broken_import_is_reported_with_the_use(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod x {}
        #[pymodule]
        mod demo {
            #[pymodule_export]
            use super::x::Missing;
        }
    """})
    assert [(d.message, d.line, d.col) for d in diags] == [
        ("cannot find the `#[pyfunction]`, `#[pyclass]`, `#[pymodule]` or exception `super::x::Missing`: "
         "`use super::x::Missing;` (lib.rs:5): `crate::x` (lib.rs) has no item `Missing`", 5, 5)]


def test_glob_of_another_crate_and_private_items_are_not_ambiguous(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use ferrule::prelude::*;
        mod x { use std::fmt::Result; #[pyclass] pub struct Item; }
        mod y { use std::fmt::Result; }
        use x::*;
        use y::*;
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Item>()?;
            Ok(())
        }
    """})
    assert diags == [], [d.render() for d in diags]
    assert crate.modules[0].members[0].target.module_path == ("x",)


def test_import_cycle_is_an_error_not_a_hang(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod a { pub use super::b::Loop; }
        mod b { pub use super::a::Loop; }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<a::Loop>()?;
            Ok(())
        }
    """})
    assert len(diags) == 1 and "cycle" in diags[0].message and diags[0].line == 5


def test_submodule_function_in_another_file_is_not_the_top_module(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod submodule;
            #[pymodule]
            fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_wrapped(wrap_pymodule!(submodule::submodule))?;
                Ok(())
            }
        """,
        "src/submodule.rs": "#[pymodule]\npub fn submodule(m: &Bound<'_, PyModule>) -> PyResult<()> { Ok(()) }\n",
    })
    assert diags == []
    assert sorted(m.qualified_name for m in crate.modules) == ["demo", "demo.submodule"]
    assert crate.top_module().py_name == "demo"


def test_export_use_whose_path_starts_with_its_own_name(tmp_path: Path) -> None:
    # PyO3's pytests: `use super::*;` brings module `sub`, and `use sub::sub;` imports
    # the `#[pymodule]` inside it under the same name (an import never names itself).
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod sub;
            #[pymodule]
            mod top {
                use super::*;
                #[pymodule_export]
                use sub::sub;
            }
        """,
        "src/sub.rs": "#[pymodule]\npub mod sub {\n    #[pyfunction]\n    fn f() {}\n}\n",
    })
    assert diags == [], [d.render() for d in diags]
    assert sorted(m.qualified_name for m in crate.modules) == ["top", "top.sub"]


def test_paths_into_a_dependency_crate(tmp_path: Path) -> None:
    """`dep::...` resolves through the dependency's own modules and `pub use`s; `crate::` inside
    it is the dependency; another crate sees only plain `pub` items."""
    dep = tmp_path / "dep"
    (dep / "src").mkdir(parents=True)
    (dep / "src" / "lib.rs").write_text(
        "pub mod inner {\n"
        "    #[pyclass]\n    pub struct Shown;\n"
        "    #[pyclass]\n    pub(crate) struct Crated;\n"
        "}\n"
        "pub use crate::inner::Shown as Renamed;\n"
        "#[pyclass]\nstruct Hidden;\n")
    core, diags = parse_crate(dep, dep / "src" / "lib.rs", package="dep", lib_name="dep", dependency=True)
    assert diags == []
    ext = tmp_path / "ext"
    (ext / "src").mkdir(parents=True)
    (ext / "src" / "lib.rs").write_text(
        "use dep::inner;\n"
        "#[pymodule]\nfn ext(m: &Bound<'_, PyModule>) -> PyResult<()> {\n"
        "    m.add_class::<inner::Shown>()?;\n"
        "    m.add_class::<dep::Renamed>()?;\n"
        "    m.add_class::<dep::Hidden>()?;\n"
        "    m.add_class::<dep::inner::Crated>()?;\n"
        "    m.add_class::<vendored::Thing>()?;\n"
        "    Ok(())\n}\n")
    crate, diags = parse_crate(ext, ext / "src" / "lib.rs", package="ext", lib_name="ext", module_name="ext",
                               externs={"dep": core}, unread={"vendored": "`vendored` is not read here"})
    members = crate.top_module().members
    shown = core.classes[0]
    assert [m.target for m in members[:2]] == [shown, shown] and shown.python_module == "ext"
    assert [(d.line, d.message) for d in diags] == [
        (6, "cannot find the `#[pyclass]` `dep::Hidden`: `Hidden` is private: `struct Hidden` (lib.rs:9) "
            "in `dep` is not `pub`, so another crate cannot use it"),
        (7, "cannot find the `#[pyclass]` `dep::inner::Crated`: `Crated` is private: `struct Crated` (lib.rs:5) "
            "in `dep::inner` is only `pub(crate)`, so another crate cannot use it"),
        (8, "cannot find the `#[pyclass]` `vendored::Thing`: `vendored` is not read here"),
    ], [d.message for d in diags]


def test_private_item_of_another_module_is_said_to_be_private(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod x {
            #[pyclass]
            struct Item;
            use super::Other as Kept;
            pub mod inner { #[pyfunction] pub fn f() {} }
        }
        #[pyclass]
        pub struct Other;
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<x::Item>()?;
            m.add_class::<x::Kept>()?;
            m.add_class::<x::Absent>()?;
            Ok(())
        }
    """})
    assert [(d.line, d.message) for d in diags] == [
        (11, "cannot find the `#[pyclass]` `x::Item`: `Item` is private: `struct Item` (lib.rs:3) in `crate::x` "
             "is not `pub`, so `crate` cannot use it"),
        (12, "cannot find the `#[pyclass]` `x::Kept`: `Kept` is private: `use super::Other as Kept;` (lib.rs:4) "
             "in `crate::x` is not `pub`, so `crate` cannot use it"),
        (13, "cannot find the `#[pyclass]` `x::Absent`: `crate::x` (lib.rs) has no item `Absent`"),
    ], [d.message for d in diags]


def test_use_inside_the_module_function_body(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod types;
            #[pymodule]
            fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
                use crate::types::*;
                use self::types::deep::{Cell as C, helper};
                m.add_class::<Sheet>()?;
                m.add_class::<C>()?;
                m.add_function(wrap_pyfunction!(helper, m)?)?;
                {
                    use types::deep::Cell as Inner;
                    m.add_class::<Inner>()?;
                }
                fill(m)?;
                Ok(())
            }
            fn fill(m: &Bound<'_, PyModule>) -> PyResult<()> {
                use types::Sheet as Again;
                m.add_class::<Again>()
            }
        """,
        "src/types.rs": "pub mod deep;\n#[pyclass]\npub struct Sheet;\n",
        "src/types/deep.rs": "#[pyclass]\npub struct Cell;\n#[pyfunction]\npub fn helper() {}\n",
    })
    assert diags == [], [d.render() for d in diags]
    (module,) = crate.modules
    assert [(m.kind, m.py_name, m.target.module_path) for m in module.members] == [
        ("class", "Sheet", ("types",)), ("class", "Cell", ("types", "deep")), ("function", "helper", ("types", "deep")),
        ("class", "Cell", ("types", "deep")), ("class", "Sheet", ("types",))]


def test_use_in_a_body_does_not_leak_out_of_it(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        mod types { #[pyclass] pub struct Sheet; }
        fn unrelated() { use crate::types::Sheet; }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            { use crate::types::Sheet; }
            m.add_class::<Sheet>()?;
            Ok(())
        }
    """})
    assert [(d.line, d.message) for d in diags] == [
        (6, "cannot find the `#[pyclass]` `Sheet`: no item `Sheet` is declared or imported in `crate` (lib.rs)")]


def test_item_perhaps_written_by_another_crates_macro(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        writer::make_class!();
        macro_rules! local { () => {}; }
        local!();
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Written>()?;
            Ok(())
        }
        #[pymodule]
        mod declared {
            #[pymodule_export]
            use super::Written;
        }
    """})
    hint = ("it may be written by the macro `writer::make_class!` (lib.rs:1:1), and ferrule cannot see items written "
            "by other crates' macros: write the item in this crate, or in a `macro_rules!` macro of this crate")
    assert [(d.line, d.message) for d in diags] == [
        (6, f"cannot find the `#[pyclass]` `Written`: no item `Written` is declared or imported in `crate` (lib.rs); "
            f"{hint}"),
        (12, "cannot find the `#[pyfunction]`, `#[pyclass]`, `#[pymodule]` or exception `super::Written`: "
             f"`use super::Written;` (lib.rs:12): no item `Written` is declared or imported in `crate` (lib.rs); {hint}"),
    ], [d.message for d in diags]


def test_expanded_local_macro_is_not_named_for_a_missing_item(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        macro_rules! local { () => { #[pyclass] pub struct Made; }; }
        local!();
        thread_local! { static X: u8 = 0; }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Made>()?;
            m.add_class::<Missing>()?;
            Ok(())
        }
    """})
    assert [d.message for d in diags] == [
        "cannot find the `#[pyclass]` `Missing`: no item `Missing` is declared or imported in `crate` (lib.rs)"]


def test_an_item_under_another_crates_attribute_macro_names_the_macro(tmp_path: Path) -> None:
    # Named as written, where written; `pyclass_like` is not PyO3's for starting with `py`.
    _, diags = parse(tmp_path, {"src/lib.rs": """
        use other::pyclass_like;
        #[pyclass_like]
        #[derive(Clone, other::PyLike)]
        #[repr(C)]
        pub struct Made;
        #[derive(Clone, Debug)]
        pub struct Plain;
        #[some_crate::make_fn]
        fn made_fn() {}
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Made>()?;
            m.add_class::<Plain>()?;
            m.add_function(wrap_pyfunction!(made_fn, m)?)?;
            Ok(())
        }
    """})
    assert [(d.line, d.message) for d in diags] == [
        (12, "`Made` is `struct Made` (lib.rs:5), which has no `#[pyclass]`; `#[pyclass_like]` (lib.rs:2:1) and "
             "`#[derive(other::PyLike)]` (lib.rs:3:1) on it may be other crates' macros, which ferrule cannot "
             "expand: write `#[pyclass]` on `Made` in this crate's source"),
        (13, "`Plain` is `struct Plain` (lib.rs:7), which has no `#[pyclass]`"),
        (14, "`made_fn` is `fn made_fn` (lib.rs:9), which has no `#[pyfunction]`; `#[some_crate::make_fn]` "
             "(lib.rs:8:1) on it may be another crate's macro, which ferrule cannot expand: write `#[pyfunction]` "
             "on `made_fn` in this crate's source"),
    ], [d.message for d in diags]
