"""End to end: `pyo3::ffi::compat`, the newer C API functions callable on every interpreter
(tests/crates/fe_stdtypes/src/compat.rs and compat_writer.rs). The crate calls each one beside
`use pyo3::ffi::*` and hands back what it reported: (return code, result, pending exception).
Where the interpreter has the function, compat's name is the real one, which the module's
imported symbols show."""

from __future__ import annotations

import gc
import importlib
import shutil
import subprocess
import sys
import types
import weakref

import pytest
from pypy_support import PYPY, collect

REFCOUNTS = not PYPY  # PyPy has no sys.getrefcount


def _library(module) -> str:
    return importlib.import_module(f"{module.__name__}.{module.__name__}").__file__


def _abi3(module) -> bool:
    """Built for the stable ABI (abi3-py311: the abi3-wheel runs of scripts/test-interpreters.sh)."""
    return ".abi3." in _library(module)


def _c_api(module) -> tuple[int, int]:
    """The C API version the module was built for: its shims are used below 3.13 and so on."""
    return (3, 11) if _abi3(module) else sys.version_info[:2]  # the abi3 builds ask for abi3-py311


def _refcount(obj) -> int | None:
    return sys.getrefcount(obj) if REFCOUNTS else None


def test_calls_without_arguments(fe_stdtypes):
    m = fe_stdtypes
    assert m.compat_call_no_args(lambda: 5) == (5, None)
    result, error = m.compat_call_no_args(5)
    assert result is None and isinstance(error, TypeError)
    assert m.compat_call_method_no_args([3, 1], "copy") == ([3, 1], None)
    result, error = m.compat_call_method_no_args(1, "no_such_method")
    assert result is None and isinstance(error, AttributeError)


def test_new_refs_add_one_reference(fe_stdtypes):
    # (returned the same object, Py_NewRef's change, Py_XNewRef's change, NULL stays NULL)
    assert fe_stdtypes.compat_new_refs(object()) == (True, 1, 1, True)


def test_module_add_object_ref_and_module_add(fe_stdtypes):
    m = fe_stdtypes
    for steal in (False, True):
        module, value = types.ModuleType("scratch"), object()
        before = _refcount(value)
        assert m.compat_module_add(module, value, steal=steal) == (0, None, None)
        assert module.attr is value
        if REFCOUNTS:  # the module holds one reference; PyModule_Add took the crate's own
            assert _refcount(value) == before + 1
        del module.attr
        if REFCOUNTS:
            assert _refcount(value) == before


def test_module_add_errors(fe_stdtypes):
    m, module, value = fe_stdtypes, types.ModuleType("scratch"), object()
    for steal in (False, True):
        rc, _, error = m.compat_module_add(module, None, steal=steal)
        assert rc == -1 and isinstance(error, SystemError)
        rc, _, error = m.compat_module_add(module, None, steal=steal, pending=True)
        assert rc == -1 and isinstance(error, ValueError) and str(error) == "pending"
        before = _refcount(value)
        rc, _, error = m.compat_module_add(1, value, steal=steal)
        assert rc == -1 and isinstance(error, TypeError)
        if REFCOUNTS:  # neither kept it; PyModule_Add released the reference it was given
            assert _refcount(value) == before
    assert not hasattr(module, "attr")


def test_dict_get_item_ref(fe_stdtypes):
    value = object()
    d = {"a": value}
    before = _refcount(value)
    assert fe_stdtypes.compat_dict_get_item_ref(d, "a") == (1, value, None)
    if REFCOUNTS:  # a new reference, which the crate released
        assert _refcount(value) == before
    assert fe_stdtypes.compat_dict_get_item_ref(d, "b") == (0, None, None)
    rc, result, error = fe_stdtypes.compat_dict_get_item_ref(d, [])
    assert (rc, result) == (-1, None) and isinstance(error, TypeError)
    rc, result, error = fe_stdtypes.compat_dict_get_item_ref([], "a")
    assert (rc, result) == (-1, None) and isinstance(error, SystemError)


