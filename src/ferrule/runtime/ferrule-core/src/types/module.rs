//! `module`.
use crate::conversion::IntoPyObject;
use crate::err::PyResult;
use crate::ffi;
use crate::instance::Bound;
use crate::marker::Python;
use crate::types::{native_type, PyAny, PyAnyMethods, PyCFunction, PyDict, PyList, PyString, PyStringMethods};

native_type!(PyModule, "module", ffi::PyModule_Type, ffi::PyModule_Check);

impl PyModule {
    /// A new, empty module (not in `sys.modules`).
    pub fn new<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyModule>> {
        let name = PyString::new(py, name);
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyModule_NewObject(name.as_ptr())).map(|m| m.cast_into_unchecked())
        }
    }

    /// A module made by running `code` (as if it were the file `file_name`; empty is
    /// `<string>`), and put in `sys.modules` as `module_name`, as `importlib` would.
    pub fn from_code<'py>(
        py: Python<'py>,
        code: &std::ffi::CStr,
        file_name: &std::ffi::CStr,
        module_name: &std::ffi::CStr,
    ) -> PyResult<Bound<'py, PyModule>> {
        let file_name = if file_name.to_bytes().is_empty() { c"<string>" } else { file_name };
        // `compile()` rather than `Py_CompileString`, which PyPy does not export.
        let source = crate::types::PyBytes::new(py, code.to_bytes());
        let compiled = py.import("builtins")?.getattr("compile")?.call1((source, file_name.to_string_lossy(), "exec"))?;
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(
                py,
                ffi::PyImport_ExecCodeModuleEx(module_name.as_ptr(), compiled.as_ptr(), file_name.as_ptr()),
            )?
            .cast_into::<PyModule>()
            .map_err(Into::into)
        }
    }

    pub fn import<'py, N>(py: Python<'py>, name: N) -> PyResult<Bound<'py, PyModule>>
    where
        N: IntoPyObject<'py, Target = PyString>,
    {
        let name = name.into_pyobject(py).map_err(Into::into)?;
        let name = crate::conversion::BoundObject::into_bound(name);
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(py, ffi::PyImport_Import(name.as_ptr())).map(|m| m.cast_into_unchecked())
        }
    }
}

pub trait PyModuleMethods<'py> {
    fn dict(&self) -> Bound<'py, PyDict>;
    fn name(&self) -> PyResult<Bound<'py, PyString>>;
    fn filename(&self) -> PyResult<Bound<'py, PyString>>;
    /// `__all__`, created empty when missing.
    fn index(&self) -> PyResult<Bound<'py, PyList>>;
    /// Sets `name` and appends it to `__all__`.
    fn add<N, V>(&self, name: N, value: V) -> PyResult<()>
    where
        N: IntoPyObject<'py, Target = PyString>,
        V: IntoPyObject<'py>;
    fn add_function(&self, fun: Bound<'py, PyCFunction>) -> PyResult<()>;
    fn add_submodule(&self, module: &Bound<'py, PyModule>) -> PyResult<()>;
    fn add_class<T: crate::PyTypeInfo>(&self) -> PyResult<()>;
    /// Adds what `wrap_pyfunction!(f)` or `wrap_pymodule!(m)` makes, under its `__name__`.
    fn add_wrapped<F, T>(&self, wrapper: F) -> PyResult<()>
    where
        F: Fn(crate::Python<'py>) -> T,
        T: crate::impl_::wrap::IntoPyCallbackOutput<'py>;
}

impl<'py> PyModuleMethods<'py> for Bound<'py, PyModule> {
    fn dict(&self) -> Bound<'py, PyDict> {
        unsafe { Bound::<PyAny>::from_borrowed_ptr_typed(self.py(), ffi::PyModule_GetDict(self.as_ptr())).cast_into_unchecked() }
    }

    fn name(&self) -> PyResult<Bound<'py, PyString>> {
        // PyPy 3.9 lacks it and 3.11 answers the name it was created with; CPython reads `__name__`.
        #[cfg(PyPy)]
        {
            use crate::types::PyDictMethods;
            let Some(name) = self.dict().get_item(crate::intern!(self.py(), "__name__"))? else {
                return Err(crate::exceptions::PySystemError::new_err("nameless module"));
            };
            return Ok(name.cast_into::<PyString>()?);
        }
        #[cfg(not(PyPy))]
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyModule_GetNameObject(self.as_ptr()))
                .map(|n| n.cast_into_unchecked())
        }
    }

    fn filename(&self) -> PyResult<Bound<'py, PyString>> {
        // PyPy 3.9 lacks it; CPython reads `__file__` from the module's dict too.
        #[cfg(PyPy)]
        {
            use crate::types::PyDictMethods;
            let Some(file) = self.dict().get_item(crate::intern!(self.py(), "__file__"))? else {
                return Err(crate::exceptions::PySystemError::new_err("module filename missing"));
            };
            return Ok(file.cast_into::<PyString>()?);
        }
        #[cfg(not(PyPy))]
        unsafe {
            Bound::<PyAny>::from_owned_ptr_or_err_typed(self.py(), ffi::PyModule_GetFilenameObject(self.as_ptr()))
                .map(|n| n.cast_into_unchecked())
        }
    }

    fn index(&self) -> PyResult<Bound<'py, PyList>> {
        let all = crate::intern!(self.py(), "__all__");
        match self.getattr_opt(all)? {
            Some(idx) => Ok(idx.cast_into::<PyList>()?),
            None => {
                let list = PyList::empty(self.py());
                self.setattr(all, &list)?;
                Ok(list)
            }
        }
    }

    fn add<N, V>(&self, name: N, value: V) -> PyResult<()>
    where
        N: IntoPyObject<'py, Target = PyString>,
        V: IntoPyObject<'py>,
    {
        use crate::conversion::BoundObject;
        use crate::types::PyListMethods;
        let py = self.py();
        let name = name.into_pyobject(py).map_err(Into::into)?.into_bound();
        let value = value.into_pyobject(py).map_err(Into::into)?.into_any().into_bound();
        self.index()?.append(&name)?;
        self.setattr(name, value)
    }

    fn add_function(&self, fun: Bound<'py, PyCFunction>) -> PyResult<()> {
        let name = fun.getattr(crate::intern!(self.py(), "__name__"))?.cast_into::<PyString>()?;
        self.add(name, fun)
    }

    fn add_submodule(&self, module: &Bound<'py, PyModule>) -> PyResult<()> {
        let name = module.name()?;
        // Keep only the last dotted part as the attribute name.
        let short = name.to_cow()?.rsplit('.').next().unwrap_or_default().to_owned();
        self.add(short.as_str(), module)
    }

    fn add_class<T: crate::PyTypeInfo>(&self) -> PyResult<()> {
        let ty = T::type_object(self.py());
        self.add(T::NAME, ty)
    }

    fn add_wrapped<F, T>(&self, wrapper: F) -> PyResult<()>
    where
        F: Fn(crate::Python<'py>) -> T,
        T: crate::impl_::wrap::IntoPyCallbackOutput<'py>,
    {
        let py = self.py();
        let object = unsafe { Bound::<PyAny>::from_owned_ptr_typed(py, wrapper(py).convert(py)?) };
        let name = object.getattr(crate::intern!(py, "__name__"))?.cast_into::<PyString>()?;
        let short = name.to_cow()?.rsplit('.').next().unwrap_or_default().to_owned();
        self.add(short.as_str(), object)
    }
}
