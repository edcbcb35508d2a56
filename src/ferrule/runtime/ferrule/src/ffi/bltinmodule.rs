//! Types of the `filter`, `map` and `zip` builtins (`bltinmodule.h`).

use super::object::PyTypeObject;

extern "C" {
    pub static mut PyFilter_Type: PyTypeObject;
    pub static mut PyMap_Type: PyTypeObject;
    pub static mut PyZip_Type: PyTypeObject;
}