def test_dict_set_default_ref(fe_stdtypes):
    m, present, default = fe_stdtypes, object(), object()
    d = {"a": present}
    before = _refcount(default)
    assert m.compat_dict_set_default_ref(d, "a", default, True) == (1, present, None)
    assert m.compat_dict_set_default_ref(d, "b", default, True) == (0, default, None)
    assert m.compat_dict_set_default_ref(d, "c", default, False) == (0, None, None)
    assert d == {"a": present, "b": default, "c": default}
    if REFCOUNTS:  # only the dict's two references remain
        assert _refcount(default) == before + 2
    rc, result, error = m.compat_dict_set_default_ref(d, [], default, True)
    assert (rc, result) == (-1, None) and isinstance(error, TypeError)
    assert len(d) == 3


def test_list_get_item_ref(fe_stdtypes):
    m, value = fe_stdtypes, object()
    items = [1, value]
    before = _refcount(value)
    assert m.compat_list_get_item_ref(items, 1) == (value, None)
    if REFCOUNTS:
        assert _refcount(value) == before
    for index in (2, -1):
        result, error = m.compat_list_get_item_ref(items, index)
        assert result is None and isinstance(error, IndexError)
    result, error = m.compat_list_get_item_ref((1, 2), 0)
    # The real function's TypeError; the shim is PyList_GetItem's SystemError, as PyO3's.
    assert result is None and isinstance(error, TypeError if _c_api(m) >= (3, 13) else SystemError)


def test_list_extend_and_clear(fe_stdtypes):
    m, items = fe_stdtypes, [1]
    assert m.compat_list_extend(items, (x for x in (2, 3))) == (0, None, None)
    assert m.compat_list_extend(items, items) == (0, None, None)
    assert items == [1, 2, 3, 1, 2, 3]
    rc, _, error = m.compat_list_extend(items, 5)
    assert rc == -1 and isinstance(error, TypeError)
    # PyPy's PyList_SetSlice assigns the slice of any object: a non-list is that TypeError.
    not_a_list = TypeError if PYPY else SystemError
    rc, _, error = m.compat_list_extend((), [1])
    assert rc == -1 and isinstance(error, not_a_list)
    assert m.compat_list_clear(items) == (0, None, None) and items == []
    rc, _, error = m.compat_list_clear({})
    assert rc == -1 and isinstance(error, not_a_list)


def test_import_add_module_ref(fe_stdtypes):
    m = fe_stdtypes
    before = _refcount(sys)
    assert m.compat_import_add_module_ref("sys") == (sys, None)
    if REFCOUNTS:
        assert _refcount(sys) == before
    name = "fe_stdtypes_compat_added"
    assert name not in sys.modules
    try:
        module, error = m.compat_import_add_module_ref(name)
        assert error is None and sys.modules[name] is module and module.__name__ == name
    finally:
        sys.modules.pop(name, None)


def test_weakref_get_ref(fe_stdtypes):
    class Target:
        pass

    called = []
    target, function = Target(), lambda: called.append(1)
    ref = weakref.ref(target)
    before = _refcount(target)
    assert fe_stdtypes.compat_weakref_get_ref(ref) == (1, target, None)
    for referent in (target, function):  # a proxy, and a callable proxy
        rc, result, error = fe_stdtypes.compat_weakref_get_ref(weakref.proxy(referent))
        if PYPY:  # cpyext's PyWeakref_GetObject would call the proxy; the shim refuses
            assert (rc, result) == (-1, None) and isinstance(error, TypeError)
            assert "weakref.proxy" in str(error)
        else:
            assert (rc, result, error) == (1, referent, None)
    assert not called
    if REFCOUNTS:
        assert _refcount(target) == before
    del target
    collect()
    assert fe_stdtypes.compat_weakref_get_ref(ref) == (0, None, None)
    rc, result, error = fe_stdtypes.compat_weakref_get_ref(1)
    assert (rc, result) == (-1, None) and isinstance(error, TypeError)


class _Attrs:
    present = "here"

    @property
    def failing(self):
        raise ValueError("failing")

    @property
    def missing(self):
        raise AttributeError("missing")


