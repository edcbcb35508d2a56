"""End to end: special methods in type slots (tests/crates/fe_protocols)."""

from __future__ import annotations

import operator
import re
import sys

import pytest

from pypy_support import interpreter_type_error
from arg_errors import argument_error


def test_repr_str_hash_bool(fe_protocols):
    Num = fe_protocols.Num
    n = Num(5)
    assert repr(n) == "Num(5)" and str(n) == "5" and f"{n}" == "5"
    assert hash(n) == 5 and hash(Num(-1)) == -2  # -1 is CPython's error value, as for ints
    assert bool(n) and not bool(Num(0))
    assert {Num(1): "a"}[Num(1)] == "a"


def test_richcmp_with_compare_op(fe_protocols):
    Num = fe_protocols.Num
    assert Num(1) < Num(2) <= Num(2) and Num(3) > Num(2) >= Num(2)
    assert Num(1) == Num(1) and Num(1) != Num(2)
    assert (Num(1) == 1) is False and (Num(1) != 1) is True  # NotImplemented both ways: identity
    with interpreter_type_error("'<' not supported between instances of 'fe_protocols.Num' and 'int'"):
        Num(1) < 1


def test_individual_comparisons_merge_into_one_slot(fe_protocols):
    V = fe_protocols.Version
    assert V(1, 2) == V(1, 2) and V(1, 2) != V(1, 3)  # __ne__ from __eq__
    assert V(1, 2) < V(1, 3) and V(1, 2) <= V(1, 2) and V(2, 0) > V(1, 9) and V(2, 0) >= V(2, 0)
    assert sorted([V(2, 0), V(1, 5), V(1, 0)], key=lambda v: v.key()) == [V(1, 0), V(1, 5), V(2, 0)]
    assert (V(1, 0) == "x") is False
    with pytest.raises(TypeError, match="'>' not supported"):
        V(1, 0) > "x"
    # __eq__ without __hash__ makes instances unhashable, as in Python.
    assert V.__hash__ is None
    with interpreter_type_error("unhashable type: 'fe_protocols.Version'"):
        hash(V(1, 0))


def test_ord_option(fe_protocols):
    R = fe_protocols.Rank
    assert R(1) < R(2) and R(2, 0.5) > R(2, 0.1) and R(3) == R(3) and R(1) != R(2)
    assert R(1) <= R(1) and R(2) >= R(1)
    nan = R(1, float("nan"))
    assert not (nan < R(1)) and not (nan == nan)  # partial_cmp → None: all false but !=
    with pytest.raises(TypeError, match="'<' not supported"):
        R(1) < 1
    assert R.__hash__ is None


def test_binary_and_reflected_operators(fe_protocols):
    Num = fe_protocols.Num
    a, b = Num(7), Num(2)
    assert (a + b).v == 9 and (3 + a).v == 10
    assert (a - 2).v == 5 and (10 - a).v == 3
    assert (a * 3).v == 21 and a @ 2 == "7@2"
    assert a / 2 == 3.5 and a // 2 == 3 and a % 2 == 1 and divmod(a, 2) == (3, 1)
    assert (b ** 3).v == 8 and pow(b, 3, 5).v == 3 and 2 ** b == 4
    assert a << 1 == 14 and a >> 1 == 3 and a & 3 == 3 and a | 8 == 15 and a ^ 1 == 6
    assert 3 & a == "rand 3"
    with pytest.raises(ZeroDivisionError, match="Num division by zero"):
        a / 0


@pytest.mark.parametrize("op, sym", [
    (operator.add, "+"), (operator.sub, "-"), (operator.mul, "*"), (operator.truediv, "/"),
    (operator.floordiv, "//"), (operator.mod, "%"), (operator.lshift, "<<"), (operator.matmul, "@"),
    (operator.or_, "|"), (operator.xor, "^"), (divmod, "divmod()"), (pow, "** or pow()"),
])
def test_wrong_operand_type_is_not_implemented(fe_protocols, op, sym):
    with interpreter_type_error(rf"unsupported operand type\(s\) for {re.escape(sym)}: "
                                        r"'fe_protocols.Num' and 'NoneType'"):
        op(fe_protocols.Num(1), None)


