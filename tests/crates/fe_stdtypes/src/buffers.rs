//! `pyo3::buffer`: typed views of any exporter (bytes, bytearray, array, memoryview).
use pyo3::buffer::{Element, ElementType, PyBuffer, ReadOnlyCell};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Sums the items in place (no copy) when contiguous.
#[pyfunction]
fn sum_in_place(py: Python<'_>, data: PyBuffer<f64>) -> PyResult<f64> {
    let cells: &[ReadOnlyCell<f64>] =
        data.as_slice(py).ok_or_else(|| PyValueError::new_err("not contiguous"))?;
    Ok(cells.iter().map(ReadOnlyCell::get).sum())
}

/// Everything a consumer reads about a buffer's layout.
#[pyfunction]
fn layout(obj: &Bound<'_, PyAny>) -> PyResult<(usize, Vec<usize>, Vec<isize>, usize, usize, bool, bool, bool)> {
    let buf = pyo3::buffer::PyUntypedBuffer::get(obj)?;
    Ok((
        buf.dimensions(),
        buf.shape().to_vec(),
        buf.strides().to_vec(),
        buf.item_size(),
        buf.item_count(),
        buf.readonly(),
        buf.is_c_contiguous(),
        buf.is_fortran_contiguous(),
    ))
}

#[pyfunction]
fn int_items(py: Python<'_>, data: PyBuffer<i32>) -> PyResult<Vec<i32>> {
    data.to_vec(py)
}

/// Copies into a slice of the wrong length when `extra` is non-zero.
#[pyfunction]
fn copy_out(py: Python<'_>, data: PyBuffer<u8>, extra: usize) -> PyResult<Vec<u8>> {
    let mut out = vec![0u8; data.item_count() + extra];
    data.copy_to_slice(py, &mut out)?;
    Ok(out)
}

/// Writes through `as_mut_slice`; `False` when the buffer is read-only.
#[pyfunction]
fn fill(py: Python<'_>, data: PyBuffer<u8>, value: u8) -> bool {
    match data.as_mut_slice(py) {
        Some(cells) => {
            cells.iter().for_each(|c| c.set(value));
            true
        }
        None => false,
    }
}

#[pyfunction]
fn overwrite(py: Python<'_>, data: PyBuffer<i16>, values: Vec<i16>) -> PyResult<()> {
    data.copy_from_slice(py, &values)
}

/// Releases the view, then resizes the exporter (a bytearray): allowed only once released.
#[pyfunction]
fn release_then_grow(obj: &Bound<'_, PyAny>, release: bool) -> PyResult<usize> {
    let buf = PyBuffer::<u8>::get(obj)?;
    let before = buf.item_count();
    if release {
        buf.release(obj.py());
        obj.call_method1("extend", (b"!!".as_slice(),))?;
    } else {
        obj.call_method1("extend", (b"!!".as_slice(),))?;
        drop(buf);
    }
    Ok(before)
}

/// Which Rust element types accept the exporter's format.
#[pyfunction]
fn element_kind(obj: &Bound<'_, PyAny>) -> PyResult<(String, bool, bool, bool)> {
    let any = pyo3::buffer::PyUntypedBuffer::get(obj)?;
    let format = any.format();
    let kind = match ElementType::from_format(format) {
        ElementType::SignedInteger { bytes } => format!("signed{}", bytes * 8),
        ElementType::UnsignedInteger { bytes } => format!("unsigned{}", bytes * 8),
        ElementType::Float { bytes } => format!("float{}", bytes * 8),
        ElementType::Bool => "bool".to_owned(),
        ElementType::Unknown => "unknown".to_owned(),
    };
    Ok((kind, u8::is_compatible_format(format), i64::is_compatible_format(format), f64::is_compatible_format(format)))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sum_in_place, m)?)?;
    m.add_function(wrap_pyfunction!(layout, m)?)?;
    m.add_function(wrap_pyfunction!(int_items, m)?)?;
    m.add_function(wrap_pyfunction!(copy_out, m)?)?;
    m.add_function(wrap_pyfunction!(fill, m)?)?;
    m.add_function(wrap_pyfunction!(overwrite, m)?)?;
    m.add_function(wrap_pyfunction!(release_then_grow, m)?)?;
    m.add_function(wrap_pyfunction!(element_kind, m)?)?;
    Ok(())
}
