"""End to end: PyO3's optional-crate conversions (tests/crates/fe_optional_num, a crate
that turns the features on and depends on the crates, as a PyO3 crate would)."""

from __future__ import annotations

import decimal
import math
import subprocess
import textwrap
from fractions import Fraction

import pytest
from arg_errors import argument_error


def test_bigint_both_ways_beyond_128_bits(fe_optional_num):
    m = fe_optional_num
    huge = 3**200
    assert m.big_times(huge, -7) == huge * -7
    assert m.big_times(-(2**64), 1) == -(2**64)  # just past i64 on the negative side
    assert m.big_times(2**63 - 1, 2) == 2**64 - 2
    assert m.big_times(0, 5) == 0 and type(m.big_times(0, 5)) is int
    assert m.big_digits(-(10**50) - 1) == str(-(10**50) - 1)
    assert m.big_from_digits("-" + "9" * 60) == -int("9" * 60)
    assert m.factorial(40) == math.factorial(40)
    assert m.ubig_bits(2**300) == 301 and m.ubig_bits(0) == 0
    # Anything with __index__ is an int, as for the primitive integers.
    assert m.big_digits(True) == "1"
    assert m.big_refs(-(2**90)) == (-(2**90), 2**90)


def test_bigint_errors(fe_optional_num):
    m = fe_optional_num
    with argument_error("x", match="'str' object cannot be interpreted as an integer"):
        m.big_times("12", 1)
    with argument_error("x", match="'float' object"):
        m.big_digits(1.0)
    for negative in (-1, -(2**100)):
        with pytest.raises(OverflowError, match="can't convert negative int to unsigned"):
            m.ubig_bits(negative)


def test_complex(fe_optional_num):
    m = fe_optional_num
    assert m.complex_mul(1 + 2j, 3 - 1j) == (1 + 2j) * (3 - 1j)
    assert m.complex_mul(2, 1.5) == 3 + 0j and type(m.complex_mul(2, 1.5)) is complex
    assert m.complex32_conj(1.5 + 2.25j) == 1.5 - 2.25j
    assert m.complex32_conj(0.1 + 0j) != 0.1  # went through f32
    assert m.complex_from_parts(-1.0, 4.0) == complex(-1, 4)

    class Spinor:
        def __complex__(self):
            return 2 + 3j

    assert m.complex_mul(Spinor(), 1j) == (2 + 3j) * 1j
    with argument_error("a", match="must be real number, not str"):
        m.complex_mul("1+2j", 1)


def test_ratio(fe_optional_num):
    m = fe_optional_num
    assert m.ratio_add(Fraction(1, 3), Fraction(1, 6)) == Fraction(1, 2)
    assert type(m.ratio_add(Fraction(1, 3), 1)) is Fraction
    assert m.ratio_add(3, Fraction(-1, 2)) == Fraction(5, 2)  # an int is n/1
    assert m.ratio_small(Fraction(-4, 6)) == (-2, 3)
    big = Fraction(10**30 + 1, 7)
    assert m.big_ratio_square(big) == big * big
    with pytest.raises(OverflowError):
        m.ratio_small(Fraction(1, 300))
    with argument_error("a", match="'str' object cannot be converted to 'Fraction'"):
        m.ratio_add("1/2", 1)


def test_rust_decimal(fe_optional_num):
    m = fe_optional_num
    D = decimal.Decimal
    total = m.dec_add(D("1.10"), D("2.205"))
    assert total == D("3.305") and type(total) is D
    assert m.dec_parts(D("-1.50")) == ("-150", 2)  # scale kept
    assert m.dec_add(7, D("0.5")) == D("7.5")
    assert m.dec_add("1.5", 2) == D("3.5")  # anything whose str() parses, as PyO3
    assert m.dec_parts(D("1e3")) == ("1000", 0)
    with pytest.raises(ValueError, match="Scale exceeds the maximum precision allowed: 40 > 28"):
        m.dec_add(D("1e-40"), 0)
    for bad in (D("NaN"), D("Infinity"), "abc"):
        with pytest.raises(ValueError):
            m.dec_add(bad, 0)


