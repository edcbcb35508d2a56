"""Which interpreters ferrule targets with `-i`, and the wheel tags it gives them.

PyPy 3.9 is Debian bookworm's `pypy3` (.ci/run installs it); CPython 3.13/3.14 and
PyPy 3.11 live in a Debian sid chroot and are exercised by scripts/test-interpreters.sh.
"""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from ferrule.archive.tags import effective_abi3, extension_suffix, wheel_tag
from ferrule.interpreter import Interpreter
from packaging_support import copy_project, env, ferrule, only, run

PYPY = shutil.which("pypy3")
needs_pypy = pytest.mark.skipif(PYPY is None, reason="pypy3 is not installed (.ci/run installs it)")


def facts(implementation: str, version: tuple[int, int, int], **extra) -> dict:
    minor = f"{version[0]}{version[1]}"
    base = {
        "executable": f"/usr/bin/{implementation}{version[0]}.{version[1]}", "version": list(version),
        "implementation": implementation, "implementation_version": [0, 0],
        "ext_suffix": f".cpython-{minor}-x86_64-linux-gnu.so", "soabi": f"cpython-{minor}-x86_64-linux-gnu",
        "abiflags": "", "include_dir": "/usr/include", "platlib": "/tmp/site", "purelib": "/tmp/site",
        "scripts": "/tmp/bin", "pointer_width": 64, "gil_disabled": False, "debug": False,
        "platform": "linux-x86_64", "machine": "x86_64", "in_venv": False, "prefix": "/usr",
    }
    base.update(extra)
    return base


PYPY311 = facts("pypy", (3, 11, 17), implementation_version=[8, 0], soabi="pypy311-pp80",
                ext_suffix=".pypy311-pp80-x86_64-linux-gnu.so")
PYPY39 = facts("pypy", (3, 9, 16), implementation_version=[7, 3], soabi="pypy39-pp73",
               ext_suffix=".pypy39-pp73-x86_64-linux-gnu.so")


@pytest.mark.parametrize("interp, abi3, tag", [
    (facts("cpython", (3, 14, 10)), None, "cp314-cp314-manylinux_2_17_x86_64"),
    (facts("cpython", (3, 13, 18)), None, "cp313-cp313-manylinux_2_17_x86_64"),
    (facts("cpython", (3, 13, 1), abiflags="t", gil_disabled=True), None, "cp313-cp313t-manylinux_2_17_x86_64"),
    (facts("cpython", (3, 11, 2), abiflags="d", debug=True), None, "cp311-cp311d-manylinux_2_17_x86_64"),
    (facts("cpython", (3, 14, 10)), "3.9", "cp39-abi3-manylinux_2_17_x86_64"),
    (PYPY311, None, "pp311-pypy311_pp80-manylinux_2_17_x86_64"),
    (PYPY39, None, "pp39-pypy39_pp73-manylinux_2_17_x86_64"),
    (PYPY39, "3.9", "pp39-pypy39_pp73-manylinux_2_17_x86_64"),  # no stable ABI on PyPy
])
def test_wheel_tags(interp: dict, abi3: str | None, tag: str) -> None:
    target = Interpreter.from_facts(interp)
    abi3 = effective_abi3(target, abi3)
    assert str(wheel_tag(target, abi3, "manylinux_2_17_x86_64")) == tag


def test_pypy_extension_keeps_its_own_suffix_under_abi3() -> None:
    target = Interpreter.from_facts(PYPY39)
    assert extension_suffix(target, effective_abi3(target, "3.9")) == ".pypy39-pp73-x86_64-linux-gnu.so"


def fake_interpreter(tmp_path: Path, name: str, reported: dict) -> Path:
    """An executable that answers ferrule's probe as `reported` says."""
    path = tmp_path / name
    path.write_text(f"#!/bin/sh\ncat <<'EOF'\n{json.dumps(reported)}\nEOF\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.parametrize("name, reported, described", [
    ("graalpy", facts("graalpy", (3, 11, 7)), "GraalPy 3.11.7"),
    ("python3.8", facts("cpython", (3, 8, 18)), "CPython 3.8.18"),
    ("python2.7", facts("cpython", (2, 7, 18)), "CPython 2.7.18"),
    ("pypy3.8", facts("pypy", (3, 8, 16), implementation_version=[7, 3]), "PyPy 3.8.16 (PyPy 7.3)"),
])
def test_unsupported_interpreter_is_refused_by_name(tmp_path: Path, name: str, reported: dict,
                                                     described: str) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    python = fake_interpreter(tmp_path, name, reported)
    out = ferrule("build", "-i", python, "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    first = out.stderr.splitlines()[0]
    assert first == (f"error: `{python}` is {described}; ferrule builds for CPython 3.9–3.14 and PyPy 3.9–3.11"), \
        out.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.whl"))


@needs_pypy
def test_pypy_wheel_installs_with_pip_and_imports(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    environ = env("test-packaging-pypy39")
    out = ferrule("build", "-i", PYPY, "-o", tmp_path / "out", cwd=project, environ=environ)
    wheel = only(tmp_path / "out", "*.whl")
    assert "-pp39-pypy39_pp73-manylinux_2_" in wheel.name, out.stderr
    with zipfile.ZipFile(wheel) as zf:
        assert any(n.endswith(".pypy39-pp73-x86_64-linux-gnu.so") for n in zf.namelist()), zf.namelist()
    venv = tmp_path / "venv"
    run([PYPY, "-m", "venv", venv])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--no-index", "--no-deps", wheel], environ=environ)
    result = run([python, "-c", "import sys, pkg_mixed; print(sys.implementation.name, pkg_mixed.add(20, 22))"],
                 cwd=tmp_path, environ=environ)
    assert result.stdout.split() == ["pypy", "42"]

