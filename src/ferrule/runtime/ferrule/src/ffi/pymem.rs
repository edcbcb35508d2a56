//! Raw memory interface (`pymem.h`).

use core::ffi::c_void;

extern "C" {
    pub fn PyMem_Malloc(size: usize) -> *mut c_void;
    pub fn PyMem_Calloc(nelem: usize, elsize: usize) -> *mut c_void;
    pub fn PyMem_Realloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    pub fn PyMem_Free(ptr: *mut c_void);
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyMem_RawMalloc(size: usize) -> *mut c_void;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyMem_RawCalloc(nelem: usize, elsize: usize) -> *mut c_void;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyMem_RawRealloc(ptr: *mut c_void, new_size: usize) -> *mut c_void;
    #[cfg(not(Py_LIMITED_API))]
    pub fn PyMem_RawFree(ptr: *mut c_void);
}
