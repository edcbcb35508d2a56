"""Mutation-during-extraction scenarios for the leak driver (tests/leaks/driver.py), over
tests/crates/fe_conversions: an item's `__index__` swaps a dict key, grows a dict or a list,
while a `HashMap`/`BTreeMap`/`Vec`/`[T; N]` argument is extracted. The extraction raises
RuntimeError; what it had already converted (and the items it held) must be released."""

from __future__ import annotations


class KeySwapper:
    """`__index__` (once) replaces the key just visited by another: same size, new keys."""

    def __init__(self, d: dict, key: str):
        self.d, self.key = d, key

    def __index__(self) -> int:
        if self.key in self.d:
            del self.d[self.key]
            self.d["fresh"] = 0
        return 1


class Appender:
    """`__index__` appends to its container (a list, or a dict under a new key)."""

    def __init__(self, target):
        self.target = target

    def __index__(self) -> int:
        if isinstance(self.target, dict):
            self.target[f"k{len(self.target)}"] = 0
        else:
            self.target.append(99)
        return 1


class LyingList(list):
    """A list whose `__len__` disagrees with its real size; not a mutation at all."""

    def __len__(self) -> int:
        return 1


def register_mutation_scenarios(scenario, raises, conv) -> None:
    @scenario("dict key swapped during HashMap extraction")
    def _():
        for extract in (conv.hashmap_invert, conv.btreemap_keys):
            d: dict = {}
            d["a"] = KeySwapper(d, "a")
            d["b"], d["c"] = 2, 3
            raises(RuntimeError, extract, d)

    @scenario("dict grown during HashMap extraction")
    def _():
        d: dict = {"x": 5}
        d["a"] = Appender(d)
        raises(RuntimeError, conv.hashmap_invert, d)

    @scenario("list grown during Vec and array extraction")
    def _():
        for kind in (list, LyingList):
            items = kind(["filler", 0, 0])
            items[0] = 4
            items[1] = Appender(items)
            raises(RuntimeError, conv.vec_squares, items)
        items = [2, Appender([]), 3]
        items[1].target = items
        raises(RuntimeError, conv.array_rev, items)

    @scenario("list subclass whose __len__ lies, extracted to Vec")
    def _():
        assert conv.vec_squares(LyingList([1, 2, 3])) == [1, 4, 9]
