//! Converting one argument slot: the conversions the glue calls per parameter (and the shared
//! calls of `impl_::call`), and the note an error from one gets.
use crate::conversion::FromPyObject;
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::type_object::PyTypeCheck;
use crate::types::{PyAny, PyAnyMethods};

type Ptr = *mut ffi::PyObject;

/// An error from converting argument `name`, as PyO3 0.29 reports it: the same exception (type,
/// message, `__cause__`) with the note `while processing 'name'` (`add_note`, Python 3.11+; on
/// older interpreters the error is unchanged).
#[cold]
pub fn argument_extraction_error(py: Python<'_>, name: &str, err: PyErr) -> PyErr {
    let note = format!("while processing '{}'", name);
    let _ = err.value(py).call_method1(crate::intern!(py, "add_note"), (note,));
    err
}

/// Converts the argument in `slot` (which must be non-NULL).
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract<'a, 'py, T>(py: Python<'py>, slot: &'a Ptr, name: &str) -> PyResult<T>
where
    T: FromPyObject<'a, 'py>,
{
    match T::extract(Borrowed::from_ptr(py, *slot)) {
        Ok(v) => Ok(v),
        Err(e) => Err(argument_extraction_error(py, name, e.into())),
    }
}

/// Converts an optional argument, using `default` when it was not passed.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_or<'a, 'py, T>(py: Python<'py>, slot: &'a Ptr, name: &str, default: impl FnOnce() -> T) -> PyResult<T>
where
    T: FromPyObject<'a, 'py>,
{
    if slot.is_null() { Ok(default()) } else { extract(py, slot, name) }
}

/// A borrowed `#[pyclass]` parameter with a default (`x=&Mode::A`): its holder, or `None` when the
/// argument was not passed and the glue uses the default reference instead.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_present<'a, 'py, T>(py: Python<'py>, slot: &'a Ptr, name: &str) -> PyResult<Option<T>>
where
    T: FromPyObject<'a, 'py>,
{
    if slot.is_null() { Ok(None) } else { extract(py, slot, name).map(Some) }
}

/// A `&Bound<T>` parameter: a typed view of the slot, no reference taken.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_ref<'a, 'py, T: PyTypeCheck>(py: Python<'py>, slot: &'a Ptr, name: &str) -> PyResult<&'a Bound<'py, T>> {
    let any = Bound::<PyAny>::ref_from_ptr(py, slot);
    match any.cast::<T>() {
        Ok(v) => Ok(v),
        Err(e) => Err(argument_extraction_error(py, name, e.into())),
    }
}

/// An `Option<&Bound<T>>` parameter: `None` when absent or Python `None`.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_opt_ref<'a, 'py, T: PyTypeCheck>(py: Python<'py>, slot: &'a Ptr, name: &str) -> PyResult<Option<&'a Bound<'py, T>>> {
    if slot.is_null() || *slot == ffi::Py_None() {
        Ok(None)
    } else {
        extract_ref(py, slot, name).map(Some)
    }
}


/// What a `&str` parameter borrows from. The full API (and the limited API
/// from 3.10) borrows the string's cached UTF-8; the 3.9 stable ABI cannot, so
/// the holder keeps a copy that lives until the call returns (PyO3's rule).
pub type StrHolder<'a> = Option<std::borrow::Cow<'a, str>>;

/// A `&str` parameter (the slot must be non-NULL).
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_str<'a, 'h, 'py>(py: Python<'py>, slot: &'a Ptr, name: &str, holder: &'h mut StrHolder<'a>) -> PyResult<&'h str> {
    #[cfg(any(Py_3_10, not(Py_LIMITED_API)))]
    {
        let _ = holder;
        extract::<&'a str>(py, slot, name)
    }
    #[cfg(not(any(Py_3_10, not(Py_LIMITED_API))))]
    {
        let text: std::borrow::Cow<'a, str> = extract(py, slot, name)?;
        Ok(&**holder.insert(text))
    }
}

/// A `&str` parameter with a default.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_str_or<'a, 'h, 'py>(
    py: Python<'py>,
    slot: &'a Ptr,
    name: &str,
    holder: &'h mut StrHolder<'a>,
    default: impl FnOnce() -> &'h str,
) -> PyResult<&'h str> {
    if slot.is_null() { Ok(default()) } else { extract_str(py, slot, name, holder) }
}

/// An `Option<&str>` parameter: `None` from Python's `None`, `default` when absent.
#[cfg_attr(not(debug_assertions), inline(always))]
#[cfg_attr(debug_assertions, inline)]
pub unsafe fn extract_opt_str<'a, 'h, 'py>(
    py: Python<'py>,
    slot: &'a Ptr,
    name: &str,
    holder: &'h mut StrHolder<'a>,
    default: impl FnOnce() -> Option<&'h str>,
) -> PyResult<Option<&'h str>> {
    if slot.is_null() {
        Ok(default())
    } else if *slot == ffi::Py_None() {
        Ok(None)
    } else {
        extract_str(py, slot, name, holder).map(Some)
    }
}
