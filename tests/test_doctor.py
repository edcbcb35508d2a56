"""`ferrule doctor`: the ffi declarations checked against this interpreter's headers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ferrule.doctor import compare, check_target, make_target
from ferrule.doctor.cfg import evaluate
from ferrule.doctor.check import FFI_MOD
from ferrule.interpreter import probe

HAVE_TOOLS = (shutil.which("cc") is not None and shutil.which("rustc") is not None
              and (Path(sysconfig.get_paths()["include"]) / "Python.h").exists())
needs_tools = pytest.mark.skipif(not HAVE_TOOLS, reason="needs cc, rustc and this interpreter's headers")

SUMMARY = re.compile(r"^ffi matches CPython [\d.]+.* \((\d+) structs, (\d+) fields, (\d+) constants, \d+ symbols\)$",
                     re.M)


def doctor(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "ferrule", "doctor", "-i", sys.executable, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


@needs_tools
@pytest.mark.parametrize("args", [(), ("--limited-api",)], ids=["full-api", "limited-api"])
def test_ffi_matches_this_interpreter(args: tuple[str, ...]) -> None:
    out = doctor(*args)
    assert out.returncode == 0, out.stdout + out.stderr
    m = SUMMARY.search(out.stdout)
    assert m, out.stdout + out.stderr
    structs, fields, constants = map(int, m.groups())
    assert structs >= (10 if args else 20) and fields >= 40 and constants >= 150
    assert "mismatch" not in out.stdout
    if args:
        assert "limited API 3.9" in out.stdout


C_OUT = """\
size PyTypeObject 408 8
offset PyTypeObject.tp_flags 168
offset PyMemberDef.type_code 8
const METH_O 8
const Py_mod_gil absent
"""


def test_compare_names_each_mismatch() -> None:
    rust = (C_OUT.replace("408 8", "400 8").replace("tp_flags 168", "tp_flags 160")
            .replace("METH_O 8", "METH_O 4").replace("Py_mod_gil absent", "Py_mod_gil 4"))
    result = compare(C_OUT, rust)
    assert result.mismatches == [
        "PyTypeObject: C size 408, Rust 400",
        "PyTypeObject.tp_flags: C offset 168, Rust 160",
        "METH_O: C 8, Rust 4",
    ]
    # A constant the headers do not #define is a note, not a mismatch.
    assert result.absent_in_c == ["Py_mod_gil"]
    assert compare(C_OUT, C_OUT.replace("Py_mod_gil absent", "Py_mod_gil 4")).mismatches == []


def test_compare_reports_a_fact_missing_on_one_side() -> None:
    result = compare(C_OUT, C_OUT.replace("offset PyMemberDef.type_code 8\n", ""))
    assert result.mismatches == ["PyMemberDef.type_code: offset only in the C output"]


def test_cfg_predicates() -> None:
    facts = {"Py_3_9", "Py_3_10", "Py_LIMITED_API", 'target_pointer_width="64"'}
    assert evaluate("any(not(Py_LIMITED_API), Py_3_10)", facts)
    assert not evaluate("all(Py_3_12, not(Py_LIMITED_API))", facts)
    assert evaluate('all(Py_3_9, target_pointer_width = "64")', facts)


@needs_tools
def test_a_broken_ffi_declaration_is_reported_by_name(tmp_path: Path) -> None:
    """The whole pipeline can fail: a copy of ffi/ with a field that CPython does not have."""
    ffi = tmp_path / "ffi"
    shutil.copytree(FFI_MOD.parent, ffi)
    obj = ffi / "cpython" / "object.rs"
    text = obj.read_text()
    assert "    pub tp_flags: c_ulong," in text
    obj.write_text(text.replace("    pub tp_flags: c_ulong,", "    pub _not_in_c: u32,\n    pub tp_flags: c_ulong,", 1))
    work = tmp_path / "work"
    work.mkdir()
    report = check_target(make_target(probe(sys.executable), None), work, ffi / "mod.rs")
    assert not report.ok
    mismatches = report.comparison.mismatches
    flags = [m for m in mismatches if m.startswith("PyTypeObject.tp_flags: C offset ")]
    assert len(flags) == 1, mismatches
    c_offset, rust_offset = map(int, re.findall(r"\d+", flags[0]))
    assert rust_offset == c_offset + 8
    assert any(m.startswith("PyTypeObject: C size ") for m in mismatches)
    assert not any(m.startswith("PyTypeObject.tp_name") for m in mismatches)
    assert report.summary().startswith("ffi does not match CPython")
