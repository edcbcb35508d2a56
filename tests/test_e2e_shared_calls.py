"""End to end: functions whose whole call is one of the runtime's generic functions (`impl_::call`,
chosen by codegen/shared_calls.py) behave as functions with their own glue: values, keywords,
argument errors naming the parameter, `None` for unit results, raised errors, and the fall-backs.
Crate: tests/crates/fe_functions/src/shared_calls.rs; which level each signature gets:
tests/test_glue_shared_calls.py."""

from __future__ import annotations

import inspect

import pytest
from arg_errors import argument_error
from pypy_support import PYPY


def test_values_through_every_convention(fe_functions):
    m = fe_functions
    assert m.zero_args() == 42
    assert m.zero_args_py() is None
    assert m.only_positional(200) == 400
    assert m.only_positional_py([1, 2, 3]) == [3, 2, 1]
    assert m.keyword_scale(2.0, scale=1.5) == 3.0
    assert m.eight(1, 2, 3, 4, 5, 6, 7, 2**63) == 28 + 2**63
    assert m.nine(1, 2, 3, 4, 5, 6, 7, 8, 9) == 45
    assert m.tuple_and_option((3, "ab"), None) == ("ababab", -1.0)
    assert m.tuple_and_option(pair=(1, "x"), maybe=2.5) == ("x", 2.5)
    assert m.count_words("a b  a", " ") == {"a": 2, "b": 1}


def test_unit_results_are_none_and_errors_raise(fe_functions):
    assert fe_functions.plain_unit("s", None) is None
    assert fe_functions.unit_result(False) is None
    with pytest.raises(ValueError, match="^unit_result failed$"):
        fe_functions.unit_result(True)


def test_own_class_and_py_lifetime_types(fe_functions):
    token = fe_functions.make_token(5)
    assert fe_functions.bump_token(token, 3).value == 8
    assert token.value == 5  # passed by value: a clone
    assert fe_functions.token_value(token) == 5
    marker = object()
    assert fe_functions.first_item([], marker) is marker
    assert fe_functions.first_item(["x", "y"], marker) == "x"
    assert fe_functions.last_item(["x", "y"]) == "y"


def test_argument_errors_name_the_parameter(fe_functions):
    m = fe_functions
    with argument_error("by", match="cannot be interpreted as an integer"):
        m.bump_token(m.make_token(1), "3")
    with argument_error("token", match="Token"):
        m.token_value(7)
    with argument_error("scale", match="must be real number|float"):
        m.keyword_scale(1.0, scale="big")
    with argument_error("x", exc=OverflowError):
        m.only_positional(256)
    with argument_error("h", match="float"):
        m.eight(1, 2, 3, 4, 5, 6, 7, -1.5)
    with pytest.raises(TypeError, match=r"missing 1 required keyword-only argument: 'scale'"):
        m.keyword_scale(1.0)
    with pytest.raises(TypeError, match=r"takes 1 positional argument but 2 were given|takes exactly one argument"):
        m.only_positional(1, 2)
    with pytest.raises(TypeError, match=r"takes no arguments"):
        m.zero_args(1)


@pytest.mark.skipif(PYPY, reason="PyPy gives no text signature for builtin functions of a spec-less module")
def test_signatures_unchanged(fe_functions):
    assert str(inspect.signature(fe_functions.keyword_scale)) == "(a, *, scale)"
    assert str(inspect.signature(fe_functions.only_positional)) == "(x, /)"
    assert str(inspect.signature(fe_functions.zero_args_py)) == "()"


def test_methods_whose_results_borrow_the_receiver(fe_functions):
    held = object()
    shelf = fe_functions.Shelf("abc", held)
    assert shelf.letters() == ["a", "b", "c"]
    assert shelf.letters_checked(2) == ["a", "b"]
    assert shelf.first_letters == ["a"]
    assert shelf.held() is held
    assert shelf.held_py(0) is held
    other = shelf.relabel("xy")
    assert other.letters() == ["x", "y"] and other.held() is held
