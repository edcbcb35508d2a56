"""End to end: smaller pieces of PyO3's API (tests/crates/fe_stdtypes/src/api.rs)."""

from __future__ import annotations

import collections.abc
import importlib
import math
import sys

import pytest
from arg_errors import argument_error
from pypy_support import PYPY, PYPY39


def test_py_format(fe_stdtypes):
    constant, formatted = fe_stdtypes.greeting("Ada")
    assert (constant, formatted) == ("hello", "hello, Ada!")
    assert fe_stdtypes.greeting("x")[0] is constant  # constant text is interned once


def test_py_shortcuts(fe_stdtypes):
    class Thing:
        tag = ""

        def render(self, *parts, sep):
            return sep.join(parts) + self.tag

        def __bool__(self):
            return False

    t = Thing()
    # PyPy has no reference counts to read (sys.getrefcount is absent there).
    before = None if PYPY else sys.getrefcount(t)
    assert fe_stdtypes.through_py(t) == (False, "a-b!", True, False)
    assert t.tag == "!"
    if not PYPY:
        assert sys.getrefcount(t) == before  # drop_ref released the clone at once

    class Table(dict):
        def render(self, *parts, sep):
            return sep.join(parts) + str(len(self))

    assert fe_stdtypes.through_py(Table(x=1)) == (True, "a-b1", True, True)  # cast_bound::<PyDict> succeeds
    with pytest.raises(AttributeError, match="no attribute .tag."):  # setattr's error reaches Python
        fe_stdtypes.through_py(object())


def test_python_string_compares_with_rust_text(fe_stdtypes):
    assert fe_stdtypes.same_text("héllo", "héllo") == (True, True, True)
    assert fe_stdtypes.same_text("hello", "hell") == (False, False, False)
    assert fe_stdtypes.same_text("\ud800", "\ufffd") == (False, False, False)


def test_debug_and_display_use_repr_and_str(fe_stdtypes):
    assert fe_stdtypes.formatted("a'b") == ('"a\'b"', "a'b", '"a\'b"', "a'b")
    assert fe_stdtypes.formatted([1, "x"]) == ("[1, 'x']", "[1, 'x']", "[1, 'x']", "[1, 'x']")


def test_unprintable_objects_report_through_unraisablehook(fe_stdtypes, monkeypatch):
    class Grumpy:
        def __repr__(self):
            raise ValueError("no repr")

        __str__ = __repr__

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: seen.append((info.exc_value, info.object)))
    grumpy = Grumpy()
    out = fe_stdtypes.formatted(grumpy)
    assert out == ("<unprintable Grumpy object>",) * 4
    assert [str(e) for e, _ in seen] == ["no repr"] * 4
    # cpyext would take repr() of the object handed to the hook, which raises again and aborts
    # PyPy: there the hook gets no object.
    assert [o for _, o in seen] == [None if PYPY else grumpy] * 4


def test_eval_and_run(fe_stdtypes):
    assert fe_stdtypes.evaluate("1 + 2 * 3") == 7
    assert fe_stdtypes.evaluate("len(x) + y", {"x": "abc", "y": 1}) == 4
    with pytest.raises(NameError, match="name 'nowhere' is not defined"):
        fe_stdtypes.evaluate("nowhere")
    with pytest.raises(SyntaxError):
        fe_stdtypes.evaluate("x = 1")
    locals_ = fe_stdtypes.execute("total = sum(range(4)) * scale\nname = str(total)", {})
    assert locals_ == {"total": 60, "name": "60"}


def test_module_import(fe_stdtypes):
    assert fe_stdtypes.math_pi() == math.pi


def test_abc_registration(fe_stdtypes):
    table, row = fe_stdtypes.Table({"a": 1}), fe_stdtypes.Row()
    fe_stdtypes.register_abcs()
    assert isinstance(table, collections.abc.Mapping) and not isinstance(table, collections.abc.Sequence)
    assert isinstance(row, collections.abc.Sequence)
    assert fe_stdtypes.abc_casts(table) == (True, False)
    assert fe_stdtypes.abc_casts(row) == (False, True)
    # CompareOp imported through the old `pyo3::class::basic` path.
    assert fe_stdtypes.Table({}) < table and not table < table


def test_memoryview_and_bytearray(fe_stdtypes):
    view = fe_stdtypes.view_of(b"abc")
    assert type(view) is memoryview and view.tobytes() == b"abc" and view.readonly
    # The interpreter's own message (PyMemoryView_FromObject).
    no_buffer = ("'int' does not support the buffer interface" if PYPY39
                 else "^a bytes-like object is required, not 'int'$" if PYPY
                 else "^memoryview: a bytes-like object is required, not 'int'$")
    with pytest.raises(TypeError, match=no_buffer):
        fe_stdtypes.view_of(5)
    data = bytearray(b"quiet")
    assert fe_stdtypes.shout(data) == b"QUIET" and data == b"QUIET"


