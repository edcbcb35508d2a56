"""The standard front-ends with build isolation on a `ferrule new` project, as a user runs them.

ferrule is on no public index, so build isolation needs it from a local one: this module builds
ferrule's own wheel, puts it in a wheelhouse with its dependencies, and serves that folder with
pypiserver on 127.0.0.1 or hands it to the front-end as `--find-links` with `--no-index`
(what README's "Installing with pip, build and uv" tells a user to do). No front-end here may
reach another index: a `ferrule` from anywhere else must never be picked.
"""

from __future__ import annotations

import os
import shutil
import sys
import tarfile
from pathlib import Path

import pytest

from packaging_support import REPO, env, ferrule, fresh_venv, local_index, only, run, wheel_files

UV = str(Path(sys.executable).parent / "uv")
PROJECT = "iso_demo"


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ferrule's wheel from this checkout and the wheels of its dependencies, in one folder."""
    house = tmp_path_factory.mktemp("wheelhouse")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", house, REPO])
    ours = only(house, "ferrule-*.whl")
    run([sys.executable, "-m", "pip", "download", "--only-binary", ":all:", "-d", house, ours])
    return house


@pytest.fixture(scope="module")
def index(wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory):
    with local_index(wheelhouse, tmp_path_factory.mktemp("index-log") / "server.log") as url:
        yield url + "/simple/"


def _isolated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No index or wheel folder from the machine's configuration, a fresh uv cache, debug builds' target dir."""
    environ = env("test-isolated", UV_CACHE_DIR=str(tmp_path / "uv-cache"), PIP_CONFIG_FILE=os.devnull,
                  UV_NO_CONFIG="1")
    for var in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL", "UV_EXTRA_INDEX_URL",
                "UV_FIND_LINKS", "UV_DEFAULT_INDEX", "UV_INDEX"):
        environ.pop(var, None)
    return {**environ, **extra}


def _new_project(tmp_path: Path) -> Path:
    ferrule("new", PROJECT, cwd=tmp_path)
    return tmp_path / PROJECT


def _assert_imports(python: Path, cwd: Path) -> str:
    out = run([python, "-c", f"import {PROJECT}; print({PROJECT}.add(40, 2), {PROJECT}.__file__)"], cwd=cwd)
    answer, location = out.stdout.split()
    assert answer == "42"
    return location


LOCAL = ["--no-index", "--find-links"]  # followed by the wheelhouse


def test_pip_install_from_a_local_index(index: str, tmp_path: Path) -> None:
    project = _new_project(tmp_path)
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    environ = _isolated_env(tmp_path)
    link = project / ".cargo" / "ferrule-runtime"
    before = os.readlink(link)
    run([python, "-m", "pip", "install", "--index-url", index, "-C", "profile=debug", project], environ=environ)
    assert "site-packages" in _assert_imports(python, tmp_path)
    # The build environment is gone: the link plain cargo (an IDE) reads still leads to ferrule new's runtime.
    assert os.readlink(link) == before and (link / "ferrule" / "Cargo.toml").is_file()


def test_pip_install_editable_with_find_links(wheelhouse: Path, tmp_path: Path) -> None:
    project = _new_project(tmp_path)
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    environ = _isolated_env(tmp_path)
    run([python, "-m", "pip", "install", *LOCAL, wheelhouse, "-C", "profile=debug", "-e", project],
        environ=environ)
    _assert_imports(python, tmp_path)
    # ferrule itself went only into the throw-away build environment, not into the user's venv.
    listed = run([python, "-m", "pip", "list", "--format=freeze"], environ=environ).stdout.lower()
    assert "iso-demo" in listed or "iso_demo" in listed
    assert "ferrule" not in listed


def test_python_m_build_then_the_sdist_installs_in_a_fresh_venv(wheelhouse: Path, tmp_path: Path) -> None:
    project = _new_project(tmp_path)
    environ = _isolated_env(tmp_path, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse))
    # `python -m build` makes the sdist, then the wheel from that sdist, each in its own isolated env.
    run([sys.executable, "-m", "build", "-C", "profile=debug", "-o", tmp_path / "dist", project], environ=environ)
    sdist = only(tmp_path / "dist", "*.tar.gz")
    wheel = only(tmp_path / "dist", "*.whl")
    assert wheel.name.startswith("iso_demo-0.1.0-cp3") and "manylinux_2_" in wheel.name
    with tarfile.open(sdist) as tf:
        names = tf.getnames()
    assert "iso_demo-0.1.0/Cargo.lock" in names and "iso_demo-0.1.0/src/lib.rs" in names
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    run([python, "-m", "pip", "install", *LOCAL, wheelhouse, "-C", "profile=debug", sdist], environ=environ)
    assert "site-packages" in _assert_imports(python, tmp_path)


def test_uv_build(wheelhouse: Path, tmp_path: Path) -> None:
    project = _new_project(tmp_path)
    environ = _isolated_env(tmp_path)
    run([UV, "build", *LOCAL, wheelhouse, "-C", "profile=debug", "-o", tmp_path / "dist", project],
        environ=environ)
    wheel = only(tmp_path / "dist", "*.whl")
    only(tmp_path / "dist", "*.tar.gz")
    assert f"{PROJECT}/__init__.pyi" in wheel_files(wheel)
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    run([UV, "pip", "install", "--python", python, *LOCAL, wheelhouse, wheel], environ=environ)
    _assert_imports(python, tmp_path)


def test_uv_pip_install_from_a_local_index(index: str, tmp_path: Path) -> None:
    project = _new_project(tmp_path)
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    environ = _isolated_env(tmp_path)
    run([UV, "pip", "install", "--python", python, "--index-url", index, "-C", "profile=debug", project],
        environ=environ)
    assert "site-packages" in _assert_imports(python, tmp_path)


def test_core_install_is_small_and_publish_says_what_to_add(wheelhouse: Path, tmp_path: Path) -> None:
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    environ = _isolated_env(tmp_path)
    run([python, "-m", "pip", "install", *LOCAL, wheelhouse, "ferrule"], environ=environ)
    listed = {line.split("==")[0].lower()
              for line in run([python, "-m", "pip", "list", "--format=freeze"], environ=environ).stdout.split()}
    assert not listed & {"twine", "keyring", "cryptography", "requests"}, listed
    out = run([python, "-m", "ferrule", "publish", "-p", "token", "--repository-url", "http://127.0.0.1:9/"],
              environ=environ, check=False, cwd=tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "error: ferrule publish uploads with twine, which is not installed" in out.stderr
    assert "pip install 'ferrule[publish]'" in out.stderr
    shutil.rmtree(tmp_path / "venv")
