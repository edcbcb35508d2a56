//! Hashing helpers (`cpython/pyhash.h`).

extern "C" {
    #[cfg(not(PyPy))]
    pub fn Py_HashPointer(ptr: *const core::ffi::c_void) -> super::pyport::Py_hash_t;
}
