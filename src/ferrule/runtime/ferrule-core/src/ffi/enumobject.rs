//! Types of `enumerate` and `reversed` (`enumobject.h`).

use super::object::PyTypeObject;

extern "C" {
    #[cfg(not(PyPy))]
    pub static mut PyEnum_Type: PyTypeObject;
    #[cfg_attr(PyPy, link_name = "PyPyReversed_Type")]
    pub static mut PyReversed_Type: PyTypeObject;
}
