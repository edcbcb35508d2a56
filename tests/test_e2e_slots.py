"""Class options and special methods in their slots (tests/crates/fe_genapi/src/classes.rs):
extraction by clone as PyO3 0.27+ decides, the attribute, descriptor, async,
number, sequence, buffer protocols and `__init__`, raw identifiers."""

from __future__ import annotations

import ast
import asyncio

import pytest
from pypy_support import PYPY, PYPY39, collect
from arg_errors import argument_error


def test_clone_extraction_and_hand_written_impls(fe_genapi):
    assert fe_genapi.take_cloned(fe_genapi.Cloned(3), fe_genapi.Opted(4)) == 34
    # `skip_from_py_object` and a non-Clone class use their own `FromPyObject` (from an int here).
    assert fe_genapi.take_custom(5, 6) == 507
    with argument_error("c"):
        fe_genapi.take_cloned(3, fe_genapi.Opted(4))


def test_getattr_is_a_fallback_after_the_normal_lookup(fe_genapi):
    a = fe_genapi.Attrs()
    assert a.real == 42  # found normally: __getattr__ is not asked
    a.x = 5  # __setattr__
    assert a.x == 5  # not a real attribute: __getattr__
    with pytest.raises(AttributeError, match="no value nope"):
        a.nope
    del a.x
    with pytest.raises(AttributeError, match="x"):
        del a.x
    assert getattr(a, "x", "default") == "default"


def test_getattribute_then_getattr(fe_genapi):
    s = fe_genapi.Shouting()
    assert s.hello == "HELLO"
    assert s.quietly == "fallback quietly"
    with pytest.raises(AttributeError, match="read-only"):
        s.anything = 1
    with pytest.raises(AttributeError, match="can't delete attribute"):
        del s.anything


def test_descriptor_protocol(fe_genapi):
    class Host:
        rec = fe_genapi.Recorder()
        only = fe_genapi.SetOnly()

    h = Host()
    assert Host.rec == (True, None)  # no instance: `obj` is None
    assert h.rec == (False, None)
    h.rec = 5
    assert h.rec == (False, 5)
    del h.rec
    assert h.rec == (False, None)
    assert h.only == 7
    h.only = 1
    with pytest.raises(NotImplementedError, match="can't delete descriptor"):
        del h.only


def test_await_and_async_iteration(fe_genapi):
    async def main():
        value = await fe_genapi.Ready(5)
        seen = [x async for x in fe_genapi.Countdown(3)]
        return value, seen

    assert asyncio.run(main()) == (5, [3, 2, 1])


def test_matmul_divmod_and_pow_with_modulo(fe_genapi):
    n = fe_genapi.Num(3)
    assert n @ fe_genapi.Num(4) == 12
    assert 2 @ n == -6  # __rmatmul__
    assert divmod(n, 2) == (1, 1)
    assert pow(n, 2) == 9 and n ** 2 == 9
    assert pow(n, 2, 5) == 4


def test_sequence_concat_and_repeat(fe_genapi):
    s = fe_genapi.Seq([1, 2])
    assert (s + fe_genapi.Seq([3])).items() == [1, 2, 3]
    assert (s * 2).items() == [1, 2, 1, 2]
    assert list(s) == [1, 2]
    alias = s
    s += [9]
    assert s is alias and s.items() == [1, 2, 9]
    s *= 2
    assert s is alias and s.items() == [1, 2, 9, 1, 2, 9]


def test_init_runs_after_new(fe_genapi):
    assert (fe_genapi.Inited().v, fe_genapi.Inited().inits) == (1, 1)
    assert fe_genapi.Inited(5).v == 5
    assert fe_genapi.Inited(v=6).v == 6

    class Sub(fe_genapi.Inited):
        pass

    assert Sub(v=8).v == 8 and isinstance(Sub(), fe_genapi.Inited)
    with pytest.raises(TypeError, match="unexpected keyword argument 'w'"):
        fe_genapi.Inited(w=1)


