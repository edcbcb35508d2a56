"""Bad input to `ferrule build`: each error names the file and the key, with a hint; exit 1, no traceback."""

from __future__ import annotations

import zipfile
import re
from pathlib import Path

import pytest

from packaging_support import copy_project, ferrule


def _edit(project: Path, old: str, new: str) -> Path:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    assert old in text
    pyproject.write_text(text.replace(old, new, 1))
    return pyproject


def test_version_neither_set_nor_dynamic_is_taken_from_cargo_with_a_warning(tmp_path: Path) -> None:
    """As maturin does: PEP 621 wants `version` or `dynamic = ["version"]`; without both, Cargo.toml's is used."""
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = _edit(project, 'dynamic = ["version"]\n', "")
    out = ferrule("build", "-o", tmp_path / "out", cwd=project)
    assert f"{pyproject}:" in out.stderr and "[project] has no `version`" in out.stderr, out.stderr
    cargo_version = re.search(r'^version = "([^"]+)"', (project / "Cargo.toml").read_text(), re.M).group(1)
    assert [w.name.split("-")[1] for w in (tmp_path / "out").glob("*.whl")] == [cargo_version]


@pytest.mark.parametrize("old, new, message, hint", [
    ('name = "pkg-mixed"', 'name = "pkg-mixed', "invalid TOML", None),
    ('name = "pkg-mixed"\n', "", "[project] has no `name`", 'add `name = "..."`'),
    ('dynamic = ["version"]', 'version = "banana"', "banana", None),
    ("[tool.ferrule]\n", '[tool.ferrule]\npython-sorce = "python"\n', "unknown key `python-sorce` in [tool.ferrule]",
     "did you mean `python-source`?"),
    ('dependencies = ["packaging>=20"]', 'dependencies = ["packaging >>> 20"]', "invalid requirement `packaging >>> 20` in [project] `dependencies[0]`: Expected",
     "write a PEP 508 requirement"),
])
def test_invalid_pyproject(tmp_path: Path, old: str, new: str, message: str, hint: str | None) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = _edit(project, old, new)
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1
    assert message in out.stderr and f"--> {pyproject}" in out.stderr, out.stderr
    if hint:
        assert "= help: " in out.stderr and hint in out.stderr
    assert "Traceback" not in out.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_project_keys_warn_and_build(tmp_path: Path) -> None:
    """maturin ignores [project] keys PEP 621 lacks (published sdists have them): a warning names each, with
    the line and the likely meant key, and the wheel is built without them."""
    project = copy_project("pkg_mixed", tmp_path)
    pyproject = _edit(project, "requires-python", "requires-pyton")
    _edit(project, "[project]\n", '[project]\ndescription-content-type = "text/markdown"\n')
    line = pyproject.read_text().splitlines().index('description-content-type = "text/markdown"') + 1
    out = ferrule("build", "-o", tmp_path / "out", cwd=project)
    assert f"{pyproject}:{line}:1: unknown key `description-content-type` in [project] is ignored; did you mean " \
           "`description`?" in out.stderr
    assert "unknown key `requires-pyton` in [project] is ignored; did you mean `requires-python`?" in out.stderr
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.whl"))) as wheel:
        metadata = next(wheel.read(n).decode() for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    headers = metadata.split("\n\n")[0].splitlines()
    assert "Name: pkg-mixed" in headers and not any(h.startswith("Requires-Python") for h in headers)


def test_dotted_module_name_needs_its_python_package(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    (project / "pkg_mixed").rename(project / "elsewhere")
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1 and "there is no folder" in out.stderr and "python-source" in out.stderr


def test_python_source_folder(tmp_path: Path) -> None:
    """`[tool.ferrule] python-source = "python"` finds the package there."""
    project = copy_project("pkg_mixed", tmp_path)
    (project / "python").mkdir()
    (project / "pkg_mixed").rename(project / "python/pkg_mixed")
    _edit(project, "[tool.ferrule]\n", '[tool.ferrule]\npython-source = "python"\n')
    from ferrule.project import load_project

    loaded = load_project(project / "Cargo.toml")
    assert loaded.python_package == (project / "python/pkg_mixed").resolve()


@pytest.mark.parametrize("manifest, dependency, message, hint", [
    # A vendored copy of PyO3's `pyo3-ffi` (a crates.io one gets a stand-in: test_pyo3_ffi_standin.py).
    ("Cargo.toml", 'pyo3-ffi = { path = "vendored-ffi" }', "the dependency `pyo3-ffi` is PyO3's own crate "
     "`pyo3-ffi`, which cannot be linked next to ferrule's runtime (both link the `python` library)",
     "use `pyo3::ffi`"),
    # numpy is made for PyO3 (found through the path dependency that names it): compiled against a stand-in
    # `pyo3` over the runtime (test_pyo3_redirect.py), it needs PyO3 internals the runtime does not have.
    ("crates/pkg_offset/Cargo.toml", 'numpy = "0.25"',
     "the dependency `numpy` is built on PyO3 (pyo3 0.25.0); ferrule compiled it against its runtime, and it "
     "does not compile there", "uses parts of PyO3 that ferrule's runtime does not have"),
])
def test_a_dependency_on_pyo3_is_one_error_at_its_line(tmp_path: Path, manifest: str, dependency: str,
                                                       message: str, hint: str) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    cargo_toml = project / manifest
    if "vendored-ffi" in dependency:
        (project / "vendored-ffi" / "src").mkdir(parents=True)
        (project / "vendored-ffi" / "src" / "lib.rs").write_text("")
        (project / "vendored-ffi" / "build.rs").write_text("fn main() {}\n")
        (project / "vendored-ffi" / "Cargo.toml").write_text('[package]\nname = "pyo3-ffi"\nversion = "0.29.2"\n'
                                                             'edition = "2021"\nlinks = "python"\n')
    text = cargo_toml.read_text()
    cargo_toml.write_text(text + ("" if "[dependencies]" in text else "\n[dependencies]\n") + dependency + "\n")
    line = cargo_toml.read_text().splitlines().index(dependency) + 1
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1
    assert f"error: {message}" in out.stderr, out.stderr
    assert f"--> {cargo_toml}:{line}:1" in out.stderr and hint in out.stderr
    assert "cargo build failed" not in out.stderr


def test_a_locked_crate_built_on_pyo3_is_named_at_its_line(tmp_path: Path) -> None:
    """With a Cargo.lock, cargo's resolver chain says `(locked to X)` after each requirement (python-calamine's
    pyo3-file): the error still names the user's dependency, not PyO3's crate at the chain's start."""
    from ferrule.pyo3_dependents import explain

    (tmp_path / "Cargo.toml").write_text('[package]\nname = "sheets"\n\n[dependencies]\nfilelike = "0.3"\n')
    stderr = (
        "error: failed to select a version for `pyo3-ffi`.\n"
        "    ... required by package `pyo3 v0.30.1`\n"
        "    ... which satisfies dependency `pyo3 = \"^0.30\"` (locked to 0.30.1) of package `filelike v0.3.2`\n"
        "    ... which satisfies dependency `filelike = \"^0.3\"` (locked to 0.3.2) of package "
        f"`sheets v0.1.0 ({tmp_path})`\n"
        "package `pyo3-ffi` links to the native library `python`, but it conflicts with a previous package\n")
    err = explain(stderr)
    assert err is not None and (err.path, err.line) == (tmp_path / "Cargo.toml", 5)
    assert str(err).startswith("the dependency `filelike` is built on PyO3 (filelike 0.3.2 depends on pyo3 0.30.1)")


def test_build_refuses_a_profile_or_feature_cargo_toml_lacks_before_compiling(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    for flags, said in ((["--profile", "nope"], "--profile nope: the profile `nope` is not defined in Cargo.toml"),
                        (["-F", "nope"], "--features nope: the feature `nope` is not defined in Cargo.toml")):
        out = ferrule("build", "-o", tmp_path / "out", *flags, cwd=project, check=False)
        assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
        assert out.stderr.startswith(f"error: {said}") and "Compiling" not in out.stderr, out.stderr
        assert not (tmp_path / "out").exists()


def test_extends_naming_no_class_ferrule_read_is_one_error_at_the_option(tmp_path: Path) -> None:
    project = copy_project("pkg_mixed", tmp_path)
    lib = project / "src" / "lib.rs"
    lib.write_text(lib.read_text() + "\n#[pyclass(extends = elsewhere::Base)]\nstruct Derived {}\n")
    line = len(lib.read_text().splitlines()) - 1
    out = ferrule("build", "-o", tmp_path / "out", cwd=project, check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "error: `extends = elsewhere::Base`: ferrule read no `#[pyclass]` named `Base`" in out.stderr, out.stderr
    assert f"--> src/lib.rs:{line}:11" in out.stderr or f"--> {lib}:{line}:11" in out.stderr, out.stderr
    assert "path dependency" in out.stderr
    assert not (tmp_path / "out").exists()
