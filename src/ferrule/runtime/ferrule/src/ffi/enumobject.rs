//! Types of `enumerate` and `reversed` (`enumobject.h`).

use super::object::PyTypeObject;

extern "C" {
    pub static mut PyEnum_Type: PyTypeObject;
    pub static mut PyReversed_Type: PyTypeObject;
}
