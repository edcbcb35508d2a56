//! Object header, type object interface and generic object operations (`object.h`).

use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void};
use core::ptr;

use super::pyport::{Py_hash_t, Py_ssize_t};
#[cfg(Py_3_12)]
use super::refcount::*;

#[cfg(not(Py_LIMITED_API))]
pub use super::cpython::object::PyTypeObject;

/// Opaque under the limited API: only ever handled through pointers.
#[cfg(Py_LIMITED_API)]
#[repr(C)]
pub struct PyTypeObject {
    _opaque: [u8; 0],
}

// Py_TRACE_REFS builds (extra `_ob_next`/`_ob_prev` fields) are not supported;
// Debian's `-dbg` interpreters define Py_DEBUG but not Py_TRACE_REFS.
#[cfg(not(Py_GIL_DISABLED))]
#[repr(C)]
pub struct PyObject {
    /// In 3.12+ (64-bit) only the low 32 bits hold the count; 3.14 keeps
    /// `ob_overflow`/`ob_flags` in the high half. Same size and alignment.
    pub ob_refcnt: Py_ssize_t,
    /// cpyext's link to the PyPy object this C object stands for.
    #[cfg(PyPy)]
    pub ob_pypy_link: Py_ssize_t,
    pub ob_type: *mut PyTypeObject,
}

/// Per-object lock of free-threaded builds (`PyMutex`, one byte).
#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyMutex {
    pub _bits: u8,
}

#[cfg(Py_GIL_DISABLED)]
#[repr(C)]
pub struct PyObject {
    pub ob_tid: usize,
    /// Named `_padding` in 3.13.
    pub ob_flags: u16,
    pub ob_mutex: PyMutex,
    pub ob_gc_bits: u8,
    pub ob_ref_local: u32,
    pub ob_ref_shared: Py_ssize_t,
    pub ob_type: *mut PyTypeObject,
}

#[repr(C)]
pub struct PyVarObject {
    pub ob_base: PyObject,
    pub ob_size: Py_ssize_t,
}

/// `PyObject_HEAD_INIT(NULL)`: statically allocated objects are immortal from 3.12.
#[cfg(not(Py_GIL_DISABLED))]
pub const PyObject_HEAD_INIT: PyObject = PyObject {
    #[cfg(not(Py_3_12))]
    ob_refcnt: 1,
    #[cfg(all(Py_3_12, not(Py_3_14)))]
    ob_refcnt: _Py_IMMORTAL_REFCNT,
    #[cfg(Py_3_14)]
    ob_refcnt: _Py_STATIC_IMMORTAL_INITIAL_REFCNT,
    #[cfg(PyPy)]
    ob_pypy_link: 0,
    ob_type: ptr::null_mut(),
};

#[cfg(Py_GIL_DISABLED)]
pub const PyObject_HEAD_INIT: PyObject = PyObject {
    ob_tid: 0,
    #[cfg(Py_3_14)]
    ob_flags: _Py_STATICALLY_ALLOCATED_FLAG,
    #[cfg(not(Py_3_14))]
    ob_flags: 0,
    ob_mutex: PyMutex { _bits: 0 },
    ob_gc_bits: 0,
    ob_ref_local: _Py_IMMORTAL_REFCNT_LOCAL,
    ob_ref_shared: 0,
    ob_type: ptr::null_mut(),
};

// Slot function types.
pub type unaryfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type binaryfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type ternaryfunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type inquiry = unsafe extern "C" fn(*mut PyObject) -> c_int;
pub type lenfunc = unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t;
pub type ssizeargfunc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject;
pub type ssizessizeargfunc =
    unsafe extern "C" fn(*mut PyObject, Py_ssize_t, Py_ssize_t) -> *mut PyObject;
pub type ssizeobjargproc = unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int;
pub type ssizessizeobjargproc =
    unsafe extern "C" fn(*mut PyObject, Py_ssize_t, Py_ssize_t, *mut PyObject) -> c_int;
