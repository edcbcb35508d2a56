"""End to end: values crossing the boundary both ways (tests/crates/fe_conversions)."""

from __future__ import annotations

import pathlib
import weakref

import pytest
from arg_errors import argument_error
from pypy_support import PYPY, collect

INT_RANGES = {
    "i8": (-2**7, 2**7 - 1), "i16": (-2**15, 2**15 - 1), "i32": (-2**31, 2**31 - 1),
    "i64": (-2**63, 2**63 - 1), "isize": (-2**63, 2**63 - 1), "i128": (-2**127, 2**127 - 1),
    "u8": (0, 2**8 - 1), "u16": (0, 2**16 - 1), "u32": (0, 2**32 - 1), "u64": (0, 2**64 - 1),
    "usize": (0, 2**64 - 1), "u128": (0, 2**128 - 1),
}


@pytest.mark.parametrize("ty", sorted(INT_RANGES))
def test_int_bounds_round_trip(fe_conversions, ty):
    lo, hi = INT_RANGES[ty]
    echo = getattr(fe_conversions, f"echo_{ty}")
    for value in (lo, hi, 0, 1):
        out = echo(value)
        assert out == value and type(out) is int


@pytest.mark.parametrize("ty", sorted(INT_RANGES))
def test_int_overflow(fe_conversions, ty):
    lo, hi = INT_RANGES[ty]
    echo = getattr(fe_conversions, f"echo_{ty}")
    for value in (lo - 1, hi + 1):
        with pytest.raises(OverflowError):
            echo(value)


def test_int_values_around_one_digit(fe_conversions):
    # CPython stores ints in 30-bit digits; small ones are read without a call.
    class Sub(int):
        pass

    values = [0, 5 - 5, 7, -7, 2**30 - 1, 2**30, -(2**30 - 1), -(2**30), 2**60 + 3, -(2**60 + 3), False, Sub(-9)]
    assert [fe_conversions.echo_i64(v) for v in values] == [int(v) for v in values]
    assert fe_conversions.echo_i32(-(2**30)) == -(2**30)
    with pytest.raises(OverflowError):
        fe_conversions.echo_u8(-1)
    with pytest.raises(OverflowError):
        fe_conversions.echo_i8(2**30 - 1)


def test_int_accepts_index_but_not_float(fe_conversions):
    class Idx:
        def __index__(self):
            return 5

    assert fe_conversions.echo_i32(Idx()) == 5
    assert fe_conversions.echo_i32(True) == 1
    with argument_error("x", match="^'float' object cannot be interpreted as an integer$"):
        fe_conversions.echo_i32(1.0)


def test_u8_sequences_become_bytes(fe_conversions):
    assert fe_conversions.ints_as_bytes([104, 105]) == b"hi"
    assert fe_conversions.ints_as_bytes(b"\x00\xff") == b"\x00\xff"
    with pytest.raises(OverflowError):
        fe_conversions.ints_as_bytes([256])
    assert fe_conversions.u8_array() == b"\x01\x02\x03\xff"
    # &[u8], &Vec<u8>, Cow<[u8]>, &[u8; 2] -> bytes; Vec<u16> and VecDeque<u8> stay lists.
    assert fe_conversions.u8_sequences() == [b"\x07\x08", b"\x07\x08", b"\x07\x08", b"\t\t", [7, 8], [7, 8]]


def test_u8_sequences_in_the_stub(test_env, fe_conversions):
    assert fe_conversions.boxed_u8s() == ([1, 2], [3])
    stub = (test_env.site_packages / "fe_conversions" / "__init__.pyi").read_text()
    assert "def boxed_u8s() -> tuple[list[int], list[int]]:\n" in stub
    assert "def u8_array() -> bytes: ..." in stub
    # A `Vec<u8>` parameter takes what a `Vec<u8>` result gives (bytes) as well as a list of ints.
    assert "def ints_as_bytes(data: bytes | list[int]) -> bytes:\n" in stub


def test_floats(fe_conversions):
    assert fe_conversions.echo_f64(1.25) == 1.25
    assert fe_conversions.echo_f64(3) == 3.0 and type(fe_conversions.echo_f64(3)) is float
    assert fe_conversions.echo_f32(0.5) == 0.5
    with argument_error("x"):
        fe_conversions.echo_f64("1.0")


