//! `types.MappingProxyType`: a read-only view of a mapping.
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyAnyMethods, PyIterator, PyList, PyMapping, PyMappingMethods};

native_type!(PyMappingProxy, "types", "MappingProxyType", ffi::PyDictProxy_Type, is_mappingproxy);

unsafe fn is_mappingproxy(op: *mut ffi::PyObject) -> std::ffi::c_int {
    ffi::PyObject_TypeCheck(op, std::ptr::addr_of_mut!(ffi::PyDictProxy_Type))
}

impl PyMappingProxy {
    /// `types.MappingProxyType(elements)`.
    pub fn new<'py>(py: Python<'py>, elements: &Bound<'py, PyMapping>) -> Bound<'py, PyMappingProxy> {
        unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyDictProxy_New(elements.as_ptr())).cast_into_unchecked() }
    }
}

/// Methods of `Bound<'py, PyMappingProxy>`.
pub trait PyMappingProxyMethods<'py, 'a> {
    fn is_empty(&self) -> PyResult<bool>;
    fn keys(&self) -> PyResult<Bound<'py, PyList>>;
    fn values(&self) -> PyResult<Bound<'py, PyList>>;
    fn items(&self) -> PyResult<Bound<'py, PyList>>;
    fn as_mapping(&self) -> &Bound<'py, PyMapping>;
    /// `(key, value)` pairs, each value looked up as the key comes.
    fn try_iter(&'a self) -> PyResult<BoundMappingProxyIterator<'py, 'a>>;
}

impl<'py, 'a> PyMappingProxyMethods<'py, 'a> for Bound<'py, PyMappingProxy> {
    fn is_empty(&self) -> PyResult<bool> {
        Ok(self.len()? == 0)
    }

    fn keys(&self) -> PyResult<Bound<'py, PyList>> {
        self.as_mapping().keys()
    }

    fn values(&self) -> PyResult<Bound<'py, PyList>> {
        self.as_mapping().values()
    }

    fn items(&self) -> PyResult<Bound<'py, PyList>> {
        self.as_mapping().items()
    }

    fn as_mapping(&self) -> &Bound<'py, PyMapping> {
        unsafe { self.cast_unchecked() }
    }

    fn try_iter(&'a self) -> PyResult<BoundMappingProxyIterator<'py, 'a>> {
        Ok(BoundMappingProxyIterator { keys: PyIterator::from_object(self)?, proxy: self })
    }
}

/// Iterator over a mapping proxy's items.
pub struct BoundMappingProxyIterator<'py, 'a> {
    keys: Bound<'py, PyIterator>,
    proxy: &'a Bound<'py, PyMappingProxy>,
}

impl<'py> Iterator for BoundMappingProxyIterator<'py, '_> {
    type Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let key = match self.keys.next()? {
            Ok(key) => key,
            Err(e) => return Some(Err(e)),
        };
        Some(self.proxy.get_item(&key).map(|value| (key, value)))
    }
}
