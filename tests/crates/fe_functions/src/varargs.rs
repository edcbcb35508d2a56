//! Signatures of nothing but `*args` and/or `**kwargs`, on functions and methods: the tuple and
//! dict the call brings reach the body as they are.
use ferrule::prelude::*;
use ferrule::types::{PyDict, PyTuple, PyType};

/// Hands back what reached `*args` and `**kwargs`.
#[pyfunction]
#[pyo3(signature = (*args, **kwargs))]
fn pass_through<'py>(
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> (Bound<'py, PyTuple>, Option<Bound<'py, PyDict>>) {
    (args.clone(), kwargs.cloned())
}

#[pyfunction]
#[pyo3(signature = (*args))]
fn count_args(args: &Bound<'_, PyTuple>) -> usize {
    args.len()
}

/// The keywords' names, in call order; `None` when no keyword was passed.
#[pyfunction]
#[pyo3(signature = (**kwargs))]
fn keyword_names(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Option<Vec<String>>> {
    kwargs.map(|kw| kw.keys().iter().map(|k| k.extract::<String>()).collect()).transpose()
}

#[pyclass]
struct Gatherer {
    tag: String,
}

#[pymethods]
impl Gatherer {
    #[new]
    fn new(tag: String) -> Self {
        Gatherer { tag }
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn gather(&self, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> String {
        format!("{}: {} positional, {} keyword", self.tag, args.len(), kwargs.map_or(0, |kw| kw.len()))
    }

    #[staticmethod]
    #[pyo3(signature = (*args))]
    fn count(args: &Bound<'_, PyTuple>) -> usize {
        args.len()
    }

    #[classmethod]
    #[pyo3(signature = (**kwargs))]
    fn describe(cls: &Bound<'_, PyType>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        Ok(format!("{} {}", cls.name()?, kwargs.map_or(0, |kw| kw.len())))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pass_through, m)?)?;
    m.add_function(wrap_pyfunction!(count_args, m)?)?;
    m.add_function(wrap_pyfunction!(keyword_names, m)?)?;
    m.add_class::<Gatherer>()?;
    Ok(())
}
