"""A dependency built on PyO3 (pythonize, pyo3-log, ...) names crates.io's `pyo3`: ferrule redirects it to a
stand-in crate of that version over its runtime (`pyo3_redirect`), so the graph has one `links = "python"`
crate. tests/fixtures/pyo3_dependent/wordcount stands in for such a crate."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from packaging_support import env, ferrule

from ferrule.errors import CargoError
from ferrule.pyo3_dependents import redirectable
from ferrule.pyo3_redirect import Redirects, facade_manifest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pyo3_dependent"

CHAIN = ("error: failed to select a version for `pyo3-ffi`.\n"
         "    ... required by package `pyo3 v0.28.3`\n"
         "    ... which satisfies dependency `pyo3 = \"^0.28\"` (locked to 0.28.3) of package `pythonize v0.28.0`\n"
         "    ... which satisfies dependency `pythonize = \"^0.28\"` (locked to 0.28.0) of package "
         "`sql v0.1.0 (/p)`\n"
         "package `pyo3-ffi` links to the native library `python`, but it conflicts with a previous package\n")


def test_a_crate_built_on_pyo3_is_compiled_against_the_runtime(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "p")
    ext = tmp_path / "p" / "ext"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    environ = {**env(), "CARGO_TARGET_DIR": str(tmp_path / "target")}  # no stand-in recorded yet
    first = ferrule("develop", "-i", python, cwd=ext, environ=environ)
    assert "note: `wordcount` is built on PyO3 0.28." in first.stderr, first.stderr
    # cargo's refusal was the first attempt's: not shown, since the stand-in takes the crate's place.
    assert "failed to select a version" not in first.stderr and "links to the native library" not in first.stderr
    out = subprocess.run([str(python), "-c", "import words_ext as w; print(sorted(w.tally('a b a c a').items()))\n"
                          "try:\n    w.tally('  ')\nexcept ValueError as e:\n    print('ValueError', e)"],
                         capture_output=True, text=True)
    assert out.stdout.splitlines() == ["[('a', 3), ('b', 1), ('c', 1)]", "ValueError nothing to count"], out.stderr
    out = subprocess.run([str(python), "-c", "import words_ext as w; print(w.spread(lambda *a: a))"],
                         capture_output=True, text=True)
    assert out.stdout.strip() == "(('name', 20, 'file.rs', 7, 'msg', (), None, 'func', 'x'), " \
        "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 'twelve'))", out.stderr
    script = """import words_ext as w
def raising(exc):
    def source():
        raise exc
    return source
print(w.io_kind(lambda: "text"), w.io_kind(raising(FileNotFoundError(2, "gone"))),
      w.io_kind(raising(BrokenPipeError())), w.io_kind(raising(TimeoutError())), w.io_kind(raising(KeyError("k"))))
original = PermissionError(13, "denied")
try:
    w.io_round_trip(raising(original))
except PermissionError as e:
    print(e is original, e.errno, e.strerror)
"""
    out = subprocess.run([str(python), "-c", script], capture_output=True, text=True)
    assert out.stdout.splitlines() == ["text NotFound BrokenPipe TimedOut Other", "True 13 denied"], out.stderr
    script = """import sys, words_ext as w