def test_get_optional_attr_and_has_attr_with_error(fe_stdtypes):
    m, obj = fe_stdtypes, _Attrs()
    assert m.compat_get_optional_attr(obj, "present") == (1, "here", None)
    assert m.compat_has_attr_with_error(obj, "present") == (1, None, None)
    for name in ("absent", "missing"):  # AttributeError means absent, and is cleared
        assert m.compat_get_optional_attr(obj, name) == (0, None, None)
        assert m.compat_has_attr_with_error(obj, name) == (0, None, None)
    for call in (m.compat_get_optional_attr, m.compat_has_attr_with_error):
        rc, result, error = call(obj, "failing")
        assert (rc, result) == (-1, None) and isinstance(error, ValueError)
        rc, result, error = call(obj, 5)
        assert (rc, result) == (-1, None) and isinstance(error, TypeError)


def test_iter_next_item(fe_stdtypes):
    def failing():
        yield 1
        raise KeyError("k")

    class Stops:
        def __iter__(self):
            return self

        def __next__(self):
            raise StopIteration

    m = fe_stdtypes
    assert m.compat_iter_drain(iter([1, 2])) == ([1, 2], 0, None)
    assert m.compat_iter_drain(Stops()) == ([], 0, None)  # StopIteration is exhaustion, cleared
    items, rc, error = m.compat_iter_drain(failing())
    assert (items, rc) == ([1], -1) and isinstance(error, KeyError)
    items, rc, error = m.compat_iter_drain([1])  # an iterable, not an iterator
    assert (items, rc) == ([], -1) and isinstance(error, TypeError)
    assert str(error).startswith("expected an iterator")


@pytest.mark.parametrize("data", [b"", b"a", b"abc", bytes(range(256)) * 5])
def test_hash_buffer_is_the_bytes_hash(fe_stdtypes, data):
    assert fe_stdtypes.compat_hash_buffer(data) == hash(data) == hash(memoryview(data))


def test_hash_buffer_over_str_data(fe_stdtypes):
    # ormsgpack's use: the code units of a str hash as the str does (CPython's full API only).
    if PYPY or _abi3(fe_stdtypes):
        assert not hasattr(fe_stdtypes, "compat_hash_str_data")
        return
    for text in ("", "ascii", "héllo", "€uro", "\U0001f600 wide"):
        assert fe_stdtypes.compat_hash_str_data(text) == hash(text)


def test_thread_state_get_unchecked(fe_stdtypes):
    if _abi3(fe_stdtypes):  # not in the limited API of any version
        assert not hasattr(fe_stdtypes, "compat_thread_state_unchecked")
        return
    # (attached: the current thread state, detached: NULL); cpyext keeps the thread's state
    # while it is detached, so PyPy's _PyThreadState_UncheckedGet is not NULL then.
    assert fe_stdtypes.compat_thread_state_unchecked() == (True, not PYPY)


# Chunks that make the writer cross 256 bytes (CPython 3.15's inline buffer) and grow often.
CHUNKS = [b"ab", b"c" * 300, bytes(range(256)) * 20, b"", b"z"] + [bytes([i]) * i for i in range(1, 60)]


@pytest.mark.parametrize("initial", [0, 5, 1024])
@pytest.mark.parametrize("finish", ["with_size", "resize"])
def test_bytes_writer_builds_the_bytes(fe_stdtypes, initial, finish):
    data, sizes = fe_stdtypes.compat_bytes_writer(CHUNKS, initial, finish)
    assert type(data) is bytes and data == b"".join(CHUNKS)
    # Each resize set exactly the size asked for: the running total, once it passed `initial`.
    totals, total = [], 0
    for chunk in CHUNKS:
        total += len(chunk)
        if total > max(initial, totals[-1] if totals else 0):
            totals.append(total)
    assert sizes == totals and len(sizes) > 3


def test_bytes_writer_edge_cases(fe_stdtypes):
    cases = {name: rest for name, *rest in fe_stdtypes.compat_bytes_writer_cases()}
    # (result, exception, code, size)
    _, error, created_null, _ = cases["create_negative"]
    assert created_null == 1 and isinstance(error, ValueError)
    _, error, rc, size = cases["resize_negative"]
    assert (rc, size) == (-1, 4) and isinstance(error, ValueError)  # the writer kept its size
    for name in ("finish_too_large", "finish_negative"):
        result, error, _, _ = cases[name]
        assert result is None and isinstance(error, ValueError)
    assert cases["finish_prefix"] == [b"ab", None, 0, 0]
    assert cases["empty"] == [b"", None, 1, 0]  # GetData is not NULL at size 0
    assert cases["shrink_then_grow"] == [b"az", None, 0, 2]
    assert cases["discarded"] == [None, None, 0, 5000]


