"""The command line as a maturin user types it: version, help, usage, init/new layouts, colour, generate-ci."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.project import find_manifest, load_project
from ferrule.toml_compat import tomllib

REPO = Path(__file__).resolve().parent.parent


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    return {**base, "PYTHONPATH": str(REPO / "src"), **extra}


def ferrule(*args: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ferrule", *args], capture_output=True, text=True, cwd=cwd,
                          env=env(**extra), timeout=120)


def test_short_and_long_version() -> None:
    from ferrule import __version__

    for flag in ("-V", "--version"):
        out = ferrule(flag)
        assert (out.returncode, out.stdout.strip()) == (0, f"ferrule {__version__}")


def test_no_command_prints_the_overview() -> None:
    out = ferrule()
    assert out.returncode == 0
    assert out.stdout.startswith("usage: ferrule")
    for command in ("new", "init", "develop", "build", "publish", "stub", "generate-ci"):
        assert f"    {command} " in out.stdout


@pytest.mark.parametrize("command, given", [("develop", ()), ("build", ()), ("new", ("x",)), ("stub", ()),
                                            ("generate-ci", ("github",))])
def test_a_bad_option_prints_that_commands_usage(command: str, given: tuple[str, ...], tmp_path: Path) -> None:
    out = ferrule(command, *given, "--no-such-option", cwd=tmp_path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"usage: ferrule {command} ")
    assert "unrecognized arguments: --no-such-option" in out.stderr


@pytest.mark.parametrize("given", [("--target", "x86_64-unknown-linux-gnu"), ("--rel",), ("--no-default",)])
def test_an_option_is_never_taken_for_a_longer_one_it_begins(given: tuple[str, ...], tmp_path: Path) -> None:
    """maturin's `--target TRIPLE` is not `--target-dir`, `--rel` not `--release`: argparse's prefixes are off."""
    out = ferrule("build", *given, cwd=tmp_path)
    assert out.returncode == 2
    assert f"unrecognized arguments: {' '.join(given)}" in out.stderr
    assert not any(tmp_path.iterdir())  # nothing built, no folder named after the triple


def test_develop_and_build_take_cargos_options() -> None:
    for command in ("develop", "build"):
        text = ferrule(command, "--help").stdout
        for flag in ("-F FEATURES, --features FEATURES", "--all-features", "--no-default-features", "--profile",
                     "--target-dir", "--locked", "--offline", "-j N, --jobs N", "--strip", "-q, --quiet",
                     "-v, --verbose"):
            assert flag in text, (command, flag)
    develop = ferrule("develop", "--help").stdout
    for flag in ("-E EXTRAS, --extras EXTRAS", "--skip-install", "--uv"):
        assert flag in develop


def test_errors_are_plain_when_piped_and_with_no_color(tmp_path: Path) -> None:
    for extra in ({}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}):
        out = ferrule("develop", "-m", str(tmp_path / "nowhere"), **extra)
        assert out.returncode == 1
        assert out.stderr.startswith("error: no Cargo.toml at") and "\033[" not in out.stderr


def test_errors_are_coloured_on_a_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "ferrule", "develop", "-m", str(tmp_path / "nowhere")],
                            stdout=follower, stderr=follower, env=env(TERM="xterm"))
    os.close(follower)
    proc.wait(timeout=60)
    text = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        text += chunk
    os.close(leader)
    assert proc.returncode == 1
    assert b"\033[1;31merror:\033[0m no Cargo.toml" in text


def test_init_sets_up_an_existing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "existing-thing"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n")
    (folder / ".gitignore").write_text("keep-me\n")
    out = ferrule("init", cwd=folder)
    assert out.returncode == 0, out.stderr
    assert (folder / "README.md").read_text() == "mine\n"
    assert (folder / ".gitignore").read_text() == "keep-me\n"
    project = load_project(find_manifest(None, cwd=folder))
    assert (project.package, project.module_name) == ("existing-thing", "existing_thing")
    again = ferrule("init", cwd=folder)
    assert again.returncode == 1 and "already exists: `ferrule init` sets up a new project only" in again.stderr


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    out = ferrule("new", "full", cwd=tmp_path)
    assert out.returncode == 1 and "run `ferrule init` inside it" in out.stderr


def test_new_mixed_layout(tmp_path: Path) -> None:
    assert ferrule("new", "--mixed", "mixy", cwd=tmp_path).returncode == 0
    root = tmp_path / "mixy"
    assert (root / "python/mixy/__init__.py").is_file() and (root / "src/lib.rs").is_file()
    project = load_project(find_manifest(None, cwd=root))
    assert project.python_source == (root / "python").resolve()


def test_new_mixed_src_layout_with_a_name(tmp_path: Path) -> None:
    out = ferrule("new", "--mixed", "--src", "--name", "fancy-name", "folder", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    root = tmp_path / "folder"
    assert (root / "src/fancy_name/__init__.py").is_file() and (root / "rust/Cargo.toml").is_file()
    project = load_project(find_manifest(None, cwd=root))
    assert (project.package, project.module_name) == ("fancy-name", "fancy_name")
    assert project.crate_root == root / "rust" and project.root == root
    assert tomllib.loads((root / "pyproject.toml").read_text())["project"]["name"] == "fancy-name"


def test_new_checks_a_given_name(tmp_path: Path) -> None:
    out = ferrule("new", "--name", "class", "folder", cwd=tmp_path)
    assert out.returncode == 1 and "`import class` is a Python syntax error" in out.stderr
    assert not (tmp_path / "folder").exists()
    out = ferrule("new", "--src", "x", cwd=tmp_path)
    assert out.returncode == 1 and "pass --mixed --src" in out.stderr


def _validate_workflow(path: Path) -> subprocess.CompletedProcess:
    checker = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_generate_ci_github_is_a_valid_workflow(tmp_path: Path) -> None:
    assert ferrule("new", "ci-demo", cwd=tmp_path).returncode == 0
    out = ferrule("generate-ci", "github", "--pytest", "-o", ".github/workflows/CI.yml", cwd=tmp_path / "ci-demo")
    assert out.returncode == 0, out.stderr
    workflow = tmp_path / "ci-demo/.github/workflows/CI.yml"
    checked = _validate_workflow(workflow)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = workflow.read_text()
    for runner in ("ubuntu-latest", "ubuntu-24.04-arm", "macos-14", "macos-15-intel", "windows-latest"):
        assert f"runner: {runner}" in text
    assert "macos-13" not in text  # retired by GitHub
    assert "startsWith(github.ref, 'refs/tags/')" in text and "pypa/gh-action-pypi-publish" in text
    assert "ferrule build --release" in text and "python -m pytest" in text
    from ruamel.yaml import YAML  # check-jsonschema's YAML reader

    parsed = YAML(typ="safe").load(text)
    jobs = parsed["jobs"]
    # The header says what the trigger does: publishing on any pushed tag.
    assert parsed["on"]["push"]["tags"] == ["*"] and "when any tag is pushed" in text.split("\nname:")[0]
    assert "`pip install ferrule`" in text.split("\nname:")[0]
    for job in ("linux", "macos", "windows"):
        assert jobs[job]["strategy"]["matrix"]["python-version"] == ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]
        build = next(step["run"] for step in jobs[job]["steps"] if step.get("name") == "Build the wheel")
        assert "pip install ferrule" in build
    # Linux wheels are built in PyPA's manylinux image and checked against its tag.
    assert jobs["linux"]["container"] == "quay.io/pypa/manylinux_2_28_${{ matrix.platform.target }}"
    linux_build = next(step["run"] for step in jobs["linux"]["steps"] if step.get("name") == "Build the wheel")
    assert "/opt/python/" in linux_build and "--compatibility manylinux_2_28" in linux_build
    assert "actions/setup-python@v5" not in [step.get("uses") for step in jobs["linux"]["steps"]]
    # without -o, to standard output
    printed = ferrule("generate-ci", "github", cwd=tmp_path / "ci-demo")
    assert printed.returncode == 0 and printed.stdout.startswith("# Generated by ferrule")


def test_generate_ci_reads_tool_maturin_settings(tmp_path: Path) -> None:
    assert ferrule("new", "ci-conf", cwd=tmp_path).returncode == 0
    root = tmp_path / "ci-conf"
    with (root / "pyproject.toml").open("a") as f:
        f.write("\n[tool.maturin.generate-ci.github]\npytest = true\nskip-attestation = true\n")
    out = ferrule("generate-ci", "github", "-o", "ci.yml", cwd=root)
    assert out.returncode == 0, out.stderr
    text = (root / "ci.yml").read_text()
    assert "python -m pytest" in text and "attest-build-provenance" not in text
    assert _validate_workflow(root / "ci.yml").returncode == 0


class _Stop(Exception):
    pass


def _cargo_command(command: str, flags: list[str], tmp_path: Path, monkeypatch) -> list[str]:
    """The `cargo build` command line `ferrule COMMAND FLAGS` leads to, without building anything."""
    from ferrule import build as build_module, cargo, cli, develop as develop_module

    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src/lib.rs").write_text("")
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "flags"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                         '[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nferrule-runtime = { version = "0.1", registry = "ferrule" }\n')
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "flags"\nversion = "0.1.0"\n')
    given: dict = {}

    def entry(*args, cli_options=None, **kwargs):
        given.update(cli_options)
        raise _Stop

    monkeypatch.setattr(develop_module if command == "develop" else build_module, command, entry)
    with pytest.raises(_Stop):
        cli.main([command, *flags, "-m", str(tmp_path / "Cargo.toml")])
    project = load_project(tmp_path / "Cargo.toml")
    seen: list[list[str]] = []
    monkeypatch.setattr(cargo, "_run_build", lambda cmd, *a, **k: (seen.append(cmd), (tmp_path / "x.so", [], [], 0, []))[1])
    monkeypatch.setattr(cargo, "lock_offline", lambda *a: None)
    cargo.build(project, cargo.Metadata(tmp_path / "target", tmp_path), release=False,
                options=project.cargo.with_command_line(**given), python_version=(3, 11))
    return seen[0]


@pytest.mark.parametrize("command", ["develop", "build"])
def test_all_features_and_verbose_reach_cargo(command: str, tmp_path: Path, monkeypatch) -> None:
    plain = _cargo_command(command, [], tmp_path, monkeypatch)
    assert "--all-features" not in plain and "-v" not in plain
    cmd = _cargo_command(command, ["--all-features", "-vv"], tmp_path, monkeypatch)
    assert cmd[:2] == [plain[0], "build"] and "--all-features" in cmd and cmd.count("-v") == 2
    assert _cargo_command(command, ["-v", "--verbose"], tmp_path, monkeypatch).count("-v") == 2
    quiet = _cargo_command(command, ["-q"], tmp_path, monkeypatch)
    assert "-q" in quiet and "-v" not in quiet
