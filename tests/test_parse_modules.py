"""`#[pymodule]` in function and declarative form, and what each exposes."""

from __future__ import annotations

from pathlib import Path

from ferrule.parse.model import ModuleForm, ParamKind

from test_parse_crate import parse


def test_function_module_members_come_from_wrap_pyfunction(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {
        "src/lib.rs": """
            mod util;
            #[pyfunction]
            fn top() {}
            /// The module.
            #[pymodule]
            fn demo(py: Python<'_>, m: &Bound<'_, PyModule>) -> PyResult<()> {
                m.add_function(wrap_pyfunction!(top, m)?)?;
                if true {
                    m.add_function(wrap_pyfunction!(util::helper, m)?)?;
                }
                Ok(())
            }
        """,
        "src/util.rs": '#[pyfunction(name = "assist")]\npub fn helper() {}\n',
    })
    assert diags == []
    (module,) = crate.modules
    assert module.form == ModuleForm.FUNCTION and module.doc == "The module."
    assert [p.kind for p in module.params] == [ParamKind.PYTHON, ParamKind.POSITIONAL_OR_KEYWORD]
    assert [(m.kind, m.py_name, m.target.rust_name) for m in module.members] == [
        ("function", "top", "top"), ("function", "assist", "helper")]


def test_declarative_module_members(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pyfunction]
        fn a() {}
        #[pyfunction]
        fn b() {}
        mod tools {
            #[pyfunction]
            pub fn t() {}
        }

        #[pymodule]
        mod demo {
            #[pymodule_export]
            use super::{a, b as bee};
            #[pymodule_export]
            use crate::tools::t;

            #[pyfunction]
            fn inner() {}

            #[pymodule]
            #[pyo3(name = "child")]
            mod sub {
                #[pyfunction]
                fn leaf() {}
            }

            #[pymodule_init]
            fn init(m: &Bound<'_, PyModule>) -> PyResult<()> { Ok(()) }
        }
    """})
    assert diags == []
    top = crate.top_module()
    # `b as bee` renames the Rust path only; Python sees the function's own name.
    assert top is not None and top.form == ModuleForm.DECLARATIVE and top.py_name == "demo"
    assert [(m.kind, m.py_name, m.rust_path) for m in top.members] == [
        ("function", "a", "super::a"), ("function", "b", "super::b"), ("function", "t", "crate::tools::t"),
        ("function", "inner", "inner"), ("module", "child", "sub")]
    assert top.init_fn == "init"
    sub = top.members[-1].target
    assert sub.parent is top and sub.qualified_name == "demo.child"
    assert [m.py_name for m in sub.members] == ["leaf"]
    assert [m.parent for m in crate.modules if m.parent is None] == [None]


def test_unknown_member_is_reported_where_it_is_named(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        fn plain() {}
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_function(wrap_pyfunction!(plain, m)?)?;
            m.add_function(wrap_pyfunction!(nowhere, m)?)?;
            Ok(())
        }
    """})
    assert [(d.message, d.line) for d in diags] == [
        ("`plain` is `fn plain` (lib.rs:1), which has no `#[pyfunction]`", 4),
        ("cannot find the `#[pyfunction]` `nowhere`: no item `nowhere` is declared or imported in `crate` (lib.rs)",
         5)]


def test_module_function_must_take_the_module(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": "#[pymodule]\nfn demo(a: i32, b: i32) -> PyResult<()> { Ok(()) }\n"})
    assert len(diags) == 1 and "must take the module" in diags[0].message


def test_module_options_are_checked(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        #[pymodule(nmae = "x")]
        mod demo {}
    """})
    assert [(d.message, d.hint) for d in diags] == [("unknown option `nmae` for `#[pymodule]`", "did you mean `name`?")]


def test_pymodule_on_an_out_of_line_mod_is_an_error(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": "#[pymodule]\nmod demo;\n", "src/demo.rs": ""})
    assert len(diags) == 1 and "declared in another file" in diags[0].message


def test_module_option_on_a_declarative_module_sets_its_full_name(tmp_path: Path) -> None:
    """`#[pyo3(module = "custom_root")]`: classes inside are `custom_root.<module>.<Class>`, as in PyO3."""
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pymodule]
        mod top {
            #[pymodule]
            #[pyo3(module = "custom_root")]
            mod inner {
                #[pyclass]
                struct Thing;
            }
            #[pymodule]
            mod plain {}
        }
    """})
    assert diags == [], [d.render() for d in diags]
    names = {m.rust_name: m.qualified_name for m in crate.modules}
    assert names == {"top": "top", "inner": "custom_root.inner", "plain": "top.plain"}
    (thing,) = crate.classes
    assert thing.python_module == "custom_root.inner"
