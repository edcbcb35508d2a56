"""A project built with setuptools-rust (`[[tool.setuptools-rust.ext-modules]]`, as bcrypt is) is found and
read by `ferrule develop`/`build` from its own folder, like a maturin project; what ferrule cannot follow is one
error at its key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.errors import ConfigError
from ferrule.project import find_manifest, load_project

REPO = Path(__file__).resolve().parent.parent
CRATE = """[package]
name = "hasher-rs"
version = "0.3.0"
edition = "2018"

[lib]
name = "hasher_rs"
crate-type = ["cdylib"]

[features]
fast = []

[dependencies]
pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule", features = ["abi3-py310"] }
"""
PYPROJECT = """[build-system]
requires = ["setuptools", "setuptools-rust"]
build-backend = "setuptools.build_meta"

[project]
name = "hasher"
version = "0.3.0"

[tool.setuptools]
package-dir = {"" = "src"}
packages = ["hasher"]

[[tool.setuptools-rust.ext-modules]]
target = "hasher._native"
path = "src/_native/Cargo.toml"
features = ["fast"]
py-limited-api = "auto"
rust-version = ">=1.70"
"""


def _project(tmp_path: Path, entries: str = "") -> Path:
    """Python package in src/hasher, the crate in src/_native (bcrypt's layout)."""
    (tmp_path / "src" / "hasher").mkdir(parents=True)
    (tmp_path / "src" / "hasher" / "__init__.py").write_text("from ._native import digest\n")
    crate = tmp_path / "src" / "_native"
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text(CRATE)
    (crate / "src" / "lib.rs").write_text("")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT + entries)
    return tmp_path


def test_the_extension_entry_gives_module_manifest_and_features(tmp_path: Path) -> None:
    root = _project(tmp_path)
    manifest = find_manifest(None, cwd=root)  # `ferrule develop` in the project's folder
    assert manifest == (root / "src" / "_native" / "Cargo.toml").resolve()
    project = load_project(manifest)
    assert project.pyproject == root / "pyproject.toml"
    assert project.module_name == "hasher._native"
    assert project.features == ("fast",)
    assert project.python_source == root / "src"
    assert project.abi3 == "3.10"  # py-limited-api = "auto": the runtime's abi3 feature decides


def test_limited_api_level_and_cargo_options(tmp_path: Path) -> None:
    root = _project(tmp_path)
    text = (root / "pyproject.toml").read_text().replace('py-limited-api = "auto"', 'py-limited-api = "cp311"')
    (root / "pyproject.toml").write_text(text + 'debug = true\nstrip = "All"\ncargo-manifest-args = ["--locked"]\n')
    project = load_project(root / "src" / "_native" / "Cargo.toml")
    assert project.abi3 == "3.11"
    assert (project.cargo.profile, project.cargo.strip, project.cargo.locked) == ("dev", True, True)


def _error(root: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_project(find_manifest(None, cwd=root))
    return caught.value


def test_a_second_extension_is_refused_at_its_entry(tmp_path: Path) -> None:
    root = _project(tmp_path, '\n[[tool.setuptools-rust.ext-modules]]\ntarget = "hasher._other"\n')
    err = _error(root)
    assert "2 [[tool.setuptools-rust.ext-modules]] entries: ferrule builds one extension module" in str(err)
    headers = [i for i, text in enumerate((root / "pyproject.toml").read_text().splitlines(), 1)
               if text == "[[tool.setuptools-rust.ext-modules]]"]
    assert (err.line, err.col) == (headers[1], 1)


@pytest.mark.parametrize("line, message", [
    ('args = ["--verbose"]', "[[tool.setuptools-rust.ext-modules]] `args` is not supported by ferrule"),
    ('binding = "RustCPython"', "binding = 'RustCPython' is not supported by ferrule"),
    ('native2 = true', "unknown key `native2` in [[tool.setuptools-rust.ext-modules]]"),
])
def test_what_ferrule_cannot_follow_is_an_error_at_its_key(tmp_path: Path, line: str, message: str) -> None:
    root = _project(tmp_path, line + "\n")
    err = _error(root)
    assert message in str(err)
    assert (err.path, err.line, err.col) == (root / "pyproject.toml", len(PYPROJECT.splitlines()) + 1, 1)


def test_develop_reports_a_mistake_once_without_traceback(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text((root / "pyproject.toml").read_text().replace('["fast"]', '"fast"'))
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "--skip-install"], cwd=root,
                         capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO / "src")))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith("error: [tool.setuptools-rust.ext-modules] `features` must be a list of strings, "
                                 "not str"), out.stderr
    line = (root / "pyproject.toml").read_text().splitlines().index('features = "fast"') + 1
    assert f"--> {root / 'pyproject.toml'}:{line}:1" in out.stderr


SETUP_PY = """from setuptools import setup
from setuptools_rust import Binding, RustExtension

setup(
    name="hasher",
    rust_extensions=[
        RustExtension(
            "hasher._native",
            path="src/_native/Cargo.toml",
            binding=Binding.PyO3,
            debug=False,
            features={features},
        )
    ],
    package_dir={{"": "src"}},
)
"""


def _setup_py_project(tmp_path: Path, features: str = '["fast"]') -> Path:
    """tiktoken's form: the extension declared in setup.py, pyproject.toml with [project] only."""
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text(PYPROJECT[:PYPROJECT.index("[tool.setuptools]")])
    (root / "setup.py").write_text(SETUP_PY.format(features=features))
    return root


def test_setup_py_rust_extension_is_read_without_running_it(tmp_path: Path) -> None:
    root = _setup_py_project(tmp_path)
    project = load_project(find_manifest(None, cwd=root))
    assert project.manifest == (root / "src" / "_native" / "Cargo.toml").resolve()
    assert (project.module_name, project.features) == ("hasher._native", ("fast",))
    assert project.python_source == root / "src"
    assert project.cargo.profile == "release"  # debug=False: release even for `develop`, as setuptools-rust


def test_setup_py_debug_left_unset_lets_the_command_choose(tmp_path: Path) -> None:
    root = _setup_py_project(tmp_path)
    (root / "setup.py").write_text((root / "setup.py").read_text().replace("            debug=False,\n", ""))
    assert load_project(find_manifest(None, cwd=root)).cargo.profile is None


def test_setup_py_argument_that_is_not_a_literal_is_an_error_there(tmp_path: Path) -> None:
    root = _setup_py_project(tmp_path, features="FEATURES")
    err = _error(root)
    assert "setup.py's RustExtension argument `features` is not a literal" in str(err)
    line = (root / "setup.py").read_text().splitlines().index("            features=FEATURES,") + 1
    assert (err.path, err.line, err.col) == (root / "setup.py", line, len("            features=") + 1)
