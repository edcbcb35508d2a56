"""`ferrule publish` against a real pypiserver on 127.0.0.1 (random free port, htpasswd auth), then pip back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from packaging_support import Built, built_mixed, copy_project, env, ferrule, fresh_venv, local_index, run  # noqa: F401

USER, PASSWORD = "uploader", "s3cret-Pa55-word"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    """A pypiserver on loopback only, uploads with USER/PASSWORD; stopped at the end of the module."""
    from passlib.apache import HtpasswdFile

    root = tmp_path_factory.mktemp("index")
    (root / "packages").mkdir()
    htpasswd = HtpasswdFile(str(root / "htpasswd"), new=True)
    htpasswd.set_password(USER, PASSWORD)
    htpasswd.save()
    with local_index(root / "packages", root / "server.log", htpasswd=root / "htpasswd") as url:
        yield url


def _assert_no_password(out: subprocess.CompletedProcess) -> None:
    assert PASSWORD not in out.stdout and PASSWORD not in out.stderr


def test_publish_builds_uploads_and_pip_installs_it_back(index: str, built_mixed: Built, tmp_path: Path) -> None:
    out = ferrule("publish", "--repository-url", index + "/", "-u", USER, "-p", PASSWORD, cwd=built_mixed.project)
    _assert_no_password(out)
    assert "Uploaded pkg_mixed-0.3.0.tar.gz" in out.stderr and "Uploaded pkg_mixed-0.3.0-cp" in out.stderr
    python = fresh_venv(tmp_path / "venv", with_ferrule=False)
    # The package's own dependency (packaging) is not on this index, so only the package is installed.
    run([python, "-m", "pip", "install", "--no-deps", "--index-url", index + "/simple/", "pkg-mixed==0.3.0"])
    result = run([python, "-c", "import pkg_mixed; print(pkg_mixed.add(1, 2), pkg_mixed.__file__)"],
                 cwd=tmp_path)
    value, location = result.stdout.split()
    assert value == "3" and "site-packages" in location


def test_existing_version_is_a_clear_error(index: str, built_mixed: Built) -> None:
    environ = env(FERRULE_REPOSITORY_URL=index + "/", FERRULE_USERNAME=USER, FERRULE_PASSWORD=PASSWORD)
    out = ferrule("publish", str(built_mixed.wheel), cwd=built_mixed.project, environ=environ, check=False)
    _assert_no_password(out)
    assert out.returncode == 1, out.stderr
    assert "error: uploading " in out.stderr and "already on the index" in out.stderr
    assert "Traceback" not in out.stderr


def test_wrong_credentials_are_a_clear_error(index: str, built_mixed: Built) -> None:
    out = ferrule("publish", "--repository-url", index + "/", "-u", USER, "-p", PASSWORD + "-wrong",
                  str(built_mixed.sdist), cwd=built_mixed.project, check=False)
    assert PASSWORD not in out.stdout + out.stderr
    assert out.returncode == 1
    assert "refused the user name or password" in out.stderr and "Traceback" not in out.stderr


def test_missing_password_fails_before_building(built_mixed: Built) -> None:
    environ = env()
    for var in ("FERRULE_PASSWORD", "FERRULE_USERNAME", "FERRULE_REPOSITORY_URL"):
        environ.pop(var, None)
    out = ferrule("publish", "--repository-url", "http://127.0.0.1:9/", cwd=built_mixed.project, environ=environ,
                  check=False)
    assert out.returncode == 1 and "no password or API token given" in out.stderr
