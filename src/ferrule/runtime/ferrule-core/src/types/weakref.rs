//! Weak references: `weakref.ref` (`PyWeakrefReference`), the proxies
//! (`PyWeakrefProxy`, two Python types) and either (`PyWeakref`).
use crate::err::PyResult;
use crate::ffi;
use crate::instance::{Bound, Py};
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::type_object::{PyTypeCheck, PyTypeInfo};
use crate::types::{PyAny, PyAnyMethods, PyTuple, PyTupleMethods};

/// Any weak reference or proxy.
#[repr(transparent)]
pub struct PyWeakref(PyAny);

/// `weakref.ProxyType` or `weakref.CallableProxyType`.
#[repr(transparent)]
pub struct PyWeakrefProxy(PyAny);

#[cfg(not(PyPy))]
crate::types::native_type!(PyWeakrefReference, "weakref", "ReferenceType", ffi::_PyWeakref_RefType, ffi::PyWeakref_CheckRef);
#[cfg(PyPy)]
crate::types::imported_type!(PyWeakrefReference, "weakref", "ReferenceType", "weakref", "ReferenceType");

impl crate::types::DerefToPyAny for PyWeakref {}
impl crate::types::DerefToPyAny for PyWeakrefProxy {}

/// `weakref.ProxyTypes`, kept once imported.
fn proxy_types(py: Python<'_>) -> Bound<'_, PyAny> {
    static TYPES: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    TYPES
        .get_or_try_init(py, || py.import("weakref")?.getattr("ProxyTypes").map(Bound::unbind))
        .expect("failed to import `weakref.ProxyTypes`")
        .bind(py)
        .clone()
}

// SAFETY: only proxies pass `PyWeakref_CheckProxy`.
unsafe impl PyTypeCheck for PyWeakrefProxy {
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_identifier!("weakref", "ProxyType"));
    const NAME: &'static str = "weakref.ProxyTypes";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyWeakref_CheckProxy(object.as_ptr()) != 0 }
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        proxy_types(py)
    }
}

// SAFETY: only references and proxies pass `PyWeakref_Check`.
unsafe impl PyTypeCheck for PyWeakref {
    crate::__ferrule_inspect_const!(TYPE_HINT = crate::type_hint_union!(
        crate::type_hint_identifier!("weakref", "ReferenceType"),
        crate::type_hint_identifier!("weakref", "ProxyType")
    ));
    const NAME: &'static str = "weakref";
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        unsafe { ffi::PyWeakref_Check(object.as_ptr()) != 0 }
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        let reference = PyWeakrefReference::type_object(py).into_any();
        let mut all: Vec<Bound<'_, PyAny>> = vec![reference];
        if let Ok(proxies) = proxy_types(py).cast_into::<PyTuple>() {
            all.extend(proxies.iter());
        }
        PyTuple::new(py, all).expect("a tuple of types").into_any()
    }
}

impl PyWeakrefReference {
    /// `weakref.ref(object)`; `TypeError` when the object takes no weak references.
    pub fn new<'py>(object: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyWeakrefReference>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(object.py(), ffi::PyWeakref_NewRef(object.as_ptr(), ffi::Py_None()))
                .map(|r| r.cast_into_unchecked())
        }
    }

    /// `weakref.ref(object, callback)`: `callback(ref)` runs when the object dies.
    pub fn new_with<'py, C: crate::IntoPyObject<'py>>(
        object: &Bound<'py, PyAny>,
        callback: C,
    ) -> PyResult<Bound<'py, PyWeakrefReference>> {
        use crate::conversion::IntoPyObjectExt;
        let callback = callback.into_bound_py_any(object.py())?;
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(object.py(), ffi::PyWeakref_NewRef(object.as_ptr(), callback.as_ptr()))
                .map(|r| r.cast_into_unchecked())
        }
    }
}