def test_buffer_protocol(fe_genapi):
    b = fe_genapi.Bytes3()
    view = memoryview(b)
    assert bytes(view) == b"\x01\x02\x03" and view.readonly
    view.release()
    if PYPY:
        # cpyext calls __releasebuffer__ when the memoryview is collected, not on release().
        assert b.released == 0
        del view
        collect()
    assert b.released == 1
    assert bytes(b) == b"\x01\x02\x03"


def test_raw_identifiers_in_classes(fe_genapi):
    t = fe_genapi.Token("kw")
    assert (t.type, t.loop) == ("kw", 0)
    t.type = "z"
    assert t.type == "z"
    assert t.match("z") is True
    assert t.match(**{"in": "q"}) is False
    assert fe_genapi.Token.static(4) == 8


def test_stub_is_valid_python(test_env, fe_genapi):
    stub = (test_env.site_packages / "fe_genapi" / "__init__.pyi").read_text()
    ast.parse(stub)
    # `__getattr__` lives in tp_getattro, which Python shows as `__getattribute__`.
    assert "def __getattribute__(self, name: str, /) -> int: ..." in stub
    assert "def __add__(self, other: Seq, /) -> Seq: ..." in stub  # __concat__ as Python shows it
    assert "def match(self, in_: str, /) -> bool: ..." in stub
    assert "def type(self) -> str: ..." in stub
    assert "__getbuffer__" not in stub


def test_new_as_classmethod_sees_the_subtype(fe_genapi):
    assert fe_genapi.KnowsType("a").created_as == "KnowsType:a"

    class Sub(fe_genapi.KnowsType):
        pass

    assert Sub("b").created_as == "Sub:b"


def test_empty_struct_variants(fe_genapi):
    e = fe_genapi.Shapeish
    assert [fe_genapi.shapeish(v) for v in (e.Nothing(), e.Empty(), e.Sized(n=3))] == ["nothing", "empty", "sized 3"]
    assert isinstance(e.Nothing(), e)


def test_cfg_gated_async_fn_is_not_an_error(fe_genapi):
    assert not hasattr(fe_genapi, "never_compiled")  # the crate built: the gated item was never bound


def test_deleter(fe_genapi):
    s = fe_genapi.Slot()
    assert s.value == 1
    s.value = 5
    assert s.value == 5
    del s.value
    assert s.value is None
    with pytest.raises(AttributeError, match="refused"):
        del s.only_deletable
    with pytest.raises(AttributeError, match="can't set attribute"):
        s.only_deletable = 1


def test_variant_constructor_defaults(fe_genapi):
    import inspect

    named = fe_genapi.Defaults.Named()
    assert (named.a, named.b) == (42, None)
    assert fe_genapi.Defaults.Named(b="x").b == "x"
    tup = fe_genapi.Defaults.Tup()
    assert (tup._0, tup._1) == (1, True)
    assert fe_genapi.Defaults.Tup(5, False)._0 == 5
    assert fe_genapi.Defaults.Named.__text_signature__ == "(a=42, b=None)"
    if PYPY and not PYPY39:
        # PyPy 3.11's inspect reads the signature of the class's builtin __new__, which has none.
        with pytest.raises(ValueError, match="no signature found for builtin"):
            inspect.signature(fe_genapi.Defaults.Named)
        return
    assert str(inspect.signature(fe_genapi.Defaults.Named)) == "(a=42, b=None)"


def test_dict_class_cycles_are_collected(fe_genapi):
    import gc
    import weakref

    bag = fe_genapi.Bag()
    if not PYPY:  # PyPy has no gc.is_tracked
        assert gc.is_tracked(bag)
    bag.me = bag  # a cycle through the instance's __dict__
    gone = weakref.ref(bag)
    del bag
    collect()
    assert gone() is None
