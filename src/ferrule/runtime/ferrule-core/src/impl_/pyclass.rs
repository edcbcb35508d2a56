//! Helpers for the glue of `#[pyclass]` and `#[pymethods]`: receivers, slot
//! return conventions and `NotImplemented`.
use std::ffi::c_int;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use crate::conversion::IntoPyObject;
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyTypeError;
use crate::ffi;
use crate::impl_::wrap::IntoPyCallbackOutput;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::pyclass::layout::{checker, contents};
use crate::pyclass::{boolean, BorrowChecker, PyBorrowError, PyBorrowMutError, PyClass, PyRef, PyRefMut};
use crate::types::{PyAny, PyAnyMethods, PyTypeMethods};

pub use crate::pyclass::{gc::clear, gc::clear_bound, gc::traverse, layout::tp_dealloc};

type Ptr = *mut ffi::PyObject;

/// `slf` as a `&Bound<T>`, after checking its type (slots may receive other objects).
#[inline]
pub unsafe fn self_bound<'a, 'py, T: PyClass>(py: Python<'py>, slf: &'a Ptr) -> PyResult<&'a Bound<'py, T>> {
    let any = Bound::<PyAny>::ref_from_ptr(py, slf);
    if T::is_type_of(any) {
        Ok(any.cast_unchecked::<T>())
    } else {
        Err(PyTypeError::new_err(format!(
            "descriptor requires a '{}' object but received a '{}'",
            T::NAME,
            any.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        )))
    }
}

/// Whether `slf` is a `T` (for binary operators, where either side may be).
#[inline(always)]
pub unsafe fn is_instance<T: PyClass>(py: Python<'_>, slf: Ptr) -> bool {
    type_matches::<T>(py, slf)
}

/// A borrow of the receiver of a `&self` method: like `PyRef`, but without a
/// reference of its own (the caller holds `slf` for the whole call).
pub struct SelfRef<'a, T: PyClass> {
    ptr: Ptr,
    _marker: PhantomData<&'a T>,
}

/// As [`SelfRef`], for `&mut self`.
pub struct SelfMut<'a, T: PyClass> {
    ptr: Ptr,
    _marker: PhantomData<&'a mut T>,
}

impl<T: PyClass> Deref for SelfRef<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.ptr)).get_ptr() }
    }
}

impl<T: PyClass> Deref for SelfMut<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        unsafe { &*(*contents::<T>(self.ptr)).get_ptr() }
    }
}

impl<T: PyClass> DerefMut for SelfMut<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *(*contents::<T>(self.ptr)).get_ptr() }
    }
}

impl<T: PyClass> Drop for SelfRef<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        unsafe { checker::<T>(self.ptr) }.release_borrow()
    }
}

impl<T: PyClass> Drop for SelfMut<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        unsafe { checker::<T>(self.ptr) }.release_borrow_mut()
    }
}

/// Whether `slf` is a `T`: its exact type first (the common case), then subclasses.
#[inline(always)]
unsafe fn type_matches<T: PyClass>(py: Python<'_>, slf: Ptr) -> bool {
    let tp = T::type_object_raw(py);
    let actual = ffi::Py_TYPE(slf);
    actual == tp || ffi::PyType_IsSubtype(actual, tp) != 0
}

#[cold]
#[inline(never)]
unsafe fn wrong_receiver<T: PyClass>(py: Python<'_>, slf: Ptr) -> PyErr {
    match self_bound::<T>(py, &slf) {
        Err(e) => e,
        Ok(_) => unreachable!(),
    }
}

/// `slf` borrowed for a `&self` method, after checking its type.
#[inline(always)]
pub unsafe fn self_borrow<'a, T: PyClass>(py: Python<'_>, slf: Ptr) -> PyResult<SelfRef<'a, T>> {
    if !type_matches::<T>(py, slf) {
        return Err(wrong_receiver::<T>(py, slf));
    }
    Ok(self_borrow_unchecked::<T>(slf)?)
}

/// `slf` borrowed mutably for a `&mut self` method, after checking its type.
#[inline(always)]
pub unsafe fn self_borrow_mut<'a, T: PyClass<Frozen = boolean::False>>(py: Python<'_>, slf: Ptr) -> PyResult<SelfMut<'a, T>> {
    if !type_matches::<T>(py, slf) {
        return Err(wrong_receiver::<T>(py, slf));
    }
    Ok(self_borrow_mut_unchecked::<T>(slf)?)
}

/// As [`self_borrow`] when `slf` is known to be a `T` (operators check with [`is_instance`] first).
#[inline(always)]
pub unsafe fn self_borrow_unchecked<'a, T: PyClass>(slf: Ptr) -> Result<SelfRef<'a, T>, PyBorrowError> {
    crate::pyclass::layout::ensure_thread::<T>(slf);
    checker::<T>(slf).try_borrow()?;
    Ok(SelfRef { ptr: slf, _marker: PhantomData })
}

