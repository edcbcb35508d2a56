//! Built-in function objects and `PyMethodDef` (`methodobject.h`).

use core::ffi::{c_char, c_int, c_void};
use core::ptr;

use super::object::{PyObject, PyTypeObject};
use super::pyport::Py_ssize_t;

pub type PyCFunction = unsafe extern "C" fn(slf: *mut PyObject, args: *mut PyObject) -> *mut PyObject;
pub type PyCFunctionWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject;
pub type PyCFunctionFast = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
) -> *mut PyObject;
pub type PyCFunctionFastWithKeywords = unsafe extern "C" fn(
    slf: *mut PyObject,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub type PyCMethod = unsafe extern "C" fn(
    slf: *mut PyObject,
    defining_class: *mut PyTypeObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject;
pub type _PyCFunctionFast = PyCFunctionFast;
pub type _PyCFunctionFastWithKeywords = PyCFunctionFastWithKeywords;

/// `PyMethodDef.ml_meth`: C declares it `PyCFunction` and callers cast; a union
/// lets static tables name the real signature without `transmute`.
/// Which member is valid is given by `ml_flags`.
#[repr(C)]
#[derive(Copy, Clone)]
pub union PyMethodDefPointer {
    /// METH_VARARGS, METH_NOARGS, METH_O
    pub PyCFunction: PyCFunction,
    /// METH_VARARGS | METH_KEYWORDS
    pub PyCFunctionWithKeywords: PyCFunctionWithKeywords,
    /// METH_FASTCALL
    pub PyCFunctionFast: PyCFunctionFast,
    /// METH_FASTCALL | METH_KEYWORDS
    pub PyCFunctionFastWithKeywords: PyCFunctionFastWithKeywords,
    /// METH_METHOD | METH_FASTCALL | METH_KEYWORDS
    pub PyCMethod: PyCMethod,
    pub Void: *mut c_void,
}

impl PyMethodDefPointer {
    pub const fn null() -> Self {
        PyMethodDefPointer { Void: ptr::null_mut() }
    }
}

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyMethodDef {
    pub ml_name: *const c_char,
    pub ml_meth: PyMethodDefPointer,
    pub ml_flags: c_int,
    pub ml_doc: *const c_char,
}

impl PyMethodDef {
    /// The all-NULL sentinel that ends a method table.
    pub const fn zeroed() -> Self {
        PyMethodDef {
            ml_name: ptr::null(),
            ml_meth: PyMethodDefPointer::null(),
            ml_flags: 0,
            ml_doc: ptr::null(),
        }
    }
}

// CPython only reads method tables, so they may live in (non-mut) statics.
unsafe impl Sync for PyMethodDef {}

pub const METH_VARARGS: c_int = 0x0001;
pub const METH_KEYWORDS: c_int = 0x0002;
pub const METH_NOARGS: c_int = 0x0004;
pub const METH_O: c_int = 0x0008;
pub const METH_CLASS: c_int = 0x0010;
pub const METH_STATIC: c_int = 0x0020;
pub const METH_COEXIST: c_int = 0x0040;
// The 3.9 limited-API headers do not name METH_FASTCALL, but every CPython ferrule
// supports (3.9+) honours the flag, and a flag is a value, not a symbol an abi3
// module imports: the glue's fastcall trampolines stay valid in cp39-abi3 wheels.
pub const METH_FASTCALL: c_int = 0x0080;
pub const METH_STACKLESS: c_int = 0x0000;
pub const METH_METHOD: c_int = 0x0200;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyCFunction_Type")]
    pub static mut PyCFunction_Type: PyTypeObject;
    #[cfg(not(Py_LIMITED_API))]
    #[cfg(not(PyPy))]
    pub static mut PyCMethod_Type: PyTypeObject;

    #[cfg_attr(PyPy, link_name = "PyPyCFunction_GetFunction")]
    pub fn PyCFunction_GetFunction(op: *mut PyObject) -> Option<PyCFunction>;
    #[cfg(not(PyPy))]
    pub fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject;
    #[cfg(not(PyPy))]
    pub fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int;
    #[cfg(not(PyPy))]
    pub fn PyCFunction_NewEx(
        ml: *mut PyMethodDef,
        slf: *mut PyObject,
        module: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyCMethod_New")]
    pub fn PyCMethod_New(
        ml: *mut PyMethodDef,
        slf: *mut PyObject,
        module: *mut PyObject,
        cls: *mut PyTypeObject,
    ) -> *mut PyObject;
}

/// cpyext has it only as a macro over `PyCMethod_New`.
#[cfg(PyPy)]
#[inline]
pub unsafe fn PyCFunction_NewEx(ml: *mut PyMethodDef, slf: *mut PyObject, module: *mut PyObject) -> *mut PyObject {
    PyCMethod_New(ml, slf, module, ptr::null_mut())
}

#[inline]
pub unsafe fn PyCFunction_New(ml: *mut PyMethodDef, slf: *mut PyObject) -> *mut PyObject {
    PyCFunction_NewEx(ml, slf, ptr::null_mut())
}

#[inline]
pub unsafe fn PyCFunction_CheckExact(op: *mut PyObject) -> c_int {
    super::object::Py_IS_TYPE(op, ptr::addr_of_mut!(PyCFunction_Type))
}

#[inline]
pub unsafe fn PyCFunction_Check(op: *mut PyObject) -> c_int {
    super::object::PyObject_TypeCheck(op, ptr::addr_of_mut!(PyCFunction_Type))
}
