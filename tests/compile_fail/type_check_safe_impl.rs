// A successful cast hands out `Bound<T>`, whose methods read the object as `T`; so saying
// which objects are a `T` is an unsafe promise, as in PyO3 0.30.
use ferrule::prelude::*;
use ferrule::type_object::PyTypeCheck;
use ferrule::types::PyList;

pub struct AnythingIsAList;

impl PyTypeCheck for AnythingIsAList { // ERROR E0200: the trait `PyTypeCheck` requires an `unsafe impl` declaration
    fn type_check(_object: &Bound<'_, PyAny>) -> bool {
        true
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        py.get_type::<PyList>().into_any()
    }
}

// What stays allowed: an unsafe impl, written as for PyO3 0.30 (no `NAME`), and casts to it.
pub struct Listish;

// SAFETY: only lists pass.
unsafe impl PyTypeCheck for Listish {
    fn type_check(object: &Bound<'_, PyAny>) -> bool {
        object.is_instance_of::<PyList>()
    }
    fn classinfo_object(py: Python<'_>) -> Bound<'_, PyAny> {
        py.get_type::<PyList>().into_any()
    }
}

pub fn casts(obj: &Bound<'_, PyAny>) -> bool {
    obj.cast::<Listish>().is_ok()
}
