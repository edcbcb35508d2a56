"""Special-method scenarios for the leak driver (tests/leaks/driver.py), over tests/crates/fe_protocols."""

from __future__ import annotations

import operator
import sys


def register_protocol_scenarios(scenario, raises, m) -> None:
    @scenario("operators, reflected and in-place")
    def _():
        a, b = m.Num(7), m.Num(2)
        assert (a + b).v == 9 and (3 + a).v == 10 and (a - 1).v == 6 and (10 - a).v == 3
        assert a / 2 == 3.5 and divmod(a, 2) == (3, 1) and pow(b, 3, 5).v == 3 and 2 ** b == 4 and a @ 1 == "7@1"
        n = m.Num(1)
        n += 2
        n -= m.Num(1)
        n -= n  # borrow conflict: NotImplemented, then n - n
        assert n.v == 0 and (-a).v == -7 and +a is a and ~a == -8 and int(a) == 7 and [1, 2][m.Num(1)] == 2

    @scenario("operator errors (NotImplemented)")
    def _():
        a = m.Num(1)
        raises(TypeError, operator.add, a, None)
        raises(TypeError, operator.add, None, a)
        raises(TypeError, operator.lt, a, 1)
        raises(TypeError, operator.isub, a, "x")
        raises(ZeroDivisionError, operator.truediv, a, 0)
        raises(ValueError, operator.imul, a, -1)
        assert a.__add__("x") is NotImplemented

    @scenario("comparisons and hashing")
    def _():
        assert m.Num(1) < m.Num(2) and m.Num(1) == m.Num(1) and (m.Num(1) == 1) is False
        assert m.Version(1, 0) != m.Version(1, 1) and m.Version(1, 0) <= m.Version(1, 0)
        assert m.Rank(1) < m.Rank(2) and not (m.Rank(1, float("nan")) == m.Rank(1, float("nan")))
        assert hash(m.Num(-1)) == -2 and {m.Num(3): 1}[m.Num(3)] == 1 and str(m.Num(3)) == "3"
        raises(TypeError, hash, m.Version(1, 0))

    @scenario("sequence and mapping protocols")
    def _():
        s = m.Seq([1, 2, 3])
        s[0] = 10
        del s[1]
        assert len(s) == 2 and s[-1] == 3 and 3 in s and repr(s) == "Seq([10, 3])"
        raises(IndexError, s.__getitem__, 9)
        raises(TypeError, s.__getitem__, "a")
        t = m.Table()
        t["k"] = 1
        assert t["k"] == 1 and "k" in t and len(t) == 1
        del t["k"]
        raises(KeyError, t.__getitem__, "k")
        raises(KeyError, t.__delitem__, "k")
        raises(RuntimeError, t.mutate_with, t, lambda o: o["k"])
        raises(ValueError, len, m.Sized(-1))
        raises(OverflowError, len, m.Sized(sys.maxsize + 1))

    @scenario("iteration")
    def _():
        assert list(m.Seq([1, 2])) == [1, 2] and list(m.Countdown(3)) == [3, 2, 1]
        assert list(m.Squares(3)) == [0, 1, 4]
        it = iter(m.Seq([]))
        raises(StopIteration, next, it)
        c = m.Countdown(2, fail_at=1)
        next(c)
        raises(ValueError, next, c)

    @scenario("__call__ with keywords and borrow conflicts")
    def _():
        a = m.Adder()
        assert a(1, scale=2) == 2
        raises(TypeError, a, 1, 2)
        raises(TypeError, a, 1, nope=1)
        raises(TypeError, a, "x")
        raises(RuntimeError, a, 1, hook=lambda: a(1))

    @scenario("declarative module classes and options")
    def _():
        inner = m.Inner(m.Mode.Slow)
        assert inner.mode == m.Mode.Slow and repr(inner) == "Inner(10)" and int(m.Mode.Fast) == 0
        c = m.Config()
        c.maxSize = 5
        assert c.maxSize == 5 and m.Placed() is not None
        raises(TypeError, m.Inner, 1)
