"""End to end: functions whose whole call is one of the runtime's generic functions (`impl_::call`,
chosen by codegen/shared_calls.py) behave as functions with their own glue: values, keywords,
argument errors naming the parameter, `None` for unit results, raised errors, and the fall-backs.
Crate: tests/crates/fe_functions/src/shared_calls.rs."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from arg_errors import argument_error
from pypy_support import PYPY

from ferrule.codegen.glue import generate_glue
from ferrule.codegen.methods import block_glue
from ferrule.parse import parse_crate

CRATE = Path(__file__).parent / "crates" / "fe_functions"


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


def test_generator_picks_the_level_each_signature_allows():
    crate, diags = parse_crate(CRATE, CRATE / "src/lib.rs", package="fe_functions", lib_name="fe_functions",
                               workspace_root=CRATE)
    assert diags == []
    glue = generate_glue(crate)
    by_name = {fn.rust_name: glue[fn.key.relpath()] for fn in crate.functions}
    # Lifetime-free types (the crate's own class included): the runtime's trampoline.
    assert "impl_::call::fastcall2(_ferrule::impl_::call::AsValue, &__DESC, super::bump_token" in by_name["bump_token"]
    assert "impl_::call::fastcall2_py(_ferrule::impl_::call::AsValue" in by_name["count_words"]
    assert "impl_::call::noargs_py(" in by_name["zero_args_py"]
    assert "impl_::call::meth_o(" in by_name["only_positional"]
    assert "impl_::call::fastcall1(_ferrule::impl_::call::AsNone" in by_name["unit_result"]
    # A `'py` lifetime: the runtime's body inside the function's own trampoline.
    assert "impl_::call::body2(_ferrule::impl_::call::AsValue, py, &__DESC" in by_name["first_item"]
    assert "impl_::call::body1(" in by_name["token_value"]
    assert "impl_::call::body1(_ferrule::impl_::call::AsValue" in by_name["last_item"]
    assert "impl_::call::body_o_py(" in by_name["only_positional_py"]
    # Too many parameters, defaults, holders, `&str`, `*args`: each function keeps its own extraction.
    for name in ("nine", "advance", "greet", "total_length", "salute"):
        assert "impl_::call::" not in by_name[name], name
    # Methods: a result that may borrow from the receiver (a type hiding a lifetime, `&'a self`) keeps
    # the method's own glue; the class itself, `Py` and std types go through `impl_::call_method`.
    shelf = next(c for c in crate.classes if c.rust_name == "Shelf")
    block = next(b for b in crate.method_blocks if b.self_type == "Shelf")
    text = block_glue(shelf, block, crate.runtime_crate)
    for name in ("letters", "letters_checked", "first_letters", "held"):
        body = text.split(f"fn __b{'__g' if name == 'first_letters' else ''}_{name}(")[1].split("\n    }")[0]
        assert "call_method::" not in body, name
    for name in ("relabel", "held_py"):
        assert "call_method::" in text.split(f"fn __b_{name}(")[1].split("\n    }")[0], name