pub type objobjargproc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type objobjproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int;
pub type visitproc = unsafe extern "C" fn(object: *mut PyObject, arg: *mut c_void) -> c_int;
pub type traverseproc =
    unsafe extern "C" fn(slf: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int;
pub type freefunc = unsafe extern "C" fn(*mut c_void);
pub type destructor = unsafe extern "C" fn(*mut PyObject);
pub type getattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char) -> *mut PyObject;
pub type getattrofunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
pub type setattrfunc = unsafe extern "C" fn(*mut PyObject, *mut c_char, *mut PyObject) -> c_int;
pub type setattrofunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type reprfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type hashfunc = unsafe extern "C" fn(*mut PyObject) -> Py_hash_t;
pub type richcmpfunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject;
pub type getiterfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type iternextfunc = unsafe extern "C" fn(*mut PyObject) -> *mut PyObject;
pub type descrgetfunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type descrsetfunc =
    unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type initproc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int;
pub type newfunc =
    unsafe extern "C" fn(*mut PyTypeObject, *mut PyObject, *mut PyObject) -> *mut PyObject;
pub type allocfunc = unsafe extern "C" fn(*mut PyTypeObject, Py_ssize_t) -> *mut PyObject;
pub type vectorcallfunc = unsafe extern "C" fn(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject;

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyType_Slot {
    pub slot: c_int,
    pub pfunc: *mut c_void,
}

impl PyType_Slot {
    /// The `{0, NULL}` sentinel that ends a slot array.
    pub const fn zeroed() -> Self {
        PyType_Slot { slot: 0, pfunc: ptr::null_mut() }
    }
}

#[repr(C)]
#[derive(Copy, Clone)]
pub struct PyType_Spec {
    pub name: *const c_char,
    pub basicsize: c_int,
    pub itemsize: c_int,
    pub flags: c_uint,
    pub slots: *mut PyType_Slot,
}

// CPython only reads these tables, so they may live in (non-mut) statics.
unsafe impl Sync for PyType_Slot {}
unsafe impl Sync for PyType_Spec {}

#[repr(C)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PySendResult {
    PYGEN_RETURN = 0,
    PYGEN_ERROR = -1,
    PYGEN_NEXT = 1,
}

// Rich comparison opcodes.
pub const Py_LT: c_int = 0;
pub const Py_LE: c_int = 1;
pub const Py_EQ: c_int = 2;
pub const Py_NE: c_int = 3;
pub const Py_GT: c_int = 4;
pub const Py_GE: c_int = 5;

pub const Py_PRINT_RAW: c_int = 1;

// Type flags (tp_flags).
#[cfg(not(Py_LIMITED_API))]
pub const Py_TPFLAGS_MANAGED_DICT: c_ulong = 1 << 4;
#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
pub const Py_TPFLAGS_PREHEADER: c_ulong = Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_MANAGED_DICT;
#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
pub const Py_TPFLAGS_MANAGED_WEAKREF: c_ulong = 1 << 3;
#[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
pub const Py_TPFLAGS_ITEMS_AT_END: c_ulong = 1 << 23;
#[cfg(not(Py_LIMITED_API))]
pub const Py_TPFLAGS_SEQUENCE: c_ulong = 1 << 5;
#[cfg(not(Py_LIMITED_API))]
pub const Py_TPFLAGS_MAPPING: c_ulong = 1 << 6;
pub const Py_TPFLAGS_DISALLOW_INSTANTIATION: c_ulong = 1 << 7;
pub const Py_TPFLAGS_IMMUTABLETYPE: c_ulong = 1 << 8;
pub const Py_TPFLAGS_HEAPTYPE: c_ulong = 1 << 9;
pub const Py_TPFLAGS_BASETYPE: c_ulong = 1 << 10;
#[cfg(any(not(Py_LIMITED_API), Py_3_12))]
pub const Py_TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
pub const Py_TPFLAGS_READY: c_ulong = 1 << 12;
pub const Py_TPFLAGS_READYING: c_ulong = 1 << 13;
pub const Py_TPFLAGS_HAVE_GC: c_ulong = 1 << 14;
pub const Py_TPFLAGS_HAVE_STACKLESS_EXTENSION: c_ulong = 0;
pub const Py_TPFLAGS_METHOD_DESCRIPTOR: c_ulong = 1 << 17;
pub const Py_TPFLAGS_HAVE_VERSION_TAG: c_ulong = 1 << 18;
pub const Py_TPFLAGS_VALID_VERSION_TAG: c_ulong = 1 << 19;
pub const Py_TPFLAGS_IS_ABSTRACT: c_ulong = 1 << 20;
pub const _Py_TPFLAGS_MATCH_SELF: c_ulong = 1 << 22;
pub const Py_TPFLAGS_LONG_SUBCLASS: c_ulong = 1 << 24;
pub const Py_TPFLAGS_LIST_SUBCLASS: c_ulong = 1 << 25;
pub const Py_TPFLAGS_TUPLE_SUBCLASS: c_ulong = 1 << 26;
pub const Py_TPFLAGS_BYTES_SUBCLASS: c_ulong = 1 << 27;
pub const Py_TPFLAGS_UNICODE_SUBCLASS: c_ulong = 1 << 28;
pub const Py_TPFLAGS_DICT_SUBCLASS: c_ulong = 1 << 29;
pub const Py_TPFLAGS_BASE_EXC_SUBCLASS: c_ulong = 1 << 30;
pub const Py_TPFLAGS_TYPE_SUBCLASS: c_ulong = 1 << 31;
/// From 3.10 `Py_TPFLAGS_DEFAULT` no longer includes HAVE_VERSION_TAG (it is implied).
#[cfg(Py_3_10)]
pub const Py_TPFLAGS_DEFAULT: c_ulong = Py_TPFLAGS_HAVE_STACKLESS_EXTENSION;
#[cfg(not(Py_3_10))]
pub const Py_TPFLAGS_DEFAULT: c_ulong =
    Py_TPFLAGS_HAVE_STACKLESS_EXTENSION | Py_TPFLAGS_HAVE_VERSION_TAG;
