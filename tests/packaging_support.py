"""Helpers for the packaging tests: copies of the test projects, fresh venvs, running ferrule and pip.

Every build shares one CARGO_TARGET_DIR per interpreter configuration under
`<repo>/target/`, so the runtime crate compiles once per configuration.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Iterator

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def local_index(packages: Path, log_path: Path, htpasswd: Path | None = None) -> Iterator[str]:
    """A pypiserver serving `packages` on 127.0.0.1 (a free port): yields its base URL, stops it after.
    With `htpasswd`, uploads need that login; without, it only serves."""
    auth = ["-a", "update", "-P", str(htpasswd)] if htpasswd else ["-a", ".", "-P", "."]
    port = _free_port()
    log = open(log_path, "w")
    server = subprocess.Popen([sys.executable, "-m", "pypiserver", "run", "-i", "127.0.0.1", "-p", str(port),
                               *auth, str(packages)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/simple/", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("pypiserver did not start:\n" + log_path.read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


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
