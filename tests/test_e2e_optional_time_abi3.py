"""fe_optional_time built against the stable ABI (abi3-py39), where the datetime C API is
missing and the conversions go through Python-level calls: tests/test_e2e_optional_time.py
is run again on that build, in its own venv, and every test in it must pass."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import FERRULE_CLI

TESTS = Path(__file__).resolve().parent
CRATE = TESTS / "crates" / "fe_optional_time"


def test_optional_time_conversions_under_the_stable_abi(test_env, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    cmd = [*FERRULE_CLI, "develop", "-m", str(CRATE / "Cargo.toml"), "-i", str(python), "-F", "abi3"]
    built = subprocess.run(cmd, capture_output=True, text=True, env=test_env.env)
    assert built.returncode == 0, built.stdout + built.stderr
    package = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  capture_output=True, text=True, check=True).stdout.strip()) / "fe_optional_time"
    (library,) = package.glob("*.so")
    # Under the limited API there is no datetime capsule to import; the full-API build imports it.
    symbols = subprocess.run(["nm", "-D", "--undefined-only", str(library)], capture_output=True, text=True, check=True)
    assert "PyCapsule_Import" not in symbols.stdout and "PyObject_GetAttr" in symbols.stdout
    # pytest and mypy come from this interpreter's environment; the module from the new venv.
    env = dict(test_env.env, FERRULE_TEST_INSTALLED="1", PYTHONPATH=sysconfig.get_paths()["purelib"])
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                          str(TESTS / "test_e2e_optional_time.py")],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    expected = len(re.findall(r"^def test_", (TESTS / "test_e2e_optional_time.py").read_text(), re.M))
    assert re.search(rf"\b{expected} passed\b", run.stdout) and "skipped" not in run.stdout, run.stdout