/// As [`self_borrow_mut`] when `slf` is known to be a `T`.
#[inline(always)]
pub unsafe fn self_borrow_mut_unchecked<'a, T: PyClass<Frozen = boolean::False>>(
    slf: Ptr,
) -> Result<SelfMut<'a, T>, PyBorrowMutError> {
    crate::pyclass::layout::ensure_thread::<T>(slf);
    checker::<T>(slf).try_borrow_mut()?;
    Ok(SelfMut { ptr: slf, _marker: PhantomData })
}

#[inline]
pub unsafe fn self_ref<'py, T: PyClass>(py: Python<'py>, slf: Ptr) -> PyResult<PyRef<'py, T>> {
    Ok(self_bound::<T>(py, &slf)?.try_borrow()?)
}

#[inline]
pub unsafe fn self_mut<'py, T: PyClass<Frozen = boolean::False>>(py: Python<'py>, slf: Ptr) -> PyResult<PyRefMut<'py, T>> {
    Ok(self_bound::<T>(py, &slf)?.try_borrow_mut()?)
}

/// `slf: PyClassGuard<'_, Self>`: borrowed for as long as the caller's pointer.
#[inline]
pub unsafe fn self_guard<'a, 'py: 'a, T: PyClass>(py: Python<'py>, slf: &'a Ptr) -> PyResult<crate::PyClassGuard<'a, T>> {
    let bound: &'a Bound<'py, T> = self_bound::<T>(py, slf)?;
    Ok(crate::PyClassGuard::try_from(bound)?)
}

#[inline]
pub unsafe fn self_guard_mut<'a, 'py: 'a, T: PyClass<Frozen = boolean::False>>(
    py: Python<'py>,
    slf: &'a Ptr,
) -> PyResult<crate::PyClassGuardMut<'a, T>> {
    let bound: &'a Bound<'py, T> = self_bound::<T>(py, slf)?;
    Ok(crate::PyClassGuardMut::try_from(bound)?)
}

/// A new reference to `NotImplemented`.
#[inline]
pub fn not_implemented() -> Ptr {
    unsafe {
        let p = ffi::Py_NotImplemented();
        ffi::Py_INCREF(p);
        p
    }
}

#[inline]
pub fn is_not_implemented(p: Ptr) -> bool {
    unsafe { p == ffi::Py_NotImplemented() }
}

/// A new reference to `slf` (what in-place operators return).
#[inline]
pub unsafe fn new_ref(p: Ptr) -> Ptr {
    ffi::Py_INCREF(p);
    p
}

/// `__next__`/`__anext__`-style results: `None` (of an `Option`) ends the iteration.
pub trait IterNextOutput<'py> {
    fn convert_next(self, py: Python<'py>) -> PyResult<Ptr>;
}

impl<'py, T: IntoPyObject<'py>> IterNextOutput<'py> for Option<T> {
    fn convert_next(self, py: Python<'py>) -> PyResult<Ptr> {
        match self {
            Some(v) => v.convert(py),
            None => Ok(std::ptr::null_mut()),
        }
    }
}

impl<'py, T: IntoPyObject<'py>, E: Into<PyErr>> IterNextOutput<'py> for Result<Option<T>, E> {
    fn convert_next(self, py: Python<'py>) -> PyResult<Ptr> {
        self.map_err(Into::into)?.convert_next(py)
    }
}

/// A field read by `#[pyo3(get)]`, converted as PyO3 converts it: by reference when
/// `&T: IntoPyObject` (`Py<T>`, `Vec<T>`, a type with only a reference conversion: no clone),
/// else by a clone. The glue calls `(&GetField(&field)).get_field(py)`: method lookup tries
/// `GetFieldByRef` (implemented for `&GetField`) before the inherent `GetField::get_field`.
pub struct GetField<'a, T>(pub &'a T);

impl<T> Clone for GetField<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for GetField<'_, T> {}

pub trait GetFieldByRef {
    fn get_field(self, py: Python<'_>) -> PyResult<Ptr>;
}

impl<T> GetFieldByRef for &GetField<'_, T>
where
    for<'a, 'py> &'a T: IntoPyObject<'py>,
{
    #[inline]
    fn get_field(self, py: Python<'_>) -> PyResult<Ptr> {
        self.0.convert(py)
    }
}

#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted to a Python object",
    label = "required by `#[pyo3(get)]` to create a readable property from a field of type `{Self}`",
    note = "implement `IntoPyObject` for `&{Self}` or `IntoPyObject + Clone` for `{Self}` to define the conversion"
)]
pub trait GetFieldClone<'py>: IntoPyObject<'py> + Clone {}
impl<'py, T: IntoPyObject<'py> + Clone> GetFieldClone<'py> for T {}

// Implemented for every field, the bound on the method: when neither conversion exists, rustc
// reports the `on_unimplemented` message above rather than "method not found".
impl<T> GetField<'_, T> {
    #[inline]
    pub fn get_field(self, py: Python<'_>) -> PyResult<Ptr>
    where
        for<'py> T: GetFieldClone<'py>,
    {
        self.0.clone().convert(py)
    }
}

/// What `__hash__` may return.
pub trait HashOutput {
    fn hash_value(self) -> PyResult<ffi::Py_hash_t>;
}

