"""Every mistake is reported by the real CLI, rustc-style, with exit code 1 and no traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TARGET_DIR = REPO / "target" / "test-crates"
VENV_PYTHON = sys.executable


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(TARGET_DIR)
    env["PYTHONPATH"] = str(REPO / "src")
    return env


def ferrule(*args: str, env: dict[str, str] | None = None, python: str = VENV_PYTHON,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "ferrule", *args], capture_output=True, text=True,
                          env=env or base_env(), cwd=cwd, timeout=600)


def develop(fixture: str, **kwargs) -> subprocess.CompletedProcess:
    return ferrule("develop", "-m", str(FIXTURES / fixture / "Cargo.toml"), "-i", VENV_PYTHON, **kwargs)


def assert_failed(out: subprocess.CompletedProcess) -> str:
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout, out.stderr
    return out.stderr


def blocks(stderr: str) -> list[str]:
    """The `error: ...` blocks of ferrule's report."""
    return [b.strip() for b in re.split(r"\n\s*\n", stderr) if b.strip().startswith("error")]


def test_all_binding_errors_are_reported_in_one_run() -> None:
    err = assert_failed(develop("bad_bindings"))
    expected = [
        ("error: unknown option `nmae` for `#[pyfunction]`", "src/lib.rs:5:14", "did you mean `name`?"),
        ("error: unknown option `signture` for `#[pyfunction]`", "src/lib.rs:9:8", "did you mean `signature`?"),
        ("error: signature entry `c` is not a parameter of `names_missing`", "src/lib.rs:13:8", None),
        ("error: parameter `b` of `names_missing` is missing from the signature", "src/lib.rs:13:8", None),
        ("error: unsupported type for parameter `v`: `&mut`", "src/lib.rs:17:14", None),
        ("error: unsupported type for parameter `v`: a trait object or `impl Trait`", "src/lib.rs:20:15", None),
        ("error: async functions are only supported with the `experimental-async` feature", "src/lib.rs:23:1",
         'features = ["experimental-async"]'),
        ("error: generic function `is_generic` cannot be a `#[pyfunction]`", "src/lib.rs:26:14", None),
        ("error: `#[pymodule]` `wrong_name` does not match the module name `bad_bindings` (the library name in "
         "Cargo.toml)", "src/lib.rs:29:4",
         "PyInit_bad_bindings"),
        ("error: signature entry `y` is not a parameter of `elsewhere`", "src/more.rs:5:8", None),
    ]
    found = blocks(err)
    assert len(found) == len(expected) + 1, err
    for block, (message, location, hint) in zip(found, expected):
        lines = block.splitlines()
        assert lines[0].startswith(message), block
        assert lines[1] == f"  --> {location}", block
        assert lines[2].startswith("  = help: "), block
        if hint:
            assert hint in lines[2], block
    assert found[-1] == "error: could not generate bindings due to 10 previous errors"
    # Nothing was built: the report comes before cargo compiles anything.
    assert "Compiling" not in err


@pytest.mark.parametrize("fixture, message, location, hint", [
    ("no_cdylib", "the crate does not build a `cdylib`", "no_cdylib/Cargo.toml:7:1",
     'write `crate-type = ["cdylib", "rlib"]`'),
    ("no_pyproject", "no pyproject.toml next to", None, "[project]"),
    ("bad_toml", "invalid TOML: Invalid value", "bad_toml/pyproject.toml:11:1", None),
    ("unknown_key", "unknown key `module-nme` in [tool.ferrule]", "unknown_key/pyproject.toml:10:1",
     "did you mean `module-name`?"),
    ("no_dep", "the crate does not depend on ferrule's runtime", "no_dep/Cargo.toml:9:1", 'ferrule-runtime = { version = "0.1", registry = "ferrule" }'),
])
def test_project_configuration_errors(fixture: str, message: str, location: str | None, hint: str | None) -> None:
    err = assert_failed(develop(fixture))
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"error: {message}"), err
    if location:
        assert lines[1].startswith("  --> ") and lines[1].endswith(location), err
    if hint:
        assert lines[-1].startswith("  = help: ") and hint in lines[-1], err


