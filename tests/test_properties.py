"""Property tests (hypothesis) over the e2e crates: values survive a round trip through Rust
unchanged, strings Rust cannot hold raise UnicodeEncodeError, and a value of the wrong type
for any parameter kind raises TypeError (never a crash, never a silent conversion)."""

from __future__ import annotations

import math
import struct

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="install the test extra: pip install -e .[test]")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from arg_errors import argument_error

settings.register_profile("ferrule", max_examples=200, deadline=None, derandomize=True)
settings.load_profile("ferrule")

INT_WIDTHS = {
    "i8": (-2**7, 2**7 - 1), "i16": (-2**15, 2**15 - 1), "i32": (-2**31, 2**31 - 1),
    "i64": (-2**63, 2**63 - 1), "isize": (-2**63, 2**63 - 1), "i128": (-2**127, 2**127 - 1),
    "u8": (0, 2**8 - 1), "u16": (0, 2**16 - 1), "u32": (0, 2**32 - 1), "u64": (0, 2**64 - 1),
    "usize": (0, 2**64 - 1), "u128": (0, 2**128 - 1),
}


def edges(lo: int, hi: int):
    """The edges of a range, just inside and just outside, mixed with anything in between."""
    near = [lo, lo + 1, hi - 1, hi, 0, 1, -1]
    return st.one_of(st.sampled_from([v for v in near if lo <= v <= hi]), st.integers(lo, hi))


@pytest.mark.parametrize("width", INT_WIDTHS)
def test_integers_round_trip_at_every_width(fe_conversions, width):
    lo, hi = INT_WIDTHS[width]
    echo = getattr(fe_conversions, f"echo_{width}")

    @given(edges(lo, hi))
    def inside(x):
        assert echo(x) == x

    @given(st.one_of(st.integers(hi + 1, hi * 4 + 4), st.integers(lo * 4 - 4, lo - 1),
                     st.sampled_from([hi + 1, lo - 1, 2**200, -2**200])))
    def outside(x):
        with pytest.raises(OverflowError):
            echo(x)

    inside()
    outside()


def same_float(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


SPECIAL_FLOATS = st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324,
                                  1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308])


@given(st.one_of(SPECIAL_FLOATS, st.floats(allow_nan=True, allow_infinity=True)))
def test_f64_round_trip(fe_conversions, x):
    assert same_float(fe_conversions.echo_f64(x), x)


@given(st.one_of(SPECIAL_FLOATS, st.floats(allow_nan=True, allow_infinity=True)))
def test_f32_rounds_like_a_c_float(fe_conversions, x):
    try:  # struct rounds as C does, and refuses what overflows a float
        expected = struct.unpack("f", struct.pack("f", x))[0] if math.isfinite(x) else None
    except OverflowError:
        expected = None
    got = fe_conversions.echo_f32(x)
    if expected is not None:
        assert same_float(got, expected)
    elif math.isnan(x):
        assert math.isnan(got)
    else:
        assert math.isinf(got) and math.copysign(1, got) == math.copysign(1, x)


@given(st.integers(-2**53, 2**53))
def test_floats_accept_ints(fe_conversions, x):
    assert fe_conversions.echo_f64(x) == float(x)


