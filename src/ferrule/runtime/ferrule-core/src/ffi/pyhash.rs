//! Hashing helpers (`cpython/pyhash.h`).

extern "C" {
    #[cfg(not(PyPy))]
    pub fn Py_HashPointer(ptr: *const core::ffi::c_void) -> super::pyport::Py_hash_t;
    /// The hash `bytes` of the same `len` bytes would have.
    #[cfg(all(Py_3_14, not(PyPy)))]
    pub fn Py_HashBuffer(ptr: *const core::ffi::c_void, len: super::pyport::Py_ssize_t) -> super::pyport::Py_hash_t;
}
