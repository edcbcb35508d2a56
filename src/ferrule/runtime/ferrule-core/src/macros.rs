//! `wrap_pyfunction!`: the function object for a `#[pyfunction]`, found
//! through the hidden module the generator writes beside the function.

/// `wrap_pyfunction!(path::to::f, m)` where `m` is a `&Bound<PyModule>` or a `Python`.
#[macro_export]
macro_rules! wrap_pyfunction {
    // `#[pymodule]`'s loop over several functions' defs (ferrule-macros/src/module_adds.rs).
    (@def $def:ident, $target:expr) => {
        $crate::impl_::pyfunction::WrapTarget::wrap_def($target, $def)
    };
    ($($function:ident)::+, $target:expr) => {
        $crate::impl_::pyfunction::WrapTarget::wrap_def($target, &$($function)::+::__FERRULE_DEF)
    };
    ($($function:ident)::+) => {
        |target| $crate::impl_::pyfunction::WrapTarget::wrap_def(target, &$($function)::+::__FERRULE_DEF)
    };
}

/// `format!` into a Python `str`: `py_format!(py, "{x} items")` gives a
/// `PyResult<Bound<PyString>>`; constant text is interned once and reused.
#[macro_export]
macro_rules! py_format {
    ($py:expr, $($arg:tt)*) => {{
        let py: $crate::Python<'_> = $py;
        match ::std::format_args!($($arg)*).as_str() {
            ::std::option::Option::Some(text) => {
                static INTERNED: $crate::sync::PyOnceLock<$crate::Py<$crate::types::PyString>> =
                    $crate::sync::PyOnceLock::new();
                $crate::PyResult::Ok(
                    INTERNED.get_or_init(py, || $crate::types::PyString::intern(py, text).unbind()).bind(py).clone(),
                )
            }
            ::std::option::Option::None => $crate::types::PyString::from_fmt(py, ::std::format_args!($($arg)*)),
        }
    }};
}

/// A closure making the module `#[pymodule]` defines at `path` (a `fn` or a
/// `mod`): `m.add_wrapped(wrap_pymodule!(sub::sub))`, or call it with `py`.
#[macro_export]
macro_rules! wrap_pymodule {
    ($module:path) => {
        |py: $crate::Python<'_>| -> $crate::Py<$crate::types::PyModule> {
            use $module as __ferrule_wrapped;
            __ferrule_wrapped::__ferrule_module::__DEF.make_module(py).expect("failed to wrap pymodule")
        }
    };
}

/// Makes the `#[pymodule]` at `path` importable in the interpreter this program
/// is about to start (before `Python::initialize` or the first `Python::attach`).
#[macro_export]
macro_rules! append_to_inittab {
    ($module:path) => {{
        use $module as __ferrule_inittab;
        unsafe {
            if $crate::ffi::Py_IsInitialized() != 0 {
                ::core::panic!("called `append_to_inittab` but a Python interpreter is already running.");
            }
            $crate::ffi::PyImport_AppendInittab(
                __ferrule_inittab::__FERRULE_NAME.as_ptr(),
                ::core::option::Option::Some(__ferrule_inittab::__ferrule_init),
            );
        }
    }};
}

/// Runs a block of Python code (indented as the Rust around it, the common margin is removed)
/// and panics, after printing the traceback, when it raises: `py_run!(py, obj, "assert obj.x == 1")`
/// makes the Rust variables named before the code its locals; `py_run!(py, *dict, "...")` uses a
/// `Bound<PyDict>` as them.
#[macro_export]
macro_rules! py_run {
    ($py:expr, $($val:ident)+, $code:expr) => {{
        let __locals = $crate::types::PyDict::new($py);
        $(
            // As PyO3 writes it: `(&v).into_pyobject(py)`, which by autoderef also takes a `Copy`
            // `#[pyclass]` value (whose reference does not convert).
            let __value = {
                #[allow(unused_imports)]
                use $crate::conversion::IntoPyObject as _;
                $crate::conversion::BoundObject::into_any((&$val).into_pyobject($py).map_err(::core::convert::Into::<$crate::PyErr>::into)
                    .expect("py_run!: a value could not be converted to a Python object"))
            };
            $crate::types::PyDictMethods::set_item(&__locals, ::core::stringify!($val), __value)
                .expect("py_run!: a value could not be converted to a Python object");
        )+
        $crate::impl_::py_run::run($py, &__locals, ::core::convert::AsRef::<str>::as_ref(&$code))
    }};
    ($py:expr, *$dict:expr, $code:expr) => {{
        $crate::impl_::py_run::run($py, &$dict, ::core::convert::AsRef::<str>::as_ref(&$code))
    }};
}