def test_string_internals(fe_stdtypes):
    # The ffi offers string internals on version-specific CPython builds only, as PyO3 does.
    if PYPY or ".abi3." in importlib.import_module("fe_stdtypes.fe_stdtypes").__file__:
        assert not hasattr(fe_stdtypes, "string_internals")
        return
    made, kind = fe_stdtypes.string_internals("abc")
    assert made == "a\xe9z" and kind == 1
    assert fe_stdtypes.string_internals("\u20ac")[1] == 2
    assert fe_stdtypes.string_internals("\U0001f600")[1] == 4


def test_older_import_paths(fe_stdtypes):
    assert fe_stdtypes.old_paths_resolve() is True


def test_interpreter_version(fe_stdtypes):
    major, minor, patch, suffix, newer, same_minor, is_300, text = fe_stdtypes.interpreter_version()
    assert (major, minor, patch) == tuple(sys.version_info[:3]) and newer and same_minor and not is_300
    assert (suffix is None) == (sys.version_info.releaselevel == "final") and text.split()[0] == sys.version.split()[0]


def test_module_from_code(fe_stdtypes):
    assert fe_stdtypes.module_from_code(False) == (42, "made.py", True)
    with pytest.raises(SyntaxError) as info:
        fe_stdtypes.module_from_code(True)
    assert info.value.filename == "made.py"


def test_strings_from_bytes(fe_stdtypes):
    assert fe_stdtypes.decoded("é€".encode(), b"\xe9") == ("é€", "é")
    with pytest.raises(UnicodeDecodeError):
        fe_stdtypes.decoded(b"\xff", b"")
    with pytest.raises(TypeError):
        fe_stdtypes.decoded(b"", 5)


def test_error_extras(fe_stdtypes):
    try:
        raise KeyError("k")
    except KeyError as e:
        caught = e
    assert caught.__traceback__ is not None
    with pytest.warns(UserWarning, match="told from Rust") as seen:
        returned, noted = fe_stdtypes.error_extras(caught)
    assert (seen[0].filename, seen[0].lineno) == ("where.py", 12)
    assert returned is caught and caught.__traceback__ is None
    # `add_note` needs Python 3.11's API (not an older stable ABI's).
    assert caught.__notes__ == ["a note from Rust"] if noted else not hasattr(caught, "__notes__")


@pytest.mark.skipif(PYPY, reason="PyDict::from_sequence is not on PyPy (as in PyO3)")
def test_occurred_critical_section_and_dict_from_sequence(fe_stdtypes):
    assert fe_stdtypes.small_helpers([("a", 1), ("b", 2), ("a", 3)]) == (False, True, 8, {"a": 3, "b": 2})
    with pytest.raises(TypeError):
        fe_stdtypes.small_helpers([1])


def test_try_attach(fe_stdtypes):
    assert fe_stdtypes.try_attach_here_and_in_thread() == (1, 2)


def test_typed_handles_widen_to_py_any(fe_stdtypes):
    # `PyTuple::new(..)?.into()`, `dict.into()`, `Py<PyList>.into()` where a `Py<PyAny>` is returned
    assert fe_stdtypes.widened("tuple") == (1, 2)
    assert fe_stdtypes.widened("dict") == {"k": "v"}
    assert fe_stdtypes.widened("list") == ["a"]
    # `&Bound` into `Py<T>` and `Bound<T>`, `Borrowed` into `Py<T>`: each the same object
    first, second, third = fe_stdtypes.widened("text")
    assert first == "text" and first is second is third


def test_runtime_types_under_use_as_names(fe_stdtypes):
    # `use pyo3::Bound as PyHandle;` (safetensors' `PyBound`): a `&PyHandle<PyAny>` parameter borrows the object
    marker = object()
    same, size, has_row = fe_stdtypes.renamed_handles(marker, {"a": 1, "b": 2})
    assert same is marker and size == 2 and not has_row
    assert fe_stdtypes.renamed_handles(1, row=fe_stdtypes.Row()) == (1, 0, True)
    with argument_error("table", match="dict"):
        fe_stdtypes.renamed_handles(1, [1])


def test_parameters_written_with_type_aliases(fe_stdtypes):
    # `type Obj<'py> = Bound<'py, PyAny>;` then `obj: &Obj<'py>`, `table: Option<&DictHandle<'py>>`
    marker = object()
    assert fe_stdtypes.aliased_handles(marker) is marker
    table = {"k": 1}
    assert fe_stdtypes.aliased_handles(marker, table) is table
    with argument_error("table", match="dict"):
        fe_stdtypes.aliased_handles(marker, [1])


def test_type_mro_and_bases(fe_stdtypes):
    class Base:
        pass

    class Child(Base, dict):
        pass

    assert fe_stdtypes.type_lineage(Child) == (["Child", "Base", "dict", "object"], ["Base", "dict"])
    assert fe_stdtypes.type_lineage(object) == (["object"], [])


def test_new_may_return_an_existing_object(fe_stdtypes):
    # `#[new]` returning `PyResult<Bound<'_, Self>>` (jsonschema-rs' validator factory) and `Py<Self>`
    triangle = fe_stdtypes.Polygon(3)
    assert type(triangle) is fe_stdtypes.Triangle and triangle.sides == 3
    square = fe_stdtypes.Polygon(4)
    assert type(square) is fe_stdtypes.Polygon and square.sides == 4
    assert fe_stdtypes.Origin() is fe_stdtypes.Origin()
