"""The parser walks a crate the way rustc does: files, doc comments, glue keys."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ferrule.parse import parse_crate

HEADER = "use ferrule::prelude::*;\n"


def parse(root: Path, files: dict[str, str], workspace_root: Path | None = None, **options):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return parse_crate(root, root / "src/lib.rs", package="demo", lib_name="demo",
                       workspace_root=workspace_root or root, **options)


def functions(crate) -> dict[str, object]:
    return {f.py_name: f for f in crate.functions}


def test_items_are_found_through_mod_declarations(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod a;
            mod b {
                mod c;
                #[path = "renamed.rs"]
                mod d;
            }
            #[path = "../elsewhere/e.rs"]
            mod e;
            #[pyfunction]
            fn at_root() {}
        """,
        "src/a.rs": "#[pyfunction]\nfn in_a() {}\n",
        "src/b/c.rs": "#[pyfunction]\nfn in_c() {}\n",
        "src/b/renamed.rs": "mod f;\n#[pyfunction]\nfn in_d() {}\n",
        "src/b/f.rs": "#[pyfunction]\nfn in_f() {}\n",
        "elsewhere/e.rs": "#[pyfunction]\nfn in_e() {}\n",
        # Never declared with `mod`: not part of the crate.
        "src/orphan.rs": "#[pyfunction]\nfn orphan() {}\n",
    })
    assert diags == []
    found = {f.rust_name: (f.module_path, f.key.file) for f in crate.functions}
    assert found == {
        "at_root": ((), "src/lib.rs"),
        "in_a": (("a",), "src/a.rs"),
        "in_c": (("b", "c"), "src/b/c.rs"),
        "in_d": (("b", "d"), "src/b/renamed.rs"),
        # A `#[path]` file owns its folder, as a mod.rs does.
        "in_f": (("b", "d", "f"), "src/b/f.rs"),
        # rustc does not normalise `..`; the macro sees this exact name.
        "in_e": (("e",), "src/../elsewhere/e.rs"),
    }


def test_mod_rs_and_nested_folders(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": "mod outer;\n",
        "src/outer/mod.rs": "mod inner;\n",
        "src/outer/inner.rs": "mod leaf;\n#[pyfunction]\nfn mid() {}\n",
        "src/outer/inner/leaf.rs": "// one\n// two\n#[pyfunction]\nfn deep() {}\n",
    })
    assert diags == []
    keys = {f.rust_name: (f.key.file, f.key.line) for f in crate.functions}
    assert keys == {"mid": ("src/outer/inner.rs", 3), "deep": ("src/outer/inner/leaf.rs", 4)}
    assert crate.function_at(("outer", "inner", "leaf"), "deep") is not None


def test_missing_module_file_is_left_to_rustc(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": "mod gone;\n#[pyfunction]\nfn here() {}\n"})
    assert diags == []
    assert [f.rust_name for f in crate.functions] == ["here"]


def test_glue_key_is_the_line_of_the_keyword_not_the_attributes(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": """
        /// Line one.
        /** Block
         * doc. */
        #[doc = "more"]
        #[pyfunction]
        #[pyo3(
            name = "renamed",
            signature = (a)
        )]
        pub(crate)
        fn f(a: i32) -> i32 { a }

        #[pymodule]
        /// A module.
        pub mod m {
        }
    """})
    fn = crate.functions[0]
    assert (fn.key.file, fn.key.line) == ("src/lib.rs", 11)
    assert fn.key.relpath() == "src/lib.rs/L11.rs"
    module = crate.modules[0]
    assert (module.key.file, module.key.line) == ("src/lib.rs", 15)


def test_glue_key_is_relative_to_the_workspace_root(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path / "members" / "demo", {"src/lib.rs": "#[pyfunction]\nfn f() {}\n"},
                     workspace_root=tmp_path)
    assert crate.functions[0].key.file == "members/demo/src/lib.rs"


def test_doc_comments_of_every_form(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": """
        /// Adds numbers.
        ///
        ///   Indented example.
        #[pyfunction]
        fn lines() {}

        /** Block doc
         * second line
         */
        #[pyfunction]
        fn block() {}

        #[doc = "From an attribute."]
        #[doc = r"raw \\n stays"]
        #[pyfunction]
        fn attr() {}

        // A plain comment is not documentation.
        /* nor is this */
        #[pyfunction]
        fn plain() {}

        /// Escapes: "quoted" and \\backslash
        #[pyfunction]
        fn escapes() {}

        /// Steps:
        ///tight
        ///   deep
        ///
        #[pyfunction]
        fn mixed() {}
    """})
    docs = {f.rust_name: f.doc for f in crate.functions}
    assert docs["lines"] == "Adds numbers.\n\n  Indented example."
    # As rustc hands them to PyO3's macros: a block's text as written, `*`s and all.
    assert docs["block"] == "Block doc\n * second line\n "
    assert docs["attr"] == "From an attribute.\nraw \\n stays"
    assert docs["plain"] == ""
    assert docs["escapes"] == 'Escapes: "quoted" and \\backslash'
    # PyO3 drops one leading space of each line on its own, and keeps a trailing blank line.
    assert docs["mixed"] == "Steps:\ntight\n  deep\n"


def test_doc_does_not_leak_to_the_next_item(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": """
        /// Belongs to the struct.
        struct S;
        #[pyfunction]
        fn f() {}
    """})
    assert crate.functions[0].doc == ""


def test_ferrule_and_pyo3_paths_on_attributes(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[ferrule::pyfunction]
        fn a() {}
        #[pyo3::pyfunction]
        fn b() {}
        #[pyo3::prelude::pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_function(wrap_pyfunction!(a, m)?)?;
            m.add_function(pyo3::wrap_pyfunction!(b, m)?)?;
            Ok(())
        }
    """})
    assert diags == []
    assert [f.rust_name for f in crate.functions] == ["a", "b"]
    members = crate.modules[0].members
    assert [(m.kind, m.py_name) for m in members] == [("function", "a"), ("function", "b")]


def test_syntax_errors_are_reported_with_a_location(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": "#[pyfunction]\nfn f( {}\n"})
    assert diags and all(d.path.name == "lib.rs" and d.line >= 1 for d in diags)
    assert "syntax error" in diags[0].message


def test_module_cycles_through_path_do_not_loop(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": '#[path = "lib.rs"]\nmod again;\n#[pyfunction]\nfn f() {}\n'})
    assert [f.rust_name for f in crate.functions] == ["f"]


def test_type_aliases_are_looked_through_unless_a_class_has_the_name(tmp_path: Path) -> None:
    crate, _ = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        type Obj<'py> = Bound<'py, PyAny>;
        mod other { pub type Counter = u32; }
        #[pyclass]
        struct Counter { n: u32 }
        #[pyfunction]
        fn f<'py>(a: &Obj<'py>, b: Option<Obj<'py>>, c: PyRef<'_, Counter>) -> Obj<'py> { a.clone() }
    """})
    fn = functions(crate)["f"]
    a, b, c = (p.ty for p in fn.params)
    assert (a.kind, a.args[0].name, a.args[0].text) == ("ref", "Bound", "Obj<'py>")
    assert b.args[0].name == "Bound" and fn.ret.name == "Bound"
    assert c.args[0].name == "Counter"  # the #[pyclass], not `other::Counter`
