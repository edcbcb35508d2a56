"""End to end: pyo3::types' object types — capsules, closures, weak references,
ranges, code, frames, super, mapping proxies, dict views, generic aliases — and
pyo3::marshal (tests/crates/fe_stdtypes/src/objects.rs)."""

from __future__ import annotations

import gc
import importlib
import marshal
import sys
import types
import weakref

import pytest
from arg_errors import argument_error
from pypy_support import collect

IS_PYPY = sys.implementation.name == "pypy"


def test_capsule_holds_a_value_under_its_name(fe_stdtypes):
    capsule = fe_stdtypes.capsule_of(42)
    assert type(capsule).__name__ == "PyCapsule"
    assert "fe_stdtypes.counter" in repr(capsule)
    assert fe_stdtypes.capsule_value(capsule) == (42, "fe_stdtypes.counter", 0)
    with argument_error("capsule", match="PyCapsule"):
        fe_stdtypes.capsule_value(42)
    assert fe_stdtypes.kinds_of(capsule) == ["capsule"]


def test_capsule_value_is_dropped_once_when_freed(fe_stdtypes):
    collect()  # PyPy frees earlier tests' capsules late; they must not count here
    before, _ = fe_stdtypes.capsule_drops()
    capsule = fe_stdtypes.capsule_of(7)
    assert fe_stdtypes.capsule_drops()[0] == before
    del capsule
    collect()
    assert fe_stdtypes.capsule_drops()[0] == before + 1
    collect()
    assert fe_stdtypes.capsule_drops()[0] == before + 1


def test_capsule_destructor_gets_value_and_context(fe_stdtypes):
    collect()
    before, _ = fe_stdtypes.capsule_drops()
    capsule = fe_stdtypes.capsule_with_destructor(5, 0xBEEF)
    assert fe_stdtypes.capsule_value(capsule) == (5, "fe_stdtypes.counter", 0xBEEF)
    del capsule
    collect()
    assert fe_stdtypes.capsule_drops() == (before + 1, 0xBEEF)


def test_capsule_import_by_dotted_path(fe_stdtypes, monkeypatch):
    home = types.ModuleType("fe_stdtypes_home")
    # `PyCapsule_Import` checks that the capsule's name is the path it was found at.
    home.counter = fe_stdtypes.capsule_of(99)
    monkeypatch.setitem(sys.modules, "fe_stdtypes_home", home)
    with pytest.raises(AttributeError):
        fe_stdtypes.import_capsule("fe_stdtypes_home.missing")
    # The capsule is named `fe_stdtypes.counter`, so importing it from elsewhere is refused.
    with pytest.raises(AttributeError, match="is not valid"):
        fe_stdtypes.import_capsule("fe_stdtypes_home.counter")
    fe_stdtypes_pkg = types.ModuleType("fe_stdtypes")
    fe_stdtypes_pkg.counter = home.counter
    monkeypatch.setitem(sys.modules, "fe_stdtypes", fe_stdtypes_pkg)
    assert fe_stdtypes.import_capsule("fe_stdtypes.counter") == 99


def test_closure_function(fe_stdtypes):
    drops = fe_stdtypes.closure_drops()
    total = fe_stdtypes.running_total()
    assert total.__name__ == "running_total" and total.__doc__ == "Adds its arguments."
    assert fe_stdtypes.kinds_of(total) == ["cfunction"]
    assert total(1, 2) == 3 and total(4) == 7
    assert total(10, reset=True) == 10
    with pytest.raises(TypeError):
        total("x")
    with pytest.raises(BaseException, match="negative amount -1") as info:
        total(-1)
    assert type(info.value).__name__ == "PanicException"
    assert total() == 10  # still usable after the panic
    other = fe_stdtypes.running_total()
    assert other(1) == 1 and total() == 10  # each closure has its own state
    del total, other, info  # the traceback holds the frame that holds `total`
    collect()
    assert fe_stdtypes.closure_drops() == drops + 2


def test_kinds_of_object_types(fe_stdtypes):
    def plain():
        pass

    class D(dict):
        pass

    d = {"a": 1}
    referent = D()
    samples = {
        "function": plain,
        # PyPy's builtins are not cpyext's PyCFunction objects; its own C functions are.
        "cfunction": fe_stdtypes.kinds_of if IS_PYPY else len,
        "code": plain.__code__,
        "range": range(3),
        "super": super(D, referent),
        "mappingproxy": types.MappingProxyType(d),
        "dict_keys": d.keys(),
        "dict_values": d.values(),
        "dict_items": d.items(),
        "alias": list[int],
    }
    for kind, obj in samples.items():
        # PyPy: no PyDictKeys/PyDictValues/PyDictItems (as in PyO3), so no kind for the views.
        expected = [] if IS_PYPY and kind.startswith("dict_") else [kind]
        assert fe_stdtypes.kinds_of(obj) == expected, kind
    assert fe_stdtypes.kinds_of(weakref.ref(referent)) == ["weakref", "ref"]
    assert fe_stdtypes.kinds_of(weakref.proxy(referent)) == ["weakref", "proxy"]
    assert fe_stdtypes.kinds_of(weakref.proxy(plain)) == ["weakref", "proxy"]  # CallableProxyType
    assert fe_stdtypes.kinds_of(object()) == []
    assert fe_stdtypes.kinds_of(lambda: None) == ["function"]


