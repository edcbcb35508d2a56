"""End to end: return values, errors raised from Rust, and panics (fe_functions/src/returns.rs)."""

from __future__ import annotations

import pytest


def test_unit_returns_none(fe_functions):
    assert fe_functions.returns_unit(1) is None
    assert fe_functions.returns_ok_unit(False) is None


def test_result_unit_error(fe_functions):
    with pytest.raises(ValueError, match="^asked to fail$"):
        fe_functions.returns_ok_unit(True)


def test_option(fe_functions):
    assert fe_functions.maybe_double(21) == 42
    assert fe_functions.maybe_double(-1) is None


def test_pyresult_value_error(fe_functions):
    assert fe_functions.checked_sqrt(9.0) == 3.0
    with pytest.raises(ValueError) as info:
        fe_functions.checked_sqrt(-4.0)
    assert type(info.value) is ValueError
    assert str(info.value) == "cannot take the root of -4"


def test_std_error_through_question_mark(fe_functions):
    assert fe_functions.parse_int("-12") == -12
    with pytest.raises(ValueError, match="^invalid digit found in string$"):
        fe_functions.parse_int("12x")
    with pytest.raises(ValueError, match="number too large"):
        fe_functions.parse_int(str(2**40))


def test_io_error_maps_to_oserror_subclass(fe_functions, tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError) as info:
        fe_functions.read_text(str(missing))
    assert "No such file or directory" in str(info.value)
    (tmp_path / "yes.txt").write_text("contents")
    assert fe_functions.read_text(str(tmp_path / "yes.txt")) == "contents"
    with pytest.raises(IsADirectoryError):
        fe_functions.read_text(str(tmp_path))


def test_created_exception(fe_functions):
    MyError = fe_functions.MyError
    assert issubclass(MyError, Exception)
    assert MyError.__name__ == "MyError"
    assert MyError.__module__ == "fe_functions"
    with pytest.raises(MyError, match="^custom$") as info:
        fe_functions.raise_my_error("custom")
    assert type(info.value) is MyError
    try:
        fe_functions.raise_my_error("again")
    except fe_functions.MyError as e:
        assert e.args == ("again",)
    else:
        pytest.fail("MyError was not raised")


def test_created_exception_can_be_raised_from_python(fe_functions):
    with pytest.raises(fe_functions.MyError):
        raise fe_functions.MyError("from python")


def test_panic_becomes_panic_exception(fe_functions):
    with pytest.raises(BaseException) as info:
        fe_functions.boom("kaput")
    exc = info.value
    assert type(exc).__name__ == "PanicException"
    assert not isinstance(exc, Exception)
    assert "boom: kaput" in str(exc)
    # The interpreter survived and the module still works.
    assert fe_functions.add(1, 2) == 3


def test_panic_is_not_caught_by_except_exception(fe_functions):
    caught_by = None
    try:
        try:
            fe_functions.boom("x")
        except Exception:
            caught_by = "Exception"
    except BaseException:
        caught_by = "BaseException"
    assert caught_by == "BaseException"


def test_panic_with_non_string_payload(fe_functions):
    with pytest.raises(BaseException) as info:
        fe_functions.boom_any()
    assert type(info.value).__name__ == "PanicException"
    assert str(info.value)
    assert fe_functions.add(2, 2) == 4


def test_repeated_panics(fe_functions):
    for i in range(3):
        with pytest.raises(BaseException, match=f"boom: {i}"):
            fe_functions.boom(str(i))
    assert fe_functions.nothing() == 7
