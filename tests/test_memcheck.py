"""Memory errors: every leak-driver scenario once under valgrind memcheck (tests/leaks/memcheck.py),
with the e2e crates built for this interpreter. No invalid read or write, no use of freed
memory, no uninitialised read in a stack that involves ferrule."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MEMCHECK = Path(__file__).resolve().parent / "leaks" / "memcheck.py"


def test_scenarios_under_valgrind_memcheck(test_env):
    for crate in ("fe_functions", "fe_conversions", "fe_classes", "fe_soundness"):
        test_env.require(crate)
    if shutil.which("valgrind") is None:
        pytest.fail("valgrind is not installed: apt-get install -y valgrind", pytrace=False)
    env = dict(test_env.env)
    env.pop("RUST_BACKTRACE", None)
    out = subprocess.run([sys.executable, str(MEMCHECK), str(test_env.python)], capture_output=True, text=True,
                         env=env, timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 involving ferrule" in out.stdout, out.stdout