def test_range(fe_stdtypes):
    r, debug, display = fe_stdtypes.make_range(1, 10, 3)
    assert r == range(1, 10, 3) and (debug, display) == ("range(1, 10, 3)", "range(1, 10, 3)")
    assert fe_stdtypes.range_parts(range(-5, 5, 2)) == (-5, 5, 2)
    with pytest.raises(ValueError, match="must not be zero"):
        fe_stdtypes.make_range(0, 1, 0)
    with pytest.raises(TypeError, match="range"):
        fe_stdtypes.range_parts([0, 1])


def test_weak_references(fe_stdtypes):
    class D(dict):
        pass

    target = D(a=1, b=2)
    ref = fe_stdtypes.weak_ref(target, None)
    assert isinstance(ref, weakref.ReferenceType) and ref() is target
    proxy = fe_stdtypes.weak_proxy(target)
    assert type(proxy) is weakref.ProxyType and proxy["a"] == 1
    assert fe_stdtypes.upgrade(ref) is target
    if IS_PYPY:
        # cpyext has no C call for a proxy's referent (PyWeakref_GetObject would call the referent).
        with pytest.raises(BaseException, match="PyPy's C API cannot give the referent of a weakref.proxy") as info:
            fe_stdtypes.upgrade(proxy)
        assert type(info.value).__name__ == "PanicException"
    else:
        assert fe_stdtypes.upgrade(proxy) is target
    assert fe_stdtypes.upgraded_dict_len(ref) == 2
    called = []
    with_callback = fe_stdtypes.weak_ref(target, called.append)
    del target
    gc.collect()
    assert called == [with_callback]
    assert fe_stdtypes.upgrade(ref) is None and (IS_PYPY or fe_stdtypes.upgrade(proxy) is None)
    assert fe_stdtypes.upgraded_dict_len(ref) is None

    class Other:
        pass

    other = Other()
    with pytest.raises(TypeError, match="dict"):
        fe_stdtypes.upgraded_dict_len(weakref.ref(other))
    with pytest.raises(TypeError, match="weak"):
        fe_stdtypes.weak_ref(1, None)
    with pytest.raises(TypeError):
        fe_stdtypes.upgrade(other)  # not a weak reference


def test_code_compile_and_run(fe_stdtypes):
    code, value = fe_stdtypes.compile_and_run("x = 6\ny = x * 7", "y - x")
    assert isinstance(code, types.CodeType) and code.co_filename == "<fe_stdtypes>"
    assert value == 36
    with pytest.raises(SyntaxError):
        fe_stdtypes.compile_and_run("x = = 1", "x")
    with pytest.raises(NameError):
        fe_stdtypes.compile_and_run("x = 1", "missing")


def test_super(fe_stdtypes):
    class A:
        def who(self):
            return "A"

    class B(A):
        def who(self):
            return "B"

    assert fe_stdtypes.super_attr(B, B(), "who")() == "A"
    with pytest.raises(AttributeError):
        fe_stdtypes.super_attr(A, A(), "who")
    with pytest.raises(TypeError):
        fe_stdtypes.super_attr(B, object(), "who")


def test_mapping_proxy(fe_stdtypes):
    d = {"a": 1}
    proxy = fe_stdtypes.read_only(d)
    assert type(proxy) is types.MappingProxyType
    with pytest.raises(TypeError):
        proxy["b"] = 2
    d["b"] = 2  # a view: changes show through
    assert fe_stdtypes.proxy_items(proxy) == ([("a", 1), ("b", 2)], False, 2)
    assert fe_stdtypes.proxy_items(types.MappingProxyType({})) == ([], True, 0)
    with pytest.raises(TypeError, match="mappingproxy|MappingProxyType"):
        fe_stdtypes.proxy_items(d)


def test_generic_alias(fe_stdtypes):
    alias = fe_stdtypes.generic_alias(dict, (str, int))
    assert alias == dict[str, int] and isinstance(alias, types.GenericAlias)


def _abi3(module) -> bool:
    """Built for the stable ABI (the abi3-wheel runs of scripts/test-interpreters.sh)."""
    return ".abi3." in importlib.import_module(f"{module.__name__}.{module.__name__}").__file__


def test_frame_for_rust_code(fe_stdtypes):
    if IS_PYPY or _abi3(fe_stdtypes):
        # PyFrame is absent on PyPy and under the limited API, as in PyO3: the crate leaves it out.
        assert not hasattr(fe_stdtypes, "rust_frame")
        return
    frame, line, code = fe_stdtypes.rust_frame(12)
    assert isinstance(frame, types.FrameType)
    assert code.co_name == "rust_fn" and code.co_filename == "lib.rs"
    assert line == frame.f_lineno == 12
    assert fe_stdtypes.kinds_of(frame) == ["frame"]


def test_marshal(fe_stdtypes):
    if _abi3(fe_stdtypes):
        # pyo3::marshal needs the full API, as in PyO3.
        assert not hasattr(fe_stdtypes, "marshal_round_trip")
        return
    value = {"a": [1, 2.5, None], "b": (b"x", frozenset({3}))}
    data, back = fe_stdtypes.marshal_round_trip(value)
    assert data == marshal.dumps(value, 4) and back == value
    with pytest.raises((EOFError, ValueError)):
        fe_stdtypes.marshal_load(b"\xff\x00")
