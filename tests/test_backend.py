"""ferrule's PEP 517/660 backend driven by the real front-ends: pip wheel, pip install, python -m build, pip -e.

The front-ends run without build isolation (ferrule comes from this checkout, no index is needed).
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from packaging_support import (REPO, Built, built_mixed, copy_project, env, ferrule, fresh_venv,  # noqa: F401
                               only, run, wheel_files)

PIP = ["-m", "pip", "--disable-pip-version-check"]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_venv(tmp_path_factory.mktemp("backend") / "venv")


def test_pip_wheel(built_mixed: Built, venv: Path, tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    run([venv, *PIP, "wheel", "--no-build-isolation", "--no-deps", "-w", tmp_path / "out", "."], cwd=project)
    wheel = only(tmp_path / "out", "*.whl")
    assert wheel.name == built_mixed.wheel.name
    assert sorted(wheel_files(wheel)) == sorted(wheel_files(built_mixed.wheel))


def test_pip_install_into_a_fresh_venv(venv: Path, tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    run([venv, *PIP, "install", "--no-build-isolation", "."], cwd=project)
    out = run([venv, "-c", "import pkg_mixed; print(pkg_mixed.add(40, 2), pkg_mixed.__file__)"], cwd=venv.parent)
    answer, location = out.stdout.split()
    assert answer == "42" and "site-packages" in location
    run([venv, *PIP, "uninstall", "-y", "pkg-mixed"])


def test_python_m_build_sdist_then_wheel_from_it(built_mixed: Built, tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    run([sys.executable, "-m", "build", "--no-isolation", "-o", tmp_path / "dist", "."], cwd=project)
    sdist, wheel = only(tmp_path / "dist", "*.tar.gz"), only(tmp_path / "dist", "*.whl")
    assert (sdist.name, wheel.name) == (built_mixed.sdist.name, built_mixed.wheel.name)
    # python -m build made the wheel from the sdist; the same files as ferrule build from the tree.
    first, second = wheel_files(built_mixed.wheel), wheel_files(wheel)
    assert sorted(first) == sorted(second)
    assert all(first[n] == second[n] for n in first if not n.endswith((".so", "/RECORD")))
    with tarfile.open(sdist) as a, tarfile.open(built_mixed.sdist) as b:
        assert a.getnames() == b.getnames()


def test_pip_install_editable_uses_sources_in_place(venv: Path, tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    run([venv, *PIP, "install", "--no-build-isolation", "-e", "."], cwd=project)
    show = "import pkg_mixed; print(pkg_mixed.twice(5), pkg_mixed.__file__)"
    answer, location = run([venv, "-c", show], cwd=venv.parent).stdout.split()
    assert answer == "10" and Path(location) == project / "pkg_mixed/__init__.py"
    # Python edits show without reinstalling.
    helpers = project / "pkg_mixed/helpers.py"
    helpers.write_text(helpers.read_text().replace("return add(x, x)", "return add(x, x) + 1000"))
    assert run([venv, "-c", show], cwd=venv.parent).stdout.split()[0] == "1010"
    # `ferrule develop` refreshes the extension in place.
    lib = project / "src/lib.rs"
    lib.write_text(lib.read_text().replace("a + b", "a + b + 1"))
    ferrule("develop", "-i", venv, cwd=project)
    assert run([venv, "-c", "import pkg_mixed; print(pkg_mixed.add(1, 1))"], cwd=venv.parent).stdout.strip() == "3"
    run([venv, *PIP, "uninstall", "-y", "pkg-mixed"])
    assert run([venv, "-c", "import pkg_mixed"], cwd=venv.parent, check=False).returncode != 0


def test_backend_reports_bad_pyproject_without_a_traceback(venv: Path, tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('dynamic = ["version"]', 'dynamic = ["version", 3]'))
    out = run([venv, *PIP, "wheel", "--no-build-isolation", "--no-deps", "-w", tmp_path / "out", "."], cwd=project,
              check=False)
    assert out.returncode != 0
    assert "project.dynamic" in out.stderr + out.stdout, out.stderr + out.stdout
    assert "Traceback" not in out.stderr + out.stdout


def test_ferrule_builds_its_own_wheel_and_sdist(tmp_path: Path) -> None:
    run([sys.executable, "-m", "build", "--no-isolation", "-o", tmp_path, REPO])
    wheel, sdist = only(tmp_path, "ferrule-*.whl"), only(tmp_path, "ferrule-*.tar.gz")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert {"ferrule/backend.py", "ferrule/archive/wheel.py", "ferrule/runtime/ferrule/Cargo.toml",
            "ferrule/runtime/ferrule-macros/Cargo.toml", "ferrule/runtime/ferrule-core/Cargo.toml",
            "ferrule/interpreter/probe_script.py"} <= names
    assert not any("/target/" in n for n in names)
    with tarfile.open(sdist) as tar:
        assert any(n.endswith("/src/ferrule/backend.py") for n in tar.getnames())
