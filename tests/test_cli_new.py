"""`ferrule new`: a project that is ready to develop, or a clear error."""

from __future__ import annotations

import ast
import json
import os
import shutil
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
    runtime = config["patch"]["crates-io"]["ferrule-runtime"]["path"]
    assert not Path(runtime).is_absolute()
    assert (root / runtime / "Cargo.toml").is_file()
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


# The runtime's crates.io name must never be fetched: plain cargo reaches ferrule's runtime through a
# relative path in .cargo/config.toml that leads to a git-ignored link, and fails when that link is missing.

def _cargo_metadata(root: Path, cargo_home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CARGO_HOME=str(cargo_home))
    env.pop("CARGO_TARGET_DIR", None)
    return subprocess.run(["cargo", "metadata", "--format-version", "1"], cwd=root, capture_output=True,
                          text=True, env=env)


def _ferrule(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(REPO / "src")))


def _fetched_ferrule_crates(cargo_home: Path) -> list[Path]:
    registry = cargo_home / "registry"
    return [p for p in registry.rglob("*") if p.name.startswith("ferrule")] if registry.exists() else []


def test_new_project_config_has_no_machine_path_and_works_offline(tmp_path: Path) -> None:
    assert new("portable", tmp_path).returncode == 0
    root = tmp_path / "portable"
    text = (root / ".cargo/config.toml").read_text()
    assert str(tmp_path) not in text and str(REPO) not in text and "site-packages" not in text
    env = dict(os.environ)
    env.pop("CARGO_TARGET_DIR", None)
    out = subprocess.run(["cargo", "metadata", "--offline", "--format-version", "1"], cwd=root,
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    runtime = next(p for p in json.loads(out.stdout)["packages"] if p["name"] == "ferrule-runtime")
    assert Path(runtime["manifest_path"]) == root / ".cargo/ferrule-runtime/ferrule/Cargo.toml"
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                                capture_output=True, text=True, check=True).stdout
        assert ".cargo/config.toml" in status and "ferrule-runtime" not in status


def test_a_fresh_clone_fails_safe_until_cargo_config_runs(tmp_path: Path) -> None:
    assert new("cloned", tmp_path).returncode == 0
    root = tmp_path / "cloned"
    (root / ".cargo/ferrule-runtime").unlink()  # a clone has the config but not the git-ignored link
    cargo_home = tmp_path / "cargo-home"
    out = _cargo_metadata(root, cargo_home)
    assert out.returncode != 0
    # cargo prints the path it could not read; the config's comment next to it says what to run.
    assert "failed to read `" + str(root / ".cargo/ferrule-runtime/ferrule/Cargo.toml") + "`" in out.stderr
    assert "Updating crates.io index" not in out.stderr and _fetched_ferrule_crates(cargo_home) == []
    assert "run `ferrule cargo-config`" in (root / ".cargo/config.toml").read_text()
    fixed = _ferrule(["cargo-config"], root)
    assert fixed.returncode == 0, fixed.stderr
    assert _cargo_metadata(root, cargo_home).returncode == 0


def test_without_ferrule_config_cargo_never_fetches_a_runtime(tmp_path: Path) -> None:
    assert new("bare", tmp_path).returncode == 0
    root = tmp_path / "bare"
    shutil.rmtree(root / ".cargo")
    cargo_home = tmp_path / "cargo-home"
    out = _cargo_metadata(root, cargo_home)
    assert out.returncode != 0
    assert "ferrule-runtime" in out.stderr
    assert _fetched_ferrule_crates(cargo_home) == []


def test_cargo_config_replaces_a_stale_link_and_an_absolute_path_config(tmp_path: Path) -> None:
    assert new("moved", tmp_path).returncode == 0
    root = tmp_path / "moved"
    link = root / ".cargo/ferrule-runtime"
    link.unlink()
    link.symlink_to(tmp_path / "old-venv" / "runtime")  # the venv it pointed into was moved away
    config = root / ".cargo/config.toml"
    config.write_text("# Written by ferrule so that a plain `cargo check` (and your IDE) finds the\n"
                      '[patch.crates-io]\nferrule-runtime = { path = "/old/venv/ferrule/runtime/ferrule" }\n')
    assert _ferrule(["cargo-config"], root).returncode == 0
    assert "/old/venv" not in config.read_text()
    assert (link / "ferrule" / "Cargo.toml").is_file()


def test_cargo_config_keeps_the_users_settings(tmp_path: Path) -> None:
    assert new("mine", tmp_path).returncode == 0
    root = tmp_path / "mine"
    config = root / ".cargo/config.toml"
    config.write_text('[build]\nrustflags = ["-Dwarnings"]\n')
    assert _ferrule(["cargo-config"], root).returncode == 0
    parsed = tomllib.loads(config.read_text())
    assert parsed["build"] == {"rustflags": ["-Dwarnings"]}
    assert parsed["patch"]["crates-io"]["ferrule-runtime"] == {"path": ".cargo/ferrule-runtime/ferrule"}


def test_cargo_config_will_not_edit_a_patch_table_it_did_not_write(tmp_path: Path) -> None:
    assert new("patched", tmp_path).returncode == 0
    root = tmp_path / "patched"
    config = root / ".cargo/config.toml"
    config.write_text('[patch.crates-io]\nserde = { path = "../serde" }\n')
    out = _ferrule(["cargo-config"], root)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "already patches crates.io" in out.stderr
    assert 'ferrule-runtime = { path = ".cargo/ferrule-runtime/ferrule" }' in out.stderr
    assert config.read_text() == '[patch.crates-io]\nserde = { path = "../serde" }\n'
