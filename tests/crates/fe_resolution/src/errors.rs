use pyo3::exceptions::PyValueError;

pyo3::create_exception!(fe_resolution, ShapeError, PyValueError, "A shape with impossible dimensions.");
