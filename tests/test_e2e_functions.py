"""End to end: signatures, argument errors and calling conventions of `#[pyfunction]`s
in tests/crates/fe_functions (function-form `#[pymodule]`)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest
from pypy_support import PYPY, PYPY39
from arg_errors import argument_error, assert_names_argument


def test_plain_call(fe_functions):
    assert fe_functions.add(1, 2) == 3
    assert fe_functions.add(-10, 4) == -6
    assert fe_functions.add(a=5, b=6) == 11


def test_doc_comes_from_rust_doc_comments(fe_functions):
    assert fe_functions.add.__doc__ == "Adds two numbers.\n\nBoth must be integers."
    assert fe_functions.nothing.__doc__ == "Takes nothing."


def test_default_naming_a_module_item(fe_functions):
    assert fe_functions.advance(1) == 4
    assert fe_functions.advance(1, step=1) == 2
    assert fe_functions.advance(x=1) == 4


def test_undocumented_function_has_no_doc(fe_functions):
    assert fe_functions.layout.__doc__ is None


def test_name_and_module(fe_functions):
    add = fe_functions.add
    assert add.__name__ == "add"
    assert add.__qualname__ == "add"
    # __module__ names a module from which the function can be imported.
    assert add.__module__.split(".")[0] == "fe_functions"
    assert sys.modules[add.__module__].add is add


@pytest.mark.parametrize("name, expected", [
    ("add", "(a, b)"),
    ("nothing", "()"),
    ("negate", "(x, /)"),
    ("layout", "(a, b, /, c, *, d, e=5)"),
    ("greet", "(name='Hello', times=2, suffix=None)"),
    ("salute", "(greeting='Hello', punct='!')"),
    ("collect", "(first, *args, **kwargs)"),
    ("annotated", "(items, *rest, label=None, **flags)"),  # annotations are for the stub only
    ("renamed", "(x)"),
    ("module_name", "()"),
    ("custom_sig", "(left, right)"),
    ("sum_detached", "(n)"),
    ("apply", "(f, x)"),
])
def test_inspect_signature(fe_functions, name, expected):
    fn = getattr(fe_functions, name)
    if PYPY39 and (fn.__text_signature__ or "").startswith("($module"):
        # PyPy 3.9's inspect keeps the `$module` parameter that CPython's (and PyPy 3.11's) drops.
        expected = "(module, /)" if expected == "()" else expected.replace("(", "(module, /, ", 1)
    assert str(inspect.signature(fn)) == expected


def test_only_varargs_and_varkwargs(fe_functions):
    f = fe_functions.pass_through
    assert f() == ((), None)
    assert f(1, "a", b=2) == ((1, "a"), {"b": 2})
    args, kwargs = (1, [2]), {"x": 3, "y": 4}
    got_args, got_kwargs = f(*args, **kwargs)
    assert got_args == args and got_kwargs == kwargs
    got_kwargs["z"] = 5  # the body's dict is the call's, never the caller's own
    assert kwargs == {"x": 3, "y": 4}
    assert f(**{}) == ((), None)
    assert str(inspect.signature(f)) == "(*args, **kwargs)"
    assert fe_functions.count_args(*range(5)) == 5
    assert fe_functions.keyword_names(b=1, a=2) == ["b", "a"]
    assert fe_functions.keyword_names() is None
    with pytest.raises(TypeError) as no_keywords:
        fe_functions.count_args(1, k=2)
    assert str(no_keywords.value) == "count_args() got an unexpected keyword argument 'k'"
    with pytest.raises(TypeError) as no_positional:
        fe_functions.keyword_names(1)
    assert str(no_positional.value) == "keyword_names() takes 0 positional arguments but 1 was given"


def test_methods_with_only_varargs_and_varkwargs(fe_functions):
    g = fe_functions.Gatherer("t")
    assert g.gather(1, 2, k=3) == "t: 2 positional, 1 keyword"
    assert g.gather(*[1] * 4, **{"a": 1, "b": 2}) == "t: 4 positional, 2 keyword"
    assert fe_functions.Gatherer.count(1, 2, 3) == 3 and g.count() == 0
    assert fe_functions.Gatherer.describe(a=1, b=2) == "Gatherer 2"
    if not PYPY:  # cpyext gives spec-made types' methods no __text_signature__ (README: PyPy)
        assert str(inspect.signature(fe_functions.Gatherer.gather)) == "(self, /, *args, **kwargs)"


def test_positional_only_and_keyword_only(fe_functions):
    assert fe_functions.layout(1, 2, 3, d=4) == "a=1 b=2 c=3 d=4 e=5"
    assert fe_functions.layout(1, 2, c=3, d=4, e=9) == "a=1 b=2 c=3 d=4 e=9"


def test_defaults_are_rust_expressions(fe_functions):
    assert fe_functions.greet() == "HelloHello"
    assert fe_functions.greet("ab", 3) == "ababab"
    assert fe_functions.greet("x", suffix="?") == "xx?"
    assert fe_functions.greet(times=1, name="y") == "y"
    assert fe_functions.salute() == "Hello!"
    assert fe_functions.salute("Hi", punct=".") == "Hi."


def test_varargs_and_varkwargs(fe_functions):
    assert fe_functions.collect(1) == "first=1 nargs=0 args=() kwargs="
    assert fe_functions.collect(1, 2, 3) == "first=1 nargs=2 args=(2, 3) kwargs="
    assert fe_functions.collect(1, 2, x=4, y="s") == "first=1 nargs=1 args=(2,) kwargs=x=4;y='s';"
    assert fe_functions.collect(first=7, z=None) == "first=7 nargs=0 args=() kwargs=z=None;"
    assert fe_functions.annotated([1, 2], "a", label="x", k=True) == 5 and fe_functions.annotated(()) == 0


def test_python_name_option(fe_functions):
    assert fe_functions.renamed(3) == 300
    assert fe_functions.renamed.__name__ == "renamed"
    assert not hasattr(fe_functions, "rust_side_name")


def test_pass_module(fe_functions):
    name = fe_functions.module_name()
    assert name.split(".")[0] == "fe_functions"
    assert sys.modules[name].module_name is fe_functions.module_name
    # PyO3's text signature names the module first; inspect drops it for the bound module.
    assert fe_functions.module_name.__text_signature__ == "($module)"
    # A string literal default is written as in Rust, as PyO3 writes it (inspect re-renders it).
    assert fe_functions.salute.__text_signature__ == "(greeting=\"Hello\", punct='!')"
    assert str(inspect.signature(fe_functions.module_name)) == ("(module, /)" if PYPY39 else "()")  # see above


def test_text_signature_override_changes_only_the_signature(fe_functions):
    assert fe_functions.custom_sig(10, 3) == 7
    assert fe_functions.custom_sig(a=10, b=3) == 7


# ---- argument errors, worded as CPython words them --------------------------------------

def _type_error(fn, *args, **kwargs) -> str:
    with pytest.raises(TypeError) as info:
        fn(*args, **kwargs)
    assert type(info.value) is TypeError
    return str(info.value)


def test_wrong_type(fe_functions):
    """PyO3 0.29: the converter's own TypeError, with the note `while processing 'a'`."""
    assert _type_error(fe_functions.add, "1", 2) == "'str' object cannot be interpreted as an integer"
    with argument_error("b", match="^'float' object cannot be interpreted as an integer$") as info:
        fe_functions.add(1, 2.5)
    assert type(info.value) is TypeError and info.value.__cause__ is None


