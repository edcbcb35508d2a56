"""Forms of PyO3's API that ported crates use (tests/crates/fe_genapi/src/forms.rs): special
methods declared `#[staticmethod]`/`#[classmethod]`, the length slot of `sequence` and `mapping`
classes, docstrings trimmed as PyO3 trims them, `#[pyclass(generic)]` and a hand-written
`__class_getitem__`, `#[pyo3(get)]` on fields converted by reference."""

from __future__ import annotations

import ctypes
import inspect
import types
import warnings

import pytest
from pypy_support import PYPY, PYPY39, pypy_cannot
from arg_errors import argument_error


def test_special_methods_without_self_fill_their_slots(fe_genapi):
    die = fe_genapi.Die()
    assert len(die) == 6
    assert die[0] == 1 and die[5] == 6
    with pytest.raises(IndexError, match="no face 6"):
        die[6]
    assert list(die) == [1, 2, 3, 4, 5, 6]  # iteration through the sequence item slot
    assert 3 in die and 7 not in die
    assert repr(die) == "<one Die>"

    class Loaded(fe_genapi.Die):
        pass

    # The #[classmethod] slot gets the object's own type.
    assert repr(Loaded()) == "<one Loaded>"
    # Python reaches them through the slot wrappers, which take the object.
    assert fe_genapi.Die.__len__(die) == 6 and fe_genapi.Die.__getitem__(die, 1) == 2


def _c_size(name: str, obj: object) -> int:
    fn = getattr(ctypes.pythonapi, name)
    fn.restype, fn.argtypes = ctypes.c_ssize_t, [ctypes.py_object]
    return fn(obj)


@pypy_cannot("ctypes.pythonapi is CPython's")
def test_sequence_length_is_sq_length_only(fe_genapi):
    row = fe_genapi.Row([4, 5, 6])
    assert len(row) == 3
    assert _c_size("PySequence_Size", row) == 3
    with pytest.raises(TypeError, match="is not a mapping"):
        _c_size("PyMapping_Size", row)
    index = fe_genapi.Index(2)
    assert len(index) == 2 and _c_size("PyMapping_Size", index) == 2
    assert index["ab"] == "AB"
    # A pure mapping is not a sequence: no sequence item slot to index by number.
    check = ctypes.pythonapi.PySequence_Check
    check.restype, check.argtypes = ctypes.c_int, [ctypes.py_object]
    assert check(index) == 0 and check(row) == 1


def test_docstrings_keep_what_pyo3_keeps(fe_genapi):
    # One leading space comes off each `///` line on its own; blank lines stay.
    assert fe_genapi.Notes.__doc__ == ("Usage:\n  Notes(text)\nno space before this line\n\n"
                                       "Fields document their properties.")
    if not PYPY39:  # PyPy 3.9's cpyext gives the methods and properties of spec-made types no __doc__ (README: PyPy)
        assert fe_genapi.Notes.shout.__doc__ == " Twice indented.\nFlush."
        assert fe_genapi.Notes.text.__doc__ == "What was written."
        assert fe_genapi.Notes.writes.__doc__ == " Counted on each write."  # a setter-only field
        assert fe_genapi.Notes.loud.__doc__ == "The setter documents `loud`."
    notes = fe_genapi.Notes("hi")
    notes.loud = True
    assert notes.text == "HI"


def test_generic_class_subscripts_to_a_generic_alias(fe_genapi):
    alias = fe_genapi.Crate[int]
    assert isinstance(alias, types.GenericAlias)
    assert alias == types.GenericAlias(fe_genapi.Crate, (int,))
    assert alias.__origin__ is fe_genapi.Crate and alias.__args__ == (int,)
    assert fe_genapi.Crate[int, str].__args__ == (int, str)
    assert alias([1, "a"]).items == [1, "a"]  # the alias still builds instances
    if not PYPY:  # cpyext gives spec-made types' methods no __text_signature__ (README: PyPy)
        assert str(inspect.signature(fe_genapi.Crate.__class_getitem__)) == "(key, /)"
    # A #[classmethod] named `__class_getitem__` is what `Cls[...]` calls.
    assert fe_genapi.Tagged[int] == "Tagged<<class 'int'>>"


