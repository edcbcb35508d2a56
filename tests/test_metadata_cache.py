"""`ferrule develop` keeps the core metadata it made last time (archive/metadata_cache.py); whatever the
metadata was made from changes, the next develop makes it again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from email.parser import BytesParser
from pathlib import Path

import pytest

from ferrule.archive.metadata_cache import CachedMetadata, load_cached
from ferrule.project import load_project

CARGO = """[package]
name = "finder"
version = "{version}"
edition = "2021"
description = "Finds needles"

[lib]
crate-type = ["cdylib"]

[dependencies]
ferrule-runtime = {{ version = "0.1", registry = "ferrule" }}
"""


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FERRULE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "finder"
    (root / "src").mkdir(parents=True)
    (root / "src" / "lib.rs").write_text("")
    (root / "Cargo.toml").write_text(CARGO.format(version="0.4.1"))
    (root / "README.md").write_text("# finder\n\nFinds needles.\n")
    (root / "pyproject.toml").write_text('[project]\nname = "Finder.Py"\nreadme = "README.md"\n'
                                         'requires-python = ">=3.9"\ndynamic = ["version", "description"]\n')
    return root


def _load(root: Path):
    meta = load_cached(load_project(root / "Cargo.toml"))
    return meta, BytesParser().parsebytes(meta.metadata)


def test_a_second_develop_takes_the_kept_metadata_as_made(project_dir: Path) -> None:
    made, fields = _load(project_dir)
    kept, kept_fields = _load(project_dir)
    assert not isinstance(made, CachedMetadata) and isinstance(kept, CachedMetadata)
    assert kept.metadata == made.metadata and kept.version == made.version == "0.4.1"
    assert kept.distribution == made.distribution == "finder_py"
    assert kept_fields["Summary"] == "Finds needles" and "Finds needles." in kept_fields.get_payload()
    assert kept.requires_python.contains("3.11.2") and not kept.requires_python.contains("3.8.10")
    assert str(kept.requires_python) == str(made.requires_python)


@pytest.mark.parametrize("change", ["readme", "cargo version", "pyproject", "new file"])
def test_any_input_changing_makes_the_metadata_again(project_dir: Path, change: str) -> None:
    _load(project_dir)
    if change == "readme":
        (project_dir / "README.md").write_text("# finder\n\nFinds haystacks too.\n")
    elif change == "cargo version":
        (project_dir / "Cargo.toml").write_text(CARGO.format(version="0.5.0"))
    elif change == "pyproject":
        text = (project_dir / "pyproject.toml").read_text()
        (project_dir / "pyproject.toml").write_text(text.replace('">=3.9"', '">=3.10"'))
    else:  # the project folder's entries are an input (a file that a glob or Cargo would find appears)
        (project_dir / "LICENSE").write_text("MIT License\n")
    meta, fields = _load(project_dir)
    assert not isinstance(meta, CachedMetadata)
    if change == "readme":
        assert "Finds haystacks too." in fields.get_payload()
    elif change == "cargo version":
        assert meta.version == "0.5.0"
    elif change == "pyproject":
        assert not meta.requires_python.contains("3.9.1")
    # and the new result is what the next develop keeps
    again, _ = _load(project_dir)
    assert isinstance(again, CachedMetadata) and again.metadata == meta.metadata


def test_a_project_inside_the_interpreters_prefix_is_watched_too(project_dir: Path, monkeypatch) -> None:
    """pip's `install -e git+...` checks projects out into `<venv>/src/<name>`."""
    monkeypatch.setattr(sys, "prefix", str(project_dir.parent))
    monkeypatch.setattr(sys, "exec_prefix", str(project_dir.parent))
    _load(project_dir)
    (project_dir / "README.md").write_text("# finder\n\nNow inside a venv.\n")
    meta, fields = _load(project_dir)
    assert not isinstance(meta, CachedMetadata) and "Now inside a venv." in fields.get_payload()


