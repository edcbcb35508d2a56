"""Mistakes in a maturin project's config, as `ferrule develop` reports them: one located message with a help
line, exit 1, no traceback, nothing installed. Warnings found on the way are printed before the error.

Each test copies tests/fixtures/maturin_mixed (Cargo.toml in rust/, `manifest-path`) and breaks one thing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "maturin_mixed"
TARGET_DIR = Path(os.environ.get("FERRULE_TEST_TARGET_DIR") or REPO / "target" / "test-crates")


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    return root


def site_files(venv: Path) -> list[str]:
    return sorted(str(p.relative_to(venv)) for p in venv.rglob("*") if "site-packages" in p.parts)


class Broken:
    """A copy of the fixture with edits, and `ferrule develop` run in it."""

    def __init__(self, root: Path, venv: Path) -> None:
        self.root, self.venv = root, venv
        self.pyproject = root / "pyproject.toml"

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.root / path
        text = file.read_text()
        assert old in text, (old, text)
        file.write_text(text.replace(old, new, 1))

    def line_of(self, text: str, path: str = "pyproject.toml") -> tuple[int, int]:
        for number, line in enumerate((self.root / path).read_text().splitlines(), 1):
            if text in line and not line.startswith("#"):
                return number, line.index(text) + 1
        raise AssertionError(text)

    def develop(self, *args: str) -> str:
        """stderr of a develop that must fail as a config mistake does, with nothing installed."""
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
        env.update(CARGO_TARGET_DIR=str(TARGET_DIR), PYTHONPATH=str(REPO / "src"), NO_COLOR="1", PIP_NO_INDEX="1")
        before = site_files(self.venv)
        out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-i", str(self.venv / "bin/python"), *args],
                             capture_output=True, text=True, cwd=self.root, env=env, timeout=600)
        assert out.returncode == 1, out.stderr
        assert "Traceback" not in out.stderr + out.stdout, out.stderr
        assert "Compiling" not in out.stderr, out.stderr
        assert site_files(self.venv) == before
        errors = [line for line in out.stderr.splitlines() if line.startswith("error")
                  and not line.startswith("error: could not generate bindings due to 1 previous error")]
        assert len(errors) == 1, out.stderr
        return out.stderr


@pytest.fixture
def broken(tmp_path: Path, venv: Path) -> Broken:
    root = tmp_path / "mat-demo"
    shutil.copytree(FIXTURE, root)
    return Broken(root, venv)


def error_block(err: str) -> list[str]:
    lines = err[err.index("error:"):].splitlines()
    return lines[:3]


def test_module_name_mismatch_in_a_subfolder_manifest_shows_the_real_path(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'dependencies = ["matdemo-dep>=1.0"]', "dependencies = []")  # offline
    broken.edit("rust/src/lib.rs", "#[pymodule]\n", '#[pymodule]\n#[pyo3(name = "other")]\n')
    line, col = broken.line_of("fn mat_demo", "rust/src/lib.rs")
    err = broken.develop()
    first, where, hint = error_block(err)
    assert first.startswith("error: `#[pymodule]` `other` does not match the module name `mat_demo` (the library "
                            "name in rust/Cargo.toml)"), err
    assert where == f"  --> rust/src/lib.rs:{line}:{col + 3}", err
    assert "CPython imports `mat_demo.mat_demo` by calling `PyInit_mat_demo`" in hint, hint
    assert '#[pyo3(name = "mat_demo")]' in hint and 'module-name = "mat_demo.other"` under [tool.maturin]' in hint


def test_module_name_hint_keeps_the_package_of_a_dotted_module_name(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'dependencies = ["matdemo-dep>=1.0"]', "dependencies = []")
    broken.edit("pyproject.toml", 'python-source = "python"', 'python-source = "python"\nmodule-name = "mat_demo._native"')
    err = broken.develop()
    first, where, hint = error_block(err)
    assert "does not match the module name `_native` (`module-name` in [tool.maturin])" in first, err
    assert where.startswith("  --> rust/src/lib.rs:"), err
    assert '#[pyo3(name = "_native")]' in hint and 'module-name = "mat_demo.mat_demo"' in hint, hint
