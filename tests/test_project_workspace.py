"""A member crate inheriting its runtime dependency from the workspace (`pyo3 = { workspace = true }`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.errors import ConfigError
from ferrule.project import load_project

REPO = Path(__file__).resolve().parent.parent

MEMBER = """[package]
name = "bindings"
version = "0.1.0"
edition = "2021"
{package_extra}
[lib]
crate-type = ["cdylib"]

[dependencies]
{dep}
"""


def workspace(tmp_path: Path, root_deps: str, member_dep: str, *, package_extra: str = "",
              member_dir: str = "bindings/python") -> Path:
    (tmp_path / "Cargo.toml").write_text(f'[workspace]\nmembers = ["{member_dir}"]\n\n'
                                         f"[workspace.dependencies]\n{root_deps}\n")
    member = tmp_path / member_dir
    (member / "src").mkdir(parents=True)
    (member / "src/lib.rs").write_text("")
    (member / "Cargo.toml").write_text(MEMBER.format(dep=member_dep, package_extra=package_extra))
    (member / "pyproject.toml").write_text('[project]\nname = "bindings"\n')
    return member / "Cargo.toml"


def test_renamed_runtime_is_found_through_the_workspace(tmp_path: Path) -> None:
    manifest = workspace(tmp_path, 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule", features = ["abi3-py310"] }',
                         'pyo3 = { workspace = true, features = ["auto-initialize"] }')
    project = load_project(manifest)
    assert (project.runtime_crate, project.abi3) == ("pyo3", "3.10")


def test_member_features_add_to_the_workspace_ones(tmp_path: Path) -> None:
    manifest = workspace(tmp_path, 'ferrule-runtime = { version = "0.1", registry = "ferrule" }', 'ferrule-runtime = { workspace = true, features = ["abi3-py311"] }')
    project = load_project(manifest)
    assert (project.runtime_crate, project.abi3) == ("ferrule", "3.11")


def test_explicit_workspace_path(tmp_path: Path) -> None:
    manifest = workspace(tmp_path, 'py = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }', "py = { workspace = true }",
                         package_extra='workspace = "../.."\n')
    assert load_project(manifest).runtime_crate == "py"


def test_inheriting_the_foreign_ferrule_crate_is_refused_at_the_root(tmp_path: Path) -> None:
    manifest = workspace(tmp_path, 'serde = "1"\nferrule = "0.1"', "ferrule = { workspace = true }")
    with pytest.raises(ConfigError) as err:
        load_project(manifest)
    assert "names the crates.io package `ferrule`" in err.value.message
    assert (Path(err.value.path), err.value.line) == (tmp_path / "Cargo.toml", 6)


def test_inherited_entry_that_is_not_the_runtime(tmp_path: Path) -> None:
    manifest = workspace(tmp_path, 'serde = "1"\npyo3 = { version = "0.29", features = ["abi3-py39"] }',
                         "pyo3 = { workspace = true }")
    with pytest.raises(ConfigError) as err:
        load_project(manifest)
    # the entry to change is the workspace's, and the hint keeps its features
    assert err.value.message == "the crate does not depend on ferrule's runtime: `pyo3` is PyO3 itself"
    assert (Path(err.value.path), err.value.line, err.value.col) == (tmp_path / "Cargo.toml", 6, 1)
    assert '`pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule", features = ["abi3-py39"] }` under ' \
           "[workspace.dependencies]" in err.value.hint


CLASS_LIB = """use pyo3::prelude::*;

#[pyclass]
struct Point {
    #[pyo3(get)]
    x: i64,
}

#[pymodule]
fn bindings(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Point>()?;
    Ok(())
}
"""


def test_plain_cargo_check_of_a_workspace_member(tmp_path: Path) -> None:
    """`ferrule cargo-config` writes the workspace root's config, where an IDE runs cargo; the check-mode
    macros name the runtime as the workspace renames it."""
    manifest = workspace(tmp_path, 'pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }',
                         "pyo3 = { workspace = true }")
    (manifest.parent / "src/lib.rs").write_text(CLASS_LIB)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_") and k != "CARGO_TARGET_DIR"}
    env["PYTHONPATH"] = str(REPO / "src")
    out = subprocess.run([sys.executable, "-m", "ferrule", "cargo-config", "-m", str(manifest)],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / ".cargo/config.toml").is_file() and not (manifest.parent / ".cargo").exists()
    env["CARGO_TARGET_DIR"] = str(REPO / "target" / "test-workspace-check")
    out = subprocess.run(["cargo", "check", "--offline", "--message-format=short"], cwd=tmp_path,
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("written", ["version = { workspace = true }", "version.workspace = true"])
def test_version_inherited_from_the_workspace(tmp_path: Path, written: str) -> None:
    """jiter's member writes `version = {workspace = true}`: the wheel's version is `[workspace.package]`'s."""
    manifest = workspace(tmp_path, 'ferrule-runtime = { version = "0.1", registry = "ferrule" }', "ferrule-runtime = { workspace = true }")
    manifest.write_text(manifest.read_text().replace('version = "0.1.0"', written))
    root = tmp_path / "Cargo.toml"
    root.write_text(root.read_text() + '\n[workspace.package]\nversion = "2.5.0-beta.1"\n')
    (manifest.parent / "pyproject.toml").write_text('[project]\nname = "bindings"\ndynamic = ["version"]\n')
    project = load_project(manifest)
    from ferrule.archive.metadata import load_metadata

    assert (project.version, load_metadata(project).version) == ("2.5.0-beta.1", "2.5.0b1")
