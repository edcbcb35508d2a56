"""`#[cfg(...)]` decided while parsing: predicates, the crate's feature closure, and
which items reach the model (and so the glue and the stub)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ferrule.build_cfg import actual, differs, feature_closure, observed, Observed
from ferrule.parse import parse_crate
from ferrule.parse.cfg import CfgSet

LINUX = CfgSet.from_lines(['unix', 'target_os="linux"', 'feature="on"', "Py_3_11", "Py_3_10"])


@pytest.mark.parametrize("predicate, expected", [
    ("unix", True), ("windows", False), ('target_os = "linux"', True), ('target_os="macos"', False),
    ('feature = "on"', True), ('feature = "off"', False), ("not(windows)", True),
    ('all(unix, feature = "on", not(Py_3_12))', True), ('all(unix, feature = "off")', False),
    ("any(windows, Py_3_10)", True), ("any()", False), ("all()", True), ("any(PyPy, Py_LIMITED_API)", False),
])
def test_predicates(predicate: str, expected: bool) -> None:
    assert LINUX.evaluate(predicate) is expected


def test_a_predicate_that_cannot_be_read_is_left_to_rustc() -> None:
    assert LINUX.evaluate("not(unix, windows)") is True
    assert LINUX.evaluate("feature = ") is True


def test_features_enable_what_they_name(tmp_path: Path) -> None:
    manifest = tmp_path / "Cargo.toml"
    manifest.write_text(textwrap.dedent("""
        [package]
        name = "demo"
        [features]
        default = ["a"]
        a = ["b", "dep:serde"]
        b = []
        c = ["regex/unicode"]
        d = []
        [dependencies]
        serde = { version = "1", optional = true }
        regex = { version = "1", optional = true }
    """))
    assert feature_closure(manifest, [], all_features=False, default=True) == {"default", "a", "b"}
    assert feature_closure(manifest, ["c"], all_features=False, default=False) == {"c", "regex"}
    assert feature_closure(manifest, ["demo/d"], all_features=False, default=False) == {"d"}
    assert feature_closure(manifest, [], all_features=True, default=True) == {"default", "a", "b", "c", "d", "regex"}


def test_cargo_reports_replace_the_prediction(tmp_path: Path) -> None:
    manifest = tmp_path / "Cargo.toml"
    manifest.write_text('[package]\nname = "demo"\n')
    from ferrule.project import Project

    project = Project.__new__(Project)
    object.__setattr__(project, "manifest", manifest)
    pid = f"path+file://{tmp_path.resolve().as_posix()}#demo@0.1.0"
    seen = observed([{"reason": "build-script-executed", "package_id": pid, "cfgs": ["custom", 'flavour="x"']}],
                    project)
    assert seen == Observed(None, None, ("custom", 'flavour="x"'))
    predicted = CfgSet.from_lines(['feature="on"', "Py_3_11"])
    predicted.evaluate("custom")
    real = actual(predicted, seen)
    assert real.evaluate("custom") and real.evaluate('flavour = "x"') and real.evaluate('feature = "on"')
    assert not real.evaluate("Py_3_11")  # the script printed no version cfgs this time
    assert differs(predicted, real)


def _crate(tmp_path: Path, source: str, cfg: CfgSet | None):
    lib = tmp_path / "src/lib.rs"
    lib.parent.mkdir(parents=True, exist_ok=True)
    lib.write_text("use ferrule::prelude::*;\n" + textwrap.dedent(source))
    crate, diags = parse_crate(tmp_path, lib, package="demo", lib_name="demo", cfg=cfg)
    assert diags == [], diags
    return crate


SOURCE = """
    #[cfg(feature = "on")]
    #[pyfunction]
    fn pick(a: i32, b: i32) -> i32 { a + b }
    #[cfg(not(feature = "on"))]
    #[pyfunction]
    fn pick(a: i32) -> i32 { a }
    #[cfg(windows)]
    #[pyfunction]
    fn gone() {}
    #[pyclass]
    struct K { #[cfg(windows)] #[pyo3(get)] hidden: i32 }
    #[pymethods]
    impl K {
        #[cfg(windows)]
        fn hidden_method(&self) {}
        fn kept(&self) {}
    }
    #[cfg(windows)]
    mod never_read;
    #[pymodule]
    fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(pick, m)?)?;
        #[cfg(windows)]
        m.add_function(wrap_pyfunction!(gone, m)?)?;
        m.add_class::<K>()?;
        Ok(())
    }
"""


def test_items_turned_off_are_not_in_the_model(tmp_path: Path) -> None:
    crate = _crate(tmp_path, SOURCE, LINUX)
    (pick,) = crate.functions
    assert [p.name for p in pick.params] == ["a", "b"]
    (k,) = crate.classes
    assert k.fields == [] and [m.fn.rust_name for m in k.methods()] == ["kept"]
    assert [m.py_name for m in crate.modules[0].members] == ["pick", "K"]


def test_without_a_build_every_item_is_kept(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src/never_read.rs").write_text("")
    crate = _crate(tmp_path, SOURCE, None)
    assert sorted(f.rust_name for f in crate.functions) == ["gone", "pick", "pick"]
