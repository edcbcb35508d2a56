"""The develop loop does not rebuild what did not change, and does rebuild what did."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _develop(project: Path, python: Path, target: Path) -> str:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("VIRTUAL_ENV", None)
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(project / "Cargo.toml"),
                          "-i", str(python)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("cache")
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(root / "cachedemo")], check=True,
                   capture_output=True)
    venv.create(root / "venv", with_pip=False)
    return root / "cachedemo", root / "venv" / "bin" / "python", root / "target"


def _run(python: Path, code: str) -> str:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_second_develop_compiles_nothing(project):
    crate, python, target = project
    _develop(crate, python, target)
    again = _develop(crate, python, target)
    assert "Compiling" not in again
    assert _run(python, "from cachedemo import add; print(add(2, 3))") == "5"


def test_editing_the_crate_rebuilds_only_the_crate(project):
    crate, python, target = project
    _develop(crate, python, target)
    lib = crate / "src" / "lib.rs"
    lib.write_text(lib.read_text().replace("a + b", "a + b + 100"))
    rebuilt = _develop(crate, python, target)
    assert "Compiling cachedemo" in rebuilt
    assert "Compiling ferrule" not in rebuilt
    assert _run(python, "from cachedemo import add; print(add(2, 3))") == "105"


def test_a_new_function_gets_glue_and_stub(project):
    crate, python, target = project
    lib = crate / "src" / "lib.rs"
    text = lib.read_text().replace(
        "#[pymodule]",
        "/// Doubles.\n#[pyfunction]\nfn double(x: i64) -> i64 {\n    x * 2\n}\n\n#[pymodule]",
    ).replace("    Ok(())", "    m.add_function(wrap_pyfunction!(double, m)?)?;\n    Ok(())")
    lib.write_text(text)
    _develop(crate, python, target)
    assert _run(python, "from cachedemo import double; print(double(21), double.__doc__)") == "42 Doubles."
    site = Path(_run(python, "import sysconfig; print(sysconfig.get_paths()['platlib'])"))
    stub = (site / "cachedemo" / "__init__.pyi").read_text()
    assert "def double(x: int) -> int:" in stub


def test_plain_cargo_check_works_without_ferrule(project):
    """IDEs run `cargo check` with no glue: the crate must still type-check."""
    crate, _, target = project
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("FERRULE_GLUE_DIR", None)
    # cargo finds `.cargo/config.toml` from the folder it runs in, as an IDE runs it.
    out = subprocess.run(["cargo", "check", "--message-format=short"], cwd=crate,
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr.replace("generated 0 warnings", "")


def test_release_build_from_the_project_folder_into_the_active_venv(project):
    """The README's loop: inside the project, with a venv activated, no -m and no -i."""
    crate, python, target = project
    env = dict(os.environ, CARGO_TARGET_DIR=str(target), VIRTUAL_ENV=str(python.parent.parent))
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "--release"], cwd=crate,
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "`release` profile" in out.stderr
    assert f"into {python.parent.parent}" in out.stderr
    assert _run(python, "from cachedemo import add; print(add(2, 3))") in ("5", "105")


CLASS_LIB = '''use ferrule::prelude::*;
use ferrule::exceptions::PyValueError;

#[pyclass(subclass)]
struct Counter {
    #[pyo3(get, set)]
    count: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(count: i64) -> Self {
        Counter { count }
    }

    fn bump(mut slf: PyRefMut<'_, Self>) -> i64 {
        slf.count += 1;
        slf.count
    }

    fn same(&self, other: PyRef<'_, Counter>) -> bool {
        self.count == other.count
    }
}

#[pyclass(extends = Counter, frozen)]
struct Sub {}

#[pyclass(extends = PyValueError)]
struct Problem {}

#[pyfunction]
fn make(py: Python<'_>) -> PyResult<Bound<'_, Counter>> {
    Bound::new(py, Counter::new(1))
}

#[pymodule]
fn {module}(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Counter>()?;
    m.add_class::<Sub>()?;
    m.add_class::<Problem>()?;
    m.add_function(wrap_pyfunction!(make, m)?)?;
    Ok(())
}
'''


@pytest.mark.parametrize("renamed", [False, True])
def test_plain_cargo_check_with_classes(tmp_path, renamed):
    """Without glue, `#[pyclass]` gets placeholder impls so `add_class`, `PyRef` and
    `Bound::new` type-check, naming the runtime as the crate's Cargo.toml does."""
    crate = tmp_path / "classdemo"
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(crate)], check=True, capture_output=True)
    lib = CLASS_LIB.replace("{module}", "classdemo")
    if renamed:
        manifest = crate / "Cargo.toml"
        manifest.write_text(manifest.read_text().replace(
            'ferrule-runtime = { version = "0.1", registry = "ferrule" }',
            'pyo3 = { version = "0.1", package = "ferrule-runtime", registry = "ferrule" }'))
        lib = lib.replace("ferrule::", "pyo3::")
    (crate / "src" / "lib.rs").write_text(lib)
    env = dict(os.environ, CARGO_TARGET_DIR=str(REPO / "target" / "plain-check"))
    env.pop("FERRULE_GLUE_DIR", None)
    out = subprocess.run(["cargo", "check", "--message-format=short"], cwd=crate, capture_output=True, text=True,
                         env=env)
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr.replace("generated 0 warnings", ""), out.stderr


def test_a_failed_edit_then_undone_builds_the_original_again(project):
    """The glue a failed build wrote (for the edit) is not taken for the glue of the original source."""
    crate, python, target = project
    _develop(crate, python, target)
    lib = crate / "src" / "lib.rs"
    original = lib.read_text()
    broken = original.replace("fn add(a: i32, b: i32) -> i32 {", "fn add(a: i32) -> i32 {\n    let b: i32 = \"x\";")
    assert broken != original
    lib.write_text(broken)
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("VIRTUAL_ENV", None)
    failed = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(crate / "Cargo.toml"),
                             "-i", str(python)], capture_output=True, text=True, env=env)
    assert failed.returncode == 1 and "mismatched types" in failed.stderr
    lib.write_text(original)
    _develop(crate, python, target)
    assert _run(python, "from cachedemo import add; print(add(2, 3))") in ("5", "105")
    os.utime(lib)  # touched only: the glue and stubs of the last develop are reused, still right
    _develop(crate, python, target)
    assert _run(python, "from cachedemo import add; print(add(2, 3))") in ("5", "105")
    site = Path(_run(python, "import sysconfig; print(sysconfig.get_paths()['platlib'])"))
    assert "def add(a: int, b: int) -> int:" in (site / "cachedemo" / "__init__.pyi").read_text()