def test_bool_refuses_int(fe_conversions):
    assert fe_conversions.echo_bool(True) is True
    assert fe_conversions.echo_bool(False) is False
    with argument_error("x", match="^'int' object is not an instance of 'bool'$"):
        fe_conversions.echo_bool(1)


def test_bool_accepts_numpys_scalar_bool_only(fe_conversions):
    # The check is by type name, as PyO3's: numpy.bool_ (numpy 1) and numpy.bool (numpy 2).
    for name in ("bool_", "bool"):
        fake = type(name, (), {"__module__": "numpy", "__bool__": lambda self: False})
        assert fe_conversions.echo_bool(fake()) is False
    truthy = type("bool_", (), {"__module__": "elsewhere", "__bool__": lambda self: True})
    with argument_error("x", match="^'bool_' object is not an instance of 'bool'$"):
        fe_conversions.echo_bool(truthy())

    def refuse(self):
        raise ValueError("no truth here")
    broken = type("bool_", (), {"__module__": "numpy", "__bool__": refuse})
    with pytest.raises(ValueError, match="no truth here"):
        fe_conversions.echo_bool(broken())


def test_strings(fe_conversions):
    assert fe_conversions.echo_string("héllo ✓") == "héllo ✓"
    assert fe_conversions.str_len("héé") == 3
    assert fe_conversions.cow_upper("abc") == "ABC"
    assert fe_conversions.cow_upper("ABC") == "ABC"
    with argument_error("s"):
        fe_conversions.str_len(b"bytes")


def test_strings_made_from_rust_are_what_python_would_make(fe_conversions):
    """Strings led by ASCII are laid out by ferrule, not by CPython's decoder: the result must not
    differ from the one CPython makes, in value, width, hash, `isascii` or footprint, at any length
    and at each width's edges (U+00FF/U+0100, U+FFFF/U+10000)."""
    import sys

    edges = ["\x80", "\xff", "\u0100", "\u07ff", "\u0800", "\uffff", "\U00010000", "\U0010ffff"]
    texts = ["", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "x" * 1000, "y" * 100_000,
             "a" * 999 + "é", "é" + "a" * 999, "\x7f\x00\x01", "tab\there", "a" * 99_999 + "é"]
    texts += ["a" * n + c + tail for n in (1, 31, 32, 33, 64, 500) for c in edges for tail in ("", "z", "é€")]
    for text in texts:
        out = fe_conversions.echo_string(text)
        made = "".join(list(text))  # a str CPython builds itself
        assert out == made and hash(out) == hash(made), text[:20]
        assert out.isascii() == made.isascii()
        if sys.implementation.name == "cpython" and len(text) > 1:
            assert sys.getsizeof(out) == sys.getsizeof(made), text[:20]


def test_an_owned_py_string_reads_as_pyo3s(fe_conversions):
    assert fe_conversions.owned_str_readers("héllo") == ("héllo", "héllo", "héllo")
    # A lone surrogate: the strict readers fail; the lossy one replaces each byte of its UTF-8 form, as PyO3.
    assert fe_conversions.owned_str_readers("a\ud800b") == (None, None, "a\ufffd\ufffd\ufffdb")


def test_char(fe_conversions):
    assert fe_conversions.echo_char("é") == "é"
    with pytest.raises(ValueError):
        fe_conversions.echo_char("ab")


def test_option(fe_conversions):
    assert fe_conversions.echo_opt_i64(None) is None
    assert fe_conversions.echo_opt_i64(3) == 3


def test_bytes(fe_conversions):
    assert fe_conversions.bytes_sum(b"\x01\x02\xff") == 258
    out = fe_conversions.bytes_as_vec(b"ab")
    assert out == b"ab" and type(out) is bytes
    with argument_error("data"):
        fe_conversions.bytes_sum("text")


def test_vec(fe_conversions):
    assert fe_conversions.vec_squares([1, 2, 3]) == [1, 4, 9]
    assert fe_conversions.vec_squares((4,)) == [16]
    assert fe_conversions.vec_words("a bb  c") == ["a", "bb", "c"]
    with argument_error("xs"):
        fe_conversions.vec_squares("abc")


