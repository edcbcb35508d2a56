//! Slices and `Ellipsis` (`sliceobject.h`).

use core::ffi::c_int;
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_IS_TYPE};
use super::pyport::Py_ssize_t;

/// Non-limited layout.
#[cfg(not(Py_LIMITED_API))]
#[repr(C)]
pub struct PySliceObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
}

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPySlice_Type")]
    pub static mut PySlice_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyEllipsis_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "_PyPy_EllipsisObject")]
    pub static mut _Py_EllipsisObject: PyObject;

    #[cfg_attr(PyPy, link_name = "PyPySlice_New")]
    pub fn PySlice_New(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject)
        -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPySlice_GetIndices")]
    pub fn PySlice_GetIndices(
        r: *mut PyObject,
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
    ) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySlice_GetIndicesEx")]
    pub fn PySlice_GetIndicesEx(
        r: *mut PyObject,
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
        slicelength: *mut Py_ssize_t,
    ) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPySlice_Unpack")]
    pub fn PySlice_Unpack(
        slice: *mut PyObject,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: *mut Py_ssize_t,
    ) -> c_int;
    #[cfg_attr(all(PyPy, Py_3_11), link_name = "PyPySlice_AdjustIndices")]
    pub fn PySlice_AdjustIndices(
        length: Py_ssize_t,
        start: *mut Py_ssize_t,
        stop: *mut Py_ssize_t,
        step: Py_ssize_t,
    ) -> Py_ssize_t;
}

/// Borrowed reference to `Ellipsis`.
#[inline]
pub unsafe fn Py_Ellipsis() -> *mut PyObject {
    #[cfg(all(Py_LIMITED_API, Py_3_13))]
    return super::object::Py_GetConstantBorrowed(super::object::Py_CONSTANT_ELLIPSIS);
    #[cfg(not(all(Py_LIMITED_API, Py_3_13)))]
    return ptr::addr_of_mut!(_Py_EllipsisObject);
}

#[inline]
pub unsafe fn PySlice_Check(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PySlice_Type))
}
