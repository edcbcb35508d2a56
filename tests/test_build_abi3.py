"""abi3: `--abi3 3.9` (or [tool.ferrule] abi3, or the runtime feature abi3-py39) → a cp39-abi3 wheel abi3audit accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ferrule.project import load_project
from packaging_support import copy_project, env, ferrule, only, run

ABI3_ENV = env("test-packaging-abi3")


@pytest.fixture(scope="module")
def abi3_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("abi3")
    project = copy_project("pkg_mixed", root)
    ferrule("build", "--release", "--abi3", "3.9", "-o", root / "out", cwd=project, environ=ABI3_ENV)
    return only(root / "out", "*.whl")


def test_abi3_wheel_is_tagged_cp39_abi3(abi3_wheel: Path) -> None:
    assert abi3_wheel.name.startswith("pkg_mixed-0.3.0-cp39-abi3-manylinux_2_")
    with zipfile.ZipFile(abi3_wheel) as zf:
        assert "pkg_mixed/_native.abi3.so" in zf.namelist()
        assert "Tag: cp39-abi3-manylinux_2_" in zf.read("pkg_mixed-0.3.0.dist-info/WHEEL").decode()


def test_abi3audit_strict_accepts_the_wheel(abi3_wheel: Path) -> None:
    abi3audit = shutil.which("abi3audit") or str(Path(sys.executable).parent / "abi3audit")
    out = subprocess.run([abi3audit, "--strict", "--summary", str(abi3_wheel)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no ABI violations" in (out.stdout + out.stderr).lower() or "violation" not in out.stdout.lower()


def test_abi3_module_imports(abi3_wheel: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(abi3_wheel) as zf:
        zf.extractall(tmp_path)
    out = run([sys.executable, "-c", "import pkg_mixed; print(pkg_mixed.add(2, 2), pkg_mixed._native.__file__)"],
              cwd=tmp_path)
    assert out.stdout.split()[0] == "4" and out.stdout.split()[1].endswith(".abi3.so")


def test_abi3_from_the_runtime_feature_and_from_tool_ferrule(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    manifest = project / "Cargo.toml"
    manifest.write_text(manifest.read_text().replace('ferrule-runtime = { version = "0.1", registry = "ferrule" }',
                                                     'ferrule-runtime = { version = "0.1", registry = "ferrule", features = ["abi3-py310"] }'))
    assert load_project(manifest).abi3 == "3.10"
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("[tool.ferrule]", '[tool.ferrule]\nabi3 = "3.11"'))
    assert load_project(manifest).abi3 == "3.11"


def test_bad_abi3_version_is_an_error(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    out = ferrule("build", "--abi3", "3.7", "-o", tmp_path / "out", cwd=project, environ=ABI3_ENV, check=False)
    assert out.returncode == 1 and "abi3 version `3.7`" in out.stderr
