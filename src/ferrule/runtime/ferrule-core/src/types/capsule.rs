//! `types.CapsuleType`: a Rust value (or a raw pointer) handed to Python code
//! and other extensions under a name.
//!
//! A value's capsule owns a `Box` of it; CPython calls the capsule's destructor
//! exactly once, when the capsule is freed, and only that call frees the box.
use std::ffi::{c_char, c_void, CStr, CString};
use std::ptr::NonNull;

use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny};

native_type!(PyCapsule, "types", "CapsuleType", ffi::PyCapsule_Type, ffi::PyCapsule_CheckExact);

/// What a value's capsule points at. `value` comes first, so the capsule's
/// pointer is also a valid `*const T` (what `import` and `pointer_checked` hand out).
#[repr(C)]
struct Contents<T, F> {
    value: T,
    destructor: F,
    /// Owns the name of a capsule made by the deprecated `Option<CString>` constructors.
    name: Option<CString>,
}

unsafe extern "C" fn drop_value<T: 'static + Send>(capsule: *mut ffi::PyObject) {
    let ptr = ffi::PyCapsule_GetPointer(capsule, ffi::PyCapsule_GetName(capsule));
    drop(Box::<T>::from_raw(ptr.cast()));
}

unsafe extern "C" fn run_destructor<T: 'static + Send, F: FnOnce(T, *mut c_void) + Send + 'static>(
    capsule: *mut ffi::PyObject,
) {
    let ptr = ffi::PyCapsule_GetPointer(capsule, ffi::PyCapsule_GetName(capsule));
    let context = ffi::PyCapsule_GetContext(capsule);
    let Contents::<T, F> { value, destructor, name } = *Box::from_raw(ptr.cast());
    // Unwinding out of a C callback would abort; the value is gone either way.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || destructor(value, context)));
    drop(name);
}

/// `PyCapsule_New`, freeing the box (without running a user destructor) if it fails.
unsafe fn new_owning<'py, B>(
    py: Python<'py>,
    boxed: Box<B>,
    name: *const c_char,
    destructor: ffi::PyCapsule_Destructor,
) -> PyResult<Bound<'py, PyCapsule>> {
    let raw = Box::into_raw(boxed);
    let capsule = ffi::PyCapsule_New(raw.cast(), name, Some(destructor));
    if capsule.is_null() {
        drop(Box::from_raw(raw));
        return Err(PyErr::fetch(py));
    }
    Ok(Bound::<PyAny>::from_owned_ptr_typed(py, capsule).cast_into_unchecked())
}

impl PyCapsule {
    /// A capsule owning `value`; dropped when Python frees the capsule.
    pub fn new_with_value<'py, T: 'static + Send>(
        py: Python<'py>,
        value: T,
        name: &'static CStr,
    ) -> PyResult<Bound<'py, Self>> {
        unsafe { new_owning(py, Box::new(value), name.as_ptr(), drop_value::<T>) }
    }

    /// Like `new_with_value`; `destructor` gets the value and the capsule's
    /// context when Python frees the capsule.
    pub fn new_with_value_and_destructor<'py, T, F>(
        py: Python<'py>,
        value: T,
        name: &'static CStr,
        destructor: F,
    ) -> PyResult<Bound<'py, Self>>
    where
        T: 'static + Send,
        F: FnOnce(T, *mut c_void) + Send + 'static,
    {
        let contents = Box::new(Contents { value, destructor, name: None });
        unsafe { new_owning(py, contents, name.as_ptr(), run_destructor::<T, F>) }
    }

    #[deprecated(since = "0.29.0", note = "use `PyCapsule::new_with_value` instead")]
    pub fn new<T: 'static + Send>(py: Python<'_>, value: T, name: Option<CString>) -> PyResult<Bound<'_, Self>> {
        #[allow(deprecated)]
        Self::new_with_destructor(py, value, name, |_, _| {})
    }

    #[deprecated(since = "0.29.0", note = "use `PyCapsule::new_with_value_and_destructor` instead")]
    pub fn new_with_destructor<T: 'static + Send, F: FnOnce(T, *mut c_void) + Send + 'static>(
        py: Python<'_>,
        value: T,
        name: Option<CString>,
        destructor: F,
    ) -> PyResult<Bound<'_, Self>> {
        // The CString's heap buffer does not move with the box, so the pointer stays valid.
        let name_ptr = name.as_ref().map_or(std::ptr::null(), |n| n.as_ptr());
        let contents = Box::new(Contents { value, destructor, name });
        unsafe { new_owning(py, contents, name_ptr, run_destructor::<T, F>) }
    }

    /// A capsule holding a pointer it does not own.
    ///
    /// # Safety
    /// `pointer` must stay valid for as long as anything may read it through the capsule.
    pub unsafe fn new_with_pointer<'py>(
        py: Python<'py>,
        pointer: NonNull<c_void>,
        name: &'static CStr,
    ) -> PyResult<Bound<'py, Self>> {
        Self::new_with_pointer_and_destructor(py, pointer, name, None)
    }

    /// # Safety
    /// As `new_with_pointer`; `destructor`, if any, must be sound to call once
    /// with the capsule, from any thread.
    pub unsafe fn new_with_pointer_and_destructor<'py>(
        py: Python<'py>,
        pointer: NonNull<c_void>,
        name: &'static CStr,
        destructor: Option<ffi::PyCapsule_Destructor>,
    ) -> PyResult<Bound<'py, Self>> {
        let capsule = ffi::PyCapsule_New(pointer.as_ptr(), name.as_ptr(), destructor);
        Bound::<PyAny>::from_owned_ptr_or_err_typed(py, capsule).map(|c| c.cast_into_unchecked())
    }

    /// The value of the capsule at the dotted path `name` (`"module.attr"`).
    ///
    /// # Safety
    /// The capsule must point at a `T` that lives as long as the interpreter.
    pub unsafe fn import<'py, T>(py: Python<'py>, name: &CStr) -> PyResult<&'py T> {
        let ptr = Self::import_pointer(py, name)?.cast::<T>();
        if (ptr.as_ptr() as usize) % std::mem::align_of::<T>() != 0 {
            return Err(crate::exceptions::PySystemError::new_err(format!(
                "The pointer from the `{}` capsule is not aligned to rust type {}",
                name.to_string_lossy(),
                std::any::type_name::<T>()
            )));
        }
        Ok(&*ptr.as_ptr())
    }

    /// The pointer of the capsule at the dotted path `name`.
    pub fn import_pointer(py: Python<'_>, name: &CStr) -> PyResult<NonNull<c_void>> {
        NonNull::new(unsafe { ffi::PyCapsule_Import(name.as_ptr(), 0) }).ok_or_else(|| PyErr::fetch(py))
    }
}

