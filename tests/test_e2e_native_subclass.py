"""End to end: #[pyclass(extends = <native type>)] for dict, set, float and exceptions
(tests/crates/fe_stdtypes/src/subclass.rs)."""

from __future__ import annotations

import weakref

import pytest
from pypy_support import collect


def test_dict_subclass(fe_stdtypes):
    d = fe_stdtypes.CountingDict(a=1)
    assert type(d).__mro__[1] is dict and isinstance(d, dict)
    assert d == {"a": 1}
    d["x"] = 5
    assert fe_stdtypes.dict_len(d) == 2
    assert d.lookup("x") == 5 and d.lookup("missing") is None and d.lookups == 2

    class Child(fe_stdtypes.CountingDict):
        pass

    child = Child(b=2)
    assert child["b"] == 2 and child.lookup("b") == 2


def test_dict_subclass_is_collected(fe_stdtypes):
    class Probe:
        pass

    d, probe = fe_stdtypes.CountingDict(), Probe()
    d["me"], d["probe"] = d, probe  # a cycle through the dict part
    ref = weakref.ref(probe)  # the class has no `weakref`: freeing its value shows it was freed
    del d, probe
    collect()
    assert ref() is None


def test_set_and_float_subclasses(fe_stdtypes):
    tags = fe_stdtypes.Tags([1, 2])
    tags.add(3)
    assert isinstance(tags, set) and tags == {1, 2, 3}
    length = fe_stdtypes.Meters()
    assert isinstance(length, float) and length == 0.0 and length + 1.5 == 1.5 and length.unit() == "m"


def test_exception_subclass(fe_stdtypes):
    with pytest.raises(KeyError) as info:
        raise fe_stdtypes.MissingThing("spoon")
    assert info.value.what == "spoon" and isinstance(info.value, LookupError)


def test_init_through_super_and_the_base_view(fe_stdtypes):
    d = fe_stdtypes.MarkedDict([("a", 1)], b=2)
    # dict.__init__ ran through py_super(), then as_super() wrote into the dict part.
    assert d == {"a": 1, "b": 2, "marked": True}
    plain = d.as_plain_dict()
    assert plain is d and isinstance(plain, dict)


def test_cast_into_on_a_typed_bound(fe_stdtypes):
    err = fe_stdtypes.error_object(False)
    assert type(err) is ValueError and err.args == ("bad",)
    with pytest.raises(TypeError, match="'KeyError' object is not an instance of 'ValueError'"):
        fe_stdtypes.error_object(True)
    sub = UnicodeError("u")  # a subclass of ValueError
    assert fe_stdtypes.as_value_error(sub, False) is sub
    with pytest.raises(TypeError, match="'UnicodeError' object is not an instance of 'ValueError'"):
        fe_stdtypes.as_value_error(sub, True)
    exact = ValueError("v")
    assert fe_stdtypes.as_value_error(exact, True) is exact
