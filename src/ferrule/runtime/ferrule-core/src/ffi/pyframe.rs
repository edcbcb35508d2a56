//! Frame objects (`pyframe.h`); the struct is opaque.

/// Opaque.
#[repr(C)]
pub struct PyFrameObject {
    _opaque: [u8; 0],
}

/// Opaque.
#[repr(C)]
pub struct PyCodeObject {
    _opaque: [u8; 0],
}

extern "C" {
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    #[cfg_attr(PyPy, link_name = "PyPyFrame_GetLineNumber")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyFrame_GetLineNumber(frame: *mut PyFrameObject) -> core::ffi::c_int;
    /// Strong reference.
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    #[cfg(not(PyPy))]
    pub fn PyFrame_GetCode(frame: *mut PyFrameObject) -> *mut PyCodeObject;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg(not(PyPy))]
    pub fn PyFrame_GetBack(frame: *mut PyFrameObject) -> *mut PyFrameObject;
}
