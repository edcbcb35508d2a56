"""`.pyi` stubs for tests/fixtures/shapes: golden files, Python validity and mypy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ferrule.codegen.stubs import generate_stubs

from test_glue_golden import GOLDEN, check_golden, parse_fixture


@pytest.fixture(scope="module")
def stubs() -> dict[str, str]:
    return generate_stubs(parse_fixture("shapes"))


def test_stubs_match_golden(stubs: dict[str, str]) -> None:
    assert sorted(stubs) == ["__init__.pyi", "extra.pyi"]
    for rel, text in stubs.items():
        check_golden(GOLDEN / "shapes" / "stubs" / rel, text)


def signatures(text: str) -> dict[str, str]:
    """`name -> (params) -> ret` for every top-level def, as ast.unparse writes it."""
    out = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef):
            ret = ast.unparse(node.returns) if node.returns else ""
            out[node.name] = f"({ast.unparse(node.args)}) -> {ret}"
    return out


def test_python_types_of_the_stub(stubs: dict[str, str]) -> None:
    sig = signatures(stubs["__init__.pyi"])
    assert sig["add"] == "(a: int, b: float) -> float"
    assert sig["single"] == "(x: int, /) -> int"
    assert sig["nothing"] == "() -> None"
    assert sig["defaults"] == ("(text: str, times: int=2, sep: str=', ', flag: bool=True, ratio: float=-0.5, "
                               "label: str | None=None, big: int=1000) -> str")
    # A default with no Python spelling is `...`, as in typeshed.
    assert sig["markers"] == "(a: int, b: int, /, c: int, *, d: int, e: list[int]=...) -> tuple[int, list[int]]"
    assert sig["variadic"] == "(first: Any, *args: Any, key: str='k', **kwargs: Any) -> list[Any]"
    assert sig["only_args"] == "(*args: int) -> int"
    # `py` and the module of `pass_module` are not Python parameters; the Python name is used.
    assert sig["renamed"] == "() -> str"
    assert "with_module" not in sig
    assert sig["fallible"] == "(value: str | None) -> None"
    assert sig["bytes_and_maps"] == (
        "(data: bytes, owned: bytes | list[int], cow: bytes, words: dict[str, list[int]], tags: set[str], "
        "ordered: dict[int, bool], pair: tuple[int, str], any: Any, list: list[Any]) "
        "-> dict[str, tuple[float, bool]] | None")
    assert sig["nested"] == "(grid: list[list[float | None]], fixed: bytes | list[int], name: str) -> list[tuple[str, int | None]]"
    assert signatures(stubs["extra.pyi"]) == {"cube": "(x: float) -> float"}


def test_docstrings_survive_quotes_and_backslashes(stubs: dict[str, str]) -> None:
    tree = ast.parse(stubs["__init__.pyi"])
    docs = {n.name: ast.get_docstring(n, clean=True) for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert docs["fallible"] == 'A doc with "quotes", a backslash \\ and """triple""" quotes.'
    assert docs["defaults"] == "Defaults of every literal kind.\n\nSecond paragraph."
    assert docs["add"] is None


def test_submodule_is_imported_in_the_parent_stub(stubs: dict[str, str]) -> None:
    imports = [n for n in ast.parse(stubs["__init__.pyi"]).body if isinstance(n, ast.ImportFrom)]
    assert any(n.level == 1 and [a.name for a in n.names] == ["extra"] for n in imports)


def test_stubs_pass_mypy(stubs: dict[str, str], tmp_path: Path) -> None:
    package = tmp_path / "shapes"
    package.mkdir()
    for rel, text in stubs.items():
        (package / rel).write_text(text, encoding="utf-8")
    usage = tmp_path / "use_shapes.py"
    usage.write_text(
        "import shapes\n"
        "from shapes import extra\n"
        "x: int = shapes.add(1, 2.0).__int__()\n"
        "s: str = shapes.defaults('a', sep='-')\n"
        "t: tuple[int, list[int]] = shapes.markers(1, 2, 3, d=4)\n"
        "shapes.variadic(1, 2, 3, key='x', anything=5)\n"
        "f: float = extra.cube(2.0)\n"
        "shapes.single(x=1)  # E: positional-only\n",
        encoding="utf-8")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10",
           "--cache-dir", str(tmp_path / ".mypy_cache"), "shapes", "use_shapes.py"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    lines = [line for line in out.stdout.splitlines() if ": error:" in line]
    # The stubs themselves are clean; the one bad call in the user file is caught.
    assert len(lines) == 1, out.stdout + out.stderr
    assert lines[0].startswith("use_shapes.py:8:"), out.stdout


def test_signature_annotations_win_in_function_and_method_stubs(tmp_path: Path) -> None:
    from test_parse_crate import parse

    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass]
        struct Box_;
        #[pymethods]
        impl Box_ {
            #[pyo3(signature = (x: "float | int", *, y: "str" = "a".into()) -> "Box_")]
            fn grow(&self, x: Bound<'_, PyAny>, y: String) -> i32 { 0 }
            #[staticmethod]
            #[pyo3(signature = (n) -> "list[str]")]
            fn names(n: i32) -> Vec<String> { vec![] }
        }
        #[pyfunction(signature = (v: "bytes") -> "None")]
        fn feed(v: Bound<'_, PyAny>) {}
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Box_>()?;
            m.add_function(wrap_pyfunction!(feed, m)?)
        }
    """})
    assert diags == []
    text = generate_stubs(crate)["__init__.pyi"]
    assert "def feed(v: bytes) -> None" in text
    assert "def grow(self, x: float | int, *, y: str = 'a') -> Box_" in text, text
    assert "def names(n: int) -> list[str]" in text
    ast.parse(text)