def test_missing_positional(fe_functions):
    assert _type_error(fe_functions.add, 1) == "add() missing 1 required positional argument: 'b'"
    assert _type_error(fe_functions.add) == "add() missing 2 required positional arguments: 'a' and 'b'"


def test_too_many_positional(fe_functions):
    assert _type_error(fe_functions.add, 1, 2, 3) == "add() takes 2 positional arguments but 3 were given"
    assert _type_error(fe_functions.greet, "a", 1, None, 4) == \
        "greet() takes from 0 to 3 positional arguments but 4 were given"
    # PyO3's words, which PyO3 projects' tests assert: no count of the keyword-only arguments also given.
    assert _type_error(fe_functions.layout, 1, 2, 3, 4, d=5) == "layout() takes 3 positional arguments but 4 were given"


def test_unexpected_keyword(fe_functions):
    assert _type_error(fe_functions.add, 1, 2, c=3) == "add() got an unexpected keyword argument 'c'"


def test_multiple_values(fe_functions):
    assert _type_error(fe_functions.add, 1, a=1) == "add() got multiple values for argument 'a'"


def test_keyword_only_missing(fe_functions):
    assert _type_error(fe_functions.layout, 1, 2, 3) == "layout() missing 1 required keyword-only argument: 'd'"


def test_positional_only_passed_by_keyword(fe_functions):
    assert _type_error(fe_functions.layout, a=1, b=2, c=3, d=4) == \
        "layout() got some positional-only arguments passed as keyword arguments: 'a, b'"


