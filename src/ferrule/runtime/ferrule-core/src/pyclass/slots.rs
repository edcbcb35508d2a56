//! Reading a base type's slots (`tp_new`, `tp_dealloc`, `tp_traverse`, ...).
//!
//! On the full API the type object's fields are read. Under the limited API,
//! `PyType_GetSlot` answers for every type from Python 3.10 on, but before 3.10
//! it refuses static types (`dict`, `ValueError`...): there, as PyO3 does, the
//! fields are read from the type object through the 3.8/3.9 layout, which those
//! released versions can no longer change. The check is on the running
//! interpreter, so an `abi3-py39` module running on 3.10+ asks `PyType_GetSlot`.
use std::ffi::{c_int, c_void};

use crate::ffi;

/// The slot `slot` (a `Py_tp_*` number) of `ty`, NULL when unset.
///
/// # Safety
/// `ty` must be a valid type object, and the caller attached.
#[inline] // callers name a constant slot: one field read in full-API builds
pub(crate) unsafe fn type_slot(ty: *mut ffi::PyTypeObject, slot: c_int) -> *mut c_void {
    #[cfg(not(Py_LIMITED_API))]
    {
        full_api_slot(ty, slot)
    }
    #[cfg(all(Py_LIMITED_API, Py_3_10))]
    {
        ffi::PyType_GetSlot(ty, slot)
    }
    #[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
    {
        if ffi::PyType_GetFlags(ty) & ffi::Py_TPFLAGS_HEAPTYPE != 0 || runtime_is_3_10_or_later() {
            return ffi::PyType_GetSlot(ty, slot);
        }
        py39::slot(ty, slot)
    }
}

#[cfg(not(Py_LIMITED_API))]
#[inline]
unsafe fn full_api_slot(ty: *mut ffi::PyTypeObject, slot: c_int) -> *mut c_void {
    fn ptr<F: Copy>(f: Option<F>) -> *mut c_void {
        // Every slot is a function pointer, the size of a data pointer here.
        f.map_or(std::ptr::null_mut(), |f| unsafe { std::mem::transmute_copy::<F, *mut c_void>(&f) })
    }
    let ty = &*ty;
    match slot {
        ffi::Py_tp_dealloc => ptr(ty.tp_dealloc),
        ffi::Py_tp_new => ptr(ty.tp_new),
        ffi::Py_tp_traverse => ptr(ty.tp_traverse),
        ffi::Py_tp_clear => ptr(ty.tp_clear),
        ffi::Py_tp_alloc => ptr(ty.tp_alloc),
        ffi::Py_tp_free => ptr(ty.tp_free),
        _ => unreachable!("slot {slot} is not read by ferrule"),
    }
}

/// Whether the running interpreter is 3.10 or newer (from `Py_GetVersion`, once).
#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
fn runtime_is_3_10_or_later() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static ANSWER: AtomicU8 = AtomicU8::new(0); // 0 unknown, 1 no, 2 yes
    match ANSWER.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let version = unsafe { std::ffi::CStr::from_ptr(ffi::Py_GetVersion()) }.to_string_lossy();
            let mut parts = version.split(|c: char| !c.is_ascii_digit()).map(|p| p.parse::<u32>().unwrap_or(0));
            let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
            let later = (major, minor) >= (3, 10);
            ANSWER.store(if later { 2 } else { 1 }, Ordering::Relaxed);
            later
        }
    }
}

#[cfg(all(Py_LIMITED_API, not(Py_3_10)))]
mod py39 {
    use std::ffi::{c_char, c_int, c_ulong, c_void};

    use crate::ffi;

    type P = *mut c_void;

    /// The start of `PyTypeObject` in CPython 3.8 and 3.9 (release builds: the
    /// stable ABI excludes `Py_TRACE_REFS`), up to the last slot read here.
    #[repr(C)]
    struct TypeObject39 {
        ob_refcnt: isize,
        ob_type: P,
        ob_size: isize,
        tp_name: *const c_char,
        tp_basicsize: isize,
        tp_itemsize: isize,
        tp_dealloc: P,
        tp_vectorcall_offset: isize,
        tp_getattr: P,
        tp_setattr: P,
        tp_as_async: P,
        tp_repr: P,
        tp_as_number: P,
        tp_as_sequence: P,
        tp_as_mapping: P,
        tp_hash: P,
        tp_call: P,
        tp_str: P,
        tp_getattro: P,
        tp_setattro: P,
        tp_as_buffer: P,
        tp_flags: c_ulong,
        tp_doc: *const c_char,
        tp_traverse: P,
        tp_clear: P,
        tp_richcompare: P,
        tp_weaklistoffset: isize,
        tp_iter: P,
        tp_iternext: P,
        tp_methods: P,
        tp_members: P,
        tp_getset: P,
        tp_base: P,
        tp_dict: P,
        tp_descr_get: P,
        tp_descr_set: P,
        tp_dictoffset: isize,
        tp_init: P,
        tp_alloc: P,
        tp_new: P,
        tp_free: P,
    }

    pub(super) unsafe fn slot(ty: *mut ffi::PyTypeObject, slot: c_int) -> *mut c_void {
        let ty = &*(ty as *const TypeObject39);
        match slot {
            ffi::Py_tp_dealloc => ty.tp_dealloc,
            ffi::Py_tp_new => ty.tp_new,
            ffi::Py_tp_traverse => ty.tp_traverse,
            ffi::Py_tp_clear => ty.tp_clear,
            ffi::Py_tp_alloc => ty.tp_alloc,
            ffi::Py_tp_free => ty.tp_free,
            _ => unreachable!("slot {slot} is not read by ferrule"),
        }
    }

    /// The snapshot must agree with `PyType_GetSlot` wherever both answer (3.10+
    /// runs here: the prefix read is the same through 3.11). Run with
    /// `cargo test --features abi3-py39,auto-initialize`.
    #[cfg(test)]
    #[test]
    fn snapshot_agrees_with_get_slot() {
        crate::Python::attach(|_py| unsafe {
            let types = [
                std::ptr::addr_of_mut!(ffi::PyDict_Type),
                std::ptr::addr_of_mut!(ffi::PyList_Type),
                std::ptr::addr_of_mut!(ffi::PyFloat_Type),
                ffi::PyExc_ValueError as *mut ffi::PyTypeObject,
            ];
            for ty in types {
                for s in [ffi::Py_tp_dealloc, ffi::Py_tp_new, ffi::Py_tp_traverse, ffi::Py_tp_clear, ffi::Py_tp_alloc, ffi::Py_tp_free] {
                    assert_eq!(slot(ty, s), ffi::PyType_GetSlot(ty, s), "slot {s}");
                }
                assert_eq!((*(ty as *const TypeObject39)).tp_flags, ffi::PyType_GetFlags(ty));
            }
        });
    }
}