impl PyWeakrefProxy {
    /// `weakref.proxy(object)` (`CallableProxyType` when the object is callable).
    pub fn new<'py>(object: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyWeakrefProxy>> {
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(object.py(), ffi::PyWeakref_NewProxy(object.as_ptr(), ffi::Py_None()))
                .map(|r| r.cast_into_unchecked())
        }
    }

    /// `weakref.proxy(object, callback)`.
    pub fn new_with<'py, C: crate::IntoPyObject<'py>>(
        object: &Bound<'py, PyAny>,
        callback: C,
    ) -> PyResult<Bound<'py, PyWeakrefProxy>> {
        use crate::conversion::IntoPyObjectExt;
        let callback = callback.into_bound_py_any(object.py())?;
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(object.py(), ffi::PyWeakref_NewProxy(object.as_ptr(), callback.as_ptr()))
                .map(|r| r.cast_into_unchecked())
        }
    }
}

/// The referent, strong, or `None` once it is gone.
fn referent<'py>(weakref: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
    let py = weakref.py();
    // cpyext's PyWeakref_GetObject calls the weak reference: for a proxy, that calls the referent.
    #[cfg(PyPy)]
    if unsafe { ffi::PyWeakref_CheckProxy(weakref.as_ptr()) } != 0 {
        panic!("PyPy's C API cannot give the referent of a weakref.proxy (PyWeakref_GetObject would call it)");
    }
    #[cfg(Py_3_13)]
    unsafe {
        let mut obj = std::ptr::null_mut();
        match ffi::PyWeakref_GetRef(weakref.as_ptr(), &mut obj) {
            1 => Some(Bound::from_owned_ptr_typed(py, obj)),
            0 => None,
            _ => panic!("a weak reference that CPython does not take for one"),
        }
    }
    #[cfg(not(Py_3_13))]
    unsafe {
        // Borrowed; `None` when dead. Taking a strong reference at once keeps it alive.
        let obj = ffi::PyWeakref_GetObject(weakref.as_ptr());
        assert!(!obj.is_null(), "a weak reference that CPython does not take for one");
        if obj == ffi::Py_None() {
            return None;
        }
        Some(Bound::from_borrowed_ptr_typed(py, obj))
    }
}

/// Methods of the weak reference types.
pub trait PyWeakrefMethods<'py> {
    /// The referent, if still alive, cast to `T` (`Err` if it is not a `T`).
    fn upgrade_as<T: PyTypeCheck>(&self) -> PyResult<Option<Bound<'py, T>>> {
        Ok(match self.upgrade() {
            Some(obj) => Some(obj.cast_into::<T>()?),
            None => None,
        })
    }

    /// # Safety
    /// The referent must be a `T` (if alive).
    unsafe fn upgrade_as_unchecked<T>(&self) -> Option<Bound<'py, T>> {
        self.upgrade().map(|obj| obj.cast_into_unchecked())
    }

    /// Like `upgrade_as`, with an exact type test.
    fn upgrade_as_exact<T: PyTypeInfo>(&self) -> PyResult<Option<Bound<'py, T>>> {
        match self.upgrade() {
            Some(obj) if T::is_exact_type_of(&obj) => Ok(Some(unsafe { obj.cast_into_unchecked() })),
            Some(obj) => {
                let to = T::type_object(obj.py()).into_any();
                Err(crate::err::CastIntoError::new(obj, to).into())
            }
            None => Ok(None),
        }
    }

    /// The referent, if still alive.
    fn upgrade(&self) -> Option<Bound<'py, PyAny>>;
}

macro_rules! weakref_methods {
    ($($ty:ty),*) => {$(
        impl<'py> PyWeakrefMethods<'py> for Bound<'py, $ty> {
            fn upgrade(&self) -> Option<Bound<'py, PyAny>> {
                referent(self.as_any())
            }
        }
    )*};
}
weakref_methods!(PyWeakref, PyWeakrefReference, PyWeakrefProxy);
