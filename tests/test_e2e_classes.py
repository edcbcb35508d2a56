"""End to end: #[pyclass]/#[pymethods] in tests/crates/fe_classes."""

from __future__ import annotations

import gc
import inspect
import sys
import weakref

import pytest

from pypy_support import PYPY, collect, interpreter_type_error, pypy_cannot
from arg_errors import argument_error, assert_names_argument


def test_construct_methods_and_properties(fe_classes):
    m = fe_classes
    c = m.Counter(3)
    assert c.add(2) == 5 and c.get() == 5 and c.count == 5 and c.double == 10
    assert c.name == "c" and c.label == "c"
    c.count = 7
    c.name = "x"
    assert (c.count, c.label) == (7, "x")
    with pytest.raises(ValueError, match="empty name"):
        c.name = ""
    with pytest.raises(AttributeError):
        c.label = "y"  # get only
    with pytest.raises(AttributeError, match="can't delete attribute 'count'"):
        del c.count
    assert repr(c) == 'Counter(7, "x")'
    assert c.second_block() == "second"
    assert m.Counter().count == 0 and m.Counter(label="z").label == "z"


def test_static_class_methods_and_class_attributes(fe_classes):
    m = fe_classes
    assert m.Counter.twice(4) == 8 and m.Counter(1).twice(2) == 4
    assert m.Counter.kind() == "Counter"
    assert m.Counter.LIMIT == 100 and m.Counter.default_label == "c"


def test_names_docs_signatures(fe_classes):
    m = fe_classes
    assert m.Counter.__module__ == "fe_classes" and m.Counter.__qualname__ == "Counter"
    assert m.Counter.__doc__ == "A counter."
    if not PYPY:  # cpyext gives spec-made types and their methods no __text_signature__ (README: PyPy)
        assert str(inspect.signature(m.Counter)) == "(count=0, label='c')"
        assert str(inspect.signature(m.Counter.add)) == "(self, /, n)"
        assert m.Counter.add.__doc__ == "Adds `n`."


def test_receivers(fe_classes):
    c = fe_classes.Counter(5)
    assert c.via_ref() == 5 and c.via_mut() == 10 and c.via_bound() == 11
    assert c.reenter(fe_classes.Counter(1)) == 11


def test_borrow_conflicts(fe_classes):
    c = fe_classes.Counter(1)
    with argument_error("other", match="^Already mutably borrowed$", exc=RuntimeError):  # PyO3's note too
        c.reenter(c)
    with pytest.raises(RuntimeError, match="^Already borrowed$"):
        c.call_back(lambda: c.add(1))
    # The borrows were released when the errors propagated.
    assert c.add(1) == 2


def test_errors(fe_classes):
    m = fe_classes
    with pytest.raises(TypeError, match="^cannot create 'fe_classes.NoNew' instances$"):
        m.NoNew()
    assert m.make_no_new(4).value() == 4
    with argument_error("n"):
        m.Counter(1).add("x")
    with interpreter_type_error("doesn't apply to a 'int' object"):
        m.Counter.add(5, 1)
    with argument_error("c", match="'int' object is not an instance of 'Counter'"):
        m.take_ref(5)


def test_instances_flow(fe_classes):
    m = fe_classes
    c = m.Counter(10)
    assert m.take_counter(c) == 10 and m.take_ref(c) == 10
    assert m.take_mut(c) is None and c.count == 11
    assert m.take_bound(c) == 11 and m.take_py(c) == 11
    assert isinstance(m.make_no_new(1), m.NoNew)


def test_pyclass_reference_parameters(fe_classes):
    m = fe_classes
    p = m.Point(3, 4)
    assert m.point_sum(p) == 7 and m.point_sum(p=p) == 7
    assert m.maybe_point(p) == 3 and m.maybe_point() == -1 and m.maybe_point(None) == -1
    assert m.borrowed_point_x(p) == 3
    # `p=&ORIGIN`: a borrowed class with a default reference.
    assert m.point_or_origin() == 0 and m.point_or_origin(p) == 7 and m.point_or_origin(scale=2, p=p) == 14
    assert p.distance1() == 7 and p.distance1(m.Point(1, 1)) == 5 and p.distance1(other=p) == 0
    with argument_error("p", match="^'None' is not an instance of 'Point'$"):
        m.point_or_origin(None)
    with argument_error("other", match="^'Counter' object is not an instance of 'Point'$"):
        p.distance1(m.Counter())
    with pytest.raises(TypeError, match="^'Counter' object is not an instance of 'Point'$"):
        m.borrowed_point_x(m.Counter(1))
    c, d = m.Counter(5), m.Counter(2)
    assert m.bump(c, 3) == 8 and c.count == 8
    assert c.merge(d) == 10 and (c.count, d.count) == (10, 2)
    assert c.plus(d) == 12 and c.plus() == 10 and c.plus(None) == 10
    d.give_to(c)
    assert (c.count, d.count) == (12, 2)
    assert d < c and not c < d
    # A subclass instance is borrowed as its base.
    class Sub(m.Counter):
        pass
    assert c.merge(Sub(1)) == 13 and m.bump(Sub(1), 1) == 2


