"""Reference-leak driver: run by a debug CPython (one with `sys.gettotalrefcount`), with the
e2e crates installed. Not a pytest module; tests/test_refleaks.py runs it.

Every scenario is a zero-argument callable doing one call into Rust (catching the exception
it expects). For each: run it a few times (warm-up: lazily created types, interned strings,
caches), collect garbage, read `sys.gettotalrefcount()`, run it N times, collect, read again.
A leak of one reference per call grows the total by N; the tolerance is far below that. The
same is then done under `tracemalloc` with the traced size of Python allocations.

    python3.11-dbg tests/leaks/driver.py [-n N] [-k SUBSTRING] [--once] [--list]

`--once` runs each scenario a few times without measuring (for valgrind, any interpreter).
Prints one line per scenario and exits 1 when any leaks.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import fe_conversions as conv
import fe_functions as fun

try:  # pyclasses, once tests/crates/fe_classes exists
    import fe_classes  # type: ignore[import-not-found]
except ImportError:
    fe_classes = None

PanicException = None
try:
    fun.boom("probe")
except BaseException as e:  # noqa: BLE001
    PanicException = type(e)

SCENARIOS: dict[str, object] = {}
# Scenarios that start a thread per call are slower: they run N // SLOW_DIVISOR times.
SLOW: set[str] = set()
SLOW_DIVISOR = 10


# Calls before measuring, for scenarios whose caches settle later than WARMUP's (asyncio's),
# and bytes of traced memory they may move around between two measurements without growing.
WARMUPS: dict[str, int] = {}
NOISE: dict[str, int] = {}


def scenario(name: str, slow: bool = False, warmup: int | None = None, noise: int = 0):
    def register(fn):
        assert name not in SCENARIOS, name
        SCENARIOS[name] = fn
        if slow:
            SLOW.add(name)
        if warmup is not None:
            WARMUPS[name] = warmup
        NOISE[name] = noise
        return fn
    return register


def raises(exc, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except exc:
        return
    raise AssertionError(f"{fn.__name__} did not raise {exc}")


# ---- conversions, both directions -----------------------------------------------------------
INTS = {
    "i8": (-128, 127), "i16": (-2**15, 2**15 - 1), "i32": (-2**31, 2**31 - 1),
    "i64": (-2**63, 2**63 - 1), "isize": (-2**63, 2**63 - 1),
    "u8": (0, 255), "u16": (0, 2**16 - 1), "u32": (0, 2**32 - 1), "u64": (0, 2**64 - 1),
    "usize": (0, 2**64 - 1), "i128": (-2**127, 2**127 - 1), "u128": (0, 2**128 - 1),
}


class Index:
    """Not an int, but has __index__."""
    def __index__(self):
        return 7


for _width, (_lo, _hi) in INTS.items():
    _echo = getattr(conv, f"echo_{_width}")

    def _roundtrip(echo=_echo, lo=_lo, hi=_hi):
        assert echo(lo) == lo and echo(hi) == hi and echo(1) == 1

    def _overflow(echo=_echo, lo=_lo, hi=_hi):
        raises(OverflowError, echo, hi + 1)
        raises(OverflowError, echo, lo - 1)

    def _wrong(echo=_echo):
        raises(TypeError, echo, "1")
        raises(TypeError, echo, 1.5)
        raises(TypeError, echo, None)

    scenario(f"int {_width} round trip")(_roundtrip)
    scenario(f"int {_width} overflow")(_overflow)
    scenario(f"int {_width} wrong type")(_wrong)

scenario("int via __index__")(lambda: conv.echo_i64(Index()) == 7 or None)


@scenario("float round trip")
def _():
    assert conv.echo_f64(1.5) == 1.5 and conv.echo_f64(3) == 3.0
    assert conv.echo_f32(0.5) == 0.5
    assert conv.echo_f64(float("inf")) == float("inf")
    conv.echo_f64(float("nan"))


@scenario("float wrong type")
def _():
    raises(TypeError, conv.echo_f64, "1.0")
    raises(TypeError, conv.echo_f32, None)


@scenario("bool, Option")
def _():
    assert conv.echo_bool(True) is True and conv.echo_bool(False) is False
    raises(TypeError, conv.echo_bool, 1)
    assert conv.echo_opt_i64(None) is None and conv.echo_opt_i64(5) == 5
    raises(TypeError, conv.echo_opt_i64, "x")


@scenario("str, char, Cow, &str")
def _():
    assert conv.echo_string("héllo 🦀") == "héllo 🦀"
    assert conv.echo_char("🦀") == "🦀"
    raises(ValueError, conv.echo_char, "ab")
    assert conv.str_len("añb") == 3
    assert conv.cow_upper("abc") == "ABC" and conv.cow_upper("ABC") == "ABC"
    raises(TypeError, conv.echo_string, b"bytes")


@scenario("str lone surrogate")
def _():
    raises(UnicodeEncodeError, conv.echo_string, "a\ud800b")
    raises(UnicodeEncodeError, conv.str_len, "\udfff")
    raises(UnicodeEncodeError, conv.cow_upper, "x\ud800")


@scenario("bytes")
def _():
    assert conv.bytes_sum(b"\x01\x02") == 3
    assert conv.bytes_as_vec(b"ab") == b"ab"
    assert fun.echo_bytes(b"a\x00b") == b"a\x00b"
    raises(TypeError, conv.bytes_sum, "str")


@scenario("Vec, arrays, tuples")
def _():
    assert conv.vec_squares([1, 2, 3]) == [1, 4, 9]
    assert conv.vec_squares((4,)) == [16]
    assert conv.vec_words("a b  c") == ["a", "b", "c"]
    assert conv.array_rev([1, 2, 3]) == [3, 2, 1]
    assert conv.swap_pair((1, "x")) == ("x", 1)
    assert conv.min_max([3, 1, 2]) == (1, 3) and conv.min_max([]) is None


@scenario("Vec, arrays, tuples errors")
def _():
    raises(TypeError, conv.vec_squares, "abc")   # str is not a sequence of ints here
    raises(TypeError, conv.vec_squares, [1, "2"])
    raises(OverflowError, conv.vec_squares, [1, 2**70])
    raises(ValueError, conv.array_rev, [1, 2])
    raises(TypeError, conv.swap_pair, (1, 2))
    raises(TypeError, conv.swap_pair, [1])


@scenario("dicts and sets")
def _():
    assert conv.hashmap_invert({"a": 1, "b": 2}) == {1: "a", 2: "b"}
    assert conv.btreemap_keys({"b": 1, "a": 2}) == ["a", "b"]
    assert conv.btreemap_counts("aab") == {"a": 2, "b": 1}
    assert conv.hashset_unique([1, 1, 2]) == {1, 2}
    assert conv.hashset_len({"a", "b"}) == 2 and conv.hashset_len(frozenset({"a"})) == 1


@scenario("dicts and sets errors")
def _():
    raises(TypeError, conv.hashmap_invert, {"a": "b"})
    raises(TypeError, conv.hashmap_invert, [("a", 1)])
    raises(TypeError, conv.hashset_len, {1, 2})


@scenario("nested containers")
def _():
    assert conv.echo_nested_list([[1], [2, 3], []]) == [[1], [2, 3], []]
    assert conv.echo_tuple_mix((1, 2.5, "s", True)) == (1, 2.5, "s", True)
    assert conv.echo_dict_of_lists({"a": [1, None]}) == {"a": [1, None]}
    assert conv.echo_int_set({1, 2}) == {1, 2} and conv.echo_str_set(frozenset({"x"})) == {"x"}
    deep = [("k", {1: [(True, 0.5)], 2: []})]
    assert conv.echo_deep(deep) == deep


@scenario("nested containers errors")
def _():
    raises(TypeError, conv.echo_nested_list, [[1], ["x"]])
    raises(TypeError, conv.echo_dict_of_lists, {"a": [1, "b"]})
    raises(UnicodeEncodeError, conv.echo_str_set, {"ok", "\ud800"})
    raises(TypeError, conv.echo_deep, [("k", {1: [(True, "no")]})])


@scenario("PathBuf")
def _():
    assert str(conv.path_join("/tmp", "x")) == "/tmp/x"
    assert str(conv.path_join(Path("/a"), "b")) == "/a/b"
    raises(TypeError, conv.path_join, 5, "x")


# ---- calls and argument errors ---------------------------------------------------------------
@scenario("signatures")
def _():
    assert fun.add(1, 2) == 3 and fun.add(a=1, b=2) == 3
    assert fun.nothing() == 7
    assert fun.negate(4) == -4
    assert fun.layout(1, 2, 3, d=4) == "a=1 b=2 c=3 d=4 e=5"
    assert fun.layout(1, 2, c=3, d=4, e=6) == "a=1 b=2 c=3 d=4 e=6"
    assert fun.greet() == "HelloHello" and fun.greet("x", times=3, suffix="!") == "xxx!"
    assert fun.salute() == "Hello!"
    fun.collect(1, 2, 3, k="v", z=None)
    fun.collect(1)
    assert fun.renamed(2) == 200
    assert fun.module_name().startswith("fe_functions")


@scenario("argument errors")
def _():
    raises(TypeError, fun.add, 1)                  # missing argument
    raises(TypeError, fun.add, 1, 2, 3)            # too many
    raises(TypeError, fun.add, 1, b=2, c=3)        # unexpected keyword
    raises(TypeError, fun.add, 1, a=1)             # given twice
    raises(TypeError, fun.add, "1", 2)             # wrong type
    raises(TypeError, fun.negate, "x")             # METH_O wrong type
    raises(TypeError, fun.nothing, 1)              # METH_NOARGS with an argument
    raises(TypeError, fun.layout, 1, b=2, c=3, d=4)  # positional-only passed by keyword
    raises(TypeError, fun.layout, 1, 2, 3, 4)      # keyword-only passed positionally
    raises(TypeError, fun.collect, "x", 1, k=2)
    raises(OverflowError, fun.greet, "x", -1)


# ---- errors and panics -----------------------------------------------------------------------
MISSING = os.path.join(tempfile.gettempdir(), "ferrule-leaks-no-such-file")


@scenario("PyResult errors")
def _():
    raises(ValueError, fun.returns_ok_unit, True)
    assert fun.returns_ok_unit(False) is None
    raises(ValueError, fun.checked_sqrt, -1.0)
    raises(ValueError, fun.parse_int, "x")
    raises(FileNotFoundError, fun.read_text, MISSING)
    raises(fun.MyError, fun.raise_my_error, "m")
    assert fun.maybe_double(-1) is None and fun.maybe_double(2) == 4


@scenario("panics")
def _():
    raises(PanicException, fun.boom, "x")
    raises(PanicException, fun.boom_any)
    for kind in ("str", "string", "int", "unit", "struct"):
        raises(PanicException, fun.panic_with, kind)


@scenario("panic holding arguments")
def _():
    raises(PanicException, fun.panic_holding, [object(), "a", 1], "text")


@scenario("panic in Drop of a returned value")
def _():
    raises(PanicException, fun.returns_panics_on_drop, 3)


# ---- callbacks and detach --------------------------------------------------------------------
def _fail(x):
    raise KeyError(x)


@scenario("callbacks")
def _():
    assert fun.apply(lambda x: [x], 3) == [3]
    raises(KeyError, fun.apply, _fail, 1)
    assert fun.detach_then_call(str, 5) == "5"
    raises(KeyError, fun.detach_then_call, _fail, 2)
    raises(PanicException, fun.apply, lambda x: fun.boom("through a callback"), 1)


@scenario("detach")
def _():
    assert fun.sum_detached(10) == 45
    assert fun.sum_allow_threads(10) == 45
    assert fun.sleep_detached(0) == 0


@scenario("callback from a Rust thread", slow=True)
def _():
    assert fun.call_from_thread(lambda: 5) == 5
    raises(TypeError, fun.call_from_thread, lambda: "not an int")


@scenario("reference dropped by a detached Rust thread", slow=True)
def _():
    fun.spawn_then_drop(0, [1, 2])


def _settle(name: str) -> None:
    """Lets Rust threads finish and applies their deferred decrefs (done at the next attach)."""
    if name in SLOW:
        time.sleep(0.05)
        fun.add(0, 0)
    gc.collect()


from leaks_mutation import register_mutation_scenarios  # type: ignore[import-not-found]  # noqa: E402

register_mutation_scenarios(scenario, raises, conv)


# ---- pyclasses -------------------------------------------------------------------------------
if fe_classes is not None:
    try:
        from leaks_classes import register_class_scenarios  # type: ignore[import-not-found]
    except ImportError:
        register_class_scenarios = None
    if register_class_scenarios is not None:
        register_class_scenarios(scenario, raises, fe_classes, PanicException)

try:  # special methods, over tests/crates/fe_protocols
    import fe_protocols  # type: ignore[import-not-found]
    from leaks_protocols import register_protocol_scenarios  # type: ignore[import-not-found]
except ImportError:
    fe_protocols = None
if fe_protocols is not None:
    register_protocol_scenarios(scenario, raises, fe_protocols)

try:  # soundness rules, over tests/crates/fe_soundness
    import fe_soundness  # type: ignore[import-not-found]
    from leaks_soundness import register_soundness_scenarios  # type: ignore[import-not-found]
except ImportError:
    fe_soundness = None
if fe_soundness is not None:
    register_soundness_scenarios(scenario, raises, fe_soundness, PanicException)

try:  # `async fn` bindings, over the coroutines of tests/crates/fe_genapi
    import fe_genapi  # type: ignore[import-not-found]
    from leaks_coroutines import register_coroutine_scenarios  # type: ignore[import-not-found]
except ImportError:
    fe_genapi = None
if fe_genapi is not None:
    register_coroutine_scenarios(scenario, raises, fe_genapi)


# ---- measurement -----------------------------------------------------------------------------
WARMUP = 20


def refcount_growth(name: str, fn, n: int) -> int:
    for _ in range(WARMUPS.get(name, WARMUP)):
        fn()
    _settle(name)
    before = sys.gettotalrefcount()
    for _ in range(n):
        fn()
    _settle(name)
    return sys.gettotalrefcount() - before


def traced_growth(name: str, fn, n: int) -> int:
    tracemalloc.start()
    try:
        for _ in range(WARMUPS.get(name, WARMUP)):
            fn()
        _settle(name)
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(n):
            fn()
        _settle(name)
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


class QuietStderr:
    """Sends fd 2 to /dev/null: Rust's panic hook prints every one of thousands of panics."""

    def __enter__(self):
        sys.stderr.flush()
        self.saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)


