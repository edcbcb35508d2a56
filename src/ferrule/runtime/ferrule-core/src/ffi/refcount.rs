//! Reference counting (`refcount.h` in 3.12+, `object.h` before).
//!
//! Which path `Py_INCREF`/`Py_DECREF` take, mirroring CPython's headers:
//! - `Py_REF_DEBUG`/`Py_DEBUG` builds: call the exported `Py_IncRef`/`Py_DecRef`,
//!   which also maintain the total reference count (`sys.gettotalrefcount()`).
//! - free-threaded builds (`Py_GIL_DISABLED`): call `Py_IncRef`/`Py_DecRef`,
//!   which implement the biased (local/shared, atomic) reference counting.
//! - limited API targeting 3.12+: `_Py_IncRef`/`_Py_DecRef`, as the headers do.
//! - otherwise the field is updated inline. 3.12+ skips immortal objects.
//!   Under the limited API with an abi3 minimum below 3.12 the plain increment
//!   is what the old headers compiled to; CPython 3.12+ tolerates it by design
//!   (immortal counts sit far from zero, so stray increments/decrements of
//!   immortal objects never reach deallocation).

use super::object::PyObject;
use super::pyport::Py_ssize_t;
#[cfg(Py_GIL_DISABLED)]
use core::sync::atomic::{AtomicIsize, AtomicU32, Ordering};

// Immortal objects (3.12+), whose counts the headers never change.
#[cfg(all(Py_3_14, not(Py_GIL_DISABLED)))]
pub const _Py_IMMORTAL_FLAGS: u16 = 1 << 0;
#[cfg(Py_3_14)]
pub const _Py_STATICALLY_ALLOCATED_FLAG: u16 = 1 << 2;

#[cfg(all(Py_3_12, not(Py_3_14), target_pointer_width = "64"))]
pub const _Py_IMMORTAL_REFCNT: Py_ssize_t = u32::MAX as Py_ssize_t;
#[cfg(all(Py_3_12, not(Py_3_14), not(target_pointer_width = "64")))]
pub const _Py_IMMORTAL_REFCNT: Py_ssize_t = (u32::MAX >> 2) as Py_ssize_t;

#[cfg(all(Py_3_14, target_pointer_width = "64"))]
pub const _Py_IMMORTAL_INITIAL_REFCNT: Py_ssize_t = 3 << 30;
#[cfg(all(Py_3_14, target_pointer_width = "64"))]
pub const _Py_IMMORTAL_MINIMUM_REFCNT: Py_ssize_t = 1 << 31;
#[cfg(all(Py_3_14, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
pub const _Py_STATIC_IMMORTAL_INITIAL_REFCNT: Py_ssize_t = _Py_IMMORTAL_INITIAL_REFCNT
    | (((_Py_STATICALLY_ALLOCATED_FLAG | _Py_IMMORTAL_FLAGS) as Py_ssize_t) << 48);
#[cfg(all(Py_3_14, not(target_pointer_width = "64")))]
pub const _Py_IMMORTAL_INITIAL_REFCNT: Py_ssize_t = 5 << 28;
#[cfg(all(Py_3_14, not(target_pointer_width = "64")))]
pub const _Py_IMMORTAL_MINIMUM_REFCNT: Py_ssize_t = 1 << 30;
#[cfg(all(Py_3_14, not(target_pointer_width = "64")))]
pub const _Py_STATIC_IMMORTAL_INITIAL_REFCNT: Py_ssize_t = 7 << 28;

#[cfg(Py_GIL_DISABLED)]
pub const _Py_IMMORTAL_REFCNT_LOCAL: u32 = u32::MAX;

extern "C" {
    #[cfg_attr(PyPy, link_name = "_PyPy_Dealloc")]
    pub fn _Py_Dealloc(op: *mut PyObject);
    #[cfg_attr(PyPy, link_name = "PyPy_IncRef")]
    pub fn Py_IncRef(op: *mut PyObject);
    #[cfg_attr(PyPy, link_name = "PyPy_DecRef")]
    pub fn Py_DecRef(op: *mut PyObject);
    #[cfg(Py_3_10)]
    #[cfg(not(PyPy))]
    pub fn _Py_IncRef(op: *mut PyObject);
    #[cfg(Py_3_10)]
    #[cfg(not(PyPy))]
    pub fn _Py_DecRef(op: *mut PyObject);
}

/// Pointer to the low 32 bits of `ob_refcnt` (the whole count from 3.12 on 64-bit).
#[cfg(all(Py_3_12, not(Py_GIL_DISABLED), target_pointer_width = "64"))]
#[inline(always)]
unsafe fn refcnt_low32(op: *mut PyObject) -> *mut u32 {
    let p = core::ptr::addr_of_mut!((*op).ob_refcnt).cast::<u32>();
    #[cfg(target_endian = "big")]
    let p = p.add(1);
    p
}

#[cfg(all(Py_3_12, not(Py_GIL_DISABLED)))]
#[inline(always)]
pub unsafe fn _Py_IsImmortal(op: *mut PyObject) -> bool {
    #[cfg(target_pointer_width = "64")]
    return ((*op).ob_refcnt as i32) < 0;
    #[cfg(all(not(target_pointer_width = "64"), not(Py_3_14)))]
    return (*op).ob_refcnt == _Py_IMMORTAL_REFCNT;
    #[cfg(all(not(target_pointer_width = "64"), Py_3_14))]
    return (*op).ob_refcnt >= _Py_IMMORTAL_MINIMUM_REFCNT;
}

