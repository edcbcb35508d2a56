"""Panics everywhere become Python exceptions, never an abort (fe_functions/src/reliability.rs, fe_panic_init).

Panics in pyclass members (`#[new]`, methods, getters, setters, special methods, `__next__`)
use tests/crates/fe_classes/src/panicky.rs; a panicking `Drop` is in test_e2e_classes.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pypy_support import pypy_cannot


def panic_exception(module):
    try:
        module.boom("probe")
    except BaseException as e:  # noqa: BLE001 - PanicException derives from BaseException
        return type(e)
    raise AssertionError("boom did not raise")


@pytest.mark.parametrize("kind, message", [
    ("str", "a static str"),
    ("string", "an owned String"),
    ("int", "panic from Rust code"),
    ("unit", "panic from Rust code"),
    ("struct", "panic from Rust code"),
])
def test_panic_payloads(fe_functions, kind, message):
    PanicException = panic_exception(fe_functions)
    with pytest.raises(PanicException) as info:
        fe_functions.panic_with(kind)
    assert str(info.value) == message
    assert not isinstance(info.value, Exception)
    # PyO3's name, which tests of PyO3 projects may match.
    assert (type(info.value).__module__, type(info.value).__qualname__) == ("pyo3_runtime", "PanicException")


@pypy_cannot("no sys.getrefcount: PyPy's objects have no reference count to compare")
def test_panic_releases_converted_arguments(fe_functions):
    PanicException = panic_exception(fe_functions)
    marker = object()
    before = sys.getrefcount(marker)
    for _ in range(100):
        with pytest.raises(PanicException, match='holding 3 items and "text"'):
            fe_functions.panic_holding([marker, marker, marker], "text")
    assert sys.getrefcount(marker) == before


def test_panic_in_drop_of_returned_value(fe_functions):
    PanicException = panic_exception(fe_functions)
    with pytest.raises(PanicException, match=r"^drop of PanicsOnDrop\(5\)$"):
        fe_functions.returns_panics_on_drop(5)
    # The module keeps working afterwards.
    assert fe_functions.add(2, 3) == 5


def test_panic_through_a_python_callback(fe_functions):
    """Rust → Python → Rust panics: the PanicException crosses both Rust frames unchanged."""
    PanicException = panic_exception(fe_functions)
    with pytest.raises(PanicException, match="^boom: nested$"):
        fe_functions.apply(lambda x: fe_functions.boom("nested"), 1)
    with pytest.raises(PanicException, match="^boom: detached$"):
        fe_functions.detach_then_call(lambda x: fe_functions.boom("detached"), 1)


def test_panic_in_a_rust_thread_is_reported_to_the_caller(fe_functions):
    PanicException = panic_exception(fe_functions)
    # call_from_thread joins the thread with `expect`: the callback's panic surfaces as a panic here.
    with pytest.raises(PanicException):
        fe_functions.call_from_thread(lambda: fe_functions.boom("in thread"))


def test_many_panics_leave_the_interpreter_healthy(fe_functions):
    PanicException = panic_exception(fe_functions)
    for i in range(2000):
        try:
            fe_functions.panic_with("string" if i % 2 else "int")
        except PanicException:
            pass
    assert fe_functions.add(1, 1) == 2


def _run(test_env, code: str, **env: str) -> subprocess.CompletedProcess:
    full_env = dict(test_env.env, **env)
    full_env.pop("RUST_BACKTRACE", None)
    return subprocess.run([str(test_env.python), "-c", code], capture_output=True, text=True,
                          env=full_env, timeout=120)


IMPORT_PANICKING = """
import sys
try:
    import fe_panic_init
except BaseException as e:
    print(type(e).__name__, "|", e, "|", [c.__name__ for c in type(e).__mro__])
    print("in sys.modules:", "fe_panic_init" in sys.modules)
    # The interpreter is still usable, and a second import fails the same way.
    try:
        import fe_panic_init
    except BaseException as e2:
        print("again:", type(e2).__name__)
    sys.exit(0)
print("imported?!")
sys.exit(3)
"""


@pytest.mark.parametrize("payload, message", [(None, "fe_panic_init refuses to start"),
                                              ("1", "panic from Rust code")])
def test_panic_in_module_init_raises_on_import(test_env, payload, message):
    test_env.require("fe_panic_init")
    out = _run(test_env, IMPORT_PANICKING, **({"FE_PANIC_INIT_PAYLOAD": payload} if payload else {}))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"PanicException | {message} | ['PanicException', 'BaseException', 'object']", out.stdout
    assert lines[1] == "in sys.modules: False"
    assert lines[2] == "again: PanicException"
    # The panic message is printed by Rust's hook, but nothing aborted.
    assert "panicked at" in out.stderr
    assert "abort" not in out.stderr.lower()


def _class_panic(fe_classes):
    try:
        fe_classes.Panicky().method()
    except BaseException as e:  # noqa: BLE001
        return type(e)
    raise AssertionError("method did not panic")


@pytest.mark.parametrize("action, message", [
    (lambda m, p: m.Panicky(True), r"^panic in #\[new\]$"),
    (lambda m, p: m.Panicky(fail=True), r"^panic in #\[new\]$"),
    (lambda m, p: p.method(), "^panic in method at 0$"),
    (lambda m, p: m.Panicky.static_panic(), "^panic in staticmethod$"),
    (lambda m, p: p.value, "^panic in getter$"),
    (lambda m, p: setattr(p, "value", 4), "^panic in setter with 4$"),
    (lambda m, p: repr(p), "^panic in __repr__$"),
    (lambda m, p: len(p), "^panic in __len__$"),
    (lambda m, p: hash(p), "^panic in __hash__$"),
    (lambda m, p: p[7], "^panic in __getitem__ with 7$"),
    (lambda m, p: p + 2, "^panic in __add__ with 2$"),
    (lambda m, p: p == m.Panicky(), "^panic in __eq__$"),
    (lambda m, p: p(), "^panic in __call__$"),
])
def test_panic_in_class_members(fe_classes, action, message):
    PanicException = _class_panic(fe_classes)
    assert PanicException.__name__ == "PanicException" and not issubclass(PanicException, Exception)
    p = fe_classes.Panicky()
    with pytest.raises(PanicException, match=message):
        action(fe_classes, p)
    assert p.bump() == 1  # the instance (and its borrow flag) is intact


def test_panic_holding_a_mutable_borrow_releases_it(fe_classes):
    PanicException = _class_panic(fe_classes)
    p = fe_classes.Panicky()
    for expected in (1, 3, 5):
        with pytest.raises(PanicException, match="^panic while mutably borrowed$"):
            p.bump_then_panic()
        assert p.bump() == expected + 1  # the PyRefMut was released while unwinding


def test_panic_in_next_mid_iteration(fe_classes):
    PanicException = _class_panic(fe_classes)
    it = fe_classes.PanicIter()
    seen = []
    with pytest.raises(PanicException, match="^panic in __next__ at 3$"):
        for x in it:
            seen.append(x)
    assert seen == [1, 2]
    assert next(it) == 4  # the borrow held by __next__ was released
    assert list(zip(range(2), fe_classes.PanicIter())) == [(0, 1), (1, 2)]
