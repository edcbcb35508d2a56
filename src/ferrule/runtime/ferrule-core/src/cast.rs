//! The `cast` family, inherent on every `Bound<T>` and `Borrowed<T>` as in PyO3 0.27+.
//! A trait method on `Bound<PyAny>` would be reached from `Bound<T>` only through
//! `Deref`, and the by-value ones (`cast_into`) cannot move out of a deref.
use crate::err::{CastError, CastIntoError};
use crate::instance::{Borrowed, Bound};
use crate::type_object::{PyTypeCheck, PyTypeInfo};
use crate::types::PyAny;

impl<'py, T> Bound<'py, T> {
    /// Views `self` as a `U` when it is an instance of it (subclasses included).
    #[inline]
    pub fn cast<U: PyTypeCheck>(&self) -> Result<&Bound<'py, U>, CastError<'_, 'py>> {
        let any = self.as_any();
        if U::type_check(any) {
            Ok(unsafe { any.cast_unchecked() })
        } else {
            Err(CastError::new(any.as_borrowed(), U::classinfo_object(any.py())))
        }
    }

    /// Turns `self` into a `U`; on failure the error gives the object back.
    #[inline]
    pub fn cast_into<U: PyTypeCheck>(self) -> Result<Bound<'py, U>, CastIntoError<'py>> {
        let any = self.into_any();
        if U::type_check(&any) {
            Ok(unsafe { any.cast_into_unchecked() })
        } else {
            let to = U::classinfo_object(any.py());
            Err(CastIntoError::new(any, to))
        }
    }

    /// As [`Bound::cast`], but only for an instance of exactly `U`.
    #[inline]
    pub fn cast_exact<U: PyTypeInfo>(&self) -> Result<&Bound<'py, U>, CastError<'_, 'py>> {
        let any = self.as_any();
        if U::is_exact_type_of(any) {
            Ok(unsafe { any.cast_unchecked() })
        } else {
            Err(CastError::new(any.as_borrowed(), U::type_object(any.py()).into_any()))
        }
    }

    /// As [`Bound::cast_into`], but only for an instance of exactly `U`.
    #[inline]
    pub fn cast_into_exact<U: PyTypeInfo>(self) -> Result<Bound<'py, U>, CastIntoError<'py>> {
        let any = self.into_any();
        if U::is_exact_type_of(&any) {
            Ok(unsafe { any.cast_into_unchecked() })
        } else {
            let to = U::type_object(any.py()).into_any();
            Err(CastIntoError::new(any, to))
        }
    }

    /// Older name of [`Bound::cast`].
    #[inline]
    pub fn downcast<U: PyTypeCheck>(&self) -> Result<&Bound<'py, U>, CastError<'_, 'py>> {
        self.cast()
    }

    /// Older name of [`Bound::cast_into`].
    #[inline]
    pub fn downcast_into<U: PyTypeCheck>(self) -> Result<Bound<'py, U>, CastIntoError<'py>> {
        self.cast_into()
    }

    /// Older name of [`Bound::cast_exact`].
    #[inline]
    pub fn downcast_exact<U: PyTypeInfo>(&self) -> Result<&Bound<'py, U>, CastError<'_, 'py>> {
        self.cast_exact()
    }
}

impl<'a, 'py, T> Borrowed<'a, 'py, T> {
    /// `cast` keeping the borrow's lifetime.
    #[inline]
    pub fn cast<U: PyTypeCheck>(self) -> Result<Borrowed<'a, 'py, U>, CastError<'a, 'py>> {
        let any: Borrowed<'a, 'py, PyAny> = self.to_any();
        if U::type_check(&any) {
            Ok(unsafe { any.cast_unchecked() })
        } else {
            Err(CastError::new(any, U::classinfo_object(any.py())))
        }
    }

    /// `cast_exact` keeping the borrow's lifetime.
    #[inline]
    pub fn cast_exact<U: PyTypeInfo>(self) -> Result<Borrowed<'a, 'py, U>, CastError<'a, 'py>> {
        let any: Borrowed<'a, 'py, PyAny> = self.to_any();
        if U::is_exact_type_of(&any) {
            Ok(unsafe { any.cast_unchecked() })
        } else {
            Err(CastError::new(any, U::type_object(any.py()).into_any()))
        }
    }

    /// Older name of [`Borrowed::cast`].
    #[inline]
    pub fn downcast<U: PyTypeCheck>(self) -> Result<Borrowed<'a, 'py, U>, CastError<'a, 'py>> {
        self.cast()
    }

    /// Extracts a Rust value, as `Bound::extract` does, keeping the borrow's lifetime.
    #[inline]
    pub fn extract<O: crate::conversion::FromPyObject<'a, 'py>>(self) -> Result<O, O::Error> {
        O::extract(self.to_any())
    }
}
