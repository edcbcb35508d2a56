"""`ferrule new PATH`: a crate that builds into an importable, typed module."""

from __future__ import annotations

import re
from pathlib import Path

from .cargo_config import write_cargo_config
from .errors import ConfigError

CARGO_TOML = '''[package]
name = "{crate}"
version = "0.1.0"
edition = "2021"

[lib]
name = "{module}"
crate-type = ["cdylib"]

[dependencies]
ferrule-runtime = "0.1"
'''

PYPROJECT = '''[build-system]
requires = ["ferrule>=0.1,<0.2"]
build-backend = "ferrule.backend"

[project]
name = "{crate}"
version = "0.1.0"
requires-python = ">=3.9"
'''

LIB_RS = '''use ferrule::prelude::*;

/// Adds two numbers.
#[pyfunction]
fn add(a: i32, b: i32) -> i32 {{
    a + b
}}

#[pymodule]
fn {module}(m: &Bound<'_, PyModule>) -> PyResult<()> {{
    m.add_function(wrap_pyfunction!(add, m)?)?;
    Ok(())
}}
'''

TEST_PY = '''import {module}


def test_add():
    assert {module}.add(1, 2) == 3
'''

GITIGNORE = '''/target
__pycache__/
*.so
.venv/
'''

_CRATE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def new_project(path: Path) -> Path:
    crate = path.resolve().name
    if not _CRATE_NAME.match(crate):
        raise ConfigError(f"`{crate}` is not a valid crate name",
                          hint="use letters, digits, `_` and `-`, starting with a letter")
    module = crate.replace("-", "_")
    if path.exists() and any(path.iterdir()):
        raise ConfigError(f"{path} already exists and is not empty", hint="choose another path")
    files = {
        "Cargo.toml": CARGO_TOML.format(crate=crate, module=module),
        "pyproject.toml": PYPROJECT.format(crate=crate),
        "src/lib.rs": LIB_RS.format(module=module),
        f"tests/test_{module}.py": TEST_PY.format(module=module),
        ".gitignore": GITIGNORE,
    }
    for rel, text in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_cargo_config(path)
    return path
