"""Mistakes in a maturin project's config, as `ferrule develop` reports them: one located message with a help
line, exit 1, no traceback, nothing installed. Warnings found on the way are printed before the error.

Each test copies tests/fixtures/maturin_mixed (Cargo.toml in rust/, `manifest-path`) and breaks one thing.
"""

from __future__ import annotations

import os
import re
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


def test_tool_maturin_beside_tool_ferrule_is_said_to_be_ignored(broken: Broken) -> None:
    broken.edit("pyproject.toml", "[tool.maturin]\n", '[tool.ferrule]\nmodule-name = "1bad"\n\n[tool.maturin]\n')
    line, _ = broken.line_of("[tool.maturin]")
    err = broken.develop()
    warnings = [w for w in err.splitlines() if w.startswith("warning:")]
    assert warnings == [f"warning: {broken.pyproject}:{line}:1: [tool.maturin] is ignored because [tool.ferrule] "
                        "is present; move its keys into [tool.ferrule] (or remove [tool.ferrule] to use "
                        "[tool.maturin])"], err
    assert err.index("warning:") < err.index("error:")
    assert "module-name `1bad` is not a Python import name" in err


@pytest.mark.parametrize("where", ["config", "cli"])
def test_a_profile_cargo_toml_does_not_define_is_named_where_it_was_asked(broken: Broken, where: str) -> None:
    if where == "config":
        broken.edit("pyproject.toml", 'profile = "quick"', 'profile = "quik"')
        err = broken.develop()
        line, col = broken.line_of('profile = "quik"')
        assert f"  --> {broken.pyproject}:{line}:{col}" in err, err
    else:
        err = broken.develop("--profile", "fast")
        assert "--profile fast: " in err and "-->" not in err, err
    assert "is not defined in rust/Cargo.toml" in err and "= help: add `[profile." in err, err


@pytest.mark.parametrize("where", ["config", "cli"])
def test_a_feature_cargo_toml_does_not_define_lists_the_ones_it_does(broken: Broken, where: str) -> None:
    if where == "config":
        broken.edit("pyproject.toml", 'features = ["polite"]', 'features = ["polite", "shoutt"]')
        err = broken.develop()
        line, col = broken.line_of('"shoutt"')
        assert f"  --> {broken.pyproject}:{line}:{col}" in err, err
    else:
        err = broken.develop("--features", "shoutt")
        assert "--features shoutt: " in err, err
    assert "the feature `shoutt` is not defined in rust/Cargo.toml (its features: `polite`, `shout`)" in err, err


def test_an_invalid_dependency_is_shown_at_its_string_with_packagings_reason(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'dependencies = ["matdemo-dep>=1.0"]',
                'dependencies = [\n    "matdemo-dep>=1.0",\n    "bad dep >= 2",\n]')
    line, col = broken.line_of('"bad dep')
    err = broken.develop()
    first, where, hint = error_block(err)
    assert first.startswith("error: invalid requirement `bad dep >= 2` in [project] `dependencies[1]`: Expected"), err
    assert "InvalidRequirement(" not in err
    assert where == f"  --> {broken.pyproject}:{line}:{col}" and hint.startswith("  = help: write a PEP 508"), err


def test_an_invalid_dependency_group_entry_is_located_too(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'test = ["matdemo-group"]', 'test = ["matdemo group"]')
    line, col = broken.line_of('"matdemo group"')
    err = broken.develop("-G", "test")
    assert f"  --> {broken.pyproject}:{line}:{col}" in err and "[dependency-groups] `test`" in err, err


