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
    assert cargo["dependencies"]["ferrule-runtime"] == {"version": "0.1", "registry": "ferrule"}
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "my-ext"
    config = tomllib.loads((root / ".cargo/config.toml").read_text())
    runtime = config["patch"]["ferrule"]["ferrule-runtime"]["path"]
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


# The runtime can never come from crates.io: the dependency names the registry `ferrule`, which only
# the project's .cargo/config.toml defines, as a local folder; the runtime is patched in by a relative
# path to a git-ignored link. Every failure happens offline.

def _cargo_metadata(root: Path, cargo_home: Path) -> subprocess.CompletedProcess:
    # A proxy that refuses every connection: any attempt to reach an index fails loudly, not quietly.
    env = dict(os.environ, CARGO_HOME=str(cargo_home), CARGO_HTTP_PROXY="http://127.0.0.1:9",
               HTTPS_PROXY="http://127.0.0.1:9", CARGO_NET_RETRY="0")
    env.pop("CARGO_TARGET_DIR", None)
    return subprocess.run(["cargo", "metadata", "--format-version", "1"], cwd=root, capture_output=True,
                          text=True, env=env)


def _ferrule(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PYTHONPATH=str(REPO / "src")))


def _network_used(out: subprocess.CompletedProcess, cargo_home: Path) -> bool:
    registry = cargo_home / "registry"
    return ("Updating" in out.stderr or "127.0.0.1:9" in out.stderr or "download" in out.stderr
            or (registry.exists() and any(registry.rglob("*"))))


def test_new_project_config_has_no_machine_path_and_works_offline(tmp_path: Path) -> None:
    assert new("portable", tmp_path).returncode == 0
    root = tmp_path / "portable"
    text = (root / ".cargo/config.toml").read_text()
    assert str(tmp_path) not in text and str(REPO) not in text and "site-packages" not in text
    cargo_home = tmp_path / "cargo-home"
    out = _cargo_metadata(root, cargo_home)
    assert out.returncode == 0, out.stderr
    assert not _network_used(out, cargo_home), out.stderr
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
    # cargo names the link's path it could not read; the config's comment next to it says what to run.
    assert str(root / ".cargo/ferrule-runtime/") in out.stderr, out.stderr
    assert not _network_used(out, cargo_home), out.stderr
    assert "run `ferrule cargo-config`" in (root / ".cargo/config.toml").read_text()
    fixed = _ferrule(["cargo-config"], root)
    assert fixed.returncode == 0, fixed.stderr
    assert _cargo_metadata(root, cargo_home).returncode == 0


def test_without_ferrule_config_cargo_stops_at_the_unknown_registry(tmp_path: Path) -> None:
    assert new("bare", tmp_path).returncode == 0
    root = tmp_path / "bare"
    shutil.rmtree(root / ".cargo")
    cargo_home = tmp_path / "cargo-home"
    out = _cargo_metadata(root, cargo_home)
    assert out.returncode != 0
    assert "registry index was not found in any configuration: `ferrule`" in out.stderr, out.stderr
    assert not _network_used(out, cargo_home), out.stderr


def test_a_runtime_dependency_from_crates_io_is_refused_at_its_line(tmp_path: Path) -> None:
    assert new("unsafe-dep", tmp_path).returncode == 0
    root = tmp_path / "unsafe-dep"
    cargo = root / "Cargo.toml"
    lines = [('ferrule-runtime = { version = "0.1", features = ["macros"] }' if text.startswith("ferrule-runtime")
              else text) for text in cargo.read_text().splitlines()]  # the dependency as written before
    cargo.write_text("\n".join(lines) + "\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("ferrule-runtime"))
    out = _ferrule(["build", "-o", str(tmp_path / "wheels")], root)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "error: the dependency `ferrule-runtime` on ferrule's runtime would come from crates.io" in out.stderr
    assert f"--> {root / 'Cargo.toml'}:{line}:1" in out.stderr, out.stderr
    assert not (tmp_path / "wheels").exists() or not any((tmp_path / "wheels").iterdir())
    assert 'ferrule-runtime = { version = "0.1", registry = "ferrule", features = ["macros"] }' in out.stderr


def test_a_dev_dependency_on_the_runtime_from_crates_io_is_refused(tmp_path: Path) -> None:
    assert new("dev-dep", tmp_path).returncode == 0
    root = tmp_path / "dev-dep"
    cargo = root / "Cargo.toml"
    dev = 'pyo3 = { package = "ferrule-runtime", version = "0.1" }'
    cargo.write_text(cargo.read_text() + f"\n[dev-dependencies]\n{dev}\n")
    line = len(cargo.read_text().splitlines())
    out = _ferrule(["build", "-o", str(tmp_path / "wheels")], root)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "error: the dependency `pyo3` on ferrule's runtime would come from crates.io" in out.stderr
    assert f"--> {root / 'Cargo.toml'}:{line}:1" in out.stderr, out.stderr
    assert not (tmp_path / "wheels").exists() or not any((tmp_path / "wheels").iterdir())


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
    assert parsed["patch"]["ferrule"]["ferrule-runtime"] == {"path": ".cargo/ferrule-runtime/ferrule"}
    assert parsed["registries"]["ferrule"]["index"].startswith("sparse+https://ferrule.invalid/")


def test_cargo_config_keeps_a_users_crates_io_patch_and_upgrades_an_old_entry(tmp_path: Path) -> None:
    assert new("patched", tmp_path).returncode == 0
    root = tmp_path / "patched"
    config = root / ".cargo/config.toml"
    # A user's patch of crates.io, beside the entry an older ferrule added (a patch of crates.io too).
    config.write_text('[patch.crates-io]\nserde = { path = "../serde" }\n\n'
                      '[patch.crates-io]\nferrule-runtime = { path = ".cargo/ferrule-runtime/ferrule" }\n')
    out = _ferrule(["cargo-config"], root)
    assert out.returncode == 0, out.stderr
    parsed = tomllib.loads(config.read_text())
    assert parsed["patch"]["crates-io"] == {"serde": {"path": "../serde"}}
    assert parsed["patch"]["ferrule"]["ferrule-runtime"] == {"path": ".cargo/ferrule-runtime/ferrule"}


def test_cargo_config_will_not_edit_a_ferrule_registry_it_did_not_write(tmp_path: Path) -> None:
    assert new("registry", tmp_path).returncode == 0
    root = tmp_path / "registry"
    config = root / ".cargo/config.toml"
    config.write_text('[registries.ferrule]\nindex = "sparse+https://example.com/index/"\n')
    out = _ferrule(["cargo-config"], root)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "already configures `ferrule-runtime` or a registry `ferrule`" in out.stderr
    assert config.read_text() == '[registries.ferrule]\nindex = "sparse+https://example.com/index/"\n'
