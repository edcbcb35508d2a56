/// Defined after its use in codecs.rs: reachable by `crate::later_function!`.
#[macro_export]
macro_rules! later_function {
    ($name:ident, $value:literal) => {
        #[pyo3::pyfunction]
        pub fn $name() -> i64 {
            $value
        }
    };
}
