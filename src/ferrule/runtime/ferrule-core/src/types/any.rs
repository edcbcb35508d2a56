//! Methods every Python object has (`PyAnyMethods`), and call arguments.
use std::os::raw::c_int;

use crate::conversion::{BoundObject, FromPyObject, IntoPyObject};
use crate::err::{PyErr, PyResult};
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::type_object::PyTypeInfo;
use crate::types::tuple::TupleBuilder;
use crate::types::{PyAny, PyDict, PyIterator, PyString, PyTuple, PyType};

/// Arguments for `call`/`call1`: a tuple of convertible values or a `PyTuple`.
pub trait PyCallArgs<'py> {
    fn into_args(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>>;
}

impl<'py> PyCallArgs<'py> for Bound<'py, PyTuple> {
    fn into_args(self, _py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        Ok(self)
    }
}

impl<'py> PyCallArgs<'py> for &Bound<'py, PyTuple> {
    fn into_args(self, _py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        Ok(self.clone())
    }
}

// Up to 12 arguments, as PyO3 (and the tuple conversions) go: pyo3-log passes `makeRecord` nine.
macro_rules! call_args_tuple {
    ($len:literal; $($T:ident $i:tt),*) => {
        impl<'py, $($T: IntoPyObject<'py>),*> PyCallArgs<'py> for ($($T,)*) {
            #[allow(unused_variables, unused_mut)]
            fn into_args(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
                let mut tuple = TupleBuilder::new(py, $len)?;
                $(tuple.push(self.$i);)*
                tuple.finish()
            }
        }
    };
}
call_args_tuple!(0;);
call_args_tuple!(1; A 0);
call_args_tuple!(2; A 0, B 1);
call_args_tuple!(3; A 0, B 1, C 2);
call_args_tuple!(4; A 0, B 1, C 2, D 3);
call_args_tuple!(5; A 0, B 1, C 2, D 3, E 4);
call_args_tuple!(6; A 0, B 1, C 2, D 3, E 4, F 5);
call_args_tuple!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
call_args_tuple!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
call_args_tuple!(9; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
call_args_tuple!(10; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
call_args_tuple!(11; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
call_args_tuple!(12; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

#[inline]
fn result_of(py: Python<'_>, rc: c_int) -> PyResult<()> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(()) }
}

#[inline]
fn bool_of(py: Python<'_>, rc: c_int) -> PyResult<bool> {
    if rc == -1 { Err(PyErr::fetch(py)) } else { Ok(rc != 0) }
}

fn name_object<'py, N>(py: Python<'py>, name: N) -> PyResult<Bound<'py, PyString>>
where
    N: IntoPyObject<'py, Target = PyString>,
{
    Ok(name.into_pyobject(py).map_err(Into::into)?.into_bound())
}

fn any_object<'py, V: IntoPyObject<'py>>(py: Python<'py>, v: V) -> PyResult<Bound<'py, PyAny>> {
    Ok(v.into_pyobject(py).map_err(Into::into)?.into_any().into_bound())
}

/// `slf <op> other` through one `PyNumber_*` function of two operands.
fn binary_op<'py, O: IntoPyObject<'py>>(
    slf: &Bound<'py, PyAny>,
    other: O,
    op: unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject,
) -> PyResult<Bound<'py, PyAny>> {
    let other = any_object(slf.py(), other)?;
    unsafe { Bound::from_owned_ptr_or_err_typed(slf.py(), op(slf.as_ptr(), other.as_ptr())) }
}

/// Comparison operators for [`PyAnyMethods::rich_compare`] and `__richcmp__`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt = ffi::Py_LT as isize,
    Le = ffi::Py_LE as isize,
    Eq = ffi::Py_EQ as isize,
    Ne = ffi::Py_NE as isize,
    Gt = ffi::Py_GT as isize,
    Ge = ffi::Py_GE as isize,
}

impl CompareOp {
    pub fn from_raw(op: c_int) -> Option<CompareOp> {
        Some(match op {
            ffi::Py_LT => CompareOp::Lt,
            ffi::Py_LE => CompareOp::Le,
            ffi::Py_EQ => CompareOp::Eq,
            ffi::Py_NE => CompareOp::Ne,
            ffi::Py_GT => CompareOp::Gt,
            ffi::Py_GE => CompareOp::Ge,
            _ => return None,
        })
    }

    /// Whether `ordering` satisfies this operator.
    pub fn matches(&self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

pub trait PyAnyMethods<'py>: Sized {
    fn is<T: AsRef<crate::Py<PyAny>>>(&self, other: T) -> bool;
    fn hasattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<bool>;
    fn getattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Bound<'py, PyAny>>;
    fn getattr_opt<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Option<Bound<'py, PyAny>>>;
    fn setattr<N, V>(&self, name: N, value: V) -> PyResult<()>
    where
        N: IntoPyObject<'py, Target = PyString>,
        V: IntoPyObject<'py>;
    fn delattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<()>;
    fn compare<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<std::cmp::Ordering>;
    fn rich_compare<O: IntoPyObject<'py>>(&self, other: O, op: CompareOp) -> PyResult<Bound<'py, PyAny>>;
    fn eq<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn ne<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn lt<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn le<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn gt<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn ge<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool>;
    fn add<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn sub<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn mul<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn matmul<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn div<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn floor_div<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn rem<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn divmod<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn lshift<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn rshift<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn bitand<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn bitor<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    fn bitxor<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>>;
    /// `pow(self, other, modulus)`; pass `None` (`py.None()`) for no modulus.
    fn pow<O1: IntoPyObject<'py>, O2: IntoPyObject<'py>>(&self, other: O1, modulus: O2) -> PyResult<Bound<'py, PyAny>>;
    fn neg(&self) -> PyResult<Bound<'py, PyAny>>;
    fn pos(&self) -> PyResult<Bound<'py, PyAny>>;
    fn abs(&self) -> PyResult<Bound<'py, PyAny>>;
    fn bitnot(&self) -> PyResult<Bound<'py, PyAny>>;
    fn is_callable(&self) -> bool;
    fn call<A: PyCallArgs<'py>>(&self, args: A, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>>;
    fn call0(&self) -> PyResult<Bound<'py, PyAny>>;
    fn call1<A: PyCallArgs<'py>>(&self, args: A) -> PyResult<Bound<'py, PyAny>>;
    fn call_method<N, A>(&self, name: N, args: A, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>;
    fn call_method0<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Bound<'py, PyAny>>;
    fn call_method1<N, A>(&self, name: N, args: A) -> PyResult<Bound<'py, PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>;
    fn is_truthy(&self) -> PyResult<bool>;
    fn is_none(&self) -> bool;
    fn is_empty(&self) -> PyResult<bool>;
    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Bound<'py, PyAny>>;
    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()>;
    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()>;
    fn try_iter(&self) -> PyResult<Bound<'py, PyIterator>>;
    fn iter(&self) -> PyResult<Bound<'py, PyIterator>>;
    fn get_type(&self) -> Bound<'py, PyType>;
    fn get_type_ptr(&self) -> *mut ffi::PyTypeObject;
    fn extract<'a, T>(&'a self) -> Result<T, T::Error>
    where
        T: FromPyObject<'a, 'py>;
    fn get_refcnt(&self) -> isize;
    fn repr(&self) -> PyResult<Bound<'py, PyString>>;
    fn str(&self) -> PyResult<Bound<'py, PyString>>;
    fn hash(&self) -> PyResult<isize>;
    fn len(&self) -> PyResult<usize>;
    fn dir(&self) -> PyResult<Bound<'py, crate::types::PyList>>;
    fn is_instance(&self, ty: &Bound<'py, PyAny>) -> PyResult<bool>;
    fn is_exact_instance(&self, ty: &Bound<'py, PyAny>) -> bool;
    fn is_instance_of<T: PyTypeInfo>(&self) -> bool;
    fn is_exact_instance_of<T: PyTypeInfo>(&self) -> bool;
    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool>;
    /// `super(type(self), self)`: the next class after `self`'s own type in its MRO.
    fn py_super(&self) -> PyResult<Bound<'py, crate::types::PySuper>>;
}

impl<'py> PyAnyMethods<'py> for Bound<'py, PyAny> {
    #[inline]
    fn is<T: AsRef<crate::Py<PyAny>>>(&self, other: T) -> bool {
        self.as_ptr() == other.as_ref().as_ptr()
    }

    fn hasattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<bool> {
        Ok(self.getattr_opt(name)?.is_some())
    }

    fn getattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let name = name_object(py, name)?;
        unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyObject_GetAttr(self.as_ptr(), name.as_ptr())) }
    }

    fn getattr_opt<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Option<Bound<'py, PyAny>>> {
        match self.getattr(name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<crate::exceptions::PyAttributeError>(self.py()) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn setattr<N, V>(&self, name: N, value: V) -> PyResult<()>
    where
        N: IntoPyObject<'py, Target = PyString>,
        V: IntoPyObject<'py>,
    {
        let py = self.py();
        let name = name_object(py, name)?;
        let value = any_object(py, value)?;
        result_of(py, unsafe { ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), value.as_ptr()) })
    }

    fn delattr<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<()> {
        let py = self.py();
        let name = name_object(py, name)?;
        result_of(py, unsafe { ffi::PyObject_SetAttr(self.as_ptr(), name.as_ptr(), std::ptr::null_mut()) })
    }

    fn compare<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<std::cmp::Ordering> {
        let other = any_object(self.py(), other)?;
        if self.eq(&other)? {
            Ok(std::cmp::Ordering::Equal)
        } else if self.lt(&other)? {
            Ok(std::cmp::Ordering::Less)
        } else if self.gt(&other)? {
            Ok(std::cmp::Ordering::Greater)
        } else {
            Err(crate::exceptions::PyTypeError::new_err("PyAny::compare(): All comparisons returned false"))
        }
    }

    fn rich_compare<O: IntoPyObject<'py>>(&self, other: O, op: CompareOp) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let other = any_object(py, other)?;
        unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyObject_RichCompare(self.as_ptr(), other.as_ptr(), op as c_int)) }
    }

    fn eq<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Eq)?.is_truthy()
    }
    fn ne<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Ne)?.is_truthy()
    }
    fn lt<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Lt)?.is_truthy()
    }
    fn le<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Le)?.is_truthy()
    }
    fn gt<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Gt)?.is_truthy()
    }
    fn ge<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<bool> {
        self.rich_compare(other, CompareOp::Ge)?.is_truthy()
    }

    fn add<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Add)
    }
    fn sub<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Subtract)
    }
    fn mul<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Multiply)
    }

    fn matmul<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_MatrixMultiply)
    }
    fn div<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_TrueDivide)
    }
    fn floor_div<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_FloorDivide)
    }
    fn rem<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Remainder)
    }
    fn divmod<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Divmod)
    }
    fn lshift<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Lshift)
    }
    fn rshift<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Rshift)
    }
    fn bitand<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_And)
    }
    fn bitor<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Or)
    }
    fn bitxor<O: IntoPyObject<'py>>(&self, other: O) -> PyResult<Bound<'py, PyAny>> {
        binary_op(self, other, ffi::PyNumber_Xor)
    }
    fn pow<O1: IntoPyObject<'py>, O2: IntoPyObject<'py>>(&self, other: O1, modulus: O2) -> PyResult<Bound<'py, PyAny>> {
        let (other, modulus) = (any_object(self.py(), other)?, any_object(self.py(), modulus)?);
        unsafe {
            Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyNumber_Power(self.as_ptr(), other.as_ptr(), modulus.as_ptr()))
        }
    }
    fn neg(&self) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyNumber_Negative(self.as_ptr())) }
    }
    fn pos(&self) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyNumber_Positive(self.as_ptr())) }
    }
    fn abs(&self) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyNumber_Absolute(self.as_ptr())) }
    }
    fn bitnot(&self) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyNumber_Invert(self.as_ptr())) }
    }

    fn is_callable(&self) -> bool {
        unsafe { ffi::PyCallable_Check(self.as_ptr()) != 0 }
    }

    fn call<A: PyCallArgs<'py>>(&self, args: A, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py();
        let args = args.into_args(py)?;
        let kwargs = kwargs.map_or(std::ptr::null_mut(), |k| k.as_ptr());
        unsafe { Bound::from_owned_ptr_or_err_typed(py, ffi::PyObject_Call(self.as_ptr(), args.as_ptr(), kwargs)) }
    }

    fn call0(&self) -> PyResult<Bound<'py, PyAny>> {
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyObject_CallNoArgs(self.as_ptr())) }
    }

    fn call1<A: PyCallArgs<'py>>(&self, args: A) -> PyResult<Bound<'py, PyAny>> {
        self.call(args, None)
    }

    fn call_method<N, A>(&self, name: N, args: A, kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Bound<'py, PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>,
    {
        self.getattr(name)?.call(args, kwargs)
    }

    fn call_method0<N: IntoPyObject<'py, Target = PyString>>(&self, name: N) -> PyResult<Bound<'py, PyAny>> {
        self.getattr(name)?.call0()
    }

    fn call_method1<N, A>(&self, name: N, args: A) -> PyResult<Bound<'py, PyAny>>
    where
        N: IntoPyObject<'py, Target = PyString>,
        A: PyCallArgs<'py>,
    {
        self.getattr(name)?.call(args, None)
    }

    fn is_truthy(&self) -> PyResult<bool> {
        bool_of(self.py(), unsafe { ffi::PyObject_IsTrue(self.as_ptr()) })
    }

    #[inline]
    fn is_none(&self) -> bool {
        unsafe { self.as_ptr() == ffi::Py_None() }
    }

    fn is_empty(&self) -> PyResult<bool> {
        self.len().map(|l| l == 0)
    }

    fn get_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<Bound<'py, PyAny>> {
        let key = any_object(self.py(), key)?;
        unsafe { Bound::from_owned_ptr_or_err_typed(self.py(), ffi::PyObject_GetItem(self.as_ptr(), key.as_ptr())) }
    }

    fn set_item<K: IntoPyObject<'py>, V: IntoPyObject<'py>>(&self, key: K, value: V) -> PyResult<()> {
        let py = self.py();
        let (key, value) = (any_object(py, key)?, any_object(py, value)?);
        result_of(py, unsafe { ffi::PyObject_SetItem(self.as_ptr(), key.as_ptr(), value.as_ptr()) })
    }

    fn del_item<K: IntoPyObject<'py>>(&self, key: K) -> PyResult<()> {
        let key = any_object(self.py(), key)?;
        result_of(self.py(), unsafe { ffi::PyObject_DelItem(self.as_ptr(), key.as_ptr()) })
    }

    fn try_iter(&self) -> PyResult<Bound<'py, PyIterator>> {
        PyIterator::from_object(self)
    }

    fn iter(&self) -> PyResult<Bound<'py, PyIterator>> {
        self.try_iter()
    }

    fn get_type(&self) -> Bound<'py, PyType> {
        unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(self.py(), ffi::Py_TYPE(self.as_ptr()) as *mut ffi::PyObject).cast_into_unchecked() }
    }

    #[inline]
    fn get_type_ptr(&self) -> *mut ffi::PyTypeObject {
        unsafe { ffi::Py_TYPE(self.as_ptr()) }
    }

    #[inline]
    fn extract<'a, T>(&'a self) -> Result<T, T::Error>
    where
        T: FromPyObject<'a, 'py>,
    {
        T::extract(self.as_borrowed())
    }

    fn get_refcnt(&self) -> isize {
        unsafe { ffi::Py_REFCNT(self.as_ptr()) as isize }
    }

    fn repr(&self) -> PyResult<Bound<'py, PyString>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyObject_Repr(self.as_ptr())).map(|b| b.cast_into_unchecked()) }
    }

    fn str(&self) -> PyResult<Bound<'py, PyString>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyObject_Str(self.as_ptr())).map(|b| b.cast_into_unchecked()) }
    }

    fn hash(&self) -> PyResult<isize> {
        let h = unsafe { ffi::PyObject_Hash(self.as_ptr()) };
        if h == -1 { Err(PyErr::fetch(self.py())) } else { Ok(h as isize) }
    }

    fn len(&self) -> PyResult<usize> {
        let n = unsafe { ffi::PyObject_Size(self.as_ptr()) };
        if n == -1 { Err(PyErr::fetch(self.py())) } else { Ok(n as usize) }
    }

    fn dir(&self) -> PyResult<Bound<'py, crate::types::PyList>> {
        unsafe { Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyObject_Dir(self.as_ptr())).map(|b| b.cast_into_unchecked()) }
    }

    fn is_instance(&self, ty: &Bound<'py, PyAny>) -> PyResult<bool> {
        bool_of(self.py(), unsafe { ffi::PyObject_IsInstance(self.as_ptr(), ty.as_ptr()) })
    }

    fn is_exact_instance(&self, ty: &Bound<'py, PyAny>) -> bool {
        self.get_type().as_ptr() == ty.as_ptr()
    }

    #[inline]
    fn is_instance_of<T: PyTypeInfo>(&self) -> bool {
        T::is_type_of(self)
    }

    #[inline]
    fn is_exact_instance_of<T: PyTypeInfo>(&self) -> bool {
        T::is_exact_type_of(self)
    }

    fn contains<V: IntoPyObject<'py>>(&self, value: V) -> PyResult<bool> {
        let value = any_object(self.py(), value)?;
        bool_of(self.py(), unsafe { ffi::PySequence_Contains(self.as_ptr(), value.as_ptr()) })
    }

    fn py_super(&self) -> PyResult<Bound<'py, crate::types::PySuper>> {
        crate::types::PySuper::new(&self.get_type(), self)
    }
}
