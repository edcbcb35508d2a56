use pyo3::prelude::*;

/// What the build script learned from `pyo3_build_config::get()`.
#[pyfunction]
fn build_facts() -> &'static str {
    env!("FE_BUILDCFG_FACTS")
}

/// The PyO3 cfgs this crate was compiled with (set by `use_pyo3_cfgs` in build.rs).
#[pyfunction]
fn cfgs() -> Vec<&'static str> {
    let mut on = Vec::new();
    macro_rules! check {
        ($($name:ident),*) => { $( if cfg!($name) { on.push(stringify!($name)); } )* };
    }
    check!(Py_3_8, Py_3_9, Py_3_10, Py_3_11, Py_3_12, Py_3_13, Py_3_14, Py_3_15);
    check!(Py_LIMITED_API, Py_GIL_DISABLED, PyPy, GraalPy);
    on
}

#[cfg(Py_3_11)]
#[pyfunction]
fn only_on_3_11_and_later() -> bool {
    true
}

#[cfg(not(Py_3_11))]
#[pyfunction]
fn only_before_3_11() -> bool {
    true
}

#[pymodule]
fn fe_buildcfg(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_facts, m)?)?;
    m.add_function(wrap_pyfunction!(cfgs, m)?)?;
    #[cfg(Py_3_11)]
    m.add_function(wrap_pyfunction!(only_on_3_11_and_later, m)?)?;
    #[cfg(not(Py_3_11))]
    m.add_function(wrap_pyfunction!(only_before_3_11, m)?)?;
    Ok(())
}
