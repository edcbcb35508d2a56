"""Shared fixtures: one venv, every crate under tests/crates built into it once.

The crates share one CARGO_TARGET_DIR, so the runtime crate compiles once per
session. Each crate is built with `python -m ferrule develop` exactly as a user
would run it; a crate that fails to build fails every test that needs it, with
ferrule's and cargo's output in the failure message.

scripts/test-interpreters.sh runs the e2e tests under other interpreters (PyPy,
CPython 3.13/3.14), where ferrule itself may not be installed:
- FERRULE_CLI: the command that runs ferrule (default: this Python `-m ferrule`);
- FERRULE_TEST_TARGET_DIR: the cargo target dir (one per interpreter and machine);
- FERRULE_TEST_INSTALLED=1: the crates are already installed in this environment
  (wheels built elsewhere, e.g. abi3 wheels from CPython 3.11), so nothing is built.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CRATES_DIR = Path(__file__).resolve().parent / "crates"
TARGET_DIR = Path(os.environ.get("FERRULE_TEST_TARGET_DIR") or REPO / "target" / "test-crates")
FERRULE_CLI = shlex.split(os.environ.get("FERRULE_CLI", "")) or [sys.executable, "-m", "ferrule"]
INSTALLED = os.environ.get("FERRULE_TEST_INSTALLED") == "1"
# The shared build cache of this checkout only: suites of other checkouts do not wait on its lock.
os.environ.setdefault("FERRULE_CACHE_DIR", str(REPO / "target" / "ferrule-cache"))


@dataclass
class TestEnv:
    """The venv the crates are installed into, and how each build went."""

    root: Path
    python: Path
    site_packages: Path
    env: dict[str, str]
    builds: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)

    def develop(self, manifest: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """`python -m ferrule develop -m <manifest> -i <venv python>`, output captured."""
        cmd = [*FERRULE_CLI, "develop", "-m", str(manifest), "-i", str(self.python)]
        return subprocess.run(cmd, capture_output=True, text=True, env=self.env, cwd=cwd)

    def require(self, crate: str) -> None:
        """Fails the calling test, with the build log, unless `crate` built and installed."""
        if INSTALLED:
            return
        result = self.builds.get(crate)
        if result is None:
            pytest.fail(f"no crate named {crate} under {CRATES_DIR}")
        if result.returncode != 0:
            pytest.fail(f"`ferrule develop` of tests/crates/{crate} failed (exit {result.returncode}):\n"
                        f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}", pytrace=False)


def _venv_site_packages(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


@pytest.fixture(scope="session")
def test_env(tmp_path_factory: pytest.TempPathFactory) -> TestEnv:
    if INSTALLED:
        env = dict(os.environ)
        yield TestEnv(Path(sys.prefix), Path(sys.executable), Path(sysconfig.get_paths()["purelib"]), env)
        return
    root = tmp_path_factory.mktemp("e2e") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(TARGET_DIR)
    env.pop("VIRTUAL_ENV", None)
    tenv = TestEnv(root, python, _venv_site_packages(python), env)
    # The modules are imported in this process, so the venv must match this interpreter.
    assert sysconfig.get_config_var("EXT_SUFFIX") == subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
        capture_output=True, text=True, check=True).stdout.strip()
    for manifest in sorted(CRATES_DIR.glob("*/Cargo.toml")):
        tenv.builds[manifest.parent.name] = tenv.develop(manifest)
    sys.path.insert(0, str(tenv.site_packages))
    yield tenv
    sys.path.remove(str(tenv.site_packages))


def _module_fixture(crate: str):
    @pytest.fixture(scope="session")
    def fixture(test_env: TestEnv):
        import importlib

        test_env.require(crate)
        return importlib.import_module(crate)

    fixture.__name__ = crate
    return fixture


fe_functions = _module_fixture("fe_functions")
fe_modules = _module_fixture("fe_modules")
fe_conversions = _module_fixture("fe_conversions")
fe_renamed = _module_fixture("fe_renamed")
fe_classes = _module_fixture("fe_classes")
fe_protocols = _module_fixture("fe_protocols")
fe_stdtypes = _module_fixture("fe_stdtypes")
fe_buildcfg = _module_fixture("fe_buildcfg")
fe_abi39 = _module_fixture("fe_abi39")
fe_genapi = _module_fixture("fe_genapi")
fe_split = _module_fixture("fe_split")
fe_optional_num = _module_fixture("fe_optional_num")
fe_optional_time = _module_fixture("fe_optional_time")
