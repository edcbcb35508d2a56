//! `pyo3::ffi::compat`'s `PyBytesWriter` (CPython 3.15) as ormsgpack uses it: grown by
//! `Resize`, written through `GetData`, finished into `bytes`.
use std::ptr::{copy_nonoverlapping, null_mut};

use pyo3::ffi::compat::*;
use pyo3::prelude::{pyfunction, wrap_pyfunction, Bound, Py, PyAny, PyModule, PyModuleMethods, PyResult, Python};
use pyo3::PyErr;

use crate::compat::{taken, Held};

unsafe fn write_at(writer: *mut PyBytesWriter, at: isize, bytes: &[u8]) {
    copy_nonoverlapping(bytes.as_ptr(), PyBytesWriter_GetData(writer).cast::<u8>().offset(at), bytes.len());
}

/// Writes `chunks` one after another into a writer created with `initial` bytes, resizing it
/// whenever a chunk does not fit. `finish="with_size"` ends with `FinishWithSize(written)`;
/// `"resize"` resizes to the written length and calls `Finish`. Returns the bytes and the
/// writer's size after each resize.
#[pyfunction]
fn compat_bytes_writer(py: Python<'_>, chunks: Vec<Vec<u8>>, initial: isize, finish: &str) -> PyResult<(Py<PyAny>, Vec<isize>)> {
    unsafe {
        let writer = PyBytesWriter_Create(initial);
        if writer.is_null() {
            return Err(PyErr::fetch(py));
        }
        let mut sizes = Vec::new();
        let mut written = 0;
        for chunk in &chunks {
            let end = written + chunk.len() as isize;
            if end > PyBytesWriter_GetSize(writer) {
                if PyBytesWriter_Resize(writer, end) < 0 {
                    PyBytesWriter_Discard(writer);
                    return Err(PyErr::fetch(py));
                }
                sizes.push(PyBytesWriter_GetSize(writer));
            }
            write_at(writer, written, chunk);
            written = end;
        }
        let bytes = if finish == "resize" {
            if PyBytesWriter_Resize(writer, written) < 0 {
                PyBytesWriter_Discard(writer);
                return Err(PyErr::fetch(py));
            }
            PyBytesWriter_Finish(writer)
        } else {
            PyBytesWriter_FinishWithSize(writer, written)
        };
        Ok((Py::from_owned_ptr_or_err(py, bytes)?, sizes))
    }
}

/// The edge cases and errors, each as (name, result, exception, code, size).
#[pyfunction]
fn compat_bytes_writer_cases(py: Python<'_>) -> Vec<(&'static str, Held, Held, i32, isize)> {
    let mut cases = Vec::new();
    unsafe {
        let writer = PyBytesWriter_Create(-1);
        let (_, error) = taken(py, null_mut());
        cases.push(("create_negative", None, error, writer.is_null() as i32, 0));
        PyBytesWriter_Discard(writer);

        let writer = PyBytesWriter_Create(4);
        let rc = PyBytesWriter_Resize(writer, -1);
        let (_, error) = taken(py, null_mut());
        cases.push(("resize_negative", None, error, rc, PyBytesWriter_GetSize(writer)));
        PyBytesWriter_Discard(writer);

        for (name, size) in [("finish_too_large", 5), ("finish_negative", -1), ("finish_prefix", 2)] {
            let writer = PyBytesWriter_Create(4);
            write_at(writer, 0, b"abcd");
            let (result, error) = taken(py, PyBytesWriter_FinishWithSize(writer, size));
            cases.push((name, result, error, 0, 0));
        }

        let writer = PyBytesWriter_Create(0);
        let non_null = !PyBytesWriter_GetData(writer).is_null() as i32;
        let size = PyBytesWriter_GetSize(writer);
        let (result, error) = taken(py, PyBytesWriter_Finish(writer));
        cases.push(("empty", result, error, non_null, size));

        // Shrinking keeps the first bytes, growing again keeps them too.
        let writer = PyBytesWriter_Create(3);
        write_at(writer, 0, b"abc");
        let rc = PyBytesWriter_Resize(writer, 1) + PyBytesWriter_Resize(writer, 2);
        write_at(writer, 1, b"z");
        let size = PyBytesWriter_GetSize(writer);
        let (result, error) = taken(py, PyBytesWriter_Finish(writer));
        cases.push(("shrink_then_grow", result, error, rc, size));

        // Past 256 bytes (CPython's inline buffer) from the start, then discarded unfinished.
        let writer = PyBytesWriter_Create(300);
        write_at(writer, 0, &[b'x'; 300]);
        let rc = PyBytesWriter_Resize(writer, 5000);
        let size = PyBytesWriter_GetSize(writer);
        PyBytesWriter_Discard(writer);
        PyBytesWriter_Discard(null_mut());
        let (_, error) = taken(py, null_mut());
        cases.push(("discarded", None, error, rc, size));
    }
    cases
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(compat_bytes_writer, m)?)?;
    m.add_function(wrap_pyfunction!(compat_bytes_writer_cases, m)?)?;
    Ok(())
}