def test_get_reads_fields_by_reference_when_it_can(fe_genapi):
    parcel = fe_genapi.Parcel("box", 7)
    assert parcel.label == "label:box"  # only `&Label` converts; Label is not Clone
    assert parcel.stamp == (7, "stamp")  # only `Stamp` converts: a clone
    owner = parcel.owner
    assert isinstance(owner, fe_genapi.Die)
    assert parcel.owner is owner  # a `Py<T>` field gives the same object each time


def test_stub_shows_these_forms(test_env, fe_genapi):
    stub = (test_env.site_packages / "fe_genapi" / "__init__.pyi").read_text()
    assert "    def __len__(self) -> int: ..." in stub.split("class Die", 1)[1].split("class ", 1)[0]
    crate = stub.split("class Crate", 1)[1].split("\nclass ", 1)[0]
    assert "    @classmethod\n    def __class_getitem__(cls, key: Any, /) -> types.GenericAlias: ..." in crate
    assert '        """What was written."""' in stub
    # A variant's field named by a Python keyword (`r#in`) is left out of the stub's source, said in a comment.
    boxed = stub.split("class Box(Wrapped)", 1)[1].split("class ", 1)[0]
    assert "# `in`: a Python keyword, reachable only through getattr()" in boxed and "def in(" not in boxed


def test_new_may_return_an_existing_object(fe_genapi):
    first = fe_genapi.Origin()
    assert fe_genapi.Origin() is first
    assert fe_genapi.Origin.fresh() is not first and isinstance(fe_genapi.Origin.fresh(), fe_genapi.Origin)

    class Moved(fe_genapi.Origin):
        pass

    # As in PyO3, the existing object is returned whatever subclass was asked for.
    assert Moved() is first
    assert fe_genapi.c_text() == "made at compile time"


def test_receivers_named_by_class_and_raw_identifiers_in_signature(fe_genapi):
    s = fe_genapi.Spelled(4)
    assert s.owned() == 4 and s.borrowed() == 8
    assert s.kind() == "plain:4" and s.kind(type="boxed") == "boxed:4"
    if not PYPY:  # cpyext gives spec-made types' methods no __text_signature__ (README: PyPy)
        assert str(inspect.signature(fe_genapi.Spelled.kind)) == "(self, /, type='plain')"


def test_varargs_as_objects_and_from_py_with_by_path(fe_genapi):
    assert fe_genapi.gather([1, 2, 3], "a", "b", x=1) == (3, 2, 1)
    assert fe_genapi.gather([]) == (0, 0, 0)
    with argument_error("first"):
        fe_genapi.gather("not a list of ints")


def test_raw_identifier_names(fe_genapi):
    m = fe_genapi.Match(4)
    assert type(m).__name__ == "Match"
    assert (m.ref, m.loop, fe_genapi.Match.MAX) == (4, 5, 9)
    assert [fe_genapi.Keyword.Loop, fe_genapi.Keyword.Yield] != [fe_genapi.Keyword.Plain] * 2
    assert repr(fe_genapi.Keyword.Yield) == "Keyword.Yield" and not hasattr(fe_genapi.Keyword, "r#Loop")
    assert int(fe_genapi.Keyword.Loop) == 0 and fe_genapi.Shouted.AWAIT == fe_genapi.Shouted.AWAIT
    assert [n for n in vars(fe_genapi.Shouted) if n.isupper()] == ["AWAIT", "QUIET"]
    boxed = fe_genapi.Wrapped.Box(3)
    assert type(boxed).__name__ == "Box" and boxed.__class__.__qualname__ == "Wrapped.Box"
    assert getattr(boxed, "in") == 3
    assert isinstance(fe_genapi.Wrapped.Empty(), fe_genapi.Wrapped)


def test_integer_defaults_in_any_base(fe_genapi):
    assert fe_genapi.perms() == (255, 420, 170)
    if not PYPY:
        assert str(inspect.signature(fe_genapi.perms)) == "(mask=255, mode=420, bits=170)"


