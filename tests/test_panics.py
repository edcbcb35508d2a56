"""Panics everywhere become Python exceptions, never an abort (fe_functions/src/reliability.rs, fe_panic_init).

Panics in pyclass methods, getters, setters, `__next__` and `Drop` belong with the classes
crate (tests/crates/fe_classes) and are tested there once it exists.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


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
