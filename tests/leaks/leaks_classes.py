"""Pyclass scenarios for the leak driver (tests/leaks/driver.py), over tests/crates/fe_classes."""

from __future__ import annotations

import gc
import sys


def register_class_scenarios(scenario, raises, m, PanicException) -> None:
    @scenario("class construction")
    def _():
        m.Counter()
        m.Counter(3, "x")
        m.Counter(count=4, label="y")
        assert m.make_no_new(2).value() == 2
        assert m.Point(1, -2).norm1() == 3
        assert m.Child(1, 2).total() == 3
        o = m.Open()
        o.extra = [1]

    @scenario("class construction errors")
    def _():
        raises(TypeError, m.Counter, "x")
        raises(TypeError, m.NoNew)
        raises(TypeError, m.Point, 1)
        raises(OverflowError, m.Point, 2**40, 0)

    @scenario("class methods, getters, setters")
    def _():
        c = m.Counter(5, "l")
        assert c.add(2) == 7 and c.get() == 7
        assert c.via_ref() == 7 and c.via_mut() == 14 and c.via_bound() == 15
        assert c.reenter(m.Counter(1)) == 15
        assert c.double == 28 and c.count == 14 and c.name == "l" and c.label == "l"
        c.count = 3
        c.name = "new"
        assert repr(c) == 'Counter(3, "new")' and c.second_block() == "second"
        assert m.Counter.twice(2) == 4 and m.Counter.kind() == "Counter" and m.Counter.LIMIT == 100
        p = m.Point(1, 2)
        assert p == m.Point(1, 2) and hash(p) == hash(m.Point(1, 2)) and str(p) == "(1, 2)"
        assert m.Color.Red == m.Color.Red and m.Color.Green != m.Color.Blue

    @scenario("class method errors")
    def _():
        c = m.Counter(1)
        raises(TypeError, c.add, "x")
        raises(TypeError, c.add)
        raises(ValueError, setattr, c, "name", "")
        raises(TypeError, setattr, c, "count", "x")
        raises(AttributeError, setattr, c, "label", "x")
        raises(TypeError, m.Counter.add, 5, 1)
        raises(TypeError, m.take_ref, 5)
        try:
            raise m.MyError(7)
        except m.MyError as e:
            assert e.code == 7

    @scenario("class borrows")
    def _():
        c = m.Counter(2)
        assert m.take_ref(c) == 2 and m.take_bound(c) == 2 and m.take_py(c) == 2
        m.take_mut(c)
        assert m.take_counter(c) == 3
        raises(RuntimeError, c.reenter, c)
        raises(RuntimeError, c.call_back, lambda: c.add(1))
        c.call_back(lambda: c.get())

    @scenario("pyclass reference parameters")
    def _():
        c, p = m.Counter(2), m.Point(1, 2)
        assert m.point_sum(p) == 3 and m.maybe_point(p) == 1 and m.maybe_point() == -1
        assert m.bump(c, 1) == 3 and c.merge(m.Counter(1)) == 4 and c.plus(c) == 8 and c.plus() == 4
        c.give_to(m.Counter())
        assert not c < c
        raises(TypeError, m.point_sum, c)
        raises(TypeError, c.merge, "x")
        raises(RuntimeError, c.merge, c)
        raises(RuntimeError, c.give_to, c)
        assert c.__lt__(1) is NotImplemented
        raises(TypeError, lambda: c < 1)

    @scenario("class drop and panicking drop")
    def _():
        log = []
        m.Dropper(False, log)
        hook = sys.unraisablehook
        sys.unraisablehook = lambda u: None
        try:
            m.Dropper(True, log)
        finally:
            sys.unraisablehook = hook
        assert log == ["dropped", "dropped"]

    @scenario("class GC cycles", slow=True)  # a full collection per call
    def _():
        payload = [object()]
        a, b = m.Node(payload), m.Node(payload)
        a.link(b)
        b.link(a)
        del a, b
        gc.collect()

    try:
        m.Panicky().method()
    except BaseException as e:  # noqa: BLE001 - this module's own PanicException
        ClassPanic = type(e)

    @scenario("class member panics")
    def _():
        p = m.Panicky()
        raises(ClassPanic, m.Panicky, True)
        raises(ClassPanic, p.method)
        raises(ClassPanic, getattr, p, "value")
        raises(ClassPanic, setattr, p, "value", 1)
        raises(ClassPanic, len, p)
        raises(ClassPanic, p.__add__, 1)
        raises(ClassPanic, p.bump_then_panic)
        p.bump()  # the borrow was released
        it = m.PanicIter()
        assert next(it) == 1 and next(it) == 2
        raises(ClassPanic, next, it)

    @scenario("complex enum variants")
    def _():
        S = m.Shape
        c, p = S.Circle(1.0), S.Pair(2, "two")
        assert c.radius == 1.0 and c.area() == 3.0 and p[1] == "two" and len(p) == 2 and p == S.Pair(2, "two")
        assert type(m.make_shape("rectangle")) is S.Rectangle and m.shape_debug(p) == 'Pair(2, "two")'
        raises(TypeError, S)
        raises(TypeError, S.Circle, "x")
        raises(IndexError, p.__getitem__, 5)
        raises(AttributeError, setattr, c, "radius", 2.0)
