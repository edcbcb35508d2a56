"""Soundness scenarios for the leak driver (tests/leaks/driver.py), over tests/crates/fe_soundness:
unsendable classes across threads, `Py<T>` touched by unattached Rust threads, `__traverse__`
that drops or attaches, a panicking `__clear__`, and cycles through `extends` bases."""

from __future__ import annotations

import gc
import sys
import threading


_SUBINTERPRETER_MADE: list[bool] = []


def _subinterpreters():
    """CPython's private subinterpreter module: `_interpreters` from 3.13, `_xxsubinterpreters` before."""
    try:
        import _interpreters as si
    except ImportError:
        import _xxsubinterpreters as si
    return si


def register_soundness_scenarios(scenario, raises, m, PanicException) -> None:
    @scenario("unsendable class used by another thread", slow=True)
    def _():
        local = m.Local(3)
        assert local.total() == 3
        seen = []

        def other():
            try:
                local.total()
            except BaseException as e:  # noqa: BLE001 - each module has its own PanicException
                seen.append(f"{type(e).__name__}: {e}")
        t = threading.Thread(target=other)
        t.start()
        t.join()
        assert seen == ["PanicException: fe_soundness::threads::Local is unsendable, but sent to another thread"], seen

    @scenario("Py clone and drop on unattached Rust threads", slow=True)
    def _():
        obj = object()
        assert m.clone_on_rust_thread(obj) == "Py<T>::clone needs an attached thread; use clone_ref(py)"
        m.drop_on_rust_thread([1, 2])
        m.detach_returns_py([])  # the next attach applies the deferred decrement

    @scenario("Py clone and drop on unattached Rust threads after a subinterpreter existed", slow=True)
    def _():
        # Once any subinterpreter has existed, PyGILState_Check() says "attached" on every thread;
        # ferrule's own attach count must still refuse the clone and defer the drop.
        if not _SUBINTERPRETER_MADE and sys.implementation.name == "cpython":
            si = _subinterpreters()
            si.destroy(si.create())
            _SUBINTERPRETER_MADE.append(True)
        obj = object()
        assert m.clone_on_rust_thread(obj) == "Py<T>::clone needs an attached thread; use clone_ref(py)"
        m.drop_on_rust_thread([1, 2])
        m.detach_returns_py([])

    @scenario("__traverse__ that drops a reference or attaches", slow=True)
    def _():
        dropping = m.Slot(1)
        dropping.set([1, 2, 3])
        attaching = m.Slot(2)  # no cycle: a traverse that panics visits nothing
        attaching.set([4])
        gc.collect()
        assert not dropping.held() and attaching.held()

    @scenario("panic in __clear__, then a retry", slow=True)
    def _():
        hook, sys.unraisablehook = sys.unraisablehook, lambda u: None
        try:
            m.clear_panics(True)
            f = m.Fragile()
            f.link(f)
            del f
            gc.collect()
        finally:
            m.clear_panics(False)
            sys.unraisablehook = hook
        gc.collect()

    @scenario("cycles through every level of an extends chain", slow=True)
    def _():
        s = m.SubHolder()
        s.set_a(s)
        s.set_b([s])
        p = m.PlainSub()
        p.set_a(p)
        del s, p
        gc.collect()
