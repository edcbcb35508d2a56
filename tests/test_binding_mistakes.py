"""One mistake, one error at the user's line: a sample of the kinds of binding
mistakes PyO3's compile-fail suite catalogues, each checked here before cargo."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_parse_crate import parse

MODULE = "\n#[pymodule]\nfn demo(m: &Bound<'_, PyModule>) -> PyResult<()> { Ok(()) }\n"
CLASS = "#[pyclass]\nstruct A { x: i32 }\n#[pymethods]\nimpl A {\n"

# (kind, source after `use ferrule::prelude::*;`, line:col, what the message says)
CASES = [
    ("class option misspelt", "#[pyclass(frozn)]\nstruct A { x: i32 }", "2:11", "unknown option `frozn` for `#[pyclass]`"),
    ("class name not a string", "#[pyclass(name = 1)]\nstruct A { x: i32 }", "2:11",
     "expected a string literal for `name`, found `1`"),
    ("setter on a frozen field", "#[pyclass(frozen)]\nstruct A { #[pyo3(set)] x: i32 }", "3:19",
     "field `x` of frozen class `A` cannot have a setter"),
    ("get_all on a unit struct", "#[pyclass(get_all)]\nstruct A;", "2:11", "`get_all` on the unit struct `A`"),
    ("enum without variants", "#[pyclass]\nenum E {}", "3:6", "`#[pyclass]` enum `E` has no variants"),
    ("unit variant among data variants", "#[pyclass]\nenum E { A, B(i32) }", "3:10", "unit variant `E::A`"),
    ("generic class", "#[pyclass]\nstruct A<T> { x: T }", "3:9", "generic `#[pyclass]` `A` is not supported"),
    ("pymethods on a trait impl", "#[pyclass]\nstruct A;\n#[pymethods]\nimpl Clone for A {\n    fn clone(&self) -> Self { A }\n}",
     "5:1", "`#[pymethods]` goes on an inherent `impl`"),
    ("getter with a parameter", CLASS + "    #[getter]\n    fn x(&self, y: i32) -> i32 { y }\n}", "7:17",
     "getter function can only have one argument"),
    ("setter without the value", CLASS + "    #[setter]\n    fn set_x(&mut self) {}\n}", "7:8",
     "setter function expected to have one argument"),
    ("classmethod without cls", CLASS + "    #[classmethod]\n    fn m() {}\n}", "7:8",
     "`#[classmethod]` `m` must take the class first"),
    ("staticmethod with self", CLASS + "    #[staticmethod]\n    fn m(&self) {}\n}", "7:8",
     "`m` takes `self` but is a #[staticmethod]"),
    ("classattr with a parameter", CLASS + "    #[classattr]\n    fn m(v: i32) -> i32 { v }\n}", "7:10",
     "`#[classattr]` `m` cannot take parameters"),
    ("&mut self on a frozen class", "#[pyclass(frozen)]\nstruct A { x: i32 }\n#[pymethods]\nimpl A {\n"
     "    fn m(&mut self) {}\n}", "6:8", "`m` takes `&mut self`, but `A` is `frozen`"),
    ("__repr__ with an extra parameter", CLASS + "    fn __repr__(&self, x: i32) -> String { x.to_string() }\n}",
     "6:24", "Expected at most 0 non-python arguments"),
    ("__richcmp__ without its operands", CLASS + "    fn __richcmp__(&self) -> bool { true }\n}", "6:8",
     "Expected 2 arguments, got 0"),
    ("__get__ without the owner", CLASS + "    fn __get__(&self, obj: i32) -> i32 { obj }\n}", "6:8",
     "Expected 2 arguments, got 1"),
    ("__anext__ with a parameter", CLASS + "    fn __anext__(&self, x: i32) -> i32 { x }\n}", "6:25",
     "Expected at most 0 non-python arguments"),
    ("__repeat__ without the count", CLASS + "    fn __repeat__(&self) -> i32 { 1 }\n}", "6:8",
     "Expected 1 arguments, got 0"),
    ("text_signature on a slot", CLASS + '    #[pyo3(text_signature = "()")]\n    fn __len__(&self) -> usize { 1 }\n}',
     "6:12", "`text_signature` cannot be used with magic method `__len__`"),
    ("__len__ returning a string", CLASS + "    fn __len__(&self) -> String { String::new() }\n}", "6:26",
     "`__len__` must return `usize` (or `PyResult<usize>`), not `String`"),
    ("__bool__ returning an integer", CLASS + "    fn __bool__(&self) -> PyResult<i32> { Ok(1) }\n}", "6:27",
     "`__bool__` must return `bool`"),
    ("__new__ written by hand", CLASS + "    fn __new__() -> Self { A { x: 1 } }\n}", "6:8",
     "special method `__new__` is not supported"),
    ("two constructors", CLASS + "    #[new]\n    fn a() -> Self { A { x: 1 } }\n    #[new]\n    fn b() -> Self { A { x: 2 } }\n}",
     "9:8", "`A` has a second `#[new]`, `b`"),
    ("one Python name twice", CLASS + '    fn m(&self) {}\n    #[pyo3(name = "m")]\n    fn n(&self) {}\n}', "8:8",
     "`A` defines `m` twice"),
    ("nul in a class doc", '#[doc = "one \\0 two"]\n#[pyclass]\nstruct A { x: i32 }', "2:9",
     "a Python docstring cannot hold a nul character"),
    ("generic on an enum", "#[pyclass(generic)]\nenum E { A, B }", "2:11", "an enum `#[pyclass]` cannot be generic"),
    ("__getbuffer__ not unsafe", CLASS + "    fn __getbuffer__(&self, v: *mut ffi::Py_buffer, f: std::ffi::c_int) {}\n}",
     "6:8", "`__getbuffer__` has to be an `unsafe fn`"),
    ("__releasebuffer__ not unsafe", CLASS + "    fn __releasebuffer__(&self, v: *mut ffi::Py_buffer) {}\n}",
     "6:8", "`__releasebuffer__` has to be an `unsafe fn`"),
    ("unknown parameter option", "#[pyfunction]\nfn f(#[pyo3(get)] a: i32) {}", "3:13",
     "unknown option `get` for a parameter's `#[pyo3(...)]`"),
    ("from_py_with without a function", "#[pyfunction]\nfn f(#[pyo3(from_py_with)] a: i32) {}", "3:13",
     "`from_py_with` needs a function"),
    ("from_py_with given a string", '#[pyfunction]\nfn f(#[pyo3(from_py_with = "g")] a: i32) {}', "3:13",
     "`from_py_with` takes a path to a function, not the string"),
    ("get repeating get_all", "#[pyclass(get_all)]\nstruct A { #[pyo3(get)] x: i32 }", "3:19",
     "`get` on a field of `A` repeats the class's `get_all`"),
    ("method named twice", CLASS + '    #[pyo3(name = "a")]\n    #[pyo3(name = "b")]\n    fn m(&self) {}\n}', "7:12",
     "the Python name is given twice"),
    ("name on a constructor", CLASS + '    #[new]\n    #[pyo3(name = "make")]\n    fn new() -> Self { A { x: 1 } }\n}',
     "7:12", "`name` cannot be used with `#[new]`"),
    ("getter named by a number", CLASS + "    #[getter(1)]\n    fn g(&self) -> i32 { 1 }\n}", "6:14",
     "a property name is an identifier or a string literal, not `1`"),
    ("function option misspelt", '#[pyfunction]\n#[pyo3(nme = "x")]\nfn f() {}', "3:8",
     "unknown option `nme` for `#[pyfunction]`"),
    ("self in a pyfunction", "#[pyfunction]\nfn f(&self) {}", "3:6", "`#[pyfunction]` `f` cannot take `&self`"),
    ("generic pyfunction", "#[pyfunction]\nfn f<T>(a: T) {}", "3:5", "generic function `f` cannot be a `#[pyfunction]`"),
    ("impl Trait parameter", "#[pyfunction]\nfn f(a: impl Into<i32>) {}", "3:6", "a trait object or `impl Trait`"),
    # markdown-it-pyrs (PyO3 0.19): GIL refs, the module and arguments as `&PyModule`/`&PyAny`
    ("GIL-ref module", "#[pymodule]\nfn demo(_py: Python, m: &PyModule) -> PyResult<()> { Ok(()) }", "3:22",
     "`&PyModule` is PyO3's GIL-ref API (PyO3 0.20 and before, removed in 0.23)"),
    ("GIL-ref argument", "#[pyfunction]\nfn f<'py>(a: Option<&'py PyDict>) {}", "3:11",
     "unsupported type for parameter `a`: `&'py PyDict` is PyO3's GIL-ref API"),
    ("borrowed items", "#[pyfunction]\nfn f(names: Option<Vec<&str>>) {}", "3:6",
     "`Option<Vec<&str>>` holds borrowed items, and a container's items cannot borrow"),
    # pyrage (PyO3 0.24): the pre-0.27 trait, one lifetime and `extract_bound`
    ("FromPyObject of PyO3 0.26", "struct Key(String);\nimpl<'source> FromPyObject<'source> for Key {\n"
     "    fn extract_bound(ob: &Bound<'source, PyAny>) -> PyResult<Self> { Ok(Key(ob.extract()?)) }\n}", "3:15",
     "`FromPyObject<'source>` has one lifetime: that is the `FromPyObject` of PyO3 0.26 and before"),
    ("FromPyObject of PyO3 0.26 by path", "struct Key;\nimpl<'py> pyo3::conversion::FromPyObject<'py> for Key {}",
     "3:11", "ferrule's runtime has PyO3 0.27's `FromPyObject<'a, 'py>`"),
    ("async without its feature", "#[pyfunction]\nasync fn f() {}", "3:1",
     "async functions are only supported with the `experimental-async` feature"),
    ("pass_module without the module", "#[pyfunction(pass_module)]\nfn f() {}", "3:4",
     "`pass_module` needs the module as the first parameter"),
    ("signature entry twice", "#[pyfunction(signature = (a, a))]\nfn f(a: i32) {}", "2:14",
     "signature entry `a` is given twice"),
    ("signature entry not a parameter", "#[pyfunction(signature = (a, b))]\nfn f(a: i32) {}", "2:14",
     "signature entry `b` is not a parameter of `f`"),
    ("required after optional", "#[pyfunction(signature = (a=1, b))]\nfn f(a: i32, b: i32) {}", "2:14",
     "required parameter `b` follows a parameter with a default"),
    ("two keyword-only markers", "#[pyfunction(signature = (*, a, *, b))]\nfn f(a: i32, b: i32) {}", "2:14",
     "`*` after `*` or `*args` in `signature`"),
    ("Instant parameter", "use std::time::Instant;\n#[pyfunction]\nfn f(t: Instant) {}", "4:6",
     "`Instant` cannot be used as a Python function argument"),
    ("Instant inside a return type", "#[pyfunction]\nfn f() -> Vec<std::time::Instant> { vec![] }", "3:11",
     "`Instant` cannot be converted to a Python object (the return type of `f`)"),
    ("Mutex through a glob import", "use std::sync::*;\n#[pyfunction]\nfn f(m: Option<Mutex<i32>>) {}", "4:6",
     "`Mutex` cannot be used as a Python function argument"),
    ("module option misspelt", '#[pymodule(nme = "x")]\nfn demo(m: &Bound<\'_, PyModule>) -> PyResult<()> { Ok(()) }',
     "2:12", "unknown option `nme` for `#[pymodule]`"),
    ("pymodule_export on a trait", "#[pymodule]\nmod demo {\n    #[pymodule_export]\n    trait T {}\n}", "4:5",
     "`#[pymodule_export]` goes on a `use` or a `const`, not on a `trait`"),
    ("submodule on a nested module", "#[pymodule]\nmod demo {\n    #[pymodule(submodule)]\n    mod inner {}\n}", "5:5",
     "`submodule` is implied"),
    ("two module initialisers", "#[pymodule]\nmod demo {\n    #[pymodule_init]\n    fn a(m: &Bound<'_, PyModule>) -> "
     "PyResult<()> { Ok(()) }\n    #[pymodule_init]\n    fn b(m: &Bound<'_, PyModule>) -> PyResult<()> { Ok(()) }\n}",
     "7:5", "module `demo` has a second `#[pymodule_init]`, `b`"),
]


@pytest.mark.parametrize("kind, code, where, message", CASES, ids=[c[0] for c in CASES])
def test_mistake_is_one_error_at_its_line(tmp_path: Path, kind: str, code: str, where: str, message: str) -> None:
    text = "use ferrule::prelude::*;\n" + code + ("" if "pymodule" in code else MODULE)
    _, diags = parse(tmp_path, {"src/lib.rs": text})
    assert [f"{d.line}:{d.col}" for d in diags] == [where], [(d.line, d.col, d.message) for d in diags]
    assert message in diags[0].message, diags[0].message


def test_from_py_object_of_pyo3_0_27_is_accepted(tmp_path: Path) -> None:
    code = ("struct Key(String);\nimpl<'a, 'py> FromPyObject<'a, 'py> for Key {\n    type Error = PyErr;\n"
            "    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> { Ok(Key(ob.extract()?)) }\n}")
    _, diags = parse(tmp_path, {"src/lib.rs": "use ferrule::prelude::*;\n" + code + MODULE})
    assert diags == []


def test_a_crates_own_type_named_like_std_is_left_to_rustc(tmp_path: Path) -> None:
    """Only std's `Instant` is known to lack conversions; a `#[pyclass] struct Instant` has them."""
    _, diags = parse(tmp_path, {"src/lib.rs": "use ferrule::prelude::*;\n#[pyclass]\n#[derive(Clone)]\nstruct Instant;\n"
                                              "#[pyfunction]\nfn f(t: Instant) -> Instant { t }" + MODULE})
    assert diags == []


