"""No input crashes the generator: mutated crates give glue or ferrule's own
diagnostics, never another Python exception.

The sources are the test crates and fixtures; hypothesis deletes, repeats and
swaps their lines and tokens and inserts tokens that binding mistakes are made
of. Derandomized, so a run is repeatable; each crash it found is a case in
test_found_crashes below.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ferrule.codegen.glue import generate_glue
from ferrule.codegen.stubs import generate_stubs
from ferrule.errors import Diagnostic, FerruleError
from ferrule.generate import check_crate
from ferrule.parse import parse_crate
from ferrule.parse.cfg import CfgSet

TESTS = Path(__file__).parent
CRATES = sorted(p for p in [*TESTS.glob("fixtures/*"), *TESTS.glob("crates/*")] if (p / "src/lib.rs").is_file())
SOURCES = [(crate, path) for crate in CRATES for path in sorted((crate / "src").rglob("*.rs"))]
TOKEN = re.compile(r"\w+|\S")
# What binding mistakes are made of.
INSERTS = ["(", ")", "{", "}", "[", "]", "<", ">", ",", ";", "&", "&mut self", "self", "x: i32", "py: Python<'_>",
           "#[getter]", "#[setter]", "#[classmethod]", "#[staticmethod]", "#[new]", "#[classattr]", "#[pyfunction]",
           "#[pymethods]", "#[pyclass]", "#[pyclass(frozen)]", "#[pymodule]", "#[pyo3(signature = (a, b))]",
           "#[pyo3(signature = (*, x=1)))]", "#[pyo3(name = \"x\")]", "r#in", "fn __repr__(&self, x: i32) {}",
           "fn __len__(&self) -> String { todo!() }", "mod m;", "impl", "fn", "struct", "enum", "'_", "\"",
           "macro_rules!", "use super::*;", "#[pyo3(get, set)]", "#[pymodule_export]", "/*", "*/", "//",
           '#[cfg(feature = "x")]', "#[cfg(not(unix))]", "#[cfg(all(unix, any()))]", "#[cfg(", "#[cfg(Py_3_11)]",
           "helpers::register(m)?;", "std::time::Instant", "-> Instant", "m.add_submodule(&x);", "Mutex<i32>"]
# The cfgs of a Linux build with feature `x`: fuzzed crates are parsed with and without them.
BUILD_CFG = CfgSet.from_lines(["unix", 'target_os="linux"', 'feature="x"', "Py_3_10", "Py_3_11", "debug_assertions"])


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        if not lines:
            lines = [""]
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        op = data.draw(st.sampled_from(["del_line", "dup_line", "swap_lines", "del_token", "dup_token", "insert"]))
        if op == "del_line":
            del lines[i]
        elif op == "dup_line":
            lines.insert(i, lines[i])
        elif op == "swap_lines":
            j = data.draw(st.integers(0, len(lines) - 1), label="other line")
            lines[i], lines[j] = lines[j], lines[i]
        else:
            tokens = list(TOKEN.finditer(lines[i]))
            if op == "insert" or not tokens:
                at = data.draw(st.integers(0, len(lines[i])), label="column")
                word = data.draw(st.sampled_from(INSERTS), label="insert")
                lines[i] = f"{lines[i][:at]} {word} {lines[i][at:]}"
                continue
            tok = tokens[data.draw(st.integers(0, len(tokens) - 1), label="token")]
            kept = tok.group() if op == "dup_token" else ""
            lines[i] = lines[i][:tok.start()] + kept + lines[i][tok.start():]
            if op == "del_token":
                lines[i] = lines[i][:tok.start()] + lines[i][tok.end():]
    return "\n".join(lines) + "\n"


def generate_or_diagnose(root: Path, cfg: CfgSet | None = None) -> list[Diagnostic]:
    """parse → check → generate, as `ferrule build` runs them before cargo (with `cfg`: for one build)."""
    lib = root / "src/lib.rs"
    crate, diags = parse_crate(root, lib, package="fuzzed", lib_name="fuzzed", workspace_root=root,
                               module_name="fuzzed", cfg=cfg)
    if not any(d.message.startswith("syntax error") for d in diags):
        # Named as its top module, so the name check passes and generation is reached.
        name = next((m.py_name for m in crate.modules if m.parent is None), "fuzzed")
        project = SimpleNamespace(lib_path=lib, lib_name=name, module_name=name, package="fuzzed",
                                  abi3=None)
        diags += check_crate(crate, project)  # type: ignore[arg-type]
    if not diags:
        assert generate_glue(crate) and generate_stubs(crate)
    return diags


def _outcome(root: Path, cfg: CfgSet | None = None) -> list[Diagnostic]:
    try:
        diags = generate_or_diagnose(root, cfg)
    except FerruleError:
        return []
    for d in diags:
        assert isinstance(d, Diagnostic) and d.line >= 1 and d.col >= 1 and d.message
    return diags


@settings(max_examples=200, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_mutated_crates_give_glue_or_diagnostics(data: st.DataObject) -> None:
    crate, path = data.draw(st.sampled_from(SOURCES), label="source")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "c"
        shutil.copytree(crate / "src", root / "src")
        target = root / path.relative_to(crate)
        target.write_text(_mutate(path.read_text(encoding="utf-8"), data), encoding="utf-8")
        _outcome(root, BUILD_CFG if data.draw(st.booleans(), label="for one build") else None)


HEAD = "use ferrule::prelude::*;\n#[pyclass]\nstruct C { v: i32 }\n"
MODULE = "\n#[pymodule]\nfn fuzzed(m: &Bound<'_, PyModule>) -> PyResult<()> { m.add_class::<C>() }\n"


@pytest.mark.parametrize("body, line, message", [
    ("#[pymethods]\nimpl C {\n    fn __repr__(&self, x: i32) -> String { String::new() }\n}",
     6, "Expected at most 0 non-python arguments"),
    ("#[pymethods]\nimpl C {\n    fn __getitem__(&self, a: i32, b: i32) -> i32 { a }\n}",
     6, "Expected at most 1 non-python arguments"),
    ("#[pymethods]\nimpl C {\n    fn __setitem__(&mut self, a: i32) {}\n}", 6, "Expected 2 arguments, got 1"),
    ("#[pymethods]\nimpl C {\n    #[getter]\n    fn v(&self, x: i32) -> i32 { self.v }\n}",
     7, "getter function can only have one argument"),
    ("#[pymethods]\nimpl C {\n    #[setter]\n    fn set_v(&mut self) {}\n}",
     7, "setter function expected to have one argument"),
    ("#[pymethods]\nimpl C {\n    #[classmethod]\n    fn make(x: i32) -> i32 { x }\n}",
     7, "Expected `&Bound<PyType>` or `Py<PyType>` as the first argument to `#[classmethod]`"),
    ("#[pymethods]\nimpl C {\n    #[pyo3(signature = (a, b)))]\n    fn m(&self, a: i32, b: i32) {}\n}",
     6, "syntax error: unexpected `)`"),
])
def test_found_crashes(tmp_path: Path, body: str, line: int, message: str) -> None:
    """Each was a traceback or broken glue; now it is one error at the user's line."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src/lib.rs").write_text(HEAD + textwrap.dedent(body) + MODULE)
    diags = generate_or_diagnose(tmp_path)
    assert [(d.line, d.message) for d in diags if message in d.message] == [(line, diags[0].message)], diags
    assert len(diags) == 1, [d.render() for d in diags]


def test_use_through_a_module_a_syntax_error_hid(tmp_path: Path) -> None:
    """Found by the fuzz test: with `pub mod binary` missing its `{`, a path through it was a KeyError."""
    crate = TESTS / "crates/fe_resolution"
    shutil.copytree(crate / "src", tmp_path / "src")
    codecs = tmp_path / "src/codecs.rs"
    text = codecs.read_text()
    assert "pub mod binary {\n" in text
    codecs.write_text(text.replace("pub mod binary {\n", "pub mod binary\n"))
    diags = generate_or_diagnose(tmp_path)
    assert any(d.message.startswith("syntax error") for d in diags), [d.render() for d in diags]


def test_syntax_error_does_not_claim_the_module_is_missing(tmp_path: Path) -> None:
    """tree-sitter's error node is reported where it is, and nothing that it may have hidden."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src/lib.rs").write_text(HEAD + "#[pyfunction]\n#[pyo3(signature = (a)]\nfn f(a: i32) {}\n" + MODULE)
    diags = generate_or_diagnose(tmp_path)
    messages = [d.message for d in diags]
    assert "syntax error: expected `)`" in messages, messages
    assert not any("#[pymodule]" in m or "rustc will explain" in m for m in messages), messages
