"""Values a module adds at init (`m.add`) and `create_exception!` types appear in the stub."""

from __future__ import annotations

import ast
from pathlib import Path

from ferrule.codegen.stubs import generate_stubs
from ferrule.parse import parse_crate

LIB = '''
use ferrule::prelude::*;

ferrule::create_exception!(valmod, MyError, PyException, "Raised when things go wrong.");
create_exception!(valmod, OtherError, PyValueError);

#[pyfunction]
fn f() {}

#[pymodule]
fn valmod(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(f, m)?)?;
    m.add("MyError", m.py().get_type::<MyError>())?;
    m.add("OtherError", m.py().get_type::<OtherError>())?;
    m.add("ANSWER", 42)?;
    m.add("PI", 3.14)?;
    m.add("NAME", "valmod")?;
    m.add("FLAG", true)?;
    m.add("COMPUTED", compute())?;
    Ok(())
}

#[pymodule]
mod declared {
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("LIMIT", 10_u32)?;
        Ok(())
    }
}
'''


def _stub(tmp_path: Path) -> str:
    (tmp_path / "src").mkdir()
    lib = tmp_path / "src" / "lib.rs"
    lib.write_text(LIB)
    crate, diagnostics = parse_crate(tmp_path, lib, package="valmod", lib_name="valmod")
    assert diagnostics == []
    return generate_stubs(crate)["__init__.pyi"]


def test_constants_get_their_literal_types(tmp_path):
    stub = _stub(tmp_path)
    assert "ANSWER: int" in stub
    assert "PI: float" in stub
    assert "NAME: str" in stub
    assert "FLAG: bool" in stub
    assert "COMPUTED: Any" in stub
    assert "from typing import Any" in stub
    ast.parse(stub)


def test_exceptions_become_classes_with_their_base_and_doc(tmp_path):
    stub = _stub(tmp_path)
    assert 'class MyError(Exception):\n    """Raised when things go wrong."""' in stub
    assert "class OtherError(ValueError): ..." in stub


def test_declarative_init_values_are_listed(tmp_path):
    (tmp_path / "src").mkdir()
    lib = tmp_path / "src" / "lib.rs"
    declarative_only = LIB[LIB.index("#[pymodule]\nmod declared"):].replace("mod declared", "mod valmod")
    lib.write_text("use ferrule::prelude::*;\n" + declarative_only)
    crate, diagnostics = parse_crate(tmp_path, lib, package="valmod", lib_name="valmod")
    assert diagnostics == []
    assert "LIMIT: int" in generate_stubs(crate)["__init__.pyi"]


def test_integer_defaults_are_shown_in_base_ten():
    from ferrule.codegen.signature import python_default

    # PyO3 writes an integer literal's base-10 digits; a hex digit run is not mistaken for a suffix.
    cases = {"0x10": "16", "0xffu8": "255", "0x1f32": "7986", "-0o17": "-15", "0b1010_1010u8": "170",
             "1_000": "1000", "0b2": "...", "Some(0x20)": "32"}
    assert {expr: python_default(expr) for expr in cases} == cases


def test_a_class_named_like_a_std_type_is_the_class(tmp_path):
    # `Cell`, `Duration` and `Path` are std names the stubs know, but here they are the crate's classes.
    (tmp_path / "src").mkdir()
    lib = tmp_path / "src" / "lib.rs"
    lib.write_text('''
use ferrule::prelude::*;

#[pyclass]
struct Cell { v: i64 }

#[pyclass]
struct Duration {}

#[pyfunction]
fn bump(c: &mut Cell, by: Option<&Cell>, r: PyRef<'_, Cell>, d: Duration, real: std::time::Duration) -> Cell {
    Cell { v: 0 }
}

#[pymodule]
fn grid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cell>()?;
    m.add_class::<Duration>()?;
    m.add_function(wrap_pyfunction!(bump, m)?)?;
    Ok(())
}
''')
    crate, diagnostics = parse_crate(tmp_path, lib, package="grid", lib_name="grid")
    assert diagnostics == []
    stub = generate_stubs(crate)["__init__.pyi"]
    assert ("def bump(c: Cell, by: Cell | None, r: Cell, d: Duration, real: datetime.timedelta) -> Cell: ..."
            in stub), stub
