"""`ferrule build -i` for another interpreter on the machine: Debian's python3.11-dbg (Py_DEBUG, `d` ABI flag)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from packaging_support import copy_project, env, ferrule, only, run

DBG = shutil.which("python3.11-dbg")
pytestmark = pytest.mark.skipif(DBG is None, reason="python3.11-dbg is not installed (.ci/run installs it)")


def test_wheel_for_the_debug_interpreter(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    environ = env("test-packaging-dbg")
    out = ferrule("build", "-i", DBG, "-o", tmp_path / "out", cwd=project, environ=environ)
    wheel = only(tmp_path / "out", "*.whl")
    assert "-cp311-cp311d-manylinux_2_" in wheel.name, out.stderr
    with zipfile.ZipFile(wheel) as zf:
        assert "pkg_mixed/_native.cpython-311d-x86_64-linux-gnu.so" in zf.namelist() or any(
            n.startswith("pkg_mixed/_native.cpython-311d-") for n in zf.namelist())
        zf.extractall(tmp_path / "site")
    result = run([DBG, "-c", "import sys, pkg_mixed; print(pkg_mixed.add(20, 22), hasattr(sys, 'gettotalrefcount'))"],
                 cwd=tmp_path / "site", environ=environ)
    assert result.stdout.split() == ["42", "True"]