def test_missing_cargo_toml(tmp_path: Path) -> None:
    err = assert_failed(ferrule("develop", "-m", str(tmp_path / "Cargo.toml"), "-i", VENV_PYTHON))
    assert err.startswith(f"error: no Cargo.toml at {tmp_path / 'Cargo.toml'}"), err
    err = assert_failed(ferrule("develop", "-i", VENV_PYTHON, cwd=tmp_path))
    assert err.startswith(f"error: no Cargo.toml in {tmp_path.resolve()} or any parent folder"), err
    assert "ferrule new" in err


def _system_python() -> str:
    """A CPython that is not a virtualenv, of the same version as this one (so it can load tree-sitter)."""
    version = ".".join(map(str, sys.version_info[:3]))
    for candidate in (Path.home() / ".pyenv" / "versions" / version / "bin" / "python",
                      Path(sys.base_prefix) / "bin" / "python3"):
        if candidate.exists():
            return str(candidate)
    pytest.fail(f"no non-virtualenv CPython {version} found to run ferrule outside a venv")


def test_develop_outside_a_virtualenv_without_interpreter() -> None:
    python = _system_python()
    env = base_env()
    env.pop("VIRTUAL_ENV", None)
    env.pop("CONDA_PREFIX", None)
    site = subprocess.run([VENV_PYTHON, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), site])
    out = ferrule("develop", "-m", str(FIXTURES / "shapes" / "Cargo.toml"), python=python, env=env)
    err = assert_failed(out)
    assert err.startswith("error: no virtualenv is active and no `.venv` is beside the project, so there is "
                          "nowhere to install"), err
    assert "= help: " in err and "-i" in err


def test_develop_never_installs_into_the_environment_ferrule_runs_from(tmp_path: Path) -> None:
    """As maturin: no active venv and no `.venv` is an error, even when ferrule itself runs in a venv (pipx's)."""
    env = base_env()
    env.pop("VIRTUAL_ENV", None)
    env.pop("CONDA_PREFIX", None)
    project = tmp_path / "shapes"
    shutil.copytree(FIXTURES / "shapes", project, ignore=shutil.ignore_patterns("target", ".venv"))
    out = ferrule("develop", "-m", str(project / "Cargo.toml"), env=env, cwd=tmp_path)
    err = assert_failed(out)
    assert "nowhere to install" in err and "ferrule's own environment" in err, err


def test_no_cargo_on_path(tmp_path: Path) -> None:
    env = base_env()
    env.pop("CARGO", None)
    cargo = shutil.which("cargo")
    assert cargo is not None
    cargo_dir = str(Path(cargo).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p) / "cargo").exists()) or str(tmp_path)
    assert shutil.which("cargo", path=env["PATH"]) is None, cargo_dir
    err = assert_failed(develop("shapes", env=env))
    assert err.startswith("error: cargo was not found on PATH"), err
    assert "= help: install Rust" in err


def test_rust_compile_error_passes_through() -> None:
    out = develop("compile_error")
    err = assert_failed(out)
    # cargo's own diagnostic for the user's code ...
    assert re.search(r"^error\[E0277\]: cannot add `&str` to `i64`$", err, re.M), err
    assert re.search(r"^ *--> src/lib\.rs:5:7$", err, re.M), err
    # ... then cargo's closing line, as plain cargo orders them ...
    assert err.index("error[E0277]") < err.index("error: could not compile `compile_error`"), err
    # ... then one line from ferrule, at the end.
    ferrule_lines = [line for line in err.splitlines() if line.startswith("error: cargo build failed")]
    assert len(ferrule_lines) == 1, err
    tail = err.strip().splitlines()
    assert tail[-2] == "error: cargo build failed" and tail[-1].startswith("  = help: "), err


