//! Types of the `filter`, `map` and `zip` builtins (`bltinmodule.h`).

use super::object::PyTypeObject;

extern "C" {
    #[cfg(not(PyPy))]
    pub static mut PyFilter_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyMap_Type: PyTypeObject;
    #[cfg(not(PyPy))]
    pub static mut PyZip_Type: PyTypeObject;
}
