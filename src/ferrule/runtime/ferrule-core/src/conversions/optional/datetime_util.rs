//! What the date and time crates' conversions share.
use crate::err::PyResult;
use crate::exceptions::PyTypeError;
use crate::instance::Bound;
use crate::types::{PyAnyMethods, PyDelta, PyNone, PyTzInfo};

/// The offset of a tzinfo that has one without a datetime (`timezone`), else PyO3's TypeError.
pub(super) fn fixed_utcoffset<'py>(tz: &Bound<'py, PyTzInfo>) -> PyResult<Bound<'py, PyDelta>> {
    let offset = tz.call_method1("utcoffset", (PyNone::get(tz.py()),))?;
    if offset.is_none() {
        return Err(PyTypeError::new_err(format!("{tz:?} is not a fixed offset timezone")));
    }
    Ok(offset.cast_into::<PyDelta>()?)
}
