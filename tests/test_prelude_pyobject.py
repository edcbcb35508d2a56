"""`PyObject` beside the prelude: PyO3 0.27 code means the prelude's `Py<PyAny>` alias; PyO3 0.28+
code may glob in another one, ffi's C struct (`use pyo3::ffi::*`) or a type of its own, and means
that. Both build unchanged, without rustc's "`PyObject` is ambiguous"."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.prelude_pyobject import other_pyobject_meant

REPO = Path(__file__).resolve().parents[1]
TARGET_DIR = Path(os.environ.get("FERRULE_TEST_TARGET_DIR") or REPO / "target" / "test-crates")

GLOBS = "use pyo3::ffi::*;\nuse pyo3::prelude::*;\n"


@pytest.mark.parametrize("source, meant", [
    (GLOBS + "pub unsafe fn len(p: *mut PyObject) -> isize { PyObject_Length(p) }\n", True),
    ("use pyo3::{ffi::*, prelude::*};\npub fn f(_: *mut PyObject) {}\n", True),
    ("use ::pyo3::ffi::*;\nuse ::pyo3::prelude::*;\npub fn f(_: *mut PyObject) {}\n", True),
    # `pyo3_ffi`: crates.io's name, whose stand-in re-exports the runtime's ffi (pyo3_ffi_standin).
    ("use pyo3_ffi::*;\nuse pyo3::prelude::*;\npub fn f(_: *mut PyObject) {}\n", True),
    # No clash: qualified, imported by name, declared here, or only one glob.
    (GLOBS + "pub fn f(_: *mut pyo3::ffi::PyObject) {}\n", False),
    (GLOBS + "use pyo3::ffi::PyObject;\npub fn f(_: *mut PyObject) {}\n", False),
    (GLOBS + "pub struct PyObject;\npub fn f(_: PyObject) {}\n", False),
    ("use pyo3::prelude::*;\npub fn f(o: PyObject) -> PyObject { o }\n", False),
    (GLOBS + "pub fn f(o: Py<PyAny>) -> Py<PyAny> { o }\n", False),
    # Another crate's ffi module is not the runtime's.
    ("use other::ffi::*;\nuse pyo3::prelude::*;\npub fn f(o: PyObject) {}\n", False),
])
def test_which_crates_mean_ffis_pyobject(tmp_path: Path, source: str, meant: bool) -> None:
    (tmp_path / "src" / "ffi").mkdir(parents=True)
    (tmp_path / "src" / "lib.rs").write_text("mod ffi;\n")
    (tmp_path / "src" / "ffi" / "mod.rs").write_text(source)
    assert other_pyobject_meant(tmp_path / "src" / "lib.rs", "pyo3") is meant


def test_the_runtimes_own_name_is_used(tmp_path: Path) -> None:
    (tmp_path / "lib.rs").write_text(GLOBS.replace("pyo3", "rt") + "pub fn f(_: *mut PyObject) {}\n")
    assert other_pyobject_meant(tmp_path / "lib.rs", "rt")
    assert not other_pyobject_meant(tmp_path / "lib.rs", "pyo3")


USER = "use pyo3::prelude::*;\npub fn f() -> usize { let o = PyObject::new(); o.0 }\n"


@pytest.mark.parametrize("files, meant", [
    # The crate's own type, globbed in through a path of each kind.
    ({"lib.rs": "mod ser;\nmod user;\n", "ser.rs": "pub struct PyObject(pub usize);\n",
      "user.rs": "use crate::ser::*;\n" + USER}, True),
    ({"lib.rs": "mod ser;\n", "ser/mod.rs": "mod user;\npub struct PyObject(pub usize);\n",
      "ser/user.rs": "use super::*;\n" + USER}, True),
    # ... through a module that re-exports another's items and never names the type itself.
    ({"lib.rs": "mod ser;\nmod user;\n", "ser/mod.rs": "mod object;\npub use self::object::*;\n",
      "ser/object.rs": "pub struct PyObject(pub usize);\n", "user.rs": "use crate::ser::*;\n" + USER}, True),
    # ... and the runtime's ffi re-exported by one of the crate's modules.
    ({"lib.rs": "mod ffi;\nmod user;\n", "ffi.rs": "pub use pyo3::ffi::*;\n",
      "user.rs": "use crate::ffi::*;\nuse pyo3::prelude::*;\npub fn f(_: *mut PyObject) {}\n"}, True),
    # PyO3 0.27 code: `use super::*` of a module with no `PyObject` of its own; a private one.
    ({"lib.rs": "use pyo3::prelude::*;\nmod user;\npub fn g(o: PyObject) -> PyObject { o }\n",
      "user.rs": "use super::*;\npub fn f(o: PyObject) -> PyObject { o }\n"}, False),
    ({"lib.rs": "mod ser;\nmod user;\n", "ser.rs": "struct PyObject(usize);\n",
      "user.rs": "use crate::ser::*;\n" + USER}, False),
])
def test_a_pyobject_globbed_in_from_the_crate(tmp_path: Path, files: dict[str, str], meant: bool) -> None:
    for name, text in files.items():
        (tmp_path / "src" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / name).write_text(text)
    assert other_pyobject_meant(tmp_path / "src" / "lib.rs", "pyo3") is meant


NEW_STYLE = {
    "lib.rs": """use pyo3::prelude::*;

