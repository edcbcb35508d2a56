"""Paths PyO3 0.30 exposes that ported code names directly (`pyo3::ToPyErr`, `pyo3::type_object`,
`pyo3::types::iter`, `pyo3::exceptions::asyncio`, ...): they resolve under a plain `cargo check` of a
crate depending on the runtime as `pyo3`, and the few with behaviour do what PyO3 documents."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TARGET_DIR = Path(os.environ.get("FERRULE_TEST_TARGET_DIR") or REPO / "target" / "test-crates")

# Each path on its own line, so a failure names the path (rustc reports every unresolved import).
PATHS = """
pyo3::ToPyErr
pyo3::type_object pyo3::type_object::PyTypeInfo pyo3::type_object::PyTypeCheck
pyo3::class::basic::CompareOp pyo3::pyclass::CompareOp
pyo3::pyclass::boolean_struct pyo3::pyclass::boolean_struct::True pyo3::pyclass::boolean_struct::False
pyo3::pyclass::Frozen
pyo3::exceptions::asyncio::CancelledError pyo3::exceptions::asyncio::InvalidStateError
pyo3::exceptions::asyncio::TimeoutError pyo3::exceptions::asyncio::IncompleteReadError
pyo3::exceptions::asyncio::LimitOverrunError pyo3::exceptions::asyncio::QueueEmpty
pyo3::exceptions::asyncio::QueueFull
pyo3::exceptions::socket::herror pyo3::exceptions::socket::gaierror pyo3::exceptions::socket::timeout
pyo3::types::PyFrozenSetBuilder pyo3::types::frozenset::PyFrozenSetBuilder
pyo3::types::frozenset::PyFrozenSet pyo3::types::frozenset::PyFrozenSetMethods
pyo3::types::frozenset::BoundFrozenSetIterator
pyo3::types::iter::BoundDictIterator pyo3::types::iter::BoundFrozenSetIterator pyo3::types::iter::BoundListIterator
pyo3::types::iter::BoundSetIterator pyo3::types::iter::BorrowedTupleIterator pyo3::types::iter::BoundTupleIterator
pyo3::types::bytes::PyBytes pyo3::types::bytes::PyBytesMethods
pyo3::types::capsule::PyCapsule pyo3::types::capsule::CapsuleName pyo3::types::capsule::PyCapsuleMethods
pyo3::types::code::PyCode pyo3::types::code::PyCodeInput pyo3::types::code::PyCodeMethods
pyo3::types::datetime::PyDate pyo3::types::datetime::PyDateTime pyo3::types::datetime::PyDelta
pyo3::types::datetime::PyTime pyo3::types::datetime::PyTzInfo pyo3::types::datetime::PyDateAccess
pyo3::types::datetime::PyDeltaAccess pyo3::types::datetime::PyTimeAccess pyo3::types::datetime::PyTzInfoAccess
pyo3::types::dict::PyDict pyo3::types::dict::PyDictMethods pyo3::types::dict::BoundDictIterator
pyo3::types::dict::IntoPyDict
pyo3::types::iterator::PyIterator
pyo3::types::list::PyList pyo3::types::list::PyListMethods pyo3::types::list::BoundListIterator
pyo3::types::mappingproxy::PyMappingProxy pyo3::types::mappingproxy::PyMappingProxyMethods
pyo3::types::mappingproxy::BoundMappingProxyIterator
pyo3::types::set::PySet pyo3::types::set::PySetMethods pyo3::types::set::BoundSetIterator
pyo3::types::slice::PySlice pyo3::types::slice::PySliceIndices pyo3::types::slice::PySliceMethods
pyo3::types::string::PyString pyo3::types::string::PyStringMethods
pyo3::types::tuple::PyTuple pyo3::types::tuple::PyTupleMethods pyo3::types::tuple::BoundTupleIterator
pyo3::types::tuple::BorrowedTupleIterator
pyo3::ffi::Py_intptr_t pyo3::ffi::Py_uintptr_t
""".split()

# PyO3 has these only from 3.10 on, and not on PyPy. A user crate has no `Py_3_10` cfg of its own (it
# would need pyo3-build-config in a build script), so they are written only into the crate built for
# this interpreter, when it has them.
SEND_PATHS = ["pyo3::types::PySendResult", "pyo3::types::iterator::PySendResult"]
HAS_SEND = sys.version_info >= (3, 10) and sys.implementation.name != "pypy"

USES = '''
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pyclass::boolean_struct::False;
use pyo3::pyclass::{CompareOp, Frozen};
use pyo3::types::{PyFrozenSet, PyFrozenSetBuilder, PyList};
use pyo3::{PyClass, ToPyErr};

/// Any exception type PyO3 converts from a bound instance.
fn as_error<'py, E: ToPyErr>(instance: Bound<'py, E>) -> PyErr {
    instance.into()
}

/// Generic code over mutable classes, as PyO3 users write it.
#[allow(dead_code)]
fn bump<T: PyClass<Frozen = False>>(obj: &Bound<'_, T>) -> bool {
    obj.try_borrow_mut().is_ok() && !<T::Frozen as Frozen>::VALUE
}

#[pyclass]
struct Counter {
    n: i64,
}

#[pymethods]
impl Counter {
    #[new]
    fn new(n: i64) -> Self {
        Counter { n }
    }

    fn __richcmp__(&self, other: PyRef<'_, Counter>, op: CompareOp) -> bool {
        match op {
            CompareOp::Lt => self.n < other.n,
            CompareOp::Le => self.n <= other.n,
            CompareOp::Eq => self.n == other.n,
            CompareOp::Ne => self.n != other.n,
            CompareOp::Gt => self.n > other.n,
            CompareOp::Ge => self.n >= other.n,
        }
    }
}

/// Raises the very instance it was given, through `From<Bound<PyValueError>> for PyErr`.
#[pyfunction]
fn reraise(err: Bound<'_, PyValueError>) -> PyResult<()> {
    Err(as_error(err))
}

#[pyfunction]
fn frozen_of(items: Bound<'_, PyList>) -> PyResult<Bound<'_, PyFrozenSet>> {
    let mut builder = PyFrozenSetBuilder::new(items.py())?;
    for item in items.iter() {
        builder.add(item)?;
    }
    Ok(builder.finalize())
}

#[pyfunction]
fn cancelled(py: Python<'_>) -> PyErr {
    let _ = py;
    pyo3::exceptions::asyncio::CancelledError::new_err("stop")
}

/// Passes a borrowed object on by reference (`&Borrowed` converts, as in PyO3 0.30).
#[pyfunction]
fn call_with<'py>(f: &Bound<'py, PyAny>, arg: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let borrowed = arg.as_borrowed();
    let width: pyo3::ffi::Py_intptr_t = 0;
    f.call1((&borrowed, width))
}

/// `Borrowed::from_ptr` is untyped, as PyO3's: no annotation, then a cast; a null is the error set.
#[pyfunction]
fn type_name(obj: &Bound<'_, PyAny>) -> PyResult<(String, bool)> {
    let py = obj.py();
    let ty = unsafe { Borrowed::from_ptr(py, pyo3::ffi::Py_TYPE(obj.as_ptr()).cast()).cast_unchecked::<pyo3::types::PyType>() };
    let null = unsafe { Borrowed::from_ptr_or_err(py, std::ptr::null_mut()) };
    Ok((ty.name()?.to_string(), null.is_err()))
}

#[pyfunction]
fn frozen_flags() -> (bool, bool) {
    (<pyo3::pyclass::boolean_struct::True as Frozen>::VALUE, <False as Frozen>::VALUE)
}

/// Drives a generator with `send`: the values it yielded, then what it returned.
#[cfg(send)]
#[pyfunction]
fn drive<'py>(gen: Bound<'py, PyAny>, values: Vec<i64>) -> PyResult<(Vec<Bound<'py, PyAny>>, Bound<'py, PyAny>)> {
    use pyo3::types::{PyIterator, PySendResult};
    let py = gen.py();
    let it: Bound<'py, PyIterator> = gen.cast_into::<PyIterator>()?;
    let mut yielded = Vec::new();
    // `None` starts the generator, the values follow, a last `None` asks it to finish.
    let sends = std::iter::once(None).chain(values.into_iter().map(Some)).chain(std::iter::once(None));
    for value in sends {
        match it.send(&value.into_pyobject(py)?.into_any())? {
            PySendResult::Next(v) => yielded.push(v),
            PySendResult::Return(r) => return Ok((yielded, r)),
        }
    }
    Ok((yielded, py.None().into_bound(py)))
}

#[pymodule]
fn paths(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Counter>()?;
    m.add_function(wrap_pyfunction!(reraise, m)?)?;
    m.add_function(wrap_pyfunction!(frozen_of, m)?)?;
    m.add_function(wrap_pyfunction!(cancelled, m)?)?;
    m.add_function(wrap_pyfunction!(frozen_flags, m)?)?;
    m.add_function(wrap_pyfunction!(call_with, m)?)?;
    m.add_function(wrap_pyfunction!(type_name, m)?)?;
    #[cfg(send)]
    m.add_function(wrap_pyfunction!(drive, m)?)?;
    Ok(())
}
'''


def _source(send: bool) -> str:
    paths = PATHS + SEND_PATHS if send else PATHS
    imports = "".join(f"    mod m{i} {{ use {p}; }}\n" for i, p in enumerate(paths))
    uses = re.sub(r" *#\[cfg\(send\)\]\n", "", USES) if send else _without_send(USES)
    return f"#[allow(unused_imports)]\nmod probe {{\n{imports}}}\n{uses}"


def _without_send(source: str) -> str:
    """`USES` without the `#[cfg(send)]` items (the function and the statement adding it)."""
    source = re.sub(r"/// Drives a generator.*?\n}\n", "", source, flags=re.S)
    return re.sub(r"    #\[cfg\(send\)\]\n.*\n", "", source)


def _crate(tmp_path: Path, send: bool = False) -> Path:
    crate = tmp_path / "paths"
    subprocess.run([sys.executable, "-m", "ferrule", "new", str(crate)], check=True, capture_output=True)
    manifest = crate / "Cargo.toml"
    text = manifest.read_text()
    text, n = re.subn(r"^ferrule-runtime = \{", 'pyo3 = { package = "ferrule-runtime",', text, flags=re.M)
    assert n == 1, text
    manifest.write_text(text)
    (crate / "src" / "lib.rs").write_text(_source(send))
    return crate


def test_pyo3_paths_resolve_under_plain_cargo_check(tmp_path: Path) -> None:
    crate = _crate(tmp_path)
    env = dict(os.environ, CARGO_TARGET_DIR=str(REPO / "target" / "plain-check"))
    env.pop("FERRULE_GLUE_DIR", None)
    out = subprocess.run(["cargo", "check", "--message-format=short"], cwd=crate, capture_output=True, text=True,
                         env=env, timeout=900)
    assert out.returncode == 0, out.stderr
    assert not re.search(r"^\S+: warning", out.stderr, re.M), out.stderr


@pytest.fixture(scope="module")
def paths_module(tmp_path_factory: pytest.TempPathFactory):
    """The probe crate built by `ferrule develop` into a venv of its own, imported here."""
    tmp = tmp_path_factory.mktemp("api_paths")
    crate = _crate(tmp, send=HAS_SEND)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = dict(os.environ, CARGO_TARGET_DIR=str(TARGET_DIR))
    env.pop("VIRTUAL_ENV", None)
    out = subprocess.run([sys.executable, "-m", "ferrule", "develop", "-m", str(crate / "Cargo.toml"),
                          "-i", str(python)], capture_output=True, text=True, env=env, timeout=1800)
    assert out.returncode == 0, out.stdout + out.stderr
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    sys.path.insert(0, site)
    try:
        import importlib
        yield importlib.import_module("paths")
    finally:
        sys.path.remove(site)
        sys.modules.pop("paths", None)


def test_a_bound_exception_becomes_the_error_itself(paths_module) -> None:
    err = ValueError("mine")
    with pytest.raises(ValueError) as caught:
        paths_module.reraise(err)
    assert caught.value is err


def test_compare_op_reaches_richcmp(paths_module) -> None:
    one, two = paths_module.Counter(1), paths_module.Counter(2)
    assert (one < two, one <= two, one == two, one != two, one > two, one >= two) == (
        True, True, False, True, False, False)


def test_frozenset_builder(paths_module) -> None:
    built = paths_module.frozen_of([3, 1, 3, "a"])
    assert type(built) is frozenset and built == frozenset({1, 3, "a"})
    with pytest.raises(TypeError, match="unhashable"):
        paths_module.frozen_of([[1]])


def test_asyncio_exception_is_asyncios(paths_module) -> None:
    import asyncio

    err = paths_module.cancelled()
    assert type(err) is asyncio.CancelledError and err.args == ("stop",)


def test_a_borrowed_reference_passes_as_an_argument(paths_module) -> None:
    assert paths_module.call_with(lambda obj, width: (obj, width), [1, 2]) == ([1, 2], 0)


def test_an_untyped_borrow_is_cast_after(paths_module) -> None:
    assert paths_module.type_name(3) == ("int", True)


def test_frozen_values(paths_module) -> None:
    assert paths_module.frozen_flags() == (True, False)


@pytest.mark.skipif(not HAS_SEND, reason="PyIter_Send: CPython 3.10+ (PyO3's cfg)")
def test_send_drives_a_generator(paths_module) -> None:
    def gen():
        total = 0
        while True:
            got = yield total
            if got is None:
                return f"sum {total}"
            total += got

    yielded, returned = paths_module.drive(gen(), [1, 2, 3])
    assert yielded == [0, 1, 3, 6] and returned == "sum 6"
