"""End to end: `pyo3::buffer::PyBuffer<T>` over real exporters (tests/crates/fe_stdtypes)."""

from __future__ import annotations

import array

import pytest
from pypy_support import PYPY39
from arg_errors import argument_error


def test_items_read_in_place(fe_stdtypes):
    assert fe_stdtypes.sum_in_place(array.array("d", [1.5, 2.25, -0.75])) == 3.0
    assert fe_stdtypes.sum_in_place(memoryview(array.array("d", [4.0]))) == 4.0


def test_incompatible_items_are_refused(fe_stdtypes):
    with argument_error("data", match="^buffer contents are not compatible with f64$", exc=BufferError):
        fe_stdtypes.sum_in_place(b"12345678")
    with argument_error("data", match="^buffer contents are not compatible with i32$", exc=BufferError):
        fe_stdtypes.int_items(array.array("h", [1, 2]))
    # After the argument's name, the interpreter's own message (PyObject_GetBuffer).
    no_buffer = "'str' does not have the buffer interface" if PYPY39 else "a bytes-like object is required, not 'str'"
    with argument_error("data", match=f"^{no_buffer}$"):
        fe_stdtypes.int_items("text")


def test_layout_of_one_and_two_dimensions(fe_stdtypes):
    # (dimensions, shape, strides, item_size, item_count, readonly, C-contiguous, Fortran-contiguous)
    assert fe_stdtypes.layout(b"abc") == (1, [3], [1], 1, 3, True, True, True)
    assert fe_stdtypes.layout(bytearray(4)) == (1, [4], [1], 1, 4, False, True, True)
    grid = memoryview(array.array("i", range(6))).cast("B").cast("i", (2, 3))
    assert fe_stdtypes.layout(grid) == (2, [2, 3], [12, 4], 4, 6, False, True, False)
    every_other = memoryview(array.array("i", range(6)))[::2]
    assert fe_stdtypes.layout(every_other) == (1, [3], [8], 4, 3, False, False, False)


def test_to_vec_follows_c_order_even_when_strided(fe_stdtypes):
    assert fe_stdtypes.int_items(array.array("i", [3, -1, 7])) == [3, -1, 7]
    assert fe_stdtypes.int_items(memoryview(array.array("i", range(6)))[::2]) == [0, 2, 4]
    with pytest.raises(ValueError, match="^not contiguous$"):
        fe_stdtypes.sum_in_place(memoryview(array.array("d", [1.0, 2.0, 3.0]))[::2])


def test_copy_to_slice_checks_length(fe_stdtypes):
    assert fe_stdtypes.copy_out(b"xyz", 0) == b"xyz"
    with pytest.raises(BufferError, match=r"^slice to copy to \(of length 5\) does not match buffer length of 3$"):
        fe_stdtypes.copy_out(b"xyz", 2)


def test_writes_land_in_the_exporter(fe_stdtypes):
    target = bytearray(b"abc")
    assert fe_stdtypes.fill(target, ord("z")) is True
    assert target == b"zzz"
    source = b"abc"
    assert fe_stdtypes.fill(source, 0) is False
    # A read-only view of writable memory stays read-only (cpyext exports such memoryviews as
    # writable; the runtime reads the view's own flag there).
    assert fe_stdtypes.fill(memoryview(source), 0) is False
    assert fe_stdtypes.fill(memoryview(bytearray(b"abc")).toreadonly(), 0) is False
    assert source == b"abc"
    shorts = array.array("h", [0, 0, 0])
    fe_stdtypes.overwrite(shorts, [-5, 6, 32767])
    assert shorts.tolist() == [-5, 6, 32767]


def test_copy_from_slice_refuses_read_only_and_wrong_length(fe_stdtypes):
    with pytest.raises(BufferError, match="^cannot write to read-only buffer$"):
        fe_stdtypes.overwrite(memoryview(array.array("h", [1])).toreadonly(), [2])
    with pytest.raises(BufferError, match=r"^slice to copy from \(of length 1\) does not match buffer length of 2$"):
        fe_stdtypes.overwrite(array.array("h", [1, 2]), [9])


def test_release_lets_the_exporter_resize(fe_stdtypes):
    data = bytearray(b"hi")
    assert fe_stdtypes.release_then_grow(data, True) == 2
    assert data == b"hi!!"
    held = bytearray(b"hi")
    if PYPY39:
        # PyPy 3.9's bytearray does not count exports: it resizes under a view that is still held.
        assert fe_stdtypes.release_then_grow(held, False) == 2 and held == b"hi!!"
        return
    with pytest.raises(BufferError, match="Existing exports of data: object cannot be re-sized"):
        fe_stdtypes.release_then_grow(held, False)
    held.extend(b"?")  # the view was released on drop
    assert held == b"hi?"


def test_element_types_from_formats(fe_stdtypes):
    # (ElementType, u8 fits, i64 fits, f64 fits)
    assert fe_stdtypes.element_kind(b"a") == ("unsigned8", True, False, False)
    assert fe_stdtypes.element_kind(array.array("q")) == ("signed64", False, True, False)
    assert fe_stdtypes.element_kind(array.array("d")) == ("float64", False, False, True)
    assert fe_stdtypes.element_kind(memoryview(b"\0" * 8).cast("?")) == ("bool", False, False, False)