def test_wrong_operand_type_reflected(fe_protocols):
    Num = fe_protocols.Num
    with interpreter_type_error(r"unsupported operand type\(s\) for \+: 'NoneType' and 'fe_protocols.Num'"):
        None + Num(1)
    with interpreter_type_error(r"unsupported operand type\(s\) for \+: 'fe_protocols.Num' and 'int'"):
        Num(1) + 1  # __add__ wants a Num, __radd__ an int on the left
    assert (1.5).__add__(Num(1)) is NotImplemented
    assert Num(1).__add__("x") is NotImplemented and Num(1).__radd__("x") is NotImplemented


def test_inplace_operators(fe_protocols):
    Num = fe_protocols.Num
    n = Num(2)
    ident = id(n)
    n += 3
    assert n.v == 5 and id(n) == ident
    n -= Num(1)
    assert n.v == 4 and id(n) == ident
    n *= 2
    assert n.v == 8
    n **= 2
    assert n.v == 64
    with pytest.raises(ValueError, match="negative factor"):
        n *= -1
    with interpreter_type_error(r"unsupported operand type\(s\) for -=: 'fe_protocols.Num' and 'str'"):
        n -= "x"
    m = Num(3)
    m <<= 2  # no __ilshift__: Python falls back to __lshift__ (which returns an int)
    assert m == 12


def test_inplace_borrow_conflict_falls_back(fe_protocols):
    """`n -= n`: the mutable receiver and the `PyRef` argument conflict, so the
    in-place slot returns NotImplemented and Python evaluates `n - n` instead
    (`__sub__` takes an int, which `n` converts to through `__index__`)."""
    n = orig = fe_protocols.Num(4)
    n -= n
    assert n is not orig and n.v == 0 and orig.v == 4


def test_unary_and_conversions(fe_protocols):
    Num = fe_protocols.Num
    n = Num(5)
    assert (-n).v == -5 and +n is n and abs(Num(-3)).v == 3 and ~n == -6
    assert int(n) == 5 and float(n) == 5.5 and operator.index(n) == 5
    assert [10, 20, 30, 40, 50, 60][n] == 60 and hex(Num(255)) == "0xff" and range(10)[Num(2)] == 2


def test_sequence_protocol(fe_protocols):
    s = fe_protocols.Seq([1, 2, 3])
    assert len(s) == 3 and s[0] == 1 and s[-1] == 3 and 2 in s and 9 not in s and bool(s)
    s[1] = 20
    assert list(s) == [1, 20, 3]
    del s[0]
    assert list(s) == [20, 3] and repr(s) == "Seq([20, 3])"
    with pytest.raises(IndexError, match="Seq index out of range"):
        s[5]
    with pytest.raises(IndexError):
        s[-3] = 1
    with pytest.raises(IndexError):
        del s[2]
    with pytest.raises(TypeError):
        s["a"]
    with pytest.raises(TypeError):
        "a" in s
    with pytest.raises(TypeError):
        s[0] = "x"
    assert not fe_protocols.Seq([])


def test_iteration(fe_protocols):
    it = iter(fe_protocols.Seq([4, 5]))
    assert type(it).__name__ == "SeqIter" and iter(it) is it
    assert next(it) == 4 and next(it) == 5
    with pytest.raises(StopIteration):
        next(it)
    assert next(it, "done") == "done"
    assert list(fe_protocols.Countdown(3)) == [3, 2, 1]
    c = fe_protocols.Countdown(3, fail_at=1)
    assert iter(c) is c and next(c) == 3 and next(c) == 2
    with pytest.raises(ValueError, match="failed at 1"):
        next(c)
    assert [x for x in fe_protocols.Countdown(0)] == []


