//! `#[cfg]` on bound items, decided for the build that was made: the stub and the
//! glue hold exactly what rustc compiled.
use pyo3::prelude::*;

#[pymodule]
mod fe_cfgstubs {
    use pyo3::prelude::*;

    /// Adds two numbers (feature `on`).
    #[cfg(feature = "on")]
    #[pyfunction]
    fn variant(a: i32, b: i32) -> i32 {
        a + b
    }

    /// Returns its argument (without feature `on`).
    #[cfg(not(feature = "on"))]
    #[pyfunction]
    fn variant(a: i32) -> i32 {
        a
    }

    #[cfg(feature = "off")]
    #[pyfunction]
    fn only_with_off() -> i32 {
        0
    }

    #[cfg(feature = "dflt")]
    #[pyfunction]
    fn from_default_feature() -> bool {
        true
    }

    #[cfg(all(feature = "on", not(feature = "off")))]
    #[pyfunction]
    fn on_and_not_off() -> bool {
        true
    }

    #[cfg(any(feature = "off", windows))]
    #[pyfunction]
    fn off_or_windows() -> bool {
        true
    }

    /// Python 3.9 or later (`use_pyo3_cfgs` in build.rs).
    #[cfg(Py_3_9)]
    #[pyfunction]
    fn by_version(s: &str) -> String {
        s.to_uppercase()
    }

    /// Before Python 3.9.
    #[cfg(not(Py_3_9))]
    #[pyfunction]
    fn by_version() -> i32 {
        0
    }

    #[cfg(PyPy)]
    #[pyfunction]
    fn pypy_only() -> bool {
        true
    }

    #[cfg(not(any(Py_LIMITED_API, PyPy)))]
    #[pyfunction]
    fn full_api_only() -> bool {
        true
    }

    #[cfg(Py_3_99)]
    #[pyfunction]
    fn from_the_future() -> bool {
        true
    }

    #[cfg(fe_custom)]
    #[pyfunction]
    fn from_build_script() -> bool {
        true
    }

    #[pyclass(eq, eq_int)]
    #[derive(PartialEq, Clone, Copy)]
    enum Mode {
        Plain,
        #[cfg(feature = "off")]
        Hidden,
        #[cfg(feature = "on")]
        Shown,
    }

    #[pyclass]
    struct Gauge {
        #[pyo3(get)]
        level: i32,
        #[cfg(feature = "off")]
        #[pyo3(get)]
        secret: i32,
    }

    #[pymethods]
    impl Gauge {
        #[new]
        fn new(level: i32) -> Self {
            Gauge { level, #[cfg(feature = "off")] secret: 0 }
        }

        /// Scaled by a factor (feature `on`).
        #[cfg(feature = "on")]
        fn scaled(&self, factor: i32) -> i32 {
            self.level * factor
        }

        /// Doubled (without feature `on`).
        #[cfg(not(feature = "on"))]
        fn scaled(&self) -> i32 {
            self.level * 2
        }

        #[cfg(feature = "off")]
        fn __len__(&self) -> usize {
            0
        }
    }

    #[cfg(feature = "off")]
    #[pymethods]
    impl Gauge {
        fn in_an_off_block(&self) -> i32 {
            0
        }
    }

    #[cfg(feature = "off")]
    #[pyclass]
    struct OffClass;

    #[cfg(feature = "off")]
    #[pymodule]
    mod off_sub {
        #[pymodule_export]
        const X: i32 = 1;
    }
}
