"""ferrule computes what the runtime's build scripts would print, so cargo can skip them
(`runtime_build_output`): for every kind of interpreter the result must be exactly what
`ferrule-core/build.rs` prints, and the scripts must still run wherever ferrule cannot know
the runtime's features."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

import ferrule
from ferrule.runtime_build_output import build_output, override_args
from ferrule.tool_config import Feature

BUILD_RS = Path(ferrule.__file__).parent / "runtime" / "ferrule-core" / "build.rs"

FACTS = {
    "CPython 3.11": "version=3.11\nabi3=\ngil_disabled=0\ndebug=0\nimplementation=cpython\nexecutable=/usr/bin/python3.11\n"
                    "pointer_width=64\nshared=1\nlib_name=python3.11\nlib_dir=/usr/lib\n",
    "abi3 3.8 on 3.12": "version=3.12\nabi3=3.8\nimplementation=cpython\npointer_width=64\nshared=0\n",
    "abi3 newer than the interpreter": "version=3.10\nabi3=3.12\nimplementation=cpython\n",
    "PyPy 3.10 asking for abi3": "version=3.10\nabi3=3.9\nimplementation=pypy\nlib_name=pypy3.10-c\nshared=1\n",
    "debug 3.13": "version=3.13\ndebug=1\nimplementation=cpython\nexecutable=\nlib_dir=\n",
    "free-threaded 3.14": "version=3.14\ngil_disabled=1\nimplementation=cpython\n",
    "beyond the newest cfg": "version=3.15\nimplementation=cpython\n",
    "GraalPy": "version=3.11\nimplementation=graalpy\n",
    "almost empty": "version=\n",
}


@pytest.fixture(scope="module")
def build_script(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build-script") / "build-script"
    subprocess.run([os.environ.get("RUSTC", "rustc"), "--edition=2021", "-o", str(out), str(BUILD_RS)],
                   check=True, capture_output=True)
    return out


def printed(script: Path, config: Path) -> tuple[list[str], list[str], str]:
    env = {"PATH": os.environ["PATH"], "FERRULE_PYTHON_CONFIG": str(config)}
    lines = subprocess.run([str(script)], env=env, check=True, capture_output=True, text=True).stdout.splitlines()

    def values(prefix: str) -> list[str]:
        return [line[len(prefix):] for line in lines if line.startswith(prefix)]

    return values("cargo:rustc-cfg="), values("cargo:rustc-check-cfg="), values("cargo:PYO3_CONFIG=")[0]


@pytest.mark.parametrize("kind", FACTS)
def test_the_twin_prints_what_the_build_script_prints(build_script: Path, tmp_path: Path, kind: str) -> None:
    config = tmp_path / "python.cfg"
    config.write_text(FACTS[kind])
    assert build_output(FACTS[kind]) == printed(build_script, config)


def _project(tmp_path: Path, manifest: str):
    (tmp_path / "Cargo.toml").write_text(manifest)
    (tmp_path / "python.cfg").write_text(FACTS["CPython 3.11"])
    (tmp_path / ".rustc_info.json").write_text('{"outputs": {"1": {"stdout": "rustc 1.0\\nhost: test-triple\\n"}}}')
    project = SimpleNamespace(manifest=tmp_path / "Cargo.toml", crate_root=tmp_path)
    meta = SimpleNamespace(workspace_root=tmp_path, target_dir=tmp_path, cache=SimpleNamespace(build_dir=lambda _: None))
    return project, meta


PLAIN = '[package]\nname = "demo"\nversion = "0.1.0"\n\n[lib]\ncrate-type = ["cdylib"]\n\n' \
        '[dependencies]\npyo3 = { package = "ferrule", version = "0.1" }\n'


def test_an_extension_with_only_the_runtime_skips_the_scripts(tmp_path: Path) -> None:
    project, meta = _project(tmp_path, PLAIN)
    args = override_args(project, meta, SimpleNamespace(features=()), tmp_path / "python.cfg", {})
    cfgs, check, hex_config = build_output(FACTS["CPython 3.11"])
    assert args[1::2] == ["target.test-triple.python.rustc-cfg=[]",
                          'target.test-triple.python.rustc-check-cfg=["cfg(ferrule_prelude_without_pyobject)"]',
                          f"target.test-triple.ferrule-python.rustc-cfg={cfgs}".replace("'", '"'),
                          f"target.test-triple.ferrule-python.rustc-check-cfg={check}".replace("'", '"'),
                          f'target.test-triple.ferrule-python.PYO3_CONFIG="{hex_config}"',
                          f'target.test-triple.python.PYO3_CONFIG="{hex_config}"']
    assert args[0::2] == ["--config"] * 6


FACADE_RS = BUILD_RS.parents[1] / "ferrule" / "build.rs"


@pytest.mark.parametrize("drop", [False, True], ids=["alias kept", "alias dropped"])
def test_the_facades_cfg_matches_its_build_script(tmp_path: Path, drop: bool) -> None:
    """`ferrule/build.rs` prints the prelude's cfg when ferrule asks for it; the override says the same."""
    script = tmp_path / "facade-script"
    subprocess.run([os.environ.get("RUSTC", "rustc"), "--edition=2021", "-o", str(script), str(FACADE_RS)],
                   check=True, capture_output=True)
    env = {"PATH": os.environ["PATH"], **({"FERRULE_PRELUDE_WITHOUT_PYOBJECT": "1"} if drop else {})}
    lines = subprocess.run([str(script)], env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    script_cfgs = [line.partition("=")[2] for line in lines if line.startswith("cargo:rustc-cfg=")]
    project, meta = _project(tmp_path, PLAIN)
    args = override_args(project, meta, SimpleNamespace(features=()), tmp_path / "python.cfg", env)
    assert args[1] == f"target.test-triple.python.rustc-cfg={json.dumps(script_cfgs)}"
    assert script_cfgs == (["ferrule_prelude_without_pyobject"] if drop else [])


@pytest.mark.parametrize("manifest, features, env", [
    (PLAIN.replace('version = "0.1" }', 'version = "0.1", features = ["abi3-py38"] }'), (), {}),
    (PLAIN + '\n[features]\nstable = ["pyo3/abi3"]\n', (), {}),
    (PLAIN, (Feature("pyo3/abi3-py39"),), {}),
    (PLAIN + 'serde = "1"\n', (), {}),
    (PLAIN + '\n[dev-dependencies]\nlibc = "0.2"\n', (), {}),
    (PLAIN, (), {"FERRULE_EMBED": "1"}),
    (PLAIN, (), {"FERRULE_RUN_BUILD_SCRIPTS": "1"}),
], ids=["abi3 feature", "abi3 through a crate feature", "abi3 asked for", "another dependency", "dev-dependency",
        "a program embedding Python", "asked to run them"])
def test_the_scripts_run_where_ferrule_cannot_know_their_output(tmp_path: Path, manifest, features, env) -> None:
    project, meta = _project(tmp_path, manifest)
    assert override_args(project, meta, SimpleNamespace(features=features), tmp_path / "python.cfg", env) == []


def test_run_build_scripts_0_keeps_the_override(tmp_path: Path) -> None:
    project, meta = _project(tmp_path, PLAIN)
    assert override_args(project, meta, SimpleNamespace(features=()), tmp_path / "python.cfg",
                         {"FERRULE_RUN_BUILD_SCRIPTS": "0"}) != []


def test_a_workspace_member_runs_the_scripts(tmp_path: Path) -> None:
    project, meta = _project(tmp_path, PLAIN)
    meta.workspace_root = tmp_path.parent
    assert override_args(project, meta, SimpleNamespace(features=()), tmp_path / "python.cfg", {}) == []


def test_before_cargo_recorded_rustc_the_machines_triple_is_used(tmp_path: Path) -> None:
    from ferrule.tool_config import host_triple

    project, meta = _project(tmp_path, PLAIN)
    (tmp_path / ".rustc_info.json").unlink()
    args = override_args(project, meta, SimpleNamespace(features=()), tmp_path / "python.cfg", {})
    assert args[1].startswith(f"target.{host_triple()}.python.rustc-cfg=")
    assert args[5].startswith(f"target.{host_triple()}.ferrule-python.rustc-cfg=")
