"""A project's first build starts cargo while the glue is still being generated (early_build.py): the
crate waits for its glue, a binding mistake stops cargo at once, and a ferrule killed mid-generation
never leaves an extension built from partial glue."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="cargo starts early on Linux only")

# Runs ferrule with the generator's `prepare` wrapped: LOG gets whether a cargo child of this process was
# running when the generator started, then BEHAVIOUR (a delay, or an exit before the glue is released).
DRIVER = """
import os, sys, time, runpy
import ferrule.generate as generate
real = generate.prepare

def cargo_running():
    for entry in os.listdir("/proc"):
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        if name == "cargo" and rest.split()[1] == str(os.getpid()):
            return True
    return False

def wrapped(*args, **kwargs):
    time.sleep(0.5)  # cargo has been started by now, if it is started early
    with open(os.environ["LOG"], "a") as log:
        log.write(f"cargo-running={cargo_running()}\\n")
    if os.environ["BEHAVIOUR"] == "slow":
        time.sleep(2)  # the crate's compile, on a cached runtime, reaches the attributes meanwhile
    crate = real(*args, **kwargs)
    if os.environ["BEHAVIOUR"] == "die":
        os._exit(9)  # as a killed ferrule: the glue is written but never released
    return crate

generate.prepare = wrapped
sys.argv = ["ferrule", *sys.argv[1:]]
runpy.run_module("ferrule", run_name="__main__")
"""


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("earlyvenv")
    venv.create(root, with_pip=False)
    return root / "bin" / "python"


def _new(parent: Path, name: str) -> Path:
    """A fresh package name: the shared cache keeps fingerprints of earlier runs' projects, and one of the
    same name would (rightly) keep cargo from starting early."""
    name = f"{name}_{uuid.uuid4().hex[:8]}"
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(parent / name)], check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    return parent / name


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "FERRULE_NO_EARLY_BUILD")}
    env.update(PYTHONPATH=str(REPO / "src"), CARGO_TARGET_DIR=str(tmp_path / "target"), LOG=str(tmp_path / "log"))
    env.update(extra)
    return env


def _driven(project: Path, python: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, "develop", "-m", str(project / "Cargo.toml"),
                             "-i", str(python)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _add(python: Path, module: str) -> str:
    return subprocess.run([str(python), "-c", f"import {module}; print({module}.add(2, 3))"],
                          capture_output=True, text=True).stdout.strip()


def test_the_crate_waits_for_glue_generated_while_cargo_runs(tmp_path: Path, python: Path) -> None:
    project = _new(tmp_path, "waits_proj")
    env = _env(tmp_path, BEHAVIOUR="slow")
    proc = _driven(project, python, env)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert (tmp_path / "log").read_text() == "cargo-running=True\n"
    assert _add(python, project.name) == "5"
    assert not list((tmp_path / "target" / "ferrule" / "gates").iterdir())
    # Built before: cargo has the crate's fingerprint, so the glue is written first, as always.
    lib = project / "src" / "lib.rs"
    lib.write_text(lib.read_text().replace("a: i32, b: i32", "a: i64, b: i64").replace("-> i32", "-> i64"))
    proc = _driven(project, python, env)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert (tmp_path / "log").read_text().splitlines()[1] == "cargo-running=False"
    assert _add(python, project.name) == "5"


def test_a_binding_mistake_stops_the_early_cargo_at_once(tmp_path: Path, python: Path) -> None:
    project = _new(tmp_path, "mistake_proj")
    lib = project / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "\n#[pyclass(frozn)]\nstruct A { x: i32 }\n")
    # A cache of its own: the runtime is compiling when the mistake is found.
    env = _env(tmp_path, BEHAVIOUR="plain", FERRULE_CACHE_DIR=str(tmp_path / "cache"))
    start = time.monotonic()
    proc = _driven(project, python, env)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    assert "src/lib.rs:" in err and "unknown option `frozn` for `#[pyclass]`" in err
    assert "Traceback" not in err
    assert time.monotonic() - start < 30  # not after the runtime's compile
    assert (tmp_path / "log").read_text() == "cargo-running=True\n"
    gates = list((tmp_path / "target" / "ferrule" / "gates").iterdir())
    assert not gates
    assert not _processes_with(str(tmp_path / "target")), "cargo or rustc outlived ferrule"
    assert _add(python, project.name) == ""  # nothing installed


def test_a_ferrule_killed_before_releasing_the_glue_builds_nothing(tmp_path: Path, python: Path) -> None:
    project = _new(tmp_path, "killed_gen")
    env = _env(tmp_path, BEHAVIOUR="die")
    proc = _driven(project, python, env)
    out, err = proc.communicate(timeout=600)  # to EOF: until the orphaned cargo has ended too
    assert proc.returncode == 9
    assert not list((tmp_path / "target").glob(f"*/lib{project.name}*.so")), err
    assert _add(python, project.name) == ""
    again = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(project / "Cargo.toml"),
                            "-i", str(python)], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert _add(python, project.name) == "5"


def _processes_with(text: str) -> list[int]:
    """Processes whose environment mentions `text` (cargo and rustc get the target folder)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            environ = Path("/proc", entry, "environ").read_bytes()
        except OSError:
            continue
        if text.encode() in environ:
            found.append(int(entry))
    return found
