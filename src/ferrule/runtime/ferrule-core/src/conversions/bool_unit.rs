//! `bool` (only `True`/`False` and numpy's bool accepted, as in PyO3) and `()` (an empty tuple).
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyBool, PyTuple};

impl<'py> IntoPyObject<'py> for bool {
    type Target = PyBool;
    type Output = Borrowed<'static, 'py, PyBool>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyBool::new(py, self))
    }
}

impl<'py> IntoPyObject<'py> for &bool {
    type Target = PyBool;
    type Output = Borrowed<'static, 'py, PyBool>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyBool::new(py, *self))
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for bool {
    type Error = PyErr;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        use crate::types::PyBoolMethods;
        let err = match obj.cast::<PyBool>() {
            Ok(b) => return Ok(b.is_true()),
            Err(err) => err,
        };
        // numpy's scalar bool (`numpy.bool_`, `numpy.bool` in numpy 2) is accepted, as
        // in PyO3; any other truthy object is not.
        if is_numpy_bool(&obj) {
            return match unsafe { crate::ffi::PyObject_IsTrue(obj.as_ptr()) } {
                -1 => Err(PyErr::fetch(obj.py())),
                truth => Ok(truth == 1),
            };
        }
        Err(err.into())
    }
}

fn is_numpy_bool(obj: &Bound<'_, PyAny>) -> bool {
    use crate::types::{PyAnyMethods, PyStringMethods, PyTypeMethods};
    let ty = obj.get_type();
    let named = |s: PyResult<Bound<'_, crate::types::PyString>>, want: &[&str]| {
        s.ok().is_some_and(|s| s.to_cow().is_ok_and(|s| want.contains(&s.as_ref())))
    };
    named(ty.module(), &["numpy"]) && named(ty.name(), &["bool_", "bool"])
}

impl<'py> IntoPyObject<'py> for () {
    type Target = PyTuple;
    type Output = Bound<'py, PyTuple>;
    type Error = std::convert::Infallible;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyTuple::empty(py))
    }
}