def test_item_ferrule_cannot_see_gets_a_ferrule_explanation() -> None:
    err = assert_failed(develop("macro_item"))
    assert "error: ferrule generated no glue for this item" in err, err
    assert err.count("ferrule generated no glue") == 1, err  # `Written`; `hidden` and `made` are bound
    # An item another crate's procedural macro writes: the error names the macro.
    assert "it is written by the macro `writer::make_class!`, which ferrule cannot expand" in err, err
    assert "couldn't read" not in err, err


def test_rustc_errors_in_glue_are_reported_at_the_users_items() -> None:
    """What rustc finds in generated glue is said again at the parameter or return type, in the user's terms."""
    err = assert_failed(develop("glue_errors"))
    # rustc's own report of what ferrule says again would point into generated files: not shown.
    assert set(re.findall(r"^\s*--> ([^:]+):", err, re.M)) == {"src/lib.rs"}, err
    # ferrule said every rustc error again: cargo's count of them ("could not compile ... due to 21 previous
    # errors") and rustc's `--explain` note would contradict its own count, so neither is shown.
    assert "could not compile" not in err and "rustc --explain" not in err, err
    ours = err
    expected = [
        ("`Stamp` cannot be used as a Python function argument", "src/lib.rs:7:12", "parameter `since`"),
        ("`Stamp` cannot be converted to a Python object (the return type of `now`)", "src/lib.rs:12:13",
         "IntoPyObject"),
        # PyO3 0.29 refuses a `Box<T>` parameter with the same words.
        ("`Box<i64>` cannot be used as a Python function argument", "src/lib.rs:19:10",
         "take `i64` and write `Box::new(..)`"),
        ("`__len__` must return `usize` (or `PyResult<usize>`), not `Stamp`", "src/lib.rs:30:26",
         "change the return type"),
        # Methods whose call is the runtime's shared one: the parameter, the return type.
        ("`Stamp` cannot be used as a Python function argument", "src/lib.rs:34:32", "parameter `since` of `weigh`"),
        ("`Stamp` cannot be converted to a Python object (the return type of `stamp`)", "src/lib.rs:38:28",
         "IntoPyObject"),
        # A `#[pyfunction]` declared in the module's body: its glue is pasted at the attribute.
        ("`Stamp` cannot be used as a Python function argument", "src/lib.rs:72:22", "parameter `stamp`"),
        ("`#[pyclass(from_py_object)]` needs `Ledger: Clone`", "src/lib.rs:64:8", "derive or implement `Clone`"),
        # A default of the wrong type is the signature's mistake; a missing `from_py_with` function the parameter's.
        ("the default `7` of `label` is not a `&str` (or `Option<&str>`)", "src/lib.rs:45:8", "without `Some`"),
        ("the default `EMPTY` of `bag` is not a `&Bag`", "src/lib.rs:91:8", "the parameter's type"),
        ("cannot find value `read_stamp` in this scope (in the glue ferrule generated for parameter `stamp` of "
         "`parsed`)", "src/lib.rs:51:46", "E0425"),
        # A derived conversion's field type without `FromPyObject`: at that field.
        ("the trait bound `Stamp: ferrule::FromPyObject<'_, '_>` is not satisfied (in the glue ferrule generated "
         "for this item)", "src/lib.rs:59:5", "E0277"),
    ]
    for message, where, hint in expected:
        block = re.search(rf"^error: {re.escape(message)}\n  --> {re.escape(where)}\n  = help: .*{re.escape(hint)}",
                          ours, re.M)
        assert block, f"{message} at {where}:\n{ours}"
    assert ours.rstrip().endswith("could not generate bindings due to 12 previous errors"), ours
    assert "(pasted at src/lib.rs:71)" in ours, ours
    assert "cargo build failed" not in ours


def test_std_types_without_conversions_are_reported_before_cargo() -> None:
    err = assert_failed(develop("std_types"))
    assert "Compiling" not in err and "could not compile" not in err, err
    expected = [
        ("`Instant` cannot be used as a Python function argument", "src/lib.rs:7:12"),
        ("`Instant` cannot be converted to a Python object (the return type of `now`)", "src/lib.rs:12:13"),
        ("`__len__` must return `usize` (or `PyResult<usize>`), not `String`", "src/lib.rs:23:26"),
    ]
    for message, where in expected:
        assert re.search(rf"^error: {re.escape(message)}\n  --> {re.escape(where)}$", err, re.M), err
    assert err.rstrip().endswith("could not generate bindings due to 3 previous errors"), err


