"""Helpers for the packaging tests: copies of the test projects, fresh venvs, running ferrule and pip.

Every build shares one CARGO_TARGET_DIR per interpreter configuration under
`<repo>/target/`, so the runtime crate compiles once per configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING_CRATES = Path(__file__).resolve().parent / "packaging_crates"
EPOCH = "1700000000"


def env(target: str = "test-packaging", **extra: str) -> dict[str, str]:
    result = dict(os.environ)
    result.pop("VIRTUAL_ENV", None)
    result["CARGO_TARGET_DIR"] = str(REPO / "target" / target)
    result["SOURCE_DATE_EPOCH"] = EPOCH
    result["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result.update(extra)
    return result


def copy_project(name: str, dest: Path) -> Path:
    """A copy of tests/packaging_crates/<name>, so builds never write into the repository."""
    target = dest / name
    shutil.copytree(PACKAGING_CRATES / name, target,
                    ignore=shutil.ignore_patterns("target", "__pycache__", "*.so", "Cargo.lock", "*.pyi"))
    return target


def run(cmd: list, *, cwd: Path | None = None, environ: dict | None = None, check: bool = True,
        timeout: float = 600) -> subprocess.CompletedProcess:
    out = subprocess.run([str(c) for c in cmd], cwd=cwd, env=environ or env(), capture_output=True, text=True,
                         timeout=timeout)
    if check and out.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({out.returncode}):\n--- stdout ---\n{out.stdout}"
                             f"\n--- stderr ---\n{out.stderr}")
    return out


def ferrule(*args, cwd: Path | None = None, environ: dict | None = None, check: bool = True):
    return run([sys.executable, "-m", "ferrule", *args], cwd=cwd, environ=environ, check=check)


def fresh_venv(path: Path, *, with_ferrule: bool = True) -> Path:
    """A new venv with pip; with_ferrule makes this checkout of ferrule (and its deps) importable in it,
    so `pip --no-build-isolation` can run ferrule's backend without reaching an index."""
    run([sys.executable, "-m", "venv", path])
    python = path / "bin" / "python"
    if with_ferrule:
        site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
        ours = {sysconfig.get_paths()["purelib"], str(REPO / "src")}
        Path(site, "_ferrule_for_tests.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


def wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


import pytest  # noqa: E402


class Built:
    def __init__(self, project: Path, out: Path) -> None:
        self.project = project
        self.out = out
        self.wheel = only(out, "*.whl")
        self.sdist = only(out, "*.tar.gz")


@pytest.fixture(scope="session")
def built_mixed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/packaging_crates/pkg_mixed built once: `ferrule build --release --sdist`."""
    root = tmp_path_factory.mktemp("built")
    project = copy_project("pkg_mixed", root)
    ferrule("build", "--release", "--sdist", "-o", root / "out", cwd=project)
    return Built(project, root / "out")
