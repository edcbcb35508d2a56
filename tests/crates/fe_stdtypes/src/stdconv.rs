//! std conversions PyO3 has: IP addresses, C strings, borrowed OS strings and
//! paths, `&Option<T>`, and the `pybacked` types.
use std::borrow::Cow;
use std::ffi::{CStr, CString, OsStr};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};

#[pyfunction]
fn ip_round_trip(ip: IpAddr) -> IpAddr {
    ip
}

#[pyfunction]
fn ip_is_v6(ip: IpAddr) -> bool {
    ip.is_ipv6()
}

#[pyfunction]
fn loopbacks() -> (Ipv4Addr, Ipv6Addr, IpAddr) {
    (Ipv4Addr::LOCALHOST, Ipv6Addr::LOCALHOST, IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3)))
}

#[pyfunction]
fn c_string_len(s: CString) -> usize {
    s.as_bytes().len()
}

#[pyfunction]
fn c_str_echo(s: &CStr) -> CString {
    s.to_owned()
}

#[pyfunction]
fn c_str_static() -> &'static CStr {
    c"from C"
}

#[pyfunction]
fn os_cow_len(s: Cow<'_, OsStr>, p: Cow<'_, Path>) -> (usize, usize) {
    (s.len(), p.components().count())
}

#[pyfunction]
fn option_ref(py: Python<'_>, present: bool) -> PyResult<Bound<'_, PyAny>> {
    let value: Option<String> = present.then(|| "here".to_owned());
    (&value).into_pyobject(py)
}

/// Holds text and bytes after the call returns, without the GIL.
#[pyclass]
struct Held {
    text: PyBackedStr,
    data: PyBackedBytes,
}

#[pymethods]
impl Held {
    #[new]
    fn new(text: PyBackedStr, data: PyBackedBytes) -> Self {
        Held { text, data }
    }

    fn summary(&self, py: Python<'_>) -> String {
        let (text, data) = (&self.text, &self.data);
        py.detach(|| format!("{}:{}:{}", text.len(), data.len(), text.to_uppercase()))
    }

    fn text_back<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyString> {
        match (&self.text).into_pyobject(py) {
            Ok(text) => text,
            Err(never) => match never {},
        }
    }

    fn data_back<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        match (&self.data).into_pyobject(py) {
            Ok(b) => b,
            Err(never) => match never {},
        }
    }

    fn starts_with_abc(&self) -> bool {
        self.data.starts_with(b"abc") && self.text == "abc" || self.data == b"abc"
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ip_round_trip, m)?)?;
    m.add_function(wrap_pyfunction!(ip_is_v6, m)?)?;
    m.add_function(wrap_pyfunction!(loopbacks, m)?)?;
    m.add_function(wrap_pyfunction!(c_string_len, m)?)?;
    m.add_function(wrap_pyfunction!(c_str_echo, m)?)?;
    m.add_function(wrap_pyfunction!(c_str_static, m)?)?;
    m.add_function(wrap_pyfunction!(os_cow_len, m)?)?;
    m.add_function(wrap_pyfunction!(option_ref, m)?)?;
    m.add_class::<Held>()?;
    Ok(())
}