def test_pyclass_reference_parameters_wrong_type(fe_classes):
    m = fe_classes
    with argument_error("p", match="^'int' object is not an instance of 'Point'$"):
        m.point_sum(5)
    with argument_error("p", match="^'Counter' object is not an instance of 'Point'$"):
        m.maybe_point(m.Counter())
    with argument_error("c", match="^'Point' object is not an instance of 'Counter'$"):
        m.bump(m.Point(1, 2), 1)
    with argument_error("other", match="^'str' object is not an instance of 'Counter'$"):
        m.Counter().merge("x")
    with argument_error("other", match="^'None' is not an instance of 'Counter'$"):
        m.Counter().give_to(None)
    with pytest.raises(TypeError, match="'<' not supported"):
        m.Counter() < 1  # a foreign operand gives NotImplemented


def test_pyclass_reference_parameters_borrow_conflicts(fe_classes):
    c = fe_classes.Counter(3)
    with argument_error("other", match="^Already mutably borrowed$", exc=RuntimeError):
        c.merge(c)  # &mut self, then &Self of the same object
    with argument_error("other", match="^Already borrowed$", exc=RuntimeError):
        c.give_to(c)  # &self, then &mut Counter
    assert c.plus(c) == 6 and not c < c  # shared borrows coexist
    # Released after the errors and calls: both kinds of borrow work again.
    assert fe_classes.bump(c, 1) == 4 and c.merge(fe_classes.Counter(1)) == 5


def test_frozen_eq_hash_str(fe_classes):
    p = fe_classes.Point(1, 2)
    assert (p.x, p.y) == (1, 2) and str(p) == "(1, 2)" and p.norm1() == 3
    assert p == fe_classes.Point(1, 2) and p != fe_classes.Point(2, 1)
    assert hash(p) == hash(fe_classes.Point(1, 2))
    with pytest.raises(AttributeError):
        p.x = 3


def test_simple_enum(fe_classes):
    Color = fe_classes.Color
    assert repr(Color.Red) == "Color.Red"
    assert Color.Red == Color.Red and Color.Red != Color.Blue
    assert Color.Green == 5 and int(Color.Blue) == 6
    assert isinstance(Color.Red, Color)


def test_enum_discriminants_use_the_repr_integer(fe_classes):
    """`#[repr(usize)]` `usize::MAX`, `#[repr(i8)]` negative and expression discriminants, as PyO3 gives them."""
    Capacity, Tilt = fe_classes.Capacity, fe_classes.Tilt
    assert int(Capacity.Unbounded) == 2**64 - 1 and Capacity.Unbounded == 2**64 - 1
    assert int(Capacity.Tiny) == 4 and Capacity.Tiny == 4 and Capacity.Tiny != 5
    assert Capacity.Tiny != -1  # not a usize: no comparison, so not equal (no OverflowError)
    with pytest.raises(TypeError):  # `eq_int` without `ord`: only == and !=
        Capacity.Tiny < 5  # noqa: B015
    assert [int(t) for t in (Tilt.Down, Tilt.Level, Tilt.Up)] == [-3, 0, 3]
    assert Tilt.Down == -3 and Tilt.Up == 3 and Tilt.Level != 1 << 30  # 1 << 30 is no i8
    assert Tilt.Down < -2 and Tilt.Up >= 3 and Tilt.Down < Tilt.Up  # `ord`: orderings with ints too