def _exercise(m) -> None:
    """Every path of every shim once (for the leak checks)."""
    test_calls_without_arguments(m)
    test_module_add_object_ref_and_module_add(m)
    test_module_add_errors(m)
    test_dict_get_item_ref(m)
    test_dict_set_default_ref(m)
    test_list_get_item_ref(m)
    test_list_extend_and_clear(m)
    test_import_add_module_ref(m)
    test_weakref_get_ref(m)
    test_get_optional_attr_and_has_attr_with_error(m)
    test_iter_next_item(m)
    m.compat_hash_buffer(b"abc")
    for finish in ("with_size", "resize"):
        m.compat_bytes_writer(CHUNKS, 5, finish)
    m.compat_bytes_writer_cases()


@pytest.mark.skipif(not hasattr(sys, "gettotalrefcount"), reason="needs a debug CPython (python3.11-dbg)")
def test_no_reference_leaks(fe_stdtypes):
    for _ in range(5):
        _exercise(fe_stdtypes)
    gc.collect()
    before = sys.gettotalrefcount()
    for _ in range(200):
        _exercise(fe_stdtypes)
    gc.collect()
    assert sys.gettotalrefcount() - before < 50


@pytest.mark.skipif(PYPY, reason="PyPy has no tracemalloc")
def test_bytes_writer_frees_its_memory(fe_stdtypes):
    import tracemalloc

    m = fe_stdtypes
    tracemalloc.start()  # traces PyMem_Malloc, where the writers live
    try:
        for _ in range(3):
            m.compat_bytes_writer_cases()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(500):
            m.compat_bytes_writer_cases()
            m.compat_bytes_writer([b"x" * 1000, b"y" * 100], 0, "with_size")
        gc.collect()
        # A writer lost per call would be 1000 x 24 bytes at least.
        assert tracemalloc.get_traced_memory()[0] - before < 8000
    finally:
        tracemalloc.stop()


def _expected_symbols(m) -> tuple[set[str], set[str]]:
    """(C functions the module must import: the real ones, those it must not: shims' targets)."""
    version, limited, api = sys.version_info[:2], _abi3(m), _c_api(m)
    real, shim = set(), set()

    def pick(name: str, is_real: bool) -> None:
        (real if is_real else shim).add(("PyPy" + name[2:]) if PYPY and name.startswith("Py") else name)

    cpython = not PYPY
    pick("PyObject_CallNoArgs", True)
    pick("Py_NewRef", api >= (3, 10) and cpython)
    pick("Py_XNewRef", api >= (3, 10) and cpython)
    pick("PyModule_AddObjectRef", api >= (3, 10) and (cpython or version >= (3, 11)))
    for name in ("PyDict_GetItemRef", "PyList_GetItemRef", "PyImport_AddModuleRef", "PyWeakref_GetRef",
                 "PyList_Extend", "PyList_Clear", "PyModule_Add", "PyObject_GetOptionalAttr",
                 "PyObject_HasAttrWithError"):
        pick(name, api >= (3, 13))
    pick("PyDict_SetDefaultRef", api >= (3, 13) and not limited)
    if not limited:
        pick("PyThreadState_GetUnchecked", api >= (3, 13))
    pick("Py_HashBuffer", api >= (3, 14) and not limited and cpython)
    pick("PyIter_NextItem", api >= (3, 14))
    return real, shim


@pytest.mark.skipif(shutil.which("nm") is None, reason="needs nm (binutils)")
def test_real_functions_where_the_interpreter_has_them(fe_stdtypes):
    out = subprocess.run(["nm", "-D", "--undefined-only", _library(fe_stdtypes)],
                         capture_output=True, text=True, check=True).stdout
    imported = {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
    real, shim = _expected_symbols(fe_stdtypes)
    assert real <= imported, f"shims used where the interpreter has the function: {sorted(real - imported)}"
    assert not shim & imported, f"imported but not available everywhere: {sorted(shim & imported)}"
