//! `wrap_pyfunction!`: the function object for a `#[pyfunction]`, found
//! through the hidden module the generator writes beside the function.

/// `wrap_pyfunction!(path::to::f, m)` where `m` is a `&Bound<PyModule>` or a `Python`.
#[macro_export]
macro_rules! wrap_pyfunction {
    ($($function:ident)::+, $target:expr) => {
        $crate::impl_::pyfunction::WrapTarget::wrap_def($target, &$($function)::+::__FERRULE_DEF)
    };
    ($($function:ident)::+) => {
        |target| $crate::impl_::pyfunction::WrapTarget::wrap_def(target, &$($function)::+::__FERRULE_DEF)
    };
}