mod raw;
mod ser;
mod user;

#[pymodule]
fn probe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(raw::length, m)?)?;
    m.add_function(wrap_pyfunction!(user::doubled, m)?)?;
    Ok(())
}
""",
    "ser.rs": """/// The crate's own `PyObject`: a name PyO3 0.28 freed.
pub struct PyObject(pub i64);

impl PyObject {
    pub fn new(n: i64) -> Self {
        PyObject(n * 2)
    }
}
""",
    "user.rs": """use crate::ser::*;
use pyo3::prelude::*;

#[pyfunction]
pub fn doubled(n: i64) -> i64 {
    PyObject::new(n).0
}
""",
    "raw.rs": """use pyo3::ffi::*;
use pyo3::prelude::*;

/// `len(obj)` through the C API; -1 with the error set becomes that error.
#[pyfunction]
pub fn length(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    let raw: *mut PyObject = obj.as_ptr();
    match unsafe { PyObject_Length(raw) } {
        -1 => Err(PyErr::fetch(obj.py())),
        n => Ok(n),
    }
}
""",
}

OLD_STYLE = {
    "lib.rs": """use pyo3::prelude::*;

/// PyO3 0.27's alias of `Py<PyAny>`.
#[pyfunction]
fn first(items: Vec<PyObject>) -> Option<PyObject> {
    items.into_iter().next()
}

#[pymodule]
fn probe(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(first, m)?)?;
    Ok(())
}
""",
}


def _develop(tmp_path: Path, files: dict[str, str]) -> Path:
    """The crate (runtime named `pyo3`) built by `ferrule develop` into a venv; that venv's python."""
    crate = tmp_path / "probe"
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(crate)], check=True, capture_output=True)
    manifest = crate / "Cargo.toml"
    text, n = re.subn(r"^ferrule-runtime = \{", 'pyo3 = { package = "ferrule-runtime",', manifest.read_text(),
                      flags=re.M)
    assert n == 1, text
    manifest.write_text(text)
    for name, source in files.items():
        (crate / "src" / name).write_text(source)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    env.pop("VIRTUAL_ENV", None)
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(manifest), "-i", str(python)],
                         capture_output=True, text=True, env=env, timeout=1800)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ambiguous" not in out.stdout + out.stderr
    return python


def _run(python: Path, code: str) -> str:
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_globbed_in_pyobjects_beside_the_prelude_build_and_mean_theirs(tmp_path: Path) -> None:
    python = _develop(tmp_path, NEW_STYLE)
    assert _run(python, "import probe; print(probe.length([1, 2, 3]), probe.length('abcd'))") == "3 4"
    assert _run(python, "import probe; print(probe.doubled(21))") == "42"
    # `ferrule cargo` builds the same way.
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    out = subprocess.run([sys.executable, "-m", "ferrule", "cargo", "check", "--message-format=short"],
                         cwd=tmp_path / "probe", capture_output=True, text=True, env=env, timeout=1800)
    assert out.returncode == 0 and "ambiguous" not in out.stderr, out.stderr
    assert _run(python, "import probe\ntry:\n    probe.length(5)\nexcept TypeError as e:\n    print(e)") == (
        "object of type 'int' has no len()")


def test_the_prelude_still_has_pyo3_0_27s_alias(tmp_path: Path) -> None:
    python = _develop(tmp_path, OLD_STYLE)
    assert _run(python, "import probe; x = object(); print(probe.first([x, 1]) is x, probe.first([]))") == (
        "True None")
