"""`#[derive(FromPyObject)]`, `#[derive(IntoPyObject)]` and `IntoPyObjectRef`
(tests/crates/fe_genapi/src/derives.rs), with PyO3's error messages."""

from __future__ import annotations

import types

import pytest
from arg_errors import argument_error, assert_names_argument


def _obj(**attrs):
    return types.SimpleNamespace(**attrs)


def test_struct_read_by_attribute(fe_genapi):
    assert fe_genapi.point_sum(_obj(x=1.0, why=2.0)) == 3.0
    assert fe_genapi.point_sum(_obj(x=1.0, why=2.0, z=4.0)) == 7.0  # `default` used only when missing
    with pytest.raises(AttributeError, match="has no attribute 'x'"):
        fe_genapi.point_sum(_obj(why=1.0))


def test_struct_read_by_item_with_keys_defaults_and_from_py_with(fe_genapi):
    assert fe_genapi.config_text({"name": "n", "max-size": 5, "tags": [1, 2]}) == "n 5 8 2"
    assert fe_genapi.config_text({"name": "n", "max-size": 5, "threads": 2, "tags": "abc"}) == "n 5 2 3"
    with pytest.raises(KeyError):
        fe_genapi.config_text({"name": "n", "tags": []})
    with argument_error("c", match=r"^failed to extract field Config.name$") as info:
        fe_genapi.config_text({"name": 1, "max-size": 1, "tags": []})
    assert isinstance(info.value.__cause__, TypeError)


def test_from_item_all_and_rename_all(fe_genapi):
    assert fe_genapi.all_items({"first": 1, "2nd": 2}) == 12
    assert fe_genapi.renamed(_obj(userName="u", type="t")) == "u:t"  # `r#type` is read as `type`


def test_tuple_struct_and_newtypes(fe_genapi):
    assert fe_genapi.pair_roundtrip((1, "a")) == (2, "A")  # tuple struct <-> tuple
    with pytest.raises(TypeError, match=r"failed to extract field Pair.1"):
        fe_genapi.pair_roundtrip((1, 2))
    assert fe_genapi.meters(2.5) == 5.0  # one-field tuple struct: transparent both ways
    assert fe_genapi.meters_ref(1.5) == 1.5
    with pytest.raises(TypeError, match=r"failed to extract field Meters.0"):
        fe_genapi.meters("x")
    assert fe_genapi.wrapped([1, 2, 3]) == 3  # `transparent` named struct


def test_enum_tries_variants_in_order(fe_genapi):
    assert fe_genapi.number(1) == "Int(1)"
    assert fe_genapi.number(1.5) == "Float(1.5)"
    assert fe_genapi.number("x") == 'Text("x")'
    assert fe_genapi.shape(_obj(radius=2.0)) == "Circle { radius: 2.0 }"
    assert fe_genapi.shape({"w": 1, "h": 2}) == "Rect { w: 1.0, h: 2.0 }"
    assert fe_genapi.shape((1, 2)) == "Pair(1.0, 2.0)"


def test_enum_error_lists_every_variant(fe_genapi):
    with pytest.raises(TypeError) as info:
        fe_genapi.number([])
    lines = str(info.value).split("\n")
    assert lines[0] == "failed to extract enum Number ('int | float | str')"
    assert_names_argument(info.value, "n")
    assert [line.split(":")[0] for line in lines[1:]] == [
        "- variant Int (int)", "- variant Float (float)", "- variant Text (str)"]
    assert "failed to extract field Number::Int.0, caused by TypeError" in lines[1]
    with pytest.raises(TypeError, match=r"failed to extract enum Shape \('Circle \| Rect \| Pair'\)"):
        fe_genapi.shape(5)


def test_lifetime_and_generic_structs(fe_genapi):
    assert fe_genapi.borrowing({"count": 3, "obj": 1.5}) == "float 3"
    assert fe_genapi.generic({"value": "v"}) == "v"
    # `where` bounds; `item(0)` reads a list by index, and is the dict's key into Python (as in PyO3).
    assert fe_genapi.bounded([["a", "b"], 7]) == ({0: ["a", "b"], 1: 7},) * 2
    with pytest.raises(IndexError):
        fe_genapi.bounded([["a"]])


def test_into_pyobject_struct_is_a_dict(fe_genapi):
    expected = {"COUNT": 2, "label-text": "two", "SCORES": {"a": 1.5}}
    assert fe_genapi.report(False) == expected
    assert fe_genapi.report(True) == expected  # IntoPyObjectRef


def test_into_pyobject_enum_is_the_variants_value(fe_genapi):
    assert fe_genapi.values() == [1, "t", {"n": 2, "s": "s"}, (3, "p")]


def test_stub_annotations_of_derived_types(test_env, fe_genapi):
    stub = (test_env.site_packages / "fe_genapi" / "__init__.pyi").read_text()
    assert "def number(n: int | float | str) -> str: ..." in stub  # every variant has a builtin `annotation`
    assert "def point_sum(p: Any) -> float: ..." in stub
    assert "def shape(s: Any) -> str: ..." in stub


def test_derives_and_options_behind_cfg_attr(fe_genapi):
    """`#[cfg_attr(feature = "coroutines", derive(FromPyObject, IntoPyObject))]` with `pyo3(transparent)`
    also behind it: the int itself goes in and comes out (not an object with `.value`, nor a dict)."""
    assert fe_genapi.gated(21) == 42
    with argument_error("g", match=r"^failed to extract field Gated\.value$"):
        fe_genapi.gated("x")


def test_enum_variants_named_error_output_target(fe_genapi):
    """Variants that share a name with `IntoPyObject`'s associated types convert both ways."""
    assert fe_genapi.outcome(41) == (42, fe_genapi.Stage.Output)
    assert fe_genapi.outcome("bad") == ("BAD", fe_genapi.Stage.Error)
    assert fe_genapi.outcome(1.5) == (3.0, fe_genapi.Stage.Target)