pub const Py_TPFLAGS_HAVE_FINALIZE: c_ulong = 1 << 0;

#[cfg(Py_3_13)]
pub const Py_CONSTANT_NONE: c_uint = 0;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_FALSE: c_uint = 1;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_TRUE: c_uint = 2;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_ELLIPSIS: c_uint = 3;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_NOT_IMPLEMENTED: c_uint = 4;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_ZERO: c_uint = 5;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_ONE: c_uint = 6;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_EMPTY_STR: c_uint = 7;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_EMPTY_BYTES: c_uint = 8;
#[cfg(Py_3_13)]
pub const Py_CONSTANT_EMPTY_TUPLE: c_uint = 9;

extern "C" {
    #[cfg_attr(PyPy, link_name = "PyPyType_Type")]
    pub static mut PyType_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyBaseObject_Type")]
    pub static mut PyBaseObject_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PySuper_Type: PyTypeObject;

    // Singletons: use Py_None() etc. rather than these.
    #[cfg_attr(PyPy, link_name = "_PyPy_NoneStruct")]
    pub static mut _Py_NoneStruct: PyObject;
    #[cfg_attr(PyPy, link_name = "_PyPy_NotImplementedStruct")]
    pub static mut _Py_NotImplementedStruct: PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyType_FromSpec")]
    pub fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyType_FromSpecWithBases")]
    pub fn PyType_FromSpecWithBases(spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyType_GetSlot")]
    pub fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void;
    #[cfg_attr(PyPy, link_name = "PyPyType_FromModuleAndSpec")]
    pub fn PyType_FromModuleAndSpec(
        module: *mut PyObject,
        spec: *mut PyType_Spec,
        bases: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyType_GetModule")]
    pub fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyType_GetModuleState")]
    pub fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void;
    #[cfg(any(all(Py_3_11, not(Py_LIMITED_API)), Py_3_13))]
    #[cfg_attr(PyPy, link_name = "PyPyType_GetModuleByDef")]
    #[cfg(any(not(PyPy), Py_3_11))]
    pub fn PyType_GetModuleByDef(
        tp: *mut PyTypeObject,
        def: *mut super::moduleobject::PyModuleDef,
    ) -> *mut PyObject;
    #[cfg(Py_3_11)]
    #[cfg_attr(PyPy, link_name = "PyPyType_GetName")]
    pub fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_11)]
    #[cfg_attr(PyPy, link_name = "PyPyType_GetQualName")]
    pub fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyType_GetFullyQualifiedName(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn PyType_GetModuleName(tp: *mut PyTypeObject) -> *mut PyObject;
    #[cfg(Py_3_12)]
    pub fn PyType_FromMetaclass(
        metaclass: *mut PyTypeObject,
        module: *mut PyObject,
        spec: *mut PyType_Spec,
        bases: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg(Py_3_12)]
    pub fn PyObject_GetTypeData(obj: *mut PyObject, cls: *mut PyTypeObject) -> *mut c_void;
    #[cfg(Py_3_12)]
    pub fn PyType_GetTypeDataSize(cls: *mut PyTypeObject) -> Py_ssize_t;
    #[cfg(all(Py_3_12, not(Py_LIMITED_API)))]
    pub fn PyType_GetDict(tp: *mut PyTypeObject) -> *mut PyObject;

    #[cfg_attr(PyPy, link_name = "PyPyType_IsSubtype")]
    pub fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int;
    pub fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong;
    #[cfg_attr(PyPy, link_name = "PyPyType_Ready")]
    pub fn PyType_Ready(tp: *mut PyTypeObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyType_GenericAlloc")]
    pub fn PyType_GenericAlloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyType_GenericNew")]
    pub fn PyType_GenericNew(
        tp: *mut PyTypeObject,
        args: *mut PyObject,
        kwds: *mut PyObject,
    ) -> *mut PyObject;
    #[cfg(not(PyPy))]
    pub fn PyType_ClearCache() -> c_uint;
    #[cfg_attr(PyPy, link_name = "PyPyType_Modified")]
    pub fn PyType_Modified(tp: *mut PyTypeObject);

    #[cfg_attr(PyPy, link_name = "PyPyObject_Repr")]
    pub fn PyObject_Repr(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Str")]
    pub fn PyObject_Str(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_ASCII")]
    pub fn PyObject_ASCII(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Bytes")]
    pub fn PyObject_Bytes(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_RichCompare")]
    pub fn PyObject_RichCompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_RichCompareBool")]
    pub fn PyObject_RichCompareBool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GetAttrString")]
    pub fn PyObject_GetAttrString(o: *mut PyObject, name: *const c_char) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_SetAttrString")]
    pub fn PyObject_SetAttrString(o: *mut PyObject, name: *const c_char, v: *mut PyObject)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_HasAttrString")]
    pub fn PyObject_HasAttrString(o: *mut PyObject, name: *const c_char) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GetAttr")]
    pub fn PyObject_GetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_SetAttr")]
    pub fn PyObject_SetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_HasAttr")]
    pub fn PyObject_HasAttr(o: *mut PyObject, name: *mut PyObject) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_GetOptionalAttr(
        o: *mut PyObject,
        name: *mut PyObject,
        result: *mut *mut PyObject,
    ) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_GetOptionalAttrString(
        o: *mut PyObject,
        name: *const c_char,
        result: *mut *mut PyObject,
    ) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_HasAttrWithError(o: *mut PyObject, name: *mut PyObject) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_HasAttrStringWithError(o: *mut PyObject, name: *const c_char) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_DelAttr(o: *mut PyObject, name: *mut PyObject) -> c_int;
    #[cfg(Py_3_13)]
    pub fn PyObject_DelAttrString(o: *mut PyObject, name: *const c_char) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_SelfIter")]
    pub fn PyObject_SelfIter(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GenericGetAttr")]
    pub fn PyObject_GenericGetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GenericSetAttr")]
    pub fn PyObject_GenericSetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject)
        -> c_int;
    #[cfg(any(not(Py_LIMITED_API), Py_3_10))]
    #[cfg_attr(PyPy, link_name = "PyPyObject_GenericGetDict")]
    pub fn PyObject_GenericGetDict(o: *mut PyObject, context: *mut c_void) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPyObject_GenericSetDict")]
    pub fn PyObject_GenericSetDict(o: *mut PyObject, v: *mut PyObject, context: *mut c_void)
        -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Hash")]
    pub fn PyObject_Hash(o: *mut PyObject) -> Py_hash_t;
    #[cfg_attr(PyPy, link_name = "PyPyObject_HashNotImplemented")]
    pub fn PyObject_HashNotImplemented(o: *mut PyObject) -> Py_hash_t;
    #[cfg_attr(PyPy, link_name = "PyPyObject_IsTrue")]
    pub fn PyObject_IsTrue(o: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_Not")]
    pub fn PyObject_Not(o: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyCallable_Check")]
    pub fn PyCallable_Check(o: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPyObject_ClearWeakRefs")]
    pub fn PyObject_ClearWeakRefs(o: *mut PyObject);
    #[cfg_attr(PyPy, link_name = "PyPyObject_Dir")]
    pub fn PyObject_Dir(o: *mut PyObject) -> *mut PyObject;
    #[cfg_attr(PyPy, link_name = "PyPy_ReprEnter")]
    pub fn Py_ReprEnter(o: *mut PyObject) -> c_int;
    #[cfg_attr(PyPy, link_name = "PyPy_ReprLeave")]
    pub fn Py_ReprLeave(o: *mut PyObject);

    #[cfg(Py_3_10)]
    #[cfg(not(PyPy))]
    pub fn Py_NewRef(o: *mut PyObject) -> *mut PyObject;
    #[cfg(Py_3_10)]
    #[cfg(not(PyPy))]
    pub fn Py_XNewRef(o: *mut PyObject) -> *mut PyObject;

    #[cfg(Py_3_13)]
    pub fn Py_GetConstant(constant_id: c_uint) -> *mut PyObject;
    #[cfg(Py_3_13)]
    pub fn Py_GetConstantBorrowed(constant_id: c_uint) -> *mut PyObject;
}

/// `PyObject_SetAttr(o, name, NULL)` (a macro before 3.13).
#[cfg(not(Py_3_13))]
#[inline]
pub unsafe fn PyObject_DelAttr(o: *mut PyObject, name: *mut PyObject) -> c_int {
    PyObject_SetAttr(o, name, ptr::null_mut())
}

#[cfg(not(Py_3_13))]
#[inline]
pub unsafe fn PyObject_DelAttrString(o: *mut PyObject, name: *const c_char) -> c_int {
    PyObject_SetAttrString(o, name, ptr::null_mut())
}

/// `x is y`.
#[inline]
pub fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> bool {
    x == y
}

#[inline]
pub unsafe fn Py_TYPE(ob: *mut PyObject) -> *mut PyTypeObject {
    (*ob).ob_type
}

#[inline]
pub unsafe fn Py_SIZE(ob: *mut PyObject) -> Py_ssize_t {
    (*ob.cast::<PyVarObject>()).ob_size
}

#[inline]
pub unsafe fn Py_SET_TYPE(ob: *mut PyObject, tp: *mut PyTypeObject) {
    (*ob).ob_type = tp;
}

#[inline]
pub unsafe fn Py_SET_SIZE(ob: *mut PyVarObject, size: Py_ssize_t) {
    (*ob).ob_size = size;
}

#[inline]
pub unsafe fn Py_IS_TYPE(ob: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    (Py_TYPE(ob) == tp) as c_int
}

#[inline]
pub unsafe fn PyObject_TypeCheck(ob: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    (Py_IS_TYPE(ob, tp) != 0 || PyType_IsSubtype(Py_TYPE(ob), tp) != 0) as c_int
}

#[inline]
pub unsafe fn PyType_HasFeature(tp: *mut PyTypeObject, feature: c_ulong) -> c_int {
    #[cfg(not(Py_LIMITED_API))]
    let flags = (*tp).tp_flags;
    // PyTypeObject is opaque under the limited API.
    #[cfg(Py_LIMITED_API)]
    let flags = PyType_GetFlags(tp);
    ((flags & feature) != 0) as c_int
}

#[inline]
pub unsafe fn PyType_FastSubclass(tp: *mut PyTypeObject, flag: c_ulong) -> c_int {
    PyType_HasFeature(tp, flag)
}

#[inline]
pub unsafe fn PyType_Check(op: *mut PyObject) -> c_int {
    PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS)
}

#[inline]
pub unsafe fn PyType_CheckExact(op: *mut PyObject) -> c_int {
    Py_IS_TYPE(op, ptr::addr_of_mut!(PyType_Type))
}

/// Borrowed reference to `None`.
#[inline]
pub unsafe fn Py_None() -> *mut PyObject {
    #[cfg(all(Py_LIMITED_API, Py_3_13))]
    return Py_GetConstantBorrowed(Py_CONSTANT_NONE);
    #[cfg(not(all(Py_LIMITED_API, Py_3_13)))]
    return ptr::addr_of_mut!(_Py_NoneStruct);
}

/// Borrowed reference to `NotImplemented`.
#[inline]
pub unsafe fn Py_NotImplemented() -> *mut PyObject {
    #[cfg(all(Py_LIMITED_API, Py_3_13))]
    return Py_GetConstantBorrowed(Py_CONSTANT_NOT_IMPLEMENTED);
    #[cfg(not(all(Py_LIMITED_API, Py_3_13)))]
    return ptr::addr_of_mut!(_Py_NotImplementedStruct);
}

#[inline]
pub unsafe fn Py_IsNone(x: *mut PyObject) -> c_int {
    (x == Py_None()) as c_int
}
