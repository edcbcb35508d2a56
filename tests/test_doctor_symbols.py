"""`ferrule doctor`'s symbol check: each extern item the cfgs enable, by its link name, in the interpreter's library."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.doctor.cfg import Target
from ferrule.doctor.check import FFI_MOD
from ferrule.doctor.symbols import declared_externs
from ferrule.interpreter import Interpreter
from test_interpreters import PYPY39, facts

PYPY = shutil.which("pypy3")

FFI = {
    "mod.rs": "pub mod a;\n#[cfg(not(Py_LIMITED_API))]\npub mod full;\n",
    "a.rs": '''extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyLong_FromLong")]
    pub fn PyLong_FromLong(v: c_long) -> *mut PyObject;
    /// cpyext lacks it.
    #[cfg(not(PyPy))]
    pub fn PySequence_Count(o: *mut PyObject, v: *mut PyObject) -> Py_ssize_t;
    #[cfg(Py_3_13)]
    pub fn PyList_Extend(l: *mut PyObject, i: *mut PyObject) -> c_int;
    #[cfg_attr(all(not(PyPy), not(Py_3_13)), link_name = "_Py_BuildValue_SizeT")]
    #[cfg_attr(PyPy, link_name = "_PyPy_BuildValue_SizeT")]
    pub fn Py_BuildValue(format: *const c_char, ...) -> *mut PyObject;
}

#[cfg(PyPy)]
extern "C" {
    #[link_name = "PyPyList_GET_ITEM"]
    pub fn PyList_GET_ITEM(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject;
}
''',
    "full.rs": 'extern "C" {\n    pub static mut PyFull_Type: PyTypeObject;\n}\n',
}


def symbols(tmp_path: Path, interp: dict, abi3: int | None = None) -> list[str]:
    for name, text in FFI.items():
        (tmp_path / name).write_text(text)
    target = Target(Interpreter.from_facts(interp), abi3)
    return [e.symbol for e in declared_externs(tmp_path / "mod.rs", target)]


def test_link_names_and_cfgs_decide_the_symbols(tmp_path: Path) -> None:
    assert symbols(tmp_path, PYPY39) == [
        "PyPyLong_FromLong", "_PyPy_BuildValue_SizeT", "PyPyList_GET_ITEM", "PyFull_Type"]
    assert symbols(tmp_path, facts("cpython", (3, 11, 2))) == [
        "PyLong_FromLong", "PySequence_Count", "_Py_BuildValue_SizeT", "PyFull_Type"]
    assert symbols(tmp_path, facts("cpython", (3, 14, 10))) == [
        "PyLong_FromLong", "PySequence_Count", "PyList_Extend", "Py_BuildValue", "PyFull_Type"]
    assert symbols(tmp_path, facts("cpython", (3, 14, 10)), abi3=9) == [
        "PyLong_FromLong", "PySequence_Count", "_Py_BuildValue_SizeT"]


def test_the_runtime_declares_hundreds_of_externs_for_pypy() -> None:
    target = Target(Interpreter.from_facts(PYPY39), None)
    externs = declared_externs(FFI_MOD, target)
    assert len(externs) > 400
    assert all(e.symbol.startswith(("PyPy", "_PyPy", "Py", "_Py")) for e in externs)
    assert sum(e.symbol.startswith(("PyPy", "_PyPy")) for e in externs) > 0.9 * len(externs)


@pytest.mark.skipif(PYPY is None or not Path("/usr/include/pypy3.9/Python.h").exists(),
                    reason="pypy3 and pypy3-dev are not installed (.ci/run installs them)")
def test_doctor_passes_for_pypy() -> None:
    out = subprocess.run([sys.executable, "-m", "ferrule", "doctor", "-i", PYPY], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ffi matches PyPy 3.9" in out.stdout and "mismatch" not in out.stdout, out.stdout
