//! Smart pointers and cells convert as their contents. `Box<T>` takes the
//! value out; `Rc`/`Arc` (possibly shared) convert through `&T`.
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use crate::conversion::{FromPyObject, IntoPyObject};
use crate::instance::Borrowed;
use crate::marker::Python;
use crate::types::PyAny;

impl<'py, T: IntoPyObject<'py>> IntoPyObject<'py> for Box<T> {
    type Target = T::Target;
    type Output = T::Output;
    type Error = T::Error;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (*self).into_pyobject(py)
    }
}

impl<'a, 'py, T> IntoPyObject<'py> for &'a Box<T>
where
    &'a T: IntoPyObject<'py>,
{
    type Target = <&'a T as IntoPyObject<'py>>::Target;
    type Output = <&'a T as IntoPyObject<'py>>::Output;
    type Error = <&'a T as IntoPyObject<'py>>::Error;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        (**self).into_pyobject(py)
    }
}

// No `FromPyObject for Box<T>` (PyO3 has none): `Box` is a fundamental type, so
// such an impl would overlap the blanket impl for `Clone` pyclasses
// (`impl_::extract_pyclass`).

macro_rules! shared_ptr {
    ($ptr:ident) => {
        impl<'py, T> IntoPyObject<'py> for $ptr<T>
        where
            for<'a> &'a T: IntoPyObject<'py>,
        {
            type Target = PyAny;
            type Output = crate::instance::Bound<'py, PyAny>;
            type Error = crate::err::PyErr;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                use crate::conversion::IntoPyObjectExt;
                (&*self).into_bound_py_any(py)
            }
        }

        impl<'a, 'py, T> IntoPyObject<'py> for &'a $ptr<T>
        where
            &'a T: IntoPyObject<'py>,
        {
            type Target = <&'a T as IntoPyObject<'py>>::Target;
            type Output = <&'a T as IntoPyObject<'py>>::Output;
            type Error = <&'a T as IntoPyObject<'py>>::Error;
            #[inline]
            fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
                (**self).into_pyobject(py)
            }
        }

        impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for $ptr<T> {
            type Error = T::Error;
            #[inline]
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
                T::extract(obj).map($ptr::new)
            }
        }
    };
}

shared_ptr!(Rc);
shared_ptr!(Arc);

impl<'py, T: Copy + IntoPyObject<'py>> IntoPyObject<'py> for Cell<T> {
    type Target = T::Target;
    type Output = T::Output;
    type Error = T::Error;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        self.get().into_pyobject(py)
    }
}

impl<'py, T: Copy + IntoPyObject<'py>> IntoPyObject<'py> for &Cell<T> {
    type Target = T::Target;
    type Output = T::Output;
    type Error = T::Error;
    #[inline]
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        self.get().into_pyobject(py)
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Cell<T> {
    type Error = T::Error;
    #[inline]
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        T::extract(obj).map(Cell::new)
    }
}
