"""Plain functions of one module share a few glue modules (fewer codegen units in a debug build);
anything whose glue might be compiled without the host's keeps a module of its own."""

from __future__ import annotations

import re
from pathlib import Path

from ferrule.codegen.glue import generate_glue
from ferrule.codegen.glue_chunks import CHUNK
from ferrule.parse import parse_crate

SOURCE = '''use pyo3::prelude::*;

const SCALE: i64 = 3;

#[pyfunction]
fn first(x: i64) -> i64 { x }

/// Mentions __DESC and __trampoline, which must stay as written in the docstring.
#[pyfunction]
#[pyo3(signature = (text = "__body"))]
pub fn second(text: &str) -> usize { text.len() }

#[cfg(feature = "extra")]
#[pyfunction]
fn gated(x: i64) -> i64 { x }

#[cfg_attr(feature = "python", pyfunction)]
fn maybe(x: i64) -> i64 { x }

#[pyfunction]
#[pyo3(signature = (x = SCALE))]
fn scaled(x: i64) -> i64 { x }

#[pyfunction]
#[pyo3(signature = (c = 'x'))]
fn lettered(c: char) -> char { c }

mod inner {
    use pyo3::prelude::*;

    #[pyfunction]
    pub fn third() {}

    #[pyfunction]
    fn fourth(py: Python<'_>, n: u8) -> PyResult<u8> { let _ = py; Ok(n) }
}

/// Named like the glue's own items: the call must still reach it.
#[pyfunction]
fn __trampoline(x: i64) -> i64 { x }

#[pyfunction]
fn __body() {}

mod lonely {
    use pyo3::prelude::*;

    #[pyfunction]
    fn only() {}
}
'''


def glue_for(tmp_path: Path, source: str) -> dict[str, str]:
    (tmp_path / "src").mkdir()
    (tmp_path / "src/lib.rs").write_text(source)
    crate, diags = parse_crate(tmp_path, tmp_path / "src/lib.rs", package="chunks", lib_name="chunks",
                               workspace_root=tmp_path)
    assert diags == [], [d.render() for d in diags]
    return {path: text for path, text in generate_glue(crate).items() if path.startswith("src/lib.rs/")}


def line_of(source: str, name: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if re.search(rf"fn {name}\b", line))


def file_of(glue: dict[str, str], name: str) -> str:
    return glue[f"src/lib.rs/L{line_of(SOURCE, name)}.rs"]


def test_plain_functions_of_a_module_share_one_glue_module(tmp_path: Path) -> None:
    glue = glue_for(tmp_path, SOURCE)
    host = file_of(glue, "first")
    assert host.count("mod __ferrule_glue_") == 1
    # `second` is pub: its re-export (and so the shared module and its static) must be too.
    assert re.search(r"pub mod second \{\n    pub use super::__ferrule_glue_L\d+::__FERRULE_DEF_second as "
                     r"__FERRULE_DEF;\n\}", file_of(glue, "second"))
    assert re.search(r"^pub mod __ferrule_glue_L\d+ \{", host, re.M)
    assert "pub static __FERRULE_DEF_second:" in host
    assert "fn __trampoline_first(" in host and "fn __trampoline_second(" in host
    # One array static each for the descriptions and keyword caches, indexed in source order.
    assert host.count("static __DESCS: [") == 1 and "static __KW: [" in host
    assert re.search(r"&__DESCS\[1\]\.extract_fastcall|&__DESCS\[1\], super::second|__DESCS\[1\]", host)
    assert 'func_name: "second"' in host.split("static __KW")[0]
    assert "__FERRULE_DEF_second" not in file_of(glue, "first").split("mod __ferrule_glue_")[0]
    # Renaming stops at string literals: the docstring and the default's text are the user's.
    assert "Mentions __DESC and __trampoline" in host
    assert '"__body"' in host
    # A function named like one of the glue's items is called by its own name.
    assert "super::__trampoline, args" in host and "fn __trampoline___trampoline(" in host
    assert "super::__body)" in host
    inner = file_of(glue, "third")
    assert inner.count("mod __ferrule_glue_") == 1 and "fn __trampoline_fourth(" in inner
    assert "super::fourth" in inner


def test_functions_that_may_be_compiled_alone_keep_their_own_glue(tmp_path: Path) -> None:
    glue = glue_for(tmp_path, SOURCE)
    # Under `#[cfg]`/`#[cfg_attr]` (may be absent while the host is not), naming the module's items
    # (a glob import), a char literal in a default, or alone in their module.
    for name in ("gated", "maybe", "scaled", "lettered", "only"):
        text = file_of(glue, name)
        assert "__ferrule_glue_" not in text, name
        assert re.search(rf"mod {name} \{{[^}}]*pub static __FERRULE_DEF:", text, re.S), name


def test_a_large_module_is_split_into_chunks(tmp_path: Path) -> None:
    count = CHUNK + 3
    source = "use pyo3::prelude::*;\n" + "".join(f"\n#[pyfunction]\nfn f{i}() -> u32 {{ {i} }}\n"
                                                 for i in range(count))
    glue = glue_for(tmp_path, source)
    hosts = [text for text in glue.values() if "mod __ferrule_glue_" in text]
    assert len(hosts) == 2
    assert sorted(text.count("// ferrule: glue of ") for text in hosts) == [3, CHUNK]
    assert sum(text.count("fn __trampoline_f") for text in glue.values()) == count
