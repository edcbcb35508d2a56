//! The classes of the variants of a complex `#[pyclass]` enum (one whose
//! variants carry fields): each is a subclass of the enum's class with the same
//! instance layout (the Rust value is the whole enum), its own constructor and
//! read-only field properties. The glue picks the variant's class for every
//! new instance through `PyClass::instance_type`.
use super::create_type::{add_class_attrs, from_builder};
use super::{PyClass, TypeBuilder};
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Py;
use crate::marker::Python;
use crate::sync::PyOnceLock;
use crate::types::{PyAny, PyType};

/// The type object of one variant, created once per interpreter.
pub struct VariantType {
    cell: PyOnceLock<Py<PyType>>,
}

impl Default for VariantType {
    fn default() -> Self {
        Self::new()
    }
}

impl VariantType {
    pub const fn new() -> Self {
        VariantType { cell: PyOnceLock::new() }
    }

    /// The variant's type, a subclass of `T`'s; `build` fills in its name,
    /// constructor, properties and class attributes.
    pub fn get<T: PyClass>(&'static self, py: Python<'_>, build: fn(&mut TypeBuilder)) -> *mut ffi::PyTypeObject {
        // The enum's type first: creating it adds its variant attributes, which land here.
        let base = T::type_object_raw(py);
        if let Some(ty) = self.cell.get(py) {
            return ty.as_ptr() as *mut ffi::PyTypeObject;
        }
        let mut b = TypeBuilder::new();
        build(&mut b);
        let name = b.name;
        let ty = match from_builder(py, b.take(), base, 0, Vec::new()) {
            Ok(ty) => ty,
            Err(e) => {
                e.print(py);
                panic!("failed to create the type object of {} variant {:?}", T::NAME, name);
            }
        };
        if self.cell.set(py, ty).is_ok() {
            add_class_attrs(self.cell.get(py).unwrap().bind(py), b.class_attrs_only(), T::NAME);
        }
        self.cell.get(py).unwrap().as_ptr() as *mut ffi::PyTypeObject
    }

    /// The variant's type as a class attribute of the enum.
    pub fn object<T: PyClass>(&'static self, py: Python<'_>, build: fn(&mut TypeBuilder)) -> PyResult<Py<PyAny>> {
        let ty = self.get::<T>(py, build);
        Ok(unsafe { Py::from_borrowed_ptr(py, ty as *mut ffi::PyObject) })
    }
}
