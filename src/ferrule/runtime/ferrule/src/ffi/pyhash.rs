//! Hashing helpers (`cpython/pyhash.h`).

extern "C" {
    pub fn Py_HashPointer(ptr: *const core::ffi::c_void) -> super::pyport::Py_hash_t;
}
