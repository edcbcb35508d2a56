"""A project's own stub wins over the generated one, in develop's install and in wheels (as with maturin)."""

from __future__ import annotations

from pathlib import Path

from ferrule.archive.contents import extension_files, wheel_files
from ferrule.codegen.stubs import HEADER
from ferrule.install import write_into_source
from ferrule.project import load_project

CARGO = """[package]
name = "my-crate"
version = "1.0.0"
edition = "2021"

[lib]
crate-type = ["cdylib"]

[dependencies]
pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }
"""

GENERATED = {"__init__.pyi": HEADER + "def f() -> int: ...\n"}


def project_at(root: Path, pyproject: str = '[project]\nname = "my-crate"\nversion = "1.0"\n'):
    (root / "src").mkdir(parents=True)
    (root / "src/lib.rs").write_text("")
    (root / "Cargo.toml").write_text(CARGO)
    (root / "pyproject.toml").write_text(pyproject)
    (root / "libmy_crate.so").write_bytes(b"\x7fELF")
    return load_project(root / "Cargo.toml")


def test_root_stub_of_a_pure_rust_project_is_the_packages_stub(tmp_path: Path) -> None:
    (tmp_path / "my_crate.pyi").write_text("def f() -> str: ...  # mine\n")
    project = project_at(tmp_path)
    files = {e.path: e.data.decode() for e in extension_files(project, ".so", tmp_path / "libmy_crate.so", GENERATED)
             if e.path.endswith(".pyi")}
    assert files == {"my_crate/__init__.pyi": "def f() -> str: ...  # mine\n"}


def test_generated_stub_is_used_when_the_project_has_none(tmp_path: Path) -> None:
    project = project_at(tmp_path)
    files = {e.path: e.data.decode() for e in extension_files(project, ".so", tmp_path / "libmy_crate.so", GENERATED)}
    assert files["my_crate/__init__.pyi"] == GENERATED["__init__.pyi"]


def test_mixed_projects_own_stub_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "python/my_crate").mkdir(parents=True)
    (tmp_path / "python/my_crate/__init__.py").write_text("from .my_crate import *\n")
    own = tmp_path / "python/my_crate/my_crate.pyi"
    own.write_text("def f() -> str: ...  # mine\n")
    project = project_at(tmp_path, '[project]\nname = "my-crate"\nversion = "1.0"\n'
                                   '[tool.maturin]\npython-source = "python"\n')
    entries = extension_files(project, ".so", tmp_path / "libmy_crate.so", GENERATED)
    write_into_source(project, entries)
    assert own.read_text() == "def f() -> str: ...  # mine\n"
    shipped = {e.path: e.data.decode() for e in wheel_files(project, ".so", tmp_path / "libmy_crate.so", GENERATED)}
    assert shipped["my_crate/my_crate.pyi"] == "def f() -> str: ...  # mine\n"


def test_a_stub_ferrule_wrote_earlier_is_refreshed(tmp_path: Path) -> None:
    (tmp_path / "python/my_crate").mkdir(parents=True)
    (tmp_path / "python/my_crate/__init__.py").write_text("")
    earlier = tmp_path / "python/my_crate/my_crate.pyi"
    earlier.write_text(HEADER + "def old() -> None: ...\n")
    project = project_at(tmp_path, '[project]\nname = "my-crate"\nversion = "1.0"\n'
                                   '[tool.maturin]\npython-source = "python"\n')
    write_into_source(project, extension_files(project, ".so", tmp_path / "libmy_crate.so", GENERATED))
    assert earlier.read_text() == GENERATED["__init__.pyi"]


def test_the_extension_inside_the_package_re_exports_the_packages_names(tmp_path: Path) -> None:
    """`import my_crate` also loads `my_crate.my_crate`; its stub names the same objects."""
    project = project_at(tmp_path)
    stubs = {"__init__.pyi": HEADER + "\nfrom typing import Any\n\n__all__ = ['f', 'K']\n\ndef f() -> int: ...\n"}
    files = {e.path: e.data.decode() for e in extension_files(project, ".so", tmp_path / "libmy_crate.so", stubs)}
    assert files["my_crate/my_crate.pyi"] == HEADER + "\nfrom . import f as f, K as K\n\n__all__ = ['f', 'K']\n"
