use ferrule::prelude::*;
use std::ffi::CStr;

/// zlib's version, as the loaded libz reports it.
#[pyfunction]
fn zlib_version() -> String {
    unsafe { CStr::from_ptr(libz_sys::zlibVersion()) }.to_string_lossy().into_owned()
}

/// CRC-32 of `data`, computed by libz.
#[pyfunction]
fn crc32(data: Vec<u8>) -> u64 {
    unsafe { libz_sys::crc32(0, data.as_ptr(), data.len() as _) as u64 }
}

/// SQLite's version, as the loaded libsqlite3 reports it.
#[pyfunction]
fn sqlite_version() -> String {
    unsafe { CStr::from_ptr(libsqlite3_sys::sqlite3_libversion()) }.to_string_lossy().into_owned()
}

#[pymodule]
fn pkg_syslibs(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(zlib_version, m)?)?;
    m.add_function(wrap_pyfunction!(crc32, m)?)?;
    m.add_function(wrap_pyfunction!(sqlite_version, m)?)?;
    Ok(())
}
