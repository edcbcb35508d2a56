"""The sdist: everything needed to build, nothing built; it builds into the same wheel."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from ferrule.errors import ConfigError
from ferrule.project import load_project
from packaging_support import Built, built_mixed, copy_project, ferrule, only, wheel_files  # noqa: F401

BASE = "pkg_mixed-0.3.0"


def test_sdist_holds_everything_needed_to_build(built_mixed: Built) -> None:
    with tarfile.open(built_mixed.sdist) as tar:
        names = tar.getnames()
        pkg_info = tar.extractfile(f"{BASE}/PKG-INFO").read().decode()  # type: ignore[union-attr]
    assert names[0] == f"{BASE}/PKG-INFO" and names[1:] == sorted(names[1:])
    rel = {n[len(BASE) + 1:] for n in names}
    assert {"Cargo.toml", "Cargo.lock", "pyproject.toml", "README.md", "NOTES.txt", "src/lib.rs",
            "crates/pkg_offset/Cargo.toml", "crates/pkg_offset/src/lib.rs", "pkg_mixed/__init__.py",
            "pkg_mixed/helpers.py", "pkg_mixed/data/greeting.txt"} <= rel
    assert not any(r.startswith("target/") or r.endswith((".so", ".pyc")) or "__pycache__" in r for r in rel)
    assert "Name: pkg-mixed" in pkg_info and "Version: 0.3.0" in pkg_info


def test_wheel_built_from_the_sdist_is_the_same_wheel(built_mixed: Built, tmp_path: Path) -> None:
    with tarfile.open(built_mixed.sdist) as tar:
        tar.extractall(tmp_path)
    ferrule("build", "--release", "-o", tmp_path / "out", cwd=tmp_path / BASE)
    again = only(tmp_path / "out", "*.whl")
    assert again.name == built_mixed.wheel.name
    first, second = wheel_files(built_mixed.wheel), wheel_files(again)
    assert sorted(first) == sorted(second)
    # The compiled library embeds the crate's path; every other file is identical.
    for name in first:
        if not name.endswith((".so", "/RECORD")):
            assert first[name] == second[name], name


def test_path_dependency_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    (project / "crates/pkg_offset").rename(tmp_path / "pkg_offset")
    manifest = project / "Cargo.toml"
    manifest.write_text(manifest.read_text().replace('path = "crates/pkg_offset"', 'path = "../pkg_offset"'))
    out = ferrule("build", "--sdist", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1
    assert "is outside the project, so the sdist cannot contain it" in out.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("pattern", ["../secret.txt", "/etc/passwd", "src/../../x"])
def test_include_pattern_outside_the_project_is_refused(tmp_path: Path, pattern: str) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('include = ["NOTES.txt"]', f'include = ["{pattern}"]'))
    with pytest.raises(ConfigError, match="points outside the project") as err:
        load_project(project / "Cargo.toml")
    assert err.value.path == pyproject and err.value.line is not None


def test_include_symlink_escaping_the_project_is_refused(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    (tmp_path / "outside.txt").write_text("secret")
    (project / "escape.txt").symlink_to(tmp_path / "outside.txt")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('include = ["NOTES.txt"]', 'include = ["escape.txt"]'))
    out = ferrule("build", "--sdist", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1 and "outside the project" in out.stderr
