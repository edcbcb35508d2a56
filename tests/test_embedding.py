"""Rust code that starts Python itself: `cargo test` with `auto-initialize`, and programs embedding Python.

Plain cargo builds them once `ferrule cargo-config` has written the project's config; outside ferrule's own
(extension-module) builds the runtime links libpython, as PyO3 does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ferrule.cargo_config import write_cargo_config

REPO = Path(__file__).resolve().parent.parent

CARGO_TOML = """[package]
name = "embeds"
version = "0.1.0"
edition = "2021"

[features]
default = ["auto"]
auto = ["pyo3/auto-initialize"]

[dependencies]
pyo3 = { package = "ferrule-runtime", version = "0.1", registry = "ferrule" }
"""

LIB_RS = """use pyo3::prelude::*;

pub fn square_root(x: f64) -> PyResult<f64> {
    Python::attach(|py| py.import("math")?.getattr("sqrt")?.call1((x,))?.extract())
}

#[cfg(test)]
mod tests {
    #[test]
    fn attach_starts_the_interpreter() {
        assert_eq!(super::square_root(16.0).unwrap(), 4.0);
    }

    #[test]
    fn python_errors_come_back_as_pyerr() {
        let err = super::square_root(-1.0).unwrap_err();
        pyo3::Python::attach(|py| assert!(err.is_instance_of::<pyo3::exceptions::PyValueError>(py)));
    }
}
"""

MAIN_RS = """use pyo3::prelude::*;

fn main() -> PyResult<()> {
    if std::env::args().any(|arg| arg == "--initialize") {
        Python::initialize();
    }
    let version: String = Python::attach(|py| py.import("sys")?.getattr("version")?.extract())?;
    println!("embedded {version}");
    println!("sqrt {}", embeds::square_root(2.25)?);
    Ok(())
}
"""


@pytest.fixture(scope="module")
def crate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("embed") / "embeds"
    (root / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text(CARGO_TOML)
    (root / "src" / "lib.rs").write_text(LIB_RS)
    (root / "src" / "main.rs").write_text(MAIN_RS)
    write_cargo_config(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FERRULE_")}
    # This interpreter, as PyO3 would be told; its libpython may sit outside the loader's path (pyenv).
    env.update(PYO3_PYTHON=sys.executable, CARGO_TARGET_DIR=str(REPO / "target" / "test-embedding"),
               LD_LIBRARY_PATH=str(sysconfig.get_config_var("LIBDIR") or ""))
    return root, env


def _cargo(crate: tuple[Path, dict[str, str]], *args: str) -> subprocess.CompletedProcess:
    root, env = crate
    return subprocess.run(["cargo", *args], cwd=root, capture_output=True, text=True, env=env)


def test_cargo_test_with_auto_initialize(crate) -> None:
    out = _cargo(crate, "test", "--lib")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "test result: ok. 2 passed" in out.stdout


def test_a_program_embedding_python(crate) -> None:
    out = _cargo(crate, "run", "-q")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"embedded {sys.version}", "sqrt 1.5"]


def test_without_auto_initialize_attach_says_what_to_do(crate) -> None:
    out = _cargo(crate, "run", "-q", "--no-default-features")
    assert out.returncode != 0
    assert "The Python interpreter is not initialized and the `auto-initialize` feature is not enabled" \
        in out.stderr
    assert "Consider calling `Python::initialize()`" in out.stderr


def test_without_auto_initialize_after_python_initialize(crate) -> None:
    out = _cargo(crate, "run", "-q", "--no-default-features", "--", "--initialize")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == f"embedded {sys.version}"