def leaky_for_selftest():
    """Leaks one reference (and one small object) per call: the driver must catch it."""
    import ctypes
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(object()))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=2000, help="calls per scenario")
    parser.add_argument("-k", default="", help="only scenarios whose name contains this")
    parser.add_argument("--once", action="store_true", help="run each scenario a few times, no measuring")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--selftest", action="store_true", help="measure a deliberately leaking scenario")
    parser.add_argument("--shard", default="0/1", help="I/N: every Nth scenario from the Ith (processes side by side)")
    args = parser.parse_args()
    shard, shards = (int(x) for x in args.shard.split("/"))

    chosen = {name: fn for i, (name, fn) in enumerate(SCENARIOS.items()) if args.k in name and i % shards == shard}
    if args.selftest:
        chosen = {"selftest: leaks one object per call": leaky_for_selftest}
    if args.list:
        print("\n".join(chosen))
        return 0
    if args.once:
        for name, fn in chosen.items():
            for _ in range(3):
                fn()
            _settle(name)
        print(f"ran {len(chosen)} scenarios")
        return 0

    if not hasattr(sys, "gettotalrefcount"):
        print("error: this interpreter has no sys.gettotalrefcount(); run a debug build (python3.11-dbg)")
        return 2
    # Tolerances: a one-reference-per-call leak grows the total by n; one small object per
    # call by at least 16 * n bytes. Noise (a lazily built cache, a free list) is a few dozen.
    print(f"classes: {'fe_classes' if fe_classes is not None else 'none (tests/crates/fe_classes not installed)'}")
    print(f"protocols: {'fe_protocols' if fe_protocols is not None else 'none (not installed)'}")
    print(f"soundness: {'fe_soundness' if fe_soundness is not None else 'none (not installed)'}")
    print(f"coroutines: {'fe_genapi' if fe_genapi is not None else 'none (not installed)'}")
    failed = []
    start = time.perf_counter()
    for name, fn in chosen.items():
        n = max(args.n // SLOW_DIVISOR, 50) if name in SLOW else args.n
        with QuietStderr():
            refs = refcount_growth(name, fn, n)
            mem = traced_growth(name, fn, n)
        ref_limit = max(n // 10, 10)
        mem_limit = max(2 * n, 4096) + NOISE.get(name, 0)
        ok = refs < ref_limit and mem < mem_limit
        if not ok:
            # A leak grows on every round; a cache or free list filled once (other scenarios' order
            # decides when) does not grow again: measure a second time before calling it a leak.
            with QuietStderr():
                refs, mem = refcount_growth(name, fn, n), traced_growth(name, fn, n)
            ok = refs < ref_limit and mem < mem_limit
        print(f"{'ok  ' if ok else 'LEAK'} {name}: n={n} refcount {refs:+d} (limit {ref_limit}), "
              f"traced {mem:+d} B (limit {mem_limit})", flush=True)
        if not ok:
            failed.append(name)
    print(f"{len(chosen)} scenarios, {len(failed)} leaking, {time.perf_counter() - start:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