# Every code point except the surrogates, with non-BMP characters drawn often.
TEXT = st.text(st.one_of(st.characters(exclude_categories=("Cs",)),
                         st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",))))
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@given(TEXT)
def test_strings_round_trip(fe_conversions, s):
    assert fe_conversions.echo_string(s) == s
    assert fe_conversions.str_len(s) == len(s)
    assert fe_conversions.swap_pair((1, s)) == (s, 1)
    assert fe_conversions.btreemap_keys({s: 1}) == [s]


# Text that starts with an ASCII run, as most text does; ferrule lays such strings out itself.
ASCII_LED = st.builds(lambda run, tail, more: "a" * run + tail + "b" * more,
                      st.integers(0, 100), TEXT, st.integers(0, 40))


@given(ASCII_LED)
def test_strings_made_in_rust_are_the_ones_python_makes(fe_conversions, s):
    """The same code points and the same width (CPython compares strings of different widths as
    unequal), so the hash, `isascii` and footprint agree too."""
    import sys

    out, made = fe_conversions.echo_string(s), "".join(list(s))
    assert out == made and hash(out) == hash(made) and out.isascii() == made.isascii()
    if sys.implementation.name == "cpython":
        assert sys.getsizeof(out) == sys.getsizeof(made)


@given(st.characters(exclude_categories=("Cs",)))
def test_chars_round_trip(fe_conversions, c):
    assert fe_conversions.echo_char(c) == c


@given(TEXT, SURROGATE, TEXT)
def test_lone_surrogates_raise_unicode_encode_error(fe_conversions, before, surrogate, after):
    s = before + surrogate + after
    for fn in (fe_conversions.echo_string, fe_conversions.str_len, fe_conversions.cow_upper,
               fe_conversions.vec_words):
        with pytest.raises(UnicodeEncodeError):
            fn(s)
    with pytest.raises(UnicodeEncodeError):
        fe_conversions.echo_char(surrogate)


@given(st.binary(max_size=4096))
def test_bytes_round_trip(fe_conversions, fe_functions, b):
    assert fe_functions.echo_bytes(b) == b
    assert fe_conversions.bytes_sum(b) == sum(b)
    assert fe_conversions.bytes_as_vec(b) == b


I64 = st.integers(-2**63, 2**63 - 1)
F64 = st.floats(allow_nan=False)


@given(st.lists(st.lists(I64, max_size=8), max_size=8))
def test_nested_lists_round_trip(fe_conversions, x):
    assert fe_conversions.echo_nested_list(x) == x
    assert fe_conversions.echo_nested_list(tuple(tuple(row) for row in x)) == x


@given(st.tuples(I64, F64, TEXT, st.booleans()))
def test_tuples_round_trip(fe_conversions, x):
    assert fe_conversions.echo_tuple_mix(x) == x


@given(st.dictionaries(TEXT, st.lists(st.none() | I64, max_size=5), max_size=8))
def test_dicts_round_trip(fe_conversions, x):
    assert fe_conversions.echo_dict_of_lists(x) == x


@given(st.sets(I64, max_size=20), st.frozensets(TEXT, max_size=10))
def test_sets_round_trip(fe_conversions, ints, texts):
    assert fe_conversions.echo_int_set(ints) == ints
    assert fe_conversions.echo_int_set(frozenset(ints)) == ints
    assert fe_conversions.echo_str_set(texts) == set(texts)


DEEP = st.lists(st.tuples(TEXT, st.dictionaries(I64, st.lists(st.tuples(st.booleans(), F64), max_size=3),
                                                 max_size=3)), max_size=4)


@given(DEEP)
def test_deeply_nested_round_trip(fe_conversions, x):
    assert fe_conversions.echo_deep(x) == x


# ---- wrong types ---------------------------------------------------------------------------
class Opaque:
    pass


def anything_but(*excluded: str):
    """Values of every kind but the named ones ("int", "float", "str", ...)."""
    kinds = {
        "int": st.integers(),
        "bool": st.booleans(),
        "float": st.floats(),
        "str": TEXT,
        "bytes": st.binary(max_size=8),
        "none": st.none(),
        "list": st.lists(st.integers(), max_size=3),
        "tuple": st.tuples(st.integers()),
        "dict": st.dictionaries(TEXT, st.integers(), max_size=2),
        "set": st.sets(st.integers(), max_size=2),
        "object": st.builds(Opaque),
        "complex": st.complex_numbers(allow_nan=False),
    }
    return st.one_of([s for k, s in kinds.items() if k not in excluded])


# (function name in fe_conversions, the kinds it accepts)
CONVERSION_PARAMS = [
    *[(f"echo_{w}", ("int", "bool")) for w in INT_WIDTHS],
    ("echo_f64", ("int", "bool", "float")),
    ("echo_f32", ("int", "bool", "float")),
    ("echo_bool", ("bool",)),
    ("echo_string", ("str",)),
    ("str_len", ("str",)),
    ("echo_opt_i64", ("int", "bool", "none")),
    ("bytes_sum", ("bytes",)),
    # bytes is a sequence (of ints), so as in PyO3 it extracts as a Vec.
    ("vec_squares", ("list", "tuple", "bytes")),
    ("echo_nested_list", ("list", "tuple", "bytes")),
    ("hashmap_invert", ("dict",)),
    ("echo_int_set", ("set",)),
    ("echo_tuple_mix", ("tuple",)),
]


@pytest.mark.parametrize("name, accepted", CONVERSION_PARAMS)
def test_wrong_types_raise_type_error(fe_conversions, name, accepted):
    fn = getattr(fe_conversions, name)

    @given(anything_but(*accepted))
    def check(value):
        with pytest.raises(TypeError):
            fn(value)

    check()


@given(anything_but("int", "bool"), st.sampled_from(["a", "b", "c", "d", "e"]))
def test_wrong_types_for_every_parameter_kind(fe_functions, bad, which):
    """layout(a, b, /, c, *, d, e=5): positional-only, positional-or-keyword, keyword-only, defaulted."""
    args = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
    args[which] = bad
    with argument_error(which):
        fe_functions.layout(args["a"], args["b"], c=args["c"], d=args["d"], e=args["e"])
    if which == "c":
        with argument_error("c"):
            fe_functions.layout(1, 2, bad, d=4)


@given(anything_but("int", "bool"))
def test_wrong_types_for_meth_o_and_collected_args(fe_functions, bad):
    with pytest.raises(TypeError):
        fe_functions.negate(bad)
    with pytest.raises(TypeError):
        fe_functions.collect(bad, 1, 2, k=3)


@given(anything_but("str", "none"))
def test_wrong_types_for_optional_and_defaulted(fe_functions, bad):
    with argument_error("suffix"):
        fe_functions.greet("x", 1, bad)
    with argument_error("name"):
        fe_functions.greet(name=bad)