#[cfg(Py_GIL_DISABLED)]
#[inline(always)]
pub unsafe fn _Py_IsImmortal(op: *mut PyObject) -> bool {
    let local = &*core::ptr::addr_of!((*op).ob_ref_local).cast::<AtomicU32>();
    local.load(Ordering::Relaxed) == _Py_IMMORTAL_REFCNT_LOCAL
}

/// Current reference count (approximate for free-threaded builds, as in CPython).
#[inline]
pub unsafe fn Py_REFCNT(op: *mut PyObject) -> Py_ssize_t {
    #[cfg(Py_GIL_DISABLED)]
    {
        if _Py_IsImmortal(op) {
            #[cfg(Py_3_14)]
            return _Py_IMMORTAL_INITIAL_REFCNT;
            #[cfg(not(Py_3_14))]
            return u32::MAX as Py_ssize_t;
        }
        let local = &*core::ptr::addr_of!((*op).ob_ref_local).cast::<AtomicU32>();
        let shared = &*core::ptr::addr_of!((*op).ob_ref_shared).cast::<AtomicIsize>();
        local.load(Ordering::Relaxed) as Py_ssize_t + (shared.load(Ordering::Relaxed) >> 2)
    }
    #[cfg(all(not(Py_GIL_DISABLED), Py_3_14, target_pointer_width = "64"))]
    return *refcnt_low32(op) as Py_ssize_t;
    #[cfg(all(not(Py_GIL_DISABLED), not(all(Py_3_14, target_pointer_width = "64"))))]
    return (*op).ob_refcnt;
}

#[inline]
pub unsafe fn Py_INCREF(op: *mut PyObject) {
    #[cfg(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED))]
    {
        Py_IncRef(op);
    }
    #[cfg(all(
        Py_LIMITED_API,
        Py_3_12,
        not(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED))
    ))]
    {
        _Py_IncRef(op);
    }
    #[cfg(not(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED, all(Py_LIMITED_API, Py_3_12))))]
    {
        #[cfg(not(Py_3_12))]
        {
            (*op).ob_refcnt += 1;
        }
        #[cfg(all(Py_3_12, target_pointer_width = "64"))]
        {
            let low = refcnt_low32(op);
            let cur = *low;
            // 3.12/3.13: saturating add on the low word (0xFFFFFFFF is immortal).
            #[cfg(not(Py_3_14))]
            {
                let new = cur.wrapping_add(1);
                if new == 0 {
                    return;
                }
                *low = new;
            }
            // 3.14: counts at or above the initial immortal value are left alone.
            #[cfg(Py_3_14)]
            {
                if cur >= _Py_IMMORTAL_INITIAL_REFCNT as u32 {
                    return;
                }
                *low = cur + 1;
            }
        }
        #[cfg(all(Py_3_12, not(target_pointer_width = "64")))]
        {
            if _Py_IsImmortal(op) {
                return;
            }
            (*op).ob_refcnt += 1;
        }
    }
}

#[inline]
pub unsafe fn Py_DECREF(op: *mut PyObject) {
    #[cfg(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED))]
    {
        Py_DecRef(op);
    }
    #[cfg(all(
        Py_LIMITED_API,
        Py_3_12,
        not(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED))
    ))]
    {
        _Py_DecRef(op);
    }
    #[cfg(not(any(Py_REF_DEBUG, Py_DEBUG, Py_GIL_DISABLED, all(Py_LIMITED_API, Py_3_12))))]
    {
        #[cfg(Py_3_12)]
        if _Py_IsImmortal(op) {
            return;
        }
        // 3.14 (64-bit) decrements the 32-bit `ob_refcnt` member only.
        #[cfg(all(Py_3_14, target_pointer_width = "64"))]
        {
            let low = refcnt_low32(op);
            *low -= 1;
            if *low == 0 {
                _Py_Dealloc(op);
            }
        }
        #[cfg(not(all(Py_3_14, target_pointer_width = "64")))]
        {
            (*op).ob_refcnt -= 1;
            if (*op).ob_refcnt == 0 {
                _Py_Dealloc(op);
            }
        }
    }
}

#[inline]
pub unsafe fn Py_XINCREF(op: *mut PyObject) {
    if !op.is_null() {
        Py_INCREF(op);
    }
}

#[inline]
pub unsafe fn Py_XDECREF(op: *mut PyObject) {
    if !op.is_null() {
        Py_DECREF(op);
    }
}

/// Decref `*op` (if non-NULL) after setting it to NULL.
#[inline]
pub unsafe fn Py_CLEAR(op: *mut *mut PyObject) {
    let tmp = *op;
    if !tmp.is_null() {
        *op = core::ptr::null_mut();
        Py_DECREF(tmp);
    }
}

/// New strong reference (inline form of `Py_NewRef`).
#[inline]
pub unsafe fn _Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    Py_INCREF(op);
    op
}

#[inline]
pub unsafe fn _Py_XNewRef(op: *mut PyObject) -> *mut PyObject {
    Py_XINCREF(op);
    op
}
