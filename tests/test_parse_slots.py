"""Special methods and class options the parser checks before cargo runs."""

from __future__ import annotations

from pathlib import Path

from ferrule.codegen.glue import generate_glue

from test_parse_crate import parse


def _messages(diags) -> list[str]:
    return [d.message for d in diags]


def test_special_methods_pyo3_does_not_bind_are_errors(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass]
        struct A {}
        #[pymethods]
        impl A {
            fn __del__(&self) {}
            fn __new__() -> Self { A {} }
            fn __buffer__(&self, flags: i32) {}
            #[pyo3(signature = (key))]
            fn __getitem__(&self, key: i64) -> i64 { key }
            #[pyo3(text_signature = "(self)")]
            fn __len__(&self) -> usize { 0 }
            #[pyo3(signature = (a = 1))]
            fn __init__(&mut self, a: i64) {}
            fn __reduce__(&self) -> i64 { 0 }
        }
        """})
    assert _messages(diags) == [
        "special method `__del__` is not supported",
        "special method `__new__` is not supported",
        "special method `__buffer__` is not supported",
        "`signature` cannot be used with magic method `__getitem__`",
        "`text_signature` cannot be used with magic method `__len__`",
    ]
    assert [d.line for d in diags] == [6, 7, 8, 9, 11]
    assert diags[0].hint and "Drop" in diags[0].hint and "#[new]" in diags[1].hint


def test_from_py_object_options(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass(from_py_object, skip_from_py_object)]
        struct Both {}
        #[pyclass(from_py_object)]
        #[derive(Clone)]
        struct Opted {}
        #[pyclass(skip_from_py_object)]
        struct Skipped {}
        #[pyclass]
        struct Default {}
        """})
    assert _messages(diags) == ["`skip_from_py_object` and `from_py_object` are mutually exclusive"]
    glue = generate_glue(crate)
    by_class = {c.rust_name: glue[c.key.relpath()] for c in crate.classes}
    assert "FromPyObject<'a, 'py> for Opted" in by_class["Opted"] and "::core::clone::Clone::clone(&*r)" in by_class["Opted"]
    assert "FromPyObject" not in by_class["Skipped"] and "ExtractPyClassWithClone" not in by_class["Skipped"]
    assert "ExtractPyClassWithClone for Default {}" in by_class["Default"]
    assert "FromPyObject<'a, 'py> for Default" not in by_class["Default"]


def test_buffer_methods_under_an_old_stable_abi_are_refused(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from ferrule.generate import _stable_abi_problems

    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass]
        struct B {}
        #[pymethods]
        impl B {
            unsafe fn __getbuffer__(slf: PyRefMut<'_, Self>, view: *mut pyo3::ffi::Py_buffer, flags: i32) -> PyResult<()> { Ok(()) }
        }
        """})
    assert diags == []
    old = _stable_abi_problems(crate, SimpleNamespace(abi3="3.9"))
    assert [d.message for d in old] == [
        "`__getbuffer__` needs the buffer protocol, which the stable ABI has only from Python 3.11 "
        "(this build targets abi3 3.9)"]
    assert old[0].line == 6
    assert _stable_abi_problems(crate, SimpleNamespace(abi3="3.11")) == []
    assert _stable_abi_problems(crate, SimpleNamespace(abi3=None)) == []


def test_static_and_class_special_methods_are_slots(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        use pyo3::types::PyType;
        #[pyclass]
        struct Const {}
        #[pymethods]
        impl Const {
            #[staticmethod]
            fn __len__() -> usize { 3 }
            #[classmethod]
            fn __str__(cls: &Bound<'_, PyType>) -> String { String::new() }
            #[staticmethod]
            fn __bool__(extra: i32) -> bool { true }
            #[staticmethod]
            #[pyo3(signature = (key))]
            fn __getitem__(key: i64) -> i64 { key }
        }
        """})
    # The slot's arity and PyO3's option rules hold whatever the receiver.
    assert _messages(diags) == ["Expected at most 0 non-python arguments",
                                "`signature` cannot be used with magic method `__getitem__`"]
    assert [d.line for d in diags] == [12, 14]


def test_generic_class_with_its_own_class_getitem_is_an_error(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        use pyo3::types::PyType;
        #[pyclass(generic)]
        struct Boxed {}
        #[pymethods]
        impl Boxed {
            #[classmethod]
            fn __class_getitem__(cls: &Bound<'_, PyType>, key: &Bound<'_, PyAny>) -> i32 { 0 }
        }
        """})
    assert _messages(diags) == ["`Boxed` defines `__class_getitem__`, which `#[pyclass(generic)]` already defines"]
    assert diags[0].line == 8 and "remove `generic`" in diags[0].hint


def test_warn_option_mistakes(tmp_path: Path) -> None:
    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyfunction]
        #[pyo3(warn(category = PyFutureWarning))]
        fn no_message() {}
        #[pyfunction]
        #[pyo3(warn(message = "m", level = 2))]
        fn unknown_key() {}
        #[pyfunction]
        #[pyo3(warn(message = "kept"), warn(message = "also", category = pyo3::exceptions::PyFutureWarning))]
        fn fine() {}
        #[pyclass]
        struct K {}
        #[pymethods]
        impl K {
            #[classattr]
            #[pyo3(warn(message = "never seen"))]
            fn attr() -> i32 { 1 }
        }
        """})
    assert _messages(diags) == ["missing `message` in `warn` attribute",
                                "expected `message` or `category` in `warn`, found `level`",
                                "#[classattr] cannot be used with #[pyo3(warn)]"]
    assert [d.line for d in diags] == [3, 6, 16]
    fine = next(f for f in crate.functions if f.rust_name == "fine")
    assert fine.warnings == [("kept", ""), ("also", "pyo3::exceptions::PyFutureWarning")]
