//! Tuples of 1 to 12 elements ↔ `tuple`. Extraction accepts only a `tuple`
//! of exactly that length; elements may borrow from it (e.g. `(&str, i32)`),
//! since the tuple keeps them alive for as long as it is borrowed.
use crate::conversion::{BoundObject, FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::{PyAny, PyTuple};

/// Steals each already-converted item into a new tuple.
fn tuple_of<'py, const N: usize>(py: Python<'py>, items: [Bound<'py, PyAny>; N]) -> Bound<'py, PyTuple> {
    unsafe {
        let tuple = Bound::<PyAny>::from_owned_ptr_typed(py, ffi::PyTuple_New(N as ffi::Py_ssize_t));
        for (i, item) in items.into_iter().enumerate() {
            ffi::PyTuple_SetItem(tuple.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr());
        }
        tuple.cast_into_unchecked()
    }
}

/// Casts to `tuple` and checks the length, with PyO3's message.
fn tuple_of_len<'a, 'py>(obj: Borrowed<'a, 'py, PyAny>, expected: usize) -> PyResult<Borrowed<'a, 'py, PyTuple>> {
    let tuple = obj.cast::<PyTuple>()?;
    let len = unsafe { ffi::PyTuple_Size(tuple.as_ptr()) } as usize;
    if len != expected {
        return Err(PyValueError::new_err(format!(
            "expected tuple of length {expected}, but got tuple of length {len}"
        )));
    }
    Ok(tuple)
}

/// Item `i` of a tuple whose length was checked; borrowed for the tuple's borrow.
#[inline]
unsafe fn item<'a, 'py>(tuple: Borrowed<'a, 'py, PyTuple>, i: usize) -> Borrowed<'a, 'py, PyAny> {
    Borrowed::from_ptr(tuple.py(), ffi::PyTuple_GetItem(tuple.as_ptr(), i as ffi::Py_ssize_t))
}

macro_rules! tuple_conversions {
    ($len:literal; $($T:ident $i:tt),+) => {
        impl<'py, $($T: IntoPyObject<'py>),+> IntoPyObject<'py> for ($($T,)+) {
            type Target = PyTuple;
            type Output = Bound<'py, PyTuple>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let items = [$(self.$i.into_pyobject(py).map_err(Into::into)?.into_any().into_bound()),+];
                Ok(tuple_of(py, items))
            }
        }

        impl<'a, 'py, $($T),+> IntoPyObject<'py> for &'a ($($T,)+)
        where
            $(&'a $T: IntoPyObject<'py>),+
        {
            type Target = PyTuple;
            type Output = Bound<'py, PyTuple>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let items = [$((&self.$i).into_pyobject(py).map_err(Into::into)?.into_any().into_bound()),+];
                Ok(tuple_of(py, items))
            }
        }

        impl<'a, 'py, $($T: FromPyObject<'a, 'py>),+> FromPyObject<'a, 'py> for ($($T,)+) {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let tuple = tuple_of_len(obj, $len)?;
                Ok(($($T::extract(unsafe { item(tuple, $i) }).map_err(Into::into)?,)+))
            }
        }
    };
}

tuple_conversions!(1; T0 0);
tuple_conversions!(2; T0 0, T1 1);
tuple_conversions!(3; T0 0, T1 1, T2 2);
tuple_conversions!(4; T0 0, T1 1, T2 2, T3 3);
tuple_conversions!(5; T0 0, T1 1, T2 2, T3 3, T4 4);
tuple_conversions!(6; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
tuple_conversions!(7; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
tuple_conversions!(8; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
tuple_conversions!(9; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
tuple_conversions!(10; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
tuple_conversions!(11; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
tuple_conversions!(12; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11);
