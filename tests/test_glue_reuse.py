"""A develop after an edit inside a binding's body reuses the last glue and stubs; any edit that could
change them (a signature, a helper the module calls, an item or a macro in a body, a shifted line)
parses again. Checked on what a user sees: the module and its stub after each develop."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from ferrule.parse.shape import shape_digest

LIB = """use pyo3::prelude::*;

/// Adds.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pyclass]
struct Counter {
    n: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new() -> Self {
        Counter { n: 0 }
    }

    fn bump(&mut self) -> i64 {
        self.n += 1;
        self.n
    }
}

fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Counter>()
}

fn helper(m: &Bound<'_, PyModule>) -> PyResult<()> {
    register(m)
}

#[pymodule]
fn reusedemo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    helper(m)
}
"""


def test_a_binding_body_edit_keeps_the_shape():
    data = LIB.encode()
    assert shape_digest(data.replace(b"    a + b\n", b"    a * b + 7\n")) == shape_digest(data)
    assert shape_digest(data.replace(b"self.n += 1;", b"self.n += 2;")) == shape_digest(data)
    assert shape_digest(data.replace(b"a + b\n", b'format!("{a}").len() as i64 + b\n')) == shape_digest(data)


@pytest.mark.parametrize("old, new", [
    ("fn add(a: i64, b: i64)", "fn add(a: i64, c: i64)"),  # a signature
    ("/// Adds.", "/// Sums."),  # a docstring
    ("    a + b\n", "    a +\n    b\n"),  # a body one line longer: every later glue key moves
    ("    a + b\n", "    make!();\n    a + b\n"),  # a user's macro may expand to items
    ("    a + b\n", "    #[cfg(feature = \"x\")]\n    let _ = 1;\n    a + b\n"),  # an attribute in a body
    ("    a + b\n", "    struct Local;\n    a + b\n"),  # an item in a body
    ("    register(m)\n", "    register(m)?;\n    extra(m)\n"),  # a helper the module calls: not a binding
    ("        self.n\n", "        m.add(\"x\", 1).ok();\n        self.n\n"),  # module building in a method
])
def test_an_edit_that_may_change_bindings_changes_the_shape(old, new):
    assert old in LIB
    assert shape_digest(LIB.replace(old, new, 1).encode()) != shape_digest(LIB.encode())


def test_a_file_with_a_syntax_error_has_no_shape():
    assert shape_digest(b"#[pyfunction]\nfn f( -> i64 { 1 }\n") is None


def _develop(crate: Path, python: Path, target: Path) -> None:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    env.pop("VIRTUAL_ENV", None)
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(crate / "Cargo.toml"),
                          "-i", str(python)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr


def _run(python: Path, code: str) -> str:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def _save_by_rename(path: Path, text: str) -> None:
    """As many editors save: a new file renamed over the old one (the folder's mtime changes)."""
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(text)
    os.replace(tmp, path)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("reuse")
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(root / "reusedemo")], check=True, capture_output=True)
    crate = root / "reusedemo"
    (crate / "src" / "lib.rs").write_text(LIB.replace("use pyo3::", "use ferrule::"))
    venv.create(root / "venv", with_pip=False)
    python = root / "venv" / "bin" / "python"
    _develop(crate, python, root / "target")
    return crate, python, root / "target"


def test_body_edits_and_binding_edits_both_show_after_develop(project):
    crate, python, target = project
    lib = crate / "src" / "lib.rs"
    site = Path(_run(python, "import sysconfig; print(sysconfig.get_paths()['platlib'])"))
    stub = site / "reusedemo" / "__init__.pyi"

    _save_by_rename(lib, lib.read_text().replace("    a + b\n", "    a + b + 100\n"))
    _develop(crate, python, target)
    assert _run(python, "from reusedemo import add; print(add(2, 3))") == "105"
    assert "def add(a: int, b: int) -> int:" in stub.read_text()

    lib.write_text(lib.read_text().replace("self.n += 1;", "self.n += 10;"))
    _develop(crate, python, target)
    assert _run(python, "from reusedemo import Counter; c = Counter(); c.bump(); print(c.bump())") == "20"

    # A helper's body is read for the module's members: a function it now adds is there, stub included.
    text = lib.read_text().replace("fn register(", "#[pyfunction]\nfn triple(x: i64) -> i64 {\n    x * 3\n}\n\n"
                                                  "fn register(")
    lib.write_text(text)
    _develop(crate, python, target)
    lib.write_text(lib.read_text().replace("    m.add_class::<Counter>()\n",
                                           "    m.add_function(wrap_pyfunction!(triple, m)?)?;\n"
                                           "    m.add_class::<Counter>()\n"))
    _develop(crate, python, target)
    assert _run(python, "from reusedemo import triple; print(triple(4))") == "12"
    assert "def triple(x: int) -> int:" in stub.read_text()

    # A body one line longer moves every later item's glue key: the build must still be right.
    lib.write_text(lib.read_text().replace("    a + b + 100\n", "    let s = a + b;\n    s + 200\n"))
    _develop(crate, python, target)
    assert _run(python, "from reusedemo import add, triple; print(add(2, 3), triple(2))") == "205 6"
    assert "def add(a: int, b: int) -> int:" in stub.read_text()

    # A signature edit inside the same function changes the stub.
    lib.write_text(lib.read_text().replace("fn add(a: i64, b: i64)", "fn add(a: i64, c: i64)")
                   .replace("let s = a + b;", "let s = a + c;"))
    _develop(crate, python, target)
    assert "def add(a: int, c: int) -> int:" in stub.read_text()
    assert _run(python, "from reusedemo import add; print(add(a=1, c=2))") == "203"
