"""End to end: std conversions PyO3 has beyond the basics (tests/crates/fe_stdtypes/src/stdconv.rs)."""

from __future__ import annotations

import ipaddress
import pathlib

import pytest
from arg_errors import argument_error


def test_ip_addresses(fe_stdtypes):
    v4, v6 = ipaddress.ip_address("192.0.2.7"), ipaddress.ip_address("2001:db8::1")
    assert fe_stdtypes.ip_round_trip(v4) == v4 and type(fe_stdtypes.ip_round_trip(v4)) is ipaddress.IPv4Address
    assert fe_stdtypes.ip_round_trip(v6) == v6 and type(fe_stdtypes.ip_round_trip(v6)) is ipaddress.IPv6Address
    # Anything whose str() parses is accepted too.
    assert fe_stdtypes.ip_is_v6("::1") is True and fe_stdtypes.ip_is_v6("127.0.0.1") is False
    with pytest.raises(ValueError, match="invalid IP address syntax"):
        fe_stdtypes.ip_round_trip("not an address")
    assert fe_stdtypes.loopbacks() == (ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1"),
                                       ipaddress.IPv4Address("10.1.2.3"))


def test_c_strings(fe_stdtypes):
    assert fe_stdtypes.c_string_len("héllo") == 6
    assert fe_stdtypes.c_str_echo("plain") == "plain"
    assert fe_stdtypes.c_str_static() == "from C"
    with pytest.raises(ValueError, match="nul byte"):
        fe_stdtypes.c_string_len("a\0b")
    with pytest.raises(ValueError, match="interior nul byte"):
        fe_stdtypes.c_str_echo("a\0b")


def test_borrowed_os_strings_and_paths(fe_stdtypes):
    assert fe_stdtypes.os_cow_len("abc", pathlib.Path("/a/b")) == (3, 3)
    with pytest.raises(TypeError):
        fe_stdtypes.os_cow_len("abc", 5)


def test_reference_to_option(fe_stdtypes):
    assert fe_stdtypes.option_ref(True) == "here"
    assert fe_stdtypes.option_ref(False) is None


def test_pybacked_values_outlive_the_call(fe_stdtypes):
    text = "abc" + str(1)[:0]  # not interned
    held = fe_stdtypes.Held(text, bytearray(b"abcdef"))
    del text
    assert held.summary() == "3:6:ABC"
    assert held.text_back() == "abc" and type(held.text_back()) is str
    assert held.data_back() == b"abcdef" and type(held.data_back()) is bytes
    assert held.starts_with_abc() is True
    same = "xyz"
    assert fe_stdtypes.Held(same, b"abc").text_back() is same  # the str object itself is kept
    with pytest.raises(TypeError, match="'int' object is not an instance of 'bytes | bytearray'"):
        fe_stdtypes.Held("a", 3)
    with argument_error("text"):
        fe_stdtypes.Held(b"a", b"b")


def test_a_backed_name_clones_and_converts_back_to_its_str(fe_stdtypes):
    class Obj:
        colour = "red"

    name = "".join(["col", "our"])  # not interned: the backed str is this very object
    value, back = fe_stdtypes.attr_by_backed_name(Obj(), name)
    assert value == "red" and type(back) is str and back == "colour"
    with pytest.raises(AttributeError, match="weight"):
        fe_stdtypes.attr_by_backed_name(Obj(), "weight")


def test_once_lock_imports_an_object_that_is_not_a_type(fe_stdtypes):
    import dataclasses

    assert fe_stdtypes.field_marker() is dataclasses._FIELD
    assert fe_stdtypes.field_marker() is fe_stdtypes.field_marker()


def test_unicode_decode_error_from_a_rust_utf8_error(fe_stdtypes):
    assert fe_stdtypes.utf8_error(b"fine") is None
    err = fe_stdtypes.utf8_error(b"ab\xffcd")
    expected = UnicodeDecodeError("utf-8", b"ab\xffcd", 2, 3, "invalid utf-8")
    assert type(err) is UnicodeDecodeError
    assert (err.encoding, err.object, err.start, err.end, err.reason) == (
        expected.encoding, expected.object, expected.start, expected.end, expected.reason)
    cut = fe_stdtypes.utf8_error(b"ab\xe2\x82")  # cut short: to the end of the input
    assert (cut.start, cut.end) == (2, 4)
    with pytest.raises(UnicodeDecodeError, match="invalid utf-8"):
        fe_stdtypes.require_utf8(b"\xc3")


def test_a_subclass_borrow_reads_its_base_through_as_ref(fe_stdtypes):
    assert fe_stdtypes.Tagged("lbl").label() == "lbl"


def test_a_reference_to_a_reference_is_an_argument(fe_stdtypes):
    assert fe_stdtypes.has_pair({("k", False): 1}, "k") is True
    assert fe_stdtypes.has_pair({("k", True): 1}, "k") is False