/// A capsule's name, as the C API stores it.
#[derive(Clone, Copy, Debug)]
pub struct CapsuleName {
    ptr: NonNull<c_char>,
}

impl CapsuleName {
    /// # Safety
    /// The capsule must keep this name (not be freed or renamed) while the result is used.
    pub unsafe fn as_cstr<'a>(self) -> &'a CStr {
        CStr::from_ptr(self.ptr.as_ptr())
    }

    pub fn as_ptr(self) -> *const c_char {
        self.ptr.as_ptr()
    }
}

/// Methods of `Bound<'py, PyCapsule>`.
pub trait PyCapsuleMethods<'py> {
    /// Stores an arbitrary pointer next to the capsule's (passed to its destructor).
    fn set_context(&self, context: *mut c_void) -> PyResult<()>;
    fn context(&self) -> PyResult<*mut c_void>;
    /// The pointer, if `name` is the capsule's name (`ValueError` otherwise).
    fn pointer_checked(&self, name: Option<&CStr>) -> PyResult<NonNull<c_void>>;
    fn is_valid_checked(&self, name: Option<&CStr>) -> bool;
    fn name(&self) -> PyResult<Option<CapsuleName>>;
}

fn name_ptr(name: Option<&CStr>) -> *const c_char {
    name.map_or(std::ptr::null(), CStr::as_ptr)
}

fn no_error(py: Python<'_>) -> PyResult<()> {
    PyErr::take(py).map_or(Ok(()), Err)
}

impl<'py> PyCapsuleMethods<'py> for Bound<'py, PyCapsule> {
    fn set_context(&self, context: *mut c_void) -> PyResult<()> {
        if unsafe { ffi::PyCapsule_SetContext(self.as_ptr(), context) } != 0 {
            return Err(PyErr::fetch(self.py()));
        }
        Ok(())
    }

    fn context(&self) -> PyResult<*mut c_void> {
        let context = unsafe { ffi::PyCapsule_GetContext(self.as_ptr()) };
        if context.is_null() {
            no_error(self.py())?;
        }
        Ok(context)
    }

    fn pointer_checked(&self, name: Option<&CStr>) -> PyResult<NonNull<c_void>> {
        let ptr = unsafe { ffi::PyCapsule_GetPointer(self.as_ptr(), name_ptr(name)) };
        NonNull::new(ptr).ok_or_else(|| PyErr::fetch(self.py()))
    }

    fn is_valid_checked(&self, name: Option<&CStr>) -> bool {
        unsafe { ffi::PyCapsule_IsValid(self.as_ptr(), name_ptr(name)) != 0 }
    }

    fn name(&self) -> PyResult<Option<CapsuleName>> {
        let name = unsafe { ffi::PyCapsule_GetName(self.as_ptr()) };
        match NonNull::new(name.cast_mut()) {
            Some(ptr) => Ok(Some(CapsuleName { ptr })),
            None => no_error(self.py()).map(|()| None),
        }
    }
}