def test_paths_into_dependencies_ferrule_cannot_bind() -> None:
    """A path dependency without the runtime, and a registry dependency: one error each, at the
    `add_class` line, before cargo builds anything."""
    err = assert_failed(develop("dep_errors"))
    assert "Compiling" not in err, err
    expected = [
        ("src/lib.rs:6:19", "`plain` (the path dependency `plain`) does not depend on ferrule's runtime"),
        ("src/lib.rs:7:19", "`pyo3_build_config` is the registry or git dependency `pyo3-build-config`, whose "
                           "sources ferrule does not read"),
    ]
    for where, message in expected:
        assert re.search(rf"^error: cannot find the `#\[pyclass\]` `[\w:]+`: {re.escape(message)}.*\n  --> "
                         rf"{re.escape(where)}$", err, re.M), err
    assert "make it a path dependency" in err
    assert err.rstrip().endswith("could not generate bindings due to 2 previous errors"), err


def test_rustc_errors_in_a_dependency_crates_glue_are_reported_at_its_items() -> None:
    """A dependency's glue is compiled inside it: rustc's errors there are said at its item too."""
    err = assert_failed(develop("dep_glue_errors"))
    ours = err
    assert re.search(r"^error: `Token` cannot be used as a Python function argument\n  --> tokens/src/lib.rs:7:18\n"
                     r"  = help: parameter `token` of `token_len`", ours, re.M), ours


def test_unresolvable_members_are_one_error_each_at_their_line() -> None:
    """An ambiguous glob, a path that fails and a `#[pymodule_export] use` of nothing: one error each at the
    line naming the member, saying what was looked up and where; the word "macro" only where one is."""
    err = assert_failed(develop("resolution_errors"))
    assert "Compiling" not in err, err
    expected = [
        ("src/lib.rs:18:19", "cannot find the `#[pyclass]` `Shape`: `Shape` is ambiguous in `crate`: both "
                            "`use shapes::*;` (lib.rs:7) and `use tools::*;` (lib.rs:8) bring one in"),
        ("src/lib.rs:19:19", "cannot find the `#[pyclass]` `shapes::nested::Circle`: `crate::shapes` (shapes.rs) "
                            "has no item `nested`"),
        ("src/lib.rs:20:19", "`Made` is `struct Made` (lib.rs:12), which has no `#[pyclass]`; `#[pyclass_like]` "
                            "(lib.rs:11:1) on it may be another crate's macro, which ferrule cannot expand: write "
                            "`#[pyclass]` on `Made` in this crate's source"),
        ("src/lib.rs:21:19", "`Derived` is `struct Derived` (lib.rs:14), which has no `#[pyclass]`; "
                            "`#[derive(other::PyLike)]` (lib.rs:13:1) on it may be another crate's macro"),
        ("src/lib.rs:22:19", "cannot find the `#[pyclass]` `written::Written`: no item `Written` is declared or "
                            "imported in `crate::written` (written.rs); it may be written by the macro "
                            "`other::make_class!` (written.rs:1:1)"),
        ("src/lib.rs:30:5", "cannot find the `#[pyfunction]`, `#[pyclass]`, `#[pymodule]` or exception "
                            "`crate::tools::Missing`: `use crate::tools::Missing;` (lib.rs:30): `crate::tools` "
                            "(tools.rs) has no item `Missing`"),
    ]
    found = blocks(err)
    assert len(found) == len(expected) + 1, err
    for block, (where, message) in zip(found, expected):
        lines = block.splitlines()
        assert lines[0].startswith(f"error: {message}"), block
        assert lines[1] == f"  --> {where}", block
        if "macro" not in message:
            assert "macro" not in block, block
    assert found[-1] == "error: could not generate bindings due to 6 previous errors"
