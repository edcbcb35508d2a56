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
ferrule-runtime = {{ version = "0.1", registry = "ferrule" }}  # registry `ferrule`: defined by .cargo/config.toml, which `ferrule cargo-config` writes
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

MIXED_TOOL = '''
[tool.ferrule]
python-source = "{source}"
'''

INIT_PY = '''from .{module} import *  # noqa: F401,F403
from . import {module} as _native

__doc__ = _native.__doc__
if hasattr(_native, "__all__"):
    __all__ = _native.__all__
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


def project_files(crate: str, *, mixed: bool = False, src: bool = False) -> dict[str, str]:
    """maturin's layouts: pure Rust; `--mixed` (python/<module>/); `--mixed --src` (src/<module>/, rust/)."""
    module = crate.replace("-", "_")
    pyproject = PYPROJECT.format(crate=crate)
    rust = "rust/" if src else ""
    files = {
        f"{rust}Cargo.toml": CARGO_TOML.format(crate=crate, module=module),
        f"{rust}src/lib.rs": LIB_RS.format(module=module),
        ".gitignore": GITIGNORE,
        f"tests/test_{module}.py": TEST_PY.format(module=module),
    }
    if mixed:
        source = "src" if src else "python"
        pyproject += MIXED_TOOL.format(source=source)
        if src:
            pyproject += 'manifest-path = "rust/Cargo.toml"\n'
        files[f"{source}/{module}/__init__.py"] = INIT_PY.format(module=module)
    files["pyproject.toml"] = pyproject
    return files


def new_project(path: Path, *, name: str | None = None, mixed: bool = False, src: bool = False,
                init: bool = False) -> Path:
    """`ferrule new PATH` (a new folder) or, with `init`, `ferrule init` in an existing one."""
    crate = name or path.resolve().name
    if not _CRATE_NAME.match(crate):
        raise ConfigError(f"`{crate}` is not a valid crate name",
                          hint="use letters, digits, `_` and `-`, starting with a letter" +
                               ("" if name else "; or pass --name"))
    if src and not mixed:
        raise ConfigError("--src is a layout of mixed Rust/Python projects", hint="pass --mixed --src")
    if init:
        for marker in ("pyproject.toml", "Cargo.toml"):
            if (path / marker).exists():
                raise ConfigError(f"{path / marker} already exists: `ferrule init` sets up a new project only",
                                  hint="port the existing project by hand, or run `ferrule new` elsewhere")
    elif path.exists() and any(path.iterdir()):
        raise ConfigError(f"{path} already exists and is not empty",
                          hint="choose another path, or run `ferrule init` inside it")
    for rel, text in project_files(crate, mixed=mixed, src=src).items():
        target = path / rel
        if init and target.exists():
            continue  # init keeps what the folder already has (.gitignore, tests)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_cargo_config(path)  # at the top: cargo looks for .cargo/ from the current folder upwards
    return path