def test_cfg_alternatives_of_one_method_are_not_duplicates(tmp_path: Path) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": "use ferrule::prelude::*;\n" + CLASS
                                + '    #[cfg(feature = "a")]\n    fn m(&self) {}\n'
                                '    #[cfg(not(feature = "a"))]\n    fn m(&self) {}\n}' + MODULE})
    assert diags == []


@pytest.mark.parametrize("code, where, message", [
    ("#[pyclass]\nfn f() {}", "2:1", "`#[pyclass]` goes on a `struct` or an `enum`, not on a `fn`"),
    ("#[pyfunction]\nstruct S;", "2:1", "`#[pyfunction]` goes on a `fn`, not on a `struct`"),
    ("#[pymethods]\nstruct S;", "2:1", "`#[pymethods]` goes on an `impl` block of a `#[pyclass]`, not on a `struct`"),
])
def test_attribute_on_the_wrong_kind_of_item(tmp_path: Path, code: str, where: str, message: str) -> None:
    _, diags = parse(tmp_path, {"src/lib.rs": code + MODULE})
    assert [(f"{d.line}:{d.col}", d.message) for d in diags] == [(where, message)]


def _target_diags(tmp_path: Path, code: str, abi3: str | None = None, cfgs: tuple[str, ...] = ()):
    """The checks that depend on the target Python (generate.check_crate)."""
    from types import SimpleNamespace

    from ferrule.cfgset import CfgSet
    from ferrule.generate import check_crate

    crate, diags = parse(tmp_path, {"src/lib.rs": "use ferrule::prelude::*;\n" + code + MODULE})
    assert diags == []
    project = SimpleNamespace(abi3=abi3, module_name="demo", lib_name="demo", lib_path=tmp_path / "src/lib.rs")
    return check_crate(crate, project, CfgSet(frozenset(cfgs)) if cfgs else None)  # type: ignore[arg-type]