@pytest.mark.parametrize("old, new, message, help", [
    ('name = "mat-demo"', 'name = "mat demo!"', "Invalid project name 'mat demo!'", '`name = "mat-demo"`'),
    ('dynamic = ["version"]', 'version = "banana"', "invalid PEP 440 version string (got 'banana')",
     'version = "1.0.0"'),
    ('requires-python = ">=3.9"', 'requires-python = ">=3.x"', "invalid Python version specifier",
     'requires-python = ">=3.9"'),
])
def test_a_bad_name_version_or_specifier_has_a_help_line(broken: Broken, old: str, new: str, message: str,
                                                         help: str) -> None:
    broken.edit("pyproject.toml", old, new)
    line, col = broken.line_of(new)
    err = broken.develop()
    first, where, hint = error_block(err)
    assert message in first and where == f"  --> {broken.pyproject}:{line}:{col + new.index('=') + 2}", err
    assert hint.startswith("  = help: ") and help in hint, err


def test_a_missing_name_points_at_the_project_header(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'name = "mat-demo"\n', "")
    line, _ = broken.line_of("[project]")
    err = broken.develop()
    assert error_block(err)[1] == f"  --> {broken.pyproject}:{line}:1", err


def test_project_warnings_are_printed_before_a_failure(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'requires-python = ">=3.9"', 'requires-pyton = ">=3.9"\nname2 = "x"')
    broken.edit("pyproject.toml", 'python-source = "python"', 'python-source = "pithon"')
    line, col = broken.line_of("requires-pyton")
    err = broken.develop()
    assert f"warning: {broken.pyproject}:{line}:{col}: unknown key `requires-pyton` in [project] is ignored; " \
           "did you mean `requires-python`?" in err, err
    assert err.index("warning:") < err.index("error: python-source `pithon`"), err


def test_an_interpreter_requires_python_excludes_is_refused(broken: Broken) -> None:
    broken.edit("pyproject.toml", 'requires-python = ">=3.9"', 'requires-python = ">=3.99"')
    line, col = broken.line_of('requires-python')
    err = broken.develop()
    version = ".".join(map(str, sys.version_info[:3]))
    first, where, hint = error_block(err)
    assert re.match(rf"error: Python {re.escape(version)} \(.*\) does not satisfy requires-python `>=3.99`$", first)
    assert where == f"  --> {broken.pyproject}:{line}:{col}" and "-i python3.X" in hint, err


@pytest.mark.parametrize("new, message, help", [
    ('readme = "NOPE.md"', "Readme file not found ('NOPE.md')", "create the file, or fix the path"),
    ('license-files = ["NOPE*"]', "'NOPE*' did not match any", 'license-files = ["LICENSE*"]'),
    ('authors = "me"', 'Field "project.authors" has an invalid type', 'authors = [{ name = "...", email = "..." }]'),
    ('urls = ["x"]', 'Field "project.urls" has an invalid type', 'urls = { name = "..." }'),
])
def test_other_project_fields_are_located_with_what_to_write(broken: Broken, new: str, message: str,
                                                             help: str) -> None:
    broken.edit("pyproject.toml", 'requires-python = ">=3.9"', new)
    line, _ = broken.line_of(new)
    first, where, hint = error_block(broken.develop())
    assert message in first and where.startswith(f"  --> {broken.pyproject}:{line}:"), (first, where)
    assert hint.startswith("  = help: ") and help in hint, hint


@pytest.mark.parametrize("new, message, help", [
    ("python-source = 3", "`python-source` must be a string (a folder), not a number", 'python-source = "python"'),
    ('python-source = ["python"]', "`python-source` must be a string (a folder), not a list",
     'python-source = "python"'),
    ('python-source = "python"\ninclude = "NOTES.txt"', "`include` must be a list of glob patterns, not a string",
     'include = ["NOTES.txt"]'),
    ('python-source = "python"\ninclude = 5', "`include` must be a list of glob patterns, not a number",
     'include = ["..."]'),
])
def test_tool_maturin_values_of_the_wrong_type_say_what_to_write(broken: Broken, new: str, message: str,
                                                                 help: str) -> None:
    broken.edit("pyproject.toml", 'python-source = "python"', new)
    line, _ = broken.line_of(new.split("\n")[-1])
    first, where, hint = error_block(broken.develop())
    assert message in first and where.startswith(f"  --> {broken.pyproject}:{line}:"), (first, where)
    assert hint.startswith("  = help: ") and help in hint, hint
