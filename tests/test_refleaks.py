"""Reference leaks: every scenario of tests/leaks/driver.py run thousands of times under
Debian's debug CPython (`python3.11-dbg`, which has `sys.gettotalrefcount()`), with the e2e
crates built for it by `ferrule develop -i`. Fails when the total reference count or the
memory traced by `tracemalloc` grows.

The debug interpreter is required, not optional: CI (.ci/run) installs it. The crates get
their own CARGO_TARGET_DIR, since a debug interpreter compiles the runtime with other cfgs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CRATES_DIR = REPO / "tests" / "crates"
DRIVER = REPO / "tests" / "leaks" / "driver.py"
TARGET_DIR = REPO / "target" / "test-crates-dbg"
DEBUG_PYTHON = "python3.11-dbg"
# The crates the driver imports; fe_classes joins once it exists.
CRATES = ["fe_functions", "fe_conversions", "fe_classes", "fe_protocols", "fe_soundness", "fe_genapi"]
CALLS = 2000


def debug_python() -> str:
    found = shutil.which(DEBUG_PYTHON)
    if found is None:
        pytest.fail(f"{DEBUG_PYTHON} is not installed, so reference leaks cannot be measured. Install "
                    f"Debian's debug interpreter: `apt-get install -y {DEBUG_PYTHON}` (.ci/run does this).",
                    pytrace=False)
    return found


@pytest.fixture(scope="module")
def debug_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    python = debug_python()
    venv = tmp_path_factory.mktemp("refleaks") / "venv"
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
    venv_python = venv / "bin" / "python"
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(TARGET_DIR)
    env.pop("VIRTUAL_ENV", None)
    env.pop("RUST_BACKTRACE", None)
    for crate in CRATES:
        manifest = CRATES_DIR / crate / "Cargo.toml"
        if not manifest.exists():
            continue
        out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(manifest), "-i",
                              str(venv_python)], capture_output=True, text=True, env=env)
        if out.returncode != 0:
            pytest.fail(f"`ferrule develop` of {crate} for {DEBUG_PYTHON} failed:\n{out.stdout}\n{out.stderr}",
                        pytrace=False)
    return venv_python, env


def run_driver(debug_env, *args: str) -> subprocess.CompletedProcess:
    python, env = debug_env
    return subprocess.run([str(python), str(DRIVER), *args], capture_output=True, text=True, env=env,
                          timeout=900)


def run_sharded(debug_env, shards: int, *args: str) -> tuple[int, str, str]:
    """The driver in `shards` processes side by side (each counts its own references), outputs joined."""
    python, env = debug_env
    procs = [subprocess.Popen([str(python), str(DRIVER), *args, "--shard", f"{i}/{shards}"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for i in range(shards)]
    outs = [p.communicate(timeout=900) for p in procs]
    return max(p.returncode for p in procs), "".join(o for o, _ in outs), "".join(e for _, e in outs)


def test_no_scenario_leaks_references_or_memory(debug_env):
    code, stdout, stderr = run_sharded(debug_env, max(1, min(2, os.cpu_count() or 1)), "-n", str(CALLS))
    report = stdout + ("\n--- stderr ---\n" + stderr[-5000:] if code else "")
    assert code == 0, report
    leaking = [line for line in stdout.splitlines() if line.startswith("LEAK")]
    assert not leaking, report
    measured = [line for line in stdout.splitlines() if line.startswith("ok ")]
    listed = run_driver(debug_env, "--list").stdout.splitlines()
    assert len(measured) == len(listed) >= 50, report  # every scenario measured, in one shard or the other
    if (CRATES_DIR / "fe_classes" / "Cargo.toml").exists():
        assert "classes: fe_classes" in stdout, report
        assert "protocols: fe_protocols" in stdout, report
        assert "soundness: fe_soundness" in stdout, report
        assert "coroutines: fe_genapi" in stdout, report


def test_the_driver_catches_a_leak_of_one_reference_per_call(debug_env):
    out = run_driver(debug_env, "-n", str(CALLS), "--selftest")
    assert out.returncode == 1, out.stdout + out.stderr
    line = next(line for line in out.stdout.splitlines() if "selftest" in line)
    assert line.startswith("LEAK"), line