r = w.Running()
print(r.feed("one two"), r.feed("three"), type(r).__module__)
print(w.call_or_report(lambda a, b: a + b))
print(w.call_or_report(lambda a: a), type(sys.last_value).__name__)
print(w.ends.first_word("to be or not"), w.ends.last_word("to be or not"))
"""
    out = subprocess.run([str(python), "-c", script], capture_output=True, text=True)
    assert out.stdout.splitlines() == ["2 3 words_ext", "3", "None TypeError", "to not"], out.stdout + out.stderr
    assert "TypeError" in out.stderr  # printed, as the interpreter prints an uncaught exception
    # The crate's build script read the interpreter config through its `pyo3` (the stand-in's `links`).
    out = subprocess.run([str(python), "-c", "import sys, words_ext as w; print(w.built_for_minor(), sys.version_info[1])"],
                         capture_output=True, text=True)
    minor, expected = out.stdout.split()
    assert minor == expected, out.stderr
    lock = (ext / "Cargo.lock").read_text()
    assert 'name = "pyo3"' in lock and "pyo3-ffi" not in lock  # the stand-in, with no source: nothing fetched
    # The version found is kept: the next build patches from the start and cargo refuses nothing.
    (ext / "src" / "lib.rs").write_text((ext / "src" / "lib.rs").read_text().replace("occurs", "occurs."))
    second = ferrule("develop", "-i", python, cwd=ext, environ=environ)
    assert "is built on PyO3" not in second.stderr and "links to the native library" not in second.stderr
    # An IDE's plain `cargo check` gets the stand-in from `ferrule cargo-config`, by a path inside the project.
    written = ferrule("cargo-config", cwd=ext, environ=environ)
    assert "stand-in `pyo3`" in written.stdout, written.stdout + written.stderr
    config = (ext / ".cargo" / "config.toml").read_text()
    assert str(tmp_path) not in config and '.cargo/ferrule-pyo3/0.28.' in config, config
    plain = {k: v for k, v in environ.items() if not k.startswith("FERRULE_")}
    check = subprocess.run(["cargo", "check", "--message-format=short"], cwd=ext, env=plain, capture_output=True,
                           text=True, timeout=900)
    assert check.returncode == 0, check.stderr
    assert "/ferrule-pyo3" in (ext / ".cargo" / ".gitignore").read_text().splitlines()


def _git_repo(folder: Path) -> str:
    for cmd in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=folder, check=True, capture_output=True)
    return folder.as_uri()


def test_bindings_of_a_git_or_patched_in_crate_built_on_pyo3_get_glue(tmp_path: Path) -> None:
    """jiter's case: a crate from outside the workspace, made for PyO3, with `#[pyclass]`es of its own. Read as
    a git dependency (found in cargo's resolve once the stand-in is in use), and as a registry dependency
    that `[patch.crates-io]` replaces with a vendored copy."""
    shutil.copytree(FIXTURE, tmp_path / "p")
    ext, manifest = tmp_path / "p" / "ext", tmp_path / "p" / "ext" / "Cargo.toml"
    original = manifest.read_text()
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    python = tmp_path / "venv" / "bin" / "python"
    environ = {**env(), "CARGO_TARGET_DIR": str(tmp_path / "target")}
    script = ("import words_ext as w\nr = w.Running()\nprint(r.feed('one two'), r.feed('three'), "
              "type(r).__module__, w.ends.first_word('to be'))")
    url = _git_repo(tmp_path / "p" / "wordcount")
    as_git = original.replace('wordcount = { path = "../wordcount" }', f'wordcount = {{ git = "{url}" }}')
    as_patch = original.replace('wordcount = { path = "../wordcount" }', 'wordcount = "0.1"') + \
        '\n[patch.crates-io]\nwordcount = { path = "../wordcount" }\n'
    for text in (as_git, as_patch):
        manifest.write_text(text)
        (ext / "Cargo.lock").unlink(missing_ok=True)
        built = ferrule("develop", "-i", python, cwd=ext, environ=environ, check=False)
        assert built.returncode == 0, built.stderr
        assert "did not read" not in built.stderr and "Traceback" not in built.stderr
        if text is as_git:  # the stand-in was learned before cargo ran (the module names the crate's class)
            assert "note: `wordcount` is built on PyO3 0.28." in built.stderr, built.stderr
            assert "failed to select a version" not in built.stderr
        out = subprocess.run([str(python), "-c", script], capture_output=True, text=True)
        assert out.stdout.split() == ["2", "3", "words_ext", "to"], out.stdout + out.stderr
    record, = (tmp_path / "target" / "ferrule" / "pyo3-facade").glob("words_ext-*.json")
    assert {seen["dependent"] for seen in json.loads(record.read_text()).values()} == {"wordcount"}


LOCK = """version = 4

[[package]]
name = "ext"
version = "0.1.0"
dependencies = ["pyo3 0.23.5", "pyo3-file", "pythonize"]

[[package]]
name = "pyo3"
version = "0.23.5"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "pyo3"
version = "0.21.2"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "pyo3-file"
version = "0.10.0"
dependencies = ["pyo3 0.21.2"]

[[package]]
name = "pythonize"
version = "0.23.0"
dependencies = ["pyo3 0.23.5", "serde"]
"""


def test_the_versions_to_stand_in_for_are_those_other_packages_lock(tmp_path: Path) -> None:
    """The crate's own `pyo3` (a lock from before the port) needs no stand-in; its dependencies' do."""
    from ferrule.cargo_config_standins import needed_versions

    (tmp_path / "Cargo.lock").write_text(LOCK)
    assert needed_versions(tmp_path / "Cargo.lock", {"ext"}) == [("pyo3", "0.21.2"), ("pyo3", "0.23.5")]
    (tmp_path / "Cargo.lock").write_text(LOCK.replace(', "pythonize"', "").replace('"pyo3 0.23.5", "serde"', ""))
    assert needed_versions(tmp_path / "Cargo.lock", {"ext"}) == [("pyo3", "0.21.2")]


def test_a_stand_in_cargo_no_longer_uses_is_forgotten(tmp_path: Path) -> None:
    """The dependency built on PyO3 was removed: Cargo.lock lists the patch as unused, and the record drops
    it, so later builds stop passing it (cargo warns of every unused patch)."""
    redirects = Redirects(tmp_path, "sql", tmp_path)
    for version in ("0.28.3", "0.25.1"):
        redirects.add(version, CargoError(f"the dependency `x` is built on PyO3 (x 1.0 depends on pyo3 {version})"))
    lock = tmp_path / "Cargo.lock"
    lock.write_text('version = 4\n\n[[package]]\nname = "sql"\nversion = "0.1.0"\n\n'
                    '[[patch.unused]]\nname = "pyo3"\nversion = "0.25.1"\n')
    redirects.prune(lock)
    assert sorted(Redirects(tmp_path, "sql", tmp_path).found) == ["0.28.3"]


def test_the_pyo3_version_to_stand_in_for_is_read_from_cargos_chain() -> None:
    assert redirectable(CHAIN) == ("pyo3", "0.28.3")
    # `pyo3-ffi` named directly gets its own stand-in (test_pyo3_ffi_standin.py), at a version cargo lists.
    direct = ("error: failed to select a version for `pyo3-ffi`.\n"
              "    ... required by package `sql v0.1.0 (/p)`\n"
              "package `pyo3-ffi` links to the native library `python`, but it conflicts with a previous package\n")
    assert redirectable(direct) is None
    assert redirectable("error: no matching package named `nope` found\n") is None


def test_the_stand_in_forwards_every_runtime_feature() -> None:
    manifest = facade_manifest("0.25.1")
    assert 'name = "pyo3"\nversion = "0.25.1"' in manifest
    for feature in ("macros", "abi3-py310", "serde", "chrono", "auto-initialize"):
        assert f'{feature} = ["ferrule-runtime/{feature}"]' in manifest
    assert 'default = ["macros"]' in manifest
    assert "\ngil-refs = []\n" in manifest  # PyO3 0.21's feature: nothing to turn on here


def test_a_redirected_crate_that_does_not_compile_is_one_error_at_the_users_line(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "sql"\n\n[dependencies]\nserde = "1"\n'
                                         'pythonize = "0.28"\n')
    redirects = Redirects(tmp_path, "sql", tmp_path)
    conflict = CargoError("the dependency `pythonize` is built on PyO3 (pythonize 0.28.0 depends on pyo3 0.28.3), "
                          "which cannot be linked", path=tmp_path / "Cargo.toml", line=6, col=1)
    assert redirects.add("0.28.3", conflict) and not redirects.add("0.28.3", conflict)
    record, = (tmp_path / "pyo3-facade").glob("sql-*.json")
    assert json.loads(record.read_text())["0.28.3"]["dependent"] == "pythonize"
    failed = [{"level": "error", "package_id": "registry+https://github.com/rust-lang/crates.io-index#pythonize@0.28.0"}]
    # The manifest changed since: the line is looked up again.
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "sql"\n\n[dependencies]\npythonize = "0.28"\n')
    err = Redirects(tmp_path, "sql", tmp_path).explain_failure(failed)
    assert err is not None and (err.path, err.line, err.col) == (tmp_path / "Cargo.toml", 5, 1)
    # Another project of the same package name in the same target folder has records of its own.
    assert Redirects(tmp_path, "sql", tmp_path / "elsewhere").found == {}
    assert str(err).startswith("the dependency `pythonize` is built on PyO3 (pyo3 0.28.3); ferrule compiled it "
                               "against its runtime, and it does not compile there")
    own = [{"level": "error", "package_id": "path+file:///p#sql@0.1.0"}]
    assert Redirects(tmp_path, "sql", tmp_path).explain_failure(own) is None  # the user's own errors stay rustc's
    assert "patch.crates-io.pyo3.path=" in " ".join(Redirects(tmp_path, "sql", tmp_path).args())