def test_subclassing(fe_classes):
    m = fe_classes

    class Sub(m.Counter):
        def add(self, n):
            return super().add(n) * 10

    s = Sub(1)
    assert s.add(1) == 20 and isinstance(s, m.Counter)
    if not PYPY:  # cpyext lets any heap type be subclassed (README: PyPy)
        with pytest.raises(TypeError, match="not an acceptable base type"):
            type("S2", (m.Point,), {})
    ch = m.Child(1, 2)
    assert ch.total() == 3 and ch.base_value == 1 and ch.child_value == 2 and ch.who() == "base"
    assert isinstance(ch, m.Base)


def test_super_views_of_a_subclass(fe_classes):
    ch = fe_classes.Child(4, 5)
    assert ch.super_who() == "base"
    assert ch.base_twice() == 8  # as_super() then into_super(), both see Base's field

    class Shouting(fe_classes.Child):
        def who(self):
            return "SHOUT"

    # py_super() is super(type(self), self): it skips the Python override, as in PyO3.
    s = Shouting(1, 2)
    assert s.who() == "SHOUT" and s.super_who() == "base"


def test_extends_exception(fe_classes):
    with pytest.raises(fe_classes.MyError) as info:
        raise fe_classes.MyError(3)
    assert info.value.code == 3 and isinstance(info.value, Exception)


def test_constructor_receives_the_class(fe_classes):
    S = fe_classes.Stamped
    assert S("!").made_by == "Stamped!"

    class Sub(S):
        pass

    assert Sub("?").made_by == "Sub?" and type(Sub("")) is Sub  # the subtype being built, not the base
    assert fe_classes.StampedOwned().made_by == "StampedOwned"
    if not PYPY:  # cpyext gives spec-made types no __text_signature__ (README: PyPy)
        assert str(inspect.signature(S)) == "(suffix)"  # `cls` is not a Python parameter
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'suffix'"):
        S()


def test_dict_and_weakref(fe_classes):
    o = fe_classes.Open()
    o.x = 1
    assert o.__dict__ == {"x": 1}
    r = weakref.ref(o)
    assert r() is o
    del o
    collect()
    assert r() is None


def test_drop_once_and_panicking_drop(fe_classes, monkeypatch):
    log = []
    d = fe_classes.Dropper(False, log)
    del d
    collect()
    assert log == ["dropped"]
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(u.exc_type.__name__))
    d = fe_classes.Dropper(True, log)
    del d
    collect()
    assert log == ["dropped", "dropped"] and seen == ["PanicException"]


@pypy_cannot("cpyext does not collect reference cycles that run through C extension objects")
def test_gc_collects_cycles(fe_classes):
    class Marker:
        pass

    gc.collect()
    payload = Marker()
    r = weakref.ref(payload)
    a, b = fe_classes.Node(payload), fe_classes.Node(2)
    a.link(b)
    b.link(a)
    del a, b, payload
    collect()
    assert r() is None


def test_many_instances_refcount(fe_classes):
    total = getattr(sys, "gettotalrefcount", None)
    for _ in range(100):
        fe_classes.Counter(1)
    before = total() if total else None
    for _ in range(10000):
        c = fe_classes.Counter(1)
        c.add(1)
        del c
    if total:
        assert total() - before < 100


def test_complex_enum_variants_are_subclasses(fe_classes):
    S = fe_classes.Shape
    c, r, p, n = S.Circle(1.5), S.Rectangle(width=2.0, height=3.0), S.Pair(3, "x"), S.Nothing()
    assert all(isinstance(v, S) for v in (c, r, p, n)) and type(c) is S.Circle
    assert S.Circle.__qualname__ == "Shape.Circle" and S.Circle.__module__ == "fe_classes"
    assert (c.radius, r.width, r.height, c.area(), r.area()) == (1.5, 2.0, 3.0, 6.75, 6.0)
    assert c.describe() == "Circle { radius: 1.5 }"
    assert (p._0, p._1, len(p), p[0], p[-1], list(p), len(n)) == (3, "x", 2, 3, "x", [3, "x"], 0)
    assert S.Rectangle.__match_args__ == ("width", "height") and S.Pair.__match_args__ == ("_0", "_1")
    if not PYPY:  # no __text_signature__ for spec-made types in cpyext (README: PyPy)
        assert str(inspect.signature(S.Rectangle)) == "(width, height)"
        assert str(inspect.signature(S.Pair)) == "(_0, _1, /)"
    with pytest.raises(TypeError, match="positional-only"):
        S.Pair(_0=1, _1="a")
    assert S.Circle(1.0) == S.Circle(1.0) and S.Circle(1.0) != S.Circle(2.0) and S.Circle(1.0) != S.Pair(1, "a")
    with pytest.raises(IndexError, match="tuple index out of range"):
        p[2]
    with pytest.raises(AttributeError, match="not writable"):
        c.radius = 2.0
    with pytest.raises(TypeError, match="^cannot create 'fe_classes.Shape' instances$"):
        S()
    with pytest.raises(TypeError, match=r"Circle\(\) missing 1 required positional argument: 'radius'"):
        S.Circle()
    with argument_error("radius"):
        S.Circle("x")
    if not PYPY:  # cpyext lets any heap type be subclassed (README: PyPy)
        with pytest.raises(TypeError, match="not an acceptable base type"):
            type("X", (S.Circle,), {})