def test_array(fe_conversions):
    assert fe_conversions.array_rev([1, 2, 3]) == [3, 2, 1]
    with argument_error("xs", match=r"^expected a sequence of length 3 \(got 2\)$", exc=ValueError):
        fe_conversions.array_rev([1, 2])


class Indexable:
    """Has `__len__`/`__getitem__` but is no registered `collections.abc.Sequence` (like numpy arrays)."""

    def __init__(self, *items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def test_vec_and_array_take_any_object_with_the_sequence_protocol(fe_conversions):
    assert fe_conversions.vec_squares(Indexable(1, 2, 3)) == [1, 4, 9]
    assert fe_conversions.array_rev(Indexable(1, 2, 3)) == [3, 2, 1]
    with argument_error("xs", match="^'dict' object is not an instance of 'Sequence'$"):
        fe_conversions.vec_squares({1: 1})
    with argument_error("xs", match="^'int' object is not an instance of 'Sequence'$"):
        fe_conversions.array_rev(3)


def test_tuples(fe_conversions):
    assert fe_conversions.swap_pair((1, "one")) == ("one", 1)
    assert fe_conversions.min_max([3, -1, 7]) == (-1, 7)
    assert fe_conversions.min_max([]) is None
    with argument_error("pair", match="^expected tuple of length 2, but got tuple of length 3$", exc=ValueError):
        fe_conversions.swap_pair((1, "one", 2))


class Tracked:
    """An object whose release a weak reference shows (PyPy has no reference counts to read)."""


def _released(use) -> bool:
    """Whether an object that `use(obj)` passed through the extension is freed once Python drops it:
    a reference the runtime leaked would keep it alive."""
    obj = Tracked()
    ref = weakref.ref(obj)
    use(obj)
    del obj
    collect()
    return ref() is None


def test_a_tuple_failing_part_way_releases_what_it_converted(fe_conversions):
    def use(obj):
        for _ in range(100):
            with argument_error("pair", match=None if PYPY else "^'str' object cannot be interpreted as an integer$"):
                fe_conversions.first_of((obj, "1", obj))
            with pytest.raises(ValueError, match="^refused$"):
                fe_conversions.tuple_with_refused(obj)
        assert fe_conversions.first_of((obj, 1, None)) is obj

    assert _released(use)


def test_call_arguments_failing_part_way_never_call(fe_conversions):
    calls = []

    def use(obj):
        for _ in range(100):
            with pytest.raises(ValueError, match="^refused$"):
                fe_conversions.call_with_refused(lambda *args: calls.append(args), obj)

    assert _released(use) and calls == []
    assert fe_conversions.call_with_twelve(lambda *args: args) == (
        1, 2.5, "three", 4, 5, (6, 7), [8], True, 9, "ten", 11, 12)


def test_a_panic_while_building_a_tuple_releases_what_it_converted(fe_conversions):
    calls = []

    def use(obj):
        for f in (None, lambda *args: calls.append(args)) * 50:
            try:
                fe_conversions.tuple_with_panic(obj, f)
            except BaseException as e:  # noqa: BLE001 - PanicException derives from BaseException
                assert type(e).__name__ == "PanicException" and "no conversion" in str(e)
            else:
                raise AssertionError("no PanicException")

    assert _released(use) and calls == []


def test_maps(fe_conversions):
    assert fe_conversions.hashmap_invert({"a": 1, "b": 2}) == {1: "a", 2: "b"}
    assert fe_conversions.btreemap_keys({"z": 1, "a": 2, "m": 3}) == ["a", "m", "z"]
    assert fe_conversions.btreemap_counts("abca") == {"a": 2, "b": 1, "c": 1}
    with argument_error("map"):
        fe_conversions.hashmap_invert({"a": "not an int"})


def test_sets(fe_conversions):
    out = fe_conversions.hashset_unique([1, 2, 2, 3])
    assert out == {1, 2, 3} and type(out) is set
    assert fe_conversions.hashset_len({"a", "b"}) == 2
    assert fe_conversions.hashset_len(frozenset({"a"})) == 1


def test_pathbuf(fe_conversions, tmp_path):
    out = fe_conversions.path_join(tmp_path, "file.txt")
    assert pathlib.Path(out) == tmp_path / "file.txt"
    assert fe_conversions.path_join("rel", "x") == pathlib.Path("rel/x")