def test_object_type_annotations_are_real_types(tmp_path: Path) -> None:
    """Each `pyo3::types` object type's annotation names a type mypy knows, with its import."""
    from ferrule.codegen.pytypes import python_type, stub_imports
    from test_parse_types import ty
    expected = {
        "PyCapsule": "typing_extensions.CapsuleType", "PyCode": "types.CodeType", "PyFrame": "types.FrameType",
        "PyRange": "range", "PySuper": "super", "PyMappingProxy": "types.MappingProxyType[Any, Any]",
        "PyDictKeys": "KeysView[Any]", "PyDictItems": "ItemsView[Any, Any]",
        "PyWeakrefReference": "weakref.ReferenceType[Any]", "PyGenericAlias": "types.GenericAlias",
    }
    lines = []
    for rust, python in expected.items():
        assert python_type(ty(f"Bound<'py, {rust}>")) == python, rust
    for rust in [*expected, "PyDictValues", "PyWeakrefProxy", "PyWeakref", "PyFunction", "PyTraceback"]:
        lines.append(f"def take_{rust}(x: {python_type(ty(f'&Bound<{rust}>'))}) -> None: ...")
    body = "\n".join(lines)
    (tmp_path / "objs.pyi").write_text("\n".join(stub_imports(body)) + "\n\n" + body + "\n", encoding="utf-8")
    (tmp_path / "use_objs.py").write_text(
        "import weakref, objs\n"
        "class C: ...\n"
        "objs.take_PyRange(range(3))\n"
        "objs.take_PyDictKeys({1: 2}.keys())\n"
        "objs.take_PyWeakrefReference(weakref.ref(C()))\n"
        "objs.take_PyRange([1])  # E: not a range\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10",
           "--cache-dir", str(tmp_path / ".mypy_cache"), "objs.pyi", "use_objs.py"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and errors[0].startswith("use_objs.py:6:"), out.stdout + out.stderr


def test_optional_crate_types_map_unless_the_crate_has_its_own(tmp_path: Path) -> None:
    from test_parse_crate import parse

    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        #[pyclass]
        #[derive(Clone)]
        struct Date;
        #[pyfunction]
        fn mine(d: Date) -> Date { d }
        #[pyfunction]
        fn theirs(t: time::Time, z: chrono_tz::Tz, o: FixedOffset) -> PyResult<Option<Uuid>> { Ok(None) }
        #[pyfunction]
        fn offsets(o: jiff::tz::Offset) -> (UtcOffset, DateTime<Utc>) { todo!() }
        #[pymodule]
        fn demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<Date>()?;
            m.add_function(wrap_pyfunction!(mine, m)?)?;
            m.add_function(wrap_pyfunction!(theirs, m)?)?;
            m.add_function(wrap_pyfunction!(offsets, m)?)
        }
    """})
    assert diags == []
    text = generate_stubs(crate)["__init__.pyi"]
    assert "def mine(d: Date) -> Date" in text
    assert ("def theirs(t: datetime.time, z: zoneinfo.ZoneInfo, o: datetime.tzinfo) -> uuid.UUID | None"
            in text), text
    assert "def offsets(o: datetime.tzinfo) -> tuple[datetime.timezone, datetime.datetime]" in text
    assert "import uuid\nimport zoneinfo" in text
    ast.parse(text)


def test_stub_names_resolve_across_aliases_modules_and_exceptions(tmp_path: Path) -> None:
    """Every name a stub uses is defined or imported: type aliases are looked through, builtin
    exceptions and `PyErr` are Python's exception types, a class is imported from the stub that
    defines it, a class no module exports is `Any`, and a member exported twice is listed once."""
    from test_parse_crate import parse

    crate, diags = parse(tmp_path, {"src/lib.rs": """
        use pyo3::prelude::*;
        use pyo3::exceptions::PyValueError;
        use pyo3::types::PyDict;

        type Pair<T> = (T, T);
        type Obj<'py> = Bound<'py, PyAny>;
        type Result<T> = std::result::Result<T, PyErr>;

        #[pyclass]
        struct Hidden;

        #[pyclass(extends = PyDict)]
        struct Table;

        #[pyfunction]
        fn pair(x: Obj<'_>) -> Pair<i32> { (1, 2) }
        #[pyfunction]
        fn text() -> Result<String> { Ok(String::new()) }
        #[pyfunction]
        fn value_error(py: Python<'_>) -> PyResult<Bound<'_, PyValueError>> { todo!() }
        #[pyfunction]
        fn any_error() -> PyErr { todo!() }
        #[pyfunction]
        fn hidden() -> Hidden { Hidden }

        #[pymodule]
        mod demo {
            #[pymodule_export]
            use super::{any_error, hidden, pair, text, value_error, Table};
            #[cfg(any())]
            #[pymodule_export]
            use super::pair;

            #[pyfunction]
            fn first(d: PyRef<'_, shapes::Dot>) -> i32 { 0 }

            #[pymodule]
            mod shapes {
                #[pyclass]
                pub struct Dot;

                #[pyfunction]
                fn table_size(t: PyRef<'_, super::super::Table>) -> usize { 0 }
            }
        }
    """})
    assert diags == []
    stubs = generate_stubs(crate)
    top, sub = stubs["__init__.pyi"], stubs["shapes.pyi"]
    sig = signatures(top)
    assert sig["pair"] == "(x: Any) -> tuple[int, int]"
    assert sig["text"] == "() -> str"
    assert sig["value_error"] == "() -> ValueError" and sig["any_error"] == "() -> BaseException"
    assert sig["hidden"] == "() -> Any"
    assert sig["first"] == "(d: Dot) -> int" and "from .shapes import Dot" in top
    assert "from . import Table" in sub and "class Table(dict[Any, Any]):" in top
    assert top.count("def pair(") == 1
    package = tmp_path / "demo"
    package.mkdir()
    for rel, body in stubs.items():
        (package / rel).write_text(body, encoding="utf-8")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10",
           "--cache-dir", str(tmp_path / ".mypy_cache"), "demo"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, top + sub + out.stdout + out.stderr