def test_a_cargo_readme_that_appears_outside_the_crate_is_taken(tmp_path: Path, monkeypatch) -> None:
    """Cargo.toml's `readme = "../NOTES.md"` (a workspace's shared readme), missing at first."""
    monkeypatch.setenv("FERRULE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "finder"
    (root / "src").mkdir(parents=True)
    (root / "src" / "lib.rs").write_text("")
    (root / "Cargo.toml").write_text(CARGO.format(version="1.0.0").replace("[lib]", 'readme = "../NOTES.md"\n\n[lib]'))
    (root / "pyproject.toml").write_text('[project]\nname = "finder"\ndynamic = ["version", "readme"]\n')
    assert _load(root)[1].get_payload() == ""
    (tmp_path / "NOTES.md").write_text("# Notes\n\nShared.\n")
    meta, fields = _load(root)
    assert not isinstance(meta, CachedMetadata) and "Shared." in fields.get_payload()


def test_a_workspace_version_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FERRULE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "Cargo.toml").write_text('[workspace]\nmembers = ["finder"]\n\n[workspace.package]\nversion = "1.2.0"\n')
    root = tmp_path / "finder"
    (root / "src").mkdir(parents=True)
    (root / "src" / "lib.rs").write_text("")
    (root / "Cargo.toml").write_text(CARGO.format(version="0").replace('version = "0"', "version.workspace = true"))
    (root / "pyproject.toml").write_text('[project]\nname = "finder"\ndynamic = ["version"]\n')
    assert _load(root)[0].version == "1.2.0"
    (tmp_path / "Cargo.toml").write_text('[workspace]\nmembers = ["finder"]\n\n[workspace.package]\nversion = "1.3.0"\n')
    assert _load(root)[0].version == "1.3.0"


def test_warnings_and_errors_are_the_same_from_the_cache(project_dir: Path) -> None:
    (project_dir / "pyproject.toml").write_text('[project]\nname = "finder"\n')  # no version: a warning
    first, _ = _load(project_dir)
    second, _ = _load(project_dir)
    assert isinstance(second, CachedMetadata)
    assert second.warnings == first.warnings and any("has no `version`" in w for w in second.warnings)
    (project_dir / "pyproject.toml").write_text('[project]\nname = "finder"\nreadme = "MISSING.md"\n'
                                                 'dynamic = ["version"]\n')
    from ferrule.errors import ConfigError

    with pytest.raises(ConfigError):
        _load(project_dir)
    with pytest.raises(ConfigError):  # an error is never kept
        _load(project_dir)


def test_an_unwritable_cache_folder_still_gives_the_metadata(project_dir: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("FERRULE_CACHE_DIR", str(blocker))
    first, _ = _load(project_dir)
    second, _ = _load(project_dir)
    assert not isinstance(second, CachedMetadata) and second.metadata == first.metadata


def test_a_kept_result_imports_neither_library(project_dir: Path) -> None:
    """The point of keeping it: no pyproject-metadata or packaging import in a develop loop."""
    _load(project_dir)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from ferrule.archive.metadata_cache import CachedMetadata, load_cached
        from ferrule.project import load_project
        meta = load_cached(load_project(Path({str(project_dir / "Cargo.toml")!r})))
        assert isinstance(meta, CachedMetadata)
        meta.requires_python.contains("3.11.0")  # recorded now: the next run answers it from the record
        meta = load_cached(load_project(Path({str(project_dir / "Cargo.toml")!r})))
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("packaging", "pyproject_metadata")))
    """)
    run = lambda: subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ)
    run()
    done = run()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_files_another_thread_reads_meanwhile_are_no_input(project_dir: Path, tmp_path: Path) -> None:
    """develop probes the interpreter in a thread while the metadata is made: what that thread opens
    (by name or by descriptor) neither stops the metadata being kept nor becomes one of its inputs."""
    import threading

    other = tmp_path / "probe-output.json"
    other.write_text("{}")
    stop = threading.Event()

    def read_meanwhile():
        while not stop.is_set():
            other.read_text()
            fd = os.open(other, os.O_RDONLY)
            with os.fdopen(fd) as f:
                f.read()

    reader = threading.Thread(target=read_meanwhile)
    reader.start()
    try:
        made, _ = _load(project_dir)
    finally:
        stop.set()
        reader.join()
    assert not isinstance(made, CachedMetadata)
    kept, _ = _load(project_dir)
    assert isinstance(kept, CachedMetadata)
    other.write_text('{"changed": true}')
    assert isinstance(_load(project_dir)[0], CachedMetadata)
