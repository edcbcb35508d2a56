"""`ferrule new`: a project that is ready to develop, or a clear error."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.toml_compat import tomllib

REPO = Path(__file__).resolve().parent.parent


def new(path: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", "new", path], capture_output=True, text=True,
                          cwd=cwd, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "src")})


def test_new_project_files(tmp_path: Path) -> None:
    out = new("my-ext", tmp_path)
    assert out.returncode == 0, out.stderr
    root = tmp_path / "my-ext"
    for rel in ("Cargo.toml", "pyproject.toml", "src/lib.rs", "tests/test_my_ext.py", ".gitignore",
                ".cargo/config.toml"):
        assert (root / rel).is_file(), rel
    cargo = tomllib.loads((root / "Cargo.toml").read_text())
    assert cargo["package"]["name"] == "my-ext"
    assert cargo["lib"] == {"name": "my_ext", "crate-type": ["cdylib"]}
    assert "ferrule-runtime" in cargo["dependencies"]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "my-ext"
    config = tomllib.loads((root / ".cargo/config.toml").read_text())
    runtime = Path(config["patch"]["crates-io"]["ferrule-runtime"]["path"])
    assert (runtime / "Cargo.toml").is_file()
    lib = (root / "src/lib.rs").read_text()
    assert "#[pymodule]\nfn my_ext(" in lib
    ast.parse((root / "tests/test_my_ext.py").read_text())
    assert "import my_ext" in (root / "tests/test_my_ext.py").read_text()


def test_new_project_parses_into_a_valid_binding(tmp_path: Path) -> None:
    assert new("calc", tmp_path).returncode == 0
    from ferrule.codegen.stubs import generate_stubs
    from ferrule.generate import check_crate
    from ferrule.parse import parse_crate
    from ferrule.project import load_project

    project = load_project((tmp_path / "calc" / "Cargo.toml").resolve())
    crate, diags = parse_crate(project.root, project.lib_path, package=project.package,
                               lib_name=project.lib_name, runtime_crate=project.runtime_crate)
    assert diags == [] and check_crate(crate, project) == []
    stub = generate_stubs(crate)["__init__.pyi"]
    assert "def add(a: int, b: int) -> int:" in stub


def test_new_into_an_empty_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert new("empty", tmp_path).returncode == 0
    assert (tmp_path / "empty" / "Cargo.toml").is_file()


@pytest.mark.parametrize("name, message", [
    ("1abc", "error: `1abc` is not a valid crate name"),
    ("has space", "error: `has space` is not a valid crate name"),
    ("dot.ted", "error: `dot.ted` is not a valid crate name"),
    ("self", "error: `self` cannot be a crate name: Rust reserves it"),
    ("test", "error: `test` cannot be a crate name: Rust reserves it"),
    ("class", "error: `class` cannot be a module name"),
])
def test_invalid_names(tmp_path: Path, name: str, message: str) -> None:
    out = new(name, tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith(message), out.stderr
    assert "= help: " in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / name).exists()


def test_existing_non_empty_folder_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "keep.txt").write_text("mine")
    out = new("taken", tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith("error: taken already exists and is not empty"), out.stderr
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["keep.txt"]


def test_existing_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    out = new("afile", tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith("error: afile already exists and is not a folder"), out.stderr
    assert "Traceback" not in out.stderr