MATCH_SHAPE = """
def which(s):
    match s:
        case S.Circle(radius=r):
            return f"circle {r}"
        case S.Rectangle(w, h):
            return f"rect {w}x{h}"
        case S.Pair(a, b):
            return f"pair {a} {b}"
        case S.Nothing():
            return "nothing"
        case S.Blank():
            return "blank"
"""


def test_complex_enum_values_cross_the_boundary(fe_classes):
    m, S = fe_classes, fe_classes.Shape
    made = {k: m.make_shape(k) for k in ("circle", "rectangle", "pair", "nothing", "blank")}
    assert [type(v) for v in made.values()] == [S.Circle, S.Rectangle, S.Pair, S.Nothing, S.Blank]
    assert type(m.shape_new_bound()) is S.Pair  # Bound::new picks the variant's class too
    assert m.shape_debug(S.Rectangle(1.0, 2.0)) == "Rectangle { width: 1.0, height: 2.0 }"
    assert m.shape_debug(made["pair"]) == 'Pair(7, "seven")'
    with argument_error("shape"):
        m.shape_debug(3)

    # Positional patterns read __match_args__ (checked everywhere); `match` itself needs Python 3.10.
    assert S.Rectangle.__match_args__ == ("width", "height") and len(S.Pair.__match_args__) == 2
    # `Blank {}` is a struct variant without fields: built with no arguments, keyword-style signature
    assert type(S.Blank()) is S.Blank and S.Blank() == S.Blank() and S.Blank.__match_args__ == ()
    if not PYPY:  # no __text_signature__ on PyPy (README: PyPy)
        assert str(inspect.signature(S.Blank)) == "()"
    assert m.shape_debug(S.Blank()) == "Blank"
    if sys.version_info < (3, 10):
        return
    scope = {"S": S}
    exec(compile(MATCH_SHAPE, __file__, "exec"), scope)
    which = scope["which"]
    assert [which(v) for v in made.values()] == ["circle 2.0", "rect 2.0x3.0", "pair 7 seven", "nothing", "blank"]


def test_class_guards_as_receivers_and_parameters(fe_classes):
    """`PyClassGuard`/`PyClassGuardMut` (PyO3 0.29) borrow like `&self`/`&mut self`."""
    ledger = fe_classes.Ledger()
    assert (ledger.record(5), ledger.record(-2), ledger.total()) == (1, 2, 3)
    assert ledger.describe() == ("Ledger { entries: [5, -2] }", 5)
    other = fe_classes.Ledger()
    other.record(9)
    assert fe_classes.largest(ledger, other) == 9 and fe_classes.largest(ledger, ledger) == 5
    assert fe_classes.append(ledger, 4) == 3 and ledger.total() == 7
    # A shared guard held across a call back into Python: reading works, writing is refused.
    assert ledger.with_borrow(ledger.total) == 7
    with pytest.raises(RuntimeError, match="Already borrowed"):
        ledger.with_borrow(lambda: ledger.record(1))
    assert ledger.total() == 7  # the refused write changed nothing; the borrows were released
    with argument_error("ledger"):
        fe_classes.append(1, 2)


def test_from_py_with_on_a_method_parameter(fe_classes):
    c = fe_classes.Counter(1)
    assert c.add_len("abc") == 4 and c.count == 4
    with pytest.raises(TypeError) as info:
        c.add_len(1.5)
    try:
        len(1.5)  # type: ignore[arg-type]
    except TypeError as e:  # this interpreter's words (CPython's and PyPy's differ)
        assert str(info.value) == str(e)
    assert_names_argument(info.value, "step")