def test_bigdecimal(fe_optional_num):
    m = fe_optional_num
    D = decimal.Decimal
    # More digits than the default 28-digit context: nothing is rounded either way.
    product = m.bigdec_mul(D("12345678901234567890.25"), D("1.5"))
    assert product == D("18518518351851851835.375") and type(product) is D
    assert m.bigdec_mul(D("-0.5"), D("3")) == D("-1.5")
    assert m.bigdec_mul(D("1e-40"), 3) == D("3e-40")
    assert m.bigdec_mul(D(10**40), 1) == D(10**40)
    assert m.bigdec_text(D("1E+3")) == "1000"
    with pytest.raises(ValueError):
        m.bigdec_mul(D("NaN"), 1)


def test_ordered_float(fe_optional_num):
    m = fe_optional_num
    assert m.ordered_max([1.0, 3.5, -2]) == 3.5
    assert m.ordered_max([]) is None
    assert math.isnan(m.ordered_max([float("nan"), 1.0]))  # NaN sorts above everything
    assert m.not_nan_half(3) == 1.5 and type(m.not_nan_half(3)) is float
    assert m.not_nan32(0.1) != 0.1 and m.not_nan32(0.5) == 0.5
    for fn in (m.not_nan_half, m.not_nan32):
        with pytest.raises(ValueError, match="NotNan constructed with NaN"):
            fn(float("nan"))
    with argument_error("x", match="must be real number, not str"):
        m.not_nan_half("1.0")


def test_hashbrown(fe_optional_num):
    m = fe_optional_num
    assert m.hb_invert({"a": 1, "b": 2}) == {1: "a", 2: "b"}
    assert m.hb_union({1, 2}, frozenset({2, 3})) == {1, 2, 3}
    assert m.hb_by_ref({"x", "y"}) == {"x", "y"}
    with argument_error("m", match="'list' object is not an instance of 'dict'"):
        m.hb_invert([("a", 1)])
    with argument_error("a", match="'list' object is not an instance of 'set'"):
        m.hb_union([1], {2})

    class Sneaky:
        def __init__(self, d):
            self.d = d

        def __index__(self):
            self.d["new"] = 0
            return 1

    d = {"k": 0}
    d["k"] = Sneaky(d)
    with pytest.raises(RuntimeError, match="dictionary changed size during iteration"):
        m.hb_invert(d)


def test_indexmap_keeps_order(fe_optional_num):
    m = fe_optional_num
    ordered = {"z": 1, "a": 2, "m": 3}
    assert list(m.im_reversed(ordered).items()) == [("m", 3), ("a", 2), ("z", 1)]
    assert m.im_keys(ordered) == ["z", "a", "m"]
    with argument_error("m"):
        m.im_keys({1: 2})


def test_smallvec(fe_optional_num):
    m = fe_optional_num
    assert m.sv_sum([1, 2, 3]) == (6, False)
    assert m.sv_sum(range(1, 7)) == (21, True)  # past the inline capacity of 4
    assert m.sv_sum((5,)) == (5, False)
    assert m.sv_range(6) == [0, 1, 2, 3, 4, 5]
    assert m.sv_bytes(3) == b"\x00\x01\x02"  # a SmallVec of u8 is bytes, as a Vec<u8>
    with argument_error("v", match="Can't extract `str` to `SmallVec`"):
        m.sv_sum("123")
    with argument_error("v", match="'int' object is not an instance of 'Sequence'"):
        m.sv_sum(5)


def test_either(fe_optional_num):
    m = fe_optional_num
    assert m.either_describe(3) == "int 3"
    assert m.either_describe("x") == "str x"
    assert m.either_make(True) == 7 and m.either_make(False) == "seven"
    with argument_error("v", match=r"failed to convert the value to 'Union\[i64, "
                                        r"alloc::string::String\]'"):
        m.either_describe(2.5)


