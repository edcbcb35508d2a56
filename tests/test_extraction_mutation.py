"""Containers changed by Python code that runs while they are being extracted
(an item's `__index__`), and CPython's own overflow messages for integers.

The extraction must raise, as CPython's iterators do, and never return
data the container never held at once."""

from __future__ import annotations

import pytest

from arg_errors import argument_error, assert_names_argument


class Replacer:
    """An int whose `__index__` (once) removes the key just visited from `d` and
    adds a fresh one: the size never changes, but a walk that trusts the size
    alone finds a key too many (CPython's own `for k in d` raises here)."""

    def __init__(self, d: dict, key: str):
        self.d, self.key = d, key

    def __index__(self) -> int:
        if self.key in self.d:
            del self.d[self.key]
            self.d["fresh"] = 0
        return 1


def replacing_dict() -> dict:
    d: dict = {}
    d["a"] = Replacer(d, "a")
    d["b"] = 2
    d["c"] = 3
    return d


@pytest.mark.parametrize("extract", ["hashmap_invert", "btreemap_keys"])
def test_dict_whose_keys_change_during_extraction_raises(fe_conversions, extract):
    d = replacing_dict()
    with argument_error("map", match="^dictionary keys changed during iteration$", exc=RuntimeError):
        getattr(fe_conversions, extract)(d)
    assert len(d) == 3


class Grower:
    def __init__(self, d: dict):
        self.d = d

    def __index__(self) -> int:
        self.d[f"k{len(self.d)}"] = 0
        return 1


def test_dict_that_grows_during_extraction_raises(fe_conversions):
    d: dict = {}
    d["a"] = Grower(d)
    with argument_error("map", match="^dictionary changed size during iteration$", exc=RuntimeError):
        fe_conversions.hashmap_invert(d)


class ListChanger:
    def __init__(self, items: list, grow: bool):
        self.items, self.grow = items, grow

    def __index__(self) -> int:
        if self.grow:
            self.items.append(99)
        else:
            self.items.pop()
        return 1


@pytest.mark.parametrize("grow", [True, False])
@pytest.mark.parametrize("kind", ["list", "list subclass"])
def test_list_resized_during_extraction_raises(fe_conversions, grow, kind):
    items = [] if kind == "list" else type("L", (list,), {})()
    items.extend([0, 0, 0])
    items[0] = ListChanger(items, grow)
    with argument_error("xs", match="^sequence changed size during iteration$", exc=RuntimeError):
        fe_conversions.vec_squares(items)


class LyingLen(list):
    """A list subclass whose `__len__` is not its real size."""

    def __len__(self) -> int:
        return 1


def test_list_subclass_with_a_lying_len_is_not_taken_for_a_resize(fe_conversions):
    assert fe_conversions.vec_squares(LyingLen([1, 2, 3, 4])) == [1, 4, 9, 16]


class Inserter:
    """`__index__` (once) inserts at the front, shifting every later item back by one."""

    def __init__(self, items: list, n: int):
        self.items, self.n, self.done = items, n, False

    def __index__(self) -> int:
        if not self.done:
            self.done = True
            self.items.insert(0, 50)
        return self.n


@pytest.mark.parametrize("kind", ["list", "list subclass"])
def test_list_resized_during_array_extraction_raises(fe_conversions, kind):
    items = [] if kind == "list" else type("L", (list,), {})()
    items.extend([0, 0, 0])
    items[0] = Inserter(items, 1)
    items[1], items[2] = 2, 3
    # Read by index, the shifted list would give [1, 1, 2]: an item twice, one lost.
    with argument_error("xs", match="^sequence changed size during iteration$", exc=RuntimeError):
        fe_conversions.array_rev(items)
    assert fe_conversions.array_rev([1, 2, 3]) == [3, 2, 1]


class SetSwapper:
    """Hashable int-like: `__index__` swaps another member of the set for a new one."""

    def __init__(self, n: int, owner: set | None = None):
        self.n, self.owner = n, owner

    def __hash__(self) -> int:
        return self.n

    def __index__(self) -> int:
        if self.owner is not None:
            victim = next(x for x in self.owner if x is not self)
            self.owner.discard(victim)
            self.owner.add(SetSwapper(victim.n + 1000, self.owner))
        return self.n


def test_set_changed_during_extraction_never_returns_more_than_it_held(fe_conversions):
    s: set = set()
    for n in range(8):
        s.add(SetSwapper(n, s))
    try:
        result = fe_conversions.echo_int_set(s)
    except RuntimeError as e:
        assert str(e) == "Set changed size during iteration"
    else:
        assert len(result) <= 8


@pytest.mark.parametrize("fn, value, message", [
    ("echo_i64", 2**63, "Python int too large to convert to C long"),
    ("echo_i64", -2**63 - 1, "Python int too large to convert to C long"),
    # PyO3 reads `u64` through C `unsigned long long` (CPython's messages for that reader), and
    # narrower types through C `long`, then says Rust's `TryFromIntError`.
    ("echo_u64", 2**64, "int too big to convert"),
    ("echo_u64", -1, "can't convert negative int to unsigned"),
    ("echo_usize", -1, "can't convert negative int to unsigned"),
    ("echo_i32", 2**40, "out of range integral type conversion attempted"),
    ("echo_i32", -2**31 - 1, "out of range integral type conversion attempted"),
    ("echo_u32", -1, "out of range integral type conversion attempted"),
    # CPython has no 128-bit converter; these are PyO3's words.
    ("echo_i128", 2**127, "Python int larger than 128 bits"),
    ("echo_i128", -2**127 - 1, "Python int larger than 128 bits"),
    ("echo_u128", 2**128, "Python int larger than 128 bits"),
    ("echo_u128", -1, "can't convert negative int to unsigned"),
])
def test_integer_overflow_has_cpythons_message(fe_conversions, fn, value, message):
    with pytest.raises(OverflowError) as info:
        getattr(fe_conversions, fn)(value)
    assert str(info.value) == message, str(info.value)
    assert_names_argument(info.value, "x")  # not a TypeError: the same OverflowError, with PyO3's note
    assert getattr(fe_conversions, fn)(7) == 7


def test_std_conversion_errors_raise_pyo3s_exception(fe_conversions):
    assert fe_conversions.narrow(200) == 200
    with pytest.raises(ValueError, match="^out of range integral type conversion attempted$"):
        fe_conversions.narrow(300)