macro_rules! hash_int {
    ($($t:ty),*) => {$(
        impl HashOutput for $t {
            #[inline]
            fn hash_value(self) -> PyResult<ffi::Py_hash_t> {
                let h = self as ffi::Py_hash_t;
                // -1 means "error" to CPython.
                Ok(if h == -1 { -2 } else { h })
            }
        }
    )*};
}
hash_int!(isize, usize, i64, u64, i32, u32);

impl<H: HashOutput, E: Into<PyErr>> HashOutput for Result<H, E> {
    fn hash_value(self) -> PyResult<ffi::Py_hash_t> {
        self.map_err(Into::into)?.hash_value()
    }
}

/// What `__bool__`/`__contains__` may return.
pub trait BoolOutput {
    fn bool_value(self) -> PyResult<c_int>;
}
impl BoolOutput for bool {
    fn bool_value(self) -> PyResult<c_int> {
        Ok(self as c_int)
    }
}
impl<E: Into<PyErr>> BoolOutput for Result<bool, E> {
    fn bool_value(self) -> PyResult<c_int> {
        self.map_err(Into::into).map(|b| b as c_int)
    }
}

/// What `__len__` may return.
pub trait LenOutput {
    fn len_value(self) -> PyResult<ffi::Py_ssize_t>;
}
impl LenOutput for usize {
    fn len_value(self) -> PyResult<ffi::Py_ssize_t> {
        ffi::Py_ssize_t::try_from(self).map_err(|_| {
            crate::exceptions::PyOverflowError::new_err("cannot fit 'int' into an index-sized integer")
        })
    }
}
impl<E: Into<PyErr>> LenOutput for Result<usize, E> {
    fn len_value(self) -> PyResult<ffi::Py_ssize_t> {
        self.map_err(Into::into)?.len_value()
    }
}

/// What `__setitem__`/`__clear__`-like methods return: `()` or `PyResult<()>`.
pub trait UnitOutput {
    fn unit_value(self) -> PyResult<c_int>;
}
impl UnitOutput for () {
    fn unit_value(self) -> PyResult<c_int> {
        Ok(0)
    }
}
impl<E: Into<PyErr>> UnitOutput for Result<(), E> {
    fn unit_value(self) -> PyResult<c_int> {
        self.map_err(Into::into).map(|()| 0)
    }
}

/// A `CompareOp` from the raw operator of `tp_richcompare`.
pub fn compare_op(op: c_int) -> PyResult<crate::types::CompareOp> {
    crate::types::CompareOp::from_raw(op).ok_or_else(|| crate::exceptions::PyValueError::new_err("invalid comparison operator"))
}

/// `!=` from `==`: the negation of a result unless it is `NotImplemented`.
pub unsafe fn negate(py: Python<'_>, result: Ptr) -> PyResult<Ptr> {
    if is_not_implemented(result) {
        return Ok(result);
    }
    let truth = ffi::PyObject_IsTrue(result);
    ffi::Py_DECREF(result);
    if truth < 0 {
        return Err(PyErr::fetch(py));
    }
    Ok(crate::types::PyBool::new(py, truth == 0).to_owned().into_ptr())
}

/// Deleting an attribute that only has a setter.
pub fn cannot_delete(name: &str) -> PyErr {
    crate::exceptions::PyAttributeError::new_err(format!("can't delete attribute '{name}'"))
}

/// A borrowed view of an argument for `FromPyObject`-based extraction.
#[inline]
pub unsafe fn borrowed<'a, 'py>(py: Python<'py>, p: Ptr) -> Borrowed<'a, 'py, PyAny> {
    Borrowed::from_ptr(py, p)
}

/// `IntoPyObject` of a class value: a new instance.
pub fn into_new_object<'py, T: PyClass>(py: Python<'py>, value: T) -> PyResult<Bound<'py, T>>
where
    crate::pyclass::PyClassInitializer<T>: From<T>,
{
    Bound::new(py, value)
}

/// `sq_item` of a class with `__getitem__`: `obj[index]` through the mapping
/// slot, so `iter()` falls back to indexing until `IndexError` as in Python.
pub unsafe extern "C" fn sq_item_from_mapping(obj: Ptr, index: ffi::Py_ssize_t) -> Ptr {
    let key = ffi::PyLong_FromSsize_t(index);
    if key.is_null() {
        return key;
    }
    let result = ffi::PyObject_GetItem(obj, key);
    ffi::Py_DECREF(key);
    result
}

/// `sq_ass_item` of a class with `__setitem__`/`__delitem__` (null `value` deletes).
pub unsafe extern "C" fn sq_ass_item_from_mapping(obj: Ptr, index: ffi::Py_ssize_t, value: Ptr) -> c_int {
    let key = ffi::PyLong_FromSsize_t(index);
    if key.is_null() {
        return -1;
    }
    let result = if value.is_null() { ffi::PyObject_DelItem(obj, key) } else { ffi::PyObject_SetItem(obj, key, value) };
    ffi::Py_DECREF(key);
    result
}
