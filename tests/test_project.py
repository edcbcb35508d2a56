"""Cargo.toml + pyproject.toml → Project."""

from __future__ import annotations

from pathlib import Path

import pytest

from ferrule.errors import ConfigError
from ferrule.project import load_project

CARGO = """[package]
name = "my-crate"
version = "1.2.3"
edition = "2021"

[lib]
{lib}
crate-type = ["cdylib", "rlib"]

[dependencies]
{dep}
"""


def make(tmp_path: Path, *, lib: str = "", dep: str = 'ferrule-runtime = "0.1"', pyproject: str = "[project]\nname = \"dist\"\n"):
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src/lib.rs").write_text("")
    (tmp_path / "Cargo.toml").write_text(CARGO.format(lib=lib, dep=dep))
    (tmp_path / "pyproject.toml").write_text(pyproject)
    return tmp_path / "Cargo.toml"


def test_defaults_come_from_cargo(tmp_path: Path) -> None:
    project = load_project(make(tmp_path))
    assert (project.package, project.lib_name, project.module_name) == ("my-crate", "my_crate", "my_crate")
    assert (project.version, project.dist_name, project.runtime_crate) == ("1.2.3", "dist", "ferrule")
    assert project.lib_path == tmp_path / "src/lib.rs"


def test_renamed_runtime_and_lib_name(tmp_path: Path) -> None:
    project = load_project(make(tmp_path, lib='name = "fast"', dep='pyo3 = { package = "ferrule-runtime", version = "0.1" }'))
    assert (project.lib_name, project.runtime_crate) == ("fast", "pyo3")


def test_tool_ferrule_settings(tmp_path: Path) -> None:
    pyproject = '[project]\nname = "d"\nversion = "9.0"\n[tool.ferrule]\nmodule-name = "pkg.my_crate"\n' \
                'features = ["x"]\nabi3 = "3.9"\n'
    project = load_project(make(tmp_path, pyproject=pyproject))
    assert (project.module_name, project.features, project.abi3, project.version) == (
        "pkg.my_crate", ("x",), "3.9", "9.0")


def test_module_name_may_differ_from_the_lib_name(tmp_path: Path) -> None:
    # As maturin: the library is installed under the module's name (the #[pymodule] is checked against it).
    project = load_project(make(tmp_path, pyproject='[tool.ferrule]\nmodule-name = "pkg._native"\n'))
    assert (project.module_name, project.lib_name) == ("pkg._native", "my_crate")


def test_missing_crate_root_file(tmp_path: Path) -> None:
    manifest = make(tmp_path, lib='path = "src/nope.rs"')
    with pytest.raises(ConfigError, match="nope.rs does not exist"):
        load_project(manifest)


def test_invalid_toml_reports_line_and_column(tmp_path: Path) -> None:
    manifest = make(tmp_path, pyproject='[project]\nname = "d"\nversion = = 1\n')
    with pytest.raises(ConfigError) as info:
        load_project(manifest)
    assert (info.value.line, info.value.col) == (3, 11)
    assert info.value.message.startswith("invalid TOML: ") and "line 3" not in info.value.message
