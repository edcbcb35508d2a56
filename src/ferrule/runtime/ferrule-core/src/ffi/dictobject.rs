//! `dict` objects (`dictobject.h`).

use core::ffi::{c_char, c_int};
use core::ptr;

use super::object::{PyObject, PyTypeObject, Py_TPFLAGS_DICT_SUBCLASS};
use super::pyport::Py_ssize_t;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyDict_Type")]
    pub static mut PyDict_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyDictKeys_Type")]
    pub static mut PyDictKeys_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyDictValues_Type")]
    pub static mut PyDictValues_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictItems_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictIterKey_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictIterValue_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictIterItem_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictRevIterKey_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictRevIterValue_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyDictRevIterItem_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyDict_New")]
    pub fn PyDict_New() -> *mut PyObject;
    /// Borrowed reference; suppresses errors (prefer PyDict_GetItemWithError).
    #[cfg_attr(PyPy, link_name = "PyPyDict_GetItem")]
    pub fn PyDict_GetItem(mp: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    /// Borrowed reference; NULL without an exception when the key is missing.
    #[cfg_attr(PyPy, link_name = "PyPyDict_GetItemWithError")]
    pub fn PyDict_GetItemWithError(mp: *mut PyObject, key: *mut PyObject) -> *mut PyObject;
    /// Borrowed reference.
    #[cfg_attr(PyPy, link_name = "PyPyDict_GetItemString")]
    pub fn PyDict_GetItemString(dp: *mut PyObject, key: *const c_char) -> *mut PyObject;
    /// Strong reference in `*result`; returns 1 found, 0 missing, -1 error.
    #[cfg(Py_3_13)]
    pub fn PyDict_GetItemRef(mp: *mut PyObject, key: *mut PyObject, result: *mut *mut PyObject)
        -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyDict_GetItemStringRef(
        mp: *mut PyObject,
        key: *const c_char,
        result: *mut *mut PyObject,
    ) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_SetItem")]
    pub fn PyDict_SetItem(mp: *mut PyObject, key: *mut PyObject, item: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_SetItemString")]
    pub fn PyDict_SetItemString(dp: *mut PyObject, key: *const c_char, item: *mut PyObject)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_DelItem")]
    pub fn PyDict_DelItem(mp: *mut PyObject, key: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_DelItemString")]
    pub fn PyDict_DelItemString(dp: *mut PyObject, key: *const c_char) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Clear")]
    pub fn PyDict_Clear(mp: *mut PyObject);
    /// Borrowed references in `*key`/`*value`.
    #[cfg_attr(PyPy, link_name = "PyPyDict_Next")]
    pub fn PyDict_Next(
        mp: *mut PyObject,
        pos: *mut Py_ssize_t,
        key: *mut *mut PyObject,
        value: *mut *mut PyObject,
    ) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Keys")]
    pub fn PyDict_Keys(mp: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Values")]
    pub fn PyDict_Values(mp: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Items")]
    pub fn PyDict_Items(mp: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Size")]
    pub fn PyDict_Size(mp: *mut PyObject) -> Py_ssize_t;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Copy")]
    pub fn PyDict_Copy(mp: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Contains")]
    pub fn PyDict_Contains(mp: *mut PyObject, key: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Update")]
    pub fn PyDict_Update(mp: *mut PyObject, other: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyDict_Merge")]
    pub fn PyDict_Merge(mp: *mut PyObject, other: *mut PyObject, override_: c_int) -> c_int;
    #[cfg(not(PyPy))]
    pub fn PyDict_MergeFromSeq2(d: *mut PyObject, seq2: *mut PyObject, override_: c_int) -> c_int;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg_attr(PyPy, link_name = "PyPyDict_SetDefault")]
    pub fn PyDict_SetDefault(
        mp: *mut PyObject,
        key: *mut PyObject,
        defaultobj: *mut PyObject,
    ) -> *mut PyObject;
    /// Strong reference in `*result` (when not NULL); returns 1 present, 0 inserted, -1 error.
    /// The limited API has it from 3.15.
    #[cfg(all(Py_3_13, not(Py_LIMITED_API)))]
    pub fn PyDict_SetDefaultRef(
        mp: *mut PyObject,
        key: *mut PyObject,
        default_value: *mut PyObject,
        result: *mut *mut PyObject,
    ) -> c_int;
}

#[inline]
pub unsafe fn PyDict_Check(op: *mut PyObject) -> c_int {
    super::object::PyType_FastSubclass(super::object::Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
}

#[inline]
pub unsafe fn PyDict_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyDict_Type))
}