def test_bytes(fe_optional_num):
    m = fe_optional_num
    assert m.bytes_upper(b"abc") == b"ABC" and type(m.bytes_upper(b"abc")) is bytes
    assert m.bytes_upper(bytearray(b"q")) == b"Q"
    assert m.bytes_shares(b"not copied") is True
    with argument_error("b", match="'str' object is not an instance of 'bytes | bytearray'"):
        m.bytes_upper("abc")


@pytest.mark.parametrize("fn", ["anyhow_result", "eyre_result"])
def test_error_reports_become_exceptions(fe_optional_num, fn):
    call = getattr(fe_optional_num, fn)
    assert call("ok") in (1, 2)
    with pytest.raises(ValueError, match="^not a good value$"):
        call("pyerr")  # a bare PyErr comes back as itself
    with pytest.raises(RuntimeError) as info:
        call("pyerr_context")
    # With context added it is a RuntimeError carrying the whole chain (and a
    # location or backtrace when RUST_BACKTRACE asks for one).
    assert str(info.value).startswith("while parsing\n\nCaused by:\n    ValueError: inner")
    with pytest.raises(RuntimeError, match="^unknown kind zz"):
        call("zz")


def test_anyhow_wrapping_a_std_error(fe_optional_num):
    with pytest.raises(RuntimeError, match="^no such thing"):
        fe_optional_num.anyhow_result("io")


def test_serde_on_py_of_a_class(fe_optional_num):
    m = fe_optional_num
    assert m.points_json([m.Point(1, 2), m.Point(3.5, -1)]) == "[[1.0,2.0],[3.5,-1.0]]"
    back = m.points_from_json("[[1, 2], [0.5, -4]]")
    assert [(p.x, p.y) for p in back] == [(1.0, 2.0), (0.5, -4.0)]
    assert all(type(p) is m.Point for p in back)
    with pytest.raises(ValueError, match="Already mutably borrowed"):
        m.point_json_while_borrowed(m.Point(0, 0))
    with pytest.raises(ValueError, match="expected a tuple of size 2"):
        m.points_from_json("[[1]]")
    with argument_error("points"):
        m.points_json([1])


# Run in a fresh interpreter: a waiter that blocked while attached would hang
# the whole process (not just a thread), which only a subprocess timeout catches.
LOCK_SCRIPT = """
import threading, fe_optional_num as m

def run(fn, *args):
    out = []
    threads = [threading.Thread(target=lambda: out.append(fn(*args))) for _ in range(4)]
    for t in threads: t.start()
    for t in threads: t.join()
    return sorted(out)

for lock in ("std", "parking_lot", "rwlock", "std_rwlock", "arc", "arc_rwlock", "reentrant"):
    print(lock, run(m.slow_add, lock, 30))
print("rwlock value", m.rwlock_value())
print("once std", run(m.once_init, "std", 50))
print("once parking_lot", run(m.once_init, "parking_lot", 50))
print("once lock", len(set(run(m.once_lock_value, 50))))
"""


def test_locks_wait_detached_and_exclude(fe_optional_num, test_env):
    out = subprocess.run([str(test_env.python), "-c", textwrap.dedent(LOCK_SCRIPT)], capture_output=True,
                         text=True, timeout=120, env=test_env.env)
    assert out.returncode == 0, out.stderr
    # Read, detach and sleep, write: four threads keep all four updates only under mutual exclusion.
    assert out.stdout.splitlines() == [
        "std [1, 2, 3, 4]", "parking_lot [1, 2, 3, 4]", "rwlock [1, 2, 3, 4]", "std_rwlock [1, 2, 3, 4]",
        "arc [1, 2, 3, 4]", "arc_rwlock [1, 2, 3, 4]", "reentrant [1, 2, 3, 4]",
        "rwlock value 4",
        # The initialiser ran once, and every caller returned after it finished.
        "once std [1, 1, 1, 1]", "once parking_lot [1, 1, 1, 1]", "once lock 1",
    ]