def test_getitem_only_iterates_until_index_error(fe_protocols):
    sq = fe_protocols.Squares(4)
    assert sq[3] == 9 and list(sq) == [0, 1, 4, 9]
    with pytest.raises(IndexError, match="Squares index out of range"):
        sq[4]
    with pytest.raises(OverflowError):
        sq[-1]  # usize index
    with pytest.raises(TypeError, match="object does not support item assignment"):
        sq[0] = 1
    with pytest.raises(TypeError):
        len(sq)


def test_mapping_protocol(fe_protocols):
    t = fe_protocols.Table()
    t["a"] = 1
    t["b"] = 2
    assert len(t) == 2 and t["a"] == 1 and "a" in t and "z" not in t
    del t["a"]
    assert len(t) == 1
    with pytest.raises(KeyError, match="'a'"):
        t["a"]
    with pytest.raises(KeyError):
        del t["a"]
    with pytest.raises(TypeError):
        t[1]
    r = fe_protocols.Registry()
    r["x"] = 3
    assert len(r) == 1
    with pytest.raises(TypeError, match="object is not subscriptable"):
        r["x"]
    with pytest.raises(NotImplementedError, match="can't delete item"):
        del r["x"]


def test_mapping_borrow_conflict(fe_protocols):
    t = fe_protocols.Table()
    t["k"] = 1
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        t.mutate_with(t, lambda obj: obj["k"])
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        t.mutate_with(t, len)
    with pytest.raises(RuntimeError, match="Already borrowed"):
        t.mutate_with(t, lambda obj: obj.__setitem__("k", 2))
    t["k"] = 5  # the borrows were released
    assert t["k"] == 5


def test_len_errors_like_cpython(fe_protocols):
    S = fe_protocols.Sized
    assert len(S(0)) == 0 and len(S(sys.maxsize)) == sys.maxsize
    with pytest.raises(ValueError, match=r"__len__\(\) should return >= 0"):
        len(S(-1))
    with pytest.raises(OverflowError, match="cannot fit 'int' into an index-sized integer"):
        len(S(sys.maxsize + 1))
    with pytest.raises(OverflowError):
        bool(S(sys.maxsize + 1))


def test_call_with_signature(fe_protocols):
    a = fe_protocols.Adder()
    assert a(2) == 2 and a(3, scale=10) == 32 and a.total == 32
    with pytest.raises(TypeError, match=r"^Adder\.__call__\(\) takes 1 positional arguments but 2 were given$"):
        a(1, 2)
    with pytest.raises(TypeError, match=r"^Adder\.__call__\(\) got an unexpected keyword argument 'nope'$"):
        a(1, nope=2)
    with pytest.raises(TypeError, match=r"^Adder\.__call__\(\) missing 1 required positional argument: 'x'$"):
        a()
    with argument_error("x"):
        a("s")
    with pytest.raises(RuntimeError, match="Already borrowed"):
        a(1, hook=lambda: a(1))
    with pytest.raises(RuntimeError, match="Already mutably borrowed"):
        a(1, hook=lambda: a.total)
    assert a(1) == 33  # released after the errors


def test_class_options_rename_all_and_module(fe_protocols):
    c = fe_protocols.Config()
    assert (c.maxSize, c.useCache, c.explicit) == (10, True, "e")
    c.maxSize = 3
    assert c.maxSize == 3 and not hasattr(c, "max_size")
    assert fe_protocols.Placed.__module__ == "fe_protocols.elsewhere"
    assert fe_protocols.Placed.__name__ == "Placed" and fe_protocols.Num.__module__ == "fe_protocols"


def test_declarative_module_classes(fe_protocols):
    m = fe_protocols
    assert m.Mode.Fast == m.Mode.Fast and m.Mode.Slow == 10 and repr(m.Mode.Fast) == "Mode.Fast"
    assert int(m.Mode.Slow) == 10
    inner = m.Inner(m.Mode.Slow)
    assert repr(inner) == "Inner(10)" and inner.mode == m.Mode.Slow
    assert m.Inner.__module__ == "fe_protocols" and m.Inner.__doc__ == "A class declared inside the module."
    with argument_error("mode"):
        m.Inner(1)
