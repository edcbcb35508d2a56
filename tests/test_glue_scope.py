"""Glue modules glob-import their parent's items only when a default expression needs them
(a glob import in every glue module makes name resolution quadratic in the number of bindings)."""

from types import SimpleNamespace

import pytest

from ferrule.codegen.glue import needs_parent_scope


@pytest.mark.parametrize("default, needed", [
    ("2", False), ("-0.5", False), ('", "', False), ("true", False), ("None", False), ("1_000u64", False),
    ("vec![1, 2]", False), ("i64::MAX", False), ('String::from("x")', False), ("Some(3)", False),
    ("'c'", False), ('r#"DEFAULT"#', False), ("1e5", False), ("0x1F", False), ('"SOME_CONST"', False),
    ("DEFAULT", True), ("Foo::new()", True), ("self::LIMIT", True), ("crate::LIMIT", True),
    ("Some(LIMIT)", True), ("make_default()", True), ("my_macro!()", True),
])
def test_needs_parent_scope(default, needed):
    fn = SimpleNamespace(warnings=[], params=[SimpleNamespace(default=None, from_py_with=None),
                                 SimpleNamespace(default=default, from_py_with=None)])
    assert needs_parent_scope(fn) is needed


def test_from_py_with_needs_the_parent_scope():
    """`from_py_with = read` names a function of the user's module, whatever the defaults."""
    fn = SimpleNamespace(warnings=[], params=[SimpleNamespace(default=None, from_py_with="read")])
    assert needs_parent_scope(fn) is True