@pytest.mark.parametrize("abi3, cfgs, minimum", [
    ("3.9", (), "3.14"), ("3.13", (), "3.14"), (None, ("Py_3_7", "Py_3_8", "Py_3_9"), "3.10")])
def test_immutable_type_below_the_python_that_has_it(tmp_path: Path, abi3, cfgs, minimum) -> None:
    diags = _target_diags(tmp_path, "#[pyclass(immutable_type)]\nstruct A { x: i32 }", abi3, cfgs)
    assert [(d.line, d.col) for d in diags] == [(2, 11)]
    assert f"`immutable_type` needs Python {minimum} or newer" in diags[0].message and diags[0].hint


@pytest.mark.parametrize("abi3, cfgs", [("3.14", ()), (None, ("Py_3_9", "Py_3_10", "Py_3_11"))])
def test_immutable_type_where_python_has_it(tmp_path: Path, abi3, cfgs) -> None:
    assert _target_diags(tmp_path, "#[pyclass(immutable_type)]\nstruct A { x: i32 }", abi3, cfgs) == []


def test_tuple_from_new_builds_with_a_deprecation_warning(tmp_path: Path) -> None:
    code = ("#[pyclass(subclass)]\nstruct Base;\n#[pyclass(extends = Base)]\nstruct Sub;\n#[pymethods]\nimpl Sub {\n"
            "    #[new]\n    fn new() -> PyResult<(Sub, Base)> { Ok((Sub, Base)) }\n}")
    crate, diags = parse(tmp_path, {"src/lib.rs": "use ferrule::prelude::*;\n" + code + MODULE})
    assert diags == []
    assert [(w.line, w.col) for w in crate.warnings] == [(9, 17)]
    assert "deprecated" in crate.warnings[0].message and "PyClassInitializer" in (crate.warnings[0].hint or "")