def test_no_parameters_called_with_one(fe_functions):
    assert _type_error(fe_functions.nothing, 1).endswith("nothing() takes no arguments (1 given)")


def test_meth_o_function(fe_functions):
    assert fe_functions.negate(5) == -5
    assert _type_error(fe_functions.negate, x=1).endswith("negate() takes no keyword arguments")
    assert _type_error(fe_functions.negate, 1, 2).endswith("negate() takes exactly one argument (2 given)")


def test_errors_match_an_equivalent_python_function(fe_functions):
    def layout(a, b, /, c, *, d, e=5):
        pass

    # Too many positional arguments is PyO3's message instead (test_too_many_positional).
    for args, kwargs in [((1, 2, 3), {}), ((1, 2), {"d": 1}),
                         ((1, 2, 3), {"d": 1, "f": 2}), ((1, 2, 3), {"c": 3, "d": 1})]:
        with pytest.raises(TypeError) as expected:
            layout(*args, **kwargs)
        assert _type_error(fe_functions.layout, *args, **kwargs) == str(expected.value).replace(
            "test_errors_match_an_equivalent_python_function.<locals>.", "")


# ---- threads and callbacks ---------------------------------------------------------------

def test_detach_and_allow_threads(fe_functions):
    assert fe_functions.sum_detached(10) == 45
    assert fe_functions.sum_allow_threads(101) == 5050


def test_detach_lets_other_python_threads_run(fe_functions):
    import threading

    results = []
    threads = [threading.Thread(target=lambda: results.append(fe_functions.sum_detached(200_000)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [sum(range(200_000))] * 4


def test_callback_into_python(fe_functions):
    assert fe_functions.apply(lambda x: x * 3, 4) == 12
    assert fe_functions.apply(str, 5) == "5"
    seen = []
    assert fe_functions.apply(seen.append, 9) is None
    assert seen == [9]


def test_callback_exception_propagates(fe_functions):
    def fail(x):
        raise KeyError(x)

    with pytest.raises(KeyError) as info:
        fe_functions.apply(fail, 3)
    assert info.value.args == (3,)


def test_attach_from_rust_thread(fe_functions):
    import threading

    caller = []

    def f():
        caller.append(threading.get_ident())
        return 41

    assert fe_functions.call_from_thread(f) == 41
    assert len(caller) == 1 and caller[0] != threading.get_ident()


def test_attach_from_rust_thread_propagates_errors(fe_functions):
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        fe_functions.call_from_thread(lambda: "not an int")


def test_exception_created_in_a_dotted_module(fe_functions) -> None:
    err = fe_functions.NestedError
    assert (err.__module__, err.__name__, err.__doc__) == ("fe_functions.errors", "NestedError",
                                                         "Raised by nothing; named in a submodule.")
    assert issubclass(err, ValueError)


def test_exception_imported_from_a_dotted_module(fe_functions) -> None:
    import email.errors

    with pytest.raises(email.errors.HeaderParseError, match="^no colon$") as caught:
        fe_functions.bad_header("no colon")
    assert type(caught.value) is email.errors.HeaderParseError


def test_from_py_with_on_parameters(fe_functions):
    """The named function reads the argument; its error is said for that argument, as in PyO3."""
    assert fe_functions.total_length([1, 2, 3]) == 3
    assert fe_functions.total_length("ab", extra={"k": 1}) == 3
    with pytest.raises(TypeError) as info:
        fe_functions.total_length("ab", 5)
    assert str(info.value) == _len_error(5)
    assert_names_argument(info.value, "extra")
    stub = (Path(fe_functions.__file__).parent / "__init__.pyi").read_text()
    assert "def total_length(items: Any, extra: Any = 0) -> int" in stub, stub


def _len_error(obj) -> str:
    """This interpreter's words for `len(obj)` failing (CPython's and PyPy's differ)."""
    try:
        len(obj)
    except TypeError as e:
        return str(e)
    raise AssertionError(f"{obj!r} has a length")
