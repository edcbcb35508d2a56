//! Tuples of 1 to 12 elements ↔ `tuple`. Extraction accepts only a `tuple`
//! of exactly that length; elements may borrow from it (e.g. `(&str, i32)`),
//! since the tuple keeps them alive for as long as it is borrowed.
use crate::conversion::{FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::exceptions::PyValueError;
use crate::ffi;
use crate::instance::{Borrowed, Bound};
use crate::marker::Python;
use crate::types::tuple::TupleBuilder;
use crate::types::{PyAny, PyTuple};

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

/// Element `obj` extracted, or None once `err` holds the first error (later elements are not
/// extracted, as with `?`).
#[inline]
fn element<'a, 'py, T: FromPyObject<'a, 'py>>(obj: Borrowed<'a, 'py, PyAny>, err: &mut Option<PyErr>) -> Option<T> {
    if err.is_some() {
        return None;
    }
    match T::extract(obj) {
        Ok(value) => Some(value),
        Err(e) => {
            *err = Some(e.into());
            None
        }
    }
}

/// The error `element` kept: some element is None only after one failed.
fn first_error(err: Option<PyErr>) -> PyErr {
    err.expect("a tuple element is missing only after an extraction error")
}

macro_rules! tuple_conversions {
    ($len:literal; $($T:ident $i:tt $v:ident),+) => {
        impl<'py, $($T: IntoPyObject<'py>),+> IntoPyObject<'py> for ($($T,)+) {
            type Target = PyTuple;
            type Output = Bound<'py, PyTuple>;
            type Error = PyErr;
            fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
                let mut tuple = TupleBuilder::new(py, $len)?;
                $(tuple.push(self.$i);)+
                tuple.finish()
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
                let mut tuple = TupleBuilder::new(py, $len)?;
                $(tuple.push(&self.$i);)+
                tuple.finish()
            }
        }

        impl<'a, 'py, $($T: FromPyObject<'a, 'py>),+> FromPyObject<'a, 'py> for ($($T,)+) {
            type Error = PyErr;
            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                let tuple = tuple_of_len(obj, $len)?;
                let mut err = None;
                // Each element is extracted into an Option and the tuple is matched once: no `?`
                // per element, whose early returns would each drop the elements before it.
                match ($(element::<$T>(unsafe { item(tuple, $i) }, &mut err),)+) {
                    ($(Some($v),)+) => Ok(($($v,)+)),
                    _ => Err(first_error(err)),
                }
            }
        }
    };
}

tuple_conversions!(1; T0 0 v0);
tuple_conversions!(2; T0 0 v0, T1 1 v1);
tuple_conversions!(3; T0 0 v0, T1 1 v1, T2 2 v2);
tuple_conversions!(4; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3);
tuple_conversions!(5; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4);
tuple_conversions!(6; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5);
tuple_conversions!(7; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6);
tuple_conversions!(8; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6, T7 7 v7);
tuple_conversions!(9; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6, T7 7 v7, T8 8 v8);
tuple_conversions!(10; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6, T7 7 v7, T8 8 v8, T9 9 v9);
tuple_conversions!(11; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6, T7 7 v7, T8 8 v8, T9 9 v9, T10 10 v10);
tuple_conversions!(12; T0 0 v0, T1 1 v1, T2 2 v2, T3 3 v3, T4 4 v4, T5 5 v5, T6 6 v6, T7 7 v7, T8 8 v8, T9 9 v9, T10 10 v10, T11 11 v11);