def test_warn_option_warns_on_each_call(fe_genapi):
    with pytest.warns(DeprecationWarning, match="old_area is deprecated: use area") as caught:
        assert fe_genapi.old_area(2, 3) == 6
    assert caught[0].filename == __file__  # stack level 1: the Python line that called
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert fe_genapi.noticed() == 2
        gauge = fe_genapi.Gauge()
        assert gauge.level == 1
        gauge.level = 4
        assert gauge[1] == 5
        assert fe_genapi.Gauge.full().level == 10
    assert [(w.category, str(w.message)) for w in seen] == [
        (UserWarning, "first notice"), (FutureWarning, "second notice"), (UserWarning, "Gauge() is going away"),
        (FutureWarning, "reading level is deprecated"), (UserWarning, "writing level is deprecated"),
        (UserWarning, "indexing a gauge is deprecated"), (UserWarning, "Gauge.full() is deprecated"),
        (FutureWarning, "reading level is deprecated")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a filter turning warnings into errors: the call raises
        with pytest.raises(DeprecationWarning):
            fe_genapi.old_area(1, 1)


def test_inplace_power_with_modulo_and_number_methods(fe_genapi):
    p = fe_genapi.Power(3)
    p **= 4
    assert p.value == 81
    assert fe_genapi.number_ops(7, 2) == ["ops", 3.5, 3, 1, (3, 1), 28, 1, 2, 7, 5, 49, 4, -7, 7, 7, -8]
    with pytest.raises(ZeroDivisionError):
        fe_genapi.number_ops(1, 0)


def test_class_attribute_named_like_a_slot_and_getattribute_fallback(fe_genapi):
    letters = fe_genapi.Letters()
    assert list(letters) == ["x", "y"]
    with pytest.raises(TypeError):
        "x" in letters  # `__contains__ = None`: no membership test by iteration either
    assert letters.count == 2
    with pytest.raises(AttributeError) as err:
        letters.other
    assert err.value.args == ("other",)


def test_new_from_fields(fe_genapi):
    r = fe_genapi.Reading("t1", 20.5, None)
    assert (r.sensor, r.value, r.unit) == ("t1", 20.5, None)
    assert fe_genapi.Reading(sensor="t2", value=1.0, unit="C").unit == "C"
    if not PYPY:  # PyPy's inspect finds no signature for a spec-made class (README: PyPy)
        assert str(inspect.signature(fe_genapi.Reading)) == "(sensor, value, unit)"
    with argument_error("value"):
        fe_genapi.Reading("t1", "warm", None)
    s = fe_genapi.Span2(3, 9)
    assert (s.start, s.end) == (3, 9)


def test_failing_class_attribute_is_reported_as_pyo3_does(fe_genapi, monkeypatch):
    import sys

    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    with pytest.raises(BaseException, match="An error occurred while initializing class Unbuildable"):
        fe_genapi.touch_unbuildable()  # a PanicException
    err = seen[0].exc_value
    assert str(err) == "An error occurred while initializing class Unbuildable"
    assert str(err.__cause__) == "An error occurred while initializing `Unbuildable.limit`"
    assert isinstance(err.__cause__.__cause__, ValueError) and str(err.__cause__.__cause__) == "no limit today"


def test_undocumented_class_has_no_doc(fe_genapi):
    assert fe_genapi.Bare.__doc__ is None
    assert fe_genapi.Bare.__text_signature__ is None


def test_str_format_string_over_fields(fe_genapi):
    assert str(fe_genapi.Pin("a", 1.25, 7)) == "a at (1.2, " + "  7) {ok}"
    assert str(fe_genapi.pair2(3, 4)) == "<3|4>"


def test_simple_enum_values_are_the_variant_singletons(fe_genapi):
    assert fe_genapi.signal(True) is fe_genapi.Signal.Go
    assert fe_genapi.signal(False) is fe_genapi.Signal.Stop
    assert fe_genapi.signal(True) == 1
